"""Get-FileHash and Rename-Item on real temporary files, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/Get-FileHash.Tests.ps1,
test/powershell/Modules/Microsoft.PowerShell.Management/Rename-Item.Tests.ps1) and the behaviour of
GetFileHashCommand, RenameItemCommand and FileSystemProvider.RenameItem."""

from __future__ import annotations

import hashlib
import io
import os
import tracemalloc

import pytest

import psbridge
from psbridge.formatting import out_string
from tests.helpers import run_psbridge
from tests.language.evaluator_helpers import Session

HASHES = {
    "SHA1": "0c483659b1f2d5a8f116211de8f58bf45893cffb",
    "SHA256": "41620f6c9f3531722efe90aed9abbc1d1b31788aa9141982030d3dde199f770c",
    "SHA384": "ec4c4d4f0b2a79f216118c5a5059b8ce061097ba9161be5890c098aaeb5db169c13dae0a6f855c9a589cd11df47d0c87",
    "SHA512": "6aba8ba8b619100a6829beb940d9d77e4a8197fdcac2d0fe5ad6c2758dacc5a59774195fd8a7a92780b7582a966b81ca0c1576c0044c5af7be20f5ccf425bd76",  # noqa: E501
    "MD5": "f9d78bd059ab162bea21eb02badde001",
}


@pytest.fixture
def document(tmp_path):
    # Get-FileHash.Tests.ps1:5-9: "Get-Module`n" in UTF-8 without a BOM
    path = tmp_path / "hashable.txt"
    path.write_bytes(b"Get-Module\n")
    return path


def session_in(folder) -> Session:
    session = Session()
    session.run(f"Set-Location -LiteralPath '{folder}'")
    return session


# -- Get-FileHash.Tests.ps1 -----------------------------------------------------------------------


def test_default_algorithm_hash_and_path(document) -> None:
    # Get-FileHash.Tests.ps1:19-24
    (result,) = Session().run(f"Get-FileHash '{document}'")
    assert result.Algorithm == "SHA256"
    assert result.Hash == HASHES["SHA256"].upper()  # Convert.ToHexString: upper case
    assert result.Path == str(document)
    assert result.pstypenames[0] == "Microsoft.PowerShell.Commands.FileHashInfo"


def test_a_folder_is_a_non_terminating_error(document, tmp_path) -> None:
    # Get-FileHash.Tests.ps1:26-30
    session = Session()
    out = session.run(
        f"$result = '{tmp_path}', '{document}' | Get-FileHash -ErrorVariable errorVariable "
        "-ErrorAction SilentlyContinue; $result.Count; $errorVariable.FullyQualifiedErrorId"
    )
    assert out == [1, "UnauthorizedAccessError,Microsoft.PowerShell.Commands.GetFileHashCommand"]


@pytest.mark.parametrize("algorithm", ["sHA1", "SHA256", "SHA384", "SHA512", "MD5"])
def test_each_algorithm_in_any_case(document, algorithm) -> None:
    # Get-FileHash.Tests.ps1:40-54 ("sHA1" checks that the name is taken in any case)
    (result,) = Session().run(f"Get-FileHash '{document}' -Algorithm {algorithm}")
    assert result.Hash.lower() == HASHES[algorithm.upper()]
    assert result.Algorithm == algorithm.upper()


def test_wrong_algorithm_name(document) -> None:
    # Get-FileHash.Tests.ps1:56-58
    session = Session()
    session.run(f"Get-FileHash '{document}' -Algorithm wrongAlgorithm")
    assert session.error_ids == ["ParameterArgumentValidationError,Microsoft.PowerShell.Commands.GetFileHashCommand"]


@pytest.mark.parametrize(("line", "parameter"), [(62, "Path"), (66, "LiteralPath")])
def test_missing_file(tmp_path, line, parameter) -> None:
    # Get-FileHash.Tests.ps1:<line>: -ErrorAction Stop throws FileNotFound
    session = session_in(tmp_path)
    out = session.run(
        f"try {{ Get-FileHash -{parameter} nofileexist.ttt -ErrorAction Stop }} catch {{ $_.FullyQualifiedErrorId }}"
    )
    assert out == ["FileNotFound,Microsoft.PowerShell.Commands.GetFileHashCommand"]


@pytest.mark.parametrize(("line", "parameter"), [(70, "Path"), (75, "LiteralPath")])
def test_existing_file(document, line, parameter) -> None:
    # Get-FileHash.Tests.ps1:<line>
    (result,) = Session().run(f"Get-FileHash -{parameter} '{document}'")
    assert result.Path == str(document)


