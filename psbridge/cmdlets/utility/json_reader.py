"""Reading JSON as ConvertFrom-Json does (Newtonsoft.Json's lenient reader, then PowerShell's objects).

Newtonsoft accepts more than strict JSON, and scripts rely on it: comments (``//`` and
``/* */``), single-quoted strings, unquoted property names, trailing commas, ``NaN`` and
``Infinity``, ``undefined``.  Integers become Int64 (BigInteger past it), other numbers
Double, ISO 8601 strings DateTimes (per -DateKind); objects become PSCustomObjects (or
ordered, case-sensitive hashtables with -AsHashtable); a repeated property keeps its last
value.  Bad input is Newtonsoft's JsonReaderException text, with its path, line and
position: ``Unexpected character encountered while parsing value: x. Path 'a', line 1,
position 6.``
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ...errors import ErrorCategory
from ...objects import Hashtable, PSObject
from ...objects.numeric import Int64
from ..common.errors import CmdletError

__all__ = ["JsonReaderError", "OrderedHashtable", "read_json"]


class JsonReaderError(Exception):
    """Newtonsoft's JsonException: the message includes the path, line and position."""


class OrderedHashtable(Hashtable):
    """What -AsHashtable returns: insertion-ordered, keys compared case-sensitively."""

    __slots__ = ()

    @staticmethod
    def _fold(key: Any) -> Any:
        return key


