"""The PowerShell language subset psbridge runs: tokenizer, parser, evaluator, ``bind_text``.

``parse(text)`` gives a syntax tree or raises :class:`ParseError` (PowerShell's
error ids and ``At line:N char:M`` positions; anything outside the subset is a
ParseError too, never a silent misparse).  ``evaluate(script, host)`` runs it
against a :class:`ScriptHost` (the runtime).  ``bind_text`` binds one command
line without running it; ``run`` is ``psbridge.run`` and needs the runtime.

Importing this package loads neither the binder nor the runtime; they load on
first use.
"""

from __future__ import annotations

from . import ast
from .command_line import bind_text, command_arguments
from .errors import ParseError, ScriptRuntimeError
from .evaluator import evaluate
from .host import ScriptHost
from .parser import parse
from .script import run
from .source import Position
from .tokenizer import Mode
from .tokens import Token, TokenKind

__all__ = [
    "Mode",
    "ParseError",
    "Position",
    "ScriptHost",
    "ScriptRuntimeError",
    "Token",
    "TokenKind",
    "ast",
    "bind_text",
    "command_arguments",
    "evaluate",
    "parse",
    "run",
    "tokenize",
]


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` exactly as the parser reads them (each in its mode), ending with EOF.

    Tokenizing needs the parser, because whether ``-x`` is a parameter or an
    operator, or ``10abc`` a word, depends on where it stands.  Raises
    :class:`ParseError` like :func:`parse`.
    """
    from .parser import Parser
    from .source import SourceText

    parser = Parser(SourceText(text))
    parser.parse_script()
    return list(parser.tokenizer.tokens)
