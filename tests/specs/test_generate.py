"""Generated specs are deterministic and the committed ones match the docs."""

from __future__ import annotations

import subprocess
import sys

from psbridge.specs.generate import collect_docs, generate, render
from tests.conftest import DOCS, MODULE_DOCS, REPO, SPECS


def _committed() -> list[tuple[str, str]]:
    """(module, cmdlet) of every committed spec."""
    return sorted(
        (path.parent.name, path.stem) for path in SPECS.glob("*/*.yaml") if path.parent.name != "overlays"
    )


def test_every_committed_spec_is_in_a_known_module_folder():
    assert {module for module, _ in _committed()} <= set(MODULE_DOCS)
    assert len([name for module, name in _committed() if module == "PSOpenAI"]) >= 17


def test_committed_specs_match_a_fresh_generation(tmp_path):
    docs = [MODULE_DOCS[module] / f"{name}.md" for module, name in _committed()]
    written = generate(docs, tmp_path)
    assert len(written) == len(docs)
    for path in written:
        relative = path.relative_to(tmp_path)
        committed = SPECS / relative
        assert committed.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"{relative} differs: run `psbridge specs generate <its doc> --out cmdlet_specs`"
        )


def test_the_seventeen_are_generated_from_the_top_level_docs_too(tmp_path):
    written = generate([DOCS], tmp_path)
    assert len(written) == 17
    for path in written:
        assert path.read_text(encoding="utf-8") == (SPECS / path.relative_to(tmp_path)).read_text(encoding="utf-8")


def test_generation_is_deterministic():
    for doc in collect_docs([DOCS]):
        assert render(doc) == render(doc)


def test_source_md_is_not_a_cmdlet_doc():
    assert all(p.name != "SOURCE.md" for p in collect_docs([DOCS]))


def test_generate_command_line_writes_into_the_module_folder(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "psbridge",
            "specs",
            "generate",
            str(DOCS / "Wait-ThreadRun.md"),
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    target = tmp_path / "PSOpenAI" / "Wait-ThreadRun.yaml"
    assert result.stdout.strip() == str(target)
    assert target.read_text() == (SPECS / "PSOpenAI" / "Wait-ThreadRun.yaml").read_text()


def test_a_doc_copied_whole_from_another_is_named_by_its_file(tmp_path):
    # New-VideoRemix.md keeps New-Video's title and SYNTAX; platyPS names each file after its command.
    all_docs = MODULE_DOCS["PSOpenAI"]
    (remix,) = generate([all_docs / "New-VideoRemix.md"], tmp_path)
    assert remix.relative_to(tmp_path).as_posix() == "PSOpenAI/New-VideoRemix.yaml"
    assert "\nname: New-VideoRemix\n" in remix.read_text(encoding="utf-8")
    # A copied title alone is not enough: SYNTAX names the command (Clear-OpenAIContext.md's title is Set-).
    (clear,) = generate([all_docs / "Clear-OpenAIContext.md"], tmp_path)
    assert clear.name == "Clear-OpenAIContext.yaml"
