"""Submit-ToolOutput and the function-calling loop, against the emulator over loopback HTTP."""

from __future__ import annotations

import json
from typing import Any

import pytest

import psbridge
from psbridge.cmdlets.psopenai.submit_tool_output import tool_output_text
from psbridge.emulator import Emulator
from psbridge.hosting import PowerShell
from psbridge.objects import Hashtable, PSObject
from psbridge.runtime import PipelineError

WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {
            "type": "object",
            "properties": {
                "location": {"type": "string"},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            },
            "required": ["location"],
        },
    },
}

LOOP = """
$fn = @{
    name = 'get_weather'
    parameters = @{
        type = 'object'
        properties = @{
            location = @{ type = 'string' }
            unit = @{ type = 'string'; enum = @('celsius', 'fahrenheit') }
        }
        required = @('location')
    }
}
$assistant = New-Assistant -Model gpt-4o-mini -Functions $fn
$run = Start-ThreadRun -Assistant $assistant -Message 'Call get_weather for location=Tokyo in fahrenheit'
$run = $run | Wait-ThreadRun -StatusForWait queued, in_progress
$call = $run.required_action.submit_tool_outputs.tool_calls[0]
$run = $run | Submit-ToolOutput -ToolOutput @{ tool_call_id = $call.id; output = @{ temperature = 20 } }
$submitted = $run
$run = $run | Wait-ThreadRun
$thread = $run | Receive-ThreadRun
"""


def requires_action_run(http: Any, text: str = "please call get_weather", **run: Any) -> dict[str, Any]:
    """A run that waits for the weather function's output (three GETs move it there)."""
    assistant = http.post("assistants", json={"model": "gpt-4o", "tools": [WEATHER]}).json()
    thread = http.post("threads", json={"messages": [{"role": "user", "content": text}]}).json()
    created = http.post(f"threads/{thread['id']}/runs", json={"assistant_id": assistant["id"], **run}).json()
    for _ in range(3):
        current = http.get(f"threads/{thread['id']}/runs/{created['id']}").json()
    assert current["status"] == "requires_action"
    return dict(current)


def submits(emulator: Emulator) -> list[Any]:
    return [r for r in emulator.requests if r.path.endswith("/submit_tool_outputs")]


def test_the_whole_function_calling_loop_as_a_script(emulator: Emulator) -> None:
    ps = PowerShell()
    ps.add_script(LOOP).invoke()
    assert not ps.had_errors, [str(e) for e in ps.streams.error]
    variables = ps.variables
    call = variables["call"]
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"location": "Tokyo", "unit": "fahrenheit"}
    submitted = variables["submitted"]
    assert submitted.pstypenames[0] == "PSOpenAI.Thread.Run" and submitted.status == "in_progress"
    assert variables["run"].status == "completed"
    assert submits(emulator)[-1].body == {"tool_outputs": [{"tool_call_id": call.id, "output": '{"temperature":20}'}]}
    reply = variables["thread"].Messages[-1].SimpleContent[0].Content
    assert reply.endswith('Tool output (get_weather): {"temperature":20}')


def test_id_set_reads_the_run_first(emulator: Emulator, http: Any) -> None:
    run = requires_action_run(http)
    call_id = run["required_action"]["submit_tool_outputs"]["tool_calls"][0]["id"]
    emulator.reset_log()
    (answer,) = psbridge.invoke(
        "Submit-ToolOutput", run["id"], run["thread_id"], ToolOutput=[Hashtable(tool_call_id=call_id, output=7)]
    )
    assert [(r.method, r.path.rsplit("/", 1)[-1]) for r in emulator.requests] == [
        ("GET", run["id"]),
        ("POST", "submit_tool_outputs"),
    ]
    assert emulator.requests[-1].body == {"tool_outputs": [{"tool_call_id": call_id, "output": "7"}]}
    assert answer.status == "in_progress" and answer.id == run["id"]
    # A run keeps its run timestamps as DateTimes (PSOpenAI typed this as a run step: section 6 item 6).
    assert answer.created_at.year >= 2024


