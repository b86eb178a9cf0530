"""Add-VectorStoreFile: attach an uploaded file to a vector store.

With -PassThru the output is the vector store, read after the file was added
(as PSOpenAI does); otherwise nothing.  A File object piped in binds as the
file (the doc's pipeline input by value), a VectorStore object as the store.
"""

from __future__ import annotations

from typing import Any

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._bodies import plain
from ._objects import VECTOR_STORE, typed_object
from ._vector_stores import chunking_strategy, vector_store_id

__all__ = ["AddVectorStoreFile"]


@register_cmdlet
class AddVectorStoreFile(ApiCmdlet):
    name = "Add-VectorStoreFile"

    def process(self) -> None:
        p = self.params
        store_id = vector_store_id(p)
        body: dict[str, Any] = {"file_id": p.FileId}
        strategy = chunking_strategy(self)
        if strategy is not None:
            body["chunking_strategy"] = strategy
        if p.is_bound("Attributes"):
            body["attributes"] = plain(p.Attributes)
        self.request("POST", ["vector_stores", store_id, "files"], body=body)
        if p.PassThru:
            self.write_output(typed_object(self.request("GET", ["vector_stores", store_id]), VECTOR_STORE))
