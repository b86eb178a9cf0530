"""PSObject: the objects cmdlets emit and users pipe around.

PowerShell objects have case-insensitive property names and a list of type
names (``pstypenames``) that parameters can demand (``[PSTypeName(...)]``).
Python callers also expect attribute and item access, so both work:
``run.Status == run["status"]``.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Any

from .members import ComputedProperty, ScriptMethodMember
from .typedata import TO_STRING_PROPERTY, TYPE_NAME_TO_STRING

__all__ = ["PSCUSTOMOBJECT_TYPE_NAMES", "PSObject", "dotnet_object", "to_jsonable"]

PSCUSTOMOBJECT_TYPE_NAMES = ("System.Management.Automation.PSCustomObject", "System.Object")

_SLOTS = frozenset({"_props", "_type_names", "_methods"})
#: The values of parsed JSON that hold more of it.
_JSON_CONTAINERS = (dict, list)


class PSObject:
    """An ordered bag of note properties with PowerShell type names.

    ``PSObject({"id": "run_1"}, type_names=["PSOpenAI.Thread.Run"])`` makes an
    object whose ``pstypenames`` are the given names followed by the
    PSCustomObject ones, as PSOpenAI's ``PSTypeNames.Insert(0, ...)`` does.
    """

    __slots__ = ("_methods", "_props", "_type_names")

    _props: dict[str, tuple[str, Any]]
    _type_names: list[str]
    #: ScriptMethods added by Add-Member (folded name -> member); None until there is one.
    _methods: dict[str, Any] | None

    def __init__(
        self,
        properties: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
        /,
        *,
        type_names: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        object.__setattr__(self, "_methods", None)
        if type(properties) is dict and not kwargs and not type_names:
            # A parsed JSON object (every API answer): its keys are text, so the note properties
            # are made in one pass; keys that fold to the same name take the general path below.
            props = {key.casefold(): (key, value) for key, value in properties.items() if type(key) is str}
            if len(props) == len(properties):
                object.__setattr__(self, "_props", props)
                object.__setattr__(self, "_type_names", list(PSCUSTOMOBJECT_TYPE_NAMES))
                return
        object.__setattr__(self, "_props", {})
        names = list(type_names)
        for base in PSCUSTOMOBJECT_TYPE_NAMES:
            if base not in names:
                names.append(base)
        object.__setattr__(self, "_type_names", names)
        if properties is not None:
            items = properties.items() if isinstance(properties, Mapping) else properties
            for key, value in items:
                self._set(str(key), value)
        for key, value in kwargs.items():
            self._set(key, value)

    @classmethod
    def from_json(cls, data: dict[str, Any], nested: Any) -> PSObject:
        """A PSCustomObject for a parsed JSON object, as ConvertFrom-Json makes one: its keys as
        note properties in order, each value that is a dict or list passed through ``nested``
        (a function: the caller's conversion of inner objects).  Made in one pass: every API
        answer is."""
        props = {
            key.casefold(): (key, nested(value) if isinstance(value, _JSON_CONTAINERS) else value)
            for key, value in data.items()
            if type(key) is str
        }
        if len(props) != len(data):  # keys that fold to one name, or are not text: one by one
            return cls({key: nested(v) if isinstance(v, _JSON_CONTAINERS) else v for key, v in data.items()})
        obj = cls.__new__(cls)
        object.__setattr__(obj, "_methods", None)
        object.__setattr__(obj, "_props", props)
        object.__setattr__(obj, "_type_names", list(PSCUSTOMOBJECT_TYPE_NAMES))
        return obj

    # -- property access ---------------------------------------------------
    def _set(self, name: str, value: Any) -> None:
        folded = name.casefold()
        existing = self._props.get(folded)
        if existing is not None and isinstance(existing[1], ComputedProperty):
            existing[1].set(self, value)  # a ScriptProperty's setter, an alias's target
            return
        self._props[folded] = (existing[0] if existing else name, value)

    def _value(self, entry: tuple[str, Any]) -> Any:
        value = entry[1]
        return value.get(self) if isinstance(value, ComputedProperty) else value

    def add_member(self, member: Any, name: str | None = None, *, replace: bool = False) -> None:
        """Add-Member: a note property (``name`` and a plain value), or a ComputedProperty /
        ScriptMethodMember; an existing member of that name is replaced only with ``replace``
        (else KeyError, Add-Member's MemberAlreadyExists)."""
        name = name if name is not None else member.name
        folded = name.casefold()
        exists = folded in self._props or (self._methods is not None and folded in self._methods)
        if exists and not replace:
            raise KeyError(name)
        self._props.pop(folded, None)
        if self._methods is not None:
            self._methods.pop(folded, None)
        if isinstance(member, ScriptMethodMember):
            if self._methods is None:
                object.__setattr__(self, "_methods", {})
            self._methods[folded] = member  # type: ignore[index]
        else:
            self._props[folded] = (name, member)

    def find_method(self, name: str) -> Any:
        """A ScriptMethod added to this object, or None."""
        methods = self._methods
        return None if methods is None else methods.get(name.casefold())

    def members(self) -> list[tuple[str, Any]]:
        """(name, raw member) of every instance member, properties in order then methods: a
        plain value is a note property."""
        found = list(self._props.values())
        if self._methods:
            found.extend((method.name, method) for method in self._methods.values())
        return found

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self._value(self._props[name.casefold()])
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no property {name!r}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SLOTS:
            object.__setattr__(self, name, value)
        else:
            self._set(name, value)

    def __getitem__(self, name: str) -> Any:
        try:
            return self._value(self._props[name.casefold()])
        except (KeyError, AttributeError):
            raise KeyError(name) from None

    def __setitem__(self, name: str, value: Any) -> None:
        self._set(name, value)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.casefold() in self._props

    def get(self, name: str, default: Any = None) -> Any:
        entry = self._props.get(name.casefold())
        return default if entry is None else self._value(entry)

    def find_property(self, name: str) -> tuple[bool, Any]:
        """``(found, value)`` for a case-insensitive property name; used by the binder.
        ``psobject`` (when no note property has that name) is the intrinsic member set."""
        entry = self._props.get(name.casefold())
        if entry is None:
            if name.casefold() == "psobject":
                from .memberset import member_set

                return True, member_set(self)
            return False, None
        value = entry[1]
        return True, (value.get(self) if isinstance(value, ComputedProperty) else value)

    def remove_property(self, name: str) -> None:
        """``$obj.psobject.Properties.Remove(name)``: a missing name is not an error."""
        self._props.pop(name.casefold(), None)

    @property
    def property_names(self) -> list[str]:
        return [name for name, _ in self._props.values()]

    @property
    def pstypenames(self) -> list[str]:
        """Type names, most specific first (mutable, as in PowerShell)."""
        return self._type_names

    def is_type(self, type_name: str) -> bool:
        folded = type_name.casefold()
        return any(name.casefold() == folded for name in self._type_names)

    # -- conversions ---------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: nested objects become dicts, dates ISO-8601 text."""
        return {entry[0]: to_jsonable(self._value(entry)) for entry in self._props.values()}

    def ps_to_string(self) -> str:
        """What PowerShell's ``ToString()`` gives: the id for typed PSOpenAI objects."""
        for type_name in self._type_names:
            if type_name.casefold() in TYPE_NAME_TO_STRING:
                return self._type_names[0]
            prop = TO_STRING_PROPERTY.get(type_name.casefold())
            if prop is not None:
                found, value = self.find_property(prop)
                if found:
                    from .text import to_ps_string

                    return to_ps_string(value)
        return format_custom_object((entry[0], self._value(entry)) for entry in self._props.values())

    def __str__(self) -> str:
        return self.ps_to_string()

    def __repr__(self) -> str:
        parts = []
        for name, value in list(self._props.values())[:8]:
            text = repr(value) if not isinstance(value, ComputedProperty) else value.definition()
            parts.append(f"{name}={text if len(text) <= 40 else text[:37] + '...'}")
        more = ", ..." if len(self._props) > 8 else ""
        return f"<{self._type_names[0]} {', '.join(parts)}{more}>"

    def __dir__(self) -> Iterable[str]:
        return [*self.property_names, "to_dict", "pstypenames", "property_names", "get"]


def dotnet_object(type_names: Iterable[str], properties: Mapping[str, Any]) -> PSObject:
    """An object of a .NET type psbridge models with properties (``System.IO.FileInfo``,
    ``System.Management.Automation.PathInfo`` ...): its type names exactly as given, then
    ``System.Object`` -- not a PSCustomObject."""
    obj = PSObject(properties)
    names = [name for name in type_names if name != "System.Object"]
    obj._type_names[:] = [*names, "System.Object"]
    return obj


def format_custom_object(items: Iterable[tuple[str, Any]]) -> str:
    """PowerShell's text for a PSCustomObject: ``@{a=1; b=x}``; one without properties is ""
    (PSObject.ToStringEmptyBaseObject)."""
    from .text import element_text

    parts = [f"{name}={element_text(value)}" for name, value in items]
    return "@{" + "; ".join(parts) + "}" if parts else ""


def to_jsonable(value: Any) -> Any:
    """JSON-ready data for any pipeline value: objects and mappings become dicts, dates
    ISO-8601 text, switches booleans; a SecureString shows only its type name."""
    from .hashtable import Hashtable
    from .text import to_ps_string
    from .values import SecureString, SwitchParameter, Uri

    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, PSObject):
        return value.to_dict()
    if isinstance(value, Hashtable | Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, SwitchParameter):
        return value.is_present
    if isinstance(value, Uri):
        return value.original_string
    if isinstance(value, SecureString):
        return str(value)
    return to_ps_string(value)
