"""Get-Content, Set-Content, Add-Content and Clear-Content, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Management/{Get,Set,Add,Clear}-Content.Tests.ps1)."""

from __future__ import annotations

import codecs

import pytest

import psbridge
from psbridge.objects import PSObject
from tests.pscmdlets.helpers import Session

FIRST, SECOND, THIRD, FOURTH, FIFTH = (
    "Here's a first line ",
    " here's a second line",
    "more text",
    "just to make sure",
    "there's plenty to work with",
)


@pytest.fixture
def ps(tmp_path) -> Session:
    session = Session()
    session("Set-Location", str(tmp_path))
    return session


@pytest.fixture
def files(tmp_path):
    """Get-Content.Tests.ps1:4-20: testfile1 holds one line, testfile2 five (no trailing newline)."""
    one, two = tmp_path / "testfile1", tmp_path / "testfile2"
    one.write_text("This is a test content for a file")
    two.write_text("\n".join([FIRST, SECOND, THIRD, FOURTH, FIFTH]))
    return str(one), str(two)


def error_id(call) -> str:
    with pytest.raises(psbridge.PSError) as caught:
        call()
    return caught.value.error_record.fully_qualified_error_id


# -- Get-Content.Tests.ps1 ------------------------------------------------------------------------


def test_directory_is_an_error(ps: Session) -> None:
    # Get-Content.Tests.ps1:27-30
    assert error_id(lambda: ps("Get-Content", ".", ErrorAction="Stop")) == (
        "GetContainerContentException,Microsoft.PowerShell.Commands.GetContentCommand"
    )


def test_lines_head_and_tail(ps: Session, files) -> None:
    # Get-Content.Tests.ps1:32-73
    one, two = files
    assert ps("Get-Content", Path=one) == ["This is a test content for a file"]
    assert ps("Get-Content", Path=two) == [FIRST, SECOND, THIRD, FOURTH, FIFTH]
    for alias in ("TotalCount", "Head", "First"):
        assert ps("Get-Content", Path=two, **{alias: 2}) == [FIRST, SECOND]
    assert ps("Get-Content", Path=one, Tail=1) == ["This is a test content for a file"]
    assert ps("Get-Content", Path=two, Last=1) == [FIFTH]


@pytest.mark.parametrize("parameter", ["TotalCount", "Tail"])
def test_negative_counts_fail_validation(ps: Session, files, parameter) -> None:
    # Get-Content.Tests.ps1:75-81
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        ps("Get-Content", Path=files[1], **{parameter: -2})
    assert caught.value.fully_qualified_error_id == (
        "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetContentCommand"
    )


def test_tail_and_total_count_cannot_coexist(ps: Session, files) -> None:
    # Get-Content.Tests.ps1:100-102, 296-300
    assert error_id(lambda: ps("Get-Content", Path=files[0], Tail=1, TotalCount=1, ErrorAction="Stop")) == (
        "TailAndHeadCannotCoexist,Microsoft.PowerShell.Commands.GetContentCommand"
    )


ENCODINGS = ["String", "OEM", "Unicode", "BigEndianUnicode", "BigEndianUTF32", "UTF8", "UTF8BOM", "UTF8NoBOM", "UTF7",
             "UTF32", "Ascii", "ANSI"]  # fmt: skip


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_tail_with_explicit_and_implicit_encoding(ps: Session, tmp_path, encoding) -> None:
    # Get-Content.Tests.ps1:104-144
    path = str(tmp_path / "TailWithEncoding.txt")
    for content in (
        ["a1", "aa2", "aaa3", "aaaa4", "aaaaa5"],
        ["€1", "€€2", "€€€3", "€€€€4", "€€€€€5"],
        ["𐍈1", "𐍈𐍈2", "𐍈𐍈𐍈3", "𐍈𐍈𐍈𐍈4", "𐍈𐍈𐍈𐍈𐍈5"],
    ):
        ps("Set-Content", Path=path, Encoding=encoding, input=content)
        for params in ({"Encoding": encoding}, {}):
            expected = ps("Get-Content", Path=path, **params)[-4]
            actual = ps("Get-Content", Path=path, Tail=4, **params)
            assert len(actual) == 4 and all(isinstance(line, str) for line in actual)
            assert actual[0] == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"ReadCount": -1, "Tail": 5}, [["AA", "BB", "CC", "DD"]]),  # Get-Content.Tests.ps1:147-151
        ({"ReadCount": 0, "Tail": 3}, [["BB", "CC", "DD"]]),  # :152-156
        ({"ReadCount": 1, "Tail": 3}, ["BB", "CC", "DD"]),  # :157-161
        ({"ReadCount": 99999, "Tail": 3}, [["BB", "CC", "DD"]]),  # :162-166
        ({"ReadCount": 2, "Tail": 3}, [["BB", "CC"], ["DD"]]),  # :167-171
        ({"ReadCount": 2, "Tail": 2}, [["CC", "DD"]]),  # :172-176
    ],
)
def test_tail_and_read_count(ps: Session, files, params, expected) -> None:
    ps("Set-Content", Path=files[0], Value=["AA", "BB", "CC", "DD"])
    assert ps("Get-Content", Path=files[0], **params) == expected


