"""Request-Response and its relatives, and the conversation cmdlets, against the emulator.

Every request body is checked against OpenAI's published request schema.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import psbridge
from psbridge.emulator import Emulator
from tests.openapi_schemas import assert_valid, request_body


def sent(emulator: Emulator, path: str) -> list:
    bodies = [r.body for r in emulator.requests if r.method == "POST" and r.path == "/v1" + path]
    for body in bodies:
        assert_valid(request_body("POST", path), body)
    return bodies


def test_a_response_has_output_text_and_history(emulator: Emulator) -> None:
    (response,) = psbridge.run("Request-Response -Model 'gpt-5.4' -Message 'Explain quantum physics in simple terms.'")
    assert response.pstypenames[0] == "PSOpenAI.Response"
    assert response.output_text == "Echo: Explain quantum physics in simple terms."
    assert response.LastUserMessage == "Explain quantum physics in simple terms."
    assert isinstance(response.created_at, dt.datetime) and response.StructuredOutputs == []
    assert [(h.type, h.role) for h in response.History] == [("message", "user"), ("message", "assistant")]
    (body,) = sent(emulator, "/responses")
    assert body == {
        "model": "gpt-5.4",
        "input": [
            {
                "type": "message",
                "role": "user",
                "content": [{"type": "input_text", "text": "Explain quantum physics in simple terms."}],
            }
        ],
    }


def test_piping_a_response_continues_the_conversation(emulator: Emulator) -> None:
    script = """
    $first = Request-Response -Message 'Hello.'
    $second = $first | Request-Response -Message 'Can you assist me?'
    $second
    """
    (second,) = psbridge.run(script)
    assert second.output_text == "Echo: Can you assist me?"
    assert len(second.History) == 4
    _, second_body = sent(emulator, "/responses")
    assert len(second_body["input"]) == 3 and "previous_response_id" not in second_body
    assert second_body["model"] == "gpt-4o-mini"  # the doc's default, bound again from the piped response


def test_previous_response_id_and_store(emulator: Emulator) -> None:
    script = """
    $first = Request-Response -Message 'Remember 42.' -Store $true
    Request-Response -Message 'What number?' -PreviousResponseId $first.id
    Request-Response -Message "Don't save this." -Store $false
    """
    second, unsaved = psbridge.run(script)
    assert second.previous_response_id is not None and second.output_text == "Echo: What number?"
    assert unsaved.store is False
    bodies = sent(emulator, "/responses")
    assert bodies[0]["store"] is True and bodies[2]["store"] is False
    assert bodies[1]["previous_response_id"] == second.previous_response_id


def test_system_developer_instructions_images_and_files(emulator: Emulator, tmp_path: Path) -> None:
    picture = tmp_path / "donut.png"
    picture.write_bytes(b"png")
    document = tmp_path / "notes.txt"
    document.write_text("hello")
    psbridge.run(
        "Request-Response -Message 'What is this?' -SystemMessage s1, '', s2 -DeveloperMessage d "
        "-Instructions 'Be kind.' "
        f"-Images '{picture}', 'https://example.com/a.png', 'file-img1' -ImageDetail HIGH "
        f"-Files '{document}', 'https://example.com/a.pdf', 'file-abc', 'C:\\missing.pdf'"
    )
    (body,) = sent(emulator, "/responses")
    system, developer, user = body["input"]
    assert [p["text"] for p in system["content"]] == ["s1", "s2"] and developer["role"] == "developer"
    parts = user["content"]
    assert parts[0] == {"type": "input_text", "text": "What is this?"}
    assert parts[1]["filename"] == "notes.txt" and parts[1]["file_data"].startswith("data:text/plain;base64,")
    assert parts[2] == {"type": "input_file", "file_url": "https://example.com/a.pdf"}
    assert parts[3] == {"type": "input_file", "file_id": "file-abc"}
    assert parts[4]["image_url"].startswith("data:image/png;base64,") and parts[4]["detail"] == "high"
    assert parts[6] == {"type": "input_image", "file_id": "file-img1", "detail": "high"}
    assert len(parts) == 7 and body["instructions"] == "Be kind."


def test_stream_writes_text_deltas_or_events(emulator: Emulator) -> None:
    assert psbridge.run("Request-Response -Message 'Hello there' -Stream") == ["Echo:", " Hello", " there"]
    events = psbridge.run("Request-Response -Message 'Hi' -Stream -StreamOutputType object")
    assert events[0].type == "response.created" and events[-1].type == "response.completed"
    raw = psbridge.run("Request-Response -Message 'Hi' -Stream -OutputRawResponse")
    assert json.loads(raw[0])["type"] == "response.created"


def test_background_responses_are_read_back_with_get_response(emulator: Emulator) -> None:
    script = """
    $job = Request-Response -Message 'long task' -Background
    $job.status
    (Get-Response $job.id).status
    (Get-Response -ResponseId $job.id).status
    $done = $job | Get-Response
    $done.output_text
    $done.History.Count
    """
    assert psbridge.run(script) == ["queued", "queued", "in_progress", "Echo: long task", 2]
    assert sent(emulator, "/responses")[0]["background"] is True


def test_background_stream_gives_the_response_object(emulator: Emulator) -> None:
    (job,) = psbridge.run("Request-Response -Message 'later' -Background -Stream")
    assert job.pstypenames[0] == "PSOpenAI.Response" and job.status == "queued"
    replayed = psbridge.run(f"Get-Response {job.id} -Stream")
    assert "".join(replayed) == "Echo: later"


def test_function_tools_and_tool_choice(emulator: Emulator) -> None:
    tool = (
        "@{type='function'; name='get_weather'; strict=$false; "
        "parameters=@{type='object'; properties=@{city=@{type='string'}}; required=@('city')}}"
    )
    (response,) = psbridge.run(f"Request-Response -Message 'weather?' -Functions ({tool}) -ToolChoice get_weather")
    (call,) = response.output
    assert call.type == "function_call" and json.loads(call.arguments) == {"city": "echo"}
    (body,) = sent(emulator, "/responses")
    assert body["tool_choice"] == {"type": "function", "name": "get_weather"}


def test_structured_output_with_a_json_schema(emulator: Emulator) -> None:
    schema = json.dumps(
        {
            "type": "object",
            "properties": {"answer": {"type": "string"}},
            "required": ["answer"],
            "additionalProperties": False,
        }
    )
    (response,) = psbridge.run(
        f"Request-Response -Message '9.11 or 9.9?' -OutputType json_schema -JsonSchema '{schema}' "
        "-JsonSchemaName r -JsonSchemaStrict $true"
    )
    assert json.loads(response.output_text) == {"answer": "Echo: 9.11 or 9.9?"}
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.run("Request-Response -Message x -OutputType json_schema -JsonSchema '{}'")
    assert "JsonSchemaName must be specified." in str(caught.value.errors[0].exception)


def test_built_in_tools_are_described_as_the_api_expects(emulator: Emulator) -> None:
    psbridge.run(
        "Request-Response -Message x -UseFileSearchTool -FileSearchVectorStoreIds vs_1 -FileSearchMaxNumberOfResults 5 "
        "-UseWebSearchTool -WebSearchContextSize HIGH -WebSearchUserLocationCity Tokyo -UseCodeInterpreterTool "
        "-UseImageGenerationTool -ImageGenerationQuality low -ReasoningEffort low -Verbosity low "
        "-MaxOutputTokens 100 -MetaData @{k='v'}"
    )
    (body,) = sent(emulator, "/responses")
    kinds = [tool["type"] for tool in body["tools"]]
    assert kinds == ["file_search", "web_search", "code_interpreter", "image_generation"]
    assert body["tools"][0] == {"type": "file_search", "vector_store_ids": ["vs_1"], "max_num_results": 5}
    assert body["tools"][1]["user_location"] == {"city": "Tokyo", "type": "approximate"}
    assert body["tools"][2] == {"type": "code_interpreter", "container": {"type": "auto"}}
    assert body["reasoning"] == {"effort": "low"} and body["text"] == {"verbosity": "low"}
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.run("Request-Response -Message x -UseFileSearchTool")
    assert "VectorStore Ids must be specified." in str(caught.value.errors[0].exception)


def test_a_cut_response_warns(emulator: Emulator) -> None:
    ps = psbridge.PowerShell()
    words = " ".join(f"w{n}" for n in range(40))
    (response,) = ps.add_script(f"Request-Response -Message '{words}' -MaxOutputTokens 16").invoke()
    assert response.status == "incomplete"
    assert ps.streams.warning == ['The status of response is "incomplete". Details: "max_output_tokens"']


def test_remove_response_and_input_items(emulator: Emulator) -> None:
    script = """
    $r = Request-Response -Message 'one' -SystemMessage 'sys'
    (Get-ResponseInputItem $r.id -All).role
    $r | Remove-Response
    """
    assert psbridge.run(script) == ["system", "user"]
    with pytest.raises(psbridge.PipelineError):
        psbridge.run("Get-Response resp_gone")


def test_compaction_history_continues(emulator: Emulator) -> None:
    script = """
    $r = Request-Response 'Tell me about traditional Japanese cuisine.' -Model 'gpt-5.2'
    $c = $r | Request-ResponseCompaction -Model 'gpt-5.2'
    $c
    ($c | Request-Response -Message 'continue').output_text
    """
    compaction, continued = psbridge.run(script)
    assert compaction.pstypenames[0] == "PSOpenAI.Response.Compaction"
    assert [item.type for item in compaction.History] == ["message", "compaction"]
    assert continued == "Echo: continue"
    (body,) = sent(emulator, "/responses/compact")
    assert [m["role"] for m in body["input"]] == ["user", "assistant"]


def test_conversations_from_creation_to_removal(emulator: Emulator) -> None:
    script = """
    $conv = New-Conversation -MetaData @{ topic = 'demo' }
    $conv.Items.Count
    Add-ConversationItem -ConversationId $conv.id -Message "Hello, what's the weather today?"
    $after = Add-ConversationItem -ConversationId $conv.id -Message 'More' -SystemMessage 'sys' -PassThru
    $after.Items.Count
    $answer = Request-Response -Message 'And now?' -Conversation $conv.id
    $answer.output_text
    $items = Get-ConversationItem -ConversationId $conv.id -All
    $items.Count
    $items[0].pstypenames[0]
    (Get-ConversationItem -ConversationId $conv.id -ItemId $items[0].id).id
    $items[0].id
    Remove-ConversationItem -ConversationId $conv.id -ItemId $items[0].id
    (Get-Conversation -ConversationId $conv.id).Items.Count
    (Set-Conversation -ConversationId $conv.id -MetaData @{ topic = 'project-x'; priority = 'high' }).metadata.priority
    Remove-Conversation -ConversationId $conv.id
    """
    zero, three, answer, five, type_name, got_id, first_id, four, high = psbridge.run(script)
    assert [zero, three, answer, five, type_name, four, high] == [
        0,
        3,
        "Echo: And now?",
        5,
        "PSOpenAI.Conversation.Item",
        4,
        "high",
    ]
    assert got_id == first_id
    with pytest.raises(psbridge.PipelineError):
        psbridge.run("Get-Conversation conv_gone")
    for body in sent(emulator, "/conversations"):
        assert body == {"metadata": {"topic": "demo"}}
