"""Request-AudioSpeech, Request-AudioTranscription and Request-AudioTranslation against the emulator."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import psbridge
from psbridge.emulator import Emulator
from psbridge.emulator.audio_files import speech_audio
from psbridge.emulator.faults import Fault
from psbridge.runtime import PipelineError
from tests.cmdlets.test_images import form_fields, sent


def test_speech_is_written_where_asked_in_the_extension_s_format(emulator: Emulator, tmp_path: Path) -> None:
    target = tmp_path / "out" / "hello.wav"  # a missing folder is made, as PSOpenAI's New-ParentFolder does
    assert psbridge.run(f"Request-AudioSpeech -Text 'Hello.' -OutFile '{target}'") == []
    assert target.read_bytes() == speech_audio("wav", "Hello.")
    assert sent(emulator, "/audio/speech")[-1].body == {
        "model": "tts-1", "input": "Hello.", "voice": "alloy", "response_format": "wav",
    }  # fmt: skip
    psbridge.run(f"Request-AudioSpeech 'Raw samples' -OutFile '{tmp_path / 'a.pcm'}'")
    assert (tmp_path / "a.pcm").read_bytes() == speech_audio("pcm", "Raw samples")  # PSOpenAI would ask for mp3
    psbridge.run(
        f"Request-AudioSpeech -Text 'Quick fox.' -OutFile '{tmp_path / 'b.aac'}' -Model gpt-4o-mini-tts -Voice Onyx"
        " -Speed 1.2 -Format FLAC -Instructions 'Cheerful.'"
    )
    body = sent(emulator, "/audio/speech")[-1].body
    assert body == {"model": "gpt-4o-mini-tts", "input": "Quick fox.", "voice": "onyx", "response_format": "flac",
                    "speed": 1.2, "instructions": "Cheerful."}  # fmt: skip
    assert (tmp_path / "b.aac").read_bytes()[:4] == b"fLaC"  # the asked format, under the asked name


def test_speech_takes_piped_text_or_a_chat_answer(emulator: Emulator, tmp_path: Path) -> None:
    psbridge.run(f"'Piped words' | Request-AudioSpeech -OutFile '{tmp_path / 'p.mp3'}'")
    assert (tmp_path / "p.mp3").read_bytes() == speech_audio("mp3", "Piped words")
    answer = psbridge.run("Request-ChatCompletion -Message 'Say hi' -Model gpt-4o-mini")[0]
    psbridge.invoke("Request-AudioSpeech", input=[answer], OutFile=str(tmp_path / "c.mp3"))
    assert sent(emulator, "/audio/speech")[-1].body["input"] == "Echo: Say hi"
    before = len(emulator.requests)
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Request-AudioSpeech", input=[{"Other": 1}], OutFile=str(tmp_path / "d.mp3"))
    assert str(caught.value.errors[0]) == "Input object is invalid."
    assert len(emulator.requests) == before and not (tmp_path / "d.mp3").exists()


def test_speech_binding_errors_come_before_any_request(emulator: Emulator, tmp_path: Path) -> None:
    before = len(emulator.requests)
    for line, error_id in (
        (f"Request-AudioSpeech -Text 'x' -OutFile '{tmp_path / 'x.mp3'}' -Speed 5", "ParameterArgumentValidationError"),
        ("Request-AudioSpeech -Text 'x'", "MissingMandatoryParameter"),
        (f"Request-AudioSpeech -Text '' -OutFile '{tmp_path / 'x.mp3'}'", "ParameterArgumentValidationError"),
    ):
        with pytest.raises(PipelineError) as caught:
            psbridge.run(line)
        assert caught.value.errors[0].fully_qualified_error_id == f"{error_id},Request-AudioSpeech"
    assert len(emulator.requests) == before and os.listdir(tmp_path) == []


def test_a_refused_or_broken_speech_leaves_the_old_file_and_no_partial_one(emulator: Emulator, tmp_path: Path) -> None:
    target = tmp_path / "kept.mp3"
    target.write_bytes(b"previous")
    with pytest.raises(PipelineError) as caught:
        psbridge.run(f"Request-AudioSpeech -Text 'x' -Voice nobody -OutFile '{target}'")
    assert caught.value.errors[0].fully_qualified_error_id.startswith("PSOpenAI.APIRequest.BadRequest")
    emulator.faults.add(Fault(path="/audio/speech", drop_connection=True))
    with pytest.raises(PipelineError):
        psbridge.run(f"Request-AudioSpeech -Text 'x' -OutFile '{tmp_path / 'new.mp3'}'")
    assert target.read_bytes() == b"previous" and os.listdir(tmp_path) == ["kept.mp3"]


def test_a_spoken_file_transcribes_back_in_each_format(emulator: Emulator, tmp_path: Path) -> None:
    sound = tmp_path / "talk.mp3"
    psbridge.run(f"Request-AudioSpeech -Text 'Hello, I am David. Nice to meet you.' -OutFile '{sound}'")
    assert psbridge.run(f"Request-AudioTranscription -File '{sound}'") == ["Hello, I am David. Nice to meet you.\n"]
    fields = form_fields(sent(emulator, "/audio/transcriptions")[-1])
    assert fields == {"model": ["whisper-1"], "file": ["talk.mp3"], "response_format": ["text"]}
    (parsed,) = psbridge.run(f"Request-AudioTranscription '{sound}' -Format verbose_json"
                             " -TimestampGranularities word,segment | ConvertFrom-Json")  # fmt: skip
    assert parsed.text == "Hello, I am David. Nice to meet you." and len(parsed.segments) == 2
    assert [w.word for w in parsed.words][:2] == ["Hello", "I"]
    fields = form_fields(sent(emulator, "/audio/transcriptions")[-1])
    assert fields["timestamp_granularities[]"] == ["word", "segment"]
    (subtitles,) = psbridge.run(f"Request-AudioTranscription '{sound}' -ResponseFormat vtt")
    assert subtitles.startswith("WEBVTT\n\n00:00:00.000 --> 00:00:01.200\nHello, I am David.\n")
    (translated,) = psbridge.run(f"Request-AudioTranslation -File '{sound}' -ResponseFormat json -Temperature 0.2")
    assert translated == '{"text": "Hello, I am David. Nice to meet you."}'
    assert form_fields(sent(emulator, "/audio/translations")[-1])["temperature"] == ["0.2"]


def test_transcription_fields_follow_psopenai(emulator: Emulator, tmp_path: Path) -> None:
    sound = tmp_path / "s.wav"
    sound.write_bytes(speech_audio("wav", "anything"))
    reference = tmp_path / "ref.wav"
    reference.write_bytes(speech_audio("wav", "me"))

    def fields_of(options: str) -> dict[str, list[str]]:
        psbridge.run(f"Request-AudioTranscription '{sound}' {options}")
        return form_fields(sent(emulator, "/audio/transcriptions")[-1])

    assert fields_of("-Language Japanese")["language"] == ["ja"]
    assert fields_of("-Language ja-JP")["language"] == ["ja"]
    assert fields_of("-ChunkingStrategy auto")["chunking_strategy"] == ["auto"]
    assert fields_of("-ChunkingStrategyThreshold 0.5 -ChunkingStrategySilenceDuration 300")["chunking_strategy"] == [
        '{"threshold":0.5,"silence_duration_ms":300,"type":"server_vad"}'
    ]
    diarize = fields_of("-Model gpt-4o-transcribe-diarize -ResponseFormat diarized_json"
                        f" -KnownSpeakerNames agent -KnownSpeakerReferences '{reference}'")  # fmt: skip
    assert diarize["chunking_strategy"] == ["auto"] and diarize["known_speaker_names[]"] == ["agent"]
    assert diarize["known_speaker_references[]"][0].startswith("data:audio/")
    assert fields_of("-Model gpt-4o-transcribe -Include logprobs -ResponseFormat json")["include[]"] == ["logprobs"]


def test_transcription_streams_text_or_events(emulator: Emulator, tmp_path: Path) -> None:
    sound = tmp_path / "s.ogg"
    psbridge.run(f"Request-AudioSpeech -Text 'One two three.' -OutFile '{tmp_path / 's.opus'}'")
    sound.write_bytes((tmp_path / "s.opus").read_bytes())
    deltas = psbridge.run(f"Request-AudioTranscription '{sound}' -Model gpt-4o-mini-transcribe -Stream")
    assert "".join(deltas) == "One two three." and len(deltas) == 3
    events: list[Any] = psbridge.run(
        f"Request-AudioTranscription '{sound}' -Model gpt-4o-transcribe -Stream -StreamOutputType object"
    )
    assert [e.type for e in events][-1] == "transcript.text.done" and events[-1].text == "One two three."


def test_transcription_of_several_piped_files_and_a_missing_one(emulator: Emulator, tmp_path: Path) -> None:
    for name in ("a.wav", "b.wav"):
        (tmp_path / name).write_bytes(speech_audio("wav", name))
    missing = tmp_path / "none.wav"
    ps = psbridge.PowerShell()
    texts = ps.add_script(
        f"'{tmp_path / 'a.wav'}', '{missing}', '{tmp_path / 'b.wav'}' | Request-AudioTranscription"
    ).invoke()
    assert texts == ["Transcript of a.wav.\n", "Transcript of b.wav.\n"]
    assert [e.fully_qualified_error_id for e in ps.streams.error] == [
        "System.Management.Automation.ItemNotFoundException,Request-AudioTranscription"
    ]
