"""Get-, Set-, New- and Remove-Alias, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/<Cmdlet>.Tests.ps1)."""

from __future__ import annotations

import psbridge
from psbridge.cli.formatting import format_output


def run(script: str) -> list:
    return psbridge.run(script)


def caught(script: str) -> str:
    return run(f"try {{ {script} ; 'no error' }} catch {{ $_.FullyQualifiedErrorId }}")[0]


def describe(expression: str) -> str:
    return f"$r = {expression}; $r.Name; $r.Definition; [string]::IsNullOrEmpty($r.Description); $r.Options"


# -- Get-Alias.Tests.ps1 ------------------------------------------------------------------------------


def test_get_alias_bad_scopes_end_the_pipeline() -> None:
    # Get-Alias.Tests.ps1:5-10 and :141-143
    assert caught("Get-Alias -Name ABCD -Scope bogus") == "Argument,Microsoft.PowerShell.Commands.GetAliasCommand"
    for scope in ("99999", "100"):
        assert caught(f"Get-Alias -Name ABCD -Scope {scope}") == (
            "ArgumentOutOfRange,Microsoft.PowerShell.Commands.GetAliasCommand"
        )


def test_get_alias_named_and_positional() -> None:
    # Get-Alias.Tests.ps1:11-26
    assert run("Set-Alias -Name ABCD -Value foo; " + describe("Get-Alias -Name ABCD")) == ["ABCD", "foo", True, "None"]
    assert run("Set-Alias -Name ABCD -Value foo; " + describe("Get-Alias ABCD")) == ["ABCD", "foo", True, "None"]


def test_get_alias_several_and_wildcards() -> None:
    # Get-Alias.Tests.ps1:27-76
    assert run("Set-Alias ABCD foo; Set-Alias AEFG bar; $r = Get-Alias -Name ABCD,AEFG; $r.Name; $r.Definition") == [
        "ABCD", "AEFG", "foo", "bar"]  # fmt: skip
    assert run("Set-Alias ABCG bar; Set-Alias ABCD foo; (Get-Alias -Name ABC*).Name") == ["ABCD", "ABCG"]
    assert run("Set-Alias ABCD foo; Set-Alias ABCG bar; (Get-Alias -Name ABC* -Exclude '*BCG').Name") == ["ABCD"]


def test_get_alias_scopes() -> None:
    # Get-Alias.Tests.ps1:78-139 (two scopes down, so that scope 1 is not the global one; psbridge.run's text
    # runs as -Command does, where the script scope is the global one, so script is set before global)
    script = """& { & {
        Set-Alias -Name ABCD -Value foo
        Set-Alias -Name ABCD -Value localfoo -Scope local
        (Get-Alias -Name ABCD -Scope local).Definition
        Set-Alias -Name ABCD -Value scriptfoo -Scope script
        (Get-Alias -Name ABCD -Scope script).Definition
        Set-Alias -Name ABCD -Value globalfoo -Scope global
        Set-Alias -Name ABCD -Value foo0 -Scope 0
        Set-Alias -Name ABCD -Value foo1 -Scope 1
        (Get-Alias -Name ABCD).Definition
        (Get-Alias -Name ABCD -Scope local).Definition
        (Get-Alias -Name ABCD -Scope global).Definition
        (Get-Alias -Name ABCD -Scope 0).Definition
        (Get-Alias -Name ABCD -Scope 1).Definition
    } }"""
    assert run(script) == ["localfoo", "scriptfoo", "foo0", "foo0", "globalfoo", "foo0", "foo1"]


def test_get_alias_definition() -> None:
    # Get-Alias.Tests.ps1:158-166
    out = run("$r = Get-Alias -Definition Get-Command; $r.Name; $r.CommandType; $r.Definition")
    assert out == ["gcm", "Alias", "Get-Command"]


def test_get_alias_display_name_shows_the_resolved_command() -> None:
    # Get-Alias.Tests.ps1:168-177
    out = run("Set-Alias -Name Test-MyAlias -Value Get-Command -Force; Set-Alias -Name tma -Value Test-MyAlias -Force; "
              "Get-Alias Test-MyAlias, tma | ForEach-Object { $_.DisplayName -eq \"$($_.Name) -> Get-Command\" }")
    assert out == [True, True]


def test_get_alias_returns_arrays_of_alias_infos() -> None:
    # Get-Alias.Tests.ps1:180-220
    assert run("$v = Get-Alias c*; $v.Count -gt 1; $v.Count -eq (gal c*).Count; ($v | % CommandType | Select -Unique)")\
        == [True, True, "Alias"]


