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
from .errors import RuntimeException, invalid_cast
from .pstype import Converter, PSType

__all__ = [
    "STRING_COMPARERS",
    "GenericContainer",
    "GenericHashSet",
    "GenericQueue",
    "GenericStack",
    "StringComparer",
    "generic_container_type",
]


_MISSING: Any = object()


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


class StringComparer:
    """System.StringComparer's ordinal and culture comparers (psbridge compares strings ordinally
    under any culture): what ``HashSet[string]::new($items, [StringComparer]::OrdinalIgnoreCase)`` takes."""

    __ps_type_name__ = "System.StringComparer"
    __slots__ = ("ignore_case", "kind")

    def __init__(self, kind: str, ignore_case: bool) -> None:
        self.kind = kind
        self.ignore_case = ignore_case

    def key(self, value: Any) -> Any:
        return value.casefold() if self.ignore_case and isinstance(value, str) else value

    def Equals(self, left: Any, right: Any = _MISSING) -> bool:
        if right is _MISSING:  # Object.Equals(other)
            return left is self
        return bool(type(left) is type(right) and self.key(left) == self.key(right))

    def Compare(self, left: Any, right: Any) -> int:
        a, b = self.key(left), self.key(right)
        return (a > b) - (a < b)

    def GetHashCode(self, value: Any = _MISSING) -> int:
        return hash(self) if value is _MISSING else hash(self.key(value))

    def __str__(self) -> str:
        return f"System.{self.kind}{'IgnoreCase' if self.ignore_case else ''}Comparer"


#: [StringComparer]::Ordinal, ::OrdinalIgnoreCase, ::InvariantCulture ... (culture comparers compare
#: ordinally here: psbridge has no collation tables).
STRING_COMPARERS = {
    f"{kind.casefold()}{'ignorecase' if ignore else ''}": StringComparer(kind, ignore)
    for kind in ("Ordinal", "InvariantCulture", "CurrentCulture")
    for ignore in (False, True)
}


class GenericHashSet(GenericContainer):
    """``HashSet[T]``: insertion order, no duplicates (strings compare case-sensitively, as the
    default comparer, or as the StringComparer the constructor was given)."""

    __slots__ = ("comparer",)
    generic_name = "HashSet"

    def __init__(self, items: Any = (), element_type: PSType | None = None, comparer: Any = None) -> None:
        self.comparer = comparer if isinstance(comparer, StringComparer) else None
        super().__init__(items, element_type)

    def _add(self, value: Any) -> None:
        if not self._has(value):
            self.append(value)

    def _same(self, item: Any, value: Any) -> bool:
        if type(item) is not type(value):
            return False
        return self.comparer.key(item) == self.comparer.key(value) if self.comparer is not None else item == value

    def _has(self, value: Any) -> bool:
        return any(self._same(item, value) for item in self)

    @property
    def Comparer(self) -> Any:
        return self.comparer

    def Contains(self, value: Any) -> bool:
        return self._has(self._convert(value))

    def Add(self, value: Any) -> bool:
        converted = self._convert(value)
        if self._has(converted):
            return False
        self.append(converted)
        return True

    def Remove(self, value: Any) -> bool:
        converted = self._convert(value)
        for index, item in enumerate(self):
            if self._same(item, converted):
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
        keep = GenericHashSet(self._others(other), self.element_type, self.comparer)
        self[:] = [item for item in self if keep._has(item)]

    def IsSubsetOf(self, other: Any) -> bool:
        pool = GenericHashSet(self._others(other), self.element_type, self.comparer)
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

    def construct(self, *args: Any) -> GenericContainer:
        """``::new(...)`` by .NET's overloads: (), (collection), (capacity), and for HashSet also
        (comparer), (collection, comparer), (capacity, comparer); any other count has no overload."""
        hash_set = self.cls is GenericHashSet
        comparer = args[-1] if hash_set and args and isinstance(args[-1], StringComparer) else None
        rest = args[:-1] if comparer is not None else args
        if len(rest) > 1 or len(args) > (2 if hash_set else 1):
            raise RuntimeException(
                f'Cannot find an overload for "new" and the argument count: "{len(args)}".',
                error_id="MethodCountCouldNotFindBest",
            )
        items: Any = ()
        if rest and not (isinstance(rest[0], int) and not isinstance(rest[0], bool)):  # a capacity makes it empty
            items = as_items(rest[0])
            if items is None:
                raise invalid_cast(rest[0], self.full_name)
        if hash_set:
            return GenericHashSet(items, self.item_type, comparer)
        return self.cls(items, self.item_type)


def generic_container_type(cls: type[GenericContainer]) -> Any:
    """The factory ``typenames`` registers for one generic definition."""
    return lambda element: GenericContainerType(cls, element)
