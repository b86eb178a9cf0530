"""Get-Culture, Get-UICulture and Get-Host, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Culture.Tests.ps1) and Get-Culture.md's
examples.  psbridge has the data of en-US, en and the invariant culture only."""

from __future__ import annotations

from psbridge.formatting import out_string
from tests.language.evaluator_helpers import Session, one, run


def test_the_current_culture_is_en_us_and_matches_psculture() -> None:
    # Get-Culture.Tests.ps1:6-18
    assert run("(Get-Culture).Name; $PSCulture; (Get-Culture -NoUserOverrides).EnglishName") == [
        "en-US", "en-US", "English (United States)",
    ]  # fmt: skip
    assert one("(Get-Culture) -is [cultureinfo]") is True
    assert one("(Get-UICulture).Name") == "en-US"


def test_named_cultures_from_arguments_and_the_pipeline() -> None:
    # Get-Culture.Tests.ps1:31-51, with the invariant culture and en-US (psbridge has no ru-RU)
    assert run("(Get-Culture '', 'en-US').EnglishName") == [
        "Invariant Language (Invariant Country)", "English (United States)",
    ]  # fmt: skip
    assert run("('', 'EN' | Get-Culture).Name") == ["", "en"]


def test_list_available_and_an_unknown_culture() -> None:
    # Get-Culture.Tests.ps1:53-58
    assert run("(Get-Culture -ListAvailable).Name") == ["en-US", "en", ""]
    session = Session()
    assert session.run("(Get-Culture -Name fr-FR, en-US).Name") == ["en-US"]
    assert session.error_ids == ["CultureNotSupported,Microsoft.PowerShell.Commands.GetCultureCommand"]


def test_the_default_view_and_the_properties() -> None:
    # Get-Culture.md example 1 (DotNetTypes.format.ps1xml: LCID and Name 16 wide) and example 2
    assert out_string(run("Get-Culture")).strip("\n").splitlines() == [
        "LCID             Name             DisplayName",
        "----             ----             -----------",
        "1033             en-US            English (United States)",
    ]
    text = out_string(run("Get-Culture | Format-List -Property *"))
    names = [line.split(" :")[0].rstrip() for line in text.strip("\n").splitlines()]
    assert names[:4] == ["Parent", "LCID", "KeyboardLayoutId", "Name"]
    assert names[-3:] == ["OptionalCalendars", "UseUserOverride", "IsReadOnly"]
    assert "TextInfo                       : TextInfo - en-US" in text
    assert run("$C = Get-Culture; $C.DateTimeFormat.FirstDayOfWeek.ToString(); $C.DateTimeFormat.ShortDatePattern") == [
        "Sunday", "M/d/yyyy",
    ]  # fmt: skip


def test_the_list_separator_feeds_use_culture() -> None:
    # ConvertTo-Csv.md example 3 / Export-Csv.md example 4: (Get-Culture).TextInfo.ListSeparator
    assert run("(Get-Culture).TextInfo.ListSeparator; [pscustomobject]@{a=1;b=2} | ConvertTo-Csv -UseCulture") == [
        ",", '"a","b"', '"1","2"',
    ]  # fmt: skip


def test_get_host_is_the_sessions_host() -> None:
    # Get-Host.md examples 1, 3 and 4; Format-Table.md example 1 pipes it to Format-Table -AutoSize
    assert run("(Get-Host) -eq $Host; (Get-Host).CurrentCulture.Name; (Get-Host).Version.Major") == [True, "en-US", 7]
    assert one("(Get-Host).Name") == "Default Host"  # hosted from Python, as PowerShell.Create() without a host
    assert out_string(run("Get-Host | Format-Table -AutoSize")).strip("\n").startswith("Name ")
