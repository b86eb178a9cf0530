# ruff: noqa: E501  (the scripts are PowerShell lines as the Pester tests have them)
"""-OutVariable, -ErrorVariable, -WarningVariable and -InformationVariable of advanced functions collect what the
commands inside them write (the last command of a pipeline inside writes into the function's pipe; the others
do not), and a clean block runs only when a begin, process or end block ran.  From PowerShell's Pester tests
Scripting/OutErrorVariable.Tests.ps1 and Scripting/PipelineBehaviour.Tests.ps1 (each case cites file:line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace
from tests.language.pester_helpers import Case, case_ids, run_case

OE = "Scripting/OutErrorVariable.Tests.ps1"
FOO = "function get-foo1 { [CmdletBinding()] param() Write-Error 'foo' }; "
BAR = "function get-bar { [CmdletBinding()] param() Write-Error 'bar'; get-foo1 -ErrorVariable script:a }; "
FOO3 = "function get-foo3 { [CmdletBinding()] param() 'foo-output-0'; Write-Output 'foo-output-1'; Write-Error 'foo-error' }; "
FOO7 = "function get-foo7 { [CmdletBinding()] param([Parameter(ValueFromPipeline = $true)][string] $output) $output; Write-Error 'foo-error' }; "
OUT_ERROR: list[Case] = [
    (f"{OE}:59", "function get-foo1 { [CmdletBinding()] param() 'foo' }; get-foo1 -OutVariable a > $null; $a", ["foo"]),
    (f"{OE}:59", "function get-foo2 { [CmdletBinding()] param() $PSCmdlet.WriteObject('foo') }; $a = 'a', 'b'; get-foo2 -OutVariable +a > $null; $a", ["a", "b", "foo"]),
    (f"{OE}:75", "function get-foo1 { [CmdletBinding()] param() 'foo' }; function get-bar { [CmdletBinding()] param() 'bar'; get-foo1 -OutVariable script:a }; get-bar -OutVariable b > $null; $script:a; $b", ["foo", "bar", "foo"]),
    (f"{OE}:127", FOO + "get-foo1 -ErrorVariable a 2> $null; $a | ForEach-Object { $_.ToString() }", ["foo"]),
    (f"{OE}:127", FOO + "$a = @('a', 'b'); get-foo1 -ErrorVariable +a 2> $null; $a | ForEach-Object { $_.ToString() }", ["a", "b", "foo"]),
    (f"{OE}:143", "function get-foo2 { [CmdletBinding()] param() $PSCmdlet.WriteError($script:foo[0]) }; Write-Error 'foo' -ErrorVariable script:foo 2> $null; $a = 'a', 'b'; get-foo2 -ErrorVariable +a 2> $null; $a.Count; $a | ForEach-Object { $_.ToString() }", [3, "a", "b", "foo"]),
    (f"{OE}:153", FOO + BAR + "get-bar -ErrorVariable b 2> $null; $script:a | ForEach-Object { \"$_\" }; $b | ForEach-Object { \"$_\" }", ["foo", "bar", "foo"]),
    (f"{OE}:161", FOO + BAR + "get-bar -ErrorVariable b 2>&1 > $null; $script:a | ForEach-Object { \"$_\" }; $b | ForEach-Object { \"$_\" }", ["foo", "bar", "foo"]),
    (f"{OE}:225", FOO3 + "get-foo3 -OutVariable out -ErrorVariable err 2> $null > $null; $out; $err | ForEach-Object { \"$_\" }", ["foo-output-0", "foo-output-1", "foo-error"]),
    (f"{OE}:233", FOO3 + "function get-bar2 { [CmdletBinding()] param() 'bar-output-0'; Write-Output 'bar-output-1'; Write-Error 'bar-error'; get-foo3 -OutVariable script:foo_out -ErrorVariable script:foo_err }; "
     "get-bar2 -OutVariable script:bar_out -ErrorVariable script:bar_err 2> $null > $null; $foo_out; \"$foo_err\"; $bar_out; $bar_err | ForEach-Object { \"$_\" }",
     ["foo-output-0", "foo-output-1", "foo-error", "bar-output-0", "bar-output-1", "foo-output-0", "foo-output-1", "bar-error", "foo-error"]),
    (f"{OE}:245", "function get-foo4 { [CmdletBinding()] param() Write-Error 'foo-error'; try { throw 'foo-exception' } catch {} }; get-foo4 -ErrorVariable err 2> $null; $err | ForEach-Object { \"$_\" }", ["foo-error", "foo-exception"]),
    (f"{OE}:265", "function get-foo5 { [CmdletBinding()] param([Parameter(ValueFromPipeline = $true)][string] $foo) process { Write-Output $foo; Write-Error $foo } }; "
     "(get-foo5 'foo-message' -ErrorVariable foo_err1 -ov foo_out1 | get-foo5 -ErrorVariable foo_err2 -ov foo_out2 | get-foo5 -ErrorVariable foo_err3 -ov foo_out3) 2>&1 > $null; "
     "$foo_out1; $foo_out2; $foo_out3; $foo_err1 | ForEach-Object { \"$_\" }; $foo_err2 | ForEach-Object { \"$_\" }; $foo_err3 | ForEach-Object { \"$_\" }",
     ["foo-message"] * 6),
    (f"{OE}:298", "function get-foo { [CmdletBinding()] param() Write-Output 'foo-output'; Write-Error 'foo-error' }; (get-foo -ErrorVariable foo_err | Get-Item -ErrorVariable get_item_err) 2>&1 > $null; $foo_err | ForEach-Object { \"$_\" }; $get_item_err.Count", ["foo-error", 1]),
    (f"{OE}:307", "function get-foo { [CmdletBinding()] param() Write-Output 'foo-output'; Write-Error 'foo-error' }; "
     "function get-bar3 { [CmdletBinding()] param([Parameter(ValueFromPipeline = $true)][string] $i) Write-Error 'bar-error'; Write-Output 'bar-output'; get-foo }; "
     "(get-foo -ErrorVariable foo_err | get-bar3 -ErrorVariable bar_err) 2>&1 > $null; $foo_err | ForEach-Object { \"$_\" }; $bar_err | ForEach-Object { \"$_\" }",
     ["foo-error", "bar-error", "foo-error"]),
    (f"{OE}:326", "function get-foo6 { [CmdletBinding()] param([Parameter(ValueFromPipeline = $true)][string] $i) Write-Error 'foo-error'; Write-Output $i }; "
     "function get-bar4 { [CmdletBinding()] param([Parameter(ValueFromPipeline = $true)][string] $i) Write-Error 'bar-error'; get-foo6 'foo-output' -ErrorVariable script:foo_err1 | get-foo6 -ErrorVariable script:foo_err2 }; "
     "get-bar4 -ErrorVariable script:bar_err 2>&1 > $null; \"$script:foo_err1\"; \"$script:foo_err2\"; $script:bar_err | ForEach-Object { \"$_\" }",
     ["foo-error", "foo-error", "bar-error", "foo-error"]),
    (f"{OE}:352", FOO7 + "function get-bar5 { [CmdletBinding()] param() 'bar-output'; Write-Error 'bar-error'; "
     "get-foo7 'foo-output' -ErrorVariable script:foo_err1 -ov script:foo_out1 | get-foo7 -ErrorVariable script:foo_err2 -ov script:foo_out2; "
     "get-foo7 'foo-output' -ErrorVariable script:foo_err3 -ov script:foo_out3 | get-foo7 -ErrorVariable script:foo_err4 -ov script:foo_out4 }; "
     "get-bar5 -ErrorVariable script:bar_err -ov script:bar_out 2>&1 > $null; "
     "\"$script:foo_out1|$script:foo_err1|$script:foo_out2|$script:foo_err2|$script:foo_out3|$script:foo_err3|$script:foo_out4|$script:foo_err4\"; $script:bar_out; $script:bar_err | ForEach-Object { \"$_\" }",
     ["foo-output|foo-error|foo-output|foo-error|foo-output|foo-error|foo-output|foo-error", "bar-output", "foo-output", "foo-output", "bar-error", "foo-error", "foo-error"]),
]

PB = "Scripting/PipelineBehaviour.Tests.ps1"
CLEAN: list[Case] = [
    (f"{PB}:21", "$script:log = @(); function test-1 { clean { $script:log += 'clean-1' } }; function test-2 { End { 'end' }; clean { $script:log += 'clean-2' } }; test-1; test-2; $script:log", ["end", "clean-2"]),
    (f"{PB}:43", "$script:log = @(); function test-1 ([switch] $WriteOutput) { Process { if ($WriteOutput) { Write-Output 'process' } } }; function test-2 { Process { Write-Output \"test-2: $_\" }; clean { $script:log += 'clean' } }; "
     "test-1 | test-2; $script:log.Count; test-1 -WriteOutput | test-2; $script:log", [0, "test-2: process", "clean"]),
    (f"{PB}:66", "$script:log = @(); function test-1 ([switch] $ThrowException) { Process { if ($ThrowException) { throw 'process' } else { Write-Output 'process' } } }; function test-2 { Process { Write-Output \"test-2: $_\" }; clean { $script:log += 'clean' } }; "
     "try { test-1 -ThrowException | test-2 } catch { $_.Exception.Message }; $script:log.Count; test-1 | test-2; $script:log", ["process", 0, "test-2: process", "clean"]),
    (f"{PB}:94", "$script:log = @(); function test-1 { Begin { throw 'begin' }; End { 'end' } }; function test-2 { Begin { 'begin' }; Process { Write-Output \"test-2: $_\" }; clean { $script:log += 'clean' } }; "
     "try { test-1 | test-2 } catch { $_.Exception.Message }; $script:log.Count", ["begin", 0]),
    (f"{PB}:114", "$s = { [CmdletBinding()]param() begin { 'output' }  clean { Write-Warning 'clean-warning' } }; & $s -WarningVariable wv 3> $null; $wv", ["output", "clean-warning"]),
    (f"{PB}:114", "$s = { [CmdletBinding()]param() end { 'output' }  clean { Write-Warning 'clean-warning' } }; & $s -WarningVariable wv 3> $null; $wv", ["output", "clean-warning"]),
    (f"{PB}:125", "$s = { [CmdletBinding()]param() process { throw 'failure' }  clean { Write-Warning 'clean-warning' } }; try { & $s -WarningVariable wv 3> $null } catch { $_.Exception.Message }; $wv", ["failure", "clean-warning"]),
    (f"{PB}:139", "$script:log = @(); function test-1 { param([switch] $EmitError) process { if ($EmitError) { throw 'test-1-process-error' } else { Write-Output 'test-1' } }; clean { $script:log += 'test-1-clean' } }; "
     "function test-2 { begin { }; process { $_ }; clean { $script:log += 'test-2-clean' } }; function test-3 { end { }; clean { $script:log += 'test-3-clean' } }; "
     "test-1 | test-2 | test-3; $script:log; $script:log = @(); try { test-1 -EmitError | test-2 | test-3 } catch { $_.Exception.Message }; $script:log",
     ["test-1-clean", "test-2-clean", "test-3-clean", "test-1-process-error", "test-1-clean", "test-2-clean"]),
    (f"{PB}:301", "& { end { } clean { 11 } }", []),
    (f"{PB}:305", "function test { [CmdletBinding()] param() Begin { 'begin' } Process { 'process' } End { 'end' } clean { 'clean' } }; test -OutVariable ov; $ov", ["begin", "process", "end", "begin", "process", "end"]),
    (f"{PB}:320", "function test { [CmdletBinding()] param() End { } clean { Write-Output 'clean-output'; Write-Warning 'clean-warning'; Write-Verbose -Verbose 'clean-verbose'; Write-Debug -Debug 'clean-debug'; Write-Information 'clean-information' } }; "
     "test -OutVariable ov -WarningVariable wv -InformationVariable iv 3>$null 4>$null 5>$null 6>$null; $ov.Count; $wv; \"$iv\"; $allStreams = test *>&1; $allStreams | ForEach-Object { \"$_\" }",
     [0, "clean-warning", "clean-information", "clean-warning", "clean-verbose", "clean-debug", "clean-information"]),
    (f"{PB}:344", "$Script = { clean { Write-Warning 'clean-warning' }; process { 'PROCESS' }; begin { 'BEGIN' }; end { 'END' } }; & $Script 3>&1 | ForEach-Object { \"$_\" }", ["BEGIN", "PROCESS", "END", "clean-warning"]),
]


@pytest.mark.parametrize(("source", "script", "expected"), OUT_ERROR, ids=case_ids(OUT_ERROR))
def test_pester_out_error_variable(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source


@pytest.mark.parametrize(("source", "script", "expected"), CLEAN, ids=case_ids(CLEAN))
def test_pester_clean_block(source: str, script: str, expected: list[object]) -> None:
    assert run_case(script) == expected, source


def test_warning_and_information_variables_collect_nested_commands(tmp_path: Path) -> None:
    script = (
        "function inner { [CmdletBinding()] param() Write-Warning 'w-inner'; Write-Information 'i-inner' }; "
        "function outer { [CmdletBinding()] param() Write-Warning 'w-outer'; inner -WarningVariable script:iw }; "
        "outer -WarningVariable ow -InformationVariable oi 3>$null 6>$null; $ow; $script:iw; \"$oi\""
    )
    assert run_case(script) == ["w-outer", "w-inner", "w-inner", "i-inner"]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # a command's own 2>&1 before the last command: the error record flows into the next command
        ('& { Write-Error "x"; "out" } 2>&1 | ForEach-Object { "got: $_" }', ["got: x", "got: out"]),
        ('function f { Write-Warning "w"; "o" }; f 3>&1 | ForEach-Object { "got: $_" }', ["got: w", "got: o"]),
        ('& { Write-Error "x" } 2>$null | ForEach-Object { "got: $_" }; "after"', ["after"]),
        ('& { Write-Warning "w1"; "a"; "b" } 3>&1 | Select-Object -First 2 | ForEach-Object { "$_" }', ["w1", "a"]),
        # PipelineBehaviour.Tests.ps1:339-340: the clean block's other streams, merged, reach the next command
        ("function test { [CmdletBinding()] param() End { } clean { Write-Output 'clean-output'; Write-Warning 'clean-warning'; Write-Verbose -Verbose 'clean-verbose'; Write-Debug -Debug 'clean-debug'; Write-Information 'clean-information' } }; "
         "test *>&1 | ForEach-Object { \"$_\" }", ["clean-warning", "clean-verbose", "clean-debug", "clean-information"]),
    ],
)  # fmt: skip
def test_a_commands_own_redirection_feeds_the_next_command(script: str, expected: list[object]) -> None:
    assert run_case(script) == expected


def test_the_last_commands_redirection_is_its_own() -> None:
    # PipelineBehaviour.Tests.ps1:43-64: test-1's verbose record is not merged by test-2's *>&1,
    # and test-2's clean block (which never ran a block) writes nothing
    script = (
        "function test-1 ([switch] $WriteOutput) { Process { if ($WriteOutput) { Write-Output 'process' } else { Write-Verbose -Verbose 'process' } } }; "
        "function test-2 { Process { Write-Output \"test-2: $_\" }; clean { Write-Warning 'test-2-clean-warning' } }; "
        "@(test-1 | test-2 *>&1).Count; $output = test-1 -WriteOutput | test-2 *>&1; $output | ForEach-Object { \"$_\" }"
    )
    assert run_case(script) == [0, "test-2: process", "test-2-clean-warning"]
    runspace = Runspace()
    run_text(runspace, "& { Write-Error 'a-error' } | & { process { $_ }; end { Write-Error 'b-error' } } 2>$null")
    assert [record.message for record in runspace.streams.error] == ["a-error"]  # b's alone are dropped


def test_a_commands_own_error_file_redirection(tmp_path: Path) -> None:
    path = tmp_path / "errors.txt"
    assert run_case(f'& {{ Write-Error "e1"; "o1" }} 2> \'{path}\' | ForEach-Object {{ "got $_" }}') == ["got o1"]
    assert "e1" in path.read_text(encoding="utf-8")
