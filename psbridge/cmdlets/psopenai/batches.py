"""The Batch cmdlets: Start-Batch, Get-Batch, Wait-Batch, Stop-Batch and Get-BatchOutput.

``Request-ChatCompletion ... -AsBatch`` (and the other -AsBatch cmdlets) make
``PSOpenAI.Batch.Input`` objects; piped into Start-Batch they are gathered, written
as one JSONL file, uploaded (purpose ``batch``) and the batch is started in
``end``, as PSOpenAI does (its endpoint from the first input's url unless
-Endpoint is given).  Wait-Batch polls on PSOpenAI's schedule with the doc's
meaning of -StatusForExit (see ``_waiting``).  Get-BatchOutput reads the output
file; each line becomes a ``PSOpenAI.Batch.Output`` whose chat completion or
response body is the object the chat cmdlets emit (with its ``Answer``).

Differences from PSOpenAI, on purpose: Get-Batch -All follows the cursor itself
(PSOpenAI recurses into a misspelt ``Get-Bacth``); Wait-Batch and Stop-Batch -Wait
wait until the batch *is* in the wanted status.
"""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

from ...api import FilePart, MultipartForm
from ...objects import PSObject, to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline, object_id
from ._bodies import member, plain
from ._chat import chat_completion_object
from ._errors import ArgumentError, InvalidOperationError
from ._objects import to_psobject, typed_object
from ._paging import list_items
from ._responses import response_object
from ._waiting import StatusGraph, WaitPolicy, wait_policy, wait_with_progress_for

__all__ = ["GetBatch", "GetBatchOutput", "StartBatch", "StopBatch", "WaitBatch"]

BATCH = "PSOpenAI.Batch"
_TIMESTAMPS = (
    "created_at", "in_progress_at", "expires_at", "finalizing_at", "completed_at",
    "failed_at", "expired_at", "cancelling_at", "cancelled_at",
)  # fmt: skip
#: A batch's lifecycle (Batch.status in the API description).
BATCH_JOB_STATUSES = StatusGraph(
    "batch",
    {
        "validating": frozenset({"in_progress", "failed", "cancelling"}),
        "in_progress": frozenset({"finalizing", "failed", "expired", "cancelling"}),
        "finalizing": frozenset({"completed", "failed", "expired", "cancelling"}),
        "cancelling": frozenset({"cancelled"}),
    },
    default_wait=frozenset({"validating", "in_progress", "finalizing"}),
)
_CANCELLABLE = ("validating", "in_progress", "finalizing")
_FINAL = ["cancelled", "completed", "failed", "expired"]


def batch_object(data: dict[str, Any]) -> PSObject:
    return typed_object(data, BATCH, _TIMESTAMPS)


def _batch_ids(cmdlet: ApiCmdlet) -> tuple[str, Any]:
    """(batch id, the batch object when one was given)."""
    batch = cmdlet.params.get("Batch", None)
    batch_id = object_id(batch) if batch is not None else cmdlet.params.BatchId
    if not batch_id:
        raise ArgumentError("Could not retrieve batch id.")
    return batch_id, batch


def _wait(cmdlet: ApiCmdlet, batch_id: str, policy: WaitPolicy) -> dict[str, Any]:
    deadline = Deadline(cmdlet.params.TimeoutSec)
    return wait_with_progress_for(cmdlet, ["batches", batch_id], batch_id, policy, deadline=deadline)


