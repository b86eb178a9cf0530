"""The Images cmdlets: Request-ImageGeneration, Request-ImageEdit, Request-ImageVariation.

As PSOpenAI's source does them:

- the body carries what was bound (``n``, ``size``, ``quality`` ...), ``model``
  except on Azure (where the deployment in the URL names it);
- ``-ResponseFormat`` url, base64, byte or object (the whole response as a
  ``PSOpenAI.Image``).  The GPT image models always answer base64, so for them
  ``url`` becomes ``object`` (with a warning when it was asked for) and no
  ``response_format`` is sent; ``-OutputFormat`` is sent only to them, and with
  ``-OutFile`` it follows the file's extension (.png, .jpg/.jpeg, .webp);
- ``-OutFile`` writes the image (``name-1.png``, ``name-2.png`` ... for the
  further ones of ``-NumberOfImages``); with ``-Stream``/``-PartialImages``
  each partial image goes to ``name-<index>.png`` and the final one to the name;
- edits and variations upload their images as a multipart form streamed from
  disk (``image`` for one image, ``image[]`` for several, as the API reference
  sends them); on Azure an edit sends them as data URLs in JSON, as PSOpenAI does.

Where psbridge departs: every file is written whole or not at all (a temporary
file moved onto the name), and Request-ImageVariation -OutFile asks for base64
and writes it as the other two do (PSOpenAI asks for a URL and downloads it
with Invoke-WebRequest, a second request to another host).
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path
from typing import Any

from ...api import FilePart, InvalidResponseError, MultipartForm
from ...objects import to_ps_string
from ...runtime import Runspace, register_cmdlet
from ._base import ApiCmdlet
from ._errors import ArgumentError
from ._files import data_url
from ._objects import typed_object
from ._streaming import stream_events
from ._transfers import file_to_upload, resolve_path, write_file

__all__ = ["RequestImageEdit", "RequestImageGeneration", "RequestImageVariation"]

IMAGE = "PSOpenAI.Image"
_STAMPS = ("created", "created_at")
_EXTENSION_FORMATS = {".png": "png", ".jpeg": "jpeg", ".jpg": "jpeg", ".webp": "webp"}


def image_object(data: dict[str, Any]) -> Any:
    return typed_object(data, IMAGE, _STAMPS)


def numbered(runspace: Runspace, out_file: str, suffix: int | None) -> str:
    """``out_file`` itself, or ``<name>-<suffix><ext>`` beside it."""
    if suffix is None:
        return out_file
    path = resolve_path(runspace, out_file)
    return str(path.with_name(f"{path.stem}-{suffix}{path.suffix}"))


def _decoded(cmdlet: ApiCmdlet, text: Any) -> bytes:
    try:
        return base64.b64decode(to_ps_string(text), validate=True)
    except (binascii.Error, ValueError):
        url = cmdlet.last_response[1] if cmdlet.last_response else ""
        raise InvalidResponseError(f"The image from {url} is not valid base64.", url=url) from None


class _ImageCmdlet(ApiCmdlet):
    """What the three share: the request body's optional fields, the output of each image."""

    endpoint: tuple[str, ...] = ()
    event_prefix = ""
    gpt_rules = True  # the GPT image models' response_format/output_format rules apply

    def segments(self) -> list[str]:
        if self.settings.is_azure:
            return ["deployments", to_ps_string(self.params.Model).replace("/", "").strip(), *self.endpoint]
        return list(self.endpoint)

    def is_gpt_image(self) -> bool:
        return self.gpt_rules and "gpt-image-" in to_ps_string(self.params.Model).lower()

    def response_format(self, body: dict[str, Any]) -> str:
        """The output format (url, base64, byte, object); sets ``body['response_format']``."""
        p = self.params
        chosen = to_ps_string(p.ResponseFormat) if p.declares("ResponseFormat") else "url"
        if self.is_gpt_image() and chosen.lower() == "url":
            if p.is_bound("ResponseFormat"):
                self.write_warning("Your specified model does not support response_format=url. Defaulting to object.")
            chosen = "object"
        chosen = chosen.lower()
        if p.get("OutFile", None):
            chosen = "base64"
            body["response_format"] = "b64_json"
        elif chosen == "url":
            body["response_format"] = "url"
        elif chosen in ("base64", "byte"):
            body["response_format"] = "b64_json"
        if self.is_gpt_image():
            if p.is_bound("OutputFormat"):
                body["output_format"] = p.OutputFormat
            elif p.get("OutFile", None):
                body["output_format"] = _EXTENSION_FORMATS.get(Path(p.OutFile).suffix.lower(), "png")
            body.pop("response_format", None)
        return chosen

    def stream_fields(self, body: dict[str, Any]) -> None:
        p = self.params
        if int(p.PartialImages or 0) > 0:
            body["partial_images"] = int(p.PartialImages)
            body["stream"] = True
        elif p.Stream:
            body["stream"] = True

    def send(self, body: dict[str, Any] | None, form: MultipartForm | None, chosen: str, raw: bool) -> None:
        if body is not None and body.get("stream"):
            self.send_streamed(body, form, chosen, raw)
            return
        options: dict[str, Any] = {"form": form} if form is not None else {"body": body}
        if raw:
            self.write_output(self.request("POST", self.segments(), raw=True, **options).text)
            return
        response = self.request("POST", self.segments(), **options)
        if chosen == "object":
            self.write_output(image_object(response))
            return
        data = response.get("data")
        for index, content in enumerate(data if isinstance(data, list) else []):
            if not isinstance(content, dict):
                continue
            self.write_image(content, chosen, None if index == 0 else index)

    def send_streamed(self, body: dict[str, Any], form: MultipartForm | None, chosen: str, raw: bool) -> None:
        transfer: dict[str, Any] = {"form": form} if form is not None else {"body": body}
        kinds = (f"{self.event_prefix}.partial_image", f"{self.event_prefix}.completed")
        for text, event in stream_events(self, "POST", self.segments(), parse=not raw, **transfer):
            if raw:
                self.write_output(text)
                continue
            if not isinstance(event, dict) or event.get("type") not in kinds or not event.get("b64_json"):
                continue
            index = event.get("partial_image_index")
            if self.params.get("OutFile", None):
                path = write_file(
                    self.runspace,
                    numbered(self.runspace, self.params.OutFile, index),
                    _decoded(self, event["b64_json"]),
                )
                self.write_verbose(f"Save image to {path}")
            elif chosen == "object":
                self.write_output(image_object(event))
            elif chosen == "base64":
                self.write_output(event["b64_json"])
            elif chosen == "byte":
                self.write_output(_decoded(self, event["b64_json"]))

    def write_image(self, content: dict[str, Any], chosen: str, suffix: int | None) -> None:
        out_file = self.params.get("OutFile", None)
        if out_file:
            path = write_file(
                self.runspace, numbered(self.runspace, out_file, suffix), _decoded(self, content.get("b64_json", ""))
            )
            self.write_verbose(f"Save image to {path}")
        elif chosen == "url":
            self.write_output(content.get("url"))
        elif chosen == "base64":
            self.write_output(content.get("b64_json"))
        elif chosen == "byte":
            self.write_output(_decoded(self, content.get("b64_json", "")))


