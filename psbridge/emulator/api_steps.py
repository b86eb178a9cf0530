"""Run steps: list and get.

``include[]`` is validated but changes nothing: the only includable field is
file-search result content, and the emulator never produces file-search calls.
"""

from __future__ import annotations

from . import listing
from .context import Context, check_include, find_run, find_step
from .exchange import ApiRequest, Reply, json_reply
from .kinds import register

register("thread.run.step", owners={"run_id": "thread.run"})


def list_steps(ctx: Context, request: ApiRequest) -> Reply:
    run = find_run(ctx, request.params["thread_id"], request.params["run_id"])
    query = listing.parse_query(request)
    check_include(request)
    return json_reply(listing.page(ctx.store.run_steps(run["id"]), query, "run step"))


def get_step(ctx: Context, request: ApiRequest) -> Reply:
    check_include(request)
    step = find_step(ctx, request.params["thread_id"], request.params["run_id"], request.params["step_id"])
    return json_reply(step)
