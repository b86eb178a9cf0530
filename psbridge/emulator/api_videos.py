"""Videos: generation jobs that move on the lifecycle's schedule, and their MP4, thumbnail and spritesheet.

A job is ``queued``, then ``in_progress`` (progress 50), then ``completed``
(progress 100), one status per step of its :class:`.schedule.Schedule` (a GET
of the job is a look); a prompt holding ``[fail]`` ends ``failed`` with an
``error`` instead.  The content is made when asked for, from the job alone, so
it is the same bytes every time: a real MP4 of the job's size and seconds
(:mod:`.video_files`), a WebP thumbnail or a JPEG spritesheet.  Content of a
job that is not completed is refused.

Creation takes JSON or a multipart form (``input_reference`` a file part: a
PNG, JPEG or WebP image; a PNG must have the video's size); ``sora-2`` makes
720x1280 and 1280x720, ``sora-2-pro`` also 1024x1792 and 1792x1024.  A remix
copies a completed job's model, size and seconds.
"""

from __future__ import annotations

from .context import Context, check_value, validated
from .errors import ApiError, bad_request
from .exchange import ApiRequest, Reply, json_reply
from .form_fields import form_body
from .listing import page, parse_query
from .multipart import parse_form
from .schema import Object, String
from .store import JSON
from .videos import VideoJobs, content

__all__ = ["SCHEMAS"]

SIZES = ("720x1280", "1280x720", "1024x1792", "1792x1024")
PRO_SIZES = ("1024x1792", "1792x1024")
_PROMPT = String(max_length=32000)
_REFERENCE = Object({"image_url": String(), "file_id": String()})
SCHEMAS: dict[str, Object] = {
    "createVideo": Object(
        {
            "model": String(),
            "prompt": _PROMPT,
            "input_reference": _REFERENCE,
            "seconds": String(enum=("4", "8", "12")),
            "size": String(enum=SIZES),
        },
        required=("prompt",),
        additional=False,
    ),
    "createVideoRemix": Object({"prompt": _PROMPT}, required=("prompt",), additional=False),
}
_VARIANTS = {"video": "video/mp4", "thumbnail": "image/webp", "spritesheet": "image/jpeg"}


def _jobs(ctx: Context) -> VideoJobs:
    jobs: VideoJobs = ctx.engine.videos
    return jobs


def _check_model(body: JSON) -> None:
    model = body.get("model") or "sora-2"
    if not model.startswith("sora-2"):
        raise bad_request(f"Invalid value: '{model}'. Supported values are: 'sora-2' and 'sora-2-pro'.",
                          param="model", code="invalid_value")  # fmt: skip
    if body.get("size") in PRO_SIZES and not model.startswith("sora-2-pro"):
        raise bad_request(f"The size '{body['size']}' is only supported by sora-2-pro.", param="size",
                          code="invalid_value")  # fmt: skip


def _check_reference(data: bytes, size: str) -> None:
    from .api_images import png_size

    if not (data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")) or data[8:12] == b"WEBP"):
        raise bad_request("Invalid 'input_reference': supported formats are 'png', 'jpeg' and 'webp'.",
                          param="input_reference", code="invalid_image_format")  # fmt: skip
    dimensions = png_size(data)
    if dimensions is not None and f"{dimensions[0]}x{dimensions[1]}" != size:
        raise bad_request(
            f"Inpaint image must match the requested width and height ({size}), got {dimensions[0]}x{dimensions[1]}.",
            param="input_reference", code="invalid_value",
        )  # fmt: skip


def create_video(ctx: Context, request: ApiRequest) -> Reply:
    if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        form = parse_form(request.raw_body, request.headers.get("content-type", ""))
        body, files = form_body(form, SCHEMAS["createVideo"], ("input_reference",))
        check_value(body, SCHEMAS["createVideo"], "")
        references = files.get("input_reference", [])
        if len(references) > 1:
            raise bad_request("Duplicate parameter: 'input_reference'.", param="input_reference", code="invalid_value")
        if references:
            _check_reference(references[0].data, body.get("size") or "720x1280")
    else:
        body = validated(request, "createVideo", SCHEMAS)
    if not body["prompt"]:
        raise bad_request("Invalid 'prompt': empty string.", param="prompt", code="empty_string")
    _check_model(body)
    return json_reply(_jobs(ctx).create(body))


def remix_video(ctx: Context, request: ApiRequest) -> Reply:
    body = validated(request, "createVideoRemix", SCHEMAS)
    jobs = _jobs(ctx)
    source = jobs.find(request.params["video_id"])
    jobs.look(source)
    if source["status"] != "completed":
        raise bad_request(f"Video {source['id']} is not completed (status '{source['status']}'); it cannot be remixed.",
                          param="video_id", code="invalid_value")  # fmt: skip
    copied = {"prompt": body["prompt"], "model": source["model"], "size": source["size"], "seconds": source["seconds"]}
    return json_reply(jobs.create(copied, remixed_from=source["id"]))


def list_videos(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(page(ctx.store.all("video"), parse_query(request), "video"))


def get_video(ctx: Context, request: ApiRequest) -> Reply:
    jobs = _jobs(ctx)
    job = jobs.find(request.params["video_id"])
    jobs.look(job)
    headers = {} if ctx.poll_after_ms is None else {"openai-poll-after-ms": str(ctx.poll_after_ms)}
    return json_reply(job, headers=headers)


def delete_video(ctx: Context, request: ApiRequest) -> Reply:
    job = _jobs(ctx).find(request.params["video_id"])
    ctx.store.remove(job)
    _jobs(ctx).schedule.forget(job["id"])
    return json_reply({"id": job["id"], "object": "video.deleted", "deleted": True})


def download_video(ctx: Context, request: ApiRequest) -> Reply:
    job = _jobs(ctx).find(request.params["video_id"])
    variant = request.query_value("variant") or "video"
    if variant not in _VARIANTS:
        listed = ", ".join(f"'{v}'" for v in _VARIANTS)
        raise bad_request(f"Invalid value: '{variant}'. Supported values are: {listed}.", param="variant",
                          code="invalid_value")  # fmt: skip
    if job["status"] != "completed":
        raise ApiError(404, f"Video {job['id']} has no content yet: its status is '{job['status']}'.",
                       param="video_id", code="video_not_ready")  # fmt: skip
    return Reply(body=content(job, variant), headers={"content-type": _VARIANTS[variant]})
