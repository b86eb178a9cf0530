"""New-Object and Select-String, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/New-Object.Tests.ps1, Select-String.Tests.ps1),
run as PowerShell text; and how the command line prints MatchInfo objects."""

from __future__ import annotations

import pytest

import psbridge
from psbridge.cli.formatting import format_output


def run(text: str, **variables):
    return psbridge.run(text, variables=variables or None)


def error_id(text: str, **variables) -> str:
    with pytest.raises(psbridge.PSError) as error:
        run(text, **variables)
    errors = getattr(error.value, "errors", None)
    record = errors[0] if errors else error.value.error_record
    return str(record.fully_qualified_error_id)


NEW = "Microsoft.PowerShell.Commands.NewObjectCommand"
SELECT = "Microsoft.PowerShell.Commands.SelectStringCommand"

# -- New-Object.Tests.ps1 ------------------------------------------------------------------------------


def test_no_com_object_on_linux() -> None:
    # New-Object.Tests.ps1:4-11
    assert error_id('New-Object -ComObject "Shell.Application"') == f"NamedParameterNotFound,{NEW}"


def test_psobject_is_an_empty_custom_object() -> None:
    # New-Object.Tests.ps1:13-26
    assert run("$o = New-Object psobject; $o.GetType().Name; @($o.psobject.Properties).Count") == ["PSCustomObject", 0]


def test_property_fills_a_custom_object() -> None:
    # New-Object.Tests.ps1:28-37 and 128-131
    text = "$o = New-Object psobject -Property @{FirstVal='test1'; SecondVal='test2'}; $o.FirstVal; $o.SecondVal"
    assert run(text) == ["test1", "test2"]
    assert run("(New-Object -TypeName PSObject -Property @{foo=123}).foo") == [123]


def test_argument_list_goes_to_the_constructor() -> None:
    # New-Object.Tests.ps1:39-44
    assert run('$o = New-Object -TypeName System.Version -ArgumentList "1.2.3.4"; "$o"; $o.GetType().FullName') == [
        "1.2.3.4",
        "System.Version",
    ]


def test_an_array_type_takes_its_length() -> None:
    # New-Object.Tests.ps1:48-51
    assert run("$r = New-Object -TypeName int[] -Arg 10; $r.Count; $r[9]; $r.GetType().FullName") == [
        10,
        0,
        "System.Int32[]",
    ]


def test_a_value_type_without_arguments_is_its_default() -> None:
    # New-Object.Tests.ps1:53-58
    assert run("$r = New-Object -TypeName char; $r.Count; [int][char]$r") == [1, 0]
    assert run("New-Object int") == [0]


def test_an_unknown_type_is_type_not_found() -> None:
    # New-Object.Tests.ps1:86-89
    with pytest.raises(psbridge.PSError) as error:
        run("New-Object -TypeName LiarType -ErrorAction Stop")
    record = error.value.error_record
    assert record.fully_qualified_error_id == f"TypeNotFound,{NEW}"
    assert str(error.value) == "Cannot find type [LiarType]: verify that the assembly containing this type is loaded."


def test_a_constructor_failure() -> None:
    # New-Object.Tests.ps1:104-111: arguments no constructor takes
    assert error_id("New-Object -TypeName System.Version -ArgumentList 1,2,3,4,5,6") == (
        f"ConstructorInvokedThrowException,{NEW}"
    )


def test_generic_types_and_property_on_a_dotnet_object() -> None:
    # New-Object.md example 6: a generic HashSet from an array; -Property naming a member the object lacks
    text = (
        "$h = New-Object -TypeName 'System.Collections.Generic.HashSet[string]' "
        "-ArgumentList (,[string[]]@('a','b','a'))"
    )
    assert run(text + "; $h.Count") == [2]
    assert error_id("New-Object System.Text.StringBuilder -Property @{Nope=1}") == f"InvalidOperationException,{NEW}"


