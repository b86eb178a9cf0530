"""ConvertFrom-StringData and Import-PowerShellDataFile, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/ConvertFrom-StringData.Tests.ps1,
PowerShellData.tests.ps1), run as scripts against real files."""

from __future__ import annotations

import pytest

from psbridge.cmdlets.utility.convert_string_data import UnescapeError, regex_unescape
from psbridge.objects import Hashtable
from tests.language.evaluator_helpers import Session

STRING_DATA = "InvalidOperation,Microsoft.PowerShell.Commands.ConvertFromStringDataCommand"
DATA_FILE = "{},Microsoft.PowerShell.Commands.ImportPowerShellDataFileCommand"


def run(text: str, **variables):
    session = Session()
    return session.run(text, **variables), session.error_ids, [str(record.exception) for record in session.errors]


# -- ConvertFrom-StringData.Tests.ps1 -------------------------------------------------------------


@pytest.mark.parametrize("text", ["ab", "a,b", "a b", "a\\tb", "a:b", "#comments here\nabc\n#c\ndef=x", "=x"])
def test_a_line_without_a_delimiter_ends_the_command(text: str) -> None:
    # ConvertFrom-StringData.Tests.ps1:4-11 and 28-34
    output, ids, messages = run("ConvertFrom-StringData -StringData $s; 'after'", s=text)
    assert ids == [STRING_DATA]
    assert output == ["after"]  # statement-terminating
    assert messages[0].startswith("Data line '") and messages[0].endswith("' is not in 'name=value' format. ")


def test_lines_become_one_case_insensitive_hashtable() -> None:
    # ConvertFrom-StringData.Tests.ps1:21-65
    (table,) = run("ConvertFrom-StringData -StringData $s", s="foo  = 0\nbar  = 1\n\n# note\nbazz = 2\r\n")[0]
    assert isinstance(table, Hashtable)
    assert dict(table.items()) == {"foo": "0", "bar": "1", "bazz": "2"}
    assert table["FOO"] == "0"
    assert run("(ConvertFrom-StringData 'a=b').Keys; (ConvertFrom-StringData 'a=b').Values")[0] == ["a", "b"]


def test_a_name_given_twice_ends_the_command() -> None:
    _output, ids, messages = run("ConvertFrom-StringData \"a=1`nA = 2\"")
    assert ids == [STRING_DATA]
    assert messages == ["Data item 'A' in line 'A = 2' is already defined. "]


@pytest.mark.parametrize(
    ("delimiter", "text", "key", "value"),
    [(":", "value:10", "value", "10"), ("-", "a-b", "a", "b"), (",", "c,d", "c", "d")],
)
def test_delimiter(delimiter: str, text: str, key: str, value: str) -> None:
    # ConvertFrom-StringData.Tests.ps1:69-108
    (table,) = run(f"$s | ConvertFrom-StringData -Delimiter '{delimiter}'", s=text)[0]
    assert dict(table.items()) == {key: value}
    # only the first delimiter splits
    (table,) = run("ConvertFrom-StringData 'url = http://x/?a=b'")[0]
    assert table["url"] == "http://x/?a=b"


def test_values_are_unescaped_as_regex_unescape_does() -> None:
    assert regex_unescape(r"a\tb\nc\\d\u0041\x42\101\.\cA") == "a\tb\nc\\dAB" + "A.\x01"
    for bad in ("\\", r"\q", r"\u12", r"\xZZ"):
        with pytest.raises(UnescapeError):
            regex_unescape(bad)
    output, ids, _ = run("ConvertFrom-StringData 'a = x\\q'; 'after'")
    assert output == ["after"]
    assert ids == [STRING_DATA.replace("InvalidOperation", "System.Text.RegularExpressions.RegexParseException")]


def test_empty_string_data_is_an_empty_hashtable() -> None:
    # StringData has [AllowEmptyString]: an empty string is an empty hashtable
    (table,) = run("'' | ConvertFrom-StringData")[0]
    assert isinstance(table, Hashtable) and len(table) == 0


# -- PowerShellData.tests.ps1 ---------------------------------------------------------------------


def test_missing_paths_and_directories(tmp_path) -> None:
    # PowerShellData.tests.ps1:14-23
    for path in (str(tmp_path / "SomeMissingDirectory"), str(tmp_path)):
        output, ids, messages = run("Import-PowerShellDataFile -Path $p", p=path)
        assert (output, ids) == ([], [DATA_FILE.format("PathNotFound")])
        assert messages == [f"Cannot find path '{path}' because it does not exist."]


