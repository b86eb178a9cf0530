"""Speech as real audio files in each of the formats the speech endpoint offers.

``speech_audio(format, text)`` gives a short, deterministic file that players
and decoders accept: its length follows the text (0.3 s a word, 0.5 s to 10 s).
Where the format is simple enough to write by hand the sound is a soft tone
whose pitch comes from the text; elsewhere it is silence, the smallest valid
stream of the format:

- ``wav``: RIFF/WAVE, 16-bit PCM, mono, 24 kHz (the tone);
- ``pcm``: the same samples raw, 16-bit little-endian, as OpenAI sends them;
- ``flac``: STREAMINFO (with the samples' MD5) and verbatim frames (the tone);
- ``mp3``: MPEG-1 Layer III frames, 32 kbit/s, 32 kHz, mono, all silent;
- ``opus``: Ogg Opus (OpusHead, OpusTags) of 20 ms silent CELT frames;
- ``aac``: ADTS frames of AAC-LC, 24 kHz, mono, each an empty (silent) channel element.
"""

from __future__ import annotations

import hashlib
import math
import struct

__all__ = ["AUDIO_MEDIA_TYPES", "speech_audio", "speech_seconds", "tone_samples"]

SAMPLE_RATE = 24_000
AUDIO_MEDIA_TYPES = {
    "mp3": "audio/mpeg",
    "opus": "audio/ogg",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}


def speech_seconds(text: str) -> float:
    return min(10.0, max(0.5, 0.3 * len(text.split())))


def tone_samples(text: str, seconds: float) -> list[int]:
    """A soft sine tone (about -20 dBFS) with a 10 ms fade in and out; pitch 220-660 Hz from ``text``."""
    pitch = 220 + hashlib.sha256(text.encode("utf-8")).digest()[0] / 255 * 440
    count = round(seconds * SAMPLE_RATE)
    fade = SAMPLE_RATE // 100
    samples = []
    for n in range(count):
        envelope = min(1.0, n / fade, (count - 1 - n) / fade)
        samples.append(round(3000 * envelope * math.sin(2 * math.pi * pitch * n / SAMPLE_RATE)))
    return samples


def speech_audio(kind: str, text: str) -> bytes:
    """The ``kind`` file (one of :data:`AUDIO_MEDIA_TYPES`) that "speaks" ``text``."""
    seconds = speech_seconds(text)
    if kind in ("wav", "pcm", "flac"):
        samples = tone_samples(text, seconds)
        if kind == "flac":
            return _flac(samples)
        pcm = struct.pack(f"<{len(samples)}h", *samples)
        return pcm if kind == "pcm" else _wav(pcm)
    if kind == "opus":
        return _ogg_opus(seconds)
    if kind == "aac":
        return _adts(seconds)
    return _mp3(seconds)


def _wav(pcm: bytes) -> bytes:
    fmt = struct.pack("<HHIIHH", 1, 1, SAMPLE_RATE, SAMPLE_RATE * 2, 2, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(pcm)) + pcm
    return b"RIFF" + struct.pack("<I", len(body)) + body


# -- MP3 -------------------------------------------------------------------------------------
# MPEG-1 Layer III, no CRC; 32 kbit/s (index 1), 32 kHz (index 2), no padding; mono.
_MP3_HEADER = bytes([0xFF, 0xFB, 0x18, 0xC0])
_MP3_FRAME_BYTES = 144 * 32_000 // 32_000
_MP3_FRAME_SAMPLES = 1152


def _mp3(seconds: float) -> bytes:
    # All-zero side information: no main data, no scale factors, no spectral values -- silence.
    frame = _MP3_HEADER + bytes(_MP3_FRAME_BYTES - len(_MP3_HEADER))
    frames = max(1, math.ceil(seconds * 32_000 / _MP3_FRAME_SAMPLES))
    return frame * frames


# -- FLAC ------------------------------------------------------------------------------------
_FLAC_BLOCK = 4096