@pytest.mark.parametrize(
    ("delimiter", "tail", "expected"),
    [
        (",", 2, ["World3\nHello4", "World4\n"]),  # Get-Content.Tests.ps1:186-190
        ("o", 3, ["rld3\nHell", "4,W", "rld4\n"]),  # :191-195
    ],
)
def test_delimiter_and_tail(ps: Session, files, delimiter, tail, expected) -> None:
    ps("Set-Content", Path=files[0], Value=["Hello1,World1", "Hello2,World2", "Hello3,World3", "Hello4,World4"])
    assert ps("Get-Content", Path=files[0], Delimiter=delimiter, Tail=tail) == expected


def test_tail_as_byte_stream(ps: Session, files) -> None:
    # Get-Content.Tests.ps1:204-223 (the Unix bytes)
    ps("Set-Content", Path=files[0], Value=["AA", "BB", "CC", "DD"])
    assert ps("Get-Content", Path=files[0], Tail=10, AsByteStream=True) == [10, 66, 66, 10, 67, 67, 10, 68, 68, 10]


def test_delimiter_that_repeats(ps: Session, files) -> None:
    # Get-Content.Tests.ps1:226-232
    ps("Set-Content", files[0], Value=["Hello,llllWorlld", "Hello2,llllWorlld2"])
    assert ps("Get-Content", files[0], Delimiter="ll") == ["He", "o,", "", "Wor", "d\nHe", "o2,", "", "Wor", "d2\n"]


def test_colons_in_file_names(ps: Session, files) -> None:
    # Get-Content.Tests.ps1:256-260
    ps("Set-Content", f"{files[0]}:Stream", Value="Hello")
    assert ps("Test-Path", f"{files[0]}:Stream") == [True]
    assert ps("Get-Content", f"{files[0]}:Stream") == ["Hello"]


def test_empty_results(ps: Session, tmp_path, files) -> None:
    # Get-Content.Tests.ps1:274-284
    assert ps.pipeline(("Get-ChildItem", str(tmp_path), {"Filter": "*.raw"}), ("Get-Content", {"Raw": True})) == []
    assert ps("Get-Content", Path=files[0], TotalCount=0) == []
    assert ps("Get-Content", Path=files[0], Tail=0) == []


def test_raw_with_tail_is_invalid(ps: Session, files) -> None:
    # Get-Content.Tests.ps1:310-314
    assert error_id(lambda: ps("Get-Content", Path=files[0], Tail=1, Raw=True, ErrorAction="Stop")) == (
        "InvalidOperation,Microsoft.PowerShell.Commands.GetContentCommand"
    )


@pytest.mark.parametrize("params", [{}, {"Raw": True}])
def test_wildcard_matching_nothing_is_item_not_found(ps: Session, params) -> None:
    # Get-Content.Tests.ps1:316-323
    assert error_id(lambda: ps("Get-Content", Path="/DoesNotExist*.txt", ErrorAction="Stop", **params)) == (
        "ItemNotFound,Microsoft.PowerShell.Commands.GetContentCommand"
    )


