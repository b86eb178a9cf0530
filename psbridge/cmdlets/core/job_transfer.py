"""What crosses between a background job's process and the session that started it.

pwsh's Start-Job runs the job in another process and sends every object through its remoting
serializer (serialization.cs); what the caller receives is a *deserialized* copy, never the
object itself.  psbridge keeps those rules, written as plain data (lists, dicts, strings) that
``multiprocessing`` pickles without touching psbridge's classes:

* primitive known types (strings, numbers, booleans, chars, dates, time spans, GUIDs, byte
  arrays, versions, URIs) arrive as themselves;
* dictionaries arrive as Hashtables and other collections as arrays; containers do not use up
  depth, their items are written at the container's depth;
* any other object arrives as a property bag whose type names are its own prefixed with
  ``Deserialized.`` (``Deserialized.System.Management.Automation.PSCustomObject``); a custom
  object's note properties are written at its own depth, a .NET or psbridge object's
  properties one level lower, and an object met at depth 0 arrives as its string
  (HandlePSObjectAsString).  Jobs serialize at depth 1, so ``Get-Item .`` arrives with its
  properties, and those properties' objects as text;
* error records arrive as error records carrying the original message, error id, category,
  target (as text) and exception type name, so ``Receive-Job`` writes them as the job did.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import uuid
from collections.abc import Mapping
from typing import Any

__all__ = ["JOB_DEPTH", "RemoteException", "dump", "dump_error", "load", "load_error"]

#: s_mshDefaultSerializationDepth: what remoting (and so Start-Job) serializes at.
JOB_DEPTH = 1

#: Guard against cycles and pathological nesting (serialization.cs: MaxDepthBelowTopLevel).
_MAX_NESTING = 50


def dump(value: Any, depth: int = JOB_DEPTH, _nesting: int = 0) -> Any:
    """``value`` as plain, picklable data (see the module docstring for the rules)."""
    from ...objects import Hashtable, PSObject, SecureString, is_ps_collection, to_ps_string
    from ...objects.numeric import Char
    from ...objects.values import Uri

    if isinstance(value, Char):
        return {"t": "char", "v": str(value)}
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, enum.Enum):
        return {"t": "str", "v": to_ps_string(value)}
    if isinstance(value, int | float):
        return {"t": "num", "v": value, "k": type(value).__name__} if type(value) not in (int, float) else value
    if _nesting > _MAX_NESTING:
        return {"t": "str", "v": to_ps_string(value)}
    if isinstance(value, decimal.Decimal):
        return {"t": "decimal", "v": str(value)}
    if isinstance(value, dt.datetime):
        return {"t": "datetime", "v": value}
    if isinstance(value, dt.timedelta):
        return {"t": "timespan", "v": value}
    if isinstance(value, uuid.UUID):
        return {"t": "guid", "v": str(value)}
    if isinstance(value, bytes | bytearray):
        return {"t": "bytes", "v": bytes(value)}
    if isinstance(value, Uri):
        return {"t": "uri", "v": str(value)}
    if isinstance(value, SecureString):
        return {"t": "str", "v": "System.Security.SecureString"}
    from ...errors import ErrorRecord

    if isinstance(value, ErrorRecord):
        return dump_error(value)
    if isinstance(value, Hashtable | Mapping) and not isinstance(value, PSObject):
        items = [[dump(k, depth, _nesting + 1), dump(v, depth, _nesting + 1)] for k, v in value.items()]
        return {"t": "dict", "items": items, "ordered": type(value).__name__ == "OrderedDictionary"}
    if isinstance(value, list | tuple) or is_ps_collection(value) or _enumerable(value):
        return {"t": "list", "items": [dump(item, depth, _nesting + 1) for item in value]}
    return _dump_object(value, depth, _nesting)


def _enumerable(value: Any) -> bool:
    """An IEnumerable other than a string or a property bag (GroupCollection ...): a container."""
    from ...objects import PSObject

    return hasattr(type(value), "__iter__") and not isinstance(value, PSObject)


def _dump_object(value: Any, depth: int, nesting: int) -> Any:
    from ...objects import PSObject, to_ps_string, type_names_of
    from ..common.semantics import get_property, property_names

    text = to_ps_string(value)
    if depth <= 0:
        return {"t": "str", "v": text}
    # a custom object's note properties keep the depth; adapted properties go one level down
    custom = isinstance(value, PSObject) and "System.Management.Automation.PSCustomObject" in value.pstypenames
    inner = depth if custom else depth - 1
    properties = []
    for name in property_names(value):
        try:
            found, item = get_property(value, name)
        except Exception:  # a getter that throws is left out, as GetPropertyValueInThreadSafeManner does
            continue
        if found:
            properties.append([name, dump(item, inner, nesting + 1)])
    return {"t": "object", "types": list(type_names_of(value)), "props": properties, "text": text}


def load(data: Any) -> Any:
    """The deserialized value of :func:`dump`'s ``data``."""
    from ...objects import Hashtable, OrderedDictionary
    from ...objects.numeric import Char

    if not isinstance(data, dict):
        return data
    kind = data["t"]
    if kind == "str":
        return data["v"]
    if kind == "num":
        return _number(data["v"], data["k"])
    if kind == "char":
        return Char(data["v"])
    if kind == "decimal":
        return decimal.Decimal(data["v"])
    if kind in ("datetime", "timespan", "bytes"):
        return data["v"]
    if kind == "guid":
        return uuid.UUID(data["v"])
    if kind == "uri":
        from ...objects.values import Uri

        return Uri(data["v"])
    if kind == "error":
        return load_error(data)
    if kind == "dict":
        table = OrderedDictionary() if data["ordered"] else Hashtable()
        for key, value in data["items"]:
            table[load(key)] = load(value)
        return table
    if kind == "list":
        return [load(item) for item in data["items"]]
    bag = _deserialized_class()([(name, load(value)) for name, value in data["props"]])
    object.__setattr__(bag, "_type_names", [f"Deserialized.{name}" for name in data["types"]])
    object.__setattr__(bag, "_text", data["text"])
    return bag


