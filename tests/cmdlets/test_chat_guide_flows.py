"""The flows of PSOpenAI's README and guides (chat, structured outputs, responses migration, API keys
and context, Azure, token counting, function calling, embedding search), in our own words.

Where a guide block runs as written in psbridge's language today, the test runs that text; where it
needs language that is not there yet (script blocks, ``+``, ``if``, classes, here-strings), the
same calls are made through ``psbridge.run``/``psbridge.invoke`` and the logic stays in Python.
"""

from __future__ import annotations

import json

import pytest

import psbridge
from psbridge.emulator import Emulator
from tests.conftest import API_KEY


def test_chat_guide_single_and_multi_turn(emulator: Emulator) -> None:
    # How_to_use_Chat.md sections 2-4.
    (response,) = psbridge.run('Request-ChatCompletion -Message "Hi, please tell me your name." -Model "gpt-4o"')
    assert response.Answer == ["Echo: Hi, please tell me your name."] and response.object == "chat.completion"
    script = """
    $Response1 = Request-ChatCompletion `
      -Model "gpt-4o-mini" `
      -Message "What is the population of the United States? Please answer briefly."
    $Response2 = $Response1 | Request-ChatCompletion `
      -Model "gpt-4o-mini" `
      -Message "Translate the previous answer into Japanese."
    $Response2.Message
    $Response2.Answer
    $Response = Request-ChatCompletion `
      -Model "gpt-4o-mini" `
      -Message "What is the population of the United States? Please answer briefly." `
      -SystemMessage "Please answer in Russian."
    $Response.Answer
    """
    assert psbridge.run(script) == [
        "Translate the previous answer into Japanese.",
        "Echo: Translate the previous answer into Japanese.",
        "Echo: What is the population of the United States? Please answer briefly.",
    ]


def test_chat_guide_stream_to_a_variable_and_the_information_stream(emulator: Emulator) -> None:
    # How_to_use_Chat.md section 5: the stream is an array of small strings; -join gives the text.
    chunks = psbridge.run(
        '$Response = Request-ChatCompletion "Describe ChatGPT in 100 charactors." -Model "gpt-4o" -Stream; $Response'
    )
    assert chunks[0] == "" and "".join(chunks) == "Echo: Describe ChatGPT in 100 charactors."
    ps = psbridge.PowerShell()
    ps.add_script('Request-ChatCompletion "Describe ChatGPT." -Model "gpt-4o" -Stream -InformationVariable Response')
    streamed = ps.invoke()
    assert "".join(str(record) for record in ps.variables["Response"]) == "".join(streamed)


def test_chat_guide_moderation_scenarios(emulator: Emulator) -> None:
    # How_to_use_Chat.md section 6, simple scenario: -WarningAction Stop ends the pipeline before the chat.
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.run(
            "'I want to kill them.' | Request-Moderation -WarningAction Stop | "
            "Request-ChatCompletion -Model 'gpt-4o-mini'"
        )
    assert "This content may violate the content policy. (harassment, harassment/threatening, violence)" in str(
        caught.value
    )
    assert not [r for r in emulator.requests if r.path.endswith("/chat/completions")]
    # Complex scenario: test the input, ask, test the answer.
    script = """
    $WarningPreference = 'SilentlyContinue'
    $InputMessage = 'I want to kill them.'
    $InputModeration = Request-Moderation -Text $InputMessage
    $InputModeration.results[0].flagged
    $Response = Request-ChatCompletion -Message $InputMessage -Model 'gpt-4o-mini' -MaxTokens 15
    $OutputModeration = Request-Moderation -Text $Response.Answer[0]
    $OutputModeration.results[0].flagged
    """
    assert psbridge.run(script) == [True, True]  # the echo repeats the threat, so the answer is flagged too


