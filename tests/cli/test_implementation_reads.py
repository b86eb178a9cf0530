"""Every implemented cmdlet reads each parameter of its spec and no other (issue 18 item 4),
and the code reader behind that check understands the ways implementations read parameters."""

from __future__ import annotations

from typing import Any

import pytest

from psbridge.cli.implementation_check import NOT_READ_BY_DESIGN, check_cmdlet, compare_reads
from psbridge.cli.implementation_reads import implementation_reads
from psbridge.cmdlets import command_modules
from psbridge.runtime import Cmdlet
from psbridge.runtime.commands import resolve_cmdlet
from psbridge.specs import get_spec
from tests.helpers import param, spec


@pytest.mark.parametrize("name", sorted(command_modules()))
def test_each_implemented_cmdlet_reads_exactly_its_spec(name):
    report = check_cmdlet(name)
    assert [f"{d.rule} {d.subject()}: {d.source}" for d in report.differences] == []


def test_parameters_left_unread_by_design_are_real_and_really_unread():
    for cmdlet, parameters in NOT_READ_BY_DESIGN.items():
        declared = {p.casefold() for p in get_spec(cmdlet).parameters}
        read = implementation_reads(resolve_cmdlet(cmdlet)).names()
        for parameter, why in parameters.items():
            assert parameter.casefold() in declared, f"{cmdlet} -{parameter} is no longer in the spec"
            assert parameter.casefold() not in read, f"{cmdlet} now reads -{parameter}: drop it from the list"
            assert len(why) > 40


def test_the_check_reads_helpers_in_other_modules():
    # Wait-ThreadRun reads -RunId/-ThreadId in _runs.run_ids(params), -PollIntervalSec in _waiting.wait_policy,
    # and the connection parameters through ApiCmdlet.begin (reached by super().begin()).
    reads = implementation_reads(resolve_cmdlet("Wait-ThreadRun"))
    where = {read.name: read.where for read in reads.reads}
    assert where["RunId"].startswith("psbridge/cmdlets/psopenai/_runs.py:")
    assert where["PollIntervalSec"].startswith("psbridge/cmdlets/psopenai/_waiting.py:")
    assert where["ApiKey"].startswith("psbridge/cmdlets/psopenai/_base.py:")
    assert {"TimeoutSec", "MaxRetryCount", "ApiBase", "Organization"} <= set(where)


# -- the code reader on small classes --------------------------------------------------------------
FIELDS = (("Name", "name"), ("Size", "size"))
OPTIONAL = {"Colour": "colour"}


def read_id(params: Any) -> Any:
    return params.Id


def send(cmdlet: Any) -> Any:
    p = cmdlet.params
    return {field: p.get(name) for name, field in FIELDS if p.is_bound(name)}


class Holder:
    def __init__(self, cmdlet: Any) -> None:
        self.cmdlet = cmdlet

    def later(self) -> Any:
        return self.cmdlet.params.Later


class Base(Cmdlet):
    name = "Base-Thing"

    def begin(self) -> None:
        self.timeout = self.params.TimeoutSec


class Reader(Base):
    name = "Read-Thing"

    def begin(self) -> None:
        super().begin()
        self.holder = Holder(self)
        self.callback = self._emit

    def process(self) -> None:
        p = self.params
        read_id(p)
        send(self)
        if p.declares("Colour"):
            p.get("Colour")
        for parameter in OPTIONAL:
            if p.is_bound(parameter):
                p.get(parameter)
        if p.Wait:
            getattr(p, "Mode")  # noqa: B009 - the form under test

    def _emit(self) -> None:
        self.params.Emitted  # noqa: B018 - the read is the point


def names(cls: type) -> set[str]:
    return {read.name for read in implementation_reads(cls).reads}


def test_reads_through_helpers_loops_holders_super_and_callbacks():
    assert names(Reader) == {
        "TimeoutSec",  # super().begin()
        "Id",  # read_id(p): a function handed the parameters
        "Name",  # send(self): a loop over a module-level constant
        "Size",
        "Colour",  # declares("Colour") and a loop over a dict's keys
        "Wait",
        "Mode",  # getattr(p, "Mode")
        "Later",  # Holder(self).later(): an object handed the cmdlet
        "Emitted",  # self._emit handed on as a callback
    }
    optional = {read.name for read in implementation_reads(Reader).reads if read.optional}
    assert optional == {"Colour", "Name", "Size"}  # behind declares()/is_bound(): absent is fine


class PerObject(Cmdlet):
    name = "Pipe-Thing"

    def process(self) -> None:
        self.binder.bound.get("InputObject")  # the binder's table, read once per pipeline object
        self.params.bound_value("Depth")


def test_reads_through_the_binders_table_and_bound_value():
    assert names(PerObject) == {"InputObject", "Depth"}


class Unresolved(Cmdlet):
    name = "Odd-Thing"

    def process(self) -> None:
        which = self.compute()
        self.params.get(which)
        self.params.bound  # noqa: B018

    def compute(self) -> str:
        return "Id"


def test_reads_it_cannot_resolve_are_reported_and_bound_reads_everything():
    reads = implementation_reads(Unresolved)
    assert [read.name for read in reads.unresolved] == ["which"]
    assert [read.name for read in reads.everything] == ["bound"]


def test_findings_unread_undeclared_and_unresolved():
    declared = spec("Read-Thing", param("Id"), param("Name"), param("Size"), param("Unused"))
    found = list(compare_reads(declared, implementation_reads(Reader), "reader.py"))
    assert sorted((d.rule, d.parameter) for d in found) == [
        ("PSD101", "Unused"),
        ("PSD102", "Emitted"),
        ("PSD102", "Later"),
        ("PSD102", "Mode"),
        ("PSD102", "TimeoutSec"),
        ("PSD102", "Wait"),
    ]
    # Colour is read only behind declares()/is_bound(): the spec may lack it.
    assert all(d.parameter != "Colour" for d in found)
    unresolved = list(compare_reads(spec("Odd-Thing", param("Id")), implementation_reads(Unresolved), "odd.py"))
    assert [d.rule for d in unresolved] == ["PSD103"]  # bound reads everything: -Id counts as read
