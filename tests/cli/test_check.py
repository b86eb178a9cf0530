"""``psbridge specs check``: every documented example, run against a fresh emulator, classified.

The list of doc defects is held exactly: a new defect (or a failure) and an
example that starts passing both show up here, each checked against the
behaviour reference (../shared/reference/psopenai-behavior.md, section 5).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from psbridge.cli import main as cli_main
from psbridge.cli.check_command import format_report
from psbridge.cli.check_command import main as check_main
from psbridge.cli.checking import (
    CheckReport,
    ExampleResult,
    check_docs,
    check_example,
    default_docs_dir,
    find_id_literals,
    scan_variables,
)
from psbridge.specs.model import Example
from tests.conftest import DOCS
from tests.helpers import run_psbridge

#: (doc, example title, heading line) -> FullyQualifiedErrorId; reference section in the comment.
KNOWN_DEFECTS = {
    # 5.11.1: '-UseCodeInterpreter $true' is the switch plus a stray positional '$true';
    # New-Assistant has no positional parameter.
    ("New-Assistant", "Example 1", 49): "PositionalParameterNotFound,New-Assistant",
    # 5.11.1: Set-Assistant's only positional parameter (AssistantId) is already bound by name.
    ("Set-Assistant", "Example 1", 50): "PositionalParameterNotFound,Set-Assistant",
    # 5.2.4: Start-ThreadRun without its mandatory -Assistant, nothing piped into it.
    ("Receive-ThreadRun", "Example 2", 41): "MissingMandatoryParameter,Start-ThreadRun",
    # 5.1.6: '$Thread | Start-ThreadRun' without -Assistant: the piped thread cannot supply it.
    ("Wait-ThreadRun", "Example 1", 35): "InputObjectMissingMandatory,Start-ThreadRun",
}

IMPLEMENTED_DOCS = {
    "Add-ThreadMessage", "Get-Assistant", "Get-Thread", "Get-ThreadMessage", "Get-ThreadRun",
    "Get-ThreadRunStep", "New-Assistant", "New-Thread", "Receive-ThreadRun", "Remove-Assistant",
    "Remove-Thread", "Remove-ThreadMessage", "Set-Assistant", "Set-Thread", "Start-ThreadRun",
    "Stop-ThreadRun", "Wait-ThreadRun",
}  # fmt: skip


@pytest.fixture(scope="module")
def report() -> CheckReport:
    return check_docs(DOCS)


def _by_key(report: CheckReport) -> dict[tuple[str, str, int], ExampleResult]:
    return {(r.doc, r.title, r.line): r for r in report.results}


def _example(code: str) -> Example:
    return Example(title="Example 1", code=code, text="", line=1)


# ------------------------------------------------------------------------------ the 17 docs


def test_every_implemented_doc_and_example_is_checked(report: CheckReport) -> None:
    assert set(report.docs) == IMPLEMENTED_DOCS
    assert len(report.results) == 25
    assert report.skipped == {"SOURCE.md": "not a cmdlet doc"}
    assert report.summary().endswith("; skipped 1 doc (not a cmdlet doc: 1)")
    assert default_docs_dir().resolve() == DOCS.resolve()


def test_doc_defects_are_exactly_the_known_ones(report: CheckReport) -> None:
    found = {(r.doc, r.title, r.line): r.error_id for r in report.defects}
    assert found == KNOWN_DEFECTS


def test_no_example_failed(report: CheckReport) -> None:
    assert report.failed == [], "\n".join(
        f"{r.doc} {r.title}:{r.line} {r.error_id}: {r.message}" for r in report.failed
    )


def test_defects_carry_powershells_message_and_cost_no_request(report: CheckReport) -> None:
    results = _by_key(report)
    new_assistant = results[("New-Assistant", "Example 1", 49)]
    assert new_assistant.message == "A positional parameter cannot be found that accepts argument 'True'."
    receive = results[("Receive-ThreadRun", "Example 2", 41)]
    assert receive.message == "Cannot process command because of one or more missing mandatory parameters: Assistant."
    wait = results[("Wait-ThreadRun", "Example 1", 35)]
    assert wait.message is not None and wait.message.endswith("mandatory parameters:  Assistant")
    assert wait.mapping["$Thread"].startswith("PSOpenAI.Thread thread_")
    # PowerShell binds before anything runs: a rejected example sends nothing.
    assert all(r.requests == 0 for r in report.defects)


def test_ok_examples_really_talked_to_the_emulator(report: CheckReport) -> None:
    ok = [r for r in report.results if r.status == "ok"]
    assert len(ok) == 21
    assert all(r.requests > 0 for r in ok), [(r.doc, r.title) for r in ok if r.requests == 0]
    assert all(r.error_id is None for r in ok)


def test_outputs_are_the_documented_object_types(report: CheckReport) -> None:
    results = _by_key(report)
    assert results[("Get-ThreadRun", "Example 1", 48)].output == "1 PSOpenAI.Thread.Run"
    assert results[("Get-ThreadMessage", "Example 1", 49)].output == "2 PSOpenAI.Thread.Message"
    assert results[("Get-ThreadRunStep", "Example 1", 52)].output == "1 PSOpenAI.Thread.Run.Step"
    assert results[("Start-ThreadRun", "Example 1", 96)].output == "1 PSOpenAI.Thread.Run"
    assert results[("Receive-ThreadRun", "Example 1", 34)].output == "1 PSOpenAI.Thread"
    assert results[("New-Thread", "Example 1", 34)].output == "no output; $Thread = PSOpenAI.Thread"
    assert results[("Set-Thread", "Example 1", 35)].output == "no output; $Thread = PSOpenAI.Thread"


def test_id_literals_were_mapped_to_real_objects(report: CheckReport) -> None:
    results = _by_key(report)
    get_run = results[("Get-ThreadRun", "Example 1", 48)]
    assert set(get_run.mapping) == {"thread_abc123", "run_abc123"}
    for literal, real in get_run.mapping.items():
        assert real.split("_")[0] == literal.split("_")[0] and real != literal
    remove_thread = results[("Remove-Thread", "Example 1", 31)]
    assert set(remove_thread.mapping) == {"thread_abc13"}
    set_thread = results[("Set-Thread", "Example 1", 35)]
    assert set_thread.mapping["$MetaData"] == "System.Collections.Hashtable"


def test_stop_threadrun_found_its_run_still_active(report: CheckReport) -> None:
    """The run mapped to 'run_abc123' is queued: the cancel succeeds instead of a 400 for a finished run."""
    stop = _by_key(report)[("Stop-ThreadRun", "Example 1", 35)]
    assert stop.status == "ok" and stop.requests == 2  # the Id set's GET, then the cancel (reference 5.5.3)


def test_wait_threadrun_second_example_runs_but_does_nothing(report: CheckReport) -> None:
    """Reference 5.1.6: Stop-ThreadRun emits nothing without -PassThru, so Wait-ThreadRun gets no input.

    PowerShell accepts the text, so it is not a binding defect; the note shows the empty result.
    """
    second = _by_key(report)[("Wait-ThreadRun", "Example 1", 42)]
    assert second.status == "ok"
    assert second.output == "no output"
    assert second.requests == 1  # the cancel only: nothing was waited for


# ------------------------------------------------------------------------------ classification


def test_an_api_error_is_a_failure_not_a_defect() -> None:
    code = "PS C:\\> Remove-Assistant -AssistantId 'asst_abc123'; Get-Assistant -AssistantId 'asst_abc123'"
    result = check_example("Get-Assistant", _example(code))
    assert result.status == "failed"
    assert result.error_id == "PSOpenAI.APIRequest.NotFoundException,Get-Assistant"
    assert "404" in (result.message or "")
    assert result.requests == 2


def test_a_parse_error_is_a_defect_with_its_position() -> None:
    result = check_example("Get-Thread", _example("PS C:\\> Get-Thread -ThreadId ('thread_abc123'"))
    assert result.status == "doc-defect"
    assert result.error_id == "MissingEndParenthesisInExpression"
    assert result.message is not None and result.message.startswith("At line:1 char:")


def test_the_errors_write_error_examples_write_are_what_they_show() -> None:
    # Write-Error.md examples 2 and 3 write an error on purpose: ok; anything else still fails
    assert check_example("Write-Error", _example('Write-Error "Access denied."')).status == "ok"
    category = check_example("Write-Error", _example('Write-Error -Message "Too many." -Category InvalidArgument'))
    assert category.status == "ok"
    elsewhere = check_example("Get-Date", _example('Write-Error "Access denied."'))
    assert elsewhere.status == "failed"
    other = check_example("Write-Error", _example('Write-Error "x"; Get-Item /no/such/path'))
    assert (other.status, other.error_id) == ("failed", "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand")


def test_an_unknown_command_is_a_failure() -> None:
    result = check_example("Get-Thread", _example("Get-NoSuchCommand"))
    assert result.status == "failed"
    assert result.error_id == "CommandNotFoundException"


def test_a_variable_without_fixture_is_left_unset_with_a_warning() -> None:
    result = check_example("Get-Thread", _example("PS C:\\> $Something | Get-Thread"))
    assert result.warnings == ["$Something is read but never assigned; left unset (no fixture for it)"]


def test_steps_and_several_messages_map_into_one_thread() -> None:
    code = (
        "Get-ThreadRunStep -ThreadId 'thread_abc123' -RunId 'run_abc123' -StepId 'step_abc123'\n"
        "Get-ThreadMessage -ThreadId 'thread_abc123' -MessageId 'msg_abc123'\n"
        "Get-ThreadMessage -ThreadId 'thread_abc123' -MessageId 'msg_def456'"
    )
    result = check_example("Get-ThreadRunStep", _example(code))
    assert result.status == "ok", result.message
    assert result.output == "1 PSOpenAI.Thread.Run.Step, 2 PSOpenAI.Thread.Message"
    assert result.mapping["msg_abc123"] != result.mapping["msg_def456"]


def test_scanning_finds_ids_and_variables_read_before_assignment() -> None:
    literals = find_id_literals("Get-Thread -thread_id 'thread_abc1' $x.thread_id \"run_Ab\" step_1 asst_abc")
    assert literals == {
        "asst": [],
        "thread": ["thread_abc1"],
        "run": ["run_Ab"],
        "msg": [],
        "step": ["step_1"],
        "file": [],
        "vs": [],
        "vsfb": [],
        "chatcmpl": [],
        "chatcompl": [],
        "resp": [],
        "conv": [],
        "item": [],
        "batch": [],
        "cont": [],
        "video": [],
    }
    files = find_id_literals("Get-VectorStoreFile 'vs_abc123' -FileId file-abc123 -BatchId vsfb_X1 $x.vector_store_id")
    assert (files["vs"], files["file"], files["vsfb"]) == (["vs_abc123"], ["file-abc123"], ["vsfb_X1"])
    use = scan_variables(
        '$a = $a; $b = New-Thread; $b | Get-Thread; "$c ${d}"; Get-Thread @p; $env:HOME; $_; $global:X'
    )
    assert use.unassigned == ["a", "c", "d", "p", "X"]
    assert use.assigned == ["a", "b"]


# ------------------------------------------------------------------------------ the command


def test_command_json_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_main(["specs", "check", str(DOCS), "--json"]) == 0
    captured = capsys.readouterr()
    results = json.loads(captured.out)
    assert isinstance(results, list) and len(results) == 25
    assert {(r["doc"], r["title"], r["line"]): r["error_id"] for r in results if r["status"] == "doc-defect"} == (
        KNOWN_DEFECTS
    )
    assert "25 examples in 17 docs: 21 ok, 4 doc-defect, 0 failed" in captured.err


def test_command_as_a_subprocess_prints_the_table_and_summary() -> None:
    completed = run_psbridge("specs", "check")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0].split() == ["Doc", "Example", "Line", "Status", "Detail"]
    assert any(line.split()[:5] == ["New-Assistant", "Example", "1", "49", "doc-defect"] for line in lines)
    assert "25 examples in 17 docs: 21 ok, 4 doc-defect, 0 failed" in completed.stdout
    assert completed.stderr == ""


def test_missing_docs_folder_is_a_usage_error(tmp_path: Path) -> None:
    stderr = io.StringIO()
    assert check_main(str(tmp_path / "nowhere"), False, stdout=io.StringIO(), stderr=stderr) == 2
    assert "no such docs folder" in stderr.getvalue()
    assert check_main(str(tmp_path), False, stdout=io.StringIO(), stderr=io.StringIO()) == 2  # no cmdlet doc


def test_a_failing_example_makes_the_command_fail(tmp_path: Path) -> None:
    doc = (DOCS / "Get-Thread.md").read_text(encoding="utf-8")
    doc = doc.replace(
        "$Thread = Get-Thread -ThreadId 'thread_abc123'",
        "Remove-Thread -ThreadId 'thread_abc123'; Get-Thread -ThreadId 'thread_abc123'",
    )
    (tmp_path / "Get-Thread.md").write_text(doc, encoding="utf-8")
    stdout = io.StringIO()
    assert check_main(str(tmp_path), False, stdout=stdout, stderr=io.StringIO()) == 1
    text = stdout.getvalue()
    assert "failed" in text and "PSOpenAI.APIRequest.NotFoundException,Get-Thread" in text
    assert "1 example in 1 doc: 0 ok, 0 doc-defect, 1 failed" in text


def test_table_cuts_long_details_to_the_width(report: CheckReport) -> None:
    text = format_report(report, width=100)
    rows = text.splitlines()
    assert all(len(row) <= 100 for row in rows)
    assert any(row.endswith("...") for row in rows)
