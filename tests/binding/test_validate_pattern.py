"""ValidatePattern: PowerShell's ValidatePatternAttribute (used by PSOpenAI's -Name, -Command).

The match is a .NET Regex search with IgnoreCase (the attribute's default
Options), applied to each element's text; the message is PowerShell's
ValidatePatternFailure template.
"""

from __future__ import annotations

import pytest

from psbridge.binding import ParameterBindingError, bind
from tests.helpers import param, spec

PATTERN = "^[a-zA-Z0-9_-]{1,64}$"


def _bind(value):
    return bind(spec("Set-Value", param("Name", "String", validate_pattern=PATTERN)), Name=value)


def test_a_matching_argument_binds():
    assert _bind("Get-Weather_2").bound_parameters["Name"] == "Get-Weather_2"


def test_the_match_ignores_case():
    command = spec("Set-Value", param("Name", "String", validate_pattern="^abc$"))
    assert bind(command, Name="ABC").bound_parameters["Name"] == "ABC"


def test_a_mismatch_is_a_validation_error_naming_value_and_pattern():
    with pytest.raises(ParameterBindingError) as caught:
        _bind("has space")
    error = caught.value
    assert error.error_id == "ParameterArgumentValidationError"
    assert f'The argument "has space" does not match the "{PATTERN}" pattern.' in str(error)


def test_every_element_of_an_array_is_checked():
    command = spec("Set-Value", param("Names", "String[]", validate_pattern="^a"))
    assert bind(command, Names=["ab", "ac"]).bound_parameters["Names"] == ["ab", "ac"]
    with pytest.raises(ParameterBindingError):
        bind(command, Names=["ab", "ba"])
