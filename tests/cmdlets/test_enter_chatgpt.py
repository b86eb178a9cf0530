"""Enter-ChatGPT against the emulator over loopback: a console conversation read from a host.

The questions come from a console host on in-memory streams (as piped stdin reaches Read-Host),
from the command line's real stdin (a pipe, a terminal), and the requests the emulator received
are checked against OpenAI's request schema.  The behaviour follows PSOpenAI's
Public/Enter-ChatGPT.ps1 except where its bugs are fixed (see the module's docstring).
"""

from __future__ import annotations

import io
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

import psbridge
from psbridge.emulator import Emulator
from psbridge.emulator.faults import Fault
from psbridge.language.engine.run import run_text
from psbridge.runtime import Runspace
from psbridge.runtime.host import ConsoleHost
from tests.api.api_loopback import Reply, ScriptedServer
from tests.conftest import API_KEY, REPO
from tests.helpers import psbridge_environment, run_psbridge
from tests.openapi_schemas import assert_valid, request_body

RULE = "/" * 46
WRONG_KEY = "sk-wrong-key-0123456789abcdef"


class Console:
    """A runspace whose host reads ``stdin`` (echoing it, as pwsh echoes redirected input)."""

    def __init__(self, stdin: str = "") -> None:
        self.runspace = Runspace()
        self.output = io.StringIO()
        self.runspace.host = ConsoleHost(self.output, io.StringIO(stdin))

    def run(self, text: str) -> list[Any]:
        return run_text(self.runspace, text)

    @property
    def text(self) -> str:
        return self.output.getvalue()

    @property
    def error_ids(self) -> list[str]:
        return [record.fully_qualified_error_id for record in self.runspace.streams.error]


def chat_requests(emulator: Emulator) -> list[dict[str, Any]]:
    bodies = [r.body for r in emulator.requests if r.path.endswith("/chat/completions") and r.method == "POST"]
    for body in bodies:
        assert_valid(request_body("POST", "/chat/completions"), body)
    return bodies  # type: ignore[return-value]


def transcript(*turns: tuple[str, str | None], end: str = "User:>>>\n") -> str:
    """What the host shows for questions typed as lines (each echoed) and their answers."""
    shown = ""
    for typed, answer in turns:
        shown += "User:>>>\n" + typed
        if answer is not None:
            shown += "Assistant:>>>\n" + answer + "\n\n"
    return shown + end


# -- the conversation --------------------------------------------------------------------------


def test_a_piped_conversation_keeps_the_history_and_sends_the_parameters(emulator: Emulator) -> None:
    console = Console("What is PowerShell?\nIn one line.\n\n\nAnd Python?\n\n\n")
    out = console.run(
        "Enter-ChatGPT -Model gpt-4o -SystemMessage 'You are terse.' -Temperature 0.5 -TopP 0.9 "
        "-StopSequence '###' -MaxCompletionTokens 200 -PresencePenalty 0.1 -FrequencyPenalty -0.2 -NoHeader"
    )
    assert out == [] and console.error_ids == []  # everything goes to the host, nothing to the output
    first, second = chat_requests(emulator)
    assert first == {
        "model": "gpt-4o",
        "temperature": 0.5,
        "top_p": 0.9,
        "stop": ["###"],
        "max_completion_tokens": 200,
        "presence_penalty": 0.1,
        "frequency_penalty": -0.2,
        "stream": True,
        "messages": [
            {"role": "system", "content": "You are terse."},
            {"role": "user", "content": "What is PowerShell?\nIn one line."},
        ],
    }
    # The second turn carries the first question and its answer; the system message stays first
    # (PSOpenAI puts it after the history).
    assert second["messages"] == [
        {"role": "system", "content": "You are terse."},
        {"role": "user", "content": "What is PowerShell?\nIn one line."},
        {"role": "assistant", "content": "Echo: What is PowerShell?\nIn one line."},
        {"role": "user", "content": "And Python?"},
    ]
    assert {k: v for k, v in second.items() if k != "messages"} == {k: v for k, v in first.items() if k != "messages"}
    assert console.text == transcript(
        ("What is PowerShell?\nIn one line.\n\n\n", "Echo: What is PowerShell?\nIn one line."),
        ("And Python?\n\n\n", "Echo: And Python?"),
    )


