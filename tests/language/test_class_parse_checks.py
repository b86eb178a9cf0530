# ruff: noqa: E501  (the scripts are PowerShell lines as the Pester tests have them)
"""The parse-time checks PowerShell makes on classes (SemanticChecks.cs, SymbolResolver.cs), restated from
``ShouldBeParseError src ids offsets`` in test/powershell/Language/Classes/ (each case cites file:line): parsing
``src`` reports exactly these errors, in order, each at this offset; and a script with one never runs."""

from __future__ import annotations

import pytest

from psbridge.errors import PSError
from psbridge.language import parse_input
from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace

BP = "Scripting.Classes.BasicParsing.Tests.ps1"
EN = "scripting.enums.tests.ps1"

CASES: list[tuple[str, str, list[tuple[str, int]]]] = [
    (f"{BP}:267", "class foo {} class foo {}", [("MemberAlreadyDefined", 13)]),
    (f"{BP}:275", "class C {} class C {}", [("MemberAlreadyDefined", 11)]),
    (f"{EN}:115", "enum foo {} enum foo {}", [("MemberAlreadyDefined", 12)]),
    (f"{BP}:284", "class C {f(){ return 1} }", [("VoidMethodHasReturn", 14)]),
    (f"{BP}:285", "class C {[int] f(){ return } }", [("NonVoidMethodMissingReturnValue", 20)]),
    (f"{BP}:286", "class C {[int] f(){} }", [("MethodHasCodePathNotReturn", 15)]),
    (f"{BP}:287", "class C {f(){ $x=1; if($x -lt 2){ return } elseif($x -gt 0 ) {return 1} else{return 2} return 3 } }",
     [("VoidMethodHasReturn", 62), ("VoidMethodHasReturn", 77), ("VoidMethodHasReturn", 87)]),
    (f"{BP}:289", "class foo { [int] bar() { $y = $z; return $y} }", [("VariableNotLocal", 31)]),
    (f"{BP}:290", "class foo { bar() { foreach ($zz in $yy) { } } }", [("VariableNotLocal", 36)]),
    (f"{BP}:291", "class foo { bar() { foreach ($zz in $global:yy) { $abc = $zzzzz } } }", [("VariableNotLocal", 57)]),
    (f"{BP}:295", "class C { $x; static bar() { $this.x = 1 } }", [("NonStaticMemberAccessInStaticMember", 29)]),
    (f"{BP}:296", "class C { $x; static $y = $this.x }", [("NonStaticMemberAccessInStaticMember", 26)]),
    (f"{BP}:298", 'class C { [void]foo() { try { throw "foo"} finally { return } } }', [("ControlLeavingFinally", 53)]),
    (f"{BP}:299", "class C { [int]foo() { return; return 1 } }", [("NonVoidMethodMissingReturnValue", 23)]),
    (f"{BP}:300", 'class C { [int]foo() { try { throw "foo"} catch { } } }', [("MethodHasCodePathNotReturn", 15)]),
    (f"{BP}:301", 'class C { [int]foo() { try { throw "foo"} catch [ArgumentException] {} catch {throw $_} } }', [("MethodHasCodePathNotReturn", 15)]),
    (f"{BP}:302", 'class C { [int]foo() { try { throw "foo"} catch [ArgumentException] {return 1} catch {} } }', [("MethodHasCodePathNotReturn", 15)]),
    (f"{BP}:303", "class C { [int]foo() { while ($false) { return 1 } } }", [("MethodHasCodePathNotReturn", 15)]),
    (f"{BP}:304", "class C { [int]foo() { try { New-Item -ItemType Directory foo } finally { rm -rec foo } } }", [("MethodHasCodePathNotReturn", 15)]),
    (f"{BP}:305", "class C { [int]foo() { try { New-Item -ItemType Directory foo; return 1 } catch { } } }", [("MethodHasCodePathNotReturn", 15)]),
    (f"{BP}:306", "class C { [bool] Test() { if ($false) { return $true; } } }", [("MethodHasCodePathNotReturn", 17)]),
    (f"{BP}:308", "class C { [int]$i; [void] foo() {$i = 10} }", [("MissingThis", 33)]),
    (f"{BP}:309", "class C { static [int]$i; [void] foo() {$i = 10} }", [("MissingTypeInStaticPropertyAssignment", 40)]),
    (f"{BP}:317", "class foo { f() { param($x) } }", [("ParamBlockNotAllowedInMethod", 18)]),
    (f"{BP}:318", "class foo { f() { dynamicparam {} } }", [("NamedBlockNotAllowedInMethod", 18)]),
    (f"{BP}:319", "class foo { f() { begin {} } }", [("NamedBlockNotAllowedInMethod", 18)]),
    (f"{BP}:320", "class foo { f() { process {} } }", [("NamedBlockNotAllowedInMethod", 18)]),
    (f"{BP}:321", "class foo { f() { end {} } }", [("NamedBlockNotAllowedInMethod", 18)]),
    (f"{BP}:322", "class foo { f([Parameter()]$a) {} }", [("AttributeNotAllowedOnDeclaration", 14)]),
    (f"{BP}:323", "class foo { [int] foo() { return 1 }}", [("ConstructorCantHaveReturnType", 12)]),
    (f"{BP}:324", "class foo { [void] bar($a, [string][int]$b, $c) {} }", [("MultipleTypeConstraintsOnMethodParam", 35)]),
    (f"{BP}:328", 'class foo { [string ]$path; f() { $path="" } }', [("MissingThis", 34)]),
    (f"{BP}:329", 'class foo { [string ]$path; f() { [string] $path="" } }', [("MissingThis", 43)]),
    (f"{BP}:330", 'class foo { [string ]$path; f() { [int] [string] $path="" } }', [("MissingThis", 49)]),
    (f"{BP}:359", "[Flags()]class C{}", [("AttributeNotAllowedOnDeclaration", 0)]),
    (f"{BP}:360", "class C { [Flags()]$field; }", [("AttributeNotAllowedOnDeclaration", 10)]),
    (f"{BP}:361", "class C { [Flags()]foo(){} }", [("AttributeNotAllowedOnDeclaration", 10)]),
]

