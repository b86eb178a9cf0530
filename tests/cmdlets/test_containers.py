"""The Containers cmdlets against the emulator, and the emulator's container answers against the description."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import psbridge
from psbridge.emulator import Emulator
from psbridge.runtime import PipelineError
from tests.openapi_schemas import assert_valid, response_body


def test_a_container_with_files_from_uploads_paths_and_ids(emulator: Emulator, tmp_path: Path) -> None:
    (uploaded,) = psbridge.invoke("Add-OpenAIFile", Content=b"a,b\n1,2\n", Name="data.csv", Purpose="assistants")
    (box,) = psbridge.invoke("New-Container", "sandbox", FileId=[uploaded.id], ExpiresAfterMinutes=5, MemoryLimit="4g")
    assert box.pstypenames[0] == "PSOpenAI.Container" and box.status == "running"
    body = [r for r in emulator.requests if r.path.endswith("/containers")][-1].body
    assert body == {"name": "sandbox", "expires_after": {"anchor": "last_active_at", "minutes": 5},
                    "file_ids": [uploaded.id], "memory_limit": "4g"}  # fmt: skip
    local = tmp_path / "notes.txt"
    local.write_text("local notes", encoding="utf-8")
    added = psbridge.invoke("Add-ContainerFile", box, [str(local), uploaded])
    assert [(f.path, f.bytes) for f in added] == [("/mnt/data/notes.txt", 11), ("/mnt/data/data.csv", 8)]
    sent = [r for r in emulator.requests if r.path.endswith("/files") and "containers" in r.path]
    assert sent[-2].headers["content-type"].startswith("multipart/form-data") and sent[-1].body == {
        "file_id": uploaded.id
    }
    files = psbridge.invoke("Get-ContainerFile", box.id)
    assert len(files) == 3 and {f.pstypenames[0] for f in files} == {"PSOpenAI.Container.File"}
    notes = next(f for f in files if f.path.endswith("notes.txt"))
    assert psbridge.invoke("Get-ContainerFileContent", input=[notes]) == ["local notes"]
    target = tmp_path / "out" / "copy.txt"
    psbridge.invoke("Get-ContainerFileContent", box.id, notes.id, OutFile=str(target))
    assert target.read_text(encoding="utf-8") == "local notes" and os.listdir(target.parent) == ["copy.txt"]
    psbridge.invoke("Remove-ContainerFile", input=[notes])
    assert len(psbridge.invoke("Get-ContainerFile", box.id)) == 2
    (again,) = psbridge.invoke("Get-Container", box.id)
    assert again.id == box.id
    psbridge.run("Get-Container | Remove-Container")
    assert emulator.store.all("container") == [] and emulator.store.all("container.file") == []


def test_a_file_id_that_does_not_exist_is_an_api_error(emulator: Emulator) -> None:
    (box,) = psbridge.invoke("New-Container", "x")
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Add-ContainerFile", box.id, ["file-nope"])
    assert caught.value.errors[0].fully_qualified_error_id.startswith("PSOpenAI.APIRequest.NotFoundException")


def test_container_answers_fit_the_description(http: Any) -> None:
    box = http.post("containers", json={"name": "c"}).json()
    assert_valid(response_body("POST", "/containers"), box)
    assert_valid(response_body("GET", "/containers"), http.get("containers").json())
    entry = http.post(f"containers/{box['id']}/files", files={"file": ("a.py", b"print(1)")}).json()
    assert_valid(response_body("POST", "/containers/{container_id}/files"), entry)
    listed = http.get(f"containers/{box['id']}/files").json()
    assert_valid(response_body("GET", "/containers/{container_id}/files"), listed)
    assert http.get(f"containers/{box['id']}/files/{entry['id']}/content").content == b"print(1)"
    assert http.delete(f"containers/{box['id']}").json() == {
        "id": box["id"], "object": "container.deleted", "deleted": True
    }
    assert http.get(f"containers/{box['id']}").status_code == 404
    bad: Any = http.post("containers", json={"name": "c", "memory_limit": "2g"})
    assert bad.status_code == 400
