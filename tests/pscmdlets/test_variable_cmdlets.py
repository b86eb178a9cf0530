"""Get-, Set-, New-, Clear- and Remove-Variable, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/<Cmdlet>.Tests.ps1).

Pester runs each ``It`` in a scope of its own; here each test runs its script in ``& { }`` where
``-Scope 1`` must reach a parent scope, as the original's would.
"""

from __future__ import annotations

import psbridge
from psbridge.cli.formatting import format_output


def run(script: str) -> list:
    return psbridge.run(script)


def caught(script: str) -> str:
    """The FullyQualifiedErrorId ``script`` stops with (run under -ErrorAction Stop by its author)."""
    return run(f"try {{ {script} ; 'no error' }} catch {{ $_.FullyQualifiedErrorId }}")[0]


# -- Get-Variable.Tests.ps1 ---------------------------------------------------------------------------


def test_get_variable_not_found() -> None:
    # Get-Variable.Tests.ps1:5-8
    assert caught("Get-Variable -ErrorAction Stop -Name nonexistingVariableName") == (
        "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"
    )


def test_get_variable_include_and_bogus_exclude() -> None:
    # Get-Variable.Tests.ps1:10-15
    assert run("Set-Variable newVar testing; $v = Get-Variable -Name newVar -Include newVar -Exclude bogus; "
               "$v.Name; $v.Value") == ["newVar", "testing"]  # fmt: skip


def test_get_variable_description_and_option() -> None:
    # Get-Variable.Tests.ps1:17-24
    assert run("Set-Variable newVar testing -Option ReadOnly -Description 'testing description'; "
               "$v = Get-Variable -Name newVar; $v.Name; $v.Value; $v.Options; $v.Description") == [
        "newVar", "testing", "ReadOnly", "testing description"]  # fmt: skip


def test_get_variable_globbing_sorts_by_name() -> None:
    # Get-Variable.Tests.ps1:26-38
    out = run("Set-Variable abcaVar testing; Set-Variable bcdaVar 'another test'; Set-Variable aVarfoo wow; "
              "$v = Get-Variable -Name *aVar* -Scope local; $v.Count; $v.Name; $v.Value")  # fmt: skip
    assert out == [3, "abcaVar", "aVarfoo", "bcdaVar", "testing", "wow", "another test"]


def test_get_variable_with_no_parameters_lists_the_automatic_ones() -> None:
    # Get-Variable.Tests.ps1:47-58 (psbridge has no $$, $^ or $HOST: the others are checked)
    names = run("(Get-Variable).Name")
    for name in ("?", "PWD", "PID", "Error", "HOME"):
        assert name in names


def test_get_variable_value_wildcards_value_only_and_piped_name() -> None:
    # Get-Variable.Tests.ps1:60-101
    assert run("New-Variable -Name tempVar -Value 1; (Get-Variable tempVar).Value") == [1]
    assert run("New-Variable -Name var1 -Value 4; New-Variable -Name var2 -Value 'test'; "
               "(Get-Variable -Name var*).Value") == [4, "test"]  # fmt: skip
    assert run("New-Variable -Name var1 -Value 4; Get-Variable -Name var1 -ValueOnly") == [4]
    assert run("New-Variable -Name var1 -Value 3; ('var1' | Get-Variable).Value") == [3]


def test_get_variable_include_and_exclude_sets() -> None:
    # Get-Variable.Tests.ps1:103-129
    assert run("New-Variable -Name var1 -Value 4; New-Variable -Name var2 -Value 2; "
               "$a = Get-Variable -Include var1, var2; $a.Name; $a.Value") == ["var1", "var2", 4, 2]  # fmt: skip
    assert run("New-Variable var1 4; New-Variable var2 2; New-Variable var3 'test'; "
               "$a = Get-Variable -Exclude var1, var2; $a.Name -contains 'var3'; $a.Name -contains 'var1'") == [
        True, False]  # fmt: skip


