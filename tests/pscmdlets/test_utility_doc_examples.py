"""Behaviour the examples of PowerShell's Microsoft.PowerShell.Utility docs show
(../shared/powershell-docs/Microsoft.PowerShell.Utility), where psbridge printed or returned
something else.  Each test names the doc and example it comes from, and the Pester case where
PowerShell's own tests assert the same.
"""

from __future__ import annotations

from psbridge.formatting import out_string
from tests.language.evaluator_helpers import Session, one, run

# -- DateTime and TimeSpan properties ---------------------------------------------------------------

_DATE_COLUMNS = (
    "DisplayHint,DateTime,Date,Day,DayOfWeek,DayOfYear,Hour,Kind,Millisecond,Microsecond,Nanosecond,"
    "Minute,Month,Second,Ticks,TimeOfDay,Year"
)


def test_select_star_of_a_date_lists_its_properties() -> None:
    # ConvertTo-Json.md example 4 / ConvertFrom-Json.md example 1: Get-Date | Select-Object -Property *
    # has Get-Date's DisplayHint note, types.ps1xml's DateTime script property, then the .NET ones
    selected = one("Get-Date -Date '2019-08-22 11:27:34.569978' | Select-Object -Property *")
    assert ",".join(selected.property_names) == _DATE_COLUMNS
    assert selected.Microsecond == 978  # .NET's part below the millisecond, not Python's microsecond
    assert selected.Millisecond == 569
    assert str(selected.DayOfWeek) == "Thursday"


def test_a_date_converts_to_csv_with_all_its_properties() -> None:
    # ConvertTo-Csv.md example 4: Get-Date | ConvertTo-Csv -QuoteFields "DateTime","Date"
    header, row = run("Get-Date -Date '2019-08-22 11:27:34' | ConvertTo-Csv -QuoteFields 'DateTime','Date'")
    assert header == _DATE_COLUMNS.replace("DateTime,Date,", '"DateTime","Date",')
    assert row.startswith('DateTime,"Thursday, August 22, 2019 11:27:34 AM","8/22/2019 12:00:00 AM",22,Thursday,')


def test_a_date_selected_whole_converts_to_json() -> None:
    # ConvertTo-Json.md example 4: enums as numbers, TimeOfDay as a TimeSpan's properties
    text = one("Get-Date -Date '2018-10-12 22:55:32' | Select-Object -Property * | ConvertTo-Json")
    assert '"DisplayHint": 2,' in text
    assert '"DayOfWeek": 5,' in text
    assert '"Hours": 22,' in text and '"Seconds": 32,' in text


def test_timespan_properties_are_dotnets() -> None:
    # New-TimeSpan.md example 1 lists a TimeSpan's properties; .NET 7 added the micro/nanosecond ones
    span = one("New-TimeSpan -Hours 1 -Minutes 25 | Select-Object -Property *")
    assert span.property_names[:8] == [
        "Ticks", "Days", "Hours", "Milliseconds", "Microseconds", "Nanoseconds", "Minutes", "Seconds",
    ]  # fmt: skip
    assert (span.Hours, span.Minutes, span.Seconds) == (1, 25, 0)  # timedelta.seconds would be 5100
    assert span.TotalMicroseconds == 5_100_000_000.0
    assert span.Nanoseconds == 0  # psbridge keeps time to the microsecond: a TimeSpan's ticks end in 0


# -- doubles as the host prints them -----------------------------------------------------------------


def test_doubles_in_a_list_print_with_fifteen_digits() -> None:
    # New-TimeSpan.md example 1: TotalDays : 0.0590277777777778, TotalHours : 1.41666666666667
    text = out_string(run("New-TimeSpan -Hours 1 -Minutes 25"))
    assert "TotalDays         : 0.0590277777777778\n" in text
    assert "TotalHours        : 1.41666666666667\n" in text
    # Measure-Object.md example 8
    assert "StandardDeviation : 1.58113883008419\n" in out_string(run("1..5 | Measure-Object -AllStats"))


# -- objects psbridge models as Python classes list their .NET properties ----------------------------


