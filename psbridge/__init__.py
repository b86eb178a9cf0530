"""psbridge: PSOpenAI's Assistants cmdlets from Python, bound by PowerShell's rules.

This module is the front door: it names the public API and nothing else.  The
heavy parts (binder tables, cmdlets, HTTP client, language, CLI, .NET) load on
first use so that ``import psbridge`` stays cheap.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# A library's records reach only the handlers an application configures, never
# logging's last-resort stderr handler (the logging HOWTO's advice for libraries).
logging.getLogger("psbridge").addHandler(logging.NullHandler())

__all__ = [
    "BindingResult",
    "ErrorRecord",
    "Hashtable",
    "PSError",
    "PSObject",
    "ParameterBindingError",
    "PipelineError",
    "PowerShell",
    "SecureString",
    "__version__",
    "bind",
    "bind_text",
    "invoke",
    "run",
    "specs",
]

# name -> (module, attribute); resolved lazily by __getattr__.
_LAZY = {
    "bind": ("psbridge.binding", "bind"),
    "bind_text": ("psbridge.language", "bind_text"),
    "BindingResult": ("psbridge.binding", "BindingResult"),
    "ParameterBindingError": ("psbridge.binding", "ParameterBindingError"),
    "invoke": ("psbridge.runtime", "invoke"),
    "PowerShell": ("psbridge.hosting", "PowerShell"),
    "PipelineError": ("psbridge.runtime", "PipelineError"),
    "run": ("psbridge.language", "run"),
    "PSObject": ("psbridge.objects", "PSObject"),
    "Hashtable": ("psbridge.objects", "Hashtable"),
    "SecureString": ("psbridge.objects", "SecureString"),
    "PSError": ("psbridge.errors", "PSError"),
    "ErrorRecord": ("psbridge.errors", "ErrorRecord"),
    "specs": ("psbridge.specs", None),
}


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'psbridge' has no attribute {name!r}") from None
    import importlib

    module = importlib.import_module(module_name)
    value = module if attribute is None else getattr(module, attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from . import specs
    from .binding import BindingResult, ParameterBindingError, bind
    from .errors import ErrorRecord, PSError
    from .hosting import PowerShell
    from .language import bind_text, run
    from .objects import Hashtable, PSObject, SecureString
    from .runtime import PipelineError, invoke
