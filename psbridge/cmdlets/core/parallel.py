"""ForEach-Object -Parallel: the block once per input object, up to -ThrottleLimit at a time,
each in a session of its own (PSTaskPool, PSTask).

Each task runs on a worker thread in its own runspace -- reused by the next task on that thread,
or new per task with -UseNewRunspace -- with ``$_``/``$PSItem`` the input object, the caller's
location, and the caller's ``$using:`` values (the objects themselves, as pwsh passes them:
threads share the process).  The caller's variables and functions are not there.  What a task
writes reaches ForEach-Object's own streams on the pipeline thread as it comes (the order
between tasks is the order they write in); a task that ends with a terminating error writes it as
a ``PSTaskException`` error record, and the other tasks go on.

-TimeoutSeconds stops the tasks still running when it passes (each writes a ``PSTaskException``
whose exception is PipelineStoppedException) and drops the ones not started: ForEach-Object
returns at the timeout.  A task's thread is stopped at its next statement (a Start-Sleep in it
wakes at once); code that blocks outside psbridge (a native call) ends on its own time, after
ForEach-Object has returned, and its output is dropped.
"""

from __future__ import annotations

import ctypes
import queue
import threading
import time
from concurrent.futures import Future
from typing import Any

from ...errors import ErrorCategory, ErrorRecord, PSError

__all__ = ["DaemonPool", "ParallelTasks", "TaskStopped", "relay_record", "stop_thread"]


class PipelineStoppedException(PSError):
    """System.Management.Automation.PipelineStoppedException: why a timed-out task ended."""

    dotnet_exception_type = "System.Management.Automation.PipelineStoppedException"
    default_error_id = "PipelineStopped"
    default_category = ErrorCategory.OperationStopped

    def __init__(self) -> None:
        super().__init__("The pipeline has been stopped.")


class TaskStopped(BaseException):
    """Raised in a task's thread to stop it (not an Exception: no script catch sees it)."""


def stop_thread(thread_id: int | None, runspace: Any) -> None:
    """Stop the work running on thread ``thread_id`` in ``runspace``: a wait in it (Start-Sleep) ends
    at once, and the thread raises TaskStopped at its next statement."""
    signal = getattr(runspace, "abort_signal", None)
    if signal is not None:
        signal.set()
    if thread_id is not None:
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(TaskStopped))


def task_error(exception: BaseException, category: str = ErrorCategory.InvalidOperation) -> ErrorRecord:
    """PSTask.HandleStateChanged: a terminating error as a non-terminating ``PSTaskException`` record
    (the id unqualified, as pwsh writes it from the task's data stream)."""
    type_name = getattr(exception, "dotnet_exception_type", "System.Management.Automation.RuntimeException")
    return ErrorRecord(
        exception, "PSTaskException", category, exception_type_name=str(type_name).rsplit(".", 1)[-1], activity=""
    )


def relay_record(cmdlet: Any, kind: str, item: Any) -> None:
    """Write one record of another session into ``cmdlet``'s streams, under its preferences."""
    if kind == "output":
        cmdlet.write_output(item)
    elif kind == "error":
        cmdlet.write_error(item)
    elif kind == "verbose":
        cmdlet.write_verbose(str(item))
    elif kind == "debug":
        cmdlet.write_debug(str(item))
    elif kind == "warning":
        cmdlet.write_warning(str(item))
    elif kind == "progress":
        if cmdlet.progress_enabled:
            cmdlet.streams.add_progress(item)
    elif kind == "information" and cmdlet.information_action != "Ignore":
        # as Write-Information does: recorded whatever the preference (the host shows it by the preference);
        # Write-Host's records (tag PSHOST) are shown on this session's host, as pwsh's host shows them
        cmdlet.collect_information(item)
        cmdlet.streams.add_information(item)
        host = cmdlet.runspace.host
        if host is not None and "PSHOST" in tuple(getattr(item, "tags", ()) or ()):
            from ..common.semantics import get_property

            data = item.message_data
            text = get_property(data, "Message")[1] if not isinstance(data, str) else data
            no_newline = bool(get_property(data, "NoNewLine")[1]) if not isinstance(data, str) else False
            message = "" if text is None else str(text)
            host.write(message if no_newline else message + "\n")


