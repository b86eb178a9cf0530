"""The runtime: streaming pipelines, common parameters, invoke and the hosting API."""

from __future__ import annotations

import logging
import os
from typing import Any, ClassVar

import pytest

import psbridge
from psbridge.binding import CommandArgument
from psbridge.errors import PSError
from psbridge.hosting import PowerShell
from psbridge.runtime import Cmdlet, PipelineError, Runspace, register_cmdlet
from psbridge.runtime.pipeline import CommandCall, run_pipeline
from psbridge.runtime.scopes import Scope
from psbridge.specs import CmdletSpec
from tests.helpers import param, spec

EVENTS: list[str] = []


class Boom(PSError):
    default_error_id = "Boom"


@register_cmdlet
class EmitNumbers(Cmdlet):
    """Writes Count numbers from process(), recording when each is written."""

    name = "Test-EmitNumbers"
    spec: ClassVar[CmdletSpec | None] = spec("Test-EmitNumbers", param("Count", "Int32", position=0))

    def begin(self) -> None:
        EVENTS.append("emit:begin")

    def process(self) -> None:
        for number in range(self.params.Count):
            EVENTS.append(f"emit:{number}")
            self.write_output(number)

    def end(self) -> None:
        EVENTS.append("emit:end")


@register_cmdlet
class Record(Cmdlet):
    """Echoes its pipeline input; fails on the value given by -FailOn."""

    name = "Test-Record"
    spec: ClassVar[CmdletSpec | None] = spec(
        "Test-Record", param("InputObject", "Object", by_value=True), param("FailOn", "Int32")
    )

    def begin(self) -> None:
        EVENTS.append("record:begin")

    def process(self) -> None:
        value = self.params.InputObject
        EVENTS.append(f"record:{value}")
        if self.params.is_bound("FailOn") and value == self.params.FailOn:
            raise Boom(f"failed on {value}")
        self.write_verbose(f"saw {value}")
        self.write_debug(f"debug {value}")
        self.write_warning(f"warn {value}")
        self.write_output(value)

    def end(self) -> None:
        EVENTS.append("record:end")


def run(*calls: tuple[str, dict[str, Any]], runspace: Runspace | None = None, input: Any = None) -> list[Any]:
    runspace = runspace or Runspace()
    commands = [CommandCall(name, [CommandArgument.named(k, v) for k, v in kwargs.items()]) for name, kwargs in calls]
    from psbridge.runtime import NO_INPUT

    return run_pipeline(runspace, commands, NO_INPUT if input is None else input)


@pytest.fixture(autouse=True)
def _clear_events() -> None:
    EVENTS.clear()


def test_objects_stream_to_the_next_command_as_they_are_written():
    assert run(("Test-EmitNumbers", {"Count": 3}), ("Test-Record", {})) == [0, 1, 2]
    assert EVENTS == [
        "emit:begin",
        "record:begin",
        "emit:0",
        "record:0",
        "emit:1",
        "record:1",
        "emit:2",
        "record:2",
        "emit:end",
        "record:end",
    ]


def test_binding_errors_happen_before_anything_runs():
    with pytest.raises(psbridge.ParameterBindingError) as caught:
        run(("Test-EmitNumbers", {"Count": 2}), ("Test-Record", {"Bogus": 1}))
    assert caught.value.fully_qualified_error_id == "NamedParameterNotFound,Test-Record"
    assert EVENTS == []


def test_a_failing_object_is_a_non_terminating_error_and_the_next_objects_run():
    runspace = Runspace()
    output = run(("Test-EmitNumbers", {"Count": 3}), ("Test-Record", {"FailOn": 1}), runspace=runspace)
    assert output == [0, 2]
    (record,) = runspace.streams.error
    assert record.fully_qualified_error_id == "Boom,Test-Record"
    assert record.target_object == 1


