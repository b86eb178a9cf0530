"""Background jobs: the job objects Start-Job returns and the session's table of them.

A :class:`BackgroundJob` is pwsh's PSRemotingJob of PSJobTypeName ``BackgroundJob``: a parent
job whose one child job (a :class:`ChildJob`) runs the script block in a process of its own
(:mod:`.job_host`) and holds what it writes, deserialized (:mod:`.job_transfer`).  Ids come
from one counter per session, the parent first and its child next (``Start-Job`` twice gives
jobs 1 and 3, as in pwsh).  A reader thread takes the process's messages as they come, so
``Receive-Job`` without ``-Wait`` returns what the job has written so far and ``HasMoreData``
and ``State`` change while the caller runs.

Nothing waits without a bound: :meth:`Job.wait` takes a timeout, stopping a job terminates its
process (then kills it if it has not ended within a second), and a process that dies without
saying how it ended leaves its job Failed.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from typing import Any

from ...conversion.enums import _NetEnum
from ...runtime.cmdlet import NOT_BOUND

__all__ = ["BackgroundJob", "ChildJob", "Job", "JobState", "JobStream", "session_jobs"]


class JobState(_NetEnum):
    """System.Management.Automation.JobState."""

    __ps_type_name__ = "System.Management.Automation.JobState"

    NotStarted = 0
    Running = 1
    Completed = 2
    Failed = 3
    Stopped = 4
    Blocked = 5
    Suspended = 6
    Disconnected = 7
    Suspending = 8
    Stopping = 9
    AtBreakpoint = 10


#: The states a job does not leave (Job.IsFinishedState).
FINISHED = frozenset({JobState.Completed, JobState.Failed, JobState.Stopped})


class JobStream(list[Any]):
    """One of a job's data collections (PSDataCollection): ``ReadAll()`` takes everything."""

    __ps_type_name__ = "System.Management.Automation.PSDataCollection"

    def ReadAll(self) -> list[Any]:
        taken = list(self)
        self.clear()
        return taken


class JobStateInfo:
    """System.Management.Automation.JobStateInfo: the state and, for a failed job, why."""

    __ps_type_name__ = "System.Management.Automation.JobStateInfo"

    def __init__(self, state: JobState, reason: Any = None) -> None:
        self.State = state
        self.Reason = reason

    def __str__(self) -> str:
        return self.State.name


#: Messages a session's streams give as text, kept as the records PSDataCollections hold.
_MESSAGE_RECORDS = {"warning": "WarningRecord", "verbose": "VerboseRecord", "debug": "DebugRecord"}

_STREAMS = ("Output", "Error", "Progress", "Verbose", "Debug", "Warning", "Information")


class Job:
    """What every job has: identity, state, the data collections and the job table's columns."""

    __ps_type_name__ = "System.Management.Automation.Job"
    pstypenames: tuple[str, ...] = ("System.Management.Automation.Job", "System.Object")

    def __init__(self, job_id: int, name: str, command: str) -> None:
        self.Id = job_id
        self.Name = name
        self.InstanceId = uuid.uuid4()
        self.Command = command
        self.Location = "localhost"
        self.PSJobTypeName = "BackgroundJob"
        self.StatusMessage = ""
        self.PSBeginTime: dt.datetime | None = None
        self.PSEndTime: dt.datetime | None = None
        self.JobStateInfo = JobStateInfo(JobState.NotStarted)
        self.Output = JobStream()
        self.Error = JobStream()
        self.Progress = JobStream()
        self.Verbose = JobStream()
        self.Debug = JobStream()
        self.Warning = JobStream()
        self.Information = JobStream()
        self.ChildJobs: list[Job] = []
        self._finished = threading.Event()
        self._lock = threading.Lock()

    @property
    def State(self) -> JobState:
        return self.JobStateInfo.State

    @property
    def HasMoreData(self) -> bool:
        if self.ChildJobs:
            return any(child.HasMoreData for child in self.ChildJobs)
        return any(getattr(self, stream) for stream in _STREAMS)

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    def wait(self, timeout: float | None) -> bool:
        """Wait until the job is in a finished state; False when ``timeout`` passed first."""
        return self._finished.wait(timeout)

    def set_state(self, state: JobState, reason: Any = None) -> None:
        with self._lock:
            if self.State in FINISHED:
                return
            self.JobStateInfo = JobStateInfo(state, reason)
            if state is JobState.Running:
                self.PSBeginTime = dt.datetime.now()
            elif state in FINISHED:
                self.PSEndTime = dt.datetime.now()
        if state in FINISHED:
            self._finished.set()

    def add(self, message: tuple[str, Any]) -> None:
        """A record a thread job's session wrote: ``(stream, item)`` as its streams' listener gives it."""
        kind, item = message
        if kind in _MESSAGE_RECORDS:
            from ...runtime import streams

            item = getattr(streams, _MESSAGE_RECORDS[kind])(str(item))
        with self._lock:
            getattr(self, kind.capitalize()).append(item)

    def take(self, stream: str, keep: bool) -> list[Any]:
        """The collection's items; without ``keep`` they are removed (Receive-Job's ReadAll)."""
        collection: JobStream = getattr(self, stream)
        with self._lock:
            items = list(collection)
            if not keep:
                collection.clear()
        return items

    def stop(self) -> None:
        """Stop the job (and its children); a finished job stays as it is."""
        for child in self.ChildJobs:
            child.stop()

    def __str__(self) -> str:  # Object.ToString(): the type's name (what `Get-Job $job` binds as -Name)
        return str(type(self).__ps_type_name__)