def test_a_run_that_does_not_wait_for_outputs_is_refused_without_a_request(emulator: Emulator, http: Any) -> None:
    assistant = http.post("assistants", json={"model": "gpt-4o"}).json()
    thread = http.post("threads", json={"messages": [{"role": "user", "content": "hi"}]}).json()
    run = http.post(f"threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]}).json()
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Submit-ToolOutput", run["id"], thread["id"], ToolOutput=[])
    (record,) = caught.value.errors
    assert record.fully_qualified_error_id == "System.InvalidOperationException,Submit-ToolOutput"
    assert str(record.exception) == 'Runs in status "queued" does not accept tool outputs.'
    assert not submits(emulator)


def test_a_piped_run_object_is_judged_by_its_own_status(emulator: Emulator, http: Any) -> None:
    """The Run set uses the object's status as given (reference 2.7): a stale object is refused."""
    run = requires_action_run(http)
    stale = PSObject({**run, "status": "in_progress", "required_action": None})
    stale.pstypenames.insert(0, "PSOpenAI.Thread.Run")
    emulator.reset_log()
    with pytest.raises(PipelineError):
        psbridge.invoke("Submit-ToolOutput", input=[stale], ToolOutput=[])
    assert not emulator.requests


def test_entries_without_id_or_output_are_dropped(emulator: Emulator, http: Any) -> None:
    run = requires_action_run(http)
    call_id = run["required_action"]["submit_tool_outputs"]["tool_calls"][0]["id"]
    outputs = [Hashtable(output="lost"), Hashtable(tool_call_id="call_x", output=""), Hashtable(tool_call_id=call_id)]
    with pytest.raises(PipelineError) as caught:  # the API then says which output is missing
        psbridge.invoke("Submit-ToolOutput", run["id"], run["thread_id"], ToolOutput=outputs)
    assert submits(emulator)[-1].body == {"tool_outputs": []}
    error_id = caught.value.errors[0].fully_qualified_error_id
    assert error_id == "PSOpenAI.APIRequest.BadRequestException,Submit-ToolOutput"


def test_a_pscustomobject_is_not_an_idictionary(emulator: Emulator, http: Any) -> None:
    run = requires_action_run(http)
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        entry = PSObject({"tool_call_id": "c", "output": "o"})
        psbridge.invoke("Submit-ToolOutput", run["id"], run["thread_id"], ToolOutput=[entry])
    assert caught.value.error_id == "ParameterArgumentTransformationError"  # as PowerShell for a typed array
    assert not submits(emulator)


def test_stream_writes_the_reply_text_as_it_comes(emulator: Emulator, http: Any) -> None:
    run = requires_action_run(http)
    call_id = run["required_action"]["submit_tool_outputs"]["tool_calls"][0]["id"]
    ps = PowerShell()
    output = (
        ps.add_command("Submit-ToolOutput")
        .add_parameters(
            {
                "RunId": run["id"],
                "ThreadId": run["thread_id"],
                "ToolOutput": [Hashtable(tool_call_id=call_id, output="sunny")],
                "Stream": True,
                "InformationAction": "Continue",
            }
        )
        .invoke()
    )
    text = "".join(output)
    assert text == "Echo: please call get_weather\nTool output (get_weather): sunny"
    assert "".join(str(r) for r in ps.streams.information) == text
    assert submits(emulator)[-1].body["stream"] is True


def test_stream_raw_response_writes_every_event_payload(emulator: Emulator, http: Any) -> None:
    run = requires_action_run(http)
    call_id = run["required_action"]["submit_tool_outputs"]["tool_calls"][0]["id"]
    output = psbridge.invoke(
        "Submit-ToolOutput",
        run["id"],
        run["thread_id"],
        ToolOutput=[Hashtable(tool_call_id=call_id, output="x")],
        Stream=True,
        Format="raw_response",
    )
    objects = [json.loads(payload)["object"] for payload in output]
    assert objects[0] == "thread.run.step" and objects[-1] == "thread.run"
    assert "thread.message.delta" in objects


def test_format_is_validated_before_any_request(emulator: Emulator) -> None:
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        psbridge.invoke("Submit-ToolOutput", "run_1", "thread_1", ToolOutput=[], Format="json")
    assert caught.value.error_id == "ParameterArgumentValidationError"
    assert not emulator.requests


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("plain", "plain"),
        (42, "42"),
        (Hashtable(a=1), '{"a":1}'),
        (PSObject({"b": [1, "x"]}), '{"b":[1,"x"]}'),
        ([1, 2], "[1,2]"),
    ],
)
def test_outputs_that_are_not_text_are_sent_as_json(value: Any, text: str) -> None:
    assert tool_output_text(value) == text
