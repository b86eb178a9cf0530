"""Parsing numeric text the way PowerShell's number lexer does.

``[int]"0x10"`` is 16, ``[int]"1kb"`` is 1024, ``[int]"1e3"`` is 1000 and
``[int]""`` is 0 in PowerShell; ``int()`` in Python agrees with none of these.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal

__all__ = ["parse_ps_number", "round_half_even"]

_MULTIPLIERS = {"kb": 1024, "mb": 1024**2, "gb": 1024**3, "tb": 1024**4, "pb": 1024**5}
_HEX = re.compile(r"^0x([0-9a-f]+)(l|u|ul|lu|s|us|y|uy|n)?(kb|mb|gb|tb|pb)?$", re.IGNORECASE)
_BIN = re.compile(r"^0b([01]+)(l|u|ul|lu|s|us|y|uy|n)?(kb|mb|gb|tb|pb)?$", re.IGNORECASE)
_DEC = re.compile(
    r"^(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:e([+-]?\d+))?(l|u|ul|lu|s|us|y|uy|n|d)?(kb|mb|gb|tb|pb)?$",
    re.IGNORECASE,
)


def parse_ps_number(text: str) -> int | float:
    """The number ``text`` denotes, or ValueError.  Whitespace is trimmed; ``""`` is 0."""
    stripped = text.strip()
    if not stripped:
        return 0
    negative = False
    if stripped[0] in "+-":
        negative = stripped[0] == "-"
        stripped = stripped[1:]
    if not stripped:
        raise ValueError(text)
    value: int | float
    match = _HEX.match(stripped) or _BIN.match(stripped)
    if match:
        value = int(match.group(1), 16 if stripped[1] in "xX" else 2)
        multiplier = match.group(3)
    else:
        match = _DEC.match(stripped)
        if not match:
            raise ValueError(text)
        whole, fraction, lead_fraction, exponent, suffix, multiplier = match.groups()
        if fraction is None and lead_fraction is None and exponent is None and (suffix or "").lower() != "d":
            value = int(whole)
        else:
            value = float(stripped[: len(stripped) - len(suffix or "") - len(multiplier or "")])
    if multiplier:
        value = value * _MULTIPLIERS[multiplier.lower()]
    return -value if negative else value


def round_half_even(value: float | Decimal) -> int:
    """.NET's default rounding for a float-to-int cast: 12.5 -> 12, 13.5 -> 14.

    Python's ``round`` rounds the exact binary value half to even, as .NET does;
    it also works for magnitudes beyond Decimal's default precision (1e28).
    """
    if isinstance(value, Decimal):
        return int(value.to_integral_value(rounding=ROUND_HALF_EVEN))
    return round(value)