def test_format_list_star_of_an_alias_lists_its_properties() -> None:
    # New-Alias.md example 2 (Get-Alias -Name C | Format-List *); Set-Alias.md example 3 (-PassThru)
    text = out_string(
        run(
            'New-Alias -Name "C" -Value Get-ChildItem -Description "Quick gci alias" -Option ReadOnly; '
            'Get-Alias -Name "C" | Format-List *'
        )
    )
    names = [line.split(" :", 1)[0].strip() for line in text.splitlines() if " : " in line or line.endswith(" :")]
    assert names == [
        "HelpUri", "ResolvedCommandName", "DisplayName", "ReferencedCommand", "ResolvedCommand", "Definition",
        "Options", "Description", "OutputType", "Name", "CommandType", "Source", "Version", "Visibility",
        "ModuleName", "Module", "RemotingCapability",
    ]  # fmt: skip
    assert "DisplayName         : C -> Get-ChildItem\n" in text
    assert "Options             : ReadOnly\n" in text
    selected = one("Set-Alias -Name loc -Value Get-Location -PassThru | Select-Object -Property *")
    assert selected.Definition == "Get-Location" and selected.CommandType == "Alias"


def test_a_cmdlet_info_lists_no_python_internals() -> None:
    # Get-Command's CmdletInfo shows .NET's PascalCase properties, never the model's own fields
    names = one("Get-Command Get-Date | Select-Object -Property *").property_names
    assert "spec" not in names
    assert {"Name", "CommandType", "Source", "Verb", "Noun", "Definition"} <= set(names)


# -- ConvertFrom-Csv / Import-Csv -------------------------------------------------------------------


def test_w3c_extended_log_fields_name_the_columns() -> None:
    # ConvertFrom-Csv.md example 5; CsvCommands.cs ImportCsvHelper.ReadHeader: '#' lines before the
    # header are skipped, '#Fields: ' is the header
    rows = run(
        '$logData = "#Version: 1.0`n#Date: 12-Jan-1996 00:00:00`n#Fields: time,cs-method,cs-uri`n'
        '00:34:23,GET,/foo/bar.html`n12:21:16,GET,/foo/bar.html"; ConvertFrom-Csv $logData'
    )
    assert [row.property_names for row in rows] == [["time", "cs-method", "cs-uri"]] * 2
    assert [row["time"] for row in rows] == ["00:34:23", "12:21:16"]
    # after the header, a '#' line is data
    assert [r.a for r in run('"a,b`n#c,d`n1,2" | ConvertFrom-Csv')] == ["#c", "1"]


# -- DateTime.ToString() is the culture's (en-US) ---------------------------------------------------


def test_date_to_string_uses_en_us_and_string_conversion_stays_invariant() -> None:
    # Get-Date.md example 11
    assert run('(Get-Date 2024-03-19).ToString(); "$(Get-Date 2024-03-19)"') == [
        "3/19/2024 12:00:00 AM",
        "03/19/2024 00:00:00",
    ]
    # Add-Member.md example 7: a note's definition is its value's ToString()
    text = out_string(run("[pscustomobject]@{ StartDate = [datetime]'2019-05-05' } | Get-Member -Name StartDate"))
    assert "datetime StartDate=5/5/2019 12:00:00 AM" in text


# -- [System.Exception]@{...} -----------------------------------------------------------------------


def test_an_exception_made_from_a_hashtable_has_its_properties() -> None:
    # Write-Error.md example 4: a hash table makes any object of a type with a null constructor
    exception = one('[System.Exception]@{Source="Get-ParameterNames.ps1";HelpLink="https://go.microsoft.com/fwlink"}')
    assert (exception.Source, exception.HelpLink) == ("Get-ParameterNames.ps1", "https://go.microsoft.com/fwlink")
    assert exception.Message == "Exception of type 'System.Exception' was thrown."
    assert one("$e = [InvalidOperationException]::new('m'); $e.Source = 'here'; $e.Source") == "here"
    assert one("try { [System.Exception]@{Bogus = 1} } catch { $_.FullyQualifiedErrorId }") == (
        "ConvertToFinalInvalidCastException"
    )


# -- Guids ------------------------------------------------------------------------------------------


