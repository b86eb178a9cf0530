"""Functions, filters, script blocks, scopes and parameter binding in the compiled evaluator."""

from __future__ import annotations

from psbridge.objects import PSObject
from tests.language.evaluator_helpers import Session, one, run


def test_simple_function_parameters_defaults_and_args() -> None:
    assert run("function f($a, $b = 'dflt') { \"$a-$b\" }; f 1; f 1 2; f -b x -a y") == ["1-dflt", "1-2", "y-x"]
    assert run("function f { $args.Count; $args[1] }; f a b c") == [3, "b"]
    assert run("function f($a) { $a; $args }; f 1 2 3") == [1, 2, 3]
    assert run("function f($first) { $args }; f -unknown value 1") == ["-unknown", "value"]


def test_typed_parameters_convert_and_stay_typed() -> None:
    assert run("function f([int]$n) { $n + 1; $n = '7'; $n.GetType().Name }; f '41'") == [42, "Int32"]
    assert run("function f([int]$n, [string]$s, [bool]$b, [switch]$w) { $n; $s; $b; $w.IsPresent }; f") == [
        0,
        "",
        False,
        False,
    ]


def test_switch_parameters() -> None:
    assert run("function f([switch]$Force) { [bool]$Force }; f; f -Force; f -Force:$false") == [False, True, False]


def test_advanced_function_binding_and_psboundparameters() -> None:
    script = """
    function Get-Thing {
        [CmdletBinding(DefaultParameterSetName = 'ById')]
        param(
            [Parameter(Mandatory, Position = 0, ParameterSetName = 'ById')][string]$Id,
            [Parameter(ParameterSetName = 'ByName')][Alias('n')][string]$Name,
            [int]$Count = 3
        )
        $PSCmdlet.ParameterSetName
        $PSBoundParameters.Keys -join ','
        $Count
    }
    Get-Thing abc
    Get-Thing -n bob -Count 1
    """
    assert run(script) == ["ById", "Id", 3, "ByName", "Name,Count", 1]


def test_advanced_function_binding_errors_are_powershells() -> None:
    session = Session()
    session.run("function f { [CmdletBinding()] param([int]$n) $n }; f -n abc; f -bogus 1; 'after'")
    assert session.error_ids == [
        "ParameterArgumentTransformationError,f",
        "NamedParameterNotFound,f",
    ]


def test_validate_attributes() -> None:
    session = Session()
    script = """
    function f { param([ValidateSet('a', 'b')][string]$x, [ValidateRange(1, 5)][int]$n,
                       [ValidateScript({ $_ -like 'ok*' })][string]$s) "ran" }
    f -x a
    f -x c
    f -n 9
    f -s okay
    f -s bad
    """
    assert session.run(script) == ["ran", "ran"]
    assert [e.split(",")[0] for e in session.error_ids] == ["ParameterArgumentValidationError"] * 3


def test_pipeline_input_by_value_and_by_property_name() -> None:
    script = """
    function Show-Item {
        param([Parameter(ValueFromPipelineByPropertyName)][string]$Name,
              [Parameter(ValueFromPipelineByPropertyName)][int]$Size)
        process { "$Name=$Size" }
    }
    [pscustomobject]@{ Name = 'a'; Size = 1 }, [pscustomobject]@{ Name = 'b'; Size = '2' } | Show-Item
    function Double { param([Parameter(ValueFromPipeline)][int]$n) process { $n * 2 } }
    1..3 | Double
    """
    assert run(script) == ["a=1", "b=2", 2, 4, 6]


def test_begin_process_end_and_input() -> None:
    script = """
    function Sum { begin { $total = 0 } process { $total += $_ } end { $total } }
    1..4 | Sum
    function All { $input.Count; @($input)[-1] }
    'x', 'y' | All
    filter Twice { $_; $_ }
    1, 2 | Twice
    """
    assert run(script) == [10, 2, "y", 1, 1, 2, 2]


def test_process_runs_once_without_input() -> None:
    assert run("function f { process { 'p' } end { 'e' } }; f") == ["p", "e"]


def test_functions_stream_between_commands() -> None:
    script = """
    $seen = [System.Collections.ArrayList]::new()
    function Source { foreach ($i in 1..3) { [void]$seen.Add("out $i"); $i } }
    function Sink { process { [void]$seen.Add("in $_") } }
    Source | Sink
    $seen -join ';'
    """
    assert run(script) == ["out 1;in 1;out 2;in 2;out 3;in 3"]


def test_dynamic_scoping() -> None:
    script = """
    $x = 'global'
    function Inner { $x }
    function Outer { $x = 'outer'; Inner }
    Outer
    Inner
    function Change { $x = 'changed'; $script:y = 'script' }
    Change
    $x
    $y
    """
    assert run(script) == ["outer", "global", "global", "script"]


def test_scope_qualifiers_and_private() -> None:
    script = """
    function f { $global:g = 1; $private:p = 'mine'; Child }
    function Child { "child sees [$p]" }
    f
    $g
    """
    assert run(script) == ["child sees []", 1]


