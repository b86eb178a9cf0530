"""New-Thread and Set-Thread against the emulator: bodies sent, parameter sets, outputs, errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

import psbridge
from psbridge import Hashtable, PipelineError, PSObject
from psbridge.api import BadRequestError, NotFoundError
from psbridge.cmdlets.psopenai._objects import thread_object
from psbridge.emulator import Emulator
from psbridge.hosting import PowerShell


def posts(emu: Emulator, path_start: str = "/v1/threads") -> list[Any]:
    return [r for r in emu.requests if r.method == "POST" and r.path.startswith(path_start)]


def assert_thread(obj: Any, thread_id: str | None = None) -> None:
    """PSOpenAI's New/Set-Thread output: typed, converted timestamp, an empty Messages list."""
    assert isinstance(obj, PSObject)
    assert obj.pstypenames[0] == "PSOpenAI.Thread"
    assert isinstance(obj.created_at, dt.datetime)
    assert obj.Messages == []
    if thread_id is not None:
        assert obj.id == thread_id


# -- New-Thread ------------------------------------------------------------------------


def test_doc_example_new_thread(emulator: Emulator) -> None:
    # PS C:\> $Thread = New-Thread
    [thread] = psbridge.invoke("New-Thread")
    assert_thread(thread)
    assert thread.id in emulator.store.threads
    [request] = emulator.requests
    assert (request.method, request.path, request.body) == ("POST", "/v1/threads", {})


def test_new_thread_sends_tool_resources_and_metadata(emulator: Emulator) -> None:
    [thread] = psbridge.invoke(
        "New-Thread",
        FileIdsForCodeInterpreter=["file-a", "file-b"],
        FileIdsForFileSearch=["file-c"],
        MetaData=Hashtable(project="demo"),
    )
    assert posts(emulator)[-1].body == {
        "tool_resources": {
            "code_interpreter": {"file_ids": ["file-a", "file-b"]},
            "file_search": {"vector_stores": [{"file_ids": ["file-c"]}]},
        },
        "metadata": {"project": "demo"},
    }
    assert thread.metadata.project == "demo"
    assert list(thread.tool_resources.file_search.vector_store_ids)  # the API made a store from the files


def test_new_thread_vector_store_wins_over_files(emulator: Emulator) -> None:
    psbridge.invoke("New-Thread", VectorStoresForFileSearch=["vs_1"], FileIdsForFileSearch=["file-c"])
    assert posts(emulator)[-1].body == {"tool_resources": {"file_search": {"vector_store_ids": ["vs_1"]}}}


def test_new_thread_validates_counts_before_any_request(emulator: Emulator) -> None:
    with pytest.raises(psbridge.ParameterBindingError):
        psbridge.invoke("New-Thread", VectorStoresForFileSearch=["vs_1", "vs_2"])
    with pytest.raises(psbridge.ParameterBindingError):
        psbridge.invoke("New-Thread", FileIdsForCodeInterpreter=[f"file-{i}" for i in range(21)])
    assert emulator.requests == []


def test_hidden_messages_send_role_as_role(emulator: Emulator) -> None:
    """PSOpenAI put an item's role under a ``user`` key (its bug); the role must go out as ``role``."""
    [thread] = psbridge.invoke(
        "New-Thread",
        Messages=[
            "Hi",
            Hashtable(role="assistant", message="Hello, how can I help?"),
            PSObject(
                {
                    "role": "user",
                    "content": "With attachments",
                    "attachments": [{"file_id": "file-x"}],
                    "metadata": Hashtable(n="1"),
                }
            ),
            {"role": "user"},  # no content: dropped, as PSOpenAI drops it
        ],
    )
    body = posts(emulator)[-1].body
    assert body["messages"] == [
        {"role": "user", "content": "Hi"},
        {"role": "assistant", "content": "Hello, how can I help?"},
        {"role": "user", "content": "With attachments", "attachments": [{"file_id": "file-x"}], "metadata": {"n": "1"}},
    ]
    assert all("user" not in message for message in body["messages"])
    stored = emulator.store.thread_messages(thread.id)
    assert [m["role"] for m in stored] == ["user", "assistant", "user"]
    assert thread.Messages == []  # as PSOpenAI: the created thread comes back without reading messages


def test_new_thread_api_error_is_mapped(emulator: Emulator) -> None:
    too_many = Hashtable({f"k{i}": "v" for i in range(17)})  # the API allows 16 metadata pairs
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("New-Thread", MetaData=too_many)
    assert isinstance(caught.value.errors[0].exception, BadRequestError)
    assert caught.value.output == []
    with pytest.raises(BadRequestError):
        psbridge.invoke("New-Thread", MetaData=too_many, ErrorAction="Stop")


def test_new_thread_verbose_message(emulator: Emulator) -> None:
    ps = PowerShell()
    [thread] = ps.add_command("New-Thread").add_parameter("Verbose").invoke()
    assert f'The thread with id "{thread.id}" has been created.' in [str(v) for v in ps.streams.verbose]


