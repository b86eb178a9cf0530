"""Request-body conversion and AdditionalBody merging (pure functions)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import pytest

from psbridge.api import RequestBodyError, build_json_body, encode_json, to_json_value
from psbridge.objects import Hashtable, PSObject, SecureString, SwitchParameter, Uri


class Color(enum.Enum):
    RED = "red"


def test_powershell_values_are_converted() -> None:
    value = {
        "obj": PSObject({"Id": "x", "Nested": Hashtable({"k": [1, 2.5, None]})}),
        "switch": SwitchParameter(True),
        "uri": Uri("https://example.com/a b"),
        "when": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        "local": dt.datetime(2024, 1, 2, 3, 4, 5),
        "day": dt.date(2024, 1, 2),
        "enum": Color.RED,
        "tuple": (1, "a"),
        1: "int key",
    }
    assert to_json_value(value) == {
        "obj": {"Id": "x", "Nested": {"k": [1, 2.5, None]}},
        "switch": True,
        "uri": "https://example.com/a b",
        "when": "2024-01-02T03:04:05Z",
        "local": "2024-01-02T03:04:05",
        "day": "2024-01-02",
        "enum": "red",
        "tuple": [1, "a"],
        "1": "int key",
    }


def test_securestring_is_never_serialized() -> None:
    secret = "sk-verysecretvalue0123456789"
    with pytest.raises(RequestBodyError) as info:
        to_json_value({"tools": [{"key": SecureString(secret)}]})
    assert "$.tools[0].key" in str(info.value)
    assert secret not in str(info.value)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), object()])
def test_values_without_json_form_are_refused(bad: Any) -> None:
    with pytest.raises(RequestBodyError):
        to_json_value({"x": bad})


def test_cycles_are_refused() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(RequestBodyError, match="nested deeper"):
        to_json_value(loop)


def test_additional_body_merged_shallowly_and_wins() -> None:
    body = {"model": "gpt-4", "metadata": {"a": "1"}, "n": 1}
    merged = build_json_body(body, {"Model": "o3", "metadata": {"b": "2"}, "extra": True})
    # Same key case-insensitively: body spelling and position kept, AdditionalBody's value used.
    assert list(merged) == ["model", "metadata", "n", "extra"]
    assert merged == {"model": "o3", "metadata": {"b": "2"}, "n": 1, "extra": True}


@pytest.mark.parametrize(
    "additional",
    ['{"extra": 1}', Hashtable({"extra": 1}), PSObject({"extra": 1}), {"extra": 1}],
)
def test_additional_body_forms(additional: Any) -> None:
    assert build_json_body({"a": 1}, additional) == {"a": 1, "extra": 1}


@pytest.mark.parametrize("additional", ["{not json", "[1, 2]", 42])
def test_invalid_additional_body(additional: Any) -> None:
    with pytest.raises(RequestBodyError, match="AdditionalBody"):
        build_json_body({"a": 1}, additional)


def test_encode_json_is_compact_utf8() -> None:
    assert encode_json({"text": "héllo ✓", "n": [1, 2]}) == '{"text":"héllo ✓","n":[1,2]}'.encode()