def test_new_guid_reads_the_hexadecimal_format() -> None:
    # New-Guid.md example 4: Guid.Parse's "X" format, whitespace and all
    guids = run(
        "'11c43ee8-b9d3-4e51-b73f-bd9dda66e29c', '0f8fad5bd9cb469fa16570867728950e', "
        "'{0x01234567, 0x89ab, 0xcdef,{0x01,0x23,0x45,0x67,0x89,0xab,0xcd,0xef}}' | New-Guid"
    )
    assert [str(g) for g in guids] == [
        "11c43ee8-b9d3-4e51-b73f-bd9dda66e29c",
        "0f8fad5b-d9cb-469f-a165-70867728950e",
        "01234567-89ab-cdef-0123-456789abcdef",
    ]
    assert str(one("[guid]'{0x1,0x2,0x3,{0x4,0x5,0x6,0x7,0x8,0x9,0xa,0xb}}'")) == "00000001-0002-0003-0405-060708090a0b"
    assert one("try { [guid]'{0x1,0x2}' } catch { 'refused' }") == "refused"


def test_guids_written_one_by_one_share_one_table() -> None:
    # New-Guid.md example 4 shows one table; the command line's writer groups Guids as Out-Default does
    import io

    from psbridge.cli.output import OutputWriter

    stream = io.StringIO()
    writer = OutputWriter(stream, window=60)
    for guid in run("New-Guid -Empty; New-Guid -Empty"):
        writer.write(guid)
    writer.close()
    assert stream.getvalue().count("Guid\n----\n") == 1


# -- a file that cannot be opened is an error record, never a traceback ------------------------------


def test_tee_object_reports_a_file_it_cannot_open(tmp_path) -> None:
    # Tee-Object.md example 4 tees to /dev/tty, which does not open without a terminal: .NET's
    # IOException, reported as PathUtils.ReportFileOpenFailure does (FileOpenFailure, OpenError)
    from tests.language.evaluator_helpers import Session

    session = Session()
    too_long = str(tmp_path / ("x" * 300))  # ENAMETOOLONG: an OSError that is not a permission error
    assert session.run(f"1 | Tee-Object -FilePath '{too_long}'; 'after'")[-1] == "after"
    assert session.error_ids == ["FileOpenFailure,Microsoft.PowerShell.Commands.TeeObjectCommand"]
    assert session.errors[0].message == f"File name too long : '{too_long}'"


# -- Write-Warning under 'Stop' -----------------------------------------------------------------------


def test_a_warning_that_stops_names_the_cmdlet_as_other_errors_do() -> None:
    # Write-Warning.md example 3: the warning prints, then the ActionPreferenceStop error; its
    # FullyQualifiedErrorId ends with the command's implementing type, as every cmdlet's error does
    session = Session()
    ids = session.run(
        '$WarningPreference = "Stop"; try { Write-Warning "This is only a test warning." } '
        "catch { $_.FullyQualifiedErrorId; $_.Exception.Message }"
    )
    assert ids == [
        "ActionPreferenceStop,Microsoft.PowerShell.Commands.WriteWarningCommand",
        'The running command stopped because the preference variable "WarningPreference" or common parameter is '
        "set to Stop: This is only a test warning.",
    ]
    assert [str(w) for w in session.runspace.streams.warning] == ["This is only a test warning."]


# -- New-Object and generic collections' constructors ------------------------------------------------


def test_hashset_constructors_follow_dotnets_overloads() -> None:
    # New-Object.md example 6: three strings are three arguments, and HashSet has no 3-argument
    # constructor; the array wrapped in a one-element array is the one IEnumerable argument
    session = Session()
    result = session.run(
        "$array = @('One', 'Two', 'Three'); "
        "$set = New-Object -TypeName 'System.Collections.Generic.HashSet[string]' -ArgumentList $array; "
        "$set = New-Object -TypeName 'System.Collections.Generic.HashSet[string]' -ArgumentList (,[string[]]$array); "
        "$set"
    )
    assert result == ["One", "Two", "Three"]
    assert session.error_ids == ["ConstructorInvokedThrowException,Microsoft.PowerShell.Commands.NewObjectCommand"]
    assert session.errors[0].message == 'Cannot find an overload for "HashSet`1" and the argument count: "3".'
    assert one(
        "try { [System.Collections.Generic.HashSet[string]]::new('a', 'b', 'c') } catch { $_.Exception.Message }"
    ) == ('Cannot find an overload for "new" and the argument count: "3".')
    assert one("[System.Collections.Generic.HashSet[int]]::new(10).Count") == 0  # a capacity