# -- Select-String.Tests.ps1 ---------------------------------------------------------------------------

ONE = '$testinputone = "hello","Hello","goodbye"; '
TWO = '$testinputtwo = "hello","Hello"; '


def test_matches_are_match_info_objects() -> None:
    # Select-String.Tests.ps1:27-40
    assert run(TWO + "($testinputtwo | Select-String -Pattern hello).Count") == [2]
    assert run(TWO + "$testinputtwo | Select-String hello -CaseSensitive | % { $_.GetType().FullName }") == [
        "Microsoft.PowerShell.Commands.MatchInfo"
    ]


def test_case_sensitive_and_its_prefix() -> None:
    # Select-String.Tests.ps1:46-56
    assert run(TWO + "@(Compare-Object ($testinputtwo | Select-String hello -CaseSensitive) "
                     "($testinputtwo | Select-String hello -ca)).Length") == [0]  # fmt: skip
    assert run(TWO + "$testinputtwo | Select-String -Pattern hello -CaseSensitive | % { $_.ToString() }") == ["hello"]


def test_input_object_collection_is_one_line() -> None:
    # Select-String.Tests.ps1:58-69
    assert run('(Select-String -InputObject "some stuff", "other stuff" -Pattern other).Line') == [
        "some stuff other stuff"
    ]
    assert run('Select-String -InputObject "some stuff", "other stuff" -Pattern neither') == []


def test_quiet() -> None:
    # Select-String.Tests.ps1:71-81
    assert run(TWO + "$testinputtwo | Select-String -Quiet hello -CaseSensitive") == [True]
    assert run(TWO + "$testinputtwo | Select-String -Quiet goodbye") == []


def test_not_match() -> None:
    # Select-String.Tests.ps1:83-85
    assert run(ONE + "$testinputone | Select-String -Pattern goodbye -NotMatch | % Line") == ["hello", "Hello"]


def test_out_string_prints_the_lines_plainly() -> None:
    # Select-String.Tests.ps1:87-129 (psbridge's hosts are not virtual terminals: the plain branch)
    for flags in ("", "-AllMatches", "-SimpleMatch", "-NoEmphasis"):
        assert run(ONE + f"$testinputone | Select-String -Pattern l {flags} | Out-String") == ["\nhello\nHello\n\n"]


def test_raw() -> None:
    # Select-String.Tests.ps1:135-142
    assert run(TWO + "$testinputtwo | Select-String hello -CaseSensitive -Raw | % { $_.GetType().FullName }") == [
        "System.String"
    ]
    raw_and_quiet = ONE + "$testinputone | Select-String -Pattern hello -Raw -Quiet"
    assert error_id(raw_and_quiet) == f"AmbiguousParameterSet,{SELECT}"


CONTENT = (
    "This is a text string, and another string\nThis is the second line\nThis is the third line\n"
    "This is the fourth line\nNo matches"
)


@pytest.fixture
def testfile(tmp_path):
    path = tmp_path / "testfile1.txt"
    path.write_text(CONTENT)
    return str(path)


def test_file_matches_print_path_number_and_line(testfile) -> None:
    # Select-String.Tests.ps1:157-178
    assert run("(Select-String $f -Pattern string).GetType().FullName", f=testfile) == [
        "Microsoft.PowerShell.Commands.MatchInfo"
    ]
    assert run("(Select-String $f -Pattern in)[0].GetType().FullName", f=testfile) == [
        "Microsoft.PowerShell.Commands.MatchInfo"
    ]
    assert run("Select-String $f -Pattern string | % ToString", f=testfile) == [
        testfile + ":1:This is a text string, and another string"
    ]
    second = run("Select-String $f -Pattern second | % ToString", f=testfile)
    assert second == [testfile + ":2:This is the second line"]


def test_positional_pattern_and_path(testfile) -> None:
    # Select-String.Tests.ps1:180-195
    assert run("(Select-String in $f).Line", f=testfile) == CONTENT.split("\n")[:4]
    assert run("Select-String for $f", f=testfile) == []


