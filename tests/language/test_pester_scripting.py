# ruff: noqa: E501  (the scripts are PowerShell lines as the Pester tests have them)
"""Scripting: try/catch/finally, trap and parameter binding of script functions, from PowerShell's Pester tests
(test/powershell/Language/Scripting/; each case cites file:line)."""

from __future__ import annotations

import pytest

from tests.language.pester_helpers import Case, case_ids, run_case

TC = "Scripting/TryCatch.Tests.ps1"
CASES: list[Case] = [
    (f"{TC}:94", '$a = . { try { 1; throw "exception"; "test failed" } catch { 2 } }; $a', [1, 2]),
    (f"{TC}:99", "$a = . { try { 1 } finally { 2 } }; $a", [1, 2]),
    (f"{TC}:104", '$a = . { try { 1; throw "exception"; "test failed" } catch { 2 } finally { 3 } }; $a', [1, 2, 3]),
    (
        f"{TC}:111",
        '$a = . { trap { "test failed" } try { 1; throw "exception"; "test failed" } catch { 2 } }; $a',
        [1, 2],
    ),
    (
        f"{TC}:116",
        '$a = . { try { 1; throw "exception"; trap { 2; return }; "test failed" } catch { "test failed" } }; $a',
        [1, 2],
    ),
    (f"{TC}:123", '. { try { 1; $a = 0; 1/$a; "test failed" } catch [DivideByZeroException] { 2 } }', [1, 2]),
    (
        f"{TC}:128",
        '. { try { 1; $a = 0; 1/$a; "test failed" } catch [DivideByZeroException] { 2 } catch [Exception] { "test failed" } }',
        [1, 2],
    ),
    (
        f"{TC}:133",
        '. { try { 1; $a = 0; 1/$a; "test failed" } catch [DivideByZeroException] { 2 } catch { "test failed" } }',
        [1, 2],
    ),
    (
        f"{TC}:138",
        '. { try { 1; $a = 0; 1/$a; "test failed" } catch [DivideByZeroException],[ArgumentNullException] { 2 } }',
        [1, 2],
    ),
    (
        f"{TC}:143",
        '. { try { 1; throw ([ArgumentNullException]::new("bad")) } catch [DivideByZeroException],[ArgumentNullException] { 2 } }',
        [1, 2],
    ),
    (
        f"{TC}:150",
        '. { foreach ($i in (1..3)) { try { if ($i -eq 2) { break }; $i } catch { "test failed" } finally { "finally: $i" } } }',
        [1, "finally: 1", "finally: 2"],
    ),
]
CASES += [
    (
        f"{TC}:168",
        '. { foreach ($i in (1..3)) { try { if ($i -eq 2) { continue }; $i } catch { "test failed" } finally { "finally: $i" } } }',
        [1, "finally: 1", "finally: 2", 3, "finally: 3"],
    ),
    (
        f"{TC}:208",
        '. { foreach ($i in (1..3)) { try { try { if ($i -eq 2) { continue }; $i } catch { "f2" } finally { "finally#2: $i" } } catch { "f1" } finally { "finally#1: $i" } } }',
        [1, "finally#2: 1", "finally#1: 1", "finally#2: 2", "finally#1: 2", 3, "finally#2: 3", "finally#1: 3"],
    ),
    (
        f"{TC}:232",
        '. { foreach ($i in (1..3)) { try { try { if ($i -eq 2) { break }; $i } catch { "f2" } finally { "finally#2: $i" } } catch { "f1" } finally { "finally#1: $i" } } }',
        [1, "finally#2: 1", "finally#1: 1", "finally#2: 2", "finally#1: 2"],
    ),
    (
        f"{TC}:258",
        '. { try { throw 1 } catch { foreach ($i in (1..3)) { if ($i -eq 2) { break }; $i } } finally { "finally" } }',
        [1, "finally"],
    ),
    (
        f"{TC}:276",
        '. { foreach ($i in (1..3)) { try { throw 1 } catch { if ($i -eq 2) { break }; $i } finally { "finally $i" } } }',
        [1, "finally 1", "finally 2"],
    ),
    (
        f"{TC}:294",
        '. { try { throw 1 } catch { foreach ($i in (1..3)) { if ($i -eq 2) { continue }; $i } } finally { "finally" } }',
        [1, 3, "finally"],
    ),
    (
        f"{TC}:312",
        '. { foreach ($i in (1..3)) { try { throw 1 } catch { if ($i -eq 2) { continue }; $i } finally { "finally $i" } } }',
        [1, "finally 1", "finally 2", 3, "finally 3"],
    ),
    (
        f"{TC}:330",
        '. { foreach ($i in (1..3)) { try { try { throw 1 } catch { if ($i -eq 2) { continue }; $i } finally { "finally#2: $i" } } catch { "f1" } finally { "finally#1: $i" } } }',
        [1, "finally#2: 1", "finally#1: 1", "finally#2: 2", "finally#1: 2", 3, "finally#2: 3", "finally#1: 3"],
    ),
    (
        f"{TC}:354",
        '. { foreach ($i in (1..3)) { try { try { throw 1 } catch { if ($i -eq 2) { break }; $i } finally { "finally#2: $i" } } catch { "f1" } finally { "finally#1: $i" } } }',
        [1, "finally#2: 1", "finally#1: 1", "finally#2: 2", "finally#1: 2"],
    ),
    (
        f"{TC}:426",
        '. { try { "try" } catch { } finally { "finally"; foreach ($i in (1..3)) { if ($i -eq 2) { break }; $i } } }',
        ["try", "finally", 1],
    ),
]
CASES += [
    (
        f"{TC}:445",
        '. { try { "try" } catch { } finally { "finally"; foreach ($i in (1..3)) { if ($i -eq 2) { continue }; $i } } }',
        ["try", "finally", 1, 3],
    ),
    (
        f"{TC}:466",
        '. { try { "try"; throw 1 } catch { "catch" } finally { "finally"; foreach ($i in (1..3)) { if ($i -eq 2) { break }; $i } } }',
        ["try", "catch", "finally", 1],
    ),
    (
        f"{TC}:487",
        '. { try { "try"; throw 1 } catch { "catch" } finally { "finally"; foreach ($i in (1..3)) { if ($i -eq 2) { continue }; $i } } }',
        ["try", "catch", "finally", 1, 3],
    ),
    (
        f"{TC}:510",
        "$a = . { try { throw 42 } catch { $_ } }; [int]$a.ToString(); $a -is [System.Management.Automation.ErrorRecord]",
        [42, True],
    ),
    (
        f"{TC}:523",
        '. { try { "outer try"; try { "inner try"; $a = 0; 1 / $a } catch [OutOfMemoryException] { "test failed" } finally { "inner finally" } } catch [DivideByZeroException] { "caught" } finally { "outer finally" } }',
        ["outer try", "inner try", "inner finally", "caught", "outer finally"],
    ),
    (
        f"{TC}:551",
        '$a = . { try { try { $a = 0; 1 / $a } catch { "inner catch"; $script:ex_inner = $_; throw } } catch { "outer catch"; $script:ex_outer = $_ } }; $a; $ex_inner.Exception -eq $ex_outer.Exception',
        ["inner catch", "outer catch", True],
    ),
    (
        f"{TC}:572",
        '. { function foo { trap [system.management.automation.runtimeexception] { return "test passed" }; trap { return "test failed" }; throw }; try { $a = 0; 1 / $a } catch { foo } }',
        ["test passed"],
    ),
    (
        f"{TC}:596",
        '$exception = $null; $a = try { Get-ChildItem /nonexistent-psbridge/NotExist -ErrorAction Stop } catch [System.Management.Automation.ActionPreferenceStopException] { $exception = $_.Exception.GetType().FullName; "ActionPreferenceStopException Caught" }; $a; $exception',
        ["ActionPreferenceStopException Caught", "System.Management.Automation.ItemNotFoundException"],
    ),
    (
        f"{TC}:622",
        'try { Get-ChildItem /nonexistent-psbridge/NotExist -ErrorAction Stop } catch [System.Management.Automation.ItemNotFoundException] { "ItemNotFoundException caught" } catch [System.Exception] { "System.Exception caught" }',
        ["ItemNotFoundException caught"],
    ),
    (
        f"{TC}:633",
        'try { Get-ChildItem /nonexistent-psbridge/NotExist -ErrorAction Stop } catch [System.Management.Automation.ItemNotFoundException] { "ItemNotFoundException caught" } catch [System.Management.Automation.RuntimeException] { "RuntimeException caught" } catch [System.Exception] { "System.Exception caught" }',
        ["ItemNotFoundException caught"],
    ),
    (  # the same rule for $ErrorActionPreference = 'Stop' and a script's own Write-Error
        f"{TC}:596",
        "$ErrorActionPreference = 'Stop'; try { Write-Error 'bad' } catch [System.Management.Automation.ActionPreferenceStopException] { 'stopped: ' + $_.Exception.Message }",
        ["stopped: bad"],
    ),
    (
        f"{TC}:646",
        'try { throw [System.Management.Automation.ItemNotFoundException]::new() } catch [System.Management.Automation.ItemNotFoundException] { "ItemNotFoundException caught" } catch [System.Management.Automation.RuntimeException] { "RuntimeException caught" } catch [System.Exception] { "System.Exception caught" }',
        ["ItemNotFoundException caught"],
    ),
]
TRAP = "Scripting/Trap.Tests.ps1"
CASES += [
    (
        f"{TRAP}:7",
        '$a = . {trap {"trapped"; continue;}; . {"hello"; throw "exception"; "world"}}; $a.Length; $a -join ","',
        [2, "hello,trapped"],
    ),
    (
        f"{TRAP}:13",
        '$a = . {trap {"outer trap"; continue;}; . {trap {"inner trap"; break;}; "hello"; throw "exception"; "world"}}; $a.Length; $a -join ","',
        [3, "hello,inner trap,outer trap"],
    ),
    (
        f"{TRAP}:19",
        '$a = . {trap {"outer trap"; continue;} "hello"; throw "exception"; "world"}; $a.Length; $a -join ","',
        [3, "hello,outer trap,world"],
    ),
    (
        f"{TRAP}:25",
        '$a = . {trap {"outer trap"; continue;}; . {trap [system.Argumentexception] {"inner trap"; continue;}; "hello"; throw "exception"; "world"}}; $a.Length; $a -join ","',
        [2, "hello,outer trap"],
    ),
]


