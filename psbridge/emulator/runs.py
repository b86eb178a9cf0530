"""The run engine: applies lifecycle moves to stored runs, with their side effects.

A move is never just a status change: completing a run writes the assistant's
reply and its run steps, requires_action lists tool calls, terminal states stamp
timestamps and close open steps.  Doing all of that in one place, under the
store lock, means a client never observes a run as ``completed`` without its
message, and the streamed and polled paths produce identical end states.

Every move reports to an emitter (see :mod:`.sse`); plain requests pass one that
discards, streamed ones collect the events.
"""

from __future__ import annotations

import copy
import time
from collections import deque
from dataclasses import dataclass, field

from . import objects, tool_calls
from .errors import ApiError, bad_request
from .lifecycle import (
    CANCELLABLE,
    OUTCOMES,
    STATUSES,
    TERMINAL,
    Lifecycle,
    can_jump,
    next_status,
    outcome_from_text,
)
from .sse import Emit, discard, message_delta, text_chunks
from .store import JSON, Store, now

FALLBACK_FUNCTION = "emulator_function"
"""Tool name used when a ``[requires_action]`` run has no function tool to call."""


@dataclass
class RunState:
    """Engine bookkeeping that is not part of the wire object."""

    outcome: str
    polls: int = 0
    phase_started: float = field(default_factory=time.monotonic)
    pending_calls: list[JSON] = field(default_factory=list)
    tool_step_id: str | None = None
    tool_outputs: list[JSON] = field(default_factory=list)
    submitted: bool = False


def _words(text: str) -> int:
    return len(text.split())


