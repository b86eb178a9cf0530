"""Cmdlet implementations: a subpackage per PowerShell module.

Each subpackage's ``COMMANDS`` maps a cmdlet name to the module implementing it
(which registers its class with the runtime when imported).  Importing this
package imports no cmdlet: :func:`command_modules` is the table the runtime
autoloads from, the way PowerShell autoloads a module on first use of one of
its commands.
"""

from __future__ import annotations

import importlib

__all__ = ["MODULE_PACKAGES", "builtin_functions", "command_aliases", "command_modules"]

#: PowerShell module name -> subpackage of psbridge.cmdlets.
MODULE_PACKAGES: dict[str, str] = {
    "PSOpenAI": "psopenai",
    "Microsoft.PowerShell.Core": "core",
    "Microsoft.PowerShell.Utility": "utility",
    "Microsoft.PowerShell.Management": "management",
    "Microsoft.PowerShell.Security": "security",
    "Microsoft.PowerShell.ThreadJob": "threadjob",
}


def command_modules() -> dict[str, tuple[str, str]]:
    """Case-folded cmdlet name -> (PowerShell module, dotted Python module implementing it)."""
    table: dict[str, tuple[str, str]] = {}
    for module, package in MODULE_PACKAGES.items():
        dotted = f"{__name__}.{package}"
        commands: dict[str, str] = importlib.import_module(dotted).COMMANDS
        for name, implementation in commands.items():
            table[name.casefold()] = (module, f"{dotted}.{implementation}")
    return table


def command_aliases() -> dict[str, str]:
    """Case-folded alias -> the command it names (a module's ``[Alias()]`` on a command; errors and
    binding name the command itself, as PowerShell's do)."""
    table: dict[str, str] = {}
    for package in MODULE_PACKAGES.values():
        aliases: dict[str, str] = getattr(importlib.import_module(f"{__name__}.{package}"), "ALIASES", {})
        table.update((alias.casefold(), target) for alias, target in aliases.items())
    return table


def builtin_functions() -> dict[str, tuple[str, str]]:
    """Case-folded name -> ("", dotted module) of the functions pwsh defines in every session
    (``help``), which psbridge implements as cmdlets (a subpackage's ``FUNCTIONS``)."""
    table: dict[str, tuple[str, str]] = {}
    for package in MODULE_PACKAGES.values():
        dotted = f"{__name__}.{package}"
        functions: dict[str, str] = getattr(importlib.import_module(dotted), "FUNCTIONS", {})
        for name, implementation in functions.items():
            table[name.casefold()] = ("", f"{dotted}.{implementation}")
    return table
