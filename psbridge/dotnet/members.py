"""Types and members psbridge does not implement, answered by the loaded .NET runtime.

When a script names ``[System.Web.HttpUtility]`` or calls ``[math]::BigMul`` and
psbridge has no Python implementation, PowerShell's answer is whatever .NET says;
with a runtime loaded (``load_dotnet()``) psbridge asks it.  Three hooks, registered
when this package is imported:

* a type resolver: a type name psbridge does not know is looked up in the loaded
  assemblies (case-insensitively, also under ``System.``) and becomes a
  :class:`DotNetType` (casts, ``-is``, ``::new``, statics);
* a static fallback: ``[T]::Member`` psbridge lacks, read or called on T's class;
* a member fallback: ``$x.Method()`` psbridge lacks, on a .NET object (found
  case-insensitively, as PowerShell finds it) or on a string or number (called
  on the equivalent System.String/Int32/Double by reflection).

.NET exceptions become MethodInvocationException with .NET's message; no overload
for the argument count is MethodCountCouldNotFindBest.  Lookups are cached per
type: reflection on Mono costs tens of microseconds a call.
"""

from __future__ import annotations

import decimal
import importlib
import sys
import threading
from collections.abc import Callable
from typing import Any

from ..conversion import MethodInvocationError, PSType, invalid_cast
from ..conversion.member_args import no_overload
from .convert import is_dotnet

__all__ = ["DotNetType", "dotnet_member", "dotnet_static", "resolve_dotnet_type"]

_lock = threading.Lock()
_TYPES: dict[str, DotNetType | None] = {}
_MEMBERS: dict[tuple[type, str], str | None] = {}


class DotNetType(PSType):
    """A .NET type psbridge has no Python model of: values stay .NET objects."""

    def __init__(self, clr_type: Any, proxy: Any) -> None:
        super().__init__(str(clr_type.FullName))
        self.clr_type = clr_type
        self.proxy = proxy
        self.is_value_type = bool(clr_type.IsValueType)

    def is_instance(self, value: Any) -> bool:
        return is_dotnet(value) and bool(self.clr_type.IsInstanceOfType(value))

    def figure(self, value: Any) -> Callable[[Any], Any]:
        if self.is_instance(value):
            return lambda v: v
        return self._construct_from

    def _construct_from(self, value: Any) -> Any:
        """A cast PowerShell would do by a one-argument constructor (``[Uri]"..."`` style); an enum
        takes a member's name in any case (flags as ``"A, B"``) or a number, as
        LanguagePrimitives converts to enums."""
        if value is None:
            if not self.is_value_type:
                return None
            raise invalid_cast(value, self.full_name)
        if bool(self.clr_type.IsEnum) and isinstance(value, str | int) and not isinstance(value, bool):
            import System

            try:
                if isinstance(value, str):
                    return System.Enum.Parse(self.clr_type, value.strip(), True)
                return System.Enum.ToObject(self.clr_type, value)
            except Exception:
                raise invalid_cast(value, self.full_name) from None
        try:
            return self.proxy(value)
        except Exception:
            raise invalid_cast(value, self.full_name) from None

    def construct(self, *args: Any) -> Any:
        """``[T]::new(args)``."""
        return _call(self.proxy, ".ctor" if args else "new", args)


def _clr() -> Any:
    import clr

    return clr


def _find_clr_type(name: str) -> Any:
    """The System.Type named ``name`` (or ``System.name``) in any loaded assembly; None if none."""
    import System

    for candidate in (name, f"System.{name}"):
        found = System.Type.GetType(candidate, False, True)
        if found is not None:
            return found
        for assembly in System.AppDomain.CurrentDomain.GetAssemblies():
            try:
                found = assembly.GetType(candidate, False, True)
            except Exception:  # a dynamic or broken assembly: keep looking
                found = None
            if found is not None:
                return found
    return None


def _proxy(clr_type: Any) -> Any:
    """pythonnet's Python class for a System.Type (namespace module, then the class)."""
    if clr_type.IsGenericTypeDefinition or clr_type.IsNested or not clr_type.Namespace:
        return None
    try:
        module = importlib.import_module(str(clr_type.Namespace))
        return getattr(module, str(clr_type.Name))
    except (ImportError, AttributeError):
        return None


