"""``psbridge specs diff DOCS SOURCE``: formats, exit codes, unreadable files (source given as specs)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from psbridge.cli import main as cli_main
from tests.conftest import DOCS, SPECS
from tests.helpers import run_psbridge

DOC = """---
Module Name: Demo
---
# Get-Thing

## SYNOPSIS
Gets things.

## SYNTAX

```
Get-Thing [-Id] <String> [-Mode <String>] [<CommonParameters>]
```

## PARAMETERS

### -Id
The id.

```yaml
Type: String
Aliases: thing_id
Required: True
Position: 0
Default value: None
Accept pipeline input: False
```

### -Mode
How.

```yaml
Type: String
Accepted values: fast, slow
Required: False
Position: Named
Default value: fast
Accept pipeline input: False
```
"""

SOURCE = """name: Get-Thing
parameters:
- name: Id
  type: String
  aliases: [thing_id, InputObject]
  sets:
    __AllParameterSets: {mandatory: true, position: 0}
- name: Mode
  type: String
  accepted_values: [fast, slow]
  default: "'fast'"
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    doc = tmp_path / "docs" / "Get-Thing.md"
    doc.parent.mkdir()
    doc.write_text(DOC, encoding="utf-8")
    source = tmp_path / "specs" / "Get-Thing.yaml"
    source.parent.mkdir()
    source.write_text(SOURCE, encoding="utf-8")
    return doc, source


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    def run(*args: str) -> tuple[int, str, str]:
        code = cli_main(["specs", "diff", *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_text_report_and_fail_on(files, cli):
    doc, source = files
    code, out, _ = cli(str(doc.parent), str(source))
    lines = out.splitlines()
    assert lines[0] == (
        "Get-Thing.md: warning PSD051 alias-undocumented: Get-Thing -Id: docs Aliases: thing_id | "
        "source [Alias('thing_id', 'InputObject')] (undocumented alias InputObject)"
    )
    assert lines[-1] == "1 commands: 0 errors, 1 warnings, 0 info"
    assert code == 0  # only a warning: --fail-on error (the default) passes
    assert cli(str(doc), str(source), "--fail-on", "warning")[0] == 1


def test_an_error_fails_the_run(files, cli):
    doc, source = files
    source.write_text(SOURCE.replace("position: 0", "position: 1").replace("thing_id, ", ""), encoding="utf-8")
    code, out, _ = cli(str(doc), str(source))
    assert code == 1
    assert "error PSD050 alias-not-in-source: Get-Thing -Id" in out
    assert "warning PSD041 position-number: Get-Thing -Id: docs Position 0 | source Position 1" in out


def test_json_and_markdown(files, cli, tmp_path):
    doc, source = files
    _, out, err = cli(str(doc), str(source), "--format", "json")
    data = json.loads(out)
    assert data["summary"] == {"error": 0, "warning": 1, "info": 0, "commands": 1, "problems": 0}
    (command,) = data["commands"]
    assert command["name"] == "Get-Thing" and command["docs"].endswith("Get-Thing.md")
    assert command["differences"][0] | {} == {
        "rule": "PSD051",
        "name": "alias-undocumented",
        "severity": "warning",
        "cmdlet": "Get-Thing",
        "parameter": "Id",
        "parameter_set": None,
        "docs": "Aliases: thing_id",
        "source": "[Alias('thing_id', 'InputObject')]",
        "message": "undocumented alias InputObject",
    }
    assert err.strip() == "1 commands: 0 errors, 1 warnings, 0 info"
    report = tmp_path / "report.md"
    assert cli(str(doc), str(source), "--format", "markdown", "--out", str(report)) == (0, "", err)
    text = report.read_text(encoding="utf-8")
    assert "| PSD051 | alias-undocumented | warning | 1 | 1 |" in text
    assert "| Get-Thing | 0 | 1 | 0 |" in text


def test_a_doc_without_source_and_a_spec_without_doc(files, cli, tmp_path):
    doc, source = files
    other = source.parent / "Set-Thing.yaml"
    other.write_text("name: Set-Thing\nparameters: []\n", encoding="utf-8")
    lonely = doc.parent / "Remove-Thing.md"
    lonely.write_text(DOC.replace("Get-Thing", "Remove-Thing"), encoding="utf-8")
    code, out, _ = cli(str(doc.parent), str(source.parent))
    assert code == 1
    assert "Remove-Thing.md: error PSD002 cmdlet-not-in-source: Remove-Thing" in out
    assert "Set-Thing.yaml: error PSD001 cmdlet-undocumented: Set-Thing" in out
    # A command of a module the docs do not document is not theirs to document.
    (source.parent / "Get-Other.yaml").write_text("name: Get-Other\nmodule: Other\nparameters: []\n", encoding="utf-8")
    assert "Get-Other" not in cli(str(doc.parent), str(source.parent))[1]


def test_unreadable_files_are_reported_not_raised(files, cli):
    doc, source = files
    (doc.parent / "Broken.md").write_bytes(b"# Broken\n\xff\xfe\x00 not utf-8")
    (source.parent / "Broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    code, out, _ = cli(str(doc.parent), str(source.parent))
    assert code == 1
    assert "Broken.md: error could not read:" in out
    assert "Broken.yaml: error could not read: ParserError: while parsing a flow sequence in" in out
    assert "Traceback" not in out


def test_usage_errors(cli, tmp_path):
    code, _, err = cli(str(tmp_path / "nope"), str(tmp_path))
    assert code == 2 and "no such file or folder" in err
    assert cli(str(tmp_path))[0] == 2  # SOURCE missing


def test_docs_against_the_committed_specs_show_what_the_overlays_add(cli):
    # The overlays add Wait-ThreadRun's Run set and move -ThreadId to Position 1 (reference 5.1 items 1, 4).
    code, out, _ = cli(str(DOCS / "Wait-ThreadRun.md"), str(SPECS))
    assert code == 1
    assert "error PSD010 parameter-set-undocumented: Wait-ThreadRun [Run]" in out
    assert "error PSD040 position-order: Wait-ThreadRun -ThreadId: docs Position 0 | source Position 1" in out
    assert (
        "info PSD080 validation-undocumented: Wait-ThreadRun -PollIntervalSec: docs not stated | source "
        "[ValidateRange(0, 1000)]" in out
    )


def test_the_installed_command(files):
    doc, source = files
    result = run_psbridge("specs", "diff", str(doc), str(source), "--fail-on", "warning")
    assert result.returncode == 1
    assert "PSD051" in result.stdout and result.stderr == ""


def test_a_doc_copied_from_another_is_paired_by_its_file_name(files, cli):
    # New-VideoRemix.md keeps New-Video's title and SYNTAX; platyPS names the file after the command.
    doc, source = files
    doc.rename(doc.with_name("Set-Thing.md"))
    source.write_text(SOURCE.replace("Get-Thing", "Set-Thing"), encoding="utf-8")
    code, out, _ = cli(str(doc.parent), str(source))
    assert code == 0
    assert out.splitlines()[0] == (
        "Set-Thing.md: warning PSD004 doc-names-another-command: Set-Thing: docs # Get-Thing (title and SYNTAX) | "
        "source function Set-Thing (the doc is Set-Thing's by its file name; diffed against function Set-Thing)"
    )
    assert "PSD002" not in out and "PSD001" not in out