def test_get_variable_scopes() -> None:
    # Get-Variable.Tests.ps1:131-181
    assert run("& { New-Variable globalVar -Value 1 -Scope global -Force; "
               "(Get-Variable -Name globalVar -Scope global).Value }") == [1]  # fmt: skip
    assert caught("& { New-Variable globalVar2 -Value 1 -Scope global -Force; "
                  "Get-Variable -Name globalVar2 -Scope local -ErrorAction Stop }") == (
        "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand")  # fmt: skip
    assert run("& { New-Variable localVar -Value 1 -Scope local -Force; New-Variable localVar -Value 2 -Scope global "
               "-Force; (Get-Variable -Name localVar -Scope global).Value; (Get-Variable -Name localVar).Value }") == [
        2, 1]  # fmt: skip


def test_get_variable_numbered_scopes_count_outwards_from_the_caller() -> None:
    # SessionStateScopeAPIs.GetScopeByID: 0 is the caller's scope, 1 its parent ...
    out = run("$v = 'top'; function f { $v = 'f'; & { $v = 'inner'; (Get-Variable v -Scope 0).Value; "
              "(Get-Variable v -Scope 1).Value; (Get-Variable v -Scope 2).Value } }; f")  # fmt: skip
    assert out == ["inner", "f", "top"]
    assert caught("Get-Variable v -Scope 99") == "ArgumentOutOfRange,Microsoft.PowerShell.Commands.GetVariableCommand"
    assert caught("Get-Variable v -Scope bogus") == "Argument,Microsoft.PowerShell.Commands.GetVariableCommand"


def test_a_private_variable_is_not_seen_from_a_child_scope() -> None:
    # Clear-Variable.Tests.ps1:51-64
    out = run("Set-Variable foo bar -Option Private; "
              "& { try { Get-Variable -Name foo -Scope local -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; "
              "[string]$_.CategoryInfo } }; $v = Get-Variable -Name foo; $v.Value; $v.Options")  # fmt: skip
    assert out[0] == "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand"
    assert "ItemNotFoundException" in out[1]
    assert out[2:] == ["bar", "Private"]


# -- Set-Variable.Tests.ps1 ---------------------------------------------------------------------------


def test_set_variable_plain_and_positional() -> None:
    # Set-Variable.Tests.ps1:5-21
    assert run("Set-Variable foo bar; $v = Get-Variable -Name foo; $v.Name; $v.Value; $v.Options; "
               "[string]::IsNullOrEmpty($v.Description)") == ["foo", "bar", "None", True]  # fmt: skip
    assert run("Set-Variable -Name foo bar; (Get-Variable -Name foo).Value") == ["bar"]


def test_set_variable_with_scopes() -> None:
    # Set-Variable.Tests.ps1:23-47 (in a child scope, so that -Scope 1 is the test's parent)
    out = run("& { Set-Variable -Name foo -Value bar0; Set-Variable -Name foo -Value bar -Scope '1'; "
              "(Get-Variable -Name foo -Scope '1').Value; (Get-Variable -Name foo -Scope local).Value; "
              "Set-Variable -Name foo -Value newValue2 -Scope script; (Get-Variable -Name foo -Scope script).Value }")
    assert out == ["bar", "bar0", "newValue2"]


def test_set_variable_wildcard_with_include_and_exclude() -> None:
    # Set-Variable.Tests.ps1:49-71
    out = run("Set-Variable abcaVar bar; Set-Variable bcdaVar anotherVal; Set-Variable aVarfoo bogusval; "
              "Set-Variable -Name '*aV*' -Value 'overwrite' -Include '*Var*' -Exclude 'bcd*'; "
              "(Get-Variable -Name '*aVar*' -Scope local).Value")  # fmt: skip
    assert out == ["overwrite", "overwrite", "anotherVal"]


