# ruff: noqa: E501  (the scripts are PowerShell lines as the Pester tests have them)
"""More of PowerShell's operator tests (test/powershell/Language/Operators/; each case cites file:line):
``??`` precedence and evaluation, ``?.``/``?[]`` on custom objects, arrays, hashtables and dates, and the
character ranges, walked or built."""

from __future__ import annotations

import pytest

from tests.language.pester_helpers import Case, case_ids, run_case

N = "Operators/NullConditional.Tests.ps1"
R = "Operators/RangeOperator.Tests.ps1"
RE = "Operators/ReplaceOperator.Tests.ps1"
C = "Operators/ComparisonOperator.Tests.ps1"
CH = "Operators/PipelineChainOperator.Tests.ps1"
NT_ERROR = (
    "filter Test-NonTerminatingError { [CmdletBinding()] param([Parameter(ValueFromPipeline)] [object[]] $input) "
    "if ($input -ne 2) { return $input }; $exception = [System.Exception]::new('NTERROR'); "
    "$errorRecord = [System.Management.Automation.ErrorRecord]::new($exception, 'NTERROR', [System.Management.Automation.ErrorCategory]::NotSpecified, $null); "
    "$PSCmdlet.WriteError($errorRecord) }; function Test-SuccessfulCommand { Write-Output 'SUCCESS' }; "
)
PSOBJ = (
    "$psObj = [psobject]::new(); $psObj | Add-Member -Name 'name' -Value 'value' -MemberType NoteProperty; "
    "$psObj | Add-Member -Name 'nested' -Value @{name = 'valuenested'} -MemberType NoteProperty; "
    "$psobj2 = [psobject]::new(); $psobj2 | Add-Member -Name 'GetHello' -Value { 'hello' } -MemberType ScriptMethod; "
    "$psObj | Add-Member -Name 'nestedMethod' -Value $psobj2 -MemberType NoteProperty; $array = 1..3; $hash = @{ a = 1; b = 2 }; "
)
CASES: list[Case] = [
    (f"{N}:182", "$testState = [pscustomobject]@{ Value = 0 }; (& { 'Test'; [void]$testState.Value++ }) ?? 'Nothing'; $testState.Value", ["Test", 1]),
    (f"{N}:190", "$true -and $null ?? $true", [True]),
    (f"{N}:194", "1 -band $null ?? 1", [1]),
    (f"{N}:198", "'x' -eq $null ?? 'x'; $null -eq $null ?? 'x'", [True, False]),
    (f"{N}:203", "$null -eq ('abc' -as [datetime] ?? 1)", [True]),
    (f"{N}:207", "('x' -replace 'x',$null ?? 1) -eq [string]::Empty", [True]),
    (f"{N}:211", "2 + $null ?? 3; 2 * $null ?? 3", [2, 0]),
    (f"{N}:219", "('{0}' -f $null ?? 'b') -eq [string]::Empty", [True]),
    (f"{N}:223", "1..$null ?? 2", [1, 0]),
    (f"{N}:244", "$x = $null; $x ??= 100 ?? 200; $x", [100]),
    (f"{N}:249", "function GetNull { return $null }; function GetHello { return 'Hello' }; $x = $null; $x ??= $x ?? (GetNull) ?? (GetHello); $x", ["Hello"]),
    (f"{N}:254", "$z ??= $null ?? 100; $z", [100]),
    (f"{N}:279", PSOBJ + "${psObj}?.name; ${array}?.length; ${hash}?.a; [int32]::MaxValue?.ToString()", ["value", 3, 1, "2147483647"]),
    (f"{N}:289", "$null -eq ${nonExistent}?.name; $null -eq ${nonExistent}?.MyMethod()", [True, True]),
    (f"{N}:296", PSOBJ + "$null -eq ${psObj}?.name?.nonExistent; $null -eq ${psObj}?.nonExistent?.nonExistent; $null -eq ${nonExistent}?.nonExistent?.nonExistent; ${psObj}?.nested?.name; ${psObj}?.nestedMethod?.GetHello()",
     [True, True, True, "valuenested", "hello"]),
    (f"{N}:305", "$methodName = 'ToLongDateString'; (Get-Date '11/11/2019')?.$methodName(); $null -eq ${doesNotExist}?.$methodName()", ["Monday, November 11, 2019", True]),
    (f"{N}:312", "$methodName = 'DoesNotExist'; try { (Get-Date '11/11/2019')?.$methodName() } catch { $_.FullyQualifiedErrorId }", ["MethodNotFound"]),
    (f"{N}:317", "$methodName = $null; try { (Get-Date '11/11/2019')?.$methodName() } catch { $_.FullyQualifiedErrorId }", ["MethodNotFound"]),
    (f"{N}:329", PSOBJ + "try { ${psObj}?.nestedMethod?.NonExistent() } catch { $_.FullyQualifiedErrorId }", ["MethodNotFound"]),
    (f"{N}:345", "$array = 1..3; $hash = @{ a = 1; b = 2 }; ${array}?[0]; ${array}?[0,1]; ${array}?[0..2]; ${array}?[-2]; ${hash}?['a']", [1, 1, 2, 1, 2, 3, 2, 1]),
    (f"{N}:354", "$null -eq ${doesnotExist}?[0]; $null -eq ${doesnotExist}?[0,1]; $null -eq ${doesnotExist}?[0..2]; $null -eq ${doesnotExist}?[-2]; $null -eq ${doesnotExist}?['a']", [True] * 5),
    (f"{N}:363", "$dateArray = @((Get-Date '11/1/2019'), (Get-Date '11/2/2019')); ${dateArray}?[0]?.ToLongDateString()", ["Friday, November 1, 2019"]),
    (f"{N}:367", "$dateArray = @((Get-Date '11/1/2019')); $null -eq ${dateArray}?[1234]?.ToLongDateString(); $null -eq ${doesNotExist}?[0]?.MyGetMethod()", [True, True]),
    (f"{R}:126", "$r = [char]'a'..[char]'c'; $r.Count; $r[0] -is [char]; \"$r\"; $r = [char]'C'..[char]'A'; \"$r\"; $r = \"C\"..[char]\"A\"; \"$r\"", [3, True, "a b c", "C B A", "C B A"]),
    (f"{R}:165", "$r = 'a'..'c' | ForEach-Object { $_ }; $r.Count; $r[0] -is [char]; \"$r\"; $r = 'C'..'A' | ForEach-Object { $_ }; \"$r\"", [3, True, "a b c", "C B A"]),
    (f"{R}:193", "$var1 = 'a'; $var2 = 'c'; \"$($var1..$var2)\"; \"$([char]$var2..[char]$var1)\"; \"$($var1..$var2 | ForEach-Object { $_ })\"; \"$([char]$var2..[char]$var1 | ForEach-Object { $_ })\"", ["a b c", "c b a", "a b c", "c b a"]),
    (f"{R}:221", "$u = \"`u{0110}\"..\"`u{0114}\"; $u.Count; $u[4] -eq \"`u{0114}\"[0]; $u.Where({$_ -is [char]}).Count", [5, True, 5]),
    (f"{R}:232", "('0'..'9').Where({$_ -is [int]}).Count; ([char]'0'..[char]'9').Where({$_ -is [char]}).Count; ('0'..'9' | ForEach-Object { $_ }).Where({$_ -is [int]}).Count", [10, 10, 10]),
    (f"{RE}:68", "$matchEvaluator = {return 'X' * $args[0].Value.Length} -as [System.Text.RegularExpressions.MatchEvaluator]; 'ID ABC123' -replace '\\b[A-C]+', $matchEvaluator", ["ID XXX123"]),
    (f"{RE}:74", "class R { static [string] Replace([System.Text.RegularExpressions.Match]$Match) { return 'X' * $Match.Value.Length } }; $substitutionMethod = [R]::Replace; 'ID 0000123' -replace '\\b0+', $substitutionMethod", ["ID XXXX123"]),
    (f"{RE}:96", "1.2 -split ','; 1.2 -replace ','", ["1.2", "1.2"]),
    (f"{C}:64", "[pscustomobject]@{foo=1} -is [pscustomobject]; [pscustomobject]@{foo=1} -is [psobject]; 'hello' -is [string]; 'hello' -is [system.string]; 100 -is [int]; 100 -is [system.int32]; 'hello' -isnot [int]", [True] * 7),
    (f"{C}:77", "[pscustomobject]@{foo=1} -is [string]; 'hello' -is [psobject]; 'hello' -isnot [string]", [False] * 3),
    (f"{C}:86", "'abc`def' -like 'abc`def'; 'abc`def' -like 'abc``def'; 'abc`def' -like 'abc````def'; 'abc``def' -like 'abc````def'", [False, True, False, True]),
    (f"{C}:91", "'abc`def' -like [WildcardPattern]::Escape('abc`def'); 'abc`def' -like [WildcardPattern]::Escape('abc``def'); 'abc``def' -like [WildcardPattern]::Escape('abc``def'); 'abc``def' -like [WildcardPattern]::Escape('abc````def')", [True, False, True, False]),
    (f"{C}:104", "([System.Security.AccessControl.AceFlags]::ObjectInherit -bxor [System.Security.AccessControl.AceFlags]::ContainerInherit).ToString()", ["ObjectInherit, ContainerInherit"]),
    (f"{C}:110", "([System.Management.Automation.CommandTypes]::Alias -bor [System.Management.Automation.CommandTypes]::Application).ToString()", ["Alias, Application"]),
    (f"{C}:116", "([System.Security.AccessControl.AceFlags]::ObjectInherit -band [System.Security.AccessControl.AceFlags]::ContainerInherit).ToString()", ["None"]),
    (f"{C}:122", "([System.Management.Automation.CommandTypes]::Alias -band [System.Management.Automation.CommandTypes]::All).ToString()", ["Alias"]),
    (f"{C}:134", "([System.Management.Automation.CommandTypes]::Alias -bxor [System.Management.Automation.CommandTypes]::Application).ToString()", ["Alias, Application"]),
    ("RegexOptions' zero member", "[System.Text.RegularExpressions.RegexOptions]::None -eq 0; [int][System.Management.Automation.CommandTypes]'All'", [True, 383]),
    (f"{CH}:57", NT_ERROR + "1,2 | Test-NonTerminatingError 2>$null && Test-SuccessfulCommand", [1]),
    (f"{CH}:58", NT_ERROR + "Test-SuccessfulCommand && 1,2 | Test-NonTerminatingError 2>$null", ["SUCCESS", 1]),
    (f"{CH}:59", NT_ERROR + "1,2 | Test-NonTerminatingError 2>$null || Test-SuccessfulCommand", [1, "SUCCESS"]),
    (f"{CH}:60", NT_ERROR + "Test-SuccessfulCommand || 1, 2 | Test-NonTerminatingError", ["SUCCESS"]),
    (f"{CH}:70", "'hello' && Get-Item macarena_doesnotexist 2>$null || 'there'; 'hello' || 'there'", ["hello", "there", "hello"]),
    (f"{CH}:71", "1 + 1 && 'Hi'", [2, "Hi"]),
    (f"{CH}:95", "if ($false && $true) { 'Hi' }", ["Hi"]),
    (f"{CH}:97", "if ('Hello' && Write-Error 'Bad' -ErrorAction Ignore) { $?; 1 } else { throw 'else' }", [True, 1]),
    (f"{CH}:98", "if (Write-Error 'Bad' -ErrorAction Ignore && 'Hello') { throw 'if' } else { $?; 1 }", [True, 1]),
    (f"{CH}:111", "$x = 1 && @(2, 3); $x.Count; $x = 1 && ,@(2, 3); $x.Count; $x[1].Count; $x = 1 && 2,@(3, 4); $x.Count; $x[2].Count", [3, 2, 2, 3, 2]),
    ("[System.Exception] converts", "$e = [System.Exception]::new('m'); $e.Message; ([System.Exception]'text').Message; $e -is [System.Exception]", ["m", "text", True]),
    (f"{R}:248", "$r = 1.1d..3.9d; $r.Count; \"$r\"; $r.Where({$_ -is [int]}).Count", [4, "1 2 3 4", 4]),
]


@pytest.mark.parametrize(("source", "script", "expected"), CASES, ids=case_ids(CASES))
def test_pester_operator_assertion(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source
