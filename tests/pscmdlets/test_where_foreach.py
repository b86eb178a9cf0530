"""Where-Object and ForEach-Object, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Core/Where-Object.Tests.ps1, ForEach-Object.Tests.ps1,
test/powershell/Modules/Microsoft.PowerShell.Utility/Foreach-Object-Parallel.Tests.ps1).

Script blocks are Python callables here (psbridge.invoke's stand-in for ``{ ... }``)."""

from __future__ import annotations

import itertools

import pytest

import psbridge
from psbridge.objects import Hashtable, PSObject
from tests.pscmdlets.helpers import Session

COMPUTERS = [
    PSObject({"ComputerName": "SPC-1234", "IPAddress": "192.168.0.1", "NumberOfCores": 1, "Drives": ["C", "D"]}),
    PSObject({"ComputerName": "BGP-5678", "IPAddress": "", "NumberOfCores": 2, "Drives": ["C", "D", "E"]}),
    PSObject({"ComputerName": "MGC-9101", "NumberOfCores": 3, "Drives": ["C"]}),
]
PEOPLE = [
    PSObject({"Name": "Alice", "Age": 25, "City": "New York"}),
    PSObject({"Name": "Bob", "Age": 30, "City": "Boston"}),
    PSObject({"Name": "Charlie", "Age": 35, "City": "Chicago"}),
]


def where(*args, input=COMPUTERS, **params) -> list:
    return psbridge.invoke("Where-Object", *args, input=input, **params)


# -- Where-Object.Tests.ps1 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "params", "count", "line"),
    [
        (("IPAddress",), {"Not": True}, 2, 28),
        (("IPAddress",), {}, 1, 38),
        (("Drives", "D"), {"Contains": True}, 2, 53),
        (("ComputerName", ["SPC-1234", "BGP-5678"]), {"In": True}, 2, 64),
        (("NumberOfCores", 2), {"GE": True}, 2, 74),
        (("NumberOfCores", 2), {"GT": True}, 1, 84),
        (("NumberOfCores", 2), {"LE": True}, 2, 94),
        (("NumberOfCores", 2), {"LT": True}, 1, 104),
        (("ComputerName", "MGC-9101"), {"Like": True}, 1, 114),
        (("ComputerName", "^MGC.+"), {"Match": True}, 1, 124),
    ],
)
def test_comparison_forms(args, params, count, line) -> None:
    # Where-Object.Tests.ps1:<line>: each comparison parameter form finds as many as its script block
    assert len(where(*args, **params)) == count


@pytest.mark.parametrize(
    ("block", "count"),
    [
        (lambda c: psbridge_ne(True, c.get("IPAddress")), 2),
        (lambda c: "D" in c.Drives, 2),
        (lambda c: c.NumberOfCores >= 2, 2),
    ],
)
def test_filter_script(block, count) -> None:
    # Where-Object.Tests.ps1:33-36, 48-51, 68-71: -FilterScript
    assert len(where(FilterScript=block)) == count


def psbridge_ne(left, right) -> bool:
    from psbridge.conversion.operators import BINARY

    return bool(BINARY["-ne"](left, right))


@pytest.mark.parametrize(
    "switch", ["EQ", "GT", "LT", "NE", "GE", "LE", "NotLike", "NotMatch", "NotContains", "NotIn", "IsNot",
               "Like", "Match", "Contains", "In", "Is"],
)  # fmt: skip
def test_switch_bound_false_is_default_boolean_evaluation(switch) -> None:
    # Where-Object.Tests.ps1:155-250: -<Op>:$false names no operator; the property is tested for truth
    assert len(where("Name", input=PEOPLE, **{switch: False})) == 3


def test_case_sensitive_forms() -> None:
    names = ["abc", "ABC", "Abd"]
    assert psbridge.invoke("Where-Object", "Length", 3, CEQ=True, input=names) == names
    objects = [PSObject({"N": n}) for n in names]
    assert [o.N for o in where("N", "abc", CEQ=True, input=objects)] == ["abc"]
    assert [o.N for o in where("N", "abc", EQ=True, input=objects)] == ["abc", "ABC"]
    assert [o.N for o in where("N", "A*", CLike=True, input=objects)] == ["ABC", "Abd"]
    assert [o.N for o in where("N", "^a", CNotMatch=True, input=objects)] == ["ABC", "Abd"]
    assert [o.N for o in where("N", ["abc"], CNotIn=True, input=objects)] == ["ABC", "Abd"]


def test_is_accepts_a_bracketed_type_name() -> None:
    # InternalCommands.cs BeginProcessing: "[int]" given to -Is/-IsNot is a type name
    objects = [PSObject({"V": 1}), PSObject({"V": "1"})]
    assert where("V", "[int]", Is=True, input=objects) == [objects[0]]
    assert where("V", "string", IsNot=True, input=objects) == [objects[0]]


def test_operator_without_value_is_terminating() -> None:
    with pytest.raises(psbridge.PSError) as caught:
        where("NumberOfCores", GT=True)
    assert caught.value.error_record.fully_qualified_error_id == (
        "ValueNotSpecifiedForWhereObject,Microsoft.PowerShell.Commands.WhereObjectCommand"
    )


