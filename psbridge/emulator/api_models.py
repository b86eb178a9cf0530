"""Models: the list the emulator reports, and one model by id.

Any model name is accepted by the generating endpoints (the echo model answers
for all of them); this list is what ``GET /models`` shows, so that scripts
listing or checking models find the common names.
"""

from __future__ import annotations

from .context import Context
from .errors import ApiError
from .exchange import ApiRequest, Reply, json_reply

#: (id, owner) of the listed models; ``created`` is a fixed date so answers are stable.
MODELS: tuple[tuple[str, str], ...] = (
    ("gpt-4o", "system"),
    ("gpt-4o-mini", "system"),
    ("gpt-4.1", "system"),
    ("gpt-4.1-mini", "system"),
    ("gpt-5.4", "system"),
    ("gpt-5.4-mini", "system"),
    ("gpt-5.4-nano", "system"),
    ("gpt-3.5-turbo", "openai"),
    ("gpt-3.5-turbo-instruct", "system"),
    ("o4-mini", "system"),
    ("text-embedding-ada-002", "openai-internal"),
    ("text-embedding-3-small", "system"),
    ("text-embedding-3-large", "system"),
    ("omni-moderation-latest", "system"),
)
CREATED = 1_700_000_000


def model_object(model_id: str, owner: str) -> dict[str, object]:
    return {"id": model_id, "object": "model", "created": CREATED, "owned_by": owner}


def list_models(ctx: Context, request: ApiRequest) -> Reply:
    return json_reply({"object": "list", "data": [model_object(name, owner) for name, owner in MODELS]})


def retrieve_model(ctx: Context, request: ApiRequest) -> Reply:
    wanted = request.params["model"]
    for name, owner in MODELS:
        if name == wanted:
            return json_reply(model_object(name, owner))
    raise ApiError(404, f"The model '{wanted}' does not exist", code="model_not_found")
