"""Out-Default as pwsh 7.6 prints values that have no format data of their own, or are not
enumerated by the pipeline: each expectation cites the rule in PowerShell's source
(github.com/PowerShell/PowerShell, src/System.Management.Automation/...; "FormatAndOutput/" below
is src/System.Management.Automation/FormatAndOutput/).  The scripts run through the command line
in-process, so the output thread (the 300 ms grouping window) is part of what is tested."""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest

from psbridge.cli import main as cli_main
from psbridge.cli.output import OutputWriter
from psbridge.formatting import out_string, render_lines
from psbridge.objects import Hashtable, PSObject
from tests.cli.test_shell import Outcome


@pytest.fixture
def pwsh(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Outcome]:
    """``psbridge -Command <text>`` in-process: exit code, stdout, stderr."""

    def run(text: str) -> Outcome:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(""))
        code = cli_main(["-Command", text])
        captured = capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    return run


# -- 1. an array written as one object ---------------------------------------------------------


@pytest.mark.parametrize("text", [",@(1,2)", "Write-Output -NoEnumerate @(1,2)"])
def test_an_array_written_as_one_object_is_expanded_one_level(pwsh: Callable[[str], Outcome], text: str) -> None:
    # FormatAndOutput/common/BaseFormattingCommand.cs:115 (EnumerableExpansion.EnumOnly): the
    # formatter enumerates an IEnumerable input object; numbers then print as their text.
    outcome = pwsh(text)
    assert (outcome.code, outcome.out, outcome.err) == (0, "1\n2\n", "")


def test_an_array_inside_an_expanded_array_is_shown_by_its_properties(pwsh: Callable[[str], Outcome]) -> None:
    # Only one level is enumerated (BaseFormattingCommand.cs:115-120 calls ProcessObject on each
    # element, which does not enumerate again); an Object[] has eight properties, so the view
    # generated for it is a list (FormatViewManager.cs:428, GetShapeFromPropertyCount: more than
    # four is a list), in reflection order with ICollection.Count last.
    outcome = pwsh(",@(1,@(2,3))")
    assert outcome.out == (
        "1\n\n"
        "Length         : 2\n"
        "LongLength     : 2\n"
        "Rank           : 1\n"
        "SyncRoot       : {2, 3}\n"
        "IsReadOnly     : False\n"
        "IsFixedSize    : True\n"
        "IsSynchronized : False\n"
        "Count          : 2\n\n"
    )


def test_a_hashtable_inside_an_expanded_array_is_not_enumerated(pwsh: Callable[[str], Outcome]) -> None:
    # A hashtable *input object* is enumerated into its entries (the Name/Value table:
    # FormatAndOutput/common/Utilities/MshObjectUtil.cs:129, GetEnumerable takes IDictionary),
    # but an element of an enumerated array is not enumerated again (BaseFormattingCommand.cs:
    # 115-120), and no format data names System.Collections.Hashtable: it is a generated list of
    # its seven properties; SyncRoot is Hashtable's lock object, a bare System.Object.
    outcome = pwsh(",@(@{a=1},@{b=2})")
    first = outcome.out.split("\n\n")[0].lstrip("\n")
    assert first == (
        "IsReadOnly     : False\n"
        "IsFixedSize    : False\n"
        "IsSynchronized : False\n"
        "Keys           : {a}\n"
        "Values         : {1}\n"
        "SyncRoot       : System.Object\n"
        "Count          : 1"
    )
    assert "Keys           : {b}" in outcome.out
    # while the hashtable itself, as the input object, is still the Name/Value table
    assert "Name                           Value" in pwsh("@{a=1}").out


def test_out_string_expands_an_array_input_object_too() -> None:
    # Out-String shares the formatter (same ProcessRecord): [[1, 2]] is the array object.
    assert out_string([[1, 2]]) == "1\n2\n"
    assert out_string([[PSObject({"a": 1}), PSObject({"a": 2})]]) == "\na\n-\n1\n2\n\n"


# -- 2. objects without properties --------------------------------------------------------------


def test_an_empty_custom_object_prints_its_empty_text(pwsh: Callable[[str], Outcome]) -> None:
    # No view and no properties: FormatAndOutput/common/FormatViewManager.cs:506-510 writes
    # so.ToString() as raw text, which is "" for a custom object without properties
    # (engine/MshObject.cs:1176, ToStringEmptyBaseObject) and WriteRawText writes it as a line
    # (FormatAndOutput/common/ILineOutput.cs:258).
    outcome = pwsh("[pscustomobject]@{}")
    assert (outcome.code, outcome.out, outcome.err) == (0, "\n", "")
    assert pwsh('([pscustomobject]@{}).ToString(); "[$([pscustomobject]@{})]"').out == "\n[]\n"


