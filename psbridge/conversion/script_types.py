"""Types a script defines: ``enum`` and ``class``, as PSTypes the conversion engine and the binder use.

A script's ``enum E : byte { A; B = 5 }`` becomes a :class:`ScriptEnumType` over a Python enum made
for it (a flags one for ``[Flags()]``), so casts, ``-as``, comparisons and ``[E]::A`` work as for
.NET's enums.  A ``class`` becomes a :class:`ScriptClassType`: its instances are
:class:`ScriptObject` (a PSObject whose properties are the class's, each converting what is
assigned to its declared type), so formatting, ``ConvertTo-Json`` and member access see them as
objects with properties.  Methods and constructors are callables the language supplies (it compiles
their bodies); this module knows only how to pick an overload, convert arguments and results, and
build instances (``[C]::new()``, ``[C]@{ Prop = 1 }``).

The types are not global: the language keeps them in the scope that defined them
(PowerShell's SessionStateScope.TypeTable), so :data:`state` only records whether any script ever
defined one (type lookups stay as fast as before until one does).

Public: :class:`ScriptEnumType`, :class:`ScriptClassType`, :class:`ScriptProperty`,
:class:`ScriptMethod`, :class:`ScriptObject`, :func:`default_of`, :data:`state`.
"""

from __future__ import annotations

import datetime as _dt
import enum
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import ErrorCategory
from ..objects import PSObject
from ..objects.numeric import Char
from .errors import MethodNotFoundError, PSInvalidCastError, RuntimeException, invalid_cast
from .pstype import Converter, PSType
from .richtypes import EnumType

__all__ = [
    "ScriptClassType",
    "ScriptEnumType",
    "ScriptMethod",
    "ScriptObject",
    "ScriptProperty",
    "TypeInitializationError",
    "default_of",
    "state",
]


class _State:
    """Whether any script has defined a type in this process (until then lookups skip scopes), and
    how to find the types of the scope a script is running in (the language sets it), for type
    names given as text (``-as 'MyClass'``, ``[type]'MyClass'``)."""

    defined = False
    scope_types: Callable[[], Mapping[str, PSType] | None] | None = None

    def visible(self) -> Mapping[str, PSType] | None:
        """The running scope's script-defined types (None when there are none)."""
        if not self.defined or self.scope_types is None:
            return None
        return self.scope_types()


state = _State()


# -- enums -------------------------------------------------------------------------------------------
class _ScriptEnum(enum.Enum):
    """A script's enum member: its text is its name."""

    def __str__(self) -> str:
        return self.name

    __format__ = enum.Enum.__format__


class _ScriptFlags(enum.IntFlag, boundary=enum.KEEP):
    """A ``[Flags()]`` script enum: combined values print as ``A, B``; bits no member names print
    as the number, as .NET's Enum.ToString does."""

    def __str__(self) -> str:
        value = int(self)
        members = type(self).__members__
        for name, member in members.items():
            if int(member) == value:
                return name
        names: list[str] = []
        left = value
        for name, member in sorted(members.items(), key=lambda item: -int(item[1])):
            bits = int(member)
            if bits and bits & left == bits:
                names.append(name)
                left &= ~bits
        if left or not names:
            return str(value)
        return ", ".join(reversed(names))

    __format__ = enum.Enum.__format__


class ScriptEnumType(EnumType):
    """``enum Name [: underlying] { ... }``: members by name (case-insensitive), their numbers,
    and for ``[Flags()]`` comma-separated names."""

    def __init__(self, name: str, members: list[tuple[str, int]], underlying: PSType, *, flags: bool) -> None:
        base: Any = _ScriptFlags if flags else _ScriptEnum
        python_enum = base(name, members)
        python_enum.__ps_type_name__ = name
        super().__init__(name, python_enum, flags=flags)
        python_enum.__ps_script_type__ = self
        self.underlying = underlying
        self.members = {member_name: int(member.value) for member_name, member in python_enum.__members__.items()}
        self.by_fold = {member_name.casefold(): member_name for member_name in self.members}
        self.script_defined = True

    def _from_number(self, value: Any) -> Any:
        number = int(value.value if isinstance(value, enum.Enum) else value)
        if not self.flags:
            return super()._from_number(number)
        return self.python_enum(number)


