"""Get-Date and New-TimeSpan, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/Get-Date.Tests.ps1, New-TimeSpan.Tests.ps1),
run as scripts through the evaluator."""

from __future__ import annotations

import datetime as dt

import pytest

from psbridge.formatting import out_string
from tests.language.evaluator_helpers import Session, one, run


def error_ids(text: str) -> list[str]:
    session = Session()
    session.run(text)
    return session.error_ids


# -- Get-Date.Tests.ps1 -------------------------------------------------------------------------------


def test_all_parts_replace_the_date() -> None:
    # Get-Date.Tests.ps1:5-16
    result = one(
        "$date = [datetime]::Now + ([timespan]::new(0,0,30)); "
        "Get-Date -Date $date -Year 1973 -Month 2 -Day 22 -Hour 15 -Minute 40 -Second 10 -Millisecond 200"
    )
    assert isinstance(result, dt.datetime)
    assert (result.year, result.month, result.day, result.hour, result.minute, result.second) == (
        1973,
        2,
        22,
        15,
        40,
        10,
    )
    assert result.microsecond == 200_000  # the millisecond, and nothing below it


def test_display_hint_date_prints_the_long_date() -> None:
    # Get-Date.Tests.ps1:18-21
    assert one('(Get-Date -Date:"Jan 1, 2020" -DisplayHint Date | Out-String).Trim()') == "Wednesday, January 1, 2020"
    assert one('(Get-Date -Date:"Jan 1, 2020 13:05:09" -DisplayHint Time | Out-String).Trim()') == "1:05:09 PM"
    assert out_string([one('Get-Date -Date:"Jan 1, 2020 13:05:09"')]).strip() == "Wednesday, January 1, 2020 1:05:09 PM"


def test_format() -> None:
    # Get-Date.Tests.ps1:23-25
    assert one('Get-Date -Date:"Jan 1, 2020" -Format:"MMM-dd-yy"') == "Jan-01-20"


def test_as_utc_sets_the_kind() -> None:
    # Get-Date.Tests.ps1:27-30
    assert str(one('(Get-Date -Date:"2020-01-01T00:00:00").Kind')) == "Unspecified"
    assert str(one('(Get-Date -Date:"2020-01-01T00:00:00" -AsUTC).Kind')) == "Utc"


def test_uformat_seconds_since_the_epoch() -> None:
    # Get-Date.Tests.ps1:32-45 (and GNU date's answer for 2020-01-01 UTC)
    assert one('Get-Date -Date:"Jan 1, 2020Z" -UFormat:"%s"') == "1577836800"


@pytest.mark.parametrize(
    ("line", "date", "uformat", "expected"),
    [
        (47, "0030-01-01T00:00:00", "%y/%m/%d-%H", "30/01/01-00"),
        (51, "1/1/0030", "%a%A%b%B%c%C%d%D%e%h%H%I%k%l%j%m%M%p%r",
         "TueTuesdayJanJanuaryTue 01 Jan 0030 00:00:0000101/01/30 1Jan0012 0120010100AM12:00:00 AM"),
        (55, "1/1/0030", "%S%T%u%U%w%W%x%X%y%Y%%", "0000:00:00202001/01/3000:00:00300030%"),
    ],
)  # fmt: skip
def test_uformat_specifier_runs(line, date, uformat, expected) -> None:
    # Get-Date.Tests.ps1:<line>
    assert one(f'Get-Date -Date {date} -UFormat "{uformat}"') == expected


ISO_WEEKS = {
    "1998-01-02": ("01", "1998", "98", "5"), "1998-01-03": ("01", "1998", "98", "6"),
    "2003-01-03": ("01", "2003", "03", "5"), "2004-01-02": ("01", "2004", "04", "5"),
    "2004-01-03": ("01", "2004", "04", "6"), "2005-01-01": ("53", "2004", "04", "6"),
    "2005-01-02": ("53", "2004", "04", "7"), "2005-12-31": ("52", "2005", "05", "6"),
    "2006-01-01": ("52", "2005", "05", "7"), "2006-01-02": ("01", "2006", "06", "1"),
    "2006-12-31": ("52", "2006", "06", "7"), "2007-01-01": ("01", "2007", "07", "1"),
    "2007-12-30": ("52", "2007", "07", "7"), "2007-12-31": ("01", "2008", "08", "1"),
    "2008-01-01": ("01", "2008", "08", "2"), "2008-12-28": ("52", "2008", "08", "7"),
    "2008-12-29": ("01", "2009", "09", "1"), "2008-12-30": ("01", "2009", "09", "2"),
    "2008-12-31": ("01", "2009", "09", "3"), "2009-01-01": ("01", "2009", "09", "4"),
    "2009-01-02": ("01", "2009", "09", "5"), "2009-01-03": ("01", "2009", "09", "6"),
    "2009-12-31": ("53", "2009", "09", "4"), "2010-01-01": ("53", "2009", "09", "5"),
    "2010-01-02": ("53", "2009", "09", "6"), "2010-01-03": ("53", "2009", "09", "7"),
    "2010-01-04": ("01", "2010", "10", "1"), "2014-01-03": ("01", "2014", "14", "5"),
    "2015-01-02": ("01", "2015", "15", "5"), "2015-01-03": ("01", "2015", "15", "6"),
    "2020-01-03": ("01", "2020", "20", "5"), "2025-01-03": ("01", "2025", "25", "5"),
    "2026-01-02": ("01", "2026", "26", "5"), "2026-01-03": ("01", "2026", "26", "6"),
    "2031-01-03": ("01", "2031", "31", "5"),
}  # fmt: skip