def test_an_empty_string_is_one_empty_line(pwsh: Callable[[str], Outcome]) -> None:
    # A string is a default scalar type written with WriteRawText -> WriteLine (ILineOutput.cs:258).
    assert pwsh("'a'; ''; 'b'").out == "a\n\nb\n"


def test_a_script_block_prints_its_text(pwsh: Callable[[str], Outcome]) -> None:
    # PowerShellCore.format.ps1xml's ScriptBlock view is an out-of-band custom view of $_
    # (FormatAndOutput/DefaultFormatters/PowerShellCore_format_ps1xml.cs:811-818).
    assert pwsh("{ 1 }").out == " 1 \n"


def test_a_string_builder_shows_its_three_properties_as_a_table(pwsh: Callable[[str], Outcome]) -> None:
    # No format data: a generated table (at most four properties), numbers right-aligned
    # (FormatAndOutput/common/FormatViewGenerator_Table.cs:318, ComputeDefaultAlignment).
    outcome = pwsh("[System.Text.StringBuilder]::new('abc')")
    assert outcome.out == (
        "\nCapacity MaxCapacity Length\n-------- ----------- ------\n      16  2147483647      3\n\n"
    )


def test_a_version_uses_its_format_data_table(pwsh: Callable[[str], Outcome]) -> None:
    # DotNetTypes.format.ps1xml's System.Version table, widths 6/6/6/8, alignment undefined: left
    # (FormatAndOutput/DefaultFormatters/DotNetTypes_format_ps1xml.cs:474-488).
    outcome = pwsh("[version]'1.2'")
    assert outcome.out == "\nMajor  Minor  Build  Revision\n-----  -----  -----  --------\n1      2      -1     -1\n\n"


# -- 3. types and regular expressions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("[math]", "True     False    Math                                     System.Object"),
        ("[string]", "True     True     String                                   System.Object"),
        ("[type]", "True     False    Type                                     System.Reflection.MemberInfo"),
        ("(Get-Date).GetType()", "True     True     DateTime                                 System.ValueType"),
        ("[DayOfWeek]", "True     True     DayOfWeek                                System.Enum"),
        ("[int[]]", "True     True     Int32[]                                  System.Array"),
    ],
)
def test_a_type_prints_the_runtime_type_table(pwsh: Callable[[str], Outcome], text: str, row: str) -> None:
    # PowerShellCore.format.ps1xml's System.RuntimeType table: IsPublic (8), IsSerial (8),
    # Name (40), BaseType (FormatAndOutput/DefaultFormatters/PowerShellCore_format_ps1xml.cs:300-314).
    outcome = pwsh(text)
    header = "IsPublic IsSerial Name                                     BaseType"
    assert outcome.out == f"\n{header}\n-------- -------- ----                                     --------\n{row}\n\n"
    assert outcome.err == ""


def test_type_members_the_table_reads_answer_scripts_too(pwsh: Callable[[str], Outcome]) -> None:
    outcome = pwsh(
        "[string].BaseType.FullName; [math].IsPublic; [datetime].IsSerializable; $null -eq [object].BaseType"
    )
    assert outcome.out == "System.Object\nTrue\nTrue\nTrue\n"


def test_a_regex_prints_its_properties(pwsh: Callable[[str], Outcome]) -> None:
    # Regex has no format data: its properties Options, MatchTimeout, RightToLeft make a generated
    # table; an enum and a Boolean are default scalar types, right-aligned, a TimeSpan is not
    # (FormatViewGenerator_Table.cs:318-338); MatchTimeout is Regex.InfiniteMatchTimeout (-1 ms).
    outcome = pwsh("[regex]'a'")
    assert outcome.out == (
        "\nOptions MatchTimeout      RightToLeft\n"
        "------- ------------      -----------\n"
        "   None -00:00:00.0010000       False\n\n"
    )
    assert pwsh("([regex]'a').ToString()").out == "a\n"


# -- 4. dates --------------------------------------------------------------------------------------


def test_datetime_display_has_a_four_digit_year(pwsh: Callable[[str], Outcome]) -> None:
    # The DateTime display is ToLongDateString() + ToLongTimeString()
    # (engine/TypeTable_Types_Ps1Xml.cs:230-257); en-US's long date pattern is
    # "dddd, MMMM d, yyyy", and "yyyy" is at least four digits.
    assert pwsh("[datetime]::MinValue").out == "\nMonday, January 1, 0001 12:00:00 AM\n\n"
    assert "1/1/0001 12:00:00 AM" in pwsh("[pscustomobject]@{d=[datetime]::MinValue}").out