def test_missing_file_is_path_not_found(ps: Session, tmp_path) -> None:
    # issue 12: ItemNotFoundException with PowerShell's message template, as a non-terminating error
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.invoke("Get-Content", str(tmp_path / "missing.txt"))
    (record,) = caught.value.errors
    assert record.fully_qualified_error_id == "PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand"
    assert str(record.exception) == f"Cannot find path '{tmp_path / 'missing.txt'}' because it does not exist."
    assert record.category == "ObjectNotFound"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"ReadCount": -1, "Tail": 5},
            [["Hello,World", "Hello2,World2", "Hello3,World3", "Hello4,World4"]],
        ),  # :336-341
        ({"ReadCount": 0, "Tail": 3}, [["Hello2,World2", "Hello3,World3", "Hello4,World4"]]),  # :342-347
        ({"ReadCount": 1, "Tail": 3}, ["Hello2,World2", "Hello3,World3", "Hello4,World4"]),  # :348-353
        ({"ReadCount": 99999, "Tail": 3}, [["Hello2,World2", "Hello3,World3", "Hello4,World4"]]),  # :354-359
        ({"ReadCount": 2, "Tail": 3}, [["Hello2,World2", "Hello3,World3"], ["Hello4,World4"]]),  # :360-367
        ({"TotalCount": 0, "ReadCount": 1}, []),  # :368-371
        ({"TotalCount": 3, "ReadCount": 2}, [["Hello,World", "Hello2,World2"], ["Hello3,World3"]]),  # :372-379
    ],
)
def test_utf7_tail_total_count_and_read_count(ps: Session, files, params, expected) -> None:
    # Get-Content.Tests.ps1:325-379
    ps("Set-Content", Path=files[0], Value=["Hello,World", "Hello2,World2", "Hello3,World3", "Hello4,World4"])
    assert ps("Get-Content", Path=files[0], Encoding="UTF7", **params) == expected


def test_total_count_with_read_count_zero(ps: Session, files) -> None:
    # Get-Content.Tests.ps1:380-385
    ps("Set-Content", Path=files[0], Value=["Hello,World", "Hello2,World2", "Hello3,World3", "Hello4,World4"])
    assert ps("Get-Content", Path=files[0], TotalCount=3, ReadCount=0) == [
        ["Hello,World", "Hello2,World2", "Hello3,World3"]
    ]


def test_raw_byte_stream_is_one_byte_array(tmp_path) -> None:
    # Get-Content's doc, example 8: -AsByteStream -Raw gives one System.Byte[]
    (tmp_path / "test.txt").write_bytes(b"hello")
    path = tmp_path / "test.txt"
    script = f"$b = Get-Content -Path '{path}' -AsByteStream -Raw; $b.GetType().FullName; $b.Count; $b[0]"
    assert psbridge.run(script) == ["System.Byte[]", 5, 104]
    member = f"(Get-Member -InputObject (Get-Content '{path}' -AsByteStream -Raw))[0].TypeName"
    assert psbridge.run(member) == ["System.Byte[]"]


def test_as_byte_stream_with_encoding_warns(ps: Session, tmp_path) -> None:
    # Get-Content.Tests.ps1:386-389 and Set-Content.Tests.ps1:11-16
    path = str(tmp_path / "bfile.txt")
    ps("Set-Content", path, Encoding="Unicode", AsByteStream=True, Value=list(b"test"), WarningVariable="w")
    assert "-AsByteStream" in ps.runspace.get_variable("w")[1][0]
    assert (tmp_path / "bfile.txt").read_bytes() == b"test"
    ps("Get-Content", AsByteStream=True, Encoding="Unicode", Path=path, WarningVariable="w2")
    assert "-AsByteStream" in ps.runspace.get_variable("w2")[1][0]


@pytest.mark.parametrize("text", ["a\nb\n", "a\r\nb\r\n", "a\nb", "a\r\nb"])
def test_raw_reads_the_file_in_full(ps: Session, tmp_path, text) -> None:
    # Get-Content.Tests.ps1:393-405
    path = str(tmp_path / "raw.txt")
    ps("Set-Content", path, Encoding="Ascii", NoNewline=True, Value=text)
    assert ps("Get-Content", path, Raw=True) == [text]


