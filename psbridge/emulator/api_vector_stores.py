"""Vector stores, their files and their file batches: the HTTP side of :mod:`.vector_stores`.

Every GET of a store, of its files or of one of its batches is a *look* that
moves ingestion along (see :mod:`.vector_stores`).  The answer shows the state
after that look: with the default ``polls`` schedule a file added is still
``in_progress`` on the first look and ``completed`` on the second.

Where the spec is silent: adding a file the store already holds starts its
ingestion over (the hosted API re-indexed it); cancelling a batch that is no
longer in progress is a 400; a file batch lists, and counts, the files it
added even if they were in the store before.
"""

from __future__ import annotations

from . import listing, objects
from .context import Context, check_value, validated
from .errors import bad_request
from .exchange import ApiRequest, Reply, json_reply
from .schema import String
from .store import JSON
from .vector_store_schemas import VECTOR_STORE_SCHEMAS
from .vector_stores import VectorStores

_FILTERS = ("in_progress", "completed", "failed", "cancelled")


def _engine(ctx: Context) -> VectorStores:
    return ctx.engine.vector_stores


def _body(request: ApiRequest, operation_id: str) -> JSON:
    return validated(request, operation_id, VECTOR_STORE_SCHEMAS)


def _store(ctx: Context, request: ApiRequest) -> tuple[VectorStores, JSON]:
    """The engine and the vector store the path names (404 if none)."""
    engine = _engine(ctx)
    return engine, engine.find(request.params["vector_store_id"])


def _looked_at(ctx: Context, vector_store_id: str) -> JSON:
    engine = _engine(ctx)
    vector_store = engine.find(vector_store_id)
    engine.look(vector_store_id)
    return vector_store


def _filtered(request: ApiRequest, files: list[JSON], kind: str) -> JSON:
    query = listing.parse_query(request)
    wanted = request.query_value("filter")
    if wanted is not None:
        check_value(wanted, String(enum=_FILTERS), "filter")
    keep = None if wanted is None else (lambda entry: entry["status"] == wanted)
    return listing.page(files, query, kind, keep)


# -- stores -----------------------------------------------------------------------------
def create_vector_store(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(_engine(ctx).create(_body(request, "createVectorStore")))


def list_vector_stores(ctx: Context, request: ApiRequest) -> Reply:
    query = listing.parse_query(request)
    return json_reply(listing.page(ctx.store.all("vector_store"), query, "vector store"))


def get_vector_store(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(_looked_at(ctx, request.params["vector_store_id"]))


def modify_vector_store(ctx: Context, request: ApiRequest) -> Reply:
    body = _body(request, "modifyVectorStore")
    engine, vector_store = _store(ctx, request)
    if "name" in body:
        vector_store["name"] = body["name"] or ""
    if "metadata" in body:
        vector_store["metadata"] = body["metadata"] or {}
    if "expires_after" in body:
        engine.set_expiry(vector_store, body["expires_after"])
    ctx.store.touch(vector_store)
    return json_reply(vector_store)


def delete_vector_store(ctx: Context, request: ApiRequest) -> Reply:
    engine, vector_store = _store(ctx, request)
    engine.remove(vector_store)
    return json_reply(objects.deleted(vector_store["id"], "vector_store"))


# -- files --------------------------------------------------------------------------------
def create_vector_store_file(ctx: Context, request: ApiRequest) -> Reply:
    body = _body(request, "createVectorStoreFile")
    engine, vector_store = _store(ctx, request)
    entry = engine.attach(vector_store, body["file_id"], body.get("chunking_strategy"), body.get("attributes"))
    engine.refresh(vector_store["id"])
    return json_reply(entry)


def list_vector_store_files(ctx: Context, request: ApiRequest) -> Reply:
    vector_store = _looked_at(ctx, request.params["vector_store_id"])
    files = ctx.store.children("vector_store.file", vector_store_id=vector_store["id"])
    return json_reply(_filtered(request, files, "file"))


def get_vector_store_file(ctx: Context, request: ApiRequest) -> Reply:
    vector_store = _looked_at(ctx, request.params["vector_store_id"])
    return json_reply(_engine(ctx).find_file(vector_store["id"], request.params["file_id"]))


def delete_vector_store_file(ctx: Context, request: ApiRequest) -> Reply:
    engine, vector_store = _store(ctx, request)
    entry = engine.find_file(vector_store["id"], request.params["file_id"])
    engine.detach(entry)
    return json_reply(objects.deleted(entry["id"], "vector_store.file"))


# -- file batches -----------------------------------------------------------------------------
def create_file_batch(ctx: Context, request: ApiRequest) -> Reply:
    body = _body(request, "createVectorStoreFileBatch")
    engine, vector_store = _store(ctx, request)
    if "files" in body and "file_ids" in body:
        raise bad_request("Provide either 'file_ids' or 'files', not both.", param="files", code="invalid_value")
    if "files" in body:
        entries = [(f["file_id"], f.get("chunking_strategy"), f.get("attributes")) for f in body["files"]]
    else:
        chunking, attributes = body.get("chunking_strategy"), body.get("attributes")
        entries = [(file_id, chunking, attributes) for file_id in body["file_ids"]]
    return json_reply(engine.start_batch(vector_store, entries))


def _batch(ctx: Context, request: ApiRequest, *, look: bool) -> JSON:
    vector_store_id = request.params["vector_store_id"]
    engine = _engine(ctx)
    engine.find(vector_store_id)
    if look:
        engine.look(vector_store_id)
    return engine.find_batch(vector_store_id, request.params["batch_id"])


def get_file_batch(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(_batch(ctx, request, look=True))


def cancel_file_batch(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(_engine(ctx).cancel_batch(_batch(ctx, request, look=False)))


def list_files_in_batch(ctx: Context, request: ApiRequest) -> Reply:
    batch = _batch(ctx, request, look=True)
    return json_reply(_filtered(request, _engine(ctx).batch_files(batch), "file"))