# -- classes -----------------------------------------------------------------------------------------
def default_of(ps_type: PSType | None) -> Any:
    """default(T) for a property of type ``ps_type``: $null for reference types, 0, $false,
    the zero enum value, DateTime.MinValue ..."""
    if ps_type is None or not ps_type.is_value_type:
        return None
    name = ps_type.full_name
    if ps_type.is_numeric:
        return ps_type.convert(0)
    if isinstance(ps_type, EnumType):
        try:
            return ps_type.python_enum(0)
        except ValueError:
            return 0
    zero: Any = {
        "System.Boolean": False,
        "System.Char": Char("\0"),
        "System.DateTime": _dt.datetime(1, 1, 1),
        "System.TimeSpan": _dt.timedelta(0),
        "System.Guid": uuid.UUID(int=0),
        "System.Management.Automation.SwitchParameter": False,
    }.get(name)
    if zero is not None:
        return ps_type.convert(zero) if name == "System.Management.Automation.SwitchParameter" else zero
    return None


class ScriptProperty:
    """One declared property: its type (resolved when first needed), default, flags."""

    __slots__ = ("_resolve", "_type", "hidden", "initial", "name", "static", "type_name", "validators")

    def __init__(
        self,
        name: str,
        type_name: str | None,
        resolve: Callable[[], PSType | None],
        initial: Callable[[], Any] | None,
        *,
        static: bool = False,
        hidden: bool = False,
    ) -> None:
        self.name = name
        self.type_name = type_name
        self._resolve = resolve
        self._type: PSType | None = None
        self.initial = initial
        self.static = static
        self.hidden = hidden
        #: The property's validation attributes (``[ValidateRange(0, 16)]``): each raises with the
        #: attribute's message when an assigned value fails it.
        self.validators: tuple[Callable[[Any], None], ...] = ()

    @property
    def ps_type(self) -> PSType | None:
        found = self._type
        if found is None and self.type_name is not None:
            found = self._type = self._resolve()
        return found

    @property
    def type_full_name(self) -> str:
        found = self.ps_type
        return found.full_name if found is not None else "System.Object"

    def convert(self, value: Any) -> Any:
        found = self.ps_type
        return found.convert(value) if found is not None else value

    def initial_value(self) -> Any:
        if self.initial is not None:
            return self.convert(self.initial())
        return default_of(self.ps_type)


class ScriptMethod:
    """One method or constructor overload: parameter count and types, and the body to call.

    ``invoke(instance, arguments)`` runs the body (arguments already converted) and returns what
    its ``return`` gave; the return type's conversion is applied here.
    """

    __slots__ = ("declaring", "hidden", "invoke", "name", "parameter_types", "return_type", "static")

    def __init__(
        self,
        name: str,
        parameter_types: list[Callable[[], PSType | None]],
        return_type: Callable[[], PSType | None] | None,
        invoke: Callable[[Any, list[Any]], Any],
        *,
        static: bool = False,
        hidden: bool = False,
    ) -> None:
        self.name = name
        self.parameter_types = parameter_types
        self.return_type = return_type
        self.invoke = invoke
        self.static = static
        self.hidden = hidden
        self.declaring: ScriptClassType | None = None

    @property
    def is_void(self) -> bool:
        if self.return_type is None:
            return True
        found = self.return_type()
        return found is not None and found.full_name == "System.Void"

    def fits(self, arguments: list[Any]) -> bool:
        """Whether each argument already is of its parameter's type (the better overload)."""
        for resolve, value in zip(self.parameter_types, arguments, strict=True):
            found = resolve()
            if found is not None and value is not None and not found.is_instance(value):
                return False
        return True

    def convert_arguments(self, arguments: list[Any]) -> list[Any]:
        converted = []
        for index, (resolve, value) in enumerate(zip(self.parameter_types, arguments, strict=True)):
            found = resolve()
            if found is None:
                converted.append(value)
                continue
            try:
                converted.append(found.convert(value))
            except PSInvalidCastError as error:
                raise RuntimeException(
                    f'Cannot convert argument "{_parameter_label(index)}", with value: "{_shown(value)}", for '
                    f'"{self.name}" to type "{found.full_name}": "{error}"',
                    error_id="MethodArgumentConversionInvalidCastArgument",
                ) from None
        return converted

    def call(self, instance: Any, arguments: list[Any]) -> Any:
        result = self.invoke(instance, self.convert_arguments(arguments))
        if self.return_type is None:
            return None
        found = self.return_type()
        if found is None:
            return result
        if found.full_name == "System.Void":
            return None
        return found.convert(result)


def _parameter_label(index: int) -> str:
    return f"{index}"


def _shown(value: Any) -> str:
    from ..objects import to_ps_string

    return to_ps_string(value)


