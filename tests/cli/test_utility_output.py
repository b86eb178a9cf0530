"""How the command line prints the utility cmdlets' objects: as pwsh prints a DateTime (a blank line,
the long date and time, a blank line), a TimeSpan (Format-List of its properties) and a Guid (a
table), and their errors."""

from __future__ import annotations

from tests.helpers import run_psbridge


def test_get_date_prints_as_pwsh_prints_a_datetime() -> None:
    result = run_psbridge(
        "-Command", "Get-Date -Date '2020-01-01 13:05:09'; Get-Date -Date 2020-01-01 -DisplayHint Date"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("\nWednesday, January 1, 2020 1:05:09 PM\n\n\nWednesday, January 1, 2020\n\n")


def test_get_date_text_formats_print_as_strings() -> None:
    result = run_psbridge(
        "-Command", "Get-Date -Date 2020-01-01 -Format yyyy-MM-dd; Get-Date -Date 2020-01-01 -UFormat %A"
    )
    assert result.stdout == "2020-01-01\nWednesday\n"


def test_new_timespan_prints_as_a_list() -> None:
    result = run_psbridge("-Command", "New-TimeSpan -Hours 1 -Minutes 30")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "\nDays              : 0\nHours             : 1\nMinutes           : 30\nSeconds           : 0\n"
        "Milliseconds      : 0\nTicks             : 54000000000\nTotalDays         : 0.0625\n"
        "TotalHours        : 1.5\nTotalMinutes      : 90\nTotalSeconds      : 5400\n"
        "TotalMilliseconds : 5400000\n\n"
    )


def test_new_guid_prints_a_guid_table() -> None:
    result = run_psbridge("-Command", "New-Guid -Empty")
    assert result.stdout == "\nGuid\n----\n00000000-0000-0000-0000-000000000000\n\n"


def test_enums_print_their_names() -> None:
    result = run_psbridge(
        "-Command", "(Get-Date -Date 2020-01-01 -AsUTC).Kind; (Get-Date -DisplayHint Time).DisplayHint"
    )
    assert result.stdout == "Utc\nTime\n"


def test_get_random_error_is_powershells() -> None:
    result = run_psbridge("-Command", "Get-Random -Minimum 5 -Maximum 5")
    assert result.returncode == 1
    assert result.stderr.startswith(
        "Get-Random : The Minimum value (5) cannot be greater than or equal to the Maximum value (5).\n"
    )
    assert "+ FullyQualifiedErrorId : MinGreaterThanOrEqualMax,Microsoft.PowerShell.Commands.GetRandomCommand" in (
        result.stderr
    )
