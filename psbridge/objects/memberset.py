"""``$x.psobject``: the member set PowerShell gives every value (``Properties``, ``TypeNames``, ``BaseObject``).

Scripts walk objects with ``$obj.psobject.Properties`` (``| ForEach-Object { $_.Name }``,
``.Properties.Name``, ``.Properties.Remove('x')``) far more than with any other
reflection, so this view covers those: a property collection whose entries read
and write through to the object (``$p.Value = 1`` changes the object), the type
names (the same mutable list as ``pstypenames``), the base object and ``Copy()``.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from typing import Any

from .hashtable import Hashtable
from .psobject import PSObject
from .text import dotnet_type_name, type_names_of

__all__ = ["PSMemberSet", "PSPropertyCollection", "PSPropertyInfo", "member_set"]


class PSPropertyInfo:
    """One property: ``Name``, ``Value`` (read and written through the owner), ``MemberType``,
    ``TypeNameOfValue``; ``[psnoteproperty]::new(name, value)`` makes a detached one to ``Add``."""

    __slots__ = ("MemberType", "Name", "_owner", "_value")

    def __init__(self, name: Any, value: Any = None, owner: Any = None, member_type: str = "NoteProperty") -> None:
        self.Name = str(name)
        self._owner = owner
        self._value = value
        self.MemberType = member_type

    @property
    def __ps_type_name__(self) -> str:
        kind = "PSNoteProperty" if self.MemberType == "NoteProperty" else "PSProperty"
        return f"System.Management.Automation.{kind}"

    @property
    def Value(self) -> Any:
        owner = self._owner
        if owner is None:
            return self._value
        if isinstance(owner, PSObject):
            return owner.find_property(self.Name)[1]
        if isinstance(owner, Hashtable):
            return owner.net_property(self.Name)[1]
        if isinstance(owner, Mapping):
            return owner.get(self.Name)
        return getattr(owner, self.Name, None) if not isinstance(owner, str) else len(owner)

    @Value.setter
    def Value(self, value: Any) -> None:
        owner = self._owner
        if owner is None:
            self._value = value
        elif isinstance(owner, PSObject | dict):
            owner[self.Name] = value
        else:
            raise AttributeError(f"'{self.Name}' is a ReadOnly property.")

    @property
    def TypeNameOfValue(self) -> str:
        value = self.Value
        return "System.Object" if value is None else dotnet_type_name(value)

    @property
    def IsGettable(self) -> bool:
        return True

    @property
    def IsSettable(self) -> bool:
        return self._owner is None or isinstance(self._owner, PSObject | dict)

    @property
    def IsInstance(self) -> bool:
        return True

    def __str__(self) -> str:
        from .text import to_ps_string

        short = self.TypeNameOfValue.rsplit(".", 1)[-1].lower().replace("int32", "int").replace("boolean", "bool")
        return f"{short} {self.Name}={to_ps_string(self.Value)}"

    def __repr__(self) -> str:
        return f"PSPropertyInfo({self.Name!r})"


class PSPropertyCollection(list[PSPropertyInfo]):
    """``$x.psobject.Properties``: enumerable; ``Item``/``Match``/``Remove``/``Add`` by name as PowerShell's."""

    __ps_type_name__ = "System.Management.Automation.PSMemberInfoIntegratingCollection`1[System.Management.Automation.PSPropertyInfo]"  # noqa: E501

    def __init__(self, owner: Any) -> None:
        super().__init__(_properties_of(owner))
        self._owner = owner

    def Item(self, name: Any) -> PSPropertyInfo | None:
        folded = str(name).casefold()
        return next((p for p in self if p.Name.casefold() == folded), None)

    def Match(self, pattern: Any) -> list[PSPropertyInfo]:
        folded = str(pattern).casefold()
        return [p for p in self if fnmatch.fnmatchcase(p.Name.casefold(), folded)]

    def Remove(self, name: Any) -> None:
        owner = self._owner
        found = self.Item(name)
        if found is not None and isinstance(owner, PSObject | dict):
            owner.pop(found.Name) if isinstance(owner, dict) else owner.remove_property(found.Name)
            super().remove(found)

    def Add(self, info: Any, *_prevent_duplicates: Any) -> None:
        owner = self._owner
        if not isinstance(owner, PSObject | dict):
            raise AttributeError("Properties cannot be added to this object.")
        name, value = (info.Name, info.Value) if isinstance(info, PSPropertyInfo) else (str(info), None)
        owner[name] = value
        self.append(PSPropertyInfo(name, owner=owner))


def _properties_of(owner: Any) -> list[PSPropertyInfo]:
    if isinstance(owner, PSObject):
        return [PSPropertyInfo(name, owner=owner) for name in owner.property_names]
    if isinstance(owner, Hashtable):
        return [PSPropertyInfo(name, owner=owner, member_type="Property") for name in Hashtable.NET_PROPERTIES]
    if isinstance(owner, Mapping):
        return [PSPropertyInfo(str(name), owner=owner) for name in owner]
    if isinstance(owner, str):
        return [PSPropertyInfo("Length", owner=owner, member_type="Property")]
    return []


class PSMemberSet:
    """What ``$x.psobject`` returns."""

    __ps_type_name__ = "System.Management.Automation.PSObject"
    __slots__ = ("_value",)

    def __init__(self, value: Any) -> None:
        self._value = value

    @property
    def Properties(self) -> PSPropertyCollection:
        return PSPropertyCollection(self._value)

    @property
    def Members(self) -> PSPropertyCollection:
        return PSPropertyCollection(self._value)

    @property
    def TypeNames(self) -> list[str]:
        return type_names_of(self._value)

    @property
    def BaseObject(self) -> Any:
        return self._value

    @property
    def ImmediateBaseObject(self) -> Any:
        return self._value

    def Copy(self) -> Any:
        value = self._value
        if isinstance(value, PSObject):
            copied = PSObject([(name, value.find_property(name)[1]) for name in value.property_names])
            copied.pstypenames[:] = value.pstypenames
            return copied
        return value.copy() if hasattr(value, "copy") else value

    def __str__(self) -> str:
        from .text import to_ps_string

        return to_ps_string(self._value)


def member_set(value: Any) -> PSMemberSet:
    """``$value.psobject``."""
    return PSMemberSet(value)
