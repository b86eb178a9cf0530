# ruff: noqa: E501 - one assertion per line reads best
"""Static members scripts call: [math], numeric Parse/TryParse, [string], [char], [regex], [convert],
[Text.Encoding], [IO.Path], [IO.File], [IO.Directory], [Environment], [array], [enum], [datetime],
[DateTimeOffset], [timespan], [guid], [uri] and the utility classes."""

from __future__ import annotations

import datetime as dt
import math
import os
import uuid
from decimal import Decimal

import pytest

from psbridge.conversion import MethodInvocationError, MethodNotFoundError, RuntimeException, Version, resolve_type
from psbridge.conversion.enums import DayOfWeek, MidpointRounding, StringComparison
from psbridge.conversion.member_args import REFERENCE_TYPE_NAME
from psbridge.conversion.methods import get_property, invoke_method
from psbridge.conversion.statics import get_static, invoke_static
from psbridge.objects.encoding import TextEncoding
from psbridge.objects.numeric import Char, Int64


class Ref:
    """Stands in for the evaluator's ``[ref]$x`` (same .NET type name, a settable Value)."""

    __ps_type_name__ = REFERENCE_TYPE_NAME

    def __init__(self, value=None):
        self.Value = value


def static(type_name, name, *args):
    return invoke_static(resolve_type(type_name), name, args)


def prop(type_name, name):
    return get_static(resolve_type(type_name), name)


def test_math():
    assert static("math", "Max", 1, 2.5) == 2.5 and type(static("math", "Max", 1, 2)) is int
    assert static("math", "Min", Int64(5), 3) == 3 and isinstance(static("math", "Min", Int64(5), 3), Int64)
    assert static("math", "Abs", -5) == 5 and static("math", "Abs", Decimal("-1.5")) == Decimal("1.5")
    with pytest.raises(MethodInvocationError, match="Negating the minimum value"):
        static("math", "Abs", -(2**31))
    assert static("math", "Floor", 2.7) == 2.0 and static("math", "Ceiling", Decimal("2.1")) == Decimal(3)
    assert static("math", "Truncate", -2.7) == -2.0
    assert static("math", "Sqrt", -1) != static("math", "Sqrt", -1)  # NaN, never an exception
    assert static("math", "Log", 0) == -math.inf and static("math", "Log", 8, 2) == pytest.approx(3)
    assert static("math", "Pow", 2, 10) == 1024.0 and static("math", "Sign", -3.5) == -1
    assert static("math", "Round", 2.345, 2, MidpointRounding.AwayFromZero) == pytest.approx(2.35)
    assert static("math", "Round", Decimal("2.5")) == Decimal(2)
    assert static("math", "Clamp", 15, 0, 10) == 10 and static("math", "BigMul", 2**31 - 1, 2) == 2**32 - 2
    remainder = Ref()
    assert static("math", "DivRem", 7, 2, remainder) == 3 and remainder.Value == 1
    with pytest.raises(MethodInvocationError, match="Rounding digits must be between 0 and 15"):
        static("math", "Round", 1.5, 16)


def test_numeric_parse_is_dotnet_strict_and_tryparse_writes_through_ref():
    assert static("int", "Parse", " -42 ") == -42
    with pytest.raises(MethodInvocationError, match=r"The input string '0x10' was not in a correct format\."):
        static("int", "Parse", "0x10")  # a cast takes hex; Int32.Parse does not
    with pytest.raises(MethodInvocationError, match="Value was either too large or too small for an Int32"):
        static("int", "Parse", "2147483648")
    assert static("double", "Parse", "1,000.5") == 1000.5 and static("decimal", "Parse", "0.1") == Decimal("0.1")
    number = Ref()
    assert static("int", "TryParse", "12", number) is True and number.Value == 12
    assert static("int", "TryParse", "x", number) is False and number.Value == 0
    real = Ref()
    assert static("double", "TryParse", "1e3", real) is True and real.Value == 1000.0
    with pytest.raises(RuntimeException, match=r"Argument: '2' should be a System.Management.Automation.PSReference"):
        static("int", "TryParse", "12", 0)
    assert static("double", "IsNaN", math.nan) is True
    assert prop("long", "MaxValue") == 2**63 - 1 and isinstance(prop("long", "MaxValue"), Int64)
    assert prop("byte", "MinValue") == 0 and prop("double", "Epsilon") == 5e-324


