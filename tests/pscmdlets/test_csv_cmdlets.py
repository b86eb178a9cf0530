"""ConvertTo-Csv, ConvertFrom-Csv, Export-Csv and Import-Csv, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/ConvertTo-Csv.Tests.ps1, ConvertFrom-Csv.Tests.ps1,
Export-Csv.Tests.ps1, Import-Csv.Tests.ps1)."""

from __future__ import annotations

import os
import stat

import pytest

import psbridge
from psbridge.objects import Hashtable, PSObject
from tests.pscmdlets.helpers import Session


@pytest.fixture
def ps(tmp_path) -> Session:
    session = Session()
    session.runspace.location.path = str(tmp_path)
    return session


FIRST_SECOND = PSObject({"First": 1, "Second": 2})
TEST_OBJECT = PSObject({"FirstColumn": "Hello", "SecondColumn": "World"})
NULL_OBJECT = PSObject({"FirstColumn": "Hello", "SecondColumn": None})


def to_csv(obj, **params) -> list[str]:
    return psbridge.invoke("ConvertTo-Csv", input=[obj], **params)


# -- ConvertTo-Csv.Tests.ps1 --------------------------------------------------------------------


def test_type_information_and_delimiters() -> None:
    # ConvertTo-Csv.Tests.ps1:6-36
    assert to_csv(FIRST_SECOND, IncludeTypeInformation=True) == [
        "#TYPE System.Management.Automation.PSCustomObject",
        '"First","Second"',
        '"1","2"',
    ]
    assert to_csv(FIRST_SECOND, NoTypeInformation=True) == ['"First","Second"', '"1","2"']
    assert to_csv(FIRST_SECOND, UseCulture=True)[0] == '"First","Second"'  # en-US ListSeparator
    assert to_csv(FIRST_SECOND, Delimiter=";", IncludeTypeInformation=True)[1:] == ['"First";"Second"', '"1";"2"']


def test_no_header_and_default_without_type() -> None:
    # ConvertTo-Csv.Tests.ps1:80-97
    assert all("#TYPE" not in line for line in to_csv(TEST_OBJECT))
    assert to_csv(TEST_OBJECT, NoHeader=True) == ['"Hello","World"']


def test_quote_fields_and_use_quotes_together_fail() -> None:
    # ConvertTo-Csv.Tests.ps1:99-102
    with pytest.raises(psbridge.PSError) as error:
        to_csv(TEST_OBJECT, UseQuotes="Always", QuoteFields="TestFieldName")
    assert error.value.fully_qualified_error_id == (
        "CannotSpecifyQuoteFieldsAndUseQuotes,Microsoft.PowerShell.Commands.ConvertToCsvCommand"
    )


def test_quote_fields() -> None:
    # ConvertTo-Csv.Tests.ps1:105-116
    one = to_csv(TEST_OBJECT, QuoteFields="FiRstCoLumn", Delimiter=",")
    assert one == ['"FirstColumn",SecondColumn', '"Hello",World']
    both = to_csv(TEST_OBJECT, QuoteFields=["FiRstCoLumn", "SeCondCoLumn"], Delimiter=",")
    assert both == ['"FirstColumn","SecondColumn"', '"Hello","World"']


