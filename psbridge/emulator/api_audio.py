"""Audio: speech from text, and transcriptions and translations of uploaded sounds.

``POST /audio/speech`` answers a real audio file of the asked format
(:mod:`.audio_files`), or with ``stream_format: sse`` the same bytes as base64
``speech.audio.delta`` events and a ``speech.audio.done``; the emulator
remembers each sound it speaks, so transcribing it gives the text back
(:mod:`.transcripts`).

``POST /audio/transcriptions`` and ``/audio/translations`` take a multipart
form (the ``file`` and text fields, converted by the operation's schema), at
most 25 MB of sound in one of the API's formats, recognised by its bytes.
The models keep the published rules: ``whisper-1`` alone gives
``verbose_json``, ``srt``, ``vtt`` and timestamps and cannot stream;
``gpt-4o-transcribe-diarize`` gives ``diarized_json`` (segments by speaker);
the other GPT models give ``json`` or ``text`` and stream
``transcript.text.delta`` events ending in ``transcript.text.done``.
A translation is the transcript (the emulator already "hears" English).
"""

from __future__ import annotations

import base64
import json

from .audio_files import AUDIO_MEDIA_TYPES, speech_audio
from .context import Context, check_value, validated
from .errors import bad_request
from .exchange import ApiRequest, Reply, json_reply
from .form_fields import form_body
from .multipart import Part, parse_form
from .schema import AnyOf, Array, Boolean, Null, Number, Object, String
from .sse import frame, text_chunks
from .store import JSON
from .transcripts import Transcript, heard_text, remember_speech

__all__ = ["MAX_AUDIO_BYTES", "SCHEMAS", "sound_format"]

MAX_AUDIO_BYTES = 25 * 1024 * 1024
VOICES = ("alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse",
          "marin", "cedar")  # fmt: skip
_FORMATS = ("json", "text", "srt", "verbose_json", "vtt", "diarized_json")
_WHISPER_ONLY = ("verbose_json", "srt", "vtt")
_SPEECH_CHUNK = 16 * 1024

SCHEMAS: dict[str, Object] = {
    "createSpeech": Object(
        {
            "model": String(),
            "input": String(max_length=4096),
            "instructions": String(max_length=4096),
            "voice": AnyOf(String(), Object({"id": String()}, required=("id",), additional=False)),
            "response_format": String(enum=tuple(AUDIO_MEDIA_TYPES)),
            "speed": Number(minimum=0.25, maximum=4.0),
            "stream_format": String(enum=("sse", "audio")),
        },
        required=("model", "input", "voice"),
        additional=False,
    ),
    "createTranscription": Object(
        {
            "model": String(),
            "language": String(),
            "prompt": String(),
            "response_format": String(enum=_FORMATS),
            "temperature": Number(minimum=0, maximum=1),
            "include": Array(String(enum=("logprobs",))),
            "timestamp_granularities": Array(String(enum=("word", "segment"))),
            "stream": AnyOf(Boolean(), Null()),
            "chunking_strategy": AnyOf(
                String(enum=("auto",)),
                Object(
                    {"type": String(enum=("server_vad",)), "prefix_padding_ms": Number(),
                     "silence_duration_ms": Number(), "threshold": Number()},
                    required=("type",), additional=False,
                ),
                Null(),
            ),
            "known_speaker_names": Array(String(), max_items=4),
            "known_speaker_references": Array(String(), max_items=4),
        },
        required=("model",),
        additional=False,
    ),
    "createTranslation": Object(
        {
            "model": String(),
            "prompt": String(),
            "response_format": String(enum=_FORMATS[:-1]),
            "temperature": Number(minimum=0, maximum=1),
        },
        required=("model",),
        additional=False,
    ),
}


# -- speech -------------------------------------------------------------------------------------


