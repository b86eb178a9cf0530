"""Tee-Object, Get-Unique, Join-String and Compare-Object, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/Tee-Object.Tests.ps1, Get-Unique.Tests.ps1,
Join-String.Tests.ps1, Compare-Object.Tests.ps1), run as PowerShell text through psbridge.run."""

from __future__ import annotations

import pytest

import psbridge
from psbridge.cli.formatting import format_output


def run(text: str, **variables):
    return psbridge.run(text, variables=variables or None)


def error_id(text: str, **variables) -> str:
    """The fully qualified id of the first error the script writes or throws."""
    with pytest.raises(psbridge.PSError) as error:
        run(text, **variables)
    errors = getattr(error.value, "errors", None)
    record = errors[0] if errors else error.value.error_record
    return str(record.fully_qualified_error_id)


# -- Tee-Object.Tests.ps1 ----------------------------------------------------------------------------


def test_tee_to_a_variable_passes_the_object_on() -> None:
    # Tee-Object.Tests.ps1:22-25
    assert run("Write-Output teeobjecttest1 | Tee-Object -Variable teeresults; $teeresults") == [
        "teeobjecttest1",
        "teeobjecttest1",
    ]


def test_tee_to_a_file(tmp_path) -> None:
    # Tee-Object.Tests.ps1:27-31 and 65-72: the objects go on, the file holds their lines
    path = str(tmp_path / "testfile.txt")
    result = run("$r = '1','2','3' | Tee-Object $p; $r.Length; $r; Get-Content $p", p=path)
    assert result == [3, "1", "2", "3", "1", "2", "3"]
    assert (tmp_path / "testfile.txt").read_bytes() == b"1\n2\n3\n"  # UTF-8 without BOM, \n on Unix


def test_tee_path_alias_and_append(tmp_path) -> None:
    # Tee-Object.Tests.ps1:74-81 (-Path is FilePath's alias); -Append keeps what was there
    path = str(tmp_path / "f.txt")
    run("'a' | Tee-Object -Path $p | Out-Null; 'b' | Tee-Object -FilePath $p -Append | Out-Null", p=path)
    assert (tmp_path / "f.txt").read_text() == "a\nb\n"


@pytest.mark.parametrize(
    ("encoding", "content"),
    [("ascii", "teeobjecttest1"), ("bigendianunicode", "A1£ę௸🤔"), ("unicode", "A1£ę௸🤔"),
     ("utf32", "A1£ę௸🤔"), ("utf8", "A1£ę௸🤔"), ("latin1", "téèõbjêcttëst1")],
)  # fmt: skip
def test_tee_encodings_round_trip(tmp_path, encoding, content) -> None:
    # Tee-Object.Tests.ps1:34-49
    path = str(tmp_path / "enc.txt")
    text = (
        "Write-Output -InputObject $c | Tee-Object -FilePath $p -Encoding $e | Out-Null; "
        "Get-Content -Path $p -Encoding $e"
    )
    assert run(text, p=path, e=encoding, c=content) == [content]


def test_tee_encoding_by_code_page(tmp_path) -> None:
    # Tee-Object.Tests.ps1:51-57: 1251 writes 'ф' as the one byte 244
    path = tmp_path / "cp.txt"
    assert run("'ф' | Tee-Object -Encoding 1251 $p | Out-Null; Get-Content $p -Encoding 1251", p=str(path)) == ["ф"]
    assert path.read_bytes() == bytes([244, 10])


def test_tee_literal_path_writes_only_there(tmp_path) -> None:
    # no cmdlet writes outside the paths it was given: a wildcard character is literal with -LiteralPath
    run("'x' | Tee-Object -LiteralPath $p | Out-Null", p=str(tmp_path / "a[1].txt"))
    assert [p.name for p in tmp_path.iterdir()] == ["a[1].txt"]


def test_tee_into_a_missing_folder_is_dot_nets_error(tmp_path) -> None:
    with pytest.raises(psbridge.PSError) as error:
        run("'x' | Tee-Object -FilePath $p", p=str(tmp_path / "no" / "f.txt"))
    assert "Could not find a part of the path" in str(error.value)
    assert not (tmp_path / "no").exists()


# -- Get-Unique.Tests.ps1 ------------------------------------------------------------------------------

INPUT = '$inputArray = "aa","aa","Aa","ba","BA","BA"; '


def test_get_unique_as_string_is_case_sensitive() -> None:
    # Get-Unique.Tests.ps1:9-23
    assert run(INPUT + "$inputArray | Get-Unique -AsString") == ["aa", "Aa", "ba", "BA"]


def test_get_unique_as_string_case_insensitive() -> None:
    # Get-Unique.Tests.ps1:25-35
    assert run(INPUT + "$inputArray | Get-Unique -AsString -CaseInsensitive") == ["aa", "ba"]


