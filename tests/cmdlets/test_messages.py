"""Add-ThreadMessage, Get-ThreadMessage and Remove-ThreadMessage against the emulator."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import psbridge
from psbridge import Hashtable, PipelineError, PSObject
from psbridge.api import BadRequestError, NotFoundError
from psbridge.cmdlets.psopenai._errors import WaitTimeoutError
from psbridge.cmdlets.psopenai._objects import message_object, run_object, step_object, thread_object
from psbridge.emulator import Emulator, Lifecycle
from psbridge.hosting import PowerShell
from tests.conftest import API_KEY

MORE_DATA = "There is more data that has not been retrieved."


def client_for(emu: Emulator) -> httpx.Client:
    return httpx.Client(
        base_url=emu.base_url + "/",
        headers={"Authorization": f"Bearer {API_KEY}", "OpenAI-Beta": "assistants=v2"},
    )


@pytest.fixture
def seeded(start_emulator: Callable[..., Emulator]) -> Iterator[Callable[..., tuple[Emulator, httpx.Client]]]:
    """An emulator with other options plus a seeding client (closed afterwards)."""
    clients: list[httpx.Client] = []

    def start(**options: Any) -> tuple[Emulator, httpx.Client]:
        emu = start_emulator(**options)
        clients.append(client_for(emu))
        return emu, clients[-1]

    yield start
    for client in clients:
        client.close()


def message_posts(emu: Emulator) -> list[Any]:
    return [r for r in emu.requests if r.method == "POST" and r.path.endswith("/messages")]


def new_thread_with(http: httpx.Client, *texts: str) -> dict[str, Any]:
    return http.post("threads", json={"messages": [{"role": "user", "content": t} for t in texts]}).json()


def finished_run(http: httpx.Client, thread_id: str, assistant_id: str) -> dict[str, Any]:
    """A run driven to completion by polling it (the emulator's polls lifecycle)."""
    run = http.post(f"threads/{thread_id}/runs", json={"assistant_id": assistant_id}).json()
    while run["status"] not in ("completed", "failed", "requires_action"):
        run = http.get(f"threads/{thread_id}/runs/{run['id']}").json()
    return run


# == Add-ThreadMessage ======================================================================


def test_doc_example_1_add_message_outputs_nothing(emulator: Emulator, thread: dict[str, Any]) -> None:
    # PS C:\> Add-ThreadMessage -ThreadId "thread_abc1234" -Message "How many people lives in the world?"
    out = psbridge.invoke("Add-ThreadMessage", ThreadId=thread["id"], Message="How many people lives in the world?")
    assert out == []
    [post] = message_posts(emulator)
    assert post.path == f"/v1/threads/{thread['id']}/messages"
    assert post.body == {"role": "user", "content": "How many people lives in the world?"}


def test_doc_example_2_new_thread_piped_with_passthru(emulator: Emulator) -> None:
    # PS C:\> $Thread = New-Thread | Add-ThreadMessage -Message "Think of ideas ..." -PassThru
    text = "Think of ideas for my friend's wedding gift."
    ps = PowerShell()
    ps.add_command("New-Thread").add_command("Add-ThreadMessage").add_parameter("Message", text)
    [thread] = ps.add_parameter("PassThru").invoke()
    assert thread.pstypenames[0] == "PSOpenAI.Thread"
    assert isinstance(thread.created_at, dt.datetime)
    [message] = thread.Messages
    assert message.pstypenames[0] == "PSOpenAI.Thread.Message"
    assert isinstance(message.created_at, dt.datetime)
    [simple] = message.SimpleContent
    assert (simple.Role, simple.Type, simple.Content) == ("user", "text", text)
    assert not ps.had_errors


def test_add_message_with_images_attachments_and_metadata(emulator: Emulator, thread: dict[str, Any]) -> None:
    file_object = PSObject({"id": "file-img2", "object": "file"}, type_names=["PSOpenAI.File"])
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke(
            "Add-ThreadMessage",
            ThreadId=thread["id"],
            Message="What is in these pictures?",
            Images=["https://example.com/cat.png", "file-img1", file_object, 42],
            ImageDetail="HIGH",
            Role="User",
            FileIdsForCodeInterpreter=["file-1", "file-2"],
            FileIdsForFileSearch=["file-2", "file-3"],
            MetaData=Hashtable(topic="pets"),
        )
    # The one invalid image is reported (non-terminating) and skipped; the message is still posted.
    [record] = caught.value.errors
    assert "Invalid input. Please specify a valid URL or File ID." in str(record.exception)
    [post] = message_posts(emulator)
    assert post.body == {
        "role": "user",
        "content": [
            {"type": "text", "text": "What is in these pictures?"},
            {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "high"}},
            {"type": "image_file", "image_file": {"file_id": "file-img1", "detail": "high"}},
            {"type": "image_file", "image_file": {"file_id": "file-img2", "detail": "high"}},
        ],
        "attachments": [
            {"file_id": "file-1", "tools": [{"type": "code_interpreter"}]},
            {"file_id": "file-2", "tools": [{"type": "code_interpreter"}, {"type": "file_search"}]},
            {"file_id": "file-3", "tools": [{"type": "file_search"}]},
        ],
        "metadata": {"topic": "pets"},
    }
    stored = emulator.store.thread_messages(thread["id"])[-1]
    assert [part["type"] for part in stored["content"]] == ["text", "image_url", "image_file", "image_file"]


