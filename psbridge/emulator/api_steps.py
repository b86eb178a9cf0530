"""Run steps: list and get.

``include[]`` may name the one includable field, the content of file-search
results: a file_search call lists its results' file, name and score, and
their ``content`` only when asked for, as on the hosted API.
"""

from __future__ import annotations

import copy

from . import listing
from .context import Context, check_include, find_run, find_step
from .exchange import ApiRequest, Reply, json_reply
from .kinds import register
from .store import JSON

register("thread.run.step", owners={"run_id": "thread.run"})


def _shown(step: JSON, with_content: bool) -> JSON:
    """The step as answered: file-search result content left out unless included."""
    calls = step["step_details"].get("tool_calls") or []
    if with_content or not any(call.get("type") == "file_search" for call in calls):
        return step
    shown = copy.deepcopy(step)
    for call in shown["step_details"]["tool_calls"]:
        for result in (call.get("file_search") or {}).get("results") or []:
            result.pop("content", None)
    return shown


def list_steps(ctx: Context, request: ApiRequest) -> Reply:
    run = find_run(ctx, request.params["thread_id"], request.params["run_id"])
    query = listing.parse_query(request)
    with_content = bool(check_include(request))
    page = listing.page(ctx.store.run_steps(run["id"]), query, "run step")
    page["data"] = [_shown(step, with_content) for step in page["data"]]
    return json_reply(page)


def get_step(ctx: Context, request: ApiRequest) -> Reply:
    with_content = bool(check_include(request))
    step = find_step(ctx, request.params["thread_id"], request.params["run_id"], request.params["step_id"])
    return json_reply(_shown(step, with_content))
