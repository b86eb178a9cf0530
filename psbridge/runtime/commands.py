"""The command table: which Python class implements which cmdlet name.

Cmdlet modules register themselves when imported.  Like PowerShell's module
autoloading, the runtime imports the default command module the first time a
name is not found, so ``invoke("Wait-ThreadRun")`` works without any setup
while the runtime itself never imports the cmdlets at module import time.
"""

from __future__ import annotations

import importlib
import threading

from ..errors import CommandNotFoundError
from .cmdlet import Cmdlet

__all__ = ["AUTOLOAD_MODULES", "register_cmdlet", "registered_cmdlets", "resolve_cmdlet"]

#: Modules imported on the first unknown command name (they call register_cmdlet).
AUTOLOAD_MODULES: list[str] = ["psbridge.cmdlets"]

_table: dict[str, type[Cmdlet]] = {}
_lock = threading.Lock()
_autoloaded = False


def register_cmdlet(cls: type[Cmdlet]) -> type[Cmdlet]:
    """Class decorator: make ``cls`` the implementation of ``cls.name``."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no cmdlet name")
    _table[cls.name.casefold()] = cls
    return cls


def _autoload() -> None:
    global _autoloaded
    with _lock:
        if _autoloaded:
            return
        _autoloaded = True
        for module in AUTOLOAD_MODULES:
            importlib.import_module(module)


def resolve_cmdlet(name: str) -> type[Cmdlet]:
    cls = _table.get(name.casefold())
    if cls is None and not _autoloaded:
        _autoload()
        cls = _table.get(name.casefold())
    if cls is None:
        raise CommandNotFoundError(name)
    return cls


def registered_cmdlets() -> list[str]:
    _autoload()
    return sorted(cls.name for cls in _table.values())
