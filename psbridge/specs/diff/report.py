"""Writing a :class:`DiffReport` as text (one line per finding), JSON, or markdown.

The markdown form opens with the summary tables the README shows (findings
per rule, findings per command), then lists each command's findings with both
sides' text.  All three are deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import json
from pathlib import PurePath

from .corpus import CommandReport, DiffReport
from .rules import RULES, Difference

__all__ = ["render", "render_json", "render_markdown", "render_text", "summary_line"]


def render(report: DiffReport, form: str) -> str:
    return {"text": render_text, "json": render_json, "markdown": render_markdown}[form](report)


def summary_line(report: DiffReport) -> str:
    totals = report.totals()
    undocumented = sum(1 for c in report.commands if c.docs_path is None)
    without = f" ({undocumented} without a doc)" if undocumented else ""
    problems = f", {len(report.problems)} unreadable files" if report.problems else ""
    return (
        f"{len(report.commands)} commands{without}: "
        f"{totals['error']} errors, {totals['warning']} warnings, {totals['info']} info{problems}"
    )


def _where(command: CommandReport) -> str:
    return _short(command.docs_path) or _short(command.source_path) or command.name


def _short(path: str | None) -> str | None:
    return PurePath(path).name if path else None


def render_text(report: DiffReport) -> str:
    lines = [f"{path}: error could not read: {' '.join(message.split())}" for path, message in report.problems]
    for command in report.commands:
        for d in command.differences:
            lines.append(
                f"{_where(command)}: {d.severity} {d.rule} {d.name}: {d.subject()}: "
                f"docs {d.docs or '-'} | source {d.source or '-'} ({d.message})"
            )
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def render_json(report: DiffReport) -> str:
    data = {
        "summary": report.totals() | {"commands": len(report.commands), "problems": len(report.problems)},
        "problems": [{"path": path, "message": message} for path, message in report.problems],
        "commands": [
            {
                "name": command.name,
                "docs": command.docs_path,
                "source": command.source_path,
                "differences": [d.to_data() for d in command.differences],
            }
            for command in report.commands
        ],
    }
    return json.dumps(data, indent=2) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: DiffReport) -> str:
    out = ["# Docs vs source", "", summary_line(report) + ".", ""]
    out += summary_tables(report)
    if report.problems:
        out += ["## Unreadable files", ""]
        out += [f"* `{_short(path)}`: {_cell(message)}" for path, message in report.problems]
        out.append("")
    for command in report.commands:
        if not command.differences:
            continue
        out += [f"## {command.name}", ""]
        sides = [f"doc `{_short(command.docs_path)}`" if command.docs_path else "no doc"]
        sides.append(f"source `{_short(command.source_path)}`" if command.source_path else "no source")
        out += [", ".join(sides), ""]
        out += ["| rule | severity | where | docs | source | why it matters |", "|---|---|---|---|---|---|"]
        out += [_row(d) for d in command.differences]
        out.append("")
    return "\n".join(out)


def summary_tables(report: DiffReport) -> list[str]:
    """Findings per rule, then per command: the tables the README shows."""
    counts = report.by_rule()
    commands_per_rule: dict[str, set[str]] = {}
    for d in report.differences:
        commands_per_rule.setdefault(d.rule, set()).add(d.cmdlet)
    out = ["| rule | name | severity | findings | commands |", "|---|---|---|---:|---:|"]
    for rule, (severity, name, _) in RULES.items():
        if counts.get(rule):
            out.append(f"| {rule} | {name} | {severity} | {counts[rule]} | {len(commands_per_rule[rule])} |")
    out += ["", "| command | errors | warnings | info |", "|---|---:|---:|---:|"]
    for command in report.commands:
        out.append(
            f"| {command.name} | {command.count('error')} | {command.count('warning')} | {command.count('info')} |"
        )
    out.append("")
    return out


def _row(d: Difference) -> str:
    where = d.subject().removeprefix(d.cmdlet).strip() or "(command)"
    return (
        f"| {d.rule} {d.name} | {d.severity} | {_cell(where)} | {_cell(d.docs)} | {_cell(d.source)} "
        f"| {_cell(d.message)} |"
    )