def resolve_dotnet_type(name: str) -> PSType | None:
    """The type resolver: a :class:`DotNetType` for a name in a loaded assembly."""
    if "clr" not in sys.modules:
        return None
    key = name.casefold()
    if key in _TYPES:
        return _TYPES[key]
    with _lock:
        clr_type = _find_clr_type(name)
        proxy = _proxy(clr_type) if clr_type is not None else None
        found = DotNetType(clr_type, proxy) if proxy is not None else None
        _TYPES[key] = found
    return found


def _exact_name(owner: Any, name: str) -> str | None:
    """A member's exact spelling on a pythonnet class, matched case-insensitively (cached per class)."""
    key = (owner if isinstance(owner, type) else type(owner), name.casefold())
    if key in _MEMBERS:
        return _MEMBERS[key]
    exact = name if hasattr(owner, name) else None
    if exact is None:
        exact = next((a for a in dir(owner) if a.casefold() == key[1] and not a.startswith("_")), None)
    _MEMBERS[key] = exact
    return exact


def _net_message(error: BaseException) -> str:
    message = getattr(error, "Message", None)
    return str(message) if message is not None else str(error)


def _call(member: Any, name: str, args: tuple[Any, ...]) -> Any:
    try:
        return member(*args)
    except TypeError as error:
        if "No method matches" in str(error) or "argument" in str(error):
            raise no_overload(name, len(args)) from None
        raise MethodInvocationError(name, len(args), str(error)) from None
    except Exception as error:
        raise MethodInvocationError(name, len(args), _net_message(error)) from None


class _Method:
    """A bound .NET method as the static table stores it: called with PowerShell's error mapping."""

    def __init__(self, member: Any, name: str) -> None:
        self.member, self.name = member, name

    def __call__(self, *args: Any) -> Any:
        return _call(self.member, self.name, args)


def _proxy_for(ps_type: PSType) -> Any:
    if isinstance(ps_type, DotNetType):
        return ps_type.proxy
    found = resolve_dotnet_type(ps_type.full_name)
    return found.proxy if isinstance(found, DotNetType) else None


def dotnet_static(ps_type: PSType, name: str) -> tuple[bool, Any]:
    """The static fallback: ``[T]::name`` on T's .NET class (a property's value, or a callable)."""
    proxy = _proxy_for(ps_type)
    if proxy is None:
        return False, None
    if name.casefold() == "new":
        return True, _Method(proxy, "new")
    exact = _exact_name(proxy, name)
    if exact is None:
        return False, None
    member = getattr(proxy, exact)
    if callable(member) and not isinstance(member, type):
        return True, _Method(member, exact)
    return True, member


_PRIMITIVES: dict[type, str] = {
    str: "String", int: "Int32", float: "Double", bool: "Boolean", decimal.Decimal: "Decimal",
}  # fmt: skip


def dotnet_member(target: Any, name: str, args: tuple[Any, ...]) -> tuple[bool, Any]:
    """The member fallback: ``target.name(args)`` on a .NET object, or on a string or number's .NET twin."""
    if is_dotnet(target):
        exact = _exact_name(target, name)
        if exact is None:
            return False, None
        member = getattr(target, exact)
        if not callable(member):
            return False, None
        return True, _call(member, exact, args)
    twin = next((n for kind, n in _PRIMITIVES.items() if type(target) is kind), None)
    if twin is None:
        return False, None
    return _reflect(twin, target, name, args)


def _reflect(twin: str, target: Any, name: str, args: tuple[Any, ...]) -> tuple[bool, Any]:
    import System

    clr_type = System.Type.GetType(f"System.{twin}")
    candidates = [
        m for m in clr_type.GetMethods()
        if str(m.Name).casefold() == name.casefold() and not m.IsStatic and m.GetParameters().Length == len(args)
    ]  # fmt: skip
    if not candidates:
        return False, None
    arguments = System.Array[System.Object](list(args))
    last: BaseException | None = None
    for method in candidates:
        try:
            return True, method.Invoke(target, arguments)
        except Exception as error:  # a wrong overload (ArgumentException) or the method's own exception
            last = getattr(error, "InnerException", None) or error
    if last is not None and "ArgumentException" not in type(last).__name__:
        raise MethodInvocationError(name, len(args), _net_message(last))
    raise no_overload(name, len(args))
