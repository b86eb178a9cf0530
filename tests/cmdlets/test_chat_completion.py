"""Request-ChatCompletion against the emulator: bodies, history, streams, tools, errors.

Every request the cmdlet sends is checked against OpenAI's published request
schema (tests/openapi_schemas.py).  The Pester tests translated here are cited
by file:line of ../shared/psopenai-source/Tests/Chat/Request-ChatCompletion.tests.ps1.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import psbridge
from psbridge.emulator import Emulator
from tests.openapi_schemas import assert_valid, request_body


def chat_requests(emulator: Emulator) -> list[dict[str, Any]]:
    """Bodies of the chat requests sent so far, each checked against the description."""
    bodies = [r.body for r in emulator.requests if r.path.endswith("/chat/completions") and r.method == "POST"]
    for body in bodies:
        assert_valid(request_body("POST", "/chat/completions"), body)
    return bodies  # type: ignore[return-value]


def test_one_question_gives_the_answer_and_the_history(emulator: Emulator) -> None:
    (completion,) = psbridge.run('Request-ChatCompletion -Message "Who are you?" -Model gpt-4o')
    assert completion.pstypenames[0] == "PSOpenAI.Chat.Completion"
    assert completion.Answer == ["Echo: Who are you?"]
    assert completion.Message == "Who are you?"
    assert isinstance(completion.created, dt.datetime)
    assert [(h["role"], h["content"]) for h in completion.History] == [
        ("user", "Who are you?"),
        ("assistant", "Echo: Who are you?"),
    ]
    (body,) = chat_requests(emulator)
    assert body == {"model": "gpt-4o", "messages": [{"role": "user", "content": "Who are you?"}]}


def test_a_piped_completion_continues_the_conversation(emulator: Emulator) -> None:
    script = """
    $first = Request-ChatCompletion -Model gpt-4o-mini -Message 'What is the population of the United States?'
    $second = $first | Request-ChatCompletion -Message 'Translate the previous answer into French.'
    $second | Request-ChatCompletion -Message 'Just tell me the number.'
    """
    (third,) = psbridge.run(script)
    assert third.Answer == ["Echo: Just tell me the number."]
    bodies = chat_requests(emulator)
    assert [m["role"] for m in bodies[2]["messages"]] == ["user", "assistant", "user", "assistant", "user"]
    assert bodies[2]["messages"][1]["content"] == "Echo: What is the population of the United States?"
    # -Model binds by property name from the piped completion (its `model`), as in PowerShell.
    assert {body["model"] for body in bodies} == {"gpt-4o-mini"}


def test_system_and_developer_messages_come_before_the_turn(emulator: Emulator) -> None:
    psbridge.run(
        "Request-ChatCompletion -Message ' hi ' -SystemMessage ' Be brief. ', '', 'Answer in French.' "
        "-DeveloperMessage dev"
    )
    (body,) = chat_requests(emulator)
    assert body["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "system", "content": "Answer in French."},
        {"role": "developer", "content": "dev"},
        {"role": "user", "content": "hi"},
    ]


def test_body_fields_are_sent_only_when_given(emulator: Emulator) -> None:
    psbridge.run(
        "Request-ChatCompletion -Message x -Temperature 0.5 -TopP 0.9 -NumberOfAnswers 2 -Store -MetaData @{k='v'} "
        "-StopSequence '#' -MaxTokens 50 -MaxCompletionTokens 40 -Seed 7 -ServiceTier flex -User u "
        "-ReasoningEffort low -Verbosity low -LogProbs $true -TopLogProbs 3 -PresencePenalty 1 -FrequencyPenalty -1"
    )
    (body,) = chat_requests(emulator)
    assert list(body) == [
        "model",
        "temperature",
        "top_p",
        "n",
        "store",
        "reasoning_effort",
        "verbosity",
        "metadata",
        "stop",
        "max_tokens",
        "max_completion_tokens",
        "presence_penalty",
        "frequency_penalty",
        "logprobs",
        "top_logprobs",
        "seed",
        "service_tier",
        "user",
        "messages",
    ]
    assert body["n"] == 2 and body["store"] is True and body["metadata"] == {"k": "v"}
    assert body["stop"] == ["#"] and body["top_logprobs"] == 3
    assert len(psbridge.run("(Request-ChatCompletion -Message x -NumberOfAnswers 3).Answer")) == 3


def test_stream_writes_each_token_as_it_comes(emulator: Emulator) -> None:
    # Request-ChatCompletion.tests.ps1:167 (Stream): the output is the content pieces, in order.
    ps = psbridge.PowerShell()
    output = ps.add_script(
        "Request-ChatCompletion 'Describe ChatGPT in 100 charactors.' -Stream -InformationVariable info; $info.Count"
    ).invoke()
    *tokens, info_count = output
    assert tokens[0] == ""  # the role chunk's empty content, as PSOpenAI writes it
    assert "".join(tokens) == "Echo: Describe ChatGPT in 100 charactors." and len(tokens) == 7
    assert info_count == len(tokens)
    (body,) = chat_requests(emulator)
    assert body["stream"] is True and "n" not in body


def test_stream_drops_n_and_raw_response_gives_each_payload(emulator: Emulator) -> None:
    payloads = psbridge.run(
        "Request-ChatCompletion -Message 'a b' -Stream -NumberOfAnswers 2 -ResponseFormat raw_response"
    )
    assert all(json.loads(p)["object"] == "chat.completion.chunk" for p in payloads)
    assert "n" not in chat_requests(emulator)[0]
    (raw,) = psbridge.run("Request-ChatCompletion -Message hi -Format raw_response")
    assert isinstance(raw, str) and json.loads(raw)["object"] == "chat.completion"


def test_a_cut_answer_warns_with_the_reason(emulator: Emulator) -> None:
    ps = psbridge.PowerShell()
    (completion,) = ps.add_script(
        "Request-ChatCompletion -Message 'write a long poem please' -MaxCompletionTokens 3"
    ).invoke()
    assert completion.Answer == ["Echo: write a"]
    assert ps.streams.warning == ['The model seems to have terminated response. Reason: "length"']


def test_a_refusal_is_the_answer_with_a_warning(emulator: Emulator) -> None:
    ps = psbridge.PowerShell()
    (completion,) = ps.add_script("Request-ChatCompletion -Message 'please [refuse]'").invoke()
    assert completion.Answer[0].startswith("I'm sorry")
    assert ps.streams.warning[0].startswith("The model refuses to respond. Refusal message: \"I'm sorry")


def test_images_are_urls_or_inline_data(emulator: Emulator, tmp_path: Path) -> None:
    picture = tmp_path / "donut.png"
    picture.write_bytes(b"\x89PNG fake")
    psbridge.run(
        f"Request-ChatCompletion -Message 'How many?' -Images 'https://example.com/a.jpg', '{picture}' "
        "-ImageDetail HIGH"
    )
    psbridge.run("Request-ChatCompletion -Message 'Where?' -Images 'https://example.com/b.jpg'")
    first, second = chat_requests(emulator)
    parts = first["messages"][0]["content"]
    assert parts[0] == {"type": "text", "text": "How many?"}
    assert parts[1] == {"type": "image_url", "image_url": {"url": "https://example.com/a.jpg", "detail": "high"}}
    assert parts[2]["image_url"]["url"].startswith("data:image/png;base64,")
    assert second["messages"][0]["content"][1] == {
        "type": "image_url",
        "image_url": {"url": "https://example.com/b.jpg"},
    }


TOKEN_TOOL = (
    "@{ name = 'ConvertTo-Token'; description = 'Tokenize'; "
    "parameters = @{ type = 'object'; properties = @{ Text = @{ type = 'string' } }; required = @('Text') } }"
)


def test_invoke_tools_runs_the_command_and_sends_its_result(emulator: Emulator) -> None:
    script = f"""$tool = {TOKEN_TOOL}
    Request-ChatCompletion -Message 'Tokenize {{"Text": "hello world"}}' -Tools $tool -InvokeTools Auto"""
    (completion,) = psbridge.run(script)
    assert completion.Answer == [
        'Echo: Tokenize {"Text": "hello world"}\nTool output (ConvertTo-Token): [\n  15339,\n  1917\n]'
    ]
    first, second = chat_requests(emulator)
    assert first["tools"][0]["type"] == "function" and first["tools"][0]["function"]["name"] == "ConvertTo-Token"
    roles = [m["role"] for m in second["messages"]]
    assert roles == ["user", "assistant", "tool"]
    assert second["messages"][2]["tool_call_id"] == second["messages"][1]["tool_calls"][0]["id"]
    assert [m["role"] for m in completion.History] == ["user", "assistant", "tool", "assistant"]


def test_without_invoke_tools_the_call_is_returned(emulator: Emulator) -> None:
    (completion,) = psbridge.run(f"Request-ChatCompletion -Message 'x' -Tools ({TOKEN_TOOL})")
    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.tool_calls[0].function.name == "ConvertTo-Token"
    assert completion.History[-1]["tool_calls"][0].function.arguments == '{"Text": "echo"}'
    assert len(chat_requests(emulator)) == 1


def test_a_failing_tool_reports_the_error_to_the_model_and_the_caller(emulator: Emulator) -> None:
    tool = (
        "@{ name = 'ConvertTo-Token'; "
        "parameters = @{ type = 'object'; properties = @{ Bogus = @{ type = 'string' } }; required = @('Bogus') } }"
    )
    ps = psbridge.PowerShell()
    (completion,) = ps.add_script(f"Request-ChatCompletion -Message x -Tools ({tool}) -InvokeTools Auto").invoke()
    assert (
        "Tool output (ConvertTo-Token): [ERROR] A parameter cannot be found that matches parameter name 'Bogus'."
        in completion.Answer[0]
    )
    assert ps.streams.error[0].fully_qualified_error_id.startswith("NamedParameterNotFound")


def test_confirm_mode_runs_nothing_without_an_interactive_host(emulator: Emulator) -> None:
    ps = psbridge.PowerShell()
    (completion,) = ps.add_script(
        f"Request-ChatCompletion -Message x -Tools ({TOKEN_TOOL}) -InvokeTools Confirm"
    ).invoke()
    assert "[ERROR] PowerShell is in NonInteractive mode." in completion.Answer[0]


def test_tool_definitions_with_a_type_are_sent_as_given(emulator: Emulator) -> None:
    psbridge.run(
        "Request-ChatCompletion -Message x -Tools @{type='function'; function=@{name='f'; parameters=@{type='object'}}}"
        " -ToolChoice none -ParallelToolCalls"
    )
    (body,) = chat_requests(emulator)
    assert body["tools"] == [{"type": "function", "function": {"name": "f", "parameters": {"type": "object"}}}]
    assert body["tool_choice"] == "none" and body["parallel_tool_calls"] is True


def test_json_schema_format(emulator: Emulator) -> None:
    schema = json.dumps(
        {
            "name": "r",
            "strict": True,
            "schema": {
                "type": "object",
                "properties": {"answer": {"type": "string"}},
                "required": ["answer"],
                "additionalProperties": False,
            },
        }
    )
    (completion,) = psbridge.run(
        f"Request-ChatCompletion -Message '9.11 or 9.9?' -ResponseFormat json_schema -JsonSchema '{schema}'"
    )
    assert json.loads(completion.Answer[0]) == {"answer": "Echo: 9.11 or 9.9?"}
    assert chat_requests(emulator)[0]["response_format"]["json_schema"]["name"] == "r"


def test_json_schema_without_a_schema_is_refused_before_sending(emulator: Emulator) -> None:
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.run("Request-ChatCompletion -Message x -ResponseFormat json_schema")
    assert "JsonSchema must be specified." in str(caught.value.errors[0].exception)
    assert chat_requests(emulator) == []


def test_role_function_needs_a_name_and_names_are_validated(emulator: Emulator) -> None:
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.run("Request-ChatCompletion -Message x -Role function")
    assert 'Messages with role "function" must have a name.' in str(caught.value.errors[0].exception)
    with pytest.raises(psbridge.ParameterBindingError) as bad_name:
        psbridge.invoke("Request-ChatCompletion", Message="x", Name="has space")
    assert bad_name.value.error_id == "ParameterArgumentValidationError"
    psbridge.run("Request-ChatCompletion -Message '{\"temp\": 30}' -Role Function -Name get_weather")
    (body,) = chat_requests(emulator)
    assert body["messages"] == [{"role": "function", "content": '{"temp": 30}', "name": "get_weather"}]


def test_no_message_at_all_is_an_error(emulator: Emulator) -> None:
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.run("Request-ChatCompletion -Model gpt-4o")
    assert "No message is specified." in str(caught.value.errors[0].exception)


def test_messages_come_from_the_pipeline_one_turn_each(emulator: Emulator) -> None:
    answers = [c.Answer[0] for c in psbridge.invoke("Request-ChatCompletion", input=["first", "second"])]
    assert answers == ["Echo: first", "Echo: second"]


def test_logit_bias_words_become_token_ids(emulator: Emulator) -> None:
    ps = psbridge.PowerShell()
    ps.add_script(
        "Request-ChatCompletion -Model gpt-4 -Message x -LogitBias @{ 'Hello' = 5; 1234 = -200; 'Hello world' = 1 }"
    ).invoke()
    (body,) = chat_requests(emulator)
    assert body["logit_bias"] == {"9906": 1.0, "1234": -100.0, "1917": 1.0}
    assert any("rounded to -100" in w for w in ps.streams.warning)
    assert any("encoded into multiple tokens" in w for w in ps.streams.warning)


def test_as_batch_gives_the_batch_input_without_a_request(emulator: Emulator) -> None:
    (item,) = psbridge.run("Request-ChatCompletion -Message hi -AsBatch -CustomBatchId req-1")
    assert item.pstypenames[0] == "PSOpenAI.Batch.Input"
    assert (item.custom_id, item.method, item.url) == ("req-1", "POST", "/v1/chat/completions")
    assert item.body.messages == [{"role": "user", "content": "hi"}]
    assert chat_requests(emulator) == []


def test_request_chatgpt_is_an_alias(emulator: Emulator) -> None:
    (completion,) = psbridge.run("Request-ChatGPT -Message hi")
    assert completion.Answer == ["Echo: hi"]
