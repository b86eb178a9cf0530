"""Conversions to collection types: arrays, hashtables, ``[ordered]``, PSCustomObject, generic lists.

``[T[]]`` wraps a scalar and converts a collection element by element (a string
is one element, except for ``[char[]]``); ``[hashtable]`` copies any dictionary;
``[pscustomobject]`` turns a dictionary's entries into properties; the generic
``List[T]``/``Dictionary[K,V]`` and ``ArrayList`` are made from collections.

Public: :class:`ArrayType`, :class:`HashtableType`, :class:`OrderedType`,
:class:`CustomObjectType`, :class:`ListType`, :class:`DictionaryType`,
:class:`NullableType`, :class:`InterfaceType`, the value classes :class:`GenericList`,
:class:`ArrayList`, :class:`GenericDictionary`, and :func:`as_items` (a value's
elements when PowerShell enumerates it, else None).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..objects import Hashtable, OrderedDictionary, PSObject, find_adapter, to_ps_string
from ..objects.numeric import Char, Int64, Single
from .errors import invalid_cast
from .pstype import Converter, PSType, TypedArray

__all__ = [
    "ArrayList",
    "ArrayType",
    "CustomObjectType",
    "DictionaryType",
    "GenericDictionary",
    "GenericList",
    "HashtableType",
    "InterfaceType",
    "ListType",
    "NullableType",
    "OrderedType",
    "as_items",
]


_SCALARS = frozenset({str, int, float, bool, PSObject, dict, Hashtable, OrderedDictionary, Single, Int64})


def as_items(value: Any) -> list[Any] | None:
    """The elements PowerShell sees when it enumerates ``value`` (arrays, lists, sets, .NET
    collections), or None for a scalar (strings and dictionaries are scalars)."""
    kind = type(value)
    if kind is list or kind is tuple or kind is TypedArray:
        return list(value)
    if kind in _SCALARS or value is None or isinstance(value, str | Mapping | PSObject | int | float):
        return None
    if isinstance(value, list | tuple):
        return list(value)
    if isinstance(value, set | frozenset):
        return list(value)
    adapter = find_adapter(value)
    if adapter is not None and adapter.is_enumerable(value):
        return list(adapter.to_python(value))
    return None


class GenericList(list[Any]):
    """``System.Collections.Generic.List[T]``: a growable list with an element type."""

    __slots__ = ("element_type",)

    def __init__(self, items: Any = (), element_type: PSType | None = None) -> None:
        super().__init__(items)
        self.element_type = element_type

    def __ps_type_name__(self) -> str:
        name = self.element_type.full_name if self.element_type is not None else "System.Object"
        return f"System.Collections.Generic.List`1[{name}]"


class ArrayList(list[Any]):
    """``System.Collections.ArrayList``."""

    __slots__ = ()
    __ps_type_name__ = "System.Collections.ArrayList"


class GenericDictionary(Hashtable):
    """``System.Collections.Generic.Dictionary[K,V]``: keys compare as .NET's default comparer does
    (ordinal, so case-sensitive), unlike a Hashtable's."""

    __slots__ = ("key_type", "value_type")

    def __init__(self, data: Any = None, key_type: PSType | None = None, value_type: PSType | None = None) -> None:
        self.key_type, self.value_type = key_type, value_type
        super().__init__(data)

    @staticmethod
    def _fold(key: Any) -> Any:
        return key

    def __str__(self) -> str:
        return self.__ps_type_name__()

    def __ps_type_name__(self) -> str:
        key = self.key_type.full_name if self.key_type is not None else "System.Object"
        value = self.value_type.full_name if self.value_type is not None else "System.Object"
        return f"System.Collections.Generic.Dictionary`2[{key},{value}]"

    def copy(self) -> GenericDictionary:
        return GenericDictionary(self, self.key_type, self.value_type)


