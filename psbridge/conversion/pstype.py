"""PSType: a .NET type as psbridge knows it, with its conversion cached per source type.

PowerShell's LanguagePrimitives figures a converter once per (from type, to type)
and caches it; :meth:`PSType.convert` does the same with a dict keyed by the
Python type of the value, so the decision tree runs once per pair and every later
conversion is one dict lookup and one call.

A PSType is also the runtime value of a type literal: ``[int]`` evaluates to the
Int32 PSType, whose ``Name``/``FullName`` are what scripts read and whose
``str()`` is the full name, as ``[int].ToString()`` is ``System.Int32``.

Public: :class:`PSType` (``full_name``, ``name``, ``is_instance``, ``convert``,
``element``, ``type_args``, ``is_value_type``, ``is_numeric``), :class:`ObjectType`,
:class:`TypedArray` (an array whose element type is not Object: ``[int[]]``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from ..objects import find_adapter
from .errors import invalid_cast

__all__ = ["Converter", "ObjectType", "PSType", "TypedArray"]

Converter = Callable[[Any], Any]


class PSType:
    """A type: answers ``-is`` (:meth:`is_instance`) and casts (:meth:`convert`).

    Subclasses implement :meth:`figure`, which picks the converter for one Python
    type of source value (called once per source type; the result is cached).
    """

    full_name: str = "System.Object"
    #: A type object's own type names (``[int].GetType()`` is a RuntimeType): format data shows
    #: it by PowerShellCore.format.ps1xml's System.RuntimeType table.
    pstypenames: ClassVar[tuple[str, ...]] = (
        "System.RuntimeType", "System.Reflection.TypeInfo", "System.Type", "System.Reflection.MemberInfo",
        "System.Object",
    )  # fmt: skip
    is_value_type = False
    is_numeric = False
    element: PSType | None = None
    type_args: tuple[PSType, ...] = ()

    def __init__(self, full_name: str | None = None) -> None:
        if full_name is not None:
            self.full_name = full_name
        self._converters: dict[type, Converter] = {}

    # -- what scripts see ---------------------------------------------------------
    @property
    def name(self) -> str:
        """``Type.Name``: the last segment of the full name (``Int32``, ``String[]``)."""
        if self.element is not None:
            return self.element.name + "[]"
        base = self.full_name.partition("[")[0]
        return base.rsplit(".", 1)[-1]

    @property
    def Name(self) -> str:
        return self.name

    @property
    def FullName(self) -> str:
        return self.full_name

    @property
    def dotnet_name(self) -> str:
        return self.full_name

    @property
    def is_collection(self) -> bool:
        return self.element is not None

    def __str__(self) -> str:
        return self.full_name

    def __repr__(self) -> str:
        return f"[{self.full_name}]"

    # -- the two questions ------------------------------------------------------------
    def is_instance(self, value: Any) -> bool:
        """``value -is [this type]``: no conversion, ``$null`` is never an instance."""
        return value is not None

    def convert(self, value: Any) -> Any:
        """``[this type]value`` with LanguagePrimitives' rules; raises PSInvalidCastError."""
        kind = type(value)
        converter = self._converters.get(kind)
        if converter is None:
            converter = self.figure(value)
            self._converters[kind] = converter
        return converter(value)

    def figure(self, value: Any) -> Converter:
        """The converter for values of ``type(value)``; the default knows only identity."""
        if self.is_instance(value):
            return _identity
        return self.no_conversion

    def no_conversion(self, value: Any) -> Any:
        """ConvertNoConversion: a .NET object is tried through its Python view, else the cast fails."""
        adapter = find_adapter(value) if value is not None else None
        if adapter is not None:
            native = adapter.to_python(value)
            if native is not value:
                return self.convert(native)
        raise invalid_cast(value, self.full_name)

    def accepts_null_uncoerced(self) -> bool:
        """``$null`` binds without coercion only to reference types other than string."""
        return not self.is_value_type and self.full_name != "System.String"


def _identity(value: Any) -> Any:
    return value


class ObjectType(PSType):
    """``[object]`` and types psbridge only passes through (``[psobject]``): no conversion.

    A .NET object is seen through its Python view (a .NET string becomes a str),
    as the binder always did for untyped parameters.
    """

    def is_instance(self, value: Any) -> bool:
        return value is not None

    def figure(self, value: Any) -> Converter:
        return _unwrap_foreign

    def __init__(self, full_name: str = "System.Object") -> None:
        super().__init__(full_name)


def _unwrap_foreign(value: Any) -> Any:
    adapter = find_adapter(value) if value is not None else None
    return adapter.to_python(value) if adapter is not None and not adapter.is_enumerable(value) else value


class TypedArray(list[Any]):
    """A .NET array whose element type is not Object (``[int[]]@(1, 2)`` is an Int32[]).

    A plain ``list`` is an Object[]; this keeps the element type so ``-is [int[]]``
    and ``GetType()`` answer as PowerShell does.
    """

    __slots__ = ("element_type",)

    def __init__(self, items: Any = (), element_type: PSType | None = None) -> None:
        super().__init__(items)
        self.element_type = element_type

    def __repr__(self) -> str:
        name = self.element_type.full_name if self.element_type is not None else "System.Object"
        return f"{name}[]{list.__repr__(self)}"
