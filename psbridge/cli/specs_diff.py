"""``psbridge specs diff DOCS SOURCE``: read both sides, diff them, print the report.

DOCS is platyPS markdown (files or folders).  SOURCE is either PowerShell
(``.ps1`` files or folders, read with the language parser; each function's
param block becomes a spec as PowerShell would compile it) or generated specs
(``.yaml`` files or a ``cmdlet_specs/`` folder, whose overlays apply), so the
same report also shows what psbridge's own overlays change.

Exit status: 0 when nothing reaches ``--fail-on`` (default ``error``), 1 when
something does or a file could not be read, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..specs.diff import DiffReport, SourceCommand, diff_corpus, render, summary_line
from ..specs.model import CmdletSpec

__all__ = [
    "add_arguments",
    "add_report_arguments",
    "build_report",
    "read_docs",
    "read_source",
    "run",
    "run_implementations",
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("docs", nargs="+", help="platyPS docs (files or folders)")
    parser.add_argument("source", help="PowerShell source (.ps1 file or folder) or specs (.yaml file or folder)")
    add_report_arguments(parser)


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"), default="error", dest="fail_on")
    parser.add_argument("--out", help="write the report to this file instead of stdout")


def run(options: argparse.Namespace) -> int:
    paths = [*options.docs, options.source]
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"psbridge specs diff: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    return _emit(build_report(options.docs, options.source), options)


def run_implementations(options: argparse.Namespace) -> int:
    from ..errors import CommandNotFoundError
    from .implementation_check import check_implementations

    try:
        report = check_implementations(options.cmdlets)
    except CommandNotFoundError as error:
        print(f"psbridge specs implementations: {error}", file=sys.stderr)
        return 2
    return _emit(report, options)


def _emit(report: DiffReport, options: argparse.Namespace) -> int:
    text = render(report, options.format)
    if options.out:
        Path(options.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if options.format != "text" or options.out:
        print(summary_line(report), file=sys.stderr)
    return 1 if report.fails(options.fail_on) else 0


def build_report(docs: list[str], source: str) -> DiffReport:
    problems: list[tuple[str, str]] = []
    doc_specs = read_docs(docs, problems)
    commands = read_source(Path(source), problems)
    return diff_corpus(doc_specs, commands, problems)


def read_docs(paths: list[str], problems: list[tuple[str, str]]) -> list[tuple[CmdletSpec, str]]:
    """Each doc's spec as written: colliding positions are kept, not ordered for binding."""
    from ..specs.build import build_spec
    from ..specs.generate import collect_docs
    from ..specs.markdown import parse_markdown

    found: list[tuple[CmdletSpec, str]] = []
    for path in collect_docs(paths):
        try:
            doc = parse_markdown(path.read_text(encoding="utf-8-sig"), path=str(path))
            found.append((build_spec(doc, resolve_collisions=False), str(path)))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            problems.append((str(path), str(error)))
    return found


def read_source(path: Path, problems: list[tuple[str, str]]) -> list[SourceCommand]:
    if path.suffix.casefold() in (".yaml", ".yml") or (path.is_dir() and not any(path.rglob("*.ps1"))):
        return _read_specs(path, problems)
    from .source_specs import read_powershell

    return read_powershell(path, problems)


def _read_specs(path: Path, problems: list[tuple[str, str]]) -> list[SourceCommand]:
    """Committed specs, with their overlays when they sit in a cmdlet_specs layout."""
    import yaml

    from ..specs.overlays import OverlayError
    from ..specs.registry import load_spec_file

    files = [path] if path.is_file() else sorted(p for p in path.rglob("*.y*ml") if "overlays" not in p.parts)
    commands: list[SourceCommand] = []
    for file in files:
        try:
            commands.append(SourceCommand(load_spec_file(file), str(file)))
        except (OSError, yaml.YAMLError, OverlayError, ValueError, KeyError, TypeError) as error:
            problems.append((str(file), f"{type(error).__name__}: {error}"))
    return commands