def test_get_unique_input_object_is_one_array() -> None:
    # Get-Unique.Tests.ps1:53-62: -InputObject takes the array as one object and writes it whole
    assert run("$r = Get-Unique -InputObject (1,2,2,3,3,4,5); ,$r | ForEach-Object { $_.GetType().FullName }") == [
        "System.Object[]"
    ]
    assert run("(Compare-Object (Get-Unique -InputObject (1,2,2,3)) (1,2,2,3) -SyncWindow 0).Length") == [0]


def test_get_unique_piped() -> None:
    # Get-Unique.Tests.ps1:68-86
    assert run("1,2,2,3,3,4,5 | Get-Unique") == [1, 2, 3, 4, 5]
    assert run('"a", "b", "b", "d" | Get-Unique') == ["a", "b", "d"]
    assert run('"a","A", "b", "B" | Get-Unique -CaseInsensitive') == ["a", "b"]
    assert run('"a","A" | Get-Unique') == ["a", "A"]  # objects compare case-sensitively by default


def test_get_unique_on_type() -> None:
    assert run("1, 2, 'a', 'b', 3 | Get-Unique -OnType") == [1, "a", 3]


# -- Join-String.Tests.ps1 -----------------------------------------------------------------------------

ITEMS = "$items = [pscustomobject]@{Name='a'; Length=1}, [pscustomobject]@{Name='bb'; Length=2}; "


def test_join_string_piped_equals_input_object() -> None:
    # Join-String.Tests.ps1:14-25: one string either way
    assert run(ITEMS + "($items | Join-String) -eq (Join-String -InputObject $items)") == [True]
    assert run("$r = 1,2 | Join-String; $r.GetType().FullName") == ["System.String"]


def test_join_string_property_separator_and_quotes() -> None:
    # Join-String.Tests.ps1:27-61
    assert run(ITEMS + "$items | Join-String -Property Name") == ["abb"]  # $OFS unset: no separator
    assert run(ITEMS + "$items | Join-String Name") == ["abb"]
    assert run(ITEMS + "$items | Join-String -Property Name -Separator '; '") == ["a; bb"]
    assert run(ITEMS + "$items | Join-String -Property Name -Separator '; ' -SingleQuote") == ["'a'; 'bb'"]
    assert run(ITEMS + "$items | Join-String -Property Name -Separator '; ' -DoubleQuote") == ['"a"; "bb"']
    assert run(ITEMS + "$items | Join-String -Property Name -Separator '; ' -Format '[{0}]'") == ["[a]; [bb]"]


def test_join_string_formats_numbers() -> None:
    # Join-String.Tests.ps1:63-68
    assert run("1.2, 3.4, 5.6 | Join-String -Separator '; ' -Format '{0:N2}'") == ["1.20; 3.40; 5.60"]


def test_join_string_script_block_property() -> None:
    # Join-String.Tests.ps1:70-102
    sb = "$sb = {$_.Name + $_.Length}; "
    assert run(ITEMS + sb + "$items | Join-String -Property $sb") == ["a1bb2"]
    assert run(ITEMS + sb + "$items | Join-String -Property $sb -Separator '; '") == ["a1; bb2"]
    assert run(ITEMS + sb + "$items | Join-String -Property $sb -SingleQuote") == ["'a1''bb2'"]
    assert run(ITEMS + sb + "$items | Join-String -Property $sb -Separator '; ' -Format '[{0}]'") == ["[a1]; [bb2]"]


def test_join_string_prefix_suffix_and_ofs() -> None:
    # Join-String.Tests.ps1:104-115
    assert run("$OFS = ','; 1..3 | Join-String -OutputPrefix 'A ' -OutputSuffix ' B'") == ["A 1,2,3 B"]
    assert run("'hello' | Join-String -Separator $null") == ["hello"]
    assert run("@() | Join-String -OutputPrefix '<' -OutputSuffix '>'") == ["<>"]


def test_join_string_bad_format_is_dot_nets_error() -> None:
    with pytest.raises(psbridge.PSError) as error:
        run("1 | Join-String -FormatString '{1}'")
    assert "Index (zero based)" in str(error.value)


# -- Compare-Object.Tests.ps1 --------------------------------------------------------------------------

NL = "`n"
FILES = (
    f'$c3 = "line 1{NL}line 2{NL}line 3" -split "`n"; $c4 = "line 1{NL}line 2.1{NL}Line 3" -split "`n"; '
)


def test_compare_object_reference_only_and_include_equal() -> None:
    # Compare-Object.Tests.ps1:35-53
    assert run(FILES + "(Compare-Object -ReferenceObject $c3 -DifferenceObject $c4)[1].SideIndicator") == ["<="]
    result = run(FILES + "Compare-Object $c3 $c4 -IncludeEqual")
    assert len(result) == 4
    assert [r.SideIndicator for r in result] == ["==", "==", "=>", "<="]


