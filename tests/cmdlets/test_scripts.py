"""Script-level error semantics and odd API answers, end to end against the emulator."""

from __future__ import annotations

import pytest

import psbridge
from psbridge.api import InvalidResponseError, NotFoundError
from psbridge.cmdlets.psopenai._errors import RunStatusError
from psbridge.emulator import Fault
from psbridge.objects import PSObject
from psbridge.runtime import PipelineError


def test_error_action_stop_ends_the_whole_script(emulator):
    with pytest.raises(NotFoundError):
        psbridge.run("Get-Thread nope -ErrorAction Stop; New-Thread")
    assert not [r for r in emulator.requests if r.method == "POST"]  # the next statement never ran


def test_without_stop_a_failed_statement_is_reported_and_the_script_goes_on(emulator):
    with pytest.raises(PipelineError) as caught:
        psbridge.run('Get-Thread nope; "after"')
    assert caught.value.output == ["after"]


def test_dollar_error_is_newest_first_with_powershell_property_names(emulator):
    output = psbridge.run(
        "Get-Thread first -ea 0; Get-Thread second -ea 0\n"
        '$Error[0].FullyQualifiedErrorId; "$($Error[0].Exception.Message)"'
    )
    assert output == [
        "PSOpenAI.APIRequest.NotFoundException,Get-Thread",
        "OpenAI API returned an 404 (Not Found) Error: No thread found with id 'second'.",
    ]


def test_error_action_preference_silences_statement_terminating_errors(emulator):
    assert psbridge.run('$ErrorActionPreference = "SilentlyContinue"; Get-Thread -Bogus 1; "x"; $Error.Count') == [
        "x",
        1,
    ]


def test_an_empty_success_body_means_no_output_and_no_error(emulator):
    emulator.faults.add(Fault(method="POST", path=r"^/threads$", status=200, body=b"", times=1))
    assert psbridge.invoke("New-Thread") == []


def test_a_success_that_is_not_json_is_an_error_for_that_input(emulator, assistant):
    emulator.faults.add(Fault(method="GET", path=r"/assistants/bad$", status=200, body=b"<html>", times=1))
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Get-Assistant", input=["bad", assistant["id"]])
    assert isinstance(caught.value.errors[0].exception, InvalidResponseError)
    assert [a.id for a in caught.value.output] == [assistant["id"]]


def test_waiting_for_completed_stops_at_requires_action(emulator, http, thread, assistant):
    emulator.set_next_run_outcome("requires_action")
    run = http.post(f"threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]}).json()
    piped = PSObject(run, type_names=["PSOpenAI.Thread.Run"])
    with pytest.raises(RunStatusError) as caught:
        psbridge.invoke(
            "Wait-ThreadRun", input=[piped], StatusForExit="completed", PollIntervalSec=0, ErrorAction="Stop"
        )
    assert caught.value.status == "requires_action"
    # Waiting in requires_action on purpose (tool outputs come from elsewhere) keeps waiting instead.
    with pytest.raises(psbridge.PSError) as timed_out:
        psbridge.invoke(
            "Wait-ThreadRun",
            input=[piped],
            StatusForExit="completed",
            StatusForWait=["requires_action"],
            PollIntervalSec=0.1,
            TimeoutSec=1,
            ErrorAction="Stop",
        )
    assert isinstance(timed_out.value, TimeoutError)
