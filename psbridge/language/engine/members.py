"""Members and indexes: what ``$x.Name``, ``$x.Name = v``, ``$x.M(args)`` and ``$x[i]`` do.

PowerShell reads members through adapters: a hashtable's keys win over its .NET
properties (``@{Keys=1}.Keys`` is 1), a PSCustomObject answers with its note
properties, a .NET object with its properties (psbridge's implementations of
String, DateTime, Match ... in :mod:`psbridge.conversion.methods`), a Python object
with its public attributes, any object has the intrinsic ``Count``/``Length`` (1, or
0 for ``$null``), and a collection that lacks the member *enumerates* it:
``$threads.id`` is every thread's id.  A missing member is ``$null`` (an error under
``Set-StrictMode -Version 2`` and later); a missing method is MethodNotFound.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...conversion import MethodNotFoundError, PSType, RuntimeException, as_items, to_string
from ...conversion.methods import (
    foreach_method,
    get_property,
    invoke_method,
    is_hashable,
    is_void_method,
    where_method,
)
from ...conversion.script_types import ScriptClassType, ScriptObject
from ...errors import ErrorCategory
from ...objects import Hashtable, PSObject, dotnet_type_name, find_adapter, type_names_of
from ...objects.hashtable import OrderedDictionary
from ...objects.members import EXTENDED_TYPES, ComputedProperty, extension_of, register_member_reader
from ...objects.numeric import Char
from .values import collapse

__all__ = [
    "get_index",
    "get_member",
    "get_static_member",
    "invoke_member",
    "invoke_static_member",
    "is_void_call",
    "set_index",
    "set_member",
]

_COLLECTION_PROPERTIES = frozenset({"count", "length", "longlength"})
_MISSING: Any = object()


def _strict_missing_property(value: Any, name: str) -> RuntimeException:
    return RuntimeException(
        f"The property '{name}' cannot be found on this object. Verify that the property exists.",
        error_id="PropertyNotFoundStrict",
        category=ErrorCategory.NotSpecified,
        target_object=name,
    )


def _python_attribute(value: Any, name: str) -> Any:
    """A public attribute of a Python object, matched case-insensitively; _MISSING if none."""
    if name.startswith("_"):
        return _MISSING
    attribute = getattr(value, name, _MISSING)
    if attribute is _MISSING:
        folded = name.casefold()
        candidates = [c for c in dir(type(value)) + list(getattr(value, "__dict__", ())) if not c.startswith("_")]
        # PowerShell's PascalCase name, or the snake_case spelling of it (IsPresent -> is_present).
        for candidate in candidates:
            if candidate.casefold() == folded:
                return getattr(value, candidate, _MISSING)
        for candidate in candidates:
            if "_" in candidate and candidate.replace("_", "").casefold() == folded:
                return getattr(value, candidate, _MISSING)
    return attribute


def _exception_property(value: BaseException, folded: str) -> Any:
    if folded == "message":
        return getattr(value, "message", None) or str(value) or type(value).__name__
    if folded == "innerexception":
        inner = getattr(value, "inner_exception", None)
        return inner if inner is not None else value.__cause__
    if folded == "errorrecord":
        return getattr(value, "error_record", None)
    return _MISSING


def own_member(value: Any, name: str) -> tuple[bool, Any]:
    """``(found, value)`` of a member of one object (no member enumeration)."""
    folded = name.casefold()
    if type(value) in EXTENDED_TYPES:
        extension = extension_of(value)
        if extension is not None:
            member = extension._props.get(folded)
            if member is not None:
                return True, member[1].get(value) if isinstance(member[1], ComputedProperty) else member[1]
            if folded == "pstypenames":
                return True, extension.pstypenames
    if isinstance(value, Hashtable):
        if name in value:
            return True, value[name]
        if name.isdigit() and name.isascii() and int(name) in value:
            return True, value[int(name)]  # $hash.1 is the key 1, a number (about_Hash_Tables)
        return value.net_property(name)
    if isinstance(value, ScriptClassType) and value.has_static_property(name):
        return True, value.get_static(name)
    if isinstance(value, PSObject):
        found, result = value.find_property(name)
        if found:
            return found, result
        if folded == "psobject":
            return True, value
        return (True, value.pstypenames) if folded == "pstypenames" else (False, None)
    if isinstance(value, Mapping):
        for key, item in value.items():
            if isinstance(key, str) and key.casefold() == folded:
                return True, item
        return (True, len(value)) if folded == "count" else (False, None)
    found, result = get_property(value, name)
    if found:
        return found, result
    if isinstance(value, str | int | float | bool):
        return False, None
    if isinstance(value, BaseException):
        result = _exception_property(value, folded)
        if result is not _MISSING:
            return True, result
    adapter = find_adapter(value)
    if adapter is not None:
        return adapter.find_property(value, name)
    attribute = _python_attribute(value, name)
    if attribute is _MISSING:
        return False, None
    if not callable(attribute) or isinstance(attribute, PSType) or _is_property(value, name):
        return True, attribute
    return False, None


def _is_property(value: Any, name: str) -> bool:
    """Whether ``name`` is a Python property of the value's class: a .NET property even when what
    it returns can be called (``$_.InvocationInfo.MyCommand`` is a CommandInfo)."""
    folded = name.casefold()
    return any(
        isinstance(attribute, property) and key.casefold() == folded
        for cls in type(value).__mro__
        for key, attribute in vars(cls).items()
    )


def _strict(scope: Any) -> int:
    return scope.strict_version if scope is not None else 0


def get_member(value: Any, name: str, scope: Any = None) -> Any:
    """``value.name`` as PowerShell evaluates it (``scope`` says whether strict mode is on)."""
    if value is None:
        if name.casefold() in _COLLECTION_PROPERTIES and name.casefold() != "longlength":
            return 0
        if _strict(scope) >= 2:
            raise _strict_missing_property(value, name)
        return None
    items = as_items(value) if not isinstance(value, str | Mapping | PSObject | int | float) else None
    if items is not None and type(value) in EXTENDED_TYPES:
        found, result = own_member(value, name)
        if found:
            return result
    if items is not None:
        folded = name.casefold()
        # a List has Count, not Length: $list.Length is each item's (member-access enumeration)
        listed_length = folded in ("length", "longlength") and _is_list(value)
        if folded in _COLLECTION_PROPERTIES and not listed_length:
            return len(items)
        found, result = get_property(value, name) if not listed_length else (False, None)
        if found:
            return result
        results: list[Any] = []
        _enumerate_member(items, name, results)
        if not results and _strict(scope) >= 2:
            raise _strict_missing_property(value, name)
        return collapse(results)
    found, result = own_member(value, name)
    if found:
        return result
    folded = name.casefold()
    if folded in ("count", "length"):
        return 1
    if folded == "pstypenames":
        return type_names_of(value)
    if _strict(scope) >= 2:
        raise _strict_missing_property(value, name)
    return None


def _is_list(value: Any) -> bool:
    """List[T] and ArrayList: collections without an array's Length."""
    from ...conversion.collections import ArrayList, GenericList

    return isinstance(value, GenericList | ArrayList)


