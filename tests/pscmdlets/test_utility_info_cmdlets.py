"""Get-Culture, Get-UICulture, Get-Host, Get-Verb, Get-Uptime and New-TemporaryFile, from PowerShell's
Pester tests (test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Culture.Tests.ps1,
Get-UICulture.Tests.ps1, Get-Host.Tests.ps1, Get-Verb.Tests.ps1, Get-Uptime.Tests.ps1,
New-TemporaryFile.Tests.ps1) and the docs' examples."""

from __future__ import annotations

import datetime as dt
import json
import os
import time

import pytest

from psbridge.conversion.cultures import CULTURES
from psbridge.conversion.static_misc import CultureInfo
from tests.conftest import SPECS
from tests.language.evaluator_helpers import Session


def run(text: str, **variables):
    session = Session()
    return session.run(text, **variables), session.error_ids


# -- Get-Culture / Get-UICulture ------------------------------------------------------------------


def test_the_current_culture_is_the_hosts() -> None:
    # Get-Culture.Tests.ps1:6-18, Get-UICulture.Tests.ps1
    output, ids = run(
        "$c = Get-Culture; $c -is [cultureinfo]; $c.EnglishName -eq $Host.CurrentCulture.EnglishName; "
        "(Get-Culture -NoUserOverrides).Name; (Get-UICulture).Name; (Get-Culture).LCID"
    )
    assert (output, ids) == ([True, True, "en-US", "en-US", 1033], [])


def test_named_cultures_from_arguments_and_the_pipeline() -> None:
    # Get-Culture.Tests.ps1:20-52
    for script in ("Get-Culture -Name '', 'ru-RU'", "'', 'ru-RU' | Get-Culture", "Get-Culture ru-ru"):
        output, ids = run(script)
        assert ids == [] and all(isinstance(culture, CultureInfo) for culture in output)
        assert output[-1].Name == "ru-RU" and output[-1].EnglishName == "Russian (Russia)"
        if len(output) == 2:
            assert output[0].EnglishName == "Invariant Language (Invariant Country)" and output[0].LCID == 127
    (neutral,) = run("Get-Culture fr")[0]
    assert (neutral.IsNeutralCulture, neutral.Parent.Name, neutral.ThreeLetterISOLanguageName) == (True, "", "fra")


