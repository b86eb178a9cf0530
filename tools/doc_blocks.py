"""What the documentation-trying tools share: reading fenced blocks out of Markdown, comparing
console text, keeping a run on loopback, and running a paste with a deadline.

``tools/try_guides.py`` (PSOpenAI's guides) and ``tools/try_about.py`` (PowerShell's about_*
topics) both paste documented PowerShell into psbridge as a reader would; this module is the
part of that which does not depend on what is being read.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)")
#: The info strings of a PowerShell fence.
POWERSHELL_INFO = frozenset({"powershell", "pwsh", "ps1", "posh"})
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
#: Proxies pointing to a closed port (with loopback exempt): nothing a paste does leaves the machine.
CLOSED_PROXY = "http://127.0.0.1:9"
_PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


# -- what is sample output ----------------------------------------------------------------
#: ``-----  ----`` under a table's header.
_TABLE_RULE = re.compile(r"^\s*-+(\s+-+)*\s*$")
#: ``Name   : value`` of a list view (spaces before the colon: code has none there).
_LIST_LINE = re.compile(r"^[A-Za-z_][\w-]*\s+:(\s|$)")
#: What pwsh's host prints for the other streams and for errors.
_STREAM_LINE = re.compile(r"^(WARNING|VERBOSE|DEBUG|Write-Warning|Write-Error|ParserError|InvalidOperation):(\s|$)")
_ERROR_FRAME = re.compile(r"^(Line \||\s*\d*\s+\|)")
#: A sentence: a capitalised word, then at least three more words, and nothing code-like.
_PROSE = re.compile(r"^[A-Z][\w'’!,.]*(\s+[^\s$|={}@`<>;]+){3,}\s*$")
_PROSE_CODE_HINTS = re.compile(r"[$|={}@`;]|^\S*-\S|\s-[A-Za-z]")
#: A console prompt before a command in a transcript: ``> cmd``, ``PS> cmd``, ``PS C:\> cmd``.
_PROMPT = re.compile(r"^(?:PS(?: [^>]*)?)?> (?=\S)")


def _is_output_line(line: str, following: str | None) -> bool:
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return False
    if _TABLE_RULE.match(line) or (following is not None and _TABLE_RULE.match(following) and "$" not in line):
        return True
    if _LIST_LINE.match(line) or _STREAM_LINE.match(stripped) or _ERROR_FRAME.match(line):
        return True
    return bool(_PROSE.match(stripped)) and not _PROSE_CODE_HINTS.search(stripped)


def split_output(text: str) -> tuple[str, list[str]]:
    """``(code, output)``: the block's code with its sample output blanked, and the lines of
    output it held.

    A reader of a transcript skips what the console printed: a table (its header sits on a
    ``----`` rule), a list (``Name : value``), ``WARNING:`` and error frames, sentences.  Once
    output starts, every line is output until a comment or a prompt (``> cmd``; the command
    after the prompt is code).  Line numbers are kept (output lines become empty), so errors
    still point at the guide's lines.
    """
    lines = text.split("\n")
    quoted = _quoted_lines(lines)
    code: list[str] = []
    skipped: list[str] = []
    in_output = False
    for index, line in enumerate(lines):
        if index in quoted:
            code.append(line)
            continue
        following = next((later for later in lines[index + 1 :] if later.strip()), None)
        prompt = _PROMPT.match(line)
        if prompt:
            in_output = False
            code.append(line[prompt.end() :])
            continue
        if in_output and line.lstrip().startswith("#"):
            in_output = False
        if not in_output and _is_output_line(line, following):
            in_output = True
        if in_output and line.strip():
            skipped.append(line)
            code.append("")
        else:
            code.append("" if in_output else line)
    return "\n".join(code), skipped


def _quoted_lines(lines: Sequence[str]) -> set[int]:
    """Lines inside a here-string (``@'`` ... ``'@``) or a block comment (``<#`` ... ``#>``):
    text, never output, whatever it reads like."""
    inside: set[int] = set()
    closing: str | None = None
    for index, line in enumerate(lines):
        if closing is not None:
            inside.add(index)
            if (closing == "#>" and "#>" in line) or line.startswith(closing):
                closing = None
            continue
        stripped = line.rstrip()
        if stripped.endswith(("@'", '@"')):
            closing = stripped[-1] + "@"
        elif "<#" in line and "#>" not in line[line.index("<#") :]:
            closing = "#>"
    return inside


@dataclass
class Fence:
    """One fenced block: where it opens (1-based line), its info string, its text."""

    line: int
    info: str
    body: str


def markdown_fences(text: str) -> list[Fence]:
    """Every fenced block, in order; an indented fence (in a list item) loses its indentation,
    as a reader copying it would."""
    fences: list[Fence] = []
    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence, indent = opening["fence"], len(opening["indent"])
        body: list[str] = []
        close = index + 1
        while close < len(lines):
            closing = _FENCE.match(lines[close])
            if (
                closing
                and closing["fence"][0] == fence[0]
                and len(closing["fence"]) >= len(fence)
                and not closing["info"]
            ):
                break
            line = lines[close]
            body.append(line[indent:] if line[:indent].strip() == "" else line.lstrip())
            close += 1
        fences.append(Fence(line=index + 1, info=opening["info"].casefold(), body="\n".join(body)))
        index = close + 1
    return fences


def normalise_output(text: str) -> str:
    """What is compared: no colours, no carriage returns, no trailing spaces, no blank lines."""
    lines = _ANSI.sub("", text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines if line.strip())


@contextmanager
def loopback_only(variables: dict[str, str] | None = None, cleared: tuple[str, ...] = ()) -> Iterator[None]:
    """The process environment while documentation runs: proxies to a closed loopback port,
    ``variables`` set, ``cleared`` removed; all of it (and whatever the pastes set) undone after."""
    saved = dict(os.environ)
    os.environ.update({name: CLOSED_PROXY for name in _PROXY_VARIABLES})
    os.environ.update({"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"})
    os.environ.update(variables or {})
    for name in cleared:
        os.environ.pop(name, None)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def first_error(error: BaseException) -> tuple[str, str]:
    """``(FullyQualifiedErrorId, message)`` of an exception psbridge raised (a parse error's first)."""
    errors = getattr(error, "errors", None)
    if errors and hasattr(errors[0], "error_id"):  # ParseError: every error the parser found
        first = errors[0]
        return str(first.error_id), f"line {first.extent.start_line_number}: {first.message}"
    record = getattr(error, "error_record", None)
    if record is not None:
        return str(record.fully_qualified_error_id), str(record.message)
    return type(error).__name__, str(error)


@dataclass
class Outcome:
    """How a paste ended: ``finished`` False when it outlived its deadline (its thread is left
    running, as a daemon); ``raised`` what escaped it."""

    finished: bool
    raised: BaseException | None
    seconds: float


def run_with_deadline(paste: Callable[[], Any], timeout: float, name: str = "paste") -> Outcome:
    """Run ``paste`` on a daemon thread and wait at most ``timeout`` seconds for it."""
    caught: dict[str, BaseException] = {}

    def guarded() -> None:
        try:
            paste()
        except BaseException as error:
            caught["error"] = error

    started = time.monotonic()
    worker = threading.Thread(target=guarded, name=name, daemon=True)
    worker.start()
    worker.join(timeout)
    return Outcome(not worker.is_alive(), caught.get("error"), round(time.monotonic() - started, 2))
