"""Generated images as real PNG, JPEG and WebP files, with the standard library only.

The images endpoints answer with pictures a client can open, of the size asked
for, and deterministic: the same prompt gives the same bytes.  A PNG is a
two-colour gradient (:func:`.png.pattern_png`); a JPEG or a WebP is one flat
colour -- the smallest honest file of each kind:

- JPEG: baseline (SOF0), 8-bit YCbCr without subsampling, every 8x8 block a
  DC value and an end-of-block, so a 1024x1024 image is about 18 KB;
- WebP: lossless (VP8L), every channel a one-symbol prefix code, so each
  pixel takes no bits at all and any size is a few dozen bytes.
"""

from __future__ import annotations

import hashlib
import struct

from .png import pattern_png

__all__ = ["IMAGE_MEDIA_TYPES", "image_bytes", "jpeg_image", "seed_colour", "webp_image"]

IMAGE_MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}

# JPEG's standard luminance DC table (ITU T.81 Annex K.3): categories 0..11.
_DC_COUNTS = (0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0)
_DC_SYMBOLS = tuple(range(12))
# An AC table with the one symbol a flat block needs: end-of-block (0x00), one bit long.
_AC_COUNTS = (1,) + (0,) * 15
_AC_SYMBOLS = (0x00,)


def seed_colour(seed: str) -> tuple[int, int, int]:
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return digest[0], digest[1], digest[2]


def image_bytes(kind: str, width: int, height: int, seed: str) -> bytes:
    """A ``kind`` (png, jpeg, webp) image of ``width`` x ``height`` for ``seed``."""
    if kind == "jpeg":
        return jpeg_image(width, height, seed_colour(seed))
    if kind == "webp":
        return webp_image(width, height, seed_colour(seed))
    return pattern_png(width, height, seed)


def _canonical_codes(counts: tuple[int, ...], symbols: tuple[int, ...]) -> dict[int, str]:
    codes: dict[int, str] = {}
    code, index = 0, 0
    for length, count in enumerate(counts, start=1):
        for _ in range(count):
            codes[symbols[index]] = format(code, f"0{length}b")
            code += 1
            index += 1
        code <<= 1
    return codes


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">HH", marker, len(payload) + 2) + payload


def jpeg_image(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A baseline JPEG of one flat ``colour`` (RGB)."""
    red, green, blue = colour
    levels = (
        0.299 * red + 0.587 * green + 0.114 * blue,
        128 - 0.168736 * red - 0.331264 * green + 0.5 * blue,
        128 + 0.5 * red - 0.418688 * green - 0.081312 * blue,
    )
    dc_codes = _canonical_codes(_DC_COUNTS, _DC_SYMBOLS)
    end_of_block = _canonical_codes(_AC_COUNTS, _AC_SYMBOLS)[0x00]
    unchanged = dc_codes[0] + end_of_block  # a block whose DC equals the one before
    first = []
    for level in levels:
        # With a quantiser of 1 a flat block's DC coefficient is 8 * (level - 128).
        value = max(-1023, min(1023, round(8 * (min(255.0, max(0.0, level)) - 128))))
        category = abs(value).bit_length()
        extra = format(value if value >= 0 else value + (1 << category) - 1, f"0{category}b") if category else ""
        first.append(dc_codes[category] + extra + end_of_block)
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    bits = "".join(first) + unchanged * 3 * (blocks - 1)
    bits += "1" * (-len(bits) % 8)
    scan = int(bits, 2).to_bytes(len(bits) // 8, "big").replace(b"\xff", b"\xff\x00")

    def table(kind: int, counts: tuple[int, ...], symbols: tuple[int, ...]) -> bytes:
        return bytes([kind, *counts, *symbols])

    return b"".join(
        (
            b"\xff\xd8",
            _segment(0xFFE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
            _segment(0xFFDB, b"\x00" + b"\x01" * 64),
            _segment(0xFFC0, struct.pack(">BHHB", 8, height, width, 3) + bytes([1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0])),
            _segment(0xFFC4, table(0x00, _DC_COUNTS, _DC_SYMBOLS) + table(0x10, _AC_COUNTS, _AC_SYMBOLS)),
            _segment(0xFFDA, bytes([3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0])),
            scan,
            b"\xff\xd9",
        )
    )


class _LsbBits:
    """VP8L's bit order: each value least significant bit first, from the low bits of each byte up."""

    def __init__(self) -> None:
        self.value = 0
        self.count = 0

    def put(self, value: int, width: int) -> None:
        self.value |= (value & ((1 << width) - 1)) << self.count
        self.count += width

    def data(self) -> bytes:
        return self.value.to_bytes((self.count + 7) // 8, "little")


def webp_image(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A lossless WebP of one flat ``colour`` (opaque RGB)."""
    if not (1 <= width <= 16384 and 1 <= height <= 16384):
        raise ValueError("a WebP image is 1 to 16384 pixels on each side")
    red, green, blue = colour
    bits = _LsbBits()
    bits.put(0x2F, 8)  # VP8L signature
    bits.put(width - 1, 14)
    bits.put(height - 1, 14)
    bits.put(0, 1)  # alpha is not used
    bits.put(0, 3)  # version 0
    bits.put(0, 1)  # no transforms
    bits.put(0, 1)  # no colour cache
    bits.put(0, 1)  # one prefix code group (no meta prefix codes)
    for symbol in (green, red, blue, 255):
        bits.put(1, 1)  # a simple prefix code ...
        bits.put(0, 1)  # ... of one symbol ...
        bits.put(1, 1)  # ... written in 8 bits: every pixel's value, read with no bits
        bits.put(symbol, 8)
    bits.put(1, 1)  # the distance code: simple, one symbol (0) in 1 bit; never read
    bits.put(0, 1)
    bits.put(0, 1)
    bits.put(0, 1)
    payload = bits.data()
    chunk = b"VP8L" + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) % 2)
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk
