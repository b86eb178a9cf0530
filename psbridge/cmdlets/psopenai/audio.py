"""The Audio cmdlets: Request-AudioSpeech, Request-AudioTranscription, Request-AudioTranslation.

As PSOpenAI's source does them:

- Request-AudioSpeech sends ``model``, ``input``, ``voice``, ``response_format``
  (-ResponseFormat, else the -OutFile extension's, else mp3) and, when bound,
  ``speed`` and ``instructions``; it writes the answer to -OutFile and outputs
  nothing.  Piped input is the text, or a chat answer's ``Answer``;
- Request-AudioTranscription and -Translation upload the file as a multipart
  form (streamed from disk, never read whole) with the bound fields (arrays as
  repeated fields; ``known_speaker_references`` as data URLs; -ChunkingStrategy
  server_vad or its -ChunkingStrategy* options as a JSON object); -Language may
  be a language name (``Japanese``) or culture (``ja-JP``), sent as its
  ISO-639-1 code.  The answer is output as the server sent it: text, subtitles
  or the JSON text (``| ConvertFrom-Json`` reads it).  -Stream outputs each
  ``transcript.text.delta``'s text, or with -StreamOutputType object every event.

Where psbridge departs: the speech file is written whole or not at all (a
temporary file beside it, moved onto the name when every byte has arrived;
PSOpenAI holds the answer in memory and writes it with WriteAllBytes), and an
-OutFile ending ``.pcm`` asks for pcm (PSOpenAI's extension switch lacks it
and would write MP3 bytes under that name).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ...api import FilePart, MultipartForm
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._bodies import member
from ._errors import ArgumentError
from ._files import data_url
from ._objects import to_psobject
from ._streaming import stream_events
from ._transfers import download_to_file, file_to_upload

__all__ = ["RequestAudioSpeech", "RequestAudioTranscription", "RequestAudioTranslation", "iso_language"]

_EXTENSIONS = {".mp3": "mp3", ".opus": "opus", ".aac": "aac", ".flac": "flac", ".wav": "wav", ".pcm": "pcm"}
#: English names of the languages the speech-to-text models know, by ISO-639-1 code.
_LANGUAGES = {
    "af": "Afrikaans", "ar": "Arabic", "hy": "Armenian", "az": "Azerbaijani", "be": "Belarusian",
    "bs": "Bosnian", "bg": "Bulgarian", "ca": "Catalan", "zh": "Chinese", "hr": "Croatian", "cs": "Czech",
    "da": "Danish", "nl": "Dutch", "en": "English", "et": "Estonian", "fi": "Finnish", "fr": "French",
    "gl": "Galician", "de": "German", "el": "Greek", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian",
    "is": "Icelandic", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "kn": "Kannada",
    "kk": "Kazakh", "ko": "Korean", "lv": "Latvian", "lt": "Lithuanian", "mk": "Macedonian", "ms": "Malay",
    "mr": "Marathi", "mi": "Maori", "ne": "Nepali", "no": "Norwegian", "fa": "Persian", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sr": "Serbian", "sk": "Slovak",
    "sl": "Slovenian", "es": "Spanish", "sw": "Swahili", "sv": "Swedish", "tl": "Tagalog", "ta": "Tamil",
    "th": "Thai", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "cy": "Welsh",
}  # fmt: skip
_CODES = {name.casefold(): code for code, name in _LANGUAGES.items()}


def iso_language(text: str) -> str:
    """PSOpenAI's Get-CultureInfo lookup, for the languages the models know: a name (``Japanese``),
    a culture (``ja-JP``) or a code gives the two-letter code; anything else is sent as given."""
    name = text.strip()
    folded = name.casefold()
    if folded in _CODES:
        return _CODES[folded]
    head = folded.split("-")[0]
    return head if head in _LANGUAGES and (len(folded) == 2 or "-" in folded) else name


def _form_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int | float) else to_ps_string(value)


class _AudioCmdlet(ApiCmdlet):
    endpoint: tuple[str, ...] = ()

    def segments(self) -> list[str]:
        if self.settings.is_azure:
            return ["deployments", to_ps_string(self.params.Model).replace("/", "").strip(), *self.endpoint]
        return list(self.endpoint)


@register_cmdlet
class RequestAudioSpeech(_AudioCmdlet):
    name = "Request-AudioSpeech"
    endpoint = ("audio", "speech")

    def process(self) -> None:
        p = self.params
        if p.parameter_set_name == "Pipeline":
            piped = p.InputObject
            answer = member(piped, "Answer") if not isinstance(piped, str) else None
            if isinstance(piped, str):
                text = piped
            elif answer is not None and to_ps_string(answer):
                text = to_ps_string(answer)
            else:
                self.report_input_error(ArgumentError("Input object is invalid."))
                return
        else:
            text = to_ps_string(p.Text)
        out_file = to_ps_string(p.OutFile)
        body: dict[str, Any] = {"model": p.Model, "input": text, "voice": p.Voice}
        if p.is_bound("ResponseFormat"):
            body["response_format"] = p.ResponseFormat
        else:
            body["response_format"] = _EXTENSIONS.get(Path(out_file).suffix.lower(), "mp3")
        if p.is_bound("Speed"):
            body["speed"] = float(p.Speed)
        if p.is_bound("Instructions"):
            body["instructions"] = p.Instructions
        path = download_to_file(self, self.segments(), out_file, method="POST", body=body)
        self.write_verbose(f"Save audio to {path}")


class _SpeechToText(_AudioCmdlet):
    """What transcription and translation share: the upload and the plain answer."""

    def fields(self) -> list[tuple[str, str]]:
        p = self.params
        fields: list[tuple[str, str]] = []
        if not self.settings.is_azure or self.name == "Request-AudioTranslation":
            fields.append(("model", to_ps_string(p.Model)))
        if p.ResponseFormat:
            fields.append(("response_format", to_ps_string(p.ResponseFormat)))
        if p.is_bound("Prompt"):
            fields.append(("prompt", to_ps_string(p.Prompt)))
        if p.is_bound("Temperature"):
            fields.append(("temperature", _form_text(float(p.Temperature))))
        return fields

    def send(self, fields: list[tuple[str, str]], stream: str | None = None) -> None:
        """Upload and output the answer; ``stream`` is -StreamOutputType (text or object) for a stream."""
        path = file_to_upload(self.runspace, to_ps_string(self.params.File))
        form = MultipartForm(fields, [FilePart("file", path.name, path=path)])
        if stream is None:
            response = self.request("POST", self.segments(), form=form, raw=True)
            self.write_output(response.text)
            return
        objects = stream.lower() == "object"
        for _text, event in stream_events(self, "POST", self.segments(), form=form):
            if objects:
                self.write_output(to_psobject(event))
            elif isinstance(event, dict) and event.get("type") == "transcript.text.delta":
                self.write_output(event.get("delta"))

    def process(self) -> None:
        self.send(self.fields())


@register_cmdlet
class RequestAudioTranscription(_SpeechToText):
    name = "Request-AudioTranscription"
    endpoint = ("audio", "transcriptions")

    def fields(self) -> list[tuple[str, str]]:
        p = self.params
        fields = super().fields()
        for granularity in p.TimestampGranularities if p.is_bound("TimestampGranularities") else []:
            fields.append(("timestamp_granularities[]", to_ps_string(granularity)))
        for item in p.Include if p.is_bound("Include") else []:
            fields.append(("include[]", to_ps_string(item)))
        for speaker in p.KnownSpeakerNames if p.is_bound("KnownSpeakerNames") else []:
            fields.append(("known_speaker_names[]", to_ps_string(speaker)))
        for reference in p.KnownSpeakerReferences if p.is_bound("KnownSpeakerReferences") else []:
            fields.append(
                ("known_speaker_references[]", data_url(file_to_upload(self.runspace, to_ps_string(reference))))
            )
        chunking = self.chunking_strategy()
        if chunking is not None:
            fields.append(("chunking_strategy", chunking))
        if p.is_bound("Language") and to_ps_string(p.Language):
            fields.append(("language", iso_language(to_ps_string(p.Language))))
        if p.Stream:
            fields.append(("stream", "true"))
        return fields

    def chunking_strategy(self) -> str | None:
        """PSOpenAI's rules: -ChunkingStrategy auto is "auto"; server_vad, or any -ChunkingStrategy*
        option without -ChunkingStrategy, is a server_vad object; a diarize model needs "auto"."""
        p = self.params
        options: dict[str, Any] = {}
        if p.is_bound("ChunkingStrategy"):
            if to_ps_string(p.ChunkingStrategy).lower() == "auto":
                return "auto"
            options["type"] = "server_vad"
        else:
            for parameter, field in (
                ("ChunkingStrategyThreshold", "threshold"),
                ("ChunkingStrategyPrefixPadding", "prefix_padding_ms"),
                ("ChunkingStrategySilenceDuration", "silence_duration_ms"),
            ):
                if p.is_bound(parameter):
                    value = p.get(parameter)
                    options[field] = float(value) if parameter.endswith("Threshold") else int(value)
        if options:
            options["type"] = "server_vad"
            return json.dumps(options, separators=(",", ":"))
        if "diarize" in to_ps_string(p.Model).lower():
            return "auto"
        return None

    def process(self) -> None:
        p = self.params
        self.send(self.fields(), to_ps_string(p.StreamOutputType) if p.Stream else None)


@register_cmdlet
class RequestAudioTranslation(_SpeechToText):
    name = "Request-AudioTranslation"
    endpoint = ("audio", "translations")
