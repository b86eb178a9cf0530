"""``specs check`` over the docs of the Files and vector store cmdlets (../shared/cmdlet-docs/all).

Every example runs against its own emulator with real files, stores and batches
made for it; Windows paths in the docs are mapped into a temporary folder.
Each example is either ok or listed here with the error PowerShell (or psbridge)
gives -- a new failure and an example that starts passing both show up.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from psbridge.cli.check_files import FIXTURE_TEXT, map_windows_paths
from psbridge.cli.checking import ExampleResult, check_example
from psbridge.specs.markdown import parse_markdown
from tests.conftest import ALL_DOCS

DOCS = (
    "Add-OpenAIFile", "Get-OpenAIFile", "Remove-OpenAIFile", "Get-OpenAIFileContent",
    "New-VectorStore", "Get-VectorStore", "Set-VectorStore", "Remove-VectorStore",
    "Add-VectorStoreFile", "Get-VectorStoreFile", "Remove-VectorStoreFile",
    "Start-VectorStoreFileBatch", "Get-VectorStoreFileBatch", "Wait-VectorStoreFileBatch",
    "Stop-VectorStoreFileBatch", "Get-VectorStoreFileInBatch",
    "Start-Batch", "Get-Batch", "Wait-Batch", "Stop-Batch", "Get-BatchOutput",
    "New-Container", "Get-Container", "Remove-Container", "Add-ContainerFile", "Get-ContainerFile",
    "Remove-ContainerFile", "Get-ContainerFileContent",
    "Request-ImageGeneration", "Request-ImageEdit", "Request-ImageVariation",
)  # fmt: skip

#: Not doc defects: what psbridge's language cannot run yet (the check reports it as a parse error).
#: Examples the language cannot run yet: none since the compiled evaluator (type literals and
#: ``+=`` used to be gaps: ``[System.Text.Encoding]::UTF8.GetBytes(...)``, ``$BatchInputs += ...``).
LANGUAGE_GAPS: dict[tuple[str, str, int], str] = {}

#: Examples PowerShell itself refuses, with its error.
DOC_DEFECTS = {
    # `-Model 'dall-e-3' ... -Model -ResponseFormat 'url'`: "Missing an argument for parameter 'Model'.
    # Specify a parameter of type 'System.String' and try again."
    ("Request-ImageGeneration", "Example 2", 74): "MissingArgument,Request-ImageGeneration",
}


@pytest.fixture(scope="module")
def results() -> dict[tuple[str, str, int], ExampleResult]:
    found = {}
    for name in DOCS:
        path = ALL_DOCS / f"{name}.md"
        doc = parse_markdown(path.read_text(encoding="utf-8"), path=path.name)
        for example in doc.examples:
            key = (name, example.title.partition(":")[0], example.line)
            found[key] = check_example(doc.name, example, path=str(path))
    return found


def test_every_example_is_ok_or_a_known_gap(results: dict[tuple[str, str, int], ExampleResult]) -> None:
    assert len(results) == 55
    not_ok = {key: r.error_id for key, r in results.items() if r.status != "ok"}
    details = [f"{key}: {r.status} {r.error_id} {r.message}" for key, r in results.items() if r.status != "ok"]
    assert not_ok == {**LANGUAGE_GAPS, **DOC_DEFECTS}, "\n".join(details)


def test_ok_examples_talked_to_the_emulator_and_made_the_documented_objects(
    results: dict[tuple[str, str, int], ExampleResult],
) -> None:
    assert all(r.requests > 0 for r in results.values() if r.status == "ok")
    assert results[("Add-OpenAIFile", "Example 1", 51)].output == "1 PSOpenAI.File"
    assert results[("Get-VectorStoreFile", "Example 1", 49)].output == "1 PSOpenAI.VectorStore.File"
    assert results[("Wait-VectorStoreFileBatch", "Example 1", 35)].output == "1 PSOpenAI.VectorStore.FileBatch"
    assert results[("Add-VectorStoreFile", "Example 2", 43)].output == "no output; $Store = PSOpenAI.VectorStore"
    assert results[("Get-BatchOutput", "Example 1", 32)].output == "no output; $Result = System.Object[]"
    assert results[("Start-Batch", "Example 1", 54)].output == "1 PSOpenAI.Batch"
    # A container's file literals name the container's copies of the uploaded files.
    assert results[("Get-ContainerFile", "Example 1", 48)].mapping["file-abc123"].startswith("cfile_")
    # Stop-VectorStoreFileBatch -Wait: the batch made for it was still in progress, the cancel went through.
    assert results[("Stop-VectorStoreFileBatch", "Example 1", 34)].requests == 2


def test_id_literals_of_files_stores_and_batches_were_mapped(
    results: dict[tuple[str, str, int], ExampleResult],
) -> None:
    mapping = results[("Get-VectorStoreFileInBatch", "Example 1", 37)].mapping
    assert set(mapping) == {"vs_abc123", "vsfb_abc123"}
    assert mapping["vs_abc123"].startswith("vs_") and mapping["vsfb_abc123"].startswith("vsfb_")
    files = results[("New-VectorStore", "Example 1", 46)].mapping
    assert sorted(files) == ["file-abc123", "file-def456", "file-ghi789"]
    assert all(real.startswith("file-") and real != literal for literal, real in files.items())


def test_windows_paths_land_in_the_examples_own_folder(
    results: dict[tuple[str, str, int], ExampleResult], tmp_path: Path
) -> None:
    content = results[("Get-OpenAIFileContent", "Example 1", 33)]
    assert content.status == "ok" and content.mapping["C:\\file.csv"].endswith(os.path.join("C", "file.csv"))
    assert not Path("C:\\file.csv").exists()  # nothing written beside the tests
    mapping: dict[str, str] = {}
    code = map_windows_paths('Add-OpenAIFile -File "C:\\data\\in.csv"; x -OutFile D:\\out\\', tmp_path, mapping)
    assert code == f'Add-OpenAIFile -File "{tmp_path / "C" / "data" / "in.csv"}"; x -OutFile {tmp_path / "D" / "out"}'
    assert (tmp_path / "C" / "data" / "in.csv").read_text(encoding="utf-8") == FIXTURE_TEXT
    assert (tmp_path / "D" / "out").is_dir() and not any((tmp_path / "D" / "out").iterdir())  # a folder, empty