def test_context(testfile) -> None:
    # Select-String.Tests.ps1:197-205
    [match] = run("Select-String third $f -Context 1", f=testfile)
    assert match.ToString().split("\n") == [
        f"  {testfile}:2:This is the second line",
        f"> {testfile}:3:This is the third line",
        f"  {testfile}:4:This is the fourth line",
    ]
    assert match.Context.PreContext == ["This is the second line"]
    assert match.Context.PostContext == ["This is the fourth line"]


def test_context_lines_are_not_shown_twice(testfile) -> None:
    matches = run("Select-String 'second|third' $f -Context 1", f=testfile)
    assert [m.Context.DisplayPreContext for m in matches] == [["This is a text string, and another string"], []]
    assert [m.Context.DisplayPostContext for m in matches] == [[], ["This is the fourth line"]]
    assert matches[0].Context.PostContext == ["This is the third line"]  # the logical context still has it


def test_counts_regex_and_relative_paths(testfile, tmp_path) -> None:
    # Select-String.Tests.ps1:207-239
    assert run("(Select-String is $f -CaseSensitive).Count", f=testfile) == [4]
    assert run("Select-String 'matc*' $f -ca | % { $_.ToString() }", f=testfile) == [testfile + ":5:No matches"]
    text = format_output(run("Set-Location $d; Select-String third $f", d=str(tmp_path), f=testfile))
    assert text == "\ntestfile1.txt:3:This is the third line\n"  # the view shows it relative to the location


def test_raw_files_ignore_context(testfile) -> None:
    # Select-String.Tests.ps1:241-257
    assert run("Select-String in $f -Raw", f=testfile) == CONTENT.split("\n")[:4]
    assert run("Select-String second $f -Raw -Context 2,2", f=testfile) == ["This is the second line"]


def test_list_and_quiet_on_files(testfile) -> None:
    assert [m.LineNumber for m in run("Select-String line $f -List", f=testfile)] == [2]
    assert run("Select-String line $f -Quiet", f=testfile) == [True]
    assert run("Select-String nothing $f -Quiet", f=testfile) == [False]


def test_culture_needs_simple_match() -> None:
    # Select-String.Tests.ps1:260-273
    assert error_id('"1" | Select-String -Pattern hello -Culture ru-RU') == (
        f"CannotSpecifyCultureWithoutSimpleMatch,{SELECT}"
    )
    assert run('"1" | Select-String -Pattern hello -Culture Ordinal -SimpleMatch') == []


@pytest.mark.parametrize(
    ("pattern", "culture", "expected", "case_sensitive"),
    [("file", "en-US", "file", False), ("fIle", "en-US", "file", False), ("fIle", "en-US", None, True),
     ("fIle", "Ordinal", "file", False), ("fIle", "Invariant", None, True)],
)  # fmt: skip
def test_simple_match_cases(pattern, culture, expected, case_sensitive) -> None:
    # Select-String.Tests.ps1:275-298 (the cultures whose casing equals the invariant one)
    flag = "$true" if case_sensitive else "$false"
    result = run(f"'file' | Select-String -Pattern {pattern} -Culture {culture} -SimpleMatch -CaseSensitive:{flag}")
    assert [m.Line for m in result] == ([] if expected is None else [expected])


def test_bad_regex_and_missing_file(tmp_path) -> None:
    assert error_id('"a(b" | Select-String "("') == f"InvalidRegex,{SELECT}"
    assert error_id("Select-String x $f", f=str(tmp_path / "none.txt")) == f"PathNotFound,{SELECT}"


def test_piped_match_info_is_filtered_on_its_line(testfile) -> None:
    matches = run("Select-String line $f | Select-String third", f=testfile)
    assert [(m.LineNumber, m.Path) for m in matches] == [(3, testfile)]
