"""``psbridge specs generate DOC... --out DIR``: docs in, one YAML per cmdlet out.

Each spec goes to ``DIR/<Module Name>/<Name>.yaml`` (the module named by the
doc's front matter; docs that name none go straight into DIR), which is how
``cmdlet_specs/`` keeps PSOpenAI's and PowerShell's own cmdlets apart.
Output is deterministic (stable key order, no timestamps) so that a test can
regenerate the committed files and fail on any difference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .build import build_spec
from .markdown import front_matter_of, is_module_page, parse_markdown
from .serialize import dump_spec_yaml

__all__ = ["collect_docs", "generate", "render"]

_NOT_DOCS = {"source.md", "readme.md", "license.md"}
_VERB_NOUN = re.compile(r"[A-Za-z]+-[A-Za-z0-9]+")


def collect_docs(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders to their ``*.md`` cmdlet docs.

    Skipped: SOURCE.md and the like, a module's landing page (``Microsoft.PowerShell.Core.md``,
    whose front matter carries ``Module Guid``) and sub-folders such as ``About/`` (about_* topics
    document no cmdlet).
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = [p for p in sorted(path.glob("*.md")) if p.name.casefold() not in _NOT_DOCS]
            found.extend(p for p in candidates if not _is_module_page(p))
        elif not _is_module_page(path):
            found.append(path)
    return found


def _is_module_page(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            head = [line.rstrip("\n") for _, line in zip(range(40), handle, strict=False)]
    except (OSError, UnicodeDecodeError):
        return False  # reading it later reports the problem
    return is_module_page(front_matter_of(head))


def render(doc_path: Path) -> tuple[str, str]:
    """(relative output path, YAML text) for one doc.

    platyPS names each file after its command, so a doc copied whole from another
    (New-VideoRemix.md keeps New-Video's title and SYNTAX) documents the command of
    its file name: the spec is named after the file when the title and SYNTAX both
    name another command (``specs lint`` reports PSL017, ``specs diff`` PSD004).
    """
    doc = parse_markdown(doc_path.read_text(encoding="utf-8-sig"), path=doc_path.name)
    spec = build_spec(doc)
    stem = doc_path.stem
    if _VERB_NOUN.fullmatch(stem) and stem.casefold() not in {spec.name.casefold(), doc.name.casefold()}:
        spec = spec.with_changes(name=stem)
    name = f"{spec.name}.yaml"
    return (f"{spec.module}/{name}" if spec.module else name), dump_spec_yaml(spec)


def generate(docs: Iterable[str | Path], out_dir: str | Path) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for doc_path in collect_docs(docs):
        relative, text = render(doc_path)
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