def test_set_variable_description_with_and_without_value() -> None:
    # Set-Variable.Tests.ps1:73-91
    assert run("Set-Variable foo bar; Set-Variable -Name foo $null -Description 'new description' -PassThru:$true "
               "-Scope local | Out-Null; $v = Get-Variable -Name foo -Scope local; $null -eq $v.Value; "
               "$v.Description") == [True, "new description"]  # fmt: skip
    assert run("Set-Variable foo bar; Set-Variable -Name foo -Description 'new description' -Scope local; "
               "$v = Get-Variable foo; $v.Value; $v.Description") == ["bar", "new description"]  # fmt: skip


def test_set_variable_over_a_constant_in_the_parent_scope() -> None:
    # Set-Variable.Tests.ps1:93-96
    assert caught("Set-Variable -Name abcaVar bar -Option Constant -Scope local; "
                  "& { Set-Variable -Name abcaVar new -Scope 1 -ErrorAction Stop }") == (
        "VariableNotWritable,Microsoft.PowerShell.Commands.SetVariableCommand")  # fmt: skip


def test_set_variable_keeps_private_option_and_changes_value() -> None:
    # Set-Variable.Tests.ps1:98-112
    assert run("Set-Variable abcaVar bar -Description 'new description' -Option Private; "
               "Set-Variable abcaVar other -Description 'new description'; $v = Get-Variable abcaVar; "
               "$v.Value; $v.Options") == ["other", "Private"]  # fmt: skip


def test_set_variable_exclude_leaves_a_name_unset() -> None:
    # Set-Variable.Tests.ps1:114-117
    assert caught("Set-Variable -Name foo1,foo2 hello -Exclude foo2 -ErrorAction Stop; "
                  "Get-Variable -Name foo2 -ErrorAction Stop") == (
        "VariableNotFound,Microsoft.PowerShell.Commands.GetVariableCommand")  # fmt: skip


def test_set_variable_options_of_a_read_only_variable() -> None:
    # Set-Variable.Tests.ps1:119-127
    assert caught("Set-Variable abcaVar bar -Option ReadOnly; "
                  "& { Set-Variable abcaVar -Option None -Scope 1 -ErrorAction Stop }") == (
        "VariableNotWritable,Microsoft.PowerShell.Commands.SetVariableCommand")  # fmt: skip


def test_set_variable_private_scope_makes_it_private() -> None:
    # Set-Variable.Tests.ps1:129-136
    assert run("Set-Variable foo bar -Description 'd' -Option ReadOnly -Scope private; (Get-Variable foo).Options") == [
        "ReadOnly, Private"]  # fmt: skip


def test_set_variable_changes_what_the_script_sees() -> None:
    # Set-Variable.Tests.ps1:160-215
    assert run("$testVar = 1; Set-Variable testVar -Value 2; $testVar") == [2]
    assert run("set testVar -Value 1; $testVar; sv testVar -Value 2; $testVar") == [1, 2]
    assert run("$testValue = 'piped input'; $testValue | Set-Variable -Name testVar; $testVar") == ["piped input"]
    assert run("1..3 | Set-Variable -Name several; $several -join ','") == ["1,2,3"]


def test_set_variable_pass_thru_formats_as_a_list() -> None:
    # Set-Variable.Tests.ps1:193-200
    out = run("Set-Variable -Name testVar -Value 'test' -Description 'test description' -PassThru | "
              "Format-List -Property Description | Out-String")  # fmt: skip
    assert out[0].strip() == "Description : test description"


def test_set_variable_append() -> None:
    # Set-Variable.Tests.ps1:241-266
    for value, count in (("2", 2), ("@(2,3,4)", 2), ("'abc',2", 2)):
        out = run(f"Set-Variable -Name testVar -Value 1; Set-Variable -Name testVar -Value ({value}) -Append; "
                  "$o = Get-Variable testVar -ValueOnly; $o.Count; $o[0]")  # fmt: skip
        assert out == [count, 1]
    assert run("$testVar = 1; 4..6 | Set-Variable -Name testVar -Append; $testVar -join ','") == ["1,4,5,6"]
    assert caught("Set-Variable -Name a,b -Value 1 -Append") == (
        "SetVariableAppend,Microsoft.PowerShell.Commands.SetVariableCommand"
    )