def create_speech(ctx: Context, request: ApiRequest) -> Reply:
    body = validated(request, "createSpeech", SCHEMAS)
    model = body["model"]
    voice = body["voice"]
    if isinstance(voice, str) and voice not in VOICES:
        listed = ", ".join(f"'{v}'" for v in VOICES)
        raise bad_request(f"Invalid value: '{voice}'. Supported values are: {listed}.", param="voice",
                          code="invalid_value")  # fmt: skip
    classic = model.startswith("tts-1")
    if classic and "instructions" in body:
        raise bad_request(f"Instructions are not supported by {model}.", param="instructions", code="invalid_value")
    if classic and body.get("stream_format") == "sse":
        raise bad_request(f"stream_format 'sse' is not supported by {model}.", param="stream_format",
                          code="invalid_value")  # fmt: skip
    kind = body.get("response_format", "mp3")
    data = speech_audio(kind, body["input"])
    remember_speech(ctx.store, data, body["input"])
    if body.get("stream_format") == "sse":
        chunks = [
            frame("speech.audio.delta", json.dumps({"type": "speech.audio.delta",
                                                    "audio": base64.b64encode(data[i : i + _SPEECH_CHUNK]).decode()}))
            for i in range(0, len(data), _SPEECH_CHUNK)
        ]  # fmt: skip
        words = max(1, len(body["input"].split()))
        usage = {"input_tokens": words, "output_tokens": max(1, len(data) // 1000), "total_tokens": 0}
        usage["total_tokens"] = usage["input_tokens"] + usage["output_tokens"]
        chunks.append(frame("speech.audio.done", json.dumps({"type": "speech.audio.done", "usage": usage})))
        return _event_stream(chunks)
    return Reply(body=data, headers={"content-type": AUDIO_MEDIA_TYPES[kind]})


# -- transcriptions and translations ------------------------------------------------------------


def sound_format(data: bytes) -> str | None:
    """The container the bytes are in, by their signature (None: not a sound the API takes)."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "wav"
    if data[:4] == b"fLaC":
        return "flac"
    if data[:4] == b"OggS":
        return "ogg"
    if data[:4] == b"\x1a\x45\xdf\xa3":
        return "webm"
    if data[4:8] == b"ftyp":
        return "mp4"
    if data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):
        return "mp3"  # MPEG audio frames; ADTS (AAC) frames share the sync word
    return None


def _upload(request: ApiRequest, operation: str) -> tuple[JSON, Part]:
    form = parse_form(request.raw_body, request.headers.get("content-type", ""))
    body, files = form_body(form, SCHEMAS[operation], ("file",))
    check_value(body, SCHEMAS[operation], "")
    sent = files.get("file", [])
    if not sent:
        raise bad_request("Missing required parameter: 'file'.", param="file", code="missing_required_parameter")
    if len(sent) > 1:
        raise bad_request("Duplicate parameter: 'file'.", param="file", code="invalid_value")
    part = sent[0]
    if len(part.data) > MAX_AUDIO_BYTES:
        raise bad_request(
            f"Maximum content size limit ({MAX_AUDIO_BYTES}) exceeded ({len(part.data)} bytes read).",
            param="file", code="file_too_large",
        )  # fmt: skip
    if sound_format(part.data) is None:
        raise bad_request(
            "Invalid file format. Supported formats: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', "
            "'wav', 'webm']",
            param="file", code="invalid_value",
        )  # fmt: skip
    return body, part


def _check_format(model: str, response_format: str, body: JSON) -> None:
    diarize = "diarize" in model
    whisper = not model.startswith(("gpt-", "gpt_"))
    if response_format == "diarized_json" and not diarize:
        allowed = False
    elif response_format in _WHISPER_ONLY:
        allowed = whisper
    else:
        allowed = True
    if not allowed:
        raise bad_request(f"response_format '{response_format}' is not compatible with model '{model}'.",
                          param="response_format", code="unsupported_value")  # fmt: skip
    if body.get("timestamp_granularities") and response_format != "verbose_json":
        raise bad_request("timestamp_granularities requires response_format 'verbose_json'.",
                          param="timestamp_granularities", code="invalid_value")  # fmt: skip
    if body.get("stream") and whisper:
        raise bad_request(f"Streaming is not supported for the model '{model}'.", param="stream",
                          code="unsupported_value")  # fmt: skip


def _answer(transcript: Transcript, model: str, response_format: str, body: JSON, task: str) -> Reply:
    if response_format == "text":
        return _text(transcript.text + "\n", "text/plain")
    if response_format == "srt":
        return _text(transcript.srt(), "application/x-subrip")
    if response_format == "vtt":
        return _text(transcript.vtt(), "text/vtt")
    if response_format == "verbose_json":
        granularities = body.get("timestamp_granularities") or ["segment"]
        return json_reply(transcript.verbose(task, "word" in granularities, "segment" in granularities))
    if response_format == "diarized_json":
        return json_reply(transcript.diarized())
    if task == "translate":
        return json_reply({"text": transcript.text})
    gpt = model.startswith("gpt-")
    return json_reply({"text": transcript.text,
                       "usage": transcript.usage_tokens() if gpt else transcript.usage_seconds()})  # fmt: skip


def _streamed(transcript: Transcript, model: str) -> Reply:
    chunks: list[bytes] = []
    if "diarize" in model:
        for segment in transcript.diarized()["segments"]:
            chunks.append(frame("transcript.text.segment", json.dumps(segment)))
    else:
        for piece in text_chunks(transcript.text):
            delta = {"type": "transcript.text.delta", "delta": piece}
            chunks.append(frame("transcript.text.delta", json.dumps(delta)))
    done = {"type": "transcript.text.done", "text": transcript.text, "usage": transcript.usage_tokens()}
    chunks.append(frame("transcript.text.done", json.dumps(done)))
    return _event_stream(chunks)


def _heard(ctx: Context, request: ApiRequest, operation: str) -> tuple[JSON, Transcript]:
    """The checked form and what its sound says."""
    body, part = _upload(request, operation)
    _check_format(body["model"], body.get("response_format", "json"), body)
    return body, Transcript(heard_text(ctx.store, part.data, part.filename or "audio"))


def create_transcription(ctx: Context, request: ApiRequest) -> Reply:
    body, transcript = _heard(ctx, request, "createTranscription")
    if body.get("stream"):
        return _streamed(transcript, body["model"])
    return _answer(transcript, body["model"], body.get("response_format", "json"), body, "transcribe")


def create_translation(ctx: Context, request: ApiRequest) -> Reply:
    body, transcript = _heard(ctx, request, "createTranslation")
    return _answer(transcript, body["model"], body.get("response_format", "json"), body, "translate")


def _text(text: str, media_type: str) -> Reply:
    return Reply(body=text.encode("utf-8"), headers={"content-type": f"{media_type}; charset=utf-8"})


def _event_stream(chunks: list[bytes]) -> Reply:
    return Reply(headers={"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache"},
                 chunks=chunks)  # fmt: skip