class RunEngine:
    def __init__(self, store: Store, lifecycle: Lifecycle) -> None:
        self.store = store
        self.lifecycle = lifecycle
        self._states: dict[str, RunState] = {}
        self._outcomes: deque[str] = deque()

    # -- bookkeeping -------------------------------------------------------

    def queue_outcome(self, outcome: str) -> None:
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown run outcome {outcome!r}; expected one of {', '.join(OUTCOMES)}")
        with self.store.lock:
            self._outcomes.append(outcome)

    def state(self, run_id: str) -> RunState:
        """Runs seeded straight into the store get a default plan on first use."""
        found = self._states.get(run_id)
        if found is None:
            found = self._states[run_id] = RunState(outcome="completed")
        return found

    def _run(self, run_id: str) -> JSON:
        found = self.store.get("thread.run", run_id)
        if found is None:
            raise KeyError(run_id)
        return found

    def forget(self, run_ids: list[str]) -> None:
        for run_id in run_ids:
            self._states.pop(run_id, None)

    def active_run(self, thread_id: str) -> JSON | None:
        """The thread's run that is not finished yet, if any.

        Only the newest run can be: a run is refused while another is active.
        """
        run = self.store.last_child("thread.run", thread_id=thread_id)
        return run if run is not None and run["status"] not in TERMINAL else None

    # -- creation ----------------------------------------------------------

    def create(self, thread_id: str, settings: JSON, emit: Emit = discard) -> JSON:
        run = objects.run(self.store.new_id("run_"), thread_id, now(), settings)
        self.store.insert(run)
        self._states[run["id"]] = RunState(outcome=self._choose_outcome(run))
        emit("thread.run.created", run)
        emit("thread.run.queued", run)
        return run

    def _last_user_text(self, thread_id: str) -> str:
        for message in reversed(self.store.children("thread.message", thread_id=thread_id)):
            if message["role"] == "user":
                return objects.message_text(message)
        return ""

    def _choose_outcome(self, run: JSON) -> str:
        if self._outcomes:
            return self._outcomes.popleft()
        text = self._last_user_text(run["thread_id"])
        marked = outcome_from_text(text, run["instructions"])
        if marked is not None:
            return marked
        calls = tool_calls.planned_calls(run["tools"], run.get("tool_choice"), text)
        return "requires_action" if calls else "completed"

    # -- scheduling --------------------------------------------------------

    def retrieve(self, run_id: str) -> JSON:
        """A GET of the run: returns the current state, then (polls mode) maybe moves it."""
        run = self._run(run_id)
        snapshot = copy.deepcopy(run)
        if self.lifecycle.mode == "polls":
            state = self.state(run_id)
            state.polls += 1
            if state.polls >= self.lifecycle.polls_per_step:
                state.polls = 0
                self.step(run_id)
        return snapshot

    def catch_up(self) -> None:
        """Time mode: apply every move whose time has come since the last request."""
        if self.lifecycle.mode != "time":
            return
        interval = self.lifecycle.step_seconds
        clock = time.monotonic()
        for run in list(self.store.runs.values()):
            state = self.state(run["id"])
            while run["status"] not in TERMINAL and clock - state.phase_started >= interval:
                due = state.phase_started + interval
                if not self.step(run["id"]):
                    break
                state.phase_started = due  # keep the schedule exact however late we look

    def step(self, run_id: str, emit: Emit = discard) -> bool:
        """Move one step along the run's planned path; False if it is resting."""
        run = self._run(run_id)
        state = self.state(run_id)
        target = next_status(run["status"], state.outcome, state.submitted)
        if target is None:
            return False
        self._move(run, target, emit)
        return True

    def drive(self, run_id: str, emit: Emit) -> None:
        """Streams: run until the run rests (terminal or waiting for tool outputs)."""
        while self.step(run_id, emit):
            pass

    def advance(self, run_id: str, to: str | None = None) -> JSON:
        """Manual control; ``to`` jumps forward directly, passing through the states
        a real run would have to go through to get there."""
        with self.store.transaction():
            run = self._run(run_id)
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
                self._move(run, "in_progress", discard)
            if to == "cancelled" and run["status"] != "cancelling":
                self._move(run, "cancelling", discard)
            self._move(run, to, discard)
            return copy.deepcopy(run)

    # -- client actions ----------------------------------------------------

    def cancel(self, run_id: str, emit: Emit = discard) -> JSON:
        run = self._run(run_id)
        if run["status"] not in CANCELLABLE:
            raise bad_request(f"Cannot cancel run with status '{run['status']}'.")
        self._move(run, "cancelling", emit)
        return run

    def submit_tool_outputs(self, run_id: str, outputs: list[JSON], emit: Emit = discard) -> JSON:
        run = self._run(run_id)
        state = self.state(run_id)
        if run["status"] != "requires_action":
            raise bad_request(f'Runs in status "{run["status"]}" do not accept tool outputs.')
        by_id = self._match_outputs(state, outputs)
        names = {call["id"]: call["function"]["name"] for call in state.pending_calls}
        state.tool_outputs = [
            {"tool_call_id": call_id, "name": names[call_id], "output": output}
            for call_id, output in by_id.items()
        ]
        state.submitted = True
        step = self.store.get("thread.run.step", state.tool_step_id) if state.tool_step_id else None
        if step is not None:
            for call in step["step_details"]["tool_calls"]:
                call["function"]["output"] = by_id.get(call["id"], "")
            self._close_step(step, "completed", emit)
        run["required_action"] = None
        self._move(run, "in_progress", emit)
        return run

    @staticmethod
    def _match_outputs(state: RunState, outputs: list[JSON]) -> dict[str, str]:
        """Every pending call needs exactly one output, all in this one request."""
        pending = [call["id"] for call in state.pending_calls]
        by_id: dict[str, str] = {}
        for i, item in enumerate(outputs):
            call_id = item.get("tool_call_id")
            param = f"tool_outputs[{i}].tool_call_id"
            if call_id is None:
                raise ApiError(
                    400,
                    f"Missing required parameter: '{param}'.",
                    param=param,
                    code="missing_required_parameter",
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

    def _move(self, run: JSON, status: str, emit: Emit) -> None:
        state = self.state(run["id"])
        state.polls = 0
        state.phase_started = time.monotonic()
        if (
            status in ("in_progress", "requires_action", "completed", "incomplete", "failed")
            and run["started_at"] is None
        ):
            run["started_at"] = now()
        if status == "requires_action":
            self._request_tool_calls(run, state, emit)
        elif status in ("completed", "incomplete"):
            self._write_reply(run, state, emit, finished=status == "completed")
        elif status == "failed":
            run["last_error"] = {
                "code": "server_error",
                "message": "The run failed (outcome chosen by the emulator).",
            }
            run["failed_at"] = now()
        elif status == "cancelled":
            run["cancelled_at"] = now()
        if status in TERMINAL:
            self._close_open_steps(run, status, emit)
            run["expires_at"] = None
        if status != "requires_action":
            run["required_action"] = None
        run["status"] = status
        emit(f"thread.run.{status}", run)

    def _request_tool_calls(self, run: JSON, state: RunState, emit: Emit) -> None:
        """The calls the run waits on (see :mod:`.tool_calls` for which, and their arguments)."""
        text = self._last_user_text(run["thread_id"])
        names = tool_calls.forced_calls(run["tools"], run.get("tool_choice"), text) or [FALLBACK_FUNCTION]
        calls = [
            objects.function_call(
                self.store.new_id("call_"), name, tool_calls.call_arguments(run["tools"], name, text)
            )
            for name in names
        ]
        state.pending_calls = calls
        details = {
            "type": "tool_calls",
            "tool_calls": [
                {"id": c["id"], "type": "function", "function": {**c["function"], "output": None}}
                for c in calls
            ],
        }
        step = self.store.insert(objects.step(self.store.new_id("step_"), run, now(), details))
        state.tool_step_id = step["id"]
        emit("thread.run.step.created", step)
        emit("thread.run.step.in_progress", step)
        run["required_action"] = {"type": "submit_tool_outputs", "submit_tool_outputs": {"tool_calls": calls}}

    def _reply_text(self, run: JSON, state: RunState) -> str:
        prompt = self._last_user_text(run["thread_id"])
        text = f"Echo: {prompt}" if prompt else "Echo:"
        for item in state.tool_outputs:
            text += f"\nTool output ({item['name']}): {item['output']}"
        return text

    def _write_reply(self, run: JSON, state: RunState, emit: Emit, *, finished: bool) -> None:
        """The assistant's answer: optional code-interpreter step, then message and its step.

        An ``incomplete`` run stops halfway, leaving an incomplete message, as
        the hosted API did when it hit max_completion_tokens.
        """
        if any(tool.get("type") == "code_interpreter" for tool in run["tools"]):
            self._run_code_interpreter(run, emit)
        text = self._reply_text(run, state)
        if not finished:
            chunks = text_chunks(text)
            text = "".join(chunks[: max(1, len(chunks) // 2)])
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
        step = self.store.insert(objects.step(self.store.new_id("step_"), run, now(), details))
        emit("thread.run.step.created", step)
        emit("thread.run.step.in_progress", step)
        emit("thread.message.created", message)
        emit("thread.message.in_progress", message)
        for chunk in text_chunks(text):
            emit("thread.message.delta", message_delta(message["id"], chunk))
        message["content"] = [objects.text_part(text)]
        if finished:
            message["status"] = "completed"
            message["completed_at"] = now()
            emit("thread.message.completed", message)
            run["completed_at"] = now()
        else:
            message["status"] = "incomplete"
            message["incomplete_details"] = {"reason": "max_tokens"}
            message["incomplete_at"] = now()
            emit("thread.message.incomplete", message)
            run["incomplete_details"] = {"reason": "max_completion_tokens"}
        prompt_tokens = max(
            1,
            _words(run["instructions"])
            + sum(
                _words(objects.message_text(m))
                for m in self.store.children("thread.message", thread_id=run["thread_id"])
                if m is not message
            ),
        )
        run["usage"] = objects.usage(prompt_tokens, max(1, _words(text)))
        step["usage"] = dict(run["usage"])
        self._close_step(step, "completed", emit)

    def _run_code_interpreter(self, run: JSON, emit: Emit) -> None:
        call = {
            "id": self.store.new_id("call_"),
            "type": "code_interpreter",
            "code_interpreter": {"input": "print('Echo')", "outputs": [{"type": "logs", "logs": "Echo\n"}]},
        }
        step = self.store.insert(
            objects.step(self.store.new_id("step_"), run, now(), {"type": "tool_calls", "tool_calls": [call]})
        )
        emit("thread.run.step.created", step)
        emit("thread.run.step.in_progress", step)
        step["usage"] = objects.usage(3, 2)
        self._close_step(step, "completed", emit)

    def _close_step(self, step: JSON, status: str, emit: Emit) -> None:
        stamp = {
            "completed": "completed_at",
            "failed": "failed_at",
            "cancelled": "cancelled_at",
            "expired": "expired_at",
        }
        self.store.touch(step)
        step["status"] = status
        step[stamp[status]] = now()
        if status == "failed":
            step["last_error"] = {"code": "server_error", "message": "The run failed."}
        emit(f"thread.run.step.{status}", step)

    def _close_open_steps(self, run: JSON, status: str, emit: Emit) -> None:
        """A run that ends leaves no step in progress; steps take the run's fate."""
        step_status = status if status in ("failed", "cancelled", "expired") else "cancelled"
        for step in self.store.children("thread.run.step", run_id=run["id"]):
            if step["status"] == "in_progress":
                self._close_step(step, step_status, emit)
