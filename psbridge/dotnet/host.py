"""The Python half of the C# facade (tools/dotnet-host/PSBridge.cs).

Every crossing from C# into Python costs a GIL hand-over and a wrapper per
object, so the C# ``PowerShell`` class calls :func:`invoke` once per
``Invoke()`` and gets back everything it needs in plain Python values it can
read with a few type checks:

* ``None``, ``bool``, ``int``, ``float``, ``str`` and .NET objects as they are
  (pythonnet hands them to C# as null, bool, int/long, double, string and the
  original object);
* tuples tagged by their first item for everything else:
  ``("psobject", type_names, names, values, original)``,
  ``("hashtable", keys, values)``, ``("array", items)``,
  ``("datetime", ticks, kind)``, ``("timespan", ticks)``, ``("uri", text)``.

``original`` is the Python object itself, which the C# side keeps so that an
output object passed back as an argument (``-Run $run``) is the same object,
with its ``pstypenames``, not a copy.
"""

from __future__ import annotations

import datetime as _dt
import enum
import logging
from collections.abc import Iterable, Mapping
from typing import Any

from ..binding import ParameterBindingError
from ..errors import ErrorRecord, PSError
from ..hosting import PowerShell
from ..objects import (
    PSCUSTOMOBJECT_TYPE_NAMES,
    Hashtable,
    PSObject,
    SecureString,
    SwitchParameter,
    Uri,
    to_ps_string,
)
from .convert import is_dotnet
from .secure import to_dotnet_secure_string

__all__ = ["ErrorTuple", "exit_handlers", "export", "export_error", "invoke", "make_psobject"]

#: (FullyQualifiedErrorId, ErrorId, Message, Category, CategoryInfo, ExceptionTypeName, TargetText, Formatted)
ErrorTuple = tuple[str, str, str, str, str, str, str, str]

#: Nesting beyond this is exported as text (a cycle in a Python object must not hang the host).
MAX_EXPORT_DEPTH = 32

_TICKS_EPOCH = _dt.datetime(1, 1, 1)
_DATETIME_KIND = {"unspecified": 0, "utc": 1, "local": 2}

# The host reads errors from Streams.Error; without a handler, Python's last-resort
# handler would also print every error id of the "psbridge" logger on the host's stderr.
logging.getLogger("psbridge").addHandler(logging.NullHandler())


def invoke(
    shell: PowerShell, input: Iterable[Any] | None = None
) -> tuple[list[Any], tuple[str, ErrorTuple] | None, bool, list[ErrorTuple], list[str]]:
    """Run ``shell`` once: (outputs, failure, had_errors, new error records, new warnings).

    ``failure`` is None, or (kind, record) for what ``Invoke()`` must throw:
    kind ``binding`` (ParameterBindingException), ``runtime`` (any other
    PowerShell error, e.g. -ErrorAction Stop), ``invalid_operation`` (misuse of
    the API, such as invoking nothing) or ``python`` (a bug: the Python type in
    the record).
    """
    errors_before = len(shell.streams.error)
    warnings_before = len(shell.streams.warning)
    failure: tuple[str, ErrorTuple] | None = None
    output: list[Any] = []
    try:
        output = shell.invoke(None if input is None else list(input))
    except ParameterBindingError as error:
        failure = ("binding", export_error(error.error_record))
    except PSError as error:
        failure = ("runtime", export_error(error.error_record))
    except ValueError as error:
        failure = ("invalid_operation", _python_error(error))
    except Exception as error:
        failure = ("python", _python_error(error))
    new_errors = [export_error(record) for record in shell.streams.error[errors_before:]]
    new_warnings = [str(message) for message in shell.streams.warning[warnings_before:]]
    return [export(item) for item in output], failure, bool(shell.had_errors), new_errors, new_warnings


def export_error(record: ErrorRecord) -> ErrorTuple:
    """An error record as the C# ErrorRecord's fields."""
    target = record.target_object
    return (
        record.fully_qualified_error_id,
        record.error_id,
        record.message,
        record.category,
        record.category_info,
        record.exception_type_name,
        "" if target is None else to_ps_string(target),
        record.format(),
    )


def _python_error(error: BaseException) -> ErrorTuple:
    kind = type(error).__name__
    message = str(error) or kind
    return (kind, kind, message, "NotSpecified", f"NotSpecified: (:) [], {kind}", kind, "", f"{message}")


def make_psobject(type_names: Iterable[str], names: Iterable[str], values: Iterable[Any]) -> PSObject:
    """A PSObject built on the C# side (``new PSObject()`` plus note properties)."""
    result = PSObject(zip(names, values, strict=True))
    given = [str(name) for name in type_names]
    if given:
        result.pstypenames[:] = given
    return result


def export(value: Any, depth: int = 0) -> Any:
    """``value`` in the shape the C# facade reads (see the module docstring)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if is_dotnet(value):
        return value
    if depth > MAX_EXPORT_DEPTH:
        return to_ps_string(value)
    inner = depth + 1
    if isinstance(value, PSObject):
        names = value.property_names
        return ("psobject", list(value.pstypenames), names, [export(value[n], inner) for n in names], value)
    if isinstance(value, Hashtable):
        keys = list(value.keys())
        return ("hashtable", [export(k, inner) for k in keys], [export(value[k], inner) for k in keys])
    if isinstance(value, Mapping):  # a dict is a PSCustomObject in psbridge
        names = [str(k) for k in value]
        values = [export(v, inner) for v in value.values()]
        return ("psobject", list(PSCUSTOMOBJECT_TYPE_NAMES), names, values, value)
    if isinstance(value, SwitchParameter):
        return value.is_present
    if isinstance(value, SecureString):
        return to_dotnet_secure_string(value)
    if isinstance(value, Uri):
        return ("uri", value.original_string)
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, _dt.datetime):
        return _datetime(value)
    if isinstance(value, _dt.timedelta):
        return ("timespan", value // _dt.timedelta(microseconds=1) * 10)
    if isinstance(value, list | tuple | set | frozenset):
        return ("array", [export(item, inner) for item in value])
    if isinstance(value, bytes | bytearray):
        return ("array", list(value))
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict):
        public = {k: v for k, v in attributes.items() if not k.startswith("_") and not callable(v)}
        kind = type(value)
        type_names = [f"{kind.__module__}.{kind.__qualname__}", "System.Object"]
        return ("psobject", type_names, list(public), [export(v, inner) for v in public.values()], value)
    return to_ps_string(value)


def exit_handlers() -> None:
    """What interpreter shutdown would do that matters to a host about to exit: atexit, flushed streams."""
    import atexit
    import sys

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            try:
                stream.flush()
            except (OSError, ValueError):
                pass


def _datetime(value: _dt.datetime) -> tuple[str, int, int]:
    if value.tzinfo is None:
        kind = "unspecified"
    else:
        value = value.astimezone(_dt.UTC).replace(tzinfo=None)
        kind = "utc"
    ticks = (value - _TICKS_EPOCH) // _dt.timedelta(microseconds=1) * 10
    return ("datetime", ticks, _DATETIME_KIND[kind])
