"""The tokenizers of ConvertTo-Token / ConvertFrom-Token (and -LogitBias words), offline.

``quicktok`` ships the cl100k_base and o200k_base vocabularies inside the
package, so nothing is downloaded at run time, and its ids are tiktoken's
(checked against PSOpenAI's own expected ids in the tests).  It is imported,
and a vocabulary loaded (0.1-0.3 s), only the first time a cmdlet needs it.
Text is encoded as ordinary text: ``<|endoftext|>`` in a string is seven
tokens, as PSOpenAI's tokenizer treats it, never the special token.
"""

from __future__ import annotations

import fnmatch
import functools
from typing import Any

__all__ = ["ENCODINGS", "decode", "decode_bytes", "encode", "encoding_for_model"]

ENCODINGS = ("cl100k_base", "o200k_base")

#: PSOpenAI's model -> encoding table (Private/Convert-ModelToEncoding.ps1), first match wins.
_MODEL_PATTERNS: tuple[tuple[str, str], ...] = (
    ("o1", "o200k_base"),
    ("o3", "o200k_base"),
    ("o1-*", "o200k_base"),
    ("o3-*", "o200k_base"),
    ("o4-*", "o200k_base"),
    ("gpt-3.5-turbo-*", "cl100k_base"),
    ("gpt-4-*", "cl100k_base"),
    ("gpt-3.5-turbo", "cl100k_base"),
    ("gpt-3.5", "cl100k_base"),
    ("gpt-35-turbo", "cl100k_base"),
    ("gpt-4", "cl100k_base"),
    ("gpt-4o-*", "o200k_base"),
    ("gpt-4.1", "o200k_base"),
    ("gpt-4.1-*", "o200k_base"),
    ("gpt-4.5-*", "o200k_base"),
    ("gpt-5", "o200k_base"),
    ("gpt-5-*", "o200k_base"),
    ("chatgpt-4o-*", "o200k_base"),
    ("gpt-4o", "o200k_base"),
    ("davince-002", "cl100k_base"),
    ("babbage-002", "cl100k_base"),
    ("text-embedding-ada-002", "cl100k_base"),
    ("text-embedding-3-small", "cl100k_base"),
    ("text-embedding-3-large", "cl100k_base"),
)


def encoding_for_model(model: str) -> str | None:
    """The encoding PSOpenAI uses for ``model`` (a PowerShell ``-Wildcard`` match, case-insensitive)."""
    folded = model.casefold()
    for pattern, encoding in _MODEL_PATTERNS:
        if fnmatch.fnmatchcase(folded, pattern):
            return encoding
    return None


@functools.cache
def _encoder(name: str) -> Any:
    import quicktok  # the native tokenizer: loaded on first use only

    return quicktok.get_encoding(name)


def encode(text: str, encoding: str) -> list[int]:
    return list(_encoder(encoding).encode_ordinary(text))


def decode_bytes(tokens: list[int], encoding: str) -> bytes:
    return bytes(_encoder(encoding).decode_bytes(tokens))


def decode(tokens: list[int], encoding: str) -> str:
    """Text of the tokens; bytes that are not UTF-8 on their own become U+FFFD, as .NET decodes them."""
    return decode_bytes(tokens, encoding).decode("utf-8", errors="replace")


def count_for_model(text: str, model: str | None) -> int:
    """How many tokens ``text`` is for ``model`` (its encoding, else o200k_base): the counter
    psbridge hands the emulator it starts, so chat prompts are counted as OpenAI counts them."""
    return len(encode(text, encoding_for_model(model or "") or "o200k_base"))
