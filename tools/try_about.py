"""Run PowerShell's about_* topics through psbridge as a reader pasting them would, and compare
what it prints with the output the topics show.

    .venv/bin/python tools/try_about.py [FOLDER] [--topic NAME]... [--json] [--details] [--timeout S]

FOLDER holds the ``about_*.md`` topics (default: ``../shared/powershell-docs/
Microsoft.PowerShell.Core/About`` beside the repository); ``--topic`` keeps topics whose
name contains NAME.

Each topic's ```powershell blocks are pasted, in order, into ONE psbridge session
(a runspace whose location is a scratch folder), each block as one paste.  A
block is paired with the ```Output block that follows it; a transcript block
(``PS> command`` lines followed by what they printed) is split into its commands,
each pasted on its own, and the lines they printed.  Output is what a console
shows: objects through psbridge's Out-Default as they come, host text, and the
other streams' lines, with error records shown as pwsh 7.6's default
ConciseView shows them (``Reason: message``, with the ``Line |`` frame when the
paste had several lines).  Trailing whitespace and blank lines are ignored.

Each block is one of:

* ``same`` / ``different``: it has shown output and psbridge printed the same or
  something else (without an error the doc does not show);
* ``ok``: no shown output to compare, and it ran without an error;
* ``error``: an error record or terminating error the doc's output does not show;
* ``crash``: a Python exception escaped psbridge, or an error record was made from one (a
  ``ValueError`` psbridge reported as a RuntimeException): always a bug;
* ``timeout``: the paste did not finish within ``--timeout`` seconds (the topic's later
  blocks are then ``not run``): a hang, unless the topic's own state makes it loop;
* ``inherent``: needs what psbridge cannot have here -- Windows (the registry, WMI/CIM,
  COM, ``C:\\`` paths, Windows-only cmdlets), the network or other machines, a person
  at the keyboard; the reason is recorded and the block is not run;
* ``not code``: a syntax description (``<statement-list>`` templates, ``[-Parameter]``
  forms) or comments only.

Nothing leaves the machine: proxies point to a closed loopback port.  Prints a table
per topic and the totals (``--json``: everything as one JSON document).  Exit status
1 when any block crashed, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # doc_blocks, however this file was loaded

from doc_blocks import (
    POWERSHELL_INFO,
    first_error,
    loopback_only,
    markdown_fences,
    normalise_output,
    run_with_deadline,
    split_output,
)

DEFAULT_TOPICS = Path(__file__).resolve().parents[2] / "shared/powershell-docs/Microsoft.PowerShell.Core/About"
STATUSES = ("same", "different", "ok", "error", "crash", "timeout", "inherent", "not code", "not run")

# -- what cannot run here ---------------------------------------------------------------------
#: (reason, pattern over the block's code): the first that matches makes the block inherent.
_INHERENT: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE | re.MULTILINE))
    for reason, pattern in (
        ("windows: registry", r"\bHK(LM|CU|CR|U|CC)\b|Registry::|HKEY_|\bRegistryKey\b|Get-ItemProperty\b.*\\"),
        ("windows: WMI/CIM", r"\bGet-(Wmi|Cim)\w*|\bWin32_|\bCimSession\b|\[wmi(class|searcher)?\]|\bWQL\b"),
        ("windows: COM", r"-ComObject\b|\bShell\.Application\b"),
        ("windows: path", r"(?<![\w$])[A-Za-z]:\\|\$env:(windir|SystemRoot|ProgramFiles|USERPROFILE|ComSpec)\b"),
        (
            "windows: cmdlet or program",
            r"\b(Get|Set|New|Start|Stop|Restart|Suspend|Resume|Remove)-Service\b|\bGet-(EventLog|WinEvent|Counter|"
            r"HotFix|Acl|ComputerInfo|AuthenticodeSignature|PSSessionConfiguration)\b|\bSet-Acl\b|\bCert:|\bWSMan:|"
            r"\b\w+\.(exe|bat|cmd|msc)\b|\bnotepad\b|\bcmd(\.exe)? /c\b|\bOut-GridView\b|\bShow-Command\b|"
            r"\b(Register|Unregister|Enable|Disable)-PSSessionConfiguration\b|\bRunAs\b|\bipconfig\b|\bDCOM\b",
        ),
        (
            "other machines",
            r"-ComputerName\b|\b(Invoke-Command|Enter-PSSession|New-PSSession|Get-PSSession|Connect-PSSession|"
            r"Receive-PSSession|Disconnect-PSSession|Export-PSSession|Import-PSSession|Enable-PSRemoting)\b|"
            r"\\\\\w+\\|\bServer0\d\b|-Session\b|-HostName\b|\bSSH\b",
        ),
        (
            "network",
            r"\b(Invoke-WebRequest|Invoke-RestMethod|Test-Connection|Send-MailMessage|Update-Help|Save-Help|"
            r"Find-Module|Install-Module|Update-Module|Find-Package|Install-Package|Find-Script|Install-Script|"
            r"Install-PSResource|Find-PSResource)\b|\bhttps?://|\bWebClient\b|\bNet\.Sockets\b",
        ),
        # not inherent to the platform: psbridge's regexes (Python's re) ignore a match timeout, and a
        # catastrophic pattern holds the interpreter, so the topic's ReDoS example would hang the run
        ("psbridge limit: regex match timeout", r"\[regex\]::new\([^)\n]*,[^)\n]*,|MatchTimeout"),
        (
            "a person at the keyboard",
            r"\b(Read-Host|Get-Credential|Wait-Debugger|Set-PSBreakpoint|Debug-Job|Debug-Runspace|Debug-Process)\b|"
            r"\$Host\.UI\.(Prompt|ReadLine)|^DBG>|\[DBG\]",
        ),
    )
)


#: ``while ($true)`` / ``for (;;)`` with no way out: the topic says to press Ctrl+C.
_ENDLESS = re.compile(r"\bwhile\s*\(\s*\$true\s*\)|\bfor\s*\(\s*;\s*;\s*\)", re.IGNORECASE)
_WAY_OUT = re.compile(r"\b(break|return|exit|throw)\b", re.IGNORECASE)


def inherent_reason(code: str) -> str | None:
    """Why ``code`` cannot behave here as on the doc's Windows machine, or None."""
    for reason, pattern in _INHERENT:
        if pattern.search(code):
            return reason
    if _ENDLESS.search(code) and not _WAY_OUT.search(code):
        return "runs until Ctrl+C"
    return None