def test_chat_guide_miscellaneous_options(emulator: Emulator) -> None:
    # How_to_use_Chat.md section 7: the same message at a low temperature gives the same answer; a token limit warns.
    answers = [
        psbridge.invoke(
            "Request-ChatCompletion",
            Message="Please output one person name, as appropriate.",
            Model="gpt-4o-mini",
            Temperature=0.1,
        )[0].Answer[0]
        for _ in range(3)
    ]
    assert len(set(answers)) == 1
    ps = psbridge.PowerShell()
    ps.add_script(
        '$Response = Request-ChatCompletion -Message "Write a long long poem as you can." -Model "gpt-4o" '
        "-MaxCompletionTokens 3; $Response.Answer"
    )
    assert ps.invoke() == ["Echo: Write a"]
    assert ps.streams.warning == ['The model seems to have terminated response. Reason: "length"']


def test_structured_outputs_guide_with_an_own_schema(emulator: Emulator) -> None:
    # How_to_use_StructuredOutputs.md, "own JSON schema" (the guide builds it in a here-string).
    schema = {
        "name": "reasoning_schema",
        "strict": True,
        "schema": {
            "type": "object",
            "properties": {
                "reasoning_steps": {"type": "array", "items": {"type": "string"}},
                "answer": {"type": "string"},
            },
            "required": ["reasoning_steps", "answer"],
            "additionalProperties": False,
        },
    }
    (result,) = psbridge.invoke(
        "Request-ChatCompletion",
        Model="gpt-4o-mini",
        Message="9.11 and 9.9 -- which is bigger?",
        ResponseFormat="json_schema",
        JsonSchema=json.dumps(schema),
    )
    answer = json.loads(result.Answer[0])
    assert set(answer) == {"reasoning_steps", "answer"} and isinstance(answer["reasoning_steps"], list)


def test_migration_guide(emulator: Emulator) -> None:
    # Migrate_ChatCompletion_to_Response.md
    script = """
    $Output = Request-Response -Message 'Hello' -Model 'gpt-4o-mini'
    $Output.LastUserMessage
    $Output.output_text
    $Chat = Request-ChatCompletion -Message 'Hello' -Model 'gpt-4o-mini'
    $Chat.Message
    $Chat.Answer[0]
    $First = Request-Response -Message "Hello."
    $Second = $First | Request-Response -Message "Can you assist me?"
    $Second.output_text
    $NotSaved = Request-Response -Message "Don't save this." -Store $false
    $NotSaved.store
    """
    assert psbridge.run(script) == ["Hello", "Echo: Hello", "Hello", "Echo: Hello", "Echo: Can you assist me?", False]
    with pytest.raises(
        psbridge.PipelineError
    ) as caught:  # "Cannot do this": a string does not pipe into Request-Response
        psbridge.run("\"Hello.\" | Request-Response -Model 'gpt-4o'")
    assert caught.value.errors[0].fully_qualified_error_id == "InputObjectNotBound,Request-Response"
    assert psbridge.run("\"Hello.\" | Request-ChatCompletion -Model 'gpt-4o'")[0].Answer == ["Echo: Hello."]