def test_add_message_as_assistant(emulator: Emulator, thread: dict[str, Any]) -> None:
    psbridge.invoke("Add-ThreadMessage", ThreadId=thread["id"], Message="I am here.", Role="ASSISTANT")
    assert message_posts(emulator)[-1].body == {"role": "assistant", "content": "I am here."}


def test_add_message_parameter_sets(emulator: Emulator, http: httpx.Client) -> None:
    ids = [new_thread_with(http)["id"] for _ in range(9)]
    typed = [thread_object(http.get(f"threads/{i}").json()) for i in ids[:3]]
    emulator.reset_log()
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((), {"Thread": typed[0], "Message": "m0"}),  # Thread object by the Thread alias
        (("m1",), {"Thread": typed[1]}),  # positional message
        ((), {"input": [typed[2]], "Message": "m2"}),  # piped typed thread
        ((), {"ThreadId": ids[3], "Message": "m3"}),  # named
        (("m4",), {"ThreadId": ids[4]}),  # positional message, named thread
        (("m5",), {"input": [ids[5]]}),  # piped id, positional message
        ((), {"input": [{"thread_id": ids[6], "message": "m6"}]}),  # both by property name
        ((), {"input": [{"thread_id": ids[7], "content": "m7"}]}),  # the Content alias
        ((), {"input": [{"thread_id": ids[8], "text": "m8"}]}),  # the Text alias
    ]
    for args, params in calls:
        assert psbridge.invoke("Add-ThreadMessage", *args, **params) == []
    posts = message_posts(emulator)
    assert [p.path for p in posts] == [f"/v1/threads/{i}/messages" for i in ids]
    assert [p.body["content"] for p in posts] == [f"m{i}" for i in range(9)]


def test_add_message_binding_rules(emulator: Emulator, thread: dict[str, Any]) -> None:
    with pytest.raises(psbridge.ParameterBindingError):  # -ThreadId is named only
        psbridge.invoke("Add-ThreadMessage", "hello", thread["id"])
    with pytest.raises(psbridge.ParameterBindingError):
        psbridge.invoke("Add-ThreadMessage", ThreadId=thread["id"], Message="")
    with pytest.raises(psbridge.ParameterBindingError):
        psbridge.invoke("Add-ThreadMessage", ThreadId=thread["id"], Message="x", ImageDetail="ultra")
    assert message_posts(emulator) == []


def test_add_message_passthru_returns_the_whole_thread(emulator: Emulator, thread: dict[str, Any]) -> None:
    [result] = psbridge.invoke("Add-ThreadMessage", ThreadId=thread["id"], Message="second", PassThru=True)
    assert result.id == thread["id"]
    assert [m.SimpleContent[0].Content for m in result.Messages] == ["hello", "second"]


