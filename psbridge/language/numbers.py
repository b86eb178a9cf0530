"""Numeric literals, as PowerShell's tokenizer scans and types them.

The scanner itself is :mod:`psbridge.conversion.numbertext`, shared with the
conversion engine (``[int]"0x10"`` reads text with the same rules); this module
adds the tokenizer's notion of where a number may end: in argument mode a word is
a number only if *all* of it scans as one (``10``, ``0x10``, ``1kb``), so
``10abc`` or ``1280x720`` stay words; in expression mode operator characters end
it too (``7+1``).
"""

from __future__ import annotations

from ..conversion.numbertext import NumberScan, number_value
from ..conversion.numbertext import scan_number as _scan
from .chars import ends_number_in_expression, forces_new_token

__all__ = ["NumberScan", "number_value", "scan_number"]


def _ends_in_expression(char: str) -> bool:
    return forces_new_token(char) or ends_number_in_expression(char)


def scan_number(text: str, start: int, *, expression_mode: bool) -> tuple[NumberScan | None, int]:
    """Scan a number at ``start``; ``(None, _)`` when the text there is not one number token."""
    return _scan(text, start, ends=_ends_in_expression if expression_mode else forces_new_token)