# -- 5. $Host and $ExecutionContext ------------------------------------------------------------------


def test_host_prints_its_property_list(pwsh: Callable[[str], Outcome]) -> None:
    # InternalHost's properties in declaration order (engine/hostifaces/InternalHost.cs:63-494).
    lines = pwsh("$Host").out.splitlines()
    assert [line.split(" :")[0].strip() for line in lines[1:11]] == [
        "Name", "Version", "InstanceId", "UI", "CurrentCulture", "CurrentUICulture", "PrivateData",
        "DebuggerEnabled", "IsRunspacePushed", "Runspace",
    ]  # fmt: skip
    assert lines[1] == "Name             : ConsoleHost"
    assert lines[4] == "UI               : System.Management.Automation.Internal.Host.InternalHostUserInterface"
    assert lines[5] == "CurrentCulture   : en-US"


def test_execution_context_prints_its_property_list(pwsh: Callable[[str], Outcome]) -> None:
    # EngineIntrinsics's five properties (engine/EngineIntrinsics.cs:51-99).
    outcome = pwsh("$ExecutionContext")
    assert outcome.out == (
        "\nHost           : System.Management.Automation.Internal.Host.InternalHost\n"
        "Events         : System.Management.Automation.PSLocalEventManager\n"
        "InvokeProvider : System.Management.Automation.ProviderIntrinsics\n"
        "SessionState   : System.Management.Automation.SessionState\n"
        "InvokeCommand  : System.Management.Automation.CommandInvocationIntrinsics\n\n"
    )


# -- 6. the output thread ----------------------------------------------------------------------------


class _Unformattable:
    """An object whose text cannot be made: formatting it raises, as a faulty value could."""

    pstypenames = ("Test.Unformattable", "System.Object")

    @property
    def name(self) -> str:  # lower case: the model's own, not a .NET property a view would show
        raise RuntimeError("cannot show this")

    def __str__(self) -> str:
        raise RuntimeError("cannot show this")


def test_a_failure_on_the_output_thread_is_reported_not_lost() -> None:
    reported: list[BaseException] = []
    done = threading.Event()

    def on_error(error: BaseException) -> None:
        reported.append(error)
        done.set()

    stream = io.StringIO()
    writer = OutputWriter(stream, window=0.01, on_error=on_error)
    writer.write(_Unformattable())  # grouped: the timer thread formats it
    assert done.wait(5)
    assert isinstance(reported[0], RuntimeError)
    writer.write(PSObject({"a": 1}))  # the writer still works afterwards
    writer.close()
    assert "a\n-\n1" in stream.getvalue()


def test_without_a_reporter_the_failure_is_raised_on_the_scripts_thread() -> None:
    stream = io.StringIO()
    writer = OutputWriter(stream, window=0.01)
    hook_calls: list[Any] = []
    previous = threading.excepthook
    threading.excepthook = hook_calls.append  # a traceback on the timer thread would land here
    try:
        writer.write(_Unformattable())
        deadline = threading.Event()
        deadline.wait(0.3)
        with pytest.raises(RuntimeError, match="cannot show this"):
            writer.flush()
    finally:
        threading.excepthook = previous
    assert hook_calls == []


def test_the_command_line_writes_an_output_thread_failure_as_an_error_record(
    pwsh: Callable[[str], Outcome], monkeypatch: pytest.MonkeyPatch
) -> None:
    import psbridge.cli.output as output

    real = output.render_lines

    def failing(objects: Any, width: int) -> list[str]:
        objects = list(objects)
        if any(isinstance(obj, PSObject) and obj.property_names == ["boom"] for obj in objects):
            raise ValueError("the formatter failed")
        return real(objects, width)

    monkeypatch.setattr(output, "render_lines", failing)
    outcome = pwsh("[pscustomobject]@{boom=1}; Start-Sleep -Milliseconds 600; 'after'")
    assert outcome.out == "after\n"
    assert "the formatter failed" in outcome.err
    assert "FullyQualifiedErrorId : ValueError" in outcome.err
    assert "Traceback" not in outcome.err
    assert outcome.code == 1


# -- 7. the sweep: common values ---------------------------------------------------------------------


