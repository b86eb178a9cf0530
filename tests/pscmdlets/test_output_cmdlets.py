"""Out-String, Out-File, Out-Null, Out-Host and Format-Table/-List/-Wide, from PowerShell's Pester
tests (test/powershell/Modules/Microsoft.PowerShell.Utility/Out-*.Tests.ps1, Format-*.Tests.ps1,
Microsoft.PowerShell.Core/Out-Host.Tests.ps1)."""

from __future__ import annotations

import os
import re
import stat

import pytest

import psbridge
from psbridge.objects import Hashtable, PSObject
from tests.pscmdlets.helpers import Session


@pytest.fixture
def ps() -> Session:
    return Session()


def out_string(ps: Session, *commands: tuple, input: list) -> str:
    return ps.pipeline(*commands, ("Out-String",), input=input)[0]


# -- Out-String.Tests.ps1 ----------------------------------------------------------------------


def test_out_string_accumulates_strings(ps: Session) -> None:
    # Out-String.Tests.ps1:21-26
    assert ps("Out-String", input=["a", " b"]) == ["a\n b\n"]


def test_out_string_stream_gives_lines(ps: Session) -> None:
    # Out-String.Tests.ps1:28-49
    assert ps("Out-String", Stream=True, input=["a", "b"]) == ["a", "b"]


def test_out_string_no_newline(ps: Session) -> None:
    # Out-String.Tests.ps1:51-59
    assert ps("Out-String", NoNewline=True, input=["a", "b"]) == ["ab"]
    assert ps("Out-String", NoNewline=True, input=["a\n", "b"]) == ["a\nb"]


def test_out_string_no_newline_and_stream_are_different_sets(ps: Session) -> None:
    # Out-String.Tests.ps1:61-64
    with pytest.raises(psbridge.ParameterBindingError) as error:
        ps("Out-String", NoNewline=True, Stream=True, input=["a", "b"])
    expected = "AmbiguousParameterSet,Microsoft.PowerShell.Commands.OutStringCommand"
    assert error.value.fully_qualified_error_id == expected


def test_out_string_property_names_with_brackets(ps: Session) -> None:
    # Out-String.Tests.ps1:5-11
    text = ps("Out-String", input=[PSObject({"name with square brackets: [0]": "myvalue"})])[0]
    assert "myvalue" in text and "name with square brackets: [0]" in text


# -- Out-File.Tests.ps1 ------------------------------------------------------------------------


def lines_of(path: str) -> list[str]:
    with open(path, encoding="utf-8") as handle:
        return handle.read().split("\n")


def test_out_file_pspath_and_append(ps: Session, tmp_path) -> None:
    # Out-File.Tests.ps1:4-19
    target = str(tmp_path / "ExposeBug928965")
    ps("Out-File", PSPath=target, input=[1])
    assert lines_of(target) == ["1", ""]
    other = str(tmp_path / "outfileAppendTest.txt")
    ps("Out-File", other, input=["This is first line."])
    ps("Out-File", other, Append=True, input=["This is second line."])
    assert lines_of(other) == ["This is first line.", "This is second line.", ""]


def test_out_file_without_input_creates_the_file_and_path_alias(ps: Session, tmp_path) -> None:
    # Out-File.Tests.ps1:44-46 and :142-144
    ps("Out-File", FilePath=str(tmp_path / "a.txt"))
    ps("Out-File", Path=str(tmp_path / "b.txt"))
    assert (tmp_path / "a.txt").read_bytes() == b"" and (tmp_path / "b.txt").exists()


def test_out_file_input_object_and_no_clobber(ps: Session, tmp_path) -> None:
    # Out-File.Tests.ps1:56-83
    target = str(tmp_path / "outfileTest.txt")
    obj = PSObject({"text": "some test text"})
    ps("Out-File", FilePath=target, InputObject=obj)
    for switch in ("NoClobber", "NoOverwrite"):
        with pytest.raises(psbridge.PSError, match=r"already exists\."):
            ps("Out-File", FilePath=target, InputObject=obj, ErrorAction="SilentlyContinue", **{switch: True})
    actual = lines_of(target)
    assert actual[0] == "" and "text" in actual[1] and "----" in actual[2] and "some test text" in actual[3]


def test_out_file_append_adds_a_second_view(ps: Session, tmp_path) -> None:
    # Out-File.Tests.ps1:85-102
    target = str(tmp_path / "outfileTest.txt")
    obj = PSObject({"text": "some test text"})
    ps("Out-File", FilePath=target, InputObject=obj)
    ps("Out-File", FilePath=target, InputObject=obj, Append=True)
    assert lines_of(target) == ["", "text", "----", "some test text", "", "", "text", "----", "some test text", "", ""]


