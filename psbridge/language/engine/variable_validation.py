"""Validation attributes on a variable: ``[ValidateRange(0, 16)][int]$Size = 5``.

The attribute stays on the variable, so every later assignment is checked too.  As in
PowerShell (VariableOps.SetVariableValue), the type constraint converts first and the
validation attributes then check the converted value; a value that fails any of them is the
``ValidateSetFailure`` MetadataError "The variable cannot be validated because the value ...
is not a valid value for the ... variable.", whatever the attribute (about_Variables).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...conversion import RuntimeException, is_true, to_string
from ...errors import ErrorCategory
from .. import ast

if TYPE_CHECKING:
    from ...runtime.scopes import Scope

__all__ = [
    "VALIDATION_ATTRIBUTES",
    "ValidationMetadataError",
    "attribute_kind",
    "property_validator",
    "validation_maker",
]

#: The attributes that validate (their names without ``Attribute``, case-folded).
VALIDATION_ATTRIBUTES = frozenset({
    "validaterange", "validateset", "validatelength", "validatecount", "validatepattern",
    "validatenotnull", "validatenotnullorempty", "validatescript",
})  # fmt: skip

Check = Callable[[Any], Any]


class ValidationMetadataError(RuntimeException):
    """A value a variable's validation attribute refused (ValidationMetadataException)."""

    dotnet_exception_type = "System.Management.Automation.ValidationMetadataException"
    default_error_id = "ValidateSetFailure"
    default_category = ErrorCategory.MetadataError


def attribute_kind(attribute: ast.AttributeBaseAst) -> str | None:
    """The validation attribute ``attribute`` is (``validaterange`` ...), or None."""
    if not isinstance(attribute, ast.AttributeAst):
        return None
    name = attribute.type_name.name.casefold().rsplit(".", 1)[-1].removesuffix("attribute")
    return name if name in VALIDATION_ATTRIBUTES else None


def validation_maker(
    kind: str, arguments: list[Callable[[Scope], Any]], variable: str
) -> Callable[[Scope], Check]:
    """``make(scope)``: the check of the attribute, its arguments evaluated in ``scope``."""

    def make(scope: Scope) -> Check:
        values = [argument(scope) for argument in arguments]
        test = _test(kind, values)

        def check(value: Any) -> Any:
            if not test(value):
                shown = "$null" if value is None else to_string(value)
                raise ValidationMetadataError(
                    f"The variable cannot be validated because the value {shown} is not a valid value for the "
                    f"{variable} variable."
                )
            return value

        return check

    return make


def property_validator(kind: str, values: list[Any]) -> Callable[[Any], None]:
    """A class property's check: raises ValidationFailure with the attribute's own message, which
    the assignment reports as ``Exception setting "P": "<message>"`` (about_Classes_Properties)."""
    from ...binding import validation

    return _validator(validation, kind, values)


def _validator(validation: Any, kind: str, values: list[Any]) -> Callable[[Any], None]:
    if kind == "validaterange":
        if len(values) != 2:  # the ValidateRangeKind form: not checked on a property (its message is unknown)
            return lambda value: None
        return validation.validate_range(float(values[0]), float(values[1]))
    if kind == "validateset":
        flat = [item for value in values for item in (value if isinstance(value, list) else [value])]
        return validation.validate_set([to_string(item) for item in flat])
    if kind == "validatelength":
        return validation.validate_length(int(values[0]), int(values[1]))
    if kind == "validatecount":
        return validation.validate_count(int(values[0]), int(values[1]))
    if kind == "validatepattern":
        return validation.validate_pattern(to_string(values[0]))
    if kind == "validatenotnull":
        return validation.validate_not_null
    return validation.validate_not_null_or_empty


#: ValidateRangeKind: the one-argument form, ``[ValidateRange('Positive')]``.
_RANGE_KINDS: dict[str, Callable[[float], bool]] = {
    "positive": lambda number: number > 0,
    "nonnegative": lambda number: number >= 0,
    "negative": lambda number: number < 0,
    "nonpositive": lambda number: number <= 0,
}


def _in_range(values: list[Any]) -> Callable[[Any], bool]:
    """ValidateRangeAttribute on a variable: the value is compared as the bounds' type, so with
    integer bounds 10.5 is 10 (in 0..10) and 10.6 is 11 (about_Functions_Advanced_Parameters,
    "ValidateRange validation attribute")."""
    if len(values) == 1:
        kind = _RANGE_KINDS.get(to_string(values[0]).casefold(), lambda number: True)

        def of_kind(value: Any) -> bool:
            items = value if isinstance(value, list) else [value]
            return all(isinstance(item, int | float) and kind(item) for item in items)

        return of_kind
    low, high = values[0], values[1]
    integral = all(isinstance(bound, int) and not isinstance(bound, bool) for bound in (low, high))

    def between(value: Any) -> bool:
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, bool) or not isinstance(item, int | float):
                return False
            number = round(item) if integral and isinstance(item, float) else item
            if not low <= number <= high:
                return False
        return True

    return between


def _test(kind: str, values: list[Any]) -> Callable[[Any], bool]:
    from ...binding import validation

    if kind == "validatescript":
        block: Any = values[0] if values else None

        def script(value: Any) -> bool:
            from ..engine.values import collapse

            items = value if isinstance(value, list) else [value]
            return all(item is not None and is_true(collapse(block.invoke_with_underbar(item))) for item in items)

        return script
    if kind == "validaterange":
        return _in_range(values)
    check = _validator(validation, kind, values)

    def passes(value: Any) -> bool:
        try:
            check(value)
        except validation.ValidationFailure:
            return False
        return True

    return passes
