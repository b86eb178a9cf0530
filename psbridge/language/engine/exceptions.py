"""Exception types by their .NET names: what ``catch [T]`` and ``trap [T]`` match, and the
exceptions scripts create (``[System.ArgumentException]::new('msg')``).

psbridge's errors are Python classes that carry the .NET type PowerShell would raise
(``dotnet_exception_type``: ``PSOpenAI.NotFoundException``,
``System.Net.Http.HttpRequestException`` ...).  An exception's *type chain* is those
names from the most derived up, completed with the .NET base classes of the last one
(:data:`BASES`), so ``catch [System.Net.Http.HttpRequestException]`` catches PSOpenAI's
API errors and ``catch [System.Exception]`` catches everything.  Python's own
exceptions map to their .NET counterparts (a ValueError is an ArgumentException).
"""

from __future__ import annotations

from typing import Any

from ...conversion import PSType, TypeNotFoundError, find_type, register_type
from ...conversion.pstype import Converter
from ...conversion.typenames import forget_resolved, registered_type
from ...errors import ErrorCategory, PSError
from ...objects import Hashtable, to_ps_string

__all__ = ["BASES", "catch_type", "exception_type", "exception_type_chain"]

#: .NET exception type -> its base class (what the chain continues with).
BASES: dict[str, str] = {
    "System.SystemException": "System.Exception",
    "System.ApplicationException": "System.Exception",
    "System.Management.Automation.RuntimeException": "System.SystemException",
    "System.Management.Automation.ParameterBindingException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.ParameterBindingValidationException":
        "System.Management.Automation.ParameterBindingException",
    "System.Management.Automation.ParameterBindingArgumentTransformationException":
        "System.Management.Automation.ParameterBindingException",
    "System.Management.Automation.CommandNotFoundException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.ActionPreferenceStopException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.MethodException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.MethodInvocationException": "System.Management.Automation.MethodException",
    "System.Management.Automation.GetValueException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.SetValueException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.PropertyNotFoundException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.SessionStateException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.ItemNotFoundException": "System.Management.Automation.SessionStateException",
    "System.Management.Automation.DriveNotFoundException": "System.Management.Automation.SessionStateException",
    "System.Management.Automation.SessionStateUnauthorizedAccessException":
        "System.Management.Automation.SessionStateException",
    "System.Management.Automation.ParseException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.IncompleteParseException": "System.Management.Automation.ParseException",
    "System.Management.Automation.PipelineStoppedException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.PSInvalidCastException": "System.InvalidCastException",
    "System.Management.Automation.PSArgumentException": "System.ArgumentException",
    "System.Management.Automation.PSInvalidOperationException": "System.InvalidOperationException",
    "System.Management.Automation.ScriptCallDepthException": "System.SystemException",
    "System.Management.Automation.Host.HostException": "System.Management.Automation.RuntimeException",
    "System.Management.Automation.ValidationMetadataException": "System.Management.Automation.MetadataException",
    "System.Management.Automation.MetadataException": "System.Management.Automation.RuntimeException",
    "Microsoft.PowerShell.Commands.WriteErrorException": "System.SystemException",
    "Microsoft.PowerShell.Commands.HttpResponseException": "System.Net.Http.HttpRequestException",
    "System.ArgumentException": "System.SystemException",
    "System.ArgumentNullException": "System.ArgumentException",
    "System.ArgumentOutOfRangeException": "System.ArgumentException",
    "System.InvalidOperationException": "System.SystemException",
    "System.ObjectDisposedException": "System.InvalidOperationException",
    "System.InvalidCastException": "System.SystemException",
    "System.FormatException": "System.SystemException",
    "System.NotSupportedException": "System.SystemException",
    "System.PlatformNotSupportedException": "System.NotSupportedException",
    "System.NotImplementedException": "System.SystemException",
    "System.NullReferenceException": "System.SystemException",
    "System.IndexOutOfRangeException": "System.SystemException",
    "System.Collections.Generic.KeyNotFoundException": "System.SystemException",
    "System.ArithmeticException": "System.SystemException",
    "System.DivideByZeroException": "System.ArithmeticException",
    "System.OverflowException": "System.ArithmeticException",
    "System.TimeoutException": "System.SystemException",
    "System.OperationCanceledException": "System.SystemException",
    "System.Threading.Tasks.TaskCanceledException": "System.OperationCanceledException",
    "System.UnauthorizedAccessException": "System.SystemException",
    "System.IO.IOException": "System.SystemException",
    "System.IO.FileNotFoundException": "System.IO.IOException",
    "System.IO.DirectoryNotFoundException": "System.IO.IOException",
    "System.IO.PathTooLongException": "System.IO.IOException",
    "System.Net.Http.HttpRequestException": "System.Exception",
    "System.Net.WebException": "System.InvalidOperationException",
    "System.Text.Json.JsonException": "System.Exception",
    "System.Security.SecurityException": "System.SystemException",
    "System.OutOfMemoryException": "System.SystemException",
    "System.StackOverflowException": "System.SystemException",
    "System.AggregateException": "System.Exception",
    "PSOpenAI.APIRequestException": "System.Net.Http.HttpRequestException",
    "PSOpenAI.BadRequestException": "PSOpenAI.APIRequestException",
    "PSOpenAI.ContentFilteredException": "PSOpenAI.APIRequestException",
    "PSOpenAI.UnauthorizedException": "PSOpenAI.APIRequestException",
    "PSOpenAI.PermissionDeniedException": "PSOpenAI.APIRequestException",
    "PSOpenAI.NotFoundException": "PSOpenAI.APIRequestException",
    "PSOpenAI.ConflictException": "PSOpenAI.APIRequestException",
    "PSOpenAI.UnprocessableEntityException": "PSOpenAI.APIRequestException",
    "PSOpenAI.RateLimitExceededException": "PSOpenAI.APIRequestException",
    "PSOpenAI.QuotaLimitExceededException": "PSOpenAI.RateLimitExceededException",
}  # fmt: skip

