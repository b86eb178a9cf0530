"""PSObject from a parsed JSON object (every API answer) is made in one pass: it must be the object
the general, property-by-property construction makes."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from psbridge.objects import PSObject
from psbridge.objects.psobject import PSCUSTOMOBJECT_TYPE_NAMES

# Few letters, so that keys differing only in case (``id`` and ``ID``) come up often.
KEYS = st.text(alphabet="aAbBß", min_size=0, max_size=3)
VALUES = st.none() | st.integers() | st.text(max_size=3) | st.lists(st.integers(), max_size=2)


def _shape(obj: PSObject) -> tuple[list[tuple[str, Any]], list[str]]:
    return [(name, obj[name]) for name in obj.property_names], list(obj.pstypenames)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_a_json_object_becomes_the_same_psobject_as_its_pairs(data: dict[str, Any]) -> None:
    from_dict = PSObject(data)
    from_pairs = PSObject(list(data.items()))  # the general path: one note property at a time
    assert _shape(from_dict) == _shape(from_pairs)


def test_keys_that_differ_only_in_case_keep_the_first_spelling_and_the_last_value() -> None:
    obj = PSObject({"id": 1, "Name": "a", "ID": 2})
    assert obj.property_names == ["id", "Name"]
    assert (obj.id, obj["Id"]) == (2, 2)


def test_a_fresh_object_has_its_own_type_names_and_properties() -> None:
    first, second = PSObject({"a": 1}), PSObject({"a": 1})
    first.pstypenames.insert(0, "PSOpenAI.Thread.Run")
    first.b = 2
    assert list(second.pstypenames) == list(PSCUSTOMOBJECT_TYPE_NAMES)
    assert second.property_names == ["a"]


def test_keys_that_are_not_text_become_text() -> None:
    assert PSObject({1: "one", "x": 2}).property_names == ["1", "x"]
