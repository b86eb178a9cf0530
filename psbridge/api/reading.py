"""Reading response bodies within a size limit, decompressing them ourselves.

A server can send an endless chunked body, a 200 MB one, or a few kilobytes
of gzip that inflate to gigabytes.  httpx would buffer all of it, and its
decoders inflate each network chunk without a bound (one 64 KB read of a
gzip bomb becomes 64 MB).  So the client asks only for ``gzip`` and
``deflate``, reads the raw bytes, and inflates them here in bounded pieces,
counting both what arrives and what it inflates to against one limit:
:data:`DEFAULT_MAX_RESPONSE_BYTES` unless the settings say otherwise.  .NET's
HttpClient has the same kind of limit (MaxResponseContentBufferSize); the
error keeps its message.
"""

from __future__ import annotations

import codecs
import zlib
from collections.abc import Iterable, Iterator

import httpx

from .errors import ResponseTooLargeError

__all__ = ["ACCEPT_ENCODING", "DEFAULT_MAX_RESPONSE_BYTES", "decoded_chunks", "read_limited", "text_lines"]

#: 64 MiB: far above any JSON answer of the API (a page of 100 long messages is a few MB).
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
#: The encodings the client can inflate within the limit (and so the only ones it asks for).
ACCEPT_ENCODING = "gzip, deflate"
_PIECE = 64 * 1024  # inflate at most this much per step


class _Inflater:
    """One ``Content-Encoding`` layer (gzip or deflate), inflated in pieces of at most 64 KB."""

    def __init__(self, encoding: str) -> None:
        self._encoding = encoding
        self._first = True
        wbits = zlib.MAX_WBITS | 16 if encoding in ("gzip", "x-gzip") else zlib.MAX_WBITS
        self._inflater = zlib.decompressobj(wbits)

    def _step(self, data: bytes) -> bytes:
        try:
            return self._inflater.decompress(data, _PIECE)
        except zlib.error:
            if self._encoding == "deflate" and self._first:
                # Many servers send raw deflate (no zlib header) as "deflate"; accept both.
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
                self._first = False
                return self._step(data)
            raise

    def feed(self, data: bytes) -> Iterator[bytes]:
        piece = self._step(data)
        self._first = False
        yield piece
        while self._inflater.unconsumed_tail:
            yield self._step(self._inflater.unconsumed_tail)

    def finish(self) -> bytes:
        return self._inflater.flush()


def _layers(content_encoding: str) -> list[_Inflater]:
    names = [name.strip().lower() for name in content_encoding.split(",") if name.strip()]
    layers: list[_Inflater] = []
    for name in reversed(names):  # the last encoding applied is undone first
        if name == "identity":
            continue
        if name not in ("gzip", "x-gzip", "deflate"):
            raise httpx.DecodingError(f"The response uses the content encoding '{name}', which was not asked for.")
        layers.append(_Inflater(name))
    return layers


def decoded_chunks(raw: Iterable[bytes], content_encoding: str, limit: int) -> Iterator[bytes]:
    """The body's bytes after undoing ``content_encoding``; raises once more than ``limit`` bytes
    arrived or came out of inflation."""
    layers = _layers(content_encoding)
    if not layers:  # not encoded (most answers): the chunks as they come, counted
        total = 0
        for chunk in raw:
            total += len(chunk)
            if total > limit:
                raise ResponseTooLargeError(limit)
            if chunk:
                yield chunk
        return
    total_raw = 0
    total_out = 0

    def count(piece: bytes) -> bytes:
        nonlocal total_out
        total_out += len(piece)
        if total_out > limit:
            raise ResponseTooLargeError(limit)
        return piece

    def through(pieces: Iterable[bytes], index: int) -> Iterator[bytes]:
        if index == len(layers):
            yield from pieces
            return
        layer = layers[index]
        for piece in pieces:
            yield from through(layer.feed(piece), index + 1)

    try:
        for chunk in raw:
            total_raw += len(chunk)
            if total_raw > limit:
                raise ResponseTooLargeError(limit)
            for piece in through([chunk], 0):
                if piece:
                    yield count(piece)
        for index, layer in enumerate(layers):
            for piece in through([layer.finish()], index + 1):
                if piece:
                    yield count(piece)
    except zlib.error as error:
        # As .NET's automatic decompression fails: an HttpRequestException (the client maps this).
        raise httpx.DecodingError(f"The response body could not be decompressed: {error}.") from None


def read_limited(raw: Iterable[bytes], content_encoding: str, limit: int) -> bytes:
    """The whole decoded body (see :func:`decoded_chunks`)."""
    return b"".join(decoded_chunks(raw, content_encoding, limit))


def text_lines(chunks: Iterable[bytes], encoding: str, limit: int) -> Iterator[str]:
    """Lines of a text stream (``\\n`` or ``\\r\\n``), none longer than ``limit`` characters."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    except LookupError:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    pending = ""
    for chunk in chunks:
        pending += decoder.decode(chunk)
        *lines, pending = pending.split("\n")
        for line in lines:
            yield line.removesuffix("\r")
        if len(pending) > limit:
            raise ResponseTooLargeError(limit)
    pending += decoder.decode(b"", final=True)
    if pending:
        yield pending.removesuffix("\r")
