"""New-VectorStore: create a vector store, optionally from files (-FileId: ids or File objects).

Set-VectorStore shares this module's body rules (PSOpenAI's Set-VectorStore
proxies New-VectorStore).  Fields go in PSOpenAI's order, each only when its
parameter was given; ``chunking_strategy`` only with files.
"""

from __future__ import annotations

from typing import Any

from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._bodies import plain
from ._objects import VECTOR_STORE, typed_object
from ._vector_stores import chunking_strategy, file_ids

__all__ = ["NewVectorStore", "vector_store_body"]


def vector_store_body(cmdlet: ApiCmdlet) -> dict[str, Any]:
    """name, description, expires_after and metadata: what New- and Set-VectorStore both send."""
    p = cmdlet.params
    body: dict[str, Any] = {}
    for parameter, field in (("Name", "name"), ("Description", "description")):
        if p.declares(parameter) and p.is_bound(parameter):
            body[field] = to_ps_string(p.get(parameter))
    if p.is_bound("ExpiresAfterDays"):
        body["expires_after"] = {"anchor": p.ExpiresAfterAnchor, "days": int(p.ExpiresAfterDays)}
    if p.is_bound("MetaData"):
        body["metadata"] = plain(p.MetaData)
    return body


@register_cmdlet
class NewVectorStore(ApiCmdlet):
    name = "New-VectorStore"

    def process(self) -> None:
        body: dict[str, Any] = {}
        ids = file_ids(self, self.params.FileId)
        if ids:
            body["file_ids"] = ids
            strategy = chunking_strategy(self)  # only with files, as the API wants
            if strategy is not None:
                body["chunking_strategy"] = strategy
        body.update(vector_store_body(self))
        created = self.request("POST", ["vector_stores"], body=body)
        self.write_output(typed_object(created, VECTOR_STORE))
