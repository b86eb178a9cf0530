"""Generated specs are deterministic and the committed ones match the docs."""

from __future__ import annotations

import subprocess
import sys

from psbridge.specs.generate import collect_docs, generate, render
from tests.conftest import DOCS, REPO, SPECS


def test_committed_specs_match_a_fresh_generation(tmp_path):
    written = generate([DOCS], tmp_path)
    assert len(written) == 17
    for path in written:
        committed = SPECS / path.name
        assert committed.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), (
            f"{path.name} differs: run `psbridge specs generate ../shared/cmdlet-docs --out cmdlet_specs`"
        )
    assert {p.name for p in SPECS.glob("*.yaml")} == {p.name for p in written}


def test_generation_is_deterministic():
    for doc in collect_docs([DOCS]):
        assert render(doc) == render(doc)


def test_source_md_is_not_a_cmdlet_doc():
    assert all(p.name != "SOURCE.md" for p in collect_docs([DOCS]))


def test_generate_command_line(tmp_path):
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
    assert (tmp_path / "Wait-ThreadRun.yaml").read_text() == (SPECS / "Wait-ThreadRun.yaml").read_text()