# -- what is not code ---------------------------------------------------------------------------
#: ``<statement-list>``, ``<string[]>``, ``[-Name]``: the placeholders of a syntax description.
_PLACEHOLDER = re.compile(r"<[A-Za-z][\w .\-\[\]]*>|\[-\w+\]|\[<\w|\{<|\.\.\.\s*[\]}]")


def _has_code(text: str) -> bool:
    return any(line.strip() and not line.strip().startswith("#") for line in text.split("\n"))


def _parses(code: str) -> tuple[bool, bool]:
    """``(valid, incomplete)``: whether psbridge's parser takes ``code``, and whether more input
    could complete it (an open brace, string or here-string)."""
    from psbridge.language.parser import parse_input

    try:
        _, errors = parse_input(code)
    except Exception:  # a parser failure is the run's to report, not the classifier's
        return True, False
    return not errors, bool(errors) and errors[0].incomplete_input


#: Where ``<`` is text, not a placeholder: strings and comments.
_TEXT = re.compile(r"'[^']*'|\"[^\"]*\"|<#.*?#>|#[^\n]*", re.DOTALL)
_ANGLED = re.compile(r"<[A-Za-z][\w .\-]*>")


def is_syntax_description(code: str) -> bool:
    """A template to read, not a script to run: ``<placeholder>`` outside strings and comments
    (never PowerShell: ``<`` is a reserved operator), or placeholders and it does not parse."""
    if not _has_code(code) or _ANGLED.search(_TEXT.sub("", code)):
        return True
    return bool(_PLACEHOLDER.search(code)) and not _parses(code)[0]


# -- reading a topic ------------------------------------------------------------------------------
#: A console prompt: ``PS>``, ``PS C:\\>``, ``PS Alias:\\>``.
_PROMPT = re.compile(r"^PS(?: [^>❯\n]*)?[>❯] ?")
_CONTINUATION = re.compile(r"^>> ?")


