"""``psbridge specs implementations``: each implemented cmdlet's spec against its Python code.

Every parameter the spec declares must be read somewhere in the implementation
(else the binder accepts it and nothing happens), and the implementation must
read no parameter the spec lacks (else the call fails at run time).  Findings
use the diff's rules (PSD101-PSD103) and report shape, so one report format
serves docs, source and implementations alike.

:data:`NOT_READ_BY_DESIGN` lists the few parameters an implementation rightly
ignores, each with its reason; anything else unread is a finding.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..specs.diff import CommandReport, Difference, DiffReport
from ..specs.model import CmdletSpec
from .implementation_reads import ImplementationReads, implementation_reads

__all__ = ["NOT_READ_BY_DESIGN", "check_cmdlet", "check_implementations", "implemented_cmdlets"]

_BASIC_PARSING = (
    "the docs: deprecated, kept for backwards compatibility only; since PowerShell 6 every request uses basic "
    "parsing and the switch has no effect"
)
_HEADER_VALIDATION = (
    "psbridge adds every header as given (as PowerShell does with -SkipHeaderValidation); the format checks of "
    ".NET's typed headers that apply without the switch are not reproduced"
)

#: cmdlet -> {parameter -> why the implementation does not read it}.
NOT_READ_BY_DESIGN: dict[str, dict[str, str]] = {
    "Get-ThreadRun": {
        "Primitive": "PSOpenAI declares the hidden switch and never uses it (behaviour reference 2.1); "
        "scripts that pass it must still bind, so the spec keeps it and the cmdlet ignores it",
    },
    "ConvertTo-Csv": {
        "NoTypeInformation": "PowerShell 7 writes no #TYPE line unless -IncludeTypeInformation: the switch is kept "
        "for Windows PowerShell's scripts and does nothing (CsvCommands.cs never reads it)",
    },
    "Export-Csv": {
        "NoTypeInformation": "PowerShell 7 writes no #TYPE line unless -IncludeTypeInformation: the switch is kept "
        "for Windows PowerShell's scripts and does nothing (CsvCommands.cs never reads it)",
    },
    "ConvertTo-SecureString": {
        "Force": "PowerShell 7 converts -AsPlainText text without it (SecureStringCommands.cs never reads it); "
        "the switch is kept for Windows PowerShell's scripts",
    },
    "Update-Help": {
        "Credential": "pwsh uses it to reach a -SourcePath on a network share; psbridge reads local folders only",
        "UseDefaultCredentials": "pwsh uses it to reach a -SourcePath on a network share; psbridge reads local "
        "folders only",
        "Recurse": "psbridge always searches -SourcePath's sub-folders: platyPS docs lie in a folder per module",
        "Scope": "psbridge has one help store, the user's own (PSBRIDGE_HELP_HOME or the XDG data home)",
    },
    "Sort-Object": {
        "Stable": "psbridge's sort is always stable: equal objects keep their input order with or without -Stable",
        "Culture": "strings compare by the conversion engine's one order (the operators' -lt/-gt); "
        "psbridge has no per-culture collation",
    },
    "Group-Object": {
        "Culture": "strings compare by the conversion engine's one order (the operators' -eq); "
        "psbridge has no per-culture collation",
    },
    "Compare-Object": {
        "Culture": "strings compare by the conversion engine's one order (the operators' -eq); "
        "psbridge has no per-culture collation",
    },
    "Join-String": {
        "UseCulture": "psbridge formats under the invariant culture (pwsh's on a machine without a locale): "
        "-FormatString gives the same text with or without the switch",
    },
    "New-Object": {
        "Strict": "-Strict belongs to the COM set, and pwsh on Linux has no -ComObject: there is no COM object "
        "whose interop assembly it could warn about",
    },
    "Select-String": {
        "NoEmphasis": "psbridge's hosts are not virtual terminals (pwsh's redirected output): matches are never "
        "emphasized, so the switch that turns emphasis off has nothing to turn off",
    },
    "Get-Member": {
        "Force": "psbridge's objects carry no hidden members to reveal (no psbase/psadapted member sets, no "
        "get_/set_ accessor methods): the listing is the same with or without the switch",
    },
    "Invoke-WebRequest": {
        "UseBasicParsing": _BASIC_PARSING,
        "SkipHeaderValidation": _HEADER_VALIDATION,
    },
    "Invoke-RestMethod": {
        "UseBasicParsing": _BASIC_PARSING,
        "SkipHeaderValidation": _HEADER_VALIDATION,
    },
    "Split-Path": {
        "Parent": "-Parent is what Split-Path does when no other part is asked for (ParentSet is the default "
        "set), so the switch needs no reading",
    },
    "Import-Module": {
        "DisableNameChecking": "psbridge writes no unapproved-verb warning, so there is no check to disable",
        "AsCustomObject": "-AsCustomObject is read by New-Module only; Import-Module imports into a scope",
        "SkipEditionCheck": "psbridge is PowerShell (Core) 7.6 only: there is no other edition to check for",
    },
    "Get-Module": {
        "Refresh": "psbridge keeps no module cache: every -ListAvailable reads the module folders again",
        "SkipEditionCheck": "psbridge is PowerShell (Core) 7.6 only: there is no other edition to check for",
        "PSEdition": "psbridge is PowerShell (Core) 7.6 only: every listed module is taken as Core-compatible "
        "(CompatiblePSEditions is not read)",
    },
    "Remove-Module": {
        "Force": "-Force removes ReadOnly modules; psbridge's modules are never ReadOnly, so every module "
        "is removed with or without it",
    },
    "New-Module": {"Cmdlet": "a script module defines no cmdlets, so there are none to export"},
    "Export-ModuleMember": {"Cmdlet": "a script module defines no cmdlets, so there are none to export"},
    "Out-Null": {"InputObject": "Out-Null's whole job is to discard its input: it never looks at the object"},
    "Out-Default": {
        "Transcript": "psbridge has no Start-Transcript: there is no transcript for output to go to",
    },
    "Out-Host": {
        "Paging": "psbridge's hosts write to a stream, never an interactive pager: output is written without "
        "pausing, as pwsh does when its output is redirected",
    },
}


def implemented_cmdlets() -> list[str]:
    """Every cmdlet with a Python implementation, from the autoload table."""
    from ..cmdlets import command_modules
    from ..runtime.commands import resolve_cmdlet

    return sorted(resolve_cmdlet(name).name for name in command_modules())


def check_cmdlet(name: str) -> CommandReport:
    from ..runtime.commands import resolve_cmdlet
    from ..specs import get_spec

    cls = resolve_cmdlet(name)
    spec = cls.spec or get_spec(cls.name)
    reads = implementation_reads(cls)
    path = cls.__module__.replace(".", "/") + ".py"
    return CommandReport(cls.name, spec.source, path, list(compare_reads(spec, reads, path)))


def compare_reads(spec: CmdletSpec, reads: ImplementationReads, path: str) -> Iterable[Difference]:
    declared = {name.casefold(): name for name in spec.parameters}
    read = reads.names()
    allowed = {k.casefold(): v for k, v in NOT_READ_BY_DESIGN.get(spec.name, {}).items()}
    everything = bool(reads.everything)
    for folded, name in declared.items():
        if folded in read or folded in allowed or everything:
            continue
        yield Difference(
            "PSD101",
            spec.name,
            "the binder accepts it and nothing happens",
            f"-{name} in the spec",
            f"never read by {path}",
            parameter=name,
        )
    reported: set[str] = set()
    for place in reads.reads:
        folded = place.name.casefold()
        if folded in declared or place.optional or folded in reported:
            continue
        reported.add(folded)
        yield Difference(
            "PSD102",
            spec.name,
            "reading it fails at run time: the command has no such parameter",
            "not in the spec",
            f"read at {place.where}",
            parameter=place.name,
        )
    for place in reads.unresolved:
        yield Difference(
            "PSD103",
            spec.name,
            "use a constant name, or a loop over a module-level constant",
            "",
            f"params read with {place.name} at {place.where}",
        )


def check_implementations(names: Iterable[str] | None = None) -> DiffReport:
    chosen = list(names) if names else implemented_cmdlets()
    return DiffReport(commands=[check_cmdlet(name) for name in chosen])
