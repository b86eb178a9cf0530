"""Errors PowerShell's own cmdlets write, with .NET's exception types and PowerShell's ids."""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory, PSError, mark_halted

__all__ = ["CmdletError", "cmdlet_error", "terminating"]


class CmdletError(PSError):
    """A cmdlet's error; ``dotnet_exception_type`` is set per instance (ItemNotFoundException ...)."""

    def __init__(
        self,
        message: str,
        *,
        error_id: str,
        category: str = ErrorCategory.NotSpecified,
        exception_type: str = "System.Exception",
        target_object: Any = None,
        command_name: str | None = None,
    ) -> None:
        self.dotnet_exception_type = exception_type
        super().__init__(
            message, error_id=error_id, category=category, target_object=target_object, command_name=command_name
        )


def cmdlet_error(
    message: str,
    error_id: str,
    category: str = ErrorCategory.NotSpecified,
    exception_type: str = "System.Exception",
    target_object: Any = None,
) -> CmdletError:
    return CmdletError(
        message, error_id=error_id, category=category, exception_type=exception_type, target_object=target_object
    )


def terminating(error: PSError, qualifier: str) -> PSError:
    """``error`` as ThrowTerminatingError raises it: it names the command (``qualifier``, the
    compiled command's error qualifier) and ends the pipeline whatever -ErrorAction says."""
    record = error.error_record
    if record.command_name is None:
        record.command_name = qualifier
    mark_halted(error)
    return error
