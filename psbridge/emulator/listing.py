"""List endpoints: query parameters and cursor pagination.

Decisions where the spec is silent (documented for people porting scripts):

- ``limit`` must be an integer in 1..100 (the range is only in the spec's
  prose; the hosted API enforced it) - otherwise 400.
- Ordering is by creation (the store's insertion order), so pages are stable
  even for objects created in the same second.
- ``after``/``before`` must name an object of the *same* list (for messages:
  the same thread, regardless of a ``run_id`` filter).  An unknown cursor is a
  400 ``invalid_value`` rather than an empty page: an empty page would end a
  client's pagination loop silently and hide a bug (or a deleted cursor
  object).  An empty cursor (``after=``) counts as absent, since clients that
  pass an empty ``last_id`` through mean "no cursor".
- ``before`` returns the ``limit`` objects immediately preceding the cursor (in
  the requested order); ``has_more`` then says whether still more lie beyond
  them in that direction.  With both cursors the window between them is paged
  from ``after``.
- An empty page has ``first_id``/``last_id`` = ``""`` (see
  :func:`.objects.list_page`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from . import objects
from .errors import ApiError
from .exchange import ApiRequest
from .store import JSON

DEFAULT_LIMIT = 20
MAX_LIMIT = 100

_INTEGER = re.compile(r"^[+-]?\d+$")


@dataclass(frozen=True)
class ListQuery:
    limit: int
    order: str
    after: str | None
    before: str | None


def parse_query(
    request: ApiRequest,
    default_order: str = "desc",
    *,
    default_limit: int = DEFAULT_LIMIT,
    max_limit: int = MAX_LIMIT,
) -> ListQuery:
    """The list parameters; ``limit`` within 1..``max_limit`` (the files list allows 10000)."""
    raw_limit = request.query_value("limit")
    limit = default_limit
    if raw_limit is not None:
        if not _INTEGER.match(raw_limit.strip()):
            raise ApiError(
                400,
                f"Invalid type for 'limit': expected an integer, but got a string ('{raw_limit}') instead.",
                param="limit",
                code="invalid_type",
            )
        limit = int(raw_limit)
        if limit < 1:
            raise ApiError(
                400,
                "Invalid 'limit': integer below minimum value. "
                f"Expected a value >= 1, but got {limit} instead.",
                param="limit",
                code="integer_below_min_value",
            )
        if limit > max_limit:
            raise ApiError(
                400,
                f"Invalid 'limit': integer above maximum value. Expected a value <= {max_limit}, "
                f"but got {limit} instead.",
                param="limit",
                code="integer_above_max_value",
            )
    order = request.query_value("order") or default_order
    if order not in ("asc", "desc"):
        raise ApiError(
            400,
            f"Invalid value: '{order}'. Supported values are: 'asc' and 'desc'.",
            param="order",
            code="invalid_value",
        )
    return ListQuery(
        limit, order, request.query_value("after") or None, request.query_value("before") or None
    )


def _position(ids: list[str], cursor: str, name: str, kind: str) -> int:
    try:
        return ids.index(cursor)
    except ValueError:
        raise ApiError(
            400,
            f"Invalid '{name}': no {kind} with id '{cursor}' in this list.",
            param=name,
            code="invalid_value",
        ) from None


def page(
    oldest_first: list[JSON],
    query: ListQuery,
    kind: str,
    keep: Callable[[JSON], bool] | None = None,
) -> JSON:
    """Build one page of ``oldest_first`` (the whole collection) as a list envelope.

    ``keep`` filters after the cursors are located, so a cursor may point at
    an object the filter hides.
    """
    ordered = oldest_first if query.order == "asc" else list(reversed(oldest_first))
    ids = [obj["id"] for obj in ordered]
    start, end = 0, len(ordered)
    if query.after is not None:
        start = _position(ids, query.after, "after", kind) + 1
    if query.before is not None:
        end = _position(ids, query.before, "before", kind)
    window = ordered[start:end] if start <= end else []
    if keep is not None:
        window = [obj for obj in window if keep(obj)]
    if query.before is not None and query.after is None:
        chosen = window[-query.limit :]
    else:
        chosen = window[: query.limit]
    return objects.list_page(chosen, has_more=len(window) > len(chosen))
