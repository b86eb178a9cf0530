"""Binding state and the one path every value takes into a parameter.

PowerShell's ParameterBinderBase.BindParameter: transform, convert (or check
the value fits without conversion), check the PSTypeName, validate, refuse
null/empty for mandatory parameters, record -- whether the value came from a
name, a position or the pipeline.  The other binder modules add the command
line, the parameter-set rules and pipeline input on top of this state.
"""

from __future__ import annotations

from typing import Any

from ..errors import ErrorCategory
from ..objects import type_names_of
from ..records import FrozenRecord, set_field
from .compiled import ALL_MASK, CompiledCommand, CompiledParameter, TransformFailure
from .errors import (
    binding_error,
    transformation_error,
    validation_error,
)
from .types import ConversionError, is_enumerable
from .validation import ValidationFailure

__all__ = ["BinderState", "BindingResult", "count_sets"]


class BindingResult(FrozenRecord):
    """What binding decided: the parameter set and ``$PSBoundParameters`` (no defaults)."""

    _fields = _compared = ("command_name", "parameter_set_name", "bound_parameters")

    command_name: str
    parameter_set_name: str
    bound_parameters: dict[str, Any]

    def __init__(
        self, command_name: str, parameter_set_name: str, bound_parameters: dict[str, Any] | None = None
    ) -> None:
        set_field(self, "command_name", command_name)
        set_field(self, "parameter_set_name", parameter_set_name)
        set_field(self, "bound_parameters", {} if bound_parameters is None else bound_parameters)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and any(k.casefold() == name.casefold() for k in self.bound_parameters)

    def get(self, name: str, default: Any = None) -> Any:
        for key, value in self.bound_parameters.items():
            if key.casefold() == name.casefold():
                return value
        return default


def count_sets(mask: int) -> int:
    return 1 if mask == ALL_MASK else mask.bit_count()


class BinderState:
    """What one invocation's binding has decided so far."""

    def __init__(self, command: CompiledCommand) -> None:
        self.command = command
        self.name = command.qualifier  # errors name it; the result names the command
        self.bound: dict[str, Any] = {}
        self.bound_parameters: dict[str, CompiledParameter] = {}
        self.unbound: list[CompiledParameter] = list(command.parameters)
        self.mask = ALL_MASK
        self.prioritized = 0
        self.pre_pipeline_mask = ALL_MASK
        self.pipeline_bound: list[CompiledParameter] = []
        self.pipeline_expected = False

    # ------------------------------------------------------------------ results
    @property
    def parameter_set_name(self) -> str:
        return self.command.set_name_of(self.mask)

    def result(self) -> BindingResult:
        return BindingResult(self.command.name, self.parameter_set_name, dict(self.bound))

    # ------------------------------------------------------- one value, one parameter
    def _bind(self, parameter: CompiledParameter, value: Any, coerce: bool, from_pipeline: bool = False) -> bool:
        """ParameterBinderBase.BindParameter: transform, convert, check type name, validate, record.

        Returns False when the value does not fit without coercion (the caller
        tries something else); raises for errors PowerShell reports.
        """
        name = self.name
        if parameter.transforms and value is not None:
            for transform in parameter.transforms:
                try:
                    value = transform(value)
                except TransformFailure as failure:
                    raise transformation_error(name, parameter.name, str(failure), is_cast_failure=False) from None
        ps_type = parameter.ps_type
        # A compiled cmdlet checks a mandatory parameter's $null before [string] makes it '' (Get-Date
        # -UFormat $null is NullNotAllowed: Get-Date.Tests.ps1:292).
        null_given = value is None and self.command.is_compiled
        if coerce:
            try:
                value = ps_type.convert(value)
            except ConversionError as failure:
                if parameter.is_common or self.command.is_compiled:
                    # A compiled cmdlet's binder converts (no transformation attribute does).
                    raise binding_error(
                        "CannotConvertArgumentNoMessage", name, parameter=parameter.name, detail=str(failure)
                    ) from None
                raise transformation_error(name, parameter.name, str(failure)) from None
        elif value is None:
            if not ps_type.accepts_null_uncoerced():
                return False
        elif not ps_type.is_instance(value):
            if not ps_type.is_collection:
                return False
            encoded = ps_type.encode_uncoerced(value)
            if encoded is None:
                return False
            value = encoded
        if parameter.ps_type_name is not None and value is not None:
            wanted = parameter.ps_type_name.casefold()
            for element in value if is_enumerable(value) else (value,):
                if element is not None and not any(t.casefold() == wanted for t in type_names_of(element)):
                    if not coerce:
                        return False
                    raise transformation_error(
                        name,
                        parameter.name,
                        "",
                        error_id="MismatchedPSTypeName",
                        category=ErrorCategory.InvalidArgument,
                        type_name=parameter.ps_type_name,
                    )
        for validator in parameter.validators:
            try:
                validator(value)
            except ValidationFailure as failure:
                raise validation_error(name, parameter.name, str(failure)) from None
        if parameter.mandatory_some:
            self._validate_null_or_empty(parameter, None if null_given else value)
        self.bound[parameter.name] = value
        self.bound_parameters[parameter.name] = parameter
        self.unbound.remove(parameter)
        if parameter.set_flags:
            self.mask &= parameter.set_flags
        if from_pipeline:
            self.pipeline_bound.append(parameter)
        return True

    def _validate_null_or_empty(self, parameter: CompiledParameter, value: Any) -> None:
        """Mandatory parameters refuse $null, '' and empty collections (rule 7.5)."""
        ps_type = parameter.ps_type
        if value is None:
            if not parameter.allow_null:
                raise validation_error(
                    self.name, parameter.name, error_id="ParameterArgumentValidationErrorNullNotAllowed"
                )
            return
        if ps_type.name == "String":
            if value == "" and not parameter.allow_empty_string:
                raise validation_error(
                    self.name, parameter.name, error_id="ParameterArgumentValidationErrorEmptyStringNotAllowed"
                )
            return
        if not ps_type.is_collection or not is_enumerable(value):
            return
        items = list(value)
        element = ps_type.element
        if element is not None and not element.is_value_type:
            for item in items:
                if item is None and not parameter.allow_null:
                    raise validation_error(
                        self.name, parameter.name, error_id="ParameterArgumentValidationErrorNullNotAllowed"
                    )
                if item == "" and element.name == "String" and not parameter.allow_empty_string:
                    raise validation_error(
                        self.name, parameter.name, error_id="ParameterArgumentValidationErrorEmptyStringNotAllowed"
                    )
        if not items and not parameter.allow_empty_collection:
            raise validation_error(
                self.name, parameter.name, error_id="ParameterArgumentValidationErrorEmptyArrayNotAllowed"
            )
