"""The Files cmdlets against the emulator over loopback HTTP, with real files in a temp dir."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

import psbridge
from psbridge.emulator import Emulator, Fault
from psbridge.hosting import PowerShell
from psbridge.objects import PSObject
from psbridge.runtime import PipelineError
from tests.api.api_loopback import Reply, ScriptedServer


def uploads(emulator: Emulator) -> list[Any]:
    return [r for r in emulator.requests if r.method == "POST" and r.path.endswith("/files")]


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text("Contoso help desk: Alex Johnson, extension 1001.\n", encoding="utf-8")
    return path


def test_add_a_file_from_a_path(emulator: Emulator, text_file: Path) -> None:
    (file,) = psbridge.invoke("Add-OpenAIFile", str(text_file), Purpose="Assistants")
    assert file.pstypenames[0] == "PSOpenAI.File"
    assert (file.filename, file.purpose, file.bytes) == ("notes.txt", "assistants", text_file.stat().st_size)
    assert file.created_at.year >= 2024  # a local DateTime, as PSOpenAI converts it
    sent = uploads(emulator)[-1]
    assert sent.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="purpose"\r\n\r\nassistants\r\n' in sent.raw_body  # the -Purpose value lower-cased
    assert emulator.store.get_blob(file.id) == text_file.read_bytes()


def test_add_a_file_from_bytes_with_a_name_and_an_expiry(emulator: Emulator) -> None:
    (file,) = psbridge.invoke(
        "Add-OpenAIFile", Content=b"\x00\x01binary", Name="blob.bin", Purpose="user_data", ExpiresAfterSeconds=3600
    )
    assert (file.filename, file.bytes) == ("blob.bin", 8)
    assert file.expires_at == emulator.store.get("file", file.id)["expires_at"]
    body = uploads(emulator)[-1].raw_body
    assert b'name="expires_after[anchor]"\r\n\r\ncreated_at\r\n' in body
    assert b'name="expires_after[seconds]"\r\n\r\n3600\r\n' in body


def test_a_missing_path_is_an_error_and_sends_nothing(emulator: Emulator, tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Add-OpenAIFile", str(missing), Purpose="assistants")
    (record,) = caught.value.errors
    assert record.fully_qualified_error_id == "System.Management.Automation.ItemNotFoundException,Add-OpenAIFile"
    assert str(record.exception) == f"Cannot find path '{missing}' because it does not exist."
    assert not uploads(emulator)


def test_binding_checks_the_source_validation_before_any_request(emulator: Emulator, text_file: Path) -> None:
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        psbridge.invoke("Add-OpenAIFile", str(text_file), Purpose="assistants", ExpiresAfterSeconds=60)
    assert caught.value.error_id == "ParameterArgumentValidationError"
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        psbridge.invoke("Add-OpenAIFile", Content=b"x", Purpose="assistants")  # -Name is mandatory with -Content
    assert caught.value.error_id == "MissingMandatoryParameter"
    assert not emulator.requests


def test_paths_piped_in_are_each_uploaded_and_the_files_piped_out_are_removed(
    emulator: Emulator, tmp_path: Path
) -> None:
    paths = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(name, encoding="utf-8")
        paths.append(str(tmp_path / name))
    files = psbridge.invoke("Add-OpenAIFile", input=paths, Purpose="assistants")
    assert [f.filename for f in files] == ["a.txt", "b.txt"]
    listed = psbridge.invoke("Get-OpenAIFile")
    assert {f.id for f in listed} == {f.id for f in files}
    psbridge.invoke("Remove-OpenAIFile", input=listed)  # a File binds -FileId by its id property
    assert emulator.store.all("file") == []


def test_get_one_file_and_list_by_purpose(emulator: Emulator, text_file: Path) -> None:
    (kept,) = psbridge.invoke("Add-OpenAIFile", str(text_file), Purpose="assistants")
    psbridge.invoke("Add-OpenAIFile", Content=b"{}", Name="b.jsonl", Purpose="batch")
    (got,) = psbridge.invoke("Get-OpenAIFile", kept.id)
    assert got.id == kept.id and got.pstypenames[0] == "PSOpenAI.File"
    emulator.reset_log()
    (only,) = psbridge.invoke("Get-OpenAIFile", Purpose="assistants", Order="ASC")
    assert only.id == kept.id
    assert emulator.requests[-1].query == [("order", "asc"), ("purpose", "assistants")]  # only what was given


def test_list_all_follows_the_cursor(emulator: Emulator) -> None:
    for index in range(3):
        psbridge.invoke("Add-OpenAIFile", Content=b"x", Name=f"{index}.txt", Purpose="assistants")
    emulator.reset_log()
    files = psbridge.invoke("Get-OpenAIFile", All=True)
    assert len(files) == 3
    assert emulator.requests[-1].query == [("limit", "10000")]


def test_content_as_text_bytes_or_a_file(emulator: Emulator, text_file: Path, tmp_path: Path) -> None:
    (text,) = psbridge.invoke("Add-OpenAIFile", str(text_file), Purpose="assistants")
    (binary,) = psbridge.invoke("Add-OpenAIFile", Content=b"\x89PNG\x00", Name="x.png", Purpose="vision")
    assert psbridge.invoke("Get-OpenAIFileContent", text.id) == [text_file.read_text(encoding="utf-8")]
    assert psbridge.invoke("Get-OpenAIFileContent", binary.id) == [b"\x89PNG\x00"]
    target = tmp_path / "deeper" / "folder" / "copy.png"
    assert psbridge.invoke("Get-OpenAIFileContent", binary, OutFile=str(target)) == []  # a File binds by value
    assert target.read_bytes() == b"\x89PNG\x00"
    assert os.listdir(target.parent) == ["copy.png"]  # no temporary file left beside it
    assert stat.S_IMODE(target.stat().st_mode) & 0o600 == 0o600


def test_out_file_relative_to_the_current_directory_replaces_an_existing_file(
    emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (file,) = psbridge.invoke("Add-OpenAIFile", Content=b"new", Name="n.txt", Purpose="assistants")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out.txt").write_bytes(b"old contents")
    psbridge.run(f"Get-OpenAIFileContent -FileId {file.id} -OutFile out.txt")
    assert (tmp_path / "out.txt").read_bytes() == b"new"


def test_a_failed_download_leaves_the_old_file_and_no_partial_one(emulator: Emulator, tmp_path: Path) -> None:
    (file,) = psbridge.invoke("Add-OpenAIFile", Content=b"data" * 1000, Name="d.bin", Purpose="assistants")
    target = tmp_path / "d.bin"
    target.write_bytes(b"previous")
    emulator.faults.add(Fault(path=f"/files/{file.id}/content", status=500))
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Get-OpenAIFileContent", file.id, OutFile=str(target))
    assert caught.value.errors[0].fully_qualified_error_id.startswith("PSOpenAI.APIRequest.")
    assert target.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["d.bin"]
    missing = tmp_path / "never.bin"
    emulator.faults.add(Fault(path=f"/files/{file.id}/content", drop_connection=True))
    with pytest.raises(PipelineError):
        psbridge.invoke("Get-OpenAIFileContent", file.id, OutFile=str(missing))
    assert not missing.exists() and os.listdir(tmp_path) == ["d.bin"]


def test_out_file_that_is_a_folder_is_refused(emulator: Emulator, tmp_path: Path) -> None:
    (file,) = psbridge.invoke("Add-OpenAIFile", Content=b"x", Name="x.txt", Purpose="assistants")
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Get-OpenAIFileContent", file.id, OutFile=str(tmp_path))
    assert caught.value.errors[0].fully_qualified_error_id == "System.UnauthorizedAccessException,Get-OpenAIFileContent"
    assert os.listdir(tmp_path) == []


def test_remove_says_so_in_verbose(emulator: Emulator) -> None:
    (file,) = psbridge.invoke("Add-OpenAIFile", Content=b"x", Name="x.txt", Purpose="assistants")
    ps = PowerShell()
    ps.add_command("Remove-OpenAIFile").add_argument(file).add_parameter("Verbose").invoke()
    assert f'The file with id "{file.id}" has been deleted.' in [str(line) for line in ps.streams.verbose]
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Get-OpenAIFile", file.id)
    assert caught.value.errors[0].fully_qualified_error_id == "PSOpenAI.APIRequest.NotFoundException,Get-OpenAIFile"


def test_a_file_object_stringifies_as_its_id(emulator: Emulator) -> None:
    (file,) = psbridge.invoke("Add-OpenAIFile", Content=b"x", Name="x.txt", Purpose="assistants")
    assert isinstance(file, PSObject)
    assert psbridge.run('"$f"', variables={"f": file}) == [file.id]


def test_a_download_cut_off_mid_body_leaves_no_partial_file(
    server: ScriptedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.script(Reply(chunks=[b"a" * 65536, b"b" * 65536], truncate=True))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-0123456789abcdefghij")
    monkeypatch.setenv("OPENAI_API_BASE", server.url + "/v1")
    target = tmp_path / "cut.bin"
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Get-OpenAIFileContent", "file-x", OutFile=str(target))
    assert "APIRequest" in caught.value.errors[0].fully_qualified_error_id
    assert os.listdir(tmp_path) == []