def test_string_and_char_statics():
    assert static("string", "Join", ", ", ["a", 1, None]) == "a, 1, "
    assert static("string", "Join", "-", "a", "b", "c") == "a-b-c"
    assert static("string", "Format", "{0:N2}|{1,-3}|", 1234.5, "x") == "1,234.50|x  |"
    assert static("string", "Concat", "a", 1, None) == "a1"
    assert static("string", "Compare", "a", "B") < 0 and static("string", "Compare", "b", "B", True) == 0
    assert static("string", "Equals", "A", "a", StringComparison.OrdinalIgnoreCase) is True
    assert static("string", "Equals", "A", "a") is False
    assert static("string", "new", "=", 3) == "===" and prop("string", "Empty") == ""
    assert static("string", "IsNullOrEmpty", None) is True and static("string", "IsNullOrWhiteSpace", "\t") is True
    assert static("char", "IsDigit", "7") is True and static("char", "IsLetter", "a1", 1) is False
    assert static("char", "IsUpper", "A") is True and static("char", "ToUpper", "q") == "Q"
    assert isinstance(static("char", "ToUpper", "q"), Char)
    assert static("char", "ConvertFromUtf32", 0x1F600) == "\U0001f600" and static("char", "IsWhiteSpace", " ") is True


def test_regex_and_uri_statics():
    assert static("regex", "Replace", "a1b22", r"\d+", "#") == "a#b#"
    assert static("regex", "IsMatch", "ABC", "abc", "IgnoreCase") is True and static("regex", "IsMatch", "ABC", "abc") is False
    assert [m.Value for m in static("regex", "Matches", "a1b22", r"\d+")] == ["1", "22"]
    assert static("regex", "Match", "key=value", r"(?<k>\w+)=(?<v>\w+)").Groups["v"].Value == "value"
    assert static("regex", "Split", "a, b,c", r",\s*") == ["a", "b", "c"]
    assert static("regex", "Unescape", r"a\.b\tc") == "a.b\tc"
    assert static("uri", "EscapeDataString", "a b&c/é") == "a%20b%26c%2F%C3%A9"
    assert static("uri", "UnescapeDataString", "a%20b") == "a b"
    assert static("uri", "IsWellFormedUriString", "https://x.test/a", "Absolute") is True


def test_convert():
    data = invoke_method(prop("System.Text.Encoding", "UTF8"), "GetBytes", ["héllo"])
    encoded = static("convert", "ToBase64String", data)
    assert encoded == "aMOpbGxv"
    assert invoke_method(prop("Text.Encoding", "UTF8"), "GetString", [static("convert", "FromBase64String", encoded)]) == "héllo"
    with pytest.raises(MethodInvocationError, match="not a valid Base-64 string"):
        static("convert", "FromBase64String", "abc")
    assert static("convert", "ToInt32", "FF", 16) == 255 and static("convert", "ToInt32", "FFFFFFFF", 16) == -1
    assert static("convert", "ToInt32", "101", 2) == 5 and static("convert", "ToInt32", 2.5) == 2
    assert static("convert", "ToInt32", None) == 0
    with pytest.raises(MethodInvocationError, match=r"Invalid Base\."):
        static("convert", "ToInt32", "1", 3)
    with pytest.raises(MethodInvocationError, match="The input string 'x' was not in a correct format"):
        static("convert", "ToInt32", "x")
    assert static("convert", "ToString", 255, 2) == "11111111" and static("convert", "ToString", -1, 16) == "ffffffff"
    assert static("convert", "ToBoolean", " True ") is True and static("convert", "ToBoolean", 0) is False
    with pytest.raises(MethodInvocationError, match="String 'yes' was not recognized as a valid Boolean"):
        static("convert", "ToBoolean", "yes")
    assert static("convert", "ToHexString", [1, 171]) == "01AB" and list(static("convert", "FromHexString", "01ab")) == [1, 171]


