# ruff: noqa: E501 - member tables: one line per .NET member reads best
"""Instance members of the .NET types scripts use: ``$s.Substring(1)``, ``$list.Count``, ``$d.AddDays(1)``.

Methods and properties are implemented for String, arrays and lists, Hashtable and
OrderedDictionary, DateTime, TimeSpan, numbers, Regex, Match/Group, Version and
Guid, plus what every object has (``ToString``, ``GetType``, ``Equals``,
``GetHashCode``) and PowerShell's intrinsic ``.Where()``/``.ForEach()``.  Lookup is
cached per (Python type, member name), as PowerShell's call sites cache per type.
A method psbridge does not implement is tried on a .NET object through pythonnet;
otherwise it is MethodNotFound naming the .NET type and the method — never a guess.

Public: :func:`invoke_method` (``target.Name(args)``), :func:`get_property`
(``(found, value)`` for a .NET property such as ``Length`` or ``Year``),
:func:`where_method`, :func:`foreach_method`.  Arguments are converted to the
parameter types as PowerShell's method binder does (``$s.Substring("1")`` works).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from ..objects import Hashtable, OrderedDictionary, dotnet_type_name, find_adapter
from ..objects.numeric import Char, number_text
from .collections import ArrayList, GenericList, as_items
from .datetimes import TICKS_PER_SECOND, ticks_of
from .engine import type_of
from .enums import DayOfWeek, StringComparison, StringSplitOptions
from .errors import MethodInvocationError, MethodNotFoundError, RuntimeException
from .formatting import FormatError, format_value
from .pstype import TypedArray
from .regex import Group, Match, Regex
from .richtypes import Version
from .scalars import is_true, to_string
from .typenames import INT32, STRING

__all__ = ["foreach_method", "get_property", "invoke_method", "is_hashable", "where_method"]

Method = Callable[..., Any]


def _int(value: Any) -> int:
    return int(INT32.convert(value))


def _str(value: Any) -> str:
    return str.__str__(STRING.convert(value)) if value is not None else ""


def _fail(method: str, count: int, message: str) -> MethodInvocationError:
    return MethodInvocationError(method, count, message)


def _ignore_case(args: tuple[Any, ...], position: int) -> bool:
    """A StringComparison or ``ignoreCase`` argument at ``position``."""
    if not 0 <= position < len(args):
        return False
    option = args[position]
    if isinstance(option, bool):
        return option
    try:
        comparison = StringComparison[to_string(option)] if not isinstance(option, StringComparison) else option
    except KeyError:
        return False
    return comparison.name.endswith("IgnoreCase")


# -- String ----------------------------------------------------------------------------------------
def _substring(s: str, start: Any, length: Any = None) -> str:
    begin = _int(start)
    if begin < 0 or begin > len(s):
        raise _fail("Substring", 1 if length is None else 2,
                    "startIndex cannot be larger than length of string. (Parameter 'startIndex')")  # fmt: skip
    if length is None:
        return s[begin:]
    count = _int(length)
    if count < 0 or begin + count > len(s):
        raise _fail("Substring", 2, "Index and length must refer to a location within the string. (Parameter 'length')")
    return s[begin : begin + count]


def _split(s: str, *args: Any) -> list[str]:
    """String.Split(separator[s], [count], [options]): characters or strings, never a regex."""
    separators: list[str] = []
    count = -1
    options = 0
    for arg in args:
        if isinstance(arg, StringSplitOptions):
            options = int(arg.value)
        elif isinstance(arg, int) and not isinstance(arg, bool):
            count = arg
        else:
            items = as_items(arg)
            separators.extend(_str(item) for item in (items if items is not None else [arg]))
    if not args or (len(separators) == 1 and isinstance(args[0], str) and not isinstance(args[0], Char)
                    and len(args) == 1 and len(separators[0]) > 1):  # fmt: skip
        # Split("ab") in PowerShell 7 binds Split(string separator): the whole string is one separator.
        separators = separators or [" ", "\t", "\n", "\r"]
    pieces = [s]
    for separator in [sep for sep in separators if sep]:
        pieces = [part for piece in pieces for part in piece.split(separator)]
    if options & 2:
        pieces = [piece.strip() for piece in pieces]
    if options & 1:
        pieces = [piece for piece in pieces if piece]
    if count >= 0 and len(pieces) > count:
        if count == 0:
            return []
        head = pieces[: count - 1]
        rest_start = len(separators[0]) if separators else 1
        consumed = sum(len(p) for p in head) + rest_start * len(head)
        pieces = [*head, s[consumed:]]
    return pieces


def _trim_chars(args: tuple[Any, ...]) -> str | None:
    if not args:
        return None
    chars: list[str] = []
    for arg in args:
        items = as_items(arg)
        chars.extend(_str(item) for item in (items if items is not None else [arg]))
    return "".join(chars)


def _index_of(s: str, value: Any, *args: Any) -> int:
    needle = _str(value)
    start = _int(args[0]) if args and not isinstance(args[0], StringComparison) else 0
    if _ignore_case(args, len(args) - 1):
        return s.lower().find(needle.lower(), start)
    return s.find(needle, start)


def _pad(s: str, width: Any, char: Any = " ", left: bool = True) -> str:
    fill = _str(char)[:1] or " "
    return s.rjust(_int(width), fill) if left else s.ljust(_int(width), fill)


def _format_method(_s: Any, template: Any, *args: Any) -> str:
    from .formatting import composite_format

    values = list(args)
    if len(values) == 1 and as_items(values[0]) is not None:
        values = as_items(values[0]) or []
    try:
        return composite_format(_str(template), values)
    except FormatError as error:
        raise _fail("Format", len(args) + 1, str(error)) from None


STRING_METHODS: dict[str, Method] = {
    "substring": _substring,
    "split": _split,
    "replace": lambda s, old, new, *a: (
        s.replace(_str(old), _str(new)) if not _ignore_case(a, 0) else _replace_ignore_case(s, _str(old), _str(new))
    ),
    "trim": lambda s, *a: s.strip(_trim_chars(a)),
    "trimstart": lambda s, *a: s.lstrip(_trim_chars(a)),
    "trimend": lambda s, *a: s.rstrip(_trim_chars(a)),
    "toupper": lambda s, *a: s.upper(),
    "toupperinvariant": lambda s: s.upper(),
    "tolower": lambda s, *a: s.lower(),
    "tolowerinvariant": lambda s: s.lower(),
    "startswith": lambda s, v, *a: (
        s.lower().startswith(_str(v).lower()) if _ignore_case(a, 0) else s.startswith(_str(v))
    ),
    "endswith": lambda s, v, *a: s.lower().endswith(_str(v).lower()) if _ignore_case(a, 0) else s.endswith(_str(v)),
    "contains": lambda s, v, *a: _str(v).lower() in s.lower() if _ignore_case(a, 0) else _str(v) in s,
    "indexof": _index_of,
    "lastindexof": lambda s, v, *a: s.rfind(_str(v)),
    "indexofany": lambda s, chars, *a: min(
        (i for i, c in enumerate(s) if c in "".join(map(_str, as_items(chars) or [chars]))), default=-1
    ),
    "padleft": lambda s, w, c=" ": _pad(s, w, c, True),
    "padright": lambda s, w, c=" ": _pad(s, w, c, False),
    "insert": lambda s, i, v: s[: _int(i)] + _str(v) + s[_int(i) :],
    "remove": lambda s, i, n=None: s[: _int(i)] + ("" if n is None else s[_int(i) + _int(n) :]),
    "tochararray": lambda s, *a: TypedArray([Char(c) for c in s], type_of(Char("a"))),
    "equals": lambda s, v, *a: (s.lower() == to_string(v).lower()) if _ignore_case(a, 0) else s == v,
    "compareto": lambda s, v: (s > _str(v)) - (s < _str(v)),
    "normalize": lambda s, *a: s,
    "isnormalized": lambda s, *a: True,
    "format": _format_method,
    "getenumerator": lambda s: [Char(c) for c in s],
    "clone": lambda s: s,
    "get_chars": lambda s, i: Char(s[_int(i)]),
}


def _replace_ignore_case(s: str, old: str, new: str) -> str:
    import re

    return re.compile(re.escape(old), re.IGNORECASE).sub(lambda _m: new, s)


# -- collections ---------------------------------------------------------------------------------------
def _fixed_size(method: str, count: int) -> MethodInvocationError:
    return _fail(method, count, "Collection was of a fixed size.")


def _list_add(items: list[Any], value: Any) -> Any:
    if isinstance(items, list) and not isinstance(items, GenericList | ArrayList):
        raise _fixed_size("Add", 1)
    if isinstance(items, GenericList) and items.element_type is not None:
        value = items.element_type.convert(value)
    items.append(value)
    return len(items) - 1 if isinstance(items, ArrayList) else None


def _list_remove(items: list[Any], value: Any) -> bool:
    if not isinstance(items, GenericList | ArrayList):
        raise _fixed_size("Remove", 1)
    for index, item in enumerate(items):
        if item == value:
            del items[index]
            return True
    return False


def _growable(method: str, count: int, action: Callable[..., Any]) -> Method:
    def run(items: list[Any], *args: Any) -> Any:
        if not isinstance(items, GenericList | ArrayList):
            raise _fixed_size(method, count)
        return action(items, *args)

    return run


LIST_METHODS: dict[str, Method] = {
    "add": _list_add,
    "addrange": _growable("AddRange", 1, lambda items, more: items.extend(as_items(more) or [more])),
    "remove": _list_remove,
    "removeat": _growable("RemoveAt", 1, lambda items, i: items.pop(_int(i)) and None),
    "insert": _growable("Insert", 2, lambda items, i, v: items.insert(_int(i), v)),
    "clear": _growable("Clear", 0, lambda items: items.clear()),
    "contains": lambda items, value: any(item == value for item in items),
    "indexof": lambda items, value, *a: next((i for i, item in enumerate(items) if item == value), -1),
    "lastindexof": lambda items, value: max((i for i, item in enumerate(items) if item == value), default=-1),
    "toarray": lambda items: list(items),
    "reverse": lambda items: items.reverse(),
    "sort": lambda items: items.sort(key=lambda item: (item is None, item)),
    "getenumerator": lambda items: list(items),
    "clone": lambda items: type(items)(items) if not isinstance(items, TypedArray | GenericList) else items.copy(),
    "copyto": lambda items, target, index=0: target.__setitem__(slice(_int(index), _int(index) + len(items)), items),
    "getvalue": lambda items, i: items[_int(i)],
    "setvalue": lambda items, v, i: items.__setitem__(_int(i), v),
    "get": lambda items, i: items[_int(i)],
}


def _dictionary_add(table: Hashtable, key: Any, value: Any) -> None:
    if key in table:
        raise _fail("Add", 2, f"Item has already been added. Key in dictionary: '{to_string(key)}'  "
                              f"Key being added: '{to_string(key)}'")  # fmt: skip
    if key is None:
        raise _fail("Add", 2, "Key cannot be null. (Parameter 'key')")
    table[key] = value


DICTIONARY_METHODS: dict[str, Method] = {
    "add": _dictionary_add,
    "remove": lambda table, key: table.pop(key, None) and None,
    "containskey": lambda table, key: key in table,
    "contains": lambda table, key: key in table,
    "containsvalue": lambda table, value: any(item == value for item in table.values()),
    "clear": lambda table: table.clear(),
    "clone": lambda table: table.copy(),
    "getenumerator": lambda table: [_Entry(key, value) for key, value in table.items()],
    "trygetvalue": lambda table, key, *a: key in table,
    "get_item": lambda table, key: table.get(key),
    "set_item": lambda table, key, value: table.__setitem__(key, value),
}


class _Entry:
    """A DictionaryEntry from ``GetEnumerator()``: ``Key`` and ``Value`` (``Name`` as PowerShell adds)."""

    __ps_type_name__ = "System.Collections.DictionaryEntry"
    __slots__ = ("Key", "Value")

    def __init__(self, key: Any, value: Any) -> None:
        self.Key, self.Value = key, value

    @property
    def Name(self) -> Any:
        return self.Key

    def __repr__(self) -> str:
        return f"[{self.Key}, {self.Value}]"


# -- DateTime and TimeSpan -------------------------------------------------------------------------------
def _months(value: _dt.datetime, months: Any) -> _dt.datetime:
    import calendar

    total = value.year * 12 + value.month - 1 + _int(months)
    year, month = divmod(total, 12)
    day = min(value.day, calendar.monthrange(year, month + 1)[1])
    return value.replace(year=year, month=month + 1, day=day)


def _aware(value: _dt.datetime) -> _dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=_dt.UTC)


def _to_string(value: Any, fmt: Any = None, *_provider: Any) -> str:
    if fmt is None or (not isinstance(fmt, str)):
        if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
            return number_text(value)  # ToString() of a Double is the round trip form, unlike [string]
        return to_string(value)
    try:
        return format_value(value, fmt)
    except FormatError as error:
        raise _fail("ToString", 1, str(error)) from None


DATETIME_METHODS: dict[str, Method] = {
    "adddays": lambda d, n: d + _dt.timedelta(days=float(n)),
    "addhours": lambda d, n: d + _dt.timedelta(hours=float(n)),
    "addminutes": lambda d, n: d + _dt.timedelta(minutes=float(n)),
    "addseconds": lambda d, n: d + _dt.timedelta(seconds=float(n)),
    "addmilliseconds": lambda d, n: d + _dt.timedelta(milliseconds=float(n)),
    "addticks": lambda d, n: d + _dt.timedelta(microseconds=int(n) // 10),
    "addmonths": _months,
    "addyears": lambda d, n: _months(d, _int(n) * 12),
    "add": lambda d, span: d + span,
    "subtract": lambda d, other: d - other if isinstance(other, _dt.timedelta) else d.replace(tzinfo=None) - other.replace(tzinfo=None),
    "touniversaltime": lambda d: (d if d.tzinfo is not None else d.astimezone()).astimezone(_dt.UTC),
    "tolocaltime": lambda d: (d.replace(tzinfo=_dt.UTC) if d.tzinfo is None else d).astimezone(),
    "tostring": _to_string,
    "toshortdatestring": lambda d: format_value(d, "d"),
    "tolongdatestring": lambda d: format_value(d, "D"),
    "toshorttimestring": lambda d: format_value(d, "t"),
    "tolongtimestring": lambda d: format_value(d, "T"),
    "tounixtimeseconds": lambda d: int(_aware(d).timestamp()),
    "tounixtimemilliseconds": lambda d: int(_aware(d).timestamp() * 1000),
    "tofiletime": lambda d: ticks_of(d) - ticks_of(_dt.datetime(1601, 1, 1)),
    "compareto": lambda d, other: (d.replace(tzinfo=None) > other.replace(tzinfo=None)) - (d.replace(tzinfo=None) < other.replace(tzinfo=None)),
}  # fmt: skip

TIMESPAN_METHODS: dict[str, Method] = {
    "add": lambda t, other: t + other,
    "subtract": lambda t, other: t - other,
    "negate": lambda t: -t,
    "duration": lambda t: abs(t),
    "tostring": _to_string,
}


def _datetime_property(value: _dt.datetime, name: str) -> tuple[bool, Any]:
    from .enums import DateTimeKind

    simple = {"year": value.year, "month": value.month, "day": value.day, "hour": value.hour,
              "minute": value.minute, "second": value.second, "millisecond": value.microsecond // 1000}  # fmt: skip
    if name in simple:
        return True, simple[name]
    if name == "dayofweek":
        return True, DayOfWeek((value.weekday() + 1) % 7)
    if name == "dayofyear":
        return True, value.timetuple().tm_yday
    if name == "ticks":
        return True, ticks_of(value)
    if name == "date":
        return True, value.replace(hour=0, minute=0, second=0, microsecond=0)
    if name == "timeofday":
        return True, _dt.timedelta(hours=value.hour, minutes=value.minute, seconds=value.second,
                                   microseconds=value.microsecond)  # fmt: skip
    if name == "kind":
        if value.tzinfo is None:
            return True, DateTimeKind.Unspecified
        return True, DateTimeKind.Utc if value.utcoffset() == _dt.timedelta(
            0
        ) and value.tzinfo is _dt.UTC else DateTimeKind.Local
    return False, None


def _timespan_property(value: _dt.timedelta, name: str) -> tuple[bool, Any]:
    ticks = ticks_of(value)
    seconds_total = ticks / TICKS_PER_SECOND
    totals = {"totaldays": seconds_total / 86400, "totalhours": seconds_total / 3600,
              "totalminutes": seconds_total / 60, "totalseconds": seconds_total,
              "totalmilliseconds": seconds_total * 1000}  # fmt: skip
    if name in totals:
        return True, totals[name]
    sign = -1 if ticks < 0 else 1
    magnitude = abs(ticks)
    parts = {
        "days": magnitude // (86400 * TICKS_PER_SECOND),
        "hours": magnitude // (3600 * TICKS_PER_SECOND) % 24,
        "minutes": magnitude // (60 * TICKS_PER_SECOND) % 60,
        "seconds": magnitude // TICKS_PER_SECOND % 60,
        "milliseconds": magnitude // 10_000 % 1000,
    }
    if name in parts:
        return True, sign * parts[name]
    if name == "ticks":
        return True, ticks
    return False, None


# -- everything else -----------------------------------------------------------------------------------
NUMBER_METHODS: dict[str, Method] = {
    "tostring": _to_string,
    "compareto": lambda n, other: (n > other) - (n < other),
    "gettypecode": lambda n: type_of(n).name if type_of(n) else "Empty",  # type: ignore[union-attr]
}

REGEX_METHODS: dict[str, Method] = {
    "match": lambda r, text, *a: r.match(_str(text), _int(a[0]) if a else 0),
    "matches": lambda r, text: r.matches(_str(text)),
    "ismatch": lambda r, text: r.is_match(_str(text)),
    "replace": lambda r, text, replacement, *a: r.replace(_str(text), replacement if callable(replacement) else _str(replacement), _int(a[0]) if a else -1),
    "split": lambda r, text, *a: r.split(_str(text), _int(a[0]) if a else 0),
    "getgroupnames": lambda r: r.group_names(),
}  # fmt: skip

MATCH_METHODS: dict[str, Method] = {"nextmatch": lambda m: m.NextMatch(), "tostring": lambda m: m.Value}

COMMON_METHODS: dict[str, Method] = {
    "tostring": lambda v, *a: to_string(v),
    "gettype": type_of,
    "equals": lambda v, other: v == other,
    "gethashcode": lambda v: hash(v) & 0x7FFFFFFF if is_hashable(v) else id(v) & 0x7FFFFFFF,
}


def is_hashable(value: Any) -> bool:
    """Whether a value can be a dictionary key."""
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _table_for(value: Any) -> dict[str, Method]:
    if isinstance(value, str):
        return STRING_METHODS
    if isinstance(value, list | tuple):
        return LIST_METHODS
    if isinstance(value, Hashtable):
        return DICTIONARY_METHODS
    if isinstance(value, _dt.datetime):
        return DATETIME_METHODS
    if isinstance(value, _dt.timedelta):
        return TIMESPAN_METHODS
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return NUMBER_METHODS
    if isinstance(value, Regex):
        return REGEX_METHODS
    if isinstance(value, Match):
        return MATCH_METHODS
    return {}


_CACHE: dict[tuple[type, str], Method | None] = {}


def invoke_method(target: Any, name: str, args: tuple[Any, ...] | list[Any] = ()) -> Any:
    """``target.name(args)``; MethodNotFoundError when neither psbridge nor .NET has it."""
    if target is None:
        raise RuntimeException("You cannot call a method on a null-valued expression.", error_id="InvokeMethodOnNull")
    key = (type(target), name.casefold())
    method = _CACHE.get(key, _MISSING)
    if method is _MISSING:
        folded = key[1]
        method = _table_for(target).get(folded) or COMMON_METHODS.get(folded)
        _CACHE[key] = method
    if method is None:
        return _foreign_or_missing(target, name, tuple(args))
    try:
        return method(target, *args)
    except TypeError as error:
        if "positional argument" in str(error) or "required" in str(error):
            raise RuntimeException(
                f'Cannot find an overload for "{name}" and the argument count: "{len(args)}".',
                error_id="MethodCountCouldNotFindBest",
            ) from None
        raise
    except (IndexError, KeyError, ValueError, OverflowError) as error:
        raise MethodInvocationError(name, len(args), str(error) or type(error).__name__) from None


_MISSING: Any = object()


def _foreign_or_missing(target: Any, name: str, args: tuple[Any, ...]) -> Any:
    adapter = find_adapter(target)
    if adapter is not None:
        member = getattr(target, name, None)
        if callable(member):
            return member(*args)
    raise MethodNotFoundError(dotnet_type_name(target), name)


def get_property(value: Any, name: str) -> tuple[bool, Any]:
    """``(found, value)`` of a .NET property psbridge implements for ``value``'s type."""
    folded = name.casefold()
    if isinstance(value, str):
        if folded == "length":
            return True, len(value)
        return False, None
    if isinstance(value, _dt.datetime):
        return _datetime_property(value, folded)
    if isinstance(value, _dt.timedelta):
        return _timespan_property(value, folded)
    if isinstance(value, Group):
        found = {"value": value.Value, "success": value.Success, "index": value.Index, "length": value.Length,
                 "name": value.Name, "captures": value.Captures}  # fmt: skip
        if folded == "groups" and isinstance(value, Match):
            return True, value.Groups
        return (folded in found), found.get(folded)
    if isinstance(value, Version):
        found_version = {"major": value.Major, "minor": value.Minor, "build": value.Build, "revision": value.Revision}
        return (folded in found_version), found_version.get(folded)
    if isinstance(value, uuid.UUID):
        return False, None
    if isinstance(value, Regex):
        return (folded == "options"), value.options if folded == "options" else None
    if isinstance(value, OrderedDictionary | Hashtable | Mapping):
        return False, None
    return False, None


