"""Errors the cmdlets themselves raise (HTTP failures are psbridge.api's).

Their ids follow what PSOpenAI's ``Write-Error -Exception`` produces: the .NET
exception's full name, or PSOpenAI's own id for the wait timeout.
"""

from __future__ import annotations

from ...errors import ErrorCategory, PSError

__all__ = [
    "ArgumentError",
    "FileAccessError",
    "InvalidOperationError",
    "ItemNotFoundError",
    "RunStatusError",
    "WaitTimeoutError",
]


class WaitTimeoutError(PSError, TimeoutError):
    """-TimeoutSec elapsed while waiting (Wait-ThreadRun) or paging (the list cmdlets)."""

    dotnet_exception_type = "System.TimeoutException"
    default_error_id = "PSOpenAI.APIRequest.TimeoutException"
    default_category = ErrorCategory.OperationTimeout

    def __init__(self, message: str = "The operation was canceled due to timeout.", **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]


class InvalidOperationError(PSError):
    dotnet_exception_type = "System.InvalidOperationException"
    default_error_id = "System.InvalidOperationException"
    default_category = ErrorCategory.InvalidOperation


class ArgumentError(PSError, ValueError):
    dotnet_exception_type = "System.ArgumentException"
    default_error_id = "System.ArgumentException"
    default_category = ErrorCategory.InvalidArgument


class ItemNotFoundError(PSError, FileNotFoundError):
    """A path given to a cmdlet does not exist (PSOpenAI's Resolve-FileInfo)."""

    dotnet_exception_type = "System.Management.Automation.ItemNotFoundException"
    default_error_id = "System.Management.Automation.ItemNotFoundException"
    default_category = ErrorCategory.ObjectNotFound


class FileAccessError(PSError, OSError):
    """A file could not be read or written (.NET's IOException / UnauthorizedAccessException)."""

    dotnet_exception_type = "System.IO.IOException"
    default_error_id = "System.IO.IOException"
    default_category = ErrorCategory.WriteError


class RunStatusError(InvalidOperationError):
    """The run ended in a status from which none of the requested -StatusForExit can follow."""

    default_error_id = "PSOpenAI.RunStatusUnreachable"
    default_category = ErrorCategory.InvalidResult

    def __init__(
        self,
        run_id: str,
        status: str,
        wanted: list[str],
        *,
        needs_tool_outputs: bool = False,
        noun: str = "run",
        **kwargs: object,
    ) -> None:
        wanted_text = ", ".join(f'"{s}"' for s in wanted)
        if needs_tool_outputs:
            message = (
                f'The {noun} with id "{run_id}" reached the status "{status}" and waits for tool outputs; '
                f"none of the statuses {wanted_text} can follow without them."
            )
        else:
            message = (
                f'The {noun} with id "{run_id}" reached the status "{status}", from which none of the statuses '
                f"{wanted_text} can follow."
            )
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.run_id = run_id
        self.status = status
