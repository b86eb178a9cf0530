"""The first language subset: its tokenizer, parser, syntax tree and tree-walking evaluator.

psbridge's first releases ran documented one-liners with this small front
end.  The complete parser (``psbridge.language.parse``) replaces it; until the
compiled evaluator runs the complete syntax tree, ``psbridge.run``, the CLI
and the hosting API still evaluate scripts through this package.
"""

from __future__ import annotations

from . import ast
from .evaluator import Evaluator, evaluate
from .host import ScriptHost
from .parser import Parser, parse
from .source import Position, SourceText
from .tokenizer import Mode, Tokenizer
from .tokens import Token, TokenKind

__all__ = [
    "Evaluator",
    "Mode",
    "Parser",
    "Position",
    "ScriptHost",
    "SourceText",
    "Token",
    "TokenKind",
    "Tokenizer",
    "ast",
    "evaluate",
    "parse",
    "tokenize",
]


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` exactly as the subset parser reads them (each in its mode), ending with EOF."""
    parser = Parser(SourceText(text))
    parser.parse_script()
    return list(parser.tokenizer.tokens)