def _crc8(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def _crc16(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x8005) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def _utf8_number(value: int) -> bytes:
    """FLAC's frame number coding (UTF-8's scheme extended to 36 bits)."""
    return chr(value).encode("utf-8") if value < 0x110000 else bytes([0xC0 | (value >> 6), 0x80 | (value & 0x3F)])


def _flac(samples: list[int]) -> bytes:
    total = len(samples)
    md5 = hashlib.md5(struct.pack(f"<{total}h", *samples), usedforsecurity=False).digest()
    info = struct.pack(">HH", _FLAC_BLOCK, _FLAC_BLOCK) + bytes(6)  # frame sizes unknown
    info += ((SAMPLE_RATE << 44) | (0 << 41) | (15 << 36) | total).to_bytes(8, "big") + md5
    out = [b"fLaC", bytes([0x80]) + len(info).to_bytes(3, "big"), info]
    for number, start in enumerate(range(0, total, _FLAC_BLOCK)):
        block = samples[start : start + _FLAC_BLOCK]
        size_code, size_bits = (0xC, b"") if len(block) == _FLAC_BLOCK else (0x7, struct.pack(">H", len(block) - 1))
        # Sync and fixed blocking; block size and 24 kHz (0x7); mono, 16 bits; frame number.
        header = bytes([0xFF, 0xF8, (size_code << 4) | 0x7, 0x08]) + _utf8_number(number) + size_bits
        header += bytes([_crc8(header)])
        frame = header + b"\x02" + struct.pack(f">{len(block)}h", *block)  # a verbatim subframe
        out.append(frame + struct.pack(">H", _crc16(frame)))
    return b"".join(out)


# -- Ogg Opus --------------------------------------------------------------------------------
_OPUS_SILENCE = b"\xf8\xff\xfe"  # TOC: CELT fullband 20 ms, mono, one frame; a silent frame
_OPUS_PRESKIP = 312
_OGG_SERIAL = 0x70736272  # "psbr"


def _ogg_crc(data: bytes) -> int:
    # The Ogg CRC is CRC-32 with polynomial 0x04C11DB7 *unreflected*; zlib's crc32 is reflected.
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) & 0xFFFFFFFF if crc & 0x80000000 else (crc << 1) & 0xFFFFFFFF
    return crc


def _ogg_page(packets: list[bytes], sequence: int, granule: int, flags: int) -> bytes:
    lacing = []
    for packet in packets:
        lacing += [255] * (len(packet) // 255) + [len(packet) % 255]
    header = b"OggS" + struct.pack("<BBqIIIB", 0, flags, granule, _OGG_SERIAL, sequence, 0, len(lacing))
    page = header + bytes(lacing) + b"".join(packets)
    return page[:22] + struct.pack("<I", _ogg_crc(page)) + page[26:]


def _ogg_opus(seconds: float) -> bytes:
    head = b"OpusHead" + struct.pack("<BBHIhB", 1, 1, _OPUS_PRESKIP, SAMPLE_RATE, 0, 0)
    vendor = b"psbridge emulator"
    tags = b"OpusTags" + struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", 0)
    pages = [_ogg_page([head], 0, 0, 0x02), _ogg_page([tags], 1, 0, 0)]
    frames = max(1, math.ceil(seconds / 0.02)) + 1  # one more for the pre-skip
    sequence, done = 2, 0
    while done < frames:
        count = min(255, frames - done)
        done += count
        flags = 0x04 if done == frames else 0
        pages.append(_ogg_page([_OPUS_SILENCE] * count, sequence, done * 960, flags))
        sequence += 1
    return b"".join(pages)


# -- AAC (ADTS) ------------------------------------------------------------------------------
# raw_data_block: a single channel element (tag 0), global gain 0, long window, max_sfb 0 --
# no scale factors and no spectral data, so the channel is silent -- then ID_END, byte-aligned.
_AAC_SILENT_BLOCK = bytes([0x00, 0x00, 0x00, 0x07])
_AAC_RATE_INDEX = 6  # 24 kHz


def _adts(seconds: float) -> bytes:
    length = 7 + len(_AAC_SILENT_BLOCK)
    header = (
        (0xFFF << 44)  # syncword
        | (0 << 43)  # MPEG-4
        | (0 << 41)  # layer
        | (1 << 40)  # no CRC
        | (1 << 38)  # profile: AAC LC (object type 2, written minus one)
        | (_AAC_RATE_INDEX << 34)
        | (1 << 30)  # channel configuration: mono
        | (length << 13)
        | (0x7FF << 2)  # buffer fullness: variable bit rate
    )
    frame = header.to_bytes(7, "big") + _AAC_SILENT_BLOCK
    return frame * max(1, math.ceil(seconds * SAMPLE_RATE / 1024))
