"""Start-Sleep, New-Guid and Get-Random, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/Start-Sleep.Tests.ps1, New-Guid.Tests.ps1,
Get-Random.Tests.ps1), run as scripts through the evaluator.

Start-Sleep's time passes in ``Cmdlet.sleep_time`` (the ``recorded_sleeps`` fixture records it), so
the duration tests assert what would be slept without sleeping; one test sleeps for real."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import uuid

import pytest

from psbridge.objects.numeric import Int64
from tests.conftest import REPO
from tests.helpers import psbridge_environment
from tests.language.evaluator_helpers import Session, one, run

INT32_MAX = 2**31 - 1


def error_ids(text: str) -> list[str]:
    session = Session()
    session.run(text)
    return session.error_ids


# -- Start-Sleep.Tests.ps1 ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "script"),
    [
        (10, "Start-Sleep -Seconds 1.5"),
        (18, "Start-Sleep -Milliseconds 1500"),
        (26, "$duration = [timespan]::FromMilliseconds(1500); Start-Sleep -Duration $duration"),
        (35, "Start-Sleep -ms 1500"),
        (43, "Start-Sleep 1.5"),
        (51, "$duration = [timespan]::FromMilliseconds(1500); Start-Sleep $duration"),
    ],
)
def test_each_form_sleeps_one_and_a_half_seconds(line, script, recorded_sleeps) -> None:
    # Start-Sleep.Tests.ps1:<line>
    assert run(script) == []
    assert recorded_sleeps == [1.5]


def test_duration_is_validated(recorded_sleeps) -> None:
    # Start-Sleep.Tests.ps1:60-64
    assert error_ids("Start-Sleep -Duration '0:00:01'") == []
    assert error_ids("Start-Sleep -Duration '-0:00:01'") == [
        "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.StartSleepCommand"
    ]
    assert error_ids("Start-Sleep -Duration '30.0:00:00'") == [
        "MaximumDurationExceeded,Microsoft.PowerShell.Commands.StartSleepCommand"
    ]
    assert recorded_sleeps == [1.0]


def test_seconds_and_milliseconds_are_range_checked(recorded_sleeps) -> None:
    # StartSleepCommand.cs: [ValidateRange(0.0, int.MaxValue / 1000)] and [ValidateRange(0, int.MaxValue)]
    assert (
        error_ids("Start-Sleep -Seconds -1; Start-Sleep -Seconds 2147484; Start-Sleep -Milliseconds -5")
        == ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.StartSleepCommand"] * 3
    )
    assert recorded_sleeps == []


def test_piped_seconds_and_durations(recorded_sleeps) -> None:
    assert run("0.25, 0.5 | Start-Sleep; [timespan]'0:00:02' | Start-Sleep") == []
    assert recorded_sleeps == [0.25, 0.5, 2.0]


def test_it_really_sleeps() -> None:
    # Start-Sleep.Tests.ps1:69-72 (measured here without Measure-Command)
    started = time.monotonic()
    run("Start-Sleep -Milliseconds 200")
    assert time.monotonic() - started >= 0.2


def test_ctrl_c_stops_a_sleep_at_once() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "psbridge", "-Command", "'slept'; Start-Sleep -Seconds 30; 'woke'"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
        env=psbridge_environment(),
    )
    assert process.stdout is not None
    assert process.stdout.readline() == b"slept\n"  # written before the sleep began
    time.sleep(0.2)
    started = time.monotonic()
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=10)
    assert process.returncode == 130
    assert time.monotonic() - started < 2
    assert out == b"" and err == b"The pipeline has been stopped.\n"


# -- New-Guid.Tests.ps1 -------------------------------------------------------------------------------


def test_new_guid_is_a_version_7_guid() -> None:
    # New-Guid.Tests.ps1:5-13, 46-50
    guid = one("New-Guid")
    assert isinstance(guid, uuid.UUID)
    assert str(guid) != "00000000-0000-0000-0000-000000000000"
    assert one("(New-Guid).ToString()[14]") == "7"
    assert guid.variant == uuid.RFC_4122


def test_version_7_guids_are_time_ordered_and_different() -> None:
    # New-Guid.Tests.ps1:52-56
    first, second = run("New-Guid; Start-Sleep -Milliseconds 2; New-Guid")
    assert first != second
    assert first.int >> 80 <= second.int >> 80  # the 48-bit millisecond stamp leads
    assert abs((first.int >> 80) - int(time.time() * 1000)) < 60_000


def test_empty() -> None:
    # New-Guid.Tests.ps1:15-23
    assert (
        run("(New-Guid -Empty).ToString(); (New-Guid -Empty:$false).ToString()")[0]
        == "00000000-0000-0000-0000-000000000000"
    )
    assert run("(New-Guid -Empty:$false).ToString()") != ["00000000-0000-0000-0000-000000000000"]


def test_strings_convert_by_name_position_and_pipeline() -> None:
    # New-Guid.Tests.ps1:25-44
    same = run(
        "$g = New-Guid; $g.ToString(); (New-Guid -InputObject $g.ToString()).ToString(); "
        "(New-Guid $g.ToString()).ToString()"
    )
    assert len(set(same)) == 1
    piped = run("'11c43ee8-b9d3-4e51-b73f-bd9dda66e29c','0f8fad5bd9cb469fa16570867728950e' | New-Guid")
    assert [str(g) for g in piped] == ["11c43ee8-b9d3-4e51-b73f-bd9dda66e29c", "0f8fad5b-d9cb-469f-a165-70867728950e"]
    guids = run(
        "$guids = 1..10 | ForEach-Object { [guid]::newguid() }; $guids; '--'; "
        "$guids.Foreach({$_.ToString()}) | New-Guid"
    )
    assert guids[:10] == guids[11:] and len(guids) == 21


def test_a_string_that_is_no_guid_is_a_non_terminating_error() -> None:
    session = Session()
    assert session.run("'zz', '0f8fad5bd9cb469fa16570867728950e' | New-Guid | ForEach-Object { \"[$_]\" }") == [
        "[]", "[0f8fad5b-d9cb-469f-a165-70867728950e]",
    ]  # fmt: skip
    assert session.error_ids == ["StringNotRecognizedAsGuid,Microsoft.PowerShell.Commands.NewGuidCommand"]
    assert str(session.errors[0].exception) == "Unrecognized Guid format."


# -- Get-Random.Tests.ps1 -----------------------------------------------------------------------------

RANGES = [
    # (line, maximum, minimum, greater than, less than, type)
    (5, "$null", "$null", -1, INT32_MAX, "Int32"),
    (6, "100", "$null", -1, 100, "Int32"),
    (7, "0", "-100", -101, 0, "Int32"),
    (9, "-100", "-200", -201, -100, "Int32"),
    (11, "'8'", "5", 4, 8, "Int32"),
    (12, "8", "'5'", 4, 8, "Int32"),
    (14, "'+100'", "0", -1, 100, "Int32"),
    (15, "'+100'", "'-100'", -101, 100, "Int32"),
    (16, "'1kb'", "0", -1, 1024, "Int32"),
    (17, "([int64]::MaxValue)", "$null", -1, 2**63 - 1, "Int64"),
    (18, "([int64]100)", "$null", -1, 100, "Int64"),
    (19, "100000000000", "$null", -1, 100000000000, "Int64"),
    (20, "([int64]0)", "([int64]-100)", -101, 0, "Int64"),
    (24, "'8'", "([int64]5)", 4, 8, "Int64"),
    (29, "([int64]1048585)", "'1mb'", 1048575, 1048585, "Int64"),
    (30, "'1tb'", "'10mb'", 10485759, 1099511627776, "Int64"),
    (31, "([int64]::MaxValue)", "([int64]::MinValue)", -(2**63), 2**63 - 1, "Int64"),
    (32, "([int64](([int]::MaxValue)+15))", "([int64](([int]::MaxValue)+10))", INT32_MAX + 9, INT32_MAX + 15, "Int64"),
    (33, "'100099000001'", "100000000001", 10000000000, 100099000001, "Int64"),
    (35, "90000000000", "4", 3, 90000000000, "Int64"),
    (36, "100.0", "$null", -1.0, 100.0, "Double"),
    (37, "0.0", "-100.0", -101.0, 0.0, "Double"),
    (39, "8.0", "5", 4.0, 8.0, "Double"),
    (40, "8", "5.0", 4.0, 8.0, "Double"),
    (41, "20.", "0.0", -1.0, 20.0, "Double"),
    (42, "'20.'", "0.0", -1.0, 20.0, "Double"),
    (44, "'+100.0'", "0", -1.0, 100.0, "Double"),
    (45, "$null", "1.0e+100", 1.0e99, 1.7976931348623157e308, "Double"),
    (46, "([double]::MaxValue)", "([double]::MinValue)", -1.7976931348623157e308, 1.7976931348623157e308, "Double"),
]


@pytest.mark.parametrize(("line", "maximum", "minimum", "above", "below", "kind"), RANGES)
def test_ranges_and_types(line, maximum, minimum, above, below, kind) -> None:
    # Get-Random.Tests.ps1:<line>, with the assertions of 62-85 (one number, then -Count 1 and 3)
    for count in ("", "-Count 1", "-Count 3"):
        results = run(
            f"Get-Random -Maximum {maximum} -Minimum {minimum} {count} | ForEach-Object {{ $_; $_.GetType().Name }}"
        )
        numbers, kinds = results[0::2], results[1::2]
        assert len(numbers) == (3 if count.endswith("3") else 1)
        assert all(above < number < below for number in numbers), numbers
        assert set(kinds) == {kind}


@pytest.mark.parametrize(
    ("maximum", "minimum"),
    [("10", "20"), ("20", "20"), ("-20", "-10"), ("-20", "-20"), ("10.0", "20.0"), ("20.0", "20.0"),
     ("-20.0", "-10.0"), ("-20.0", "-20.0"), ("-10", "$null")],
)  # fmt: skip
def test_minimum_not_below_maximum_is_an_error(maximum, minimum) -> None:
    # Get-Random.Tests.ps1:49-59, 87-90
    assert error_ids(f"Get-Random -Minimum {minimum} -Maximum {maximum}") == [
        "MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetRandomCommand"
    ]


def test_error_message_names_both_bounds() -> None:
    session = Session()
    session.run("Get-Random -Minimum 20.5 -Maximum 10")
    assert str(session.errors[0].exception) == (
        "The Minimum value (20.5) cannot be greater than or equal to the Maximum value (10)."
    )


def test_set_seed_repeats_the_sequence_in_the_session() -> None:
    # Get-Random.Tests.ps1:92-96, 121-125, 188-192
    session = Session()
    first = session.run("(Get-Random -SetSeed 123), (Get-Random)")
    assert session.run("(Get-Random -SetSeed 123), (Get-Random)") == first
    assert Session().run("(Get-Random -SetSeed 123), (Get-Random)") == first  # a new session too
    assert run("Get-Random -Maximum 100 -SetSeed 23; Get-Random -Maximum 100 -SetSeed 23") in (
        [n, n] for n in range(100)
    )
    assert len(set(run("Get-Random 0x07FFFFFFFF -SetSeed 20; Get-Random 34359738367 -SetSeed 20"))) == 1


def test_without_a_seed_numbers_differ() -> None:
    # Get-Random.Tests.ps1:100-119, 182-186
    first, second = run("Get-Random; Get-Random")
    assert first != second and first > -1
    assert 0 <= one("Get-Random -Maximum 100") < 100
    assert -100 <= one("Get-Random -Minimum -100 -Maximum 100") < 100
    assert 10.7 < one("Get-Random -Minimum 10.7 -Maximum 20.93") < 20.93


def test_picking_from_input_objects() -> None:
    # Get-Random.Tests.ps1:127-169
    pool = {1, 2, 3, 5, 8, 13}
    assert one("Get-Random -InputObject 1, 2, 3, 5, 8, 13") in pool
    three = run("Get-Random -InputObject 1, 2, 3, 5, 8, 13 -Count 3")
    assert len(three) == 3 and set(three) <= pool and len(set(three)) == 3
    assert one(",(Get-Random -InputObject 1, 2, 3, 5, 8, 13 -Count 3) | ForEach-Object { $_ -is [array] }") is True
    assert sorted(run("Get-Random -InputObject 1, 2, 3, 5, 8, 13 -Count ([int]::MaxValue)")) == sorted(pool)
    assert sorted(run("Get-Random -InputObject 1, 2, 3, 5, 8, 13 -Shuffle")) == sorted(pool)
    assert len(run("Get-Random -InputObject 1, 2, 3, 5, 8, 13 -Shuffle:$false")) == 1
    assert one('Get-Random -InputObject "red", "yellow", "blue"') in ("red", "yellow", "blue")


def test_hexadecimal_maximum() -> None:
    # Get-Random.Tests.ps1:176-180
    assert 0 <= one("Get-Random 0x07FFFFFFFFF") < 549755813887


def test_empty_strings_and_nulls_can_be_picked() -> None:
    # Get-Random.Tests.ps1:198-208
    picked = run("1..30 | ForEach-Object { Get-Random -InputObject @('a','b','') }")
    assert set(picked) <= {"a", "b", ""} and len(picked) == 30
    picked = run("1..40 | ForEach-Object { ,(Get-Random -InputObject @('a','b',$null)) }")
    assert set(picked) == {"a", "b", None}


def test_piped_objects_and_an_array_maximum_are_picked_from() -> None:
    # GetRandomCommandBase.EffectiveParameterSet: pipeline input, or an array given as -Maximum
    assert sorted(run("1..5 | Get-Random -Count 10")) == [1, 2, 3, 4, 5]
    assert one("Get-Random 7,8,9") in (7, 8, 9)
    assert sorted(run("Get-Random 7,8,9 -Count 3")) == [7, 8, 9]


def test_count_is_validated() -> None:
    assert error_ids("Get-Random -Count 0") == [
        "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetRandomCommand"
    ]


def test_int64_results_are_int64() -> None:
    result = one("Get-Random -Maximum ([int64]100)")
    assert isinstance(result, Int64) and 0 <= result < 100
