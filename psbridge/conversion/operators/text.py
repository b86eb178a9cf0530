"""String operators: -replace, -split (binary and unary), -join (binary and unary), ranges.

Public: :func:`replace`, :func:`split`, :func:`unary_split`, :func:`join`,
:func:`unary_join`, :func:`range_of` (``a..b``, including ``'a'..'e'``).
Script-block arguments arrive as Python callables: a ``-replace`` evaluator
receives the Match, a ``-split`` predicate the character (as a string) and its
index; both return what the script block would.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from ...objects.numeric import Char
from ..collections import as_items
from ..errors import PSInvalidCastError, RuntimeException
from ..netenums import RegexOptions, SplitOptions
from ..regex import Regex, RegexParseError, regex_for
from ..scalars import to_string
from .comparison import _regex

__all__ = ["join", "range_enumerator", "range_of", "replace", "split", "unary_join", "unary_split"]


def _items_or_self(value: Any) -> tuple[list[Any], bool]:
    items = as_items(value)
    return (items, True) if items is not None else ([value], False)


# -- -replace --------------------------------------------------------------------------------------------
def replace(left: Any, arguments: Any, ignore_case: bool = True) -> Any:
    """``left -replace pattern[, replacement]``; ``arguments`` is the pattern or ``(pattern, replacement)``.

    The replacement is a string with .NET substitutions (``$1``, ``${name}``, ``$$``, ``$0``)
    or a callable receiving each Match.  An array on the left gives an array.
    """
    items = as_items(arguments) if not callable(arguments) else None
    if items is None:
        items = [arguments]
    if len(items) > 2:
        raise RuntimeException(
            f"The -replace operator allows only two elements to follow it, not {len(items)}.",
            error_id="BadReplaceArgument",
        )
    pattern = items[0]
    replacement = items[1] if len(items) == 2 else ""
    regex = _regex(pattern, ignore_case)
    if not callable(replacement):
        replacement = to_string(replacement)
    values, many = _items_or_self(left)
    results = [regex.replace(to_string(value), replacement) for value in values]
    return results if many else results[0]


# -- -split ----------------------------------------------------------------------------------------------
_REGEX_ONLY = (
    SplitOptions.Multiline
    | SplitOptions.Singleline
    | SplitOptions.IgnorePatternWhitespace
    | SplitOptions.ExplicitCapture
)


def _split_options(value: Any) -> SplitOptions:
    if value is None:
        return SplitOptions(0)
    if isinstance(value, SplitOptions):
        return value
    from ..typenames import resolve_type

    try:
        return resolve_type("System.Management.Automation.SplitOptions").convert(value)
    except PSInvalidCastError as error:
        raise RuntimeException(str(error), error_id="InvalidCastFromStringToSplitOptions") from None


def split(left: Any, arguments: Any, ignore_case: bool = True) -> list[str]:
    """``left -split pattern[, max[, options]]``; ``arguments`` is the pattern or that tuple.

    ``max`` 0 splits everywhere, n > 0 makes at most n pieces (the last keeps the rest),
    n < 0 splits from the right.  Options: SimpleMatch or RegexMatch (default) and the
    regex options IgnoreCase, CultureInvariant, IgnorePatternWhitespace, Multiline,
    Singleline, ExplicitCapture.  A callable pattern is a predicate on each character.
    """
    items = as_items(arguments) if not callable(arguments) else None
    if items is None:
        items = [arguments]
    pattern = items[0]
    limit = int(_as_int(items[1])) if len(items) > 1 else 0
    options = _split_options(items[2] if len(items) > 2 else None)
    values, _many = _items_or_self(left)
    results: list[str] = []
    if callable(pattern):
        if options:
            raise RuntimeException(
                "Options are not allowed on the -split operator with a predicate.",
                error_id="InvalidSplitOptionWithPredicate",
            )
        for value in values:
            results.extend(_split_predicate(to_string(value), pattern, limit))
        return results
    if options & SplitOptions.SimpleMatch and options & (_REGEX_ONLY | SplitOptions.RegexMatch):
        raise RuntimeException(
            "The combination of options with the -split operator is not valid.",
            error_id="InvalidSplitOptionCombination",
        )
    if options & SplitOptions.IgnoreCase:
        ignore_case = True
    text_pattern = to_string(pattern) if not isinstance(pattern, Regex) else pattern.pattern
    if options & SplitOptions.SimpleMatch:
        text_pattern = re.escape(text_pattern).replace("\\ ", " ")
    regex_options = RegexOptions.IgnoreCase if ignore_case else RegexOptions.None_
    for flag, regex_flag in (
        (SplitOptions.Multiline, RegexOptions.Multiline),
        (SplitOptions.Singleline, RegexOptions.Singleline),
        (SplitOptions.IgnorePatternWhitespace, RegexOptions.IgnorePatternWhitespace),
        (SplitOptions.ExplicitCapture, RegexOptions.ExplicitCapture),
    ):
        if options & flag:
            regex_options |= regex_flag
    try:
        regex = regex_for(text_pattern, int(regex_options))
    except RegexParseError as error:
        raise RuntimeException(str(error), error_id="InvalidRegularExpression", category="InvalidArgument") from None
    for value in values:
        results.extend(_split_regex(to_string(value), regex, limit))
    return results


def _as_int(value: Any) -> int:
    from ..typenames import INT32

    return int(INT32.convert(value))


def _split_regex(text: str, regex: Regex, limit: int) -> list[str]:
    if limit >= 0:
        return regex.split(text, limit)
    # A negative count splits from the right: keep the last |limit| - 1 separators.
    found = list(regex.compiled.finditer(text))
    found = found[len(found) - (-limit - 1) :] if -limit - 1 < len(found) else found
    pieces: list[str] = []
    start = 0
    for separator in found:
        pieces.append(text[start : separator.start()])
        pieces.extend(group or "" for group in separator.groups())
        start = separator.end()
    pieces.append(text[start:])
    return pieces


def _split_predicate(text: str, predicate: Callable[..., Any], limit: int) -> list[str]:
    """Split where ``predicate(char, index)`` is true; ``limit`` as for a pattern (negative: from the right)."""
    from ..scalars import is_true

    cuts = [index for index, char in enumerate(text) if is_true(predicate(Char(char), index))]
    if limit > 0:
        cuts = cuts[: limit - 1]
    elif limit < 0:
        cuts = cuts[len(cuts) - (-limit - 1) :] if -limit - 1 < len(cuts) else cuts
    pieces: list[str] = []
    start = 0
    for index in cuts:
        pieces.append(text[start:index])
        start = index + 1
    pieces.append(text[start:])
    return pieces


def unary_split(value: Any) -> list[str]:
    """``-split value``: on runs of white space, ignoring it at the ends."""
    values, _many = _items_or_self(value)
    results: list[str] = []
    for item in values:
        results.extend(piece for piece in re.split(r"\s+", to_string(item).strip()) if piece)
    return results


# -- -join -----------------------------------------------------------------------------------------------
def join(left: Any, separator: Any) -> str:
    """``left -join separator`` (a scalar left is one element)."""
    values, _many = _items_or_self(left)
    return to_string(separator).join(to_string(value) for value in values)


def unary_join(value: Any) -> str:
    """``-join value``: the elements' text concatenated."""
    return join(value, "")


