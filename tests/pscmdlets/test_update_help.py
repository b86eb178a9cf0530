"""Update-Help -SourcePath and the partial help Get-Help shows before any help is installed.

pwsh 7 ships no help content: Get-Help then builds partial help from the command's metadata
(DefaultCommandHelpObjectBuilder; REMARKS from HelpDisplayStrings.GetLatestHelpContent*), and
Update-Help installs help (UpdatableHelpCommandBase, UpdateHelpCommand; errors from
HelpDisplayStrings).  Each test gets its own empty help store.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import psbridge
from psbridge.cli.formatting import format_output
from tests.conftest import ALL_DOCS, DOCS, MODULE_DOCS

PARTIAL = [
    "    Get-Help cannot find the Help files for this cmdlet on this computer. It is displaying only partial help.",
    "        -- To download and install Help files for the module that includes this cmdlet, use Update-Help.",
]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty help store; HOME and XDG_DATA_HOME point into tmp_path too, so a write that missed
    the store would land where the test can see it."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("PSBRIDGE_HELP_HOME", str(tmp_path / "store"))
    return tmp_path / "store"


def lines(script: str) -> list[str]:
    return format_output(psbridge.run(script)).split("\n")


def error_of(script: str) -> tuple[str, str]:
    """(FullyQualifiedErrorId, message) of the first error the script writes."""
    out = psbridge.run(f"{script} -ErrorVariable e -ErrorAction SilentlyContinue; $e[0].FullyQualifiedErrorId; "
                       "$e[0].Exception.Message")  # fmt: skip
    return str(out[0]), str(out[1])


def files_under(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}


# -- partial help ------------------------------------------------------------------------------------------
def test_a_cmdlet_without_installed_help_shows_partial_help(store: Path) -> None:
    out = lines("Get-Help Select-Object")
    headings = [line for line in out if line and not line.startswith(" ")]
    assert headings == ["NAME", "SYNTAX", "ALIASES", "REMARKS"]
    assert out[out.index("SYNTAX") + 1].startswith("    Select-Object [[-Property] <Object[]>]")
    assert out[out.index("ALIASES") + 1 : out.index("ALIASES") + 3] == ["    select", ""]
    remarks = out.index("REMARKS")
    assert out[remarks + 1 : remarks + 3] == PARTIAL
    assert psbridge.run("(Get-Help Select-Object).remarks")[0].startswith("Get-Help cannot find the Help files")
    assert not store.exists()  # reading help writes nothing


def test_partial_help_lists_every_alias_and_full_adds_the_parameters(store: Path) -> None:
    out = lines("Get-Help Get-ChildItem -Full")
    assert [line for line in out if line and not line.startswith(" ")] == [
        "NAME", "SYNTAX", "PARAMETERS", "INPUTS", "OUTPUTS", "ALIASES", "REMARKS",
    ]  # fmt: skip
    aliases = out.index("ALIASES")
    assert out[aliases + 1 : aliases + 3] == ["    dir", "    gci"]
    assert out[out.index("REMARKS") + 1 : out.index("REMARKS") + 3] == PARTIAL


def test_partial_help_of_a_psopenai_command_says_none(store: Path) -> None:
    # PSOpenAI's manifest names no HelpInfoUri: pwsh's partial help then has "None" for remarks
    out = lines("Get-Help Get-Thread")
    assert out[out.index("REMARKS") + 1] == "    None"
    assert psbridge.run("(Get-Help Get-Thread).Synopsis")[0].startswith("Get-Thread [-ThreadId] <String>")


def test_help_installed_in_the_session_shows_at_once(store: Path) -> None:
    out = psbridge.run(
        "$before = (Get-Help Get-Thread).Synopsis; "
        f"Update-Help -SourcePath '{DOCS}' -Module PSOpenAI; "
        "$before.StartsWith('Get-Thread '); (Get-Help Get-Thread).Synopsis"
    )
    assert out == [True, "Retrieves a thread."]


# -- Update-Help -SourcePath ---------------------------------------------------------------------------------
def test_source_path_installs_each_module_of_the_folder_under_its_culture(store: Path) -> None:
    psbridge.run(f"Update-Help -SourcePath '{DOCS}' -ErrorAction Stop")
    assert (store / "PSOpenAI" / "en-US" / "Get-Thread.help.json").is_file()
    assert (store / "PSOpenAI" / "en-US" / "HelpInfo.json").is_file()
    assert sorted(p.name for p in store.iterdir()) == ["PSOpenAI"]  # the folder documents PSOpenAI only
    assert psbridge.run("(Get-Help Get-Thread).Synopsis") == ["Retrieves a thread."]
    out = lines("Get-Help Select-Object")  # Utility's help is still not installed
    assert out[out.index("REMARKS") + 1 : out.index("REMARKS") + 3] == PARTIAL


def test_module_picks_the_modules_to_install(store: Path) -> None:
    utility = MODULE_DOCS["Microsoft.PowerShell.Utility"].parent
    psbridge.run(f"Update-Help -SourcePath '{utility}' -Module *.Utility -ErrorAction Stop")
    assert sorted(p.name for p in store.iterdir()) == ["Microsoft.PowerShell.Utility"]
    assert psbridge.run("(Get-Help Select-Object).Synopsis") == ["Selects objects or object properties."]


def test_a_missing_folder_is_pwshs_error_and_writes_nothing(store: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    error_id, message = error_of(f"Update-Help -SourcePath '{missing}' -Module PSOpenAI")
    assert error_id == "UnableToRetrieveHelpInfoXml,Microsoft.PowerShell.Commands.UpdateHelpCommand"
    assert message == (
        "Failed to update Help for the module(s) 'PSOpenAI' with UI culture(s) {en-US} : Unable to retrieve the "
        "HelpInfo XML file for UI culture en-US. Make sure the HelpInfoUri property in the module manifest is valid "
        "or check your network connection and then try the command again..\n"
        "English-US help content is available and can be installed using: Update-Help -UICulture en-US."
    )
    assert not store.exists() and not missing.exists()
    a_file = ALL_DOCS / "Get-Thread.md"  # a file is no folder either
    assert error_of(f"Update-Help -SourcePath '{a_file}'")[0].startswith("UnableToRetrieveHelpInfoXml,")


def test_without_source_path_nothing_is_downloaded(store: Path) -> None:
    out = psbridge.run(
        "Update-Help -ErrorVariable e -ErrorAction SilentlyContinue; $e.Count; $e[0].FullyQualifiedErrorId; "
        "$e[0].Exception.Message"
    )
    assert out[0] == 1 and out[1] == "UnableToRetrieveHelpInfoXml,Microsoft.PowerShell.Commands.UpdateHelpCommand"
    assert out[2].startswith(
        "Failed to update Help for the module(s) 'Microsoft.PowerShell.Core, Microsoft.PowerShell.Management, "
        "Microsoft.PowerShell.Utility' with UI culture(s) {en-US} : Unable to retrieve the HelpInfo XML file"
    )
    assert not store.exists()
    error_id, message = error_of("Update-Help -Module PSOpenAI")
    assert error_id == "HelpInfoUriNotFound,Microsoft.PowerShell.Commands.UpdateHelpCommand"
    assert message.startswith("Failed to update Help for the module(s) :\n'PSOpenAI'\nThe Update-Help command failed")


def test_an_unknown_module_and_an_unknown_culture(store: Path) -> None:
    error_id, message = error_of(f"Update-Help -SourcePath '{DOCS}' -Module NoSuchModule")
    assert error_id == "ModuleNotFound,Microsoft.PowerShell.Commands.UpdateHelpCommand"
    assert message == (
        "No PowerShell modules were found that match the following pattern: NoSuchModule. Verify the pattern and "
        "then try the command again."
    )
    error_id, message = error_of(f"Update-Help -SourcePath '{DOCS}' -Module PSOpenAI -UICulture fr-FR")
    assert error_id.startswith("UnableToRetrieveHelpInfoXml,")
    assert "with UI culture(s) {fr-FR} : Unable to retrieve the HelpInfo XML file for UI culture fr-FR." in message
    assert not store.exists()


def test_nothing_is_written_outside_the_store(store: Path, tmp_path: Path) -> None:
    source = tmp_path / "docs"
    shutil.copytree(DOCS, source)  # a folder the test owns, to see that it is left as it was
    before = files_under(tmp_path)
    out = psbridge.run(f"Set-Location '{tmp_path}'; Update-Help -SourcePath ./docs -Force -ErrorAction Stop; 'done'")
    assert out == ["done"]
    after = files_under(tmp_path)
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed and all(name.startswith("store" + os.sep) for name in changed)
    assert set(before) <= set(after)
    leftovers = [name for name in after if name.endswith(".tmp")]
    assert leftovers == []


def test_the_store_defaults_to_the_xdg_data_home_then_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PSBRIDGE_HELP_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    psbridge.run(f"Update-Help -SourcePath '{DOCS}' -Module PSOpenAI -ErrorAction Stop")
    assert (tmp_path / "xdg" / "psbridge" / "help" / "PSOpenAI" / "en-US" / "Get-Thread.help.json").is_file()
    monkeypatch.delenv("XDG_DATA_HOME")
    psbridge.run(f"Update-Help -SourcePath '{DOCS}' -Module PSOpenAI -ErrorAction Stop")
    home_store = tmp_path / "home" / ".local" / "share" / "psbridge" / "help"
    assert (home_store / "PSOpenAI" / "en-US" / "Get-Thread.help.json").is_file()


def test_help_installed_today_is_installed_again_only_with_force(store: Path) -> None:
    install = f"Update-Help -SourcePath '{DOCS}' -Module PSOpenAI -ErrorAction Stop"
    psbridge.run(install)
    info = store / "PSOpenAI" / "en-US" / "HelpInfo.json"
    first = info.stat().st_mtime_ns
    verbose = psbridge.run(f"{install} -Verbose 4>&1 | ForEach-Object {{ $_.Message }}")
    assert info.stat().st_mtime_ns == first
    assert verbose[0].startswith("Help was not updated for the module PSOpenAI, because the Update-Help command")
    os.utime(info, ns=(first - 10**9, first - 10**9))
    psbridge.run(install + " -Force")
    assert info.stat().st_mtime_ns > first - 10**9


def test_what_if_and_literal_path(store: Path, tmp_path: Path) -> None:
    psbridge.run(f"Update-Help -SourcePath '{DOCS}' -Module PSOpenAI -WhatIf")
    assert not store.exists()
    bracketed = tmp_path / "docs[1]"
    bracketed.mkdir()
    shutil.copy(ALL_DOCS / "Get-Thread.md", bracketed)
    psbridge.run(f"Update-Help -LiteralPath '{bracketed}' -ErrorAction Stop")
    assert sorted(p.name for p in (store / "PSOpenAI" / "en-US").iterdir()) == ["Get-Thread.help.json", "HelpInfo.json"]