_GENERATION_FIELDS = (
    ("NumberOfImages", "n"),
    ("Size", "size"),
    ("Quality", "quality"),
    ("Style", "style"),
    ("Background", "background"),
    ("Moderation", "moderation"),
    ("OutputCompression", "output_compression"),
    ("User", "user"),
)


@register_cmdlet
class RequestImageGeneration(_ImageCmdlet):
    name = "Request-ImageGeneration"
    endpoint = ("images", "generations")
    event_prefix = "image_generation"

    def process(self) -> None:
        p = self.params
        body: dict[str, Any] = {"prompt": p.Prompt}
        if not self.settings.is_azure:
            body["model"] = p.Model
        for parameter, field in _GENERATION_FIELDS:
            if p.is_bound(parameter):
                body[field] = _json_value(p.get(parameter))
        self.stream_fields(body)
        chosen = self.response_format(body)
        self.send(body, None, chosen, bool(p.OutputRawResponse))


_EDIT_FIELDS = (
    ("NumberOfImages", "n"),
    ("Size", "size"),
    ("Quality", "quality"),
    ("InputFidelity", "input_fidelity"),
    ("Background", "background"),
    ("OutputCompression", "output_compression"),
    ("User", "user"),
)


@register_cmdlet
class RequestImageEdit(_ImageCmdlet):
    name = "Request-ImageEdit"
    endpoint = ("images", "edits")
    event_prefix = "image_edit"

    def process(self) -> None:
        p = self.params
        images = [file_to_upload(self.runspace, to_ps_string(image)) for image in p.Image or []]
        mask = file_to_upload(self.runspace, to_ps_string(p.Mask)) if p.is_bound("Mask") else None
        body: dict[str, Any] = {"prompt": p.Prompt}
        if not self.settings.is_azure and p.is_bound("Model"):
            body["model"] = p.Model
        for parameter, field in _EDIT_FIELDS:
            if p.is_bound(parameter):
                body[field] = _json_value(p.get(parameter))
        self.stream_fields(body)
        chosen = self.response_format(body)
        if self.settings.is_azure:  # Azure takes the images inline, as data URLs in JSON
            urls = [data_url(path) for path in images]
            body["image"] = urls if len(urls) > 1 else urls[0]
            if mask is not None:
                body["mask"] = data_url(mask)
            self.send(body, None, chosen, bool(p.OutputRawResponse))
            return
        field = "image[]" if len(images) > 1 else "image"
        files = [FilePart(field, path.name, path=path) for path in images]
        if mask is not None:
            files.append(FilePart("mask", mask.name, path=mask))
        fields = [(name, _form_text(value)) for name, value in body.items()]
        self.send(body, MultipartForm(fields, files), chosen, bool(p.OutputRawResponse))


