"""``psbridge specs bind DOC.md "<command line>"``: bind-check any documented command, as JSON."""

from __future__ import annotations

import json

from tests.conftest import ALL_DOCS, DOCS
from tests.helpers import run_psbridge


def bind_cli(doc, line):
    return run_psbridge("specs", "bind", str(doc), line)


def test_binds_a_seed_doc_command_line():
    result = bind_cli(DOCS / "Receive-ThreadRun.md", "Receive-ThreadRun -Wait run_1 thread_1")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "command": "Receive-ThreadRun",
        "parameter_set_name": "__AllParameterSets",
        "bound_parameters": {"Wait": True, "RunId": "run_1", "ThreadId": "thread_1"},
    }


def test_any_platyps_doc_can_be_bind_checked():
    result = bind_cli(ALL_DOCS / "Request-ChatCompletion.md", "Request-ChatCompletion -Message 'Hello' -Model gpt-4o")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["bound_parameters"]["Model"] == "gpt-4o"


def test_binding_error_in_powershell_shape():
    result = bind_cli(DOCS / "Wait-ThreadRun.md", "Wait-ThreadRun -RunId r -Bogus x")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Wait-ThreadRun : A parameter cannot be found that matches parameter name 'Bogus'."
    assert (
        lines[1].strip() == "+ CategoryInfo          : InvalidArgument: (:) [Wait-ThreadRun], ParameterBindingException"
    )
    assert lines[2].strip() == "+ FullyQualifiedErrorId : NamedParameterNotFound,Wait-ThreadRun"


def test_the_doc_position_collision_is_resolved_by_syntax_order():
    result = bind_cli(DOCS / "Wait-ThreadRun.md", "Wait-ThreadRun run_1 thread_1")
    assert json.loads(result.stdout)["bound_parameters"] == {"RunId": "run_1", "ThreadId": "thread_1"}
