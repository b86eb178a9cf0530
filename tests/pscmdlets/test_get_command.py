"""Get-Command, from PowerShell's Pester tests (test/powershell/Modules/Microsoft.PowerShell.Utility/
Get-Command.Tests.ps1 and Microsoft.PowerShell.Core/Get-Command.Tests.ps1)."""

from __future__ import annotations

import psbridge
from psbridge.cli.formatting import format_output
from psbridge.cmdlets.core.get_command import abbreviation, fuzzy_distance


def run(script: str) -> list:
    return psbridge.run(script)


def caught(script: str) -> str:
    return run(f"try {{ {script} ; 'no error' }} catch {{ $_.FullyQualifiedErrorId }}")[0]


def test_syntax_of_an_alias_names_its_command() -> None:
    # Utility/Get-Command.Tests.ps1:107-113 (del -> Remove-Item)
    out = run("Get-Command -Name del -Syntax")
    assert len(out) == 1 and isinstance(out[0], str)
    assert out[0].startswith("del (alias) -> Remove-Item\n\n")
    assert "del [-Path] <string[]>" in out[0]


def test_syntax_with_a_wildcard_keeps_commands_and_aliases_apart() -> None:
    # Utility/Get-Command.Tests.ps1:114-126 (sp* is Set-ItemProperty's alias there; psbridge has Split-Path)
    text = "".join(run("Get-Command -Name sp* -Syntax"))
    assert "Split-Path [-Path] <string[]>" in text
    assert "Split-Path (alias)" not in text
    text = "".join(run("Get-Command -Name Get-Variable, gv -Syntax"))
    assert "gv (alias) -> Get-Variable" in text
    assert "Get-Variable [[-Name] <string[]>]" in text


def test_syntax_lines_follow_the_parameter_sets() -> None:
    out = run("Get-Command Set-StrictMode -Syntax")[0]
    assert out == (
        "\nSet-StrictMode -Version <version> [<CommonParameters>]\n\nSet-StrictMode -Off [<CommonParameters>]\n"
    )
    out = run("function Get-Foo { param([Parameter(Mandatory)][string]$Name, [int]$Count, [switch]$Now) }; "
              "Get-Command Get-Foo -Syntax")[0]  # fmt: skip
    assert out == "\nGet-Foo [-Name] <string> [[-Count] <int>] [-Now] [<CommonParameters>]\n"


def test_name_gives_the_command_that_would_run() -> None:
    # Utility/Get-Command.Tests.ps1:146-157
    assert run("$r = Get-Command -Name del; $r.CommandType; $r.DisplayName") == ["Alias", "del -> Remove-Item"]
    assert run("$r = Get-Command -Name Remove-Item; $r.CommandType; $r.Source; $r.Version") == [
        "Cmdlet", "Microsoft.PowerShell.Management", "7.0.0.0"]  # fmt: skip
    assert run("(Get-Command Request-ChatCompletion).CommandType; (Get-Command Request-ChatCompletion).Source") == [
        "Function", "PSOpenAI"]  # fmt: skip


def test_a_missing_name_is_command_not_found() -> None:
    # Utility/Get-Command.Tests.ps1:158-166 (' ') and :94-96 (g-adf)
    for name in ("' '", "g-adf"):
        assert caught(f"Get-Command {name} -ErrorAction Stop") == (
            "CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand"
        )
    assert run("Get-Command nosuch* ; 'quiet'") == ["quiet"]


def test_abbreviation_expansion() -> None:
    # Utility/Get-Command.Tests.ps1:38-58 and :97-99 (psbridge's own cmdlets stand in for the module's)
    assert abbreviation("Import-PowerShellDataFile") == "i-psdf"
    assert run("(Get-Command i-e -UseAbbreviationExpansion).Name") == ["Invoke-Expression"]
    assert set(run("(Get-Command g-v -UseAbbreviationExpansion).Name")) == {"Get-Variable", "Get-Verb", "Get-Video"}
    assert set(run("(Get-Command s-A -UseAbbreviationExpansion).Name")) == {"Set-Alias", "Set-Assistant"}
    assert run("Get-Command i-e* -UseAbbreviationExpansion; 'none'") == ["none"]


