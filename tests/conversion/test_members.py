""".NET members scripts use: instance methods and properties, static members, .Where/.ForEach."""

from __future__ import annotations

import datetime as dt

import pytest

from psbridge.conversion import GenericList, MethodInvocationError, MethodNotFoundError, RuntimeException, resolve_type
from psbridge.conversion.enums import DayOfWeek, MidpointRounding
from psbridge.conversion.methods import foreach_method, get_property, invoke_method, where_method
from psbridge.conversion.statics import get_static, invoke_static
from psbridge.objects import Hashtable


def call(target, name, *args):
    return invoke_method(target, name, args)


def static(type_name, name, *args):
    return invoke_static(resolve_type(type_name), name, args)


def test_string_methods():
    assert call("hello", "Substring", 1, 3) == "ell" and call("hello", "substring", "1") == "ello"
    assert call("a,b,,c", "Split", ",") == ["a", "b", "", "c"]
    assert call("  x  ", "Trim") == "x" and call("xxaxx", "Trim", "x") == "a" and call("ab ", "TrimEnd") == "ab"
    assert call("Hello", "StartsWith", "he") is False and call("Hello", "StartsWith", "he", True) is True
    assert call("Hello", "Contains", "ell") is True and call("Hello", "IndexOf", "l") == 2
    assert call("7", "PadLeft", 3, "0") == "007" and call("ab", "Insert", 1, "-") == "a-b"
    assert call("abcdef", "Remove", 2) == "ab" and call("abc", "ToCharArray") == ["a", "b", "c"]
    assert call("a-b", "Replace", "-", "+") == "a+b"
    assert get_property("abc", "Length") == (True, 3)


def test_string_method_errors_name_the_type_and_method():
    with pytest.raises(MethodNotFoundError) as caught:
        call("x", "Foo")
    expected = "Method invocation failed because [System.String] does not contain a method named 'Foo'."
    assert str(caught.value) == expected
    assert caught.value.error_id == "MethodNotFound"
    with pytest.raises(MethodInvocationError, match="Exception calling \"Substring\" with \"1\" argument"):
        call("abc", "Substring", 9)
    with pytest.raises(RuntimeException, match="null-valued expression"):
        call(None, "Trim")


def test_collections():
    assert call([1, 2, 3], "Contains", 2) is True and call([1, 2, 3], "IndexOf", 3) == 2
    with pytest.raises(MethodInvocationError, match=r"Collection was of a fixed size\."):
        call([1], "Add", 2)
    items = resolve_type("System.Collections.Generic.List[int]").convert([])
    assert isinstance(items, GenericList)
    call(items, "Add", "5")
    assert items == [5]
    table = Hashtable(a=1)
    call(table, "Add", "b", 2)
    assert call(table, "ContainsKey", "B") is True
    with pytest.raises(MethodInvocationError, match="Item has already been added"):
        call(table, "Add", "A", 3)
    call(table, "Remove", "a")
    assert list(table) == ["b"]
    assert [entry.Key for entry in call(Hashtable(x=1, y=2), "GetEnumerator")] == ["x", "y"]


def test_datetime_and_timespan_members():
    day = dt.datetime(2024, 1, 31, 10, 30)
    assert call(day, "AddDays", 1) == dt.datetime(2024, 2, 1, 10, 30)
    assert call(day, "AddMonths", 1) == dt.datetime(2024, 2, 29, 10, 30)
    assert call(day, "ToString", "yyyy-MM-dd HH:mm") == "2024-01-31 10:30"
    assert get_property(day, "DayOfWeek") == (True, DayOfWeek.Wednesday)
    assert get_property(day, "Year") == (True, 2024)
    span = dt.timedelta(days=1, hours=12)
    assert get_property(span, "TotalHours") == (True, 36.0) and get_property(span, "Hours") == (True, 12)
    assert call(dt.datetime(1970, 1, 2, tzinfo=dt.UTC), "ToUnixTimeSeconds") == 86400


def test_static_members():
    assert static("math", "Round", 2.5) == 2.0 and static("math", "Round", 3.5) == 4.0
    assert static("math", "Round", 2.5, MidpointRounding.AwayFromZero) == 3.0
    assert static("math", "Round", 1.005, 2) == 1.0  # the double is just below 1.005, as .NET sees it
    assert get_static(resolve_type("math"), "PI") == pytest.approx(3.14159265)
    assert static("string", "Join", "-", [1, 2]) == "1-2" and static("string", "IsNullOrWhiteSpace", " ") is True
    assert get_static(resolve_type("int"), "MaxValue") == 2147483647 and static("int", "Parse", "42") == 42
    assert static("regex", "Escape", "a.b*") == r"a\.b\*"
    utf8 = get_static(resolve_type("System.Text.Encoding"), "UTF8")
    assert static("convert", "ToBase64String", call(utf8, "GetBytes", "hi")) == "aGk="
    assert call(utf8, "GetString", static("convert", "FromBase64String", "aGk=")) == "hi"
    assert static("convert", "ToInt32", "ff", 16) == 255
    assert static("IO.Path", "Combine", "/a", "b", "c.txt") == "/a/b/c.txt"
    assert static("System.IO.Path", "GetFileNameWithoutExtension", "/x/y.txt") == "y"
    assert static("datetime", "ParseExact", "2024-01-15", "yyyy-MM-dd") == dt.datetime(2024, 1, 15)
    assert len(str(static("guid", "NewGuid"))) == 36
    with pytest.raises(MethodNotFoundError, match=r"\[System.Math\] does not contain a method named 'Nope'"):
        static("math", "Nope")


def test_intrinsic_where_and_foreach():
    assert where_method([1, 2, 3, 4], lambda n: n % 2 == 0) == [2, 4]
    assert where_method([1, 2, 3, 4], lambda n: n > 1, "First") == [2]
    assert where_method([1, 2, 3, 4], lambda n: n > 2, "Split") == [[3, 4], [1, 2]]
    assert foreach_method([1, 2], lambda n: n * 10) == [10, 20]
    assert foreach_method(["ab", "c"], "Length") == [2, 1]
    assert foreach_method(["a,b", "c"], "Split", ",") == ["a", "b", "c"]
    assert foreach_method(["1", "2"], resolve_type("int")) == [1, 2]
