"""``psbridge parse FILE [--json]``: the tree for people and for tools, or the errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

from psbridge.cli import main
from psbridge.cli.parse_command import main as parse_main
from tests.helpers import run_psbridge


def run(args: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = parse_main(args, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_outline_of_a_script(tmp_path: Path) -> None:
    script = tmp_path / "s.ps1"
    script.write_text("function Get-X { param([int]$a) $a + 1 }\n", encoding="utf-8")
    code, out, err = run([str(script)])
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("ScriptBlockAst @1:1")
    assert any(line.strip().startswith("FunctionDefinitionAst @1:1 name=Get-X") for line in lines)
    assert any("BinaryExpressionAst" in line and "operator=Plus" in line for line in lines)


def test_json_tree_with_powershell_property_names(tmp_path: Path) -> None:
    script = tmp_path / "s.ps1"
    script.write_bytes(b"\xff\xfe" + "$x = 'caf\u00e9'".encode("utf-16-le"))  # UTF-16 with a byte-order mark
    code, out, _ = run([str(script), "--json"])
    assert code == 0
    tree = json.loads(out)
    assert tree["Kind"] == "ScriptBlockAst"
    assignment = tree["EndBlock"]["Statements"][0]
    assert assignment["Kind"] == "AssignmentStatementAst" and assignment["Operator"] == "Equals"
    value = assignment["Right"]["PipelineElements"][0]["Expression"]
    assert value["Value"] == "caf\u00e9" and value["StringConstantType"] == "SingleQuoted"
    assert value["Extent"]["StartColumnNumber"] == 6 and value["Extent"]["Text"] == "'caf\u00e9'"


def test_errors_go_to_stderr_and_exit_1() -> None:
    code, out, err = run(["-"], stdin="if (\n")
    assert code == 1 and out == ""
    assert "At line:1 char:5" in err and "Missing condition in if statement after 'if ('." in err
    code, out, _ = run(["-", "--json"], stdin="1 +")
    assert code == 1
    (error,) = json.loads(out)["errors"]
    assert (error["ErrorId"], error["IncompleteInput"], error["Extent"]["StartOffset"]) == (
        "ExpectedValueExpression", True, 3,
    )  # fmt: skip


def test_usage_and_unreadable_files(tmp_path: Path) -> None:
    assert run([])[0] == 2
    code, _, err = run([str(tmp_path / "missing.ps1")])
    assert code == 2 and "cannot read" in err


def test_the_psbridge_command_dispatches_parse(tmp_path: Path) -> None:
    script = tmp_path / "s.ps1"
    script.write_text("Get-X | Out-Null", encoding="utf-8")
    assert main(["parse", str(script), "--json"]) == 0
    result = run_psbridge("parse", str(script))
    assert result.returncode == 0 and "CommandAst" in result.stdout