def test_encoding_is_the_encoding_parameters_take():
    utf8 = prop("System.Text.Encoding", "UTF8")
    assert isinstance(utf8, TextEncoding) and resolve_type("System.Text.Encoding").is_instance(utf8)
    assert list(invoke_method(utf8, "GetPreamble", [])) == [0xEF, 0xBB, 0xBF]  # Encoding.UTF8 has a BOM
    assert list(invoke_method(prop("Text.Encoding", "Default"), "GetPreamble", [])) == []
    unicode = prop("Text.Encoding", "Unicode")
    assert list(invoke_method(unicode, "GetBytes", ["A"])) == [65, 0] and invoke_method(unicode, "GetByteCount", ["ab"]) == 4
    assert invoke_method(utf8, "GetString", [[104, 105, 33], 0, 2]) == "hi"
    assert static("Text.Encoding", "GetEncoding", "iso-8859-1").CodePage == 28591
    assert str(utf8) == "System.Text.UTF8Encoding" and utf8.WebName == "utf-8"


def test_path(tmp_path):
    assert static("IO.Path", "Combine", "a", "/b", "c") == "/b/c" and static("IO.Path", "Join", "a", "/b") == "a/b"
    assert static("IO.Path", "GetExtension", "x/y.tar.gz") == ".gz" and static("IO.Path", "GetExtension", "a.") == ""
    assert static("IO.Path", "GetFileName", "/x/y.txt") == "y.txt" and static("IO.Path", "GetDirectoryName", "/x/y.txt") == "/x"
    assert static("IO.Path", "GetDirectoryName", "/") is None
    assert static("IO.Path", "ChangeExtension", "a/b.txt", ".md") == "a/b.md" and static("IO.Path", "ChangeExtension", "b.txt", None) == "b"
    assert static("IO.Path", "IsPathRooted", "/a") is True and static("IO.Path", "GetFullPath", "b", str(tmp_path)) == f"{tmp_path}/b"
    with pytest.raises(MethodInvocationError, match=r"Value cannot be null. \(Parameter 'path2'\)"):
        static("IO.Path", "Combine", "a", None)
    assert prop("IO.Path", "DirectorySeparatorChar") == "/"


def test_file_and_directory(tmp_path):
    target = str(tmp_path / "f.txt")
    static("IO.File", "WriteAllText", target, "one\ntwo\n")
    assert (tmp_path / "f.txt").read_bytes() == b"one\ntwo\n"  # UTF-8 without a BOM
    assert static("IO.File", "Exists", target) is True and static("IO.File", "ReadAllLines", target) == ["one", "two"]
    static("IO.File", "AppendAllText", target, "three")
    assert static("IO.File", "ReadAllText", target) == "one\ntwo\nthree"
    static("IO.File", "WriteAllText", target, "é", prop("Text.Encoding", "UTF8"))
    assert (tmp_path / "f.txt").read_bytes() == b"\xef\xbb\xbf\xc3\xa9" and static("IO.File", "ReadAllText", target) == "é"
    assert list(static("IO.File", "ReadAllBytes", target))[:3] == [0xEF, 0xBB, 0xBF]
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(MethodInvocationError) as caught:
        static("IO.File", "ReadAllText", missing)
    assert str(caught.value) == f'Exception calling "ReadAllText" with "1" argument(s): "Could not find file \'{missing}\'."'
    with pytest.raises(MethodInvocationError, match="Could not find a part of the path"):
        static("IO.File", "WriteAllText", str(tmp_path / "no" / "dir.txt"), "x")
    copy = str(tmp_path / "g.txt")
    static("IO.File", "Copy", target, copy)
    with pytest.raises(MethodInvocationError, match="already exists"):
        static("IO.File", "Copy", target, copy)
    static("IO.File", "Delete", copy)
    static("IO.File", "Delete", copy)  # deleting a missing file is not an error
    assert not os.path.exists(copy)
    made = static("IO.Directory", "CreateDirectory", str(tmp_path / "d" / "e"))
    assert made.FullName == str(tmp_path / "d" / "e") and made.Name == "e"
    assert static("IO.Directory", "Exists", str(tmp_path / "d")) is True
    assert static("IO.Directory", "GetFiles", str(tmp_path), "*.TXT") == [target]


