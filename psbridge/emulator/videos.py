"""Video generation jobs: the statuses they move through and the files they make.

See :mod:`.api_videos` for the HTTP side.  A job is ``queued``, then
``in_progress`` (progress 50), then ``completed`` (progress 100), one status per
step of its :class:`.schedule.Schedule`; a prompt holding ``[fail]`` ends
``failed``.  The content is made from the job alone, so it is the same bytes
every time.
"""

from __future__ import annotations

from .errors import not_found
from .image_files import image_bytes, jpeg_image, seed_colour
from .kinds import register
from .lifecycle import Lifecycle
from .schedule import Schedule
from .store import JSON, Store, now
from .video_files import mp4_video

__all__ = ["VideoJobs", "content"]

register("video")

EXPIRY = 24 * 3600


class VideoJobs:
    def __init__(self, store: Store, lifecycle: Lifecycle) -> None:
        self.store = store
        self.schedule = Schedule(lifecycle)

    def find(self, video_id: str) -> JSON:
        found = self.store.get("video", video_id)
        if found is None:
            raise not_found("video", video_id)
        return found

    def create(self, body: JSON, remixed_from: str | None = None) -> JSON:
        job: JSON = {
            "id": self.store.new_id("video_"),
            "object": "video",
            "model": body.get("model") or "sora-2",
            "status": "queued",
            "progress": 0,
            "created_at": now(),
            "completed_at": None,
            "expires_at": None,
            "prompt": body["prompt"],
            "size": body.get("size") or "720x1280",
            "seconds": body.get("seconds") or "4",
            "remixed_from_video_id": remixed_from,
            "error": None,
        }
        self.store.insert(job)
        self.schedule.start(job["id"])
        return job

    def look(self, job: JSON) -> None:
        if job["status"] in ("queued", "in_progress") and self.schedule.due(job["id"]):
            self.step(job)

    def step(self, job: JSON) -> None:
        self.store.touch(job)
        if job["status"] == "queued":
            job["status"], job["progress"] = "in_progress", 50
        elif "[fail]" in (job["prompt"] or ""):
            job["status"] = "failed"
            job["error"] = {"code": "video_generation_failed", "message": "The video could not be generated."}
        else:
            job["status"], job["progress"] = "completed", 100
            job["completed_at"] = now()
            job["expires_at"] = job["completed_at"] + EXPIRY
        if job["status"] in ("completed", "failed"):
            self.schedule.forget(job["id"])

    def finish(self, job: JSON) -> None:
        while job["status"] in ("queued", "in_progress"):
            self.step(job)


def content(job: JSON, variant: str) -> bytes:
    width, _, height = job["size"].partition("x")
    seed = f"{job['model']}|{job['prompt']}|{job['remixed_from_video_id'] or ''}"
    if variant == "thumbnail":
        return image_bytes("webp", int(width), int(height), seed)
    if variant == "spritesheet":
        return jpeg_image(int(width) // 4, int(height) // 4, seed_colour(seed))
    return mp4_video(int(width), int(height), int(job["seconds"]), seed)
