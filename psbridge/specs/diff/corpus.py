"""Lining up a folder of docs with a set of source definitions, command by command.

Commands pair by name, case-insensitively.  A source command without a doc is
reported only when the module exports it (:class:`SourceCommand.exported`) --
private helpers need no docs -- and when it belongs to a module the docs
document.  A file either side could not read is kept as a problem of the
report, never a crash, so one bad file does not hide the rest.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePath

from ..model import CmdletSpec
from .compare import diff_specs
from .rules import SEVERITY_ORDER, Difference

__all__ = ["CommandReport", "DiffReport", "SourceCommand", "diff_corpus"]


@dataclass(frozen=True)
class SourceCommand:
    spec: CmdletSpec
    path: str
    exported: bool = True


@dataclass
class CommandReport:
    """One command: its doc and source (either may be missing) and what differs."""

    name: str
    docs_path: str | None
    source_path: str | None
    differences: list[Difference] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for d in self.differences if d.severity == severity)


@dataclass
class DiffReport:
    commands: list[CommandReport] = field(default_factory=list)
    #: (path, message): files that could not be read or parsed.
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def differences(self) -> list[Difference]:
        return [d for command in self.commands for d in command.differences]

    def by_rule(self) -> Counter[str]:
        return Counter(d.rule for d in self.differences)

    def fails(self, threshold: str) -> bool:
        """Whether any finding is at or above ``threshold`` (error|warning|info), or a file failed."""
        limit = SEVERITY_ORDER[threshold]
        return bool(self.problems) or any(SEVERITY_ORDER[d.severity] >= limit for d in self.differences)

    def totals(self) -> dict[str, int]:
        counts = Counter(d.severity for d in self.differences)
        return {severity: counts.get(severity, 0) for severity in ("error", "warning", "info")}


def diff_corpus(
    docs: list[tuple[CmdletSpec, str]],
    source: list[SourceCommand],
    problems: list[tuple[str, str]] | None = None,
) -> DiffReport:
    """Diff each doc against the source command of its name; report the exported ones left over."""
    report = DiffReport(problems=list(problems or ()))
    by_name: dict[str, SourceCommand] = {}
    for command in source:
        by_name.setdefault(command.spec.name.casefold(), command)
    seen: set[str] = set()
    for spec, path in docs:
        spec, renamed = _by_file_name(spec, path, by_name)
        folded = spec.name.casefold()
        found = by_name.get(folded)
        seen.add(folded)
        if found is None:
            report.commands.append(
                CommandReport(
                    spec.name,
                    path,
                    None,
                    [Difference("PSD002", spec.name, "the source defines no such function", f"doc {path}", "absent")],
                )
            )
            continue
        report.commands.append(CommandReport(spec.name, path, found.path, [*renamed, *diff_specs(spec, found.spec)]))
    # Docs of one module say nothing about another's commands (a cmdlet_specs/ folder holds several).
    modules = {spec.module.casefold() for spec, _ in docs if spec.module}
    for command in source:
        folded = command.spec.name.casefold()
        if folded in seen or not command.exported:
            continue
        if modules and command.spec.module and command.spec.module.casefold() not in modules:
            continue
        seen.add(folded)
        missing = Difference(
            "PSD001", command.spec.name, "exported without a doc", "no doc", f"defined in {command.path}"
        )
        report.commands.append(CommandReport(command.spec.name, None, command.path, [missing]))
    report.commands.sort(key=lambda command: command.name.casefold())
    return report


def _by_file_name(spec: CmdletSpec, path: str, source: dict[str, SourceCommand]) -> tuple[CmdletSpec, list[Difference]]:
    """A doc copied from another keeps the other's title and SYNTAX (New-VideoRemix.md says
    New-Video); platyPS names the file after the command, so the file name decides when the
    source defines that command."""
    stem = PurePath(path).stem
    if stem.casefold() == spec.name.casefold() or stem.casefold() not in source:
        return spec, []
    renamed = Difference(
        "PSD004",
        stem,
        f"the doc is {stem}'s by its file name; diffed against function {stem}",
        f"# {spec.name} (title and SYNTAX)",
        f"function {stem}",
    )
    return spec.with_changes(name=stem), [renamed]