def test_list_available_and_an_unknown_name() -> None:
    # Get-Culture.Tests.ps1:54-66
    output, _ = run("Get-Culture -ListAvailable")
    assert [culture.Name for culture in output] == list(CULTURES)
    output, ids = run("Get-Culture -Name 'abcdefghijkl'")
    assert (output, ids) == ([], ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetCultureCommand"])


def test_the_name_validate_set_is_the_culture_table() -> None:
    merged = json.loads((SPECS / "Microsoft.PowerShell.Utility" / "Get-Culture.json").read_text())
    (name,) = [parameter for parameter in merged["parameters"] if parameter["name"] == "Name"]
    assert name["accepted_values"] == list(CULTURES)


def test_a_culture_prints_as_pwshs_table() -> None:
    # Get-Culture.md example 1
    (text,) = run("Get-Culture | Out-String")[0]
    assert text.strip("\n").split("\n") == [
        "LCID             Name             DisplayName",
        "----             ----             -----------",
        "1033             en-US            English (United States)",
    ]


# -- Get-Host -------------------------------------------------------------------------------------


def test_get_host_is_dollar_host() -> None:
    # Get-Host.Tests.ps1:4-8
    session = Session()
    output = session.run("$h = Get-Host; $h.PSObject.TypeNames[0]; $h.InstanceId -eq $Host.InstanceId; $h.Name")
    assert session.error_ids == []
    assert output == ["System.Management.Automation.Internal.Host.InternalHost", True, "Default Host"]
    assert session.run("Get-Host")[0] is session.run("$Host")[0]


# -- Get-Verb -------------------------------------------------------------------------------------


def test_every_verb_once_in_its_group() -> None:
    # Get-Verb.Tests.ps1: the verbs are unique, each in one of the seven groups, with a unique alias prefix
    output, ids = run("Get-Verb")
    assert ids == [] and len(output) == 100
    assert len({verb.Verb for verb in output}) == 100
    assert len({verb.AliasPrefix for verb in output}) == 100
    assert {verb.Group for verb in output} == {
        "Common", "Communications", "Data", "Diagnostic", "Lifecycle", "Other", "Security"
    }  # fmt: skip
    assert output[0].pstypenames[0] == "System.Management.Automation.VerbInfo"


def test_verbs_by_wildcard_and_group_print_as_the_doc_shows() -> None:
    # Get-Verb.md examples 2 and 3
    (text,) = run("Get-Verb un* | Out-String")[0]
    lines = text.strip("\n").split("\n")
    assert lines[0] == "Verb       AliasPrefix Group     Description"
    assert lines[2] == "Undo       un          Common    Sets a resource to its previous state"
    assert lines[-1] == (
        "Unprotect  up          Security  Removes safeguards from a resource that were added to prevent it from "
        "attack or loss"
    )
    output, _ = run("(Get-Verb -Group Security).Verb")
    assert output == ["Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect"]
    output, _ = run("(Get-Verb -Verb Get, Set -Group Common, Data).Verb")
    assert output == ["Get", "Set"]
    assert run("Get-Verb -Group Bogus")[1] == [
        "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetVerbCommand"
    ]


def test_unapproved_verbs_of_a_module() -> None:
    # Get-Verb.md example 4: Sort-Object and Tee-Object are the Utility cmdlets with unapproved verbs
    script = "(Get-Command -Module Microsoft.PowerShell.Utility | Where-Object Verb -NotIn (Get-Verb).Verb).Name"
    output, _ = run(script)
    assert set(output) == {"Sort-Object", "Tee-Object"}


# -- Get-Uptime -----------------------------------------------------------------------------------


def test_uptime_and_since() -> None:
    # Get-Uptime.Tests.ps1:20-31
    before = int(time.clock_gettime(time.CLOCK_MONOTONIC))
    (uptime,) = run("Get-Uptime")[0]
    after = int(time.clock_gettime(time.CLOCK_MONOTONIC))
    assert isinstance(uptime, dt.timedelta) and before <= uptime.total_seconds() <= after
    assert uptime.microseconds == 0  # whole seconds
    (since,) = run("Get-Uptime -Since")[0]
    assert isinstance(since, dt.datetime)
    assert abs((dt.datetime.now() - since).total_seconds() - before) < 5
    (timespan,) = run("Get-Uptime -Since:$false")[0]
    assert isinstance(timespan, dt.timedelta)


# -- New-TemporaryFile ----------------------------------------------------------------------------


def test_new_temporary_file(tmp_path, monkeypatch) -> None:
    # New-TemporaryFile.Tests.ps1:17-31
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    output, ids = run("$t = New-TemporaryFile; $t.FullName; $t.Length; $t.PSObject.TypeNames[0]")
    assert ids == []
    path, length, type_name = output
    assert os.path.isfile(path) and os.path.dirname(path) == str(tmp_path)
    assert os.path.basename(path).startswith("tmp") and path.endswith(".tmp")
    assert (length, type_name) == (0, "System.IO.FileInfo")
    assert run("New-TemporaryFile; New-TemporaryFile")[1] == [] and len(os.listdir(tmp_path)) == 3
    assert run("New-TemporaryFile -WhatIf")[0] == [] and len(os.listdir(tmp_path)) == 3


def test_new_temporary_file_in_a_missing_directory(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path / "gone"))
    output, ids = run("New-TemporaryFile; 'next'")
    assert output == ["next"]
    assert ids == ["NewTemporaryFileWriteError,Microsoft.PowerShell.Commands.NewTemporaryFileCommand"]


@pytest.mark.parametrize("name", ["Get-Culture", "Get-Verb", "New-TemporaryFile"])
def test_help_knows_them(name: str) -> None:
    output, ids = run(f"(Get-Command {name}).Source")
    assert (output, ids) == (["Microsoft.PowerShell.Utility"], [])
