"""Turning cmdlet values into a JSON request body.

Cmdlets build bodies from bound parameters, which hold PowerShell-flavoured
values (PSObject, Hashtable, SwitchParameter, Uri, datetimes).  ``json.dumps``
knows none of them, and a ``default=`` hook would silently accept a
SecureString by its ``str``; so values are converted explicitly, and anything
without a faithful JSON form is refused *before* the request is sent.
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import math
from collections.abc import Mapping
from typing import Any

from ..objects import Hashtable, PSObject, SecureString, SwitchParameter, Uri, find_adapter, to_ps_string
from .errors import RequestBodyError

__all__ = ["MAX_DEPTH", "build_json_body", "encode_json", "parse_additional_body", "to_json_value"]

#: ConvertTo-Json -Depth 100, as PSOpenAI serialises bodies; deeper means a cycle or a bug.
MAX_DEPTH = 100


def _key_text(key: Any) -> str:
    return key if isinstance(key, str) else to_ps_string(key)


def _datetime_text(value: _dt.datetime | _dt.date) -> str:
    if isinstance(value, _dt.datetime) and value.utcoffset() == _dt.timedelta(0):
        return value.replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


def to_json_value(value: Any, *, path: str = "$", _depth: int = 0) -> Any:
    """A plain JSON-ready value (dict/list/str/int/float/bool/None) for ``value``.

    ``path`` names the location in error messages (``$.tools[0].function``), so
    that a caller can find the offending value in a large body.
    """
    if _depth > MAX_DEPTH:
        raise RequestBodyError(f"The request body is nested deeper than {MAX_DEPTH} levels at {path}.")
    if isinstance(value, enum.Enum):
        return to_json_value(value.value, path=path, _depth=_depth + 1)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, SecureString):
        # Never serialise a secret: its str() is a type name, which would be wrong
        # on the wire, and its plain text must not leave through a body.
        raise RequestBodyError(f"A SecureString cannot be sent in a request body (at {path}).")
    if isinstance(value, SwitchParameter):
        return value.is_present
    if isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise RequestBodyError(f"The number {value!r} has no JSON representation (at {path}).")
        return value
    if isinstance(value, Uri):
        return value.original_string
    if isinstance(value, _dt.datetime | _dt.date):
        return _datetime_text(value)
    if isinstance(value, PSObject):
        return {
            name: to_json_value(value[name], path=f"{path}.{name}", _depth=_depth + 1)
            for name in value.property_names
        }
    if isinstance(value, Hashtable | Mapping):
        result: dict[str, Any] = {}
        for key, item in value.items():
            name = _key_text(key)
            result[name] = to_json_value(item, path=f"{path}.{name}", _depth=_depth + 1)
        return result
    if isinstance(value, list | tuple | set | frozenset):
        return [to_json_value(item, path=f"{path}[{i}]", _depth=_depth + 1) for i, item in enumerate(value)]
    if isinstance(value, bytes | bytearray):
        return list(value)  # ConvertTo-Json renders byte[] as an array of numbers
    adapter = find_adapter(value)
    if adapter is not None:
        return to_json_value(adapter.to_python(value), path=path, _depth=_depth + 1)
    raise RequestBodyError(
        f"A value of type {type(value).__name__} cannot be sent in a request body (at {path})."
    )


def parse_additional_body(additional: Any) -> dict[str, Any] | None:
    """AdditionalBody (mapping, PSObject or JSON text) as a plain dict; None when not given."""
    if additional is None:
        return None
    if isinstance(additional, str):
        if not additional.strip():
            return None
        try:
            parsed = json.loads(additional)
        except ValueError as exc:
            raise RequestBodyError(f"Failed to parse AdditionalBody as JSON. {exc}") from None
        if not isinstance(parsed, dict):
            raise RequestBodyError("Failed to parse AdditionalBody as JSON. It must be a JSON object.")
        return parsed
    if isinstance(additional, PSObject | Hashtable | Mapping):
        converted = to_json_value(additional, path="AdditionalBody")
        assert isinstance(converted, dict)
        return converted
    raise RequestBodyError(
        f"AdditionalBody must be a dictionary, a custom object or JSON text, not {type(additional).__name__}."
    )


def build_json_body(body: Mapping[str, Any] | PSObject, additional_body: Any = None) -> dict[str, Any]:
    """The body to send: ``body`` merged shallowly with AdditionalBody, which wins on a shared key.

    Keys match case-insensitively (PSOpenAI merges into an ordered dictionary);
    the body's own spelling and position are kept and AdditionalBody's value is used.
    """
    merged = to_json_value(body, path="$")
    if not isinstance(merged, dict):
        raise RequestBodyError("The request body must be a dictionary or a custom object.")
    extra = parse_additional_body(additional_body)
    if extra:
        spelling = {key.casefold(): key for key in merged}
        for key, value in extra.items():
            merged[spelling.get(key.casefold(), key)] = value
    return merged


def encode_json(value: Any) -> bytes:
    """Compact UTF-8 JSON (no ASCII escaping, as .NET's serializer writes it).

    A string holding a lone surrogate (PowerShell's "`u{D800}") has no UTF-8
    form; .NET would silently send U+FFFD in its place, psbridge refuses the
    body before sending rather than change the data.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        character = text[error.start]
        raise RequestBodyError(
            f"The request body contains the character U+{ord(character):04X} (a lone surrogate), "
            "which cannot be encoded as UTF-8."
        ) from None