@dataclass
class Block:
    """One ```powershell block: the pastes it stands for and the output the topic shows."""

    line: int
    code: str
    pastes: list[str]
    shown: str | None  # the paired ```Output block, or a transcript's printed lines


@dataclass
class Topic:
    name: str
    blocks: list[Block]


def split_transcript(text: str) -> tuple[list[str], str] | None:
    """``(commands, printed)`` of a transcript block (``PS> command`` lines), None for a script.

    A command continues on ``>>`` lines, and on the following lines while it is incomplete
    (an open brace or here-string); every other line is what the console printed, except a ``#``
    comment that is not the first line after its command.
    """
    lines = text.split("\n")
    if not any(_PROMPT.match(line) for line in lines):
        return None
    commands: list[str] = []
    printed: list[str] = []
    current: list[str] | None = None
    for line in lines:
        prompt = _PROMPT.match(line)
        if prompt:
            if current is not None:
                commands.append("\n".join(current))
            current = [line[prompt.end() :]]
        elif current is not None and (_CONTINUATION.match(line) or _parses("\n".join(current))[1]):
            continuation = _CONTINUATION.match(line)
            current.append(line[continuation.end() :] if continuation else line)
        else:
            first_printed = current is not None
            if current is not None:
                commands.append("\n".join(current))
                current = None
            if line.strip().startswith("#") and not first_printed:
                continue  # a comment between the commands; right after a command it is what it printed
            if commands:
                printed.append(line)
    if current is not None:
        commands.append("\n".join(current))
    return [command for command in commands if command.strip()], "\n".join(printed)


def topic_blocks(text: str) -> list[Block]:
    """The topic's PowerShell blocks, each with the Output block right after it (if any)."""
    fences = markdown_fences(text)
    blocks: list[Block] = []
    for index, fence in enumerate(fences):
        if fence.info not in POWERSHELL_INFO:
            continue
        following = fences[index + 1] if index + 1 < len(fences) else None
        output = following.body if following is not None and following.info == "output" else None
        transcript = split_transcript(fence.body)
        if transcript is None:
            # output pasted into the code (an error it prints, a table) is what the topic shows
            code, printed = split_output(fence.body)
            shown = "\n".join(printed) if printed and output is None else output
            blocks.append(Block(fence.line, fence.body, [code], shown))
        else:
            commands, printed = transcript
            shown = printed if normalise_output(printed) or output is None else output
            blocks.append(Block(fence.line, fence.body, commands, shown))
    return blocks


def read_topics(folder: Path, only: Sequence[str] = ()) -> list[Topic]:
    topics = []
    for path in sorted(folder.glob("about_*.md"), key=lambda p: p.name.casefold()):
        if only and not any(name.casefold() in path.name.casefold() for name in only):
            continue
        topics.append(Topic(path.stem, topic_blocks(path.read_text(encoding="utf-8-sig"))))
    return topics


# -- the console ---------------------------------------------------------------------------------
def concise_view(record: Any) -> str:
    """An error record as pwsh 7.6's ConciseView prints it at the console.

    ``Reason: message``, where the reason is ``Exception`` for ``throw``, else the command that
    failed, else the category (its reason when NotSpecified).  A parse error, or an error past
    the paste's first line, shows the ``Line |`` frame: the line, ``~`` under the failing part,
    then the message.
    """
    from psbridge.language.errors import verbose_position

    exception = record.exception
    if getattr(exception, "thrown", False):
        reason = "Exception"
    else:
        reason = (
            record.display_activity
            or getattr(record.invocation_info, "command_name", None)
            or getattr(exception, "invocation_name", None)
            or (record.category if record.category != "NotSpecified" else record.extra.get("CategoryReason"))
            or record.exception_type_name
        )
    message = record.message
    extent = None
    parse_errors = getattr(exception, "errors", None)
    if record.category == "ParserError" and parse_errors and hasattr(parse_errors[0], "extent"):
        extent, message = parse_errors[0].extent, parse_errors[0].message
    elif record.invocation_info is not None and record.invocation_info.extent.start_line_number > 1:
        extent = record.invocation_info.extent
    if extent is None:
        return f"{reason}: {message}"
    position = verbose_position(extent).split("\n")
    line = position[1][1:] if len(position) > 1 else ""
    marks = position[-1][1:] if len(position) > 2 else ""
    number = str(extent.start_line_number)
    frame = [f"{reason}: ", "Line |", f"{number:>4} | {line}"]
    if marks:
        frame.append(f"     | {marks}")
    frame.append(f"     | {message}")
    return "\n".join(frame)


