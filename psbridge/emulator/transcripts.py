"""What the emulator "hears" in an uploaded sound, and the transcript in each output format.

The emulator has no speech recogniser; it is deterministic instead:

- a sound it spoke itself (``POST /audio/speech``) is remembered by its SHA-256,
  so its transcript is the text that was spoken, word for word;
- any other sound is heard as ``Transcript of <file name>.``.

Timing follows the speech generator: 0.3 s a word, segments end at ``.``, ``!``
or ``?``.  The formats are the API's: ``json`` (``{text, usage}``), ``text``,
``verbose_json`` (language, duration, segments and, when asked, words), ``srt``
and ``vtt`` subtitles, and ``diarized_json`` (every segment by speaker ``A``).
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass

from .audio_files import speech_seconds
from .store import JSON, Store

__all__ = ["Transcript", "heard_text", "remember_speech"]

_SECONDS_PER_WORD = 0.3
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_BLOB_PREFIX = "speech/"


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def remember_speech(store: Store, data: bytes, text: str) -> None:
    """The sound ``data`` says ``text``: a later transcription of it answers that text."""
    store.put_blob(_BLOB_PREFIX + _digest(data), text.encode("utf-8"))


def heard_text(store: Store, data: bytes, filename: str) -> str:
    remembered = store.get_blob(_BLOB_PREFIX + _digest(data))
    if remembered is not None:
        return remembered.decode("utf-8")
    return f"Transcript of {filename}."


def _stamp(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    whole, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{whole:02d}{separator}{millis:03d}"


@dataclass(frozen=True)
class Transcript:
    text: str

    @property
    def duration(self) -> float:
        return speech_seconds(self.text)

    def words(self) -> list[JSON]:
        words = self.text.split()
        step = self.duration / max(1, len(words))
        return [
            {"word": word.strip(".,!?;:\"'"), "start": round(i * step, 3), "end": round((i + 1) * step, 3)}
            for i, word in enumerate(words)
        ]

    def segments(self) -> list[tuple[float, float, str]]:
        """(start, end, text) per sentence, timed by its words."""
        sentences = [s for s in _SENTENCE_END.split(self.text.strip()) if s] or [""]
        total_words = max(1, len(self.text.split()))
        step = self.duration / total_words
        spans, at = [], 0
        for sentence in sentences:
            count = max(1, len(sentence.split()))
            spans.append((round(at * step, 3), round(min(total_words, at + count) * step, 3), sentence))
            at += count
        return spans

    def usage_seconds(self) -> JSON:
        return {"type": "duration", "seconds": math.ceil(self.duration)}

    def usage_tokens(self) -> JSON:
        audio = max(1, round(self.duration * 10))
        output = max(1, len(self.text.split()))
        return {
            "type": "tokens",
            "input_tokens": audio,
            "input_token_details": {"text_tokens": 0, "audio_tokens": audio},
            "output_tokens": output,
            "total_tokens": audio + output,
        }

    def verbose(self, task: str, words: bool, segments: bool) -> JSON:
        body: JSON = {"task": task, "language": "english", "duration": self.duration, "text": self.text}
        if segments:
            body["segments"] = [
                {
                    "id": i, "seek": 0, "start": start, "end": end, "text": " " + text,
                    "tokens": [50364 + i], "temperature": 0.0, "avg_logprob": -0.25,
                    "compression_ratio": 1.0, "no_speech_prob": 0.01,
                }
                for i, (start, end, text) in enumerate(self.segments())
            ]
        if words:
            body["words"] = self.words()
        body["usage"] = self.usage_seconds()
        return body

    def diarized(self) -> JSON:
        segments = [
            {"type": "transcript.text.segment", "id": f"seg_{i:03d}", "start": start, "end": end,
             "text": text, "speaker": "A"}
            for i, (start, end, text) in enumerate(self.segments())
        ]
        return {
            "task": "transcribe", "duration": self.duration, "text": self.text, "segments": segments,
            "usage": self.usage_seconds(),
        }  # fmt: skip

    def srt(self) -> str:
        blocks = [
            f"{i}\n{_stamp(start, ',')} --> {_stamp(end, ',')}\n{text}\n"
            for i, (start, end, text) in enumerate(self.segments(), 1)
        ]
        return "\n".join(blocks)

    def vtt(self) -> str:
        cues = [f"{_stamp(start, '.')} --> {_stamp(end, '.')}\n{text}\n" for start, end, text in self.segments()]
        return "WEBVTT\n\n" + "\n".join(cues)
