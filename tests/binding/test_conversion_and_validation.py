"""Rules 6.x (type conversion), 7.x (validation) and 8.x (error ids) of powershell-binding.md."""

from __future__ import annotations

import pytest

from psbridge.binding import ParameterBindingError, bind
from psbridge.objects import Hashtable, PSObject, SecureString, SwitchParameter, Uri
from tests.helpers import param, spec


def bound(type_name: str, value, **extra):
    command = spec("Set-Value", param("V", type_name, **extra))
    return bind(command, V=value).bound_parameters["V"]


def error(type_name: str, value, **extra) -> ParameterBindingError:
    command = spec("Set-Value", param("V", type_name, **extra))
    with pytest.raises(ParameterBindingError) as caught:
        bind(command, V=value)
    return caught.value


# -- 6.2 String ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12, "12"),
        (12.5, "12.5"),
        (1e20, "1E+20"),
        (True, "True"),
        (None, ""),
        ({"a": 1, "b": 2}, "@{a=1; b=2}"),
        (Hashtable(a=1), "System.Collections.Hashtable"),
        (PSObject({"id": "thread_9"}, type_names=["PSOpenAI.Thread"]), "thread_9"),
    ],
)
def test_rule_6_2_string_conversion(value, text):
    assert bound("String", value) == text


def test_rule_6_2_array_to_string_is_rejected():
    failure = error("String", ["a", "b"])
    assert failure.fully_qualified_error_id == "ParameterArgumentTransformationError,Set-Value"
    assert (
        str(failure)
        == "Cannot process argument transformation on parameter 'V'. Cannot convert value to type System.String."
    )
    assert failure.category == "InvalidData"


# -- 6.3 Int32 / Single / Double ---------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("12", 12),
        ("0x10", 16),
        ("1e3", 1000),
        ("1kb", 1024),
        ("", 0),
        (" 7 ", 7),
        (12.5, 12),
        (13.5, 14),
        (100.5, 100),
        ("12.5", 12),
        (True, 1),
        (False, 0),
        (None, 0),
        ("-3", -3),
    ],
)
def test_rule_6_3_int32_conversion(value, number):
    assert bound("Int32", value) == number


@pytest.mark.parametrize("value", ["abc", "1.2.3", [1, 2], 2**31, "99999999999", 1e28, float("nan")])
def test_rule_6_3_int32_failures(value):
    assert error("Int32", value).error_id == "ParameterArgumentTransformationError"


def test_rule_6_3_thousands_separators_pass_through_double():
    # LanguagePrimitives.ConvertStringToInteger falls back to ConvertNumericThroughDouble, and
    # Double.Parse takes thousands separators (src/System.Management.Automation/engine/LanguagePrimitives.cs).
    assert bound("Int32", "1,000") == 1000


def test_rule_6_3_int32_failure_message_names_value_and_type():
    assert str(error("Int32", "abc")) == (
        "Cannot process argument transformation on parameter 'V'. Cannot convert value \"abc\" to type "
        '"System.Int32". Error: "The input string \'abc\' was not in a correct format."'
    )


@pytest.mark.parametrize(("value", "number"), [("1.5", 1.5), ("1e-1", 0.1), ("", 0.0), (2, 2.0)])
def test_rule_6_3_single_and_double(value, number):
    assert bound("Single", value) == pytest.approx(number)
    assert bound("Double", value) == pytest.approx(number)


@pytest.mark.parametrize(("value", "number"), [("65535", 65535), (7, 7)])
def test_uint16(value, number):
    assert bound("UInt16", value) == number


def test_uint16_out_of_range():
    assert "too large or too small for an UInt16" in str(error("UInt16", 70000))


# -- 6.4 / 6.5 Boolean and switches --------------------------------------------------------------
@pytest.mark.parametrize(("value", "result"), [(True, True), (0, False), (1.28, True), (-2.32, True)])
def test_rule_6_4_boolean_accepts_booleans_and_numbers(value, result):
    assert bound("Boolean", value) is result