_PREFIXES = {"warning": "WARNING: ", "verbose": "VERBOSE: ", "debug": "DEBUG: "}


class _Console:
    """One topic's console: output, host text and stream lines in the order they were written."""

    def __init__(self) -> None:
        self.text = io.StringIO()
        self.errors: list[Any] = []

    def take(self) -> str:
        value = self.text.getvalue()
        self.text.seek(0)
        self.text.truncate()
        return value


def _paste(runspace: Any, console: _Console, code: str) -> None:
    """``code`` run as the command line runs it, its text going to ``console``."""
    from psbridge.cli.output import OutputWriter
    from psbridge.errors import ErrorRecord, PSError
    from psbridge.language.engine.run import run_text
    from psbridge.runtime.host import ConsoleHost

    writer = OutputWriter(console.text)
    runspace.host = ConsoleHost(console.text, io.StringIO(), before_write=writer.flush)

    def stream_line(stream: str, item: Any) -> None:
        if stream == "error":
            console.errors.append(item)
            text = concise_view(item) if isinstance(item, ErrorRecord) else str(item)
        elif stream in _PREFIXES:
            text = _PREFIXES[stream] + str(item)
        else:
            return
        writer.flush()
        console.text.write(text + "\n")

    runspace.streams.listener = stream_line
    try:
        run_text(runspace, code, output=writer.write)
    except PSError as error:  # a parse error, a terminating error nobody caught
        runspace.streams.add_error(error.error_record)
    finally:
        runspace.streams.listener = None
        writer.close()


# -- running a topic -------------------------------------------------------------------------------
@dataclass
class BlockResult:
    line: int
    status: str
    reason: str = ""  # inherent: why
    error_id: str = ""
    message: str = ""
    seconds: float = 0.0
    output: str = ""
    shown: str | None = None


@dataclass
class TopicResult:
    name: str
    blocks: list[BlockResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for block in self.blocks if block.status == status)


def _run_block(runspace: Any, console: _Console, block: Block, timeout: float) -> BlockResult:
    result = BlockResult(line=block.line, status="ok", shown=block.shown)
    for code in block.pastes:
        outcome = run_with_deadline(lambda code=code: _paste(runspace, console, code), timeout, "try-about-block")
        result.seconds += outcome.seconds
        if not outcome.finished:
            result.output = console.take()
            result.status, result.error_id = "timeout", "Timeout"
            result.message = f"the block did not finish within {timeout:g} s"
            return result
        if outcome.raised is not None:
            result.output = console.take()
            result.status, (result.error_id, result.message) = "crash", first_error(outcome.raised)
            result.message = f"{type(outcome.raised).__name__}: {result.message}"
            return result
    result.seconds = round(result.seconds, 2)
    result.output = console.take()
    errors, console.errors = console.errors, []
    leaked = next((cause for record in errors if (cause := python_cause(record)) is not None), None)
    if leaked is not None:
        result.status, result.error_id = "crash", type(leaked).__name__
        result.message = f"{type(leaked).__name__}: {leaked} (a Python exception shown as an error record)"
        return result
    if block.shown is not None and normalise_output(result.output) == normalise_output(block.shown):
        result.status = "same"
    elif errors:
        result.status = "error"
        result.error_id, result.message = str(errors[0].fully_qualified_error_id), str(errors[0].message)
    elif block.shown is not None:
        result.status = "different"
    return result


def python_cause(record: Any) -> BaseException | None:
    """The Python exception (ValueError, KeyError ...) an error record was made from, if any: psbridge
    turns one that escapes into a RuntimeException named after it, which hides a bug."""
    from psbridge.errors import PSError

    error: BaseException | None = getattr(record, "exception", None)
    cause = error.__cause__ if isinstance(error, PSError) else None
    if cause is not None and not isinstance(cause, PSError) and record.error_id == type(cause).__name__:
        return cause  # as_runtime_error's conversion of an exception nothing expected
    return None


