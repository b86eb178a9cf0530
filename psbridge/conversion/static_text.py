# ruff: noqa: E501 - member tables: one line per .NET member reads best
"""Text statics: ``[string]::``, ``[char]::``, ``[regex]::``, ``[convert]::``, ``[Text.Encoding]::``, ``[uri]::``,
and the instance methods of an Encoding (``GetBytes``/``GetString``).

``[Text.Encoding]::UTF8`` is the same :class:`~psbridge.objects.encoding.TextEncoding`
a ``-Encoding`` parameter takes, so it binds and ``-is [System.Text.Encoding]``.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
import urllib.parse
from collections.abc import Callable
from typing import Any

from ..objects.encoding import DEFAULT_ENCODING, ENCODING_NAMES, TextEncoding, UnknownEncodingError, get_encoding
from ..objects.numeric import Char
from .collections import as_items
from .formatting import FormatError, composite_format
from .member_args import as_int, as_text, flatten, ignore_case_at, invocation_failed
from .pstype import TypedArray
from .regex import Regex, escape, regex_for
from .scalars import to_string
from .typenames import BOOLEAN, BYTE, DATETIME, DECIMAL, DOUBLE, INT16, INT32, INT64
from .typenames import CHAR as CHAR_TYPE

__all__ = [
    "CHAR", "CONVERT", "ENCODING", "ENCODING_METHODS", "REGEX", "STRING_STATICS", "URI", "WILDCARD", "byte_array", "bytes_of",
]  # fmt: skip

Method = Callable[..., Any]


def bytes_of(value: Any) -> bytes:
    """A byte[] argument as Python bytes (each element converted as [byte] does)."""
    if isinstance(value, bytes | bytearray):
        return bytes(value)
    return bytes(int(BYTE.convert(item)) for item in flatten(value))


def byte_array(data: bytes) -> TypedArray:
    """A Byte[] as scripts see it."""
    return TypedArray([BYTE.convert(b) for b in data], BYTE)


# -- String -------------------------------------------------------------------------------------------
def _join(separator: Any, *values: Any) -> str:
    items = flatten(values[0]) if len(values) == 1 else list(values)
    return as_text(separator).join(to_string(item) if item is not None else "" for item in items)


def _format(template: Any, *args: Any) -> str:
    values = list(args)
    if len(values) == 1 and as_items(values[0]) is not None:
        values = as_items(values[0]) or []
    if template is None:
        raise invocation_failed("Format", len(args) + 1, "Value cannot be null. (Parameter 'format')")
    try:
        return composite_format(as_text(template), values)
    except FormatError as error:
        raise invocation_failed("Format", len(args) + 1, str(error)) from None


def _compare(a: Any, b: Any, *options: Any) -> int:
    from .operators.comparison import _string_order

    if a is None or b is None:
        return (a is not None) - (b is not None)
    ignore = ignore_case_at(options, len(options) - 1) if options else False
    return _string_order(to_string(a), to_string(b), ignore)


def _equals(a: Any, b: Any, *options: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if ignore_case_at(options, 0):
        return to_string(a).casefold() == to_string(b).casefold()
    return to_string(a) == to_string(b)


def _new_string(value: Any, *more: Any) -> str:
    if more and len(more) == 1:  # String(char c, int count)
        return as_text(value)[:1] * as_int(more[0])
    text = "".join(as_text(c) for c in flatten(value))
    if len(more) == 2:  # String(char[] value, int startIndex, int length)
        start, length = as_int(more[0]), as_int(more[1])
        return text[start : start + length]
    return text


STRING_STATICS: dict[str, Any] = {
    "empty": "",
    "isnullorempty": lambda v: v is None or as_text(v) == "",
    "isnullorwhitespace": lambda v: v is None or as_text(v).strip() == "",
    "join": _join,
    "format": _format,
    "concat": lambda *values: "".join(to_string(v) if v is not None else "" for v in (flatten(values[0]) if len(values) == 1 else values)),
    "compare": _compare,
    "compareordinal": lambda a, b: (as_text(a) > as_text(b)) - (as_text(a) < as_text(b)),
    "equals": _equals,
    "new": _new_string,
    "copy": lambda v: as_text(v),
}  # fmt: skip


# -- Char -----------------------------------------------------------------------------------------------
def _char_test(test: Callable[[str], bool]) -> Callable[..., bool]:
    def run(value: Any, *index: Any) -> bool:
        text = as_text(value)
        at = as_int(index[0]) if index else 0
        if not 0 <= at < len(text):
            raise invocation_failed("Is", 1 + len(index), "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')")
        return test(text[at])

    return run


CHAR: dict[str, Any] = {
    "isdigit": _char_test(lambda c: unicodedata.category(c) == "Nd"),
    "isnumber": _char_test(lambda c: unicodedata.category(c) in ("Nd", "Nl", "No")),
    "isletter": _char_test(lambda c: unicodedata.category(c).startswith("L")),
    "isletterordigit": _char_test(lambda c: unicodedata.category(c).startswith("L") or unicodedata.category(c) == "Nd"),
    "iswhitespace": _char_test(lambda c: c.isspace()),
    "isupper": _char_test(lambda c: unicodedata.category(c) == "Lu"),
    "islower": _char_test(lambda c: unicodedata.category(c) == "Ll"),
    "ispunctuation": _char_test(lambda c: unicodedata.category(c).startswith("P")),
    "issymbol": _char_test(lambda c: unicodedata.category(c).startswith("S")),
    "iscontrol": _char_test(lambda c: unicodedata.category(c) == "Cc"),
    "isseparator": _char_test(lambda c: unicodedata.category(c).startswith("Z")),
    "issurrogate": _char_test(lambda c: 0xD800 <= ord(c) <= 0xDFFF),
    "isascii": lambda c: ord(as_text(c)[:1] or "\0") < 128,
    "toupper": lambda c, *a: Char(as_text(c).upper()[:1]),
    "toupperinvariant": lambda c: Char(as_text(c).upper()[:1]),
    "tolower": lambda c, *a: Char(as_text(c).lower()[:1]),
    "tolowerinvariant": lambda c: Char(as_text(c).lower()[:1]),
    "getnumericvalue": _char_test(lambda c: unicodedata.numeric(c, -1.0)),  # type: ignore[arg-type,return-value]
    "convertfromutf32": lambda code: chr(as_int(code)),
    "converttoutf32": lambda text, *i: ord(as_text(text)[as_int(i[0]) if i else 0]),
    "parse": lambda text: Char(as_text(text)) if len(as_text(text)) == 1 else _bad_char(text),
    "maxvalue": Char("\uffff"),
    "minvalue": Char("\0"),
}


def _bad_char(text: Any) -> Any:
    raise invocation_failed("Parse", 1, "String must be exactly one character long.")


# -- Regex ------------------------------------------------------------------------------------------------
def _options(options: tuple[Any, ...]) -> int:
    if not options:
        return 0
    from .netenums import RegexOptions

    option = options[0]
    if isinstance(option, str):  # 'IgnoreCase, Multiline', any case; 'None' is 0
        names = {name.rstrip("_").casefold(): member.value for name, member in RegexOptions.__members__.items()}
        total = 0
        for name in option.split(","):
            folded = name.strip().casefold()
            if folded not in names:
                raise KeyError(name.strip())
            total |= names[folded]
        return total
    return int(getattr(option, "value", option))


def _regex_static(action: Callable[[Regex, str, tuple[Any, ...]], Any], extra: int = 0) -> Method:
    def run(text: Any, pattern: Any, *rest: Any) -> Any:
        arguments, options = rest[:extra], rest[extra:]
        return action(regex_for(as_text(pattern), _options(options)), as_text(text), arguments)

    return run


REGEX: dict[str, Any] = {
    "match": _regex_static(lambda r, text, _a: r.match(text)),
    "matches": _regex_static(lambda r, text, _a: r.matches(text)),
    "ismatch": _regex_static(lambda r, text, _a: r.is_match(text)),
    "replace": _regex_static(lambda r, text, a: r.replace(text, a[0] if callable(a[0]) else as_text(a[0])), 1),
    "split": _regex_static(lambda r, text, _a: r.split(text)),
    "escape": lambda text: escape(as_text(text)),
    "unescape": lambda text: re.sub(r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[tnr]|.)", _unescape_one, as_text(text)),
    "new": lambda pattern, *o: Regex(as_text(pattern), _options(o)),
}  # fmt: skip


def _unescape_one(found: re.Match[str]) -> str:
    code = found.group(1)
    if code[0] in "ux" and len(code) > 1:
        return chr(int(code[1:], 16))
    return {"t": "\t", "n": "\n", "r": "\r"}.get(code, code)


# -- Convert -----------------------------------------------------------------------------------------------
def _from_base64(text: Any) -> TypedArray:
    cleaned = re.sub(r"[ \t\r\n]", "", as_text(text))
    try:
        if len(cleaned) % 4:
            raise binascii.Error
        data = base64.b64decode(cleaned, validate=True)
    except (binascii.Error, ValueError):
        raise invocation_failed(
            "FromBase64String", 1,
            "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding "
            "characters, or an illegal character among the padding characters.",
        ) from None  # fmt: skip
    return byte_array(data)


def _to_base64(data: Any, *rest: Any) -> str:
    raw = bytes_of(data)
    numbers = [as_int(r) for r in rest if not hasattr(r, "name")]
    if len(numbers) == 2:
        raw = raw[numbers[0] : numbers[0] + numbers[1]]
    text = base64.b64encode(raw).decode("ascii")
    if any(getattr(r, "name", "") == "InsertLineBreaks" or to_string(r) == "InsertLineBreaks" for r in rest if not isinstance(r, int)):
        text = "\r\n".join(text[i : i + 76] for i in range(0, len(text), 76))
    return text


def _to_integer(target: Any, method: str) -> Method:
    """Convert.ToInt32(value) / ToInt32(string, fromBase): bases 2, 8, 10, 16, two's complement."""

    def run(value: Any, base: Any = None) -> Any:
        if value is None:
            return target.from_number(0)
        if base is None:
            if isinstance(value, str) and not isinstance(value, Char):
                from .static_math import net_parse

                try:
                    return net_parse(target, value)
                except (ValueError, OverflowError) as error:
                    raise invocation_failed(method, 1, str(error)) from None
            return target.convert(value)
        radix = as_int(base)
        if radix not in (2, 8, 10, 16):
            raise invocation_failed(method, 2, "Invalid Base.")
        text = as_text(value).strip()
        if radix == 16 and text[:2].lower() == "0x":
            text = text[2:]
        try:
            number = int(text, radix)
        except ValueError:
            raise invocation_failed(method, 2, "Could not find any recognizable digits." if not text else "Additional non-parsable characters are at the end of the string.") from None
        bits = {"System.Int16": 16, "System.Int32": 32, "System.Int64": 64, "System.Byte": 8}.get(target.full_name, 32)
        if radix != 10 and number >= 2 ** (bits - 1) and target.minimum < 0:
            number -= 2**bits
        try:
            return target.from_number(number)
        except Exception:
            raise invocation_failed(method, 2, target.overflow_text) from None

    return run


