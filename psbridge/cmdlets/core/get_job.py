"""Get-Job: the session's jobs, all of them or those -Id, -Name, -InstanceId, -State, -Command or
-Filter name, narrowed by -After/-Before (when they ended), -HasMoreData and -Newest;
-IncludeChildJob adds each job's child jobs after it and -ChildJobState gives the child jobs in
that state (GetJobCommand)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from .job_select import find_jobs, job_state
from .jobs import Job

__all__ = ["GetJob"]


@register_cmdlet
class GetJob(Cmdlet):
    name = "Get-Job"

    def process(self) -> None:
        params = self.params
        jobs = find_jobs(self)
        if params.is_bound("Before"):
            before = _naive(params.Before)
            jobs = [job for job in jobs if job.PSEndTime is not None and job.PSEndTime < before]
        if params.is_bound("After"):
            after = _naive(params.After)
            jobs = [job for job in jobs if job.PSEndTime is not None and job.PSEndTime > after]
        if params.is_bound("HasMoreData"):
            wanted = bool(params.HasMoreData)
            jobs = [job for job in jobs if job.HasMoreData == wanted]
        if params.is_bound("ChildJobState"):
            state = job_state(self, params.ChildJobState)
            jobs = [child for job in jobs for child in ([job, *job.ChildJobs]) if child is job or child.State is state]
        elif params.IncludeChildJob:
            jobs = [each for job in jobs for each in (job, *job.ChildJobs)]
        if params.is_bound("Newest"):
            count = int(params.Newest)
            ordered = sorted(jobs, key=_begin, reverse=True)[: max(count, 0)]
            jobs = [job for job in jobs if job in ordered]
        for job in jobs:
            self.write_output(job)


def _begin(job: Job) -> dt.datetime:
    return job.PSBeginTime or dt.datetime.min


def _naive(value: Any) -> dt.datetime:
    """A DateTime argument as local naive time (the jobs' times are local)."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone().replace(tzinfo=None)
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