def run_topic(topic: Topic, scratch: Path, timeout: float) -> TopicResult:
    """One fresh session for the topic, its blocks pasted in order, in ``scratch``."""
    from psbridge.runtime import Runspace

    result = TopicResult(topic.name)
    runspace = Runspace()
    runspace.native_commands = False  # a topic's programs (ping, git, notepad ...) are not run
    console = _Console()
    stuck = False
    _paste(runspace, console, f"Set-Location -LiteralPath '{scratch}'")
    console.take()
    try:
        for block in topic.blocks:
            reason = inherent_reason(block.code)
            if stuck:
                outcome = BlockResult(line=block.line, status="not run", shown=block.shown)
            elif all(is_syntax_description(code) for code in block.pastes):
                outcome = BlockResult(line=block.line, status="not code")
            elif reason is not None:
                outcome = BlockResult(line=block.line, status="inherent", reason=reason, shown=block.shown)
            else:
                outcome = _run_block(runspace, console, block, timeout)
                stuck = outcome.error_id == "Timeout"
            result.blocks.append(outcome)
    finally:
        if not stuck:
            runspace.close()
    return result


def try_about(folder: Path, only: Sequence[str] = (), timeout: float = 10.0) -> list[TopicResult]:
    """Every topic in ``folder``, each in its own session and scratch folder, on loopback only."""
    results = []
    with loopback_only({"COLUMNS": "120", "LINES": "50"}):
        for topic in read_topics(folder, only):
            with tempfile.TemporaryDirectory(prefix="try-about-") as scratch:
                results.append(run_topic(topic, Path(scratch), timeout))
    return results


# -- reporting --------------------------------------------------------------------------------------
def _row(name: str, counts: Sequence[object]) -> str:
    return f"{name:<42} " + " ".join(f"{value!s:>9}" for value in counts)


def totals(results: Sequence[TopicResult]) -> dict[str, int]:
    return {status: sum(topic.count(status) for topic in results) for status in STATUSES}


def summary_table(results: Sequence[TopicResult]) -> str:
    header = _row("topic", ("blocks", *STATUSES))
    lines = [header, "-" * len(header)]
    for topic in results:
        lines.append(_row(topic.name, [len(topic.blocks), *(topic.count(status) for status in STATUSES)]))
    lines.append("-" * len(header))
    overall = totals(results)
    lines.append(_row("total", [sum(overall.values()), *overall.values()]))
    return "\n".join(lines)


def details(results: Sequence[TopicResult]) -> str:
    lines = []
    for topic in results:
        for block in topic.blocks:
            if block.status in ("crash", "error", "timeout"):
                message = " ".join(block.message.split())
                lines.append(f"{topic.name}:{block.line}: {block.status} {block.error_id}: {message}")
            elif block.status == "different":
                lines.append(f"{topic.name}:{block.line}: different")
                lines.extend(f"    shown: {line}" for line in normalise_output(block.shown or "").split("\n"))
                lines.extend(f"    got:   {line}" for line in normalise_output(block.output).split("\n"))
            elif block.status == "inherent":
                lines.append(f"{topic.name}:{block.line}: inherent ({block.reason})")
    return "\n".join(lines)


def as_json(results: Sequence[TopicResult]) -> str:
    topics = [
        {
            "name": topic.name,
            "counts": {status: topic.count(status) for status in STATUSES},
            "blocks": [asdict(block) for block in topic.blocks],
        }
        for topic in results
    ]
    return json.dumps({"topics": topics, "totals": totals(results)}, indent=2, ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="try_about.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_TOPICS), help="the folder of about_*.md topics")
    parser.add_argument("--topic", action="append", default=[], help="only topics whose name contains this")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--details", action="store_true", help="list every block that was not same/ok")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a block may take (default 10)")
    arguments = parser.parse_args(argv)
    folder = Path(arguments.folder)
    if not folder.is_dir() or not any(folder.glob("about_*.md")):
        print(f"try_about.py: no about_*.md topics in {folder}", file=sys.stderr)
        return 2
    results = try_about(folder, arguments.topic, arguments.timeout)
    if arguments.json:
        print(as_json(results))
    else:
        print(summary_table(results))
        if arguments.details:
            print()
            print(details(results))
    return 1 if any(topic.count("crash") for topic in results) else 0


if __name__ == "__main__":
    sys.exit(main())