class ChildJob(Job):
    """PSRemotingChildJob: runs the block in a process and collects what it writes."""

    __ps_type_name__ = "System.Management.Automation.PSRemotingChildJob"
    pstypenames = ("System.Management.Automation.PSRemotingChildJob", "System.Management.Automation.Job",
                   "System.Object")  # fmt: skip

    def __init__(self, job_id: int, name: str, command: str, parent: BackgroundJob) -> None:
        super().__init__(job_id, name, command)
        self.parent = parent
        self._process: Any = None
        self._stop_requested = False

    def start(self, payload: dict[str, Any]) -> None:
        from .job_host import start_job_process

        process, conn = start_job_process(payload)
        self._process = process
        self.set_state(JobState.Running)
        reader = threading.Thread(target=self._read, args=(conn,), name=f"psbridge-job-{self.Id}", daemon=True)
        reader.start()

    def _read(self, conn: Any) -> None:
        """Take the process's messages until it ends (the reader thread)."""
        from .job_transfer import load, load_error

        state = JobState.Failed
        reason: Any = "The background process reported an error."
        try:
            while True:
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    break
                kind = message[0]
                if kind == "state":
                    state, reason = JobState[message[1]], message[2]
                    continue
                item = _item(kind, message, load, load_error)
                with self._lock:
                    getattr(self, kind.capitalize()).append(item)
        finally:
            conn.close()
            process = self._process
            if process is not None:
                process.join(1.0)
            if self._stop_requested:
                state, reason = JobState.Stopped, None
            if state is JobState.Failed and isinstance(reason, str):
                # the job's terminating error (its last error record) is why it failed
                reason = self.Error[-1].exception if self.Error else _failure(reason)
            self.set_state(state, reason)
            self.parent.child_finished()

    def stop(self) -> None:
        if self.finished:
            return
        self._stop_requested = True
        self.set_state_stopping()
        process = self._process
        if process is not None and process.is_alive():
            process.terminate()
            process.join(1.0)
            if process.is_alive():
                process.kill()
                process.join(1.0)
        # the reader thread sees the pipe close and marks the job Stopped
        self.wait(5.0)
        if not self.finished:
            self.set_state(JobState.Stopped)
            self.parent.child_finished()

    def set_state_stopping(self) -> None:
        with self._lock:
            if self.State not in FINISHED:
                self.JobStateInfo = JobStateInfo(JobState.Stopping)


def _failure(message: str) -> BaseException:
    from .job_transfer import RemoteException

    return RemoteException(message, "RuntimeException")


def _item(kind: str, message: tuple[Any, ...], load: Any, load_error: Any) -> Any:
    """A message's object as the job's collection holds it."""
    from ...runtime.streams import DebugRecord, InformationRecord, ProgressRecord, VerboseRecord, WarningRecord

    if kind == "output":
        return load(message[1])
    if kind == "error":
        return load_error(message[1])
    if kind == "information":
        return InformationRecord(load(message[1]), message[2], tuple(message[3]))
    if kind == "progress":
        return ProgressRecord(**message[1])
    record_type = {"warning": WarningRecord, "verbose": VerboseRecord, "debug": DebugRecord}[kind]
    return record_type(message[1])


