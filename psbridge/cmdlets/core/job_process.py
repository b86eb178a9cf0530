"""The process side of a background job: run the job's script block in a session of its own and
send back everything it writes, as it writes it.

A job process (started by :mod:`.job_host`) shares nothing with the session that started it, as
pwsh's job process shares nothing with its parent: it gets the script block's text, its
arguments, input and ``$using:`` values as deserialized copies (:mod:`.job_transfer`), starts in
the caller's location, and answers with messages on a pipe:

``("output", data)``, ``("error", data)``, ``("warning", text)``, ``("verbose", text)``,
``("debug", text)``, ``("information", data)``, ``("progress", fields)``, and last
``("state", "Completed" | "Failed", reason)``.  A terminating error (``throw``, ``-ErrorAction
Stop``) is written as the job's last error and makes it Failed, as in pwsh.
"""

from __future__ import annotations

import os
import threading
from typing import Any

__all__ = ["run_job"]


def run_job(payload: dict[str, Any], conn: Any) -> None:
    """The job process's entry point (``payload`` as :class:`.jobs.BackgroundJob` makes it)."""
    lock = threading.Lock()

    def send(*message: Any) -> None:
        with lock:
            conn.send(message)

    state, reason = "Completed", None
    try:
        state, reason = _run(payload, send)
    except BaseException as error:  # a bug here must still end the job, not leave it Running
        state, reason = "Failed", f"{type(error).__name__}: {error}"
    try:
        send("state", state, reason)
    finally:
        conn.close()


def _run(payload: dict[str, Any], send: Any) -> tuple[str, str | None]:
    from ...binding import CommandArgument
    from ...errors import PSError
    from ...language.engine.context import CURRENT, context_of
    from ...language.engine.flow import BreakException, ContinueException, ExitException
    from ...language.engine.functions import ScriptBlockCommandInfo
    from ...language.engine.scriptblock import ScriptBlock
    from ...runtime import Runspace
    from ...runtime.location import SessionLocation
    from ...runtime.pipeline import NO_INPUT, CommandCall, run_pipeline
    from .job_transfer import dump, dump_error, load

    # the job process is forked from a server started earlier: it takes the caller's environment
    # as it is now, as a new pwsh process would inherit it
    os.environ.clear()
    os.environ.update(payload["environment"])
    location = payload["location"]
    try:
        os.chdir(location)
    except OSError:
        pass
    runspace = Runspace()
    runspace.location = SessionLocation(location)
    runspace.using_values = {key: load(value) for key, value in payload["using"].items()}  # type: ignore[attr-defined]
    streams = runspace.streams

    def relay(stream: str, item: Any) -> None:
        if stream == "error":
            send("error", dump_error(item))
        elif stream == "information":
            send("information", dump(item.message_data), item.source, list(item.tags))
        else:
            send(stream, str(item))

    streams.listener = relay
    streams.on_progress = lambda record: send("progress", _progress_fields(record))
    context = context_of(runspace)

    def run_block(text: str, arguments: list[Any], pipeline_input: Any, dot_source: bool = False) -> None:
        # the block runs as a command (a child of the global scope; the initialization script
        # dot-sourced, so what it defines stays), each output object sent as it comes
        block = ScriptBlock.from_text(text, context)
        call = CommandCall("", [CommandArgument.positional(value) for value in arguments],
                           command=ScriptBlockCommandInfo(block, dot_source=dot_source))  # type: ignore[arg-type]  # fmt: skip
        run_pipeline(runspace, [call], pipeline_input, output=lambda value: send("output", dump(value)))

    token = CURRENT.set(context)
    try:
        if payload.get("init"):
            run_block(payload["init"], [], NO_INPUT, dot_source=True)
        arguments = [load(value) for value in payload["args"]]
        pipeline_input = NO_INPUT if payload["input"] is None else [load(value) for value in payload["input"]]
        run_block(payload["script"], arguments, pipeline_input)
    except (ExitException, BreakException, ContinueException):
        pass
    except PSError as error:
        record = error.error_record
        send("error", dump_error(record))
        return "Failed", record.message
    finally:
        CURRENT.reset(token)
        runspace.close()
    return "Completed", None


def _progress_fields(record: Any) -> dict[str, Any]:
    return {
        "activity": record.activity,
        "status": record.status,
        "percent_complete": record.percent_complete,
        "activity_id": record.activity_id,
        "completed": record.completed,
        "source": record.source,
        "current_operation": record.current_operation,
        "seconds_remaining": record.seconds_remaining,
        "parent_activity_id": record.parent_activity_id,
    }
