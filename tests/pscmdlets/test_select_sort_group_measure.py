"""Select-Object, Sort-Object, Group-Object and Measure-Object, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/Select-Object.Tests.ps1, Sort-Object.Tests.ps1,
Group-Object.Tests.ps1, Measure-Object.Tests.ps1).  Script blocks are Python callables here."""

from __future__ import annotations

import math

import pytest

import psbridge
from psbridge.objects import Hashtable, PSObject

EMPLOYEES = [
    PSObject({"FirstName": "joseph", "LastName": "smith", "YearsInMS": 15}),
    PSObject({"FirstName": "paul", "LastName": "smith", "YearsInMS": 15}),
    PSObject({"FirstName": "mary", "LastName": "soe", "YearsInMS": 5}),
    PSObject({"FirstName": "edmund", "LastName": "bush", "YearsInMS": 9}),
]


def select(*args, input=EMPLOYEES, **params) -> list:
    return psbridge.invoke("Select-Object", *args, input=input, **params)


# -- Select-Object.Tests.ps1 ---------------------------------------------------------------------------


def test_unique_and_case_insensitive() -> None:
    # Select-Object.Tests.ps1:54-66
    assert select(Unique=True, input=["a", "b", "c", "a", "a", "a"]) == ["a", "b", "c"]
    assert select(Unique=True, CaseInsensitive=True, input=["abc", "Abc"]) == ["abc"]
    assert select(Unique=True, input=["abc", "Abc"]) == ["abc", "Abc"]


def test_selected_columns_and_missing_property() -> None:
    # Select-Object.Tests.ps1:78-85, 149-152: a name the object lacks is a $null property
    result = select(["FirstName", "Size"])
    assert [r.FirstName for r in result] == ["joseph", "paul", "mary", "edmund"]
    assert result[0].Size is None and "Size" in result[0]
    assert select("foo", input=["bar"])[0].property_names == ["foo"]


def test_first_last_overlap_and_windows() -> None:
    # Select-Object.Tests.ps1:144-190
    assert len(select(["YearsInMS", "L*"], First=2, Last=3)) == 4
    result = select(["YearsInMS", "L*"], First=2, Last=1)
    assert [(r.LastName, r.YearsInMS) for r in result] == [("smith", 15), ("smith", 15), ("bush", 9)]
    assert [r.property_names for r in select(["YearsInMS", "L*"], First=2)] == [["YearsInMS", "LastName"]] * 2
    assert select(["YearsInMS", "L*"], First=0) == []
    assert select(["YearsInMS", "L*"], Last=0) == []


def test_unique_on_selected_properties() -> None:
    # Select-Object.Tests.ps1:192-204
    result = select(["YearsInMS", "L*"], Unique=True)
    assert [(r.LastName, r.YearsInMS) for r in result] == [("smith", 15), ("soe", 5), ("bush", 9)]


def test_null_input_gives_nothing() -> None:
    # Select-Object.Tests.ps1:224-227
    assert select(["FirstName", "YearsInMS", "FirstNa*"], input=[None]) == []


@pytest.mark.parametrize(
    ("params", "data", "expected", "line"),
    [
        ({"Skip": 1}, ["1", "2", "3"], ["2", "3"], 234),
        ({"SkipLast": 1}, ["1", "2", "3"], ["1", "2"], 241),
        ({"Skip": 1, "SkipLast": 1}, ["1", "2", "3"], ["2"], 248),
        ({"Skip": 2, "SkipLast": 1}, ["1", "2"], [], 254),
        ({"Skip": 1, "SkipLast": 2}, ["1", "2"], [], 259),
        ({"Index": 2}, ["1", "2", "3"], ["3"], 264),
        ({"SkipIndex": [0, 2]}, ["1", "2", "3"], ["2"], 270),
        ({"SkipIndex": [5, 6, 7, 8, 11]}, list(range(11)), [0, 1, 2, 3, 4, 9, 10], 276),
        ({"Index": [4, 2]}, list(range(6)), [2, 4], 91),
        ({"Last": 3}, list(range(6)), [3, 4, 5], 44),
        ({"First": 3}, list(range(6)), [0, 1, 2], 34),
    ],
)
def test_windows(params, data, expected, line) -> None:
    # Select-Object.Tests.ps1:<line>
    assert select(input=data, **params) == expected


def test_exclude_property_implies_star() -> None:
    # Select-Object.Tests.ps1:327-364
    thing = PSObject({"Thing": "thing1"})
    for params in ({"ExcludeProperty": "thing"}, {"Property": "*", "ExcludeProperty": "thing"}):
        result = select(input=[thing], **params)[0]
        assert "Thing" not in result and "*" not in result
    both = PSObject({"Thing": "thing1", "Param2": "param2"})
    result = select(input=[both], ExcludeProperty="Param2")[0]
    assert result.property_names == ["Thing"] and result.Thing == "thing1"


