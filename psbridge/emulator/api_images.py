"""Images: generations, edits and variations, answered with real images of the asked size.

Each image is deterministic for its prompt (and its index among ``n``): a PNG
gradient, or one flat colour as JPEG or WebP (:mod:`.image_files`).  Models
follow the published rules:

- ``dall-e-2``: 256x256, 512x512 or 1024x1024 (the default); ``url`` or
  ``b64_json``; edits and variations take one square PNG (and a mask of the
  same size), under 4 MB;
- ``dall-e-3`` (generations only): 1024x1024, 1792x1024 or 1024x1792, ``n`` 1,
  and a ``revised_prompt``;
- the GPT image models (``gpt-image-*``, ``chatgpt-image-*``): always base64,
  so ``response_format`` is refused; ``auto``, 1024x1024, 1536x1024 or
  1024x1536 (``gpt-image-2``: any WIDTHxHEIGHT divisible by 16, aspect 1:3 to
  3:1, at most 3840x2160); ``output_format`` png, jpeg or webp; ``stream`` with
  ``partial_images`` partial events before each final one; ``usage`` counted;
- any other model name (an Azure deployment) takes what either family takes.

Edits take PNG, JPEG or WebP uploads (``image`` or ``image[]``, up to 16), or a
JSON body of ``images`` references (data URLs or uploaded file ids).  A URL
result is served without a key, as the hosted API's signed links are:
``GET /generated/images/<id>.<ext>`` (see :func:`serve_generated`).
"""

from __future__ import annotations

import base64
import binascii
import json
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from .context import Context, check_value, validated
from .errors import ApiError, bad_request
from .exchange import ApiRequest, Reply, json_reply
from .files import file_content
from .form_fields import form_body
from .image_files import IMAGE_MEDIA_TYPES, image_bytes
from .multipart import Part, parse_form
from .schema import AnyOf, Array, Boolean, Integer, Null, Object, Schema, String
from .sse import frame
from .store import JSON, now

__all__ = ["GENERATED_PREFIX", "SCHEMAS", "serve_generated"]

GENERATED_PREFIX = "/generated/images/"
DALL_E_2_SIZES = ("256x256", "512x512", "1024x1024")
DALL_E_3_SIZES = ("1024x1024", "1792x1024", "1024x1792")
GPT_SIZES = ("auto", "1024x1024", "1536x1024", "1024x1536")
DALL_E_2_MAX_BYTES = 4 * 1024 * 1024
GPT_MAX_BYTES = 50 * 1024 * 1024
MAX_INPUT_IMAGES = 16


def _nullable(schema: Schema) -> Schema:
    return AnyOf(schema, Null())


_COMMON: dict[str, Schema] = {
    "prompt": String(max_length=32000),
    "model": _nullable(String()),
    "n": _nullable(Integer(minimum=1, maximum=10)),
    "response_format": _nullable(String(enum=("url", "b64_json"))),
    "output_format": _nullable(String(enum=("png", "jpeg", "webp"))),
    "output_compression": _nullable(Integer(minimum=0, maximum=100)),
    "stream": _nullable(Boolean()),
    "partial_images": _nullable(Integer(minimum=0, maximum=3)),
    "size": _nullable(String()),
    "background": _nullable(String(enum=("transparent", "opaque", "auto"))),
    "user": String(),
}
SCHEMAS: dict[str, Object] = {
    "createImage": Object(
        {
            **_COMMON,
            "quality": _nullable(String(enum=("standard", "hd", "low", "medium", "high", "auto"))),
            "moderation": _nullable(String(enum=("low", "auto"))),
            "style": _nullable(String(enum=("vivid", "natural"))),
        },
        required=("prompt",),
    ),
    "createImageEdit": Object(
        {
            **_COMMON,
            "quality": _nullable(String(enum=("standard", "low", "medium", "high", "auto"))),
            "input_fidelity": _nullable(String(enum=("high", "low"))),
        },
        required=("prompt",),
    ),
    "createImageEditJson": Object(
        {
            **{name: schema for name, schema in _COMMON.items() if name != "response_format"},
            "images": Array(Object({"image_url": String(), "file_id": String()}), min_items=1, max_items=16),
            "mask": Object({"image_url": String(), "file_id": String()}),
            "quality": _nullable(String(enum=("low", "medium", "high", "auto"))),
            "input_fidelity": _nullable(String(enum=("high", "low"))),
            "moderation": _nullable(String(enum=("low", "auto"))),
            # PSOpenAI's -ApiType Azure sends its images as data URLs under "image".
            "image": AnyOf(String(), Array(String())),
        },
        required=("prompt",),
    ),
    "createImageVariation": Object(
        {
            "model": _nullable(String()),
            "n": _nullable(Integer(minimum=1, maximum=10)),
            "response_format": _nullable(String(enum=("url", "b64_json"))),
            "size": _nullable(String(enum=DALL_E_2_SIZES)),
            "user": String(),
        }
    ),
}


@dataclass(frozen=True)
class Family:
    name: str  # dall-e-2, dall-e-3, gpt, other

    @property
    def gpt(self) -> bool:
        return self.name in ("gpt", "other")

    @property
    def dall_e(self) -> bool:
        return self.name in ("dall-e-2", "dall-e-3", "other")


def family_of(model: str) -> Family:
    folded = model.lower()
    if folded.startswith("dall-e-2"):
        return Family("dall-e-2")
    if folded.startswith("dall-e-3"):
        return Family("dall-e-3")
    if folded.startswith(("gpt-image", "chatgpt-image")):
        return Family("gpt")
    return Family("other")


def _size(model: str, family: Family, text: str | None) -> tuple[int, int]:
    if family.name == "dall-e-2":
        allowed: tuple[str, ...] = DALL_E_2_SIZES
    elif family.name == "dall-e-3":
        allowed = DALL_E_3_SIZES
    elif family.name == "gpt":
        allowed = GPT_SIZES
    else:
        allowed = GPT_SIZES + DALL_E_2_SIZES + DALL_E_3_SIZES
    size = text or ("auto" if family.gpt and family.name != "other" else "1024x1024")
    if size == "auto" and family.gpt:
        return 1024, 1024
    if size in allowed:
        width, _, height = size.partition("x")
        return int(width), int(height)
    if model.lower().startswith("gpt-image-2"):
        dimensions = _free_size(size)
        if dimensions is not None:
            return dimensions
    listed = ", ".join(f"'{s}'" for s in allowed)
    raise bad_request(f"Invalid value: '{size}'. Supported values are: {listed}.", param="size", code="invalid_value")


def _free_size(size: str) -> tuple[int, int] | None:
    """gpt-image-2's WIDTHxHEIGHT: multiples of 16, aspect 1:3 to 3:1, at most 3840x2160."""
    width_text, x, height_text = size.partition("x")
    if not x or not width_text.isdigit() or not height_text.isdigit():
        return None
    width, height = int(width_text), int(height_text)
    fits = (
        width >= 16 and height >= 16 and width % 16 == 0 and height % 16 == 0
        and max(width, height) <= 3 * min(width, height)
        and max(width, height) <= 3840 and width * height <= 3840 * 2160
    )  # fmt: skip
    return (width, height) if fits else None


# -- input images -------------------------------------------------------------------------------