class ConcurrentDictionary(GenericDictionary):
    """``System.Collections.Concurrent.ConcurrentDictionary[K,V]``: a Dictionary[K,V] with the
    atomic Try*/GetOrAdd/AddOrUpdate methods (psbridge runs -Parallel blocks one at a time, so
    every method is trivially atomic)."""

    __slots__ = ()

    def __ps_type_name__(self) -> str:
        return "System.Collections.Concurrent.ConcurrentDictionary`2" + super().__ps_type_name__().partition("`2")[2]

    def copy(self) -> ConcurrentDictionary:
        return ConcurrentDictionary(self, self.key_type, self.value_type)


class ArrayType(PSType):
    """``T[]``: a scalar becomes a one-element array, a collection converts element by element."""

    def __init__(self, element: PSType) -> None:
        self.element = element
        super().__init__(element.full_name + "[]")

    @property
    def is_object_array(self) -> bool:
        return self.element is not None and self.element.full_name == "System.Object"

    @property
    def is_byte_array(self) -> bool:
        return self.element is not None and self.element.full_name == "System.Byte"

    def is_instance(self, value: Any) -> bool:
        if isinstance(value, bytes) and self.is_byte_array:
            return True  # Python's bytes is byte[] (kept whole: a file's content must not become ints)
        if isinstance(value, TypedArray):
            kind = value.element_type
            if kind is self.element:
                return True
            # Array covariance: a String[] is also an Object[] (reference-type elements only).
            return self.is_object_array and kind is not None and not kind.is_value_type
        return self.is_object_array and (type(value) is list or type(value) is tuple)

    def figure(self, value: Any) -> Converter:
        if value is None:
            return _none
        if self.is_instance(value) and (not self.is_object_array or type(value) is list):
            return _same
        if isinstance(value, bytearray | memoryview) and self.is_byte_array:
            return bytes
        if isinstance(value, str) and self.element is not None and self.element.full_name == "System.Char":
            return lambda text: self.make([Char(ch) for ch in text])
        return self._from_any

    def _from_any(self, value: Any) -> Any:
        element = self.element
        assert element is not None
        items = as_items(value)
        if items is None:
            items = [value]
        return self.make([element.convert(item) for item in items])

    def make(self, items: list[Any]) -> Any:
        return items if self.is_object_array else TypedArray(items, self.element)


def _none(_value: Any) -> None:
    return None


def _same(value: Any) -> Any:
    return value


class _DictionaryCopyType(PSType):
    """A dictionary type that any dictionary converts to by copying its entries."""

    python_class: type[Hashtable] = Hashtable

    def is_instance(self, value: Any) -> bool:
        return type(value) is self.python_class

    def figure(self, value: Any) -> Converter:
        if type(value) is self.python_class:
            return _same
        if value is None:
            return _none
        if isinstance(value, Mapping) and not isinstance(value, PSObject):
            return self.python_class
        return self.no_conversion


class HashtableType(_DictionaryCopyType):
    """``[hashtable]``: a copy of any dictionary (a ``dict`` from Python code counts)."""

    def __init__(self) -> None:
        super().__init__("System.Collections.Hashtable")


class OrderedType(_DictionaryCopyType):
    """``[ordered]`` (OrderedDictionary): keeps the order of the dictionary it is made from."""

    python_class = OrderedDictionary

    def __init__(self) -> None:
        super().__init__("System.Collections.Specialized.OrderedDictionary")


class CustomObjectType(PSType):
    """``[pscustomobject]``/``[psobject]``: a dictionary's entries become note properties;
    anything else is passed through (PowerShell wraps it in a PSObject)."""

    def __init__(self) -> None:
        super().__init__("System.Management.Automation.PSObject")

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, PSObject) or (isinstance(value, Mapping) and not isinstance(value, Hashtable))

    def figure(self, value: Any) -> Converter:
        if isinstance(value, Mapping) and not isinstance(value, PSObject):
            return _custom_object
        return _same

    def new(self) -> PSObject:
        """``[psobject]::new()``: an empty custom object (Add-Member gives it properties)."""
        return PSObject([])


