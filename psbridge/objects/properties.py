"""Reading properties off any pipeline object, as PowerShell's adapters do.

By-property-name pipeline binding asks an input object "do you have a property
called X?".  The answer depends on what the object is: a PSObject or a ``dict``
(a PSCustomObject) answers with its keys, a :class:`Hashtable` only with its
.NET properties, a string with ``Length``, a Python object with its public
attributes, a .NET object with its public properties.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from typing import Any

from .adapters import find_adapter
from .hashtable import Hashtable
from .psobject import PSObject
from .typedata import read_member
from .values import SecureString

__all__ = ["PropertyLookup", "property_lookup"]

PropertyLookup = Callable[[str], tuple[bool, Any]]

_NOT_FOUND: tuple[bool, Any] = (False, None)


def _no_properties(_name: str) -> tuple[bool, Any]:
    return _NOT_FOUND


def property_lookup(value: Any) -> PropertyLookup:
    """A function answering ``(found, value)`` for case-insensitive property names of ``value``.

    Built once per pipeline object, so a dict's folded keys are computed once
    however many parameters ask.
    """
    if value is None:
        return _no_properties
    if isinstance(value, PSObject):
        return value.find_property
    if isinstance(value, Hashtable):
        return value.net_property
    if isinstance(value, Mapping):
        folded = {str(k).casefold(): v for k, v in value.items()}

        def from_mapping(name: str) -> tuple[bool, Any]:
            key = name.casefold()
            return (True, folded[key]) if key in folded else _NOT_FOUND

        return from_mapping
    if isinstance(value, str | SecureString):
        text_length = len(value)
        return lambda name: (True, text_length) if name.casefold() == "length" else _NOT_FOUND
    if isinstance(value, list | tuple):
        count = len(value)
        return lambda name: (True, count) if name.casefold() in ("length", "count", "longlength") else _NOT_FOUND
    if isinstance(value, int | float | bool):
        return _no_properties
    if isinstance(value, _dt.datetime | _dt.timedelta):
        # .NET's members, never Python's: a TimeSpan's Seconds is not timedelta.seconds
        return lambda name: read_member(value, name)
    adapter = find_adapter(value)
    if adapter is not None:
        return lambda name: adapter.find_property(value, name)
    return _python_attributes(value)


def _python_attributes(value: Any) -> PropertyLookup:
    def from_attributes(name: str) -> tuple[bool, Any]:
        if not name.startswith("_"):
            try:
                attr = getattr(value, name)
            except AttributeError:
                pass
            else:
                if not callable(attr):
                    return True, attr
        folded = name.casefold()
        for candidate in dir(value):
            if candidate.startswith("_") or candidate.casefold() != folded:
                continue
            attr = getattr(value, candidate, None)
            if not callable(attr):
                return True, attr
        return _NOT_FOUND

    return from_attributes
