"""``psbridge specs generate|lint|bind|check|diff|implementations|from-source``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="psbridge specs", description="Cmdlet specs from platyPS docs.")
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="write one YAML spec per documented cmdlet")
    generate.add_argument("docs", nargs="+", help="doc files or folders")
    generate.add_argument("--out", required=True, help="output folder")
    merge = commands.add_parser("merge", help="rewrite each spec's merged JSON (spec + overlays) beside it")
    merge.add_argument("root", nargs="?", default=None, help="the specs folder (default: the committed cmdlet_specs)")
    lint = commands.add_parser("lint", help="report where docs contradict themselves")
    lint.add_argument("paths", nargs="+", help="doc files or folders")
    lint.add_argument("--json", action="store_true", help="findings as a JSON array")
    bind = commands.add_parser("bind", help="bind one command line against a doc, print the result as JSON")
    bind.add_argument("doc", help="a platyPS doc (or a cmdlet name with a committed spec)")
    bind.add_argument("command_line", help='e.g. "Wait-ThreadRun -RunId r t"')
    check = commands.add_parser("check", help="run every documented example against a fresh emulator")
    check.add_argument("docs", nargs="?", default=None, help="docs folder (default ../shared/cmdlet-docs)")
    check.add_argument("--json", action="store_true", help="results as a JSON array")
    from .specs_diff import add_arguments as add_diff_arguments
    from .specs_diff import add_report_arguments

    add_diff_arguments(commands.add_parser("diff", help="where docs and source (or specs) disagree, by rule"))
    implementations = commands.add_parser(
        "implementations", help="each implemented cmdlet's spec against the parameters its code reads"
    )
    implementations.add_argument("cmdlets", nargs="*", help="cmdlet names (default: every implemented cmdlet)")
    add_report_arguments(implementations)
    from_source = commands.add_parser("from-source", help="the spec of each function's param block, as YAML")
    from_source.add_argument("paths", nargs="+", help=".ps1 files or folders")
    from_source.add_argument("--out", help="write DIR/<Module>/<Name>.yaml instead of printing")
    return parser


def main(argv: list[str]) -> int:
    try:
        options = _parser().parse_args(argv)
    except SystemExit as stop:
        return int(stop.code or 0) and 2
    if options.command == "generate":
        from ..specs.generate import generate

        for path in generate(options.docs, options.out):
            print(path)
        return 0
    if options.command == "merge":
        from ..specs.merged import write_merged
        from ..specs.registry import specs_dir

        for path in write_merged(Path(options.root) if options.root else specs_dir()):
            print(path)
        return 0
    if options.command == "lint":
        return _lint(options.paths, options.json)
    if options.command == "bind":
        return _bind(options.doc, options.command_line)
    if options.command == "diff":
        from .specs_diff import run as diff_run

        return diff_run(options)
    if options.command == "from-source":
        from .source_specs import run_from_source

        return run_from_source(options)
    if options.command == "implementations":
        from .specs_diff import run_implementations

        return run_implementations(options)
    from .check_command import main as check_main

    return check_main(options.docs, options.json)


def _lint(paths: list[str], as_json: bool) -> int:
    from ..specs.generate import collect_docs
    from ..specs.lint import lint_paths

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"psbridge specs lint: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    findings = lint_paths(paths)
    if as_json:
        print(json.dumps([f.__dict__ | {"severity": f.severity} for f in findings], indent=2))
    else:
        for finding in findings:
            print(finding.format())
        errors = sum(1 for f in findings if f.severity == "error")
        print(
            f"{len(collect_docs(paths))} docs, {errors} errors, {len(findings) - errors} warnings",
            file=sys.stderr,
        )
    return 1 if any(f.severity == "error" for f in findings) else 0


def _bind(doc: str, command_line: str) -> int:
    from ..errors import PSError
    from ..language import bind_text
    from ..objects import to_jsonable
    from ..specs import from_markdown

    path = Path(doc)
    specs = [from_markdown(path.read_text(encoding="utf-8"), path=path.name)] if path.is_file() else []
    try:
        result = bind_text(command_line, specs=specs)
    except PSError as error:
        print(error.error_record.format(), file=sys.stderr)
        return 1
    print(
        json.dumps(
            {
                "command": result.command_name,
                "parameter_set_name": result.parameter_set_name,
                "bound_parameters": to_jsonable(result.bound_parameters),
            },
            indent=2,
        )
    )
    return 0