#: Python's own exceptions as the .NET exceptions they correspond to.
_PYTHON: tuple[tuple[type[BaseException], str], ...] = (
    (FileNotFoundError, "System.IO.FileNotFoundException"),
    (NotADirectoryError, "System.IO.DirectoryNotFoundException"),
    (PermissionError, "System.UnauthorizedAccessException"),
    (TimeoutError, "System.TimeoutException"),
    (OSError, "System.IO.IOException"),
    (ZeroDivisionError, "System.DivideByZeroException"),
    (OverflowError, "System.OverflowException"),
    (ArithmeticError, "System.ArithmeticException"),
    (KeyError, "System.Collections.Generic.KeyNotFoundException"),
    (IndexError, "System.IndexOutOfRangeException"),
    (NotImplementedError, "System.NotImplementedException"),
    (RecursionError, "System.Management.Automation.ScriptCallDepthException"),
    (MemoryError, "System.OutOfMemoryException"),
    (ValueError, "System.ArgumentException"),
    (TypeError, "System.ArgumentException"),
    (AttributeError, "System.Management.Automation.PropertyNotFoundException"),
)


def _complete(names: list[str]) -> list[str]:
    last = names[-1] if names else "System.Exception"
    while last in BASES:
        last = BASES[last]
        if last not in names:
            names.append(last)
    if "System.Exception" not in names:
        names.append("System.Exception")
    return names


def exception_type_chain(error: BaseException) -> list[str]:
    """The .NET type names ``error`` is an instance of, most derived first."""
    names: list[str] = []
    own = getattr(error, "__dict__", {}).get("dotnet_exception_type")
    if isinstance(own, str):
        names.append(own)  # set per instance (a cmdlet's ItemNotFoundException)
    for cls in type(error).__mro__:
        name = cls.__dict__.get("dotnet_exception_type")
        if isinstance(name, str) and name not in names:
            names.append(name)
    if not names:
        for python_type, dotnet_name in _PYTHON:
            if isinstance(error, python_type):
                names.append(dotnet_name)
                break
    return _complete(names)


def exception_type_name(error: BaseException) -> str:
    return exception_type_chain(error)[0]


# -- exception types scripts name ----------------------------------------------------------------------
#: What ``Message`` is for an exception made without one (.NET's resource strings): about_Throw shows
#: ``throw (New-Object System.FormatException)`` as "One of the identified items was in an invalid format."
_DEFAULT_MESSAGES = {
    "System.FormatException": "One of the identified items was in an invalid format.",
    "System.ArgumentException": "Value does not fall within the expected range.",
    "System.ArgumentNullException": "Value cannot be null.",
    "System.ArgumentOutOfRangeException": "Specified argument was out of the range of valid values.",
    "System.InvalidOperationException": "Operation is not valid due to the current state of the object.",
    "System.NotImplementedException": "The method or operation is not implemented.",
    "System.NotSupportedException": "Specified method is not supported.",
    "System.NullReferenceException": "Object reference not set to an instance of an object.",
    "System.IndexOutOfRangeException": "Index was outside the bounds of the array.",
    "System.DivideByZeroException": "Attempted to divide by zero.",
    "System.OverflowException": "Arithmetic operation resulted in an overflow.",
    "System.InvalidCastException": "Specified cast is not valid.",
    "System.TimeoutException": "The operation has timed out.",
    "System.OperationCanceledException": "The operation was canceled.",
}


def _default_message(type_name: str) -> str:
    return _DEFAULT_MESSAGES.get(type_name, f"Exception of type '{type_name}' was thrown.")


