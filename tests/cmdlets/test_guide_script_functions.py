"""New-ChatCompletionFunction over a function the script defines (How_to_call_functions_with_ChatGPT).

The notebook writes a PowerShell function "optimized for the GPT model" -- typed, mandatory and
ValidateSet parameters, comment-based help for the function and each parameter -- and hands it to
the model.  PSOpenAI finds it with Get-Command and describes it from Get-Help.
"""

from __future__ import annotations

import json

from psbridge.emulator import Emulator
from psbridge.hosting import PowerShell

WEATHER_FUNCTION = """
function Get-WeatherByCityAndDate {
    <#
        .DESCRIPTION
        This command returns specific date of weather in the city.

        .PARAMETER City
        Specifies the city name, e.g. New York

        .PARAMETER Format
        The temperature unit to use. Default is "celsius".
    #>
    param
    (
        [Parameter(Mandatory = $true)]
        [string]$City,

        [Parameter(Mandatory = $true)]
        [datetime]$Date,

        [Parameter()]
        [ValidateSet('celsius', 'fahrenheit')]
        [string]$Format = 'celsius'
    )
    "Sunny in $City on $($Date.ToString('yyyy-MM-dd')) ($Format)"
}
"""


def test_a_script_function_is_described_from_its_param_block_and_help() -> None:
    shell = PowerShell()
    shell.add_script(
        WEATHER_FUNCTION + "New-ChatCompletionFunction -Command Get-WeatherByCityAndDate | ConvertTo-Json -Depth 9"
    )
    definition = json.loads(shell.invoke()[0])
    assert definition == {
        "name": "Get-WeatherByCityAndDate",
        "description": "This command returns specific date of weather in the city.",
        "parameters": {
            "type": "object",
            "properties": {
                "City": {"type": "string", "description": "Specifies the city name, e.g. New York"},
                "Date": {"type": "string", "format": "date-time"},
                "Format": {
                    "type": ["string", "null"],
                    "description": 'The temperature unit to use. Default is "celsius".',
                    "enum": ["celsius", "fahrenheit"],
                },
            },
            "additionalProperties": False,
            "required": ["City", "Date"],
        },
    }


def test_the_model_calls_the_script_function(emulator: Emulator) -> None:
    shell = PowerShell()
    shell.add_script(
        WEATHER_FUNCTION
        + "$Tool = New-ChatCompletionFunction -Command Get-WeatherByCityAndDate -Description 'Weather lookup'\n"
        + '$Answer = Request-ChatCompletion -Message \'Weather? {"City": "Paris", "Date": "2023-06-01"}\' '
        + "-Tools $Tool -InvokeTools Auto\n"
        + "$Answer.Answer[0]"
    )
    (answer,) = shell.invoke()
    assert not shell.had_errors
    assert "Tool output (Get-WeatherByCityAndDate): Sunny in Paris on 2023-06-01 (celsius)" in answer


def test_a_command_that_does_not_exist_still_fails_validation() -> None:
    shell = PowerShell()
    shell.add_script("New-ChatCompletionFunction -Command 'Test-NoSuchCommand' -ErrorAction SilentlyContinue")
    assert shell.invoke() == []
    shell.clear().add_script("$Error[0].FullyQualifiedErrorId")
    assert shell.invoke() == ["ParameterArgumentValidationError,New-ChatCompletionFunction"]
