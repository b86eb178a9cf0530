"""The run engine: applies lifecycle moves to stored runs, with their side effects.

A move is never just a status change: completing a run writes the assistant's
reply and its run steps, requires_action lists tool calls, terminal states stamp
timestamps and close open steps.  Doing all of that in one place, inside one
store transaction, means a client never observes a run as ``completed`` without
its message, and the streamed and polled paths produce identical end states.

Who decides the moves: without a backend the deterministic schedule (see
:mod:`.lifecycle`, answers from :mod:`.echo`); with one, :mod:`.agent`, which
calls the model and then uses :meth:`RunEngine.reply`,
:meth:`RunEngine.request_tool_calls` and :meth:`RunEngine.fail`.

Every move reports to an emitter (see :mod:`.sse`); plain requests pass one that
discards, streamed ones send the events.
"""

from __future__ import annotations

import copy
import heapq
import itertools
import logging
import time
from collections import deque

from . import echo, objects, run_tools
from .batches import BatchJobs
from .errors import ApiError, bad_request
from .lifecycle import CANCELLABLE, OUTCOMES, STATUSES, TERMINAL, Lifecycle, can_jump, next_status
from .run_state import RunState, load_state, new_state
from .sse import Emit, discard, message_delta, text_chunks
from .store import JSON, Store, now
from .vector_stores import VectorStores
from .videos import VideoJobs

log = logging.getLogger("psbridge.emulator")

_STAMPS = {"completed": "completed_at", "failed": "failed_at", "cancelled": "cancelled_at", "expired": "expired_at"}
_RUN_STAMPS = {name: stamp for name, stamp in _STAMPS.items() if name != "expired"}  # a run has no expired_at


