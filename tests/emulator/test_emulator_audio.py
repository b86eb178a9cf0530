"""Audio in the emulator: speech files, and transcriptions and translations of uploads.

JSON requests and answers are validated against ``openai-openapi.json``; the
sound files are read back by their own structure, and a sound the emulator
spoke transcribes to the words it was given.  The verbose and diarized answers
are checked against their own components: the operations' ``oneOf`` cannot
tell them from the plain JSON answer (whose schema allows extra properties), so
every verbose answer matches two branches there.
"""

from __future__ import annotations

import base64
import struct
from typing import Any

import httpx
import pytest

from psbridge.emulator import Emulator
from psbridge.emulator.api_audio import MAX_AUDIO_BYTES
from psbridge.emulator.audio_files import speech_audio
from tests.emulator.emulator_helpers import assert_error, make_client
from tests.openapi_schemas import assert_valid, component, request_body, response_body, sse_payloads


@pytest.fixture
def http(emu: Emulator) -> Any:
    with make_client(emu) as client:
        yield client


def speech(http: httpx.Client, text: str, **fields: Any) -> httpx.Response:
    body = {"model": "tts-1", "input": text, "voice": "alloy", **fields}
    assert_valid(request_body("POST", "/audio/speech"), body)
    return http.post("audio/speech", json=body)


def upload(http: httpx.Client, path: str, data: bytes, name: str = "speech.mp3", **fields: Any) -> httpx.Response:
    form = {f"{key}[]" if isinstance(value, list) else key: value for key, value in fields.items()}
    return http.post(path, data=form, files={"file": (name, data, "application/octet-stream")})


def test_speech_is_a_real_file_of_each_format(http: httpx.Client) -> None:
    signatures = {"mp3": b"\xff\xfb", "wav": b"RIFF", "flac": b"fLaC", "opus": b"OggS", "aac": b"\xff\xf1"}
    for kind, signature in signatures.items():
        answer = speech(http, "Hello there.", response_format=kind)
        assert answer.status_code == 200 and answer.content.startswith(signature), kind
        assert answer.content == speech_audio(kind, "Hello there.")
    wav = speech(http, "one two three four five", response_format="wav").content
    (data_bytes,) = struct.unpack("<I", wav[40:44])
    assert wav[36:40] == b"data" and data_bytes == round(1.5 * 24_000) * 2  # 0.3 s a word, 16-bit mono
    assert speech(http, "x", response_format="pcm").headers["content-type"] == "audio/pcm"


def test_speech_streams_its_bytes_as_events(http: httpx.Client) -> None:
    answer = speech(http, "Stream me.", model="gpt-4o-mini-tts", stream_format="sse", response_format="wav")
    events = sse_payloads(answer.text)
    validator = response_body("POST", "/audio/speech", "text/event-stream")
    for event in events:
        assert_valid(validator, event)
    audio = b"".join(base64.b64decode(e["audio"]) for e in events if e["type"] == "speech.audio.delta")
    assert audio == speech_audio("wav", "Stream me.") and events[-1]["type"] == "speech.audio.done"


@pytest.mark.parametrize(
    ("fields", "param"),
    [
        ({"voice": "nobody"}, "voice"),
        ({"instructions": "Whisper."}, "instructions"),
        ({"stream_format": "sse"}, "stream_format"),
        ({"speed": 5}, "speed"),
        ({"response_format": "ogg"}, "response_format"),
    ],
)
def test_what_speech_does_not_take_is_refused(http: httpx.Client, fields: dict[str, Any], param: str) -> None:
    body = {"model": "tts-1", "input": "x", "voice": "alloy", **fields}
    assert assert_error(http.post("audio/speech", json=body), 400)["param"] == param


