"""Start-ThreadJob: a job that runs its block on a thread of this process, in a session of its own.

As the ThreadJob module's ThreadJob: the job (PSJobTypeName ``ThreadJob``, Location
``PowerShell``) holds what the block writes itself -- the objects, not deserialized copies -- and
waits NotStarted until one of the session's thread-job workers is free (-ThrottleLimit, 5 by
default, holds for every thread job of the session; the last one given wins).  The block gets
-ArgumentList, the piped input as ``$input``, the caller's ``$using:`` values (the objects
themselves) and location; -InitializationScript runs first, in the same session, and its output is
the job's too.  A terminating error fails the job (its JobStateInfo.Reason); Stop-Job stops it at
its next statement.

PowerShell's docs folder has no page for the ThreadJob module, so the parameters here follow
StartThreadJobCommand's declarations.
"""

from __future__ import annotations

import threading
from typing import Any

from ...errors import ErrorCategory
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import NOT_BOUND, Cmdlet
from ...specs.model import ALL_SETS, CmdletSpec, ParameterSetInfo, ParameterSpec
from ..common.errors import CmdletError
from ..core.jobs import Job, JobState, collect_piped_input, session_jobs

__all__ = ["StartThreadJob", "ThreadJob"]


def _spec() -> CmdletSpec:
    every = {ALL_SETS: ParameterSetInfo()}
    parameters = [
        ParameterSpec("ScriptBlock", "ScriptBlock", sets={"ScriptBlock": ParameterSetInfo(mandatory=True, position=0)}),
        ParameterSpec("FilePath", "String", sets={"FilePath": ParameterSetInfo(mandatory=True, position=0)}),
        ParameterSpec("Name", "String", sets=dict(every)),
        ParameterSpec("InitializationScript", "ScriptBlock", sets=dict(every)),
        ParameterSpec("InputObject", "PSObject", sets={ALL_SETS: ParameterSetInfo(value_from_pipeline=True)}),
        ParameterSpec("ArgumentList", "Object[]", sets=dict(every)),
        ParameterSpec("ThrottleLimit", "Int32", sets=dict(every), default="5", validate_range=(1, 2147483647)),
        ParameterSpec("StreamingHost", "System.Management.Automation.Host.PSHost", sets=dict(every)),
    ]
    return CmdletSpec(
        "Start-ThreadJob",
        {parameter.name: parameter for parameter in parameters},
        parameter_sets=("ScriptBlock", "FilePath"),
        default_parameter_set="ScriptBlock",
        module="Microsoft.PowerShell.ThreadJob",
        outputs=("ThreadJob.ThreadJob",),
    )


class ThreadJob(Job):
    """ThreadJob.ThreadJob."""

    __ps_type_name__ = "ThreadJob.ThreadJob"
    pstypenames = ("ThreadJob.ThreadJob", "System.Management.Automation.Job2", "System.Management.Automation.Job",
                   "System.Object")  # fmt: skip

    def __init__(self, job_id: int, name: str, command: str) -> None:
        super().__init__(job_id, name, command)
        self.PSJobTypeName = "ThreadJob"
        self.Location = "PowerShell"
        self.thread_id: int | None = None
        self.runspace: Any = None
        self.stopped = False

    def stop(self) -> None:
        if self.finished:
            return
        self.stopped = True
        if self.State is JobState.NotStarted:
            self.set_state(JobState.Stopped)
            return
        from ..core.parallel import stop_thread

        stop_thread(self.thread_id, self.runspace)
        self.set_state(JobState.Stopped)


class _Workers:
    """The session's thread-job workers (the ThreadJob module's ThreadJobQueue)."""

    def __init__(self) -> None:
        from ..core.parallel import DaemonPool

        self.pool = DaemonPool(5)

    def throttle(self, limit: int) -> None:
        self.pool.size = max(limit, 1)


_lock = threading.Lock()


def _workers(runspace: Any) -> _Workers:
    with _lock:
        workers: _Workers | None = getattr(runspace, "psbridge_thread_jobs", None)
        if workers is None:
            workers = _Workers()
            runspace.psbridge_thread_jobs = workers
        return workers


