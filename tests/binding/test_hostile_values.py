"""Issue #16 item 7, binder side: values no PowerShell script can make still bind or fail as PowerShell does.

A Python caller can pass ``Decimal('NaN')``, ``10**400``, a list nested thousands
deep or ``float('nan')``; each must give a ParameterBindingError with PowerShell's
id and message (or bind, where PowerShell would), never a Python exception.
"""

from __future__ import annotations

import decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psbridge.binding import ParameterBindingError, bind
from tests.helpers import param, spec

NUMERIC_TYPES = ["Int32", "Int64", "UInt16", "Byte", "Double", "Single", "Decimal"]
ALL_TYPES = [*NUMERIC_TYPES, "String", "String[]", "Int32[]", "Object", "Object[]", "Boolean", "SwitchParameter",
             "Uri", "DateTime", "Char", "IDictionary", "Hashtable", "TimeSpan", "Guid", "Version"]  # fmt: skip
ODD_DECIMALS = [decimal.Decimal("NaN"), decimal.Decimal("Infinity"), decimal.Decimal("-Infinity"),
                decimal.Decimal("sNaN"), decimal.Decimal("1E+999999"), decimal.Decimal("-1E-999999")]  # fmt: skip


def bind_one(type_name: str, value: object, **extra: object) -> object:
    return bind(spec("Set-Value", param("V", type_name, **extra)), V=value).bound_parameters["V"]


def nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("type_name", ["Int32", "Int64", "Byte", "Decimal", "Double", "Single"])
@pytest.mark.parametrize("value", ODD_DECIMALS[:5], ids=str)
def test_non_dotnet_decimals_are_transformation_errors(type_name, value):
    with pytest.raises(ParameterBindingError) as caught:
        bind_one(type_name, value)
    assert caught.value.error_id == "ParameterArgumentTransformationError"
    assert f'Cannot convert value "{value}" to type "System.{type_name}".' in str(caught.value)


@pytest.mark.parametrize("type_name", ["Int32", "Int64", "UInt16", "Byte", "Decimal"])
def test_huge_integers_overflow_like_dotnet(type_name):
    with pytest.raises(ParameterBindingError) as caught:
        bind_one(type_name, 10**400)
    assert caught.value.error_id == "ParameterArgumentTransformationError"
    assert "Value was either too large or too small" in str(caught.value)


def test_huge_integer_to_double_is_infinity_then_validated():
    # (double)BigInteger saturates to Infinity in .NET; a ValidateRange then rejects it.
    assert bind_one("Double", 10**400) == float("inf")
    with pytest.raises(ParameterBindingError) as caught:
        bind_one("Double", 10**400, validate_range=(0, 100))
    assert caught.value.error_id == "ParameterArgumentValidationError"


@pytest.mark.parametrize("type_name", ["Double", "Single"])
def test_nan_fails_validate_range_as_less_than_the_minimum(type_name):
    # ValidateRangeAttribute compares with IComparable.CompareTo, which orders NaN below every number.
    with pytest.raises(ParameterBindingError) as caught:
        bind_one(type_name, float("nan"), validate_range=(0, 100))
    assert caught.value.error_id == "ParameterArgumentValidationError"
    assert "The NaN argument is less than the minimum allowed range of 0." in str(caught.value)


@pytest.mark.parametrize("type_name", ALL_TYPES)
def test_a_list_nested_5000_deep_binds_or_fails_cleanly(type_name):
    value = nested(5000)
    try:
        result = bind_one(type_name, value)
    except ParameterBindingError as error:
        assert error.error_id.startswith("ParameterArgument")
    else:
        assert result is not None


def test_a_deeply_nested_list_to_string_names_the_array_type():
    with pytest.raises(ParameterBindingError, match=r"Cannot convert value to type System\.String\."):
        bind_one("String", nested(5000))
    assert bind_one("String[]", [1, 2]) == ["1", "2"]
    with pytest.raises(ParameterBindingError):
        bind_one("String[]", nested(5000))


hostile_values = st.one_of(
    st.sampled_from(ODD_DECIMALS),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**500), max_value=10**500),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.builds(nested, st.integers(min_value=0, max_value=3000)),
    st.lists(st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=5)), max_size=5),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.none(),
    st.booleans(),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(type_name=st.sampled_from(ALL_TYPES), value=hostile_values, ranged=st.booleans())
def test_any_hostile_value_binds_or_raises_a_binding_error(type_name, value, ranged):
    extra = {"validate_range": (0, 100)} if ranged and type_name in NUMERIC_TYPES else {}
    try:
        bind_one(type_name, value, **extra)
    except ParameterBindingError as error:
        assert error.error_id.startswith(("ParameterArgument", "CannotConvert"))
        assert str(error)
