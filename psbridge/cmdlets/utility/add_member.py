"""Add-Member: members added to an object (note, script and alias properties, script methods),
or type names inserted (-TypeName).

As AddMemberCommand: the member kinds are checked the same way and fail with its error ids
(CannotAddMemberType, Value2ShouldNotBeSpecified, Value1AndValue2AreNotBothNull ...); a member
of the same name is MemberAlreadyExists (a non-terminating error) unless -Force replaces it.
A PSObject is changed in place; a string, number, array or hashtable comes back, with
-PassThru, as the same value carrying its members (PowerShell's wrapping PSObject).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...conversion import RuntimeException, convert_to
from ...errors import ErrorCategory, PSError
from ...objects import PSObject
from ...objects.members import (
    AliasPropertyMember,
    ScriptMethodMember,
    ScriptPropertyMember,
    extend,
    extension_of,
    is_extensible,
)
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.semantics import to_string

__all__ = ["AddMember"]

#: PSMemberTypes' single-bit members.
MEMBER_TYPE_BITS = {
    "AliasProperty": 1, "CodeProperty": 2, "Property": 4, "NoteProperty": 8, "ScriptProperty": 16,
    "PropertySet": 32, "Method": 64, "CodeMethod": 128, "ScriptMethod": 256, "ParameterizedProperty": 512,
    "MemberSet": 1024, "Event": 2048, "Dynamic": 4096, "InferredProperty": 8192,
}  # fmt: skip
_COMBINED = {"Properties": 31, "Methods": 448, "All": 16383}
_NOT_GIVEN: Any = object()


def member_type_names(value: Any) -> list[str]:
    """The single member kinds a bound -MemberType holds (a flags value: names or a number)."""
    if isinstance(value, int):
        number = value
    else:
        number = 0
        for name in to_string(value).split(","):
            name = name.strip()
            number |= MEMBER_TYPE_BITS.get(name, _COMBINED.get(name, 0))
    return [name for name, bit in MEMBER_TYPE_BITS.items() if number & bit]


def _error(error_id: str, message: str, target: Any = None) -> CmdletError:
    return CmdletError(message, error_id=error_id, category=ErrorCategory.InvalidOperation,
                       exception_type="System.InvalidOperationException", target_object=target)  # fmt: skip


@register_cmdlet
class AddMember(Cmdlet):
    name = "Add-Member"

    def process(self) -> None:
        params = self.params
        if params.is_bound("TypeName") and not to_string(params.TypeName).strip():
            self.throw_terminating_error(_error(
                "TypeNameShouldNotBeEmpty",
                "The TypeName parameter should not be null, empty, or contain only white spaces.",
            ))  # fmt: skip
        self.target = params.InputObject
        set_name = params.parameter_set_name
        added = True
        if set_name == "NotePropertyMultiMemberSet":
            added = self._add_notes(params.NotePropertyMembers)
        elif set_name == "NotePropertySingleMemberSet":
            added = self._add(params.NotePropertyName, params.NotePropertyValue)
        elif set_name == "MemberSet":
            name = params.Name
            added = self._add(name, self._member(name))
        if not added:
            return
        if params.is_bound("TypeName"):
            self._table().pstypenames.insert(0, self._type_name(params.TypeName))
        if params.PassThru:
            self.write_output(self.target)

    # -- the member ------------------------------------------------------------------------------
    def _member(self, name: str) -> Any:
        params = self.params
        kinds = member_type_names(params.MemberType)
        if len(kinds) != 1:
            shown = ", ".join(kinds)
            self.throw_terminating_error(_error(
                "WrongMemberCount",
                f'To add a member, only one member type can be specified. The member types specified are: "{shown}"',
            ))  # fmt: skip
        kind = kinds[0]
        value = params.Value if params.is_bound("Value") else _NOT_GIVEN
        second = params.SecondValue if params.is_bound("SecondValue") else _NOT_GIVEN
        if kind == "NoteProperty":
            self._no_second_value(kind, second)
            return None if value is _NOT_GIVEN else value
        if kind == "AliasProperty":
            self._value_not_null(kind, value)
            if second is _NOT_GIVEN:
                return AliasPropertyMember(name, to_string(value))
            if second is None:
                self._fail("Value2ShouldNotBeNull", f'The SecondValue parameter should not be null for a member of type "{kind}". Specify a non-null value for the SecondValue parameter when adding members of this type.')  # noqa: E501
            target_type = self._convert(second, "System.Type")
            return AliasPropertyMember(name, to_string(value), target_type.convert, target_type.full_name)
        if kind == "ScriptMethod":
            self._no_second_value(kind, second)
            self._value_not_null(kind, value)
            return ScriptMethodMember(name, self._convert(value, "System.Management.Automation.ScriptBlock"))
        if kind == "ScriptProperty":
            self._not_both_null(kind, value, second)
            getter = None if value in (None, _NOT_GIVEN) else self._convert(value, "scriptblock")
            setter = None if second in (None, _NOT_GIVEN) else self._convert(second, "scriptblock")
            return ScriptPropertyMember(name, getter, setter)
        if kind in ("CodeMethod", "MemberSet", "PropertySet"):
            self._no_second_value(kind, second)
        if kind == "CodeProperty":
            self._not_both_null(kind, value, second)
        if kind in ("CodeMethod", "CodeProperty", "MemberSet", "PropertySet"):
            # .NET MethodInfo and member collections: psbridge has no reflection objects to bind.
            self.throw_terminating_error(_error(
                "CannotAddMemberType",
                f'Cannot add a member with type "{kind}": psbridge does not model .NET {kind} members.',
            ))  # fmt: skip
        self.throw_terminating_error(_error(
            "CannotAddMemberType",
            f'Cannot add a member with type "{kind}". Specify a different type for the MemberTypes parameter.',
        ))  # fmt: skip
        return None

    def _convert(self, value: Any, type_name: str) -> Any:
        try:
            return convert_to(value, type_name)
        except RuntimeException as error:
            if error.error_record.fully_qualified_error_id.startswith("TypeNotFound"):
                error = RuntimeException(
                    f'Cannot convert the "{to_string(value)}" value of type "System.String" to type "System.Type".',
                    error_id="InvalidCastFromStringToType", category=ErrorCategory.InvalidArgument,
                )  # fmt: skip
            error.error_record.command_name = None
            self.throw_terminating_error(error)
            raise

    def _no_second_value(self, kind: str, second: Any) -> None:
        if second is not _NOT_GIVEN:
            self._fail("Value2ShouldNotBeSpecified", f'The SecondValue parameter is not necessary for a member of type "{kind}", and should not be specified. Do not specify the SecondValue parameter when you add members of this type.')  # noqa: E501

    def _not_both_null(self, kind: str, value: Any, second: Any) -> None:
        if (value is None or value is _NOT_GIVEN) and (second is None or second is _NOT_GIVEN):
            self._fail("Value1AndValue2AreNotBothNull", f'Both Value and SecondValue parameters should not be null for a member of type "{kind}". Specify a non-null value for one of the two parameters.')  # noqa: E501

    def _value_not_null(self, kind: str, value: Any) -> None:
        if value is None or value is _NOT_GIVEN:
            self._fail("Value1ShouldNotBeNull", f'The Value parameter should not be null for a member of type "{kind}". Specify a non-null value for the Value parameter when adding members of this type.')  # noqa: E501

    def _fail(self, error_id: str, message: str) -> None:
        self.throw_terminating_error(_error(error_id, message))

    # -- the target ---------------------------------------------------------------------------------
    def _table(self) -> PSObject:
        """Where the target's members live: the PSObject itself, else its extension."""
        target = self.target
        if isinstance(target, PSObject):
            return target
        table = extension_of(target)
        if table is None:
            if not is_extensible(target):
                self.throw_terminating_error(_error(
                    "CannotAddMemberType",
                    f"psbridge cannot add members to an object of type {type(target).__name__}: members live on "
                    "PSObjects, strings, numbers, arrays and hashtables.", target,
                ))  # fmt: skip
            self.target, table = extend(target)
        return table

    def _add(self, name: str, member: Any) -> bool:
        table = self._table()
        try:
            table.add_member(member, name, replace=bool(self.params.Force))
        except KeyError:
            self.write_error(_error(
                "MemberAlreadyExists",
                f'Cannot add a member with the name "{name}" because a member with that name already exists. To '
                "overwrite the member anyway, add the Force parameter to your command.", self.target,
            ))  # fmt: skip
            return False
        return True

    def _add_notes(self, members: Mapping[Any, Any]) -> bool:
        added = False
        for key, value in members.items():
            name = to_string(key)
            if not name:
                self.write_error(_error(
                    "NotePropertyNameShouldNotBeNull",
                    "The name for a NoteProperty member should not be null or an empty string.", name,
                ))  # fmt: skip
                continue
            added = self._add(name, value) or added
        return added

    @staticmethod
    def _type_name(name: str) -> str:
        """A type accelerator names its full type (``-TypeName int`` inserts System.Int32)."""
        try:
            resolved = convert_to(name, "System.Type")
        except PSError:
            return name
        return str(getattr(resolved, "full_name", name))
