"""Error records and the base exception every psbridge error derives from.

PowerShell reports failures as *error records*: an exception plus an error id,
a category and the object being processed.  Scripts being ported match on the
``FullyQualifiedErrorId`` ("<ErrorId>,<Command>"), so psbridge keeps the record
intact alongside the Python exception.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "CommandNotFoundError",
    "ErrorCategory",
    "ErrorRecord",
    "FlowControl",
    "PSError",
    "QualifiedName",
    "halted",
    "mark_halted",
]


class FlowControl(Exception):
    """The base of the signals that leave running code without being errors: the language's
    break/continue/return/exit and the pipeline's "stop the commands upstream" (PowerShell's
    FlowControlException).  No catch block, trap or error preference handles them; finally
    blocks still run as they pass."""


class QualifiedName(str):
    """An error qualifier that differs from the command's name: the FullyQualifiedErrorId of
    PowerShell's compiled cmdlets names their class (``...Commands.GetContentCommand``) while
    CategoryInfo and the message prefix name the command (``Get-Content``)."""

    activity: str

    def __new__(cls, qualifier: str, activity: str) -> QualifiedName:
        made = super().__new__(cls, qualifier)
        made.activity = activity
        return made


class ErrorCategory:
    """PowerShell's ``ErrorCategory`` names used by psbridge (kept as plain strings)."""

    NotSpecified = "NotSpecified"
    InvalidArgument = "InvalidArgument"
    InvalidData = "InvalidData"
    InvalidOperation = "InvalidOperation"
    InvalidResult = "InvalidResult"
    MetadataError = "MetadataError"
    ObjectNotFound = "ObjectNotFound"
    OperationTimeout = "OperationTimeout"
    AuthenticationError = "AuthenticationError"
    PermissionDenied = "PermissionDenied"
    ConnectionError = "ConnectionError"
    LimitsExceeded = "LimitsExceeded"
    ResourceUnavailable = "ResourceUnavailable"
    ParserError = "ParserError"
    OperationStopped = "OperationStopped"
    NotImplemented = "NotImplemented"
    OpenError = "OpenError"
    CloseError = "CloseError"
    ReadError = "ReadError"
    WriteError = "WriteError"
    ResourceExists = "ResourceExists"
    ResourceBusy = "ResourceBusy"
    InvalidType = "InvalidType"
    SyntaxError = "SyntaxError"
    ProtocolError = "ProtocolError"
    NotInstalled = "NotInstalled"


class ErrorCategoryInfo:
    """``$error.CategoryInfo``: the parts scripts read (``.Category``, ``.Activity``, ``.Reason``,
    ``.TargetName``, ``.TargetType``); as text, what PowerShell prints
    (``InvalidArgument: (x:String) [Get-Item], ...``)."""

    pstypenames: ClassVar[tuple[str, ...]] = ("System.Management.Automation.ErrorCategoryInfo", "System.Object")
    __slots__ = ("Activity", "Category", "Reason", "TargetName", "TargetType", "_text")

    def __init__(
        self, text: str, *, category: str, activity: str, reason: str, target_name: str, target_type: str
    ) -> None:
        self._text = text
        self.Category, self.Activity, self.Reason = category, activity, reason
        self.TargetName, self.TargetType = target_name, target_type

    def GetMessage(self) -> str:
        return self._text

    def ToString(self) -> str:
        return self._text

    def __str__(self) -> str:
        return self._text

    def __eq__(self, other: object) -> bool:
        return self._text == (other._text if isinstance(other, ErrorCategoryInfo) else other)

    def __hash__(self) -> int:
        return hash(self._text)


def _target_text(target: Any) -> str:
    from .objects import to_ps_string

    return to_ps_string(target)


def _target_type(target: Any) -> str:
    from .objects import dotnet_type_name

    return dotnet_type_name(target).rsplit(".", 1)[-1]


