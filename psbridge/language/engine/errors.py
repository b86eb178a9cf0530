"""Errors while a script runs: what ``throw`` raises, where errors happened, and what a
statement does with an error (PowerShell's ExceptionHandlingOps.CheckActionPreference).

A statement whose expression or command fails is *statement-terminating*: the error is
recorded in ``$Error``, written to the error stream, and the next statement runs.  It
goes up instead (to the enclosing ``try``, ``trap`` or the caller) when a ``try`` or a
``trap`` is active anywhere up the call stack, when ``$ErrorActionPreference`` is
``Stop``, when it came from ``throw`` (script-terminating), or when it was already
made terminating (``-ErrorAction Stop``: :func:`~psbridge.errors.halted`).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ...conversion import RuntimeException, to_string
from ...errors import ErrorCategory, ErrorRecord, PSError, halted, mark_halted
from ..errors import verbose_position
from .flow import FlowControl

if TYPE_CHECKING:
    from ...runtime.scopes import Scope
    from ..extent import Extent

__all__ = [
    "CallDepthOverflowError",
    "InvocationInfo",
    "as_runtime_error",
    "check_action_preference",
    "error_action",
    "thrown_error",
]


class CallDepthOverflowError(PSError):
    """Runaway recursion (PowerShell's ScriptCallDepthException): ends the script."""

    dotnet_exception_type = "System.Management.Automation.ScriptCallDepthException"
    default_error_id = "CallDepthOverflow"
    default_category = ErrorCategory.InvalidOperation

    def __init__(self, depth: int) -> None:
        super().__init__("The script failed due to call depth overflow.", target_object=depth)
        mark_halted(self)


class InvocationInfo:
    """Where an error happened (PowerShell's InvocationInfo, the parts scripts read)."""

    __slots__ = ("_command", "command_name", "extent", "invocation_name")
    __ps_type_name__ = "System.Management.Automation.InvocationInfo"

    def __init__(
        self,
        extent: Extent,
        command_name: str | None = None,
        invocation_name: str | None = None,
        command: Any = None,
    ) -> None:
        self.extent = extent
        self.command_name = command_name
        self.invocation_name = invocation_name
        self._command = command

    @property
    def position_message(self) -> str:
        return verbose_position(self.extent)

    @property
    def PositionMessage(self) -> str:
        return self.position_message

    @property
    def ScriptLineNumber(self) -> int:
        return self.extent.start_line_number

    @property
    def OffsetInLine(self) -> int:
        return self.extent.start_column_number

    @property
    def Line(self) -> str:
        return self.extent.start_line_text

    @property
    def ScriptName(self) -> str:
        return self.extent.file or ""

    @property
    def PSCommandPath(self) -> str | None:
        return self.extent.file

    @property
    def Statement(self) -> str:
        return self.extent.text

    @property
    def PSScriptRoot(self) -> str:
        file = self.extent.file
        return os.path.dirname(file) if file else ""

    @property
    def BoundParameters(self) -> dict[str, Any]:
        return {}

    @property
    def UnboundArguments(self) -> list[Any]:
        return []

    @property
    def InvocationName(self) -> str:
        return self.invocation_name or self.command_name or ""

    @property
    def MyCommand(self) -> Any:
        """The command's CommandInfo (``$_.InvocationInfo.MyCommand.Name``): a script's function
        is handed in; a cmdlet's is looked up when first asked for."""
        command = self._command
        if command is None and self.command_name:
            from ...cmdlets.core.command_info import cmdlet_info

            command = self._command = cmdlet_info(str(self.command_name))
        return command

    def __str__(self) -> str:
        return "System.Management.Automation.InvocationInfo"


def locate(error: PSError, extent: Extent | None) -> PSError:
    """Give the error's record the position it happened at, unless it has one already."""
    record = error.error_record
    if record.invocation_info is None and extent is not None:
        record.invocation_info = InvocationInfo(extent, invocation_name=error.invocation_name)
    if isinstance(error, RuntimeException) and error.position is None:
        error.position = extent
    return error


def as_runtime_error(error: BaseException, extent: Extent | None = None) -> PSError:
    """Any exception as the PSError a script sees (ConvertToRuntimeException)."""
    if isinstance(error, PSError):
        return locate(error, extent)
    if isinstance(error, RecursionError):
        return locate(CallDepthOverflowError(0), extent)
    message = str(error) or type(error).__name__
    converted = RuntimeException(message, error_id=type(error).__name__, category=ErrorCategory.NotSpecified)
    converted.__cause__ = error
    return locate(converted, extent)


class ThrownError(RuntimeException):
    """What ``throw`` raises: a RuntimeException, script-terminating, carrying the thrown value."""

    default_category = ErrorCategory.OperationStopped

    def __init__(self, message: str, *, target_object: Any = None, inner: BaseException | None = None) -> None:
        super().__init__(message, error_id=message, target_object=target_object)
        self.inner_exception = inner
        self.thrown = True

    @property
    def InnerException(self) -> BaseException | None:
        return self.inner_exception


def _made_by_script(error: PSError) -> bool:
    """An exception object the script created (``New-Object System.FormatException``)."""
    from .exceptions import DotNetException

    return isinstance(error, DotNetException)


def thrown_error(value: Any, extent: Extent | None) -> PSError:
    """``throw value``: an ErrorRecord or exception is thrown as it is, anything else becomes a
    RuntimeException whose message is the value's text (``ScriptHalted`` for none)."""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if isinstance(value, PSError):
        value.thrown = True  # type: ignore[attr-defined]
        record = value.error_record
        if record.category == ErrorCategory.NotSpecified and _made_by_script(value):
            record.category = ErrorCategory.OperationStopped  # a thrown .NET exception (about_Throw)
        return locate(value, extent)
    if isinstance(value, ErrorRecord):
        exception = value.exception
        if isinstance(exception, PSError):
            exception.thrown = True  # type: ignore[attr-defined]
            return locate(exception, extent)
        error = ThrownError(value.message, target_object=value.target_object, inner=exception)
        error.error_record.error_id = value.error_id
        error.error_record.category = value.category
        return locate(error, extent)
    if isinstance(value, BaseException):
        message = str(value)
        return locate(ThrownError(message, inner=value), extent)
    message = "ScriptHalted" if value is None else to_string(value)
    return locate(ThrownError(message, target_object=value), extent)


def error_action(scope: Scope) -> str:
    """``$ErrorActionPreference`` as seen from ``scope``, folded (``continue`` by default)."""
    variable = scope.lookup("erroractionpreference")
    if variable is None or variable.value is None:
        return "continue"
    value = variable.value
    name = getattr(value, "name", None)
    return (name if isinstance(name, str) else to_string(value)).casefold()


def check_action_preference(scope: Scope, error: BaseException, extent: Extent | None) -> None:
    """A statement failed with ``error``: record it, then either raise it on (to a try, trap or
    caller) or write it to the error stream so the next statement runs."""
    if isinstance(error, FlowControl):
        raise error
    converted = as_runtime_error(error, extent)
    context = scope.context
    runspace = context.runspace
    record = converted.error_record
    context.question = False
    if context.propagate or halted(converted):
        if not (runspace.error_list and runspace.error_list[0] is record):
            runspace.record_error(record)
        raise_error(converted, error)
    preference = error_action(scope)
    if preference != "ignore" and not (runspace.error_list and runspace.error_list[0] is record):
        runspace.record_error(record)
    if preference in ("silentlycontinue", "ignore"):
        return
    if preference == "stop" or getattr(converted, "thrown", False):
        if preference == "stop" and not getattr(converted, "thrown", False):
            converted._psbridge_action_stop = True  # type: ignore[attr-defined]  # ActionPreferenceStopException
        mark_halted(converted)
        raise_error(converted, error)
    runspace.streams.add_error(record)


def raise_error(converted: PSError, original: BaseException) -> None:
    if converted is original:
        raise converted
    raise converted from original
