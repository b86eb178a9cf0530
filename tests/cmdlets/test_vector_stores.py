"""The vector store cmdlets (stores, their files, file batches) against the emulator over loopback HTTP."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import psbridge
from psbridge.cmdlets.psopenai._errors import RunStatusError
from psbridge.emulator import Emulator, Lifecycle
from psbridge.objects import Hashtable
from psbridge.runtime import PipelineError


@pytest.fixture(autouse=True)
def no_sleeping(recorded_sleeps: list[float]) -> None:
    """Waits poll on PSOpenAI's schedule; the tests run it without the sleeps."""


def upload(text: str, name: str = "doc.txt") -> Any:
    (file,) = psbridge.invoke("Add-OpenAIFile", Content=text.encode(), Name=name, Purpose="assistants")
    return file


def posts(emulator: Emulator, suffix: str) -> list[Any]:
    return [r for r in emulator.requests if r.method == "POST" and r.path.endswith(suffix)]


def test_new_vector_store_from_file_objects_and_ids(emulator: Emulator) -> None:
    first, second = upload("alpha"), upload("beta")
    (store,) = psbridge.invoke(
        "New-VectorStore",
        Name="Docs",
        Description="two files",
        FileId=[first, second.id],
        ChunkingStrategy="static",
        MaxChunkSizeTokens=400,
        ChunkOverlapTokens=200,
        ExpiresAfterDays=7,
        MetaData=Hashtable(team="x"),
    )
    assert store.pstypenames[0] == "PSOpenAI.VectorStore" and store.name == "Docs"
    assert store.status == "in_progress" and store.file_counts.total == 2
    assert posts(emulator, "/vector_stores")[-1].body == {
        "file_ids": [first.id, second.id],
        "chunking_strategy": {"type": "static", "static": {"max_chunk_size_tokens": 400, "chunk_overlap_tokens": 200}},
        "name": "Docs",
        "description": "two files",
        "expires_after": {"anchor": "last_active_at", "days": 7},
        "metadata": {"team": "x"},
    }
    # Looking at the store lets ingestion finish (polls schedule: the second look).
    psbridge.invoke("Get-VectorStore", store.id)
    (again,) = psbridge.invoke("Get-VectorStore", input=[store])  # the object set reads it again
    assert again.status == "completed" and again.file_counts.completed == 2 and again.usage_bytes == 9


def test_an_overlap_over_half_the_chunk_is_refused_before_sending(emulator: Emulator) -> None:
    file = upload("x")
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("New-VectorStore", FileId=[file.id], ChunkingStrategy="static", ChunkOverlapTokens=500)
    assert str(caught.value.errors[0].exception) == "ChunkOverlapTokens must not exceed half of MaxChunkSizeTokens."
    assert not posts(emulator, "/vector_stores")


def test_list_set_and_remove_through_the_pipeline(emulator: Emulator) -> None:
    for name in ("one", "two"):
        psbridge.invoke("New-VectorStore", Name=name)
    stores = psbridge.invoke("Get-VectorStore", Order="desc")
    assert [s.name for s in stores] == ["two", "one"]
    (renamed,) = psbridge.invoke("Set-VectorStore", input=stores[:1], Name="renamed", MetaData=Hashtable(k="v"))
    assert (renamed.name, renamed.metadata.k) == ("renamed", "v")
    assert posts(emulator, f"/vector_stores/{stores[0].id}")[-1].body == {"name": "renamed", "metadata": {"k": "v"}}
    psbridge.run("Get-VectorStore -All | Remove-VectorStore")
    assert emulator.store.all("vector_store") == []


def test_add_a_file_to_a_piped_store_and_a_piped_file_to_a_store(emulator: Emulator) -> None:
    (store,) = psbridge.invoke("New-VectorStore", Name="s")
    first, second = upload("first"), upload("second")
    assert psbridge.invoke("Add-VectorStoreFile", input=[store], FileId=first.id) == []
    (passed,) = psbridge.invoke("Add-VectorStoreFile", input=[second], VectorStoreId=store.id, PassThru=True)
    assert passed.pstypenames[0] == "PSOpenAI.VectorStore" and passed.id == store.id
    assert passed.file_counts.total == 2
    body = posts(emulator, "/files")[-1].body
    assert body == {"file_id": second.id}


def test_vector_store_files_listed_filtered_read_and_removed(emulator: Emulator) -> None:
    (store,) = psbridge.invoke("New-VectorStore", Name="s", FileId=[upload("a").id, upload("").id])
    psbridge.invoke("Get-VectorStore", store.id)
    files = psbridge.invoke("Get-VectorStoreFile", store.id)
    assert [f.pstypenames[0] for f in files] == ["PSOpenAI.VectorStore.File"] * 2
    assert sorted(f.status for f in files) == ["completed", "failed"]  # an empty file fails to index
    (failed,) = psbridge.invoke("Get-VectorStoreFile", store.id, Filter="FAILED")
    assert failed.last_error.code == "invalid_file"
    assert emulator.requests[-1].query[-1] == ("filter", "failed")
    (again,) = psbridge.invoke("Get-VectorStoreFile", input=[failed])
    assert again.id == failed.id
    psbridge.run(f"Get-VectorStoreFile -VectorStoreId {store.id} | Remove-VectorStoreFile")
    assert psbridge.invoke("Get-VectorStoreFile", store.id) == []
    assert len(emulator.store.all("file")) == 2  # the files themselves stay


