# ruff: noqa: E501  (the scripts are PowerShell lines as the Pester tests have them)
"""Operators: ternary, null-coalescing, range, -replace, -split, comparison and pipeline chains, from PowerShell's Pester tests
(test/powershell/Language/Operators/; each case cites file:line)."""

from __future__ import annotations

import pytest

from tests.language.pester_helpers import Case, case_ids, run_case

T = "Operators/TernaryOperator.Tests.ps1"
N = "Operators/NullConditional.Tests.ps1"
R = "Operators/RangeOperator.Tests.ps1"
CASES: list[Case] = [
    (f"{T}:8", "$true ? 1 : 2", [1]),
    (f"{T}:9", "$true? ?1 :2", [2]),
    (f"{T}:10", "${true}?1:2", [1]),
    (f"{T}:11", "1 ? 1kb : 0xf", [1024]),
    (f"{T}:12", "0 ?1kb:0xf", [15]),
    (f"{T}:13", "'s' ?1kb:0xf", [1024]),
    (f"{T}:14", "$null ?1kb:0xf", [15]),
    (f"{T}:15", "'' ?1kb:0xf", [15]),
    (f"{T}:18", "1,2,3,4 ? 'Core' : 'Desktop'", ["Core"]),
    (f"{T}:19", "@(1,2,3,4) ? 'Core' : 'Desktop'", ["Core"]),
    (f"{T}:20", "@{name = 'name'} ? 'Core' : 'Desktop'", ["Core"]),
    (f"{T}:21", "@{name = 'name'}.name ? 'Core' : 'Desktop'", ["Core"]),
    (f"{T}:22", "@{name = 'name'}.Contains('name') ? 'Core' : 'Desktop'", ["Core"]),
    (f"{T}:26", "($a = 1) ? 2 : 3", [2]),
    (f"{T}:27", "$($a = 1) ? 2 : 3", [3]),
    (f"{T}:28", "(Write-Warning -Message warning -WarningAction SilentlyContinue) ? 1 : 2", [2]),
    (f"{T}:29", "(Write-Error -Message error -ErrorAction SilentlyContinue) ? 1 : 2", [2]),
    (f"{T}:32", "-not $IsCoreCLR ? 'Desktop' : 'Core'", ["Core"]),
    (f"{T}:33", "$PSEdition -eq 'Core' ? 'Core' : 'Desktop'", ["Core"]),
    (f"{T}:35", "$IsCoreCLR -and 'pwsh' -match 'p.*h' ? 'Core' : 'Desktop'", ["Core"]),
    (f"{T}:36", "1,2,3 -contains 2 ? 'Core' : 'Desktop'", ["Core"]),
    (f"{T}:39", "$IsCoreCLR ? $false ? 'nested-if-true' : 'nested-if-false' : 'if-false'", ["nested-if-false"]),
    (
        f"{T}:40",
        "$IsCoreCLR ? $false ? 'nested-if-true' : $true ? 'nested-nested-if-true' : 'nested-nested-if-false' : 'if-false'",
        ["nested-nested-if-true"],
    ),
    (f"{T}:43", "!$IsCoreCLR ? 'Core' : 'Desktop' -EQ 'Core'", [False]),
    (f"{T}:44", "($IsCoreCLR ? 'Core' : 'Desktop') -eq 'Core'", [True]),
    (
        f"{T}:60",
        "try { (Write-Error -Message error -ErrorAction Stop) ? 1 : 2 } catch { $_.FullyQualifiedErrorId }",
        ["Microsoft.PowerShell.Commands.WriteErrorException"],
    ),
    (
        f"{T}:64",
        "function testFunc { param($psExec = $IsCoreCLR ? 'pwsh' : 'powershell.exe') $psExec }; testFunc",
        ["pwsh"],
    ),
    (
        f"{T}:72",
        "$IsCoreCLR ? ([string]$var = 'string') : 'blah' > $null; $var = 42; $var -is [string]; $var",
        [True, "42"],
    ),
    (f"{T}:84", "$result = ${IsCoreCLR}?{'Core'}:{'Desktop'}; $result -is [scriptblock]; & $result", [True, "Core"]),
    (
        f"{N}:22",
        "$variableDoesNotExist ??= 1; $variableDoesNotExist; $variableDoesNotExist ??= 2; $variableDoesNotExist",
        [1, 1],
    ),
    (f"{N}:30", "$v = $null; $v ??= 2; $v", [2]),
    (f"{N}:39", "$x = $null; $x ??= 1..2; $x", [1, 2]),
    (f"{N}:39", "$x = $null; $x ??= [byte]0x94; $x; $x.GetType().Name", [0x94, "Byte"]),
    (f"{N}:45", "$x = $null; $x ??= @{ 1 = '1' }; $x.Keys", [1]),
    (f"{N}:51", "$x = 100; $x ??= 200; $x", [100]),
    (f"{N}:81", "$x = ''; $x ??= 20; $x", [""]),
    (f"{N}:112", "$variableDoesNotExist ?? 100", [100]),
    (f"{N}:121", "$x = 100; $x ?? 200", [100]),
    (f"{N}:125", "1 ?? 2", [1]),
    (f"{N}:129", "$null ?? 'string value'", ["string value"]),
    (
        f"{N}:133",
        "$x = $null; $x ?? $null ?? 100; $null ?? $null ?? 100; $null ?? $null ?? $null; $x ?? 200 ?? $null; $x ?? 200 ?? 300; 100 ?? $x ?? 200; $null ?? 100 ?? $null ?? 200",
        [100, 100, None, 200, 200, 100, 100],
    ),
    (f"{N}:163", "$x = $null; $y = 2; $x ?? $y", [2]),
    (
        f"{N}:177",
        "$testState = [pscustomobject]@{ Value = 0 }; (& { [void]$testState.Value++ }) ?? 'Nothing'; $testState.Value",
        ["Nothing", 1],
    ),
    (
        f"{N}:183",
        "$testState = [pscustomobject]@{ Value = 0 }; (& { 'Test'; [void]$testState.Value++ }) ?? 'Nothing'; $testState.Value",
        ["Test", 1],
    ),
    (f"{R}:6", "$Range = 5..8; $Range.count; $Range[0] -is [int]; $Range[3]", [4, True, 8]),
    (f"{R}:20", "$Range = -8..-5; $Range.count; $Range[0]; $Range[3]", [4, -8, -5]),
    (f"{R}:29", "$Range = 0..0; $Range.count; $Range[0]", [1, 0]),
    (f"{R}:36", "$Range = 4..3; $Range.count; $Range[0]; $Range[1]", [2, 4, 3]),
    (f"{R}:43", "-2..2", [-2, -1, 0, 1, 2]),
    (f"{R}:65", "$var1 = -1; $var2 = 1; $var1..$var2; [int]$var2..[int]$var1", [-1, 0, 1, 1, 0, -1]),
    (
        f"{R}:93",
        "$CharRange = 'A'..'E'; $CharRange.count; $CharRange[0] -is [char]; $CharRange[4] -is [char]",
        [5, True, True],
    ),
    (f"{R}:113", "('a'..'c' -join ''); ('C'..'A' -join '')", ["abc", "CBA"]),
    (
        f"{R}:127",
        "([char]'a'..[char]'c' -join ''); ([char]'a'..'c' -join ''); ('a'..[char]'c' -join ''); ([char]'C'..'A' -join '')",
        ["abc", "abc", "abc", "CBA"],
    ),
]


