"""Parameter types: the binder's questions, answered by the conversion engine.

The binder asks two things of a parameter type, as PowerShell's binder does:
``is_instance`` (can the value bind *without* coercion, in the first pipeline
passes and positional attempts) and ``convert`` (coercion, which either returns
the converted value or raises :class:`ConversionError` with the message
PowerShell puts after the parameter name).

Conversion itself is :mod:`psbridge.conversion` (LanguagePrimitives), the same
engine casts and operators use.  What stays here is what ParameterBinderBase
adds on top of it (``CoerceTypeAsNeeded``): ``[bool]`` and ``[switch]`` take
only Booleans and numbers, an array does not become a ``[string]``, a
dictionary parameter accepts any mapping, and array parameters convert element
by element with these same rules.
"""

from __future__ import annotations

import decimal
import enum
import functools
from collections.abc import Mapping
from typing import Any

from ..conversion import PSInvalidCastError, PSType, TypedArray, array_of, as_items, find_type, register_type
from ..conversion.basictypes import EnumType
from ..conversion.collections import NullableType
from ..conversion.enums import ActionPreference, _NetEnum
from ..conversion.errors import cast_with_inner, invalid_cast
from ..conversion.pstype import Converter, ObjectType
from ..conversion.typenames import OBJECT, defer_type, registered_type
from ..errors import ErrorRecord
from ..objects import Hashtable, PSObject, SwitchParameter, dotnet_type_name, find_adapter, to_ps_string
from ..objects.numeric import Int64, Single
from ..specs.model import ParameterSpec
from ..specs.types import is_flags_enum, nullable_inner

__all__ = [
    "ActionPreference",
    "BindingType",
    "ConversionError",
    "DocumentedEnumType",
    "is_enumerable",
    "resolve_parameter_type",
    "resolve_type",
]


class ConversionError(Exception):
    """A failed cast; the message is what PowerShell puts after the parameter name."""


class OpenAIApiType(_NetEnum):
    """PSOpenAI's ``[OpenAIApiType]`` enum (its ``-ApiType`` parameters)."""

    OpenAI = 0
    Azure = 1


register_type(EnumType("OpenAIApiType", OpenAIApiType), "OpenAIApiType")


def is_enumerable(value: Any) -> bool:
    """Whether PowerShell would treat ``value`` as a collection (not strings or dictionaries)."""
    kind = type(value)
    if kind is list or kind is tuple or kind is TypedArray:
        return True
    if kind in _SCALARS:
        return False
    return as_items(value) is not None


_SCALARS = frozenset({str, int, float, bool, type(None), PSObject, dict, Hashtable, Single, Int64})


# Spec type names (normalized by psbridge.specs.types) that are not the engine's own names.
_SPEC_NAMES = {
    "IDictionary": "System.Collections.IDictionary",
    "SwitchParameter": "switch",
    "PSObject": "psobject",
    "ActionPreference": "System.Management.Automation.ActionPreference",
    "Encoding": "System.Text.Encoding",
}
_STRICT_BOOLEAN = frozenset({"System.Boolean", "System.Management.Automation.SwitchParameter"})