def _enumerate_member(items: list[Any], name: str, results: list[Any]) -> None:
    """Member enumeration: each item's member, flattened one level."""
    for item in items:
        nested = as_items(item) if not isinstance(item, str | Mapping | PSObject | int | float) else None
        if nested is not None:
            _enumerate_member(nested, name, results)
            continue
        found, result = own_member(item, name)
        if found:
            more = as_items(result) if not isinstance(result, str | Mapping | PSObject) else None
            results.extend(more if more is not None else [result])


def set_member(target: Any, name: str, value: Any) -> None:
    """``target.name = value``."""
    if target is None:
        raise RuntimeException(
            f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
            error_id="PropertyAssignmentException",
            category=ErrorCategory.InvalidOperation,
        )
    if isinstance(target, ScriptClassType):
        target.set_static(name, value)
        return
    if type(target) in EXTENDED_TYPES:
        extension = extension_of(target)
        member = extension._props.get(name.casefold()) if extension is not None else None
        if member is not None:
            if isinstance(member[1], ComputedProperty):
                member[1].set(target, value)
            else:
                extension[name] = value
            return
    if isinstance(target, Hashtable | PSObject):
        if isinstance(target, PSObject) and name not in target:
            raise _cannot_set(name)
        target[name] = value
        return
    if isinstance(target, dict):
        target[name] = value
        return
    attribute = _python_attribute(target, name)
    if attribute is _MISSING or callable(attribute) or isinstance(target, str | int | float | list | tuple):
        raise _cannot_set(name)
    folded = name.casefold()
    actual = next((a for a in dir(target) if a.casefold() == folded and not a.startswith("_")), name)
    try:
        setattr(target, actual, value)
    except (AttributeError, TypeError) as error:
        raise RuntimeException(f"'{name}' is a ReadOnly property.", error_id="PropertyAssignmentException") from error