def test_booleans_and_enums_in_a_generated_table_are_right_aligned() -> None:
    # DefaultScalarTypes (FormatAndOutput/common/FormatViewManager.cs:15-60) other than String are
    # right-aligned, judged by the first object's value (FormatViewGenerator_Table.cs:318-338).
    from psbridge.conversion.enums import DayOfWeek

    rows = [PSObject({"a": 1, "b": True, "c": DayOfWeek.Friday, "d": "x"})]
    assert render_lines(rows) == ["", "a    b      c d", "-    -      - -", "1 True Friday x", ""]
    # the first object decides: a $null first value leaves the column left-aligned
    later = [PSObject({"n": None}), PSObject({"n": 12345})]
    assert render_lines(later)[3:5] == ["", "12345"]


def test_a_multi_line_cell_is_cut_at_its_first_line_break() -> None:
    # TableWriter cuts a cell at its first newline and adds "…"
    # (FormatAndOutput/common/ComplexWriter.cs:830-845, TruncateAtNewLine).
    lines = render_lines([PSObject({"a": "line1\nline2", "b": 1})])
    assert lines[3].startswith("line1…")
    assert "line2" not in "\n".join(lines)


def test_a_hashtable_value_keeps_the_name_value_table_and_nested_values_read_as_entries() -> None:
    table = Hashtable()
    table["a"] = 1
    inner = Hashtable()
    inner["c"] = 2
    table["b"] = inner
    assert render_lines([table]) == [
        "",
        "Name                           Value",
        "----                           -----",
        "a                              1",
        "b                              {[c, 2]}",
        "",
    ]


def test_elements_of_a_shown_collection_are_named_as_pwsh_names_them() -> None:
    # PSObjectHelper.GetObjectName (FormatAndOutput/common/Utilities/MshObjectUtil.cs:150-194):
    # $null is spelled out; an array, whose type has no ToString() of its own, is PSObject.ToString():
    # its elements joined by spaces, one level deep (engine/MshObject.cs, ToString with recurse);
    # a hashtable element is not enumerated there: its type name.
    inner = Hashtable()
    inner["x"] = 1
    lines = render_lines([PSObject({"a": [1, [2, 3]], "b": [1, None], "c": [inner], "d": [1, [2, [3]]]})])
    assert lines[3] == "{1, 2 3} {1, $null} {System.Collections.Hashtable} {1, 2 System.Object[]}"


def test_a_uri_is_a_list_of_its_properties(pwsh: Callable[[str], Outcome]) -> None:
    # System.Uri has no format data and 22 properties: a generated list, in .NET's declaration order.
    lines = pwsh("[uri]'https://example.com/a?b=1'").out.splitlines()
    assert lines[1:4] == [
        "AbsolutePath   : /a",
        "AbsoluteUri    : https://example.com/a?b=1",
        "LocalPath      : /a",
    ]
    assert "Segments       : {/, a}" in lines
    assert "Port           : 443" in lines
    assert lines[-2:] == ["UserInfo       :", ""]
    # a relative URI's absolute-only properties throw in .NET: the view shows them empty
    relative = pwsh("[uri]'rel/path'")
    assert "OriginalString : rel/path" in relative.out.splitlines()
    assert "AbsolutePath   :" in relative.out.splitlines()
    assert relative.err == ""


def test_an_error_record_written_as_output_prints_as_an_error(pwsh: Callable[[str], Outcome]) -> None:
    # PowerShellCore.format.ps1xml's ErrorInstance view is an out-of-band custom view
    # (FormatAndOutput/DefaultFormatters/PowerShellCore_format_ps1xml.cs:1032-1035); psbridge
    # writes it as it writes the error stream.
    outcome = pwsh("$e = try { 1/0 } catch { $_ }; $e; 'after'")
    lines = outcome.out.splitlines()
    assert lines[0] == "Attempted to divide by zero."
    assert any(line.startswith("    + FullyQualifiedErrorId : ") for line in lines)
    assert lines[-1] == "after"
    assert "exception_type_name" not in outcome.out


def test_numbers_print_as_dotnet_prints_them(pwsh: Callable[[str], Outcome]) -> None:
    # A double/single at the top level is ToString("G15")/ToString("G7") (engine/MshObject.cs,
    # TryFastTrackPrimitiveTypes; PowerShell PR #9893 kept the pre-.NET Core 3.0 precision), as
    # about_Arithmetic_Operators shows `1 / 1.9` (0.526315789473684); a table cell is
    # ToString("F") (MshObjectUtil.cs SmartToString, formatFloat), where NaN stays "NaN".
    assert pwsh("1e20; 0.1+0.2; [float]0.1; [single]3.14159; 1e-5; 1/1.9; [double]::MaxValue").out == (
        "1E+20\n0.3\n0.1\n3.14159\n1E-05\n0.526315789473684\n1.79769313486232E+308\n"
    )
    lines = render_lines([PSObject({"x": 0.1 + 0.2, "y": 1e20, "z": float("nan")})])
    assert lines[3] == "0.30 100000000000000000000.00 NaN"


