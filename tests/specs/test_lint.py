"""Lint: every doc-vs-doc inconsistency the behaviour reference lists is found."""

from __future__ import annotations

import pytest

from psbridge.specs.lint import RULES, lint_doc, lint_paths
from tests.conftest import DOCS
from tests.helpers import run_psbridge


@pytest.fixture(scope="module")
def findings():
    return lint_paths([DOCS])


def found(findings, doc, rule, text=""):
    return [f for f in findings if f.path.endswith(doc) and f.rule == rule and text in f.message]


def test_wait_thread_run_position_collision_and_duplicate_titles(findings):
    (collision,) = found(findings, "Wait-ThreadRun.md", "PSL001")
    assert "-RunId and -ThreadId both have Position 0" in collision.message
    assert collision.line == 69
    assert found(findings, "Wait-ThreadRun.md", "PSL010", "Example 1")


def test_start_thread_run_inconsistencies(findings):
    doc = "Start-ThreadRun.md"
    implicit = {f.message.split(":")[0] for f in found(findings, doc, "PSL012")}
    assert implicit == {
        "-ThreadId",
        "-AdditionalInstructions",
        "-Include",
        "-FileIdsForCodeInterpreter",
        "-VectorStoresForFileSearch",
        "-JsonSchema",
        "-Message",
        "-Images",
        "-ImageDetail",
        "-Role",
    }
    assert found(findings, doc, "PSL003", "-FileIdsForFileSearch")
    assert found(findings, doc, "PSL003", "-FileId ")
    assert found(findings, doc, "PSL013", "last_messages")
    assert found(findings, doc, "PSL004", "-ApiKey")


def test_get_thread_run_step_sets(findings):
    doc = "Get-ThreadRunStep.md"
    assert found(findings, doc, "PSL015", "-ThreadId")
    assert found(findings, doc, "PSL011", "-All: parameter set 'ListAll'")
    assert found(findings, doc, "PSL011", "-Order: parameter set 'ListAll'")


def test_remove_thread_message_syntax_only_parameters(findings):
    names = {f.message.split()[0] for f in found(findings, "Remove-ThreadMessage.md", "PSL002")}
    assert names == {"-AdditionalQuery", "-AdditionalHeaders", "-AdditionalBody"}


def test_set_assistant_functions_without_type(findings):
    assert found(findings, "Set-Assistant.md", "PSL004", "-Functions: SYNTAX shows a switch")


def test_type_spellings_are_warnings(findings):
    spelling = found(findings, "Get-Thread.md", "PSL005")
    assert {f.severity for f in spelling} == {"warning"}
    assert any("'Uri' in SYNTAX and 'System.Uri'" in f.message for f in spelling)
    assert any("-ApiKey" in f.message for f in found(findings, "Get-Thread.md", "PSL004"))


def test_every_finding_has_a_line_and_known_rule(findings):
    assert findings
    for finding in findings:
        assert finding.rule in RULES and finding.line > 0
        assert finding.format().startswith(f"{finding.path}:{finding.line}: ")


DOC = """# Get-X
## SYNTAX
```
Get-X [-A] <String> [-B] <String> [-S] [-V <String>] [-T <Int32>] [-Q <String>] [<CommonParameters>]
```
## EXAMPLES
### One
```powershell
Get-X a
```
### One
```powershell
Get-X b
```
## PARAMETERS
### -A
```yaml
Type: String
Aliases: z
Required: True
Position: 0
```
### -B
```yaml
Type: String
Aliases: z
Required: False
Position: 0
```
### -S
```yaml
Type: SwitchParameter
Required: True
Position: Named
```
### -V
```yaml
Type: String
Accepted values: x, y
Required: False
Position: 1
Default value: w
```
### -T
```yaml
Type: String
Required: False
Position: Named
```
### -Extra
```yaml
Type: String
Parameter Sets: Nowhere
Required: False
Position: Named
```
### -Other
```yaml
Type: String
Required: False
Position: Named
```
"""


def test_each_rule_on_a_synthetic_doc():
    rules = {f.rule for f in lint_doc(DOC, "x.md")}
    assert {
        "PSL001",
        "PSL002",
        "PSL003",
        "PSL004",
        "PSL006",
        "PSL007",
        "PSL008",
        "PSL009",
        "PSL010",
        "PSL011",
        "PSL013",
    } <= rules


def test_a_clean_doc_has_no_findings():
    clean = (
        "# Get-X\n## SYNTAX\n```\nGet-X [-A] <String> [<CommonParameters>]\n```\n## PARAMETERS\n### -A\n"
        "```yaml\nType: String\nRequired: True\nPosition: 0\n```\n"
    )
    assert lint_doc(clean, "Get-X.md") == []


def run_cli(*args):
    return run_psbridge("specs", "lint", *args)


def test_cli_exit_codes(tmp_path):
    failing = run_cli(str(DOCS / "Wait-ThreadRun.md"))
    assert failing.returncode == 1
    assert "Wait-ThreadRun.md:69: error PSL001 position-collision" in failing.stdout
    clean = tmp_path / "Get-X.md"
    clean.write_text(
        "# Get-X\n## SYNTAX\n```\nGet-X [-A] <String>\n```\n## PARAMETERS\n### -A\n```yaml\nType: String\n"
        "Required: True\nPosition: 0\n```\n"
    )
    assert run_cli(str(clean)).returncode == 0
    assert run_cli(str(tmp_path / "missing.md")).returncode == 2