def test_out_file_width_cuts_with_an_ellipsis(ps: Session, tmp_path) -> None:
    # Out-File.Tests.ps1:104-114
    target = str(tmp_path / "w.txt")
    ps("Out-File", FilePath=target, Width=10, InputObject=PSObject({"text": "some test text"}))
    assert lines_of(target)[:4] == ["", "text", "----", "some test\u2026"]


def test_out_file_force_writes_a_read_only_file(ps: Session, tmp_path) -> None:
    # Out-File.Tests.ps1:116-140 (chmod stands for Set-ItemProperty IsReadOnly)
    target = str(tmp_path / "ro.txt")
    obj = PSObject({"text": "some test text"})
    ps("Out-File", FilePath=target, InputObject=obj)
    os.chmod(target, stat.S_IRUSR)
    if os.access(target, os.W_OK):
        pytest.skip("running as root: a read-only file is writable anyway")
    with pytest.raises(psbridge.PSError, match="Access to the path"):
        ps("Out-File", FilePath=target, InputObject=obj, Append=True, ErrorAction="Stop")
    ps("Out-File", FilePath=target, InputObject=obj, Append=True, Force=True)
    assert len(lines_of(target)) == 11
    assert not os.access(target, os.W_OK)  # still read-only


def test_out_file_encodings_and_bom(ps: Session, tmp_path) -> None:
    # Out-File.md: -Encoding defaults to utf8NoBOM; utf8BOM and unicode write a preamble.
    ps("Out-File", str(tmp_path / "n.txt"), input=["é"])
    assert (tmp_path / "n.txt").read_bytes() == "é\n".encode()
    ps("Out-File", str(tmp_path / "b.txt"), Encoding="utf8BOM", input=["é"])
    assert (tmp_path / "b.txt").read_bytes() == b"\xef\xbb\xbf" + "é\n".encode()
    ps("Out-File", str(tmp_path / "u.txt"), Encoding="unicode", input=["a"])
    assert (tmp_path / "u.txt").read_bytes() == b"\xff\xfea\x00\n\x00"
    ps("Out-File", str(tmp_path / "c.txt"), Encoding=1251, input=["ж"])
    assert (tmp_path / "c.txt").read_bytes() == "ж\n".encode("cp1251")


def test_out_file_is_relative_to_the_session_location(ps: Session, tmp_path) -> None:
    ps.runspace.location.path = str(tmp_path)
    ps("Out-File", "rel.txt", input=["x"])
    assert (tmp_path / "rel.txt").read_text() == "x\n"


# -- Out-Null, Out-Host ------------------------------------------------------------------------


def test_out_null_and_out_host(ps: Session) -> None:
    # Out-Host.Tests.ps1: objects written to the host, nothing to the pipeline.
    assert ps("Out-Null", input=[1, 2]) == []
    assert ps("Out-Host", input=["a", PSObject({"x": 1})]) == []
    assert ps.host_text == "a\n\nx\n-\n1\n\n"


# -- Format-Table.Tests.ps1 ---------------------------------------------------------------------


def test_format_table_autosize(ps: Session) -> None:
    # Format-Table.Tests.ps1:129-140
    objects = [PSObject({"name": "Bob", "size": 1234, "booleanValue": True}),
               PSObject({"name": "Jim", "size": 5678, "booleanValue": False})]
    text = out_string(ps, ("Format-Table", {"AutoSize": True}), input=objects)
    assert "name size booleanValue" in text
    assert "---- ---- ------------" in text
    # Booleans are right-aligned like numbers (FormatViewGenerator_Table.cs:318, ComputeDefaultAlignment)
    assert "Bob  1234         True" in text and "Jim  5678        False" in text


def test_format_table_of_nothing_is_nothing(ps: Session) -> None:
    # Format-Table.Tests.ps1:142-149
    assert ps.pipeline(("Format-Table", ["foo", "bar"]), ("Out-String",), input=[None]) == [""]


@pytest.mark.parametrize("strings", [["single line string"], ["line1\nline2"], ["line1", "line2"]])
def test_format_table_of_strings_with_requested_properties(ps: Session, strings: list[str]) -> None:
    # Format-Table.Tests.ps1:151-159
    text = out_string(ps, ("Format-Table", ["fox", "bar"], {"Force": True}), input=strings)
    assert text.replace(" ", "").replace("\n", "") == "foxbar------"


