"""Cmdlet specs: parameter metadata generated from platyPS docs, plus overlays.

``from_markdown(text)`` parses any platyPS doc into a :class:`CmdletSpec`
that the binder accepts; ``get_spec(name)`` returns the committed, overlaid
spec of an implemented cmdlet.
"""

from __future__ import annotations

from .model import ALL_SETS, CmdletSpec, Example, ParameterSetInfo, ParameterSpec, SyntaxBlock, SyntaxParameter
from .overlays import OverlayError, apply_overlay
from .registry import get_spec, known_cmdlets, specs_dir
from .types import normalize_type

__all__ = [
    "ALL_SETS",
    "CmdletSpec",
    "Example",
    "OverlayError",
    "ParameterSetInfo",
    "ParameterSpec",
    "SyntaxBlock",
    "SyntaxParameter",
    "apply_overlay",
    "from_markdown",
    "get_spec",
    "known_cmdlets",
    "normalize_type",
    "specs_dir",
]


def from_markdown(text: str, path: str | None = None) -> CmdletSpec:
    """Parse a platyPS markdown doc into a spec (no overlay applied)."""
    # Imported here: binding a committed spec never needs the markdown reader.
    from .build import build_spec
    from .markdown import parse_markdown

    return build_spec(parse_markdown(text, path=path))
