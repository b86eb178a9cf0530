"""``Stack[T]``, ``Queue[T]`` and ``HashSet[T]`` from System.Collections.Generic.

Each is a Python list in .NET's enumeration order (a stack enumerates from the top), so
pipelines, ``.Count`` and member enumeration see what PowerShell sees; the .NET
methods (``Push``/``Pop``, ``Enqueue``/``Dequeue``, ``Add``/``UnionWith`` ...) are
PascalCase methods found by the member lookup.  Added values convert to ``T``.
"""

from __future__ import annotations

from typing import Any

from .collections import as_items
from .errors import MethodInvocationError as invocation_failed
from .errors import invalid_cast
from .pstype import Converter, PSType

__all__ = ["GenericContainer", "GenericHashSet", "GenericQueue", "GenericStack", "generic_container_type"]


class GenericContainer(list[Any]):
    """Shared by the three: the element type, conversion of added items, ``Contains``/``Clear``/``ToArray``."""

    __slots__ = ("element_type",)
    generic_name = ""

    def __init__(self, items: Any = (), element_type: PSType | None = None) -> None:
        super().__init__()
        self.element_type = element_type
        for item in items:
            self._add(self._convert(item))

    def __ps_type_name__(self) -> str:
        name = self.element_type.full_name if self.element_type is not None else "System.Object"
        return f"System.Collections.Generic.{self.generic_name}`1[{name}]"

    def _convert(self, value: Any) -> Any:
        return self.element_type.convert(value) if self.element_type is not None else value

    def _add(self, value: Any) -> None:
        self.append(value)

    def Contains(self, value: Any) -> bool:
        needle = self._convert(value)
        return any(type(item) is type(needle) and item == needle for item in self)

    def Clear(self) -> None:
        self.clear()

    def ToArray(self) -> list[Any]:
        from .pstype import TypedArray

        return TypedArray(self, self.element_type) if self.element_type is not None else list(self)


class GenericStack(GenericContainer):
    """``Stack[T]``: the top is element 0."""

    __slots__ = ()
    generic_name = "Stack"

    def _add(self, value: Any) -> None:
        self.insert(0, value)

    def Push(self, value: Any) -> None:
        self.insert(0, self._convert(value))

    def Pop(self) -> Any:
        if not self:
            raise invocation_failed("Pop", 0, "Stack empty.")
        return self.pop(0)

    def Peek(self) -> Any:
        if not self:
            raise invocation_failed("Peek", 0, "Stack empty.")
        return self[0]


class GenericQueue(GenericContainer):
    """``Queue[T]``: the head is element 0."""

    __slots__ = ()
    generic_name = "Queue"

    def Enqueue(self, value: Any) -> None:
        self.append(self._convert(value))

    def Dequeue(self) -> Any:
        if not self:
            raise invocation_failed("Dequeue", 0, "Queue empty.")
        return self.pop(0)

    def Peek(self) -> Any:
        if not self:
            raise invocation_failed("Peek", 0, "Queue empty.")
        return self[0]


class GenericHashSet(GenericContainer):
    """``HashSet[T]``: insertion order, no duplicates (strings compare case-sensitively, as the default comparer)."""

    __slots__ = ()
    generic_name = "HashSet"

    def _add(self, value: Any) -> None:
        if not self._has(value):
            self.append(value)

    def _has(self, value: Any) -> bool:
        return any(type(item) is type(value) and item == value for item in self)

    def Add(self, value: Any) -> bool:
        converted = self._convert(value)
        if self._has(converted):
            return False
        self.append(converted)
        return True

    def Remove(self, value: Any) -> bool:
        converted = self._convert(value)
        for index, item in enumerate(self):
            if type(item) is type(converted) and item == converted:
                del self[index]
                return True
        return False

    def _others(self, other: Any) -> list[Any]:
        items = as_items(other)
        return [self._convert(item) for item in (items if items is not None else [other])]

    def UnionWith(self, other: Any) -> None:
        for item in self._others(other):
            self._add(item)

    def ExceptWith(self, other: Any) -> None:
        for item in self._others(other):
            self.Remove(item)

    def IntersectWith(self, other: Any) -> None:
        keep = GenericHashSet(self._others(other), self.element_type)
        self[:] = [item for item in self if keep._has(item)]

    def IsSubsetOf(self, other: Any) -> bool:
        pool = GenericHashSet(self._others(other), self.element_type)
        return all(pool._has(item) for item in self)

    def IsSupersetOf(self, other: Any) -> bool:
        return all(self._has(item) for item in self._others(other))

    def Overlaps(self, other: Any) -> bool:
        return any(self._has(item) for item in self._others(other))

    def SetEquals(self, other: Any) -> bool:
        return self.IsSupersetOf(other) and self.IsSubsetOf(other)


class GenericContainerType(PSType):
    """The closed generic type: ``-is`` checks the class and element type; casts copy a collection."""

    def __init__(self, cls: type[GenericContainer], element: PSType) -> None:
        super().__init__(f"System.Collections.Generic.{cls.generic_name}`1[{element.full_name}]")
        self.cls, self.item_type, self.type_args = cls, element, (element,)

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, self.cls) and value.element_type is self.item_type

    def figure(self, value: Any) -> Converter:
        if self.is_instance(value):
            return lambda v: v
        return self._from_any

    def _from_any(self, value: Any) -> Any:
        if value is None:
            return None
        items = as_items(value)
        if items is None:
            raise invalid_cast(value, self.full_name)
        return self.cls(items, self.item_type)

    def new(self) -> GenericContainer:
        return self.cls((), self.item_type)


def generic_container_type(cls: type[GenericContainer]) -> Any:
    """The factory ``typenames`` registers for one generic definition."""
    return lambda element: GenericContainerType(cls, element)
