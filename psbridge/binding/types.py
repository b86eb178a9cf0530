"""Parameter types and PowerShell's conversion rules for them.

Each type answers two questions the binder asks, mirroring PowerShell:
``is_instance`` (can the value bind *without* coercion, in the first pipeline
passes and positional attempts) and ``convert`` (the advanced-function type
converter, which either returns the converted value or raises
:class:`ConversionError` with .NET's wording of the failure).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
import math
from collections.abc import Iterable, Mapping
from typing import Any

from ..objects import (
    Hashtable,
    PSObject,
    SecureString,
    SwitchParameter,
    Uri,
    UriFormatError,
    dotnet_type_name,
    find_adapter,
    to_ps_string,
)
from ..objects.encoding import TextEncoding
from ..specs.model import ParameterSpec
from ..specs.types import is_flags_enum, nullable_inner
from .numbers import parse_ps_number, round_half_even

__all__ = ["ActionPreference", "ConversionError", "PSType", "is_enumerable", "resolve_parameter_type", "resolve_type"]


class ConversionError(Exception):
    """A failed cast; the message is what PowerShell puts after the parameter name."""


class ActionPreference(enum.Enum):
    SilentlyContinue = 0
    Stop = 1
    Continue = 2
    Inquire = 3
    Ignore = 4
    Suspend = 5
    Break = 6

    def __str__(self) -> str:
        return self.name


_SCALARS = frozenset({str, int, float, bool, type(None), PSObject, dict, Hashtable})


def is_enumerable(value: Any) -> bool:
    """Whether PowerShell would treat ``value`` as a collection (not strings or dictionaries)."""
    kind = type(value)
    if kind is list or kind is tuple:
        return True
    if kind in _SCALARS:
        return False
    if isinstance(value, list | tuple | set | frozenset):
        return True
    if value is None or isinstance(value, str | bytes | Mapping | PSObject | int | float):
        return False
    adapter = find_adapter(value)
    if adapter is not None:
        return adapter.is_enumerable(value)
    return False


def _as_list(value: Any) -> list[Any]:
    adapter = find_adapter(value)
    if adapter is not None:
        return list(adapter.to_python(value))
    return list(value)


def _cannot_convert(value: Any, target: str) -> ConversionError:
    return ConversionError(
        f'Cannot convert the "{_value_text(value)}" value of type "{dotnet_type_name(value)}" to type "{target}".'
    )


def _value_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "System.Object[]"
    return to_ps_string(value)


class PSType:
    """A parameter type.  Subclasses override the two questions."""

    name = "Object"
    dotnet_name = "System.Object"
    is_value_type = False
    is_collection = False
    element: PSType | None = None

    def is_instance(self, value: Any) -> bool:
        return True

    def convert(self, value: Any) -> Any:
        return value

    def accepts_null_uncoerced(self) -> bool:
        """``$null`` binds without coercion only to reference types other than string."""
        return not self.is_value_type and self.name != "String"

    def __repr__(self) -> str:
        return f"PSType({self.name})"


class ObjectType(PSType):
    def __init__(self, name: str = "Object", dotnet_name: str = "System.Object") -> None:
        self.name, self.dotnet_name = name, dotnet_name

    def convert(self, value: Any) -> Any:
        adapter = find_adapter(value) if value is not None else None
        return adapter.to_python(value) if adapter is not None and not adapter.is_enumerable(value) else value


class StringType(PSType):
    name, dotnet_name = "String", "System.String"

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, str)

    def convert(self, value: Any) -> Any:
        if isinstance(value, str):
            return value
        if is_enumerable(value):
            raise ConversionError("Cannot convert value to type System.String.")
        return to_ps_string(value)


class CharType(PSType):
    name, dotnet_name, is_value_type = "Char", "System.Char", True

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, str) and len(value) == 1

    def convert(self, value: Any) -> Any:
        text = to_ps_string(value) if not isinstance(value, int | float) or isinstance(value, bool) else None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 0x10000:
            return chr(value)
        if text is not None and len(text) == 1:
            return text
        raise ConversionError(
            f'Cannot convert value "{_value_text(value)}" to type "System.Char". '
            'Error: "String must be exactly one character long."'
        )


class IntegerType(PSType):
    is_value_type = True

    def __init__(self, name: str, minimum: int, maximum: int) -> None:
        self.name, self.dotnet_name = name, f"System.{name}"
        self.minimum, self.maximum = minimum, maximum

    def is_instance(self, value: Any) -> bool:
        return type(value) is int and self.minimum <= value <= self.maximum

    def _overflow(self, value: Any) -> ConversionError:
        return ConversionError(
            f'Cannot convert value "{_value_text(value)}" to type "{self.dotnet_name}". '
            f'Error: "Value was either too large or too small for {_article(self.name)} {self.name}."'
        )

    def convert(self, value: Any) -> Any:
        if value is None:
            return 0
        if isinstance(value, bool | SwitchParameter):
            return int(bool(value))
        number: int | float | decimal.Decimal
        if isinstance(value, int | decimal.Decimal):
            number = value
        elif isinstance(value, float):
            if math.isnan(value) or math.isinf(value):
                raise self._overflow(value)
            number = value
        elif isinstance(value, str):
            try:
                number = parse_ps_number(value)
            except ValueError:
                raise ConversionError(
                    f'Cannot convert value "{value}" to type "{self.dotnet_name}". '
                    f"Error: \"The input string '{value}' was not in a correct format.\""
                ) from None
        else:
            adapter = find_adapter(value)
            if adapter is not None:
                return self.convert(adapter.to_python(value))
            raise _cannot_convert(value, self.dotnet_name)
        if isinstance(number, float | decimal.Decimal):
            if isinstance(number, float) and (math.isnan(number) or math.isinf(number)):
                raise self._overflow(value)
            number = round_half_even(number)
        if not self.minimum <= number <= self.maximum:
            raise self._overflow(value)
        return number


def _article(name: str) -> str:
    return "an" if name[0] in "AEIOUaeiou" else "a"


class FloatType(PSType):
    is_value_type = True

    def __init__(self, name: str) -> None:
        self.name, self.dotnet_name = name, f"System.{name}"

    def is_instance(self, value: Any) -> bool:
        # A Python float is a System.Double; a Single parameter always converts.
        return type(value) is float and self.name == "Double"

    def convert(self, value: Any) -> Any:
        if value is None:
            return 0.0
        if isinstance(value, bool | SwitchParameter):
            return float(bool(value))
        if isinstance(value, int | float | decimal.Decimal):
            return float(value)
        if isinstance(value, str):
            try:
                return float(parse_ps_number(value))
            except ValueError:
                raise ConversionError(
                    f'Cannot convert value "{value}" to type "{self.dotnet_name}". '
                    f"Error: \"The input string '{value}' was not in a correct format.\""
                ) from None
        adapter = find_adapter(value)
        if adapter is not None:
            return self.convert(adapter.to_python(value))
        raise _cannot_convert(value, self.dotnet_name)


class BooleanType(PSType):
    """``[bool]`` accepts only Booleans and numbers: ``"true"`` and ``$null`` are rejected."""

    name, dotnet_name, is_value_type = "Boolean", "System.Boolean", True

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, bool)

    def convert(self, value: Any) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, SwitchParameter):
            return value.is_present
        if isinstance(value, int | float | decimal.Decimal):
            return value != 0
        adapter = find_adapter(value) if value is not None else None
        if adapter is not None:
            return self.convert(adapter.to_python(value))
        raise ConversionError(
            f'Cannot convert value "{dotnet_type_name(value) if value is not None else ""}" to type '
            f'"{self.dotnet_name}". Boolean parameters accept only Boolean values and numbers, '
            "such as $True, $False, 1 or 0."
        )


class SwitchType(BooleanType):
    name, dotnet_name = "SwitchParameter", "System.Management.Automation.SwitchParameter"

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, SwitchParameter)

    def convert(self, value: Any) -> Any:
        if value is None:
            return SwitchParameter(False)
        return SwitchParameter(BooleanType.convert(self, value))


class UriType(PSType):
    name, dotnet_name = "Uri", "System.Uri"

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, Uri)

    def convert(self, value: Any) -> Any:
        if value is None or isinstance(value, Uri):
            return value
        if is_enumerable(value):
            raise _cannot_convert(value, self.dotnet_name)
        text = to_ps_string(value)
        try:
            return Uri(text)
        except UriFormatError as error:
            raise ConversionError(f'Cannot convert value "{text}" to type "System.Uri". Error: "{error}"') from None


class SecureStringType(PSType):
    """No text converts to a SecureString; only a transformation (PSOpenAI's) can make one."""

    name, dotnet_name = "SecureString", "System.Security.SecureString"

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, SecureString)

    def convert(self, value: Any) -> Any:
        if value is None or isinstance(value, SecureString):
            return value
        adapter = find_adapter(value)
        if adapter is not None:
            converted = adapter.to_python(value)
            if isinstance(converted, SecureString):
                return converted
        if isinstance(value, str):
            raise ConversionError(
                f'Cannot convert the "{value}" value of type "System.String" to type "System.Security.SecureString".'
            )
        raise _cannot_convert(value, self.dotnet_name)