def _to_base(value: Any, base: Any = None) -> str:
    if base is None:
        return to_string(value) if value is not None else ""
    radix = as_int(base)
    if radix not in (2, 8, 10, 16):
        raise invocation_failed("ToString", 2, "Invalid Base.")
    number = int(value)
    if radix == 10:
        return str(number)
    if number < 0:
        number &= 0xFFFFFFFFFFFFFFFF if type(value).__name__ == "Int64" else 0xFFFFFFFF
    return format(number, {2: "b", 8: "o", 16: "x"}[radix])


def _to_boolean(value: Any) -> bool:
    if isinstance(value, str):
        text = value.strip().casefold()
        if text in ("true", "false"):
            return text == "true"
        raise invocation_failed("ToBoolean", 1, f"String '{value}' was not recognized as a valid Boolean.")
    return bool(BOOLEAN.convert(value))


def _from_hex(text: Any) -> TypedArray:
    try:
        return byte_array(bytes.fromhex(as_text(text)))
    except ValueError:
        raise invocation_failed("FromHexString", 1, "The input is not a valid hex string as it contains a non-hex character.") from None


CONVERT: dict[str, Any] = {
    "tobase64string": _to_base64,
    "frombase64string": _from_base64,
    "toint16": _to_integer(INT16, "ToInt16"),
    "toint32": _to_integer(INT32, "ToInt32"),
    "toint64": _to_integer(INT64, "ToInt64"),
    "tobyte": _to_integer(BYTE, "ToByte"),
    "todouble": lambda v: DOUBLE.convert(v),
    "todecimal": lambda v: DECIMAL.convert(v),
    "tostring": _to_base,
    "toboolean": _to_boolean,
    "tohexstring": lambda data, *r: bytes_of(data).hex().upper(),
    "tohexstringlower": lambda data, *r: bytes_of(data).hex(),
    "fromhexstring": _from_hex,
    "tochar": lambda v: CHAR_TYPE.convert(v),
    "todatetime": lambda v: DATETIME.convert(v),
    "changetype": lambda v, t: t.convert(v) if hasattr(t, "convert") else _change_type(v, t),
}  # fmt: skip


