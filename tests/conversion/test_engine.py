"""The conversion engine and the operators, unit by unit: LanguagePrimitives' and the binder's rules."""

from __future__ import annotations

import datetime as dt
import decimal

import pytest

from psbridge.conversion import (
    OFS,
    PSInvalidCastError,
    TypeNotFoundError,
    as_type,
    convert_to,
    is_instance,
    is_true,
    parse_number,
    resolve_type,
    to_string,
    type_of,
)
from psbridge.conversion.operators import (
    BINARY,
    add,
    band,
    bnot,
    compare,
    divide,
    format_operator,
    join,
    match,
    multiply,
    negate,
    remainder,
    shift_left,
    subtract,
    unary_join,
)
from psbridge.objects import Hashtable, OrderedDictionary, PSObject
from psbridge.objects.numeric import Byte, Char, Int64, UInt32, format_double


@pytest.mark.parametrize(
    ("value", "round_trip", "string"),
    [(0.1 + 0.2, "0.30000000000000004", "0.3"), (1e20, "1E+20", "1E+20"), (1e15, "1E+15", "1E+15"),
     (1e14, "100000000000000", "100000000000000"), (0.00001, "1E-05", "1E-05"), (0.0001, "0.0001", "0.0001"),
     (-60.0, "-60", "-60"), (2.0**53, "9007199254740992", "9.00719925474099E+15"), (1 / 3, "0.3333333333333333",
     "0.333333333333333")],
)  # fmt: skip
def test_doubles_print_as_dotnet_does(value, round_trip, string):
    # ToString() is the shortest round trip; [string] uses "G15" (LanguagePrimitives.DoublePrecision)
    assert format_double(value) == round_trip
    assert to_string(value) == string


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [("0x10", 16, int), ("1kb", 1024, int), (" 7 ", 7, int), ("", 0, int), ("10l", 10, Int64),
     ("1.5d", decimal.Decimal("1.5"), decimal.Decimal), ("2147483648", 2147483648, Int64), ("1e3", 1000.0, float),
     ("-0x10", -16, int), ("200uy", 200, Byte)],
)  # fmt: skip
def test_parse_number_uses_the_lexer(text, value, kind):
    parsed = parse_number(text)
    assert parsed == value and type(parsed) is kind


@pytest.mark.parametrize(
    ("value", "type_name", "result"),
    [("0x10", "int", 16), ("&h10", "int", 16), ("1,000", "int", 1000), (12.5, "int", 12), (13.5, "int", 14),
     ("12.5", "int", 12), (True, "int", 1), (None, "int", 0), (Char("a"), "int", 97), (97, "char", "a"),
     (0.1, "decimal", decimal.Decimal("0.1")), ("Infinity", "double", float("inf")), ("5", "long", 5),
     (["1", 2.5], "int[]", [1, 2]), ("5", "string[]", ["5"]), ("abc", "char[]", ["a", "b", "c"])],
)  # fmt: skip
def test_casts(value, type_name, result):
    assert convert_to(value, type_name) == result


@pytest.mark.parametrize(
    ("value", "type_name", "message", "error_id"),
    [
        ("abc", "int", 'Cannot convert value "abc" to type "System.Int32". Error: "The input string \'abc\' was '
         'not in a correct format."', "InvalidCastFromStringToInteger"),
        (2**31, "int", 'Cannot convert value "2147483648" to type "System.Int32". Error: "Value was either too large '
         'or too small for an Int32."', "InvalidCastIConvertible"),
        ([1, 2], "int", 'Cannot convert the "System.Object[]" value of type "System.Object[]" to type "System.Int32".',
         "ConvertToFinalInvalidCastException"),
        (None, "datetime", 'Cannot convert null to type "System.DateTime".', "nullToObjectInvalidCast"),
        ("ab", "char", 'Cannot convert value "ab" to type "System.Char". Error: "String must be exactly one '
         'character long."', "InvalidCastParseTargetInvocation"),
        ("abc", "datetime", 'Cannot convert value "abc" to type "System.DateTime". Error: "String \'abc\' was not '
         'recognized as a valid DateTime."', "InvalidCastParseTargetInvocation"),
    ],
)  # fmt: skip
def test_cast_failures_carry_powershells_message_and_id(value, type_name, message, error_id):
    with pytest.raises(PSInvalidCastError) as caught:
        convert_to(value, type_name)
    assert str(caught.value) == message
    assert caught.value.error_id == error_id
    assert as_type(value, type_name) is None


def test_types_keep_their_dotnet_identity():
    assert is_instance(1, "int") and not is_instance(convert_to(1, "long"), "int")
    assert is_instance(convert_to(1, "long"), "long")
    assert is_instance("a", "string") and not is_instance(convert_to("a", "char"), "string")
    assert is_instance(convert_to([1], "int[]"), "int[]") and not is_instance([1], "int[]")
    assert is_instance([1], "object[]") and is_instance([1], "array")
    assert is_instance(OrderedDictionary(a=1), "System.Collections.IDictionary")
    assert not is_instance(OrderedDictionary(a=1), "hashtable")
    assert not is_instance(None, "object")
    assert str(type_of(2**40)) == "System.Int64"
    assert str(type_of(convert_to("5", "System.Collections.Generic.List[string]"))).startswith(
        "System.Collections.Generic.List`1[System.String]"
    )


