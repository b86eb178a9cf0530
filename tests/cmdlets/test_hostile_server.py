"""The PSOpenAI cmdlets against a hostile or broken server (issue 16, items 1-5).

Whatever the server sends -- a status that is a list, an array for a run, a
timestamp of 1e300, JSON nested past any use, endless pages, odd poll hints,
a 429 asking for a minute -- the cmdlet ends within -TimeoutSec with one of
psbridge's errors (a PSError, honouring -ErrorAction), never a Python
exception, and the key appears in nothing it says.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import pytest

import psbridge
from psbridge.api import InvalidResponseError, RateLimitError, ServerError
from psbridge.cmdlets.psopenai import _paging
from psbridge.cmdlets.psopenai._errors import WaitTimeoutError
from psbridge.emulator import Emulator, Fault
from psbridge.errors import PSError
from tests.api.api_loopback import TEST_KEY, Reply, ScriptedServer

RUN: dict[str, Any] = {
    "id": "run_1",
    "object": "thread.run",
    "thread_id": "thread_1",
    "assistant_id": "asst_1",
    "status": "in_progress",
    "created_at": 1700000000,
}
THREAD = {"id": "thread_1", "object": "thread", "created_at": 1700000000, "metadata": {}}


def _message(n: int) -> dict[str, Any]:
    return {"id": f"msg_{n}", "object": "thread.message", "role": "user", "content": [], "created_at": 1}


def call(server: ScriptedServer, command: str, *args: Any, **params: Any) -> list[Any]:
    return psbridge.invoke(command, *args, ApiBase=server.url + "/v1", ApiKey=TEST_KEY, **params)


def _sole_error(caught: pytest.ExceptionInfo[BaseException]) -> BaseException:
    error = caught.value
    if isinstance(error, psbridge.PipelineError):
        assert len(error.errors) == 1
        return error.errors[0].exception
    return error


# -- 4. answers of the wrong shape -----------------------------------------------------------


@pytest.mark.parametrize("status", [["completed"], {"value": "completed"}, 7])
def test_a_run_status_that_is_not_a_string_is_an_invalid_response(server: ScriptedServer, status: Any) -> None:
    server.script(Reply(body={**RUN, "status": status}, headers={"x-request-id": "req_7"}))
    with pytest.raises(psbridge.PipelineError) as caught:
        call(server, "Wait-ThreadRun", "run_1", "thread_1")
    error = _sole_error(caught)
    assert isinstance(error, InvalidResponseError) and "status that is not a string" in str(error)
    assert error.url and error.url.endswith("/v1/threads/thread_1/runs/run_1")


@pytest.mark.parametrize("body", ["[1, 2, 3]", '"just text"', "42", "true"])
def test_a_json_value_that_is_not_an_object_is_an_invalid_response(server: ScriptedServer, body: str) -> None:
    server.script(Reply(body=body, headers={"x-request-id": "req_8", "Content-Type": "application/json"}))
    with pytest.raises(psbridge.PipelineError) as caught:
        call(server, "Get-ThreadRun", "thread_1", "run_1")
    error = _sole_error(caught)
    assert isinstance(error, InvalidResponseError) and "not a JSON object" in str(error)
    assert error.request_id == "req_8"


def test_wait_thread_run_on_an_array_answer_is_an_invalid_response(server: ScriptedServer) -> None:
    server.script(Reply(body=[1, 2, 3]))
    with pytest.raises(psbridge.PipelineError) as caught:
        call(server, "Wait-ThreadRun", "run_1", "thread_1")
    assert isinstance(_sole_error(caught), InvalidResponseError)


def test_a_timestamp_nothing_can_represent_names_the_request(server: ScriptedServer) -> None:
    server.script(Reply(body={**THREAD, "created_at": 1e300}, headers={"x-request-id": "req_9"}))
    server.script(Reply(body={"object": "list", "data": [], "has_more": False}))
    with pytest.raises(psbridge.PipelineError) as caught:
        call(server, "Get-Thread", "thread_1")
    error = _sole_error(caught)
    assert isinstance(error, InvalidResponseError)
    assert str(error).startswith("The response to GET http://127.0.0.1:")
    assert error.fully_qualified_error_id == "PSOpenAI.APIRequest.InvalidResponse,Get-Thread"


@pytest.mark.parametrize("body", ["[" * 200_000, "[" * 900 + "]" * 900])
def test_json_too_deep_is_an_invalid_response_in_a_cmdlet(server: ScriptedServer, body: str) -> None:
    server.script(Reply(body=body, headers={"Content-Type": "application/json"}))
    with pytest.raises(psbridge.PipelineError) as caught:
        call(server, "Get-ThreadRun", "thread_1", "run_1")
    assert isinstance(_sole_error(caught), InvalidResponseError)


def test_error_action_silently_continue_swallows_invalid_responses(server: ScriptedServer) -> None:
    server.script(Reply(body={**RUN, "status": ["x"]}), Reply(body=[1]), Reply(body={**THREAD, "created_at": 1e300}))
    assert call(server, "Wait-ThreadRun", "run_1", "thread_1", ErrorAction="SilentlyContinue") == []
    assert call(server, "Get-ThreadRun", "thread_1", "run_1", ErrorAction="SilentlyContinue") == []
    server.script(Reply(body={"object": "list", "data": [], "has_more": False}))
    assert call(server, "Get-Thread", "thread_1", ErrorAction="SilentlyContinue") == []


def test_error_action_stop_raises_the_invalid_response_itself(server: ScriptedServer) -> None:
    server.script(Reply(body={**RUN, "status": {"a": 1}}))
    with pytest.raises(InvalidResponseError):
        call(server, "Wait-ThreadRun", "run_1", "thread_1", ErrorAction="Stop")


# -- 2. deadlines ----------------------------------------------------------------------------


@pytest.mark.parametrize("hint", ["²", "99999999999999", "0", "-5", "1e3", " ", "60001"])
def test_unusable_poll_after_hints_fall_back_to_the_schedule(
    server: ScriptedServer, recorded_sleeps: list[float], hint: str
) -> None:
    header = {"openai-poll-after-ms": hint}
    done_run = {**RUN, "status": "completed"}
    server.script(Reply(body=RUN, headers=header), Reply(body=RUN, headers=header), Reply(body=done_run))
    (done,) = call(server, "Wait-ThreadRun", "run_1", "thread_1", PollIntervalSec=0.9)
    assert done.status == "completed"
    assert recorded_sleeps == [0.3, 0.6]


def test_a_usable_poll_after_hint_is_followed(server: ScriptedServer, recorded_sleeps: list[float]) -> None:
    server.script(Reply(body=RUN, headers={"openai-poll-after-ms": "250"}), Reply(body={**RUN, "status": "completed"}))
    call(server, "Wait-ThreadRun", "run_1", "thread_1")
    assert recorded_sleeps == [0.25]


def test_a_trickling_server_cannot_outlive_timeout_sec(server: ScriptedServer) -> None:
    server.script(Reply(trickle=0.3, body=THREAD))
    started = time.monotonic()
    with pytest.raises(PSError):
        call(server, "Get-Thread", "thread_1", TimeoutSec=2, ErrorAction="Stop")
    assert time.monotonic() - started < 2.8


def test_a_429_asking_for_a_minute_does_not_outlive_timeout_sec(server: ScriptedServer) -> None:
    server.default = Reply(status=429, body={"error": {"message": "slow"}}, headers={"retry-after-ms": "60000"})
    started = time.monotonic()
    with pytest.raises(RateLimitError):
        call(server, "Get-ThreadRun", "thread_1", "run_1", TimeoutSec=3, MaxRetryCount=5, ErrorAction="Stop")
    assert time.monotonic() - started < 1.5
    assert len(server.requests) == 1


def test_never_finishing_runs_each_time_out_on_their_own_clock(server: ScriptedServer) -> None:
    """24 piped runs that stay in_progress, -TimeoutSec 1: all end about 1 s after they arrived,
    not ceil(24/8) x 1 s."""
    server.default = Reply(body=RUN)
    runs = [psbridge.PSObject({**RUN, "id": f"run_{n}"}, type_names=["PSOpenAI.Thread.Run"]) for n in range(24)]
    started = time.monotonic()
    with pytest.raises(psbridge.PipelineError) as caught:
        call(server, "Wait-ThreadRun", input=runs, TimeoutSec=1, PollIntervalSec=0.2)
    elapsed = time.monotonic() - started
    assert len(caught.value.errors) == 24
    assert all(isinstance(record.exception, WaitTimeoutError) for record in caught.value.errors)
    assert elapsed < 2.2, elapsed


# -- 2. paging -------------------------------------------------------------------------------


def test_a_repeated_cursor_stops_paging_with_what_was_read(server: ScriptedServer) -> None:
    page = {"object": "list", "data": [_message(1), _message(2)], "has_more": True, "last_id": "msg_2"}
    server.default = Reply(body=page)
    with pytest.raises(psbridge.PipelineError) as caught:
        call(server, "Get-ThreadMessage", "thread_1", All=True)
    error = _sole_error(caught)
    assert isinstance(error, InvalidResponseError) and "cursor 'msg_2'" in str(error)
    assert [m.id for m in caught.value.output] == ["msg_1", "msg_2", "msg_1", "msg_2"]
    assert len(server.requests) == 2


def test_endless_pages_stop_at_the_page_limit(server: ScriptedServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_paging, "MAX_PAGES", 5)
    server.script(
        *(
            Reply(body={"object": "list", "data": [_message(n)], "has_more": True, "last_id": f"msg_{n}"})
            for n in range(10)
        )
    )
    with pytest.raises(psbridge.PipelineError) as caught:
        call(server, "Get-ThreadMessage", "thread_1", All=True)
    assert "stopped after 5 pages" in str(_sole_error(caught))
    assert len(caught.value.output) == 5 and len(server.requests) == 5
    assert _paging.MAX_PAGES == 5 and caught.value.errors[0].category == "LimitsExceeded"


def test_endless_pages_stop_at_timeout_sec(server: ScriptedServer) -> None:
    server.script(
        *(
            Reply(body={"object": "list", "data": [_message(n)], "has_more": True, "last_id": f"msg_{n}"}, delay=0.05)
            for n in range(200)
        )
    )
    started = time.monotonic()
    with pytest.raises(psbridge.PipelineError) as caught:
        call(server, "Get-ThreadMessage", "thread_1", All=True, TimeoutSec=1)
    assert isinstance(_sole_error(caught), WaitTimeoutError)
    assert time.monotonic() - started < 1.8
    assert caught.value.output  # the pages read before the deadline were written


# -- 1. nothing lost -------------------------------------------------------------------------


def test_an_error_under_stop_carries_the_output_written_before_it(start_emulator: Any) -> None:
    emulator: Emulator = start_emulator()
    assistant = psbridge.invoke("New-Assistant", Model="m")[0]
    runs = []
    for _ in range(2):
        thread = psbridge.invoke("New-Thread")[0]
        runs.append(psbridge.invoke("Start-ThreadRun", input=[thread], Assistant=assistant)[0])
    emulator.faults.add(Fault(method="DELETE", path=runs[1].thread_id, status=500, times=None))
    with pytest.raises(ServerError) as caught:
        psbridge.invoke("Receive-ThreadRun", input=runs, Wait=True, AutoRemoveThread=True, ErrorAction="Stop")
    assert [t.id for t in caught.value.output] == [runs[0].thread_id, runs[1].thread_id]
    assert runs[0].thread_id not in emulator.store.threads  # deleted only after it was delivered


def test_a_script_error_carries_the_script_output_before_it(start_emulator: Any) -> None:
    start_emulator()
    with pytest.raises(PSError) as caught:
        psbridge.run("'first'; 'second'; Get-Thread -ThreadId thread_missing -ErrorAction Stop; 'never'")
    assert caught.value.output == ["first", "second"]


# -- 5. the key ------------------------------------------------------------------------------


def test_a_run_error_echoing_the_key_is_redacted_in_warnings_and_logs(
    server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    failed = {**RUN, "status": "failed", "last_error": {"code": "x", "message": f"bad key {TEST_KEY}"}}
    server.script(Reply(body=failed))
    caplog.set_level(logging.DEBUG)
    shell = psbridge.PowerShell()
    shell.add_command("Wait-ThreadRun").add_argument("run_1").add_argument("thread_1")
    shell.add_parameter("ApiBase", server.url + "/v1").add_parameter("ApiKey", TEST_KEY)
    shell.invoke()
    assert shell.streams.warning and "<OpenAI API Key>" in shell.streams.warning[0]
    texts = [*shell.streams.warning, *(record.getMessage() for record in caplog.records)]
    assert all(TEST_KEY not in text for text in texts)
    shell.close()


def test_an_error_message_quoting_the_key_is_redacted_on_the_record(server: ScriptedServer) -> None:
    server.script(Reply(body={**RUN, "status": f"weird-{TEST_KEY}"}))
    with pytest.raises(psbridge.PipelineError) as caught:
        call(server, "Wait-ThreadRun", "run_1", "thread_1", StatusForExit="completed")
    record = caught.value.errors[0]
    assert TEST_KEY not in record.format() and TEST_KEY not in str(record.exception)


# -- 6. interrupts in-process ------------------------------------------------------------------


def test_ctrl_c_in_process_stops_at_once_and_leaves_no_stalled_worker(server: ScriptedServer) -> None:
    """KeyboardInterrupt while a worker's poll hangs: invoke ends at once, the socket is shut
    down, and the worker thread ends instead of waiting out the server's 30 s."""
    import _thread
    import threading

    server.script(Reply(delay=30, body=RUN))
    timer = threading.Timer(0.4, _thread.interrupt_main)
    started = time.monotonic()
    timer.start()
    with pytest.raises(KeyboardInterrupt):
        call(server, "Wait-ThreadRun", "run_1", "thread_1")
    assert time.monotonic() - started < 1.2
    ends = time.monotonic() + 2
    while any(t.name == "psbridge-wait" and t.is_alive() for t in threading.enumerate()):
        assert time.monotonic() < ends, "a worker is still blocked on the stalled request"
        time.sleep(0.05)
