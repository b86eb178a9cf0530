"""A seam for foreign object systems (.NET through pythonnet).

The object model must not import pythonnet: most users never load a .NET
runtime.  Instead an adapter registers itself here when it is loaded, and the
binder asks :func:`find_adapter` only for values it does not already know.
Detection is cheap: no adapter can apply unless ``clr`` is already imported.
"""

from __future__ import annotations

import sys
from typing import Any, Protocol

__all__ = ["ObjectAdapter", "find_adapter", "foreign_runtime_loaded", "register_adapter"]


class ObjectAdapter(Protocol):
    def handles(self, value: Any) -> bool: ...

    def type_names(self, value: Any) -> list[str]: ...

    def find_property(self, value: Any, name: str) -> tuple[bool, Any]: ...

    def to_ps_string(self, value: Any) -> str: ...

    def is_enumerable(self, value: Any) -> bool: ...

    def to_python(self, value: Any) -> Any:
        """The Python value PowerShell's conversions should see (str, int, Hashtable, list ...)."""
        ...


_adapters: list[ObjectAdapter] = []
_dotnet_imported = False


def register_adapter(adapter: ObjectAdapter) -> None:
    if adapter not in _adapters:
        _adapters.append(adapter)


def foreign_runtime_loaded() -> bool:
    """Whether a .NET runtime is in this process; the first True imports psbridge.dotnet, which
    registers its adapter, type resolver and member fallbacks (conversion cannot import it)."""
    global _dotnet_imported
    if "clr" not in sys.modules:
        return False
    if not _dotnet_imported:
        # A .NET runtime is loaded in this process, so .NET objects may appear:
        # bring in the adapter now (it registers itself on import).
        _dotnet_imported = True
        try:
            import psbridge.dotnet  # noqa: F401
        except ImportError:
            return False
    return True


def find_adapter(value: Any) -> ObjectAdapter | None:
    """The adapter for a foreign object, loading the .NET one the first time one is seen."""
    if not foreign_runtime_loaded():
        return None
    for adapter in _adapters:
        if adapter.handles(value):
            return adapter
    return None
