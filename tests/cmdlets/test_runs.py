"""The Runs cmdlets (and Get-Thread / Remove-Thread) against the emulator over loopback HTTP."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import pytest

import psbridge
from psbridge.api import AuthenticationError, NotFoundError
from psbridge.cmdlets.psopenai._errors import RunStatusError, WaitTimeoutError
from psbridge.emulator import Fault, Lifecycle
from psbridge.hosting import PowerShell
from psbridge.objects import PSObject
from psbridge.runtime import PipelineError
from tests.conftest import API_KEY


def start_run(http: Any, thread: dict[str, Any], assistant: dict[str, Any], **body: Any) -> dict[str, Any]:
    return http.post(f"threads/{thread['id']}/runs", json={"assistant_id": assistant["id"], **body}).json()


def run_gets(emulator: Any, run_id: str) -> list[Any]:
    return [r for r in emulator.requests if r.method == "GET" and r.path.endswith(f"/runs/{run_id}")]


# -- Get-ThreadRun --------------------------------------------------------------------------
def test_get_thread_run_single_and_list(emulator, http, thread, assistant):
    run = start_run(http, thread, assistant)
    (single,) = psbridge.invoke("Get-ThreadRun", thread["id"], run["id"])
    assert single.pstypenames[0] == "PSOpenAI.Thread.Run"
    assert isinstance(single.created_at, dt.datetime) and single.id == run["id"]
    listed = psbridge.invoke("Get-ThreadRun", ThreadId=thread["id"])
    assert [r.id for r in listed] == [run["id"]]
    list_request = emulator.requests[-1]
    assert list_request.query == [("limit", "20"), ("order", "asc")]


def test_get_thread_run_all_pages_with_the_after_cursor(emulator, http, thread, assistant):
    first = start_run(http, thread, assistant)
    emulator.advance(first["id"], to="completed")
    for index in range(204):
        emulator.store.insert({**first, "id": f"run_copy{index:03d}", "created_at": first["created_at"] + index + 1})
    emulator.reset_log()
    runs = psbridge.invoke("Get-ThreadRun", thread["id"], All=True)
    assert len(runs) == 205 and len({r.id for r in runs}) == 205
    lists = [r for r in emulator.requests if r.path.endswith("/runs")]
    assert len(lists) == 3  # ceil(205/100)
    assert ("after", runs[99].id) in lists[1].query and ("after", runs[199].id) in lists[2].query


def test_get_thread_run_warns_when_more_data_unless_limit_given(emulator, http, thread, assistant):
    first = start_run(http, thread, assistant)
    emulator.advance(first["id"], to="completed")
    for index in range(25):
        emulator.store.insert({**first, "id": f"run_w{index:02d}", "created_at": first["created_at"] + index + 1})
    ps = PowerShell()
    assert len(ps.add_command("Get-ThreadRun").add_argument(thread["id"]).invoke()) == 20
    assert ps.streams.warning == ["There is more data that has not been retrieved."]
    ps = PowerShell()
    assert len(ps.add_command("Get-ThreadRun").add_argument(thread["id"]).add_parameter("Limit", 5).invoke()) == 5
    assert ps.streams.warning == []


def test_get_thread_run_every_piped_input_is_processed(emulator, http, assistant):
    threads = [http.post("threads", json={}).json() for _ in range(2)]
    runs = [start_run(http, t, assistant) for t in threads]
    got = psbridge.invoke("Get-ThreadRun", input=[PSObject(t, type_names=["PSOpenAI.Thread"]) for t in threads])
    assert sorted(r.id for r in got) == sorted(r["id"] for r in runs)


# -- Start-ThreadRun ------------------------------------------------------------------------
def test_start_thread_run_on_a_thread_sends_only_bound_fields(emulator, thread, assistant):
    (run,) = psbridge.invoke(
        "Start-ThreadRun",
        thread["id"],
        assistant["id"],
        Model="gpt-4o",
        Temperature="1.4",
        MaxCompletionTokens=1024,
        AdditionalInstructions="be brief",
        AdditionalMessages=[{"role": "user", "content": "more"}],
        UseCodeInterpreter=True,
        MetaData={"k": "v"},
        TruncationStrategyLastMessages=3,
        ToolChoice="AUTO",
        Include=["step_details.tool_calls[*].file_search.results[*].content"],
    )
    assert run.status == "queued"
    request = emulator.requests[-1]
    assert request.method == "POST" and request.path == f"/v1/threads/{thread['id']}/runs"
    assert request.query == [("include[]", "step_details.tool_calls[*].file_search.results[*].content")]
    assert request.body == {
        "assistant_id": assistant["id"],
        "model": "gpt-4o",
        "additional_instructions": "be brief",
        "metadata": {"k": "v"},
        "temperature": 1.4,
        "max_completion_tokens": 1024,
        "truncation_strategy": {"type": "auto", "last_messages": 3},
        "tools": [{"type": "code_interpreter"}],
        "tool_choice": "auto",
        "additional_messages": [{"role": "user", "content": "more"}],
    }


def test_start_thread_run_creates_thread_and_run(emulator, assistant):
    (run,) = psbridge.invoke("Start-ThreadRun", Message="hello there", Assistant=assistant["id"], Role="USER")
    request = emulator.requests[-1]
    assert request.path == "/v1/threads/runs"
    assert request.body == {
        "assistant_id": assistant["id"],
        "thread": {"messages": [{"role": "user", "content": "hello there"}]},
    }
    assert run.thread_id in emulator.store.threads


def test_start_thread_run_with_objects_piped(emulator, thread, assistant):
    thread_object = PSObject(thread, type_names=["PSOpenAI.Thread"])
    assistant_object = PSObject(assistant, type_names=["PSOpenAI.Assistant"])
    (run,) = psbridge.invoke("Start-ThreadRun", input=[thread_object], Assistant=assistant_object)
    assert run.thread_id == thread["id"] and run.assistant_id == assistant["id"]


def test_start_thread_run_stream_emits_the_text(emulator, thread, assistant):
    ps = PowerShell()
    output = (
        ps.add_command("Start-ThreadRun")
        .add_parameters(
            {"ThreadId": thread["id"], "Assistant": assistant["id"], "Stream": True, "InformationAction": "Continue"}
        )
        .invoke()
    )
    assert "".join(output) == "Echo: hello"
    assert "".join(str(r) for r in ps.streams.information) == "Echo: hello"
    assert emulator.requests[-1].body["stream"] is True


def test_start_thread_run_raw_response(emulator, thread, assistant):
    (text,) = psbridge.invoke("Start-ThreadRun", thread["id"], assistant["id"], ResponseFormat="raw_response")
    assert isinstance(text, str) and '"object":"thread.run"' in text.replace(" ", "")


def test_tool_choice_function_needs_a_name_and_sends_nothing(emulator, thread, assistant):
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Start-ThreadRun", thread["id"], assistant["id"], ToolChoice="function")
    assert "ToolChoiceFunctionName" in str(caught.value)
    assert not [r for r in emulator.requests if r.path.endswith("/runs")]


# -- Wait-ThreadRun ---------------------------------------------------------------------------
def test_wait_thread_run_polls_on_psopenai_schedule(emulator, http, thread, assistant, recorded_sleeps):
    run = start_run(http, thread, assistant)
    emulator.reset_log()
    (done,) = psbridge.invoke("Wait-ThreadRun", run["id"], thread["id"], PollIntervalSec=0.9)
    assert done.status == "completed"
    # queued -> in_progress -> completed, one step per GET: 3 polls, no extra final GET.
    assert len(run_gets(emulator, run["id"])) == 3
    assert recorded_sleeps == [0.3, 0.6]


def test_wait_thread_run_interval_grows_to_the_poll_interval(start_emulator, http, recorded_sleeps):
    emulator = start_emulator(lifecycle=Lifecycle(mode="polls", polls_per_step=3))
    assistant = http_post(emulator, "assistants", {"model": "m"})
    thread = http_post(emulator, "threads", {})
    run = http_post(emulator, f"threads/{thread['id']}/runs", {"assistant_id": assistant["id"]})
    psbridge.invoke("Wait-ThreadRun", run["id"], thread["id"])
    assert recorded_sleeps == [0.333, 0.666, 0.999, 1.0, 1.0, 1.0]


def test_wait_thread_run_follows_openai_poll_after_ms(start_emulator, recorded_sleeps):
    emulator = start_emulator(poll_after_ms=50)
    assistant = http_post(emulator, "assistants", {"model": "m"})
    thread = http_post(emulator, "threads", {})
    run = http_post(emulator, f"threads/{thread['id']}/runs", {"assistant_id": assistant["id"]})
    psbridge.invoke("Wait-ThreadRun", run["id"], thread["id"])
    assert recorded_sleeps == [0.05, 0.05]


def http_post(emulator: Any, path: str, body: dict[str, Any]) -> dict[str, Any]:
    import httpx

    with httpx.Client(headers={"Authorization": f"Bearer {API_KEY}"}) as client:
        return client.post(f"{emulator.base_url}/{path}", json=body).json()


def test_wait_for_cancelled_waits_through_cancelling(emulator, http, thread, assistant):
    run = start_run(http, thread, assistant)
    http.post(f"threads/{thread['id']}/runs/{run['id']}/cancel")
    assert emulator.store.runs[run["id"]]["status"] == "cancelling"
    (done,) = psbridge.invoke("Wait-ThreadRun", run["id"], thread["id"], StatusForExit="cancelled", PollIntervalSec=0)
    assert done.status == "cancelled"


def test_wait_for_a_status_that_can_no_longer_come_is_an_error(emulator, http, thread, assistant):
    emulator.set_next_run_outcome("failed")
    run = start_run(http, thread, assistant)
    with pytest.raises(RunStatusError) as caught:
        psbridge.invoke(
            "Wait-ThreadRun", run["id"], thread["id"], StatusForExit="completed", PollIntervalSec=0, ErrorAction="Stop"
        )
    assert 'reached the status "failed"' in str(caught.value)
    assert caught.value.fully_qualified_error_id == "PSOpenAI.RunStatusUnreachable,Wait-ThreadRun"


def test_status_for_wait_ends_when_the_status_leaves_it(emulator, http, thread, assistant):
    run = start_run(http, thread, assistant)
    (done,) = psbridge.invoke("Wait-ThreadRun", run["id"], thread["id"], StatusForWait="queued", PollIntervalSec=0)
    assert done.status == "in_progress"


def test_wait_timeout_ends_within_half_a_second(start_emulator):
    emulator = start_emulator(lifecycle=Lifecycle(mode="manual"))
    assistant = http_post(emulator, "assistants", {"model": "m"})
    thread = http_post(emulator, "threads", {})
    run = http_post(emulator, f"threads/{thread['id']}/runs", {"assistant_id": assistant["id"]})
    started = time.monotonic()
    with pytest.raises(WaitTimeoutError) as caught:
        psbridge.invoke("Wait-ThreadRun", run["id"], thread["id"], TimeoutSec=1, ErrorAction="Stop")
    elapsed = time.monotonic() - started
    assert 1.0 <= elapsed < 1.5
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.fully_qualified_error_id == "PSOpenAI.APIRequest.TimeoutException,Wait-ThreadRun"


def test_wait_timeout_cuts_a_slow_request_short(emulator, http, thread, assistant):
    run = start_run(http, thread, assistant)
    emulator.faults.add(Fault(method="GET", path=r"/runs/", status=None, delay_sec=5))
    started = time.monotonic()
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Wait-ThreadRun", run["id"], thread["id"], TimeoutSec=1)
    assert time.monotonic() - started < 1.5
    assert isinstance(caught.value.errors[0].exception, TimeoutError)


def test_wait_writes_progress(emulator, http, thread, assistant):
    run = start_run(http, thread, assistant)
    ps = PowerShell()
    ps.add_command("Wait-ThreadRun").add_argument(run["id"]).add_argument(thread["id"]).add_parameter(
        "PollIntervalSec", 0
    )
    ps.invoke()
    statuses = [p.status for p in ps.streams.progress if not p.completed]
    assert statuses == [
        f'The status of run with id "{run["id"]}" is "{s}"' for s in ("queued", "in_progress", "completed")
    ]
    assert ps.streams.progress[-1].completed


def test_several_runs_are_waited_on_concurrently_and_returned_in_input_order(start_emulator):
    emulator = start_emulator(lifecycle=Lifecycle(mode="manual"))
    assistant = http_post(emulator, "assistants", {"model": "m"})
    runs = []
    for _ in range(3):
        thread = http_post(emulator, "threads", {})
        runs.append(http_post(emulator, f"threads/{thread['id']}/runs", {"assistant_id": assistant["id"]}))

    def finish_in_reverse() -> None:
        for run in reversed(runs):
            time.sleep(0.15)
            emulator.advance(run["id"], to="completed")

    emulator.reset_log()
    finisher = threading.Thread(target=finish_in_reverse)
    finisher.start()
    piped = [PSObject(run, type_names=["PSOpenAI.Thread.Run"]) for run in runs]
    output = psbridge.invoke("Wait-ThreadRun", input=piped, PollIntervalSec=0.05)
    finisher.join()
    assert [o.id for o in output] == [r["id"] for r in runs]
    assert all(o.status == "completed" for o in output)
    # The first run was still being polled while the others were: waits overlapped.
    first_gets = [r.time for r in run_gets(emulator, runs[0]["id"])]
    other_gets = [r.time for r in run_gets(emulator, runs[2]["id"])]
    assert min(other_gets) < max(first_gets)
    assert emulator.connection_count <= len(runs)  # one shared client: a connection per concurrent wait at most


# -- Stop-ThreadRun ---------------------------------------------------------------------------
def test_stop_thread_run_wait_passthru_returns_the_cancelled_run(emulator, http, thread, assistant, recorded_sleeps):
    run = start_run(http, thread, assistant)
    (stopped,) = psbridge.invoke("Stop-ThreadRun", run["id"], thread["id"], Wait=True, PassThru=True)
    assert stopped.status == "cancelled"


def test_stop_thread_run_without_passthru_outputs_nothing(emulator, http, thread, assistant):
    run = start_run(http, thread, assistant)
    assert psbridge.invoke("Stop-ThreadRun", input=[PSObject(run, type_names=["PSOpenAI.Thread.Run"])]) == []
    assert emulator.requests[-1].path.endswith("/cancel")


def test_stop_thread_run_refuses_a_finished_run_without_force(emulator, http, thread, assistant):
    run = start_run(http, thread, assistant)
    emulator.advance(run["id"], to="completed")
    emulator.reset_log()
    completed = PSObject({**run, "status": "completed"}, type_names=["PSOpenAI.Thread.Run"])
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Stop-ThreadRun", input=[completed], ErrorAction="Stop")
    assert str(caught.value) == 'Cannot cancel run with status "completed".'
    assert emulator.requests == []


# -- Get-ThreadRunStep ------------------------------------------------------------------------
def test_run_steps_with_simple_content(emulator, http, thread, assistant):
    run = start_run(http, thread, assistant)
    emulator.advance(run["id"], to="completed")
    run_object = psbridge.invoke("Get-ThreadRun", thread["id"], run["id"])
    (step,) = psbridge.invoke("Get-ThreadRunStep", input=run_object, All=True)
    assert step.pstypenames[0] == "PSOpenAI.Thread.Run.Step"
    assert step.SimpleContent[0].Role == "assistant" and step.SimpleContent[0].Content == "Echo: hello"
    (same,) = psbridge.invoke("Get-ThreadRunStep", input=[step])
    assert same.id == step.id


# -- Receive-ThreadRun, Get-Thread, Remove-Thread ----------------------------------------------
def test_receive_thread_run_wait_returns_the_thread_with_the_reply(emulator, http, thread, assistant, recorded_sleeps):
    run = start_run(http, thread, assistant)
    emulator.reset_log()
    (received,) = psbridge.invoke("Receive-ThreadRun", run["id"], thread["id"], Wait=True)
    assert received.pstypenames[0] == "PSOpenAI.Thread"
    assert [m.SimpleContent[0].Content for m in received.Messages] == ["hello", "Echo: hello"]
    assert emulator.connection_count == 1


def test_auto_remove_without_wait_is_an_error_and_removes_nothing(emulator, http, thread, assistant):
    run = start_run(http, thread, assistant)
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Receive-ThreadRun", run["id"], thread["id"], AutoRemoveThread=True)
    assert caught.value.errors[0].fully_qualified_error_id == "System.InvalidOperationException,Receive-ThreadRun"
    assert len(caught.value.output) == 1
    assert not [r for r in emulator.requests if r.method == "DELETE"]
    emulator.reset_log()
    with pytest.raises(psbridge.PSError):
        psbridge.invoke("Receive-ThreadRun", run["id"], thread["id"], AutoRemoveThread=True, ErrorAction="Stop")
    assert emulator.requests == []


def test_auto_remove_deletes_each_read_thread_once_in_end(emulator, http, thread, assistant, recorded_sleeps):
    run = PSObject(start_run(http, thread, assistant), type_names=["PSOpenAI.Thread.Run"])
    output = psbridge.invoke("Receive-ThreadRun", input=[run, run], Wait=True, AutoRemoveThread=True)
    assert len(output) == 2
    deletes = [r for r in emulator.requests if r.method == "DELETE"]
    assert [d.path for d in deletes] == [f"/v1/threads/{thread['id']}"]
    assert emulator.requests[-1].method == "DELETE"


def test_get_thread_and_remove_thread(emulator, thread):
    (got,) = psbridge.invoke("Get-Thread", thread["id"])
    assert got.Messages[0].SimpleContent[0].Content == "hello"
    assert psbridge.invoke("Remove-Thread", input=[got]) == []
    with pytest.raises(NotFoundError) as caught:
        psbridge.invoke("Get-Thread", thread["id"], ErrorAction="Stop")
    assert caught.value.status_code == 404
    assert (
        str(caught.value) == f"OpenAI API returned an 404 (Not Found) Error: No thread found with id '{thread['id']}'."
    )


# -- HTTP behaviour through the cmdlets ---------------------------------------------------------
def test_ids_are_percent_encoded_into_the_path(emulator):
    with pytest.raises(NotFoundError):
        psbridge.invoke("Get-Thread", "../assistants", ErrorAction="Stop")
    assert emulator.requests[-1].raw_path == "/v1/threads/%2E%2E%2Fassistants"


def test_retries_on_429_then_succeeds_with_warnings(emulator, thread):
    emulator.faults.add(
        Fault(method="GET", path=r"/threads/[^/]+$", status=429, headers={"retry-after-ms": "10"}, times=1)
    )
    ps = PowerShell()
    (got,) = ps.add_command("Get-Thread").add_argument(thread["id"]).add_parameter("MaxRetryCount", 2).invoke()
    assert got.id == thread["id"]
    assert ps.streams.warning[1] == "Retry the request after waiting 10 ms (retry count: 0)"


def test_wrong_key_is_an_authentication_error_without_the_key(emulator, thread):
    secret = "sk-wrong-key-0123456789abcdef"
    with pytest.raises(AuthenticationError) as caught:
        psbridge.invoke("Get-Thread", thread["id"], ApiKey=secret, ErrorAction="Stop")
    assert caught.value.status_code == 401
    for text in (str(caught.value), repr(caught.value), caught.value.error_record.format()):
        assert secret not in text


def test_verbose_shows_the_key_masked(emulator, thread):
    ps = PowerShell()
    ps.add_command("Get-Thread").add_argument(thread["id"]).add_parameter("Verbose").invoke()
    assert "API key to be used is sk-tes***************ij" in ps.streams.verbose
    assert all(API_KEY not in line for line in ps.streams.verbose)


def test_missing_key_is_a_terminating_error_before_any_request(emulator, monkeypatch, thread):
    monkeypatch.delenv("OPENAI_API_KEY")
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Get-Thread", thread["id"])
    assert str(caught.value) == 'Please specify your OpenAI API key to "ApiKey" parameter.'
    assert emulator.requests == [] or all(r.path != f"/v1/threads/{thread['id']}" for r in emulator.requests[-1:])


def test_global_variable_key_and_base_from_the_session(emulator, monkeypatch, thread):
    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.delenv("OPENAI_API_BASE")
    ps = PowerShell({"OPENAI_API_KEY": API_KEY, "OPENAI_API_BASE": emulator.base_url})
    assert ps.add_command("Get-Thread").add_argument(thread["id"]).invoke()[0].id == thread["id"]


def test_a_discontinued_model_is_warned_about_before_sending(emulator, thread, assistant):
    from psbridge.api.deprecation import deprecation_warning

    ps = PowerShell()
    ps.add_command("Start-ThreadRun").add_parameters({"ThreadId": thread["id"], "Assistant": assistant["id"]})
    ps.add_parameter("Model", "gpt-3.5-turbo").invoke()
    expected = deprecation_warning("gpt-3.5-turbo", dt.date.today())
    assert expected is not None  # discontinued on 2026-10-23, so on any date this suite runs
    assert expected in ps.streams.warning