def test_environment(monkeypatch):
    monkeypatch.setenv("PSB_TEST_VAR", "1")
    assert static("Environment", "GetEnvironmentVariable", "PSB_TEST_VAR") == "1"
    static("Environment", "SetEnvironmentVariable", "PSB_TEST_VAR", None)
    assert static("Environment", "GetEnvironmentVariable", "PSB_TEST_VAR") is None
    monkeypatch.setenv("PSB_TEST_VAR", "v")
    assert static("Environment", "ExpandEnvironmentVariables", "%PSB_TEST_VAR%-%PSB_UNSET_VAR%") == "v-%PSB_UNSET_VAR%"
    assert prop("Environment", "NewLine") == "\n" and prop("Environment", "ProcessorCount") >= 1
    assert prop("Environment", "MachineName") == os.uname().nodename
    with pytest.raises(MethodNotFoundError):
        static("Environment", "MachineName")  # a property, not a method


def test_array_and_enum_statics():
    items = [3, 1, 2]
    static("array", "Sort", items)
    assert items == [1, 2, 3] and static("array", "IndexOf", items, 2) == 1
    static("array", "Reverse", items)
    assert items == [3, 2, 1]
    array = Ref(resolve_type("int[]").convert([1, 2]))
    static("array", "Resize", array, 4)
    assert array.Value == [1, 2, 0, 0] and array.Value.element_type is resolve_type("int")
    assert static("array", "CreateInstance", resolve_type("string"), 2) == [None, None]
    assert static("array", "Exists", [1, 5], lambda n: n > 4) is True
    weekday = resolve_type("System.DayOfWeek")
    assert prop("System.DayOfWeek", "monday") is DayOfWeek.Monday
    assert static("enum", "GetNames", weekday)[0] == "Sunday" and len(static("enum", "GetValues", weekday)) == 7
    assert static("enum", "Parse", weekday, "friday", True) is DayOfWeek.Friday
    with pytest.raises(MethodInvocationError, match="Requested value 'friday' was not found"):
        static("enum", "Parse", weekday, "friday")
    assert static("enum", "IsDefined", weekday, "Friday") is True