class DictionaryType(PSType):
    """IDictionary/Hashtable: a Hashtable or any Python mapping (a ``dict`` from Python code)."""

    def __init__(self, name: str, dotnet_name: str) -> None:
        self.name, self.dotnet_name = name, dotnet_name

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, Mapping)

    def convert(self, value: Any) -> Any:
        if value is None or isinstance(value, Mapping):
            return value
        adapter = find_adapter(value)
        if adapter is not None:
            converted = adapter.to_python(value)
            if isinstance(converted, Mapping):
                return converted
        raise _cannot_convert(value, self.dotnet_name)


class DateTimeType(PSType):
    name, dotnet_name, is_value_type = "DateTime", "System.DateTime", True

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, _dt.datetime)

    def convert(self, value: Any) -> Any:
        if isinstance(value, _dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return _dt.datetime.fromisoformat(value.strip())
            except ValueError:
                raise ConversionError(
                    f'Cannot convert value "{value}" to type "System.DateTime". '
                    f"Error: \"String '{value}' was not recognized as a valid DateTime.\""
                ) from None
        raise _cannot_convert(value, self.dotnet_name)


class EnumType(PSType):
    """An enum bound by name (case-insensitive) or by its number, e.g. ActionPreference."""

    is_value_type = True

    def __init__(self, name: str, dotnet_name: str, members: dict[str, int], python_enum: Any = None) -> None:
        self.name, self.dotnet_name = name, dotnet_name
        self.members = members
        self.by_fold = {key.casefold(): key for key in members}
        self.python_enum = python_enum

    def _make(self, member: str) -> Any:
        return self.python_enum[member] if self.python_enum is not None else member

    def is_instance(self, value: Any) -> bool:
        return self.python_enum is not None and isinstance(value, self.python_enum)

    def convert(self, value: Any) -> Any:
        if self.is_instance(value):
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            for member, number in self.members.items():
                if number == value:
                    return self._make(member)
        elif isinstance(value, str):
            found = self.by_fold.get(value.strip().casefold())
            if found is not None:
                return self._make(found)
            names = ", ".join(self.members)
            raise ConversionError(
                f'Cannot convert value "{value}" to type "{self.dotnet_name}". Error: "Unable to match the '
                f"identifier name {value} to a valid enumerator name. Specify one of the following enumerator "
                f'names and try again: {names}"'
            )
        raise _cannot_convert(value, self.dotnet_name)


class ArrayType(PSType):
    """``T[]``: a scalar wraps, a collection converts element by element."""

    is_collection = True

    def __init__(self, element: PSType) -> None:
        self.element = element
        self.name = element.name + "[]"
        self.dotnet_name = element.dotnet_name + "[]"

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, list) and all(self.element.is_instance(item) for item in value)  # type: ignore[union-attr]

    def encode_uncoerced(self, value: Any) -> list[Any] | None:
        """Wrap without conversion when every element already has the element type."""
        element = self.element
        assert element is not None
        if is_enumerable(value):
            items = _as_list(value)
            return items if all(element.is_instance(item) for item in items) else None
        return [value] if element.is_instance(value) else None

    def convert(self, value: Any) -> Any:
        element = self.element
        assert element is not None
        if value is None:
            return None
        items: Iterable[Any] = _as_list(value) if is_enumerable(value) else [value]
        return [element.convert(item) for item in items]


