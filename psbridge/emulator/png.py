"""Small, valid PNG images made with the standard library (zlib + struct).

The emulator's answers that are images -- a chart the code interpreter
"draws", a generated image -- must be real files a client can open, of the
size asked for, and deterministic: the same request gives the same bytes.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import Iterable

__all__ = ["chart_png", "encode_png", "pattern_png"]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png(width: int, height: int, rows: Iterable[bytes]) -> bytes:
    """An 8-bit RGB PNG from ``height`` rows of ``3 * width`` bytes each."""
    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 (none) on every row
    if len(raw) != height * (1 + 3 * width):
        raise ValueError("rows do not match the image size")
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return PNG_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw, 6)) + _chunk(b"IEND", b"")


def chart_png(width: int = 320, height: int = 240) -> bytes:
    """A white chart with grey axes and a blue rising line: the code interpreter's "graph"."""
    white, grey, blue = b"\xff\xff\xff", b"\x80\x80\x80", b"\x1f\x5f\xbf"
    margin = max(2, min(width, height) // 10)
    rows = []
    for y in range(height):
        row = bytearray(white * width)
        for x in range(width):
            on_axis = (x == margin and y >= margin) or (y == height - margin and x >= margin)
            inside = x > margin and y < height - margin
            line_y = height - margin - (x - margin) * (height - 2 * margin) // max(1, width - 2 * margin)
            if on_axis:
                row[3 * x : 3 * x + 3] = grey
            elif inside and abs(y - line_y) <= 1:
                row[3 * x : 3 * x + 3] = blue
        rows.append(bytes(row))
    return encode_png(width, height, rows)


def pattern_png(width: int, height: int, seed: str) -> bytes:
    """A smooth two-colour gradient whose colours come from ``seed`` (a prompt): same seed, same image.

    A pixel's colour depends on ``x + y`` only, so the ``width + height - 1``
    colours of the diagonal are computed once and each row is a slice of them
    (a 1536x1024 image takes milliseconds, not seconds).
    """
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    start, end = digest[:3], digest[3:6]
    span = max(1, width + height - 2)
    diagonal = b"".join(
        bytes(round(a + (b - a) * (step / span)) for a, b in zip(start, end, strict=True))
        for step in range(width + height - 1)
    )
    rows = (diagonal[3 * y : 3 * (y + width)] for y in range(height))
    return encode_png(width, height, rows)