def test_use_quotes() -> None:
    # ConvertTo-Csv.Tests.ps1:120-199
    assert to_csv(NULL_OBJECT, UseQuotes="Always", Delimiter=",") == ['"FirstColumn","SecondColumn"', '"Hello",']
    assert to_csv(TEST_OBJECT, UseQuotes="Always", Delimiter=",") == to_csv(TEST_OBJECT, Delimiter=",")
    assert to_csv(TEST_OBJECT, UseQuotes="Never", Delimiter=",") == ["FirstColumn,SecondColumn", "Hello,World"]
    assert to_csv(NULL_OBJECT, UseQuotes="Never", Delimiter=",") == ["FirstColumn,SecondColumn", "Hello,"]
    assert to_csv(TEST_OBJECT, UseQuotes="AsNeeded", Delimiter="r") == ['"FirstColumn"rSecondColumn', 'Hellor"World"']
    assert to_csv(NULL_OBJECT, UseQuotes="AsNeeded", Delimiter="r") == ['"FirstColumn"rSecondColumn', "Hellor"]
    delimiters = PSObject({"FirstColumn": "Hello,", "Second,Column": "World"})
    assert to_csv(delimiters, UseQuotes="AsNeeded", Delimiter=",") == ['FirstColumn,"Second,Column"', '"Hello,",World']
    assert to_csv(PSObject({"First\r\nColumn": "Hello\r\nWorld"}), UseQuotes="AsNeeded") == [
        '"First\r\nColumn"',
        '"Hello\r\nWorld"',
    ]
    assert to_csv(PSObject({'First"Column': '"Hello" World'}), UseQuotes="AsNeeded") == [
        '"First""Column"',
        '"""Hello"" World"',
    ]


def test_dictionaries_are_rows_of_their_entries() -> None:
    # ConvertTo-Csv.Tests.ps1:203-235
    items = [Hashtable({"Number": n, "Letter": letter}) for n, letter in enumerate("ABCDEF")]
    lines = psbridge.invoke("ConvertTo-Csv", input=items)
    assert lines[0] == '"Number","Letter"'
    assert lines[1:] == [f'"{n}","{letter}"' for n, letter in enumerate("ABCDEF")]
    table = Hashtable({"first": "value1", "second": None, "third": "value3"})
    assert to_csv(table) == ['"first","second","third"', '"value1",,"value3"']


# -- ConvertFrom-Csv.Tests.ps1 -------------------------------------------------------------------


def test_convert_from_csv_basics() -> None:
    # ConvertFrom-Csv.Tests.ps1:21-68
    assert psbridge.invoke("ConvertFrom-Csv", input=["a", "1"])[0].a == "1"
    data = psbridge.invoke("ConvertFrom-Csv", input=["a,b,c\n1,2,3"])
    assert data[0].property_names == ["a", "b", "c"]
    (typed,) = psbridge.invoke("ConvertFrom-Csv", input=["#TYPE My.Custom.Object\na,b,c\n1,2,3"])
    assert typed.pstypenames == ["My.Custom.Object", "CSV:My.Custom.Object"]
    rows = psbridge.invoke("ConvertFrom-Csv", input=["Name;Age", "Zaphod BeebleBrox;42", "Ford;40"], Delimiter=";")
    assert len(rows) == 2 and rows[0].Name == "Zaphod BeebleBrox"


def test_convert_from_csv_with_header() -> None:
    # ConvertFrom-Csv.Tests.ps1:72-81
    lines = to_csv(FIRST_SECOND)
    result = psbridge.invoke("ConvertFrom-Csv", input=lines, Header=["Header1", "Header2"])
    assert (result[0].Header1, result[0].Header2) == ("First", "Second")
    assert (result[1].Header1, result[1].Header2) == ("1", "2")


def test_unnamed_columns_get_default_names(ps: Session) -> None:
    # Import-Csv.Tests.ps1:44-56 (empty header names become H1, H2 ... with a warning)
    (row,) = ps("ConvertFrom-Csv", input=["a1,,a3\nv1,v2,v3"])
    assert row.property_names == ["a1", "H1", "a3"]
    assert ps.runspace.streams.warning[0].startswith("One or more headers were not specified.")


# -- Export-Csv.Tests.ps1, Import-Csv.Tests.ps1 ----------------------------------------------------


def read_lines(path) -> list[str]:
    return open(path, encoding="utf-8").read().splitlines()


def test_export_requires_a_path(ps: Session) -> None:
    # Export-Csv.Tests.ps1:25-27
    with pytest.raises(psbridge.PSError) as error:
        ps("Export-Csv", input=["test"], ErrorAction="Stop")
    assert error.value.fully_qualified_error_id == (
        "CannotSpecifyPathAndLiteralPath,Microsoft.PowerShell.Commands.ExportCsvCommand"
    )


