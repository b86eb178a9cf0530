"""Which functions a run calls, and with what arguments: deterministic rules a test can rely on.

The echo model has no judgement, so function calling follows the text:

* ``tool_choice: "none"`` - no call;
* ``tool_choice: {"type": "function", "function": {"name": N}}`` - one call of N;
* ``tool_choice: "required"`` - the functions the last user message names, or
  every function tool when it names none;
* ``tool_choice: "auto"`` (the default) - the functions the last user message
  names; when it names none the run just answers.

A function is *named* when its name occurs in the message as a whole word,
ignoring case (``get_weather`` in "call get_weather for Tokyo").  Calls come in
the order of the run's tools.

Arguments are built from the function's JSON-schema ``parameters``, one entry
per property, in declaration order:

* ``prop=value`` or ``prop: value`` in the message gives the value (a quoted
  value may hold spaces), converted to the property's type;
* otherwise an ``enum`` property takes the first of its values the message
  mentions; a number or integer the first number in the message; a boolean
  false; a string the whole message - but only for *required* properties
  (and enums); optional ones without a value are left out.
"""

from __future__ import annotations

import json
import re
from typing import Any

JSON = dict[str, Any]

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def _named(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text, re.IGNORECASE) is not None


def function_tools(tools: list[JSON]) -> list[JSON]:
    return [t["function"] for t in tools if t.get("type") == "function" and isinstance(t.get("function"), dict)]


def planned_calls(tools: list[JSON], tool_choice: Any, user_text: str) -> list[str]:
    """Names of the functions a run calls of its own accord (empty: it answers instead)."""
    if tool_choice == "none":
        return []
    names = [f["name"] for f in function_tools(tools)]
    if isinstance(tool_choice, dict):
        if tool_choice.get("type") != "function":
            return []
        wanted = (tool_choice.get("function") or {}).get("name")
        return [wanted] if wanted else []
    named = [name for name in names if _named(name, user_text)]
    if tool_choice == "required" and not named:
        return names
    return named


def forced_calls(tools: list[JSON], tool_choice: Any, user_text: str) -> list[str]:
    """Names called when the run is made to require action (a marker, a queued outcome, a test):
    what it would call anyway, else every function tool the choice allows."""
    planned = planned_calls(tools, tool_choice, user_text)
    if planned or tool_choice == "none":
        return planned
    return [f["name"] for f in function_tools(tools)]


def _explicit(prop: str, text: str) -> str | None:
    pattern = rf"(?<![\w]){re.escape(prop)}\s*[=:]\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s,;]+))"
    match = re.search(pattern, text, re.IGNORECASE)
    if match is None:
        return None
    return next(group for group in match.groups() if group is not None)


def _typed(value: str, kind: Any) -> Any:
    if kind == "integer":
        try:
            return int(float(value))
        except ValueError:
            return 0
    if kind == "number":
        try:
            return float(value)
        except ValueError:
            return 0
    if kind == "boolean":
        return value.lower() in ("true", "yes", "1", "on")
    return value


def _guess(schema: JSON, text: str, required: bool) -> tuple[bool, Any]:
    kind = schema.get("type")
    enum = schema.get("enum")
    if isinstance(enum, list) and enum:
        mentioned = [value for value in enum if isinstance(value, str) and _named(value, text)]
        return True, (mentioned[0] if mentioned else enum[0])
    if not required:
        return False, None
    if kind in ("integer", "number"):
        match = _NUMBER.search(text)
        return True, _typed(match.group(0), kind) if match else 0
    if kind == "boolean":
        return True, False
    if kind in ("object", "array"):
        return True, {} if kind == "object" else []
    return True, text


def arguments(function: JSON, user_text: str) -> str:
    """The JSON arguments text of one call of ``function``."""
    parameters = function.get("parameters")
    properties = parameters.get("properties") if isinstance(parameters, dict) else None
    if not isinstance(properties, dict):
        return "{}"
    assert isinstance(parameters, dict)
    required = set(parameters.get("required") or [])
    result: JSON = {}
    for prop, schema in properties.items():
        schema = schema if isinstance(schema, dict) else {}
        given = _explicit(prop, user_text)
        if given is not None:
            result[prop] = _typed(given, schema.get("type"))
            continue
        include, value = _guess(schema, user_text, prop in required)
        if include:
            result[prop] = value
    return json.dumps(result, separators=(",", ":"), ensure_ascii=False)


def call_arguments(tools: list[JSON], name: str, user_text: str) -> str:
    function = next((f for f in function_tools(tools) if f.get("name") == name), None)
    return arguments(function, user_text) if function is not None else "{}"
