"""The object adapter that lets the binder treat .NET objects as PowerShell does.

PowerShell's .NET adapter shows an object's public instance properties (by
name, case-insensitively), names its type hierarchy in ``pstypenames``, never
exposes a dictionary's keys as properties, and enumerates any IEnumerable but
a string or a dictionary.  This class answers the same questions for the
binder through :mod:`psbridge.objects.adapters`.
"""

from __future__ import annotations

from typing import Any

from ..objects import to_ps_string as _ps_string
from . import typeinfo as ti
from .convert import is_dotnet, read_property, to_python

__all__ = ["DotNetAdapter"]

_NOT_FOUND: tuple[bool, Any] = (False, None)


class DotNetAdapter:
    """psbridge's ObjectAdapter for pythonnet-wrapped .NET objects."""

    def handles(self, value: Any) -> bool:
        return is_dotnet(value)

    def type_names(self, value: Any) -> list[str]:
        return list(ti.type_info(ti.unwrap(value)).type_names)

    def find_property(self, value: Any, name: str) -> tuple[bool, Any]:
        value = ti.unwrap(value)
        exact = ti.type_info(value).by_folded_name.get(name.casefold())
        if exact is None:
            return _NOT_FOUND
        return True, read_property(value, exact)

    def is_enumerable(self, value: Any) -> bool:
        return ti.type_info(ti.unwrap(value)).kind == ti.ENUMERABLE

    def to_python(self, value: Any) -> Any:
        return to_python(value)

    def to_ps_string(self, value: Any) -> str:
        """``[string]$value``: scalars by PowerShell's rules, collections joined, objects by ToString()."""
        value = ti.unwrap(value)
        kind = ti.type_info(value).kind
        if kind == ti.ENUMERABLE:
            return " ".join(self.to_ps_string(item) if is_dotnet(item) else _ps_string(item) for item in value)
        if kind == ti.DECIMAL:
            from System.Globalization import CultureInfo

            return str(value.ToString(CultureInfo.InvariantCulture))
        if kind == ti.URI:
            return str(value.OriginalString)
        if kind in (ti.OBJECT, ti.DICTIONARY, ti.SECURE_STRING):
            return str(value.ToString())
        return _ps_string(to_python(value))