_ISO_DATE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$"
)
_IDENTIFIER = re.compile(r"[A-Za-z0-9_$]+")
_NUMBER = re.compile(r"-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")
_SIMPLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {'"': '"', "'": "'", "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_MISSING: Any = object()


def read_json(
    text: str, *, as_hashtable: bool = False, max_depth: int | None = 1024, date_kind: str = "Default"
) -> Any:
    """The objects of one JSON text (None for empty or blank text)."""
    reader = _Reader(text, as_hashtable, max_depth, date_kind.casefold())
    return reader.document()


class _Reader:
    def __init__(self, text: str, as_hashtable: bool, max_depth: int | None, date_kind: str) -> None:
        self.text = text
        self.pos = 0
        self.as_hashtable = as_hashtable
        self.max_depth = max_depth
        self.date_kind = date_kind
        self.path: list[str | int] = []
        self.depth = 0

    # -- positions and errors ----------------------------------------------------------------
    def _line_and_position(self, index: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, index) + 1
        start = self.text.rfind("\n", 0, index) + 1
        return line, index - start

    def _path_text(self) -> str:
        out = ""
        for part in self.path:
            if isinstance(part, int):
                out += f"[{part}]"
            elif _SIMPLE_NAME.match(part):
                out += ("." if out else "") + part
            else:
                out += "['" + part.replace("'", "\\'") + "']"
        return out

    def error(self, message: str, at: int | None = None, *, consumed: bool = True) -> JsonReaderError:
        """``consumed``: the offending character was read (position counts it), as Newtonsoft reports."""
        index = self.pos if at is None else at
        line, position = self._line_and_position(min(index, len(self.text)))
        if consumed and index < len(self.text):
            position += 1
        return JsonReaderError(f"{message} Path '{self._path_text()}', line {line}, position {position}.")

    # -- scanning -----------------------------------------------------------------------------
    def skip(self) -> None:
        """Whitespace and comments."""
        text, length = self.text, len(self.text)
        while self.pos < length:
            char = text[self.pos]
            if char in " \t\r\n\ufeff\u00a0":
                self.pos += 1
            elif char == "/" and self.pos + 1 < length and text[self.pos + 1] == "/":
                end = text.find("\n", self.pos)
                self.pos = length if end == -1 else end + 1
            elif char == "/" and self.pos + 1 < length and text[self.pos + 1] == "*":
                end = text.find("*/", self.pos + 2)
                if end == -1:
                    self.pos = length
                    raise self.error("Unexpected end while parsing comment.", consumed=False)
                self.pos = end + 2
            else:
                return

    def document(self) -> Any:
        self.skip()
        if self.pos >= len(self.text):
            return None
        value = self.value()
        self.skip()
        if self.pos < len(self.text):
            raise self.error(
                f"Additional text encountered after finished reading JSON content: {self.text[self.pos]}."
            )
        return value

    def value(self) -> Any:
        return self.container()

    def scalar(self) -> Any:
        char = self.text[self.pos]
        if char in "\"'":
            return self.string_value()
        if char == "-" or char == "." or char.isdigit():
            return self.number()
        word = _IDENTIFIER.match(self.text, self.pos)
        if word is not None:
            return self.literal(word.group(0))
        raise self.error(f"Unexpected character encountered while parsing value: {char}.")

    def literal(self, word: str) -> Any:
        start = self.pos
        self.pos += len(word)
        known = {"true": True, "false": False, "null": None, "undefined": None, "NaN": float("nan")}
        if word in known:
            return known[word]
        if word == "Infinity":
            return float("inf")
        raise self.error(f"Unexpected character encountered while parsing value: {word[0]}.", start)

    def number(self) -> Any:
        if self.text.startswith("-Infinity", self.pos):
            self.pos += len("-Infinity")
            return float("-inf")
        match = _NUMBER.match(self.text, self.pos)
        if match is None:
            raise self.error(f"Unexpected character encountered while parsing number: {self.text[self.pos]}.")
        token = match.group(0)
        self.pos = match.end()
        if self.pos < len(self.text) and (self.text[self.pos].isalnum() or self.text[self.pos] in "._"):
            raise self.error(f"Unexpected character encountered while parsing number: {self.text[self.pos]}.")
        lowered = token.lower()
        if "x" in lowered:
            return Int64(int(token, 16))
        if any(c in lowered for c in ".e"):
            return float(token)
        number = int(token)
        return Int64(number) if -(2**63) <= number < 2**63 else number

    def string(self) -> str:
        quote = self.text[self.pos]
        self.pos += 1
        parts: list[str] = []
        text, length = self.text, len(self.text)
        while True:
            end = self.pos
            while end < length and text[end] != quote and text[end] != "\\":
                end += 1
            parts.append(text[self.pos : end])
            if end >= length:
                self.pos = length
                raise self.error(f"Unterminated string. Expected delimiter: {quote}.", consumed=False)
            if text[end] == quote:
                self.pos = end + 1
                return "".join(parts)
            # an escape
            if end + 1 >= length:
                self.pos = length
                raise self.error(f"Unterminated string. Expected delimiter: {quote}.", consumed=False)
            code = text[end + 1]
            if code in _ESCAPES:
                parts.append(_ESCAPES[code])
                self.pos = end + 2
            elif code == "u":
                digits = text[end + 2 : end + 6]
                if len(digits) < 4 or not all(c in "0123456789abcdefABCDEF" for c in digits):
                    self.pos = end + 2
                    raise self.error(f"Invalid Unicode escape sequence: \\u{digits}.", consumed=False)
                parts.append(chr(int(digits, 16)))
                self.pos = end + 6
            else:
                self.pos = end + 1
                raise self.error(f"Bad JSON escape sequence: \\{code}.", end + 1)

    def string_value(self) -> Any:
        text = self.string()
        if self.date_kind == "string":
            return text
        return _date(text, self.date_kind) if len(text) >= 19 and text[4:5] == "-" else text

    def _enter(self) -> None:
        self.depth += 1
        if self.max_depth is not None and self.depth > self.max_depth:
            raise self.error(f"The reader's MaxDepth of {self.max_depth} has been exceeded.")

    def container(self) -> Any:
        """An object or array, read with an explicit stack (JSON nests deeper than Python recurses)."""
        stack: list[tuple[dict[str, Any] | list[Any], str | None]] = []
        value: Any = _MISSING
        while True:
            if value is _MISSING:
                # At the start of a value: open a container or read a scalar.
                self.skip()
                if self.pos >= len(self.text):
                    raise self.error("Unexpected end when reading JSON.", consumed=False)
                char = self.text[self.pos]
                if char == "{" or char == "[":
                    self._enter()
                    self.pos += 1
                    stack.append(({} if char == "{" else [], None))
                    value = self._next_member(stack)
                    continue
                value = self.scalar()
            # A value is complete: hand it to the container it belongs to.
            if not stack:
                return value
            container, key = stack[-1]
            if isinstance(container, dict):
                assert key is not None
                container.pop(key, None)  # a repeated property keeps its last value (JTokenWriter)
                container[key] = value
            else:
                container.append(value)
            value = self._after_member(stack)

    def _next_member(self, stack: list[tuple[dict[str, Any] | list[Any], str | None]]) -> Any:
        """After ``{``, ``[`` or ``,``: the next member's start (``_MISSING``), or a closed container."""
        container, _ = stack[-1]
        self.skip()
        if self.pos >= len(self.text):
            if isinstance(container, list) and container:
                self.path.append(len(container) - 1)
            kind = "JObject" if isinstance(container, dict) else "JArray"
            raise self.error(f"Unexpected end of content while loading {kind}.", consumed=False)
        char = self.text[self.pos]
        if char == ("}" if isinstance(container, dict) else "]"):
            self.pos += 1
            return self._close(stack)
        if isinstance(container, list):
            self.path.append(len(container))
            return _MISSING
        if char in "\"'":
            key = self.string()
        else:
            word = _IDENTIFIER.match(self.text, self.pos)
            if word is None:
                raise self.error(f"Invalid property identifier character: {char}.")
            key = word.group(0)
            self.pos = word.end()
        self.path.append(key)
        stack[-1] = (container, key)
        self.skip()
        if self.pos >= len(self.text):
            raise self.error("Unexpected end of content while loading JObject.", consumed=False)
        if self.text[self.pos] != ":":
            raise self.error(
                f"Invalid character after parsing property name. Expected ':' but got: {self.text[self.pos]}."
            )
        self.pos += 1
        return _MISSING

    def _after_member(self, stack: list[tuple[dict[str, Any] | list[Any], str | None]]) -> Any:
        """After a member's value: ``,`` (next member), the closing bracket, or an error."""
        container, _ = stack[-1]
        self.skip()
        kind = "JObject" if isinstance(container, dict) else "JArray"
        if self.pos >= len(self.text):
            raise self.error(f"Unexpected end of content while loading {kind}.", consumed=False)
        char = self.text[self.pos]
        if char == ",":
            self.pos += 1
            self.path.pop()
            return self._next_member(stack)
        if char == ("}" if isinstance(container, dict) else "]"):
            self.pos += 1
            self.path.pop()
            return self._close(stack)
        raise self.error(f"After parsing a value an unexpected character was encountered: {char}.")

    def _close(self, stack: list[tuple[dict[str, Any] | list[Any], str | None]]) -> Any:
        container, _ = stack.pop()
        self.depth -= 1
        return self._make_object(container) if isinstance(container, dict) else container

    # -- PowerShell's objects --------------------------------------------------------------------
    def _make_object(self, entries: dict[str, Any]) -> Any:
        if self.as_hashtable:
            return OrderedHashtable(entries.items())
        seen: dict[str, str] = {}
        for key in entries:
            if key == "":
                raise _content_error(
                    "The provided JSON includes a property whose name is an empty string, this is only supported "
                    "using the -AsHashTable switch.",
                    "EmptyKeyInJsonString",
                )
            earlier = seen.get(key.casefold())
            if earlier is not None:
                raise _content_error(
                    "Cannot convert the JSON string because it contains keys with different casing. Please use the "
                    f"-AsHashTable switch instead. The key that was attempted to be added to the existing key "
                    f"'{earlier}' was '{key}'.",
                    "KeysWithDifferentCasingInJsonString",
                )
            seen[key.casefold()] = key
        return PSObject(entries)


def _content_error(message: str, error_id: str) -> CmdletError:
    return CmdletError(
        message,
        error_id=error_id,
        category=ErrorCategory.InvalidOperation,
        exception_type="System.InvalidOperationException",
    )


def _date(text: str, kind: str) -> Any:
    """Newtonsoft's DateParseHandling: an ISO 8601 date-time string becomes a DateTime (or offset)."""
    match = _ISO_DATE.match(text)
    if match is None:
        return text
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    fraction = (match.group(7) or "").ljust(7, "0")
    microsecond = int(fraction[:6]) if fraction else 0
    try:
        naive = dt.datetime(year, month, day, hour, minute, second, microsecond)
    except ValueError:
        return text
    zone_text = match.group(8)
    zone: dt.tzinfo | None = None
    if zone_text == "Z":
        zone = dt.UTC
    elif zone_text:
        sign = -1 if zone_text[0] == "-" else 1
        zone = dt.timezone(sign * dt.timedelta(hours=int(zone_text[1:3]), minutes=int(zone_text[4:6])))
    if kind == "offset":
        return naive.replace(tzinfo=zone) if zone is not None else naive.astimezone()
    if kind == "utc":
        return naive.replace(tzinfo=zone).astimezone(dt.UTC) if zone is not None else naive.replace(tzinfo=dt.UTC)
    if kind == "local":
        return naive.replace(tzinfo=zone).astimezone() if zone is not None else naive.astimezone()
    # Default (RoundtripKind): Z stays UTC, an offset becomes local time, none stays unspecified.
    if zone is None:
        return naive
    if zone is dt.UTC:
        return naive.replace(tzinfo=dt.UTC)
    return naive.replace(tzinfo=zone).astimezone()
