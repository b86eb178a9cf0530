"""The errors of conversions, operators and member access, with PowerShell's ids and messages.

A script that catches ``[System.Management.Automation.RuntimeException]`` or
matches ``FullyQualifiedErrorId`` must see what PowerShell raises, so each error
carries the .NET exception type name and the error id PowerShell uses.

Public:

- :class:`RuntimeException` (``System.Management.Automation.RuntimeException``):
  the base of every error an expression raises; ``.position`` is left for the
  evaluator to fill in (it knows the extent).
- :class:`PSInvalidCastError` (``PSInvalidCastException``): a failed conversion.
- :class:`TypeNotFoundError`, :class:`MethodNotFoundError`, :class:`MethodInvocationError`.
- :func:`invalid_cast` (``Cannot convert the "v" value of type "T" to type "U".``) and
  :func:`cast_with_inner` (``Cannot convert value "v" to type "U". Error: "inner"``), the two
  message templates of LanguagePrimitives.
"""

from __future__ import annotations

from typing import Any

from ..errors import ErrorCategory, PSError
from ..objects import dotnet_type_name, to_ps_string

__all__ = [
    "MethodInvocationError",
    "MethodNotFoundError",
    "PSInvalidCastError",
    "RuntimeException",
    "TypeNotFoundError",
    "cast_with_inner",
    "invalid_cast",
]


class RuntimeException(PSError):
    """PowerShell's RuntimeException: an expression failed (statement-terminating)."""

    dotnet_exception_type = "System.Management.Automation.RuntimeException"
    default_error_id = "RuntimeException"
    default_category = ErrorCategory.InvalidOperation

    def __init__(
        self,
        message: str,
        *,
        error_id: str | None = None,
        category: str | None = None,
        target_object: Any = None,
        position: Any = None,
    ) -> None:
        super().__init__(message, error_id=error_id, category=category, target_object=target_object)
        self.position = position


class PSInvalidCastError(RuntimeException):
    """A value could not be converted (LanguagePrimitives' PSInvalidCastException)."""

    dotnet_exception_type = "System.Management.Automation.PSInvalidCastException"
    default_error_id = "ConvertToFinalInvalidCastException"
    default_category = ErrorCategory.InvalidArgument


class TypeNotFoundError(RuntimeException):
    """``[Foo]`` names no type psbridge knows (nor the loaded .NET runtime)."""

    default_error_id = "TypeNotFound"
    default_category = ErrorCategory.InvalidOperation

    def __init__(self, type_name: str, reason: str | None = None) -> None:
        """``reason`` (a violated generic constraint) makes it TypeNotFoundWithMessage, as PowerShell's."""
        if reason is None:
            super().__init__(f"Unable to find type [{type_name}].", target_object=type_name)
        else:
            super().__init__(
                f"Unable to find type [{type_name}]: {reason}",
                target_object=type_name,
                error_id="TypeNotFoundWithMessage",
            )
        self.type_name = type_name


class MethodNotFoundError(RuntimeException):
    """``$x.Foo()`` where the value's type has no such method."""

    default_error_id = "MethodNotFound"

    def __init__(self, type_name: str, method: str) -> None:
        super().__init__(
            f"Method invocation failed because [{type_name}] does not contain a method named '{method}'.",
            target_object=method,
        )


class MethodInvocationError(RuntimeException):
    """A method ran and failed: ``Exception calling "M" with "n" argument(s): "inner"``."""

    dotnet_exception_type = "System.Management.Automation.MethodInvocationException"
    default_error_id = "MethodInvocationException"
    default_category = ErrorCategory.NotSpecified

    def __init__(self, method: str, argument_count: int, inner: str, *, error_id: str | None = None) -> None:
        super().__init__(
            f'Exception calling "{method}" with "{argument_count}" argument(s): "{inner}"', error_id=error_id
        )
        self.inner_message = inner


def _shown(value: Any) -> str:
    """How a value appears inside a cast message: its ToString(), a collection as its type name."""
    if isinstance(value, list | tuple):
        return dotnet_type_name(value)
    return to_ps_string(value)


#: Types whose failed casts leave the value out of the message (it may be a password).
_SECRET_TYPES = frozenset({"System.Security.SecureString", "System.Management.Automation.PSCredential"})


def invalid_cast(
    value: Any, target: str, *, error_id: str = "ConvertToFinalInvalidCastException"
) -> PSInvalidCastError:
    """``Cannot convert the "value" value of type "T" to type "target".`` (or the null message)."""
    if value is None:
        return PSInvalidCastError(f'Cannot convert null to type "{target}".', error_id="nullToObjectInvalidCast")
    if target in _SECRET_TYPES:  # LanguagePrimitives.GetInvalidCastMessages: a secret's text is never shown
        return PSInvalidCastError(
            f'Cannot convert the value of type "{dotnet_type_name(value)}" to type "{target}".', error_id=error_id
        )
    return PSInvalidCastError(
        f'Cannot convert the "{_shown(value)}" value of type "{dotnet_type_name(value)}" to type "{target}".',
        error_id=error_id,
    )


def cast_with_inner(value: Any, target: str, inner: str, *, error_id: str) -> PSInvalidCastError:
    """``Cannot convert value "value" to type "target". Error: "inner"``."""
    return PSInvalidCastError(
        f'Cannot convert value "{_shown(value)}" to type "{target}". Error: "{inner}"', error_id=error_id
    )