_SIMPLE: dict[str, PSType] = {
    "Object": ObjectType(),
    "PSObject": ObjectType("PSObject", "System.Management.Automation.PSObject"),
    "String": StringType(),
    "Char": CharType(),
    "Byte": IntegerType("Byte", 0, 255),
    "Int16": IntegerType("Int16", -(2**15), 2**15 - 1),
    "UInt16": IntegerType("UInt16", 0, 2**16 - 1),
    "Int32": IntegerType("Int32", -(2**31), 2**31 - 1),
    "UInt32": IntegerType("UInt32", 0, 2**32 - 1),
    "Int64": IntegerType("Int64", -(2**63), 2**63 - 1),
    "Single": FloatType("Single"),
    "Double": FloatType("Double"),
    "Decimal": FloatType("Decimal"),
    "Boolean": BooleanType(),
    "SwitchParameter": SwitchType(),
    "Uri": UriType(),
    "SecureString": SecureStringType(),
    "IDictionary": DictionaryType("IDictionary", "System.Collections.IDictionary"),
    "Hashtable": DictionaryType("Hashtable", "System.Collections.Hashtable"),
    "DateTime": DateTimeType(),
    "ActionPreference": EnumType(
        "ActionPreference",
        "System.Management.Automation.ActionPreference",
        {member.name: member.value for member in ActionPreference},
        ActionPreference,
    ),
    "OpenAIApiType": EnumType("OpenAIApiType", "OpenAIApiType", {"OpenAI": 0, "Azure": 1}),
}


