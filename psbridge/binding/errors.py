"""ParameterBindingError and PowerShell's message templates.

The ids, categories and templates are PowerShell's own (ParameterBinderStrings
and Metadata resources), so a ported script that matches on
``FullyQualifiedErrorId`` or on the message keeps working.
"""

from __future__ import annotations

from typing import Any

from ..errors import ErrorCategory, PSError

__all__ = [
    "ParameterBindingArgumentTransformationError",
    "ParameterBindingError",
    "ParameterBindingValidationError",
    "binding_error",
    "transformation_error",
    "validation_error",
]

TEMPLATES: dict[str, str] = {
    "NamedParameterNotFound": "A parameter cannot be found that matches parameter name '{name}'.",
    "PositionalParameterNotFound": "A positional parameter cannot be found that accepts argument '{argument}'.",
    "MissingArgument": (
        "Missing an argument for parameter '{name}'. Specify a parameter of type '{type}' and try again."
    ),
    "AmbiguousParameter": (
        "Parameter cannot be processed because the parameter name '{name}' is ambiguous. "
        "Possible matches include:{matches}."
    ),
    "ParameterAlreadyBound": (
        "Cannot bind parameter because parameter '{name}' is specified more than once. To provide multiple "
        "values to parameters that can accept multiple values, use the array syntax. For example, "
        '"-parameter value1,value2,value3".'
    ),
    "AmbiguousPositionalParameterNoName": "Cannot bind positional parameters because no names were given.",
    "AmbiguousParameterSet": (
        "Parameter set cannot be resolved using the specified named parameters. One or more parameters issued "
        "cannot be used together or an insufficient number of parameters were provided."
    ),
    "MissingMandatoryParameter": "Cannot process command because of one or more missing mandatory parameters:{names}.",
    "InputObjectNotBound": (
        "The input object cannot be bound to any parameters for the command either because the command does not "
        "take pipeline input or the input and its properties do not match any of the parameters that take "
        "pipeline input."
    ),
    "InputObjectMissingMandatory": (
        "The input object cannot be bound because it did not contain the information required to bind all "
        "mandatory parameters: {names}"
    ),
    "ParameterArgumentTransformationError": "Cannot process argument transformation on parameter '{name}'. {detail}",
    "ParameterArgumentValidationError": "Cannot validate argument on parameter '{name}'. {detail}",
    "ParameterArgumentValidationErrorNullNotAllowed": "Cannot bind argument to parameter '{name}' because it is null.",
    "ParameterArgumentValidationErrorEmptyStringNotAllowed": (
        "Cannot bind argument to parameter '{name}' because it is an empty string."
    ),
    "ParameterArgumentValidationErrorEmptyArrayNotAllowed": (
        "Cannot bind argument to parameter '{name}' because it is an empty array."
    ),
    "ParameterArgumentValidationErrorEmptyCollectionNotAllowed": (
        "Cannot bind argument to parameter '{name}' because it is an empty collection."
    ),
    "MismatchedPSTypeName": (
        "Cannot bind argument to parameter '{name}', because PSTypeNames of the argument do not match the "
        "PSTypeName required by the parameter: {type_name}."
    ),
    "CannotConvertArgumentNoMessage": "Cannot bind parameter '{name}'. {detail}",
    "ScriptBlockArgumentNoInput": (
        "Cannot evaluate parameter '{name}' because its argument is specified as a script block and there is no "
        "input. A script block cannot be evaluated without input."
    ),
    "ScriptBlockArgumentInvocationFailed": "The input to the script block for parameter '{name}' failed. {detail}",
    "ScriptBlockArgumentNoOutput": (
        "Cannot evaluate parameter '{name}' because its argument input did not produce any output."
    ),
}


class ParameterBindingError(PSError):
    """A binding failure, raised before the command runs (or per pipeline object).

    ``str(e)`` is PowerShell's message; ``e.error_id`` its ErrorId and
    ``e.fully_qualified_error_id`` "<ErrorId>,<Command-Name>".
    """

    dotnet_exception_type = "System.Management.Automation.ParameterBindingException"
    default_error_id = "ParameterBindingException"
    default_category = ErrorCategory.InvalidArgument

    def __init__(
        self,
        message: str,
        *,
        error_id: str,
        parameter_name: str | None = None,
        category: str | None = None,
        command_name: str | None = None,
        target_object: Any = None,
    ) -> None:
        super().__init__(
            message,
            error_id=error_id,
            category=category,
            command_name=command_name,
            target_object=target_object,
        )
        self.parameter_name = parameter_name


class ParameterBindingArgumentTransformationError(ParameterBindingError):
    """A conversion (or transformation) failure; ``is_cast_failure`` marks a plain invalid cast,
    which pipeline binding by value may skip silently."""

    dotnet_exception_type = "System.Management.Automation.ParameterBindingArgumentTransformationException"
    default_category = ErrorCategory.InvalidData

    def __init__(self, message: str, *, is_cast_failure: bool = False, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.is_cast_failure = is_cast_failure


class ParameterBindingValidationError(ParameterBindingError):
    dotnet_exception_type = "System.Management.Automation.ParameterBindingValidationException"
    default_category = ErrorCategory.InvalidData


def binding_error(
    error_id: str, command: str | None, *, parameter: str | None = None, category: str | None = None, **fields: Any
) -> ParameterBindingError:
    """A plain ParameterBindingException with PowerShell's template for ``error_id``."""
    return ParameterBindingError(
        TEMPLATES[error_id].format(name=parameter, **fields),
        error_id=error_id,
        parameter_name=parameter,
        command_name=command,
        category=category,
    )


def transformation_error(
    command: str | None,
    parameter: str,
    detail: str,
    *,
    is_cast_failure: bool = True,
    error_id: str = "ParameterArgumentTransformationError",
    category: str = ErrorCategory.InvalidData,
    **fields: Any,
) -> ParameterBindingArgumentTransformationError:
    return ParameterBindingArgumentTransformationError(
        TEMPLATES[error_id].format(name=parameter, detail=detail, **fields),
        error_id=error_id,
        parameter_name=parameter,
        category=category,
        command_name=command,
        is_cast_failure=is_cast_failure,
    )


def validation_error(
    command: str | None, parameter: str, detail: str = "", *, error_id: str = "ParameterArgumentValidationError"
) -> ParameterBindingValidationError:
    return ParameterBindingValidationError(
        TEMPLATES[error_id].format(name=parameter, detail=detail),
        error_id=error_id,
        parameter_name=parameter,
        command_name=command,
    )
