"""The emulator's function-calling rules (psbridge/emulator/tool_calls.py), as pure functions."""

from __future__ import annotations

import json
from typing import Any

import pytest

from psbridge.emulator.tool_calls import arguments, forced_calls, planned_calls


def tools(*names: str) -> list[dict[str, Any]]:
    return [{"type": "code_interpreter"}, *({"type": "function", "function": {"name": n}} for n in names)]


@pytest.mark.parametrize(
    ("choice", "text", "called"),
    [
        ("auto", "hello", []),
        ("auto", "please run get_time, then Lookup", ["lookup", "get_time"]),
        ("auto", "get_times and xlookup are other words", []),
        ("none", "get_time now", []),
        ("required", "hello", ["lookup", "get_time"]),
        ("required", "only get_time", ["get_time"]),
        ({"type": "function", "function": {"name": "get_time"}}, "hello", ["get_time"]),
        ({"type": "file_search"}, "get_time", []),
    ],
)
def test_which_functions_a_run_calls(choice: Any, text: str, called: list[str]) -> None:
    assert planned_calls(tools("lookup", "get_time"), choice, text) == called


def test_a_forced_call_falls_back_to_every_function() -> None:
    assert forced_calls(tools("a", "b"), "auto", "nothing named") == ["a", "b"]
    assert forced_calls(tools("a", "b"), "auto", "b please") == ["b"]
    assert forced_calls(tools("a", "b"), "none", "b please") == []


SCHEMA = {
    "parameters": {
        "type": "object",
        "properties": {
            "city": {"type": "string"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
            "days": {"type": "integer"},
            "detailed": {"type": "boolean"},
            "note": {"type": "string"},
        },
        "required": ["city", "days", "detailed"],
    }
}


def test_arguments_take_explicit_values_then_guesses_for_required_properties() -> None:
    text = 'forecast city="New York" for 3 days in Fahrenheit'
    expected = {"city": "New York", "unit": "fahrenheit", "days": 3, "detailed": False}
    assert json.loads(arguments(SCHEMA, text)) == expected
    assert json.loads(arguments(SCHEMA, "weather please")) == {
        "city": "weather please",
        "unit": "celsius",
        "days": 0,
        "detailed": False,
    }
    explicit = json.loads(arguments(SCHEMA, "city: Paris days=2.0 detailed=yes note='short one'"))
    assert explicit == {"city": "Paris", "unit": "celsius", "days": 2, "detailed": True, "note": "short one"}


def test_arguments_without_a_schema_are_an_empty_object() -> None:
    assert arguments({"name": "f"}, "text") == "{}"
    assert arguments({"name": "f", "parameters": {"type": "object"}}, "text") == "{}"