@pytest.mark.parametrize("date", sorted(ISO_WEEKS))
def test_iso_week_year_and_weekday(date) -> None:
    # Get-Date.Tests.ps1:59-100 (%V), 102-148 (%G), 150-196 (%g), 198-240 (%u)
    week, year, short_year, weekday = ISO_WEEKS[date]
    assert run(f"'%V','%G','%g','%u' | ForEach-Object {{ Get-Date -Date {date} -UFormat $_ }}") == [
        week, year, short_year, weekday,
    ]  # fmt: skip


@pytest.mark.parametrize(("date", "year", "short"), [("0055-12-31", "0055", "55"), ("0325-01-01", "0325", "25"),
                                                      ("0777-01-01", "0776", "76")])  # fmt: skip
def test_iso_year_of_early_dates(date, year, short) -> None:
    # Get-Date.Tests.ps1:103-106, 151-154
    assert one(f"Get-Date -Date {date} -UFormat %G") == year
    assert one(f"Get-Date -Date {date} -UFormat %g") == short


@pytest.mark.parametrize(
    ("value", "error_id"),
    [("$null", "ParameterArgumentValidationErrorNullNotAllowed"),
     ("''", "ParameterArgumentValidationErrorEmptyStringNotAllowed")],
)  # fmt: skip
def test_null_or_empty_uformat_is_refused(value, error_id) -> None:
    # Get-Date.Tests.ps1:287-293
    assert error_ids(f"Get-Date -Date 1/1/1970 -UFormat {value}") == [
        f"{error_id},Microsoft.PowerShell.Commands.GetDateCommand"
    ]


def test_pipeline_input_by_property_name() -> None:
    # Get-Date.Tests.ps1:295-300
    assert one("$x = [pscustomobject]@{Date = [DateTime]::Now}; $y = @($x,$x); ($y | Get-Date).Length") == 2


def test_last_write_time_alias_from_files(tmp_path) -> None:
    # Get-Date.Tests.ps1:302-331: Get-ChildItem's LastWriteTime binds -Date by its alias
    for index in range(3):
        (tmp_path / f"f{index}.txt").write_text(str(index))
    session = Session()
    first = session.run(f"Get-ChildItem -Path '{tmp_path}' | Get-Date")
    assert len(first) == 3
    assert first == session.run(f"Get-ChildItem -Path '{tmp_path}' | Get-Date")
    stamps = {
        dt.datetime.fromtimestamp((tmp_path / f"f{i}.txt").stat().st_mtime).replace(microsecond=0) for i in range(3)
    }
    assert {value.replace(tzinfo=None, microsecond=0) for value in first} == stamps


@pytest.mark.parametrize(
    ("line", "date", "fmt", "expected"),
    [
        (336, "0030-01-01T01:02:03.0004", "FileDate", "00300101"),
        (340, "0030-01-01T01:02:03.0004", "FileDateTime", "00300101T0102030004"),
        (344, "0030-01-01T01:02:03.0004z", "FileDateTimeUniversal", "00300101T0102030004Z"),
        (348, "0030-01-01T01:02:03.0004z", "FileDateUniversal", "00300101Z"),
    ],
)
def test_file_date_formats(line, date, fmt, expected) -> None:
    # Get-Date.Tests.ps1:<line>
    assert one(f"Get-Date -Date {date} -Format {fmt}") == expected


def test_to_string_has_the_time_whatever_the_hint() -> None:
    # Get-Date.Tests.ps1:351-355
    assert run(
        "(Get-Date).ToString(), (Get-Date -DisplayHint Time).ToString(), (Get-Date -DisplayHint Date).ToString()"
    )
    assert all(":" in text for text in run("(Get-Date).ToString(); (Get-Date -DisplayHint Date).ToString()"))