def _best(overloads: list[ScriptMethod], arguments: list[Any], name: str, type_name: str) -> ScriptMethod:
    """PowerShell's overload choice, simplified: the count must match; an overload every argument
    already fits wins over one that needs conversions."""
    candidates = [method for method in overloads if len(method.parameter_types) == len(arguments)]
    if not candidates:
        raise RuntimeException(
            f'Cannot find an overload for "{name}" and the argument count: "{len(arguments)}".',
            error_id="MethodCountCouldNotFindBest",
            category=ErrorCategory.NotSpecified,
        )
    if len(candidates) == 1:
        return candidates[0]
    for method in candidates:
        if method.fits(arguments):
            return method
    for method in candidates:
        try:
            method.convert_arguments(arguments)
        except RuntimeException:
            continue
        return method
    return candidates[0]


class ScriptClassType(PSType):
    """``class Name : Base { ... }``: properties, methods, constructors, static state."""

    script_defined = True

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.base: ScriptClassType | None = None
        self.base_type: PSType | None = None  # a .NET/psbridge base that is not a script class
        self.properties: dict[str, ScriptProperty] = {}
        self.methods: dict[str, list[ScriptMethod]] = {}
        self.constructors: list[ScriptMethod] = []
        self.static_constructor: ScriptMethod | None = None
        self.static_values: dict[str, Any] = {}
        self._static_ready = False
        self._instance_properties: list[ScriptProperty] | None = None

    # -- the hierarchy ---------------------------------------------------------------------------
    def chain(self) -> list[ScriptClassType]:
        """This class and its script base classes, most derived first."""
        result: list[ScriptClassType] = []
        current: ScriptClassType | None = self
        while current is not None:
            result.append(current)
            current = current.base
        return result

    def type_names(self) -> list[str]:
        names = [cls.full_name for cls in self.chain()]
        if self.root_base is not None:
            names.append(self.root_base.full_name)
        names.append("System.Object")
        return names

    @property
    def root_base(self) -> PSType | None:
        return self.chain()[-1].base_type

    @property
    def BaseType(self) -> PSType | None:
        return self.base or self.base_type

    def instance_properties(self) -> list[ScriptProperty]:
        """The instance properties in .NET's reflection order: the class's own, then its bases'
        (an overriding declaration hides the base one)."""
        found = self._instance_properties
        if found is None:
            seen: set[str] = set()
            found = []
            for cls in self.chain():
                for key, prop in cls.properties.items():
                    if not prop.static and key not in seen:
                        seen.add(key)
                        found.append(prop)
            self._instance_properties = found
        return found

    def find_property(self, name: str) -> ScriptProperty | None:
        folded = name.casefold()
        for cls in self.chain():
            prop = cls.properties.get(folded)
            if prop is not None:
                return prop
        return None

    def find_methods(self, name: str, static: bool) -> list[ScriptMethod]:
        folded = name.casefold()
        for cls in self.chain():
            overloads = [m for m in cls.methods.get(folded, ()) if m.static == static]
            if overloads:
                return overloads
        return []

    # -- -is and casts -------------------------------------------------------------------------------
    def is_instance(self, value: Any) -> bool:
        return isinstance(value, ScriptObject) and self in value.script_class.chain()

    def figure(self, value: Any) -> Converter:
        if isinstance(value, ScriptObject):
            return self._from_instance
        if value is None:
            return _none
        if isinstance(value, Mapping | PSObject):
            return self._from_properties
        return self._via_constructor

    def _from_instance(self, value: Any) -> Any:
        if self.is_instance(value):
            return value
        return self._via_constructor(value)

    def _from_properties(self, value: Any) -> Any:
        """LanguagePrimitives' ConvertViaNoArgumentConstructor: the default constructor, then each
        key set as a property (ObjectCreationError naming the one that fails)."""
        if isinstance(value, PSObject):
            pairs = [(name, value[name]) for name in value.property_names]
        else:
            pairs = list(value.items())
        if not any(not m.parameter_types for m in self.constructors) and self.constructors:
            raise invalid_cast(value, self.full_name)
        instance = self.construct()
        for key, item in pairs:
            name = str(key)
            prop = self.find_property(name)
            if prop is None or prop.static:
                settable = ", ".join(f"[{p.name} <{p.type_full_name}>]" for p in self.instance_properties())
                detail = (
                    f"The property '{name}' was not found for the '{self.full_name}' object. "
                    f"The settable properties are: {settable}."
                    if settable
                    else f"The property '{name}' was not found for the '{self.full_name}' object. "
                    "There is no settable property available."
                )
                raise PSInvalidCastError(f'Cannot create object of type "{self.full_name}". {detail}',
                                         error_id="ObjectCreationError")  # fmt: skip
            try:
                instance.set_property(prop, item)
            except RuntimeException as error:
                inner = getattr(error, "inner_message", None) or str(error)
                raise PSInvalidCastError(
                    f'Cannot create object of type "{self.full_name}". {inner}', error_id="ObjectCreationError"
                ) from None
        return instance

    def _via_constructor(self, value: Any) -> Any:
        """A constructor taking one argument converts the value (ConvertViaConstructor)."""
        single = [m for m in self._all_constructors() if len(m.parameter_types) == 1]
        if not single:
            raise invalid_cast(value, self.full_name)
        try:
            return self.construct(value)
        except RuntimeException as error:
            raise PSInvalidCastError(
                f'Cannot convert value "{_shown(value)}" to type "{self.full_name}". Error: "{error}"',
                error_id="InvalidCastConstructorException",
            ) from None

    def _all_constructors(self) -> list[ScriptMethod]:
        return self.constructors

    # -- instances -------------------------------------------------------------------------------------
    def construct(self, *arguments: Any) -> ScriptObject:
        """``[C]::new(arguments)``: the instance with its property defaults, then the constructor
        that fits (a class without constructors has the default one)."""
        self.ensure_static()
        instance = ScriptObject(self)
        for prop in self.instance_properties():  # listed as reflection lists them: own, then the bases'
            instance.initialize(prop, None)
        for cls in reversed(self.chain()):
            for prop in cls.properties.values():
                if not prop.static:
                    instance.initialize(prop, prop.initial_value())
        self.run_constructor(instance, list(arguments))
        return instance

    def run_constructor(self, instance: ScriptObject, arguments: list[Any]) -> None:
        """This class's constructor for ``arguments`` on ``instance`` (its body calls the base's)."""
        if not self.constructors:
            if arguments:
                raise RuntimeException(
                    f'Cannot find an overload for "new" and the argument count: "{len(arguments)}".',
                    error_id="MethodCountCouldNotFindBest",
                    category=ErrorCategory.NotSpecified,
                )
            if self.base is not None:
                self.base.run_constructor(instance, [])
            return
        _best(self.constructors, arguments, "new", self.full_name).call(instance, arguments)

    def invoke_method(self, instance: ScriptObject, name: str, arguments: list[Any]) -> Any:
        overloads = self.find_methods(name, static=False)
        if not overloads:
            raise MethodNotFoundError(self.full_name, name)
        return _best(overloads, arguments, name, self.full_name).call(instance, arguments)

    def has_void_method(self, name: str, static: bool) -> bool:
        overloads = self.find_methods(name, static)
        return bool(overloads) and all(m.is_void for m in overloads)

    # -- static members ----------------------------------------------------------------------------
    def ensure_static(self) -> None:
        """Run the static initializers once, base classes first (the type initializer)."""
        if self._static_ready:
            return
        self._static_ready = True
        if self.base is not None:
            self.base.ensure_static()
        try:
            for key, prop in self.properties.items():
                if prop.static:
                    self.static_values[key] = prop.initial_value()
            if self.static_constructor is not None:
                self.static_constructor.call(None, [])
        except RuntimeException as error:
            raise TypeInitializationError(self.full_name) from error

    def _static_owner(self, name: str) -> ScriptClassType | None:
        folded = name.casefold()
        for cls in self.chain():
            prop = cls.properties.get(folded)
            if prop is not None and prop.static:
                return cls
        return None

    def has_static_property(self, name: str) -> bool:
        return self._static_owner(name) is not None

    def get_static(self, name: str) -> Any:
        owner = self._static_owner(name)
        if owner is None:
            return None
        owner.ensure_static()
        return owner.static_values.get(name.casefold())

    def set_static(self, name: str, value: Any) -> None:
        owner = self._static_owner(name)
        if owner is None:
            raise RuntimeException(
                f"The property '{name}' cannot be found on this object. Verify that the property exists and can "
                "be set.", error_id="PropertyAssignmentException", category=ErrorCategory.InvalidOperation,
            )  # fmt: skip
        owner.ensure_static()
        prop = owner.properties[name.casefold()]
        owner.static_values[name.casefold()] = _convert_for(prop, value)

    def invoke_static(self, name: str, arguments: list[Any]) -> Any:
        self.ensure_static()
        if name.casefold() == "new":
            return self.construct(*arguments)
        overloads = self.find_methods(name, static=True)
        if not overloads:
            raise MethodNotFoundError(self.full_name, name)
        return _best(overloads, arguments, name, self.full_name).call(None, arguments)