def test_format_table_hashtable_entries(ps: Session) -> None:
    # Format-Table.Tests.ps1:110-115 and :161-174
    # The Pester test's "1\n2" is PowerShell text: a backslash and an n, not a line break.
    text = out_string(ps, ("Format-Table",), input=[Hashtable({"name": "1\\n2"})])
    assert re.search(r"name\s+1.+2", text)
    # A real line break cuts the cell there (ComplexWriter.cs:830, TruncateAtNewLine).
    text = out_string(ps, ("Format-Table",), input=[Hashtable({"name": "1\n2"})])
    assert re.search(r"name\s+1…\n", text)
    table = Hashtable({"intArray": [1, 2, 3, 4], "arrayList": ["string1", "string2"]})
    text = out_string(ps, ("Format-Table",), input=[table])
    assert "{1, 2, 3, 4}" in text and "{string1, string2}" in text


def test_format_table_no_trailing_whitespace(ps: Session) -> None:
    # Format-Table.Tests.ps1:196-204
    text = out_string(ps, ("Format-Table", "foo", {"Force": True}), input=["hello"])
    assert text.replace("\n", "") == "foo---"
    text = out_string(ps, ("Format-Table", {"HideTableHeaders": True}), input=[PSObject({"a": 1, "b": 2})])
    assert text.replace("\n", "") == "1 2"


@pytest.mark.parametrize(
    ("objects", "expected"),
    [
        (  # Format-Table.Tests.ps1:692-699 first column
            [{"abc": "1234", "bcd": "123"}, {"abc": "1", "bcd": "1234"}],
            "\nabc  bcd\n---  ---\n1234 123\n1    1234\n\n",
        ),
        (  # :700-707 both columns
            [{"abc": "1234", "bcd": "1234"}, {"abc": "1", "bcd": "1"}],
            "\nabc  bcd\n---  ---\n1234 1234\n1    1\n\n",
        ),
        (  # :708-715 second column
            [{"abc": "123", "bcd": "1234"}, {"abc": "1", "bcd": "123"}],
            "\nabc bcd\n--- ---\n123 1234\n1   123\n\n",
        ),
        ([{"a": "abc", "b": 123}], "\na     b\n-     -\nabc 123\n\n"),  # :726-732 left/right
        ([{"a": "abc", "b": "abc"}], "\na   b\n-   -\nabc abc\n\n"),  # :733-739 left/left
        ([{"a": 123, "b": "abc"}], "\n  a b\n  - -\n123 abc\n\n"),  # :740-746 right/left
        ([{"a": 123, "b": 123}], "\n  a   b\n  -   -\n123 123\n\n"),  # :747-753 right/right
    ],
)
def test_format_table_widths_and_justification(ps: Session, objects: list, expected: str) -> None:
    assert out_string(ps, ("Format-Table",), input=[PSObject(o) for o in objects]) == expected


def test_format_table_floats_use_two_decimals(ps: Session) -> None:
    # Format-Table.Tests.ps1:864-881 (en-US: NumberDecimalDigits = 2)
    import decimal

    obj = PSObject({"double": 1234.56789, "float": 9876.54321, "decimal": decimal.Decimal("4567.123456789")})
    text = out_string(ps, ("Format-Table",), input=[obj])
    line = next(row for row in text.split("\n") if row.startswith("1234"))
    assert line.split() == ["1234.57", "9876.54", "4567.12"]


def test_format_table_calculated_property_and_group_by(ps: Session) -> None:
    objects = [PSObject({"Name": "a", "Kind": "x", "Size": 1}), PSObject({"Name": "b", "Kind": "y", "Size": 2})]
    text = out_string(
        ps,
        ("Format-Table", ["Name", Hashtable({"Label": "Bytes", "Expression": "Size", "Width": 8})],
         {"GroupBy": "Kind"}),
        input=objects,
    )
    assert "   Kind: x" in text and "   Kind: y" in text
    assert "Name    Bytes" in text


def test_format_table_bad_calculated_property_key(ps: Session) -> None:
    with pytest.raises(psbridge.PSError) as error:
        ps("Format-Table", [Hashtable({"Bogus": 1, "Expression": "x"})], input=[PSObject({"x": 1})],
           ErrorAction="Stop")
    assert 'The "Bogus" key is not valid.' in str(error.value)


# -- Format-List.Tests.ps1, Format-Wide.Tests.ps1 --------------------------------------------


def test_format_list(ps: Session) -> None:
    # Format-List.Tests.ps1:39-47 ("${nl}testName : testValue${nl}${nl}"), with two properties
    obj = PSObject({"Name": "testName", "Length": 11})
    text = out_string(ps, ("Format-List",), input=[obj])
    assert text == "\nName   : testName\nLength : 11\n\n"
    text = out_string(ps, ("Format-List", "Name"), input=[obj, obj])
    assert text == "\nName : testName\n\nName : testName\n\n"


