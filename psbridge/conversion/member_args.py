"""Arguments of .NET members as PowerShell's method binder passes them.

PowerShell converts each argument to the parameter's type before the call
(``$s.Substring("1")`` works), writes ``[ref]`` arguments back after it
(``[int]::TryParse($text, [ref]$n)``), and reports a .NET exception as
MethodInvocationException naming the method and the argument count.  The member
tables share these helpers so every member converts and fails the same way.
"""

from __future__ import annotations

from typing import Any

from .collections import as_items
from .errors import MethodInvocationError, RuntimeException
from .netenums import StringComparison
from .scalars import to_string
from .typenames import INT32, STRING

__all__ = [
    "REFERENCE_TYPE_NAME",
    "as_int",
    "as_text",
    "flatten",
    "ignore_case_at",
    "invocation_failed",
    "is_reference",
    "no_overload",
    "set_reference",
]

#: ``[ref]``'s .NET type; the evaluator's reference objects carry it as ``__ps_type_name__``.
REFERENCE_TYPE_NAME = "System.Management.Automation.PSReference"


def as_int(value: Any) -> int:
    """An Int32 parameter: the argument converted as a cast would."""
    return int(INT32.convert(value))


def as_text(value: Any) -> str:
    """A String parameter: ``$null`` passes as the empty string, as PowerShell's binder does."""
    return str.__str__(STRING.convert(value)) if value is not None else ""


def flatten(values: Any) -> list[Any]:
    """A params array: one collection argument is the array itself, else the arguments."""
    items = as_items(values)
    return items if items is not None else [values]


def invocation_failed(method: str, count: int, message: str) -> MethodInvocationError:
    """The .NET exception a member raised, as PowerShell wraps it."""
    return MethodInvocationError(method, count, message)


def no_overload(method: str, count: int) -> RuntimeException:
    """No overload takes this many arguments."""
    return RuntimeException(
        f'Cannot find an overload for "{method}" and the argument count: "{count}".',
        error_id="MethodCountCouldNotFindBest",
    )


def ignore_case_at(args: tuple[Any, ...], position: int) -> bool:
    """Whether the StringComparison (or ``ignoreCase`` bool) at ``position`` ignores case."""
    if not 0 <= position < len(args):
        return False
    option = args[position]
    if isinstance(option, bool):
        return option
    if not isinstance(option, StringComparison):
        try:
            option = StringComparison[to_string(option)]
        except KeyError:
            return False
    return option.name.endswith("IgnoreCase")


def is_reference(value: Any) -> bool:
    """Whether an argument is ``[ref]$variable``."""
    return getattr(type(value), "__ps_type_name__", None) == REFERENCE_TYPE_NAME


def set_reference(reference: Any, position: int, value: Any) -> None:
    """Write the out/ref parameter at 1-based ``position``; a plain value there is PowerShell's error."""
    if not is_reference(reference):
        raise RuntimeException(
            f"Argument: '{position}' should be a {REFERENCE_TYPE_NAME}. Use [ref].",
            error_id="NonRefArgumentToRefParameterMsg",
        )
    reference.Value = value