class TypeInitializationError(RuntimeException):
    """A static property's initializer or the static constructor failed (the type initializer)."""

    dotnet_exception_type = "System.TypeInitializationException"
    default_error_id = "TypeInitializationException"

    def __init__(self, type_name: str) -> None:
        super().__init__(f"The type initializer for '{type_name}' threw an exception.", target_object=type_name)


def _none(_value: Any) -> None:
    return None


class SetValueInvocationError(RuntimeException):
    """Setting a property failed (SetValueInvocationException): its conversion or validation."""

    dotnet_exception_type = "System.Management.Automation.SetValueInvocationException"


def _convert_for(prop: ScriptProperty, value: Any) -> Any:
    """A value assigned to a typed property: ``Exception setting "P": "<conversion error>"``."""
    try:
        converted = prop.convert(value)
        for validate in prop.validators:
            validate(converted)
        return converted
    except Exception as error:
        if not isinstance(error, PSInvalidCastError) and type(error).__name__ != "ValidationFailure":
            raise
        failure = SetValueInvocationError(
            f'Exception setting "{prop.name}": "{error}"',
            error_id="ExceptionWhenSetting",
            category=ErrorCategory.NotSpecified,
        )
        failure.inner_message = str(error)  # type: ignore[attr-defined]
        raise failure from None


