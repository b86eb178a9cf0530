"""The emulator's generated media are valid files of their kind, read back by their own structure.

(During development each was also decoded by ffmpeg, djpeg and dwebp; these
tests need none of them: they parse the containers and check every checksum
the formats carry.)
"""

from __future__ import annotations

import hashlib
import struct

import pytest

from psbridge.emulator.audio_files import (
    SAMPLE_RATE,
    _crc8,
    _crc16,
    _ogg_crc,
    speech_audio,
    speech_seconds,
    tone_samples,
)
from psbridge.emulator.image_files import jpeg_image, webp_image
from psbridge.emulator.video_files import FRAMES_PER_SECOND, mp4_video

TEXT = "Hello there, this is a test of speech"


def test_wav_and_pcm_hold_the_tone_for_the_text() -> None:
    wav, pcm = speech_audio("wav", TEXT), speech_audio("pcm", TEXT)
    assert wav[:4] == b"RIFF" and wav[8:16] == b"WAVEfmt " and struct.unpack("<I", wav[4:8])[0] == len(wav) - 8
    audio_format, channels, rate, byte_rate, align, bits = struct.unpack("<HHIIHH", wav[20:36])
    assert (audio_format, channels, rate, byte_rate, align, bits) == (1, 1, SAMPLE_RATE, 2 * SAMPLE_RATE, 2, 16)
    assert wav[36:40] == b"data" and wav[44:] == pcm
    assert len(pcm) == 2 * round(speech_seconds(TEXT) * SAMPLE_RATE) and speech_seconds(TEXT) == pytest.approx(2.4)
    assert speech_audio("wav", TEXT) == wav and speech_audio("wav", "Other words") != wav


def test_flac_frames_carry_valid_checksums_and_the_samples() -> None:
    data = speech_audio("flac", TEXT)
    assert data[:4] == b"fLaC" and data[4] == 0x80 and int.from_bytes(data[5:8], "big") == 34
    info = data[8:42]
    packed = int.from_bytes(info[10:18], "big")
    assert (
        packed >> 44 == SAMPLE_RATE
        and (packed >> 36) & 0x1F == 15
        and packed & (2**36 - 1) == len(samples := tone_samples(TEXT, speech_seconds(TEXT)))
    )
    assert info[18:] == hashlib.md5(struct.pack(f"<{len(samples)}h", *samples), usedforsecurity=False).digest()
    position, decoded = 42, []
    while position < len(data):
        assert data[position : position + 2] == b"\xff\xf8"
        size_code = data[position + 2] >> 4
        header_length = 5 + (0 if size_code == 0xC else 2)  # sync, codes, format, frame number (<128), size
        header = data[position : position + header_length]
        assert data[position + header_length] == _crc8(header)
        count = 4096 if size_code == 0xC else struct.unpack(">H", header[-2:])[0] + 1
        start = position + header_length + 1
        assert data[start] == 0x02  # a verbatim subframe
        end = start + 1 + 2 * count
        decoded += struct.unpack(f">{count}h", data[start + 1 : end])
        assert struct.unpack(">H", data[end : end + 2])[0] == _crc16(data[position:end])
        position = end + 2
    assert decoded == samples


def test_mp3_is_a_run_of_silent_layer_three_frames() -> None:
    data = speech_audio("mp3", TEXT)
    assert len(data) % 144 == 0
    frames = [data[i : i + 144] for i in range(0, len(data), 144)]
    assert all(frame[:4] == b"\xff\xfb\x18\xc0" and not any(frame[4:]) for frame in frames)
    assert len(frames) * 1152 / 32_000 >= speech_seconds(TEXT)