def test_fuzzy_matching() -> None:
    # Utility/Get-Command.Tests.ps1:4-27 (Get-Help is not a psbridge cmdlet: Get-Alias is the nearest there)
    assert fuzzy_distance("Get-Help", "get-hlp") == 1
    out = run("$c = Get-Command get-vriable -UseFuzzyMatch; $c[0].Name; $c[0].Score")
    assert out == ["Get-Variable", 1]
    scores = run("(Get-Command get-vriable -UseFuzzyMatch -FuzzyMinimumDistance 3).Score")
    assert scores and all(score <= 3 for score in scores)


def test_verb_and_noun() -> None:
    # Core/Get-Command.Tests.ps1:210-222 (-Syntax of Get-Content lists its parameters)
    assert run("(Get-Command -Verb get -Noun content).Name") == ["Get-Content"]
    text = run("Get-Command -Verb get -Noun content -Syntax")[0]
    for name in ("-Encoding", "-Wait", "-Delimiter"):
        assert name in text
    assert run("(Get-Command -Verb Get -Noun *Variable).Name") == ["Get-Variable"]


def test_piping_command_infos_and_excluding_modules() -> None:
    # Core/Get-Command.Tests.ps1:267-276
    assert run("$r = Get-Command -Name Add-Content, Get-Content | Get-Command; $r.Count; $r.Name") == [
        2, "Add-Content", "Get-Content"]  # fmt: skip
    assert run("$null -eq (Get-Command -Name Get-Variable -ExcludeModule Microsoft.PowerShell.Utility -ea 0)") == [True]


def test_filters() -> None:
    assert run("(Get-Command -ParameterName ValueOnly).Name") == ["Get-Variable"]
    assert run("(Get-Command -Module PSOpenAI -TotalCount 2).Count") == [2]
    assert run("(Get-Command -CommandType Alias -Name g*v).Name") == ["gpv", "gv"]
    assert "Get-Variable" in run("(Get-Command -CommandType Cmdlet).Name")
    assert run("function Get-Mine { }; (Get-Command -CommandType Function -Name Get-Mine).Name") == ["Get-Mine"]


def test_user_functions_and_aliases_are_listed() -> None:
    out = run("function Test-Thing { param($X) }; Set-Alias tt Test-Thing; "
              "(Get-Command tt).ResolvedCommandName; (Get-Command Test-Thing).CommandType")  # fmt: skip
    assert out == ["Test-Thing", "Function"]


def test_get_command_prints_one_command_table() -> None:
    text = format_output(run("function Get-Mine { }; Get-Command Get-Variable, gal, Request-ChatCompletion, Get-Mine"))
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    assert lines[0] == "CommandType     Name                                               Version    Source"
    assert lines[2] == "Cmdlet          Get-Variable" + " " * 39 + "7.0.0.0    Microsoft.PowerShell.Utility"
    assert lines[3] == "Alias           gal -> Get-Alias"
    assert lines[4] == "Function        Request-ChatCompletion                                        PSOpenAI"
    assert lines[5] == "Function        Get-Mine"


def test_results_are_sorted_by_command_type_then_name() -> None:
    # GetCommandCommand.EndProcessing: unless every name is given in full, the results are ordered by
    # CommandInfoComparer (CommandTypes value, then name); with no name, AccumulateMatchingCmdlets takes
    # aliases, functions and cmdlets alike
    out = psbridge.run("Get-Command Get-Ch*, gci | ForEach-Object { \"$($_.CommandType) $($_.Name)\" }")
    assert out == ["Alias gci", "Function Get-ChatCompletion", "Cmdlet Get-ChildItem"]
    assert psbridge.run("Get-Command gci, Get-ChildItem | ForEach-Object Name") == ["gci", "Get-ChildItem"]
    every = psbridge.run("Get-Command | ForEach-Object { \"$($_.CommandType)|$($_.Name)\" }")
    kinds = [entry.split("|")[0] for entry in every]
    assert kinds[0] == "Alias" and "Function" in kinds and kinds[-1] == "Cmdlet"
    order = {"Alias": 1, "Function": 2, "Cmdlet": 8}
    keys = [(order[kind], name.casefold()) for kind, name in (entry.split("|") for entry in every)]
    assert keys == sorted(keys)
    assert psbridge.run("(Get-Command -Verb Get | Where-Object CommandType -eq Alias).Count") == [0]