def test_script_blocks_are_values() -> None:
    assert run("$sb = { param($a) $a * 2 }; & $sb 21; $sb.Invoke(2); (& { $args[0] } 'z')") == [42, 4, "z"]
    assert run("$x = 1; . { $x = 2 }; $x; & { $x = 3 }; $x") == [2, 2]
    assert run("[scriptblock]$sb = { 'typed' }; & $sb") == ["typed"]
    assert run("$sb = [scriptblock]::Create('1 + 1'); & $sb") == [2]
    assert one("{ 'text' }.ToString()") == " 'text' "


def test_get_new_closure_captures_values() -> None:
    script = """
    function Make($n) { { $n * 10 }.GetNewClosure() }
    $ten = Make 1
    $twenty = Make 2
    & $ten
    & $twenty
    """
    assert run(script) == [10, 20]


def test_scriptblock_api_for_cmdlets() -> None:
    session = Session()
    block = session.run("{ $_ * 2 }")[0]
    assert block.invoke_with_underbar(21) == [42]
    assert block(5) == 10
    session.run("$counter = 0")
    counting = session.run("{ $counter++ }")[0]
    counting.invoke_with_underbar(None)
    counting.invoke_with_underbar(None)
    assert session.value("counter") == 2  # dot-sourced, as ForEach-Object runs -Process
    scoped = session.run("{ param($a, $b) $a + $b }")[0]
    assert scoped.invoke(1, 2) == [3]


def test_where_and_foreach_methods_run_script_blocks() -> None:
    assert run("(1..6).Where({ $_ % 2 -eq 0 })") == [2, 4, 6]
    assert run("(1..3).ForEach({ $_ * 3 })") == [3, 6, 9]
    assert run("(1..6).Where({ $_ -gt 2 }, 'First')") == [3]


def test_replace_and_split_take_script_blocks() -> None:
    assert one("'a1b2' -replace '\\d', { [int]$_.Value + 1 }") == "a2b3"
    assert one("('a,b;c' -split { $_ -eq ',' -or $_ -eq ';' }).Count") == 3


def test_recursion_and_call_depth_overflow() -> None:
    assert one("function fact($n) { if ($n -le 1) { 1 } else { $n * (fact ($n - 1)) } }; fact 10") == 3628800
    session = Session()
    try:
        session.run("function down($n) { down ($n + 1) }; down 0")
    except Exception as error:
        assert getattr(error, "error_id", None) == "CallDepthOverflow"
        assert type(error).__name__ != "RecursionError"
    else:
        raise AssertionError("runaway recursion must end the script")


def test_dot_sourcing_a_script_file_and_psscriptroot(tmp_path) -> None:  # type: ignore[no-untyped-def]
    library = tmp_path / "lib.ps1"
    library.write_text("function Get-Root { $PSScriptRoot }\n$fromLib = 'loaded'\n", encoding="utf-8")
    session = Session()
    output = session.run(f". '{library}'; Get-Root; $fromLib")
    assert output == [str(tmp_path), "loaded"]


def test_script_files_bind_their_param_block(tmp_path) -> None:  # type: ignore[no-untyped-def]
    script = tmp_path / "greet.ps1"
    script.write_text("param([string]$Name = 'world', [int]$Times = 1)\nforeach ($i in 1..$Times) { \"hi $Name\" }\n")
    assert run(f"& '{script}' -Name bob") == ["hi bob"]
    assert run(f"& '{script}'") == ["hi world"]


def test_function_output_objects_keep_their_identity() -> None:
    session = Session()
    output = session.run("function f { [pscustomobject]@{ A = 1; B = 'two' } }; f")
    assert isinstance(output[0], PSObject)
    assert output[0].B == "two"


def test_validate_script_messages_are_powershells() -> None:
    # ValidateScriptAttribute.ValidateElement (Attributes.cs): the block's text as ToString gives it,
    # each element of a collection, $null as ValidateNotNull, ErrorMessage with {0} value, {1} script
    session = Session()
    session.run(
        "function f { param([ValidateScript({ $_ -gt 0 })][int[]]$N) 'ran' }; f 1, 2; f 1, 0\n"
        "function g { param([ValidateScript({ $_ -like 'a*' }, ErrorMessage = 'Bad {0} for {1}')]$S) 'ran' }\n"
        "g zzz; g $null"
    )
    assert [str(record) for record in session.errors] == [
        "Cannot validate argument on parameter 'N'. The \" $_ -gt 0 \" validation script for the argument with "
        'value "0" did not return a result of True. Determine why the validation script failed, and then try the '
        "command again.",
        "Cannot validate argument on parameter 'S'. Bad zzz for  $_ -like 'a*' ",
        "Cannot validate argument on parameter 'S'. The argument is null. Provide a valid value for the argument, "
        "and then try running the command again.",
    ]
    assert session.error_ids == ["ParameterArgumentValidationError,f"] + ["ParameterArgumentValidationError,g"] * 2