def test_file_is_closed_before_the_output_and_rename_item_takes_it(document, tmp_path) -> None:
    # Get-FileHash.Tests.ps1:81-94: -NewName {$_.Hash} is a delay-bind script block
    copy = tmp_path / "hashable.txt-copy"
    session = Session()
    session.run(f"Copy-Item -Path '{document}' -Destination '{copy}'")
    (renamed,) = session.run(f"Get-FileHash -Path '{copy}' | Rename-Item -NewName {{$_.Hash}} -PassThru")
    assert renamed.FullName == str(tmp_path / HASHES["SHA256"].upper())
    assert os.path.exists(renamed.FullName) and not copy.exists()


def test_paths_wildcards_literal_brackets_and_pipeline_by_property(tmp_path) -> None:
    (tmp_path / "a.txt").write_bytes(b"a")
    (tmp_path / "b.txt").write_bytes(b"b")
    (tmp_path / "[x].txt").write_bytes(b"x")
    session = session_in(tmp_path)
    assert [r.Path for r in session.run("Get-FileHash *.txt")] == [
        str(tmp_path / name) for name in ("[x].txt", "a.txt", "b.txt")
    ]
    assert session.run("(Get-FileHash -LiteralPath '[x].txt').Hash") == [hashlib.sha256(b"x").hexdigest().upper()]
    assert session.run("(Get-ChildItem a.txt | Get-FileHash -Algorithm MD5).Hash") == [
        hashlib.md5(b"a").hexdigest().upper()
    ]
    assert session.run("Get-FileHash nomatch*") == [] and session.error_ids == []


def test_input_stream_from_python_is_hashed_with_an_empty_path() -> None:
    (result,) = psbridge.invoke("Get-FileHash", InputStream=io.BytesIO(b"stream data"), Algorithm="SHA1")
    assert (result.Algorithm, result.Hash, result.Path) == (
        "SHA1",
        hashlib.sha1(b"stream data").hexdigest().upper(),
        "",
    )
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Get-FileHash", InputStream="not a stream")
    assert caught.value.error_record.fully_qualified_error_id.startswith("CannotConvertArgumentNoMessage")


def test_a_large_file_is_streamed_not_read_whole(tmp_path) -> None:
    big = tmp_path / "big.bin"
    chunk = os.urandom(1 << 20)
    with open(big, "wb") as stream:
        for _ in range(24):
            stream.write(chunk)
    expected = hashlib.sha256(chunk * 24).hexdigest().upper()
    tracemalloc.start()
    try:
        (result,) = psbridge.invoke("Get-FileHash", str(big))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.Hash == expected
    assert peak < 4 << 20  # a 24 MiB file, read 64 KiB at a time


def test_printed_as_pwsh_prints_file_hash_info(document) -> None:
    (result,) = psbridge.invoke("Get-FileHash", str(document))
    lines = out_string([result], 200).splitlines()
    assert lines[1] == "Algorithm       Hash" + " " * 67 + "Path"
    assert lines[2] == "---------       ----" + " " * 67 + "----"
    assert lines[3] == f"SHA256          {HASHES['SHA256'].upper()}       {document}"
    cli = run_psbridge("-Command", f"Get-FileHash '{document}' -Algorithm MD5")
    assert cli.returncode == 0 and f"MD5             {HASHES['MD5'].upper()}" in cli.stdout


# -- Rename-Item.Tests.ps1 ------------------------------------------------------------------------


@pytest.fixture
def drive(tmp_path):
    # Rename-Item.Tests.ps1:4-14
    (tmp_path / "originalFile.txt").write_text("This is content")
    (tmp_path / "[orig-file].txt").write_text("This is not content")
    (tmp_path / "[test-dir]").mkdir()
    return tmp_path


def test_rename_a_file(drive) -> None:
    # Rename-Item.Tests.ps1:15-20
    source, target = drive / "originalFile.txt", drive / "ItemWhichHasBeenRenamed.txt"
    assert Session().run(f"Rename-Item '{source}' '{target}'") == []
    assert not source.exists() and target.read_text() == "This is content"


def test_rename_a_file_whose_path_has_special_characters(drive) -> None:
    # Rename-Item.Tests.ps1:21-26
    Session().run(f"Rename-Item '{drive}/`[orig-file`].txt' 'ItemWhichHasBeen[Renamed].txt'")
    assert not (drive / "[orig-file].txt").exists()
    assert (drive / "ItemWhichHasBeen[Renamed].txt").read_text() == "This is not content"


