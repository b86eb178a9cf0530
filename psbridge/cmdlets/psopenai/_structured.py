"""Structured Outputs with a type: ``-ResponseFormat ([MathReasoning])``.

PSOpenAI turns the type into a JSON schema with NJsonSchema (Private/ConvertTo-JsonSchema.ps1:
enums as strings, classes under ``definitions`` referred to by ``$ref``, reference types
nullable), then strips what strict mode does not take (``$schema``, ``title``, ``format``,
``minLength`` ...), lists every property as ``required`` (in Get-Member's order: by name) and
turns a date/time ``format`` into a ``description`` the model can follow.  The answer's JSON is
read back into an instance of the type (Newtonsoft's DeserializeObject: properties matched
case-insensitively, unknown ones ignored, enums by name, dates from text).

Where psbridge departs from PSOpenAI: a property whose type is a class and may be null is
``anyOf`` [null, $ref] (NJsonSchema writes ``oneOf``, which OpenAI's strict mode refuses).

Public: :func:`is_type_format`, :func:`json_schema_of`, :func:`parse_structured`,
:class:`StructuredOutputError`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ...conversion import PSType, RuntimeException
from ...conversion.collections import ArrayType, NullableType
from ...conversion.richtypes import EnumType
from ...conversion.script_types import ScriptClassType
from ...errors import ErrorCategory, PSError
from ...objects import PSObject

__all__ = [
    "NOT_PARSED",
    "StructuredOutputError",
    "is_type_format",
    "json_schema_of",
    "parse_or_report",
    "parse_structured",
]

#: What :func:`parse_or_report` gives for an answer that did not read (the error was reported).
NOT_PARSED: Any = object()

_DATE_DESCRIPTIONS = {
    "date-time": 'Parsable date-time format string. For example, "2018-11-13T08:20:39"',
    "date": 'It represents a date in the following format: "YYYY-MM-DD"',
    "time": 'It represents a time in the following format: "hh:mm:ss.s"',
    "uri": "This property should be a valid URI",
}
_INTEGERS = frozenset(
    "System." + name for name in ("Byte", "SByte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64")
)
_NUMBERS = frozenset({"System.Single", "System.Double", "System.Decimal"})
_STRINGS = {"System.String": None, "System.Char": None, "System.DateTime": "date-time",
            "System.DateTimeOffset": "date-time", "System.TimeSpan": None, "System.Guid": None,
            "System.Uri": "uri"}  # fmt: skip


class StructuredOutputError(PSError):
    """The answer is not JSON of the requested type (what Newtonsoft's DeserializeObject throws)."""

    dotnet_exception_type = "Newtonsoft.Json.JsonReaderException"
    default_error_id = "Newtonsoft.Json.JsonReaderException"
    default_category = ErrorCategory.NotSpecified


def is_type_format(value: Any) -> bool:
    """``-ResponseFormat`` given a type (``$ResponseFormat -is [type]``)."""
    return isinstance(value, PSType)


def json_schema_of(ps_type: PSType) -> dict[str, Any]:
    """The ``json_schema`` format PSOpenAI sends for ``ps_type``: name, strict, schema."""
    definitions: dict[str, Any] = {}
    if isinstance(ps_type, ScriptClassType):
        root = _object_schema(ps_type, definitions)
    else:
        root = _schema(ps_type, definitions)
    if definitions:
        root["definitions"] = {name: definitions[name] for name in definitions}
    return {"name": ps_type.name, "strict": True, "schema": root}


def _nullable(kind: str) -> list[str]:
    """NJsonSchema writes the JSON types of a nullable value in its enum's order (null before string)."""
    order = ["array", "boolean", "integer", "null", "number", "object", "string"]
    return sorted([kind, "null"], key=order.index)


def _schema(ps_type: PSType | None, definitions: dict[str, Any], *, item: bool = False) -> dict[str, Any]:
    """One property's schema (``item``: an array's items, which NJsonSchema does not make nullable)."""
    if ps_type is None or ps_type.full_name == "System.Object":
        return {}
    if isinstance(ps_type, NullableType):
        inner = _schema(ps_type.type_args[0], definitions)
        kind = inner.get("type")
        if isinstance(kind, str):
            inner["type"] = _nullable(kind)
        return inner
    if isinstance(ps_type, ArrayType):
        items = _schema(ps_type.element, definitions, item=True)
        return {"type": "array" if item else _nullable("array"), "items": items}
    if isinstance(ps_type, EnumType):
        name = ps_type.name
        if name not in definitions:
            definitions[name] = {"type": "string", "description": "", "x-enumNames": list(ps_type.members),
                                 "enum": list(ps_type.members)}  # fmt: skip
        return {"$ref": f"#/definitions/{name}"}
    if isinstance(ps_type, ScriptClassType):
        name = ps_type.name
        if name not in definitions:
            definitions[name] = {}  # a placeholder: a class may refer to itself
            definitions[name] = _object_schema(ps_type, definitions)
        reference = {"$ref": f"#/definitions/{name}"}
        return reference if item else {"anyOf": [{"type": "null"}, reference]}
    full = ps_type.full_name
    if full in _INTEGERS or full == "System.Numerics.BigInteger":
        return {"type": "integer"}
    if full in _NUMBERS:
        return {"type": "number"}
    if full == "System.Boolean":
        return {"type": "boolean"}
    if full in _STRINGS:
        schema: dict[str, Any] = {"type": "string" if ps_type.is_value_type or item else _nullable("string")}
        described = _DATE_DESCRIPTIONS.get(_STRINGS[full] or "")
        if described is not None:
            schema["description"] = described
        return schema
    return {}


def _object_schema(cls: ScriptClassType, definitions: dict[str, Any]) -> dict[str, Any]:
    properties = {prop.name: _schema(prop.ps_type, definitions) for prop in cls.instance_properties()}
    schema: dict[str, Any] = {"type": "object", "additionalProperties": False, "properties": properties}
    if properties:
        schema["required"] = sorted(properties, key=str.casefold)
    return schema


# -- reading the answer back -----------------------------------------------------------------------
def parse_structured(text: Any, ps_type: PSType) -> Any:
    """The answer's JSON text as an instance of ``ps_type`` (StructuredOutputError if it is not)."""
    if not isinstance(text, str):
        raise StructuredOutputError("Value cannot be null. (Parameter 'value')")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise StructuredOutputError(
            f"Unexpected character encountered while parsing value: {text[:1]}. Path '', line {error.lineno}, "
            f"position {error.colno - 1}."
        ) from None
    try:
        return _value(data, ps_type, "")
    except RuntimeException as error:
        raise StructuredOutputError(str(error), error_id="Newtonsoft.Json.JsonSerializationException") from None


def parse_or_report(text: Any, ps_type: PSType, report: Callable[[PSError], None] | None) -> Any:
    """:func:`parse_structured`, its error reported as PSOpenAI's ``Write-Error -Exception`` does
    (the answer is then left out: :data:`NOT_PARSED`)."""
    try:
        return parse_structured(text, ps_type)
    except PSError as error:
        if report is not None:
            report(error)
        return NOT_PARSED


def _value(data: Any, ps_type: PSType | None, path: str) -> Any:
    if data is None or ps_type is None:
        return _plain(data)
    if isinstance(ps_type, ScriptClassType):
        if not isinstance(data, dict):
            raise StructuredOutputError(
                f"Error converting value {json.dumps(data)} to type '{ps_type.full_name}'. Path '{path}'.",
                error_id="Newtonsoft.Json.JsonSerializationException",
            )
        instance = ps_type.construct()
        for key, item in data.items():
            prop = ps_type.find_property(str(key))
            if prop is None or prop.static:
                continue  # Newtonsoft ignores members the type does not have
            where = f"{path}.{key}" if path else str(key)
            instance.set_property(prop, _value(item, prop.ps_type, where))
        return instance
    if isinstance(ps_type, ArrayType):
        items = data if isinstance(data, list) else [data]
        element = ps_type.element
        return ps_type.make([_value(item, element, f"{path}[{index}]") for index, item in enumerate(items)])
    if isinstance(ps_type, NullableType):
        return _value(data, ps_type.type_args[0], path)
    return ps_type.convert(_plain(data))


def _plain(data: Any) -> Any:
    """JSON objects of an untyped member as PowerShell objects (Newtonsoft's JObject, near enough)."""
    if isinstance(data, dict):
        return PSObject({key: _plain(item) for key, item in data.items()})
    if isinstance(data, list):
        return [_plain(item) for item in data]
    return data