def _cannot_set(name: str) -> RuntimeException:
    return RuntimeException(
        f"The property '{name}' cannot be found on this object. Verify that the property exists and can be set.",
        error_id="PropertyNotFound",
        category=ErrorCategory.InvalidOperation,
    )


# -- methods ---------------------------------------------------------------------------------------
def invoke_member(target: Any, name: str, args: list[Any], call_block: Callable[..., Any] | None = None) -> Any:
    """``target.name(args)``; ``call_block(block, item)`` runs a script block with ``$_`` set
    (for the intrinsic ``.Where()`` and ``.ForEach()``)."""
    folded = name.casefold()
    if folded in ("where", "foreach") and call_block is not None:
        if isinstance(target, PSObject):
            # a custom object's own ScriptMethod of that name wins; else the intrinsic method
            own = _MISSING if target.find_method(folded) is None else None
        else:
            own = _python_attribute(target, name) if not isinstance(target, list | tuple | Mapping) else _MISSING
        if own is _MISSING:
            return _intrinsic(target, folded, args, call_block)
    if target is None:
        raise RuntimeException("You cannot call a method on a null-valued expression.", error_id="InvokeMethodOnNull")
    if isinstance(target, ScriptObject):
        return _script_method(target, name, args)
    method = _added_method(target, folded)
    if method is not None:
        return method.invoke(target, args)
    if type(target).__module__ in _PLAIN_MODULES or isinstance(target, Hashtable | list | tuple):
        # psbridge's arrays and lists (Int32[], List[T], ArrayList) are Python lists: their .NET
        # methods are the member tables', never list.remove or list.clear of the same name
        if not isinstance(target, list | tuple):
            return invoke_method(target, name, args)
        try:
            return invoke_method(target, name, args)
        except MethodNotFoundError:
            # a method the collection lacks is called on each item (about_Member-Access_Enumeration)
            return collapse(_enumerate_method(target, name, args, call_block))
    attribute = _python_attribute(target, name)
    if callable(attribute) and not isinstance(attribute, PSType):
        return attribute(*args)
    return invoke_method(target, name, args)


def _enumerate_method(items: Any, name: str, args: list[Any], call_block: Callable[..., Any] | None) -> list[Any]:
    """Member-access enumeration of a method: called on each item (nested collections too, $null
    items skipped), the results flattened; the first item without it is the MethodNotFound error."""
    results: list[Any] = []
    for item in items:
        if item is None:
            continue
        nested = as_items(item) if not isinstance(item, str | Mapping | PSObject | int | float) else None
        if nested is not None:
            results.extend(_enumerate_method(nested, name, args, call_block))
            continue
        result = invoke_member(item, name, args, call_block)
        if result is None and is_void_call(item, name, static=False):
            continue
        more = as_items(result) if not isinstance(result, str | Mapping | PSObject) else None
        results.extend(more if more is not None else [result])
    return results


def _added_method(target: Any, folded: str) -> Any:
    """A ScriptMethod Add-Member gave ``target``, or None."""
    if isinstance(target, PSObject):
        return target.find_method(folded)
    if type(target) in EXTENDED_TYPES:
        extension = extension_of(target)
        return extension.find_method(folded) if extension is not None else None
    return None


#: Values whose .NET methods psbridge implements in its member tables (conversion.methods).
_PLAIN_MODULES = frozenset({"builtins", "datetime", "decimal", "uuid"})


def is_void_call(target: Any, name: str, static: bool) -> bool:
    """Whether ``target.name()`` (``[T]::name()`` when ``static``), which returned None, is a
    ``void`` method, so that its call statement writes nothing."""
    if static and isinstance(target, PSType):
        if isinstance(target, ScriptClassType):
            return target.has_void_method(name, static=True)
        from ...conversion.statics import is_void_static  # the static member tables: on first use

        return is_void_static(target, name)
    if isinstance(target, ScriptObject):
        return target.script_class.has_void_method(name, static=False)
    return target is not None and is_void_method(target, name)


