"""Get-OpenAIFile: one file by id, or the files list (optionally one -Purpose).

As in PSOpenAI, the list sends ``limit``, ``order``, ``after`` and ``purpose``
only when given (the API's defaults apply otherwise; -All asks for 10000 a
page).  -All then follows ``after`` while the API says ``has_more`` (PSOpenAI
reads one page).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._objects import FILE, typed_object

__all__ = ["GetOpenAIFile"]

ALL_LIMIT = 10000


@register_cmdlet
class GetOpenAIFile(ApiCmdlet):
    name = "Get-OpenAIFile"

    def process(self) -> None:
        p = self.params
        deadline = Deadline(p.TimeoutSec)
        if p.parameter_set_name == "Get":
            files: Any = [self.request("GET", ["files", p.FileId], deadline=deadline)]
        else:
            files = self._list(deadline)
        for file in files:
            self.write_output(typed_object(file, FILE))

    def _list(self, deadline: Deadline) -> Iterator[dict[str, Any]]:
        p = self.params
        query: list[tuple[str, Any]] = []
        if p.All:
            query.append(("limit", ALL_LIMIT))
        elif p.is_bound("Limit"):
            query.append(("limit", p.Limit))
        if p.is_bound("Order"):
            query.append(("order", p.Order))
        if p.is_bound("Purpose"):
            query.append(("purpose", p.Purpose))
        cursor = p.After if p.is_bound("After") else None
        seen: set[str] = set()
        while True:
            paged = [*query, ("after", cursor)] if cursor else query
            page = self.request("GET", ["files"], query=paged, deadline=deadline)
            items = page.get("data") if page.get("object") == "list" else None
            if not isinstance(items, list):
                yield page
                return
            yield from items
            cursor = page.get("last_id") or (items[-1].get("id") if items else None)
            if not (p.All and page.get("has_more") and cursor) or cursor in seen:
                return
            seen.add(cursor)
