"""The Assistants flows scripts use - the seed docs' examples, function calling, file search,
chat - run by the cmdlets against an emulator with a model behind it (a loopback fake backend)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from psbridge.emulator import Emulator
from psbridge.emulator.backend import BackendConfig
from psbridge.hosting import PowerShell
from tests.emulator.fake_backend import FakeBackend, Turn


@pytest.fixture
def served(start_emulator: Callable[..., Emulator], backend: FakeBackend) -> Emulator:
    return start_emulator(backend=BackendConfig(backend.url, models={"*": "local-model"}))


def run(script: str, ps: PowerShell | None = None) -> list[object]:
    ps = ps or PowerShell()
    ps.clear()
    output = ps.add_script(script).invoke()
    assert not ps.had_errors, [str(error) for error in ps.streams.error]
    return output


def test_the_seed_docs_flows(served: Emulator, backend: FakeBackend, recorded_sleeps: list[float]) -> None:
    backend.will(Turn(text="Paris is the capital."), Turn(text="Second answer."))
    (answer,) = run("""
        $Assistant = New-Assistant -Model 'gpt-4o-mini' -Instructions 'Answer geography questions.'
        $Thread = New-Thread | Add-ThreadMessage 'What is the capital of France?' -PassThru
        $Result = Start-ThreadRun -ThreadId $Thread.id -Assistant $Assistant | Receive-ThreadRun -Wait
        $Result.Messages.SimpleContent[-1].Content
    """)  # fmt: skip
    assert answer == "Paris is the capital."
    assert backend.requests[0]["model"] == "local-model"
    assert backend.requests[0]["messages"][0] == {"role": "system", "content": "Answer geography questions."}
    (status,) = run("""
        $Thread = New-Thread | Add-ThreadMessage 'And of Spain?' -PassThru
        $Run = $Thread | Start-ThreadRun -Assistant (Get-Assistant -Limit 1) | Wait-ThreadRun
        $Done = Get-ThreadRun -RunId $Run.id -ThreadId $Thread.id | Receive-ThreadRun
        $Run.status
    """)  # fmt: skip
    assert status == "completed"


def test_a_run_cancelled_while_the_model_thinks(
    served: Emulator, backend: FakeBackend, recorded_sleeps: list[float]
) -> None:
    backend.will(Turn(text="too late", delay=0.5))
    (status,) = run("""
        $Run = New-Thread | Add-ThreadMessage 'slow one' -PassThru | Start-ThreadRun -Assistant (New-Assistant -Model m)
        $Run = $Run | Wait-ThreadRun -StatusForWait queued
        ($Run | Stop-ThreadRun -PassThru | Wait-ThreadRun -StatusForExit 'cancelled').status
    """)  # fmt: skip
    assert status == "cancelled"


def test_function_calling_round_trip(served: Emulator, backend: FakeBackend, recorded_sleeps: list[float]) -> None:
    backend.will(Turn(calls=[("get_weather", '{"location": "Tokyo"}')]), Turn(text="It is 20 degrees in Tokyo."))
    (answer,) = run("""
        $properties = @{ location = @{ type = 'string' } }
        $fn = @{ name = 'get_weather'; parameters = @{ type = 'object'; properties = $properties } }
        $assistant = New-Assistant -Model gpt-4o-mini -Functions $fn
        $run = Start-ThreadRun -Assistant $assistant -Message 'Weather in Tokyo?'
        $run = $run | Wait-ThreadRun -StatusForWait queued, in_progress
        $call = $run.required_action.submit_tool_outputs.tool_calls[0]
        $run = $run | Submit-ToolOutput -ToolOutput @{ tool_call_id = $call.id; output = '20C' }
        ($run | Receive-ThreadRun -Wait).Messages.SimpleContent[-1].Content
    """)  # fmt: skip
    assert answer == "It is 20 degrees in Tokyo."
    assert backend.requests[1]["messages"][-1] == {"role": "tool", "tool_call_id": "call_fake0", "content": "20C"}


def test_file_search_with_citations(
    served: Emulator, backend: FakeBackend, tmp_path: Path, recorded_sleeps: list[float]
) -> None:
    handbook = tmp_path / "handbook.txt"
    handbook.write_text("The service desk is run by Dana Lee on extension 4242.\nLunch is at noon.\n", encoding="utf-8")
    backend.will(Turn(text="Dana Lee runs it [1]."))
    session = PowerShell()
    run(f"""
        $Doc = Add-OpenAIFile -File "{handbook}" -Purpose assistants
        $Store = New-VectorStore -Name 'Handbook' -FileId $Doc.Id
        $Helper = New-Assistant -Model 'gpt-4o-mini' -UseFileSearch -VectorStoresForFileSearch $Store
        $Answer = Start-ThreadRun -Assistant $Helper -Message 'Who runs the service desk?' | Receive-ThreadRun -Wait
    """, session)  # fmt: skip
    (reply,) = run("$Answer.Messages[-1]", session)
    assert reply.content[0].text.value == "Dana Lee runs it [1]."  # type: ignore[attr-defined]
    (citation,) = reply.content[0].text.annotations  # type: ignore[attr-defined]
    assert citation.type == "file_citation" and citation.file_citation.file_id == run("$Doc.id", session)[0]
    assert "extension 4242" in backend.requests[0]["messages"][0]["content"]


def test_streamed_run_and_chat(served: Emulator, backend: FakeBackend, recorded_sleeps: list[float]) -> None:
    backend.will(Turn(text="one two three"), Turn(text="chat answer"))
    pieces = run("Start-ThreadRun -Assistant (New-Assistant -Model m) -Message 'count' -Stream")
    assert "".join(str(piece) for piece in pieces) == "one two three"
    (chat,) = run("(Request-ChatCompletion 'hello' -Model gpt-4o).Answer")
    assert chat == "chat answer"


# -- parallel function calling: every call the model makes comes back, every result goes back --

PARALLEL_FUNCTIONS = """
    $city = @{ type = 'object'; properties = @{ city = @{ type = 'string' } } }
    $zone = @{ type = 'object'; properties = @{ zone = @{ type = 'string' } } }
    $weather = @{ name = 'get_weather'; parameters = $city }
    $clock = @{ name = 'get_time'; parameters = $zone }
