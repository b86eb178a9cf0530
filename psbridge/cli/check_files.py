"""``specs check`` fixtures for examples about files and vector stores, and their local paths.

Id literals of these kinds are mapped like the Assistants ones (see
:mod:`.checking`): every ``file-abc123`` (or ``file_abc123``) becomes a real
uploaded file -- a JSONL file of chat requests (purpose ``batch``) in an example
that starts a batch, a small text otherwise; every ``vs_abc123`` a real vector
store holding all the example's files; every ``vsfb_abc123`` a file batch of the
first store, left in progress (a file batch needs a file: one is made when the
example names none); every ``batch_abc123`` a batch run to completion, with its
output; every ``video_abc123`` a video job made and waited on to completion; every
``cont_abc123`` a container holding copies of the example's files --
and in an example about a container's files (Get-/Remove-ContainerFile,
Get-ContainerFileContent) the file literals then name those copies.
``$BatchInputs`` holds two ``-AsBatch`` chat requests, ``$Batch`` a batch
just started.

Docs name Windows paths (``C:\\sample.csv``).  Each is mapped into the
example's own temporary folder (``<tmp>/C/sample.csv``), where a small file
already waits under that name -- a real image, sound or video for a name that
says so (``.png``, ``.mp3`` ...), a text otherwise -- so an example reads what it
expects and writes nowhere else on the machine.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .check_paths import Ground, Role, default_role, path_roles

__all__ = ["FILE_KINDS", "FILE_VARIABLES", "FIXTURE_TEXT", "FileFixtures", "map_windows_paths"]

#: Kinds of id literal this module maps, as ``checking`` names them.
FILE_KINDS = ("file", "vs", "vsfb", "batch", "cont", "video")
#: Variables (case-folded) this module fills.
FILE_VARIABLES = frozenset({"batchinputs", "batchinput", "batch", "batchid"})

#: ``C:\sample.csv``, ``D:\data\graph.png``: a drive letter, a backslash, then no quote, space or
#: separator -- and not the ``PS C:\>`` prompt of an example.
_WINDOWS_PATH = re.compile(
    r"(?<=['\"])[A-Za-z]:\\(?!>)[^'\"`\r\n]*(?=['\"])"  # quoted: spaces belong to it ('C:\Program Files\')
    r"|(?<![\w:])[A-Za-z]:\\(?!>)[^\s'\"`|;,(){}<>]*"
)
FIXTURE_TEXT = "A file made by psbridge specs check.\nContoso help desk: Alex Johnson, extension 1001.\n"

Call = Callable[..., Any]


def map_windows_paths(code: str, folder: Path, mapping: dict[str, str], ground: Ground | None = None) -> str:
    """``code`` with every Windows path moved under ``folder``, laid out as the author's machine had it.

    A file the example reads waits there, a folder it reads or goes to is made, and what it
    creates is left for it to create (see :mod:`.check_paths`).
    """
    roles = path_roles(code)
    starts = sorted(roles)

    def role_at(offset: int, literal: str) -> Role:
        index = bisect_right(starts, offset) - 1
        if index >= 0 and offset < roles[starts[index]][0]:
            return roles[starts[index]][1]
        return default_role(literal)

    ground = ground if ground is not None else Ground()

    def moved(match: re.Match[str]) -> str:
        literal = match.group(0)
        drive, _, rest = literal.partition(":\\")
        target = folder.joinpath(drive.upper(), *[part for part in rest.split("\\") if part])
        role = role_at(match.start(), literal)
        if rest:
            ground.lay(target, role, fixture_content(target.suffix.lower()) if role == "file" else b"")
        mapping[literal] = str(target)
        return str(target)

    return _WINDOWS_PATH.sub(moved, code)


def fixture_content(suffix: str) -> bytes:
    """What waits at a mapped path: a file of the kind its extension names."""
    from ..emulator.audio_files import AUDIO_MEDIA_TYPES, speech_audio
    from ..emulator.image_files import image_bytes
    from ..emulator.video_files import mp4_video

    kind = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp"}.get(suffix)
    if kind is not None:
        return image_bytes(kind, 64, 64, "psbridge specs check")
    audio = {".m4a": "aac", ".ogg": "opus", ".mpga": "mp3", ".mpeg": "mp3"}.get(suffix, suffix.lstrip("."))
    if audio in AUDIO_MEDIA_TYPES:
        return speech_audio(audio, "A file made by psbridge specs check.")
    if suffix == ".mp4":
        return mp4_video(64, 64, 1, "psbridge specs check")
    return FIXTURE_TEXT.encode("utf-8")


class FileFixtures:
    """Files, vector stores and file batches made through the cmdlets for one example."""

    def __init__(self, one: Call, call: Call) -> None:
        self.one = one
        self.call = call
        self.file_ids: list[str] = []
        self.store_ids: list[str] = []
        self.batch_files = False
        #: The example reads a container's files: its file literals name the container's copies.
        self.container_files = False

    def file(self, index: int) -> str:
        while len(self.file_ids) <= index:
            number = len(self.file_ids) + 1
            if self.batch_files:
                name = f"fixture-{number}.jsonl"
                made = self.one("Add-OpenAIFile", Content=_batch_lines(number), Name=name, Purpose="batch")
            else:
                name = f"fixture-{number}.txt"
                made = self.one("Add-OpenAIFile", Content=FIXTURE_TEXT.encode(), Name=name, Purpose="assistants")
            self.file_ids.append(str(made["id"]))
        return self.file_ids[index]

    def batch_inputs(self) -> list[Any]:
        options = {"Model": "gpt-4o-mini", "AsBatch": True}
        return [self.one("Request-ChatCompletion", Message=f"Question {n}", CustomBatchId=f"check-{n}", **options)
                for n in (1, 2)]  # fmt: skip

    def started_batch(self) -> Any:
        return self.one("Start-Batch", BatchInput=self.batch_inputs())

    def finished_batch(self) -> str:
        batch = self.started_batch()
        return str(self.one("Wait-Batch", BatchId=batch["id"], PollIntervalSec=0)["id"])

    def variable_value(self, folded: str) -> Any:
        if folded.startswith("batchinput"):
            return self.batch_inputs()
        batch = self.started_batch()
        return batch["id"] if folded.endswith("id") else batch

    def store(self, index: int) -> str:
        while len(self.store_ids) <= index:
            number = len(self.store_ids) + 1
            options: dict[str, Any] = {"Name": f"psbridge check {number}"}
            if self.file_ids:
                options["FileId"] = list(self.file_ids)
            self.store_ids.append(str(self.one("New-VectorStore", **options)["id"]))
        return self.store_ids[index]

    def batch(self) -> str:
        files = self.file_ids or [self.file(0)]
        made = self.one("Start-VectorStoreFileBatch", VectorStoreId=self.store(0), Files=list(files))
        return str(made["id"])

    def map_literals(self, literals: dict[str, list[str]], mapping: dict[str, str]) -> None:
        for index, literal in enumerate(literals["file"]):
            mapping[literal] = self.file(index)
        for index, literal in enumerate(literals["vs"]):
            mapping[literal] = self.store(index)
        for literal in literals["vsfb"]:
            mapping[literal] = self.batch()
        for literal in literals["batch"]:
            mapping[literal] = self.finished_batch()
        for literal in literals["video"]:
            job = self.one("New-Video", Prompt="psbridge check", Size="720x1280")
            mapping[literal] = str(self.one("Wait-Video", VideoId=job["id"], PollIntervalSec=0)["id"])
        for literal in literals["cont"]:
            container_id = str(self.one("New-Container", Name="psbridge check", FileId=list(self.file_ids))["id"])
            mapping[literal] = container_id
            if self.container_files:
                copies = self.call("Get-ContainerFile", ContainerId=container_id, Order="asc")
                for file_literal, copy in zip(literals["file"], copies, strict=False):
                    mapping[file_literal] = str(copy["id"])


def _batch_lines(number: int) -> bytes:
    """A batch input file of two chat completion requests."""
    lines = [
        json.dumps({
            "custom_id": f"fixture-{number}-{n}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"Question {n}"}]},
        })
        for n in (1, 2)
    ]
    return "\n".join(lines).encode()
