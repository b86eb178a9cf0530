"""Stop-Job: stop the jobs named (their processes are ended; a finished job is left as it is);
-PassThru writes them (StopJobCommand)."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.files import should_process
from .job_select import find_jobs

__all__ = ["StopJob"]


@register_cmdlet
class StopJob(Cmdlet):
    name = "Stop-Job"

    def process(self) -> None:
        params = self.params
        for job in find_jobs(self, recurse=False):
            target = f'Remote Command: {job.Command}, associated with the job that has an ID of "{job.Id}".'
            if not should_process(self, target, "Stop"):
                continue
            job.stop()
            if params.PassThru:
                self.write_output(job)