def test_get_alias_lists_the_built_in_ones_as_pwsh_on_linux() -> None:
    names = run("(Get-Alias).Name")
    for name in ("%", "?", "select", "gci", "gcm", "iex", "sal", "nal", "gal", "rv", "sv", "gv"):
        assert name in names
    assert "ls" not in names and "cat" not in names
    assert run("(Get-Alias %).Options; (Get-Alias gci).Options; (Get-Alias cd).Options") == [
        "ReadOnly, AllScope", "ReadOnly", "AllScope"]  # fmt: skip


def test_get_alias_not_found() -> None:
    assert caught("Get-Alias nosuchalias -ErrorAction Stop") == (
        "ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand"
    )
    assert run("Get-Alias nosuch* ; 'quiet'") == ["quiet"]


# -- Set-Alias.Tests.ps1 ------------------------------------------------------------------------------


def test_set_alias_bad_scopes() -> None:
    # Set-Alias.Tests.ps1:5-7 and :68-70
    assert caught("Set-Alias -Name ABCD -Value foo -Scope bogus -ErrorAction Stop") == (
        "Argument,Microsoft.PowerShell.Commands.SetAliasCommand"
    )
    assert caught("Set-Alias -Name ABCD -Value foo -Scope -1 -ErrorAction Stop") == (
        "ArgumentOutOfRange,Microsoft.PowerShell.Commands.SetAliasCommand"
    )


def test_set_alias_read_only_with_force() -> None:
    # Set-Alias.Tests.ps1:8-22
    assert run("Set-Alias -Name ABCD -Value foo -Option ReadOnly -Force:$true; " + describe("Get-Alias ABCD")
               + "; Set-Alias -Name ABCD -Value foo -Force:$true; (Get-Alias ABCD).Options") == [
        "ABCD", "foo", True, "ReadOnly", "None"]  # fmt: skip
    assert caught("Set-Alias ABCD foo -Option ReadOnly; Set-Alias ABCD bar -ErrorAction Stop") == (
        "AliasNotWritable,Microsoft.PowerShell.Commands.SetAliasCommand"
    )


def test_set_alias_values_and_description() -> None:
    # Set-Alias.Tests.ps1:23-47
    assert run("Set-Alias -Name ABCD -Value MyCommand; " + describe("Get-Alias ABCD")) == [
        "ABCD", "MyCommand", True, "None"]  # fmt: skip
    assert run("Set-Alias -Name ABCD foo; (Get-Alias ABCD).Definition") == ["foo"]
    out = run("Set-Alias -Name ABCD -Value MyCommand -Description 'test description'; (Get-Alias ABCD).Description")
    assert out == ["test description"]


def test_set_alias_scope_valid() -> None:
    # Set-Alias.Tests.ps1:48-66
    out = run("& { Set-Alias -Name ABCD -Value localfoo -Scope local -Force; Set-Alias -Name ABCD -Value foo1 -Scope 1 "
              "-Force; (Get-Alias ABCD).Definition; (Get-Alias ABCD -Scope local).Definition; "
              "(Get-Alias ABCD -Scope 1).Definition }")  # fmt: skip
    assert out == ["localfoo", "localfoo", "foo1"]


def test_set_alias_runs_the_command() -> None:
    # Set-Alias.Tests.ps1:74-95 (Get-Location stands in for the mocked Get-Date)
    assert run("Set-Alias -Name gd -Value Get-Location; (gd).Path -eq (Get-Location).Path") == [True]
    assert run("sal gd2 Write-Output; gd2 x") == ["x"]


def test_an_alias_set_in_a_function_ends_with_it() -> None:
    assert run("function f { Set-Alias inner Write-Output; inner 'in f' }; f; "
               "try { inner 'outside' } catch { $_.FullyQualifiedErrorId }") == [
        "in f", "CommandNotFoundException"]  # fmt: skip


def test_an_all_scope_built_in_alias_is_read_only_everywhere() -> None:
    assert caught("& { Set-Alias % Foo -ErrorAction Stop }") == (
        "AliasNotWritable,Microsoft.PowerShell.Commands.SetAliasCommand"
    )
    assert caught("Set-Alias gci Write-Output -ErrorAction Stop") == (  # a ReadOnly one: in the global scope
        "AliasNotWritable,Microsoft.PowerShell.Commands.SetAliasCommand"
    )
    assert run("& { Set-Alias gci Write-Output; gci here }") == ["here"]  # ... and not AllScope


# -- New-Alias.Tests.ps1 ------------------------------------------------------------------------------


