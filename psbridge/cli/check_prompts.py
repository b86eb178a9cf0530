"""``specs check``: examples written as a console session (``PS C:\\temp> command``, then its output).

Many of PowerShell's docs show an example as typed at the prompt, with what it printed
below each command.  Only the commands are the example: the printed lines
(``C:\\temp\\tree\\file1.txt``, a table) are not code, and run as code they fail as
commands that are not found.  :func:`commands_of` keeps the commands -- prompt lines and
the lines that continue them -- and blanks the rest, so line numbers stay those of the doc.
"""

from __future__ import annotations

import re

__all__ = ["commands_of", "prompt_location"]

#: ``PS C:\temp> ``, ``PS> ``, and the bare drive prompt some docs use (``D:\temp\out> ``); the space
#: after ``>`` is optional, as the parser's prompt mode has it (``PS C:\Windows>Push-Location System32``).
_PROMPT = re.compile(r"^[ \t]*(?:PS(?:[ \t][^\r\n>]*)?>|[A-Za-z]:\\[^\r\n>]*>)[ \t]?")
_DRIVE_PROMPT = re.compile(r"^([ \t]*)([A-Za-z]:\\[^\r\n>]*>)")
#: A mistyped prompt (``PS\> ``): an example with one is left as typed -- its parse error is the finding.
_MISTYPED = re.compile(r"^[ \t]*PS[^\s>]+>")
#: A line ending so the command goes on (a pipe, a backtick, an operator or an opening bracket).
_CONTINUED = re.compile(r"(?:[|`,=({\[]|&&|\|\||\+|-and|-or)[ \t]*$", re.IGNORECASE)
_OPEN, _CLOSE = "({[", ")}]"


def _depth(line: str) -> int:
    """Brackets opened minus closed on a line, outside quotes (a rough count: docs' commands are simple)."""
    depth, quote = 0, ""
    for char in line:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
    return depth


def commands_of(code: str) -> str:
    """``code`` with the printed output of a console-session example blanked; other code as it is.

    A bare drive prompt becomes a ``PS`` one, which the parser's prompt mode skips.  A prompt
    alone on its line (``PS C:\\>``) takes the next line as its command.
    """
    lines = code.split("\n")
    if not any(_PROMPT.match(line) for line in lines) or any(_MISTYPED.match(line) for line in lines):
        return code  # no session, or one with a mistyped prompt: the doc's text as written is the finding
    kept: list[str] = []
    depth, continued, awaiting = 0, False, False
    for line in lines:
        if _PROMPT.match(line):
            line = _DRIVE_PROMPT.sub(r"\1PS \2", line)
            command = _PROMPT.sub("", line)
            depth, awaiting = _depth(command), not command.strip()
            continued = bool(_CONTINUED.search(command))
            kept.append(line if command.strip() else "")  # a prompt alone is no code
        elif awaiting and line.strip():
            depth, awaiting = _depth(line), False
            continued = bool(_CONTINUED.search(line))
            kept.append(line)
        elif (depth > 0 or continued) and not awaiting:
            depth += _depth(line)
            continued = bool(_CONTINUED.search(line))
            kept.append(line)
        else:
            kept.append("")
    return "\n".join(kept)


def prompt_location(code: str) -> str | None:
    """The Windows folder of the example's first prompt (``PS C:\\temp>``, ``D:\\out>``), if it shows one."""
    for line in code.splitlines():
        if _PROMPT.match(line):
            place = line.strip()
            place = place[2:] if place.startswith("PS") else place
            place = place[: place.index(">")].strip()
            if len(place) >= 2 and place[1] == ":" and place[0].isalpha():
                return place
            return None
    return None
