"""Run PSOpenAI's guides against psbridge's emulator as a new user would, and say what breaks.

    .venv/bin/python tools/try_guides.py GUIDES [--guide NAME]... [--json] [--timeout S] [--details]

GUIDES is PSOpenAI's ``Guides/`` folder, or a git directory (a bare mirror is
enough) whose ``HEAD:Guides`` is read without a work tree (``DIR`` or
``DIR:Guides``; files git cannot produce, such as large blobs a snapshot lacks,
are left out).  ``--guide`` keeps guides whose file name contains NAME.

Each guide -- a Markdown file's ```powershell blocks, a notebook's pwsh cells --
is pasted block by block, in order, into ONE ``psbridge.PowerShell`` session
talking to an embedded emulator (``psbridge.emulator.Emulator``) on loopback.
The environment for the run holds a dummy ``OPENAI_API_KEY``, the emulator as
``OPENAI_API_BASE`` and proxies pointing to the closed port 127.0.0.1:9 with
``NO_PROXY=127.0.0.1,localhost``, so a guide that points somewhere else (an
Azure endpoint, a download) fails instead of leaving the machine.  The session's
location is a scratch copy of the guides folder, so the files a guide writes
land there.  Every block goes through Out-Default, as a console shows it.

Per block the status is:

* ``ok``: no error record and no terminating error;
* ``error``: the first error's FullyQualifiedErrorId and message (parse errors
  included);
* ``not code``: the block is sample output pasted in a PowerShell fence (see
  :func:`split_output`: table rules, ``Name : Value`` lists, ``WARNING:``
  lines, prose sentences).  A block that mixes code and the output it printed
  runs its code only; the output lines it skipped are counted;
* ``crash``: a Python exception escaped psbridge, or the block did not finish
  within ``--timeout`` seconds: always a bug.

For notebooks each code cell's host text is compared with the recorded output
(ANSI colours, carriage returns, trailing spaces and blank lines ignored):
``same`` or ``other``.  Prints a table per guide and the totals, then (with
``--details``) every block that was not ok; ``--json`` prints all of it as one
JSON document instead.  Exit status 1 when any block crashed, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
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

_CLEARED_VARIABLES = ("OPENAI_ORGANIZATION", "OPENAI_API_VERSION", "OPENAI_API_TYPE", "OPENAI_AUTH_TYPE")


def _has_code(text: str) -> bool:
    """Anything besides blank lines and comments (a ``<# #>`` block counts as code: rare)."""
    return any(line.strip() and not line.strip().startswith("#") for line in text.split("\n"))


# -- reading the guides ---------------------------------------------------------------------
@dataclass
class Block:
    """One paste: a fenced block or a notebook cell."""

    line: int  # where it starts in the guide (1-based); a notebook's cell index
    code: str
    recorded: str | None = None  # a notebook cell's recorded output


@dataclass
class Guide:
    name: str
    kind: str  # "markdown" | "notebook"
    blocks: list[Block]


def markdown_blocks(text: str) -> list[Block]:
    """The ```powershell / ```pwsh fences, in order (see :func:`doc_blocks.markdown_fences`)."""
    return [Block(line=f.line, code=f.body) for f in markdown_fences(text) if f.info in POWERSHELL_INFO]


def _cell_language(cell: dict[str, Any], default: str) -> str:
    metadata = cell.get("metadata") or {}
    for key, inner in (
        ("dotnet_interactive", "language"),
        ("polyglot_notebook", "kernelName"),
        ("vscode", "languageId"),
    ):
        value = (metadata.get(key) or {}).get(inner)
        if value:
            return str(value).casefold()
    return default


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value or "")


def _recorded_output(cell: dict[str, Any]) -> str:
    parts: list[str] = []
    for output in cell.get("outputs") or ():
        if "text" in output:
            parts.append(_text(output["text"]))
        elif "text/plain" in (output.get("data") or {}):
            parts.append(_text(output["data"]["text/plain"]))
    return "".join(parts)


def notebook_blocks(text: str) -> list[Block]:
    """The code cells in PowerShell (polyglot's ``pwsh``, a PowerShell kernel's cells)."""
    notebook = json.loads(text)
    kernel = ((notebook.get("metadata") or {}).get("kernelspec") or {}).get("language", "")
    blocks = []
    for number, cell in enumerate(notebook.get("cells") or ()):
        if cell.get("cell_type") != "code" or _cell_language(cell, str(kernel).casefold()) not in POWERSHELL_INFO:
            continue
        blocks.append(Block(line=number, code=_text(cell.get("source")), recorded=_recorded_output(cell)))
    return blocks