def _change_type(value: Any, type_name: Any) -> Any:
    from .typenames import resolve_type

    return resolve_type(to_string(type_name)).convert(value)


# -- Encoding ----------------------------------------------------------------------------------------------
def _encoding(name: Any, *_fallbacks: Any) -> TextEncoding:
    try:
        return get_encoding(name if isinstance(name, int) else as_text(name))
    except UnknownEncodingError as error:
        raise invocation_failed("GetEncoding", 1 + len(_fallbacks), str(error)) from None


ENCODING: dict[str, Any] = {
    "utf8": get_encoding("utf-8"),  # Encoding.UTF8 writes a BOM, unlike PowerShell's "utf8"
    "ascii": ENCODING_NAMES["ascii"],
    "unicode": ENCODING_NAMES["unicode"],
    "bigendianunicode": ENCODING_NAMES["bigendianunicode"],
    "utf32": ENCODING_NAMES["utf32"],
    "utf7": ENCODING_NAMES["utf7"],
    "latin1": get_encoding(28591),
    "default": DEFAULT_ENCODING,
    "getencoding": _encoding,
    "getencodings": lambda: list({id(e): e for e in ENCODING_NAMES.values()}.values()),
}


def _get_string(encoding: TextEncoding, data: Any, *bounds: Any) -> str:
    raw = bytes_of(data)
    if len(bounds) == 2:
        start, count = as_int(bounds[0]), as_int(bounds[1])
        if start < 0 or count < 0 or start + count > len(raw):
            raise invocation_failed("GetString", 3, "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')")
        raw = raw[start : start + count]
    return encoding.decode(raw)