def test_a_hashset_takes_a_string_comparer() -> None:
    # New-Object.md example 5: ArgumentList = ([string[]]$array, [System.StringComparer]::OrdinalIgnoreCase)
    assert run(
        "$array = @('One', 'Two', 'Three'); "
        "$parameters = @{ TypeName = 'System.Collections.Generic.HashSet[string]'; "
        "ArgumentList = ([string[]]$array, [System.StringComparer]::OrdinalIgnoreCase) }; "
        "$set = New-Object @parameters; $set.Add('ONE'); $set.Contains('tWo'); $set.Count"
    ) == [False, True, 3]
    assert run("[StringComparer]::Ordinal.Equals('a', 'A'); [StringComparer]::OrdinalIgnoreCase.Equals('a', 'A')") == [
        False,
        True,
    ]
    assert one("([System.Collections.Generic.HashSet[string]]@('a', 'A')).Count") == 2  # the default comparer


# -- a calculated property that fails while formatting -------------------------------------------------


def test_format_errors_are_hidden_displayed_or_shown_as_asked() -> None:
    # Format-Table.md example 8, Format-List.md example 5, Format-Wide.md example 3
    session = Session()
    text = out_string(session.run("Get-Date | Format-Table DayOfWeek, { $_ / $null } -DisplayError"))
    assert text.strip("\n").splitlines()[-1].endswith(" #ERR")
    assert "#ERR" in out_string(session.run("Get-Date | Format-List DayOfWeek, { $_ / $null } -DisplayError"))
    assert "#ERR" in out_string(session.run("Get-Date | Format-Wide { $_ / $null } -DisplayError"))
    hidden = out_string(session.run("Get-Date | Format-Table DayOfWeek, { $_ / $null }"))
    assert "#ERR" not in hidden
    assert session.errors == []  # without -ShowError the failure is not an error record
    out_string(session.run("Get-Date | Format-Table DayOfWeek, { $_ / $null } -ShowError"))
    assert session.error_ids == ["PSPropertyExpressionError,Microsoft.PowerShell.Commands.FormatTableCommand"]
    assert session.errors[0].message == 'Failed to evaluate expression " $_ / $null ".'
    assert session.run("Get-Date | Format-Table { throw 'x' } | Out-Null; 'went on'") == ["went on"]


# -- MemoryStream, StreamWriter, StreamReader -------------------------------------------------------


def test_get_file_hash_of_a_string_through_a_memory_stream() -> None:
    # Get-FileHash.md example 4, with the hash the doc shows
    assert one(
        "$stringAsStream = [System.IO.MemoryStream]::new(); "
        "$writer = [System.IO.StreamWriter]::new($stringAsStream); "
        '$writer.Write("Hello world"); $writer.Flush(); $stringAsStream.Position = 0; '
        "(Get-FileHash -InputStream $stringAsStream).Hash"
    ) == "64EC88CA00B268E5BA1A35678A1B5316D212F4F366B2477232534A8AECA37F3C"


def test_memory_stream_reads_and_writes_bytes() -> None:
    assert run(
        "$m = [System.IO.MemoryStream]::new([byte[]](1,2,3,4)); $b = [byte[]]::new(3); "
        "$m.Read($b, 0, 3); $b -join ','; $m.ReadByte(); $m.ReadByte(); $m.Length; "
        "$m.Position = 4; $m.WriteByte(9); $m.ToArray() -join ','"
    ) == [3, "1,2,3", 4, -1, 4, "1,2,3,4,9"]


def test_stream_writer_and_reader_on_a_file(tmp_path) -> None:
    path = tmp_path / "out.txt"
    assert run(
        f"$w = [System.IO.StreamWriter]::new('{path}'); $w.WriteLine('a'); $w.Write('b {{0}}', 2); $w.Close(); "
        f"$r = [System.IO.StreamReader]::new('{path}'); while (-not $r.EndOfStream) {{ $r.ReadLine() }}; $r.Close()"
    ) == ["a", "b 2"]
    assert path.read_bytes() == b"a\nb 2"  # UTF-8 without a byte-order mark, "\n" as .NET on Unix writes