def test_text_next_to_a_table_is_set_apart_by_one_blank_line(pwsh: Callable[[str], Outcome]) -> None:
    # A view's start and end each write one empty line (the table's group); text written as it
    # comes is not separated again, so there is never a double blank line between them.
    assert pwsh("'x'; [pscustomobject]@{a=1}; 'y'").out == "x\n\na\n-\n1\n\ny\n"


def test_a_table_too_wide_narrows_its_last_column_down_to_one_character() -> None:
    # ColumnWidthManager.TrimToFit (FormatAndOutput/common/ColumnWidthManager.cs): the last visible
    # column gives up the excess while at least ScreenInfo.minimumColumnWidth = 1 is left
    # (TableWriter.cs:39), else it is hidden and the one before it gives up the rest.
    row = PSObject({"a": "a" * 60, "b": "b" * 57, "c": "c" * 10})
    lines = render_lines([row], 120)
    assert lines[1].endswith(" c") and lines[3].endswith(" …") and len(lines[3]) == 120
    lines = render_lines([PSObject({"a": "a" * 60, "b": "b" * 59, "c": "c" * 10})], 120)
    assert lines[1].split() == ["a", "b"]  # c would have no room left: hidden
    assert len(lines[3]) == 120
    wide_first = render_lines([PSObject({"Name": "x" * 150, "V": 1})], 120)
    assert wide_first[1] == "Name" and wide_first[3] == "x" * 119 + "…"


def test_a_null_inside_an_expanded_array_is_an_empty_line(pwsh: Callable[[str], Outcome]) -> None:
    # Out-Default skips a $null input object (FormatAndOutput/common/BaseOutputtingCommand.cs:46-49),
    # but an element is wrapped by PSObjectHelper.AsPSObject, which makes $null an empty PSObject
    # (Utilities/MshObjectUtil.cs:333-336): no properties, so its ToString(), "" (see above).
    assert pwsh("@(1,$null,2)").out == "1\n2\n"
    assert pwsh(",@(1,$null,2)").out == "1\n\n2\n"


def test_format_table_writes_an_object_without_properties_out_of_band(pwsh: Callable[[str], Outcome]) -> None:
    # Format-Table also sends such an object out of band as its ToString()
    # (BaseFormattingCommand.cs ProcessOutOfBandObjectOutsideDocumentSequence, FormatViewManager.cs:506-510).
    assert pwsh("[pscustomobject]@{} | Format-Table | Out-String").out == "\n\n"
    assert pwsh("{ 1 } | Format-List").out == " 1 \n"


def test_a_dictionary_entry_out_of_band_lists_all_its_properties() -> None:
    # Out of band, the list is generated from the object (FormatViewManager.cs, GenerateOutOfBandData:
    # ListViewGenerator.Initialize with the object), so a DictionaryEntry lists Name, Key and Value,
    # with an empty line before and after (BaseOutputtingCommand.cs:569-582).
    table = Hashtable()
    table["b"] = 2
    lines = render_lines([PSObject({"a": 1}), table])
    assert lines == ["", "a", "-", "1", "", "Name  : b", "Key   : b", "Value : 2", "", ""]


def test_regex_matches_and_stopwatches_show_their_dotnet_properties(pwsh: Callable[[str], Outcome]) -> None:
    # No format data: generated views from the .NET properties (a derived class's own first:
    # Match's Groups, then Group's, then Capture's); a group inside {…} is shown by its display
    # name, its Name, as its ToString() is inherited (MshObjectUtil.cs:150-194 and :52-91); a
    # ReadOnlySpan cannot be read by PowerShell, so ValueSpan is empty.
    assert pwsh('[regex]::Match("abc","(?<x>b)")').out == (
        "\nGroups    : {0, x}\nSuccess   : True\nName      : 0\nCaptures  : {0}\nIndex     : 1\n"
        "Length    : 1\nValue     : b\nValueSpan :\n\n"
    )
    assert pwsh("[System.Diagnostics.Stopwatch]::new()").out == (
        "\nIsRunning Elapsed  ElapsedMilliseconds ElapsedTicks\n"
        "--------- -------  ------------------- ------------\n"
        "    False 00:00:00                   0            0\n\n"
    )