def _git_files(folder: Path, under: str) -> Iterator[tuple[str, bytes]]:
    listing = subprocess.run(["git", "-C", str(folder), "ls-tree", "-r", "--name-only", "HEAD", "--", under],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
    for path in listing.splitlines():
        shown = subprocess.run(["git", "-C", str(folder), "show", f"HEAD:{path}"], capture_output=True, check=False)
        if shown.returncode == 0:  # a blob the snapshot lacks is left out
            yield path[len(under) :].lstrip("/") if under else path, shown.stdout


def materialise(source: str, into: Path) -> Path:
    """A plain folder holding the guides: ``source`` itself, or its files read out of git."""
    if Path(source).is_dir() and not _is_bare_git(Path(source)):
        return Path(source)
    folder, _, under = source.partition(":") if not Path(source).exists() else (source, "", "")
    for relative, data in _git_files(Path(folder), under or "Guides"):
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return into


def _is_bare_git(folder: Path) -> bool:
    return (folder / "HEAD").is_file() and (folder / "objects").is_dir()


def read_guides(folder: Path, only: Sequence[str] = ()) -> list[Guide]:
    guides = []
    for path in sorted(folder.iterdir()):
        if only and not any(name.casefold() in path.name.casefold() for name in only):
            continue
        if path.suffix.casefold() == ".md":
            guides.append(Guide(path.name, "markdown", markdown_blocks(path.read_text(encoding="utf-8-sig"))))
        elif path.suffix.casefold() == ".ipynb":
            guides.append(Guide(path.name, "notebook", notebook_blocks(path.read_text(encoding="utf-8-sig"))))
    return guides


# -- running them ------------------------------------------------------------------------------
@dataclass
class BlockResult:
    line: int
    status: str  # ok | error | not code | crash | not run
    error_id: str = ""
    message: str = ""
    errors: int = 0  # error records written (a terminating error counts one)
    error_ids: list[str] = field(default_factory=list)  # every error's id, in order
    output_lines_skipped: int = 0
    seconds: float = 0.0
    output: str = ""  # what the console showed (host text and Out-Default)
    comparison: str = ""  # notebooks: same | other
    recorded: str | None = None


@dataclass
class GuideResult:
    name: str
    kind: str
    blocks: list[BlockResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for block in self.blocks if block.status == status)

    def compared(self, verdict: str) -> int:
        return sum(1 for block in self.blocks if block.comparison == verdict)


class _CaptureHost:
    """The console a guide prints to: Write-Host's and Out-Default's text, kept for comparison."""

    width = 120
    height = None

    def __init__(self) -> None:
        self.buffer = io.StringIO()

    def write(self, text: str) -> None:
        self.buffer.write(text)

    def read_line(self, prompt: str | None) -> str | None:
        if prompt is not None:
            self.write(prompt)
        return None  # nobody at the keyboard

    def take(self) -> str:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text


def _run_block(session: Any, host: _CaptureHost, code: str, timeout: float) -> BlockResult:
    """Paste ``code`` into the session; the block's own error records and terminating error."""
    from psbridge import PSError

    result = BlockResult(line=0, status="ok")
    errors_before = len(session.streams.error)
    outcome = run_with_deadline(
        lambda: session.clear().add_script(code).add_command("Out-Default").invoke(), timeout, "try-guides-block"
    )
    result.seconds = outcome.seconds
    result.output = host.take()
    if not outcome.finished:
        result.status, result.error_id = "crash", "Timeout"
        result.message = f"the block did not finish within {timeout:g} s"
        return result
    records = list(session.streams.error)[errors_before:]
    raised = outcome.raised
    if raised is not None and not isinstance(raised, PSError):
        result.status, (result.error_id, result.message) = "crash", first_error(raised)
        result.message = f"{type(raised).__name__}: {result.message}"
        return result
    result.error_ids = [str(record.fully_qualified_error_id) for record in records]
    if raised is not None and not _already_recorded(raised, records):
        result.error_ids.append(first_error(raised)[0])
    result.errors = len(result.error_ids)
    if records:
        result.status = "error"
        result.error_id, result.message = str(records[0].fully_qualified_error_id), str(records[0].message)
    elif raised is not None:
        result.status = "error"
        result.error_id, result.message = first_error(raised)
    return result


def _already_recorded(error: BaseException, records: list[Any]) -> bool:
    record = getattr(error, "error_record", None)
    return record is not None and any(r is record for r in records)


def run_guide(guide: Guide, emulator_url: str, scratch: Path, timeout: float) -> GuideResult:
    """One fresh session for the whole guide, its blocks pasted in order."""
    result = GuideResult(guide.name, guide.kind)
    host = _CaptureHost()
    variables = {"OPENAI_API_KEY": "sk-try-guides-dummy", "OPENAI_API_BASE": emulator_url}
    with loopback_only(variables, _CLEARED_VARIABLES):
        return _run_blocks(guide, result, host, scratch, timeout)


def _run_blocks(guide: Guide, result: GuideResult, host: _CaptureHost, scratch: Path, timeout: float) -> GuideResult:
    from psbridge import PowerShell

    session = PowerShell()
    stuck = False
    try:
        session.runspace.host = host
        session.runspace.native_commands = False  # a guide's programs (curl, git ...) are not run
        session.add_command("Set-Location").add_parameter("LiteralPath", str(scratch)).invoke()
        for block in guide.blocks:
            code, output_lines = split_output(block.code)
            skipped = len(output_lines)
            if stuck:
                outcome = BlockResult(line=0, status="not run")
            elif not _has_code(code):
                outcome = BlockResult(line=0, status="not code")
            else:
                outcome = _run_block(session, host, code, timeout)
                stuck = outcome.error_id == "Timeout"
            outcome.line, outcome.output_lines_skipped = block.line, skipped
            if block.recorded is not None:
                outcome.recorded = block.recorded
                same = normalise_output(outcome.output) == normalise_output(block.recorded)
                outcome.comparison = "same" if same else "other"
            result.blocks.append(outcome)
    finally:
        if not stuck:
            session.close()
    return result


def try_guides(folder: Path, only: Sequence[str] = (), timeout: float = 120.0) -> list[GuideResult]:
    """Every guide in ``folder`` against one emulator, each in its own session and scratch folder."""
    from psbridge.cmdlets.psopenai._tokens import count_for_model
    from psbridge.emulator import Emulator
    from psbridge.emulator.lifecycle import Lifecycle

    guides = read_guides(folder, only)
    results = []
    # psbridge hands the emulator its tokenizer, as `psbridge emulator` does: prompts counted as OpenAI does
    with Emulator(lifecycle=Lifecycle(mode="polls"), poll_after_ms=0, count_tokens=count_for_model) as emulator:
        for guide in guides:
            with tempfile.TemporaryDirectory(prefix="try-guides-") as scratch:
                copy = Path(scratch) / folder.name
                shutil.copytree(folder, copy)
                results.append(run_guide(guide, emulator.base_url, copy, timeout))
    return results


# -- reporting ---------------------------------------------------------------------------------
_COLUMNS = ("ok", "error", "not code", "crash")


def _row(name: str, counts: Sequence[object]) -> str:
    return f"{name:<45} " + " ".join(f"{value!s:>8}" for value in counts)


def summary_table(results: Sequence[GuideResult]) -> str:
    header = _row("guide", ("blocks", *_COLUMNS, "same", "other"))
    lines = [header, "-" * len(header)]
    totals = [0] * 7
    for guide in results:
        counts = [len(guide.blocks), *(guide.count(status) for status in _COLUMNS)]
        compared = [guide.compared("same"), guide.compared("other")]
        shown: list[object] = [*counts, *(compared if guide.kind == "notebook" else ("", ""))]
        lines.append(_row(guide.name, shown))
        totals = [total + value for total, value in zip(totals, counts + compared, strict=True)]
    lines.append("-" * len(header))
    lines.append(_row("total", totals))
    return "\n".join(lines)


def details(results: Sequence[GuideResult]) -> str:
    lines = []
    for guide in results:
        where = "cell" if guide.kind == "notebook" else "line"
        for number, block in enumerate(guide.blocks, 1):
            skipped = f" ({block.output_lines_skipped} output lines skipped)" if block.output_lines_skipped else ""
            if block.status in ("ok", "not code"):
                if skipped and block.status == "ok":
                    lines.append(f"{guide.name} #{number} ({where} {block.line}): ok{skipped}")
                continue
            message = " ".join(block.message.split())
            lines.append(
                f"{guide.name} #{number} ({where} {block.line}): {block.status} {block.error_id}: {message}{skipped}"
            )
    return "\n".join(lines)


def as_json(results: Sequence[GuideResult]) -> str:
    guides = []
    for guide in results:
        counts = {status: guide.count(status) for status in _COLUMNS}
        if guide.kind == "notebook":
            counts.update(same=guide.compared("same"), other=guide.compared("other"))
        guides.append({"name": guide.name, "kind": guide.kind, "counts": counts,
                       "blocks": [asdict(block) for block in guide.blocks]})  # fmt: skip
    totals = {status: sum(guide["counts"][status] for guide in guides) for status in _COLUMNS}  # type: ignore[index]
    return json.dumps({"guides": guides, "totals": totals}, indent=2, ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="try_guides.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="PSOpenAI's Guides folder, or a git directory (DIR or DIR:Guides)")
    parser.add_argument("--guide", action="append", default=[], help="only guides whose file name contains this")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--details", action="store_true", help="list every block that was not ok")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a block may take (default 120)")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="try-guides-source-") as extracted:
        try:
            folder = materialise(arguments.source, Path(extracted) / "Guides")
        except (subprocess.CalledProcessError, FileNotFoundError) as error:
            print(f"try_guides.py: cannot read {arguments.source}: {error}", file=sys.stderr)
            return 2
        if not folder.is_dir():
            print(f"try_guides.py: no guides in {arguments.source}", file=sys.stderr)
            return 2
        results = try_guides(folder, arguments.guide, arguments.timeout)
    if arguments.json:
        print(as_json(results))
    else:
        print(summary_table(results))
        if arguments.details:
            print()
            print(details(results))
    return 1 if any(guide.count("crash") for guide in results) else 0


if __name__ == "__main__":
    sys.exit(main())
