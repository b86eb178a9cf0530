"""Batches: a JSONL file of requests, run by the emulator itself on the run lifecycle's schedule.

A batch moves one status per step of its :class:`.schedule.Schedule`:
``validating`` -> ``in_progress`` -> ``finalizing`` -> ``completed``.  Leaving
``validating`` it checks every input line (JSON with a unique ``custom_id``,
``method`` POST and the batch's ``url``); any bad line fails the batch, listing
the lines in ``errors``.  Entering ``finalizing`` it runs every request through the
emulator's own handlers (what ``POST <url>`` would answer) and writes the answers
to an output file (``batch_output``), one JSON line each, in input order; requests
answered with an error status go to an error file instead.  A cancel moves the
batch to ``cancelling`` and its next step to ``cancelled``; a batch cancelled
before it ran writes no output.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from typing import Any

from .errors import bad_request, not_found
from .files import file_content, find_file, store_file
from .kinds import register
from .lifecycle import Lifecycle
from .schedule import Schedule
from .store import JSON, Store, now

__all__ = ["BATCH_ENDPOINTS", "BatchJobs", "Execute"]

register("batch")

BATCH_ENDPOINTS = (
    "/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions", "/v1/moderations",
    "/v1/images/generations", "/v1/images/edits", "/v1/videos",
)  # fmt: skip
EXPIRY = 24 * 3600
CANCELLABLE = ("validating", "in_progress", "finalizing")
_MOVING = (*CANCELLABLE, "cancelling")

#: Runs one request of a batch: (url, body) -> (HTTP status, answer body).
Execute = Callable[[str, JSON], tuple[int, Any]]


def _line_error(line: int, code: str, message: str) -> JSON:
    return {"code": code, "message": message, "param": None, "line": line}


class BatchJobs:
    def __init__(self, store: Store, lifecycle: Lifecycle) -> None:
        self.store = store
        self.schedule = Schedule(lifecycle)

    def find(self, batch_id: str) -> JSON:
        found = self.store.get("batch", batch_id)
        if found is None:
            raise not_found("batch", batch_id)
        return found

    def create(self, body: JSON) -> JSON:
        file = find_file(self.store, body["input_file_id"])
        if file["purpose"] != "batch":
            raise bad_request(
                f"The file {file['id']} has purpose '{file['purpose']}'; a batch needs a file with purpose 'batch'.",
                param="input_file_id",
                code="invalid_value",
            )
        created = now()
        batch: JSON = {
            "id": self.store.new_id("batch_"),
            "object": "batch",
            "endpoint": body["endpoint"],
            "input_file_id": file["id"],
            "completion_window": body["completion_window"],
            "status": "validating",
            "created_at": created,
            "expires_at": created + EXPIRY,
            "request_counts": {"total": 0, "completed": 0, "failed": 0},
            "metadata": body.get("metadata") or {},
        }
        self.store.insert(batch)
        self.schedule.start(batch["id"])
        return batch

    def look(self, batch: JSON, execute: Execute) -> None:
        """Someone looks at the batch: it moves one status when its step is due."""
        if batch["status"] in _MOVING and self.schedule.due(batch["id"]):
            self.step(batch, execute)

    def step(self, batch: JSON, execute: Execute) -> None:
        status = batch["status"]
        self.store.touch(batch)
        if status == "cancelling":
            self._stamp(batch, "cancelled")
        elif status == "validating":
            errors = self._validate(batch)
            if errors:
                batch["errors"] = {"object": "list", "data": errors}
                self._stamp(batch, "failed")
            else:
                self._stamp(batch, "in_progress")
        elif status == "in_progress":
            self._stamp(batch, "finalizing")
            self._run(batch, execute)
        elif status == "finalizing":
            self._stamp(batch, "completed")
        if batch["status"] in ("completed", "failed", "cancelled", "expired"):
            self.schedule.forget(batch["id"])

    def finish(self, batch: JSON, execute: Execute) -> None:
        """Every remaining step at once (``manual`` mode moves batches this way)."""
        while batch["status"] in _MOVING:
            self.step(batch, execute)

    def cancel(self, batch: JSON) -> JSON:
        if batch["status"] not in CANCELLABLE:
            raise bad_request(f"Cannot cancel a batch with status '{batch['status']}'.")
        self.store.touch(batch)
        self._stamp(batch, "cancelling")
        return batch

    # -- the work ------------------------------------------------------------------------
    def _lines(self, batch: JSON) -> list[str]:
        text = file_content(self.store, batch["input_file_id"]).decode("utf-8", errors="replace")
        return [line for line in text.split("\n") if line.strip()]

    def _validate(self, batch: JSON) -> list[JSON]:
        errors: list[JSON] = []
        seen: set[str] = set()
        url = batch["endpoint"].removeprefix("/v1")
        lines = self._lines(batch)
        if not lines:
            return [_line_error(1, "empty_file", "The input file holds no requests.")]
        for number, line in enumerate(lines, 1):
            try:
                item = json.loads(line)
            except ValueError:
                errors.append(_line_error(number, "invalid_json_line", "This line is not valid JSON."))
                continue
            if not isinstance(item, dict) or not isinstance(item.get("custom_id"), str):
                errors.append(_line_error(number, "missing_custom_id", "Each request needs a custom_id string."))
            elif item["custom_id"] in seen:
                message = f"The custom_id '{item['custom_id']}' repeats."
                errors.append(_line_error(number, "duplicate_custom_id", message))
            elif item.get("method") != "POST":
                errors.append(_line_error(number, "invalid_method", "Each request must use the POST method."))
            elif not isinstance(item.get("url"), str) or item["url"].removeprefix("/v1") != url:
                errors.append(_line_error(number, "invalid_url", f"Each request must go to {batch['endpoint']}."))
            elif not isinstance(item.get("body"), dict):
                errors.append(_line_error(number, "invalid_body", "Each request needs a JSON object body."))
            else:
                seen.add(item["custom_id"])
        return errors

    def _run(self, batch: JSON, execute: Execute) -> None:
        answered: list[str] = []
        failed: list[str] = []
        for line in self._lines(batch):
            item = json.loads(line)
            status, body = execute(item["url"], item["body"])
            if "model" not in batch and isinstance(item["body"].get("model"), str):
                batch["model"] = item["body"]["model"]
            result = {
                "id": "batch_req_" + secrets.token_hex(12),
                "custom_id": item["custom_id"],
                "response": {"status_code": status, "request_id": "req_" + secrets.token_hex(16), "body": body},
                "error": None,
            }
            (answered if 200 <= status < 300 else failed).append(json.dumps(result, separators=(",", ":")))
        counts = {"total": len(answered) + len(failed), "completed": len(answered), "failed": len(failed)}
        batch["request_counts"] = counts
        for lines, kind in ((answered, "output"), (failed, "error")):
            if lines:
                data = "\n".join(lines).encode() + b"\n"
                stored = store_file(self.store, f"batch_{batch['id']}_{kind}.jsonl", data, "batch_output")
                batch[f"{kind}_file_id"] = stored["id"]

    @staticmethod
    def _stamp(batch: JSON, status: str) -> None:
        batch["status"] = status
        batch[f"{status}_at"] = now()