def test_set_variable_in_a_function_is_the_functions_own() -> None:
    # dynamic scoping: the function's Set-Variable makes its own $x, -Scope 1 reaches its caller's
    assert run("$x = 'script'; function f { Set-Variable x 'f'; $x; Set-Variable x 'caller' -Scope 1 }; f; $x") == [
        "f", "caller"]  # fmt: skip


# -- New-Variable.Tests.ps1 ---------------------------------------------------------------------------


def test_new_variable_description_and_option() -> None:
    # New-Variable.Tests.ps1:5-23
    assert run("New-Variable foo bar -Description 'my description'; $v = Get-Variable foo; $v.Value; "
               "$v.Description") == ["bar", "my description"]  # fmt: skip
    assert run("New-Variable foo bar -Option Constant; (Get-Variable foo).Options") == ["Constant"]


def test_new_variable_twice() -> None:
    # New-Variable.Tests.ps1:25-49
    out = run("New-Variable foo bogus -Option ReadOnly; & { try { New-Variable foo bar -Scope 1 -ErrorAction Stop } "
              "catch { $_.FullyQualifiedErrorId; [string]$_.CategoryInfo } }")  # fmt: skip
    assert out[0] == "VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand"
    assert "SessionStateException" in out[1]
    assert run("New-Variable foo bogus; New-Variable foo bar -Force -PassThru | Out-Null; $v = Get-Variable foo; "
               "$v.Value; $v.Options") == ["bar", "None"]  # fmt: skip


def test_new_variable_values_and_pipeline() -> None:
    # New-Variable.Tests.ps1:53-110
    assert run("New-Variable var1; $null -eq $var1") == [True]
    assert run("New-Variable var1 -Value 4; $var1") == [4]
    assert run("New-Variable var1 'test'; $var1") == ["test"]
    assert run("New-Variable var1 -Value 1; New-Variable var1 -Value 2 -Force; $var1") == [2]
    assert run("'value' | New-Variable -Name var1; $var1") == ["value"]
    assert caught("New-Variable var1; & { New-Variable var1 -Scope 1 -ErrorAction Stop }") == (
        "VariableAlreadyExists,Microsoft.PowerShell.Commands.NewVariableCommand"
    )


def test_new_variable_options() -> None:
    # New-Variable.Tests.ps1:112-188
    assert run("New-Variable -Name var1 -Value 2 -Option Unspecified; (Get-Variable var1).Options") == ["None"]
    assert run("(New-Variable -Name var2 -Value 4 -PassThru).Options") == ["None"]
    assert run("New-Variable -Name var1 -Value 1 -Option ReadOnly; Set-Variable -Name var1 -Value 2 "
               "-ErrorAction SilentlyContinue; $var1") == [1]  # fmt: skip
    assert run("New-Variable -Name var1 -Value 1; Set-Variable -Name var1 -Option Constant -ErrorAction "
               "SilentlyContinue; (Get-Variable var1).Options") == ["None"]  # fmt: skip
    assert caught("New-Variable -Name var1 -Value 1; Set-Variable -Name var1 -Option Constant -ErrorAction Stop") == (
        "VariableCannotBeMadeConstant,Microsoft.PowerShell.Commands.SetVariableCommand"
    )
    assert run("New-Variable -Name var1 -Value 2 -Option Constant; Remove-Variable -Name var1 -ErrorAction "
               "SilentlyContinue; $var1") == [2]  # fmt: skip
    assert run("New-Variable -Name var1 -Value 1 -Option Constant; Set-Variable -Name var1 -Value 2 -ErrorAction "
               "SilentlyContinue; $var1") == [1]  # fmt: skip
    assert run("New-Variable -Name var1 -Value 100 -Option Private; $var1") == [100]
    assert run("& { New-Variable -Name var1 -Value 1 -Option Private }; $null -eq $var1") == [True]
    assert run("New-Variable -Name var1 -Value 1 -Option AllScope; & { $var1 = 2 }; $var1") == [2]


