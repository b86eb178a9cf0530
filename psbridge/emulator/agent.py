"""Runs answered by a real model (``--backend``): the worker pool and one run's turn.

A run's turn: take it to ``in_progress``, ask the backend (see :mod:`.prompt`
for what is sent), then store what came back - a reply (completed, or
incomplete when the model hit ``max_tokens``), or function calls
(``requires_action``, resumed here once tool outputs are submitted), or the
backend's failure as the run's ``last_error`` (rate_limit_exceeded,
invalid_prompt, server_error).  The store lock is held only around those
state changes, never while the backend thinks, so a slow model blocks nobody;
a cancel that arrives meanwhile wins when the answer comes back.

Non-streamed runs wait in a queue for one of a fixed number of workers;
streamed ones run on the request's own worker and send the backend's tokens
as ``thread.message.delta`` events as they arrive.  Events raised inside a
transaction are buffered and written after it, so a slow reader never holds
the store lock.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import run_tools
from .backend import BackendError, ChatBackend
from .backend import as_object as _obj
from .backend_model import calls_of, merge_call
from .exchange import Reply, json_reply
from .lifecycle import TERMINAL
from .prompt import chat_request, reply_part
from .runs import RunEngine
from .sse import DONE, Emit, EventStream, discard, frame, message_delta
from .store import JSON, Store

log = logging.getLogger("psbridge.emulator")

CODE_INTERPRETER_UNAVAILABLE = (
    "This server answers runs with a chat model behind a chat-completions endpoint, which cannot run code: "
    "remove the code_interpreter tool from the assistant or the run, or use a server with a code interpreter."
)
RESTARTED_MID_REPLY = (
    "The server stopped while this run was writing its reply; the partial reply was not kept, "
    "so the run failed. Create a new run to try again."
)

@dataclass
class _Answer:
    text: str = ""
    calls: dict[int, JSON] = field(default_factory=dict)
    finish_reason: str | None = None
    usage: JSON | None = None
    message: JSON | None = None
    step: JSON | None = None
    prompt_chars: int = 0


class LiveStream:
    """An emitter for a streamed run: buffers frames, :meth:`flush` writes them (outside the lock)."""

    def __init__(self, write: Callable[[bytes], None], frames: list[bytes]) -> None:
        self._write = write
        self._pending = list(frames)
        self.gone = False

    def __call__(self, event: str, data: dict[str, Any]) -> None:
        self._pending.append(frame(event, json.dumps(data)))

    def flush(self) -> None:
        pending, self._pending = self._pending, []
        if self.gone:
            return
        try:
            for piece in pending:
                self._write(piece)
        except OSError:
            self.gone = True  # the client left; the run still finishes, as on the hosted API


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _flush(emit: Emit) -> None:
    if isinstance(emit, LiveStream):
        emit.flush()


class Agent:
    def __init__(
        self,
        store: Store,
        engine: RunEngine,
        backend: ChatBackend,
        workers: int = 4,
    ) -> None:
        if workers < 1:
            raise ValueError("run workers must be >= 1")
        self.store = store
        self.engine = engine
        self.backend = backend
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._workers = workers
        self._threads: list[threading.Thread] = []
        self._busy = 0
        self._idle = threading.Condition()
        self._stopping = threading.Event()

    # -- the pool ------------------------------------------------------------

    def start(self) -> None:
        self._stopping.clear()
        self._threads = [
            threading.Thread(target=self._work, name=f"psbridge-emulator-run-{i}", daemon=True)
            for i in range(self._workers)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, run_id: str) -> None:
        self._queue.put(run_id)

    def _work(self) -> None:
        while True:
            run_id = self._queue.get()
            if run_id is None or self._stopping.is_set():
                return  # a queued run stays queued in the store: resumed at the next start
            with self._idle:
                self._busy += 1
            try:
                self.execute(run_id, discard)
            except Exception:
                log.exception("run %s: unexpected error", run_id)
                self._fail_quietly(run_id, "The server had an error while processing this run.")
            finally:
                with self._idle:
                    self._busy -= 1
                    self._idle.notify_all()

    def stop(self, grace: float = 0.0) -> None:
        """Let runs in flight finish for up to ``grace`` seconds; queued ones stay queued."""
        self._stopping.set()
        deadline = time.monotonic() + grace
        with self._idle:
            while self._busy and time.monotonic() < deadline:
                self._idle.wait(max(0.0, deadline - time.monotonic()))
        for _ in self._threads:
            self._queue.put(None)
        self._threads = []

    def _fail_quietly(self, run_id: str, message: str) -> None:
        try:
            with self.store.transaction():
                run = self.store.get("thread.run", run_id)
                if run is not None and run["status"] not in TERMINAL and run["status"] != "requires_action":
                    self.engine.fail(run, "server_error", message, discard)
        except Exception:
            log.exception("run %s: could not record its failure", run_id)

    # -- entry points --------------------------------------------------------

    def launch(self, run: JSON, prelude: EventStream | None) -> Reply:
        """Answer the request that created or resumed ``run``: queue it, or stream its turn."""
        if prelude is None:
            self.submit(run["id"])
            return json_reply(run)
        run_id = run["id"]

        def produce(write: Callable[[bytes], None]) -> None:
            live = LiveStream(write, prelude.pending())
            live.flush()
            try:
                self.execute(run_id, live)
            except Exception:
                log.exception("run %s: unexpected error", run_id)
                self._fail_quietly(run_id, "The server had an error while processing this run.")
            live.flush()
            if not live.gone:
                write(DONE)

        return Reply(
            status=200,
            headers={"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache"},
            stream=produce,
        )

    def recover(self) -> None:
        """After a restart: resume what can be resumed, end the rest as the API would."""
        resume: list[str] = []
        with self.store.transaction():
            for run in self.store.all("thread.run"):
                status = run["status"]
                if status in TERMINAL:
                    continue
                self.engine.check_expiry(run)
                if run["status"] in TERMINAL:
                    continue
                if status == "cancelling":
                    self.engine.move(run, "cancelled", discard)
                elif status == "queued":
                    resume.append(run["id"])
                elif status == "in_progress":
                    if self._has_partial_reply(run):
                        self.engine.fail(run, "server_error", RESTARTED_MID_REPLY, discard)
                    else:
                        resume.append(run["id"])
        for run_id in resume:
            log.info("run %s resumed after restart", run_id)
            self.submit(run_id)

    def _has_partial_reply(self, run: JSON) -> bool:
        return any(
            step["status"] == "in_progress" and step["type"] == "message_creation"
            for step in self.store.children("thread.run.step", run_id=run["id"])
        )

    # -- one turn ------------------------------------------------------------

    def execute(self, run_id: str, emit: Emit) -> None:
        with self.store.transaction():
            request = self._begin(run_id, emit)
        _flush(emit)
        if request is None:
            return
        body, sources = request
        try:
            answer = self._ask(run_id, body, emit)
            answer.prompt_chars = len(json.dumps(body["messages"]))
        except BackendError as exc:
            log.info("run %s: backend error %s: %s", run_id, exc.code, exc.message)
            with self.store.transaction():
                run = self.store.get("thread.run", run_id)
                if run is not None and run["status"] == "cancelling":
                    self.engine.move(run, "cancelled", emit)
                elif run is not None and run["status"] == "in_progress":
                    self.engine.fail(run, exc.code, exc.message, emit)
            _flush(emit)
            return
        with self.store.transaction():
            self._finish(run_id, answer, sources, emit)
        _flush(emit)

    def _begin(self, run_id: str, emit: Emit) -> tuple[JSON, list[Any]] | None:
        run = self.store.get("thread.run", run_id)
        if run is None:
            return None
        self.engine.check_expiry(run)
        if run["status"] == "cancelling":
            self.engine.move(run, "cancelled", emit)
            return None
        if run["status"] not in ("queued", "in_progress"):
            return None
        if run["status"] == "queued":
            self.engine.move(run, "in_progress", emit)
        if any(tool.get("type") == "code_interpreter" for tool in run["tools"]):
            self.engine.fail(run, "server_error", CODE_INTERPRETER_UNAVAILABLE, emit)
            return None
        state = self.engine.state(run_id)
        sources: list[Any] = []
        if not state["history"]:  # file search once, before the model's first turn (see run_tools)
            query = self._last_user_text(run)
            found = run_tools.file_search_call(self.engine.vector_stores, run, self.store.new_id("call_"), query)
            if found is not None:
                call, sources = found
                step = self.engine.add_step(run, {"type": "tool_calls", "tool_calls": [call]}, emit)
                self.engine.close_step(step, "completed", emit)
        return chat_request(self.store, run, state, self.backend.model(run["model"]), sources), sources

    def _last_user_text(self, run: JSON) -> str:
        for message in reversed(self.store.children("thread.message", thread_id=run["thread_id"])):
            if message["role"] == "user":
                return "\n".join(p["text"]["value"] for p in message["content"] if p.get("type") == "text")
        return ""

    def _ask(self, run_id: str, body: JSON, emit: Emit) -> _Answer:
        if not isinstance(emit, LiveStream):
            return self._parse_completion(self.backend.complete(body))
        answer = _Answer()
        run = self.engine.run(run_id)
        for chunk in self.backend.stream({**body, "stream_options": {"include_usage": True}}):
            if run["status"] != "in_progress":
                break  # cancelled meanwhile: stop listening to the model
            if isinstance(chunk.get("usage"), dict):
                answer.usage = chunk["usage"]
            choices = chunk.get("choices")
            if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
                continue
            choice = choices[0]
            delta = _obj(choice.get("delta"))
            piece = delta.get("content")
            if isinstance(piece, str) and piece:
                if answer.message is None:
                    with self.store.transaction():
                        if run["status"] != "in_progress":
                            break
                        answer.message, answer.step = self.engine.start_message(run, emit)
                answer.text += piece
                emit("thread.message.delta", message_delta(answer.message["id"], piece))
                emit.flush()
            for call in delta.get("tool_calls") or []:
                merge_call(answer.calls, call)
            if choice.get("finish_reason"):
                answer.finish_reason = choice["finish_reason"]
        return answer

    def _parse_completion(self, completion: JSON) -> _Answer:
        choice = _obj(completion["choices"][0])
        message = _obj(choice.get("message"))
        answer = _Answer(
            text=_text(message.get("content")),
            finish_reason=choice.get("finish_reason"),
            usage=completion.get("usage") if isinstance(completion.get("usage"), dict) else None,
        )
        for index, call in enumerate(calls_of(message)):
            answer.calls[index] = {"id": call.id or "", "name": call.name, "arguments": call.arguments}
        return answer

    def _usage(self, run_id: str, answer: _Answer) -> tuple[JSON, JSON]:
        """(this turn's usage, the run's total so far)."""
        reported = answer.usage or {}
        prompt = reported.get("prompt_tokens")
        completion = reported.get("completion_tokens")
        turn = {
            "prompt_tokens": prompt if isinstance(prompt, int) else 1 + answer.prompt_chars // 4,
            "completion_tokens": completion if isinstance(completion, int) else 1 + len(answer.text) // 4,
        }
        turn["total_tokens"] = turn["prompt_tokens"] + turn["completion_tokens"]
        state = self.engine.state(run_id)
        before = state["usage"] or {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
        total = {name: before[name] + turn[name] for name in turn}
        state["usage"] = total
        return turn, total

    def _finish(self, run_id: str, answer: _Answer, sources: list[Any], emit: Emit) -> None:
        run = self.store.get("thread.run", run_id)
        if run is None:
            return
        if run["status"] == "cancelling":
            if answer.message is not None:
                self.engine.end_message(answer.message, "run_cancelled")
            self.engine.move(run, "cancelled", emit)
            return
        if run["status"] != "in_progress":
            return
        turn, total = self._usage(run_id, answer)
        calls = [
            {"id": c["id"] or self.store.new_id("call_"), "type": "function",
             "function": {"name": c["name"], "arguments": c["arguments"] or "{}"}}
            for _, c in sorted(answer.calls.items())
            if c["name"]
        ]  # fmt: skip
        if calls:
            if answer.message is not None and answer.step is not None:
                self.engine.complete_message(answer.message, answer.step, [reply_part(answer.text, sources)], emit)
            run["usage"] = total
            self.engine.request_tool_calls(run, calls, emit, usage=turn)
            return
        if answer.message is None or answer.step is None:
            answer.message, answer.step = self.engine.start_message(run, emit)
            if answer.text:
                emit("thread.message.delta", message_delta(answer.message["id"], answer.text))
        finished = answer.finish_reason != "length"
        self.engine.reply(
            run, answer.message, answer.step, [reply_part(answer.text, sources)], total, emit,
            finished=finished, step_usage=turn,
        )  # fmt: skip