def test_export_strings_writes_their_lengths(ps: Session, tmp_path) -> None:
    # Export-Csv.Tests.ps1:29-54
    ps("Export-Csv", Path="output.csv", IncludeTypeInformation=True, input=["test", "object", "array"])
    assert read_lines(tmp_path / "output.csv") == ["#TYPE System.String", '"Length"', '"4"', '"6"', '"5"']
    ps("Export-Csv", InputObject=["test", "object"], Path="array.csv", IncludeTypeInformation=True)
    assert read_lines(tmp_path / "array.csv")[0] == "#TYPE System.Object[]"
    ps("Export-Csv", Path="plain.csv", input=["test"])
    assert "#TYPE" not in read_lines(tmp_path / "plain.csv")[0]


def test_no_header_export_and_import_with_a_header(ps: Session, tmp_path) -> None:
    # Export-Csv.Tests.ps1:72-85
    ps("Export-Csv", Path="p.csv", NoHeader=True, input=[PSObject({"P1": "first"})])
    assert read_lines(tmp_path / "p.csv") == ['"first"']
    (row,) = ps("Import-Csv", Path="p.csv", Header="P1")
    assert row.P1 == "first"


def test_literal_path_no_clobber_and_overwrite(ps: Session, tmp_path) -> None:
    # Export-Csv.Tests.ps1:94-115
    ps("Export-Csv", LiteralPath="out.csv", input=["test", "object", "array"])
    assert len(ps("Import-Csv", LiteralPath="out.csv")) == 3
    ps("Export-Csv", Path="out.csv", input=[PSObject({"P1": "first"})])
    ps("Export-Csv", Path="out.csv", input=[PSObject({"P2": "second"})])
    assert ps("Import-Csv", Path="out.csv")[0].P2 == "second"
    with pytest.raises(psbridge.PSError) as error:
        ps("Export-Csv", Path="out.csv", NoClobber=True, input=[PSObject({"P1": "first"})])
    assert error.value.fully_qualified_error_id == "NoClobber,Microsoft.PowerShell.Commands.ExportCsvCommand"


def test_read_only_files(ps: Session, tmp_path) -> None:
    # Export-Csv.Tests.ps1:117-135 (the test is skipped as root, as Pester's is)
    target = tmp_path / "ro.csv"
    ps("Export-Csv", Path=str(target), input=[PSObject({"P1": "first"})])
    os.chmod(target, stat.S_IRUSR)
    if not os.access(target, os.W_OK):
        with pytest.raises(psbridge.PSError) as error:
            ps("Export-Csv", Path=str(target), input=[PSObject({"P2": "second"})])
        assert error.value.fully_qualified_error_id == "FileOpenFailure,Microsoft.PowerShell.Commands.ExportCsvCommand"
    ps("Export-Csv", Path=str(target), Force=True, input=[PSObject({"P2": "second"})])
    assert ps("Import-Csv", Path=str(target))[0].P2 == "second"


def test_what_if_writes_nothing(ps: Session, tmp_path) -> None:
    # Export-Csv.Tests.ps1:137-140
    ps("Export-Csv", Path="w.csv", WhatIf=True, input=[PSObject({"P1": "first"})])
    assert not (tmp_path / "w.csv").exists()
    assert 'What if: Performing the operation "Export-Csv"' in ps.host_text