def test_format_wide(ps: Session) -> None:
    # Format-Wide.Tests.ps1:10-17 (-Column, and two columns by default) on the Name property
    objects = [PSObject({"Name": name}) for name in ("a", "b", "c")]
    lines = out_string(ps, ("Format-Wide", {"Column": 3}), input=objects).split("\n")
    assert lines[1].split() == ["a", "b", "c"]
    lines = out_string(ps, ("Format-Wide",), input=objects).split("\n")
    assert [line.split() for line in lines[1:3]] == [["a", "b"], ["c"]]


def test_format_wide_of_hashtables_and_strings(ps: Session) -> None:
    # Format-Wide.Tests.ps1:38-76
    assert "array" in out_string(ps, ("Format-Wide",), input=[Hashtable({"array": list(range(256))})])
    assert ps.pipeline(("Format-Wide",), ("Out-String",), input=[Hashtable()]) == [""]
    assert ps.pipeline(("Format-Wide",), ("Out-String",), input=[None]) == [""]
    assert "single line string" in out_string(ps, ("Format-Wide",), input=["single line string"])
    text = out_string(ps, ("Format-Wide",), input=["Line1", "Line2"])
    assert "Line1" in text and "Line2" in text
    keys = Hashtable({"intArray": [1, 2, 3, 4], "arrayList": ["string1", "string2"]})
    text = out_string(ps, ("Format-Wide",), input=[keys])
    assert "intArray" in text and "arrayList" in text


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        (  # Format-Table.Tests.ps1:765-773 right
            {"A": 1, "B": 2, "Name": "This\nIs some random\nmultiline content"},
            "\nA B Name\n- - ----\n1 2 This\n    Is some random\n    multiline content\n\n",
        ),
        (  # :774-782 left
            {"Name": "This\nIs some random\nmultiline content", "A": 1, "B": 2},
            "\nName" + " " * 34 + "A B\n----" + " " * 34 + "- -\nThis" + " " * 34
            + "1 2\nIs some random\nmultiline content\n\n",
        ),
        (  # :783-791 middle
            {"A": 1, "Name": "This\nIs some random\nmultiline content", "B": 2},
            "\nA Name" + " " * 34 + "B\n- ----" + " " * 34 + "-\n1 This" + " " * 34
            + "2\n  Is some random\n  multiline content\n\n",
        ),
    ],
)
def test_format_table_wrap(ps: Session, obj: dict, expected: str) -> None:
    assert out_string(ps, ("Format-Table", {"Wrap": True}), input=[PSObject(obj)]) == expected


def test_format_view_errors(ps: Session) -> None:
    # Format-Table.Tests.ps1:42-47 and Format-Wide.Tests.ps1:27-30
    with pytest.raises(psbridge.PSError) as error:
        ps("Format-Table", View="bar", Force=True, ErrorAction="Stop", input=[PSObject({"a": 1})])
    assert error.value.fully_qualified_error_id == "FormatViewNotFound,Microsoft.PowerShell.Commands.FormatTableCommand"
    assert "PipelineStoppedException" in error.value.error_record.category_info
    with pytest.raises(psbridge.PSError) as error:
        ps("Format-Wide", InputObject=[PSObject({"a": 1})], Property="CreationTime", View="aoeu")
    assert error.value.fully_qualified_error_id == (
        "FormatCannotSpecifyViewAndProperty,Microsoft.PowerShell.Commands.FormatWideCommand"
    )


def test_format_table_of_an_array_and_strings_without_force(ps: Session) -> None:
    # Format-Table.Tests.ps1:49-55 (an array property is cut after four items)
    text = out_string(ps, ("Format-Table",), input=[Hashtable({"array": list(range(256))})])
    assert "array                          {0, 1, 2, 3\u2026}" in text
    # Strings are written as text unless -Force asks for their properties.
    assert out_string(ps, ("Format-Table",), input=["hello"]) == "hello\n"


def test_format_expand_core_only_and_enum_only(ps: Session) -> None:
    # Format-Table.Tests.ps1:176-194 (-Expand on a collection given to -InputObject)
    items = [PSObject({"n": 1}), PSObject({"n": 2})]
    text = ps.pipeline(("Format-Table", {"InputObject": items, "Expand": "EnumOnly"}), ("Out-String",))[0]
    assert text == "\nn\n-\n1\n2\n\n"
    text = ps.pipeline(("Format-List", {"InputObject": items, "Expand": "CoreOnly", "Property": "Count"}),
                       ("Out-String",))[0]
    assert text == "\nCount : 2\n\n"