class ScriptObject(PSObject):
    """An instance of a script class: a PSObject whose properties are the class's (hidden ones
    apart, so formatting leaves them out), converting each assignment to the declared type."""

    __slots__ = ("_hidden", "script_class")

    def __init__(self, script_class: ScriptClassType) -> None:
        object.__setattr__(self, "_props", {})
        object.__setattr__(self, "_methods", None)  # PSObject's table of Add-Member's script methods
        object.__setattr__(self, "_hidden", {})
        object.__setattr__(self, "script_class", script_class)
        object.__setattr__(self, "_type_names", script_class.type_names())

    @staticmethod
    def __ps_type_name__(value: Any) -> str:
        return str(value.script_class.full_name)

    def initialize(self, prop: ScriptProperty, value: Any) -> None:
        table = self._hidden if prop.hidden else self._props
        table[prop.name.casefold()] = (prop.name, value)

    def set_property(self, prop: ScriptProperty, value: Any) -> None:
        self.initialize(prop, _convert_for(prop, value))

    def _set(self, name: str, value: Any) -> None:
        if name in ("_hidden", "script_class"):
            object.__setattr__(self, name, value)
            return
        prop = self.script_class.find_property(name)
        if prop is None or prop.static:
            raise RuntimeException(
                f"The property '{name}' cannot be found on this object. Verify that the property exists and can "
                "be set.", error_id="PropertyNotFound", category=ErrorCategory.InvalidOperation,
            )  # fmt: skip
        self.set_property(prop, value)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("_props", "_type_names", "_hidden", "script_class"):
            object.__setattr__(self, name, value)
        else:
            self._set(name, value)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (name.casefold() in self._props or name.casefold() in self._hidden)

    def find_property(self, name: str) -> tuple[bool, Any]:
        folded = name.casefold()
        entry = self._props.get(folded) or self._hidden.get(folded)
        if entry is not None:
            return True, entry[1]
        return super().find_property(name)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        found, value = self.find_property(name)
        if not found:
            raise AttributeError(f"{self.script_class.full_name} has no property {name!r}")
        return value

    def __getitem__(self, name: str) -> Any:
        found, value = self.find_property(name)
        if not found:
            raise KeyError(name)
        return value

    def remove_property(self, name: str) -> None:
        raise RuntimeException(
            f"Cannot remove the property '{name}' of an instance of the class '{self.script_class.full_name}'.",
            error_id="PropertyNotRemovable",
        )

    def ps_to_string(self) -> str:
        overloads = self.script_class.find_methods("ToString", static=False)
        method = next((m for m in overloads if not m.parameter_types), None)
        if method is not None:
            from . import to_string

            return to_string(method.call(self, []))
        return self.script_class.full_name

    def __str__(self) -> str:
        return self.ps_to_string()

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in list(self._props.values())[:8])
        return f"{self.script_class.full_name}({shown})"

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)
