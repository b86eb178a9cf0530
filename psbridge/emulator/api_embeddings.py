"""Embeddings: deterministic vectors in which texts that share words point the same way.

Each lower-cased word adds ±1 to a few coordinates picked by a hash of the word
(feature hashing), and the vector is scaled to length 1, as OpenAI's are.  So
the same text always gets the same vector, the cosine similarity of two texts
grows with the words they share, and unrelated texts are close to orthogonal.
Dimensions: 1536, 3072 for ``*-large`` models, or ``dimensions`` when given.
``encoding_format: base64`` packs little-endian float32 values.
"""

from __future__ import annotations

import base64
import hashlib
import math
import re
import struct
from typing import Any

from .context import Context
from .errors import ApiError, bad_request
from .exchange import ApiRequest, Reply, json_reply

DEFAULT_DIMENSIONS = 1536
LARGE_DIMENSIONS = 3072
_SLOTS_PER_WORD = 4
_WORD = re.compile(r"\w+", re.UNICODE)


def embed(text: str, dimensions: int) -> list[float]:
    vector = [0.0] * dimensions
    words = _WORD.findall(text.casefold()) or [text]
    for word in words:
        digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8 * _SLOTS_PER_WORD).digest()
        for slot in range(_SLOTS_PER_WORD):
            number = int.from_bytes(digest[slot * 8 : slot * 8 + 8], "little")
            vector[number % dimensions] += 1.0 if (number >> 63) & 1 else -1.0
    norm = math.sqrt(sum(value * value for value in vector)) or 1.0
    return [round(value / norm, 8) for value in vector]


def _inputs(body: dict[str, Any]) -> list[str]:
    if "input" not in body:
        raise ApiError(400, "Missing required parameter: 'input'.", param="input", code="missing_required_parameter")
    value = body["input"]
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise bad_request("'input' must be a non-empty string or array.", param="input", code="invalid_value")
    texts: list[str] = []
    for item in items:
        if isinstance(item, str):
            if not item:
                raise bad_request(
                    "'$.input' is invalid. Please check the API reference.", param="input", code="invalid_value"
                )
            texts.append(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            texts.append(str(item))  # one array of token ids
        elif isinstance(item, list):
            texts.append(" ".join(str(token) for token in item))
        else:
            raise bad_request(
                "'$.input' is invalid. Please check the API reference.", param="input", code="invalid_value"
            )
    if all(isinstance(item, int) for item in items) and not isinstance(value, str):
        return [" ".join(texts)]
    return texts


def _dimensions(body: dict[str, Any]) -> int:
    wanted = body.get("dimensions")
    if wanted is not None:
        if not isinstance(wanted, int) or isinstance(wanted, bool) or wanted < 1:
            raise bad_request("'dimensions' must be a positive integer.", param="dimensions", code="invalid_value")
        return wanted
    return LARGE_DIMENSIONS if str(body.get("model", "")).endswith("-large") else DEFAULT_DIMENSIONS


def _encoded(vector: list[float], encoding: str) -> Any:
    if encoding == "base64":
        return base64.b64encode(struct.pack(f"<{len(vector)}f", *vector)).decode("ascii")
    return vector


def create_embedding(ctx: Context, request: ApiRequest) -> Reply:
    body = request.body
    if not isinstance(body.get("model"), str):
        raise ApiError(400, "Missing required parameter: 'model'.", param="model", code="missing_required_parameter")
    encoding = body.get("encoding_format", "float")
    if encoding not in ("float", "base64"):
        raise bad_request(
            f"Invalid value: '{encoding}'. Supported values are: 'float' and 'base64'.",
            param="encoding_format",
            code="invalid_value",
        )
    texts = _inputs(body)
    dimensions = _dimensions(body)
    tokens = sum(len(text.split()) for text in texts)
    data = [
        {"object": "embedding", "index": index, "embedding": _encoded(embed(text, dimensions), encoding)}
        for index, text in enumerate(texts)
    ]
    return json_reply(
        {
            "object": "list",
            "data": data,
            "model": body["model"],
            "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
        }
    )