class DaemonPool:
    """Daemon worker threads running at most ``size`` tasks at a time, in order.  (concurrent.futures'
    pool joins its threads at exit: a task blocked outside psbridge, or a job still running, would
    hold the process; pwsh ends its tasks with the session.)  ``size`` may change: Start-ThreadJob
    -ThrottleLimit sets it for the session."""

    def __init__(self, size: int) -> None:
        self.size = max(size, 1)
        self.queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.threads: list[threading.Thread] = []
        self.active = 0
        self.slots = threading.Condition()

    def submit(self, function: Any, *args: Any) -> Future[None]:
        future: Future[None] = Future()
        self.queue.put((future, function, args))
        if len(self.threads) < self.size:
            thread = threading.Thread(target=self._work, name="psbridge-parallel", daemon=True)
            self.threads.append(thread)
            thread.start()
        return future

    def _work(self) -> None:
        while True:
            try:
                if not self._take():
                    return
            except TaskStopped:  # a stop that arrived as its task was ending
                continue

    def _take(self) -> bool:
        """Run the next task; False at shutdown."""
        item = self.queue.get()
        if item is None:
            return False
        future, function, args = item
        with self.slots:
            while self.active >= self.size:
                self.slots.wait()
            self.active += 1
        try:
            if future.set_running_or_notify_cancel():
                try:
                    future.set_result(function(*args))
                except BaseException as error:  # handed to the future, as concurrent.futures does
                    future.set_exception(error)
        finally:
            with self.slots:
                self.active -= 1
                self.slots.notify_all()
        return True

    def shutdown(self) -> None:
        for _ in self.threads:
            self.queue.put(None)


class _Task:
    """One input object's run: its future, and the thread and runspace while it runs."""

    def __init__(self, item: Any) -> None:
        self.item = item
        self.child: Any = None  # -AsJob: the child job this task is
        self.future: Future[None] | None = None
        self.thread_id: int | None = None
        self.runspace: Any = None
        self.stopped = False


