# ruff: noqa: E501 - one assertion per line reads best
"""``$x.psobject``: the member set every value has, and ``PSTypeName`` in a [pscustomobject] cast."""

from __future__ import annotations

import pytest

from psbridge.conversion import resolve_type
from psbridge.conversion.methods import get_property, invoke_method
from psbridge.objects import Hashtable, PSObject


def members(value):
    found, member_set = get_property(value, "psobject") if not isinstance(value, PSObject) else value.find_property("psobject")
    assert found
    return member_set


def test_properties_read_and_write_through():
    obj = PSObject([("one", 1), ("two", 2)])
    properties = members(obj).Properties
    assert [p.Name for p in properties] == ["one", "two"] and [p.Value for p in properties] == [1, 2]
    properties[0].Value = 10
    assert obj["one"] == 10 and properties[0].MemberType == "NoteProperty" and properties[0].TypeNameOfValue == "System.Int32"
    assert invoke_method(properties, "Item", ["TWO"]).Value == 2 and [p.Name for p in invoke_method(properties, "Match", ["t*"])] == ["two"]
    invoke_method(properties, "Remove", ["one"])
    assert obj.property_names == ["two"]
    invoke_method(members(obj).Properties, "Add", [_note("three", 3)])
    assert obj["three"] == 3


def _note(name, value):
    from psbridge.objects.memberset import PSPropertyInfo

    return PSPropertyInfo(name, value)


def test_member_set_of_other_values():
    assert members("abc").TypeNames == ["System.String", "System.Object"]
    assert [p.Name for p in members("abc").Properties] == ["Length"] and members("abc").Properties[0].Value == 3
    table = Hashtable(a=1)
    found, member_set = table.net_property("psobject")
    assert found and member_set.BaseObject is table and "Count" in [p.Name for p in member_set.Properties]
    copy = members(PSObject([("a", 1)])).Copy()
    assert isinstance(copy, PSObject) and copy["a"] == 1


def test_read_only_property_cannot_be_set():
    length = members("abc").Properties[0]
    with pytest.raises(AttributeError, match="ReadOnly"):
        length.Value = 1


def test_pstypename_key_becomes_the_first_type_name():
    # HashtableToPSCustomObjectConversion.Tests.ps1:125-133 (LanguagePrimitives' SetObjectProperties)
    made = resolve_type("pscustomobject").convert(Hashtable(PSTypeName="Mytype", a=1))
    assert made.pstypenames[0] == "Mytype" and made.property_names == ["a"]
    again = resolve_type("pscustomobject").convert(Hashtable(pstypename="System.Object"))
    assert again.pstypenames == ["System.Object", "System.Management.Automation.PSCustomObject", "System.Object"]
    kept = resolve_type("pscustomobject").convert(Hashtable(pstypename=5))
    assert kept.property_names == ["pstypename"]  # only a string value names a type