"""
PARALLEL = [("get_weather", '{"city": "Oslo"}'), ("get_time", '{"zone": "CET"}')]
SENT_CALLS = [
    {"id": f"call_fake{i}", "type": "function", "function": {"name": name, "arguments": arguments}}
    for i, (name, arguments) in enumerate(PARALLEL)
]


def test_chat_completion_invokes_every_tool_the_model_calls(
    served: Emulator, backend: FakeBackend, recorded_sleeps: list[float]
) -> None:
    calls = [("ConvertTo-Token", '{"Text": "hello"}'), ("ConvertTo-Token", '{"Text": "world"}')]
    backend.will(Turn(calls=calls), Turn(text="Two words, two tokens."))
    (completion,) = run("""
        $text = @{ type = 'object'; properties = @{ Text = @{ type = 'string' } }; required = @('Text') }
        $tool = @{ name = 'ConvertTo-Token'; parameters = $text }
        Request-ChatCompletion -Message 'Tokenize hello and world' -Model gpt-4o -Tools $tool -InvokeTools Auto
    """)  # fmt: skip
    assert completion.Answer == ["Two words, two tokens."]  # type: ignore[attr-defined]
    user, asked, *results = backend.requests[1]["messages"]
    assert user == {"role": "user", "content": "Tokenize hello and world"}
    assert asked["tool_calls"] == [
        {"id": f"call_fake{i}", "type": "function", "function": {"name": name, "arguments": arguments}}
        for i, (name, arguments) in enumerate(calls)
    ]
    assert [(m["role"], m["tool_call_id"]) for m in results] == [("tool", "call_fake0"), ("tool", "call_fake1")]
    assert [json.loads(m["content"]) for m in results] == [15339, 14957]  # each word is one cl100k token


def test_request_response_with_parallel_function_calls(
    served: Emulator, backend: FakeBackend, recorded_sleeps: list[float]
) -> None:
    backend.will(Turn(calls=PARALLEL), Turn(text="Sunny at 10:00."))
    (calls, answer) = run(
        PARALLEL_FUNCTIONS
        + """
        $fn = @{ type = 'function'; name = 'get_weather'; parameters = $city },
              @{ type = 'function'; name = 'get_time'; parameters = $zone }
        $first = Request-Response -Message 'Weather and time in Oslo?' -Model gpt-4o -Functions $fn
        $a = $first.output[0]
        $b = $first.output[1]
        $outputs = @{ type = 'function_call_output'; call_id = $a.call_id; output = "result of $($a.name)" },
                   @{ type = 'function_call_output'; call_id = $b.call_id; output = "result of $($b.name)" }
        $second = Request-Response -Model gpt-4o -PreviousResponseId $first.id -History $outputs -Functions $fn
        ,@("$($a.call_id) $($a.name) $($a.arguments)", "$($b.call_id) $($b.name) $($b.arguments)")
        $second.output_text
        """
    )
    assert list(calls) == [f"call_fake{i} {name} {arguments}" for i, (name, arguments) in enumerate(PARALLEL)]  # type: ignore[call-overload]
    assert answer == "Sunny at 10:00."
    sent = backend.requests[1]["messages"]
    assert sent[-3:] == [
        {"role": "assistant", "content": None, "tool_calls": SENT_CALLS},
        {"role": "tool", "tool_call_id": "call_fake0", "content": "result of get_weather"},
        {"role": "tool", "tool_call_id": "call_fake1", "content": "result of get_time"},
    ]


def test_an_assistants_run_with_two_function_calls(
    served: Emulator, backend: FakeBackend, recorded_sleeps: list[float]
) -> None:
    backend.will(Turn(calls=PARALLEL), Turn(text="Sunny at 10:00."))
    (answer,) = run(
        PARALLEL_FUNCTIONS
        + """
        $assistant = New-Assistant -Model gpt-4o-mini -Functions $weather, $clock
        $run = Start-ThreadRun -Assistant $assistant -Message 'Weather and time in Oslo?'
        $run = $run | Wait-ThreadRun -StatusForWait queued, in_progress
        $a = $run.required_action.submit_tool_outputs.tool_calls[0]
        $b = $run.required_action.submit_tool_outputs.tool_calls[1]
        $outputs = @{ tool_call_id = $a.id; output = "result of $($a.function.name)" },
                   @{ tool_call_id = $b.id; output = "result of $($b.function.name)" }
        $run = $run | Submit-ToolOutput -ToolOutput $outputs
        ($run | Receive-ThreadRun -Wait).Messages.SimpleContent[-1].Content
        """
    )
    assert answer == "Sunny at 10:00."
    assert backend.requests[1]["messages"][-3:] == [
        {"role": "assistant", "content": None, "tool_calls": SENT_CALLS},
        {"role": "tool", "tool_call_id": "call_fake0", "content": "result of get_weather"},
        {"role": "tool", "tool_call_id": "call_fake1", "content": "result of get_time"},
    ]


def test_streamed_chat_and_response_relay_the_models_words(
    served: Emulator, backend: FakeBackend, recorded_sleeps: list[float]
) -> None:
    backend.will(Turn(text="one two three"), Turn(text="four five"))
    chat = run("Request-ChatCompletion 'count' -Model gpt-4o -Stream")
    assert chat == ["one", " two", " three"]
    response = run("Request-Response 'count on' -Model gpt-4o -Stream")
    assert response == ["four", " five"]
    assert [request["stream"] for request in backend.requests] == [True, True]
