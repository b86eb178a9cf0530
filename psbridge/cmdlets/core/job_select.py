"""Finding the jobs a job cmdlet names (JobCmdletBase's FindJobsMatchingBy*): by -Id, -Name
(wildcards), -InstanceId, -State, -Command, -Filter or the -Job objects themselves, with
PowerShell's error for each id, name or instance id that names no job."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from ...errors import ErrorCategory
from ..common.errors import CmdletError
from ..common.properties import has_wildcard
from ..common.semantics import equals, get_property, wildcard_regex
from .jobs import Job, JobState, session_jobs

__all__ = ["find_jobs", "job_state", "not_found", "select_jobs"]


def not_found(error_id: str, message: str, target: Any) -> CmdletError:
    """PSTraceSource.NewArgumentException written as ObjectNotFound."""
    return CmdletError(message, error_id=error_id, category=ErrorCategory.ObjectNotFound,
                       exception_type="System.Management.Automation.PSArgumentException",
                       target_object=target)  # fmt: skip


def job_state(cmdlet: Any, value: Any) -> JobState:
    """A -State/-ChildJobState argument as a JobState (a name in any case, or its number)."""
    if isinstance(value, JobState):
        return value
    text = str(value).strip()
    for state in JobState:
        if state.name.casefold() == text.casefold() or str(state.value) == text:
            return state
    from ...binding.errors import transformation_error

    names = ", ".join(state.name for state in JobState)
    raise transformation_error(
        cmdlet.command.qualifier, "State",
        f'Cannot convert value "{text}" to type "System.Management.Automation.JobState". Error: "Unable to match '
        f"the identifier name {text} to a valid enumerator name. Specify one of the following enumerator names and "
        f'try again:\n{names}"')  # fmt: skip


def _all_jobs(cmdlet: Any, recurse: bool) -> list[Job]:
    jobs = session_jobs(cmdlet.runspace).snapshot()
    if not recurse:
        return jobs
    every: list[Job] = []
    for job in jobs:
        every.append(job)
        every.extend(job.ChildJobs)
    return every


def select_jobs(cmdlet: Any, *, recurse: bool = True, errors: bool = True) -> list[Job]:
    """The jobs the cmdlet's -Job, -Name, -InstanceId or -Id names (every job of the session for
    Get-Job's default set without -Id); an id, name or instance id naming none writes
    PowerShell's error.  Receive-Job names jobs only these ways."""
    params = cmdlet.params
    set_name = params.parameter_set_name
    found: list[Job] = []

    def add(job: Job) -> None:
        if job not in found:
            found.append(job)

    if set_name == "JobParameterSet" or (
        params.is_bound("Job") and set_name in ("Location", "ComputerName", "Session")
    ):
        for job in params.Job or []:
            add(job)
        return found

    def pick(keys: Iterable[Any], matches: Callable[[Any, Job], bool], error: Callable[[Any], Any]) -> list[Job]:
        """Each key's jobs, in order; a key naming none writes ``error(key)`` (when that is not None)."""
        for key in keys:
            matched = [job for job in _all_jobs(cmdlet, recurse) if matches(key, job)]
            record = error(key) if not matched and errors else None
            if record is not None:
                cmdlet.write_error(record)
            for job in matched:
                add(job)
        return found

    if set_name == "NameParameterSet":
        return pick(
            ((str(name), wildcard_regex(str(name))) for name in params.Name or []),
            lambda key, job: key[1].match(job.Name) is not None,
            lambda key: None if has_wildcard(key[0]) else not_found(
                "JobWithSpecifiedNameNotFound",
                f"The command cannot find the job because the job name {key[0]} was not found. Verify the value "
                "of the Name parameter, and then try the command again.", key[0]),
        )  # fmt: skip
    if set_name == "InstanceIdParameterSet":
        return pick(
            (i if isinstance(i, uuid.UUID) else uuid.UUID(str(i)) for i in params.InstanceId or []),
            lambda wanted, job: job.InstanceId == wanted,
            lambda wanted: not_found(
                "JobWithSpecifiedInstanceIdNotFound",
                f"The command cannot find a job with the instance identifier {wanted}. Verify the value of the "
                "InstanceId parameter, and then try the command again.", wanted),
        )  # fmt: skip
    ids = params.get("Id", None)
    if ids is None:
        return _all_jobs(cmdlet, False)
    return pick(
        ids,
        lambda job_id, job: job.Id == job_id,
        lambda job_id: not_found(
            "JobWithSpecifiedSessionNotFound",
            f"The command cannot find a job with the job ID {job_id}. Verify the value of the Id parameter and "
            "then try the command again.", job_id),
    )  # fmt: skip


def find_jobs(cmdlet: Any, *, recurse: bool = True) -> list[Job]:
    """:func:`select_jobs`, or the jobs -State, -Command or -Filter pick (Get-, Wait-, Stop- and
    Remove-Job have those sets too)."""
    params = cmdlet.params
    set_name = params.parameter_set_name
    if set_name == "StateParameterSet":
        state = job_state(cmdlet, params.State)
        return [job for job in _all_jobs(cmdlet, False) if job.State is state]
    if set_name == "CommandParameterSet" and params.declares("Command"):
        patterns = [wildcard_regex(str(command)) for command in params.Command or []]
        return [job for job in _all_jobs(cmdlet, False) if any(p.match(job.Command.strip()) for p in patterns)]
    if set_name == "FilterParameterSet":
        table = params.Filter or {}
        return [
            job for job in _all_jobs(cmdlet, False)
            if all(equals(get_property(job, str(key))[1], value) for key, value in table.items())
        ]  # fmt: skip
    return select_jobs(cmdlet, recurse=recurse)