def test_ogg_opus_pages_are_checksummed_and_start_with_the_opus_headers() -> None:
    data = speech_audio("opus", TEXT)
    position, packets, flags = 0, [], []
    while position < len(data):
        assert data[position : position + 4] == b"OggS"
        count = data[position + 26]
        lacing = data[position + 27 : position + 27 + count]
        length = 27 + count + sum(lacing)
        page = data[position : position + length]
        assert struct.unpack("<I", page[22:26])[0] == _ogg_crc(page[:22] + b"\0\0\0\0" + page[26:])
        flags.append(page[5])
        body, offset, current = page[27 + count :], 0, b""
        for value in lacing:
            current += body[offset : offset + value]
            offset += value
            if value < 255:
                packets.append(current)
                current = b""
        position += length
    assert packets[0][:8] == b"OpusHead" and packets[1][:8] == b"OpusTags"
    assert flags[0] == 0x02 and flags[-1] == 0x04
    assert set(packets[2:]) == {b"\xf8\xff\xfe"} and (len(packets) - 2) * 0.02 >= speech_seconds(TEXT)


def test_aac_is_a_run_of_adts_frames() -> None:
    data = speech_audio("aac", TEXT)
    frame_length = 11
    assert len(data) % frame_length == 0
    for start in range(0, len(data), frame_length):
        header = int.from_bytes(data[start : start + 7], "big")
        assert header >> 44 == 0xFFF and (header >> 13) & 0x1FFF == frame_length and (header >> 34) & 0xF == 6


def test_jpeg_and_webp_headers_give_the_size() -> None:
    jpeg = jpeg_image(17, 9, (0, 255, 0))
    assert jpeg.startswith(b"\xff\xd8\xff\xe0") and jpeg.endswith(b"\xff\xd9")
    at = jpeg.index(b"\xff\xc0")
    assert struct.unpack(">BHHB", jpeg[at + 4 : at + 10]) == (8, 9, 17, 3)
    scan = jpeg[jpeg.index(b"\xff\xda") : -2]
    assert b"\xff" not in scan[14:].replace(b"\xff\x00", b"")  # entropy-coded data is byte-stuffed
    webp = webp_image(1536, 1024, (1, 2, 3))
    bits = struct.unpack("<I", webp[21:25])[0]
    assert ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1) == (1536, 1024) and len(webp) < 64
    with pytest.raises(ValueError):
        webp_image(20000, 1, (0, 0, 0))


def boxes(data: bytes, start: int = 0, end: int | None = None) -> dict[bytes, tuple[int, int]]:
    found, position, end = {}, start, len(data) if end is None else end
    while position < end:
        size, kind = struct.unpack(">I4s", data[position : position + 8])
        found[kind] = (position + 8, position + size)
        position += size
    assert position == end
    return found


def test_the_mp4_is_a_box_tree_of_jpeg_frames_at_the_asked_size_and_length() -> None:
    data = mp4_video(720, 1280, 4, "A cat")
    top = boxes(data)
    assert list(top) == [b"ftyp", b"moov", b"mdat"]
    trak = boxes(data, *boxes(data, *top[b"moov"])[b"trak"])
    tkhd = data[slice(*trak[b"tkhd"])]
    assert struct.unpack(">II", tkhd[-8:]) == (720 << 16, 1280 << 16)
    mdia = boxes(data, *trak[b"mdia"])
    stbl = boxes(data, *boxes(data, *mdia[b"minf"])[b"stbl"])
    count = 4 * FRAMES_PER_SECOND
    stsz = data[slice(*stbl[b"stsz"])]
    sizes = struct.unpack(f">{count}I", stsz[12:])
    (offset,) = struct.unpack(">I", data[slice(*stbl[b"stco"])][8:12])
    assert offset == top[b"mdat"][0] and sum(sizes) == top[b"mdat"][1] - top[b"mdat"][0]
    frames, position = [], offset
    for size in sizes:
        frames.append(data[position : position + size])
        position += size
    assert all(frame.startswith(b"\xff\xd8") and frame.endswith(b"\xff\xd9") for frame in frames)
    assert len(set(frames)) > 1  # the colour drifts
    assert b"mp4v" in data[slice(*stbl[b"stsd"])] and bytes([0x6C, 0x11]) in data[slice(*stbl[b"stsd"])]
    timescale, duration = struct.unpack(">II", data[slice(*mdia[b"mdhd"])][12:20])
    assert duration / timescale == 4
