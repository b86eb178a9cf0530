"""Classes and enums a script defines: what the Pester translations do not cover (psbridge's own cases,
with the values and messages PowerShell 7 gives)."""

from __future__ import annotations

from typing import Any

import pytest

import psbridge
from psbridge.conversion.script_types import ScriptObject
from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace


def run(script: str) -> list[Any]:
    return run_text(Runspace(), script)


def error_of(script: str) -> tuple[str, str]:
    (fqid, message) = run(f"try {{ {script} }} catch {{ $_.FullyQualifiedErrorId; $_.Exception.Message }}")
    return fqid, message


def test_property_defaults_follow_the_declared_type() -> None:
    script = """
    enum Level { Low = 1; High = 2 }
    class Defaults { [string]$S; [int]$I; [bool]$B; [datetime]$D; $Untyped; [double]$F; [Level]$L; [int[]]$A }
    $d = [Defaults]::new()
    $null -eq $d.S; $d.I; $d.B; $d.D.Year; $null -eq $d.Untyped; $d.F.GetType().Name; [int]$d.L; $null -eq $d.A
    """
    assert run(script) == [True, 0, False, 1, True, "Double", 0, True]


def test_types_are_defined_before_the_script_runs() -> None:
    script = "[Later]::new().Name; [Order]::Second\nclass Later { [string]$Name = 'made' }\nenum Order { A; Second }"
    out = run(script)
    assert out[0] == "made" and str(out[1]) == "Second"


def test_flags_enum_text_casts_and_operators() -> None:
    script = """
    [Flags()] enum Access { Read = 1; Write = 2; Run = 4 }
    "$([Access]6)"; ([Access]::Read -bor [Access]::Run).ToString(); [int][Access]'read, WRITE'
    ('run' -as [Access]).ToString(); $null -eq ('nope' -as [Access]); ([Access]7).HasFlag([Access]::Write)
    [Access]::Write -gt [Access]::Read; [Access]::Write.GetType().FullName; [Access]::Read -is [enum]
    [Enum]::GetNames([Access]) -join ','
    """
    assert run(script) == ["Write, Run", "Read, Run", 3, "Run", True, True, True, "Access", True, "Read,Write,Run"]


def test_plain_enum_refuses_commas_and_unknown_numbers() -> None:
    assert error_of("enum Color { Red; Green }; [Color]'Red, Green'") == (
        "InvalidCastEnumFromTypeNotAString",
        'Cannot convert value "Red, Green" to type "Color". Error: "Cannot convert value "Red, Green" to type '
        '"Color" because no commas are allowed for this enumeration."',
    )
    assert error_of("enum Color { Red; Green }; [Color]7")[0] == "InvalidCastFromIntegerToEnum"


def test_enum_and_class_typed_parameters_bind_like_powershell() -> None:
    script = """
    enum Size { Small; Large }
    class Box { [Size]$Size; [int]$Count }
    function Get-Box { param([Size]$Size, [Box]$Box) "$Size $($Box.Size) $($Box.Count) $($Box -is [Box])" }
    Get-Box -Size large -Box @{ Size = 'small'; Count = '3' }
    """
    assert run(script) == ["Large Small 3 True"]
    fqid, message = error_of("enum Size { Small; Large }; function Get-Box([Size]$Size) { $Size }; Get-Box huge")
    assert fqid == "ParameterArgumentTransformationError,Get-Box"
    assert message == (
        "Cannot process argument transformation on parameter 'Size'. Cannot convert value \"huge\" to type "
        '"Size". Error: "Unable to match the identifier name huge to a valid enumerator name. Specify one of '
        'the following enumerator names and try again: Small, Large"'
    )


def test_hashtable_to_class_conversion_and_its_errors() -> None:
    script = """
    class Step { [string]$Explanation; [string]$Output }
    class Plan { [Step[]]$Steps; [string]$Goal }
    $p = [Plan]@{ Goal = 'x'; Steps = @(@{ Explanation = 'a'; Output = 'b' }, @{ Explanation = 'c' }) }
    $p.Steps.GetType().Name; $p.Steps[1].Explanation; $null -eq $p.Steps[1].Output; $p.Steps[0] -is [Step]
    """
    assert run(script) == ["Step[]", "c", True, True]
    assert error_of("class Step { [string]$Text; [int]$N }; [Step]@{ Txt = 1 }") == (
        "ObjectCreationError",
        'Cannot create object of type "Step". The property \'Txt\' was not found for the \'Step\' object. '
        "The settable properties are: [Text <System.String>], [N <System.Int32>].",
    )