BINDING = "Scripting/ParameterBinding.Tests.ps1"
BINDING_CASES: list[Case] = [
    (f"{BINDING}:53", "function get-foo { [CmdletBinding()] param($a) $a }; get-foo a; get-foo -a b", ["a", "b"]),
    (f"{BINDING}:65", "function get-foo { param([Parameter(position=1)] $a ) $a }; get-foo b", ["b"]),
    (f"{BINDING}:75", "function get-foo { param([Parameter(position=2)] $a ) $a }; get-foo b", ["b"]),
    (
        f"{BINDING}:85",
        "function get-foo { param([Parameter(position=1)] $a, [Parameter(position=2)] $b) $a; $b }; (get-foo c d) -join ','; (get-foo -a c d) -join ','; (get-foo -a c -b d) -join ','; (get-foo -b d c) -join ','; (get-foo c -b d) -join ','",
        ["c,d"] * 5,
    ),
    (
        f"{BINDING}:100",
        "function get-foo { param([Parameter(position=2)] $a, [Parameter(position=1)] $b) $a; $b }; (get-foo c d) -join ','",
        ["d,c"],
    ),
    (
        f"{BINDING}:112",
        "function get-foo { param([Parameter(valuefrompipeline=$true)] $a) process { if ($a % 2 -eq 0) { $a } } }; (1..10 | get-foo) -join ','",
        ["2,4,6,8,10"],
    ),
    (
        f"{BINDING}:145",
        "function get-foo { param([Parameter(position=1)] $a, [Parameter(valuefromremainingarguments=$true)] $foo) $foo }; (get-foo a b c d) -join ','; (get-foo a b -a c d) -join ','; (get-foo a b -a c -q d) -join ','",
        ["b,c,d", "a,b,d", "a,b,-q,d"],
    ),
    (
        f"{BINDING}:160",
        "function get-foo { param([Parameter(parametersetname='set1',position=1)] $a, [Parameter(parametersetname='set2',position=1)] $b, [parameter(valuefromremainingarguments=$true)] $foo) $foo }; try { get-foo -a a -b b c d } catch { $_.FullyQualifiedErrorId }; (get-foo -a a b c d) -join ','; (get-foo -b b a c d) -join ','",
        ["AmbiguousParameterSet,get-foo", "b,c,d", "a,c,d"],
    ),
    (
        f"{BINDING}:187",
        "function get-foo { [CmdletBinding(DefaultParameterSetName='set1')] param([Parameter(parametersetname='set1', position=1)] $a, [Parameter(parametersetname='set2', position=1)] $b, [parameter(valuefromremainingarguments=$true)] $foo) $a,$b,$foo }; $x,$y,$z = get-foo a b c d; $x; $null -eq $y; $z -join ','",
        ["a", True, "b,c,d"],
    ),
    (
        f"{BINDING}:203",
        "function get-foo { [CmdletBinding(DefaultParameterSetName='set2')] param([Parameter(parametersetname='set1', position=1)] $a, [Parameter(parametersetname='set2', position=1)] $b, [parameter(valuefromremainingarguments=$true)] $foo) $a,$b,$foo }; $x,$y,$z = get-foo a b c d; $null -eq $x; $y; $z -join ','",
        [True, "a", "b,c,d"],
    ),
    (
        f"{BINDING}:220",
        "function get-foo { param([Parameter(mandatory=$true)][alias('foo', 'bar')] $a) $a }; get-foo -foo b",
        ["b"],
    ),
    (
        f"{BINDING}:230",
        "$foo = . { param([Parameter(position=2)] $a, [Parameter(position=1)]$b); $a; $b } a b; $foo[0]",
        ["b"],
    ),
    (f"{BINDING}:235", "function foo ($a, $b) {$b, $a}; (foo a b) -join ','", ["b,a"]),
    (
        f"{BINDING}:240",
        "function get-foo { param([Parameter(mandatory=$true)] $a) $a }; try { get-foo -a $null } catch { $_.FullyQualifiedErrorId }",
        ["ParameterArgumentValidationErrorNullNotAllowed,get-foo"],
    ),
    (
        f"{BINDING}:251",
        "function get-foo { param([Parameter(mandatory=$true)][allownull()] $a) $a }; $null -eq (get-foo -a $null)",
        [True],
    ),
    (
        f"{BINDING}:262",
        "function get-foo { param([Parameter(mandatory=$true)][string] $a) $a }; try { get-foo -a '' } catch { $_.FullyQualifiedErrorId }",
        ["ParameterArgumentValidationErrorEmptyStringNotAllowed,get-foo"],
    ),
    (
        f"{BINDING}:272",
        "function get-foo { param([Parameter(mandatory=$true)][allowemptystring()][string] $a) $a }; get-foo -a ''",
        [""],
    ),
    (
        f"{BINDING}:282",
        "function get-foo { param([Parameter(mandatory=$true)][string[]] $a) $a }; try { get-foo -a @() } catch { $_.FullyQualifiedErrorId }",
        ["ParameterArgumentValidationErrorEmptyArrayNotAllowed,get-foo"],
    ),
    (
        f"{BINDING}:292",
        "function get-foo { param([Parameter(mandatory=$true)][allowemptycollection()][string[]] $a) $a }; @(get-foo -a @()).Count",
        [0],
    ),
    (
        f"{BINDING}:302",
        "function get-foo { param([Parameter(Mandatory=$true, Position=0, ValueFromPipeline=$true)] $a, [System.Boolean] $b) $a }; 42 | get-foo",
        [42],
    ),
    (
        f"{BINDING}:313",
        "function get-foo { param([Parameter(ValueFromPipeline = $true)] [int] $Parameter1 = 10, [Parameter(ValueFromPipelineByPropertyName = $true)] [int] $Length = 100) process { $Length } }; 'abc' | get-foo",
        [3],
    ),
    (
        f"{BINDING}:324",
        "function get-foo { [cmdletbinding()] param ([bool[]] $Parameter) $Parameter }; try { get-foo 'a','b' } catch { $_.FullyQualifiedErrorId }",
        ["ParameterArgumentTransformationError,get-foo"],
    ),
    (
        f"{BINDING}:335",
        "function get-foo { param ([bool[]] $Parameter) $Parameter }; $x = get-foo 'a','b'; $x[0]; $x[1]",
        [True, True],
    ),
    (f"{BINDING}:389", "function get-fooe { param([ValidateRange(1,42)] $p = 55) $p }; get-fooe", [55]),
]


@pytest.mark.parametrize(("source", "script", "expected"), CASES, ids=case_ids(CASES))
def test_pester_scripting_assertion(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source


@pytest.mark.parametrize(("source", "script", "expected"), BINDING_CASES, ids=case_ids(BINDING_CASES))
def test_pester_parameter_binding_assertion(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source