@register_cmdlet
class StartBatch(ApiCmdlet):
    name = "Start-Batch"

    def begin(self) -> None:
        super().begin()
        self.lines: list[str] = []
        self.endpoint: str | None = None

    def process(self) -> None:
        p = self.params
        if p.parameter_set_name != "BatchInput":
            return
        for item in p.BatchInput or []:
            if item is None:
                continue
            if not (member(item, "custom_id") and member(item, "method") and member(item, "url")):
                self.report_input_error(ArgumentError("Invalid batch input."))
                continue
            if self.endpoint is None:
                self.endpoint = to_ps_string(member(item, "url"))
            self.lines.append(json.dumps(plain(item), separators=(",", ":"), ensure_ascii=False))

    def end(self) -> None:
        p = self.params
        if p.parameter_set_name == "BatchInput":
            if not self.lines:
                return
            file_id = self._upload("\n".join(self.lines).encode("utf-8"))
        else:
            file_id = p.FileId
        if not file_id:
            raise ArgumentError("Could not retrieve input file id.")
        endpoint = p.Endpoint if p.is_bound("Endpoint") or self.endpoint is None else self.endpoint
        body: dict[str, Any] = {"input_file_id": file_id, "endpoint": endpoint, "completion_window": p.CompletionWindow}
        if p.is_bound("MetaData"):
            body["metadata"] = plain(p.MetaData)
        if p.is_bound("OutputExpiresAfterSeconds"):
            expiry = {"anchor": p.OutputExpiresAfterAnchor, "seconds": p.OutputExpiresAfterSeconds}
            body["output_expires_after"] = expiry
        batch = self.request("POST", ["batches"], body=body)
        self.write_verbose(f'Start batch with id "{batch.get("id")}". The current status is "{batch.get("status")}"')
        self.write_output(batch_object(batch))

    def _upload(self, data: bytes) -> str:
        name = f"batch-psopenai_{int(time.time())}_{secrets.randbelow(65536):04x}.jsonl"
        self.write_verbose(f'Uploading a batch data to OpenAI. (File name: "{name}")')
        form = MultipartForm([("purpose", "batch")], [FilePart("file", name, data=data)])
        uploaded = self.request("POST", ["files"], form=form)
        self.write_verbose(f'Batch data is successfully uploaded. (File ID: "{uploaded.get("id")}")')
        return str(uploaded.get("id") or "")


@register_cmdlet
class GetBatch(ApiCmdlet):
    name = "Get-Batch"

    def process(self) -> None:
        p = self.params
        deadline = Deadline(p.TimeoutSec)
        if p.parameter_set_name == "Get":
            batches: Any = [self.request("GET", ["batches", p.BatchId], deadline=deadline)]
        else:
            batches = list_items(
                self,
                ["batches"],
                limit=p.Limit,
                order=None,
                all_pages=bool(p.All),
                after=p.After or None,
                warn_when_more=not p.is_bound("Limit"),
                deadline=deadline,
            )
        for batch in batches:
            self.write_output(batch_object(batch))


@register_cmdlet
class WaitBatch(ApiCmdlet):
    name = "Wait-Batch"

    def begin(self) -> None:
        super().begin()
        self.policy = wait_policy(self.params, BATCH_JOB_STATUSES)

    def process(self) -> None:
        self.write_output(batch_object(_wait(self, self.params.BatchId, self.policy)))


@register_cmdlet
class StopBatch(ApiCmdlet):
    name = "Stop-Batch"

    def process(self) -> None:
        p = self.params
        batch_id, batch = _batch_ids(self)
        if batch is None:
            batch = self.request("GET", ["batches", batch_id])
        status = object_id(batch, name="status")
        if not p.Force and status not in _CANCELLABLE:
            raise InvalidOperationError(f'Cannot cancel batch with status "{status or ""}".')
        cancelled = self.request("POST", ["batches", batch_id, "cancel"])
        self.write_verbose("Requested to cancel batch.")
        if p.Wait:
            self.write_verbose("Waiting for a cancellation...")
            cancelled = _wait(self, batch_id, WaitPolicy.build(None, _FINAL, 1.0, BATCH_JOB_STATUSES))
        if p.PassThru:
            self.write_output(batch_object(cancelled))


@register_cmdlet
class GetBatchOutput(ApiCmdlet):
    name = "Get-BatchOutput"

    def process(self) -> None:
        batch_id, batch = _batch_ids(self)
        output_id = object_id(batch, name="output_file_id") if batch is not None else None
        if not output_id:
            if self.params.Wait and object_id(batch, name="status") != "completed":
                current = _wait(self, batch_id, WaitPolicy.build(None, None, 1.0, BATCH_JOB_STATUSES))
            else:
                current = self.request("GET", ["batches", batch_id])
            output_id = object_id(current, name="output_file_id")
        if not output_id:
            raise InvalidOperationError("Could not retrieve batch output file id.")
        content = self.request("GET", ["files", output_id, "content"], raw=True).content
        for line in content.decode("utf-8", errors="replace").split("\n"):
            if line.strip():
                self.write_output(_output_line(json.loads(line)))


def _output_line(data: Any) -> Any:
    line = to_psobject(data)
    if not isinstance(line, PSObject):
        return line
    line.pstypenames.insert(0, "PSOpenAI.Batch.Output")
    response = member(data, "response")
    body = member(response, "body") if isinstance(response, dict) else None
    if isinstance(body, dict) and body.get("object") == "chat.completion":
        line.response.body = chat_completion_object(body, [])
    elif isinstance(body, dict) and body.get("object") == "response":
        line.response.body = response_object(body, [])
    return line
