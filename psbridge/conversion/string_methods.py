# ruff: noqa: E501 - member tables: one line per .NET member reads best
"""System.String's instance methods: ``$s.Substring(1)``, ``$s.Split(',')``, ``$s.PadLeft(3, '0')``.

.NET's String compares ordinally unless a StringComparison (or ``ignoreCase``)
argument says otherwise, which is the opposite of PowerShell's operators: so
``"Hello".StartsWith("he")`` is False while ``"Hello" -like "he*"`` is True.
Out-of-range arguments raise the .NET exception's message, wrapped by
:func:`~.member_args.invocation_failed` as PowerShell wraps it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..objects.numeric import Char
from .collections import as_items
from .formatting import FormatError, composite_format
from .member_args import as_int, as_text, flatten, ignore_case_at, invocation_failed
from .netenums import StringSplitOptions
from .pstype import TypedArray
from .scalars import to_string

__all__ = ["STRING_METHODS"]

Method = Callable[..., Any]


def _substring(s: str, start: Any, length: Any = None) -> str:
    begin = as_int(start)
    if begin < 0 or begin > len(s):
        raise invocation_failed("Substring", 1 if length is None else 2,
                                "startIndex cannot be larger than length of string. (Parameter 'startIndex')")  # fmt: skip
    if length is None:
        return s[begin:]
    count = as_int(length)
    if count < 0 or begin + count > len(s):
        raise invocation_failed("Substring", 2, "Index and length must refer to a location within the string. (Parameter 'length')")
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
            separators.extend(as_text(item) for item in flatten(arg))
    if not separators:
        separators = [" ", "\t", "\n", "\r"]
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
        rest_start = len(separators[0])
        consumed = sum(len(p) for p in head) + rest_start * len(head)
        pieces = [*head, s[consumed:]]
    return pieces


def _trim_chars(args: tuple[Any, ...]) -> str | None:
    if not args:
        return None
    return "".join(as_text(item) for arg in args for item in flatten(arg))


def _index_of(s: str, value: Any, *args: Any) -> int:
    needle = as_text(value)
    numbers = [as_int(a) for a in args if isinstance(a, int) and not isinstance(a, bool)]
    start = numbers[0] if numbers else 0
    end = start + numbers[1] if len(numbers) > 1 else len(s)
    if start < 0 or start > len(s):
        raise invocation_failed("IndexOf", len(args) + 1, "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'startIndex')")
    if ignore_case_at(args, len(args) - 1):
        return s.lower().find(needle.lower(), start, end)
    return s.find(needle, start, end)


def _last_index_of(s: str, value: Any, *args: Any) -> int:
    needle = as_text(value)
    if ignore_case_at(args, len(args) - 1):
        return s.lower().rfind(needle.lower())
    if args and isinstance(args[0], int) and not isinstance(args[0], bool):
        return s.rfind(needle, 0, as_int(args[0]) + 1)
    return s.rfind(needle)


def _any_chars(chars: Any) -> str:
    return "".join(as_text(c) for c in flatten(chars))


def _pad(s: str, width: Any, char: Any = " ", left: bool = True) -> str:
    total = as_int(width)
    if total < 0:
        raise invocation_failed("PadLeft" if left else "PadRight", 1, "Non-negative number required. (Parameter 'totalWidth')")
    fill = as_text(char)[:1] or " "
    return s.rjust(total, fill) if left else s.ljust(total, fill)


def _format_method(_s: Any, template: Any, *args: Any) -> str:
    values = list(args)
    if len(values) == 1 and as_items(values[0]) is not None:
        values = as_items(values[0]) or []
    try:
        return composite_format(as_text(template), values)
    except FormatError as error:
        raise invocation_failed("Format", len(args) + 1, str(error)) from None


def _replace(s: str, old: Any, new: Any, *args: Any) -> str:
    needle = as_text(old)
    if not needle:
        raise invocation_failed("Replace", 2 + len(args), "The value cannot be an empty string. (Parameter 'oldValue')")
    if ignore_case_at(args, len(args) - 1):
        return re.compile(re.escape(needle), re.IGNORECASE).sub(lambda _m: as_text(new), s)
    return s.replace(needle, as_text(new))


def _insert(s: str, index: Any, value: Any) -> str:
    at = as_int(index)
    if not 0 <= at <= len(s):
        raise invocation_failed("Insert", 2, "Specified argument was out of the range of valid values. (Parameter 'startIndex')")
    return s[:at] + as_text(value) + s[at:]


def _remove(s: str, index: Any, count: Any = None) -> str:
    at = as_int(index)
    if count is None:
        if not 0 <= at < len(s) + (len(s) == 0):
            raise invocation_failed("Remove", 1, "startIndex must be less than length of string. (Parameter 'startIndex')")
        return s[:at]
    length = as_int(count)
    if at < 0 or length < 0 or at + length > len(s):
        raise invocation_failed("Remove", 2, "Index and count must refer to a location within the string. (Parameter 'count')")
    return s[:at] + s[at + length :]


def _equals(s: str, other: Any, *args: Any) -> bool:
    if not isinstance(other, str) or (isinstance(other, Char) and not isinstance(s, Char)):
        return False
    return s.lower() == other.lower() if ignore_case_at(args, 0) else str.__eq__(s, other)


def _compare_to(s: str, other: Any) -> int:
    from .operators.comparison import _string_order

    if other is None:
        return 1
    return _string_order(s, to_string(other), False)


def _char_at(s: str, index: Any) -> Char:
    at = as_int(index)
    if not 0 <= at < len(s):
        raise invocation_failed("get_Chars", 1, "Index was outside the bounds of the array.")
    return Char(s[at])


def _to_char_array(s: str, *args: Any) -> TypedArray:
    from .typenames import CHAR

    start, length = (as_int(args[0]), as_int(args[1])) if len(args) == 2 else (0, len(s))
    return TypedArray([Char(c) for c in s[start : start + length]], CHAR)


STRING_METHODS: dict[str, Method] = {
    "substring": _substring,
    "split": _split,
    "replace": _replace,
    "trim": lambda s, *a: s.strip(_trim_chars(a)),
    "trimstart": lambda s, *a: s.lstrip(_trim_chars(a)),
    "trimend": lambda s, *a: s.rstrip(_trim_chars(a)),
    "toupper": lambda s, *a: s.upper(),
    "toupperinvariant": lambda s: s.upper(),
    "tolower": lambda s, *a: s.lower(),
    "tolowerinvariant": lambda s: s.lower(),
    "startswith": lambda s, v, *a: s.lower().startswith(as_text(v).lower()) if ignore_case_at(a, len(a) - 1) else s.startswith(as_text(v)),
    "endswith": lambda s, v, *a: s.lower().endswith(as_text(v).lower()) if ignore_case_at(a, len(a) - 1) else s.endswith(as_text(v)),
    "contains": lambda s, v, *a: as_text(v).lower() in s.lower() if ignore_case_at(a, 0) else as_text(v) in s,
    "indexof": _index_of,
    "lastindexof": _last_index_of,
    "indexofany": lambda s, chars, *a: min((i for i, c in enumerate(s) if c in _any_chars(chars) and i >= (as_int(a[0]) if a else 0)), default=-1),
    "lastindexofany": lambda s, chars: max((i for i, c in enumerate(s) if c in _any_chars(chars)), default=-1),
    "padleft": lambda s, w, c=" ": _pad(s, w, c, True),
    "padright": lambda s, w, c=" ": _pad(s, w, c, False),
    "insert": _insert,
    "remove": _remove,
    "tochararray": _to_char_array,
    "equals": _equals,
    "compareto": _compare_to,
    "normalize": lambda s, *a: __import__("unicodedata").normalize(to_string(a[0]) if a else "NFC", s),
    "isnormalized": lambda s, *a: __import__("unicodedata").is_normalized(to_string(a[0]) if a else "NFC", s),
    "format": _format_method,
    "getenumerator": lambda s: [Char(c) for c in s],
    "clone": lambda s: s,
    "get_chars": _char_at,
    "chars": _char_at,
    "get_length": len,
    "tostring": lambda s, *a: str.__str__(s),
    "gettypecode": lambda s: "String" if not isinstance(s, Char) else "Char",
}  # fmt: skip