class BindingType:
    """One parameter type as the binder sees it (a view over an engine PSType)."""

    __slots__ = ("_fast", "_kind", "dotnet_name", "element", "engine", "is_collection", "is_value_type", "name")

    def __init__(self, engine: PSType, name: str) -> None:
        self.engine = engine
        self.name = name
        self.dotnet_name = engine.full_name
        self.is_value_type = engine.is_value_type
        self.element: BindingType | None = None
        if engine.element is not None:
            self.element = _binding_type(engine.element, name[:-2] if name.endswith("[]") else engine.element.name)
        full = engine.full_name
        if full in _STRICT_BOOLEAN:
            self._kind = "boolean" if full == "System.Boolean" else "switch"
        elif full == "System.String":
            self._kind = "string"
        elif full == "System.Collections.IDictionary" or full == "System.Collections.Hashtable":
            self._kind = "dictionary"
        elif self.element is not None:
            self._kind = "array"
        elif isinstance(engine, NullableType):
            self._kind = "nullable"
            self.element = _binding_type(engine.type_args[0], engine.type_args[0].name)
        elif full == "System.Management.Automation.PSObject":
            self._kind = "psobject"  # a parameter typed [psobject] takes any object as it is
        else:
            self._kind = "other"
        self.is_collection = self._kind == "array"
        # The Python type whose values already are of this type (checked before any conversion).
        self._fast: type | None = {"System.String": str, "System.Double": float, "System.Int32": int}.get(full)

    def __repr__(self) -> str:
        return f"BindingType({self.name})"

    @property
    def takes_any_object(self) -> bool:
        """Whether every value but ``$null`` binds as it is, without coercion ([object], [psobject])."""
        return self._kind == "psobject" or (self._kind == "other" and self.engine is OBJECT)

    def accepts_null_uncoerced(self) -> bool:
        """``$null`` binds without coercion only to reference types other than string."""
        return not self.is_value_type and self._kind != "string"

    # -- binding without coercion -------------------------------------------------------------
    def is_instance(self, value: Any) -> bool:
        kind = self._kind
        if kind == "array":
            element = self.element
            assert element is not None
            if isinstance(value, bytes):  # Python's bytes is a byte[] (kept whole, never a list of ints)
                return self.engine.is_instance(value)
            return isinstance(value, list) and all(element.is_instance(item) for item in value)
        if kind == "dictionary":
            return isinstance(value, Mapping) and not isinstance(value, PSObject)
        if kind == "string":
            return isinstance(value, str)
        if kind == "nullable":
            return value is None or self.element.is_instance(value)  # type: ignore[union-attr]
        if self.engine is OBJECT or kind == "psobject":
            return True  # [psobject] wraps whatever it is given: a hashtable stays a hashtable
        return self.engine.is_instance(value)

    def encode_uncoerced(self, value: Any) -> list[Any] | None:
        """Wrap without conversion when every element already has the element type."""
        element = self.element
        assert element is not None
        items = as_items(value)
        if items is not None:
            return items if all(element.is_instance(item) for item in items) else None
        return [value] if element.is_instance(value) else None

    # -- coercion ---------------------------------------------------------------------------
    def convert(self, value: Any) -> Any:
        fast = self._fast
        if type(value) is fast and (fast is not int or -(2**31) <= value < 2**31):  # type: ignore[operator]
            return value
        kind = self._kind
        if kind == "psobject":
            return value
        if kind == "boolean" or kind == "switch":
            return self._boolean(value)
        if kind == "array":
            return self._array(value)
        if kind == "nullable":
            return None if value is None else self.element.convert(value)  # type: ignore[union-attr]
        if kind == "string" and is_enumerable(value):
            raise ConversionError("Cannot convert value to type System.String.")
        if kind == "dictionary":
            return self._dictionary(value)
        try:
            return self.engine.convert(value)
        except PSInvalidCastError as failure:
            raise ConversionError(str(failure)) from None
        except RecursionError:
            raise ConversionError(f'Cannot convert the value to type "{self.dotnet_name}".') from None

    def _boolean(self, value: Any) -> Any:
        """Boolean parameters accept only Booleans, switches and numbers (``"true"`` and ``$null`` fail)."""
        if value is None and self._kind == "switch":
            return SwitchParameter(False)
        if isinstance(value, SwitchParameter):
            truth = value.is_present
        elif isinstance(value, bool):
            truth = value
        elif isinstance(value, decimal.Decimal):
            truth = not value.is_zero()
        elif isinstance(value, int | float):
            truth = value != 0
        else:
            adapter = find_adapter(value) if value is not None else None
            native = adapter.to_python(value) if adapter is not None else value
            if native is not value:
                return self._boolean(native)
            raise ConversionError(
                f'Cannot convert value "{dotnet_type_name(value) if value is not None else ""}" to type '
                f'"{self.dotnet_name}". Boolean parameters accept only Boolean values and numbers, '
                "such as $True, $False, 1 or 0."
            )
        return SwitchParameter(truth) if self._kind == "switch" else truth

    def _array(self, value: Any) -> Any:
        element = self.element
        assert element is not None
        if value is None:
            return None
        if isinstance(value, bytes | bytearray | memoryview) and self.engine.is_instance(b""):
            return bytes(value)
        items = as_items(value)
        converted = [element.convert(item) for item in (items if items is not None else [value])]
        return converted if self.engine.element is OBJECT else TypedArray(converted, self.engine.element)

    def _dictionary(self, value: Any) -> Any:
        """IDictionary/Hashtable: a Hashtable or any Python mapping (a ``dict`` from Python code)."""
        if value is None or isinstance(value, Mapping):
            return value
        adapter = find_adapter(value)
        if adapter is not None:
            converted = adapter.to_python(value)
            if isinstance(converted, Mapping):
                return converted
        shown = "System.Object[]" if isinstance(value, list | tuple) else value
        raise ConversionError(
            f'Cannot convert the "{to_ps_string(shown)}" value of type "{dotnet_type_name(value)}" '
            f'to type "{self.dotnet_name}".'
        )


_CACHE: dict[str, BindingType] = {}


def _binding_type(engine: PSType, name: str) -> BindingType:
    key = name + "|" + engine.full_name
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = BindingType(engine, name)
    return found


