"""Batches: create, list, get, cancel -- the HTTP side of :mod:`.batches`.

Each GET of a batch is a look that may move it one status (see :mod:`.batches`);
its requests run through this emulator's own routes, so a batch of chat
completions answers what ``POST /v1/chat/completions`` answers.
"""

from __future__ import annotations

import json
from typing import Any

from . import listing
from .batches import BATCH_ENDPOINTS, BatchJobs
from .context import Context, validated
from .errors import ApiError
from .exchange import ApiRequest, Reply, json_reply
from .request_schemas import METADATA
from .schema import Integer, Object, Schema, String
from .store import JSON

SCHEMAS: dict[str, Schema] = {
    "createBatch": Object(
        {
            "input_file_id": String(),
            "endpoint": String(enum=BATCH_ENDPOINTS),
            "completion_window": String(enum=("24h",)),
            "metadata": METADATA,
            "output_expires_after": Object(
                {"anchor": String(enum=("created_at",)), "seconds": Integer(minimum=3600, maximum=2592000)},
                required=("anchor", "seconds"),
            ),
        },
        required=("input_file_id", "endpoint", "completion_window"),
    )
}


def _jobs(ctx: Context) -> BatchJobs:
    return ctx.engine.batches


def executor(ctx: Context) -> Any:
    """What runs one batch request: the emulator's own handler for ``POST <url>``."""
    from . import routes  # the route table lists this module's handlers

    def execute(url: str, body: JSON) -> tuple[int, Any]:
        path = url.removeprefix("/v1")
        try:
            route, params = routes.resolve("POST", [s for s in path.split("/") if s], url)
            reply = route.handler(ctx, ApiRequest("POST", params, [], dict(body), {}))
        except ApiError as error:
            return error.status, error.body()
        if reply.chunks is not None:
            return 400, {"error": {"message": "A batch request cannot stream.", "type": "invalid_request_error",
                                   "param": "stream", "code": None}}  # fmt: skip
        return reply.status, json.loads(reply.body)

    return execute


def create_batch(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply(_jobs(ctx).create(validated(request, "createBatch", SCHEMAS)))


def list_batches(ctx: Context, request: ApiRequest) -> Reply:
    query = listing.parse_query(request)
    return json_reply(listing.page(ctx.store.all("batch"), query, "batch"))


def get_batch(ctx: Context, request: ApiRequest) -> Reply:
    jobs = _jobs(ctx)
    batch = jobs.find(request.params["batch_id"])
    jobs.look(batch, executor(ctx))
    return json_reply(batch)


def cancel_batch(ctx: Context, request: ApiRequest) -> Reply:
    jobs = _jobs(ctx)
    return json_reply(jobs.cancel(jobs.find(request.params["batch_id"])))