class DotNetException(PSError):
    """An exception a script created (``[System.InvalidOperationException]::new('...')``)."""

    dotnet_exception_type = "System.Exception"
    default_error_id = "System.Exception"
    default_category = ErrorCategory.NotSpecified

    def __init__(self, message: str | None = None, inner: BaseException | None = None) -> None:
        text = message if message is not None else _default_message(self.dotnet_exception_type)
        super().__init__(text, error_id=text)
        self.inner_exception = inner
        if inner is not None:
            self.__cause__ = inner

    @property
    def InnerException(self) -> BaseException | None:
        return self.inner_exception

    @property
    def Message(self) -> str:
        return self.message

    # Exception's settable properties: [System.Exception]@{Source = ...; HelpLink = ...} sets them
    @property
    def Source(self) -> str | None:
        return getattr(self, "_source", None)

    @Source.setter
    def Source(self, value: Any) -> None:
        self._source = None if value is None else to_ps_string(value)

    @property
    def HelpLink(self) -> str | None:
        return getattr(self, "_help_link", None)

    @HelpLink.setter
    def HelpLink(self, value: Any) -> None:
        self._help_link = None if value is None else to_ps_string(value)


#: The properties a hashtable may set on a new exception (LanguagePrimitives' hashtable-to-object
#: conversion calls the default constructor, then sets each key's property).
_SETTABLE = {"source": "Source", "helplink": "HelpLink"}

_CLASSES: dict[str, type[DotNetException]] = {"System.Exception": DotNetException}


def exception_class(full_name: str) -> type[DotNetException]:
    found = _CLASSES.get(full_name)
    if found is None:
        base = exception_class(BASES.get(full_name, "System.Exception"))
        found = type(full_name.rsplit(".", 1)[-1], (base,), {"dotnet_exception_type": full_name,
                                                             "default_error_id": full_name})  # fmt: skip
        _CLASSES[full_name] = found
    return found


class ExceptionType(PSType):
    """A .NET exception type: ``-is``, ``catch``, and construction from a message (and an inner
    exception), as PowerShell converts a string to an exception through its constructor."""

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, BaseException) and self.full_name in exception_type_chain(value)

    def figure(self, value: Any) -> Converter:
        if self.is_instance(value):
            return lambda v: v
        if isinstance(value, str):
            return lambda v: exception_class(self.full_name)(str(v))
        if isinstance(value, list):
            return self._from_arguments
        if isinstance(value, Hashtable):
            return self._from_hashtable
        return self.no_conversion

    def _from_arguments(self, value: list[Any]) -> Any:
        """``[Exception]@(message, inner)``: the (string, Exception) constructor; any other
        arguments find no constructor (``@($null, $false)`` is a cast error, not a TypeError)."""
        if len(value) > 2 or (len(value) == 2 and value[1] is not None and not isinstance(value[1], BaseException)):
            return self.no_conversion(value)
        message = value[0] if value else None
        return exception_class(self.full_name)(None if message is None else str(message), *value[1:2])

    def _from_hashtable(self, table: Hashtable) -> DotNetException:
        if not all(str(key).casefold() in _SETTABLE for key in table):
            return self.no_conversion(table)
        made = exception_class(self.full_name)()
        for key, item in table.items():
            setattr(made, _SETTABLE[str(key).casefold()], item)
        return made

    def new(self) -> Any:
        return exception_class(self.full_name)()


_TYPES: dict[str, ExceptionType] = {}


def exception_type(full_name: str) -> ExceptionType:
    found = _TYPES.get(full_name)
    if found is None:
        found = _TYPES[full_name] = ExceptionType(full_name)
    return found


def _by_short_name() -> dict[str, str]:
    table: dict[str, str] = {}
    for name in [*BASES, "System.Exception"]:
        table.setdefault(name.casefold(), name)
        table.setdefault(name.rsplit(".", 1)[-1].casefold(), name)
    return table


_SHORT = _by_short_name()


def catch_type(name: str) -> str:
    """The full .NET name a ``catch [name]`` matches; TypeNotFoundError for an unknown type."""
    folded = name.casefold()
    known = _SHORT.get(folded) or _SHORT.get("system." + folded)
    if known is not None:
        return known
    found = find_type(name)
    if found is None:
        raise TypeNotFoundError(name)
    return found.full_name


def register_exception_types() -> None:
    """Make every known exception type resolvable as a type literal (asking the registry alone:
    find_type would import every static member table, none of which defines an exception)."""
    for name in [*BASES, "System.Exception"]:
        existing = registered_type(name)
        if existing is None:
            register_type(exception_type(name))
        elif not isinstance(existing, ExceptionType) and name == "System.Exception":
            # the binder's stand-in (Write-Error -Exception) takes any exception but makes none:
            # [System.Exception]::new('message') and [System.Exception]'message' need this one
            register_type(exception_type(name))
            forget_resolved(name)


register_exception_types()
