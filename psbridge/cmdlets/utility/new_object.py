"""New-Object: an instance of a type, made by its constructor, then -Property values set.

As NewObjectCommand: ``psobject``/``pscustomobject`` make an empty custom object that
-Property fills with note properties; any other type name resolves as a type literal does
(psbridge's own .NET types, generic names such as ``System.Collections.Generic.List[int]``,
and, with a .NET runtime loaded, any type it can load) and is constructed as ``[T]::new(args)``
would be.  An unknown name is TypeNotFound; a constructor's failure is
ConstructorInvokedThrowException; a -Property key the object lacks is InvalidOperationException.
pwsh on Linux has no -ComObject (the overlay removes it), so no COM path exists here.
"""

from __future__ import annotations

from typing import Any

from ...conversion import PSType, RuntimeException, convert_to
from ...conversion.statics import invoke_static
from ...conversion.typenames import resolve_type
from ...errors import ErrorCategory, PSError
from ...objects import Hashtable, PSObject
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.semantics import get_property, to_string

__all__ = ["NewObject"]

_CUSTOM_OBJECT_NAMES = frozenset(
    {"psobject", "pscustomobject", "system.management.automation.psobject",
     "system.management.automation.pscustomobject"}
)  # fmt: skip


@register_cmdlet
class NewObject(Cmdlet):
    name = "New-Object"

    def process(self) -> None:
        params = self.params
        if params.parameter_set_name != "Net":
            return  # -Strict alone: the COM set, whose -ComObject pwsh on Linux does not have
        name = to_string(params.TypeName)
        arguments = list(params.ArgumentList) if params.is_bound("ArgumentList") and params.ArgumentList else []
        if name.strip().casefold() in _CUSTOM_OBJECT_NAMES and not arguments:
            result: Any = PSObject()
        else:
            result = self._construct(self._type(name), arguments)
        if params.is_bound("Property") and params.Property is not None:
            result = self._set_properties(result, params.Property)
        self.write_output(result)

    def _type(self, name: str) -> PSType:
        try:
            resolved = convert_to(name, "System.Type")  # as [type]'name' resolves it: script classes too
        except RuntimeException:
            self.throw_terminating_error(CmdletError(
                f"Cannot find type [{name}]: verify that the assembly containing this type is loaded.",
                error_id="TypeNotFound", category=ErrorCategory.InvalidType,
                exception_type="System.Management.Automation.PSArgumentException",
            ))  # fmt: skip
            raise
        if not isinstance(resolved, PSType):
            return resolve_type(name)
        return resolved

    def _construct(self, ps_type: PSType, arguments: list[Any]) -> Any:
        element = getattr(ps_type, "element", None)
        try:
            if element is not None and len(arguments) == 1:
                # An array type's constructor takes its length: that many default elements.
                length = int(convert_to(arguments[0], "int"))
                return ps_type.convert([_default(element)] * length)
            if ps_type.is_value_type and not arguments:
                return _default(ps_type)  # a struct's implicit parameterless constructor
            return invoke_static(ps_type, "new", arguments)
        except RuntimeException as error:
            record = error.error_record
            kind = getattr(error, "dotnet_exception_type", None) or "System.Management.Automation.MethodException"
            message = str(error)
            if record.error_id == "MethodCountCouldNotFindBest":  # ConstructorInvokeDotNet names the type
                short = ps_type.full_name.split("[", 1)[0].rsplit(".", 1)[-1]
                message = message.replace('overload for "new"', f'overload for "{short}"', 1)
            failure = CmdletError(message, error_id="ConstructorInvokedThrowException",
                                  category=ErrorCategory.InvalidOperation, exception_type=kind)  # fmt: skip
            failure.error_record.target_object = record.target_object
            self.throw_terminating_error(failure)
            raise

    def _set_properties(self, result: Any, properties: Any) -> Any:
        """LanguagePrimitives.SetObjectProperties: a custom object gains notes; another object's
        members are set, and a member it lacks is an error."""
        for key, value in properties.items():
            member = to_string(key)
            if isinstance(result, PSObject) and result.pstypenames[0] == "System.Management.Automation.PSCustomObject":
                result[member] = value
                continue
            found, _ = get_property(result, member)
            if not found:
                kind = "PSObject" if isinstance(result, PSObject) else ".NET"
                self.throw_terminating_error(CmdletError(
                    f'The member "{member}" was not found for the specified {kind} object.',
                    error_id="InvalidOperationException", category=ErrorCategory.InvalidOperation,
                    exception_type="System.InvalidOperationException",
                ))  # fmt: skip
            try:
                _set_member(result, member, value)
            except (PSError, AttributeError, TypeError):
                self.throw_terminating_error(CmdletError(
                    "The value supplied is not valid, or the property is read-only. Change the value, and then try "
                    "again.", error_id="SetValueException", category=ErrorCategory.InvalidData,
                ))  # fmt: skip
        return result


def _default(ps_type: PSType) -> Any:
    """``default(T)``: $null for a reference type, the zero value of a value type."""
    if not ps_type.is_value_type:
        return None
    try:
        return ps_type.convert(None)
    except RuntimeException:
        return ps_type.convert(0)


def _set_member(target: Any, name: str, value: Any) -> None:
    """``$target.name = value`` for an object New-Object made (the property exists)."""
    if isinstance(target, PSObject | Hashtable):
        target[name] = value
        return
    folded = name.casefold()
    actual = next((a for a in dir(target) if a.casefold() == folded and not a.startswith("_")), name)
    setattr(target, actual, value)