def test_add_message_to_unknown_thread(emulator: Emulator, thread: dict[str, Any]) -> None:
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Add-ThreadMessage", "hi", input=["thread_missing", thread["id"]], PassThru=True)
    [record] = caught.value.errors
    assert isinstance(record.exception, NotFoundError)
    assert [t.id for t in caught.value.output] == [thread["id"]]
    with pytest.raises(NotFoundError):
        psbridge.invoke("Add-ThreadMessage", "hi", ThreadId="thread_missing", ErrorAction="Stop")


def test_add_message_while_a_run_is_active_fails_without_waiting(seeded: Any) -> None:
    _, http = seeded(lifecycle=Lifecycle(mode="manual"))
    assistant = http.post("assistants", json={"model": "gpt-4o-mini"}).json()
    thread = new_thread_with(http, "hello")
    http.post(f"threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]})
    with pytest.raises(BadRequestError):
        psbridge.invoke("Add-ThreadMessage", "more", ThreadId=thread["id"], ErrorAction="Stop")


def test_wait_for_run_complete_waits_then_posts(seeded: Any) -> None:
    emu, http = seeded(lifecycle=Lifecycle(mode="polls"), poll_after_ms=0)
    assistant = http.post("assistants", json={"model": "gpt-4o-mini"}).json()
    thread = new_thread_with(http, "hello")
    done = finished_run(http, thread["id"], assistant["id"])  # an old, finished run is not waited on
    psbridge.invoke("Add-ThreadMessage", "again", ThreadId=thread["id"])
    run = http.post(f"threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]}).json()
    emu.reset_log()
    ps = PowerShell()
    ps.add_command("Add-ThreadMessage").add_parameters({"ThreadId": thread["id"], "Message": "after the run"})
    out = ps.add_parameter("WaitForRunComplete").add_parameter("Verbose").invoke()
    assert out == [] and not ps.had_errors
    requests = [(r.method, r.path) for r in emu.requests]
    runs_path = f"/v1/threads/{thread['id']}/runs"
    assert requests[0] == ("GET", runs_path)
    assert dict(emu.requests[0].query)["limit"] == "100"
    assert requests[-1] == ("POST", f"/v1/threads/{thread['id']}/messages")
    assert ("GET", f"{runs_path}/{done['id']}") not in requests
    assert requests.count(("GET", f"{runs_path}/{run['id']}")) == 3  # queued, in_progress, completed
    assert emu.store.runs[run["id"]]["status"] == "completed"
    assert f"Waiting for the run to complete. Run ID: {run['id']}" in [str(v) for v in ps.streams.verbose]
    texts = [m["content"][0]["text"]["value"] for m in emu.store.thread_messages(thread["id"])]
    assert texts[-1] == "after the run"


def test_wait_for_run_complete_skips_requires_action(seeded: Any) -> None:
    emu, http = seeded(lifecycle=Lifecycle(mode="manual"))
    assistant = http.post("assistants", json={"model": "gpt-4o-mini"}).json()
    thread = new_thread_with(http, "hello")
    run = http.post(f"threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]}).json()
    emu.advance(run["id"], to="requires_action")
    emu.reset_log()
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Add-ThreadMessage", "x", ThreadId=thread["id"], WaitForRunComplete=True)
    # Not waited on (it needs tool outputs): no GET of the run; the API then refuses the message.
    assert [(r.method, r.path.rsplit("/", 1)[-1]) for r in emu.requests] == [("GET", "runs"), ("POST", "messages")]
    assert isinstance(caught.value.errors[0].exception, BadRequestError)


def test_wait_for_run_complete_timeout_posts_nothing(seeded: Any) -> None:
    emu, http = seeded(lifecycle=Lifecycle(mode="manual"))
    assistant = http.post("assistants", json={"model": "gpt-4o-mini"}).json()
    thread = new_thread_with(http, "hello")
    http.post(f"threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]})
    emu.reset_log()
    with pytest.raises(WaitTimeoutError) as caught:
        psbridge.invoke(
            "Add-ThreadMessage", "x", ThreadId=thread["id"], WaitForRunComplete=True, TimeoutSec=1, ErrorAction="Stop"
        )
    assert caught.value.fully_qualified_error_id == "PSOpenAI.APIRequest.TimeoutException,Add-ThreadMessage"
    assert message_posts(emu) == []
    assert any(r.method == "GET" and "/runs/" in r.path for r in emu.requests)
    # Without -ErrorAction Stop it is a non-terminating error, and still nothing is posted (see module doc).
    with pytest.raises(PipelineError) as soft:
        psbridge.invoke("Add-ThreadMessage", "x", ThreadId=thread["id"], WaitForRunComplete=True, TimeoutSec=1)
    assert isinstance(soft.value.errors[0].exception, TimeoutError)
    assert message_posts(emu) == []


# == Get-ThreadMessage ======================================================================


def test_doc_examples_get_thread_message(emulator: Emulator, http: httpx.Client) -> None:
    thread = new_thread_with(http, "one", "two")
    # PS C:\> Get-ThreadMessage -ThreadId 'thread_abc123' -All
    listed = psbridge.invoke("Get-ThreadMessage", ThreadId=thread["id"], All=True)
    assert [m.SimpleContent[0].Content for m in listed] == ["one", "two"]
    assert all(m.pstypenames[0] == "PSOpenAI.Thread.Message" for m in listed)
    assert all(isinstance(m.created_at, dt.datetime) for m in listed)
    # PS C:\> Get-ThreadMessage -ThreadId 'thread_abc123' -MessageId 'msg_abc123'
    [single] = psbridge.invoke("Get-ThreadMessage", ThreadId=thread["id"], MessageId=listed[1].id)
    assert single.id == listed[1].id
    assert single.thread_id == thread["id"]
    assert single.content[0].type == "text"
    assert emulator.requests[-1].path == f"/v1/threads/{thread['id']}/messages/{listed[1].id}"


def test_all_pages_follow_the_after_cursor(emulator: Emulator, http: httpx.Client) -> None:
    thread = new_thread_with(http, *[f"m{i}" for i in range(250)])
    emulator.reset_log()
    messages = psbridge.invoke("Get-ThreadMessage", thread["id"], All=True, Limit=5)  # -All overrides -Limit
    assert [m.SimpleContent[0].Content for m in messages] == [f"m{i}" for i in range(250)]
    assert len(emulator.requests) == 3
    queries = [r.query for r in emulator.requests]
    assert queries[0] == [("limit", "100"), ("order", "asc")]
    assert queries[1] == [("limit", "100"), ("order", "asc"), ("after", messages[99].id)]
    assert queries[2] == [("limit", "100"), ("order", "asc"), ("after", messages[199].id)]


def test_one_page_warns_only_without_limit(emulator: Emulator, http: httpx.Client) -> None:
    thread = new_thread_with(http, *[f"m{i}" for i in range(25)])
    ps = PowerShell()
    first = ps.add_command("Get-ThreadMessage").add_argument(thread["id"]).invoke()
    assert len(first) == 20
    assert [str(w) for w in ps.streams.warning] == [MORE_DATA]
    ps = PowerShell()
    latest = (
        ps.add_command("Get-ThreadMessage")
        .add_argument(thread["id"])
        .add_parameters({"Limit": 3, "Order": "DESC"})
        .invoke()
    )
    assert [m.SimpleContent[0].Content for m in latest] == ["m24", "m23", "m22"]
    assert ps.streams.warning == []
    assert emulator.requests[-1].query == [("limit", "3"), ("order", "desc")]


def test_single_message_parameter_sets(emulator: Emulator, http: httpx.Client) -> None:
    thread = new_thread_with(http, "hello")
    message_id = emulator.store.thread_messages(thread["id"])[0]["id"]
    typed = thread_object(thread)
    emulator.reset_log()
    results = [
        *psbridge.invoke("Get-ThreadMessage", ThreadId=thread["id"], MessageId=message_id),  # named
        *psbridge.invoke("Get-ThreadMessage", input=[thread["id"]], MessageId=message_id),  # piped id
        *psbridge.invoke("Get-ThreadMessage", Thread=typed, MessageId=message_id),  # Thread object
        *psbridge.invoke("Get-ThreadMessage", input=[typed], MessageId=message_id),  # piped object
        *psbridge.invoke("Get-ThreadMessage", input=[message_id], ThreadId=thread["id"]),  # doc: ByValue
    ]
    assert [m.id for m in results] == [message_id] * 5
    assert {r.path for r in emulator.requests} == {f"/v1/threads/{thread['id']}/messages/{message_id}"}
    assert len(emulator.requests) == 5
    # The doc gives -MessageId "Position: Named" (PSOpenAI's source has Position 1): the docs win,
    # so a positional message id is PowerShell's PositionalParameterNotFound, before any request.
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        psbridge.invoke("Get-ThreadMessage", thread["id"], message_id)
    assert caught.value.error_id == "PositionalParameterNotFound"
    assert len(emulator.requests) == 5
    # PowerShell binds pipeline input in the default set (List) first, and List is satisfied by
    # thread_id alone: a piped {thread_id, message_id} lists the thread rather than getting one message.
    emulator.reset_log()
    [listed] = psbridge.invoke("Get-ThreadMessage", input=[{"thread_id": thread["id"], "message_id": message_id}])
    assert listed.id == message_id
    assert emulator.requests[-1].path == f"/v1/threads/{thread['id']}/messages"


def test_list_parameter_sets_process_every_input(emulator: Emulator, http: httpx.Client) -> None:
    """PSOpenAI lists only the first piped thread (its bug); every input gets its messages here."""
    threads = [new_thread_with(http, f"t{i}") for i in range(3)]
    typed = thread_object(threads[0])
    emulator.reset_log()
    piped = psbridge.invoke("Get-ThreadMessage", input=[t["id"] for t in threads])
    assert [m.SimpleContent[0].Content for m in piped] == ["t0", "t1", "t2"]
    by_property = psbridge.invoke("Get-ThreadMessage", input=[{"thread_id": t["id"]} for t in threads], All=True)
    assert [m.thread_id for m in by_property] == [t["id"] for t in threads]
    assert len(psbridge.invoke("Get-ThreadMessage", Thread=typed)) == 1
    assert len(psbridge.invoke("Get-ThreadMessage", typed)) == 1
    # A message object carries thread_id, so it lists its thread's messages.
    [again] = psbridge.invoke(
        "Get-ThreadMessage", input=[message_object(http.get(f"threads/{threads[2]['id']}/messages").json()["data"][0])]
    )
    assert again.SimpleContent[0].Content == "t2"


def test_messages_of_a_run(emulator: Emulator, http: httpx.Client, assistant: dict[str, Any]) -> None:
    thread = new_thread_with(http, "question")
    run = finished_run(http, thread["id"], assistant["id"])
    emulator.reset_log()
    by_id = psbridge.invoke("Get-ThreadMessage", thread["id"], RunId=run["id"], All=True)
    assert [m.role for m in by_id] == ["assistant"]
    assert ("run_id", run["id"]) in emulator.requests[-1].query
    typed_run = run_object(run)
    for result in (
        psbridge.invoke("Get-ThreadMessage", Run=typed_run),
        psbridge.invoke("Get-ThreadMessage", typed_run, Order="desc"),
        psbridge.invoke("Get-ThreadMessage", input=[typed_run], All=True),
    ):
        assert [m.id for m in result] == [by_id[0].id]
    assert all(("run_id", run["id"]) in r.query for r in emulator.requests)


def test_message_of_a_run_step(emulator: Emulator, http: httpx.Client, assistant: dict[str, Any]) -> None:
    thread = new_thread_with(http, "question")
    run = finished_run(http, thread["id"], assistant["id"])
    steps = http.get(f"threads/{thread['id']}/runs/{run['id']}/steps").json()["data"]
    creation = step_object(next(s for s in steps if s["type"] == "message_creation"))
    message_id = creation.step_details.message_creation.message_id
    emulator.reset_log()
    for result in (
        psbridge.invoke("Get-ThreadMessage", Step=creation),
        psbridge.invoke("Get-ThreadMessage", creation),
        psbridge.invoke("Get-ThreadMessage", input=[creation]),
    ):
        assert [m.id for m in result] == [message_id]
    assert {r.path for r in emulator.requests} == {f"/v1/threads/{thread['id']}/messages/{message_id}"}
    # A tool-calls step names no message: the step's run's messages are listed instead.
    tool_step = step_object(
        {
            "id": "step_tools",
            "object": "thread.run.step",
            "thread_id": thread["id"],
            "run_id": run["id"],
            "type": "tool_calls",
            "step_details": {"type": "tool_calls", "tool_calls": []},
        }
    )
    emulator.reset_log()
    [listed] = psbridge.invoke("Get-ThreadMessage", tool_step)
    assert listed.id == message_id
    assert emulator.requests[-1].query == [("limit", "20"), ("order", "asc"), ("run_id", run["id"])]


def test_get_message_errors_are_non_terminating(emulator: Emulator, http: httpx.Client) -> None:
    thread = new_thread_with(http, "still here")
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Get-ThreadMessage", input=["thread_missing", thread["id"]])
    [record] = caught.value.errors
    assert isinstance(record.exception, NotFoundError)
    assert record.fully_qualified_error_id == "PSOpenAI.APIRequest.NotFoundException,Get-ThreadMessage"
    assert [m.SimpleContent[0].Content for m in caught.value.output] == ["still here"]
    with pytest.raises(NotFoundError):
        psbridge.invoke("Get-ThreadMessage", thread["id"], MessageId="msg_missing", ErrorAction="Stop")


# == Remove-ThreadMessage ===================================================================


def test_doc_example_remove_thread_message(emulator: Emulator, http: httpx.Client) -> None:
    thread = new_thread_with(http, "bye")
    message_id = emulator.store.thread_messages(thread["id"])[0]["id"]
    # PS C:\> Remove-ThreadMessage -ThreadId 'thread_abc123' -MessageId 'msg_abc123'
    ps = PowerShell()
    out = (
        ps.add_command("Remove-ThreadMessage")
        .add_parameters({"ThreadId": thread["id"], "MessageId": message_id, "Verbose": True})
        .invoke()
    )
    assert out == []  # the doc says PSCustomObject; PSOpenAI (and this) output nothing
    assert f'The message with id "{message_id}" has been deleted.' in [str(v) for v in ps.streams.verbose]
    assert emulator.store.thread_messages(thread["id"]) == []
    assert (emulator.requests[-1].method, emulator.requests[-1].path) == (
        "DELETE",
        f"/v1/threads/{thread['id']}/messages/{message_id}",
    )


def test_remove_message_parameter_sets(emulator: Emulator, http: httpx.Client) -> None:
    thread = new_thread_with(http, *[f"m{i}" for i in range(7)])
    ids = [m["id"] for m in emulator.store.thread_messages(thread["id"])]
    typed = thread_object(thread)
    emulator.reset_log()
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        ((), {"Thread": typed, "MessageId": ids[0]}),
        ((ids[1],), {"Thread": typed}),
        ((ids[2],), {"input": [typed]}),
        ((), {"ThreadId": thread["id"], "MessageId": ids[3]}),
        ((ids[4],), {"ThreadId": thread["id"]}),
        ((ids[5],), {"input": [thread["id"]]}),
        ((), {"input": [{"thread_id": thread["id"], "message_id": ids[6]}]}),
    ]
    for args, params in calls:
        assert psbridge.invoke("Remove-ThreadMessage", *args, **params) == []
    assert [r.path.rsplit("/", 1)[-1] for r in emulator.requests] == ids
    assert emulator.store.thread_messages(thread["id"]) == []


def test_piped_message_objects_do_not_bind(emulator: Emulator, http: httpx.Client) -> None:
    """A message's id is ``id``, not ``message_id``: as in PowerShell, each such input is a binding error."""
    thread = new_thread_with(http, "a", "b")
    messages = psbridge.invoke("Get-ThreadMessage", thread["id"])
    emulator.reset_log()
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Remove-ThreadMessage", input=messages)
    assert len(caught.value.errors) == 2
    assert all(isinstance(r.exception, psbridge.ParameterBindingError) for r in caught.value.errors)
    assert emulator.requests == []
    assert len(emulator.store.thread_messages(thread["id"])) == 2


def test_remove_unknown_message(emulator: Emulator, thread: dict[str, Any]) -> None:
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Remove-ThreadMessage", "msg_missing", ThreadId=thread["id"])
    assert isinstance(caught.value.errors[0].exception, NotFoundError)
    with pytest.raises(NotFoundError):
        psbridge.invoke("Remove-ThreadMessage", "msg_missing", ThreadId=thread["id"], ErrorAction="Stop")