# -- Set-Thread ----------------------------------------------------------------------------


def test_doc_example_set_thread(emulator: Emulator, thread: dict[str, Any]) -> None:
    # PS C:\> $Thread = Set-Thread -ThreadId 'thread_abc123' -MetaData $MetaData
    metadata = Hashtable(purpose="doc example")
    [updated] = psbridge.invoke("Set-Thread", ThreadId=thread["id"], MetaData=metadata)
    assert_thread(updated, thread["id"])
    assert updated.metadata.purpose == "doc example"
    request = posts(emulator)[-1]
    assert request.path == f"/v1/threads/{thread['id']}"
    assert request.body == {"metadata": {"purpose": "doc example"}}
    assert emulator.store.threads[thread["id"]]["metadata"] == {"purpose": "doc example"}


def test_set_thread_parameter_sets(emulator: Emulator, http: httpx.Client) -> None:
    ids = [http.post("threads", json={}).json()["id"] for _ in range(8)]
    typed = [thread_object(http.get(f"threads/{i}").json()) for i in ids[:3]]
    emulator.reset_log()
    meta = Hashtable(k="v")
    results = [
        *psbridge.invoke("Set-Thread", Thread=typed[0], MetaData=meta),  # the Thread alias, an object
        *psbridge.invoke("Set-Thread", typed[1], MetaData=meta),  # positional object
        *psbridge.invoke("Set-Thread", input=[typed[2]], MetaData=meta),  # piped typed object
        *psbridge.invoke("Set-Thread", ThreadId=ids[3], MetaData=meta),  # named
        *psbridge.invoke("Set-Thread", ids[4], MetaData=meta),  # positional
        *psbridge.invoke("Set-Thread", input=[ids[5]], MetaData=meta),  # piped string
        *psbridge.invoke("Set-Thread", input=[{"thread_id": ids[6]}], MetaData=meta),  # by property name
        *psbridge.invoke("Set-Thread", InputObject=ids[7], MetaData=meta),  # backward-compatible alias
    ]
    assert [r.id for r in results] == ids
    assert [r.path for r in posts(emulator)] == [f"/v1/threads/{i}" for i in ids]
    for result in results:
        assert_thread(result)


def test_set_thread_without_changes_sends_empty_body(emulator: Emulator, thread: dict[str, Any]) -> None:
    psbridge.invoke("Set-Thread", thread["id"])
    assert posts(emulator)[-1].body == {}


def test_set_thread_tool_resources(emulator: Emulator, thread: dict[str, Any]) -> None:
    psbridge.invoke(
        "Set-Thread", thread["id"], FileIdsForCodeInterpreter=["file-1"], VectorStoresForFileSearch=["vs_9"]
    )
    assert posts(emulator)[-1].body == {
        "tool_resources": {"code_interpreter": {"file_ids": ["file-1"]}, "file_search": {"vector_store_ids": ["vs_9"]}}
    }
    assert emulator.store.threads[thread["id"]]["tool_resources"]["file_search"] == {"vector_store_ids": ["vs_9"]}


def test_set_thread_unknown_id_is_non_terminating(emulator: Emulator, thread: dict[str, Any]) -> None:
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Set-Thread", input=["thread_missing", thread["id"]], MetaData=Hashtable(a="b"))
    [record] = caught.value.errors
    assert isinstance(record.exception, NotFoundError)
    assert record.exception.status_code == 404
    assert record.fully_qualified_error_id == "PSOpenAI.APIRequest.NotFoundException,Set-Thread"
    assert record.target_object == "thread_missing"
    assert [t.id for t in caught.value.output] == [thread["id"]]  # the later input still ran
    with pytest.raises(NotFoundError):
        psbridge.invoke("Set-Thread", "thread_missing", ErrorAction="Stop")


def test_set_thread_encodes_the_id_once(emulator: Emulator) -> None:
    """PSOpenAI encoded an already-encoded id again (its bug): 'a b' must travel as a%20b, not a%2520b."""
    with pytest.raises(PipelineError):
        psbridge.invoke("Set-Thread", "thread a/b")
    request = emulator.requests[-1]
    assert "%25" not in request.raw_path
    assert request.raw_path.endswith("/threads/thread%20a%2Fb")


def test_set_thread_verbose_says_updated(emulator: Emulator, thread: dict[str, Any]) -> None:
    ps = PowerShell()
    ps.add_command("Set-Thread").add_argument(thread["id"]).add_parameter("Verbose").invoke()
    assert f'The thread with id "{thread["id"]}" has been updated.' in [str(v) for v in ps.streams.verbose]


def test_set_thread_requires_a_thread_id(emulator: Emulator) -> None:
    with pytest.raises(psbridge.ParameterBindingError):
        psbridge.invoke("Set-Thread", ThreadId="")
    assert emulator.requests == []