class DocumentedEnumType(ObjectType):
    """An enum psbridge knows only by the members its doc lists (``System.ConsoleColor``).

    A name converts to that member's spelling; a [Flags] enum also takes several names, in one
    string (``"ProcessId,Timestamp"``) or as an array, giving .NET's ``"ProcessId, Timestamp"``,
    and any number; a plain enum takes the number of a member (its position in the doc's list).
    """

    is_value_type = True

    def __init__(self, name: str, members: tuple[str, ...], flags: bool) -> None:
        super().__init__(name if "." in name else f"System.{name}")
        self.members = members
        self.by_fold = {member.casefold(): member for member in members}
        self.flags = flags

    def is_instance(self, value: Any) -> bool:
        return False

    def figure(self, value: Any) -> Converter:
        return self._convert

    def _member(self, original: Any, text: str) -> str:
        found = self.by_fold.get(text.strip().casefold())
        if found is None:
            raise cast_with_inner(
                original, self.full_name,
                f"Unable to match the identifier name {text.strip()} to a valid enumerator name. Specify one of "
                f"the following enumerator names and try again:\n{', '.join(self.members)}",
                error_id="RuntimeException",
            )  # fmt: skip
        return found

    def _convert(self, value: Any) -> Any:
        if isinstance(value, enum.Enum) and not self.flags:  # a value of the enum psbridge models it with
            return self._member(value, value.name.rstrip("_"))
        if isinstance(value, int) and not isinstance(value, bool):
            if self.flags:
                return value
            # A plain enum's documented members are its values 0..n-1 in order (ConsoleColor ...).
            if 0 <= value < len(self.members):
                return self.members[value]
            raise cast_with_inner(
                value, self.full_name, f"The value {value} is not a defined member of {self.full_name}.",
                error_id="RuntimeException",
            )  # fmt: skip
        items = as_items(value) if self.flags else None
        if items is not None:
            names = [to_ps_string(item) for item in items]
        elif isinstance(value, str):
            names = value.split(",") if self.flags else [value]
        else:
            raise invalid_cast(value, self.full_name)
        chosen = {self._member(value, name) for name in names if name.strip() or not self.flags}
        return ", ".join(member for member in self.members if member in chosen)


class _InstanceType(PSType):
    """A .NET class psbridge models with a Python class: its instances bind, nothing converts to one."""

    def __init__(self, full_name: str, python_type: type) -> None:
        super().__init__(full_name)
        self.python_type = python_type

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, self.python_type)

    def figure(self, value: Any) -> Converter:
        return _unchanged if value is None or isinstance(value, self.python_type) else self.no_conversion


def _unchanged(value: Any) -> Any:
    return value


class _ErrorRecordType(_InstanceType):
    """``[System.Management.Automation.ErrorRecord]``: what scripts build for
    ``$PSCmdlet.ThrowTerminatingError``/``WriteError``."""

    def construct(self, *args: Any) -> ErrorRecord:
        """``::new(exception, errorId, errorCategory, targetObject)`` (the category an ErrorCategory
        value, its name or its number) and ``::new(record, exception)``."""
        if len(args) == 2 and isinstance(args[0], ErrorRecord) and isinstance(args[1], BaseException):
            old = args[0]
            return ErrorRecord(
                exception=args[1], error_id=old.error_id, category=old.category, target_object=old.target_object,
                exception_type_name=_exception_type_name(args[1]),
            )  # fmt: skip
        if len(args) != 4:
            raise TypeError(f"ErrorRecord takes 4 positional arguments, {len(args)} given")
        exception, error_id, category, target = args
        if not isinstance(exception, BaseException):
            raise ValueError(
                f'Cannot convert argument "exception", with value: "{to_ps_string(exception)}", for "ErrorRecord" '
                'to type "System.Exception".'
            )
        categories = find_type("System.Management.Automation.ErrorCategory")
        assert categories is not None
        return ErrorRecord(
            exception=exception,
            error_id="" if error_id is None else to_ps_string(error_id),
            category=categories.convert(category).name,
            target_object=target,
            exception_type_name=_exception_type_name(exception),
        )


def _exception_type_name(exception: BaseException) -> str:
    dotnet = getattr(exception, "dotnet_exception_type", None)
    return dotnet.rsplit(".", 1)[-1] if isinstance(dotnet, str) else "Exception"


# Write-Error's -ErrorRecord and -Exception (position 0 in their sets) take only those objects.
# (Asked of the registry alone: find_type would import every static member table to look further,
# and none of them defines these two.)
if registered_type("System.Management.Automation.ErrorRecord") is None:
    register_type(_ErrorRecordType("System.Management.Automation.ErrorRecord", ErrorRecord))
if registered_type("System.Exception") is None:
    register_type(_InstanceType("System.Exception", BaseException))