def _script_method(target: ScriptObject, name: str, args: list[Any]) -> Any:
    """A method of a script class's instance: the class's own (most derived first), else the
    members every .NET object has."""
    cls = target.script_class
    if cls.find_methods(name, static=False):
        return cls.invoke_method(target, name, args)
    folded = name.casefold()
    if not args:
        if folded == "gettype":
            return cls
        if folded == "tostring":
            return target.ps_to_string()
        if folded == "gethashcode":
            return id(target) & 0x7FFFFFFF
    elif folded == "equals" and len(args) == 1:
        return target is args[0]
    raise MethodNotFoundError(cls.full_name, name)


def _intrinsic(target: Any, folded: str, args: list[Any], call_block: Callable[..., Any]) -> Any:
    if not args:
        raise RuntimeException(
            f'Cannot find an overload for "{folded}" and the argument count: "0".',
            error_id="MethodCountCouldNotFindBest",
        )
    action = args[0]
    if folded == "where":
        mode = to_string(args[1]) if len(args) > 1 else "Default"
        count = int(args[2]) if len(args) > 2 else 0
        return where_method(target, lambda item: call_block(action, item), mode, count)
    if callable(getattr(action, "invoke_with_underbar", None)):
        return foreach_method(target, lambda item: call_block(action, item, *args[1:]))
    if len(args) > 1 and not callable(action) and not isinstance(action, PSType):
        return _foreach_member(target, to_string(action), args[1:])
    return foreach_method(target, action, *args[1:])


def _foreach_member(target: Any, name: str, arguments: list[Any]) -> list[Any]:
    """``.ForEach('Name', args)``: on each item, a property of that name is set (to the one
    argument, or to all of them as an array) and a method of that name is called with them
    (EnumerableOps.ForEach; a hashtable's key is set, never a method called)."""
    from ...objects import property_lookup

    items = as_items(target)
    if items is None:
        items = [] if target is None else [target]
    value = arguments[0] if len(arguments) == 1 else list(arguments)
    results: list[Any] = []
    for item in items:
        if isinstance(item, Hashtable):
            item[name] = value
            continue
        if item is None:
            raise RuntimeException(
                f'Exception calling "{name}" with "{len(arguments)}" argument(s): '
                '"Object reference not set to an instance of an object."',
                error_id="NullReferenceException",
            )
        found, _current = property_lookup(item)(name)
        if not found:
            found, _current = get_property(item, name)
        if found and not callable(_current):
            set_member(item, name, value)
            continue
        result = invoke_member(item, name, list(arguments))
        more = as_items(result)
        results.extend(more if more is not None else ([] if result is None else [result]))
    return results


class StaticMethodValue:
    """``[C]::Method`` without a call: the method as a value (PowerShell's PSMethod) that
    ``-replace`` and other callers may call, and that prints its name."""

    __ps_type_name__ = "System.Management.Automation.PSMethod"
    __slots__ = ("name", "owner")

    def __init__(self, owner: ScriptClassType, name: str) -> None:
        self.owner = owner
        self.name = name

    def __call__(self, *args: Any) -> Any:
        return self.owner.invoke_static(self.name, list(args))

    def Invoke(self, *args: Any) -> Any:
        return self(*args)

    def __str__(self) -> str:
        return f"static {self.owner.full_name}::{self.name}"


def get_static_member(ps_type: PSType, name: str) -> Any:
    if isinstance(ps_type, ScriptClassType) and ps_type.has_static_property(name):
        return ps_type.get_static(name)
    if isinstance(ps_type, ScriptClassType) and ps_type.find_methods(name, static=True):
        return StaticMethodValue(ps_type, name)
    from ...conversion.statics import get_static  # the static member tables load on first use

    return get_static(ps_type, name)


def invoke_static_member(ps_type: PSType, name: str, args: list[Any]) -> Any:
    if isinstance(ps_type, ScriptClassType):
        return ps_type.invoke_static(name, args)
    if name.casefold() == "create" and callable(getattr(ps_type, "create", None)):
        return ps_type.create(*args)  # type: ignore[attr-defined]  # [scriptblock]::Create(text)
    from ...conversion.statics import invoke_static  # the static member tables load on first use

    return invoke_static(ps_type, name, args)


