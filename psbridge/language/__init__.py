"""The PowerShell language: parser, syntax tree, ``bind_text``, ``run``.

``parse(text)`` gives PowerShell's syntax tree (:mod:`psbridge.language.ast`,
node kinds as in System.Management.Automation.Language) or raises
:class:`ParseError` carrying every error, with PowerShell's error ids and
``At line:N char:M`` positions (:class:`IncompleteParseError` when more input
could complete the script).  ``parse_input`` returns the tree and the errors
instead; ``tokenize`` the tokens as the parser read them.  ``bind_text`` binds
one command line without running it; ``run`` is ``psbridge.run`` and needs
the runtime.

Scripts still run through the first language subset (``psbridge.language.subset``:
``evaluate``, ``ScriptHost``) until the compiled evaluator replaces it.

Importing this package loads neither the binder nor the runtime; they load on
first use.
"""

from __future__ import annotations

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