def test_standard_formats_under_en_us() -> None:
    # Get-Date.Tests.ps1:357-369
    texts = dict(
        zip("dDfFgGm", run("'d','D','f','F','g','G','m' | ForEach-Object { Get-Date -Format $_ }"), strict=True)
    )
    assert "/" in texts["d"] and "," in texts["D"]
    assert "," in texts["f"] and ":" in texts["f"] and "," in texts["F"] and ":" in texts["F"]
    assert "/" in texts["g"] and ":" in texts["g"] and "/" in texts["G"] and ":" in texts["G"]
    assert not any(mark in texts["m"] for mark in ",:/")
    assert one("Get-Date -Date 2026-03-04T05:06:07 -Format G") == "3/4/2026 5:06:07 AM"


def test_the_current_time() -> None:
    # Get-Date.Tests.ps1:371-379
    difference = one("$(Get-Date).Subtract([System.DateTime]::Now)")
    assert dt.timedelta(seconds=-1) < difference <= dt.timedelta(0)
    assert str(one("(Get-Date).Kind")) == "Local"


@pytest.mark.parametrize("seconds", [1577836800, 0, -1])
def test_unix_time_seconds(seconds) -> None:
    # Get-Date.Tests.ps1:381-392
    assert one(
        f"(Get-Date -UnixTimeSeconds {seconds}) -eq "
        f"[System.DateTimeOffset]::FromUnixTimeSeconds({seconds}).LocalDateTime"
    )
    assert (
        one(f"(Get-Date -UnixTimeSeconds {seconds}).ToUniversalTime().ToString('s')")
        == (dt.datetime(1970, 1, 1) + dt.timedelta(seconds=seconds)).isoformat()
    )


@pytest.mark.parametrize(
    ("date", "fmt", "expected"),
    [
        ("2030-4-5 1:2:3.09", "%a", "Fri"), ("2030-4-5 1:2:3.09", "%A", "Friday"), ("2030-4-5 1:2:3.09", "%b", "Apr"),
        ("2030-4-5 1:2:3.09", "%B", "April"), ("2030-4-5 1:2:3.09", "%c", "Fri 05 Apr 2030 01:02:03"),
        ("2030-4-5 1:2:3.09", "%C", "20"), ("2030-4-5 1:2:3.09", "%d", "05"), ("2030-4-5 1:2:3.09", "%D", "04/05/30"),
        ("2030-4-5 1:2:3.09", "%e", " 5"), ("2030-4-15 13:2:3", "%e", "15"), ("2030-4-5 1:2:3.09", "%F", "2030-04-05"),
        ("2030-4-5 1:2:3.09", "%h", "Apr"), ("2030-4-5 1:2:3.09", "%H", "01"), ("2030-4-15 13:2:3", "%H", "13"),
        ("2030-4-5 1:2:3.09", "%I", "01"), ("2030-4-15 13:2:3", "%I", "01"), ("2030-4-5 1:2:3.09", "%j", "095"),
        ("2030-4-5 1:2:3.09", "%k", " 1"), ("2030-4-15 13:2:3", "%k", "13"), ("2030-4-5 1:2:3.09", "%l", " 1"),
        ("2030-4-15 13:2:3", "%l", " 1"), ("2030-4-5 1:2:3.09", "%m", "04"), ("2030-4-5 1:2:3.09", "%M", "02"),
        ("2030-4-5 1:2:3.09", "%p", "AM"), ("2030-4-5 1:2:3.09", "%r", "01:02:03 AM"),
        ("2030-4-15 21:2:3", "%r", "09:02:03 PM"), ("2030-4-5 1:2:3.09", "%R", "01:02"),
        ("2030-4-15 21:2:3", "%R", "21:02"), ("2030-4-5 1:2:3.09", "%S", "03"), ("2030-4-5 1:2:3.09", "%T", "01:02:03"),
        ("2030-4-5 1:2:3.09", "%u", "5"), ("2030-4-5 1:2:3.09", "%U", "13"), ("2030-4-5 1:2:3.09", "%W", "13"),
        ("2030-4-5 1:2:3.09", "%x", "04/05/30"), ("2030-4-5 1:2:3.09", "%y", "30"), ("2030-4-5 1:2:3.09", "%Y", "2030"),
        ("2030-4-5 1:2:3.09", "%n%t", "\n\t"),
    ],
)  # fmt: skip
def test_uformat_table(date, fmt, expected) -> None:
    # Get-Date.Tests.ps1:396-486 (en-US, the culture psbridge formats for)
    assert one(f'$d = Get-Date -Date "{date}"; Get-Date -Date $d -UFormat "{fmt}"') == expected