@pytest.mark.parametrize(
    ("action", "in_stream", "in_error_list"),
    [
        ("Continue", True, True),
        ("SilentlyContinue", False, True),
        ("Ignore", False, False),
    ],
)
def test_error_action_preferences(action, in_stream, in_error_list):
    runspace = Runspace()
    output = run(
        ("Test-EmitNumbers", {"Count": 2}), ("Test-Record", {"FailOn": 0, "ErrorAction": action}), runspace=runspace
    )
    assert output == [1]
    assert bool(runspace.streams.error) is in_stream
    assert bool(runspace.error_list) is in_error_list


def test_error_action_stop_raises_the_error_at_once():
    with pytest.raises(Boom):
        run(("Test-EmitNumbers", {"Count": 3}), ("Test-Record", {"FailOn": 0, "ErrorAction": "Stop"}))
    assert "emit:1" not in EVENTS and "record:end" not in EVENTS


def test_error_action_preference_variable_applies():
    runspace = Runspace({"ErrorActionPreference": "Stop"})
    with pytest.raises(Boom):
        run(("Test-EmitNumbers", {"Count": 1}), ("Test-Record", {"FailOn": 0}), runspace=runspace)


def test_per_object_binding_error_is_written_for_that_object():
    runspace = Runspace()
    output = run(("Test-EmitNumbers", {"Count": 2}), ("Test-EmitNumbers", {"Count": 1}), runspace=runspace)
    # The second command takes no pipeline input: each object is an error and its process() never runs.
    assert output == []
    assert [r.error_id for r in runspace.streams.error] == ["InputObjectNotBound", "InputObjectNotBound"]


def test_verbose_debug_and_warnings_go_to_streams_and_the_logger(caplog):
    runspace = Runspace()
    with caplog.at_level(logging.DEBUG, logger="psbridge"):
        run(("Test-Record", {"Verbose": True}), runspace=runspace, input=[7])
    assert runspace.streams.verbose == ["saw 7"]
    assert runspace.streams.debug == []
    assert runspace.streams.warning == ["warn 7"]
    assert "saw 7" in caplog.text and "warn 7" in caplog.text
    run(("Test-Record", {"Debug": True, "WarningAction": "SilentlyContinue"}), runspace=runspace, input=[8])
    assert runspace.streams.debug == ["debug 8"] and runspace.streams.warning == ["warn 7"]


def test_out_variable_and_error_variable():
    runspace = Runspace()
    run(
        ("Test-EmitNumbers", {"Count": 3, "OutVariable": "nums"}),
        ("Test-Record", {"FailOn": 2, "ErrorVariable": "errs"}),
        runspace=runspace,
    )
    assert runspace.variables["nums"] == [0, 1, 2]
    assert [r.error_id for r in runspace.variables["errs"]] == ["Boom"]
    run(("Test-EmitNumbers", {"Count": 1, "OutVariable": "+nums"}), runspace=runspace)
    assert runspace.variables["nums"] == [0, 1, 2, 0]


def test_invoke_returns_output_and_raises_pipeline_error_after_the_end():
    assert psbridge.invoke("Test-Record", input=[1, 2]) == [1, 2]
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Test-Record", input=[1, 2, 3], FailOn=2)
    assert caught.value.output == [1, 3]
    assert [r.fully_qualified_error_id for r in caught.value.errors] == ["Boom,Test-Record"]
    assert psbridge.invoke("Test-Record", input=[1, 2], FailOn=2, ErrorAction="SilentlyContinue") == [1]


def test_invoke_input_str_and_dict_are_one_object_each():
    assert psbridge.invoke("Test-Record", input="abc") == ["abc"]
    assert psbridge.invoke("Test-Record", input={"a": 1}) == [{"a": 1}]


def test_hosting_api_mirrors_system_management_automation():
    ps = PowerShell.create()
    output = (
        ps.add_command("Test-EmitNumbers")
        .add_argument(2)
        .add_command("Test-Record")
        .add_parameter("FailOn", 1)
        .invoke()
    )
    assert output == [0]
    assert ps.had_errors and ps.streams.error[0].fully_qualified_error_id == "Boom,Test-Record"
    ps.clear()
    assert ps.add_command("Test-Record").invoke(input=[5]) == [5] and not ps.had_errors
    ps.variables["X"] = 1
    assert ps.runspace.get_variable("x") == (True, 1)
    with pytest.raises(psbridge.ParameterBindingError):
        ps.clear().add_command("Test-Record").add_parameter("Nope", 1).invoke()
    assert ps.had_errors