def test_start_a_batch_and_wait_for_it(emulator: Emulator) -> None:
    ids = [upload(text).id for text in ("one", "two", "three")]
    (store,) = psbridge.invoke("New-VectorStore")
    script = "Start-VectorStoreFileBatch -VectorStoreId $vs -Files $ids | Wait-VectorStoreFileBatch"
    (batch,) = psbridge.run(script, variables={"vs": store.id, "ids": ids})
    assert batch.pstypenames[0] == "PSOpenAI.VectorStore.FileBatch"
    assert batch.status == "completed" and batch.file_counts.completed == 3
    assert posts(emulator, "/file_batches")[-1].body == {"file_ids": ids}
    files = psbridge.invoke("Get-VectorStoreFileInBatch", input=[batch], All=True)
    assert sorted(f.id for f in files) == sorted(ids)


def test_batch_files_given_as_hashtables_go_as_files(emulator: Emulator) -> None:
    (store,) = psbridge.invoke("New-VectorStore")
    first, second = upload("a"), upload("b")
    files = [first, Hashtable(file_id=second.id, attributes=Hashtable(kind="memo"))]
    psbridge.invoke("Start-VectorStoreFileBatch", store.id, files)
    assert posts(emulator, "/file_batches")[-1].body == {
        "files": [{"file_id": first.id}, {"file_id": second.id, "attributes": {"kind": "memo"}}]
    }


def test_stop_a_batch_waits_until_it_is_cancelled(start_emulator: Callable[..., Emulator]) -> None:
    emulator = start_emulator(lifecycle=Lifecycle(mode="manual"))
    (store,) = psbridge.invoke("New-VectorStore")
    (batch,) = psbridge.invoke("Start-VectorStoreFileBatch", store, [upload("a").id])
    assert batch.status == "in_progress"
    assert psbridge.invoke("Stop-VectorStoreFileBatch", input=[batch]) == []
    (stopped,) = psbridge.invoke("Get-VectorStoreFileBatch", store.id, batch.id)
    assert stopped.status == "cancelled" and stopped.file_counts.cancelled == 1
    with pytest.raises(PipelineError) as caught:  # a finished batch cannot be cancelled again
        psbridge.invoke("Stop-VectorStoreFileBatch", input=[batch], Wait=True, PassThru=True)
    assert caught.value.errors[0].fully_qualified_error_id.startswith("PSOpenAI.APIRequest.BadRequestException")
    assert emulator.store.get("vector_store.files_batch", batch.id)["status"] == "cancelled"


def test_waiting_for_a_status_that_can_no_longer_come_is_an_error(emulator: Emulator) -> None:
    (store,) = psbridge.invoke("New-VectorStore")
    (batch,) = psbridge.invoke("Start-VectorStoreFileBatch", store.id, [upload("a").id])
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Wait-VectorStoreFileBatch", input=[batch], StatusForExit=["cancelled"])
    error = caught.value.errors[0].exception
    assert isinstance(error, RunStatusError)
    assert str(error) == (
        f'The batch with id "{batch.id}" reached the status "completed", from which none of the statuses '
        '"cancelled" can follow.'
    )


def test_assistants_and_runs_send_file_search_resources(emulator: Emulator) -> None:
    (store,) = psbridge.invoke("New-VectorStore", Name="s")
    file = upload("Support: call extension 1001.")
    (assistant,) = psbridge.invoke(
        "New-Assistant", UseFileSearch=True, VectorStoresForFileSearch=[store], FileIdsForCodeInterpreter=[file]
    )
    assert posts(emulator, "/assistants")[-1].body["tool_resources"] == {
        "code_interpreter": {"file_ids": [file.id]},
        "file_search": {"vector_store_ids": [store.id]},
    }
    (made,) = psbridge.invoke("New-Assistant", UseFileSearch=True, FileIdsForFileSearch=[file])
    assert posts(emulator, "/assistants")[-1].body["tool_resources"] == {
        "file_search": {"vector_stores": [{"file_ids": [file.id]}]}
    }
    (new_store_id,) = made.tool_resources.file_search.vector_store_ids
    assert [f["id"] for f in emulator.store.children("vector_store.file", vector_store_id=new_store_id)] == [file.id]
    psbridge.invoke("Start-ThreadRun", Assistant=assistant, Message="hi", VectorStoresForFileSearch=[store])
    resources = posts(emulator, "/threads/runs")[-1].body["tool_resources"]
    assert resources == {"file_search": {"vector_store_ids": [store.id]}}