def test_the_header_and_the_defaults(emulator: Emulator) -> None:
    console = Console("hi\n\n\n")
    console.run("Enter-ChatGPT")
    lines = console.text.splitlines()
    assert lines[0] == RULE and lines[6] == "" and lines[7] == RULE and lines[8] == ""
    assert lines[1].startswith("   ________") and lines[5].startswith(r"\____/_/")
    assert lines[9:] == ["User:>>>", "hi", "", "", "Assistant:>>>", "Echo: hi", "", "User:>>>"]
    # Without parameters: Request-ChatGPT's default model, no system message, only the turn.
    (body,) = chat_requests(emulator)
    assert body == {"model": "gpt-5.4-mini", "stream": True, "messages": [{"role": "user", "content": "hi"}]}
    # A blank -Model and -SystemMessage are as good as none.
    Console("hi\n\n\n").run("Enter-ChatGPT -Model ' ' -SystemMessage '' -NoHeader")
    assert chat_requests(emulator)[1] == body


def test_the_header_fits_a_narrow_console(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    # $ConsoleWidth = [Math]::Min(46, ($Host.UI.RawUI.WindowSize.Width - 4))
    monkeypatch.setenv("COLUMNS", "30")
    console = Console("")
    console.run("Enter-ChatGPT")
    lines = console.text.splitlines()
    assert lines[0] == lines[7] == "/" * 26


def test_a_single_empty_line_is_part_of_the_question_and_blank_questions_are_not_sent(emulator: Emulator) -> None:
    console = Console("\n\n\n  \nfirst paragraph\n\nsecond paragraph\n\n")
    console.run("Enter-ChatGPT -NoHeader")
    (body,) = chat_requests(emulator)
    assert body["messages"] == [{"role": "user", "content": "first paragraph\n\nsecond paragraph"}]


def test_the_hash_commands(emulator: Emulator) -> None:
    script = (
        "#model gpt-4.1\n"  # switches the model for what follows
        "one\n#send\n"  # sends at once
        "# MODEL   gpt-4o-mini  \n"  # any case and spacing: the word after 'model'
        "two\n#note kept as text\n#model\n\n\n"  # other lines starting with '#' are text
        "three\n#Exit\n"  # ends the session: 'three' is not sent
        "never read\n\n\n"
    )
    console = Console(script)
    console.run("Enter-ChatGPT gpt-4o -NoHeader")
    first, second = chat_requests(emulator)
    assert (first["model"], first["messages"][-1]["content"]) == ("gpt-4.1", "one")
    assert (second["model"], second["messages"][-1]["content"]) == ("gpt-4o-mini", "two\n#note kept as text\n#model")
    assert ">AI model is switched to gpt-4.1\n" in console.text
    assert ">AI model is switched to gpt-4o-mini\n" in console.text
    assert console.text.endswith("User:>>>\nthree\n#Exit\n")
    assert "never read" not in console.text


# -- the end of input ------------------------------------------------------------------------


def test_the_end_of_input_ends_the_session(emulator: Emulator) -> None:
    console = Console("")
    assert console.run("Enter-ChatGPT -NoHeader; 'after'") == ["after"]
    assert console.text == "User:>>>\n" and chat_requests(emulator) == []
    # What was typed before the end of input is the last question.
    console = Console("first\n\n\nlast words")
    console.run("Enter-ChatGPT -NoHeader")
    assert [body["messages"][-1]["content"] for body in chat_requests(emulator)] == ["first", "last words"]
    assert console.text.endswith("User:>>>\nlast wordsAssistant:>>>\nEcho: last words\n\n")


def test_the_command_line_with_piped_stdin_ends_cleanly(emulator: Emulator) -> None:
    result = run_psbridge(
        "-Command", "Enter-ChatGPT -NoHeader -Model gpt-4o; 'done'",
        stdin="Hello\n\n\nAgain\n\n\n",
        OPENAI_API_KEY=API_KEY, OPENAI_API_BASE=emulator.base_url,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == transcript(("Hello\n\n\n", "Echo: Hello"), ("Again\n\n\n", "Echo: Again")) + "done\n"
    assert len(chat_requests(emulator)) == 2
    # A script file reads the same stdin.
    result = run_psbridge(
        "-Command", "-", stdin="Enter-ChatGPT -NoHeader\n", OPENAI_API_KEY=API_KEY, OPENAI_API_BASE=emulator.base_url
    )
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "User:>>>\n")


def test_on_a_terminal_the_typed_question_is_answered_and_ctrl_d_ends(emulator: Emulator) -> None:
    master, slave = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "psbridge", "-Command", "Enter-ChatGPT -NoHeader; 'bye'"],
        stdin=slave, stdout=slave, stderr=slave, cwd=REPO, close_fds=True,
        env=psbridge_environment(OPENAI_API_KEY=API_KEY, OPENAI_API_BASE=emulator.base_url),
    )  # fmt: skip
    os.close(slave)
    seen = b""

    def read_until(token: bytes, times: int = 1) -> bool:
        nonlocal seen
        deadline = time.monotonic() + 30
        while seen.count(token) < times and time.monotonic() < deadline:
            if select.select([master], [], [], 0.2)[0]:
                try:
                    seen += os.read(master, 1024)
                except OSError:
                    break
        return seen.count(token) >= times

    try:
        assert read_until(b"User:>>>"), seen
        os.write(master, b"Hi there\r\r\r")  # the line, then Enter twice
        assert read_until(b"Echo: Hi there"), seen
        assert read_until(b"User:>>>", times=2), seen
        os.write(master, b"\x04")  # Ctrl+D at the start of a line: the end of input
        assert read_until(b"bye"), seen
        assert process.wait(30) == 0
    finally:
        process.kill()
        os.close(master)
    assert b"Traceback" not in seen
    assert [body["messages"] for body in chat_requests(emulator)] == [[{"role": "user", "content": "Hi there"}]]


