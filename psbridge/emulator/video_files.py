"""A generated video as a real MP4 file, written with the standard library only.

The file is ISO base media (``ftyp``, ``moov``, ``mdat``) with one video
track of Motion JPEG frames (sample entry ``mp4v``, object type 0x6C: JPEG,
as ISO/IEC 14496-1 registers it), two frames a second, each a flat colour
that drifts from frame to frame; the colours come from the prompt, so the same
job gives the same bytes.  Players and ``ffprobe`` open it as an ``mjpeg``
stream of the asked size and length.  A 4-second 720x1280 video is about
130 KB.
"""

from __future__ import annotations

import hashlib
import struct

from .image_files import jpeg_image

__all__ = ["FRAMES_PER_SECOND", "mp4_video", "video_frame_colours"]

FRAMES_PER_SECOND = 2
_TIMESCALE = 1000
_UNITY_MATRIX = struct.pack(">9I", 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000)


def _box(kind: bytes, *parts: bytes) -> bytes:
    payload = b"".join(parts)
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def _full_box(kind: bytes, version: int, flags: int, *parts: bytes) -> bytes:
    return _box(kind, struct.pack(">I", (version << 24) | flags), *parts)


def _descriptor(tag: int, payload: bytes) -> bytes:
    size = len(payload)
    # Sizes in the four-byte expandable form (0x80 continuation bits), as most muxers write them.
    encoded = bytes([0x80 | (size >> 21) & 0x7F, 0x80 | (size >> 14) & 0x7F, 0x80 | (size >> 7) & 0x7F, size & 0x7F])
    return bytes([tag]) + encoded + payload


def video_frame_colours(seed: str, count: int) -> list[tuple[int, int, int]]:
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    start, end = digest[:3], digest[3:6]
    span = max(1, count - 1)
    return [
        (
            round(start[0] + (end[0] - start[0]) * i / span),
            round(start[1] + (end[1] - start[1]) * i / span),
            round(start[2] + (end[2] - start[2]) * i / span),
        )
        for i in range(count)
    ]


def mp4_video(width: int, height: int, seconds: int, seed: str) -> bytes:
    """An MP4 of ``seconds`` seconds at ``width`` x ``height`` for ``seed`` (a prompt)."""
    count = max(1, seconds * FRAMES_PER_SECOND)
    frames = [jpeg_image(width, height, colour) for colour in video_frame_colours(seed, count)]
    delta = _TIMESCALE // FRAMES_PER_SECOND
    duration = delta * count
    ftyp = _box(b"ftyp", b"isom", struct.pack(">I", 512), b"isom", b"iso2", b"mp41")

    def moov(data_offset: int) -> bytes:
        mvhd = _full_box(
            b"mvhd", 0, 0,
            struct.pack(">IIII", 0, 0, _TIMESCALE, duration),
            struct.pack(">IH", 0x00010000, 0x0100), bytes(10), _UNITY_MATRIX, bytes(24), struct.pack(">I", 2),
        )  # fmt: skip
        tkhd = _full_box(
            b"tkhd", 0, 3,
            struct.pack(">IIIII", 0, 0, 1, 0, duration), bytes(8), struct.pack(">hhhH", 0, 0, 0, 0),
            _UNITY_MATRIX, struct.pack(">II", width << 16, height << 16),
        )  # fmt: skip
        mdhd = _full_box(b"mdhd", 0, 0, struct.pack(">IIIIHH", 0, 0, _TIMESCALE, duration, 0x55C4, 0))
        hdlr = _full_box(b"hdlr", 0, 0, struct.pack(">I", 0), b"vide", bytes(12), b"VideoHandler\x00")
        decoder_config = _descriptor(0x04, bytes([0x6C, 0x11]) + bytes(3) + struct.pack(">II", 0, 0))
        es = _descriptor(0x03, struct.pack(">HB", 1, 0) + decoder_config + _descriptor(0x06, b"\x02"))
        entry = _box(
            b"mp4v",
            bytes(6), struct.pack(">H", 1), bytes(16), struct.pack(">HH", width, height),
            struct.pack(">II", 0x00480000, 0x00480000), bytes(4), struct.pack(">H", 1),
            bytes([4]) + b"JPEG".ljust(31, b"\x00"), struct.pack(">Hh", 0x0018, -1),
            _full_box(b"esds", 0, 0, es),
        )  # fmt: skip
        stbl = _box(
            b"stbl",
            _full_box(b"stsd", 0, 0, struct.pack(">I", 1), entry),
            _full_box(b"stts", 0, 0, struct.pack(">III", 1, count, delta)),
            _full_box(b"stss", 0, 0, struct.pack(f">I{count}I", count, *range(1, count + 1))),
            _full_box(b"stsc", 0, 0, struct.pack(">IIII", 1, 1, count, 1)),
            _full_box(b"stsz", 0, 0, struct.pack(f">II{count}I", 0, count, *(len(f) for f in frames))),
            _full_box(b"stco", 0, 0, struct.pack(">II", 1, data_offset)),
        )
        dinf = _box(b"dinf", _full_box(b"dref", 0, 0, struct.pack(">I", 1), _full_box(b"url ", 0, 1)))
        minf = _box(b"minf", _full_box(b"vmhd", 0, 1, bytes(8)), dinf, stbl)
        return _box(b"moov", mvhd, _box(b"trak", tkhd, _box(b"mdia", mdhd, hdlr, minf)))

    offset = len(ftyp) + len(moov(0)) + 8  # the first frame follows the mdat header
    return ftyp + moov(offset) + _box(b"mdat", *frames)