def _kind_of(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def png_size(data: bytes) -> tuple[int, int] | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    return None


def _check_input(data: bytes, name: str, family: Family, param: str) -> None:
    kind = _kind_of(data)
    if family.name == "dall-e-2":
        size = png_size(data)
        if size is None or len(data) >= DALL_E_2_MAX_BYTES:
            raise bad_request(f"Invalid input image '{name}': it must be a PNG of less than 4 MB.", param=param,
                              code="invalid_image_format")  # fmt: skip
        if size[0] != size[1]:
            raise bad_request(f"Invalid input image '{name}': it must be square, got {size[0]}x{size[1]}.",
                              param=param, code="invalid_image_format")  # fmt: skip
    elif kind is None or len(data) >= GPT_MAX_BYTES:
        raise bad_request(f"Invalid input image '{name}': supported formats are 'png', 'jpeg' and 'webp' "
                          "(less than 50 MB).", param=param, code="invalid_image_format")  # fmt: skip


def _data_url_bytes(url: str, param: str) -> bytes:
    head, comma, payload = url.partition(",")
    if not (url.startswith("data:") and comma and head.endswith(";base64")):
        raise bad_request(f"Invalid '{param}': expected a base64 data URL or a file id.", param=param,
                          code="invalid_value")  # fmt: skip
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise bad_request(f"Invalid '{param}': the data URL is not valid base64.", param=param,
                          code="invalid_value") from None  # fmt: skip


def _reference_bytes(ctx: Context, reference: JSON, param: str) -> bytes:
    if isinstance(reference.get("file_id"), str):
        return file_content(ctx.store, reference["file_id"])
    url = reference.get("image_url")
    if isinstance(url, str) and url.startswith("data:"):
        return _data_url_bytes(url, param)
    raise bad_request(f"Invalid '{param}': give an image_url (a data URL) or a file_id.", param=param,
                      code="invalid_value")  # fmt: skip


# -- answers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    event_prefix: str  # image_generation or image_edit
    prompt: str
    model: str
    family: Family
    width: int
    height: int
    count: int
    output_format: str
    url: bool
    body: JSON

    @property
    def size_text(self) -> str:
        return f"{self.width}x{self.height}"

    def image(self, index: int, partial: int | None = None) -> bytes:
        seed = f"{self.model}|{self.prompt}|{index}" + ("" if partial is None else f"|partial {partial}")
        return image_bytes(self.output_format, self.width, self.height, seed)

    def usage(self) -> JSON:
        text_tokens = max(1, len(self.prompt.split()))
        output = 272 * self.count
        return {
            "input_tokens": text_tokens,
            "total_tokens": text_tokens + output,
            "output_tokens": output,
            "input_tokens_details": {"text_tokens": text_tokens, "image_tokens": 0},
        }

    def quality(self) -> str:
        quality = self.body.get("quality") or "auto"
        return quality if quality in ("low", "medium", "high") else "medium"

    def background(self) -> str:
        background = self.body.get("background") or "auto"
        return background if background in ("transparent", "opaque") else "opaque"


def _job(ctx: Context, body: JSON, event_prefix: str, default_model: str) -> Job:
    model = body.get("model") or default_model
    family = family_of(model)
    if family.name == "gpt" and body.get("response_format") is not None:
        raise ApiError(400, "Unknown parameter: 'response_format'.", param="response_format",
                       code="unknown_parameter")  # fmt: skip
    count = body.get("n") or 1
    if family.name == "dall-e-3" and count != 1:
        raise bad_request(
            f"Invalid 'n': integer above maximum value. Expected a value <= 1, but got {count} instead.",
            param="n", code="integer_above_max_value",
        )  # fmt: skip
    if body.get("stream") and family.name in ("dall-e-2", "dall-e-3"):
        raise bad_request("Streaming is only supported for the GPT image models.", param="stream",
                          code="invalid_value")  # fmt: skip
    width, height = _size(model, family, body.get("size"))
    output_format = (body.get("output_format") or "png") if family.gpt else "png"
    url = not family.gpt or (family.name == "other" and body.get("response_format") == "url")
    if family.name in ("dall-e-2", "dall-e-3"):
        url = (body.get("response_format") or "url") == "url"
    return Job(event_prefix, body["prompt"], model, family, width, height, count, output_format, url, body)


def _image_entry(ctx: Context, request: ApiRequest, job: Job, index: int) -> JSON:
    data = job.image(index)
    entry: JSON = {}
    if job.url:
        name = ctx.store.new_id("img_") + "." + job.output_format
        ctx.store.put_blob(GENERATED_PREFIX + name, data)
        host = request.headers.get("host", "localhost")
        entry["url"] = f"http://{host}{GENERATED_PREFIX}{name}"
    else:
        entry["b64_json"] = base64.b64encode(data).decode("ascii")
    if job.family.name == "dall-e-3":
        entry["revised_prompt"] = job.prompt
    return entry


def _answer(ctx: Context, request: ApiRequest, job: Job) -> Reply:
    if job.body.get("stream"):
        return Reply(
            headers={"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache"},
            chunks=list(_events(job)),
        )
    response: JSON = {"created": now(), "data": [_image_entry(ctx, request, job, i) for i in range(job.count)]}
    if job.family.name == "gpt":
        response["background"] = job.background()
        response["output_format"] = job.output_format
        if job.size_text in ("1024x1024", "1024x1536", "1536x1024"):
            response["size"] = job.size_text
        response["quality"] = job.quality()
        response["usage"] = job.usage()
    return json_reply(response)


def _events(job: Job) -> Iterator[bytes]:
    partials = job.body.get("partial_images") or 0
    common = {"size": job.size_text if job.size_text in ("1024x1024", "1024x1536", "1536x1024") else "auto",
              "quality": job.quality(), "background": job.background(), "output_format": job.output_format}  # fmt: skip
    for index in range(job.count):
        for partial in range(partials):
            kind = f"{job.event_prefix}.partial_image"
            data = base64.b64encode(job.image(index, partial)).decode("ascii")
            event = {"type": kind, "b64_json": data, "created_at": now(), **common, "partial_image_index": partial}
            yield frame(kind, json.dumps(event))
        kind = f"{job.event_prefix}.completed"
        data = base64.b64encode(job.image(index)).decode("ascii")
        event = {"type": kind, "b64_json": data, "created_at": now(), **common, "usage": job.usage()}
        yield frame(kind, json.dumps(event))


# -- handlers -----------------------------------------------------------------------------------


def create_image(ctx: Context, request: ApiRequest) -> Reply:
    body = validated(request, "createImage", SCHEMAS)
    return _answer(ctx, request, _job(ctx, body, "image_generation", "dall-e-2"))


def _is_form(request: ApiRequest) -> bool:
    return request.headers.get("content-type", "").lower().startswith("multipart/form-data")


def _form(request: ApiRequest, operation: str, file_fields: tuple[str, ...]) -> tuple[JSON, dict[str, list[Part]]]:
    form = parse_form(request.raw_body, request.headers.get("content-type", ""))
    body, files = form_body(form, SCHEMAS[operation], file_fields)
    check_value(body, SCHEMAS[operation], "")
    return body, files


def create_image_edit(ctx: Context, request: ApiRequest) -> Reply:
    if _is_form(request):
        body, files = _form(request, "createImageEdit", ("image", "mask"))
        images = [(part.filename or "image", part.data) for part in files.get("image", [])]
        masks = [(part.filename or "mask", part.data) for part in files.get("mask", [])]
    else:
        body = validated(request, "createImageEditJson", SCHEMAS)
        references = body.get("images") or []
        images = [(f"images[{i}]", _reference_bytes(ctx, ref, f"images[{i}]")) for i, ref in enumerate(references)]
        loose = body.get("image")
        for i, url in enumerate([loose] if isinstance(loose, str) else loose or []):
            images.append((f"image[{i}]", _data_url_bytes(url, "image")))
        masks = [("mask", _reference_bytes(ctx, body["mask"], "mask"))] if isinstance(body.get("mask"), dict) else []
    if not images:
        raise bad_request("Missing required parameter: 'image'.", param="image", code="missing_required_parameter")
    job = _job(ctx, body, "image_edit", "gpt-image-1.5")
    limit = 1 if job.family.name == "dall-e-2" else MAX_INPUT_IMAGES
    if len(images) > limit:
        raise bad_request(f"Invalid 'image': at most {limit} image(s) for {job.model}, got {len(images)}.",
                          param="image", code="invalid_value")  # fmt: skip
    if job.family.name == "dall-e-3":
        raise bad_request("Image edits are not supported by dall-e-3.", param="model", code="invalid_value")
    for name, data in images:
        _check_input(data, name, job.family, "image")
    if len(masks) > 1:
        raise bad_request("Duplicate parameter: 'mask'.", param="mask", code="invalid_value")
    for name, data in masks:
        if png_size(data) is None:
            raise bad_request(f"Invalid mask '{name}': it must be a PNG.", param="mask", code="invalid_image_format")
        first = png_size(images[0][1])
        if first is not None and png_size(data) != first:
            raise bad_request("The mask must have the same dimensions as the image.", param="mask",
                              code="invalid_image_format")  # fmt: skip
    return _answer(ctx, request, job)


def create_image_variation(ctx: Context, request: ApiRequest) -> Reply:
    body, files = _form(request, "createImageVariation", ("image",))
    images = files.get("image", [])
    if not images:
        raise bad_request("Missing required parameter: 'image'.", param="image", code="missing_required_parameter")
    if len(images) > 1:
        raise bad_request("Duplicate parameter: 'image'.", param="image", code="invalid_value")
    model = body.get("model") or "dall-e-2"
    if family_of(model).name not in ("dall-e-2", "other"):
        raise bad_request(f"Invalid value: '{model}'. Supported values are: 'dall-e-2'.", param="model",
                          code="invalid_value")  # fmt: skip
    _check_input(images[0].data, images[0].filename or "image", Family("dall-e-2"), "image")
    seed = base64.b64encode(images[0].data[-64:]).decode("ascii")  # the same source, the same variations
    job = _job(ctx, {**body, "prompt": f"variation of {seed}", "model": "dall-e-2"}, "image_variation", "dall-e-2")
    return _answer(ctx, request, job)


def serve_generated(ctx: Context, path: str) -> Reply | None:
    """``GET /generated/images/<name>``: an image answered as a URL (no key, as a signed link)."""
    name = path[len(GENERATED_PREFIX) :]
    data = ctx.store.get_blob(GENERATED_PREFIX + name) if "/" not in name else None
    if data is None:
        return None
    media_type = IMAGE_MEDIA_TYPES.get(name.rpartition(".")[2], "application/octet-stream")
    return Reply(body=data, headers={"content-type": media_type})
