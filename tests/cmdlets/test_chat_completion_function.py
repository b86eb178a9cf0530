"""New-ChatCompletionFunction: a command's parameters as a function definition, from its CmdletSpec.

Expectations restate Private/ChatCompletionFunction.ps1 (types, nullability, required,
validation keywords) and ../shared/psopenai-source/Tests/Chat/New-ChatCompletionFunction.tests.ps1.
"""

from __future__ import annotations

import json

import pytest

import psbridge
from psbridge.cmdlets.psopenai._bodies import plain
from psbridge.cmdlets.psopenai._function_schema import function_definition
from psbridge.emulator import Emulator
from tests.helpers import param, spec
from tests.openapi_schemas import assert_valid, component


def test_a_documented_cmdlet_becomes_a_function() -> None:
    (definition,) = psbridge.run("New-ChatCompletionFunction -Command ConvertTo-Token")
    assert plain(definition) == {
        "name": "ConvertTo-Token",
        "parameters": {
            "type": "object",
            "properties": {
                "Text": {"type": "string"},
                "Encoding": {"type": ["string", "null"], "enum": ["cl100k_base", "o200k_base"]},
            },
            "additionalProperties": False,
            "required": ["Text"],
        },
    }
    assert_valid(component("FunctionObject"), plain(definition))


def test_include_exclude_sets_description_and_strict() -> None:
    (picked,) = psbridge.run(
        "New-ChatCompletionFunction Request-ChatGPT -IncludeParameters Message, Temperature, Stream "
        "-Description 'Ask the model.' -Strict"
    )
    data = plain(picked)
    assert (
        data["name"] == "Request-ChatCompletion" and data["description"] == "Ask the model." and data["strict"] is True
    )
    assert data["parameters"]["required"] == ["Message", "Temperature", "Stream"]
    assert "minimum" not in data["parameters"]["properties"]["Temperature"]  # no validation keywords when strict
    (listed,) = psbridge.run("New-ChatCompletionFunction Get-ChatCompletion -ParameterSetName Get")
    assert list(plain(listed)["parameters"]["properties"]) == [
        "CompletionId", "TimeoutSec", "MaxRetryCount", "ApiType", "ApiBase", "AuthType", "ApiKey", "Organization",
    ]  # fmt: skip
    (excluded,) = psbridge.run("New-ChatCompletionFunction Get-ChatCompletion -ExcludeParameters TimeoutSec, ApiKey")
    properties = plain(excluded)["parameters"]["properties"]
    assert "Limit" in properties and "TimeoutSec" not in properties and "After" not in properties  # hidden ones out


def test_types_and_validation_become_json_schema() -> None:
    command = spec(
        "Get-Weather",
        param("City", "String", mandatory=True, validate_pattern="^[A-Z]"),
        param("Days", "UInt16", validate_range=(1, 7)),
        param("Format", "String", accepted_values=("celsius", "fahrenheit")),
        param("Tags", "String[]", validate_count=(1, 3)),
        param("When", "DateTime"),
        param("Raw", "SwitchParameter"),
        param("Extra", "Hashtable"),
        param("Kind", "OpenAIApiType"),
    )
    properties = plain(function_definition(command))["parameters"]["properties"]
    assert properties["City"] == {"type": "string", "pattern": "^[A-Z]"}
    assert properties["Days"] == {"type": ["integer", "null"], "minimum": 1, "maximum": 7}
    assert properties["Format"]["enum"] == ["celsius", "fahrenheit"]
    assert properties["Tags"] == {"type": ["array", "null"], "items": {"type": "string"}, "minItems": 1, "maxItems": 3}
    assert properties["When"] == {"type": ["string", "null"], "format": "date-time"}
    assert properties["Raw"]["type"] == ["boolean", "null"] and properties["Extra"]["type"] == ["object", "null"]
    assert properties["Kind"] == {"type": ["string", "null"], "enum": ["OpenAI", "Azure"]}


def test_unknown_commands_and_sets_are_errors() -> None:
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.run("New-ChatCompletionFunction -Command No-SuchCommand")
    assert "did not return a result of True" in str(caught.value.errors[0].exception)
    with pytest.raises(psbridge.PipelineError) as missing_set:
        psbridge.run("New-ChatCompletionFunction Get-ChatCompletion -ParameterSetName Nope")
    assert str(missing_set.value.errors[0].exception) == "Nope does not exist."
    with pytest.raises(psbridge.ParameterBindingError):
        psbridge.invoke("New-ChatCompletionFunction", Command="bad name!")


def test_the_definition_drives_a_function_calling_loop(emulator: Emulator) -> None:
    script = """
    $tokenize = New-ChatCompletionFunction -Command 'ConvertTo-Token' -IncludeParameters Text
    $message = 'Count the tokens of {"Text": "PowerShell for every system!"}'
    Request-ChatCompletion -Message $message -Tools $tokenize -InvokeTools Auto
    """
    (completion,) = psbridge.run(script)
    assert completion.Answer[0].endswith(
        "Tool output (ConvertTo-Token): " + json.dumps([15335, 26354, 369, 1475, 1887, 0], indent=2)
    )
    assert [m["role"] for m in completion.History] == ["user", "assistant", "tool", "assistant"]
