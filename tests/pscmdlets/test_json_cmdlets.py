"""ConvertTo-Json and ConvertFrom-Json, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/ConvertTo-Json.Tests.ps1, ConvertFrom-Json.Tests.ps1,
Json.Tests.ps1, JsonObject.Tests.ps1)."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import uuid

import pytest

import psbridge
from psbridge.conversion.enums import ActionPreference
from psbridge.objects import Hashtable, PSObject
from psbridge.objects.numeric import Int64
from tests.pscmdlets.helpers import Session


@pytest.fixture
def ps() -> Session:
    return Session()


def to_json(value, **params) -> str:
    (text,) = psbridge.invoke("ConvertTo-Json", input=[value], **params)
    return text


def from_json(text, **params) -> list:
    return psbridge.invoke("ConvertFrom-Json", input=[text], **params)


# -- ConvertTo-Json.Tests.ps1 --------------------------------------------------------------------


def test_depth_zero_turns_nested_objects_into_their_text() -> None:
    # ConvertTo-Json.Tests.ps1:43-69
    obj = PSObject(
        {
            "FirstLevel1": Hashtable({"Child1_1": 0, "Bool": True}),
            "FirstLevel2": Hashtable({"Child2_1": "Child_2_1_Value", "Float": 1.2}),
            "Integer": 10,
            "Bool": False,
        }
    )
    assert to_json(obj, Depth=0) == (
        '{\n  "FirstLevel1": "System.Collections.Hashtable",\n  "FirstLevel2": "System.Collections.Hashtable",\n'
        '  "Integer": 10,\n  "Bool": false\n}'
    )


def test_as_array_and_single_objects() -> None:
    # ConvertTo-Json.Tests.ps1:71-82
    assert psbridge.invoke("ConvertTo-Json", input=[1], AsArray=True) == ["[\n  1\n]"]
    assert psbridge.invoke("ConvertTo-Json", input=[1, 2], AsArray=True) == ["[\n  1,\n  2\n]"]
    assert psbridge.invoke("ConvertTo-Json", input=[1]) == ["1"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "{\n  \"abc\": \"'def'\"\n}"),  # ConvertTo-Json.Tests.ps1:85
        ({"EscapeHandling": "Default"}, "{\n  \"abc\": \"'def'\"\n}"),  # :86
        ({"EscapeHandling": "EscapeHtml"}, '{\n  "abc": "\\u0027def\\u0027"\n}'),  # :87
    ],
)
def test_escape_handling(params: dict, expected: str) -> None:
    assert to_json(Hashtable({"abc": "'def'"}), **params) == expected


def test_nulls() -> None:
    # ConvertTo-Json.Tests.ps1:94-99
    assert to_json(PSObject({"prop": None}), Compress=True) == '{"prop":null}'
    assert to_json(None, Compress=True) == "null"
    assert psbridge.invoke("ConvertTo-Json", None, Compress=True) == ["null"]
    assert psbridge.invoke("ConvertTo-Json", input=[1, None, 2], Compress=True) == ["[1,null,2]"]


def test_big_integers() -> None:
    # ConvertTo-Json.Tests.ps1:150-158
    obj = Hashtable({"Positive": 18446744073709551615, "Negative": -18446744073709551615})
    assert to_json(obj, Compress=True) == '{"Positive":18446744073709551615,"Negative":-18446744073709551615}'


@pytest.mark.parametrize(
    ("value", "expected"),
    [  # ConvertTo-Json.Tests.ps1:164-212
        (42, "42"),
        (-42, "-42"),
        (2147483647, "2147483647"),
        (9223372036854775807, "9223372036854775807"),
        (3.14159, "3.14159"),
        (-3.14159, "-3.14159"),
        (0.0, "0.0"),
        (math.nan, '"NaN"'),
        (math.inf, '"Infinity"'),
        (-math.inf, '"-Infinity"'),
        (decimal.Decimal("123.456"), "123.456"),
        (True, "true"),
        (False, "false"),
        (None, "null"),
    ],
)
def test_primitive_scalars(value, expected: str) -> None:
    assert to_json(value, Compress=True) == expected
    assert psbridge.invoke("ConvertTo-Json", InputObject=value, Compress=True) == [expected]


@pytest.mark.parametrize(
    ("value", "expected"),
    [  # ConvertTo-Json.Tests.ps1:227-243
        ("hello", '"hello"'),
        ("", '""'),
        ("hello world", '"hello world"'),
        ("line1\nline2", '"line1\\nline2"'),
        ("col1\tcol2", '"col1\\tcol2"'),
        ('say "hello"', '"say \\"hello\\""'),
        ("c:\\path", '"c:\\\\path"'),
        ("日本語", '"日本語"'),
        ("😀", '"😀"'),
    ],
)
def test_strings(value: str, expected: str) -> None:
    assert to_json(value, Compress=True) == expected


def test_datetimes_by_kind() -> None:
    # ConvertTo-Json.Tests.ps1:253-283
    assert to_json(dt.datetime(2024, 6, 15, 10, 30, tzinfo=dt.UTC), Compress=True) == '"2024-06-15T10:30:00Z"'
    assert to_json(dt.datetime(2024, 6, 15, 10, 30), Compress=True) == '"2024-06-15T10:30:00"'
    offset = dt.datetime(2024, 6, 15, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert to_json(offset, Compress=True) == '"2024-06-15T10:30:00+09:00"'
    assert to_json(dt.datetime(2024, 6, 15, 10, 30, 0, 123400), Compress=True) == '"2024-06-15T10:30:00.1234"'


def test_timespan_is_an_object_of_its_properties() -> None:
    # ConvertTo-Json.Tests.ps1:297-301
    span = dt.timedelta(days=1, hours=2, minutes=3, seconds=4, milliseconds=5)
    assert to_json(span, Compress=True) == (
        '{"Ticks":937840050000,"Days":1,"Hours":2,"Milliseconds":5,"Microseconds":0,"Nanoseconds":0,"Minutes":3,'
        '"Seconds":4,"TotalDays":1.0854630208333333,"TotalHours":26.0511125,"TotalMilliseconds":93784005.0,'
        '"TotalMicroseconds":93784005000.0,"TotalNanoseconds":93784005000000.0,"TotalMinutes":1563.06675,'
        '"TotalSeconds":93784.005}'
    )


def test_guid_and_enums() -> None:
    # ConvertTo-Json.Tests.ps1:333-337 and Json.Tests.ps1:203-223
    guid = uuid.UUID("0f8fad5b-d9cb-469f-a165-70867728950e")
    assert to_json(guid, Compress=True) == '"0f8fad5b-d9cb-469f-a165-70867728950e"'
    sample = PSObject({"SampleSimpleEnum": ActionPreference.Ignore})
    assert to_json(sample, Compress=True) == '{"SampleSimpleEnum":4}'
    assert to_json(sample, Compress=True, EnumsAsStrings=True) == '{"SampleSimpleEnum":"Ignore"}'


@pytest.mark.parametrize(
    ("value", "expected"),
    [  # ConvertTo-Json.Tests.ps1:593-682
        ([], "[]"),
        ([42], "[42]"),
        ([1, 2, 3, 4, 5], "[1,2,3,4,5]"),
        (["apple", "banana", "cherry"], '["apple","banana","cherry"]'),
        ([None], "[null]"),
        ([[1, 2], [3, 4]], "[[1,2],[3,4]]"),
        ([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], "[[[1,2],[3,4]],[[5,6],[7,8]]]"),
        ([[], [1], []], "[[],[1],[]]"),
    ],
)
def test_arrays(value: list, expected: str) -> None:
    assert psbridge.invoke("ConvertTo-Json", InputObject=value, Compress=True) == [expected]


def test_pretty_and_compressed_layout() -> None:
    # Json.Tests.ps1:1617-1636
    assert psbridge.invoke("ConvertTo-Json", input=["one", "two", "three"])[0].split("\n")[1] == '  "one",'
    ordered = Hashtable({"one": 1, "two": 2, "three": 3})
    assert to_json(ordered).split("\n")[1] == '  "one": 1,'
    assert len(to_json(Hashtable({"a": 1}), Compress=True)) == 7


def test_depth_truncation_warns_once(ps: Session) -> None:
    # Json.Tests.ps1:98-160 (-Depth 1 turns the inner hashtable into its type name)
    root = Hashtable({"d": Hashtable({"Greeting": "Hello", "Name": Hashtable({"First": "Joe1"})})})
    (text,) = ps("ConvertTo-Json", InputObject=root, Depth=1, Compress=True)
    assert text == '{"d":{"Greeting":"Hello","Name":"System.Collections.Hashtable"}}'
    assert ps.runspace.streams.warning == [
        "Resulting JSON is truncated as serialization has exceeded the set depth of 1."
    ]
    assert ps("ConvertTo-Json", InputObject=root, Depth=2, Compress=True) == [
        '{"d":{"Greeting":"Hello","Name":{"First":"Joe1"}}}'
    ]


def test_depth_over_one_hundred_is_a_binding_error() -> None:
    # ConvertTo-Json.Tests.ps1:1365-1366; Json.Tests.ps1:1664-1678
    with pytest.raises(psbridge.ParameterBindingError) as error:
        psbridge.invoke("ConvertTo-Json", input=[PSObject({"L0": 1})], Depth=101)
    assert error.value.fully_qualified_error_id == (
        "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.ConvertToJsonCommand"
    )


def test_non_string_keys_are_refused() -> None:
    # Json.Tests.ps1:39-47
    with pytest.raises(psbridge.PSError) as error:
        psbridge.invoke("ConvertTo-Json", InputObject=Hashtable({1: "def"}))
    assert error.value.fully_qualified_error_id == (
        "NonStringKeyInDictionary,Microsoft.PowerShell.Commands.ConvertToJsonCommand"
    )


def test_double_quotes_round_trip() -> None:
    # Json.Tests.ps1:49-59
    for params in ({}, {"Compress": True}):
        text = to_json(Hashtable({"FirstName": 'Hello " World'}), **params)
        assert from_json(text)[0].FirstName == 'Hello " World'


# -- ConvertFrom-Json.Tests.ps1 ------------------------------------------------------------------


@pytest.mark.parametrize("as_hashtable", [True, False])
def test_convert_from_json_objects(as_hashtable: bool) -> None:
    # ConvertFrom-Json.Tests.ps1:46-78
    (obj,) = from_json('{"a" : "1"}', AsHashtable=as_hashtable)
    assert obj["a"] == "1"
    objects = psbridge.invoke("ConvertFrom-Json", input=['{"a" : "1"}', '{"a" : "x"}'], AsHashtable=as_hashtable)
    assert len(objects) == 2 and objects[1]["a"] == "x"
    (joined,) = psbridge.invoke("ConvertFrom-Json", input=["{", '"a" : "x"', "}"], AsHashtable=as_hashtable)
    assert joined["a"] == "x"
    assert isinstance(joined, Hashtable) == as_hashtable


@pytest.mark.parametrize("as_hashtable", [True, False])
def test_incomplete_json_is_an_argument_error(as_hashtable: bool) -> None:
    # ConvertFrom-Json.Tests.ps1:62-68
    for inputs in (["[1,"], ["[1", "2,", "3"]):
        with pytest.raises(psbridge.PSError) as error:
            psbridge.invoke("ConvertFrom-Json", input=inputs, AsHashtable=as_hashtable)
        assert error.value.fully_qualified_error_id == (
            "System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand"
        )


def test_invalid_json_reports_the_position() -> None:
    # The issue: invalid JSON is ConvertFrom-Json's error with its position.
    with pytest.raises(psbridge.PSError) as error:
        from_json('{"a": 1,\n "b": x}')
    assert str(error.value) == (
        "Conversion from JSON failed with error: Unexpected character encountered while parsing value: x. "
        "Path 'b', line 2, position 7."
    )
    with pytest.raises(psbridge.PSError) as error:
        from_json("plaintext")  # JsonObject.Tests.ps1:51-60
    assert "Path '', line 1, position 1." in str(error.value)


def test_metadata_properties_are_plain_properties() -> None:
    # ConvertFrom-Json.Tests.ps1:80-96
    (obj,) = from_json('{"$id":"1","$type":"t","$ref":"r"}')
    assert (obj["$id"], obj["$type"], obj["$ref"]) == ("1", "t", "r")


def test_depth_limit() -> None:
    # ConvertFrom-Json.Tests.ps1:98-120 and :400-443
    def nested(depth: int) -> str:
        text = "true"
        for level in range(depth, 0, -1):
            text = '{"' + str(level) + '":' + text + "}"
        return text

    assert from_json(nested(1024))[0]["1"] is not None
    with pytest.raises(psbridge.PSError, match="MaxDepth of 1024 has been exceeded"):
        from_json(nested(1025))
    assert from_json(nested(2), Depth=2)
    with pytest.raises(psbridge.PSError, match="MaxDepth of 2"):
        from_json(nested(3), Depth=2)


def test_no_enumerate_and_round_trips() -> None:
    # ConvertFrom-Json.Tests.ps1:122-141
    for no_enumerate in (True, False):
        values = from_json("[ 1, 2 ]", NoEnumerate=no_enumerate)
        assert psbridge.invoke("ConvertTo-Json", input=values, Compress=True) == ["[1,2]"]
    assert len(from_json("[ 1, 2 ]")) == 2
    assert len(from_json("[ 1, 2 ]", NoEnumerate=True)) == 1
    assert psbridge.invoke("ConvertTo-Json", input=from_json("[ 1 ]")) == ["1"]
    assert psbridge.invoke("ConvertTo-Json", input=from_json("[ 1 ]", NoEnumerate=True), Compress=True) == ["[1]"]


def test_nulls_and_numbers() -> None:
    # ConvertFrom-Json.Tests.ps1:143-152
    assert from_json("null") == [None]
    out = from_json("[1, null, 2]")
    assert out == [1, None, 2] and isinstance(out[0], Int64)
    assert isinstance(from_json("1.5")[0], float)


def test_hashtable_keeps_order(ps: Session) -> None:
    # ConvertFrom-Json.Tests.ps1:154-163
    table = ps("ConvertFrom-Json", '{"a":1,"b":2,"c":3}', AsHashtable=True)
    text = ps("Out-String", input=table)[0].strip()
    assert text == (
        "Name                           Value\n----                           -----\n"
        "a                              1\nb                              2\nc                              3"
    )


def test_date_kinds() -> None:
    # ConvertFrom-Json.Tests.ps1:165-352
    (unspecified,) = from_json('"1970-01-01T00:00:00"')
    assert unspecified == dt.datetime(1970, 1, 1) and unspecified.tzinfo is None
    (utc,) = from_json('"1970-01-01T00:00:00.0000000Z"')
    assert utc.tzinfo is dt.UTC
    (local,) = from_json('"2022-11-02T12:01:44.5801388+04:00"')
    expected = dt.datetime(2022, 11, 2, 8, 1, 44, 580138, tzinfo=dt.UTC)
    assert local == expected and local.utcoffset() == expected.astimezone().utcoffset()
    (offset,) = from_json('"2022-11-02T12:01:44.5801388+04:00"', DateKind="Offset")
    assert offset.utcoffset() == dt.timedelta(hours=4)
    (as_utc,) = from_json('"1970-01-01T00:00:00"', DateKind="Utc")
    assert as_utc == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    text = '"2022-11-02T12:01:44.5801388-04:00"'
    assert from_json(text, DateKind="String") == [text[1:-1]]


@pytest.mark.parametrize("as_hashtable", [True, False])
def test_comments_are_ignored(as_hashtable: bool) -> None:
    # ConvertFrom-Json.Tests.ps1:354-384
    assert from_json("[\n // comment\n 100,\n /* comment */\n 200\n]", AsHashtable=as_hashtable) == [100, 200]
    (obj,) = from_json('{\n // comment\n "a": 100,\n /* comment */\n "b": 200\n}', AsHashtable=as_hashtable)
    assert (obj["a"], obj["b"]) == (100, 200)


def test_empty_input_gives_nothing_but_null() -> None:
    # Json.Tests.ps1:197-201 and JsonObject.Tests.ps1:40-48
    assert from_json("") == [None]
    assert from_json("  ") == [None]
    assert from_json("{a:1}")[0].a == 1  # Newtonsoft reads unquoted names


def test_empty_keys_and_keys_that_differ_in_case() -> None:
    # JsonObject.Tests.ps1:86-118
    with pytest.raises(psbridge.PSError) as error:
        from_json('{"": "Value"}')
    assert error.value.error_id == "EmptyKeyInJsonString"
    assert from_json('{"": "Value"}', AsHashtable=True)[0][""] == "Value"
    with pytest.raises(psbridge.PSError) as error:
        from_json('{"key1": "Value1", "Key1": "Value2"}')
    assert error.value.error_id == "KeysWithDifferentCasingInJsonString"
    (table,) = from_json('{"key1": "Value1", "Key1": "Value2"}', AsHashtable=True)
    assert len(table) == 2 and table["key1"] == "Value1" and table["Key1"] == "Value2"


def test_nested_objects_convert_to_custom_objects() -> None:
    # Json.Tests.ps1:100-104
    text = '{"d":{"__type":"SimpleJsonObject","Name":{"First":"Joel","Last":"Wood"},"Greeting":"Hello"}}'
    (response,) = from_json(text)
    assert response.d.Name.First == "Joel"
