"""The merged specs beside the YAML (cmdlet_specs/<Module>/<Name>.json) are exactly the YAML + overlays.

The registry loads the JSON so that binding needs no YAML parser; these tests
regenerate every one from the YAML and the overlays and fail on any difference,
so an overlay edited without ``psbridge specs merge`` cannot go unnoticed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from psbridge.specs.merged import load_merged, merged_path, merged_text, write_merged
from psbridge.specs.registry import load_spec_file, spec_paths
from psbridge.specs.serialize import spec_to_data
from tests.conftest import REPO, SPECS

FIX = "run `psbridge specs merge` (or `python -m psbridge specs merge`) and commit the JSON it writes"


def test_every_spec_has_its_merged_json_and_it_is_current() -> None:
    stale = []
    for spec_path in spec_paths(SPECS):
        target = merged_path(spec_path)
        expected = merged_text(load_spec_file(spec_path))
        if not target.is_file() or target.read_text(encoding="utf-8") != expected:
            stale.append(str(target.relative_to(REPO)))
    assert not stale, f"merged specs missing or out of date: {stale}; {FIX}"


def test_no_merged_json_without_its_spec() -> None:
    wanted = {merged_path(path) for path in spec_paths(SPECS)}
    orphans = [
        str(p.relative_to(REPO)) for p in SPECS.glob("*/*.json") if p.parent.name != "overlays" and p not in wanted
    ]
    assert not orphans, f"merged specs whose YAML is gone: {orphans}; {FIX}"


def test_the_merged_spec_loads_as_the_same_spec() -> None:
    for spec_path in spec_paths(SPECS):
        merged = load_merged(merged_path(spec_path))
        assert merged is not None
        assert spec_to_data(merged) == spec_to_data(load_spec_file(spec_path)), spec_path.name


def test_binding_a_committed_cmdlet_imports_no_yaml() -> None:
    code = "import sys, psbridge\npsbridge.bind('Wait-ThreadRun', 'r', 't')\nprint('yaml' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert result.stdout.strip() == "False"


def test_write_merged_fills_in_updates_and_removes(tmp_path: Path) -> None:
    root = tmp_path / "cmdlet_specs"
    shutil.copytree(SPECS, root)
    target = root / "PSOpenAI" / "Wait-ThreadRun.json"
    target.unlink()
    (root / "PSOpenAI" / "Get-Thread.json").write_text("{}", encoding="utf-8")
    (root / "PSOpenAI" / "Gone-Cmdlet.json").write_text("{}", encoding="utf-8")
    written = write_merged(root)
    assert {p.name for p in written} == {"Wait-ThreadRun.json", "Get-Thread.json", "Gone-Cmdlet.json"}
    assert target.is_file() and not (root / "PSOpenAI" / "Gone-Cmdlet.json").exists()
    assert write_merged(root) == []


def test_a_spec_without_its_json_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from psbridge.specs import registry

    root = tmp_path / "cmdlet_specs"
    shutil.copytree(SPECS, root)
    (root / "PSOpenAI" / "Wait-ThreadRun.json").unlink()
    monkeypatch.setenv("PSBRIDGE_SPECS_DIR", str(root))
    registry._index.cache_clear()
    registry._load.cache_clear()
    try:
        spec = registry.get_spec("Wait-ThreadRun")
        assert "Run" in spec.parameters and spec.parameters["Run"].aliases == ("InputObject",)
    finally:
        monkeypatch.delenv("PSBRIDGE_SPECS_DIR")
        registry._index.cache_clear()
        registry._load.cache_clear()