def test_an_insecure_file_is_refused(tmp_path) -> None:
    # PowerShellData.tests.ps1:25-30 and 54-58
    (tmp_path / "insecure.psd1").write_text("@{ Foo = Get-Process }")
    (tmp_path / "insecure2.psd1").write_text("@{ Foo = [object] (calc.exe) }")
    (tmp_path / "operator.psd1").write_text('@{ Foo = "A" * 2 }')
    (tmp_path / "variable.psd1").write_text("@{ Foo = $HOME }")
    for name, skip in (("insecure", ""), ("insecure2", " -SkipLimitCheck"), ("operator", ""), ("variable", "")):
        output, ids, messages = run(f"Import-PowerShellDataFile $p{skip}", p=str(tmp_path / f"{name}.psd1"))
        assert (output, ids) == ([], [DATA_FILE.format("System.InvalidOperationException")]), name
    assert messages == [
        "Cannot generate a PowerShell object for a ScriptBlock evaluating dynamic expressions. "
        "Dynamic expression: @{ Foo = $HOME }."
    ]


def test_a_file_without_a_hashtable_or_that_does_not_parse(tmp_path) -> None:
    # PowerShellData.tests.ps1:32-36
    (tmp_path / "NotAPSDataFile").write_text('"Hello World"')
    (tmp_path / "broken.psd1").write_text("@{ a = ")
    output, ids, messages = run("Import-PowerShellDataFile $p", p=str(tmp_path / "NotAPSDataFile"))
    assert (output, ids) == ([], [DATA_FILE.format("CouldNotParseAsPowerShellDataFileNoHashtableRoot")])
    assert messages == [f"The file '{tmp_path / 'NotAPSDataFile'}' could not be parsed as a PowerShell Data File."]
    output, ids, _ = run("Import-PowerShellDataFile -LiteralPath $p", p=str(tmp_path / "broken.psd1"))
    assert ids == [DATA_FILE.format("CouldNotParseAsPowerShellDataFile")]


def test_a_data_file_is_read_without_running_it(tmp_path) -> None:
    # PowerShellData.tests.ps1:38-42, and what Ast.SafeGetValue computes
    (tmp_path / "good.psd1").write_text(
        "# a module manifest\n@{\n"
        "  Hello = 'World'; N = 1; Neg = -5; List = @('a', 'b'); Pair = 1, 2\n"
        "  Script = { Remove-Item / -Recurse }; Cast = [int]'7'; Flag = $true; Nothing = $null\n"
        "  Nested = @{ Inner = 'x' }; Text = \"a$($false)b\"\n"
        "}\n"
    )
    output, ids, _ = run(
        "Set-Location $dir; $d = Import-PowerShellDataFile good.psd1; $d.Hello; $d.N; $d.Neg; $d.List.Count; "
        "$d.Pair[1]; $d.Script.GetType().Name; $d.Cast.GetType().Name; $d.Flag; $d.Nothing -eq $null; "
        "$d.Nested.Inner; $d.Text; $d.Keys.Count",
        dir=str(tmp_path),
    )
    assert ids == []
    assert output == ["World", 1, -5, 2, 2, "ScriptBlock", "Int32", True, True, "x", "aFalseb", 11]
    assert (tmp_path / "good.psd1").exists()


def test_the_500_key_limit(tmp_path) -> None:
    # PowerShellData.tests.ps1:4-12 and 44-52
    (tmp_path / "large.psd1").write_text("@{" + "".join(f"key{n} = {n};" for n in range(1, 502)) + "}")
    output, ids, _ = run("Import-PowerShellDataFile $p", p=str(tmp_path / "large.psd1"))
    assert (output, ids) == ([], [DATA_FILE.format("System.InvalidOperationException")])
    output, ids, _ = run("(Import-PowerShellDataFile $p -SkipLimitCheck).Keys.Count", p=str(tmp_path / "large.psd1"))
    assert (output, ids) == ([501], [])


def test_wildcards_and_pipeline(tmp_path) -> None:
    (tmp_path / "one.psd1").write_text("@{ A = 1 }")
    (tmp_path / "two.psd1").write_text("@{ A = 2 }")
    output, ids, _ = run("(Import-PowerShellDataFile $dir/on*.psd1).A", dir=str(tmp_path))
    assert (output, ids) == ([1], [])
    script = "Get-ChildItem $dir -Filter *.psd1 | Import-PowerShellDataFile | ForEach-Object A"
    output, ids, _ = run(script, dir=str(tmp_path))
    assert (output, ids) == ([1, 2], [])
    _output, ids, _ = run("Import-PowerShellDataFile $dir/*.psd1", dir=str(tmp_path))
    assert ids == [DATA_FILE.format("ReadWriteMultipleFilesNotSupported")]