@register_cmdlet
class StartThreadJob(Cmdlet):
    name = "Start-ThreadJob"
    spec = _spec()

    def begin(self) -> None:
        from ..core.using_values import UsingVariableUndefined, using_values

        params = self.params
        self.input: list[Any] | None = None
        if params.is_bound("StreamingHost"):
            self.throw_terminating_error(CmdletError(
                "Start-ThreadJob -StreamingHost is not supported by psbridge: a job's records are received with "
                "Receive-Job.", error_id="StreamingHostNotSupported", category=ErrorCategory.NotImplemented,
                exception_type="System.NotSupportedException"))  # fmt: skip
        if params.is_bound("FilePath"):
            path = self.runspace.location.resolve(str(params.FilePath))
            try:
                with open(path, encoding="utf-8-sig") as handle:
                    self.script = handle.read()
            except OSError:
                self.throw_terminating_error(CmdletError(
                    f"Cannot find path '{path}' because it does not exist.", error_id="PathNotFound",
                    category=ErrorCategory.ObjectNotFound, target_object=path,
                    exception_type="System.Management.Automation.ItemNotFoundException"))  # fmt: skip
            from ...language.engine.scriptblock import ScriptBlock

            block: Any = ScriptBlock.from_text(self.script)
        else:
            block = params.ScriptBlock
            self.script = to_ps_string(block)
        try:
            self.using = using_values(block, self.runspace.current_scope)
        except UsingVariableUndefined as error:
            self.throw_terminating_error(error)
        if params.is_bound("ThrottleLimit"):
            _workers(self.runspace).throttle(int(params.ThrottleLimit))

    def process(self) -> None:
        self.input = collect_piped_input(self, self.input)

    def end(self) -> None:
        params = self.params
        value = params.bound_value("InputObject")
        if self.input is None and value is not NOT_BOUND:
            self.input = list(value) if isinstance(value, list | tuple) else [value]
        table = session_jobs(self.runspace)
        job_id = table.next_ids(1)
        job = ThreadJob(job_id, str(params.Name) if params.Name else f"Job{job_id}", self.script)
        init = params.InitializationScript
        run = _Run(job, self.script, None if init is None else to_ps_string(init), list(params.ArgumentList or []),
                   self.input, self.using, self.runspace.location.path)  # fmt: skip
        table.add(job)
        _workers(self.runspace).pool.submit(run)
        self.write_output(job)


class _Run:
    """The job's work, on a worker thread."""

    def __init__(self, job: ThreadJob, script: str, init: str | None, arguments: list[Any], pipeline_input: Any,
                 using: dict[str, Any], location: str) -> None:  # fmt: skip
        self.job = job
        self.script = script
        self.init = init
        self.arguments = arguments
        self.pipeline_input = pipeline_input
        self.using = using
        self.location = location

    def __call__(self) -> None:
        from ..core.parallel import TaskStopped

        job = self.job
        if job.stopped:
            return
        job.thread_id = threading.get_ident()
        job.set_state(JobState.Running)
        failure: BaseException | None = None
        try:
            failure = self._run()
        except TaskStopped:
            pass
        finally:
            job.thread_id = None
            if job.stopped:
                job.set_state(JobState.Stopped)
            elif failure is not None:
                job.set_state(JobState.Failed, failure)
            else:
                job.set_state(JobState.Completed)

    def _run(self) -> BaseException | None:
        from ...binding import CommandArgument
        from ...errors import PSError
        from ...language.engine.context import CURRENT, context_of
        from ...language.engine.flow import BreakException, ContinueException, ExitException
        from ...language.engine.functions import ScriptBlockCommandInfo
        from ...language.engine.scriptblock import ScriptBlock
        from ...runtime import Runspace
        from ...runtime.location import SessionLocation
        from ...runtime.pipeline import NO_INPUT, CommandCall, run_pipeline

        job = self.job
        runspace = job.runspace = Runspace()
        runspace.location = SessionLocation(self.location)
        runspace.using_values = self.using  # type: ignore[attr-defined]
        runspace.abort_signal = threading.Event()  # type: ignore[attr-defined]
        runspace.streams.listener = lambda stream, item: job.add((stream, item))
        runspace.streams.on_progress = lambda record: job.add(("progress", record))
        context = context_of(runspace)
        token = CURRENT.set(context)

        def run(text: str, arguments: list[Any], pipeline_input: Any, dot_source: bool) -> None:
            block = ScriptBlock.from_text(text, context)
            call = CommandCall("", [CommandArgument.positional(value) for value in arguments],
                               command=ScriptBlockCommandInfo(block, dot_source=dot_source))  # type: ignore[arg-type]  # fmt: skip
            run_pipeline(runspace, [call], pipeline_input, output=lambda value: job.add(("output", value)))

        try:
            if self.init is not None:
                run(self.init, [], NO_INPUT, True)
            run(self.script, self.arguments, NO_INPUT if self.pipeline_input is None else self.pipeline_input, False)
        except (ExitException, BreakException, ContinueException):
            pass
        except PSError as error:
            record = error.error_record
            job.add(("error", record))
            return record.exception
        finally:
            CURRENT.reset(token)
            runspace.close()
        return None