def test_type_literals():
    assert resolve_type("int") is resolve_type("System.Int32") is resolve_type("[int32]")
    assert resolve_type("string[]").name == "String[]"
    assert str(resolve_type("System.Collections.Generic.Dictionary[string,int]")) == (
        "System.Collections.Generic.Dictionary`2[System.String,System.Int32]"
    )
    assert str(resolve_type("Nullable[int]")) == "System.Nullable`1[System.Int32]"
    assert str(resolve_type("List[string]", ["System.Collections.Generic"])).startswith("System.Collections.Generic")
    with pytest.raises(TypeNotFoundError, match=r"Unable to find type \[Foo\]\."):
        resolve_type("Foo")


@pytest.mark.parametrize(
    ("value", "truth"),
    [("", False), ("False", True), (0, False), (0.0, False), (None, False), ([], False), ([0], False),
     ([1], True), ([[]], False), ([[0]], True), ([0, 0], True), (Hashtable(), True), (decimal.Decimal(0), False)],
)  # fmt: skip
def test_truthiness(value, truth):
    assert is_true(value) is truth


def test_string_of_arrays_uses_ofs():
    assert to_string([1, [2, 3], "x"]) == "1 System.Object[] x"
    assert to_string([1, 2], ofs=",") == "1,2"
    token = OFS.set("-")
    try:
        assert to_string([1, 2]) == "1-2"
    finally:
        OFS.reset(token)
    assert to_string(PSObject({"a": [1, 2]})) == "@{a=System.Object[]}"


# -- operators -----------------------------------------------------------------------------------------
def test_int32_overflow_widens_to_double_and_int64_stays_int64():
    assert add(2147483647, 1) == 2147483648.0 and type(add(2147483647, 1)) is float
    assert type(add(Int64(1), 1)) is Int64
    assert type(multiply(Int64(2**62), 4)) is float
    assert type(add(Byte(200), Byte(100))) is int and add(Byte(200), Byte(100)) == 300
    assert type(add(UInt32(1), -2)) is Int64


def test_division_is_exact_or_double():
    assert divide(6, 3) == 2 and type(divide(6, 3)) is int
    assert divide(7, 2) == 3.5
    assert remainder(-7, 2) == -1
    assert divide(decimal.Decimal(10), 4) == decimal.Decimal("2.5")
    with pytest.raises(Exception, match=r"Attempted to divide by zero\."):
        divide(1, 0)
    assert divide(1.0, 0) == float("inf")


def test_string_and_array_operands():
    assert add("a", 1) == "a1" and add(1, "2") == 3 and subtract("10", "1e1") == 0
    assert multiply("ab", 3) == "ababab" and multiply([1, 2], 2) == [1, 2, 1, 2]
    assert add([1, 2], 3) == [1, 2, 3] and add([1], [2, 3]) == [1, 2, 3]
    assert add(None, 5) == 5 and subtract(None, 5) == -5
    assert add(Hashtable(a=1), Hashtable(b=2)) == {"a": 1, "b": 2}
    with pytest.raises(Exception, match="Item has already been added"):
        add(Hashtable(a=1), Hashtable(A=2))
    with pytest.raises(Exception, match=r"\[System.Object\[\]\] does not contain a method named 'op_Subtraction'"):
        subtract([1], 1)
    with pytest.raises(PSInvalidCastError, match=r'Cannot convert value "abc" to type "System\.Int32"'):
        subtract("abc", 1)


def test_datetime_arithmetic():
    start = dt.datetime(2024, 1, 1)
    assert add(start, dt.timedelta(days=1)) == dt.datetime(2024, 1, 2)
    assert subtract(dt.datetime(2024, 1, 2), start) == dt.timedelta(days=1)


def test_comparisons_convert_the_right_operand_to_the_left_type():
    assert compare("eq", "1", 1) is True and compare("eq", 1, "01") is True
    assert compare("eq", 1, "abc") is False
    assert compare("gt", [1, 2, 3], 1) == [2, 3]
    assert compare("eq", [1, None, 2], None) == [None]
    assert compare("eq", None, None) is True and compare("lt", None, 1) is True and compare("gt", "a", None) is True
    assert compare("eq", "ABC", "abc") is True and BINARY["-ceq"]("ABC", "abc") is False
    assert compare("lt", "apple", "Banana") is True
    assert compare("eq", True, "false") is True  # [bool]"false" is $true
    assert compare("eq", decimal.Decimal("0.1"), 0.1) is True


def test_match_returns_the_matches_table():
    result, matches = match("John Smith", r"(?<first>\w+) (\w+)")
    assert result is True
    assert matches[0] == "John Smith" and matches["first"] == "John" and matches[1] == "Smith"
    assert match("x", "y") == (False, None)
    assert match(["a1", "b", "c2"], r"\d") == (["a1", "c2"], None)


def test_bitwise_and_shifts():
    assert band(6, 3) == 2 and bnot(0) == -1 and shift_left(1, 33) == 2 and shift_left(Int64(1), 33) == 2**33
    assert negate(5) == -5 and negate("5") == -5


def test_join_and_format():
    assert join([1, 2, 3], ",") == "1,2,3" and unary_join(["a", "b"]) == "ab"
    assert format_operator("{0,-5}|{1:N2}|{2:X4}", ["ab", 1234.5, 255]) == "ab   |1,234.50|00FF"
    assert format_operator("{0:yyyy-MM-dd}", dt.datetime(2024, 3, 9)) == "2024-03-09"
    with pytest.raises(Exception, match="Error formatting a string: Index"):
        format_operator("{1}", [1])
