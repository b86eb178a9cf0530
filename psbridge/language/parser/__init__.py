"""The PowerShell parser: script text -> :class:`~psbridge.language.ast.ScriptBlockAst`.

A hand-written recursive-descent parser following PowerShell's Parser.cs
rule by rule (its grammar comments are the Language Specification's chapter
15 plus what 7.x added), split by concern: blocks and type names, statements,
classes and ``using``, pipelines and commands, expressions, semantic checks.
:func:`parse` raises :class:`ParseError` with every error found;
:func:`parse_input` returns the tree and the errors, as PowerShell's
``Parser.ParseInput`` does.
"""

from __future__ import annotations

import sys

from .. import ast
from ..errors import ParseError, ParseErrorInfo
from ..extent import SourceText
from ..tokenizer import COMMAND
from ..tokens import Token
from .blocks import BlockRules
from .checks import SemanticChecks
from .expressions import ExpressionRules
from .pipelines import PipelineRules
from .requires import script_requirements
from .statements import StatementRules
from .types import TypeRules

__all__ = ["Parser", "parse", "parse_input", "tokenize"]


#: The stack frames a parse may use: nesting deeper than this is ScriptTooComplicated, whatever
#: recursion limit the evaluator set for deep script calls.
PARSER_STACK = 950


def _stack_depth() -> int:
    frame = sys._getframe()
    depth = 0
    while frame is not None:
        depth += 1
        frame = frame.f_back  # type: ignore[assignment]
    return depth


class Parser(BlockRules, StatementRules, TypeRules, PipelineRules, ExpressionRules, SemanticChecks):
    """One parse of one script."""

    def parse_script(self) -> ast.ScriptBlockAst:
        tokenizer = self.tokenizer
        tokenizer.mode = COMMAND
        limit = sys.getrecursionlimit()
        budget = _stack_depth() + PARSER_STACK
        try:
            if budget < limit:
                sys.setrecursionlimit(budget)  # the same nesting limit however deep the caller is
            block = self.script_block_rule(None, False)
        except RecursionError:
            # Nesting deeper than the interpreter's stack allows: PowerShell's answer to a script
            # its parser cannot descend into (it stops, reporting where it was).
            del self.splatted_variables[:]
            where = self.extent(tokenizer.token_start, max(tokenizer.pos, tokenizer.token_start))
            self.report_error(where, "ScriptTooComplicated")
            empty = ast.StatementBlockAst(self.extent(0, 0), [], None)
            block = ast.ScriptBlockAst.from_statements(self.extent(0, len(self.text)), None, None, empty, False)
            return block
        finally:
            if budget < limit:
                sys.setrecursionlimit(limit)
        block.script_requirements = script_requirements(self)
        self.finish_semantic_checks()
        self.check_nesting(block)
        return block


def parse_input(
    text: str, file: str | None = None, *, tokens: list[Token] | None = None, prompts: bool = False
) -> tuple[ast.ScriptBlockAst, list[ParseErrorInfo]]:
    """The tree of ``text`` and the errors found (empty when the script is valid).

    Pass a list as ``tokens`` to receive every token scanned, comments included.
    With ``prompts``, a ``PS C:\\> `` prompt at the start of a line is skipped, so
    documentation examples run as written (what ``psbridge.run`` does); scripts
    are parsed without it, exactly as PowerShell parses them.
    """
    parser = Parser(SourceText(text, file), prompts=prompts)
    if tokens is not None:
        parser.tokenizer.token_list = tokens
    block = parser.parse_script()
    return block, parser.errors


def parse(text: str, file: str | None = None, *, prompts: bool = False) -> ast.ScriptBlockAst:
    """The tree of ``text``; a :class:`ParseError` carrying every error when it is not valid PowerShell."""
    block, errors = parse_input(text, file, prompts=prompts)
    if errors:
        raise ParseError.from_errors(errors)
    return block


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text`` as the parser read them (each in its mode), comments included, ending with EOF."""
    tokens: list[Token] = []
    parse_input(text, tokens=tokens)
    return tokens
