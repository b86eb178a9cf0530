"""Wait-Job: wait until the jobs are finished (Completed, Failed or Stopped), or until one is with
-Any, then write them; -Timeout seconds bounds the wait (-1, the default, waits as long as it
takes) and writes nothing when it passes first (WaitJobCommand).  Ctrl+C ends the wait at once."""

from __future__ import annotations

import time

from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from .job_select import find_jobs
from .jobs import Job

__all__ = ["WaitJob", "wait_for"]

#: How often a wait looks at the pipeline's stop signal.
_SLICE = 0.05


def wait_for(cmdlet: Cmdlet, jobs: list[Job], timeout: float | None, any_job: bool = False) -> bool:
    """Wait until every job (``any_job``: one of them) is finished; False when ``timeout`` seconds
    passed or the pipeline was stopped first."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        done = [job for job in jobs if job.finished]
        if (any_job and done) or (not any_job and len(done) == len(jobs)):
            return True
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            return False
        pending = next(job for job in jobs if not job.finished)
        pending.wait(_SLICE if remaining is None else min(_SLICE, remaining))
        if cmdlet.stopping.is_set():
            return False


@register_cmdlet
class WaitJob(Cmdlet):
    name = "Wait-Job"

    def begin(self) -> None:
        self.jobs: list[Job] = []

    def process(self) -> None:
        for job in find_jobs(self):
            if job not in self.jobs:
                self.jobs.append(job)

    def end(self) -> None:
        params = self.params
        timeout = int(params.Timeout) if params.is_bound("Timeout") else -1
        if not self.jobs:
            return
        # -Force also counts Suspended and Disconnected jobs as done, states a background job never has
        _ = params.Force
        any_job = bool(params.Any)
        finished = wait_for(self, self.jobs, None if timeout < 0 else float(timeout), any_job)
        if not finished and not any_job:
            return
        done = [job for job in self.jobs if job.finished]
        for job in done[:1] if any_job else done:
            self.write_output(job)