def test_uformat_zone_is_the_offset_in_hours() -> None:
    # Get-Date.Tests.ps1:419, 482: %Z is "{0:+00;-00}" of the UTC offset's hours
    hours = int(dt.datetime(2030, 4, 5, 1, 2, 3).astimezone().utcoffset().total_seconds() // 3600)  # type: ignore[union-attr]
    assert one('Get-Date -Date "2030-4-5 1:2:3.09" -UFormat %Z') == f"{hours:+03d}"


def test_uformat_plus_prefix_and_literal_text() -> None:
    # GetDateCommand: a leading "+" (as for Unix date) is dropped; other text stays
    assert one("Get-Date -Date 2020-02-03 -UFormat '+Day %d of %B'") == "Day 03 of February"


def test_parts_out_of_range_are_validation_errors() -> None:
    # GetDateCommand.cs declares ValidateRange on each part (cmdlet_specs/overlays/.../Get-Date.yaml)
    assert (
        error_ids("Get-Date -Month 13; Get-Date -Millisecond 1000; Get-Date -UnixTimeSeconds 253402300800")
        == ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetDateCommand"] * 3
    )


def test_display_hint_is_a_note_property_of_the_date() -> None:
    assert run("$d = Get-Date -Date 2020-01-01 -DisplayHint Date; [string]$d.DisplayHint; $d.DateTime") == [
        "Date", "Wednesday, January 1, 2020",
    ]  # fmt: skip
    assert one("(Get-Date -Date '2020-01-01 14:00').DateTime") == "Wednesday, January 1, 2020 2:00:00 PM"
    assert one("(Get-Date -Date 2020-01-31 -DisplayHint Date).AddMonths(1) | Out-String").strip() == (
        "Saturday, February 29, 2020 12:00:00 AM"  # a new DateTime: the hint stays behind
    )


# -- New-TimeSpan.Tests.ps1 ---------------------------------------------------------------------------


def test_timespan_from_parts() -> None:
    # New-TimeSpan.Tests.ps1:5-13
    span = one("New-TimeSpan -Days 10 -Hours 10 -Minutes 10 -Seconds 10 -Milliseconds 10")
    assert span == dt.timedelta(days=10, hours=10, minutes=10, seconds=10, milliseconds=10)
    assert run("$t = New-TimeSpan -Days 10 -Hours 10 -Minutes 10 -Seconds 10 -Milliseconds 10; "
               "$t.Days, $t.Hours, $t.Minutes, $t.Seconds, $t.Milliseconds") == [10] * 5  # fmt: skip


def test_timespan_without_parameters_is_about_zero() -> None:
    # New-TimeSpan.Tests.ps1:18-21 (assigned rather than through New-Variable)
    span = one("$testObject = $(New-TimeSpan); $testObject")
    assert isinstance(span, dt.timedelta) and abs(span) < dt.timedelta(seconds=1)


def test_core_values() -> None:
    # New-TimeSpan.Tests.ps1:23-49
    assert run(
        "$t = New-TimeSpan -Days 2 -Hours 23 -Minutes 4 -Seconds 3 -Milliseconds 2; "
        "$t.Days; $t.Hours; $t.Minutes; $t.Seconds; $t.Milliseconds; $t.Ticks; [string]$t.TotalSeconds"
    ) == [2, 23, 4, 3, 2, 2558430020000, "255843.002"]


def test_start_from_a_file_matches_the_piped_file(tmp_path) -> None:
    # New-TimeSpan.Tests.ps1:52-61
    (tmp_path / "x.txt").write_text("x")
    parameter, piped = run(
        f"$i = Get-ChildItem '{tmp_path / 'x.txt'}'; New-TimeSpan -Start $i.LastWriteTime; $i | New-TimeSpan"
    )
    assert abs(parameter - piped) < dt.timedelta(milliseconds=100)
    assert dt.timedelta(0) <= parameter < dt.timedelta(minutes=5)


def test_end_minus_start_reads_wall_clocks() -> None:
    assert one("(New-TimeSpan -Start 2020-01-01 -End 2020-03-01).Days") == 60
    assert one("(New-TimeSpan -Start 2020-03-01 -End 2020-01-01).TotalDays") == -60.0
    assert one("(New-TimeSpan 2020-01-01 2020-01-01T06:00).TotalHours") == 6.0  # both positional


def test_timespan_overflow_is_dotnets_error() -> None:
    assert error_ids("New-TimeSpan -Days 2000000000") == [
        "System.ArgumentOutOfRangeException,Microsoft.PowerShell.Commands.NewTimeSpanCommand"
    ]


def test_timespan_prints_as_format_list() -> None:
    text = out_string([one("New-TimeSpan -Days 2 -Hours 23 -Minutes 4 -Seconds 3 -Milliseconds 2")])
    assert text.splitlines()[1:7] == [
        "Days              : 2",
        "Hours             : 23",
        "Minutes           : 4",
        "Seconds           : 3",
        "Milliseconds      : 2",
        "Ticks             : 2558430020000",
    ]
    assert "TotalMilliseconds : 255843002" in text