class _TypeNamedObject(PSType):
    """A .NET class psbridge models as PSObjects carrying its type name (PSModuleInfo, Process):
    those objects bind as they are, nothing converts to one -- so a parameter of the type takes
    only them (``Get-Module | Import-Module`` binds -ModuleInfo, not -Assembly or -FullyQualifiedName)."""

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, PSObject) and self.full_name in value.pstypenames

    def figure(self, value: Any) -> Converter:
        return _unchanged if value is None or self.is_instance(value) else self.no_conversion


defer_type("System.Diagnostics.Process", functools.partial(_TypeNamedObject, "System.Diagnostics.Process"))


def _stream_record_type(kind: str) -> PSType:
    """``[System.Management.Automation.VerboseRecord]`` and its kin: what ``4>&1`` merges into the
    output (made on first use: the runtime's stream module is not the binder's to load)."""
    from ..runtime import streams

    return _InstanceType(f"System.Management.Automation.{kind}Record", getattr(streams, f"{kind}Record"))


for _kind in ("Informational", "Warning", "Verbose", "Debug"):
    defer_type(f"System.Management.Automation.{_kind}Record", functools.partial(_stream_record_type, _kind))


class _PSSession:
    """System.Management.Automation.Runspaces.PSSession: psbridge has no remoting, so none exists.
    The type is known so that nothing binds to a -Session parameter, as in pwsh: unknown, it would
    take any argument, and ``Invoke-Command { 1 }`` would bind its block to -Session (position 0 of
    the Session set) instead of -ScriptBlock."""


defer_type(
    "System.Management.Automation.Runspaces.PSSession",
    functools.partial(_InstanceType, "System.Management.Automation.Runspaces.PSSession", _PSSession),
)


def resolve_parameter_type(spec: ParameterSpec) -> BindingType:
    """A parameter's type: its name, or the enum its documented values describe."""
    base = spec.type.removesuffix("[]")
    if not spec.enum_values or base == "Encoding":
        return resolve_type(spec.type)
    inner = nullable_inner(base)
    engine: PSType = DocumentedEnumType(inner or base, tuple(spec.enum_values), is_flags_enum(base))
    if inner is not None:
        engine = NullableType(engine)
    if spec.type.endswith("[]"):
        engine = array_of(engine)
    return BindingType(engine, spec.type)


def resolve_type(name: str) -> BindingType:
    """The binding type for a normalized spec type name; unknown names bind like ``Object``."""
    found = _CACHE.get(name)
    if found is not None:
        return found
    base, rank = name, 0
    while base.endswith("[]"):
        base, rank = base[:-2], rank + 1
    inner = nullable_inner(base)
    engine = find_type(_SPEC_NAMES.get(inner or base, inner or base))
    if engine is None:
        engine = ObjectType(base if "." in base else f"System.{base}")
    elif inner is not None:
        engine = find_type(f"System.Nullable[{engine.full_name}]") or engine
    for _ in range(rank):
        engine = array_of(engine)
    found = _CACHE[name] = BindingType(engine, name)
    return found


def _module_info_type() -> PSType:
    """``[System.Management.Automation.PSModuleInfo]``: what Get-Module/New-Module write binds to
    -ModuleInfo as it is (never to -Name by conversion); made on first use, so the module code loads
    only then."""
    from ..language.engine.modules import PSModuleInfo

    return _InstanceType("System.Management.Automation.PSModuleInfo", PSModuleInfo)


defer_type("System.Management.Automation.PSModuleInfo", _module_info_type, "psmoduleinfo")


class _ModuleSpecificationType(PSType):
    """``[Microsoft.PowerShell.Commands.ModuleSpecification]``: a module name or a hashtable
    (``@{ModuleName=...; ModuleVersion=...}``), kept as given for the module cmdlets to read; no
    other object is one, so a PSModuleInfo piped to Import-Module binds -ModuleInfo alone."""

    def is_instance(self, value: Any) -> bool:
        return False

    def figure(self, value: Any) -> Converter:
        return _unchanged if value is None or isinstance(value, str | Mapping) else self.no_conversion


defer_type(
    "Microsoft.PowerShell.Commands.ModuleSpecification",
    functools.partial(_ModuleSpecificationType, "Microsoft.PowerShell.Commands.ModuleSpecification"),
)


class _NoInstanceType(PSType):
    """A .NET class no psbridge object is (``System.Reflection.Assembly``: psbridge loads no
    assemblies), so it never takes pipeline input meant for a sibling parameter (Import-Module's
    -Assembly beside -ModuleInfo)."""

    def is_instance(self, value: Any) -> bool:
        return False

    def figure(self, value: Any) -> Converter:
        return self.no_conversion


defer_type("System.Reflection.Assembly", functools.partial(_NoInstanceType, "System.Reflection.Assembly"))