def test_datetime_timespan_guid_statics():
    assert static("datetime", "ParseExact", "15/01/2024 13:05", "dd/MM/yyyy HH:mm", None) == dt.datetime(2024, 1, 15, 13, 5)
    with pytest.raises(MethodInvocationError, match="was not recognized as a valid DateTime"):
        static("datetime", "ParseExact", "2024-01-15", "dd/MM/yyyy", None)
    parsed = Ref()
    assert static("datetime", "TryParse", "2024-02-29", parsed) is True and parsed.Value == dt.datetime(2024, 2, 29)
    assert static("datetime", "TryParse", "nope", parsed) is False and parsed.Value == dt.datetime(1, 1, 1)
    assert static("datetime", "new", 2024, 1, 2, 3, 4, 5) == dt.datetime(2024, 1, 2, 3, 4, 5)
    assert static("datetime", "IsLeapYear", 2024) is True and static("datetime", "DaysInMonth", 2023, 2) == 28
    assert prop("datetime", "UtcNow").tzinfo is dt.UTC and prop("datetime", "Now").tzinfo is not None
    created = static("DateTimeOffset", "FromUnixTimeSeconds", 1700000000)
    assert created == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    assert invoke_method(created, "ToUnixTimeSeconds", []) == 1700000000
    with pytest.raises(MethodNotFoundError):
        static("datetime", "FromUnixTimeSeconds", 0)  # a DateTimeOffset member only
    assert static("timespan", "FromMinutes", 1.5) == dt.timedelta(seconds=90)
    assert static("timespan", "new", 1, 2, 3) == dt.timedelta(hours=1, minutes=2, seconds=3)
    assert static("timespan", "Parse", "1.02:03:04") == dt.timedelta(days=1, hours=2, minutes=3, seconds=4)
    guid = static("guid", "NewGuid")
    assert isinstance(guid, uuid.UUID) and guid.version == 4 and prop("guid", "Empty") == uuid.UUID(int=0)
    found = Ref()
    assert static("guid", "TryParse", "{" + str(guid) + "}", found) is True and found.Value == guid
    assert invoke_method(guid, "ToString", ["N"]) == guid.hex


def test_utility_classes():
    builder = static("System.Text.StringBuilder", "new")
    assert invoke_method(invoke_method(builder, "Append", ["a"]), "AppendLine", ["b"]) is builder
    invoke_method(builder, "AppendFormat", ["{0}-{1}", 1, 2])
    assert invoke_method(builder, "ToString", []) == "ab\n1-2" and builder.Length == 6
    watch = static("System.Diagnostics.Stopwatch", "StartNew")
    assert watch.IsRunning is True
    invoke_method(watch, "Stop", [])
    assert watch.IsRunning is False and isinstance(watch.Elapsed, dt.timedelta)
    seeded = static("Random", "new", 42)
    again = static("System.Random", "new", 42)
    assert [invoke_method(seeded, "Next", [10]) for _ in range(5)] == [invoke_method(again, "Next", [10]) for _ in range(5)]
    assert 5 <= invoke_method(seeded, "Next", [5, 6]) < 6
    with pytest.raises(MethodNotFoundError, match=r"\[System.Text.StringBuilder\] does not contain a method named 'Nope'"):
        invoke_method(builder, "Nope", [])


def test_missing_static_is_methodnotfound_and_missing_property_is_null():
    with pytest.raises(MethodNotFoundError, match=r"\[System.IO.File\] does not contain a method named 'Frob'"):
        static("IO.File", "Frob")
    assert prop("math", "NoSuchConstant") is None


def test_version_culture_nullstring_and_static_classes():
    assert static("version", "Parse", "1.2.3") == Version(1, 2, 3) and static("version", "new", 2, 1) == Version(2, 1)
    parsed = Ref()
    assert static("version", "TryParse", "x.y", parsed) is False and parsed.Value is None
    assert static("System.Text.UTF8Encoding", "new", False).preamble == b""
    assert static("System.Text.UTF8Encoding", "new", True).preamble == b"\xef\xbb\xbf"
    assert prop("cultureinfo", "InvariantCulture").Name == ""
    assert invoke_method(1234.5, "ToString", ["N1", prop("cultureinfo", "InvariantCulture")]) == "1,234.5"
    assert prop("NullString", "Value") is None
    assert resolve_type("math").is_instance(5) is False  # a static class has no instances
    with pytest.raises(MethodNotFoundError):
        static("math", "new")
    assert get_property(static("uri", "new", "https://x.test/a"), "Host") == (True, "x.test")


def test_wildcard_pattern_statics():
    assert static("WildcardPattern", "Escape", "abc`def*") == "abc``def`*"
    assert static("WildcardPattern", "Unescape", "a`*b") == "a*b"
    assert static("WildcardPattern", "ContainsWildcardCharacters", "a`*b") is False
    assert static("WildcardPattern", "ContainsWildcardCharacters", "a*b") is True
