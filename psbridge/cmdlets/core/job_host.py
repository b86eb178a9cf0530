"""Starting a job's process.

pwsh starts a new ``pwsh`` process per job.  A new Python process would pay psbridge's start-up
(0.5 s of CPU here) for every job, so psbridge uses ``multiprocessing``'s *forkserver*: the
first job of a session starts one server process that imports the language engine once, and
every job process is forked from that server -- a fresh process that never saw the caller's
state (the server was started clean, not forked from the caller), at a few milliseconds a job.

Job processes are daemonic: when the session's Python process exits, its jobs' processes are
ended, as pwsh ends its jobs' processes when the session closes.  A job process may start jobs
of its own (``Start-Job { Start-Job {...} | Receive-Job -Wait }``).
"""

from __future__ import annotations

import multiprocessing
import threading
from typing import Any

__all__ = ["start_job_process"]

#: What the server imports before forking: what running a small script needs.
_PRELOAD = [
    "psbridge.cmdlets.core.job_process",
    "psbridge.cmdlets.core.job_transfer",
    "psbridge.language.engine.run",
    "psbridge.language.parser",
    "psbridge.language.compiler",
    "psbridge.runtime.pipeline",
    "psbridge.cmdlets.utility.write_output",
    "psbridge.cmdlets.utility.write_streams",
    "psbridge.cmdlets.utility.start_sleep",
]

_lock = threading.Lock()
_context: Any = None


def _forkserver() -> Any:
    global _context
    with _lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(_PRELOAD)
            _context = context
        return _context


def start_job_process(payload: dict[str, Any]) -> tuple[Any, Any]:
    """Start a process running ``payload``; (the process, the end of the pipe its messages come on)."""
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_job_main, args=(payload, sender), daemon=True, name="psbridge-job")
    _install_main_filter()
    _starting.active = True
    try:
        process.start()
    finally:
        _starting.active = False
    sender.close()  # the child holds its own copy: the receiver sees EOF when the child ends
    return process, receiver


#: Set on the thread starting a job process while it does.
_starting = threading.local()
_filter_installed = False


def _install_main_filter() -> None:
    """multiprocessing prepares a new process by importing the parent's ``__main__`` again (its file,
    or its module under ``-m``): a user's script that calls psbridge at its top level would run
    again in every job process, and a program read from standard input cannot be imported at all.
    A job needs nothing of it, so psbridge's job processes are started without it (other uses of
    multiprocessing in the process are left as they are)."""
    global _filter_installed
    with _lock:
        if _filter_installed:
            return
        from multiprocessing import spawn

        prepare = spawn.get_preparation_data

        def without_main(name: str) -> dict[str, Any]:
            data: dict[str, Any] = prepare(name)
            if getattr(_starting, "active", False):
                data.pop("init_main_from_path", None)
                data.pop("init_main_from_name", None)
            return data

        spawn.get_preparation_data = without_main
        _filter_installed = True


def _job_main(payload: dict[str, Any], conn: Any) -> None:
    """In the job's process: allow it to start jobs of its own, leave Ctrl+C to the session (which
    stops its jobs itself), end if the session's process dies, then run the job."""
    import signal

    multiprocessing.current_process()._config.pop("daemon", None)  # type: ignore[attr-defined]
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None and parent.sentinel is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), name="psbridge-job-watch", daemon=True).start()
    from .job_process import run_job

    run_job(payload, conn)


def _end_with(sentinel: int) -> None:
    """End this job process when the session's process is gone (killed, or exited without ending its jobs)."""
    import os
    from multiprocessing.connection import wait

    wait([sentinel])
    os._exit(1)