REPLACE = "Operators/ReplaceOperator.Tests.ps1"
SPLIT = "Operators/SplitOperator.Tests.ps1"
REPLACE_SPLIT_CASES: list[Case] = [
    (f"{REPLACE}:7", '"Get-Process" -replace "Get", "Stop"', ["Stop-Process"]),
    (f"{REPLACE}:10", '"image.gif" -replace "\\.gif$",".jpg"', ["image.jpg"]),
    (
        f"{REPLACE}:21",
        '"book" -replace "B","C"; "book" -ireplace "B","C"; "book" -creplace "B","C"',
        ["Cook", "Cook", "book"],
    ),
    (f"{REPLACE}:32", '"PowerPoint" -replace "Point","Shell"; "PowerPoint" -replace "Point"', ["PowerShell", "Power"]),
    (
        f"{REPLACE}:40",
        '$res = "PowerPoint1","PowerPoint2" -replace "Point","Shell"; $res.Count; $res',
        [2, "PowerShell1", "PowerShell2"],
    ),
    (f"{REPLACE}:45", '"PowerPoint1","PowerPoint2" -replace "Point"', ["Power1", "Power2"]),
    (
        f"{REPLACE}:54",
        '"domain.example" -replace ".*\\.(\\w+)$","Tld of \'`$0\' is - \'`$1\'"',
        ["Tld of 'domain.example' is - 'example'"],
    ),
    (f"{REPLACE}:59", '"domain.example" -replace ".*\\.(?<tld>\\w+)$","`${tld}"', ["example"]),
    (f"{REPLACE}:64", '"ID ABC123" -replace "\\b[A-C]+", {return "X" * $_.Value.Length}', ["ID XXX123"]),
    (f"{SPLIT}:6", '$res = "a b", "c d" -split " "; $res.count; $res', [4, "a", "b", "c", "d"]),
    (f"{SPLIT}:24", '"a b c d" -split " ", 2', ["a", "b c d"]),
    (f"{SPLIT}:29", '("a b c d" -split " ", 0).Count', [4]),
    (f"{SPLIT}:36", '"a b c d" -split " ", -2', ["a b c", "d"]),
    (f"{SPLIT}:41", '"a b c d" -split " ", -1', ["a b c d"]),
    (f"{SPLIT}:47", '("a b c d" -split " ",8).Count; ("a b c d" -split " ",-8).Count', [4, 4]),
    (f"{SPLIT}:61", '" " -split " ",-2', ["", ""]),
    (f"{SPLIT}:68", "\"a b c d\" -split {$_ -like ' '},-2", ["a b c", "d"]),
    (
        f"{SPLIT}:73",
        "(\"a b c d\" -split {$_ -like ' '},-4).Count; (\"a b c d\" -split {$_ -like ' '},-8).Count",
        [4, 4],
    ),
    (f"{SPLIT}:87", "\" \" -split {$_ -like ' '},-4", ["", ""]),
    (f"{SPLIT}:92", "\"folder/path/to/file\" -split {$_ -like '/'}, -2", ["folder/path/to", "file"]),
    (f"{SPLIT}:99", "\"a2b3c4d\" -split '\\d+',2; \"a2b3c4d\" -split '\\d+',-2", ["a", "b3c4d", "a2b3c", "d"]),
    (f"{SPLIT}:111", '"a::b::c::d" -split "::"', ["a", "b", "c", "d"]),
    (f"{SPLIT}:120", '"a1:b1:c1:d" -split "(1:)"', ["a", "1:", "b", "1:", "c", "1:", "d"]),
    (f"{SPLIT}:130", '"a1:b1:c1:d" -split "1(:)"', ["a", ":", "b", ":", "c", ":", "d"]),
    (f"{SPLIT}:142", '"abcBd" -split "B"; "abcBd" -isplit "B"', ["a", "c", "d", "a", "c", "d"]),
    (f"{SPLIT}:154", '"abcBd" -csplit "B"; "abcBd" -csplit "B", 0 , \'IgnoreCase\'', ["abc", "d", "a", "c", "d"]),
    (f"{SPLIT}:167", '"a::b::c::d" -split {$_ -eq "b" -or $_ -eq "C"}', ["a::", "::", "::d"]),
    (f"{SPLIT}:188", "$t = \"a12a`nb34b`nc56c`nd78d\"; ($t -split '^b').Count; ($t -split 'b.+c').Count", [1, 1]),
    (f"{SPLIT}:198", "\"a12a`nb34b`nc56c`nd78d\" -split 'b.+c', 0, 'Singleline'", ["a12a\n", "\nd78d"]),
    (
        f"{SPLIT}:211",
        "\"a12a`r`nb34b`r`nc56c`r`nd78d\" -split '^b', 0, 'Multiline'",
        ["a12a\r\n", "34b\r\nc56c\r\nd78d"],
    ),
    (f"{SPLIT}:234", "(\"a12a`n%b34b`nc56c`nd78d\" -split '^b.+c', 0, 'Singleline,Multiline').Count", [1]),
    (
        f"{SPLIT}:239",
        "\"a: b:c\" -split ': '; \"a: b:c\" -split ': ',0,'IgnorePatternWhitespace'",
        ["a", "b:c", "a", " b", "c"],
    ),
    (f"{SPLIT}:252", '"a:b" -split "(:)"; "a:b" -split "(:)", 0, \'ExplicitCapture\'', ["a", ":", "b", "a", "b"]),
    (f"{SPLIT}:265", '"abc" -split "B", 0, \'SimpleMatch,IgnoreCase\'', ["a", "c"]),
    (f"{REPLACE}:98", "1.2 -split ','; 1.2 -replace ','", ["1.2", "1.2"]),
]
REPLACE_SPLIT_CASES += [
    (f"{SPLIT}:272", '"abc" -split "B", 0, \'RegexMatch,Singleline\'', ["a", "c"]),
    (
        f"{SPLIT}:279",
        'try { "abc" -split "B", 0, \'RegexMatch,SimpleMatch\' } catch { $_.FullyQualifiedErrorId }',
        ["InvalidSplitOptionCombination"],
    ),
    (f"{SPLIT}:285", '$res = -split "a b", "c d"; $res.count; $res[0][0]; $res[0][1]; $res[1]', [2, "a", "b", "c d"]),
    (f"{SPLIT}:293", '-split ("a b", "c d")', ["a", "b", "c", "d"]),
    (f"{SPLIT}:302", '-split "a b c d"', ["a", "b", "c", "d"]),
]