def test_selected_type_name() -> None:
    # Select-Object.Tests.ps1:371-385
    result = select("Name", input=[PSObject({"Name": 1})])[0]
    assert result.pstypenames == [
        "Selected.System.Management.Automation.PSCustomObject",
        "System.Management.Automation.PSCustomObject",
        "System.Object",
    ]
    assert select("Length", input=["abc"])[0].pstypenames[0] == "Selected.System.String"


def test_hashtable_entries_and_members() -> None:
    # Select-Object.Tests.ps1:388-423
    assert select("Entry", input=[Hashtable(Entry=100)])[0].Entry == 100
    assert select(ExpandProperty="Entry", input=[Hashtable(Entry=100)]) == [100]
    assert select("Keys", input=[Hashtable(Value=10)])[0].Keys == ["Value"]
    assert select(ExpandProperty="Keys", input=[Hashtable(Value=10)]) == ["Value"]
    assert select("Keys", input=[Hashtable(Keys=10)])[0].Keys == 10
    assert select(ExpandProperty="Count", input=[Hashtable(a=10, b=20, c=30)]) == [3]


def test_calculated_properties_and_expand() -> None:
    result = select({"n": "Len", "e": lambda s: len(s)}, input=["abc"])[0]
    assert result.Len == 3
    assert select(ExpandProperty="Drives", input=[PSObject({"Drives": ["C", "D"]})]) == ["C", "D"]
    with pytest.raises(psbridge.PipelineError) as caught:
        select(ExpandProperty="Nope", input=["x"])
    assert caught.value.errors[0].fully_qualified_error_id == (
        "ExpandPropertyNotFound,Microsoft.PowerShell.Commands.SelectObjectCommand"
    )


def test_expand_with_property_adds_notes() -> None:
    inner = PSObject({"A": 1})
    result = select("Tag", ExpandProperty="Item", input=[PSObject({"Item": inner, "Tag": "t"})])[0]
    assert result.A == 1 and result.Tag == "t"
    assert "Tag" not in inner  # the original object is left alone


def test_duplicate_property_is_an_error() -> None:
    with pytest.raises(psbridge.PipelineError) as caught:
        select(["FirstName", "firstname"], input=EMPLOYEES[:1])
    assert caught.value.errors[0].fully_qualified_error_id.startswith("AlreadyExistingUserSpecifiedPropertyNoExpand,")
    assert caught.value.output[0].property_names == ["FirstName"]


# -- Sort-Object.Tests.ps1 -------------------------------------------------------------------------------

STAFF = [
    PSObject({"FirstName": "john", "LastName": "smith", "YearsInMS": 5}),
    PSObject({"FirstName": "joesph", "LastName": "smith", "YearsInMS": 15}),
    PSObject({"FirstName": "john", "LastName": "smyth", "YearsInMS": 2}),
]


def order(result: list, source: list = STAFF) -> list[int]:
    return [next(i for i, s in enumerate(source) if s is r) for r in result]


def sort(*args, input=STAFF, **params) -> list:
    return psbridge.invoke("Sort-Object", *args, input=input, **params)


def test_null_sorts_as_zero_among_numbers() -> None:
    # Sort-Object.Tests.ps1:26-48
    people = [
        PSObject({"FirstName": "Eight", "LastName": "Eight", "YearsInMS": 8}),
        PSObject({"FirstName": "Eight", "YearsInMS": None}),
        PSObject({"FirstName": "Minus", "LastName": "Two", "YearsInMS": -2}),
        PSObject({"FirstName": "One", "LastName": "One", "YearsInMS": 1}),
    ]
    assert [p.YearsInMS for p in sort("YearsInMS", input=people)] == [-2, None, 1, 8]


@pytest.mark.parametrize(
    ("key", "expected", "line"),
    [
        (Hashtable(e="YearsInMS", descending=False, ascending=True), [2, 0, 1], 50),
        (Hashtable(e="YearsInMS", descending=False, ascending=False), [1, 0, 2], 63),
        (Hashtable(e="YearsInMS", descending=False), [2, 0, 1], 76),
        ([Hashtable(expression="LastName", ascending=False), Hashtable(expression="FirstName", ascending=True)],
         [2, 1, 0], 163),
        ([Hashtable(e="FirstName", asc=True), Hashtable(e="LastName")], [1, 2, 0], 201),
        (["LastName", "FirstName"], [2, 0, 1], 189),
    ],
)  # fmt: skip
def test_order_entry_keys_with_descending(key, expected, line) -> None:
    # Sort-Object.Tests.ps1:<line>: a key's own Ascending/Descending beats -Descending
    assert order(sort(key, Descending=True)) == expected


