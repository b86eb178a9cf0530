""".NET format strings under en-US, the culture cmdlets format for (Get-Date -Format, FormatString).

The formatting engine is the language's (:mod:`psbridge.conversion.formatting`, invariant
culture, as ``-f`` uses it); what en-US changes is layered here: the standard date patterns
(``d`` is ``M/d/yyyy``, ``D`` ``dddd, MMMM d, yyyy`` ...) and the percent and currency signs.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from ...conversion.formatting import format_value as invariant_format

__all__ = ["format_date", "format_value"]

#: en-US's standard date and time patterns (the invariant culture's differ for these).
EN_US_DATE = {
    "d": "M/d/yyyy",
    "D": "dddd, MMMM d, yyyy",
    "f": "dddd, MMMM d, yyyy h:mm tt",
    "F": "dddd, MMMM d, yyyy h:mm:ss tt",
    "g": "M/d/yyyy h:mm tt",
    "G": "M/d/yyyy h:mm:ss tt",
    "m": "MMMM d",
    "M": "MMMM d",
    "t": "h:mm tt",
    "T": "h:mm:ss tt",
    "U": "dddd, MMMM d, yyyy h:mm:ss tt",
    "y": "MMMM yyyy",
    "Y": "MMMM yyyy",
}


def format_date(value: dt.datetime, fmt: str) -> str:
    """``value.ToString(fmt)`` under en-US."""
    if fmt == "U" and value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return invariant_format(value, EN_US_DATE.get(fmt, fmt))


def format_value(value: Any, fmt: str) -> str:
    """``"{0:fmt}" -f value`` under en-US (``{0:fmt}`` or the bare ``fmt``)."""
    if fmt.startswith("{") and fmt.endswith("}") and ":" in fmt:
        fmt = fmt[fmt.index(":") + 1 : -1]
    if isinstance(value, dt.datetime):
        return format_date(value, fmt)
    text = invariant_format(value, fmt)
    if isinstance(value, int | float | decimal.Decimal) and fmt[:1] in "Pp" and text.endswith(" %"):
        return text[:-2] + "%"  # en-US writes 25.6%, the invariant culture 25.6 %
    if fmt[:1] in "Cc" and "¤" in text:
        text = text.replace("¤", "$")
    return text