#: Methods PowerShell accepts (Scripting.Classes.BasicParsing.Tests.ps1:380-390, the "return analysis"
#: classes C11a-C11h, and the ordinary shapes scripts use): no error.
VALID = [
    'class C11a { [int]foo() { try {throw "foo"} catch {throw $_} } }',
    'class C11b { [int]foo() { try {throw "foo"} finally {}; try {} catch {} } }',
    'class C11c { [int]foo() { try {throw "foo"} catch [ArgumentException] {throw $_} catch {throw $_} } }',
    'class C11d { [int]foo() { try {if (1 -eq 2) { throw "1"} else {throw "2"}} finally {} } }',
    'class C11e { [int]foo() { try {throw "foo"} catch [ArgumentException] {throw $_} catch {return 1} } }',
    'class C11f { [int]foo() { try {} finally {throw "bar"} } }',
    "class C11g { [int]foo() { do { return 1 } while ($false) } }",
    'class C11h { [int]foo() { try {throw "foo"} finally {} } }',
    "class D { [int] f($x) { if ($x) { return 1 } else { return 2 } } }",
    "class D { [int] f($x) { foreach ($i in $x) { return $i }; return 0 } }",
    "class D { [int] f() { for (;;) { return 1 } } }",
    "class D { [int] f($x) { switch ($x) { 1 { return 1 } }; throw 'no' } }",
    "class D { $p; D() { $this.p = 1 } [void] g() { $q = { $p = 2 }; return } static [D] make() { return [D]::new() } }",
    "class D { static $s; static [void] g() { [D]::s = 1; $f = { $this } } }",
    "class D { $p; [void] g($p) { $p = 2 } }",
    "class D : System.Object { [string] ToString() { return 'd' } }",
    # variables a method may read: its own, its parameters', automatic and session ones, qualified ones
    "class D { [int] f([int]$a) { $b = 1; [int]$c = 2; ($d) = 3; $e, $f = 4, 5; foreach ($g in $a) { }; $h++; return $a + $b + $c + $d + $e + $f + $g + $h } }",
    "class D { [object] f() { $_; $args; $this; $PSItem; $Error; $LASTEXITCODE; $Matches; $Host; $PSVersionTable; $ErrorActionPreference; return $true -and $null } }",
    "class D { [object] f() { return $global:g + $script:s + $env:HOME + ${function:f} } }",
    "class D { [object] f() { Set-Variable v 1; return $v } }",
    "class D { [object] f() { Get-Date -OutVariable o | Out-Null; return $o } }",
    "class D { [object] f() { $sb = { $notHere }; return $sb } }",
]


@pytest.mark.parametrize(("source", "script", "expected"), CASES, ids=[case[0] for case in CASES])
def test_pester_class_parse_error(source: str, script: str, expected: list[tuple[str, int]]) -> None:
    _, errors = parse_input(script)
    assert [(error.error_id, error.extent.start_offset) for error in errors] == expected, source


@pytest.mark.parametrize("script", VALID)
def test_methods_pwsh_accepts_parse_cleanly(script: str) -> None:
    _, errors = parse_input(script)
    assert [error.error_id for error in errors] == []


def test_a_script_with_a_class_parse_error_never_runs() -> None:
    runspace = Runspace()
    with pytest.raises(PSError) as raised:
        run_text(runspace, "$script:ran = 1; class C { [int] f() { } }")
    record = raised.value.error_record
    assert record.fully_qualified_error_id == "MethodHasCodePathNotReturn"
    assert str(raised.value).endswith("Not all code path returns value within method.")
    assert runspace.get_variable("ran") == (False, None)


def test_error_messages_are_pwsh_templates() -> None:
    _, errors = parse_input("class C { [int]$i; static [int]$s; [void] foo() { $i = 1; $s = 2 } static bar() { $this } }")
    assert [error.message for error in errors] == [
        "Cannot assign property, use '$this.i'.",
        "Cannot assign property, use '[C]::s'.",
        "Cannot access the non-static member 'this' in a static method or initializer of a static property.",
    ]