def test_descending_false() -> None:
    # Sort-Object.Tests.ps1:177-187
    assert order(sort(["LastName", "FirstName"], Descending=False)) == [1, 0, 2]


def test_unique_case_insensitive_and_sensitive() -> None:
    # Sort-Object.Tests.ps1:139-161
    staff = [*STAFF[:2], PSObject({"FirstName": "john", "LastName": "smyth", "YearsInMS": 12})]
    assert order(sort("LastName", Descending=True, Unique=True, input=staff), staff) == [2, 0]
    result = sort(["LastName", "FirstName"], Descending=True, Unique=True, CaseSensitive=True, input=staff)
    assert order(result, staff) == [2, 0, 1]


def test_non_existing_property_sorts_last() -> None:
    # Sort-Object.Tests.ps1:121-137
    n, d, b, a = (PSObject({"TypeName": t}) for t in (None, "Deetype", "btype", "atype"))
    assert sort("TypeName", input=[n, d, b, "b", a]) == [n, a, b, d, "b"]
    assert sort("TypeName", input=[n, d, b, "b", a], Descending=True) == [d, b, a, n, "b"]


def test_descending_without_property() -> None:
    # Sort-Object.Tests.ps1:215-225
    assert sort(Descending=True, input=[1, 2, 3]) == [3, 2, 1]


def test_stable_modulo_sort() -> None:
    # Sort-Object.Tests.ps1:234-298
    data = list(range(1, 21))
    assert sort(lambda n: n % 3, Stable=True, input=data) == [3, 6, 9, 12, 15, 18, 1, 4, 7, 10, 13, 16, 19,
                                                              2, 5, 8, 11, 14, 17, 20]  # fmt: skip
    assert sort(lambda n: n % 3, Stable=True, Descending=True, input=data)[:8] == [2, 5, 8, 11, 14, 17, 20, 1]
    assert sort(lambda n: n % 3, Stable=True, Unique=True, input=data) == [3, 1, 2]
    assert sort(lambda n: n % 3, Stable=True, Unique=True, Descending=True, input=data) == [2, 1, 3]


def test_unique_stable_keeps_first_record() -> None:
    # Sort-Object.Tests.ps1:300-311
    records = [PSObject({"Key": k, "Record": r}) for k, r in (("A", "A1"), ("A", "A2"), ("B", "B1"), ("B", "B2"))]
    assert [r.Record for r in sort("Key", Stable=True, Unique=True, input=records)] == ["A1", "B1"]


@pytest.mark.parametrize("descending", [False, True])
def test_top_and_bottom_match_the_full_sort(descending) -> None:
    # Sort-Object.Tests.ps1:368-384: -Top/-Bottom n are the first/last n of the full sort
    data = [973474993, 271612178, -1258909473, 659770354, 1829227828, -1709391247, -10835210, -1477737798,
            1125017828, 813732193]  # fmt: skip
    full = sort(Descending=descending, input=data)
    assert sort(Descending=descending, Top=9, input=data) == full[:9]
    assert sort(Descending=descending, Bottom=9, input=data) == full[-9:]
    assert sort(Descending=descending, Top=20, input=data) == full


def test_strings_sort_case_insensitively_lower_first_when_sensitive() -> None:
    assert sort(input=["b", "A", "a", "B"]) == ["A", "a", "b", "B"]
    assert sort(CaseSensitive=True, input=["b", "A", "a", "B"]) == ["a", "A", "b", "B"]


# -- Group-Object.Tests.ps1 -------------------------------------------------------------------------------


def test_case_sensitive_groups() -> None:
    # Group-Object.Tests.ps1:4-13
    groups = psbridge.invoke("Group-Object", CaseSensitive=True, input=["aA", "aA", "AA", "AA"])
    assert [g.Name for g in groups] == ["aA", "AA"]
    assert [g.Group for g in groups] == [["aA", "aA"], ["AA", "AA"]]
    assert all(g.pstypenames[0] == "Microsoft.PowerShell.Commands.GroupInfo" for g in groups)


def test_no_element_and_as_hashtable() -> None:
    # Group-Object.Tests.ps1:82-99, 109-114
    groups = psbridge.invoke("Group-Object", NoElement=True, input=["a", "b", "a"])
    assert [(g.Name, g.Count) for g in groups] == [("a", 2), ("b", 1)] and "Group" not in groups[0]
    objects = [PSObject({"a": "one", "b": 2}), PSObject({"a": "two", "b": 10})]
    (table,) = psbridge.invoke("Group-Object", "a", AsHashTable=True, input=objects)
    assert isinstance(table, Hashtable) and table["one"][0].b == 2 and table["TWO"][0].b == 10