def test_new_variable_private_is_hidden_from_a_called_function() -> None:
    assert run("New-Variable -Name secret -Value 1 -Option Private; function f { $null -eq $secret }; f; $secret") == [
        True, 1]  # fmt: skip


def test_new_variable_scopes() -> None:
    # New-Variable.Tests.ps1:190-230
    assert run("& { New-Variable -Scope global -Name globalvar1 -Value 1 }; "
               "Get-Variable -Scope global -Name globalVar1 -ValueOnly") == [1]  # fmt: skip
    assert run("& { $null -eq (Get-Variable -Scope local -Name localvar -ValueOnly -ErrorAction SilentlyContinue); "
               "New-Variable -Scope local -Name localVar -Value 10; "
               "Get-Variable -Scope local -Name localvar -ValueOnly }") == [True, 10]  # fmt: skip
    assert run("& { New-Variable -Scope script -Name scriptvar -Value 100 }; $scriptvar") == [100]


# -- Remove-Variable.Tests.ps1 ------------------------------------------------------------------------


def test_remove_variable_by_name() -> None:
    # Remove-Variable.Tests.ps1:8-36
    assert caught("New-Variable -Name var1 -Value 4; Remove-Variable $var1 -ErrorAction Stop") == (
        "VariableNotFound,Microsoft.PowerShell.Commands.RemoveVariableCommand"
    )
    assert run("New-Variable -Name var1 -Value 4; Remove-Variable var1; $null -eq $var1; "
               "[bool](Get-Variable var1 -ErrorAction SilentlyContinue)") == [True, False]  # fmt: skip
    assert caught("Remove-Variable -Name nonexistentVariable -ErrorAction Stop") == (
        "VariableNotFound,Microsoft.PowerShell.Commands.RemoveVariableCommand"
    )


def test_remove_variable_wildcards_include_exclude() -> None:
    # Remove-Variable.Tests.ps1:38-118
    setup = "New-Variable tmpvar1 -Value tempvalue; New-Variable tmpvar2 -Value 2; New-Variable tmpmyvar1 -Value 234; "
    assert run(setup + "Remove-Variable -Name tmp*; $null -eq $tmpvar1; $null -eq $tmpvar2; $null -eq $tmpmyvar1") == [
        True, True, True]  # fmt: skip
    assert run(setup + "Remove-Variable -Name tmp* -Exclude *my*; $null -eq $tmpvar1; $null -eq $tmpvar2; "
               "$tmpmyvar1") == [True, True, 234]  # fmt: skip
    assert run(setup + "Remove-Variable -Name tmp* -Include *my*; $tmpvar1; $tmpvar2; $null -eq $tmpmyvar1") == [
        "tempvalue", 2, True]  # fmt: skip


def test_remove_variable_read_only_needs_force() -> None:
    # Remove-Variable.Tests.ps1:120-133
    assert caught("New-Variable var1 -Value 2 -Option ReadOnly; Remove-Variable -Name var1 -ErrorAction Stop") == (
        "VariableNotRemovable,Microsoft.PowerShell.Commands.RemoveVariableCommand"
    )
    assert run("New-Variable -Name var1 -Value 2 -Option ReadOnly; Remove-Variable -Name var1 -Force; "
               "$null -eq $var1") == [True]  # fmt: skip