COMPARISON = "Operators/ComparisonOperator.Tests.ps1"
_BINARY: list[tuple[int, str, bool]] = [
    (6, "1 -lt 2", True),
    (7, "1 -gt 2", False),
    (8, "1 -le 2", True),
    (9, "1 -le 1", True),
    (10, "1 -ge 2", False),
    (11, "1 -ge 1", True),
    (12, "1 -eq 1", True),
    (13, "1 -ne 2", True),
    (14, "'abc' -ceq 'abc'", True),
    (15, "'abc' -ceq 'Abc'", False),
    (16, "1 -and 1", True),
    (17, "1 -and 0", False),
    (18, "0 -and 0", False),
    (19, "1 -or 1", True),
    (20, "1 -or 0", True),
    (21, "0 -or 0", False),
    (28, "-not 1", False),
    (29, "-not 0", True),
    (30, "! 1", False),
    (31, "! 0", True),
    (32, "!1", False),
    (33, "!0", True),
    (40, "'Hello' -contains 'Hello'", True),
    (41, "'Hello' -notcontains 'Hello'", False),
    (42, "'Hello','world' -ccontains 'hello'", False),
    (43, "'Hello','world' -ccontains 'Hello'", True),
    (44, "'Hello','world' -cnotcontains 'Hello'", False),
    (45, "'Hello world' -match 'Hello*'", True),
    (46, "'Hello world' -like 'Hello*'", True),
    (47, "'Hello world' -notmatch 'Hello*'", False),
    (48, "'Hello world' -notlike 'Hello*'", False),
    (65, "[pscustomobject]@{foo=1} -is [pscustomobject]", True),
    (66, "[pscustomobject]@{foo=1} -is [psobject]", True),
    (67, '"hello" -is [string]', True),
    (68, '"hello" -is [system.string]', True),
    (69, "100 -is [int]", True),
    (70, "100 -is [system.int32]", True),
    (71, '"hello" -isnot [int]', True),
    (78, "[pscustomobject]@{foo=1} -is [string]", False),
    (79, '"hello" -is [psobject]', False),
    (80, '"hello" -isnot [string]', False),
    (87, "'abc`def' -like 'abc`def'", False),
    (88, "'abc`def' -like 'abc``def'", True),
    (89, "'abc`def' -like 'abc````def'", False),
    (90, "'abc``def' -like 'abc````def'", True),
]
COMPARISON_CASES: list[Case] = [(f"{COMPARISON}:{line}", script, [result]) for line, script, result in _BINARY]
COMPARISON_CASES += [
    (f"{COMPARISON}:55", "try { 'Hello' -is 'foo' } catch { $_.FullyQualifiedErrorId }", ["RuntimeException"]),
    (f"{COMPARISON}:57", "try { 'Hello' -isnot [foo] } catch { $_.FullyQualifiedErrorId }", ["TypeNotFound"]),
]
CHAIN = "Operators/PipelineChainOperator.Tests.ps1"
COMPARISON_CASES += [
    (f"{CHAIN}:71", '1 + 1 && "Hi"', [2, "Hi"]),
    (f"{CHAIN}:95", 'if ($false && $true) { "Hi" }', ["Hi"]),
    (f"{CHAIN}:97", 'if ("Hello" && Write-Error "Bad" -ErrorAction Ignore) { $?; 1 } else { throw "else" }', [True, 1]),
    (f"{CHAIN}:98", 'if (Write-Error "Bad" -ErrorAction Ignore && "Hello") { throw "if" } else { $?; 1 }', [True, 1]),
    (f"{CHAIN}:111", "$x = 1 && @(2, 3); $x.Count; $x", [3, 1, 2, 3]),
    (f"{CHAIN}:112", "$x = 1 && ,@(2, 3); $x.Count; $x[1].Count", [2, 2]),
    (f"{CHAIN}:113", "$x = 1 && 2,@(3, 4); $x.Count; $x[2].Count", [3, 2]),
    (
        f"{CHAIN}:57",
        'function NT { [CmdletBinding()] param([Parameter(ValueFromPipeline)]$v) process { if ($v -ne 2) { return $v }; Write-Error "NTERROR" } }; 1,2 | NT 2>$null && "next"; 1,2 | NT 2>$null || "other"',
        [1, 1, "other"],
    ),
]


@pytest.mark.parametrize(("source", "script", "expected"), CASES, ids=case_ids(CASES))
def test_pester_operator_assertion(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source


@pytest.mark.parametrize(("source", "script", "expected"), REPLACE_SPLIT_CASES, ids=case_ids(REPLACE_SPLIT_CASES))
def test_pester_replace_and_split_assertion(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source


@pytest.mark.parametrize(("source", "script", "expected"), COMPARISON_CASES, ids=case_ids(COMPARISON_CASES))
def test_pester_comparison_and_chain_assertion(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source