def test_as_string_requires_as_hashtable() -> None:
    # Group-Object.Tests.ps1:101-107
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Group-Object", AsString=True, input=["a"])
    assert caught.value.error_record.fully_qualified_error_id == (
        "ArgumentException,Microsoft.PowerShell.Commands.GroupObjectCommand"
    )
    (table,) = psbridge.invoke("Group-Object", AsHashTable=True, AsString=True, input=[1, 1, 2])
    assert sorted(table.keys()) == ["1", "2"]


def test_script_block_key_as_hashtable() -> None:
    # Group-Object.Tests.ps1:116-125
    objects = [PSObject({"ErrorMessage": "SomeError" if n % 2 else ""}) for n in range(1, 10)]
    (table,) = psbridge.invoke(
        "Group-Object", lambda o: "Failed" if o.ErrorMessage else "Successful", AsHashTable=True, input=objects
    )
    assert len(table["Failed"]) == 5 and len(table["Successful"]) == 4


def test_empty_note_property_and_curly_braces() -> None:
    # Group-Object.Tests.ps1:127-149
    (group,) = psbridge.invoke("Group-Object", "X", input=[PSObject({"X": None})])
    assert group.Name == "" and group.Count == 1
    assert [g.Name for g in psbridge.invoke("Group-Object", input=["{", "}", "{0}"])] == ["{", "{0}", "}"]


def test_case_sensitive_hashtable_keeps_capitonyms() -> None:
    # Group-Object.Tests.ps1:187-200
    objects = [PSObject({"Capitonym": "Bill"}), PSObject({"Capitonym": "bill"})]
    (table,) = psbridge.invoke("Group-Object", "Capitonym", AsHashTable=True, CaseSensitive=True, input=objects)
    assert sorted(table.keys()) == ["Bill", "bill"]


def test_mixed_types_keep_first_appearance_order() -> None:
    groups = psbridge.invoke("Group-Object", input=["b", 1, "a", "1"])
    assert [(g.Name, g.Count) for g in groups] == [("b", 1), ("1", 2), ("a", 1)]


# -- Measure-Object.Tests.ps1 --------------------------------------------------------------------------------


def measure(*args, input, **params):
    (result,) = psbridge.invoke("Measure-Object", *args, input=input, **params)
    return result


def test_count_and_statistics() -> None:
    # Measure-Object.Tests.ps1:5-60 (count, sum, average, min, max of 1..10 and of a property)
    result = measure(input=[1, 2, 3], Sum=True, Average=True, Minimum=True, Maximum=True)
    assert (result.Count, result.Sum, result.Average, result.Minimum, result.Maximum) == (3, 6.0, 2.0, 1.0, 3.0)
    assert result.pstypenames[0] == "Microsoft.PowerShell.Commands.GenericMeasureInfo"
    assert measure(input=[]).Count == 0


def test_standard_deviation_and_all_stats() -> None:
    # Measure-Object.Tests.ps1: -StandardDeviation is the sample deviation; -AllStats turns all on
    result = measure(input=[1, 2, 3, 4], AllStats=True)
    assert result.StandardDeviation == pytest.approx(math.sqrt(5 / 3))
    assert (result.Sum, result.Average, result.Minimum, result.Maximum) == (10.0, 2.5, 1.0, 4.0)


def test_strings_minimum_maximum() -> None:
    # Measure-Object.Tests.ps1: -Minimum/-Maximum of strings give the strings (GenericObjectMeasureInfo)
    result = measure(input=["abc", "ABCDE", "b"], Minimum=True, Maximum=True)
    assert (result.Minimum, result.Maximum) == ("abc", "b")
    assert result.pstypenames[0] == "Microsoft.PowerShell.Commands.GenericObjectMeasureInfo"


def test_property_and_missing_property() -> None:
    result = measure("Length", input=["ab", "cde"], Sum=True)
    assert (result.Sum, result.Property) == (5.0, "Length")
    assert psbridge.invoke("Measure-Object", "Nope", input=["ab"]) == []


def test_non_numeric_input_is_an_error() -> None:
    with pytest.raises(psbridge.PipelineError) as caught:
        measure(input=["x", 1], Sum=True)
    assert caught.value.errors[0].fully_qualified_error_id.startswith("NonNumericInputObject,")
    assert caught.value.output[0].Sum is None


def test_text_measures() -> None:
    # Measure-Object.Tests.ps1: lines, words and characters ('abc\n' is one line)
    result = measure(input=["a b\nc", "d", "x\n"], Line=True, Word=True, Character=True)
    assert (result.Lines, result.Words, result.Characters) == (4, 5, 8)
    assert result.pstypenames[0] == "Microsoft.PowerShell.Commands.TextMeasureInfo"
    assert measure(input=["a b"], Character=True, IgnoreWhiteSpace=True).Characters == 2
