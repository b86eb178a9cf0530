"""Listing with PSOpenAI's paging rules (Get-ThreadRun, -RunStep, -Message, Get-Assistant).

``-All`` asks for pages of 100 and follows the ``after`` cursor while the API
says ``has_more``; without it one page is read, and a warning says more exists
(only when -Limit was not given).  Items are yielded as each page arrives.
For n items, -All costs at most ceil(n/100)+1 requests.

A page's last item is the next request's cursor, so it is held back until the
next page has been read: otherwise ``Get-Assistant -All | Remove-Assistant``
(the doc's own example) would delete the cursor before the request names it,
and a server that checks cursors refuses the page.

A server that always says ``has_more`` cannot keep -All going forever: paging
stops with an InvalidResponseError when a cursor comes back a second time, and
after :data:`MAX_PAGES` pages (100,000 items at 100 a page); -TimeoutSec bounds
it in time.  What was read before stays written.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ...api import InvalidResponseError
from ...errors import ErrorCategory

if TYPE_CHECKING:
    from ._base import ApiCmdlet, Deadline

__all__ = ["MAX_PAGES", "list_items", "list_with_parameters"]

MORE_DATA_WARNING = "There is more data that has not been retrieved."
#: The most pages one listing reads.
MAX_PAGES = 1000


def _paging_error(message: str) -> InvalidResponseError:
    return InvalidResponseError(message, category=ErrorCategory.LimitsExceeded)


def list_items(
    cmdlet: ApiCmdlet,
    segments: Sequence[str],
    *,
    limit: int = 20,
    order: str | None = "asc",
    all_pages: bool = False,
    after: str | None = None,
    before: str | None = None,
    filters: Sequence[tuple[str, Any]] = (),
    extra_query: Sequence[tuple[str, Any]] = (),
    warn_when_more: bool = True,
    deadline: Deadline | None = None,
) -> Iterator[dict[str, Any]]:
    """Yield the listed objects (or the single object a non-list response holds)."""
    cursor = after
    held: list[dict[str, Any]] = []
    seen_cursors: set[str] = set()
    pages = 0
    while True:
        pages += 1
        query: list[tuple[str, Any]] = [("limit", str(100 if all_pages else limit))]
        if order is not None:  # None: the API takes no order (the batches list)
            query.append(("order", order))
        query.extend(filters)
        if cursor:
            query.append(("after", cursor))
        if before:
            query.append(("before", before))
        query.extend(extra_query)
        try:
            page = cmdlet.request("GET", segments, query=query, deadline=deadline)
            if deadline is not None:
                deadline.check()  # after the page is read, before any of it is emitted
        except BaseException:
            yield from held  # the previous page is complete: write it before the failure surfaces
            raise
        yield from held
        held = []
        if not (isinstance(page, dict) and page.get("object") == "list" and isinstance(page.get("data"), list)):
            if page is not None:
                yield page
            return
        items: list[dict[str, Any]] = page["data"]
        if not all(isinstance(item, dict) for item in items):
            raise InvalidResponseError(f"A page of {'/'.join(segments)} holds items that are not objects.")
        has_more = page.get("has_more") is True
        next_cursor = page.get("last_id") or (items[-1].get("id") if items else None)
        if all_pages and has_more and next_cursor:
            if not isinstance(next_cursor, str) or next_cursor in seen_cursors or next_cursor == after:
                yield from items
                raise _paging_error(
                    f"The API sent the cursor {str(next_cursor)[:64]!r} of {'/'.join(segments)} again; "
                    "paging stopped instead of reading the same pages forever."
                )
            if pages >= MAX_PAGES:
                yield from items
                raise _paging_error(f"Paging {'/'.join(segments)} stopped after {MAX_PAGES} pages.")
            seen_cursors.add(next_cursor)
            yield from items[:-1]
            held = items[-1:]
            cursor = next_cursor
            continue
        yield from items
        if not all_pages and has_more and warn_when_more:
            cmdlet.write_warning(MORE_DATA_WARNING)
        return


def list_with_parameters(
    cmdlet: ApiCmdlet,
    segments: Sequence[str],
    *,
    deadline: Deadline | None,
    filters: Sequence[tuple[str, Any]] = (),
    extra_query: Sequence[tuple[str, Any]] = (),
) -> Iterator[dict[str, Any]]:
    """``list_items`` driven by the list parameters every list cmdlet declares
    (-Limit, -Order, -All and the hidden -After/-Before)."""
    p = cmdlet.params
    return list_items(
        cmdlet,
        segments,
        limit=p.Limit,
        order=p.Order,
        all_pages=bool(p.All),
        after=p.After or None,
        before=(p.Before or None) if p.declares("Before") else None,  # not every list has -Before
        filters=filters,
        extra_query=extra_query,
        warn_when_more=not p.is_bound("Limit"),
        deadline=deadline,
    )
