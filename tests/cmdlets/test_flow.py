"""Whole conversations through the cmdlets, as a ported script would run them.

New-Assistant -> New-Thread -> Add-ThreadMessage -> Start-ThreadRun -> Receive-ThreadRun -Wait
-> Remove-Assistant, checking the reply lands in the thread's Messages and that the whole
thing costs few requests and one connection per command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import psbridge
from psbridge.emulator import Emulator, Lifecycle
from psbridge.hosting import PowerShell


@pytest.fixture
def emu(start_emulator: Callable[..., Emulator]) -> Emulator:
    """Runs advance one step per GET, and the server asks for no pause between polls."""
    return start_emulator(lifecycle=Lifecycle(mode="polls"), poll_after_ms=0)


def contents(thread: Any) -> list[tuple[str, str]]:
    return [(m.SimpleContent[0].Role, m.SimpleContent[0].Content) for m in thread.Messages]


def test_assistant_thread_message_run_receive_remove(emu: Emulator) -> None:
    [assistant] = psbridge.invoke(
        "New-Assistant", Name="Math tutor", Model="gpt-4o-mini", Instructions="You are a math teacher."
    )
    [thread] = psbridge.invoke("New-Thread")
    assert psbridge.invoke("Add-ThreadMessage", "What is 2 + 2?", input=[thread]) == []
    [run] = psbridge.invoke("Start-ThreadRun", input=[thread], Assistant=assistant)
    assert (run.thread_id, run.assistant_id, run.status) == (thread.id, assistant.id, "queued")
    [received] = psbridge.invoke("Receive-ThreadRun", input=[run], Wait=True)
    assert psbridge.invoke("Remove-Assistant", input=[assistant]) == []

    assert received.pstypenames[0] == "PSOpenAI.Thread"
    assert received.id == thread.id
    assert contents(received) == [("user", "What is 2 + 2?"), ("assistant", "Echo: What is 2 + 2?")]
    assert received.Messages[-1].run_id == run.id
    assert assistant.id not in emu.store.assistants
    assert emu.store.runs[run.id]["status"] == "completed"

    calls = [(r.method, r.path.replace(thread.id, "T").replace(run.id, "R")) for r in emu.requests]
    assert calls == [
        ("POST", "/v1/assistants"),
        ("POST", "/v1/threads"),
        ("POST", "/v1/threads/T/messages"),
        ("POST", "/v1/threads/T/runs"),
        ("GET", "/v1/threads/T/runs/R"),  # queued
        ("GET", "/v1/threads/T/runs/R"),  # in_progress
        ("GET", "/v1/threads/T/runs/R"),  # completed
        ("GET", "/v1/threads/T"),
        ("GET", "/v1/threads/T/messages"),
        ("DELETE", f"/v1/assistants/{assistant.id}"),
    ]
    assert emu.connection_count == 1  # the session keeps one connection for all six commands


def test_the_same_flow_as_one_pipeline(emu: Emulator) -> None:
    """New-Thread | Add-ThreadMessage -PassThru | Start-ThreadRun -Assistant $a | Receive-ThreadRun -Wait."""
    ps = PowerShell()
    [assistant] = ps.add_command("New-Assistant").add_parameter("Model", "gpt-4o-mini").invoke()
    ps.clear()
    ps.add_command("New-Thread")
    ps.add_command("Add-ThreadMessage").add_parameter("Message", "Hello there").add_parameter("PassThru")
    ps.add_command("Start-ThreadRun").add_parameter("Assistant", assistant)
    ps.add_command("Receive-ThreadRun").add_parameter("Wait")
    [thread] = ps.invoke()
    assert not ps.had_errors
    assert contents(thread) == [("user", "Hello there"), ("assistant", "Echo: Hello there")]
    ps.clear()
    assert ps.add_command("Get-Assistant").add_parameter("All").add_command("Remove-Assistant").invoke() == []
    assert emu.store.assistants == {}
    assert len(emu.requests) <= 13


def test_second_turn_waits_for_the_first_run(emu: Emulator) -> None:
    """Add-ThreadMessage -WaitForRunComplete lets a script post while the previous run is still going."""
    [assistant] = psbridge.invoke("New-Assistant", Model="gpt-4o-mini")
    [thread] = psbridge.invoke("New-Thread", Messages=["First question"])
    [first] = psbridge.invoke("Start-ThreadRun", thread, Assistant=assistant)
    with pytest.raises(psbridge.PipelineError):  # without waiting, the API refuses the message
        psbridge.invoke("Add-ThreadMessage", "Second question", ThreadId=thread)
    psbridge.invoke("Add-ThreadMessage", "Second question", ThreadId=thread, WaitForRunComplete=True)
    assert emu.store.runs[first.id]["status"] == "completed"
    [second] = psbridge.invoke("Start-ThreadRun", thread, Assistant=assistant)
    [received] = psbridge.invoke("Receive-ThreadRun", second, Wait=True)
    assert contents(received) == [
        ("user", "First question"),
        ("assistant", "Echo: First question"),
        ("user", "Second question"),
        ("assistant", "Echo: Second question"),
    ]
    [reply] = psbridge.invoke("Get-ThreadMessage", second)  # the run's own messages
    assert reply.SimpleContent[0].Content == "Echo: Second question"
    [updated] = psbridge.invoke("Set-Thread", thread, MetaData=psbridge.Hashtable(turns="2"))
    assert updated.metadata.turns == "2" and updated.Messages == []