def test_unknown_command():
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Get-Nothing")
    assert caught.value.error_id == "CommandNotFoundException"


def test_warning_information_and_pipeline_variables():
    runspace = Runspace()
    run(
        ("Test-EmitNumbers", {"Count": 2, "PipelineVariable": "current"}),
        ("Test-Record", {"WarningVariable": "warns", "WarningAction": "SilentlyContinue"}),
        runspace=runspace,
    )
    assert runspace.variables["warns"] == ["warn 0", "warn 1"]
    assert runspace.streams.warning == []  # silenced, yet collected
    assert runspace.variables["current"] == 1  # the last object the first command wrote


@register_cmdlet
class WaitForStop(Cmdlet):
    """Hands itself to the test (``SEEN``): what a command's stop signal looks like from outside."""

    name = "Test-WaitForStop"
    spec: ClassVar[CmdletSpec | None] = spec("Test-WaitForStop")
    SEEN: ClassVar[list[Cmdlet]] = []

    def process(self) -> None:
        WaitForStop.SEEN.append(self)


def test_a_stopped_command_is_stopping_whenever_its_event_is_first_asked_for():
    """``stopping`` is made on first use; a command stopped before anything asked still reads as
    stopped, and a wait on it ends at once."""
    WaitForStop.SEEN.clear()
    assert psbridge.invoke("Test-WaitForStop") == []
    [command] = WaitForStop.SEEN
    assert command.stop_requested
    assert command.stopping.is_set()
    assert command.wait_or_stop(30) is True


def test_a_stop_wakes_a_wait_in_another_thread():
    import threading

    command = WaitForStop.compiled_command()
    fresh = WaitForStop(Runspace(), command, WaitForStop.new_binder(command))
    assert not fresh.stop_requested
    woke: list[bool] = []
    waiter = threading.Thread(target=lambda: woke.append(fresh.wait_or_stop(30)))
    waiter.start()
    while fresh._stopping is None:  # until the waiter has made the event
        threading.Event().wait(0.001)
    fresh.signal_stop()
    waiter.join(10)
    assert woke == [True] and fresh.stop_requested


def test_variable_lookup_by_every_spelling():
    """Plain names take a short path through the scopes; the special and qualified ones keep theirs."""
    runspace = Runspace(variables={"Setting": "global"})
    runspace.current_scope = Scope(runspace.global_scope)  # as inside a function
    runspace.set_variable("local:Mine", 1)
    assert runspace.get_variable("setting") == (True, "global")
    assert runspace.get_variable("$SETTING") == (True, "global")
    assert runspace.get_variable("global:Setting") == (True, "global")
    assert runspace.get_variable("mine") == (True, 1) and runspace.get_variable("global:mine") == (False, None)
    assert runspace.get_variable("Missing") == (False, None)
    assert runspace.get_variable("Error")[1] is runspace.error_list
    assert runspace.get_variable("pwd")[0] is True
    assert runspace.get_variable("env:PATH") == (True, os.environ["PATH"])


class _Tracked:
    """An output object a weak reference can watch."""


@register_cmdlet
class EmitTracked(Cmdlet):
    name = "Test-EmitTracked"
    spec: ClassVar[CmdletSpec | None] = spec("Test-EmitTracked")

    def process(self) -> None:
        self.write_output(_Tracked())


def test_an_ended_pipeline_is_freed_without_the_garbage_collector():
    """Commands, their emitters and the output form no cycle once the pipeline ends: what the
    caller drops is freed at once (a cycle per call made the collector run every few calls)."""
    import gc
    import weakref

    gc.collect()
    gc.disable()
    try:
        output = psbridge.invoke("Test-EmitTracked")
        watched = weakref.ref(output[0])
        del output
        assert watched() is None
    finally:
        gc.enable()