class ParallelTasks:
    """The tasks of one ForEach-Object -Parallel call, and the queue their records come on."""

    def __init__(
        self, cmdlet: Any, block: Any, throttle: int, timeout: float, new_runspace: bool, using: dict[str, Any]
    ) -> None:
        from ...objects import to_ps_string

        self.cmdlet = cmdlet
        #: a Python callable (the Python API's -Parallel) runs as it is; a script block is compiled anew
        #: in each task's session from its text (its call sites cache what the caller's session resolved)
        self.callable = None if hasattr(block, "compiled") else block
        self.text = "" if self.callable is not None else to_ps_string(block)
        self.using = using
        self.location: str = cmdlet.runspace.location.path
        self.new_runspace = new_runspace
        self.deadline = time.monotonic() + timeout if timeout > 0 else None
        self.records: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.tasks: list[_Task] = []
        self.local = threading.local()
        self.executor = DaemonPool(throttle)
        self.timed_out = False
        #: -AsJob: the PSTaskJob the tasks are the children of (their records go to the child jobs)
        self.job: Any = None
        self.allocated = 0

    # -- the pipeline thread ----------------------------------------------------------------------------
    def submit(self, item: Any) -> None:
        if self.timed_out:
            return
        task = _Task(item)
        self.tasks.append(task)
        if self.job is not None:
            task.child = self.job.add_child(task)
        task.future = self.executor.submit(self._run, task)
        self.drain()

    def drain(self) -> None:
        """Write what the tasks have written so far."""
        while True:
            try:
                kind, item = self.records.get_nowait()
            except queue.Empty:
                return
            relay_record(self.cmdlet, kind, item)

    def finish(self) -> None:
        """Wait for every task (until the timeout), writing their records as they come."""
        try:
            while any(task.future is not None and not task.future.done() for task in self.tasks):
                self.drain()
                if self.deadline is not None and time.monotonic() >= self.deadline:
                    self._stop_all()
                    break
                if self.cmdlet.stopping.is_set():
                    self._stop_all(write=False)
                    break
                try:
                    kind, item = self.records.get(timeout=0.02)
                except queue.Empty:
                    continue
                relay_record(self.cmdlet, kind, item)
            self.drain()
        finally:
            self.executor.shutdown()

    def close(self) -> None:
        """The pipeline ended early (an error, Ctrl+C): stop what still runs (not a -AsJob job's tasks:
        the job goes on)."""
        if self.job is not None:
            self.executor.shutdown()
            return
        if any(task.future is not None and not task.future.done() for task in self.tasks):
            self._stop_all(write=False)
        self.executor.shutdown()

    def _stop_all(self, write: bool = True) -> None:
        self.timed_out = True
        for task in self.tasks:
            if self.stop_task(task) and write:
                relay_record(
                    self.cmdlet, "error", task_error(PipelineStoppedException(), ErrorCategory.OperationStopped)
                )
        self.drain()

    def stop_task(self, task: _Task) -> bool:
        """Stop a task: one not started is dropped (False), a running one stopped at its next
        statement (True)."""
        future = task.future
        if future is None or future.done():
            return False
        if future.cancel():  # not started: dropped, as pwsh's pool drops queued tasks
            return False
        task.stopped = True
        stop_thread(task.thread_id, task.runspace)
        return True

    # -- a worker thread -------------------------------------------------------------------------------
    def _runspace(self) -> Any:
        from ...runtime import Runspace
        from ...runtime.location import SessionLocation

        runspace: Any = None if self.new_runspace else getattr(self.local, "runspace", None)
        if runspace is None:
            runspace = Runspace()
            self.allocated += 1
            if not self.new_runspace:
                self.local.runspace = runspace
        runspace.location = SessionLocation(self.location)
        runspace.using_values = self.using
        runspace.abort_signal = threading.Event()
        return runspace

    def _run(self, task: _Task) -> None:
        task.thread_id = threading.get_ident()
        child = task.child
        put = self.records.put if child is None else child.add
        if child is not None:
            child.running()
        failure: BaseException | None = None
        try:
            if task.stopped or self.timed_out:
                return
            runspace = task.runspace = self._runspace()
            try:
                failure = self._invoke(task, runspace, put)
            finally:
                runspace.streams.listener = None
                runspace.streams.on_progress = None
                if self.new_runspace:
                    runspace.close()
        except TaskStopped:
            pass
        finally:
            task.thread_id = None
            if child is not None:
                child.ended(task.stopped, failure)

    def _block(self, runspace: Any, context: Any, script_block: Any) -> Any:
        """The block compiled for this thread's session (once per reused runspace)."""
        cached = getattr(self.local, "block", None)
        if cached is not None and cached[0] is runspace:
            return cached[1]
        block = script_block.from_text(self.text, context)
        self.local.block = (runspace, block)
        return block

    def _invoke(self, task: _Task, runspace: Any, put: Any) -> BaseException | None:
        """Run the task; the exception of its terminating error, if it had one."""
        from ...language.engine.context import CURRENT, context_of
        from ...language.engine.flow import BreakException, ContinueException, ExitException
        from ...language.engine.functions import ScriptBlockCommandInfo
        from ...language.engine.scriptblock import ScriptBlock
        from ...runtime.pipeline import CommandCall, run_pipeline

        def listen(stream: str, item: Any) -> None:
            if not task.stopped:
                put((stream, item))

        def write(value: Any) -> None:
            if not task.stopped:
                put(("output", value))

        runspace.streams.listener = listen
        runspace.streams.on_progress = lambda record: listen("progress", record)
        context = context_of(runspace)
        token = CURRENT.set(context)
        scope = runspace.global_scope
        try:
            if self.callable is not None:
                from ..common.scriptblocks import output_of

                for value in output_of(self.callable, task.item):
                    write(value)
                return None
            scope.set("_", task.item)
            scope.set("PSItem", task.item)
            block = self._block(runspace, context, ScriptBlock)
            call = CommandCall("", [], command=ScriptBlockCommandInfo(block))  # type: ignore[arg-type]
            run_pipeline(runspace, [call], output=write)
        except (ExitException, BreakException, ContinueException):
            pass
        except PSError as error:
            if not task.stopped:
                record = error.error_record
                # a job's child keeps the error as it was; ForEach-Object writes it as PSTask does
                put(("error", record if task.child is not None else task_error(record.exception)))
                return record.exception
        finally:
            CURRENT.reset(token)
        return None
