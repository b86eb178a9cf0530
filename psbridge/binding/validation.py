"""Validation attributes, compiled once per parameter.

Each validator is a small callable that raises :class:`ValidationFailure`
with the attribute's own message (Metadata resources); the binder wraps it as
``ParameterArgumentValidationError``.  Validation runs after conversion, so a
range check sees ``100`` for an argument of ``100.5`` (round half to even).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from ..objects import format_double, to_ps_string
from ..specs.model import ParameterSpec
from .types import BindingType, is_enumerable

__all__ = ["ValidationFailure", "Validator", "compile_validators", "variable_name_validator"]

Validator = Callable[[Any], None]


class ValidationFailure(Exception):
    """The inner message of a failed validation attribute."""


def _elements(value: Any) -> list[Any]:
    return list(value) if is_enumerable(value) else [value]


def _number_text(value: Any) -> str:
    if isinstance(value, float):
        return format_double(value)
    return to_ps_string(value)


def validate_set(values: Sequence[str]) -> Validator:
    allowed = {value.casefold() for value in values}
    joined = ",".join(values)

    def check(value: Any) -> None:
        if value is None:
            raise ValidationFailure(_set_message("", joined))
        for element in _elements(value):
            text = to_ps_string(element)
            if text.casefold() not in allowed:
                raise ValidationFailure(_set_message(text, joined))

    return check


def _set_message(text: str, joined: str) -> str:
    return (
        f'The argument "{text}" does not belong to the set "{joined}" specified by the ValidateSet attribute. '
        "Supply an argument that is in the set and then try the command again."
    )


def validate_range(minimum: float, maximum: float) -> Validator:
    low = int(minimum) if float(minimum).is_integer() else minimum
    high = int(maximum) if float(maximum).is_integer() else maximum

    def check(value: Any) -> None:
        for element in _elements(value):
            if isinstance(element, bool) or not isinstance(element, int | float):
                raise ValidationFailure(
                    f'The argument cannot be validated because its type "{type(element).__name__}" is not the same '
                    f"type ({type(low).__name__}) as the maximum and minimum limits of the parameter. Make sure the "
                    f"argument is of type {type(low).__name__} and then try the command again."
                )
            # IComparable.CompareTo orders NaN below every number, so NaN fails the minimum.
            if element < low or element != element:
                raise ValidationFailure(
                    f"The {_number_text(element)} argument is less than the minimum allowed range of "
                    f"{_number_text(low)}. Supply an argument that is greater than or equal to {_number_text(low)} "
                    "and then try the command again."
                )
            if element > high:
                raise ValidationFailure(
                    f"The {_number_text(element)} argument is greater than the maximum allowed range of "
                    f"{_number_text(high)}. Supply an argument that is less than or equal to {_number_text(high)} "
                    "and then try the command again."
                )

    return check


def validate_count(minimum: int, maximum: int) -> Validator:
    def check(value: Any) -> None:
        count = len(_elements(value)) if value is not None else 0
        if minimum <= count <= maximum:
            return
        if minimum == maximum:
            raise ValidationFailure(
                f"The parameter requires exactly {minimum} value(s) - {count} value(s) were provided."
            )
        raise ValidationFailure(
            f"The parameter requires at least {minimum} value(s) and no more than {maximum} value(s) - "
            f"{count} value(s) were provided."
        )

    return check


def validate_length(minimum: int, maximum: int) -> Validator:
    def check(value: Any) -> None:
        for element in _elements(value):
            length = len(to_ps_string(element))
            if length < minimum:
                raise ValidationFailure(
                    f"The character length ({length}) of the argument is too short. Specify an argument with a "
                    f'length that is greater than or equal to "{minimum}", and then try the command again.'
                )
            if length > maximum:
                raise ValidationFailure(
                    f"The character length ({length}) of the argument is too long. Specify an argument with a "
                    f'length that is shorter than or equal to "{maximum}", and then try the command again.'
                )

    return check


def validate_pattern(pattern: str) -> Validator:
    """ValidatePattern: each element's text must match (anywhere, ignoring case, as .NET's
    default ``RegexOptions.IgnoreCase``); a null element fails as ValidateNotNull does."""
    regex = re.compile(pattern, re.IGNORECASE)

    def check(value: Any) -> None:
        for element in _elements(value):
            if element is None:
                raise ValidationFailure(_NULL_MESSAGE)
            text = to_ps_string(element)
            if regex.search(text) is None:
                raise ValidationFailure(
                    f'The argument "{text}" does not match the "{pattern}" pattern. '
                    f'Supply an argument that matches "{pattern}" and try the command again.'
                )

    return check


_NULL_MESSAGE = "The argument is null. Provide a valid value for the argument, and then try running the command again."


def validate_not_null_or_empty(value: Any) -> None:
    if value is None or value == "":
        raise ValidationFailure(
            "The argument is null or empty. Provide an argument that is not null or empty, and then try the "
            "command again."
        )
    if is_enumerable(value):
        items = list(value)
        if not items or any(item is None or item == "" for item in items):
            raise ValidationFailure(
                "The argument is null, empty, or an element of the argument collection contains a null value. "
                "Supply a collection that does not contain any null values and then try the command again."
            )


def validate_not_null(value: Any) -> None:
    if value is None:
        raise ValidationFailure(_NULL_MESSAGE)
    if is_enumerable(value) and any(item is None for item in value):
        raise ValidationFailure(
            "The argument has a null value, or an element of the argument collection contains a null value. "
            "Provide a collection that does not contain any null values, and then try the command again."
        )


_SCOPES = {"global", "local", "script", "private"}
_VARIABLE = re.compile(r"^\+?(?:(\w+):)?[\w?^$]+$")


def variable_name_validator(value: Any) -> None:
    """ValidateVariableName for -ErrorVariable and friends: an optional ``+`` and a known scope."""
    text = to_ps_string(value)
    match = _VARIABLE.match(text)
    if not match or (match.group(1) and match.group(1).casefold() not in _SCOPES):
        raise ValidationFailure(f"Cannot validate argument because '{text}' is not a valid variable name.")


def compile_validators(spec: ParameterSpec, ps_type: BindingType) -> tuple[Validator, ...]:
    validators: list[Validator] = []
    if spec.accepted_values:
        validators.append(validate_set(spec.accepted_values))
    if spec.validate_range is not None:
        validators.append(validate_range(*spec.validate_range))
    if spec.validate_count is not None:
        validators.append(validate_count(*spec.validate_count))
    if spec.validate_length is not None:
        validators.append(validate_length(*spec.validate_length))
    if spec.validate_pattern is not None:
        validators.append(validate_pattern(spec.validate_pattern))
    if spec.validate_not_null_or_empty:
        validators.append(validate_not_null_or_empty)
    if spec.validate_not_null:
        validators.append(validate_not_null)
    return tuple(validators)