def test_without_a_host_the_first_read_is_read_hosts_error() -> None:
    # PowerShell hosted without a UI: Read-Host's HostException; psbridge's Python API is such a host.
    ps = psbridge.PowerShell()
    assert ps.add_script("Enter-ChatGPT -ApiKey sk-anything-0123456789; 'next'").invoke() == ["next"]
    (record,) = ps.streams.error
    assert record.fully_qualified_error_id == "HostFunctionNotImplemented,Microsoft.PowerShell.Commands.ReadHostCommand"
    shown = [str(info.MessageData) for info in ps.streams.information]
    assert shown[0] == RULE and shown[-1] == "User:>>>"  # Write-Host's records, as without a UI


# -- streaming -------------------------------------------------------------------------------


@pytest.fixture
def gated_stream(server: ScriptedServer) -> Iterator[tuple[ScriptedServer, threading.Event]]:
    """A chat stream whose second half waits until the test saw the first half on the host."""
    shown = threading.Event()

    def chunks() -> Iterator[bytes]:
        for piece in ("Hel", "lo"):
            chunk = {
                "id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
                "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
            }  # fmt: skip
            yield f"data: {json.dumps(chunk)}\n\n".encode()
            if piece == "Hel":
                shown.wait(10)
        yield b"data: [DONE]\n\n"

    server.script(Reply(headers={"Content-Type": "text/event-stream"}, chunks=chunks()))
    yield server, shown


