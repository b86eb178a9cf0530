"""Request-body schemas of the vector store operations, written out with :mod:`.schema`.

They mirror ``components.schemas`` of OpenAI's published OpenAPI description
(CreateVectorStoreRequest, UpdateVectorStoreRequest, CreateVectorStoreFileRequest,
CreateVectorStoreFileBatchRequest), keyword for keyword; the tests check them
differentially against the published schemas.  The one addition is the
metadata limits the spec states in prose (see :mod:`.request_schemas`).
"""

from __future__ import annotations

from typing import Any

from .request_schemas import METADATA
from .schema import (
    AllOf,
    AnyOf,
    Array,
    Boolean,
    Integer,
    Invalid,
    Nullable,
    Number,
    Object,
    OneOf,
    Required,
    Schema,
    String,
)

__all__ = ["VECTOR_STORE_SCHEMAS"]


class _Attributes(Object):
    """VectorStoreFileAttributes: up to 16 keys of at most 64 characters; string (<= 512), number or boolean."""

    def __init__(self) -> None:
        super().__init__(properties={}, required=(), additional=OneOf(String(max_length=512), Number(), Boolean()))

    def check(self, value: Any, path: str = "") -> None:
        super().check(value, path)
        if len(value) > 16:
            raise Invalid(
                f"Invalid '{path}': too many properties. Expected an object with at most 16 properties, "
                f"but got an object with {len(value)} properties instead.",
                path,
                "object_above_max_properties",
            )
        for key in value:
            if len(key) > 64:
                raise Invalid(
                    f"Invalid '{path}': property name '{key[:20]}...' is too long (at most 64 characters).",
                    path,
                    "string_above_max_length",
                )


ATTRIBUTES = Nullable(_Attributes())

_STATIC = Object(
    {"max_chunk_size_tokens": Integer(minimum=100, maximum=4096), "chunk_overlap_tokens": Integer()},
    required=("max_chunk_size_tokens", "chunk_overlap_tokens"),
    additional=False,
)
CHUNKING_STRATEGY = OneOf(
    Object({"type": String(enum=("auto",))}, required=("type",), additional=False),
    Object({"type": String(enum=("static",)), "static": _STATIC}, required=("type", "static"), additional=False),
)
EXPIRES_AFTER = Object(
    {"anchor": String(enum=("last_active_at",)), "days": Integer(minimum=1, maximum=365)}, required=("anchor", "days")
)

CREATE_VECTOR_STORE_FILE = Object(
    {"file_id": String(), "chunking_strategy": CHUNKING_STRATEGY, "attributes": ATTRIBUTES},
    required=("file_id",),
    additional=False,
)

VECTOR_STORE_SCHEMAS: dict[str, Schema] = {
    "createVectorStore": Object(
        {
            "file_ids": Array(String(), max_items=500),
            "name": String(),
            "description": String(),
            "expires_after": EXPIRES_AFTER,
            "chunking_strategy": CHUNKING_STRATEGY,
            "metadata": METADATA,
        },
        additional=False,
    ),
    "modifyVectorStore": Object(
        # The spec writes expires_after as allOf [ref, {nullable: true}]: read literally, not nullable.
        {"name": Nullable(String()), "expires_after": EXPIRES_AFTER, "metadata": METADATA},
        additional=False,
    ),
    "createVectorStoreFile": CREATE_VECTOR_STORE_FILE,
    "createVectorStoreFileBatch": AllOf(
        Object(
            {
                "file_ids": Array(String(), min_items=1, max_items=2000),
                "files": Array(CREATE_VECTOR_STORE_FILE, min_items=1, max_items=2000),
                "chunking_strategy": CHUNKING_STRATEGY,
                "attributes": ATTRIBUTES,
            },
            additional=False,
        ),
        AnyOf(Required(("file_ids",)), Required(("files",))),
    ),
}