def test_typed_property_assignment_converts_or_fails() -> None:
    assert run("class C { [int]$N }; $c = [C]::new(); $c.N = '42'; $c.N; $c.N.GetType().Name") == [42, "Int32"]
    assert error_of("class C { [int]$N }; $c = [C]::new(); $c.N = 'many'") == (
        "ExceptionWhenSetting",
        'Exception setting "N": "Cannot convert value "many" to type "System.Int32". Error: "The input string '
        "'many' was not in a correct format.\"\"",
    )
    assert error_of("class C { [int]$N }; $c = [C]::new(); $c.Other = 1") == (
        "PropertyNotFound",
        "The property 'Other' cannot be found on this object. Verify that the property exists and can be set.",
    )


def test_methods_convert_their_result_and_void_writes_nothing() -> None:
    script = """
    class Calc {
        [int] Twice([int]$x) { return "$($x * 2)" }
        [void] Nothing() { 'not output' }
        [string[]] Pair() { Write-Output 'ignored'; return 'a', 'b' }
        static [int] Sum([int[]]$xs) { $t = 0; foreach ($x in $xs) { $t += $x }; return $t }
    }
    $c = [Calc]::new()
    $c.Twice('21').GetType().Name; @($c.Nothing()).Count; $c.Pair().GetType().Name; [Calc]::Sum(@(1, 2, 3))
    """
    assert run(script) == ["Int32", 0, "String[]", 6]
    assert error_of("class Calc { [int] Twice([int]$x) { return $x } }; [Calc]::new().Twice()") == (
        "MethodCountCouldNotFindBest",
        'Cannot find an overload for "Twice" and the argument count: "0".',
    )


def test_instances_format_and_serialize_as_objects_with_properties() -> None:
    script = """
    class Person { [string]$Name; [int]$Age; hidden [string]$Secret = 's' }
    $p = [Person]@{ Name = 'Ann'; Age = 7 }
    ($p | Format-List | Out-String).Trim()
    $p | ConvertTo-Json -Compress
    "$p"; $p.GetType().FullName
    """
    assert run(script) == ["Name : Ann\nAge  : 7", '{"Name":"Ann","Age":7}', "Person", "Person"]


def test_to_string_override_and_static_state() -> None:
    script = """
    class Counter {
        static [int]$Made = 0
        [string]$Label
        Counter([string]$label) { $this.Label = $label; [Counter]::Made++ }
        [string] ToString() { return "#$($this.Label)" }
    }
    $a = [Counter]::new('a'); $b = [Counter]::new('b')
    "$a $b"; [Counter]::Made
    """
    assert run(script) == ["#a #b", 2]


def test_types_belong_to_their_session() -> None:
    first = psbridge.PowerShell()
    first.add_script("class Only { [int]$N = 1 }; [Only]::new()")
    (instance,) = first.invoke()
    assert isinstance(instance, ScriptObject) and instance.N == 1
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.run("[Only]::new()")
    (record,) = caught.value.errors
    assert record.fully_qualified_error_id == "TypeNotFound"
    assert str(record.exception) == "Unable to find type [Only]."


def test_a_class_method_calls_back_into_a_recursive_method() -> None:
    script = """
    class F { static [long] Fact([int]$n) { if ($n -le 1) { return 1 }; return $n * [F]::Fact($n - 1) } }
    [F]::Fact(20)
    """
    assert run(script) == [2432902008176640000]


def test_runaway_method_recursion_is_call_depth_overflow() -> None:
    script = """
    class R { [int] Down([int]$n) { return $this.Down($n + 1) } }
    try { [R]::new().Down(0) } catch { $_.FullyQualifiedErrorId }
    """
    (fqid,) = run(script)
    assert fqid == "CallDepthOverflow"