def test_api_key_and_context_guide(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    # How_to_handle_API-keys_and_Context.md: the environment, the named parameter, a local server, the context.
    monkeypatch.delenv("OPENAI_API_KEY")
    base = emulator.base_url
    ps = psbridge.PowerShell()
    ps.add_script(
        f"$env:OPENAI_API_KEY = '{API_KEY}'\n"
        'Request-ChatCompletion -Message "Who are you?" -Verbose\n'
        f"Request-ChatCompletion -Message 'Hello OpenAI' -Organization 'org-0123456789abcdefghij' -ApiKey '{API_KEY}'\n"
        f"$env:OPENAI_API_BASE = '{base}'\n"
        "Request-ChatCompletion -Message 'Hello Local LLM' -Model 'llama2'\n"
        f"Set-OpenAIContext -ApiType Azure -AuthType Azure -ApiKey '{API_KEY}' -ApiBase '{base.removesuffix('/v1')}/'\n"
        "Request-ChatCompletion -Message 'Hello Azure' -Model 'gpt-4o'\n"
        f"Set-OpenAIContext -ApiType OpenAI -AuthType OpenAI -ApiKey '{API_KEY}' -ApiBase '{base}'\n"
        "Request-ChatCompletion -Message 'Hello Local LLM' -Model 'gpt-4o'\n"
        "Clear-OpenAIContext"
    )
    answers = [completion.Answer[0] for completion in ps.invoke()]
    assert answers == [
        "Echo: Who are you?",
        "Echo: Hello OpenAI",
        "Echo: Hello Local LLM",
        "Echo: Hello Azure",
        "Echo: Hello Local LLM",
    ]
    assert 'API Key found in environment variable "OPENAI_API_KEY".' in ps.streams.verbose
    assert any(line.startswith("API key to be used is sk-tes") for line in ps.streams.verbose)
    assert not ps.had_errors


def test_token_counting_notebook(emulator: Emulator) -> None:
    # How_to_count_tokens.ipynb: Measure-TokensFromMessages (3 per message, 1 per name, 3 to prime the
    # reply) over ConvertTo-Token -Model, in Python; the per-call and the piped form agree.
    messages = [
        {"role": "system", "content": "You translate corporate jargon into plain English."},
        {"role": "system", "name": "example_user", "content": "New synergies will help drive top-line growth."},
        {"role": "user", "content": "We don't have time to boil the ocean."},
    ]
    total = 3
    for message in messages:
        total += 3
        for key, value in message.items():
            total += len(psbridge.invoke("ConvertTo-Token", Text=value, Model="gpt-4-0613")[0])
            total += 1 if key == "name" else 0
    texts = [value for message in messages for value in message.values()]
    piped = psbridge.invoke("ConvertTo-Token", input=texts, Model="gpt-4-0613")
    assert total == 3 + 3 * len(messages) + 1 + sum(len(ids) for ids in piped)
    assert (
        psbridge.invoke("ConvertTo-Token", Text="New synergies will help drive top-line growth.", Model="gpt-4-0613")[
            0
        ][:2]
        != []
    )
    (response,) = psbridge.invoke(
        "Request-ChatGPT",
        input=[{"History": messages[:-1]}],
        Model="gpt-4-0613",
        Message=messages[-1]["content"],
        Temperature=0,
        MaxTokens=1,
    )
    assert response.usage.prompt_tokens > 0 and response.Answer == ["Echo:"]


def test_function_calling_notebook_by_hand(emulator: Emulator) -> None:
    # How_to_call_functions_with_ChatGPT.ipynb with -Tools (PSOpenAI 4.49 has no -Functions): the model asks,
    # the script runs the function itself and sends the result back as a 'function' message.
    script = """
    $GetWeatherFunction = @{
        name = "Get-WeatherByCityAndDate"
        description = "Get specific date of weather in the city"
        parameters = @{
            type = "object"
            properties = @{
                "city" = @{ type = "string"; description = 'The city name, e.g. New York' }
                "date" = @{ type = "string"; format = "date" }
            }
            required = ("city", "date")
        }
    }
    $Message = 'What is the weather in Philadelphia on June 1, 2023?'
    $GPTAnswer = Request-ChatCompletion -Message $Message -Model gpt-4o -Tools $GetWeatherFunction
    $GPTAnswer.choices[0].message.tool_calls[0].function.name
    $GPTAnswer.choices[0].message.tool_calls[0].function.arguments
    $FunctionResultAsJson = '{"weather": "Sunny"}'
    $GPTAnswer2nd = $GPTAnswer | Request-ChatCompletion -Message $FunctionResultAsJson -Role 'function' `
        -Name 'Get-WeatherByCityAndDate' -Model gpt-4o
    $GPTAnswer2nd.Answer
    """
    name, arguments, answer = psbridge.run(script)
    assert name == "Get-WeatherByCityAndDate" and json.loads(arguments) == {"city": "echo", "date": "2024-01-01"}
    assert (
        answer == "Echo: What is the weather in Philadelphia on June 1, 2023?\n"
        'Tool output (Get-WeatherByCityAndDate): {"weather": "Sunny"}'
    )
