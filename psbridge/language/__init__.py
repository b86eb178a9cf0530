"""The PowerShell language: parser, syntax tree, ``bind_text``, ``run``.

``parse(text)`` gives PowerShell's syntax tree (:mod:`psbridge.language.ast`,
node kinds as in System.Management.Automation.Language) or raises
:class:`ParseError` carrying every error, with PowerShell's error ids and
``At line:N char:M`` positions (:class:`IncompleteParseError` when more input
could complete the script).  ``parse_input`` returns the tree and the errors
instead; ``tokenize`` the tokens as the parser read them.  ``bind_text`` binds
one command line without running it; ``run`` is ``psbridge.run`` and needs
the runtime.

Scripts run through the compiled evaluator (:mod:`.compiler` turns each script block's
tree into Python closures once; :mod:`.engine` runs them).  The first language subset
(``psbridge.language.subset``: ``evaluate``, ``ScriptHost``) remains for its own tests.

Importing this package loads nothing else: the parser, the binder and the
runtime load on first use of the names that need them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# name -> submodule; loaded on first use, so that running a script through the subset (the CLI's
# path) or reading one error class does not import the whole parser.
_LAZY = {
    "ast": ".ast",
    "bind_text": ".command_line",
    "command_arguments": ".command_line",
    "IncompleteParseError": ".errors",
    "ParseError": ".errors",
    "ParseErrorInfo": ".errors",
    "ScriptRuntimeError": ".errors",
    "Extent": ".extent",
    "ScriptPosition": ".extent",
    "SourceText": ".extent",
    "Parser": ".parser",
    "parse": ".parser",
    "parse_input": ".parser",
    "tokenize": ".parser",
    "run": ".script",
    "ScriptHost": ".subset",
    "evaluate": ".subset",
    "Token": ".tokens",
    "TokenKind": ".tokens",
}


def __getattr__(name: str) -> Any:
    try:
        module_name = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    module = importlib.import_module(module_name, __name__)
    value = module if name == "ast" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from . import ast
    from .command_line import bind_text, command_arguments
    from .errors import IncompleteParseError, ParseError, ParseErrorInfo, ScriptRuntimeError
    from .extent import Extent, ScriptPosition, SourceText
    from .parser import Parser, parse, parse_input, tokenize
    from .script import run
    from .subset import ScriptHost, evaluate
    from .tokens import Token, TokenKind

__all__ = [
    "Extent",
    "IncompleteParseError",
    "ParseError",
    "ParseErrorInfo",
    "Parser",
    "ScriptHost",
    "ScriptPosition",
    "ScriptRuntimeError",
    "SourceText",
    "Token",
    "TokenKind",
    "ast",
    "bind_text",
    "command_arguments",
    "evaluate",
    "parse",
    "parse_input",
    "run",
    "tokenize",
]
