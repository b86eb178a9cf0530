"""The doc parser: every doc of the module parses, and the rules that decide between
SYNTAX and YAML give bindable metadata."""

from __future__ import annotations

import pytest

from psbridge.specs import ALL_SETS, from_markdown
from psbridge.specs.lint import lint_doc
from psbridge.specs.markdown import parse_markdown, parse_syntax_block
from tests.conftest import ALL_DOCS, DOCS


def load(name: str):
    return from_markdown((DOCS / f"{name}.md").read_text(encoding="utf-8"), path=f"{name}.md")


@pytest.mark.parametrize("path", sorted(ALL_DOCS.glob("*.md")), ids=lambda p: p.name)
def test_every_doc_of_the_module_parses(path):
    text = path.read_text(encoding="utf-8")
    spec = from_markdown(text, path=path.name)
    if spec.name != path.stem:  # a doc defect (a copied title); lint must report it
        assert any(f.rule == "PSL017" for f in lint_doc(text, path.name))
    for parameter in spec.parameters.values():
        assert parameter.sets, parameter.name


def test_syntax_block_brackets_carry_the_meaning():
    parsed = parse_syntax_block(
        "Get-X [-A] <String> [[-B] <Int32>] -C <Object[]> [-D <Uri>] [-Sw] -Must [<CommonParameters>]"
    )
    shape = {p.name: (p.type, p.positional, p.mandatory) for p in parsed}
    assert shape == {
        "A": ("String", True, True),
        "B": ("Int32", True, False),
        "C": ("Object[]", False, True),
        "D": ("Uri", False, False),
        "Sw": (None, False, False),
        "Must": (None, False, True),
    }


def test_syntax_blocks_in_order_with_default_marker():
    text = (
        "# Get-X\n## SYNTAX\n### List (Default)\n```\nGet-X [-All]\n```\n### Get\n```\nGet-X [-Id] <String>\n```\n"
        "## PARAMETERS\n### -All\n```yaml\nType: SwitchParameter\nParameter Sets: List\nRequired: False\n"
        "Position: Named\n```\n### -Id\n```yaml\nType: String\nParameter Sets: Get\nRequired: True\nPosition: 0\n```\n"
    )
    spec = from_markdown(text)
    assert spec.parameter_sets == ("List", "Get")
    assert spec.default_parameter_set == "List"
    assert spec.parameters["Id"].sets["Get"].position == 0


def test_wait_thread_run_positions_follow_the_syntax_block_order():
    # The doc gives RunId and ThreadId both Position 0; SYNTAX lists RunId first.
    spec = load("Wait-ThreadRun")
    assert spec.parameters["RunId"].sets[ALL_SETS].position == 0
    assert spec.parameters["ThreadId"].sets[ALL_SETS].position == 1
    assert spec.parameters["PollIntervalSec"].type == "Single"
    assert spec.parameters["StatusForWait"].default == "queued, in_progress"


def test_start_thread_run_membership_comes_from_syntax_when_yaml_names_no_set():
    spec = load("Start-ThreadRun")
    assert set(spec.parameters["ThreadId"].sets) == {"Run"}
    assert spec.parameters["ThreadId"].sets["Run"].mandatory
    assert set(spec.parameters["Message"].sets) == {"ThreadAndRun"}
    assert spec.parameters["Message"].sets["ThreadAndRun"].mandatory
    assert ALL_SETS in spec.parameters["Assistant"].sets
    # Parameters no SYNTAX block shows keep what their YAML says (all sets).
    assert ALL_SETS in spec.parameters["FileIdsForFileSearch"].sets


def test_get_thread_run_step_syntax_decides_membership_over_yaml():
    spec = load("Get-ThreadRunStep")
    # YAML says "Parameter Sets: Get" but SYNTAX shows ThreadId in Get and List.
    assert ALL_SETS in spec.parameters["ThreadId"].sets
    # YAML says "ListAll", a set no SYNTAX block has; SYNTAX shows -All in List.
    assert set(spec.parameters["All"].sets) == {"List"}