@pytest.mark.parametrize("value", ["true", None])
def test_rule_6_4_boolean_rejects_strings_and_null(value):
    failure = error("Boolean", value)
    assert failure.error_id == "ParameterArgumentTransformationError"
    assert "Boolean parameters accept only Boolean values and numbers" in str(failure)


def test_rule_6_5_switch_values():
    assert bound("SwitchParameter", False) == SwitchParameter(False)
    assert bound("SwitchParameter", SwitchParameter(True)) == SwitchParameter(True)
    assert error("SwitchParameter", "yes").error_id == "ParameterArgumentTransformationError"


# -- 6.6 arrays ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("type_name", "value", "result"),
    [
        ("String[]", "a", ["a"]),
        ("String[]", [1, 2], ["1", "2"]),
        ("String[]", None, None),
        ("String[]", [], []),
        ("String[]", "a,b", ["a,b"]),
        ("Object[]", 5, [5]),
        ("Object[]", (1, "x"), [1, "x"]),
        ("Int32[]", ["1", 2.5], [1, 2]),
    ],
)
def test_rule_6_6_arrays(type_name, value, result):
    assert bound(type_name, value) == result


# -- 6.7 Uri, 6.8 SecureString, 6.9 Object, IDictionary -------------------------------------------
@pytest.mark.parametrize("text", ["https://api.test/v1", "api.test/v1", "http://127.0.0.1:8080/v1"])
def test_rule_6_7_uri_relative_or_absolute(text):
    value = bound("Uri", text)
    assert isinstance(value, Uri) and value.original_string == text


def test_rule_6_7_uri_parser_rejection():
    assert error("Uri", "http://").error_id == "ParameterArgumentTransformationError"


def test_rule_6_8_plain_string_to_securestring_fails_without_transformation():
    failure = error("SecureString", "sk-secret")
    assert failure.error_id == "ParameterArgumentTransformationError"


def test_rule_6_8_psopenai_transformation_makes_a_secret():
    value = bind("Get-Thread", "t", ApiKey="sk-abcdefghijklmnopqrstuvwxyz").bound_parameters["ApiKey"]
    assert isinstance(value, SecureString)
    assert "sk-" not in repr(value) and "sk-" not in str(value)
    assert value.reveal() == "sk-abcdefghijklmnopqrstuvwxyz"


def test_securestring_transformation_rejects_other_types():
    with pytest.raises(ParameterBindingError) as caught:
        bind("Get-Thread", "t", ApiKey=42)
    assert str(caught.value).endswith(
        'Cannot convert the value of type "System.Int32" to type "System.Security.SecureString".'
    )


def test_rule_6_9_object_is_bound_as_is():
    value = [1, {"a": 2}]
    assert bound("Object", value) is value


def test_idictionary_accepts_hashtables_and_mappings_only():
    table = Hashtable(a=1)
    assert bound("IDictionary", table) is table
    assert bound("IDictionary", {"a": 1}) == {"a": 1}
    assert error("IDictionary", "x").error_id == "ParameterArgumentTransformationError"
    assert bound("IDictionary[]", {"name": "f"}) == [{"name": "f"}]


# -- 7.x validation ------------------------------------------------------------------------------
def test_rule_7_2_validate_set_ignores_case_and_keeps_the_callers_spelling():
    assert bound("String", "COMPLETED", accepted_values=("completed", "failed")) == "COMPLETED"
    assert bound("String[]", [], accepted_values=("a",)) == []


def test_rule_7_2_validate_set_message():
    failure = error("String", "nope", accepted_values=("asc", "desc"))
    assert failure.fully_qualified_error_id == "ParameterArgumentValidationError,Set-Value"
    assert str(failure) == (
        'Cannot validate argument on parameter \'V\'. The argument "nope" does not belong to the set "asc,desc" '
        "specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again."
    )


def test_rule_7_2_lower_case_transformation_of_psopenai():
    assert bind("Get-Assistant", Order="DESC").bound_parameters["Order"] == "desc"


def test_rule_7_3_validate_range_after_conversion():
    assert bound("Int32", 100.5, validate_range=(0, 100)) == 100
    too_big = error("Int32", 101, validate_range=(0, 100))
    assert str(too_big).endswith(
        "The 101 argument is greater than the maximum allowed range of 100. Supply an argument that is less than or "
        "equal to 100 and then try the command again."
    )
    too_small = error("Int32", -1, validate_range=(0, 100))
    assert "is less than the minimum allowed range of 0" in str(too_small)