def _custom_object(mapping: Mapping[Any, Any]) -> PSObject:
    """The entries as note properties, in order; a ``PSTypeName`` key with a string value is not a
    property but the object's first type name (LanguagePrimitives' SetObjectProperties)."""
    properties: list[tuple[str, Any]] = []
    type_names: list[str] = []
    for key, item in mapping.items():
        if isinstance(key, str) and isinstance(item, str) and key.casefold() == "pstypename":
            type_names.insert(0, item)
        else:
            properties.append((to_ps_string(key), item))
    made = PSObject(properties)
    for name in type_names:
        made.pstypenames.insert(0, name)
    return made


class ListType(PSType):
    """``List[T]`` and ``ArrayList``: made from a collection (or a scalar, as one element)."""

    def __init__(self, full_name: str, element: PSType | None, make: Callable[[list[Any]], Any]) -> None:
        super().__init__(full_name)
        self.item_type = element
        self.type_args = (element,) if element is not None else ()
        self._make = make

    def is_instance(self, value: Any) -> bool:
        if isinstance(value, GenericList):
            return self.item_type is not None and value.element_type is self.item_type
        return self.item_type is None and isinstance(value, ArrayList)

    def figure(self, value: Any) -> Converter:
        if value is None:
            return _none
        if self.is_instance(value):
            return _same
        return self._from_any

    def _from_any(self, value: Any) -> Any:
        items = as_items(value)
        if items is None:
            if isinstance(value, Mapping):
                raise invalid_cast(value, self.full_name)
            items = [value]
        if self.item_type is not None:
            items = [self.item_type.convert(item) for item in items]
        return self._make(items)


class DictionaryType(PSType):
    """``Dictionary[K,V]``: only an existing generic dictionary of the same types passes."""

    def __init__(self, key: PSType, value: PSType) -> None:
        super().__init__(f"System.Collections.Generic.Dictionary`2[{key.full_name},{value.full_name}]")
        self.type_args = (key, value)

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, GenericDictionary) and (value.key_type, value.value_type) == self.type_args

    def new(self) -> GenericDictionary:
        return GenericDictionary(None, *self.type_args)


class ConcurrentDictionaryType(DictionaryType):
    """``ConcurrentDictionary[K,V]``: made with ``::new()``; only such a dictionary of the same types passes."""

    def __init__(self, key: PSType, value: PSType) -> None:
        PSType.__init__(
            self, f"System.Collections.Concurrent.ConcurrentDictionary`2[{key.full_name},{value.full_name}]"
        )
        self.type_args = (key, value)

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, ConcurrentDictionary) and (value.key_type, value.value_type) == self.type_args

    def new(self) -> ConcurrentDictionary:
        return ConcurrentDictionary(None, *self.type_args)


class NullableType(PSType):
    """``Nullable[T]``: ``$null`` stays null, anything else converts to T."""

    is_value_type = True

    def __init__(self, underlying: PSType) -> None:
        super().__init__(f"System.Nullable`1[{underlying.full_name}]")
        self.type_args = (underlying,)

    def is_instance(self, value: Any) -> bool:
        return self.type_args[0].is_instance(value)

    def figure(self, value: Any) -> Converter:
        if value is None:
            return _none
        return self.type_args[0].convert

    def accepts_null_uncoerced(self) -> bool:
        return True


class InterfaceType(PSType):
    """An interface or abstract type (``[System.Collections.IDictionary]``, ``[array]``, ``[ValueType]``):
    answers ``-is`` by a predicate; a value that is an instance passes a cast unchanged."""

    def __init__(self, full_name: str, predicate: Callable[[Any], bool], *, is_value_type: bool = False) -> None:
        super().__init__(full_name)
        self._predicate = predicate
        self.is_value_type = is_value_type

    def is_instance(self, value: Any) -> bool:
        return value is not None and self._predicate(value)

    def figure(self, value: Any) -> Converter:
        if value is None and not self.is_value_type:
            return _none
        return super().figure(value)