def test_append(ps: Session, tmp_path) -> None:
    # Export-Csv.Tests.ps1:142-183
    ps("Export-Csv", Path="a.csv", input=[PSObject({"P1": "first"})])
    ps("Export-Csv", Path="a.csv", Append=True, input=[PSObject({"P1": "eleventh"})])
    rows = ps("Import-Csv", Path="a.csv")
    assert [r.P1 for r in rows] == ["first", "eleventh"]
    (tmp_path / "empty.csv").write_text("")
    ps("Export-Csv", Path="empty.csv", Append=True, input=[PSObject({"P1": "eleventh"})])
    assert ps("Import-Csv", Path="empty.csv")[0].P1 == "eleventh"
    with pytest.raises(psbridge.PSError) as error:
        ps("Export-Csv", Path="a.csv", Append=True, ErrorAction="Stop", input=[PSObject({"P2": "second"})])
    assert error.value.fully_qualified_error_id == (
        "CannotAppendCsvWithMismatchedPropertyNames,Microsoft.PowerShell.Commands.ExportCsvCommand"
    )
    ps("Export-Csv", Path="m.csv", input=[PSObject({"first": 1, "second": 2})])
    ps("Export-Csv", Path="m.csv", Append=True, Force=True, input=[PSObject({"first": 11, "third": 13})])
    rows = ps("Import-Csv", Path="m.csv")
    assert (rows[0].first, rows[0].second, rows[1].first, rows[1].second) == ("1", "2", "11", "")
    assert "third" not in rows[1].property_names
    with pytest.raises(psbridge.PSError) as error:
        ps("Export-Csv", Path="a.csv", Append=True, NoHeader=True, input=[PSObject({"P1": "x"})])
    assert error.value.error_id == "CannotSpecifyBothAppendAndNoHeader"


def test_type_names(ps: Session, tmp_path) -> None:
    # Export-Csv.Tests.ps1:189-208
    nameless = PSObject({"first": 1})
    nameless.pstypenames.clear()
    ps("Export-Csv", Path="t.csv", IncludeTypeInformation=True, input=[nameless])
    assert read_lines(tmp_path / "t.csv")[0] == "#TYPE"
    typed = PSObject({"first": 1})
    typed.pstypenames.insert(0, "CSV:TheType")
    ps("Export-Csv", Path="t.csv", IncludeTypeInformation=True, input=[typed])
    assert read_lines(tmp_path / "t.csv")[0] == "#TYPE TheType"


def test_quotes_and_special_characters_round_trip(ps: Session, tmp_path) -> None:
    # Export-Csv.Tests.ps1:210-237
    ps("Export-Csv", Path="q.csv", input=[PSObject({"first": 'Double quote " in the middle.'})])
    assert read_lines(tmp_path / "q.csv")[1] == '"Double quote "" in the middle."'
    special = PSObject({"P1": "  ", "P2": "abc,foo", "P3": "abc\nfoo"})
    ps("Export-Csv", Path="s.csv", NoTypeInformation=True, input=[special])
    (row,) = ps("Import-Csv", Path="s.csv")
    assert (row.P1, row.P2, row.P3) == ("  ", "abc,foo", "abc\nfoo")


def test_import_delimiters_and_newlines(ps: Session, tmp_path) -> None:
    # Import-Csv.Tests.ps1:9-22 and :166-183
    ps("Export-Csv", Path="d.csv", Delimiter=";", input=[PSObject({"First": "1", "Second": "2"})])
    (row,) = ps("Import-Csv", Path="d.csv", Delimiter=";")
    assert (row.First, row.Second) == ("1", "2")
    ps("Export-Csv", Path="c.csv", UseCulture=True, input=[PSObject({"First": "1", "Second": "2"})])
    assert ps("Import-Csv", Path="c.csv", UseCulture=True)[0].Second == "2"
    for newline in ("\r", "\n", "\r\n"):
        (tmp_path / "n.csv").write_text(f"h1,h2,h3{newline}11,12,13{newline}21,22,23{newline}", newline="")
        rows = ps("Import-Csv", Path="n.csv", Delimiter=",")
        assert [(r.h1, r.h2, r.h3) for r in rows] == [("11", "12", "13"), ("21", "22", "23")]


def test_import_missing_file_and_wildcards(ps: Session, tmp_path) -> None:
    (tmp_path / "x1.csv").write_text("a\n1\n")
    (tmp_path / "x2.csv").write_text("a\n2\n")
    assert [r.a for r in ps("Import-Csv", Path="x*.csv")] == ["1", "2"]
    ps("Import-Csv", Path="nope.csv")
    (record,) = ps.errors
    assert record.fully_qualified_error_id == "FileOpenFailure,Microsoft.PowerShell.Commands.ImportCsvCommand"
    assert str(tmp_path / "nope.csv") in record.message
