"""Cmdlet specs: parameter metadata generated from platyPS docs, plus overlays.

``from_markdown(text)`` parses any platyPS doc into a :class:`CmdletSpec`
that the binder accepts; ``get_spec(name)`` returns the committed, overlaid
spec of an implemented cmdlet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import ALL_SETS, CmdletSpec, Example, ParameterSetInfo, ParameterSpec, SyntaxBlock, SyntaxParameter
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


if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from .overlays import OverlayError, apply_overlay


def __getattr__(name: str) -> Any:
    """The overlay machinery (and pyyaml behind it) loads on first use: committed specs bind from
    their merged JSON without it."""
    if name in ("OverlayError", "apply_overlay"):
        from . import overlays

        value = getattr(overlays, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def from_markdown(text: str, path: str | None = None) -> CmdletSpec:
    """Parse a platyPS markdown doc into a spec (no overlay applied)."""
    # Imported here: binding a committed spec never needs the markdown reader.
    from .build import build_spec
    from .markdown import parse_markdown

    return build_spec(parse_markdown(text, path=path))
