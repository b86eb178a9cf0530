"""``psbridge specs check [DOCS_DIR] [--json]``: the command-line face of :mod:`.checking`.

Doc defects are what the check exists to find, so they do not fail it; only
an example that psbridge (or its emulator) could not run does.  Exit status:
0 when nothing failed, 1 when an example failed, 2 when the docs folder is
missing or holds no implemented cmdlet's doc.
"""

from __future__ import annotations

import json
import shutil
import sys
from typing import TextIO

from .checking import CheckReport, ExampleResult, check_docs, default_docs_dir

__all__ = ["format_report", "main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_HEADERS = ("Doc", "Example", "Line", "Status", "Detail")


def _row(result: ExampleResult) -> tuple[str, ...]:
    return (result.doc, result.title, str(result.line), result.status, result.detail)


def format_report(report: CheckReport, width: int | None = None) -> str:
    """A table, one example per row; the detail column is cut to fit the terminal."""
    width = width or shutil.get_terminal_size((160, 24)).columns
    rows = [_HEADERS, *(_row(r) for r in report.results)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADERS) - 1)]
    fixed = sum(widths) + 2 * len(widths)
    detail_width = max(width - fixed - 1, 30)
    lines = []
    for index, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:-1])]
        detail = row[-1] if len(row[-1]) <= detail_width else row[-1][: detail_width - 3] + "..."
        lines.append("  ".join([*cells, detail]).rstrip())
        if index == 0:
            lines.append("  ".join("-" * size for size in [*widths, len(_HEADERS[-1])]))
    failures = [
        f"\n{r.doc} {r.title} (line {r.line}) failed:\n{r.code}\n{r.error_id}: {r.message}" for r in report.failed
    ]
    return "\n".join(lines) + "".join(failures)


def main(docs_dir: str | None, as_json: bool, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    folder = docs_dir if docs_dir is not None else str(default_docs_dir())
    try:
        report = check_docs(folder)
    except FileNotFoundError as error:
        stderr.write(f"psbridge specs check: {error}\n")
        return EXIT_USAGE
    if not report.docs:
        stderr.write(f"psbridge specs check: no doc of an implemented cmdlet in {folder}\n")
        return EXIT_USAGE
    if as_json:
        stdout.write(json.dumps([r.to_dict() for r in report.results], indent=2, ensure_ascii=False) + "\n")
        stderr.write(report.summary() + "\n")
    else:
        stdout.write(format_report(report) + "\n\n" + report.summary() + "\n")
    return EXIT_FAILED if report.failed else EXIT_OK
