"""Instance members beyond note properties: what Add-Member adds and scripts then read.

PowerShell's extended type system lets any object carry members of its own: a
ScriptProperty (``{ $this.x * 2 }`` run on each read, a second block on write), an
AliasProperty (another member's value under a new name, optionally converted), a
ScriptMethod (``$obj.Name(args)`` runs the block with ``$this``).  A PSObject keeps them
among its properties, in the order they were added (:class:`ComputedProperty` values
are resolved on read); its methods sit apart, since they are not properties.

Values that are not PSObjects (a string, a number, an array, a hashtable) carry
their members in a PSObject attached to an *extended* copy of the value: a subclass
instance that is still the same string or number to every other rule (PowerShell
wraps such a value in a PSObject holding the members; Add-Member -PassThru returns
that wrapper).  :func:`extend` makes one, :func:`extension_of` finds its members.

Script blocks are duck-typed (``invoke_with_underbar``), so this module needs
nothing from the language above it; a Python callable stands in for one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .hashtable import Hashtable

__all__ = [
    "EXTENDED_TYPES",
    "AliasPropertyMember",
    "ComputedProperty",
    "ScriptMethodMember",
    "ScriptPropertyMember",
    "extend",
    "extension_of",
    "invoke_script",
    "is_extensible",
    "register_member_reader",
]


def invoke_script(block: Any, this: Any, args: tuple[Any, ...] = ()) -> Any:
    """Run a member's script block with ``$this`` (and ``$args``): one value, a list, or None."""
    run = getattr(block, "invoke_with_underbar", None)
    if run is not None:
        output = run(None, *args, dot_source=False, variables={"this": this})
    else:
        result = block(this, *args)
        output = [] if result is None else result if isinstance(result, list) else [result]
    if not output:
        return None
    return output[0] if len(output) == 1 else list(output)


def _default_reader(owner: Any, name: str) -> tuple[bool, Any]:
    from .properties import property_lookup

    return property_lookup(owner)(name)


#: ``(owner, name) -> (found, value)``: how an alias reads the member it names.  The language
#: registers its member access (which knows .NET types' own properties) when it loads.
_reader: list[Callable[[Any, str], tuple[bool, Any]]] = [_default_reader]


def register_member_reader(reader: Callable[[Any, str], tuple[bool, Any]]) -> None:
    _reader[0] = reader


class ComputedProperty:
    """A property whose value is computed on each read (PSScriptProperty, PSAliasProperty)."""

    member_type = "Property"
    name: str

    def get(self, owner: Any) -> Any:
        raise NotImplementedError

    def set(self, owner: Any, value: Any) -> None:
        raise AttributeError(f"'{self.name}' is a ReadOnly property.")

    @property
    def settable(self) -> bool:
        return False

    def definition(self) -> str:
        raise NotImplementedError


class ScriptPropertyMember(ComputedProperty):
    """``Add-Member -MemberType ScriptProperty -Value {get} -SecondValue {set}``."""

    member_type = "ScriptProperty"

    def __init__(self, name: str, getter: Any, setter: Any = None) -> None:
        self.name = name
        self.getter = getter
        self.setter = setter

    def get(self, owner: Any) -> Any:
        return None if self.getter is None else invoke_script(self.getter, owner)

    def set(self, owner: Any, value: Any) -> None:
        if self.setter is None:
            raise AttributeError(f"Set accessor for property \"{self.name}\" is unavailable.")
        invoke_script(self.setter, owner, (value,))

    @property
    def settable(self) -> bool:
        return self.setter is not None

    def definition(self) -> str:
        parts = []
        if self.getter is not None:
            parts.append(f"get={self.getter};")
        if self.setter is not None:
            parts.append(f"set={self.setter};")
        return f"System.Object {self.name} {{{''.join(parts)}}}"


class AliasPropertyMember(ComputedProperty):
    """``Add-Member -MemberType AliasProperty -Value Target [-SecondValue Type]``."""

    member_type = "AliasProperty"

    def __init__(
        self, name: str, target: str, convert: Callable[[Any], Any] | None = None, type_name: str | None = None
    ) -> None:
        self.name = name
        self.target = target
        self.convert = convert
        self.type_name = type_name

    def get(self, owner: Any) -> Any:
        from .psobject import PSObject

        if isinstance(owner, PSObject):
            found, value = owner.find_property(self.target)
        else:
            found, value = _reader[0](owner, self.target)
        value = value if found else None
        return self.convert(value) if self.convert is not None else value

    def set(self, owner: Any, value: Any) -> None:
        from .psobject import PSObject

        if not isinstance(owner, PSObject):
            raise AttributeError(f"'{self.name}' is a ReadOnly property.")
        owner[self.target] = value

    @property
    def settable(self) -> bool:
        return True

    def definition(self) -> str:
        converted = f"({self.type_name})" if self.type_name else ""
        return f"{self.name} = {converted}{self.target}"


class ScriptMethodMember:
    """``Add-Member -MemberType ScriptMethod -Value { ... }``: ``$obj.Name(args)``."""

    member_type = "ScriptMethod"

    def __init__(self, name: str, script: Any) -> None:
        self.name = name
        self.script = script

    def invoke(self, owner: Any, args: list[Any]) -> Any:
        return invoke_script(self.script, owner, tuple(args))

    def definition(self) -> str:
        return f"System.Object {self.name}();"


# -- values that are not PSObjects ------------------------------------------------------------------
_EXTENDED: dict[type, type] = {}
#: What can carry members of its own: immutable values are copied into a subclass instance; a
#: hashtable's copy shares its entries.
_EXTENSIBLE = (str, int, float, list, tuple, Hashtable)


def is_extensible(value: Any) -> bool:
    return isinstance(value, _EXTENSIBLE) and not isinstance(value, bool)


def extension_of(value: Any) -> Any:
    """The PSObject holding ``value``'s own members, or None."""
    if type(value) in EXTENDED_TYPES:
        return value.__dict__.get("__psextended__")
    return None


#: The extended subclasses made so far (a set lookup tells an extended value apart cheaply).
EXTENDED_TYPES: set[type] = set()


def extend(value: Any) -> tuple[Any, Any]:
    """``(extended value, its member table)`` for a value that is not a PSObject: the same value
    as a subclass instance carrying a PSObject for its members and type names."""
    from .psobject import PSObject
    from .text import type_names_of

    table = extension_of(value)
    if table is not None:
        return value, table
    base: type = type(value)
    cls: Any = _EXTENDED.get(base)
    if cls is None:
        cls = type(base.__name__, (base,), {"__module__": base.__module__})
        _EXTENDED[base] = cls
        EXTENDED_TYPES.add(cls)
    if isinstance(value, Hashtable):
        extended = cls.__new__(cls)
        object.__setattr__(extended, "_items", value._items)  # the same entries, not a copy
    else:
        extended = cls(value)
    for attribute in ("dotnet_name", "ps_text", "element_type"):
        if attribute in getattr(value, "__dict__", {}):
            extended.__dict__[attribute] = value.__dict__[attribute]
    table = PSObject()
    table.pstypenames[:] = type_names_of(value)
    extended.__dict__["__psextended__"] = table
    return extended, table
