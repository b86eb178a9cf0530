"""Get-Member: the members of each distinct type of input object, as MemberDefinition objects
(TypeName, Name, MemberType, Definition) sorted by member type and then name, as pwsh sorts them.

A type is listed once (by its first type name; with -Static by its .NET type).  The members
are the object's own (note, script and alias properties, script methods: the Extended view)
and what its type adapts (the Adapted view): a custom object's notes and System.Object's four
methods, a hashtable's and an array's .NET properties and methods, a string's Length and
Chars, a Python object's public fields.  What psbridge does not model about a .NET type (most
methods of String, Int32 ...) is not listed, and -Static is refused with an error naming the
type: psbridge's static members are Python code without the metadata a definition needs.
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from typing import Any

from ...conversion import PSType
from ...conversion.time_members import to_string_method
from ...errors import ErrorCategory
from ...objects import Hashtable, PSObject, dotnet_type_name, is_ps_collection, type_names_of
from ...objects.members import ComputedProperty, extension_of
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.semantics import property_names, to_string, wildcard_regex
from .add_member import member_type_names

__all__ = ["GetMember", "display_type_name"]

MEMBER_DEFINITION = "Microsoft.PowerShell.Commands.MemberDefinition"

#: PowerShell's built-in type accelerators, as member definitions name types (ToStringCodeMethods.Type).
_ACCELERATORS = {
    "System.Boolean": "bool", "System.Byte": "byte", "System.Char": "char", "System.DateTime": "datetime",
    "System.Decimal": "decimal", "System.Double": "double", "System.Single": "float", "System.Guid": "guid",
    "System.Collections.Hashtable": "hashtable", "System.Int32": "int", "System.Int16": "short",
    "System.Int64": "long", "System.SByte": "sbyte", "System.String": "string", "System.TimeSpan": "timespan",
    "System.UInt16": "ushort", "System.UInt32": "uint", "System.UInt64": "ulong", "System.Uri": "uri",
    "System.Version": "version", "System.Numerics.BigInteger": "bigint", "System.Type": "type",
    "System.Management.Automation.ScriptBlock": "scriptblock", "System.Array": "array",
    "System.Management.Automation.SwitchParameter": "switch", "System.Text.RegularExpressions.Regex": "regex",
    "System.Collections.Specialized.OrderedDictionary": "ordered", "System.Void": "void",
}  # fmt: skip

_OBJECT_METHODS = [
    ("Equals", "bool Equals(System.Object obj)"),
    ("GetHashCode", "int GetHashCode()"),
    ("GetType", "type GetType()"),
    ("ToString", "string ToString()"),
]

_COLLECTION_PROPERTIES = [
    ("IsFixedSize", "bool IsFixedSize {get;}"),
    ("IsReadOnly", "bool IsReadOnly {get;}"),
    ("IsSynchronized", "bool IsSynchronized {get;}"),
    ("SyncRoot", "System.Object SyncRoot {get;}"),
]

#: The adapted members of the .NET types psbridge models without a member table of their own.
_ADAPTED: dict[str, list[tuple[str, str, str]]] = {
    "System.String": [
        ("Chars", "ParameterizedProperty", "char Chars(int index) {get;}"),
        ("Length", "Property", "int Length {get;}"),
    ],
    "System.Collections.Hashtable": [
        ("Add", "Method", "void Add(System.Object key, System.Object value), "
                          "void IDictionary.Add(System.Object key, System.Object value)"),
        ("Clear", "Method", "void Clear(), void IDictionary.Clear()"),
        ("Clone", "Method", "System.Object Clone(), System.Object ICloneable.Clone()"),
        ("Contains", "Method", "bool Contains(System.Object key), bool IDictionary.Contains(System.Object key)"),
        ("ContainsKey", "Method", "bool ContainsKey(System.Object key)"),
        ("ContainsValue", "Method", "bool ContainsValue(System.Object value)"),
        ("Remove", "Method", "void Remove(System.Object key), void IDictionary.Remove(System.Object key)"),
        ("Item", "ParameterizedProperty", "System.Object Item(System.Object key) {get;set;}"),
        ("Count", "Property", "int Count {get;}"),
        *[(name, "Property", definition) for name, definition in _COLLECTION_PROPERTIES],
        ("Keys", "Property", "System.Collections.ICollection Keys {get;}"),
        ("Values", "Property", "System.Collections.ICollection Values {get;}"),
    ],
    "System.Object[]": [
        ("Clone", "Method", "System.Object Clone(), System.Object ICloneable.Clone()"),
        ("Item", "ParameterizedProperty", "System.Object IList.Item(int index) {get;set;}"),
        ("Count", "Property", "int ICollection.Count {get;}"),
        *[(name, "Property", definition) for name, definition in _COLLECTION_PROPERTIES],
        ("Length", "Property", "int Length {get;}"),
        ("LongLength", "Property", "long LongLength {get;}"),
        ("Rank", "Property", "int Rank {get;}"),
    ],
}  # fmt: skip


def display_type_name(value: Any) -> str:
    """PSNoteProperty's type text: a PSObject's first type name, else the type as accelerators
    and short names spell it (``int``, ``Object[]``), ``object`` for $null."""
    if value is None:
        return "object"
    if isinstance(value, PSObject):
        return value.pstypenames[0]
    return _short(dotnet_type_name(value))


def _short(full: str) -> str:
    if full.endswith("[]"):
        return _short(full[:-2]) + "[]"
    if full in _ACCELERATORS:
        return _ACCELERATORS[full]
    if full == "System.Management.Automation.PSCustomObject":
        return "PSCustomObject"
    return full.rsplit(".", 1)[-1]


def _note_definition(name: str, value: Any) -> str:
    """PSNoteProperty.ToString(): the value's own ToString() (an array's is its type name)."""
    if value is None:
        text = "null"
    elif isinstance(value, list | tuple) and is_ps_collection(value):
        text = dotnet_type_name(value)
    elif isinstance(value, dt.datetime):
        text = to_string_method(value)  # DateTime.ToString(): the culture's, not [string]'s invariant text
    else:
        text = to_string(value)
    return f"{display_type_name(value)} {name}={text}"


def _dotnet_property(name: str, value: Any) -> str:
    return f"{_short(dotnet_type_name(value)) if value is not None else 'System.Object'} {name} {{get;}}"


@register_cmdlet
class GetMember(Cmdlet):
    name = "Get-Member"

    def begin(self) -> None:
        params = self.params
        self.seen: set[str] = set()
        kinds = member_type_names(params.MemberType) if params.is_bound("MemberType") else None
        self.kinds = None if kinds is None or len(kinds) == len(member_type_names(16383)) else set(kinds)
        view = to_string(params.View) if params.is_bound("View") else "Adapted, Extended"
        views = {part.strip().casefold() for part in view.split(",")}
        self.extended = bool(views & {"extended", "all"})
        self.adapted = bool(views & {"adapted", "base", "all"})
        names = params.Name if params.is_bound("Name") else ["*"]
        self.patterns = [wildcard_regex(to_string(name)) for name in names]

    def process(self) -> None:
        params = self.params
        if not params.is_bound("InputObject") or params.InputObject is None:
            return
        value = params.InputObject
        if params.Static:
            type_name = value.full_name if isinstance(value, PSType) else dotnet_type_name(value)
        else:
            type_name = type_names_of(value)[0]
        if type_name in self.seen:
            return
        self.seen.add(type_name)
        if params.Static:
            self.throw_terminating_error(CmdletError(
                f"psbridge cannot list the static members of [{type_name}]: its .NET types' static members are "
                "implemented in Python without the metadata Get-Member shows.",
                error_id="StaticMembersNotListed", category=ErrorCategory.NotImplemented,
                exception_type="System.NotSupportedException", target_object=type_name,
            ))  # fmt: skip
        members = self._members(value)
        for pattern in self.patterns:
            chosen = [m for m in members if pattern.match(m[0]) and (self.kinds is None or m[1] in self.kinds)]
            chosen.sort(key=lambda m: (m[1].casefold(), m[0].casefold()))
            for name, kind, definition in chosen:
                self.write_output(PSObject(
                    [("TypeName", type_name), ("Name", name), ("MemberType", kind), ("Definition", definition)],
                    type_names=[MEMBER_DEFINITION],
                ))  # fmt: skip

    def end(self) -> None:
        if not self.seen:
            self.write_error(CmdletError(
                "You must specify an object for the Get-Member cmdlet.", error_id="NoObjectInGetMember",
                category=ErrorCategory.CloseError, exception_type="System.InvalidOperationException",
            ))  # fmt: skip

    # -- members --------------------------------------------------------------------------------------
    def _members(self, value: Any) -> list[tuple[str, str, str]]:
        found: list[tuple[str, str, str]] = []
        table = value if isinstance(value, PSObject) else extension_of(value)
        custom = isinstance(value, PSObject) and "System.Management.Automation.PSCustomObject" in value.pstypenames
        if table is not None and (self.extended or not custom):
            for name, member in table.members():
                if isinstance(member, ComputedProperty):
                    found.append((name, member.member_type, member.definition()))
                elif hasattr(member, "invoke") and getattr(member, "member_type", "") == "ScriptMethod":
                    found.append((name, "ScriptMethod", member.definition()))
                elif isinstance(value, PSObject) and not custom:
                    found.append((name, "Property", _dotnet_property(name, member)))  # a .NET object psbridge models
                else:
                    found.append((name, "NoteProperty", _note_definition(name, member)))
            if isinstance(value, PSObject) and not custom and not self.adapted:
                found = [m for m in found if m[1] != "Property"]
        if self.adapted:
            found.extend((name, "Method", definition) for name, definition in _OBJECT_METHODS)
            if not isinstance(value, PSObject):
                found.extend(self._adapted(value))
        unique: dict[str, tuple[str, str, str]] = {}
        for member in found:
            unique.setdefault(member[0].casefold(), member)  # an instance member hides the type's of its name
        return list(unique.values())

    @staticmethod
    def _adapted(value: Any) -> list[tuple[str, str, str]]:
        if isinstance(value, str):
            return _ADAPTED["System.String"]
        if isinstance(value, Hashtable):
            return _ADAPTED["System.Collections.Hashtable"]
        if isinstance(value, list | tuple) and is_ps_collection(value):
            return _ADAPTED["System.Object[]"]
        if value is None or isinstance(value, bool | int | float | decimal.Decimal | dt.datetime | uuid.UUID):
            return []
        names = property_names(value)
        return [(name, "Property", _dotnet_property(name, getattr(value, name, None))) for name in names]
