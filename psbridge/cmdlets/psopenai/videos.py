"""The Videos cmdlets: New-Video, New-VideoRemix, Get-Video, Wait-Video, Get-VideoContent, Remove-Video.

As PSOpenAI's source does them: New-Video sends a multipart form (``prompt``,
``model``, and when bound ``seconds``, ``size`` and the -InputReference file,
streamed from disk); each job comes out as a ``PSOpenAI.Video.Job`` (its Unix
times as local DateTimes), with PSOpenAI's warning when it failed.
Wait-Video polls on PSOpenAI's schedule (immediately, then k*P/3 up to
-PollIntervalSec P, 3 s by default; a server's ``openai-poll-after-ms`` wins)
while the status is in -StatusForWait (queued, in_progress and Azure's
preprocessing, running, processing); Get-VideoContent -WaitForCompletion waits
so before it downloads, and fails unless the job completed.  Get-VideoContent
outputs the bytes, or writes -OutFile (``variant`` sent only when bound).

Where psbridge departs: Wait-Video reads the id it was given (PSOpenAI's
param block names it ``$VideohId`` while its body reads ``$VideoId``, so it
polls an empty id and -WaitForCompletion never works there); -StatusForExit
has the docs' meaning as for the other Wait-* cmdlets (see ``_waiting``); and
-OutFile is written whole or not at all (see ``_transfers``).  Azure's video
endpoints (``openai/v1/video/generations``) are not implemented: -ApiType
Azure is refused with an argument error before any request.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...api import FilePart, MultipartForm
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._errors import ArgumentError, InvalidOperationError
from ._objects import typed_object
from ._paging import list_with_parameters
from ._transfers import download_to_file, file_to_upload
from ._waiting import StatusGraph, WaitPolicy, wait_with_progress_for
from .get_openai_file_content import IN_MEMORY_LIMIT

__all__ = ["GetVideo", "GetVideoContent", "NewVideo", "NewVideoRemix", "RemoveVideo", "WaitVideo"]

VIDEO_JOB = "PSOpenAI.Video.Job"
_TIMESTAMPS = ("created_at", "expires_at", "started_at", "cancelled_at", "failed_at", "completed_at")
#: A video job's statuses: OpenAI's (VideoStatus) and Azure's, which PSOpenAI also waits through.
VIDEO_STATUSES = StatusGraph(
    "video",
    {
        "queued": frozenset({"in_progress", "completed", "failed"}),
        "in_progress": frozenset({"completed", "failed"}),
        "preprocessing": frozenset({"running", "processing", "succeeded", "failed", "cancelled"}),
        "running": frozenset({"processing", "succeeded", "failed", "cancelled"}),
        "processing": frozenset({"succeeded", "failed", "cancelled"}),
    },
    default_wait=frozenset({"queued", "in_progress", "preprocessing", "running", "processing"}),
)


class _VideoCmdlet(ApiCmdlet):
    def begin(self) -> None:
        super().begin()
        if self.settings.is_azure:
            raise ArgumentError(f"{self.name} does not support -ApiType Azure in psbridge (Azure's video API differs).")

    def write_job(self, data: dict[str, Any]) -> None:
        """PSOpenAI's ParseVideoJobObject: the typed job, and a warning when it failed."""
        self.write_output(typed_object(data, VIDEO_JOB, _TIMESTAMPS))
        error = data.get("error")
        if error is not None or data.get("status") == "failed":
            job_id, status = data.get("id"), data.get("status")
            if data.get("failure_reason") is not None:
                reason = data["failure_reason"]
                self.write_warning(f'The status of job with id "{job_id}" is "{status}". Reason: "{reason}"')
            else:
                message = error.get("message") if isinstance(error, dict) else None
                code = error.get("code") if isinstance(error, dict) else None
                self.write_warning(
                    f'The status of job with id "{job_id}" is "{status}". Error: "{message or ""}" ({code or ""})'
                )

    def started(self, job: dict[str, Any]) -> None:
        job_id, status = job.get("id"), job.get("status")
        self.write_verbose(f'Start create video job with id "{job_id}". The current status is "{status}"')
        self.write_job(job)

    def wait(self, video_id: str, policy: WaitPolicy) -> dict[str, Any]:
        deadline = Deadline(self.params.TimeoutSec)
        return wait_with_progress_for(self, ["videos", video_id], video_id, policy, deadline=deadline)


