"""Overlays add what the docs omit; every change says why; they apply cleanly."""

from __future__ import annotations

import pytest
import yaml

from psbridge.specs import ALL_SETS, OverlayError, apply_overlay, get_spec, known_cmdlets
from psbridge.specs.overlays import validate_overlay
from psbridge.specs.registry import load_spec_file
from tests.conftest import MODULE_DOCS, SPECS


@pytest.mark.parametrize(
    "path", sorted((SPECS / "overlays").glob("*/*.yaml")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_every_change_has_a_why(path):
    changes = validate_overlay(yaml.safe_load(path.read_text()), str(path))
    assert changes
    for change in changes:
        assert len(change["why"].strip()) > 20


def test_every_overlay_belongs_to_a_committed_spec_or_is_a_whole_spec_for_a_cmdlet_without_doc():
    overlay_only = []
    for path in (SPECS / "overlays").glob("*/*.yaml"):
        if path.name == "_common.yaml" or (SPECS / path.parent.name / path.name).is_file():
            continue
        data = yaml.safe_load(path.read_text())
        assert data["overlay_only"]["why"].strip(), f"{path} overlays no committed spec and says not why"
        docs = MODULE_DOCS.get(path.parent.name)
        assert docs is None or not (docs / f"{path.stem}.md").exists(), f"{path.stem} has a doc: generate it"
        overlay_only.append(path.stem)
    # Submit-ToolOutput was one until `psbridge specs from-source` could compile its param block;
    # Microsoft.PowerShell.Security's docs are not among the shared references.
    assert sorted(overlay_only) == ["ConvertFrom-SecureString", "ConvertTo-SecureString"]


def test_a_spec_compiled_from_source_gets_the_overlays_too():
    assert "Submit-ToolOutput" in known_cmdlets()
    spec = get_spec("submit-tooloutput")
    assert (spec.name, spec.module, spec.parameter_sets) == ("Submit-ToolOutput", "PSOpenAI", ("Run", "Id"))
    assert spec.parameters["Run"].ps_type_name == "PSOpenAI.Thread.Run"
    assert spec.parameters["ToolOutput"].type == "IDictionary[]"
    assert spec.parameters["ApiType"].default == "OpenAI"  # its own overlay: the value of [OpenAIApiType]::OpenAI
    # The module-wide overlay applies on top, as for generated specs.
    assert spec.parameters["ApiKey"].type == "SecureString"
    assert spec.parameters["MaxRetryCount"].validate_range == (0, 100)


def test_an_overlay_without_generated_spec_must_say_why(tmp_path):
    from psbridge.specs.registry import load_spec_file

    folder = tmp_path / "overlays" / "PSOpenAI"
    folder.mkdir(parents=True)
    path = folder / "Made-Up.yaml"
    path.write_text("cmdlet: Made-Up\nchanges:\n- why: a parameter the source declares\n  add_parameter: {name: X}\n")
    with pytest.raises(OverlayError, match="overlay_only"):
        load_spec_file(path)
    path.write_text(
        "cmdlet: Made-Up\noverlay_only: {why: no doc exists for it}\n"
        "changes:\n- why: a parameter the source declares\n  add_parameter: {name: X}\n"
    )
    assert list(load_spec_file(path).parameters) == ["X"]


@pytest.mark.parametrize("name", known_cmdlets())
def test_every_committed_spec_loads_with_its_overlays(name):
    spec = get_spec(name)
    assert spec.name == name
    if spec.default_parameter_set:
        assert spec.default_parameter_set in spec.parameter_sets


@pytest.mark.parametrize("name", ["Wait-ThreadRun", "Receive-ThreadRun"])
def test_seed_cmdlets_get_the_run_object_set(name):
    spec = get_spec(name)
    run = spec.parameters["Run"]
    assert run.ps_type_name == "PSOpenAI.Thread.Run"
    assert run.aliases == ("InputObject",)
    (info,) = run.sets.values()
    assert info.mandatory and info.position == 0 and info.value_from_pipeline
    assert ALL_SETS not in spec.parameters["RunId"].sets


def test_source_validation_is_added():
    wait = get_spec("Wait-ThreadRun")
    assert wait.parameters["MaxRetryCount"].validate_range == (0, 100)
    assert wait.parameters["PollIntervalSec"].validate_range == (0, 1000)
    assert wait.parameters["RunId"].validate_not_null_or_empty
    assert wait.parameters["ApiKey"].type == "SecureString"
    assert "secure_string" in wait.parameters["ApiKey"].transforms


def test_generated_spec_without_overlays_is_the_docs():
    plain = load_spec_file(SPECS / "PSOpenAI" / "Wait-ThreadRun.yaml", with_overlays=False)
    assert "Run" not in plain.parameters
    assert plain.parameters["ApiKey"].type == "Object"


def test_overlay_without_why_is_rejected():
    spec = load_spec_file(SPECS / "PSOpenAI" / "Wait-ThreadRun.yaml", with_overlays=False)
    with pytest.raises(OverlayError, match="why"):
        apply_overlay(spec, {"changes": [{"parameter": "RunId", "set": {"hidden": True}}]})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"why": "x" * 30, "parameter": "Nope", "set": {"hidden": True}}, "no parameter 'Nope'"),
        ({"why": "x" * 30, "parameter": "RunId", "set": {"bogus": 1}}, "unknown keys"),
        ({"why": "x" * 30, "default_parameter_set": "Missing"}, "not declared"),
        ({"why": "x" * 30, "add_parameter_set": "A", "remove_parameter": "RunId"}, "exactly one"),
    ],
)
def test_bad_overlays_fail_loudly(change, message):
    spec = load_spec_file(SPECS / "PSOpenAI" / "Wait-ThreadRun.yaml", with_overlays=False)
    with pytest.raises((OverlayError, ValueError), match=message):
        apply_overlay(spec, {"changes": [change]})


def test_import_psbridge_parses_no_yaml_and_loads_nothing_heavy():
    import subprocess
    import sys

    heavy = [
        "yaml",
        "httpx",
        "psbridge.specs",
        "psbridge.binding",
        "psbridge.cli",
        "psbridge.language",
        "psbridge.emulator",
        "psbridge.dotnet",
        "clr",
        "pythonnet",
    ]
    code = f"import sys, psbridge; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_specs_are_merged_once_and_cached():
    assert get_spec("Wait-ThreadRun") is get_spec("wait-threadrun")