def test_the_answer_is_written_as_it_arrives(gated_stream: tuple[ScriptedServer, threading.Event]) -> None:
    server, shown = gated_stream
    seen_first_piece_early: list[bool] = []

    class Watching(io.StringIO):
        def write(self, text: str) -> int:
            if text == "Hel":
                seen_first_piece_early.append(not shown.is_set())
                shown.set()
            return super().write(text)

    runspace = Runspace()
    output = Watching()
    runspace.host = ConsoleHost(output, io.StringIO("q\n\n\n"))
    run_text(runspace, f"Enter-ChatGPT -NoHeader -ApiBase '{server.url}/v1' -ApiKey sk-test-0123456789abcdefghij")
    assert seen_first_piece_early == [True]  # shown while the server still held back the rest
    assert output.getvalue().endswith("Assistant:>>>\nHello\n\nUser:>>>\n")
    assert server.requests[0].json()["stream"] is True


# -- errors ----------------------------------------------------------------------------------


def test_a_wrong_key_is_psopenais_error_per_turn_and_never_shown(emulator: Emulator) -> None:
    result = run_psbridge(
        "-Command", "Enter-ChatGPT -NoHeader -ApiKey $env:CHAT_KEY -Verbose",
        stdin="one\n\n\ntwo\n\n\n",
        CHAT_KEY=WRONG_KEY, OPENAI_API_BASE=emulator.base_url,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert WRONG_KEY not in result.stdout + result.stderr
    assert "VERBOSE: API key to be used is sk-wro***************ef" in result.stderr.splitlines()  # masked
    errors = [line for line in result.stderr.splitlines() if "FullyQualifiedErrorId" in line]
    assert errors == ["    + FullyQualifiedErrorId : PSOpenAI.APIRequest.UnauthorizedException,Enter-ChatGPT"] * 2
    assert "OpenAI API returned an 401 (Unauthorized) Error: Incorrect API key provided" in result.stderr
    # The session went on after the first failure and ended at the end of input.
    assert result.stdout.splitlines() == [
        "User:>>>", "one", "", "", "Assistant:>>>", "", "",
        "User:>>>", "two", "", "", "Assistant:>>>", "", "",
        "User:>>>",
    ]  # fmt: skip


def test_a_failed_turn_is_not_kept_in_the_history(emulator: Emulator) -> None:
    emulator.faults.add(Fault(path="/chat/completions", status=500, times=1))
    console = Console("lost\n\n\nkept\n\n\nnext\n\n\n")
    console.run("Enter-ChatGPT -NoHeader")
    assert console.error_ids == ["PSOpenAI.APIRequest.APIRequestException,Enter-ChatGPT"]
    failed, first, second = chat_requests(emulator)
    assert failed["messages"] == [{"role": "user", "content": "lost"}]
    assert first["messages"] == [{"role": "user", "content": "kept"}]
    assert second["messages"] == [
        {"role": "user", "content": "kept"},
        {"role": "assistant", "content": "Echo: kept"},
        {"role": "user", "content": "next"},
    ]


def test_error_action_stop_ends_the_session_at_the_first_failure(emulator: Emulator) -> None:
    console = Console("one\n\n\ntwo\n\n\n")
    out = console.run(
        f"try {{ Enter-ChatGPT -NoHeader -ApiKey '{WRONG_KEY}' -ErrorAction Stop }} "
        "catch { $_.FullyQualifiedErrorId }"
    )
    assert out == ["PSOpenAI.APIRequest.UnauthorizedException,Enter-ChatGPT"]
    assert "two" not in console.text


def test_parameters_are_validated_before_anything_is_shown(emulator: Emulator) -> None:
    for line, error_id in [
        ("Enter-ChatGPT -Temperature 3", "ParameterArgumentValidationError,Enter-ChatGPT"),
        ("Enter-ChatGPT -StopSequence a, b, c, d, e", "ParameterArgumentValidationError,Enter-ChatGPT"),
        ("Enter-ChatGPT gpt-4o extra", "PositionalParameterNotFound,Enter-ChatGPT"),
    ]:
        console = Console("q\n\n\n")
        console.run(line)
        assert console.error_ids == [error_id], line
        assert console.text == ""
    assert chat_requests(emulator) == []


def test_the_timeout_ends_a_turn_with_psopenais_timeout(start_emulator: Any) -> None:
    emulator = start_emulator()
    emulator.faults.add(Fault(path="/chat/completions", status=None, delay_sec=3, times=1))
    console = Console("slow\n\n\n")
    started = time.monotonic()
    console.run("Enter-ChatGPT -NoHeader -TimeoutSec 1")
    assert time.monotonic() - started < 2.8
    assert len(console.error_ids) == 1 and "Timeout" in console.error_ids[0]


def test_azure_sends_each_turn_to_the_models_deployment(emulator: Emulator) -> None:
    # -ApiType Azure: deployments/<model>/chat/completions, the model not in the body; '#model' moves
    # the later turns to the other deployment.  The session context (Set-OpenAIContext) applies too.
    root = emulator.base_url.removesuffix("/v1") + "/"
    console = Console("one\n\n\n#model gpt-4o-mini\ntwo\n\n\n")
    console.run(
        f"Set-OpenAIContext -ApiType Azure -AuthType Azure -ApiKey '{API_KEY}' -ApiBase '{root}'\n"
        "Enter-ChatGPT gpt-4o -NoHeader\nClear-OpenAIContext"
    )
    assert console.error_ids == []
    posts = [r for r in emulator.requests if r.method == "POST"]
    assert [r.path for r in posts] == [
        "/openai/deployments/gpt-4o/chat/completions",
        "/openai/deployments/gpt-4o-mini/chat/completions",
    ]
    assert all("model" not in r.body for r in posts)
    assert "Assistant:>>>\nEcho: two\n\n" in console.text


def test_ctrl_c_while_waiting_for_a_question_stops_at_once(emulator: Emulator) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "psbridge", "-Command", "Enter-ChatGPT -NoHeader; 'not reached'"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
        env=psbridge_environment(OPENAI_API_KEY=API_KEY, OPENAI_API_BASE=emulator.base_url),
    )  # fmt: skip
    try:
        assert process.stdout is not None and process.stdin is not None
        assert process.stdout.readline() == b"User:>>>\n"
        process.stdin.write(b"half a question\n")
        process.stdin.flush()
        assert process.stdout.readline() == b"half a question\n"
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130
    assert out == b"" and err.decode() == "The pipeline has been stopped.\n"
    assert chat_requests(emulator) == []


def test_max_retry_count_retries_a_rate_limited_turn(emulator: Emulator, recorded_sleeps: list[float]) -> None:
    emulator.faults.add(Fault(path="/chat/completions", status=429, headers={"retry-after-ms": "10"}, times=1))
    console = Console("q\n\n\n")
    ps_out = console.run("Enter-ChatGPT -NoHeader -MaxRetryCount 1 -WarningVariable w; $w")
    assert ps_out == [
        "OpenAI API returned an 429 (Too Many Requests) Error: Rate limit reached for requests. "
        "Please try again later.",
        "Retry the request after waiting 10 ms (retry count: 0)",
    ]
    assert console.error_ids == [] and recorded_sleeps == [0.01]
    assert "Assistant:>>>\nEcho: q\n\n" in console.text
    # Without retries the same fault is the turn's error.
    emulator.faults.add(Fault(path="/chat/completions", status=429, times=1))
    console = Console("q\n\n\n")
    console.run("Enter-ChatGPT -NoHeader")
    assert console.error_ids == ["PSOpenAI.APIRequest.RateLimitExceededException,Enter-ChatGPT"]