# -- intrinsic methods ------------------------------------------------------------------------------------
def where_method(collection: Any, predicate: Callable[[Any], Any], mode: str = "Default", count: int = 0) -> list[Any]:
    """``.Where({...}, mode, count)``: modes Default, First, Last, SkipUntil, Until, Split."""
    items = as_items(collection)
    if items is None:
        items = [] if collection is None else [collection]
    mode = mode.casefold()
    chosen: list[Any] = []
    if mode == "split":
        rest: list[Any] = []
        for item in items:
            (chosen if is_true(predicate(item)) and (not count or len(chosen) < count) else rest).append(item)
        return [chosen, rest]
    if mode == "last":
        matched = [item for item in items if is_true(predicate(item))]
        return matched[-(count or 1):]  # fmt: skip
    if mode in ("skipuntil", "until"):
        for index, item in enumerate(items):
            if is_true(predicate(item)):
                selected = items[index:] if mode == "skipuntil" else items[:index]
                return selected[:count] if count else selected
        return [] if mode == "skipuntil" else (items[:count] if count else items)
    limit = 1 if mode == "first" and not count else count
    for item in items:
        if is_true(predicate(item)):
            chosen.append(item)
            if limit and len(chosen) >= limit:
                break
    return chosen


def foreach_method(collection: Any, action: Any, *args: Any) -> list[Any]:
    """``.ForEach({...})``, ``.ForEach('PropertyName')``, ``.ForEach('Method', args)``, ``.ForEach([type])``."""
    from .collections import as_items as _items
    from .pstype import PSType

    items = _items(collection)
    if items is None:
        items = [] if collection is None else [collection]
    results: list[Any] = []
    for item in items:
        if isinstance(action, PSType):
            results.append(action.convert(item))
            continue
        if callable(action):
            value = action(item)
        elif args:
            value = invoke_method(item, to_string(action), args)
        else:
            from ..objects import property_lookup

            found, value = property_lookup(item)(to_string(action))
            if not found:
                found, value = get_property(item, to_string(action))
        more = as_items(value)
        results.extend(more if more is not None else ([] if value is None and callable(action) else [value]))
    return results