def test_rule_7_3_poll_interval_range_from_the_overlay():
    with pytest.raises(ParameterBindingError) as caught:
        bind("Wait-ThreadRun", "r", "t", PollIntervalSec=1001)
    assert caught.value.error_id == "ParameterArgumentValidationError"


def test_rule_7_4_validate_not_null_or_empty():
    assert "The argument is null or empty." in str(error("String", "", validate_not_null_or_empty=True))
    assert "element of the argument collection" in str(error("String[]", ["a", ""], validate_not_null_or_empty=True))


def test_validate_count_and_length():
    assert "requires exactly 1 value(s) - 2 value(s)" in str(error("String[]", ["a", "b"], validate_count=(1, 1)))
    assert "is too long" in str(error("String", "abcd", validate_length=(0, 3)))


def test_validate_pattern_matches_anywhere_ignoring_case_element_by_element():
    # Attributes.cs ValidatePatternAttribute: Regex(pattern, IgnoreCase).Match on each element's text.
    assert bound("String[]", ["ABC_1", "x-2"], validate_pattern="^[a-z0-9_-]+$") == ["ABC_1", "x-2"]
    failure = error("String[]", ["ok", "not ok"], validate_pattern="^[a-z]+$")
    assert str(failure).endswith(
        'The argument "not ok" does not match the "^[a-z]+$" pattern. Supply an argument that matches "^[a-z]+$" '
        "and try the command again."
    )


@pytest.mark.parametrize(
    ("type_name", "value", "error_id"),
    [
        ("String", None, "ParameterArgumentValidationErrorEmptyStringNotAllowed"),
        ("String", "", "ParameterArgumentValidationErrorEmptyStringNotAllowed"),
        ("Object", None, "ParameterArgumentValidationErrorNullNotAllowed"),
        ("String[]", [], "ParameterArgumentValidationErrorEmptyArrayNotAllowed"),
        ("String[]", None, "ParameterArgumentValidationErrorNullNotAllowed"),
    ],
)
def test_rule_7_5_mandatory_parameters_refuse_null_and_empty(type_name, value, error_id):
    command = spec("Set-M", param("V", type_name, mandatory=True))
    with pytest.raises(ParameterBindingError) as caught:
        bind(command, V=value)
    assert caught.value.fully_qualified_error_id == f"{error_id},Set-M"
    assert caught.value.category == "InvalidData"


def test_rule_7_5_mandatory_int_given_null_binds_zero():
    command = spec("Set-M", param("V", "Int32", mandatory=True))
    assert bind(command, V=None).bound_parameters == {"V": 0}


def test_rule_7_5_allow_empty_collection():
    command = spec("Set-M", param("V", "IDictionary[]", mandatory=True, allow_empty_collection=True))
    assert bind(command, V=[]).bound_parameters == {"V": []}


# -- 8.x error ids and detection order -------------------------------------------------------------
def test_rule_8_1_fully_qualified_error_id_uses_the_command_name():
    with pytest.raises(ParameterBindingError) as caught:
        bind("Stop-ThreadRun", Bogus=1)
    assert caught.value.fully_qualified_error_id == "NamedParameterNotFound,Stop-ThreadRun"
    assert caught.value.error_record.category_info == (
        "InvalidArgument: (:) [Stop-ThreadRun], ParameterBindingException"
    )


def test_rule_8_3_validation_of_a_named_value_before_leftovers():
    with pytest.raises(ParameterBindingError) as caught:
        bind("Wait-ThreadRun", "r", "t", "extra", TimeoutSec="abc")
    assert caught.value.error_id == "ParameterArgumentTransformationError"


def test_rule_8_3_empty_set_before_leftovers():
    with pytest.raises(ParameterBindingError) as caught:
        bind("Start-ThreadRun", "extra", Message="m", ThreadId="t", Assistant="a")
    assert caught.value.error_id == "AmbiguousParameterSet"
