"""PowerShell's own docs (Core, Utility, Management) read once per test session."""

from __future__ import annotations

import functools
from pathlib import Path

from psbridge.specs import CmdletSpec
from psbridge.specs.build import build_spec
from psbridge.specs.generate import collect_docs
from psbridge.specs.markdown import ParsedDoc, parse_markdown
from psbridge.specs.registry import load_spec_file, overlay_paths
from tests.conftest import MODULE_DOCS, SPECS

POWERSHELL_MODULES = ("Microsoft.PowerShell.Core", "Microsoft.PowerShell.Utility", "Microsoft.PowerShell.Management")


@functools.cache
def powershell_docs() -> tuple[tuple[str, Path, ParsedDoc], ...]:
    """(module, path, parsed doc) of every cmdlet doc of the three modules."""
    found = []
    for module in POWERSHELL_MODULES:
        for path in collect_docs([MODULE_DOCS[module]]):
            found.append((module, path, parse_markdown(path.read_text(encoding="utf-8-sig"), path=path.name)))
    return tuple(found)


@functools.cache
def powershell_specs() -> dict[str, CmdletSpec]:
    """Case-folded name -> the spec generated from its doc now, with psbridge's committed
    overlays applied where there are some (the cmdlets psbridge implements)."""
    specs: dict[str, CmdletSpec] = {}
    for module, _path, doc in powershell_docs():
        spec = build_spec(doc)
        committed = SPECS / module / f"{spec.name}.yaml"
        common, own = overlay_paths(committed)
        if committed.is_file() and (common.is_file() or own.is_file()):
            # The committed spec equals a fresh generation (test_generate checks it): overlay it.
            spec = load_spec_file(committed)
        specs[spec.name.casefold()] = spec
    return specs