def test_byte_order_marks_decide_the_encoding(ps: Session, tmp_path) -> None:
    # FileSystemContentReaderWriter: StreamReader detects a BOM, which wins over -Encoding, and drops it.
    boms = [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
    for bom, codec in [*boms, (codecs.BOM_UTF32_LE, "utf-32-le")]:
        (tmp_path / "bom.txt").write_bytes(bom + "é1\r\nê2\n".encode(codec))
        assert ps("Get-Content", "bom.txt") == ["é1", "ê2"]
        assert ps("Get-Content", "bom.txt", Encoding="ascii") == ["é1", "ê2"]
        assert ps("Get-Content", "bom.txt", Raw=True) == ["é1\r\nê2\n"]
    (tmp_path / "nobom.txt").write_bytes("жж".encode("cp1251"))
    assert ps("Get-Content", "nobom.txt", Encoding=1251) == ["жж"]


# -- Set-Content.Tests.ps1 / Add-Content.Tests.ps1 / Clear-Content.Tests.ps1 ----------------------


def test_set_content_creates_and_replaces(ps: Session, tmp_path) -> None:
    # Set-Content.Tests.ps1:18-56
    path = str(tmp_path / "file1.txt")
    ps("Set-Content", Path=path, Value="file1.txt")
    assert ps("Get-Content", Path=path) == ["file1.txt"]
    ps("Set-Content", Path=path, Value="ExpectedContent")
    assert ps("Get-Content", Path=path) == ["ExpectedContent"]
    ps("Set-Content", Path=path, Value=None, ErrorAction="Stop")
    assert ps("Get-Content", Path=path) == []


def test_set_content_default_encoding_has_no_bom(ps: Session, tmp_path) -> None:
    # Set-Content.md: -Encoding defaults to utf8NoBOM; utf8BOM and unicode write a preamble
    ps("Set-Content", "n.txt", Value="é")
    assert (tmp_path / "n.txt").read_bytes() == "é\n".encode()
    ps("Set-Content", "b.txt", Value="é", Encoding="utf8BOM")
    assert (tmp_path / "b.txt").read_bytes() == codecs.BOM_UTF8 + "é\n".encode()
    ps("Set-Content", "u.txt", Value="é", Encoding="unicode")
    assert (tmp_path / "u.txt").read_bytes() == codecs.BOM_UTF16_LE + "é\n".encode("utf-16-le")
    ps("Set-Content", "c.txt", Value="ж", Encoding=1251)
    assert (tmp_path / "c.txt").read_bytes() == "ж\n".encode("cp1251")


@pytest.mark.parametrize("command", ["Set-Content", "Add-Content"])
def test_null_path_fails_validation(ps: Session, command) -> None:
    # Set-Content.Tests.ps1:57-62, Add-Content.Tests.ps1:38-45
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        ps(command, Path=None, Value="ShouldNotWorkBecausePathIsNull")
    assert caught.value.fully_qualified_error_id.startswith("ParameterArgumentValidationErrorNullNotAllowed,")


def test_set_content_from_the_pipeline(ps: Session, tmp_path) -> None:
    # Set-Content.Tests.ps1:67-73
    ps("Set-Content", str(tmp_path / "dynamicfile2.txt"), input=["hello", "world"])
    assert ps("Get-Content", str(tmp_path / "dynamicfile2.txt")) == ["hello", "world"]


def test_set_content_paths_by_property_name(ps: Session, tmp_path) -> None:
    # WriteContentCommandBase: paths piped in are opened per input object
    ps("Set-Content", Value="v", input=[PSObject({"Path": str(tmp_path / f"{n}.txt")}) for n in "ab"])
    assert (tmp_path / "a.txt").read_text() == "v\n" and (tmp_path / "b.txt").read_text() == "v\n"


def test_add_content(ps: Session, tmp_path) -> None:
    # Add-Content.Tests.ps1:11-36
    path = tmp_path / "file1.txt"
    path.write_text("")
    assert ps("Add-Content", Path=str(path), Value="ExpectedContent", PassThru=True) == ["ExpectedContent"]
    assert ps("Get-Content", Path=str(path)) == ["ExpectedContent"]
    ps("Add-Content", Path=str(path), Value=None, ErrorAction="Stop")
    assert ps("Get-Content", Path=str(path)) == ["ExpectedContent"]


def test_add_content_to_a_directory_is_an_error(ps: Session) -> None:
    # Add-Content.Tests.ps1:47-49
    assert error_id(lambda: ps("Add-Content", Path=".", Value="x", ErrorAction="Stop")) == (
        "WriteContainerContentException,Microsoft.PowerShell.Commands.AddContentCommand"
    )


def test_add_content_while_a_reader_holds_the_file(ps: Session, tmp_path) -> None:
    # Add-Content.Tests.ps1:88-103
    path = str(tmp_path / "test.log")
    ps("Set-Content", path, Value="hello")
    with open(path, "rb"):
        ps("Add-Content", path, Value="world")
    assert ps("Get-Content", path) == ["hello", "world"]


def test_add_content_keeps_a_files_encoding(ps: Session, tmp_path) -> None:
    # FileSystemContentReaderWriter.CreateStreams reads the file's BOM before writing to it
    ps("Set-Content", "u.txt", Value="a", Encoding="unicode")
    ps("Add-Content", "u.txt", Value="b")
    assert (tmp_path / "u.txt").read_bytes() == codecs.BOM_UTF16_LE + "a\nb\n".encode("utf-16-le")
    ps("Add-Content", "new.txt", Value=["x", "y"], NoNewline=True)
    assert (tmp_path / "new.txt").read_bytes() == b"xy"


def test_clear_content(ps: Session, tmp_path) -> None:
    # Clear-Content.Tests.ps1:58-67
    path = str(tmp_path / "file1.txt")
    assert ps("Set-Content", Path=path, Value="ExpectedContent", PassThru=True) == ["ExpectedContent"]
    ps("Clear-Content", Path=path)
    assert ps("Get-Content", Path=path) == [] and (tmp_path / "file1.txt").exists()
    assert error_id(lambda: ps("Clear-Content", Path=str(tmp_path / "nope"), ErrorAction="Stop")) == (
        "PathNotFound,Microsoft.PowerShell.Commands.ClearContentCommand"
    )


def test_what_if_writes_nothing(ps: Session, tmp_path) -> None:
    # SupportsShouldProcess: -WhatIf says what would happen and does nothing
    ps("Set-Content", "w.txt", Value="x", WhatIf=True)
    assert not (tmp_path / "w.txt").exists()


def test_wait_follows_lines_added_to_the_file(tmp_path) -> None:
    # Get-Content.Tests.ps1:286-294: -Wait writes the lines added later (a job there, a process here).
    # -Tail 1 rather than the Pester case's 0: the last line arriving says the process is following
    # the file, so the lines are added after it started (no sleep that a loaded machine outlasts).
    import subprocess
    import sys

    path = tmp_path / "log.txt"
    path.write_text("zero\nold\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "psbridge", "-Command", f"Get-Content -Path '{path}' -Tail 1 -Wait"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline().strip()
        with open(path, "a") as handle:
            handle.write("1\n2\n3\n")
        lines = [process.stdout.readline().strip() for _ in range(3)]
    finally:
        process.kill()
        process.wait(10)
    assert [first, *lines] == ["old", "1", "2", "3"]


def test_include_exclude_select_files(ps: Session, tmp_path) -> None:
    # ContentCommandBase: -Include/-Exclude/-Filter filter the resolved items by name
    (tmp_path / "a.txt").write_text("A")
    (tmp_path / "b.log").write_text("B")
    assert ps("Get-Content", str(tmp_path / "*"), Include="*.txt") == ["A"]
    assert ps("Get-Content", str(tmp_path / "*"), Exclude="*.txt") == ["B"]
    ps("Set-Content", str(tmp_path / "*"), Filter="*.log", Value="C")
    assert (tmp_path / "b.log").read_text() == "C\n" and (tmp_path / "a.txt").read_text() == "A"


STREAM_COMMANDS = ["Get-Content", "Set-Content", "Add-Content", "Clear-Content", "Get-Item", "Remove-Item"]


@pytest.mark.parametrize("command", STREAM_COMMANDS)
def test_stream_is_not_a_parameter_on_linux(tmp_path, command) -> None:
    # Get-Content.Tests.ps1:262-272: pwsh on Linux has no -Stream; the docs declare it, so it binds here and the
    # command ends with PowerShell's NamedParameterNotFound before touching the file.
    path = tmp_path / "f.txt"
    path.write_text("keep")
    params = {"Value": "x"} if command in ("Set-Content", "Add-Content") else {}
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke(command, str(path), Stream="s", **params)
    assert caught.value.error_record.fully_qualified_error_id == (
        f"NamedParameterNotFound,Microsoft.PowerShell.Commands.{command.replace('-', '')}Command"
    )
    assert path.read_text() == "keep"
