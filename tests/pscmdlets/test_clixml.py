"""Export-Clixml, Import-Clixml, ConvertTo-CliXml and ConvertFrom-CliXml, from PowerShell's Pester
tests (test/powershell/Modules/Microsoft.PowerShell.Utility/clixml.tests.ps1) and the format's
rules (System.Management.Automation's Serializer), run as scripts against real files."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from psbridge.cmdlets.utility.clixml import (
    NAMESPACE,
    decode_string,
    encode_string,
    format_datetime,
    format_duration,
    parse_datetime,
    parse_duration,
)
from psbridge.objects import Hashtable, SecureString
from tests.language.evaluator_helpers import Session

EXPORT = "{},Microsoft.PowerShell.Commands.ExportClixmlCommand"
IMPORT = "{},Microsoft.PowerShell.Commands.ImportClixmlCommand"
NS = "{" + NAMESPACE + "}"


def run(text: str, **variables):
    session = Session()
    return session.run(text, **variables), session.error_ids


@pytest.mark.parametrize(
    ("text", "encoded"),
    [("plain", "plain"), ("a\nb", "a_x000A_b"), ("_x", "_x005F_x"), ("a_b", "a_b"), ("\x7f", "_x007F_"),
     ("😀", "_xD83D__xDE00_"), ("tab\there", "tab_x0009_here")],
)  # fmt: skip
def test_strings_escape_what_xml_cannot_carry(text: str, encoded: str) -> None:
    # InternalSerializer.EncodeString
    assert encode_string(text) == encoded
    assert decode_string(encoded) == text


def test_dates_and_durations_in_xml_schema_form() -> None:
    assert format_datetime(dt.datetime(2024, 1, 2, 3, 4, 5)) == "2024-01-02T03:04:05"
    assert format_datetime(dt.datetime(2024, 1, 2, 3, 4, 5, 120000, tzinfo=dt.UTC)) == "2024-01-02T03:04:05.12Z"
    aware = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert format_datetime(aware) == "2024-01-02T03:04:05-05:00"
    assert parse_datetime("2024-01-02T03:04:05.1234567Z") == dt.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=dt.UTC)
    assert parse_datetime("2024-01-02T03:04:05-05:00") == aware
    for span, text in [
        (dt.timedelta(0), "PT0S"), (dt.timedelta(hours=1, minutes=2, seconds=3.5), "PT1H2M3.5S"),
        (dt.timedelta(days=1), "P1D"), (dt.timedelta(days=2, seconds=1), "P2DT1S"), (-dt.timedelta(seconds=1), "-PT1S"),
    ]:  # fmt: skip
        assert format_duration(span) == text
        assert parse_duration(text) == span


def test_a_custom_object_round_trips_as_a_deserialized_one() -> None:
    script = (
        "$o = [pscustomobject]@{ Name = \"a`nb\"; N = 1; L = [long]5; D = [datetime]'2024-01-02T03:04:05'; "
        "T = [timespan]'01:02:03.5'; H = @{ k = 'v' }; A = 1, 'two'; "
        "Nested = [pscustomobject]@{ X = [pscustomobject]@{ Y = 2 } }; "
        "Nul = $null; G = [guid]'d3b07384-d9a7-4f5e-8e0f-3a1b2c4d5e6f'; B = $true; Dbl = 1.5; V = [version]'1.2.3' }\n"
        "$r = $o | ConvertTo-CliXml -Depth 1 | ConvertFrom-CliXml\n"
        "$r.pstypenames; $r.Name; $r.N; $r.L.GetType().Name; $r.D.Day; $r.T.TotalSeconds; $r.H.k; $r.A.Count; "
        "$r.Nested.X.Y; $r.Nul -eq $null; $r.G.ToString(); $r.B; $r.Dbl; $r.V.Minor; $r.H.GetType().Name"
    )
    output, ids = run(script)
    assert ids == []
    assert output == [
        "Deserialized.System.Management.Automation.PSCustomObject", "Deserialized.System.Object", "a\nb", 1, "Int64",
        2, 3723.5, "v", 2, 2, True, "d3b07384-d9a7-4f5e-8e0f-3a1b2c4d5e6f", True, 1.5, 2, "Hashtable",
    ]  # fmt: skip


def test_the_document_is_pwshs(tmp_path) -> None:
    run("[pscustomobject]@{ a = 1; s = 'x' }, 'text', 42 | Export-Clixml -Path $p", p=str(tmp_path / "o.xml"))
    text = (tmp_path / "o.xml").read_bytes()
    assert not text.startswith(b"\xef\xbb\xbf")  # utf8NoBOM
    lines = text.decode().split("\n")
    assert lines[0] == f'<Objs Version="1.1.0.1" xmlns="{NAMESPACE}">'
    assert lines[1:3] == ['  <Obj RefId="0">', '    <TN RefId="0">']
    assert lines[3] == "      <T>System.Management.Automation.PSCustomObject</T>"
    root = ET.fromstring(text)
    assert [child.tag.replace(NS, "") for child in root] == ["Obj", "S", "I32"]
    members = root[0].find(NS + "MS")
    assert [(m.tag.replace(NS, ""), m.get("N"), m.text) for m in members] == [("I32", "a", "1"), ("S", "s", "x")]


def test_depth_turns_deeper_dotnet_objects_into_text(tmp_path) -> None:
    # InternalSerializer.WriteOneObject: at depth 0 a complex object is its ToString()
    (tmp_path / "f.txt").write_text("hello")
    (text,) = run("ConvertTo-CliXml -InputObject ([pscustomobject]@{ C = (Get-Culture) }) -Depth 1")[0]
    prop = ET.fromstring(text)[0].find(NS + "MS")[0]
    assert prop.tag == NS + "Obj"  # depth 1: the CultureInfo is an object with its properties
    assert prop.find(NS + "ToString").text == "en-US"
    names = {child.get("N"): child for child in prop.find(NS + "Props")}
    assert (names["LCID"].tag, names["LCID"].text) == (NS + "I32", "1033")
    assert (names["Parent"].tag, names["Parent"].text) == (NS + "S", "en")  # one level further: its text
    (imported,) = run("$p | Get-Item | ConvertTo-CliXml | ConvertFrom-CliXml", p=str(tmp_path / "f.txt"))[0]
    assert imported.pstypenames[0] == "Deserialized.System.IO.FileInfo"
    assert (imported.Name, imported.Length, str(imported)) == ("f.txt", 5, str(tmp_path / "f.txt"))


def test_export_and_import_files(tmp_path) -> None:
    # clixml.tests.ps1:53-86, 109-137 (a process stands in with a custom object)
    path = str(tmp_path / "gps.xml")
    output, ids = run(
        "$g = [pscustomobject]@{ Id = 42; ProcessName = 'pwsh' }\n"
        "Export-Clixml -Depth 1 -LiteralPath $p -InputObject $g\n"
        "$i = Import-Clixml $p; $i.Id; $i.ProcessName\n"
        "$g | Export-Clixml -Depth 1 -LiteralPath $p; (Import-Clixml -LiteralPath $p).Id",
        p=path,
    )
    assert (output, ids) == ([42, "pwsh", 42], [])


def test_what_if_writes_nothing(tmp_path) -> None:
    # clixml.tests.ps1:139-143
    output, ids = run("Export-Clixml -Path $p -InputObject 'string' -WhatIf; Test-Path $p", p=str(tmp_path / "n.txt"))
    assert (output, ids) == ([False], [])


@pytest.mark.parametrize(
    ("path", "error"),
    [("$null", "ParameterArgumentValidationErrorNullNotAllowed"),
     ("''", "ParameterArgumentValidationErrorEmptyStringNotAllowed"),
     ("'env:\\'", "ReadWriteFileNotFileSystemProvider")],
)  # fmt: skip
def test_bad_paths(path: str, error: str) -> None:
    # clixml.tests.ps1:40-51 and 93-107
    assert run(f"Export-Clixml -Depth 1 -LiteralPath {path} -InputObject 1 -Force")[1] == [EXPORT.format(error)]
    assert run(f"Import-Clixml -LiteralPath {path}")[1] == [IMPORT.format(error)]


def test_no_clobber_missing_and_not_xml(tmp_path) -> None:
    (tmp_path / "there.xml").write_text("x")
    no_clobber = run("Export-Clixml $p -InputObject 1 -NoClobber", p=str(tmp_path / "there.xml"))[1]
    assert no_clobber == [EXPORT.format("NoClobber")]
    assert run("Import-Clixml $p", p=str(tmp_path / "none.xml"))[1] == [IMPORT.format("FileOpenFailure")]
    assert run("Import-Clixml $p", p=str(tmp_path / "there.xml"))[1] == [IMPORT.format("System.Xml.XmlException")]


def test_lists_stay_one_object_unless_paged(tmp_path) -> None:
    # ImportXmlHelper.Import: -First/-Skip flatten a collection
    path = str(tmp_path / "l.xml")
    output, _ = run(
        "1, 2, 3 | Export-Clixml $p; (Import-Clixml $p | Measure-Object).Count\n"
        "Export-Clixml -InputObject @(1, 2, 3) -Path $p; (Import-Clixml $p | Measure-Object).Count\n"
        "Import-Clixml $p -Skip 1 -First 1\n"
        "(Import-Clixml $p -IncludeTotalCount)[0].ToString()",
        p=path,
    )
    assert output == [3, 1, 2, "Unknown total count"]


def test_secure_strings_and_credential_shaped_objects() -> None:
    # clixml.tests.ps1:145-155 and 210-219: the password comes back as a SecureString
    output, ids = run(
        "$pass = ConvertTo-SecureString 'p@ss' -AsPlainText -Force\n"
        "$c = [pscustomobject]@{ UserName = 'Foo'; Password = $pass } | ConvertTo-CliXml | ConvertFrom-CliXml\n"
        "$c.UserName; $c.Password"
    )
    assert ids == [] and output[0] == "Foo"
    assert isinstance(output[1], SecureString) and output[1].reveal() == "p@ss"


def test_references_and_enums() -> None:
    output, ids = run(
        "$h = @{ a = 1 }; $x = [pscustomobject]@{ One = $h; Two = $h; Color = [ConsoleColor]::Red }\n"
        "$t = $x | ConvertTo-CliXml; ([regex]::Matches($t, '<Ref ')).Count\n"
        "$r = $t | ConvertFrom-CliXml; $r; $r.Color"
    )
    assert ids == []
    assert output[0] == 1 and output[1].One is output[1].Two and output[2] == 12
    (table,) = run("@{ b = 2 } | ConvertTo-CliXml | ConvertFrom-CliXml")[0]
    assert isinstance(table, Hashtable) and table["b"] == 2


def test_convert_from_several_objects_is_one_array() -> None:
    output, _ = run("$t = 1, 'a' | ConvertTo-CliXml; $r = ConvertFrom-CliXml $t; $r.Count; $r[1]")
    assert output == [2, "a"]
    assert run("ConvertFrom-CliXml '<nope/>'")[1] == [
        "System.Xml.XmlException,Microsoft.PowerShell.Commands.ConvertFromClixmlCommand"
    ]


def test_a_process_round_trips(tmp_path) -> None:
    # clixml.tests.ps1:109-137 and 178-208, with this process for pwsh's
    output, ids = run(
        "$gps = Get-Process -Id $me\n"
        "Export-Clixml -Depth 1 -LiteralPath $p -InputObject $gps; $i = Import-Clixml $p\n"
        "$i.Id -eq $gps.Id; $i.ProcessName -eq $gps.ProcessName; $i.pstypenames[0]\n"
        "$c = $gps | ConvertTo-CliXml -Depth 1; ($c | ConvertFrom-CliXml).Id -eq $gps.Id\n"
        "(Select-String -InputObject $c -SimpleMatch \"<I32 N=`\"Id`\">$me</I32>\") -ne $null",
        me=__import__("os").getpid(),
        p=str(tmp_path / "gps.xml"),
    )
    assert (output, ids) == ([True, True, "Deserialized.System.Diagnostics.Process", True, True], [])