def test_compare_object_case_sensitive() -> None:
    # Compare-Object.Tests.ps1:59-69: 'Line 3' differs from 'line 3' only with -CaseSensitive
    cased = run(FILES + "Compare-Object $c3 $c4 -CaseSensitive")
    plain = run(FILES + "Compare-Object $c3 $c4")
    assert len(cased) == 4 and len(plain) == 2
    assert [(r.InputObject, r.SideIndicator) for r in cased] == [
        ("line 2.1", "=>"), ("Line 3", "=>"), ("line 2", "<="), ("line 3", "<=")
    ]  # fmt: skip


def test_compare_object_null_sets_fail_binding() -> None:
    # Compare-Object.Tests.ps1:71-77
    for text in ("Compare-Object -ReferenceObject $nothing -DifferenceObject 1", "Compare-Object 1 $nothing"):
        assert error_id(text) == (
            "ParameterArgumentValidationErrorNullNotAllowed,Microsoft.PowerShell.Commands.CompareObjectCommand"
        )


def test_compare_object_exclude_different() -> None:
    # Compare-Object.Tests.ps1:79-95
    assert len(run(FILES + "Compare-Object $c3 $c4 -ExcludeDifferent")) == 2
    assert len(run(FILES + "Compare-Object $c3 $c4 -IncludeEqual -ExcludeDifferent")) == 2
    assert run(FILES + "Compare-Object $c3 $c4 -ExcludeDifferent -IncludeEqual:$false") == []


def test_compare_object_property() -> None:
    # Compare-Object.Tests.ps1:101-106: the result carries the -Property values, not InputObject
    result = run("Compare-Object -ReferenceObject 'abc' -DifferenceObject 'abcdef' -Property Length")
    assert [(r.Length, r.SideIndicator) for r in result] == [(6, "=>"), (3, "<=")]
    assert "InputObject" not in result[0]


def test_compare_object_sync_window() -> None:
    # Compare-Object.Tests.ps1:113-128
    result = run("Compare-Object -ReferenceObject (1..15) -DifferenceObject (15..1) -SyncWindow 6")
    assert [(r.InputObject, r.SideIndicator) for r in result[:4]] == [(15, "=>"), (1, "<="), (1, "=>"), (15, "<=")]
    assert error_id("Compare-Object 1 2 -SyncWindow -1").startswith("ParameterArgumentValidationError,")


EMPLOYEES = (
    "function emp($f, $l, $y) { [pscustomobject]@{FirstName=$f; LastName=$l; YearsInMS=$y} }; "
    "$john = emp john smith 5; $mary = emp mary jane 3; "
)


@pytest.mark.parametrize("passthru", [True, False])
@pytest.mark.parametrize("exclude", [True, False])
@pytest.mark.parametrize("equal", [True, False])
def test_compare_object_two_references_one_difference(equal, exclude, passthru) -> None:
    # Compare-Object.Tests.ps1:262-326
    flags = " ".join(
        f"-{name}:${str(value).lower()}"
        for name, value in (("IncludeEqual", equal), ("ExcludeDifferent", exclude), ("PassThru", passthru))
    )
    result = run(EMPLOYEES + f"Compare-Object -ReferenceObject @($john, $mary) -DifferenceObject @($john) {flags}")
    names = [(r if passthru else r.InputObject).FirstName for r in result]
    sides = [r.SideIndicator for r in result]
    if equal:
        expected = [("john", "==")] if exclude else [("john", "=="), ("mary", "<=")]
    else:
        expected = [] if exclude else [("mary", "<=")]
    assert list(zip(names, sides, strict=True)) == expected


def test_compare_object_sync_window_two_moves_each_object() -> None:
    # Compare-Object.Tests.ps1:394-430: -SyncWindow 2 finds all four equal, in that order
    text = EMPLOYEES + (
        "$jack = emp jack black 15; $jim = emp jim bob 1; "
        "Compare-Object @($mary, $john, $jack, $jim) @($jack, $jim, $mary, $john) -SyncWindow 2 -IncludeEqual"
    )
    assert [(r.InputObject.FirstName, r.SideIndicator) for r in run(text)] == [
        ("mary", "=="), ("jack", "=="), ("john", "=="), ("jim", "==")
    ]  # fmt: skip


def test_compare_object_passthru_adds_side_indicator_to_values() -> None:
    result = run("Compare-Object 'abc' 'abd' -PassThru")
    assert result == ["abd", "abc"]
    assert run("(Compare-Object 'abc' 'abd' -PassThru).SideIndicator") == ["=>", "<="]


def test_compare_object_pipes_the_difference_set() -> None:
    assert [r.InputObject for r in run("2,3,4 | Compare-Object -ReferenceObject 1,2,3")] == [4, 1]


def test_compare_object_is_formatted_as_pwsh_prints_it() -> None:
    text = format_output(run("Compare-Object 1,2,3 2,3,4"))
    assert text == "\nInputObject SideIndicator\n----------- -------------\n          4 =>\n          1 <=\n"
