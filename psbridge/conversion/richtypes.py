"""Conversions to DateTime, TimeSpan, Guid, Version, Uri, Regex, SecureString, enums, ScriptBlock, Type.

Each follows the path LanguagePrimitives finds for it: a string goes through the
type's Parse (or constructor), an integer through the ``(long ticks)``
constructor for DateTime/TimeSpan, an enum from its names (case-insensitive,
comma-separated for flags) or its numbers.  Failures carry .NET's inner message.

``[scriptblock]`` needs the language: the evaluator registers its script-block
class with :func:`register_scriptblock_class`; until then nothing is a script block.
Uri, SecureString and enums live in :mod:`.basictypes` (no date, regex or encoding
modules behind them: every cmdlet's common parameters are enums) and are re-exported here.

Public: :class:`DateTimeType`, :class:`TimeSpanType`, :class:`GuidType`,
:class:`VersionType` and :class:`Version`, :class:`UriType`, :class:`RegexType`,
:class:`SecureStringType`, :class:`EnumType`, :class:`ScriptBlockType`,
:class:`TypeType`, :func:`register_scriptblock_class`.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import uuid
from collections.abc import Callable
from typing import Any

from ..objects.encoding import TextEncoding
from ..objects.numeric import Char
from .basictypes import EnumType, SecureStringType, UriType, _ParsedType, _same
from .datetimes import datetime_from_ticks, parse_datetime, parse_timespan
from .errors import cast_with_inner, invalid_cast
from .pstype import Converter, PSType
from .regex import Regex, RegexParseError
from .version import Version

__all__ = [
    "DateTimeType",
    "EncodingType",
    "EnumType",
    "GuidType",
    "RegexType",
    "ScriptBlockType",
    "SecureStringType",
    "TimeSpanType",
    "TypeType",
    "UriType",
    "Version",
    "VersionType",
    "register_scriptblock_class",
]


class DateTimeType(_ParsedType):
    python_class = _dt.datetime
    is_value_type = True

    def __init__(self) -> None:
        super().__init__("System.DateTime")

    def parse(self, text: str) -> Any:
        return parse_datetime(text)

    def from_integer(self, value: int) -> Any:
        if not 0 <= value <= 3_155_378_975_999_999_999:
            raise cast_with_inner(
                value, self.full_name, "Ticks must be between DateTime.MinValue.Ticks and DateTime.MaxValue.Ticks.",
                error_id="InvalidCastConstructorException",
            )  # fmt: skip
        return datetime_from_ticks(value)


class TimeSpanType(_ParsedType):
    python_class = _dt.timedelta
    is_value_type = True

    def __init__(self) -> None:
        super().__init__("System.TimeSpan")

    def parse(self, text: str) -> Any:
        return parse_timespan(text)

    def from_integer(self, value: int) -> Any:
        if not -(2**63) <= value < 2**63:  # TimeSpan(long ticks): the number must be an Int64 first
            raise invalid_cast(value, self.full_name)
        return _dt.timedelta(microseconds=value // 10)


class GuidType(_ParsedType):
    python_class = uuid.UUID
    is_value_type = True

    def __init__(self) -> None:
        super().__init__("System.Guid")

    def parse(self, text: str) -> Any:
        cleaned = text.strip()
        if cleaned.startswith("{") and "0x" in cleaned.casefold():
            return _hex_guid(cleaned)
        if len(cleaned) == 38 and cleaned[0] + cleaned[-1] in ("{}", "()"):
            cleaned = cleaned[1:-1]
        if len(cleaned) not in (32, 36) or (len(cleaned) == 36 and cleaned.count("-") != 4):
            raise ValueError("Unrecognized Guid format.")
        try:
            return uuid.UUID(cleaned)
        except ValueError:
            raise ValueError("Guid string should only contain hexadecimal characters.") from None


#: Guid's "X" format, ``{0x01234567,0x89ab,0xcdef,{0x01,...,0xef}}`` (whitespace removed first, as
#: Guid.Parse does for it); each hex number may have fewer digits than its field.
_HEX_GUID = re.compile(
    r"\{0[xX]([0-9a-fA-F]{1,8}),0[xX]([0-9a-fA-F]{1,4}),0[xX]([0-9a-fA-F]{1,4}),"
    r"\{" + ",".join([r"0[xX]([0-9a-fA-F]{1,2})"] * 8) + r"\}\}"
)


def _hex_guid(text: str) -> uuid.UUID:
    match = _HEX_GUID.fullmatch("".join(text.split()))
    if match is None:
        raise ValueError("Unrecognized Guid format.")
    parts = [int(group, 16) for group in match.groups()]
    return uuid.UUID(fields=(parts[0], parts[1], parts[2], parts[3], parts[4],
                             int.from_bytes(bytes(parts[5:]), "big")))  # fmt: skip


class VersionType(_ParsedType):
    python_class = Version

    def __init__(self) -> None:
        super().__init__("System.Version")

    def parse(self, text: str) -> Any:
        return Version.parse(text)

    def figure(self, value: Any) -> Converter:
        if isinstance(value, float | int) and not isinstance(value, bool):
            return lambda number: self._from_string(str(number))
        return super().figure(value)


class RegexType(_ParsedType):
    python_class = Regex
    error_id = "InvalidCastFromStringToRegex"

    def __init__(self) -> None:
        super().__init__("System.Text.RegularExpressions.Regex")

    def parse(self, text: str) -> Any:
        try:
            return Regex(text)
        except RegexParseError as error:
            raise ValueError(str(error)) from None


class EncodingType(PSType):
    """System.Text.Encoding: only an Encoding (names and code pages become one by the
    parameter's ArgumentToEncodingTransformation, not by conversion)."""

    def __init__(self) -> None:
        super().__init__("System.Text.Encoding")

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, TextEncoding)

    def figure(self, value: Any) -> Converter:
        if value is None or isinstance(value, TextEncoding):
            return _same
        return self.no_conversion