@pytest.mark.parametrize(
    ("line", "command", "old", "new"),
    [
        (27, "Rename-Item -Path '`[orig`]file.txt' '[renamed]file.txt'", "[orig]file.txt", "[renamed]file.txt"),
        (
            42,
            "Rename-Item -LiteralPath '[orig]file2.txt' '[renamed]file2.txt'",
            "[orig]file2.txt",
            "[renamed]file2.txt",
        ),
    ],
)
def test_rename_when_the_location_has_special_characters(drive, line, command, old, new) -> None:
    # Rename-Item.Tests.ps1:<line>: In $wdSp { New-Item -Name ...; Rename-Item ... }
    session = Session()
    session.run(
        f"Push-Location -LiteralPath '{drive / '[test-dir]'}'; $null = New-Item -Name '{old}' -ItemType File "
        f"-Value 'This is content' -Force; {command}; Pop-Location"
    )
    assert session.error_ids == []
    assert not (drive / "[test-dir]" / old).exists()
    assert (drive / "[test-dir]" / new).read_text() == "This is content"


def test_an_existing_target_is_never_replaced(drive) -> None:
    (drive / "taken.txt").write_text("keep me")
    session = session_in(drive)
    session.run("Rename-Item originalFile.txt taken.txt")
    (record,) = session.errors
    assert record.fully_qualified_error_id == "RenameItemIOError,Microsoft.PowerShell.Commands.RenameItemCommand"
    assert str(record.exception) == f"The file '{drive / 'taken.txt'}' already exists."
    assert record.category == "WriteError" and record.target_object == str(drive / "originalFile.txt")
    assert (drive / "taken.txt").read_text() == "keep me" and (drive / "originalFile.txt").exists()
    session.run("Rename-Item originalFile.txt '[test-dir]' -Force")  # -Force does not replace either
    assert (drive / "originalFile.txt").exists()
    (drive / "other-dir").mkdir()
    session.run("Rename-Item other-dir '[test-dir]'")
    assert str(session.errors[-1].exception) == (
        f"Cannot create '{drive / '[test-dir]'}' because a file or directory with the same name already exists."
    )


def test_missing_items_path_new_names_and_the_location(drive) -> None:
    session = session_in(drive)
    session.run("Rename-Item nope.txt z.txt")
    session.run("Rename-Item -LiteralPath nope.txt z.txt")
    session.run("Rename-Item *.nomatch z.txt")
    ids = [record.fully_qualified_error_id.split(",")[0] for record in session.errors]
    messages = [str(record.exception) for record in session.errors]
    assert ids == ["PathNotFound", "InvalidOperation", "InvalidOperation"]
    assert messages == [
        f"Cannot find path '{drive / 'nope.txt'}' because it does not exist.",
        "Cannot rename because item at 'nope.txt' does not exist.",
        "Cannot rename because item at '*.nomatch' does not exist.",
    ]
    # A path for -NewName is refused (terminating: the statement stops), unless it is the item's own folder
    out = session.run("try { Rename-Item originalFile.txt sub/x.txt; 'not here' } catch { $_.FullyQualifiedErrorId }")
    assert out == ["Argument,Microsoft.PowerShell.Commands.RenameItemCommand"]
    assert session.run(f"(Rename-Item originalFile.txt '{drive}/moved.txt' -PassThru).Name") == ["moved.txt"]
    assert session.run("(Rename-Item moved.txt ./again.txt -PassThru).FullName") == [str(drive / "again.txt")]
    # the location (or a folder holding it) is in use
    session.run("Set-Location -LiteralPath '[test-dir]'; Rename-Item -LiteralPath $PWD.Path other")
    in_use = f"Cannot rename the item at '{drive / '[test-dir]'}' because it is in use."
    assert str(session.errors[-1].exception) == in_use
    assert (drive / "[test-dir]").is_dir()


def test_pass_thru_whatif_directories_and_pipeline_input(drive) -> None:
    session = session_in(drive)
    (item,) = session.run("Rename-Item -LiteralPath '[test-dir]' plain-dir -PassThru")
    assert item.pstypenames[0] == "System.IO.DirectoryInfo" and item.Name == "plain-dir"
    assert session.run("Rename-Item plain-dir x -WhatIf") == [] and (drive / "plain-dir").is_dir()
    assert session.run("Get-Item originalFile.txt | Rename-Item -NewName piped.txt -PassThru | % Name") == ["piped.txt"]
    assert session.run("Rename-Item piped.txt piped.txt -PassThru | % Name") == ["piped.txt"]  # the same name
    assert session.error_ids == []