class ErrorRecord:
    """One error as PowerShell records it.

    ``exception`` is the Python exception; ``exception_type_name`` the .NET
    exception name PowerShell would print in ``CategoryInfo``.  (A plain class, compared by
    identity: a dataclass would cost every fresh process the ``dataclasses`` import.)
    """

    #: Its type names: format data shows an error record written as output by its ErrorInstance view.
    pstypenames: ClassVar[tuple[str, ...]] = ("System.Management.Automation.ErrorRecord", "System.Object")

    exception: BaseException
    error_id: str
    category: str
    target_object: Any
    command_name: str | None
    exception_type_name: str
    error_details: str | None
    extra: dict[str, Any]
    #: CategoryInfo's activity when it is not the command the id is qualified with (Write-Error
    #: records the caller's error: id unqualified at the top level, activity "Write-Error").
    activity: str | None
    #: Where in a script the error happened (PowerShell's InvocationInfo: ``.position_message`` is
    #: the ``At line:N char:M`` block the error view prints); None outside scripts.
    invocation_info: Any

    def __init__(
        self,
        exception: BaseException,
        error_id: str,
        category: str = ErrorCategory.NotSpecified,
        target_object: Any = None,
        command_name: str | None = None,
        exception_type_name: str = "Exception",
        error_details: str | None = None,
        extra: dict[str, Any] | None = None,
        activity: str | None = None,
        invocation_info: Any = None,
    ) -> None:
        self.exception = exception
        self.error_id = error_id
        self.category = category
        self.target_object = target_object
        self.command_name = command_name
        self.exception_type_name = exception_type_name
        self.error_details = error_details
        self.extra = {} if extra is None else extra
        self.activity = activity
        self.invocation_info = invocation_info

    @property
    def fully_qualified_error_id(self) -> str:
        return f"{self.error_id},{self.command_name}" if self.command_name else self.error_id

    @property
    def message(self) -> str:
        return self.error_details or str(self.exception)

    @property
    def category_info(self) -> str:
        """``InvalidArgument: (:) [Wait-ThreadRun], ParameterBindingException``."""
        from .objects import dotnet_type_name, to_ps_string

        target = self.target_object
        if target is None:
            target_text, target_type = "", ""
        else:
            target_text = to_ps_string(target)
            if len(target_text) > 40:
                target_text = target_text[:37] + "..."
            target_type = dotnet_type_name(target).rsplit(".", 1)[-1]
        # Write-Error's -CategoryTargetName/-TargetType/-Reason replace what the record says.
        target_text = self.extra.get("CategoryTargetName", target_text)
        target_type = self.extra.get("CategoryTargetType", target_type)
        reason = self.extra.get("CategoryReason", self.exception_type_name)
        activity = self.display_activity or ""
        return f"{self.category}: ({target_text}:{target_type}) [{activity}], {reason}"

    @property
    def display_activity(self) -> str | None:
        """The command CategoryInfo and the message prefix name."""
        return self.activity or getattr(self.command_name, "activity", None) or self.command_name

    def format(self) -> str:
        """The error as PowerShell prints it on the error stream."""
        # The view's prefix is the failing command, else the name the script invoked (a command
        # that was not found has no CommandInfo, only the name it was called by).
        activity = self.display_activity or getattr(self.exception, "invocation_name", None)
        prefix = f"{activity} : " if activity else ""
        position = getattr(self.invocation_info, "position_message", None)
        return (
            f"{prefix}{self.message}\n"
            + (f"{position}\n" if position else "")
            + f"    + CategoryInfo          : {self.category_info}\n"
            f"    + FullyQualifiedErrorId : {self.fully_qualified_error_id}"
        )

    # PowerShell's property names, for scripts ($Error[0].FullyQualifiedErrorId ...).
    @property
    def FullyQualifiedErrorId(self) -> str:
        return self.fully_qualified_error_id

    @property
    def CategoryInfo(self) -> ErrorCategoryInfo:
        """The text PowerShell prints, with ErrorCategoryInfo's properties (``.Category`` ...)."""
        target = self.target_object
        return ErrorCategoryInfo(
            self.category_info,
            category=str(self.category),
            activity=self.display_activity or "",
            reason=str(self.extra.get("CategoryReason", self.exception_type_name)),
            target_name=self.extra.get("CategoryTargetName", "" if target is None else _target_text(target)),
            target_type=self.extra.get("CategoryTargetType", "" if target is None else _target_type(target)),
        )

    @property
    def TargetObject(self) -> Any:
        return self.target_object

    @property
    def Exception(self) -> BaseException:
        return self.exception

    @property
    def InvocationInfo(self) -> Any:
        return self.invocation_info

    @property
    def ErrorDetails(self) -> Any:
        return self.extra.get("ErrorDetails")

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"ErrorRecord({self.fully_qualified_error_id!r}, {self.message!r})"


class PSError(Exception):
    """Base class of every error psbridge raises on behalf of PowerShell semantics."""

    #: The .NET exception type PowerShell would report for this error.
    dotnet_exception_type = "System.Management.Automation.RuntimeException"
    default_error_id = "RuntimeException"
    default_category = ErrorCategory.NotSpecified
    #: The name the script called the failing command by, when no command was found to name.
    invocation_name: str | None = None

    def __init__(
        self,
        message: str,
        *,
        error_id: str | None = None,
        category: str | None = None,
        command_name: str | None = None,
        target_object: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        #: What the pipeline or script had written before this error ended it (nothing is lost).
        self.output: list[Any] = []
        self._record = ErrorRecord(
            exception=self,
            error_id=error_id or self.default_error_id,
            category=category or self.default_category,
            target_object=target_object,
            command_name=command_name,
            exception_type_name=self.dotnet_exception_type.rsplit(".", 1)[-1],
        )

    @property
    def error_record(self) -> ErrorRecord:
        return self._record

    @property
    def error_id(self) -> str:
        return self._record.error_id

    @property
    def fully_qualified_error_id(self) -> str:
        return self._record.fully_qualified_error_id

    @property
    def category(self) -> str:
        return self._record.category

    def with_command(self, command_name: str) -> PSError:
        """Attach the command whose invocation failed (sets the FullyQualifiedErrorId suffix)."""
        self._record.command_name = command_name
        return self

    def __str__(self) -> str:
        return self.message


class CommandNotFoundError(PSError):
    """A command name that resolves to no known cmdlet (PowerShell's CommandNotFoundException)."""

    dotnet_exception_type = "System.Management.Automation.CommandNotFoundException"
    default_error_id = "CommandNotFoundException"
    default_category = ErrorCategory.ObjectNotFound

    def __init__(self, name: str) -> None:
        super().__init__(
            f"The term '{name}' is not recognized as a name of a cmdlet, function, script file, "
            "or executable program.\nCheck the spelling of the name, or if a path was included, "
            "verify that the path is correct and try again.",
            target_object=name,
        )
        self.command = name
        self.invocation_name = name


def mark_halted(error: BaseException) -> BaseException:
    """Mark an error as ending everything above it: -ErrorAction Stop turned it into an
    exception, or the pipeline is being stopped.  Such an error is never downgraded again
    (to a per-input error, or a statement error after which a script goes on)."""
    error._psbridge_halted = True  # type: ignore[attr-defined]
    return error


def halted(error: BaseException) -> bool:
    return bool(getattr(error, "_psbridge_halted", False))