def test_remove_variable_scopes() -> None:
    # Remove-Variable.Tests.ps1:135-206
    assert run("& { New-Variable -Name var1 -Value 'context' -Scope global; Remove-Variable -Name var1 -Scope global; "
               "$null -eq $var1 }") == [True]  # fmt: skip
    assert run("& { New-Variable -Name var2 -Value 'context' -Scope global; "
               "try { Remove-Variable -Name var2 -Scope local -ErrorAction Stop } catch { 'threw' }; $var2 }") == [
        "threw", "context"]  # fmt: skip
    assert run("& { New-Variable -Name var3 -Value 'context' -Scope local; "
               "try { Remove-Variable -Name var3 -Scope global -ErrorAction Stop } catch { 'threw' }; $var3 }") == [
        "threw", "context"]  # fmt: skip
    # a function's Remove-Variable removes only its own scope's variable (-Scope defaults to local)
    assert run("$keep = 1; function f { try { Remove-Variable keep -ErrorAction Stop } catch { 'not local' } }; f; "
               "$keep") == ["not local", 1]  # fmt: skip


# -- Clear-Variable.Tests.ps1 -------------------------------------------------------------------------


def test_clear_variable_plain() -> None:
    # Clear-Variable.Tests.ps1:5-13
    assert run("Set-Variable foo bar; Clear-Variable -Name foo; $v = Get-Variable foo; $v.Name; $null -eq $v.Value; "
               "$v.Options") == ["foo", True, "None"]  # fmt: skip


def test_clear_variable_read_only() -> None:
    # Clear-Variable.Tests.ps1:15-26
    out = run("Set-Variable foo bar -Option ReadOnly; & { try { Clear-Variable -Name foo -Scope 1 -ErrorAction Stop } "
              "catch { $_.FullyQualifiedErrorId; [string]$_.CategoryInfo } }; Clear-Variable -Name foo -Force; "
              "$v = Get-Variable foo; $null -eq $v.Value; $v.Options")  # fmt: skip
    assert out[0] == "VariableNotWritable,Microsoft.PowerShell.Commands.ClearVariableCommand"
    assert "SessionStateUnauthorizedAccessException" in out[1]
    assert out[2:] == [True, "ReadOnly"]


def test_clear_variable_local_scope_leaves_the_parents() -> None:
    # Clear-Variable.Tests.ps1:28-49 and :66-88
    assert run("Set-Variable foo bar; & { Set-Variable foo baz; $foo; Clear-Variable -Name foo -Scope local; "
               "$null -eq (Get-Variable -Name foo -Scope local).Value }; $foo") == ["baz", True, "bar"]  # fmt: skip


def test_clear_variable_names_and_filters() -> None:
    # Clear-Variable.Tests.ps1:92-160
    setup = "$var1 = 2; $var2 = 3; $variable1 = 23; $variable2 = 4; $w = 3; "
    out = run(setup + "Clear-Variable -Name w, vari* -Include w, vari*; $null -eq $variable1; $null -eq $w; $var1")
    assert out == [True, True, 2]
    assert run(setup + "Clear-Variable -Name w, vari* -Exclude var*; $variable1; $null -eq $w") == [23, True]
    assert run("$var1 = 3; Clear-Variable var1; $null -eq $var1; [bool](Get-Variable var1)") == [True, True]
    assert caught("Clear-Variable nosuchvariable -ErrorAction Stop") == (
        "VariableNotFound,Microsoft.PowerShell.Commands.ClearVariableCommand"
    )


def test_clear_variable_pass_thru() -> None:
    assert run("$c = 5; $v = Clear-Variable c -PassThru; $v.Name; $null -eq $v.Value") == ["c", True]


# -- output as pwsh prints it ------------------------------------------------------------------------


def test_get_variable_prints_a_name_value_table() -> None:
    objects = run("$alpha = 1; $beta = 'two'; Get-Variable alpha, beta")
    text = format_output(objects)
    lines = text.strip("\n").split("\n")
    assert lines[0] == "Name                           Value"
    assert lines[1] == "----                           -----"
    assert lines[2].rstrip() == "alpha                          1"
    assert lines[3].rstrip() == "beta                           two"


def test_variable_cmdlets_aliases() -> None:
    # InitialSessionState.BuiltInAliases: gv, sv, nv, rv, clv
    assert run("nv a 1; sv a 2; gv a -ValueOnly; clv a; $null -eq $a; rv a; [bool](gv a -ea 0)") == [2, True, False]