_scriptblock_classes: list[type] = []
_scriptblock_from_text: list[Callable[[str], Any]] = []


def register_scriptblock_class(cls: type, create: Callable[[str], Any] | None = None) -> None:
    """The language registers its ScriptBlock class (and ``[scriptblock]::Create``)."""
    if cls not in _scriptblock_classes:
        _scriptblock_classes.append(cls)
    if create is not None:
        _scriptblock_from_text[:] = [create]


class ScriptBlockType(PSType):
    """``[scriptblock]``: only script blocks (a string does not convert, as in PowerShell)."""

    def __init__(self) -> None:
        super().__init__("System.Management.Automation.ScriptBlock")

    def is_instance(self, value: Any) -> bool:
        return bool(_scriptblock_classes) and isinstance(value, tuple(_scriptblock_classes))

    def figure(self, value: Any) -> Converter:
        if value is None or self.is_instance(value):
            return _same
        return self.no_conversion

    def create(self, text: str) -> Any:
        """``[scriptblock]::Create(text)``, once the language has registered a factory."""
        if not _scriptblock_from_text:
            raise invalid_cast(text, self.full_name)
        return _scriptblock_from_text[0](text)


class TypeType(PSType):
    """``[type]``: a PSType, or a type name resolved as a type literal would be."""

    def __init__(self, resolve: Callable[[str], PSType]) -> None:
        super().__init__("System.Type")
        self._resolve = resolve

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, PSType)

    def figure(self, value: Any) -> Converter:
        if value is None or isinstance(value, PSType):
            return _same
        if isinstance(value, str) and not isinstance(value, Char):
            return self._resolve
        return self.no_conversion


def enum_values(enum_type: Any) -> list[enum.Enum]:
    """Enum.GetValues: one value per label, aliases included (``ogg = 15; oga = 15`` gives 15
    twice), in the order of their unsigned values."""
    members = list(enum_type.python_enum.__members__.values())
    return sorted(members, key=lambda member: int(member.value) & 0xFFFFFFFFFFFFFFFF)