class DocumentedEnumType(PSType):
    """An enum psbridge knows only by the members its doc lists (``System.ConsoleColor``).

    A name converts to that member's spelling; a [Flags] enum also takes several names, in one
    string (``"ProcessId,Timestamp"``) or as an array, giving .NET's ``"ProcessId, Timestamp"``;
    a number passes as it is (psbridge does not know the members' values).
    """

    is_value_type = True

    def __init__(self, name: str, members: Iterable[str], flags: bool) -> None:
        self.name = name
        self.dotnet_name = name if "." in name else f"System.{name}"
        self.members = tuple(members)
        self.by_fold = {member.casefold(): member for member in self.members}
        self.flags = flags

    def is_instance(self, value: Any) -> bool:
        return False

    def _member(self, original: Any, text: str) -> str:
        found = self.by_fold.get(text.strip().casefold())
        if found is None:
            raise ConversionError(
                f'Cannot convert value "{to_ps_string(original)}" to type "{self.dotnet_name}". Error: "Unable to '
                f"match the identifier name {text.strip()} to a valid enumerator name. Specify one of the following "
                f'enumerator names and try again:\n{", ".join(self.members)}"'
            )
        return found

    def convert(self, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if self.flags and is_enumerable(value):
            names = [to_ps_string(item) for item in _as_list(value)]
        elif isinstance(value, str):
            names = value.split(",") if self.flags else [value]
        else:
            raise _cannot_convert(value, self.dotnet_name)
        chosen = {self._member(value, name) for name in names if name.strip() or not self.flags}
        return ", ".join(member for member in self.members if member in chosen)


class NullableType(PSType):
    """``Nullable[T]``: ``$null`` stays null, anything else converts as ``T`` does."""

    def __init__(self, inner: PSType) -> None:
        self.inner = inner
        self.name = f"Nullable[{inner.name}]"
        self.dotnet_name = f"System.Nullable`1[{inner.dotnet_name}]"

    def is_instance(self, value: Any) -> bool:
        return value is None or self.inner.is_instance(value)

    def convert(self, value: Any) -> Any:
        return None if value is None else self.inner.convert(value)


class EncodingType(PSType):
    """System.Text.Encoding; names and code pages become one by the parameter's transformation."""

    name, dotnet_name = "Encoding", "System.Text.Encoding"

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, TextEncoding)

    def convert(self, value: Any) -> Any:
        if value is None or isinstance(value, TextEncoding):
            return value
        raise _cannot_convert(value, self.dotnet_name)


_SIMPLE["Encoding"] = EncodingType()


def resolve_type(name: str) -> PSType:
    """The type object for a normalized type name; unknown names bind like ``Object``."""
    if name.endswith("[]"):
        return ArrayType(resolve_type(name[:-2]))
    known = _SIMPLE.get(name)
    if known is not None:
        return known
    inner = nullable_inner(name)
    if inner is not None:
        return NullableType(resolve_type(inner))
    return ObjectType(name, name if "." in name else f"System.{name}")


def resolve_parameter_type(spec: ParameterSpec) -> PSType:
    """A parameter's type: its name, or the enum its documented values describe."""
    if spec.enum_values and spec.type.removesuffix("[]") != "Encoding":
        base = spec.type.removesuffix("[]")
        inner = nullable_inner(base)
        enum: PSType = DocumentedEnumType(inner or base, spec.enum_values, is_flags_enum(base))
        if inner is not None:
            enum = NullableType(enum)
        return ArrayType(enum) if spec.type.endswith("[]") else enum
    return resolve_type(spec.type)