class BackgroundJob(Job):
    """The job Start-Job returns (PSRemotingJob): its state follows its one child's."""

    __ps_type_name__ = "System.Management.Automation.PSRemotingJob"
    pstypenames = ("System.Management.Automation.PSRemotingJob", "System.Management.Automation.Job",
                   "System.Object")  # fmt: skip

    def child_finished(self) -> None:
        child = self.ChildJobs[0]
        self.set_state(child.State, child.JobStateInfo.Reason)

    def start(self, child_id: int, payload: dict[str, Any]) -> None:
        child = ChildJob(child_id, f"Job{child_id}", self.Command, self)
        self.ChildJobs.append(child)
        self.set_state(JobState.Running)
        try:
            child.start(payload)
        except BaseException:
            self.set_state(JobState.Failed)
            raise

    def stop(self) -> None:
        super().stop()
        if not self.finished:
            self.set_state(JobState.Stopped)


class JobTable:
    """The session's jobs (pwsh's JobRepository) and its id counter."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []
        self._next_id = 1
        self._lock = threading.Lock()

    def next_ids(self, count: int) -> int:
        """Reserve ``count`` consecutive ids; the first of them."""
        with self._lock:
            first = self._next_id
            self._next_id += count
        return first

    def add(self, job: Job) -> None:
        with self._lock:
            self.jobs.append(job)

    def remove(self, job: Job) -> None:
        with self._lock:
            if job in self.jobs:
                self.jobs.remove(job)

    def snapshot(self) -> list[Job]:
        with self._lock:
            return list(self.jobs)


def collect_piped_input(cmdlet: Any, collected: list[Any] | None) -> list[Any] | None:
    """A job-starting cmdlet's ``process``: the object piped in joins the input its job gets (the
    job runs once, at ``end``, over everything that came down the pipeline)."""
    value = cmdlet.params.bound_value("InputObject")
    if value is not NOT_BOUND and cmdlet.expecting_input:
        if collected is None:
            collected = []
        collected.append(value)
    return collected


def session_jobs(runspace: Any) -> JobTable:
    """The runspace's job table, made on first use."""
    table: JobTable | None = getattr(runspace, "psbridge_jobs", None)
    if table is None:
        table = JobTable()
        runspace.psbridge_jobs = table
    return table


def _register_properties() -> None:
    """The properties Format-List * and Select-Object * show, in pwsh's order (Job's public ones)."""
    from ...objects.typedata import DOTNET_PROPERTIES

    names = ("State", "HasMoreData", "StatusMessage", "Location", "Command", "JobStateInfo", "InstanceId", "Id",
             "Name", "ChildJobs", "PSBeginTime", "PSEndTime", "PSJobTypeName", "Output", "Error", "Progress",
             "Verbose", "Debug", "Warning", "Information")  # fmt: skip
    for job_type in (BackgroundJob, ChildJob, Job):
        DOTNET_PROPERTIES.setdefault(job_type.__ps_type_name__, names)
    DOTNET_PROPERTIES.setdefault(JobStateInfo.__ps_type_name__, ("State", "Reason"))


class _JobType:
    """Factory of the PSTypes of the job classes: ``$j -is [System.Management.Automation.Job]``,
    and -Job parameters that take nothing but jobs."""

    @staticmethod
    def make(full_name: str, python_type: type) -> Any:
        from ...conversion import PSType

        class JobClassType(PSType):
            def is_instance(self, value: Any) -> bool:
                return isinstance(value, python_type)

        return JobClassType(full_name)


def _register_types() -> None:
    from ...conversion.basictypes import EnumType
    from ...conversion.typenames import register_type, registered_type

    for job_type in (Job, BackgroundJob, ChildJob):
        if registered_type(job_type.__ps_type_name__) is None:
            register_type(_JobType.make(job_type.__ps_type_name__, job_type))
    if registered_type(JobState.__ps_type_name__) is None:
        register_type(EnumType(JobState.__ps_type_name__, JobState))


_register_properties()
_register_types()
