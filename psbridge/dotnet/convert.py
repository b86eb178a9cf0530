""".NET values as the Python values PowerShell's conversions expect.

The binder converts arguments with Python types (str, int, float, bool,
Hashtable, list, Uri, SecureString, PSObject); this module maps a .NET value
onto them the way PowerShell's LanguagePrimitives treats it:

* ``System.String`` and the primitives become str/int/float/bool (a boxed
  ``Boolean(False)`` is False: ``bool()`` of a wrapped boxed value is always
  True in pythonnet, so the text is read instead);
* a non-generic ``IDictionary`` becomes a :class:`Hashtable` and any other
  ``IEnumerable`` (not a string) a list, converted all the way down (to
  :data:`MAX_DEPTH`): they are data;
* any other object becomes a :class:`PSObject` snapshot of its public
  properties (their values converted as above), with its .NET type names, at
  the top level only.  Plain objects nested inside it stay .NET objects, so a
  large object graph (or a cycle) is never walked; whoever reads them later
  goes through the adapter again.
"""

from __future__ import annotations

import datetime as _dt
import sys
from collections.abc import Callable
from typing import Any

from ..objects import Hashtable, PSObject, Uri
from . import typeinfo as ti
from .secure import DotNetSecureString

__all__ = ["MAX_DEPTH", "is_dotnet", "read_property", "to_python"]

#: How deep nested dictionaries and collections are converted; deeper values stay .NET objects.
MAX_DEPTH = 16

_TICKS_EPOCH = _dt.datetime(1, 1, 1)
_DATETIME_KIND_UTC = 1


def is_dotnet(value: Any) -> bool:
    """Whether ``value`` is a pythonnet-wrapped .NET object (not a value pythonnet already converted)."""
    return "clr" in sys.modules and type(type(value)) is ti.clr_metatype()


def read_property(value: Any, name: str) -> Any:
    """A property's value by its exact .NET name; a getter that throws reads as ``$null``, as in PowerShell."""
    try:
        return getattr(value, name)
    except Exception:
        return None


def to_python(value: Any, depth: int = 0) -> Any:
    """The Python value PowerShell's conversions should see for ``value``."""
    if not is_dotnet(value):
        return value
    value = ti.unwrap(value)
    info = ti.type_info(value)
    return _CONVERTERS[info.kind](value, info, depth)


def _nested(value: Any, depth: int) -> Any:
    """An element or entry value: converted unless it is a plain object or too deep."""
    if type(type(value)) is not ti.clr_metatype():
        return value
    value = ti.unwrap(value)
    info = ti.type_info(value)
    if info.kind == ti.OBJECT or depth > MAX_DEPTH:
        return value
    return _CONVERTERS[info.kind](value, info, depth)


def _dictionary(value: Any, info: ti.TypeInfo, depth: int) -> Any:
    from System.Collections import IDictionary

    # Python iteration yields DictionaryEntry (Hashtable) or KeyValuePair (generic
    # dictionaries, through the interface: pythonnet iterates a generic Dictionary
    # itself as a Mapping, by keys).  It is 2-3x faster than driving the
    # IDictionaryEnumerator by hand, which stays as the fallback for odd entry types.
    source = value if info.full_name == "System.Collections.Hashtable" else IDictionary(value)
    result = Hashtable()
    try:
        for entry in source:
            result[_nested(entry.Key, depth + 1)] = _nested(entry.Value, depth + 1)
    except AttributeError:
        result.clear()
        entries = IDictionary(value).GetEnumerator()
        while entries.MoveNext():
            result[_nested(entries.Key, depth + 1)] = _nested(entries.Value, depth + 1)
    return result


def _enumerable(value: Any, info: ti.TypeInfo, depth: int) -> Any:
    return [_nested(item, depth + 1) for item in value]


def _object(value: Any, info: ti.TypeInfo, depth: int) -> Any:
    snapshot = PSObject((name, _nested(read_property(value, name), depth + 1)) for name in info.property_names)
    snapshot.pstypenames[:] = info.type_names
    return snapshot


def _datetime(value: Any, info: ti.TypeInfo, depth: int) -> Any:
    moment = _TICKS_EPOCH + _dt.timedelta(microseconds=int(value.Ticks) // 10)
    if int(value.Kind) == _DATETIME_KIND_UTC:
        return moment.replace(tzinfo=_dt.UTC)
    return moment


def _decimal(value: Any, info: ti.TypeInfo, depth: int) -> Any:
    from System import Decimal

    return float(Decimal.ToDouble(value))


_CONVERTERS: dict[str, Callable[[Any, ti.TypeInfo, int], Any]] = {
    ti.STRING: lambda value, info, depth: str(value),
    ti.BOOLEAN: lambda value, info, depth: str(value) == "True",
    ti.INTEGER: lambda value, info, depth: int(value),
    ti.FLOAT: lambda value, info, depth: float(value),
    ti.DECIMAL: _decimal,
    ti.CHAR: lambda value, info, depth: str(value),
    ti.DATETIME: _datetime,
    ti.GUID: lambda value, info, depth: str(value),
    # PowerShell turns an enum into its name for [string] and compares names in ValidateSet.
    ti.ENUM: lambda value, info, depth: str(value),
    ti.URI: lambda value, info, depth: Uri(str(value.OriginalString)),
    ti.SECURE_STRING: lambda value, info, depth: DotNetSecureString(value),
    ti.DICTIONARY: _dictionary,
    ti.ENUMERABLE: _enumerable,
    ti.OBJECT: _object,
}
