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


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)


def _plain(value: Any) -> Any:
    """A converted value back as plain data, property names as spelled."""
    if isinstance(value, PSObject):
        return [(name, _plain(value[name]), value.pstypenames) for name in value.property_names]
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _one_by_one(value: Any) -> Any:
    """The conversion from_json stands for, made with the general constructor."""
    if isinstance(value, dict):
        return PSObject([(key, _one_by_one(item)) for key, item in value.items()])
    if isinstance(value, list):
        return [_one_by_one(item) for item in value]
    return value


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, JSON, max_size=5))
def test_from_json_makes_what_the_general_constructor_makes(data: dict[str, Any]) -> None:
    from psbridge.cmdlets.psopenai._objects import to_psobject

    assert _plain(to_psobject(data)) == _plain(_one_by_one(data))


def test_from_json_of_keys_that_are_not_text_or_fold_together() -> None:
    from psbridge.cmdlets.psopenai._objects import to_psobject

    for data in ({1: {"a": 1}, "b": [{"c": 2}]}, {"id": {"x": 1}, "ID": [{"y": 2}]}):
        assert _plain(PSObject.from_json(data, to_psobject)) == _plain(_one_by_one(data))