class RunEngine:
    def __init__(self, store: Store, lifecycle: Lifecycle, *, expire: bool = False) -> None:
        self.store = store
        self.lifecycle = lifecycle
        self.expire = expire
        """Expire runs that pass ``expires_at`` (real-server mode; tests seed old runs freely)."""
        self.vector_stores = VectorStores(store, lifecycle)
        """Vector stores ingest on the runs' schedule, and runs search them."""
        self.batches = BatchJobs(store, lifecycle)
        """Batches move on the runs' schedule too."""
        self.videos = VideoJobs(store, lifecycle)
        """And so do video jobs."""
        self._outcomes: deque[str] = deque()
        self._due: list[tuple[float, int, str]] = []  # time mode: (when, tiebreak, run id)
        self._tiebreak = itertools.count()

    # -- bookkeeping -------------------------------------------------------

    def queue_outcome(self, outcome: str) -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown run outcome {outcome!r}; expected one of {', '.join(OUTCOMES)}")
        with self.store.lock:
            self._outcomes.append(outcome)

    def state(self, run_id: str) -> RunState:
        return load_state(self.store, run_id)

    def run(self, run_id: str) -> JSON:
        found = self.store.get("thread.run", run_id)
        if found is None:
            raise KeyError(run_id)
        return found

    def active_run(self, thread_id: str) -> JSON | None:
        """The thread's run that is not finished yet, if any.

        Only the newest run can be: a run is refused while another is active.
        """
        run = self.store.last_child("thread.run", thread_id=thread_id)
        if run is not None:
            self.check_expiry(run)
        return run if run is not None and run["status"] not in TERMINAL else None

    # -- creation ----------------------------------------------------------

    def create(self, thread_id: str, settings: JSON, emit: Emit = discard) -> JSON:
        run = self.store.insert(objects.run(self.store.new_id("run_"), thread_id, now(), settings))
        outcome = self._outcomes.popleft() if self._outcomes else echo.choose_outcome(self.store, run)
        self.store.insert(dict(new_state(run["id"], outcome)))
        log.info("run %s queued", run["id"])
        emit("thread.run.created", run)
        emit("thread.run.queued", run)
        self._schedule(run["id"])
        return run

    # -- scheduling --------------------------------------------------------

    def polled(self, run_id: str) -> None:
        """A GET of the run was answered (with its state before this call): polls mode may move it."""
        if self.lifecycle.mode == "polls":
            state = self.state(run_id)
            state["polls"] += 1
            if state["polls"] >= self.lifecycle.polls_per_step:
                state["polls"] = 0
                self.step(run_id)

    def recover(self) -> None:
        """After loading a store (time mode): every unfinished run's clock starts again now."""
        if self.lifecycle.mode != "time":
            return
        with self.store.transaction():
            for run in self.store.all("thread.run"):
                if run["status"] not in TERMINAL:
                    self.state(run["id"])["phase_started"] = time.time()
                    self._schedule(run["id"])

    def _schedule(self, run_id: str) -> None:
        if self.lifecycle.mode == "time":
            when = self.state(run_id)["phase_started"] + self.lifecycle.step_seconds
            heapq.heappush(self._due, (when, next(self._tiebreak), run_id))

    def catch_up(self) -> None:
        """Time mode: apply every move whose time has come since the last request.

        Only runs that are due are looked at (a heap by due time), so the cost
        does not grow with the number of stored runs.
        """
        if self.lifecycle.mode != "time":
            return
        interval = self.lifecycle.step_seconds
        clock = time.time()
        while self._due and self._due[0][0] <= clock:
            when, _, run_id = heapq.heappop(self._due)
            run = self.store.get("thread.run", run_id)
            if run is None or run["status"] in TERMINAL:
                continue
            state = self.state(run_id)
            if state["phase_started"] + interval != when:
                continue  # a stale entry: the run moved since (a cancel, tool outputs)
            if self.step(run_id):
                state["phase_started"] = when  # keep the schedule exact however late we look
                self._schedule(run_id)

    def step(self, run_id: str, emit: Emit = discard) -> bool:
        """Move one step along the run's planned path; False if it is resting."""
        run = self.run(run_id)
        state = self.state(run_id)
        target = next_status(run["status"], state["outcome"], state["submitted"])
        if target is None:
            return False
        if target == "requires_action":
            self.request_tool_calls(run, echo.calls(self.store, run), emit)
        elif target in ("completed", "incomplete"):
            self._echo_reply(run, state, emit, finished=target == "completed")
        elif target == "failed":
            self.fail(run, "server_error", "The run failed (outcome chosen by the emulator).", emit)
        else:
            self.move(run, target, emit)
        return True

    def drive(self, run_id: str, emit: Emit) -> None:
        """Streams: run until the run rests (terminal or waiting for tool outputs)."""
        while self.step(run_id, emit):
            pass

    def advance(self, run_id: str, to: str | None = None) -> JSON:
        """Manual control; ``to`` jumps forward directly, passing through the states
        a real run would have to go through to get there."""
        with self.store.transaction():
            run = self.run(run_id)
            if to is None:
                self.step(run_id)
                return copy.deepcopy(run)
            if to not in STATUSES:
                raise ValueError(f"unknown run status {to!r}")
            if run["status"] == to:
                return copy.deepcopy(run)
            if not can_jump(run["status"], to):
                raise ValueError(f"cannot move run {run_id} from {run['status']!r} to {to!r}")
            if run["status"] == "queued" and to in ("requires_action", "completed", "failed", "incomplete"):
                self.move(run, "in_progress", discard)
            if to == "cancelling" or (to == "cancelled" and run["status"] != "cancelling"):
                self.move(run, "cancelling", discard)
            if to == "requires_action":
                self.request_tool_calls(run, echo.calls(self.store, run), discard)
            elif to in ("completed", "incomplete"):
                self._echo_reply(run, self.state(run_id), discard, finished=to == "completed")
            elif to == "failed":
                self.fail(run, "server_error", "The run failed (outcome chosen by the emulator).", discard)
            elif to != "cancelling":
                self.move(run, to, discard)
            return copy.deepcopy(run)

    def check_expiry(self, run: JSON) -> None:
        """A run nobody finished by ``expires_at`` expires, as on the hosted API."""
        expires_at = run["expires_at"]
        if self.expire and run["status"] not in TERMINAL and expires_at is not None and now() >= expires_at:
            self.move(run, "expired", discard)

    # -- client actions ----------------------------------------------------

    def cancel(self, run_id: str, emit: Emit = discard) -> JSON:
        run = self.run(run_id)
        self.check_expiry(run)
        if run["status"] not in CANCELLABLE:
            raise bad_request(f"Cannot cancel run with status '{run['status']}'.")
        self.move(run, "cancelling", emit)
        return run

    def submit_tool_outputs(self, run_id: str, outputs: list[JSON], emit: Emit = discard) -> JSON:
        run = self.run(run_id)
        self.check_expiry(run)
        state = self.state(run_id)
        if run["status"] != "requires_action":
            raise bad_request(f'Runs in status "{run["status"]}" do not accept tool outputs.')
        by_id = self._match_outputs(state, outputs)
        names = {call["id"]: call["function"]["name"] for call in state["pending_calls"]}
        state["tool_outputs"] = [
            {"tool_call_id": call_id, "name": names[call_id], "output": output} for call_id, output in by_id.items()
        ]
        state["history"] = [
            *state["history"],
            {"role": "assistant", "content": None, "tool_calls": state["pending_calls"]},
            *({"role": "tool", "tool_call_id": call_id, "content": output} for call_id, output in by_id.items()),
        ]
        state["submitted"] = True
        step = self.store.get("thread.run.step", state["tool_step_id"]) if state["tool_step_id"] else None
        if step is not None:
            for call in step["step_details"]["tool_calls"]:
                if call.get("type") == "function":
                    call["function"]["output"] = by_id.get(call["id"], "")
            self.close_step(step, "completed", emit)
        run["required_action"] = None
        self.move(run, "in_progress", emit)
        return run

    @staticmethod
    def _match_outputs(state: RunState, outputs: list[JSON]) -> dict[str, str]:
        """Every pending call needs exactly one output, all in this one request."""
        pending = [call["id"] for call in state["pending_calls"]]
        by_id: dict[str, str] = {}
        for i, item in enumerate(outputs):
            call_id = item.get("tool_call_id")
            param = f"tool_outputs[{i}].tool_call_id"
            if call_id is None:
                raise ApiError(
                    400, f"Missing required parameter: '{param}'.", param=param, code="missing_required_parameter"
                )
            if call_id not in pending:
                raise ApiError(
                    400,
                    f"Invalid '{param}': no pending tool call has id '{call_id}'.",
                    param=param,
                    code="invalid_value",
                )
            if call_id in by_id:
                raise ApiError(
                    400,
                    f"Invalid '{param}': duplicate output for tool call '{call_id}'.",
                    param=param,
                    code="invalid_value",
                )
            by_id[call_id] = item.get("output", "")
        missing = [call_id for call_id in pending if call_id not in by_id]
        if missing:
            raise bad_request(
                f"Expected tool outputs for call_ids {missing}, got {list(by_id)}.", param="tool_outputs"
            )
        return by_id

    # -- moves and their effects -------------------------------------------

    def move(self, run: JSON, status: str, emit: Emit) -> None:
        """Change a run's status with the bookkeeping every change needs."""
        state = self.state(run["id"])
        state["polls"] = 0
        state["phase_started"] = time.time()
        if status in ("in_progress", "requires_action", "completed", "incomplete", "failed") and not run["started_at"]:
            run["started_at"] = now()
        if status in _RUN_STAMPS:
            run[_RUN_STAMPS[status]] = now()
        if status in TERMINAL:
            self._close_open_steps(run, status, emit)
            run["expires_at"] = None
        if status != "requires_action":
            run["required_action"] = None
        run["status"] = status
        log.info("run %s %s", run["id"], status)
        emit(f"thread.run.{status}", run)
        if status not in TERMINAL:
            self._schedule(run["id"])

    def fail(self, run: JSON, code: str, message: str, emit: Emit) -> None:
        run["last_error"] = {"code": code, "message": message}
        if run["status"] == "queued":
            self.move(run, "in_progress", emit)
        self.move(run, "failed", emit)

    def request_tool_calls(self, run: JSON, calls: list[JSON], emit: Emit, usage: JSON | None = None) -> None:
        """requires_action: a tool_calls step listing ``calls`` (function calls), which the client answers."""
        state = self.state(run["id"])
        state["pending_calls"] = calls
        state["submitted"] = False
        details = {
            "type": "tool_calls",
            "tool_calls": [
                {"id": c["id"], "type": "function", "function": {**c["function"], "output": None}} for c in calls
            ],
        }
        step = self.add_step(run, details, emit)
        step["usage"] = usage
        state["tool_step_id"] = step["id"]
        run["required_action"] = {"type": "submit_tool_outputs", "submit_tool_outputs": {"tool_calls": calls}}
        self.move(run, "requires_action", emit)

    def add_step(self, run: JSON, details: JSON, emit: Emit) -> JSON:
        step = self.store.insert(objects.step(self.store.new_id("step_"), run, now(), details))
        emit("thread.run.step.created", step)
        emit("thread.run.step.in_progress", step)
        return step

    def start_message(self, run: JSON, emit: Emit) -> tuple[JSON, JSON]:
        """The assistant's reply begins: an empty in-progress message and its step."""
        message = self.store.insert(
            objects.message(
                self.store.new_id("msg_"),
                run["thread_id"],
                now(),
                "assistant",
                [],
                assistant_id=run["assistant_id"],
                run_id=run["id"],
                status="in_progress",
            )
        )
        details = {"type": "message_creation", "message_creation": {"message_id": message["id"]}}
        step = self.add_step(run, details, emit)
        emit("thread.message.created", message)
        emit("thread.message.in_progress", message)
        return message, step

    def reply(
        self,
        run: JSON,
        message: JSON,
        step: JSON,
        content: list[JSON],
        usage: JSON,
        emit: Emit,
        *,
        finished: bool = True,
        step_usage: JSON | None = None,
    ) -> None:
        """The reply is complete (or cut short): store it, close its step, end the run.

        ``usage`` is the run's (all its turns); ``step_usage`` this step's, if different.
        """
        if finished:
            self.complete_message(message, step, content, emit, close_step=False)
        else:
            self.store.touch(message)
            message["content"] = content
            message["status"] = "incomplete"
            message["incomplete_details"] = {"reason": "max_tokens"}
            message["incomplete_at"] = now()
            emit("thread.message.incomplete", message)
            run["incomplete_details"] = {"reason": "max_completion_tokens"}
        run["usage"] = usage
        step["usage"] = dict(step_usage or usage)
        self.close_step(step, "completed", emit)
        self.move(run, "completed" if finished else "incomplete", emit)

    def complete_message(
        self, message: JSON, step: JSON, content: list[JSON], emit: Emit, *, close_step: bool = True
    ) -> None:
        """A finished message (and, unless told otherwise, its step); the run goes on."""
        self.store.touch(message)
        message["content"] = content
        message["status"] = "completed"
        message["completed_at"] = now()
        emit("thread.message.completed", message)
        if close_step:
            self.close_step(step, "completed", emit)

    def end_message(self, message: JSON, reason: str) -> None:
        """A reply the run cannot finish stays, marked incomplete (run_cancelled, run_failed ...)."""
        if message["status"] == "in_progress":
            self.store.touch(message)
            message["status"] = "incomplete"
            message["incomplete_details"] = {"reason": reason}
            message["incomplete_at"] = now()

    def _echo_reply(self, run: JSON, state: RunState, emit: Emit, *, finished: bool) -> None:
        """The deterministic answer: the built-in tools' steps (see :mod:`.run_tools`), then the
        message and its step, quoting what file search found.

        An ``incomplete`` run stops halfway, leaving an incomplete message, as
        the hosted API did when it hit max_completion_tokens.
        """
        if run["status"] == "queued":
            self.move(run, "in_progress", emit)
        work = self._run_tools(run, emit) if finished else run_tools.ToolWork()
        text = echo.reply_text(self.store, run, state["tool_outputs"])
        if not finished:
            chunks = text_chunks(text)
            text = "".join(chunks[: max(1, len(chunks) // 2)])
        index = self.store.count("thread.message", thread_id=run["thread_id"])
        text, content = run_tools.reply_content(text, work, index)
        message, step = self.start_message(run, emit)
        for chunk in text_chunks(text):
            emit("thread.message.delta", message_delta(message["id"], chunk))
        usage = echo.usage(self.store, run, message, text)
        self.reply(run, message, step, content, usage, emit, finished=finished)

    def _run_tools(self, run: JSON, emit: Emit) -> run_tools.ToolWork:
        """The code interpreter and file search steps, before the reply (see :mod:`.run_tools`)."""
        work = run_tools.ToolWork()
        prompt = echo.last_user_text(self.store, run["thread_id"])
        calls: list[JSON] = []
        if any(tool.get("type") == "code_interpreter" for tool in run["tools"]):
            call, image_id = run_tools.code_interpreter_call(self.store, self.store.new_id("call_"), prompt)
            work.image_file_ids += [image_id] if image_id is not None else []
            calls.append(call)
        searched = run_tools.file_search_call(self.vector_stores, run, self.store.new_id("call_"), prompt)
        if searched is not None:
            call, results = searched
            work.citations = [run_tools.Citation(r.file_id, r.text) for r in results]
            calls.append(call)
        for call in calls:
            step = self.add_step(run, {"type": "tool_calls", "tool_calls": [call]}, emit)
            step["usage"] = objects.usage(3, 2)
            self.close_step(step, "completed", emit)
        return work

    def close_step(self, step: JSON, status: str, emit: Emit) -> None:
        self.store.touch(step)
        step["status"] = status
        step[_STAMPS[status]] = now()
        if status == "failed":
            step["last_error"] = {"code": "server_error", "message": "The run failed."}
        emit(f"thread.run.step.{status}", step)

    def _close_open_steps(self, run: JSON, status: str, emit: Emit) -> None:
        """A run that ends leaves no step or message in progress; they take the run's fate."""
        step_status = status if status in ("failed", "cancelled", "expired") else "cancelled"
        for step in self.store.children("thread.run.step", run_id=run["id"]):
            if step["status"] == "in_progress":
                self.close_step(step, step_status, emit)
                if step["type"] == "message_creation" and status in ("failed", "cancelled", "expired"):
                    message = self.store.get("thread.message", step["step_details"]["message_creation"]["message_id"])
                    if message is not None:
                        self.end_message(message, f"run_{status}")