# -- ranges ----------------------------------------------------------------------------------------------
#: The longest range PowerShell materialises (ranges beyond this are an error there too).
MAX_RANGE = 50_000_000


def range_of(start: Any, end: Any) -> list[Any]:
    """``start..end``: Int32 bounds (rounded), ascending or descending; two one-character
    strings make a character range (``'a'..'e'``)."""
    if _is_char(start) and _is_char(end) and not (_numeric_text(start) and _numeric_text(end)):
        first, last = ord(start), ord(end)
        step = 1 if last >= first else -1
        return [Char(chr(code)) for code in range(first, last + step, step)]
    low, high = _as_int(start), _as_int(end)
    if abs(high - low) + 1 > MAX_RANGE:
        raise RuntimeException(
            "The range is too large; it would create more than 50,000,000 elements.", error_id="RangeTooBig"
        )
    step = 1 if high >= low else -1
    return list(range(low, high + step, step))


def range_enumerator(start: Any, end: Any) -> Iterable[Any]:
    """``start..end`` where PowerShell walks the range instead of building it (a pipeline's input,
    ``foreach``'s collection: ParserOps.GetRangeEnumerator): no size limit, so
    ``1..1e9 | Select-Object -First 2`` ends at once."""
    if _is_char(start) and _is_char(end) and not (_numeric_text(start) and _numeric_text(end)):
        return range_of(start, end)
    low, high = _as_int(start), _as_int(end)
    return range(low, high + 1) if high >= low else range(low, high - 1, -1)


def _is_char(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 1


def _numeric_text(value: str) -> bool:
    return not isinstance(value, Char) and value.isdigit()