def test_a_spoken_sound_transcribes_to_its_words_in_every_format(http: httpx.Client) -> None:
    text = "The quick brown fox. It jumped over the lazy dog!"
    sound = speech(http, text).content
    validator = response_body("POST", "/audio/transcriptions")
    plain = upload(http, "audio/transcriptions", sound, model="whisper-1", response_format="text")
    assert plain.text == text + "\n" and plain.headers["content-type"].startswith("text/plain")
    as_json = upload(http, "audio/transcriptions", sound, model="whisper-1").json()
    assert_valid(validator, as_json)
    assert as_json["text"] == text and as_json["usage"] == {"type": "duration", "seconds": 3}
    verbose = upload(http, "audio/transcriptions", sound, model="whisper-1", response_format="verbose_json",
                     timestamp_granularities=["word", "segment"]).json()  # fmt: skip
    assert_valid(component("CreateTranscriptionResponseVerboseJson"), verbose)
    assert [s["text"] for s in verbose["segments"]] == [" The quick brown fox.", " It jumped over the lazy dog!"]
    assert [w["word"] for w in verbose["words"]][:2] == ["The", "quick"] and verbose["duration"] == 3.0
    assert verbose["segments"][1]["start"] == pytest.approx(1.2) and verbose["words"][-1]["end"] == pytest.approx(3.0)
    srt = upload(http, "audio/transcriptions", sound, model="whisper-1", response_format="srt").text
    assert srt.startswith("1\n00:00:00,000 --> 00:00:01,200\nThe quick brown fox.\n\n2\n00:00:01,200 --> ")
    vtt = upload(http, "audio/transcriptions", sound, model="whisper-1", response_format="vtt").text
    assert vtt.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.200\nThe quick brown fox.\n")
    never_spoken = speech_audio("wav", "never spoken")
    unknown = upload(http, "audio/transcriptions", never_spoken, "meeting.wav", model="whisper-1")
    assert unknown.json()["text"] == "Transcript of meeting.wav."


def test_gpt_models_stream_deltas_and_diarize_by_speaker(http: httpx.Client) -> None:
    sound = speech(http, "Good morning. Shall we start?").content
    answer = upload(http, "audio/transcriptions", sound, model="gpt-4o-transcribe", stream="true")
    events = sse_payloads(answer.text)
    validator = response_body("POST", "/audio/transcriptions", "text/event-stream")
    for event in events:
        assert_valid(validator, event)
    deltas = "".join(e["delta"] for e in events if e["type"] == "transcript.text.delta")
    assert deltas == "Good morning. Shall we start?" and events[-1]["type"] == "transcript.text.done"
    diarized = upload(http, "audio/transcriptions", sound, model="gpt-4o-transcribe-diarize",
                      response_format="diarized_json", chunking_strategy="auto").json()  # fmt: skip
    assert_valid(component("CreateTranscriptionResponseDiarizedJson"), diarized)
    speakers = [(s["speaker"], s["text"]) for s in diarized["segments"]]
    assert speakers == [("A", "Good morning."), ("A", "Shall we start?")]
    tokens = upload(http, "audio/transcriptions", sound, model="gpt-4o-mini-transcribe").json()
    assert tokens["usage"]["type"] == "tokens"


@pytest.mark.parametrize(
    ("fields", "param"),
    [
        ({"model": "gpt-4o-transcribe", "response_format": "srt"}, "response_format"),
        ({"model": "whisper-1", "response_format": "diarized_json"}, "response_format"),
        ({"model": "whisper-1", "stream": "true"}, "stream"),
        ({"model": "whisper-1", "timestamp_granularities": ["word"]}, "timestamp_granularities"),
        ({"model": "whisper-1", "temperature": "2"}, "temperature"),
        ({"model": "whisper-1", "voice": "alloy"}, "voice"),
    ],
)
def test_what_transcription_does_not_take_is_refused(http: httpx.Client, fields: dict[str, Any], param: str) -> None:
    error = assert_error(upload(http, "audio/transcriptions", speech_audio("mp3", "x"), **fields), 400)
    assert error["param"] == param


def test_uploads_must_be_sound_and_at_most_25_mb(http: httpx.Client) -> None:
    not_sound = assert_error(upload(http, "audio/transcriptions", b"plain text", "notes.txt", model="whisper-1"), 400)
    assert not_sound["param"] == "file" and "Invalid file format" in not_sound["message"]
    big = speech_audio("mp3", "x") + bytes(MAX_AUDIO_BYTES)
    too_big = assert_error(upload(http, "audio/transcriptions", big, model="whisper-1"), 400, "file_too_large")
    assert str(MAX_AUDIO_BYTES) in too_big["message"]
    missing = http.post("audio/transcriptions", data={"model": "whisper-1"}, files={"other": ("a", b"b")})
    assert assert_error(missing, 400)["param"] in ("file", "other")


def test_a_translation_is_the_transcript(http: httpx.Client) -> None:
    sound = speech(http, "Hello, my name is Tanaka.").content
    answer = upload(http, "audio/translations", sound, model="whisper-1")
    body = answer.json()
    assert_valid(response_body("POST", "/audio/translations"), body)
    assert body == {"text": "Hello, my name is Tanaka."}
    verbose = upload(http, "audio/translations", sound, model="whisper-1", response_format="verbose_json").json()
    assert_valid(component("CreateTranslationResponseVerboseJson"), verbose)
    assert verbose["task"] == "translate" and verbose["language"] == "english"
    refused = upload(http, "audio/translations", sound, model="whisper-1", response_format="diarized_json")
    assert assert_error(refused, 400)["param"] == "response_format"
