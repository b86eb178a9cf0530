"""The Assistants flows scripts use - the seed docs' examples, function calling, file search,
chat - run by the cmdlets against an emulator with a model behind it (a loopback fake backend)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from psbridge.emulator import Emulator
from psbridge.emulator.backend import BackendConfig
from psbridge.hosting import PowerShell
from tests.emulator.fake_backend import FakeBackend, Turn


@pytest.fixture
def backend() -> Iterator[FakeBackend]:
    fake = FakeBackend()
    yield fake
    fake.close()


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