def test_several_yaml_blocks_of_one_parameter_are_merged():
    text = (
        "# Get-X\n## SYNTAX\n### A\n```\nGet-X [-P] <String>\n```\n### B\n```\nGet-X -P <String>\n```\n"
        "## PARAMETERS\n### -P\n```yaml\nType: String\nParameter Sets: A\nAliases: pp\nRequired: True\n"
        "Position: 0\nAccept pipeline input: True (ByValue)\n```\n\n```yaml\nType: String\nParameter Sets: B\n"
        "Aliases: pp\nRequired: True\nPosition: Named\nAccept pipeline input: True (ByPropertyName)\n```\n"
    )
    parameter = from_markdown(text).parameters["P"]
    assert parameter.aliases == ("pp",)
    assert parameter.sets["A"].position == 0 and parameter.sets["A"].value_from_pipeline
    assert parameter.sets["B"].position is None and parameter.sets["B"].value_from_pipeline_by_property_name


def test_required_when_using_a_named_set():
    text = (
        "# Get-X\n## SYNTAX\n### Get\n```\nGet-X -Id <String>\n```\n### List\n```\nGet-X [-Id <String>]\n```\n"
        "## PARAMETERS\n### -Id\n```yaml\nType: String\nParameter Sets: (All)\n"
        "Required: True (when using 'Get' parameter set)\nPosition: Named\n```\n"
    )
    parameter = from_markdown(text).parameters["Id"]
    assert parameter.sets["Get"].mandatory and not parameter.sets["List"].mandatory


@pytest.mark.parametrize(
    ("written", "normalized"),
    [
        ("string", "String"),
        ("Float", "Single"),
        ("System.Uri", "Uri"),
        ("double", "Double"),
        ("System.Collections.IDictionary[]", "IDictionary[]"),
        ("Switch", "SwitchParameter"),
        ("object[]", "Object[]"),
    ],
)
def test_type_names_are_normalized(written, normalized):
    from psbridge.specs import normalize_type

    assert normalize_type(written) == normalized


def test_examples_and_synopsis_are_read():
    doc = parse_markdown((DOCS / "Wait-ThreadRun.md").read_text(encoding="utf-8"))
    assert doc.synopsis == "Waits until the run is completed."
    assert [e.title for e in doc.examples] == ["Example 1", "Example 1"]
    assert doc.examples[0].code.startswith("PS C:\\> $Thread | Start-ThreadRun | Wait-ThreadRun")
    assert "Start a run" in doc.examples[0].text


def test_odd_input_never_raises():
    for text in ["", "---\n", "# X\n## SYNTAX\n```\n", "## PARAMETERS\n### -\n```yaml\n:::\n```", "\x00\r\n"]:
        from_markdown(text)


def test_front_matter_names_the_module_even_behind_a_byte_order_mark():
    text = (
        "\ufeff---\ndocument type: cmdlet\nModule Name: Microsoft.PowerShell.Utility\n"
        "aliases:\n  - x\n---\n\n# Write-Host\n"
    )
    doc = parse_markdown(text)
    assert doc.module == "Microsoft.PowerShell.Utility"
    assert doc.front_matter["document type"] == "cmdlet"
    assert "  - x" not in doc.front_matter and doc.name == "Write-Host"


def test_a_doc_without_front_matter_has_no_module():
    assert parse_markdown("# Get-Thing\n").module is None


def test_outputs_headings_are_read_and_empty_outputs_stay_empty():
    assert load("Get-ThreadRun").outputs == ("PSCustomObject",)
    assert load("Stop-ThreadRun").outputs == ()


def test_colliding_positions_can_be_kept_as_written():
    from psbridge.specs.build import build_spec

    doc = parse_markdown((DOCS / "Wait-ThreadRun.md").read_text(encoding="utf-8"))
    written = build_spec(doc, resolve_collisions=False)
    assert written.parameters["ThreadId"].sets[ALL_SETS].position == 0
    assert build_spec(doc).parameters["ThreadId"].sets[ALL_SETS].position == 1
