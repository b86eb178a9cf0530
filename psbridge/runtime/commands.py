"""The command table: which Python class implements which cmdlet name.

Cmdlet modules register themselves when imported.  Like PowerShell's module
autoloading, the runtime looks a name it does not know up in the command
table of ``psbridge.cmdlets`` (name -> implementing module) and imports just
that module, so ``invoke("Wait-ThreadRun")`` works without any setup, loads
one cmdlet module, and the runtime never imports cmdlets at import time.
"""

from __future__ import annotations

import functools
import importlib
import threading

from ..errors import CommandNotFoundError
from .cmdlet import Cmdlet

__all__ = ["register_cmdlet", "registered_cmdlets", "resolve_cmdlet"]

#: The package whose ``command_modules()`` says which module implements which cmdlet.
COMMAND_PACKAGE = "psbridge.cmdlets"

_table: dict[str, type[Cmdlet]] = {}
_lock = threading.Lock()


def register_cmdlet(cls: type[Cmdlet]) -> type[Cmdlet]:
    """Class decorator: make ``cls`` the implementation of ``cls.name``."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no cmdlet name")
    _table[cls.name.casefold()] = cls
    return cls


@functools.cache
def _command_modules() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = importlib.import_module(COMMAND_PACKAGE).command_modules()
    return table


@functools.cache
def _builtin_functions() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = getattr(importlib.import_module(COMMAND_PACKAGE), "builtin_functions", dict)()
    return table


@functools.cache
def _command_aliases() -> dict[str, str]:
    aliases: dict[str, str] = getattr(importlib.import_module(COMMAND_PACKAGE), "command_aliases", dict)()
    return aliases


def resolve_cmdlet(name: str) -> type[Cmdlet]:
    folded = name.casefold()
    cls = _table.get(folded)
    if cls is None:
        found = _command_modules().get(folded) or _builtin_functions().get(folded)
        if found is not None:
            with _lock:
                importlib.import_module(found[1])
            cls = _table.get(folded)
    if cls is None:
        target = _command_aliases().get(folded)  # a module's [Alias()]: the command keeps its own name
        if target is not None:
            return resolve_cmdlet(target)
        raise CommandNotFoundError(name)
    return cls


def registered_cmdlets() -> list[str]:
    """Every cmdlet psbridge implements (this imports all of their modules)."""
    for _module, dotted in _command_modules().values():
        importlib.import_module(dotted)
    return sorted(cls.name for cls in _table.values())
