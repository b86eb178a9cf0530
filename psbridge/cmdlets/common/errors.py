"""Errors PowerShell's own cmdlets write, with .NET's exception types and PowerShell's ids."""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory, PSError

__all__ = ["CmdletError", "argument_error", "cmdlet_error", "terminating"]


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


def argument_error(message: str, target_object: Any = None) -> CmdletError:
    """PSTraceSource.NewArgumentException: a PSArgumentException whose id is ``Argument``."""
    return CmdletError(
        message,
        error_id="Argument",
        category=ErrorCategory.InvalidArgument,
        exception_type="System.Management.Automation.PSArgumentException",
        target_object=target_object,
    )


def terminating(error: PSError, qualifier: str) -> PSError:
    """``error`` as ThrowTerminatingError raises it: it names the command (``qualifier``, the
    compiled command's error qualifier) and ends the pipeline whatever -ErrorAction says.

    It is statement-terminating, as Cmdlet.throw_terminating_error's errors are: a script goes on
    with its next statement (about_Error_Handling), unless $ErrorActionPreference is Stop or a
    try/trap catches it.  (Search_for_articles_using_embedding.ipynb: a failed Invoke-WebRequest download,
    then the next line's Get-Content reports the missing file.)"""
    record = error.error_record
    if record.command_name is None:
        record.command_name = qualifier
    error._psbridge_terminating = True  # type: ignore[attr-defined]
    return error
