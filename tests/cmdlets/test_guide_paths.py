"""Paths in PSOpenAI's guides, written on Windows: files resolve from the session's location.

PSOpenAI resolves -File / -OutFile with GetUnresolvedProviderPathFromPSPath: relative to the
session's location (Set-Location), ``\\`` as a folder separator, and on Linux ``C:\\...`` names
a drive that does not exist (How_to_use_Assistants.md, "How to input images").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from psbridge.emulator import Emulator
from psbridge.hosting import PowerShell


@pytest.fixture
def session(emulator: Emulator, tmp_path: Path) -> PowerShell:
    shell = PowerShell()
    shell.add_command("Set-Location").add_parameter("LiteralPath", str(tmp_path)).invoke()
    return shell


def run(shell: PowerShell, text: str) -> list[object]:
    return shell.clear().add_script(text).invoke()


def test_a_relative_windows_path_is_read_from_the_session_location(
    session: PowerShell, emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "car.txt").write_bytes(b"a car")
    monkeypatch.chdir(Path(tmp_path).anchor)  # the process is elsewhere: only the session's location counts
    (file,) = run(session, r"Add-OpenAIFile -File '.\images\car.txt' -Purpose assistants")
    assert file.filename == "car.txt"  # type: ignore[attr-defined]
    assert emulator.store.get_blob(file.id) == b"a car"  # type: ignore[attr-defined]


def test_out_file_is_written_under_the_session_location(
    session: PowerShell, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(tmp_path).anchor)
    run(session, "$f = Add-OpenAIFile -Content ([byte[]](104, 105)) -Name hi.txt -Purpose assistants")
    run(session, r"Get-OpenAIFileContent -FileId $f.id -OutFile 'data\graph.png'")
    assert (tmp_path / "data" / "graph.png").read_bytes() == b"hi"
    assert not session.had_errors


def test_a_windows_drive_is_drive_not_found_and_nothing_is_sent(session: PowerShell, emulator: Emulator) -> None:
    before = emulator.request_count
    run(session, r'$Image1 = Add-OpenAIFile -File "C:\images\car_photo1.jpg" -Purpose vision')
    (record,) = session.streams.error
    assert record.fully_qualified_error_id == "DriveNotFound,Add-OpenAIFile"
    assert record.message == "Cannot find drive. A drive with the name 'C' does not exist."
    assert emulator.request_count == before


def test_a_wrong_file_id_is_the_error_before_a_windows_out_file(session: PowerShell) -> None:
    # How_to_use_Assistants.md, step 6: the author's file id and folder; PSOpenAI asks first.
    run(session, r'Get-OpenAIFileContent -FileId "file-rApGDzYB4Kop2piAhFfzbrxT" -OutFile "C:\data\graph.png"')
    (record,) = session.streams.error
    assert record.fully_qualified_error_id == "PSOpenAI.APIRequest.NotFoundException,Get-OpenAIFileContent"


def test_a_good_download_to_a_windows_drive_is_drive_not_found(session: PowerShell) -> None:
    run(session, "$f = Add-OpenAIFile -Content ([byte[]](104, 105)) -Name hi.txt -Purpose assistants")
    run(session, r'Get-OpenAIFileContent -FileId $f.id -OutFile "C:\data\graph.png"')
    (record,) = session.streams.error
    assert record.fully_qualified_error_id == "DriveNotFound,Get-OpenAIFileContent"