def test_value_without_operator_is_terminating() -> None:
    with pytest.raises(psbridge.PSError) as caught:
        where("NumberOfCores", 2)
    assert caught.value.error_record.fully_qualified_error_id == (
        "OperatorNotSpecified,Microsoft.PowerShell.Commands.WhereObjectCommand"
    )


def test_hashtable_key_and_wildcard_property() -> None:
    tables = [Hashtable(Size=3), Hashtable(Size=1)]
    assert where("Size", 2, GT=True, input=tables) == [tables[0]]
    assert len(where("Computer*", "MGC*", Like=True)) == 1


def test_where_streams_and_filters_numbers() -> None:
    assert psbridge.invoke("Where-Object", lambda n: n % 2, input=range(10)) == [1, 3, 5, 7, 9]


# -- ForEach-Object ------------------------------------------------------------------------------------


def test_process_begin_end_from_positional_blocks() -> None:
    # InternalCommands.cs InitScriptBlockParameterSet: of three blocks the first is begin, the last end
    out = psbridge.invoke("ForEach-Object", lambda _: "begin", lambda n: n * 2, lambda _: "end", input=[1, 2])
    assert out == ["begin", 2, 4, "end"]


def test_named_begin_with_two_blocks_makes_the_last_the_end() -> None:
    out = psbridge.invoke("ForEach-Object", lambda n: n, lambda _: "end", Begin=lambda _: "begin", input=[1])
    assert out == ["begin", 1, "end"]


def test_named_begin_process_end() -> None:
    out = psbridge.invoke(
        "ForEach-Object", Begin=lambda _: "b", Process=lambda n: n + 1, End=lambda _: "e", input=[1, 2]
    )
    assert out == ["b", 2, 3, "e"]


def test_two_blocks_are_begin_and_process() -> None:
    assert psbridge.invoke("ForEach-Object", lambda _: "b", lambda n: n, input=[7]) == ["b", 7]


def test_member_name_property_and_method() -> None:
    # ForEach-Object.md example 4-7: -MemberName reads a property or calls a method (with arguments)
    assert psbridge.invoke("ForEach-Object", "Length", input=["ab", "cde"]) == [2, 3]
    assert psbridge.invoke("ForEach-Object", "ToUpper", input=["ab"]) == ["AB"]
    assert psbridge.invoke("ForEach-Object", "Split", ".", input=["Microsoft.PowerShell.Core"]) == [
        "Microsoft", "PowerShell", "Core",
    ]  # fmt: skip


def test_member_name_on_null_writes_null_and_missing_member_errors() -> None:
    assert psbridge.invoke("ForEach-Object", "Anything", input=[None]) == [None]
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.invoke("ForEach-Object", "NoSuchMember", input=["x"])
    assert caught.value.errors[0].fully_qualified_error_id == (
        "PropertyOrMethodNotFound,Microsoft.PowerShell.Commands.ForEachObjectCommand"
    )


def test_member_name_wildcard_ambiguous() -> None:
    obj = PSObject({"Alpha": 1, "Alps": 2})
    assert psbridge.invoke("ForEach-Object", "Alph*", input=[obj]) == [1]
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.invoke("ForEach-Object", "Al*", input=[obj])
    assert "AmbiguousPropertyOrMethodName" in caught.value.errors[0].fully_qualified_error_id


def test_whatif_with_script_blocks_is_terminating() -> None:
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("ForEach-Object", lambda n: n, WhatIf=True, input=[1])
    assert caught.value.error_record.fully_qualified_error_id.startswith("NoShouldProcessForScriptBlockSet,")


def test_parallel_takes_a_python_callable() -> None:
    # Foreach-Object-Parallel.Tests.ps1:11-18 (results from every input, in any order)
    ps = psbridge.PowerShell()
    ps.add_command("ForEach-Object").add_parameter("Parallel", lambda n: n * 10)
    assert sorted(ps.invoke(input=[1, 2, 3])) == [10, 20, 30]
    assert not ps.streams.warning


def test_parallel_terminating_error_ends_only_its_iteration() -> None:
    # Foreach-Object-Parallel.Tests.ps1:270-276: a throw in a task is one PSTaskException error record
    script = "$r = 1..1 | ForEach-Object -Parallel { throw 'Terminating Error!'; 'Hello' } 2>&1 3>$null; $r"
    (record,) = psbridge.run(script)
    assert str(record) == "Terminating Error!" and record.fully_qualified_error_id == "PSTaskException"
    assert record.category == "InvalidOperation"
    # :278-294: the other iterations go on, and so does the script after the pipeline
    script = (
        "1..3 | ForEach-Object -Parallel { if ($_ -eq 2) { throw 'Terminating Error!'; 'Hello!' } else { 'Goodbye!' } }"
        " 2>&1 3>$null | ForEach-Object { $_.ToString() }; 'after'"
    )
    assert psbridge.run(script) == ["Goodbye!", "Terminating Error!", "Goodbye!", "after"]


def test_select_first_stops_upstream() -> None:
    # Select-Object.Tests.ps1:122-126: -First stops the commands before it, and no error leaks
    session = Session()
    seen: list[int] = []

    def record(n):
        seen.append(n)
        return n

    out = session.pipeline(("ForEach-Object", record), ("Select-Object", {"First": 2}), input=itertools.count())
    assert out == [0, 1]
    assert seen == [0, 1]
    assert not session.errors
