"""Receive-Job: what the jobs have written so far, written into the caller's streams.

ReceiveJobCommand reads each job's child jobs (a parent job holds no data of its own) and
writes, per child, its output, then its errors (as the caller's non-terminating errors, so
-ErrorAction and -ErrorVariable apply), verbose, debug, warning, progress and information
records.  What it reads is removed unless -Keep.  -Wait reads as the data comes until the jobs
are finished; -AutoRemoveJob then removes them; -WriteJobInResults writes the job first;
-WriteEvents writes each job's final state change.  -NoRecurse reads only the parent job, which
for a background job holds nothing.  -Location/-ComputerName pick jobs by location (a
background job's is ``localhost``); -Session needs remoting, which psbridge has not.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.semantics import like
from .job_select import select_jobs
from .jobs import Job, JobStateInfo, session_jobs
from .parallel import relay_record

__all__ = ["ReceiveJob"]

_STREAM_ORDER = ("Output", "Error", "Verbose", "Debug", "Warning", "Progress", "Information")

#: How often -Wait looks for new data while a job runs.
_POLL = 0.05


def _invalid(message: str) -> CmdletError:
    """PSTraceSource.NewInvalidOperationException thrown from BeginProcessing."""
    return CmdletError(message, error_id="InvalidOperation", category=ErrorCategory.InvalidOperation,
                       exception_type="System.Management.Automation.PSInvalidOperationException")  # fmt: skip


class JobStateEventArgs:
    """System.Management.Automation.JobStateEventArgs: -WriteEvents' record of a job's last state."""

    __ps_type_name__ = "System.Management.Automation.JobStateEventArgs"

    def __init__(self, info: JobStateInfo) -> None:
        self.JobStateInfo = info
        self.PreviousJobStateInfo = JobStateInfo(info.State.__class__.Running)


@register_cmdlet
class ReceiveJob(Cmdlet):
    name = "Receive-Job"

    def begin(self) -> None:
        params = self.params
        wait = bool(params.Wait)
        if wait and params.Keep:
            self.throw_terminating_error(
                _invalid("The Wait and Keep parameters cannot be used together in the same command.")
            )
        if params.WriteEvents and not wait:
            self.throw_terminating_error(
                _invalid("The WriteEvents parameter cannot be used without the Wait parameter.")
            )
        if params.AutoRemoveJob and not wait:
            self.throw_terminating_error(
                _invalid("The -AutoRemoveJob parameter cannot be used without the -Wait parameter")
            )
        if params.Force and not wait:
            self.throw_terminating_error(_invalid("The Force parameter cannot be used without the Wait parameter."))
        if params.WriteJobInResults and not wait:
            self.throw_terminating_error(_invalid(
                "The WriteJobInResults parameter cannot be used without the Wait parameter."))  # fmt: skip
        if params.is_bound("Session"):
            self.throw_terminating_error(CmdletError(
                "The command cannot retrieve the jobs of the specified computers. The ComputerName parameter can be "
                "used only with jobs created by using PowerShell remoting.", error_id="ComputerNameParamNotSupported",
                category=ErrorCategory.InvalidArgument, exception_type="System.ArgumentException"))  # fmt: skip
        self.jobs: list[Job] = []

    def process(self) -> None:
        params = self.params
        places = params.Location if params.is_bound("Location") else params.get("ComputerName", None)
        for job in select_jobs(self, recurse=False):
            if places and not any(like(job.Location, str(place)) for place in places):
                continue
            if job in self.jobs:
                continue
            self.jobs.append(job)
            if not params.Wait:
                self._write(job)

    def end(self) -> None:
        params = self.params
        if not params.Wait:
            return
        for job in self.jobs:
            if params.WriteJobInResults:
                self.write_output(job)
            while not job.finished:
                self._write(job)
                job.wait(_POLL)
                if self.stopping.is_set():
                    return
            self._write(job)
            if params.WriteEvents:  # the last state change of each child job, then of the job
                for each in [*job.ChildJobs, job]:
                    self.write_output(JobStateEventArgs(each.JobStateInfo))
            if params.AutoRemoveJob:
                session_jobs(self.runspace).remove(job)

    def _write(self, job: Job) -> None:
        keep = bool(self.params.Keep)
        sources = [job] if self.params.NoRecurse else (job.ChildJobs or [job])
        for source in sources:
            for stream in _STREAM_ORDER:
                for item in source.take(stream, keep):
                    self._emit_item(stream, item)

    def _emit_item(self, stream: str, item: Any) -> None:
        relay_record(self, stream.casefold(), item)
