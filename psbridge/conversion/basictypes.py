"""Conversions to Uri, SecureString and enums: the rich types binding needs on every command.

Every cmdlet's common parameters are enums (``-ErrorAction`` is an ActionPreference),
and PSOpenAI's take a ``[uri]`` and a ``[securestring]``, so these three live apart
from :mod:`.richtypes` and its date, regex and encoding modules, which a binder of
plain parameters never loads.  ``_ParsedType`` is the base of every type made from
text by a parser (the rest of them are in :mod:`.richtypes`).

Public: :class:`UriType`, :class:`SecureStringType`, :class:`EnumType`.
"""

from __future__ import annotations

import enum
from typing import Any

from ..objects import SecureString, Uri, UriFormatError
from .errors import cast_with_inner, invalid_cast
from .pstype import Converter, PSType

__all__ = ["EnumType", "SecureStringType", "UriType"]


def _same(value: Any) -> Any:
    return value


def _none(_value: Any) -> None:
    return None


def _plain_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool | enum.Enum)


class _ParsedType(PSType):
    """A type made from text by a parser that raises ValueError with .NET's message."""

    python_class: type | tuple[type, ...] = object
    error_id = "InvalidCastParseTargetInvocation"

    def parse(self, text: str) -> Any:
        raise NotImplementedError

    def from_integer(self, value: int) -> Any:
        raise invalid_cast(value, self.full_name)

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, self.python_class)

    def figure(self, value: Any) -> Converter:
        if self.is_instance(value):
            return _same
        if value is None:
            return _none if not self.is_value_type else self.no_conversion
        if isinstance(value, str):
            return self._from_string
        if _plain_int(value):
            return self.from_integer
        return self.no_conversion

    def _from_string(self, text: str) -> Any:
        try:
            return self.parse(text)
        except (ValueError, OverflowError) as error:
            raise cast_with_inner(text, self.full_name, str(error), error_id=self.error_id) from None


class UriType(_ParsedType):
    python_class = Uri
    error_id = "InvalidCastFromStringToUri"

    def __init__(self) -> None:
        super().__init__("System.Uri")

    def parse(self, text: str) -> Any:
        try:
            return Uri(text)
        except UriFormatError as error:
            raise ValueError(str(error)) from None


class SecureStringType(PSType):
    """No text converts to a SecureString (PowerShell has no such conversion)."""

    def __init__(self) -> None:
        super().__init__("System.Security.SecureString")

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, SecureString)

    def figure(self, value: Any) -> Converter:
        if value is None or isinstance(value, SecureString):
            return _same
        return self.no_conversion

    def construct(self, *args: Any) -> SecureString:
        """``[securestring]::new()``: an empty, writable SecureString (AppendChar fills it)."""
        if args:
            raise ValueError("SecureString's public constructor takes no arguments")
        return SecureString()


class EnumType(PSType):
    """An enum: by name (case-insensitive; ``'A, B'`` for flags), by number, or an instance.

    ``python_enum`` is the Python Enum whose members are the values; ``members``
    maps each name to its number.
    """

    is_value_type = True

    def __init__(self, full_name: str, python_enum: type[enum.Enum], *, flags: bool = False) -> None:
        super().__init__(full_name)
        self.python_enum = python_enum
        self.flags = flags
        # every name, the flags' zero and composite ones too ([RegexOptions]::None, [CommandTypes]::All)
        self.members = {name.rstrip("_"): int(member.value) for name, member in python_enum.__members__.items()}
        self.by_fold = {name.casefold(): name for name in self.members}

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, self.python_enum)

    def figure(self, value: Any) -> Converter:
        if self.is_instance(value):
            return _same
        if isinstance(value, str):
            return self._from_string
        if _plain_int(value) or isinstance(value, enum.Enum):
            return self._from_number
        return self.no_conversion

    def names_text(self) -> str:
        return ", ".join(self.members)

    def _from_number(self, value: Any) -> Any:
        number = int(value.value if isinstance(value, enum.Enum) else value)
        try:
            return self.python_enum(number)
        except ValueError:
            raise cast_with_inner(
                value, self.full_name,
                f"Unable to match the identifier name {number} to a valid enumerator name. Specify one of the "
                f"following enumerator names and try again: {self.names_text()}",
                error_id="InvalidCastFromIntegerToEnum",
            ) from None  # fmt: skip

    def _from_string(self, text: str) -> Any:
        parts = [part.strip() for part in text.split(",")]
        if len(parts) > 1 and not self.flags:
            raise cast_with_inner(
                text, self.full_name,
                f'Cannot convert value "{text}" to type "{self.full_name}" because no commas are allowed for '
                "this enumeration.", error_id="InvalidCastEnumFromTypeNotAString",
            )  # fmt: skip
        result = 0
        for part in parts:
            name = self.by_fold.get(part.casefold())
            if name is not None:
                result |= self.members[name]
            elif part.lstrip("-").isdigit():
                result |= int(part)
            else:
                raise cast_with_inner(
                    text, self.full_name,
                    f"Unable to match the identifier name {text} to a valid enumerator name. Specify one of the "
                    f"following enumerator names and try again: {self.names_text()}",
                    error_id="RuntimeException",
                )  # fmt: skip
        return self._from_number(result)
