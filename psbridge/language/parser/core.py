"""The parser's machinery: one token of lookahead, tokenizer modes, extents, error collection.

As in PowerShell's Parser.cs, rules peek and unget at most one token, switch
the tokenizer's mode around what they scan (restoring it afterwards), back
up with ``resync``, and *report* errors rather than raise them: each rule
recovers (pretending a missing ``)`` was there, or skipping to a
synchronising token) so one parse reports every error it can.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ParseErrorInfo
from ..extent import Extent, SourceText
from ..tokenizer import Tokenizer
from ..tokens import TRAITS, Token, TokenFlags, TokenKind
from .messages import message

if TYPE_CHECKING:
    from .. import ast

__all__ = ["ParserCore"]

_INVARIANT = int(TokenFlags.ParseModeInvariant)
_K = TokenKind
_NEWLINE, _SEMI = _K.NewLine, _K.Semi
_OPENERS = {_K.LParen: _K.RParen, _K.LCurly: _K.RCurly, _K.LBracket: _K.RBracket}


class ParserCore:
    """Token stream, modes, extents and errors shared by the rules (mixed into :class:`Parser`)."""

    def __init__(self, source: SourceText, *, prompts: bool = False) -> None:
        self.source = source
        self.text = source.text
        self.errors: list[ParseErrorInfo] = []
        self.tokenizer = Tokenizer(self, source.text, prompts=prompts)
        self.ungot: Token | None = None
        self.disable_comma = False
        #: ``@name`` variables seen, checked once the tree is whole (they must be command arguments).
        self.splatted_variables: list[ast.VariableExpressionAst] = []
        #: Nodes checked once the tree is whole (the checks need their parents).
        self.attributed_expressions: list[ast.AttributedExpressionAst] = []
        self.flow_statements: list[ast.StatementAst] = []
        self.type_definitions: list[ast.TypeDefinitionAst] = []
        self.semantic_errors: list[ParseErrorInfo] = []

    if TYPE_CHECKING:  # the rules that the rule mixins call on each other

        def script_block_expression_rule(self, lcurly: Token) -> ast.ExpressionAst: ...

        def script_block_rule(
            self, lcurly: Token | None, is_filter: bool, predefined: ast.StatementAst | None = None
        ) -> ast.ScriptBlockAst: ...

        def statement_rule(self) -> ast.StatementAst | None: ...

        def statement_block_rule(self) -> ast.StatementBlockAst | None: ...

        def statement_list_rule(
            self, statements: list[ast.StatementAst], traps: list[ast.TrapStatementAst]
        ) -> tuple[int, int] | None: ...

        def param_block_rule(self) -> ast.ParamBlockAst | None: ...

        def parameter_list_rule(self) -> list[ast.ParameterAst]: ...

        def attribute_list_rule(self, in_expression_mode: bool) -> list[ast.AttributeBaseAst] | None: ...

        def attribute_rule(self) -> ast.AttributeBaseAst | None: ...

        def type_name_rule(self, allow_assembly: bool) -> ast.ITypeName | None: ...

        def generic_type_arguments_rule(self, first: Token) -> tuple[list[ast.ITypeName], Token]: ...

        def simple_name_rule(self) -> ast.StringConstantExpressionAst | None: ...

        def label_or_key_rule(self) -> ast.ExpressionAst | None: ...

        def using_statement_rule(self, using_token: Token) -> ast.StatementAst: ...

        def type_definition_rule(
            self, attributes: list[ast.AttributeBaseAst] | None, token: Token
        ) -> ast.StatementAst: ...

        def function_parameter_declaration_rule(
            self,
        ) -> tuple[list[ast.ParameterAst] | None, int | None, Token | None]: ...

        def function_body_start(
            self,
            start: Token,
            name_token: Token,
            parameters: list[ast.ParameterAst] | None,
            error_end: int | None,
            rparen: Token | None,
        ) -> Token | ast.ErrorStatementAst: ...

        def pipeline_chain_rule(self) -> ast.PipelineBaseAst | None: ...

        def command_rule(self) -> ast.CommandAst | None: ...

        def get_single_command_argument(self, context: str) -> ast.ExpressionAst | None: ...

        def get_command_argument(self, context: str, token: Token) -> ast.ExpressionAst | None: ...

        def expression_rule(self, end_number_on_ternary: bool = False) -> ast.ExpressionAst | None: ...

        def unary_expression_rule(self, end_number_on_ternary: bool = False) -> ast.ExpressionAst | None: ...

        def primary_expression_rule(self, with_member_access: bool) -> ast.ExpressionAst | None: ...

        def expandable_string_rule(self, token: Token) -> ast.ExpressionAst: ...

        def check_post_primary_expression_operators(
            self, token: Token | None, expression: ast.ExpressionAst
        ) -> ast.ExpressionAst: ...

        def invoke_param_paren_list_rule(self, lparen: Token) -> tuple[list[ast.ExpressionAst], int]: ...

        def variable_from_token(self, token: Token) -> ast.VariableExpressionAst: ...

        def report_semantic(self, extent: Extent, error_id: str, *args: object) -> None: ...

        def check_assignment_target(self, target: ast.ExpressionAst, operator: Token) -> None: ...

        def check_increment_target(self, target: ast.ExpressionAst, operator: Token) -> None: ...

        def check_parameters(self, parameters: list[ast.ParameterAst]) -> None: ...

        def check_hashtable_keys(self, pairs: list[tuple[ast.ExpressionAst, ast.StatementAst]]) -> None: ...

    # ------------------------------------------------------------ tokens
    def next_token(self) -> Token:
        token = self.ungot
        if token is not None:
            self.ungot = None
            return token
        return self.tokenizer.next_token()

    def peek_token(self) -> Token:
        token = self.ungot
        if token is None:
            token = self.ungot = self.tokenizer.next_token()
        return token

    def skip_token(self) -> None:
        self.ungot = None

    def unget_token(self, token: Token) -> None:
        self.ungot = token

    def skip_newlines(self) -> None:
        ungot = self.ungot
        if ungot is None or ungot.kind is _NEWLINE:
            self.ungot = None
            self.tokenizer.skip_newlines(False)

    def skip_newlines_and_semicolons(self) -> None:
        ungot = self.ungot
        if ungot is None or ungot.kind is _NEWLINE or ungot.kind is _SEMI:
            self.ungot = None
            self.tokenizer.skip_newlines(True)

    def set_mode(self, mode: int) -> int:
        """Switch the tokenizer's mode; a looked-ahead token that reads differently there is rescanned."""
        tokenizer = self.tokenizer
        old = tokenizer.mode
        if mode != old:
            ungot = self.ungot
            if ungot is not None and not TRAITS[ungot.kind] & _INVARIANT:
                self.ungot = None
                tokenizer.resync(ungot.start)
            tokenizer.mode = mode
        return old

    def at_word(self) -> bool:
        """Whether the next token starts with a letter: in expression mode an identifier, never an expression.

        Lets the pipeline rules skip PowerShell's expression attempt (which
        would fail and rescan) before a command name.
        """
        ungot = self.ungot
        text = self.text
        if ungot is not None:
            offset = ungot.start
        else:
            tokenizer = self.tokenizer
            offset = tokenizer.pos
            end = tokenizer.end
            while offset < end and text[offset] in " \t":
                offset += 1
            if offset >= end:
                return False
        char = text[offset] if offset < len(text) else ""
        return char.isalpha() or char == "_"

    def resync(self, offset: int) -> None:
        """Forget the lookahead and rescan from ``offset``."""
        self.ungot = None
        self.tokenizer.resync(offset)

    def resync_token(self, token: Token) -> None:
        self.resync(token.start)

    def next_member_access_token(self, allow_lbracket: bool) -> Token | None:
        if self.ungot is not None:
            return None  # a token was looked at: we are recovering from an error
        return self.tokenizer.get_member_access_operator(allow_lbracket)

    def next_invoke_member_token(self) -> Token | None:
        if self.ungot is not None:
            return None
        return self.tokenizer.get_invoke_member_open_paren()

    def next_lbracket(self) -> Token | None:
        ungot = self.ungot
        if ungot is not None:
            if ungot.kind is _K.LBracket:
                self.ungot = None
                return ungot
            return None
        return self.tokenizer.get_lbracket()

    def sync_on_error(self, consume_closing: bool, *kinds: TokenKind) -> None:
        """Skip tokens to one of ``kinds`` at the same nesting level (or the end of input)."""
        depth = {closer: 1 if closer in kinds else 0 for closer in _OPENERS.values()}
        while True:
            token = self.next_token()
            kind = token.kind
            if kind is _K.EndOfInput:
                self.unget_token(token)
                return
            closer = _OPENERS.get(kind)
            if closer is not None:
                depth[closer] += 1
            elif kind in depth:
                depth[kind] -= 1
                if depth[kind] == 0 and kind in kinds:
                    if not consume_closing:
                        self.unget_token(token)
                    return
            if kind in kinds and not any(depth.values()):
                return

    def require_statement_terminator(self) -> None:
        token = self.peek_token()
        if token.kind is _NEWLINE or token.kind is _SEMI:
            self.skip_token()
        elif token.kind is not _K.EndOfInput:
            self.report_incomplete(self.token_extent(token), "MissingStatementTerminator")

    # ------------------------------------------------------------ extents
    def extent(self, start: int, end: int) -> Extent:
        return Extent(self.source, start, end)

    def token_extent(self, token: Token) -> Extent:
        return Extent(self.source, token.start, token.end)

    def before(self, offset: int) -> Extent:
        """The empty extent just before the character at ``offset`` (PowerShell's Before)."""
        offset = max(offset - 1, 0)
        return Extent(self.source, offset, offset)

    def after(self, offset: int) -> Extent:
        """The empty extent at ``offset`` (PowerShell's After, given an end offset)."""
        return Extent(self.source, offset, offset)

    # ------------------------------------------------------------ errors
    def report_error(self, extent: Extent, error_id: str, *args: object) -> None:
        self._save(ParseErrorInfo(extent, error_id, message(error_id, *args), False))

    def report_incomplete(self, extent: Extent, error_id: str, *args: object, detected: Extent | None = None) -> bool:
        """An error that more input could fix, when ``detected`` (default: the error's extent) is at the end."""
        where = detected if detected is not None else extent
        incomplete = self.tokenizer.is_at_end_of_script(where.end_offset, True)
        self._save(ParseErrorInfo(extent, error_id, message(error_id, *args), incomplete))
        return incomplete

    def report_error_at(self, start: int, end: int, error_id: str, *args: object) -> None:
        self.report_error(Extent(self.source, start, end), error_id, *args)

    def report_incomplete_at(self, start: int, end: int, error_id: str, *args: object) -> None:
        self.report_incomplete(Extent(self.source, start, end), error_id, *args)

    def _save(self, error: ParseErrorInfo) -> None:
        extent = error.extent
        for seen in self.errors:  # the same error at the same place is reported once
            if (
                seen.error_id == error.error_id
                and seen.extent.start_offset == extent.start_offset
                and seen.extent.end_offset == extent.end_offset
            ):
                return
        self.errors.append(error)
