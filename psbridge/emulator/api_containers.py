"""Containers (the code interpreter's sandboxes) and their files.

A container is ``running`` from creation; its files are copies: of uploaded files
(``file_ids`` on create, or ``file_id`` later, ``source: user``) or of a file sent
in a multipart form, each at ``/mnt/data/<name>``, its bytes a blob of its own.
Deleting a container deletes its files.  Where the spec is silent: the delete
operations, which declare no body, answer ``{id, object: "<kind>.deleted",
deleted: true}`` as the hosted API did; the content download answers with the
file's media type.
"""

from __future__ import annotations

from typing import Any

from . import listing, objects
from .context import Context, validated
from .errors import ApiError, not_found
from .exchange import ApiRequest, Reply, json_reply
from .files import file_content, find_file, media_type
from .kinds import register
from .multipart import parse_form
from .schema import Array, Integer, Object, Schema, String
from .store import JSON, now

register("container")
register("container.file", owners={"container_id": "container"})

MEMORY_LIMITS = ("1g", "4g", "16g", "64g")
SCHEMAS: dict[str, Schema] = {
    "CreateContainer": Object(
        {
            "name": String(),
            "file_ids": Array(String()),
            "expires_after": Object(
                {"anchor": String(enum=("last_active_at",)), "minutes": Integer()}, required=("anchor", "minutes")
            ),
            "memory_limit": String(enum=MEMORY_LIMITS),
        },
        required=("name",),
    ),
    "CreateContainerFile": Object({"file_id": String()}),
}


def _container(ctx: Context, request: ApiRequest) -> JSON:
    found = ctx.store.get("container", request.params["container_id"])
    if found is None:
        raise not_found("container", request.params["container_id"])
    found["last_active_at"] = now()
    ctx.store.touch(found)
    return found


def _file(ctx: Context, request: ApiRequest) -> JSON:
    container = _container(ctx, request)
    found = ctx.store.get("container.file", request.params["file_id"])
    if found is None or found["container_id"] != container["id"]:
        raise not_found("container file", request.params["file_id"])
    return found


def _add_file(ctx: Context, container: JSON, name: str, data: bytes) -> JSON:
    entry: JSON = {
        "id": ctx.store.new_id("cfile_"),
        "object": "container.file",
        "container_id": container["id"],
        "created_at": now(),
        "bytes": len(data),
        "path": f"/mnt/data/{name}",
        "source": "user",
    }
    with ctx.store.transaction():
        ctx.store.put_blob(entry["id"], data)
        ctx.store.insert(entry)
    return entry


def _copy(ctx: Context, container: JSON, file_id: str) -> JSON:
    file = find_file(ctx.store, file_id)
    return _add_file(ctx, container, file["filename"], file_content(ctx.store, file_id))


def create_container(ctx: Context, request: ApiRequest) -> Reply:
    body = validated(request, "CreateContainer", SCHEMAS)
    for file_id in body.get("file_ids") or []:
        find_file(ctx.store, file_id)  # all or nothing
    created = now()
    expires = body.get("expires_after") or {"anchor": "last_active_at", "minutes": 20}
    container: JSON = {
        "id": ctx.store.new_id("cntr_"),
        "object": "container",
        "name": body["name"],
        "created_at": created,
        "status": "running",
        "last_active_at": created,
        "expires_after": {"anchor": expires["anchor"], "minutes": expires["minutes"]},
        "memory_limit": body.get("memory_limit") or "1g",
    }
    with ctx.store.transaction():
        ctx.store.insert(container)
        for file_id in body.get("file_ids") or []:
            _copy(ctx, container, file_id)
    return json_reply(container)


def list_containers(ctx: Context, request: ApiRequest) -> Reply:
    query = listing.parse_query(request)
    name = request.query_value("name")
    keep = None if name is None else (lambda container: container["name"] == name)
    return json_reply(listing.page(ctx.store.all("container"), query, "container", keep))


def get_container(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(_container(ctx, request))


def delete_container(ctx: Context, request: ApiRequest) -> Reply:
    container = _container(ctx, request)
    with ctx.store.transaction():
        for entry in ctx.store.children("container.file", container_id=container["id"]):
            ctx.store.remove_blob(entry["id"])
        ctx.store.remove(container)
    return json_reply(objects.deleted(container["id"], "container"))


def create_container_file(ctx: Context, request: ApiRequest) -> Reply:
    container = _container(ctx, request)
    if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        form = parse_form(request.raw_body, request.headers["content-type"])
        upload: Any = form.files.get("file")
        unknown = [part.name for part in form.parts if part.name != "file"]
        if unknown:
            raise ApiError(400, f"Unknown parameter: '{unknown[0]}'.", param=unknown[0], code="unknown_parameter")
        if upload is None or not upload.filename:
            raise ApiError(400, "Missing required parameter: 'file'.", param="file", code="missing_required_parameter")
        return json_reply(_add_file(ctx, container, upload.filename, upload.data))
    body = validated(request, "CreateContainerFile", SCHEMAS)
    if "file_id" not in body:
        raise ApiError(
            400, "Missing required parameter: 'file_id' (or a 'file' form).", param="file_id",
            code="missing_required_parameter",
        )  # fmt: skip
    return json_reply(_copy(ctx, container, body["file_id"]))


def list_container_files(ctx: Context, request: ApiRequest) -> Reply:
    container = _container(ctx, request)
    query = listing.parse_query(request)
    files = ctx.store.children("container.file", container_id=container["id"])
    return json_reply(listing.page(files, query, "container file"))


def get_container_file(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(_file(ctx, request))


def delete_container_file(ctx: Context, request: ApiRequest) -> Reply:
    entry = _file(ctx, request)
    with ctx.store.transaction():
        ctx.store.remove_blob(entry["id"])
        ctx.store.remove(entry)
    return json_reply(objects.deleted(entry["id"], "container.file"))


def download_container_file(ctx: Context, request: ApiRequest) -> Reply:
    entry = _file(ctx, request)
    content_type = media_type(entry["path"])
    return Reply(status=200, body=file_content(ctx.store, entry["id"]), headers={"content-type": content_type})
