"""A tiny validator for the JSON Schema subset the Assistants request bodies use.

Why not ``jsonschema``: the emulator must run on the standard library alone, and
the published request schemas only use a handful of keywords (type, enum,
properties, required, additionalProperties, items, min/maxItems, maxLength,
minimum/maximum, anyOf, oneOf).  Modelling exactly those keeps the semantics
identical to a 2020-12 validator (the tests check this differentially) while
letting the error text follow OpenAI's wording, which no generic validator does.

Semantics copied from JSON Schema on purpose:
- ``integer`` accepts a float with an integral value (``1.0``) and never a bool;
- ``number`` accepts ints and floats, never a bool;
- ``required`` only constrains objects;
- ``format`` is an annotation only, so it is not modelled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "AllOf",
    "AnyOf",
    "AnyValue",
    "Array",
    "Boolean",
    "Integer",
    "Invalid",
    "Null",
    "Nullable",
    "Number",
    "Object",
    "OneOf",
    "Required",
    "Schema",
    "String",
]


class Invalid(Exception):
    """A request body broke the schema; carries OpenAI's error fields.

    ``depth`` (how far ``param`` is from the body's root) ranks competing
    explanations inside oneOf/anyOf: the deeper the failing location, the more
    specific (and useful) the message.
    """

    def __init__(self, message: str, param: str | None, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.param = param
        self.code = code
        self.depth = _depth(param or "")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _index(path: str, i: int) -> str:
    return f"{path}[{i}]"


def _depth(path: str) -> int:
    return path.count(".") + path.count("[") + (1 if path else 0)


def _label(value: Any) -> str:
    """Name a JSON value's type the way OpenAI's error messages do."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a decimal"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "an unknown value"


def _type_error(path: str, expected: str, value: Any) -> Invalid:
    return Invalid(
        f"Invalid type for '{path}': expected {expected}, but got {_label(value)} instead.",
        path or None,
        "invalid_type",
    )


def _quote_list(values: Sequence[Any]) -> str:
    quoted = [f"'{v}'" for v in values]
    if len(quoted) <= 2:
        return " and ".join(quoted)
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def _is_integer(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and value.is_integer()


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Schema:
    """Base class: ``check`` raises :class:`Invalid` or returns ``None``."""

    expected = "a value"

    def check(self, value: Any, path: str = "") -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def accepts(self, value: Any) -> bool:
        try:
            self.check(value)
        except Invalid:
            return False
        return True

    def tag(self) -> str | None:
        """The single allowed value of a ``type`` property, if this schema has one.

        Used to pick the intended branch of a discriminated oneOf for error text.
        """
        return None


@dataclass(frozen=True)
class AnyValue(Schema):
    """No constraint at all (a schema of ``{}`` or ``true``)."""

    def check(self, value: Any, path: str = "") -> None:
        return None


@dataclass(frozen=True)
class Null(Schema):
    expected = "null"

    def check(self, value: Any, path: str = "") -> None:
        if value is not None:
            raise _type_error(path, self.expected, value)


@dataclass(frozen=True)
class Boolean(Schema):
    expected = "a boolean"

    def check(self, value: Any, path: str = "") -> None:
        if not isinstance(value, bool):
            raise _type_error(path, self.expected, value)


@dataclass(frozen=True)
class String(Schema):
    enum: tuple[str, ...] | None = None
    max_length: int | None = None
    expected = "a string"

    def check(self, value: Any, path: str = "") -> None:
        if not isinstance(value, str):
            raise _type_error(path, self.expected, value)
        if self.enum is not None and value not in self.enum:
            raise Invalid(
                f"Invalid value: '{value}'. Supported values are: {_quote_list(self.enum)}.",
                path or None,
                "invalid_value",
            )
        if self.max_length is not None and len(value) > self.max_length:
            raise Invalid(
                f"Invalid '{path}': string too long. Expected a string with maximum length "
                f"{self.max_length}, but got a string with length {len(value)} instead.",
                path or None,
                "string_above_max_length",
            )


def _check_range(value: float, path: str, minimum: float | None, maximum: float | None, kind: str) -> None:
    if minimum is not None and value < minimum:
        raise Invalid(
            f"Invalid '{path}': {kind} below minimum value. Expected a value >= {minimum}, "
            f"but got {value} instead.",
            path or None,
            f"{kind}_below_min_value",
        )
    if maximum is not None and value > maximum:
        raise Invalid(
            f"Invalid '{path}': {kind} above maximum value. Expected a value <= {maximum}, "
            f"but got {value} instead.",
            path or None,
            f"{kind}_above_max_value",
        )


@dataclass(frozen=True)
class Integer(Schema):
    minimum: int | None = None
    maximum: int | None = None
    expected = "an integer"

    def check(self, value: Any, path: str = "") -> None:
        if not _is_integer(value):
            raise _type_error(path, self.expected, value)
        _check_range(value, path, self.minimum, self.maximum, "integer")


@dataclass(frozen=True)
class Number(Schema):
    minimum: float | None = None
    maximum: float | None = None
    expected = "a decimal"

    def check(self, value: Any, path: str = "") -> None:
        if not _is_number(value):
            raise _type_error(path, self.expected, value)
        _check_range(value, path, self.minimum, self.maximum, "decimal")


@dataclass(frozen=True)
class Array(Schema):
    items: Schema = field(default_factory=AnyValue)
    min_items: int | None = None
    max_items: int | None = None
    expected = "an array"

    def check(self, value: Any, path: str = "") -> None:
        if not isinstance(value, list):
            raise _type_error(path, self.expected, value)
        if self.min_items is not None and len(value) < self.min_items:
            raise Invalid(
                f"Invalid '{path}': array too short. Expected an array with minimum length "
                f"{self.min_items}, but got an array with length {len(value)} instead.",
                path or None,
                "empty_array" if not value else "array_below_min_length",
            )
        if self.max_items is not None and len(value) > self.max_items:
            raise Invalid(
                f"Invalid '{path}': array too long. Expected an array with maximum length "
                f"{self.max_items}, but got an array with length {len(value)} instead.",
                path or None,
                "array_above_max_length",
            )
        for i, item in enumerate(value):
            self.items.check(item, _index(path, i))


@dataclass(frozen=True)
class Object(Schema):
    """``type: object`` with properties; ``additional`` is True, False or a value schema."""

    properties: Mapping[str, Schema] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    additional: bool | Schema = True
    expected = "an object"

    def check(self, value: Any, path: str = "") -> None:
        if not isinstance(value, dict):
            raise _type_error(path, self.expected, value)
        for name in self.required:
            if name not in value:
                child = _join(path, name)
                raise Invalid(
                    f"Missing required parameter: '{child}'.",
                    child,
                    "missing_required_parameter",
                )
        for name, item in value.items():
            child = _join(path, name)
            schema = self.properties.get(name)
            if schema is not None:
                schema.check(item, child)
            elif self.additional is False:
                raise Invalid(f"Unknown parameter: '{child}'.", child, "unknown_parameter")
            elif isinstance(self.additional, Schema):
                self.additional.check(item, child)

    def tag(self) -> str | None:
        kind = self.properties.get("type")
        if isinstance(kind, String) and kind.enum is not None and len(kind.enum) == 1:
            return kind.enum[0]
        return None


@dataclass(frozen=True)
class Required(Schema):
    """A bare ``{required: [...]}`` branch (no type), as used inside oneOf."""

    names: tuple[str, ...] = ()

    def check(self, value: Any, path: str = "") -> None:
        if not isinstance(value, dict):
            return
        for name in self.names:
            if name not in value:
                child = _join(path, name)
                raise Invalid(
                    f"Missing required parameter: '{child}'.",
                    child,
                    "missing_required_parameter",
                )


class _Choice(Schema):
    options: tuple[Schema, ...]

    def _failures(self, value: Any, path: str) -> tuple[int, list[Invalid]]:
        matched = 0
        errors: list[Invalid] = []
        for option in self.options:
            try:
                option.check(value, path)
            except Invalid as exc:
                errors.append(exc)
            else:
                matched += 1
        return matched, errors

    def _explain(self, value: Any, path: str, errors: list[Invalid]) -> Invalid:
        """Pick the most helpful of the branch errors.

        For a discriminated union (every branch pins ``type``) the branch named
        by the value's own ``type`` explains the failure; an unknown ``type`` is
        reported as an invalid value.  Otherwise the deepest error wins, and
        among equally deep ones an error from a branch whose *type* fitted
        (anything but ``invalid_type``) says more than a type mismatch.
        """
        tags = [option.tag() for option in self.options]
        if isinstance(value, dict) and any(t is not None for t in tags):
            wanted = value.get("type")
            for tag, error in zip(tags, errors, strict=False):
                if tag is not None and tag == wanted:
                    return error
            if all(t is not None for t in tags) and isinstance(wanted, str):
                child = _join(path, "type")
                return Invalid(
                    f"Invalid value: '{wanted}'. Supported values are: "
                    f"{_quote_list([t for t in tags if t is not None])}.",
                    child,
                    "invalid_value",
                )
        if all(e.code == "invalid_type" and e.param == (path or None) for e in errors):
            expected = " or ".join(dict.fromkeys(option.expected for option in self.options))
            return _type_error(path, expected, value)
        return max(errors, key=lambda e: (e.depth, e.code != "invalid_type"))

    @property
    def expected(self) -> str:  # type: ignore[override]
        return " or ".join(dict.fromkeys(option.expected for option in self.options))


class OneOf(_Choice):
    """Exactly one branch must match (JSON Schema ``oneOf``)."""

    def __init__(self, *options: Schema) -> None:
        self.options = options

    def check(self, value: Any, path: str = "") -> None:
        matched, errors = self._failures(value, path)
        if matched == 1:
            return
        if all(isinstance(option, Required) for option in self.options):
            names = " or ".join(
                f"'{n}'" for option in self.options if isinstance(option, Required) for n in option.names
            )
            got = "none of them" if matched == 0 else "more than one"
            raise Invalid(
                f"Invalid '{path}': expected exactly one of {names}, but got {got}.",
                path or None,
                "invalid_value",
            )
        if matched == 0:
            raise self._explain(value, path, errors)
        raise Invalid(
            f"Invalid '{path}': the value matches more than one of the allowed shapes.",
            path or None,
            "invalid_value",
        )


class AnyOf(_Choice):
    """At least one branch must match (JSON Schema ``anyOf``)."""

    def __init__(self, *options: Schema) -> None:
        self.options = options

    def check(self, value: Any, path: str = "") -> None:
        matched, errors = self._failures(value, path)
        if matched == 0:
            raise self._explain(value, path, errors)


class AllOf(Schema):
    """Every part must match; used to combine an object with a oneOf of ``required`` sets."""

    def __init__(self, *parts: Schema) -> None:
        self.parts = parts

    def check(self, value: Any, path: str = "") -> None:
        for part in self.parts:
            part.check(value, path)

    def tag(self) -> str | None:
        for part in self.parts:
            found = part.tag()
            if found is not None:
                return found
        return None

    @property
    def expected(self) -> str:  # type: ignore[override]
        return self.parts[0].expected if self.parts else "a value"


def Nullable(schema: Schema) -> Schema:
    """``anyOf: [schema, {type: null}]``, the spec's rewrite of ``nullable: true``."""
    return AnyOf(schema, Null())