ENCODING_METHODS: dict[str, Method] = {
    "getbytes": lambda e, text, *r: byte_array(e.encode("".join(as_text(c) for c in flatten(text)) if as_items(text) is not None else as_text(text))),
    "getstring": _get_string,
    "getbytecount": lambda e, text: len(e.encode(as_text(text))),
    "getcharcount": lambda e, data: len(e.decode(bytes_of(data))),
    "getchars": lambda e, data: TypedArray([Char(c) for c in e.decode(bytes_of(data))], CHAR_TYPE),
    "getpreamble": lambda e: byte_array(e.preamble),
    "getmaxbytecount": lambda e, n: (as_int(n) + 1) * {"utf-8": 3, "ascii": 1}.get(e.codec, 4),
    "tostring": lambda e: str(e),
}  # fmt: skip


# -- WildcardPattern -------------------------------------------------------------------------------------
_WILDCARD_SPECIAL = "*?[]`"

WILDCARD: dict[str, Any] = {
    "escape": lambda text: "".join("`" + c if c in _WILDCARD_SPECIAL else c for c in as_text(text)),
    "unescape": lambda text: re.sub(r"`(.)", r"\1", as_text(text)),
    "containswildcardcharacters": lambda text: bool(re.search(r"(?<!`)[*?\[\]]", as_text(text))),
}


# -- Uri --------------------------------------------------------------------------------------------------
URI: dict[str, Any] = {
    "escapedatastring": lambda text: urllib.parse.quote(as_text(text), safe="-_.~"),
    "escapeuristring": lambda text: urllib.parse.quote(as_text(text), safe="-_.~:/?#[]@!$&'()*+,;="),
    "unescapedatastring": lambda text: urllib.parse.unquote(as_text(text)),
    "iswellformeduristring": lambda text, kind=None: _well_formed(as_text(text), to_string(kind) if kind is not None else "Absolute"),
    "urischemehttp": "http",
    "urischemehttps": "https",
    "urischemefile": "file",
    "schemedelimiter": "://",
}


def _well_formed(text: str, kind: str) -> bool:
    parsed = urllib.parse.urlsplit(text)
    absolute = bool(parsed.scheme) and (bool(parsed.netloc) or parsed.scheme in ("mailto", "urn", "file", "data"))
    if " " in text:
        return False
    return absolute if kind.casefold() == "absolute" else (not absolute if kind.casefold() == "relative" else True)
