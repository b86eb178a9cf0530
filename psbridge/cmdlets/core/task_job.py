"""ForEach-Object -Parallel -AsJob: a PSTaskJob whose child jobs are the tasks (PSTaskJob,
PSTaskChildJob).

The job is written at once and joins the session's jobs; each input becomes a child job that
waits (NotStarted) until one of the -ThrottleLimit workers takes it, runs as a -Parallel task does
(:mod:`.parallel`) and keeps what it writes -- the objects themselves, nothing is serialized --
for Receive-Job.  A child ends Completed, Failed (its terminating error is its last error and its
JobStateInfo.Reason) or Stopped; the job ends when every child has, Failed if one failed.
"""

from __future__ import annotations

import threading
from typing import Any

from .jobs import FINISHED, Job, JobState, session_jobs

__all__ = ["TaskChildJob", "TaskJob"]


class TaskChildJob(Job):
    """PSTaskChildJob: one input's task."""

    __ps_type_name__ = "System.Management.Automation.PSTaskChildJob"
    pstypenames = ("System.Management.Automation.PSTaskChildJob", "System.Management.Automation.Job", "System.Object")

    def __init__(self, job_id: int, command: str, parent: TaskJob) -> None:
        super().__init__(job_id, f"Job{job_id}", command)
        self.PSJobTypeName = ""
        self.Location = "PowerShell"
        self.parent = parent
        self.task: Any = None

    def running(self) -> None:
        self.set_state(JobState.Running)

    def ended(self, stopped: bool, failure: BaseException | None) -> None:
        if stopped:
            self.set_state(JobState.Stopped)
        elif failure is not None:
            self.set_state(JobState.Failed, failure)
        else:
            self.set_state(JobState.Completed)
        self.parent.child_ended()

    def stop(self) -> None:
        if self.finished:
            return
        if self.task is not None:
            self.parent.tasks.stop_task(self.task)
        self.set_state(JobState.Stopped)
        self.parent.child_ended()


class TaskJob(Job):
    """PSTaskJob: what ``ForEach-Object -Parallel -AsJob`` returns."""

    __ps_type_name__ = "System.Management.Automation.PSTaskJob"
    pstypenames = ("System.Management.Automation.PSTaskJob", "System.Management.Automation.Job", "System.Object")

    def __init__(self, runspace: Any, command: str, tasks: Any) -> None:
        self.table = session_jobs(runspace)
        job_id = self.table.next_ids(1)
        super().__init__(job_id, f"Job{job_id}", command)
        self.PSJobTypeName = "PSTaskJob"
        self.Location = "PowerShell"
        self.tasks = tasks
        self.input_done = False
        self._children_lock = threading.Lock()
        self.set_state(JobState.Running)
        self.table.add(self)

    @property
    def AllocatedRunspaceCount(self) -> int:
        return int(self.tasks.allocated)

    def add_child(self, task: Any) -> TaskChildJob:
        child = TaskChildJob(self.table.next_ids(1), self.Command, self)
        child.task = task
        with self._children_lock:
            self.ChildJobs.append(child)
        return child

    def close_input(self) -> None:
        """No more inputs: the job ends when its children have."""
        self.input_done = True
        self.child_ended()

    def child_ended(self) -> None:
        with self._children_lock:
            children = list(self.ChildJobs)
        if not self.input_done or any(child.State not in FINISHED for child in children):
            return
        states = {child.State for child in children}
        if JobState.Failed in states:
            failed = next(child for child in children if child.State is JobState.Failed)
            self.set_state(JobState.Failed, failed.JobStateInfo.Reason)
        elif JobState.Stopped in states:
            self.set_state(JobState.Stopped)
        else:
            self.set_state(JobState.Completed)

    def stop(self) -> None:
        for child in list(self.ChildJobs):
            child.stop()
        self.input_done = True
        self.child_ended()
        if not self.finished:
            self.set_state(JobState.Stopped)