def test_new_alias_constant() -> None:
    # New-Alias.Tests.ps1:5-10
    out = run("New-Alias -Name ABCD -Value foo -Option Constant -Force:$true; "
              "& { try { New-Alias -Name ABCD -Value foo -Force:$true -Scope 1 -ErrorAction Stop } "
              "catch { $_.FullyQualifiedErrorId; [string]$_.CategoryInfo } }")  # fmt: skip
    assert out[0] == "AliasNotWritable,Microsoft.PowerShell.Commands.NewAliasCommand"
    assert "SessionStateUnauthorizedAccessException" in out[1]


def test_new_alias_values() -> None:
    # New-Alias.Tests.ps1:11-33
    assert run("New-Alias ABCD -Value MyCommand -Scope 0; " + describe("Get-Alias -Name ABCD -Scope 0")) == [
        "ABCD", "MyCommand", True, "None"]  # fmt: skip
    assert run("New-Alias ABCD MyCommand -Scope 0 -Description 'test description'; "
               "(Get-Alias ABCD -Scope 0).Description") == ["test description"]  # fmt: skip


def test_new_alias_runs_and_refuses_an_existing_name() -> None:
    # New-Alias.Tests.ps1:36-60
    assert run("New-Alias -Name testAlias -Value Write-Output; testAlias 1; nal -Name testAlias2 -Value Write-Output; "
               "testAlias2 2") == [1, 2]  # fmt: skip
    assert caught("New-Alias testAlias Write-Output; New-Alias testAlias Get-Location -ErrorAction Stop") == (
        "AliasAlreadyExists,Microsoft.PowerShell.Commands.NewAliasCommand"
    )
    assert run("New-Alias testAlias Write-Output; New-Alias testAlias Get-Location -Force; "
               "(Get-Alias testAlias).Definition") == ["Get-Location"]  # fmt: skip


# -- Remove-Alias.Tests.ps1 ---------------------------------------------------------------------------


def test_remove_alias() -> None:
    # Remove-Alias.Tests.ps1:8-55
    name = "c7a0f7f2-alias"
    assert caught(f"Set-Alias -Name {name} -Value Remove-Alias; Remove-Alias -Name {name} -ErrorAction Stop; "
                  f"Get-Alias -Name {name} -ErrorAction Stop") == (
        "ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand")  # fmt: skip
    assert caught(f"Set-Alias -Name {name} -Value Remove-Alias -Option ReadOnly; "
                  f"Remove-Alias -Name {name} -ErrorAction Stop") == (
        "AliasNotRemovable,Microsoft.PowerShell.Commands.RemoveAliasCommand")  # fmt: skip
    assert caught(f"Set-Alias -Name {name} -Value Remove-Alias -Option ReadOnly; Remove-Alias -Name {name} -Force; "
                  f"Get-Alias -Name {name} -ErrorAction Stop") == (
        "ItemNotFoundException,Microsoft.PowerShell.Commands.GetAliasCommand")  # fmt: skip
    assert caught(f"Remove-Alias -Name {name} -ErrorAction Stop") == (
        "ItemNotFoundException,Microsoft.PowerShell.Commands.RemoveAliasCommand"
    )
    assert run(f"Set-Alias {name} x; Set-Alias {name}-2 x; Remove-Alias {name},{name}-2; "
               f"(Get-Alias {name}* -ErrorAction SilentlyContinue).Count") == [0]  # fmt: skip
    assert caught(f"Set-Alias {name} x; Remove-Alias -Name {name} -Scope 99999 -ErrorAction Stop") == (
        "ArgumentOutOfRange,Microsoft.PowerShell.Commands.RemoveAliasCommand"
    )


def test_remove_alias_of_a_built_in_one_with_force() -> None:
    out = run("Remove-Alias gcm -Force; try { gcm } catch { $_.FullyQualifiedErrorId }; "
              "[bool](Get-Alias gcm -ErrorAction SilentlyContinue)")
    assert out == ["CommandNotFoundException", False]


# -- output as pwsh prints it ------------------------------------------------------------------------


def test_get_alias_prints_the_command_info_table() -> None:
    text = format_output(run("Get-Alias gci, Request-ChatGPT"))
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    assert lines[0] == "CommandType     Name                                               Version    Source"
    assert lines[1] == "-----------     ----                                               -------    ------"
    assert lines[2] == "Alias           gci -> Get-ChildItem"
    assert lines[3] == "Alias           Request-ChatGPT -> Request-ChatCompletion                     PSOpenAI"
