"""Assertions translated from PowerShell's test/powershell/Language/Parser/Conversions.Tests.ps1 (line cited)."""

from __future__ import annotations

import decimal
import math

import pytest

from psbridge.conversion import GenericList, as_type, convert_to, is_instance, is_true, resolve_type, to_string
from psbridge.conversion.enums import ActionPreference, ConsoleColor
from psbridge.conversion.methods import invoke_method
from psbridge.conversion.statics import get_static
from psbridge.objects.numeric import BigInteger, Byte, Int16, Int64, SByte, Single, UInt16, UInt32, UInt64


def test_array_of_a_single_enum_to_bool():
    # Conversions.Tests.ps1:10-11
    assert is_true([ConsoleColor.Black]) is False
    assert is_true([ConsoleColor.Yellow]) is True


def test_enum_cast_then_tostring():
    # Conversions.Tests.ps1:24
    assert invoke_method(convert_to("Stop", "System.Management.Automation.ActionPreference"), "ToString") == "Stop"
    assert convert_to("stop", "System.Management.Automation.ActionPreference") is ActionPreference.Stop


@pytest.mark.parametrize(
    ("line", "value", "element", "elements"),
    [
        (37, [1], "int", [1]),
        (38, [1, 2], "int", [1, 2]),
        (39, "4", "int", [4]),
        (40, ["4", "5"], "int", [4, 5]),
        (42, [1], "string", ["1"]),
        (43, [1, 2], "string", ["1", "2"]),
        (44, 1, "string", ["1"]),
        (45, ["4"], "string", ["4"]),
    ],
)
def test_object_array_to_a_generic_list(line, value, element, elements):
    # Conversions.Tests.ps1:37-79
    result = convert_to(value, f"Collections.Generic.List[{element}]")
    assert isinstance(result, GenericList)
    assert resolve_type(f"Collections.Generic.List[{element}]").name == "List`1"
    assert result.element_type is resolve_type(element)
    assert result == elements


def test_invalid_type_names_do_not_convert_to_type():
    # Conversions.Tests.ps1:83, 87
    assert as_type("int]whatever", "type") is None
    with pytest.raises(Exception):  # noqa: B017 - Pester's Should -Throw names no error id here
        convert_to("int]whatever", "type")


@pytest.mark.parametrize(
    ("number", "value", "type_name", "kind"),
    [
        ("100y", 100, "int", int),
        ("100uy", 100, "double", float),
        ("1200u", 1200, "short", Int16),
        ("1200L", 1200, "int", int),
        ("127ul", 127, "ulong", UInt64),
        ("127d", 127, "byte", Byte),
        ("127s", 127, "sbyte", SByte),
        ("127y", 127, "uint", UInt32),
        ("100n", 100, "int", int),
        ("1234s", 1234, "bigint", BigInteger),
    ],
)
def test_suffixed_numerals_cast(number, value, type_name, kind):
    # Conversions.Tests.ps1:502-520
    result = as_type(number, type_name)
    assert result == value and type(result) is kind
    assert is_instance(result, type_name)


@pytest.mark.parametrize("number", ["200y", "300uy", "70000us", "40000s"])
def test_invalid_suffixed_numerals_do_not_cast(number):
    # Conversions.Tests.ps1:522-533
    assert as_type(number, "int") is None


@pytest.mark.parametrize(
    ("value", "to_string_result", "string_result"),
    [(1.1 * 3, "3.3000000000000003", "3.3"), (1.1 * 6, "6.6000000000000005", "6.6")],
)
def test_double_to_string_uses_g15_but_tostring_round_trips(value, to_string_result, string_result):
    # Conversions.Tests.ps1:538-557
    assert invoke_method(value, "ToString") == to_string_result
    assert to_string(value) == string_result
    assert as_type(value, "string") == string_result
    assert convert_to(value, "string") == string_result


def test_pi_and_e_to_string_use_g15():
    # Conversions.Tests.ps1:540-541
    assert to_string(get_static(resolve_type("math"), "PI")) == "3.14159265358979"
    assert to_string(math.e) == "2.71828182845905"
    assert invoke_method(math.pi, "ToString") == "3.141592653589793"


def test_single_to_string_uses_g7():
    # Conversions.Tests.ps1:544
    assert to_string(get_static(resolve_type("float"), "MaxValue")) == "3.402823E+38"


NUMERAL_TYPES = [
    ("sbyte", SByte), ("byte", Byte), ("short", Int16), ("ushort", UInt16), ("int", int), ("uint", UInt32),
    ("long", Int64), ("ulong", UInt64), ("decimal", decimal.Decimal), ("float", Single), ("double", float),
    ("bigint", BigInteger),
]  # fmt: skip


@pytest.mark.parametrize(("type_name", "kind"), NUMERAL_TYPES)
def test_null_to_numerals(type_name, kind):
    # Conversions.Tests.ps1:564-613
    result = as_type(None, type_name)
    assert result == 0 and type(result) is kind


@pytest.mark.parametrize(("type_name", "kind"), NUMERAL_TYPES)
@pytest.mark.parametrize("value", [True, False])
def test_booleans_to_numerals(type_name, kind, value):
    # Conversions.Tests.ps1:579-621
    result = as_type(value, type_name)
    assert result == int(value) and type(result) is kind