@register_cmdlet
class RequestImageVariation(_ImageCmdlet):
    name = "Request-ImageVariation"
    endpoint = ("images", "variations")
    gpt_rules = False

    def segments(self) -> list[str]:
        return list(self.endpoint)  # no -ApiType and no -Model: OpenAI only (its Azure lines are commented out)

    def process(self) -> None:
        p = self.params
        image = file_to_upload(self.runspace, to_ps_string(p.Image))
        count = int(p.NumberOfImages)
        out_file = p.get("OutFile", None)
        chosen = to_ps_string(p.ResponseFormat).lower()
        if count > 1 and out_file:
            count = 1
        elif count > 1 and chosen == "byte":
            self.report_input_error(
                ArgumentError(f"When the format is specified as {chosen}, NumberOfImages should be 1.")
            )
            return
        size = to_ps_string(p.Size)
        if p.is_bound("Size") and size.strip().isdigit():
            size = f"{int(size)}x{int(size)}"
        fields = [("n", str(count)), ("size", size)]
        fields.append(("response_format", "b64_json" if out_file or chosen != "url" else "url"))
        if p.is_bound("User"):
            fields.append(("user", to_ps_string(p.User)))
        form = MultipartForm(fields, [FilePart("image", image.name, path=image)])
        if out_file:
            response = self.request("POST", list(self.endpoint), form=form)
            data = response.get("data")
            first = data[0] if isinstance(data, list) and data and isinstance(data[0], dict) else {}
            path = write_file(self.runspace, out_file, _decoded(self, first.get("b64_json", "")))
            self.write_verbose(f"Save image to {path}")
            return
        self.send(None, form, chosen, False)


def _json_value(value: Any) -> Any:
    return value if isinstance(value, int | float | bool) else to_ps_string(value)


def _form_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int | float) else to_ps_string(value)
