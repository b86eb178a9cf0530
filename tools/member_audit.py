"""Which .NET members PSOpenAI's source and guides call, and which psbridge implements without .NET.

    .venv/bin/python tools/member_audit.py [--missing]

Reads PowerShell text from ``../shared/psopenai-source`` (the module) and, when the
mirror is present, the guides (``Guides/*.md`` code blocks and notebooks' code
cells).  Counts ``[Type]::Member`` uses (types PSOpenAI defines itself are its own
classes, reported apart) and ``.Method(`` names, and checks each against
psbridge's static tables and instance member tables.  Instance calls are matched
by name only (the receiver's type is unknown to a grep), so that figure is an
upper bound.
"""

from __future__ import annotations

import collections
import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO.parent / "shared" / "psopenai-source"
MIRROR = REPO.parent / ".mirror" / "mkht+PSOpenAI" / "repo"
STATIC = re.compile(r"\[([A-Za-z_][\w.]*(?:\[\])?)\]::([A-Za-z_]\w*)")
METHOD = re.compile(r"\.([A-Z][A-Za-z0-9]+)\(")
OWN_CLASS = re.compile(r"^\s*(?:class|enum)\s+(\w+)", re.MULTILINE | re.IGNORECASE)
USING = re.compile(r"^\s*using\s+namespace\s+([\w.]+)", re.MULTILINE | re.IGNORECASE)


def module_texts() -> dict[str, str]:
    files = [*SOURCE.glob("Public/**/*.ps1"), *SOURCE.glob("Private/**/*.ps1"), *SOURCE.glob("*.psm1")]
    return {str(path.relative_to(SOURCE)): path.read_text(encoding="utf-8-sig") for path in files}


def guide_texts() -> dict[str, str]:
    if not MIRROR.exists():
        return {}
    listing = subprocess.run(
        ["git", "-C", str(MIRROR), "ls-tree", "-r", "--name-only", "HEAD", "Guides"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    texts: dict[str, str] = {}
    for name in listing:
        if not name.endswith((".md", ".ipynb")):
            continue
        raw = subprocess.run(["git", "-C", str(MIRROR), "show", f"HEAD:{name}"], capture_output=True, text=True).stdout
        if name.endswith(".ipynb"):
            cells = json.loads(raw)["cells"]
            texts[name] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        else:
            blocks = re.findall(r"```(?:powershell|ps1|pwsh)?\n(.*?)```", raw, re.DOTALL | re.IGNORECASE)
            texts[name] = "\n".join(blocks)
    return texts


def audit(texts: dict[str, str], show_missing: bool) -> None:
    from psbridge.conversion import find_type
    from psbridge.conversion.methods import _TABLES, COMMON_METHODS
    from psbridge.conversion.statics import has_static
    from psbridge.conversion.utilities import Random, Stopwatch, StringBuilder

    own = {name.casefold() for text in texts.values() for name in OWN_CLASS.findall(text)}
    statics: collections.Counter[tuple[str, str, tuple[str, ...]]] = collections.Counter()
    methods: collections.Counter[str] = collections.Counter()
    for text in texts.values():
        namespaces = tuple(USING.findall(text))  # each file's `using namespace` lines, as PowerShell resolves
        statics.update((t, m, namespaces) for t, m in STATIC.findall(text))
        methods.update(METHOD.findall(text))
    implemented_names = {name for _kind, table in _TABLES for name in table} | set(COMMON_METHODS)
    for cls in (StringBuilder, Stopwatch, Random):
        implemented_names |= {a.casefold() for a in dir(cls) if a[:1].isupper()}
    intrinsic = {"where", "foreach"}

    covered = missing = own_uses = 0
    covered_distinct, missing_list, own_list = set(), [], set()
    for (type_name, member, namespaces), count in statics.items():
        if type_name.casefold() in own:
            own_uses += count
            own_list.add(f"[{type_name}]::{member}")
            continue
        ps_type = find_type(type_name, namespaces)
        if ps_type is not None and has_static(ps_type, member):
            covered += count
            covered_distinct.add((ps_type.full_name, member.casefold()))
        else:
            missing += count
            missing_list.append((count, f"[{type_name}]::{member}"))
    merged: collections.Counter[str] = collections.Counter()
    for count, name in missing_list:
        merged[name] += count
    missing_list = [(count, name) for name, count in merged.items()]
    total = covered + missing
    print(f"static members: {covered}/{total} uses covered ({100 * covered / max(total, 1):.0f}%), "
          f"{len(covered_distinct)} distinct covered, {len(missing_list)} distinct missing; "
          f"{own_uses} uses of {len(own_list)} members of PSOpenAI's own classes")  # fmt: skip
    hit = sum(c for name, c in methods.items() if name.casefold() in implemented_names | intrinsic)
    all_calls = sum(methods.values())
    known = implemented_names | intrinsic
    missing_methods = sorted(((c, n) for n, c in methods.items() if n.casefold() not in known), reverse=True)
    print(f"instance method names: {hit}/{all_calls} calls ({100 * hit / max(all_calls, 1):.0f}%) name a method "
          f"psbridge implements on some type; {len(missing_methods)} distinct names missing")  # fmt: skip
    if show_missing:
        print("missing statics:", ", ".join(f"{name} x{count}" for count, name in sorted(missing_list, reverse=True)))
        print("missing method names:", ", ".join(f"{name} x{count}" for count, name in missing_methods))


def main() -> None:
    sys.path.insert(0, str(REPO))
    show = "--missing" in sys.argv
    print("== PSOpenAI module source ==")
    audit(module_texts(), show)
    guides = guide_texts()
    if guides:
        print("== PSOpenAI guides ==")
        audit(guides, show)


if __name__ == "__main__":
    main()
