# ruff: noqa: E501 - one assertion per line reads best
"""Instance members of strings, arrays, lists, hashtables, ordered dictionaries, dates, spans, numbers,
regex matches, GUIDs and versions, as .NET answers them (not as Python's methods of the same name)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from psbridge.conversion import (
    MethodInvocationError,
    MethodNotFoundError,
    RuntimeException,
    Version,
    resolve_type,
)
from psbridge.conversion.collection_methods import DictionaryEntry
from psbridge.conversion.enums import DateTimeKind, StringComparison, StringSplitOptions
from psbridge.conversion.methods import get_property, has_member_table, invoke_method
from psbridge.conversion.statics import invoke_static
from psbridge.objects import Hashtable, OrderedDictionary
from psbridge.objects.numeric import Char, Int64


def call(target, name, *args):
    return invoke_method(target, name, args)


def test_string_methods_are_ordinal_and_dotnet_shaped():
    assert call("a b  c", "Split") == ["a", "b", "", "c"]  # String.Split, not str.split
    assert call("a,;b", "Split", ",;") == ["a", "b"]  # PowerShell 7 binds Split(string): one separator
    assert call("a,b;c", "Split", resolve_type("char[]").convert(",;")) == ["a", "b", "c"]
    assert call("a,,b", "Split", ",", StringSplitOptions.RemoveEmptyEntries) == ["a", "b"]
    assert call("a,b,c", "Split", ",", 2) == ["a", "b,c"]
    assert call("Hello", "IndexOf", "L") == -1 and call("Hello", "IndexOf", "L", StringComparison.OrdinalIgnoreCase) == 2
    assert call("Hello", "EndsWith", "LO", StringComparison.OrdinalIgnoreCase) is True
    assert call("abcabc", "LastIndexOf", "b") == 4 and call("abc", "IndexOfAny", ["x", "c"]) == 2
    assert call("aXbX", "Replace", "x", "-", StringComparison.OrdinalIgnoreCase) == "a-b-"
    with pytest.raises(MethodInvocationError, match="The value cannot be an empty string"):
        call("a", "Replace", "", "b")
    assert call("abc", "Remove", 1, 1) == "ac" and call("5", "PadRight", 3, "*") == "5**"
    assert call("abc", "Equals", "ABC") is False and call("abc", "Equals", "ABC", StringComparison.OrdinalIgnoreCase)
    assert call("b", "CompareTo", "a") == 1 and call("x", "ToString") == "x"
    assert call("abc", "Chars", 1) == "b" and isinstance(call("abc", "Chars", 1), Char)
    with pytest.raises(MethodInvocationError, match="startIndex cannot be larger than length of string"):
        call("abc", "Substring", 4)
    assert get_property("héllo", "Length") == (True, 5)
    assert has_member_table("x") and has_member_table([1]) and not has_member_table(object())


def test_arrays_are_fixed_size_and_lists_are_not():
    array = [1, 2, 3]
    for method, args in (("Add", (4,)), ("Remove", (1,)), ("Insert", (0, 1)), ("RemoveAt", (0,))):
        with pytest.raises(MethodInvocationError, match=r"Collection was of a fixed size\."):
            call(array, method, *args)
    assert array == [1, 2, 3]
    # IList.Clear of an array is Array.Clear: the length stays, the elements become default(T)
    cleared = [1, 2, 3]
    assert call(cleared, "Clear") is None and cleared == [None, None, None]
    assert call(array, "Contains", 2) is True and call(array, "Contains", "2") is False  # Object.Equals, no conversion
    assert call(["a"], "Contains", "A") is False and call([Int64(1)], "Contains", 1) is False
    assert get_property(array, "Length") == (True, 3) and get_property(array, "IsFixedSize") == (True, True)
    assert call(array, "GetUpperBound", 0) == 2
    items = resolve_type("System.Collections.Generic.List[int]").convert([])
    call(items, "Add", "7")
    call(items, "AddRange", [1, 2])
    call(items, "Insert", 0, 9)
    assert items == [9, 7, 1, 2] and call(items, "Contains", "7") is True  # the argument converts to Int32
    assert call(items, "Remove", 1) is True and call(items, "Remove", 5) is False
    call(items, "Sort")
    assert items == [2, 7, 9] and call(items, "IndexOf", 9) == 2
    call(items, "RemoveAt", 0)
    assert items == [7, 9] and call(items, "ToArray").element_type is resolve_type("int")
    with pytest.raises(MethodInvocationError, match="Index was out of range"):
        call(items, "RemoveAt", 5)
    assert call(items, "FindAll", lambda n: n > 7) == [9] and call(items, "Exists", lambda n: n == 7) is True
    words = ["b", "B", "a"]
    call(resolve_type("System.Collections.ArrayList").convert(words), "Sort")
    strings = resolve_type("System.Collections.Generic.List[string]").convert(["b", "B", "a"])
    call(strings, "Sort")
    assert strings == ["a", "b", "B"]  # culture order: lower case first for the same letter


def test_hashtable_and_ordered_dictionary():
    table = Hashtable(Name="x")
    call(table, "Add", "Count", 2)
    assert call(table, "ContainsKey", "name") is True and call(table, "ContainsValue", 2) is True
    with pytest.raises(MethodInvocationError, match=r"Item has already been added. Key in dictionary: 'name'"):
        call(table, "Add", "name", 1)
    with pytest.raises(MethodInvocationError, match="Key cannot be null"):
        call(table, "Add", None, 1)
    entries = call(table, "GetEnumerator")
    assert entries == [DictionaryEntry("Name", "x"), DictionaryEntry("Count", 2)] and entries[0].Name == "Name"
    clone = call(table, "Clone")
    call(clone, "Remove", "Name")
    assert "Name" in table and "Name" not in clone
    ordered = OrderedDictionary(a=1, c=3)
    call(ordered, "Insert", 1, "b", 2)
    assert list(ordered) == ["a", "b", "c"]
    call(ordered, "RemoveAt", 0)
    assert list(ordered) == ["b", "c"]
    with pytest.raises(MethodNotFoundError, match="does not contain a method named 'Insert'"):
        call(table, "Insert", 0, "k", "v")
    assert get_property(table, "Keys") == (True, ["Name", "Count"])


def test_datetime_and_offset_members():
    day = dt.datetime(2024, 3, 10, 8, 5, 3, 250000)
    assert call(day, "AddMilliseconds", 1.6) == dt.datetime(2024, 3, 10, 8, 5, 3, 252000)
    assert call(day, "AddYears", 1) == dt.datetime(2025, 3, 10, 8, 5, 3, 250000)
    assert call(day, "ToString", "o") == "2024-03-10T08:05:03.2500000"
    assert call(day, "Subtract", dt.datetime(2024, 3, 9)) == dt.timedelta(days=1, seconds=29103.25)
    assert get_property(day, "Date") == (True, dt.datetime(2024, 3, 10))
    assert get_property(day, "TimeOfDay") == (True, dt.timedelta(hours=8, minutes=5, seconds=3.25))
    assert get_property(day, "Kind") == (True, DateTimeKind.Unspecified)
    assert get_property(day, "UtcDateTime") == (False, None)  # a DateTimeOffset property
    with pytest.raises(MethodNotFoundError):
        call(day, "ToUnixTimeSeconds")
    with pytest.raises(MethodInvocationError, match="un-representable DateTime"):
        call(dt.datetime(9999, 12, 31), "AddDays", 1)
    created = invoke_static(resolve_type("DateTimeOffset"), "FromUnixTimeSeconds", [86400])
    assert get_property(created, "UtcDateTime") == (True, dt.datetime(1970, 1, 2, tzinfo=dt.UTC))
    assert get_property(created, "Offset") == (True, dt.timedelta(0))
    assert call(created, "ToUnixTimeMilliseconds") == 86_400_000
    assert call(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "ToFileTimeUtc") == 133485408000000000


def test_timespan_members():
    span = dt.timedelta(days=-1, hours=23, minutes=30)  # -00:30:00
    assert get_property(span, "Minutes") == (True, -30) and get_property(span, "TotalMinutes") == (True, -30.0)
    assert call(span, "Duration") == dt.timedelta(minutes=30) and call(span, "Negate") == dt.timedelta(minutes=30)
    assert call(dt.timedelta(hours=1), "Add", "00:30") == dt.timedelta(minutes=90)
    assert call(dt.timedelta(hours=1), "ToString") == "01:00:00"
    assert call(dt.timedelta(hours=1, minutes=2), "ToString", r"hh\:mm") == "01:02"


def test_number_guid_version_match_members():
    assert call(1234.5, "ToString", "N1") == "1,234.5" and call(0.1 + 0.2, "ToString") == "0.30000000000000004"
    assert call(42, "ToString", "X4") == "002A" and call(5, "CompareTo", 7) == -1
    assert call(5, "Equals", 5) is True and call(5, "Equals", Int64(5)) is False
    assert call(True, "ToString") == "True"
    guid = uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert call(guid, "ToString", "B") == "{12345678-1234-5678-1234-567812345678}"
    assert len(call(guid, "ToByteArray")) == 16
    version = Version(1, 2, 3)
    assert call(version, "ToString", 2) == "1.2" and call(version, "CompareTo", Version(1, 3)) == -1
    assert get_property(version, "Build") == (True, 3)
    found = invoke_static(resolve_type("regex"), "Match", ["ab12", r"(?<d>\d)(\d)"])
    assert get_property(found, "Success") == (True, True) and get_property(found, "Index") == (True, 2)
    assert get_property(found, "Groups")[1]["d"].Value == "1" and call(found, "ToString") == "12"
    assert call(found, "Result", "$2$1") == "12"  # .NET numbers the named group d after the unnamed one
    assert call(call(found, "NextMatch"), "ToString") == ""


def test_missing_members_name_the_type():
    with pytest.raises(MethodNotFoundError, match=r"\[System.Int32\] does not contain a method named 'Frob'"):
        call(5, "Frob")
    with pytest.raises(MethodNotFoundError, match=r"\[System.Object\[\]\] does not contain a method named 'count'"):
        call([1], "count")  # not Python's list.count
    with pytest.raises(RuntimeException, match="null-valued expression"):
        call(None, "ToString")


def test_uri_properties():
    uri = resolve_type("uri").convert("https://Example.test/a/b.txt?x=1#top")
    assert get_property(uri, "Host") == (True, "example.test") and get_property(uri, "Port") == (True, 443)
    assert get_property(uri, "AbsolutePath") == (True, "/a/b.txt") and get_property(uri, "Query") == (True, "?x=1")
    assert get_property(uri, "Segments") == (True, ["/", "a/", "b.txt"])
    assert get_property(uri, "AbsoluteUri") == (True, "https://example.test/a/b.txt?x=1#top")
    relative = resolve_type("uri").convert("a/b")
    assert get_property(relative, "IsAbsoluteUri") == (True, False)
    with pytest.raises(RuntimeException, match="not supported for a relative URI"):
        get_property(relative, "Host")


def test_void_methods_are_known():
    from psbridge.conversion.methods import is_void_method
    from psbridge.conversion.statics import is_void_static
    from psbridge.conversion.utilities import Stopwatch

    typed = resolve_type("System.Collections.Generic.List[int]").convert([])
    arraylist = resolve_type("System.Collections.ArrayList").convert([])
    assert is_void_method(typed, "Add") and not is_void_method(arraylist, "Add")
    assert is_void_method(arraylist, "Remove") and not is_void_method(typed, "Remove")
    assert is_void_method(Hashtable(), "add") and not is_void_method(Hashtable(), "ContainsKey")
    assert is_void_method(Stopwatch(), "Stop") and not is_void_method(Stopwatch(), "StartNew")
    assert not is_void_method("x", "Trim")
    assert is_void_static(resolve_type("IO.File"), "WriteAllText") and not is_void_static(resolve_type("IO.File"), "Exists")
    assert is_void_static(resolve_type("array"), "Sort")


def test_generic_stack_queue_and_hashset():
    from psbridge.conversion.methods import is_void_method

    stack = invoke_static(resolve_type("System.Collections.Generic.Stack[int]"), "new", [])
    call(stack, "Push", "42")
    call(stack, "Push", 40)
    assert list(stack) == [40, 42] and get_property(stack, "Count") == (True, 2)  # enumerated from the top
    assert call(stack, "Pop") == 40 and call(stack, "Peek") == 42 and is_void_method(stack, "Push")
    with pytest.raises(MethodInvocationError, match="Stack empty"):
        call(resolve_type("System.Collections.Generic.Stack[int]").convert([]), "Pop")
    queue = resolve_type("System.Collections.Generic.Queue[string]").convert(["a", "b"])
    call(queue, "Enqueue", 1)
    assert call(queue, "Dequeue") == "a" and list(queue) == ["b", "1"]
    unique = resolve_type("System.Collections.Generic.HashSet[string]").convert(["a", "b", "a"])
    assert list(unique) == ["a", "b"] and call(unique, "Add", "A") is True and call(unique, "Add", "a") is False
    call(unique, "ExceptWith", ["a", "b"])
    assert list(unique) == ["A"] and resolve_type("System.Collections.Generic.HashSet[string]").is_instance(unique)


def test_type_members():
    listed = resolve_type("System.Collections.Generic.List[int]")
    assert call(listed, "GetGenericArguments") == [resolve_type("int")] and get_property(listed, "IsGenericType") == (True, True)
    assert get_property(resolve_type("int[]"), "IsArray") == (True, True) and call(resolve_type("int[]"), "GetElementType") is resolve_type("int")
    assert get_property(resolve_type("System.DayOfWeek"), "IsEnum") == (True, True) and call(resolve_type("System.DayOfWeek"), "GetEnumNames")[0] == "Sunday"
    assert get_property(resolve_type("int"), "Namespace") == (True, "System") and get_property(resolve_type("string"), "IsValueType") == (True, False)
    assert get_property(uuid.UUID(int=1), "Guid") == (True, "00000000-0000-0000-0000-000000000001")