# -- indexes ---------------------------------------------------------------------------------------
def get_index(target: Any, index: Any, scope: Any = None) -> Any:
    """``target[index]``: arrays by position (negative from the end), dictionaries by key."""
    if target is None:
        raise RuntimeException("Cannot index into a null array.", error_id="NullArray")
    if isinstance(target, Hashtable | dict):
        keys = as_items(index)
        if keys is not None:
            return [get_index(target, key, scope) for key in keys]
        if type(index) is int and isinstance(target, OrderedDictionary):
            # an OrderedDictionary's Item(int index): $d[1] is the second value (about_Hash_Tables)
            values = list(target.values())
            return values[index] if 0 <= index < len(values) else None
        return _key(target, index)
    keys = as_items(index)
    if keys is not None:
        return [get_index(target, key, scope) for key in keys]
    if isinstance(target, str):
        position = _array_position(index, target, scope)
        if position is None:
            return None
        if -len(target) <= position < len(target):
            return Char(target[position])
        return _out_of_range(scope)
    items = as_items(target) if not isinstance(target, PSObject) else None
    if items is not None:
        position = _array_position(index, target, scope)
        if position is None:
            return None
        if -len(items) <= position < len(items):
            return items[position]
        return _out_of_range(scope)
    indexer = getattr(target, "__getitem__", None)
    if indexer is not None and not isinstance(target, PSObject):
        try:
            return indexer(index)
        except (KeyError, IndexError, TypeError):
            return None
    position = _position(index, target)
    if position in (0, -1):
        return target  # a scalar is a one-element collection
    if isinstance(target, PSObject) or _strict(scope) >= 2:  # ArrayOps.GetNonIndexable
        raise RuntimeException(
            f"Unable to index into an object of type {dotnet_type_name(target)}.", error_id="CannotIndex"
        )
    return None


def _key(table: Any, key: Any) -> Any:
    if not is_hashable(key):
        return None
    return table.get(key)


class IndexOutOfRangeError(RuntimeException):
    """.NET's IndexOutOfRangeException, which Array.GetValue raises past the bounds under
    ``Set-StrictMode -Version 3`` (ArrayOps.GetMDArrayValue lets it through)."""

    dotnet_exception_type = "System.IndexOutOfRangeException"
    default_error_id = "System.IndexOutOfRangeException"
    default_category = ErrorCategory.OperationStopped


def _out_of_range(scope: Any) -> Any:
    if _strict(scope) >= 3:
        raise IndexOutOfRangeError("Index was outside the bounds of the array.")
    return None


def _array_position(index: Any, target: Any, scope: Any) -> int | None:
    """An array index as a position; one that does not convert is ``$null`` unless strict mode
    version 3 lets the conversion error through."""
    try:
        return _position(index, target)
    except RuntimeException:
        if _strict(scope) >= 3:
            raise
        return None


def _position(index: Any, target: Any) -> int:
    if isinstance(index, bool):
        return int(index)
    if isinstance(index, int):
        return index
    if isinstance(index, float) and index.is_integer():
        return int(index)
    from ...conversion import convert_to

    try:
        return int(convert_to(index, "int"))
    except RuntimeException:
        if isinstance(target, PSObject):
            raise RuntimeException(
                f"Unable to index into an object of type {dotnet_type_name(target)}.", error_id="CannotIndex"
            ) from None
        raise


def set_index(target: Any, index: Any, value: Any) -> None:
    """``target[index] = value``."""
    if target is None:
        raise RuntimeException("Cannot index into a null array.", error_id="NullArray")
    if isinstance(target, Hashtable | dict | PSObject):
        if isinstance(target, PSObject):
            raise RuntimeException(
                f"Unable to index into an object of type {dotnet_type_name(target)}.", error_id="CannotIndex"
            )
        target[index] = value
        return
    if isinstance(target, list):
        position = _position(index, target)
        if not -len(target) <= position < len(target):
            raise RuntimeException(
                "Index was outside the bounds of the array.", error_id="IndexOutOfRange", target_object=index
            )
        element = getattr(target, "element_type", None)
        target[position] = element.convert(value) if element is not None else value
        return
    setter = getattr(target, "__setitem__", None)
    if setter is None or isinstance(target, str | tuple):
        raise RuntimeException(
            f"Unable to index into an object of type {dotnet_type_name(target)}.", error_id="CannotIndex"
        )
    setter(index, value)


register_member_reader(own_member)
