"""Files: upload (multipart), list, get, delete, download the contents.

The contents are kept as a blob beside the file object (``Store.put_blob``),
so with ``--store`` they live on disk.  The emulator itself also makes files:
a code-interpreter run that draws a chart writes a PNG (``assistants_output``).

Decisions where the spec is silent:

- a form must hold exactly one ``file`` part and a ``purpose``; anything else
  is a 400 ``Unknown parameter`` (the request schema has
  ``additionalProperties: false``); ``expires_after`` comes as the two fields
  ``expires_after[anchor]`` and ``expires_after[seconds]``;
- the download answers with the file's own media type (from its name), not the
  JSON string the spec declares: clients (PSOpenAI, the SDK) write the bytes;
- deleting a file also removes it from every vector store, as the hosted API
  documents ("Delete a file and remove it from all vector stores").
"""

from __future__ import annotations

import re

from . import listing
from .context import Context, check_value
from .errors import ApiError, bad_request
from .exchange import ApiRequest, Reply, json_reply
from .files import file_content, find_file, media_type, store_file
from .multipart import parse_form
from .schema import Integer, String
from .store import now

UPLOAD_PURPOSES = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")
LIST_LIMIT = 10000
EXPIRY_SECONDS = (3600, 2592000)

_FIELDS = ("file", "purpose", "expires_after[anchor]", "expires_after[seconds]")
_INTEGER = re.compile(r"^[+-]?\d+$")


def _missing(name: str) -> ApiError:
    return ApiError(400, f"Missing required parameter: '{name}'.", param=name, code="missing_required_parameter")


def _expiry(fields: dict[str, str]) -> int | None:
    anchor = fields.get("expires_after[anchor]")
    seconds = fields.get("expires_after[seconds]")
    if anchor is None and seconds is None:
        return None
    if anchor is None or seconds is None:
        raise _missing("expires_after[anchor]" if anchor is None else "expires_after[seconds]")
    check_value(anchor, String(enum=("created_at",)), "expires_after[anchor]")
    if not _INTEGER.match(seconds.strip()):
        raise bad_request(
            f"Invalid type for 'expires_after[seconds]': expected an integer, but got a string ('{seconds}') instead.",
            param="expires_after[seconds]",
            code="invalid_type",
        )
    value = int(seconds)
    check_value(value, Integer(minimum=EXPIRY_SECONDS[0], maximum=EXPIRY_SECONDS[1]), "expires_after[seconds]")
    return now() + value


def create_file(ctx: Context, request: ApiRequest) -> Reply:
    form = parse_form(request.raw_body, request.headers.get("content-type", ""))
    names = [part.name for part in form.parts]
    for name in names:
        if name not in _FIELDS:
            raise ApiError(400, f"Unknown parameter: '{name}'.", param=name, code="unknown_parameter")
        if names.count(name) > 1:
            raise bad_request(f"Duplicate parameter: '{name}'.", param=name, code="invalid_value")
    fields, files = form.fields, form.files
    upload = files.get("file")
    if upload is None:
        raise _missing("file")
    purpose = fields.get("purpose")
    if purpose is None:
        raise _missing("purpose")
    check_value(purpose, String(enum=UPLOAD_PURPOSES), "purpose")
    if not upload.filename:
        raise bad_request("The uploaded file must have a file name.", param="file", code="invalid_value")
    return json_reply(store_file(ctx.store, upload.filename, upload.data, purpose, _expiry(fields)))


def list_files(ctx: Context, request: ApiRequest) -> Reply:
    query = listing.parse_query(request, default_limit=LIST_LIMIT, max_limit=LIST_LIMIT)
    purpose = request.query_value("purpose")
    keep = None if not purpose else (lambda file: file["purpose"] == purpose)
    return json_reply(listing.page(ctx.store.all("file"), query, "file", keep))


def get_file(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(find_file(ctx.store, request.params["file_id"]))


def delete_file(ctx: Context, request: ApiRequest) -> Reply:
    file = find_file(ctx.store, request.params["file_id"])
    with ctx.store.transaction():
        ctx.engine.vector_stores.detach_everywhere(file["id"])
        ctx.store.remove(file)
        ctx.store.remove_blob(file["id"])
    return json_reply({"id": file["id"], "object": "file", "deleted": True})


def download_file(ctx: Context, request: ApiRequest) -> Reply:
    file = find_file(ctx.store, request.params["file_id"])
    content_type = media_type(file["filename"])
    return Reply(status=200, body=file_content(ctx.store, file["id"]), headers={"content-type": content_type})