_DESERIALIZED: Any = None


def _deserialized_class() -> Any:
    """A property bag that keeps the original object's ToString() (the serializer's ToString
    element: a deserialized PathInfo prints its path, not ``@{Drive=...}``), made once."""
    global _DESERIALIZED
    if _DESERIALIZED is None:
        from ...objects import PSObject

        class DeserializedObject(PSObject):
            __slots__ = ("_text",)

            def ps_to_string(self) -> str:
                return str(self._text)

        _DESERIALIZED = DeserializedObject
    return _DESERIALIZED


def _number(value: Any, kind: str) -> Any:
    """A .NET number kind psbridge models as an int or float subclass (Int64, Byte, Single ...)."""
    from ...objects import numeric

    cls = getattr(numeric, kind, None)
    return cls(value) if isinstance(cls, type) else value


def dump_error(record: Any) -> dict[str, Any]:
    """An ErrorRecord as data: what Receive-Job needs to write it as the job wrote it."""
    from ...objects import to_ps_string

    target = record.target_object
    info = record.invocation_info
    return {
        "t": "error",
        "message": record.message,
        "error_id": record.error_id,
        "command": str(record.command_name) if record.command_name else None,
        "activity": record.display_activity,
        "category": str(record.category),
        "target": None if target is None else to_ps_string(target),
        "exception_type": record.exception_type_name,
        "position": getattr(info, "position_message", None),
    }


class RemotePosition:
    """The ``At line:N char:M`` block of an error's position in the job's script."""

    def __init__(self, position_message: str) -> None:
        self.position_message = position_message


class RemoteException(Exception):
    """The exception of an error record that came from a job (pwsh: a RemoteException carrying
    the job's message); ``Message`` is the job's message."""

    def __init__(self, message: str, type_name: str) -> None:
        super().__init__(message)
        self._message = message
        self._type_name = type_name

    @property
    def Message(self) -> str:
        return self._message


def load_error(data: Mapping[str, Any]) -> Any:
    """The ErrorRecord :func:`dump_error` describes."""
    from ...errors import ErrorRecord, QualifiedName

    position = data.get("position")
    command, activity = data["command"], data["activity"]
    return ErrorRecord(
        RemoteException(data["message"], data["exception_type"]),
        data["error_id"],
        data["category"],
        target_object=data["target"],
        command_name=QualifiedName(command, activity or "") if command else None,
        exception_type_name=data["exception_type"],
        # set (if empty), so that the cmdlet writing it does not claim it as its own error
        activity=activity or "",
        invocation_info=RemotePosition(position) if position else None,
    )