@register_cmdlet
class NewVideo(_VideoCmdlet):
    name = "New-Video"

    def process(self) -> None:
        p = self.params
        fields = [("prompt", to_ps_string(p.Prompt)), ("model", to_ps_string(p.Model))]
        if p.is_bound("Seconds"):
            fields.append(("seconds", to_ps_string(p.Seconds).strip()))
        if p.is_bound("Size"):
            fields.append(("size", to_ps_string(p.Size).strip()))
        files = []
        if p.is_bound("InputReference"):
            path = file_to_upload(self.runspace, to_ps_string(p.InputReference))
            files.append(FilePart("input_reference", path.name, path=path))
        job = self.request("POST", ["videos"], form=MultipartForm(fields, files))
        self.started(job)


@register_cmdlet
class NewVideoRemix(_VideoCmdlet):
    name = "New-VideoRemix"

    def process(self) -> None:
        p = self.params
        job = self.request("POST", ["videos", p.VideoId, "remix"], body={"prompt": to_ps_string(p.Prompt)})
        self.started(job)


@register_cmdlet
class GetVideo(_VideoCmdlet):
    name = "Get-Video"

    def process(self) -> None:
        p = self.params
        deadline = Deadline(p.TimeoutSec)
        jobs: Iterable[dict[str, Any]]
        if p.parameter_set_name == "Get":
            jobs = [self.request("GET", ["videos", p.VideoId], deadline=deadline)]
        else:
            jobs = list_with_parameters(self, ["videos"], deadline=deadline)
        for job in jobs:
            self.write_job(job)


def _video_policy(cmdlet: ApiCmdlet) -> WaitPolicy:
    p = cmdlet.params
    return WaitPolicy.build(
        p.StatusForWait if p.is_bound("StatusForWait") else None,
        p.StatusForExit if p.is_bound("StatusForExit") else None,
        float(p.PollIntervalSec) if p.is_bound("PollIntervalSec") else 3.0,
        VIDEO_STATUSES,
    )


@register_cmdlet
class WaitVideo(_VideoCmdlet):
    name = "Wait-Video"

    def begin(self) -> None:
        super().begin()
        self.policy = _video_policy(self)

    def process(self) -> None:
        video_id = to_ps_string(self.params.VideohId)  # also bound as -VideoId, -Id, -video_id
        job = self.wait(video_id, self.policy)
        self.write_verbose(f'The status of job with id "{job.get("id")}" is "{job.get("status")}"')
        self.write_job(job)


@register_cmdlet
class GetVideoContent(_VideoCmdlet):
    name = "Get-VideoContent"

    def process(self) -> None:
        p = self.params
        video_id = to_ps_string(p.VideoId)
        if p.WaitForCompletion:
            self.write_verbose(f"Waiting for the job with id '{video_id}' to be completed...")
            finished = self.wait(video_id, WaitPolicy.build(None, None, 3.0, VIDEO_STATUSES))
            status = finished.get("status")
            if status not in ("completed", "succeeded"):
                message = f"The job with id '{video_id}' was not completed. The status is '{status}'."
                raise InvalidOperationError(message)
            self.write_verbose(f"The job with id '{video_id}' is completed.")
        query = [("variant", to_ps_string(p.Variant))] if p.is_bound("Variant") else []
        segments = ["videos", video_id, "content"]
        if p.OutFile:
            path = download_to_file(self, segments, p.OutFile, query=query)
            self.write_verbose(f"Save video content to {path}")
            return
        limit = max(self.settings.max_response_bytes, IN_MEMORY_LIMIT)
        response = self.request("GET", segments, query=query, raw=True, max_bytes=limit)
        self.write_output(response.content)


@register_cmdlet
class RemoveVideo(_VideoCmdlet):
    name = "Remove-Video"

    def process(self) -> None:
        video_id = self.params.VideoId
        answer = self.request("DELETE", ["videos", video_id])
        if answer.get("deleted"):
            self.write_verbose(f'The video with id "{video_id}" has been deleted.')
