"""Rules for pipeline chains, pipelines, assignments, commands, their arguments and redirections."""

from __future__ import annotations

from .. import ast
from ..tokenizer import COMMAND, EXPRESSION
from ..tokens import TRAITS, ParameterToken, RedirectionToken, StringExpandableToken, Token, TokenFlags, TokenKind
from .core import ParserCore
from .messages import STREAM_NAMES

__all__ = ["PipelineRules"]

_K = TokenKind
_ASSIGNMENT = int(TokenFlags.AssignmentOperator)
_VERBATIM = "--%"
_BARE = ast.StringConstantType.BareWord
# Tokens that end a command (and cannot be an argument).
_COMMAND_ENDS = frozenset((_K.Pipe, _K.RCurly, _K.RParen, _K.EndOfInput, _K.NewLine, _K.Semi, _K.AndAnd, _K.OrOr,
                           _K.Ampersand))  # fmt: skip
_NOT_ARGUMENTS = _COMMAND_ENDS | {_K.Redirection, _K.RedirectInStd, _K.MinusMinus, _K.Comma}
_PRIMARY_STARTS = frozenset((_K.SplattedVariable, _K.Variable, _K.Number, _K.HereStringExpandable,
                             _K.StringExpandable, _K.HereStringLiteral, _K.StringLiteral, _K.LParen, _K.DollarParen,
                             _K.AtParen, _K.AtCurly, _K.LCurly))  # fmt: skip
_PIPELINE_ENDS = frozenset((_K.Semi, _K.NewLine, _K.RParen, _K.RCurly, _K.EndOfInput, _K.AndAnd, _K.OrOr))
_CHAIN = frozenset((_K.AndAnd, _K.OrOr))
_NO_INVOCATION = _K.Unknown


class PipelineRules(ParserCore):
    def pipeline_chain_rule(self) -> ast.PipelineBaseAst | None:
        """An assignment, or pipelines joined by ``&&``/``||`` (with an optional trailing ``&``)."""
        assign: Token | None = None
        expression: ast.ExpressionAst | None = None
        old_mode = self.set_mode(EXPRESSION)
        try:
            if not self.at_word():
                expression = self.expression_rule()
            if expression is not None:
                token = self.peek_token()  # peeked in expression mode, where '=0' is not one word
                if TRAITS[token.kind] & _ASSIGNMENT:
                    self.skip_token()
                    assign = token
        finally:
            self.set_mode(old_mode)
        if expression is not None and assign is not None:
            self.skip_newlines()
            right = self.statement_rule()
            if right is None:
                where = self.after(assign.end)
                self.report_incomplete(where, "ExpectedValueExpression", assign.text)
                right = ast.ErrorStatementAst(where)
            self.check_assignment_target(expression, assign)
            extent = self.extent(expression.extent.start_offset, right.extent.end_offset)
            return ast.AssignmentStatementAst(extent, expression, assign.kind, right, self.token_extent(assign))

        start_expression = expression
        chain: ast.ChainableAst | None = None
        chain_operator: Token | None = None
        background = False
        while True:
            first_token: Token | None = None
            if start_expression is not None:
                pipeline = self.pipeline_rule(start_expression)
                start_expression = None
            else:
                first_token = self.peek_token()
                pipeline = self.pipeline_rule(None)
            if pipeline is None:
                if chain_operator is None:
                    return None  # no pipeline at all: the caller decides whether that is an error
                assert first_token is not None and chain is not None
                if first_token.kind is _K.EndOfInput:
                    self.report_incomplete(self.after(chain_operator.end), "EmptyPipelineChainElement",
                                           chain_operator.text)  # fmt: skip
                elif first_token.kind not in (_K.Dot, _K.Ampersand):
                    self.report_error(self.extent(chain_operator.start, first_token.end), "EmptyPipelineChainElement",
                                      chain_operator.text)  # fmt: skip
                return ast.ErrorStatementAst(self.extent(chain.extent.start_offset, chain_operator.end), [chain],
                                             chain_operator)  # fmt: skip
            token = self.peek_token()
            kind = token.kind
            if kind is _K.AndAnd or kind is _K.OrOr:
                self.skip_token()
                self.skip_newlines()
            else:
                if kind is _K.Ampersand:
                    self.skip_token()
                    following = self.peek_token()
                    if following.kind is _K.AndAnd or following.kind is _K.OrOr:
                        self.skip_token()
                        self.report_error(self.token_extent(following), "BackgroundOperatorInPipelineChain")
                        start = (chain or pipeline).extent.start_offset
                        return ast.ErrorStatementAst(self.extent(start, following.end))
                    background = True
                if chain is None:
                    if background:
                        pipeline.background = True
                    return pipeline
                assert chain_operator is not None
                extent = self.extent(chain.extent.start_offset, pipeline.extent.end_offset)
                return ast.PipelineChainAst(extent, chain, pipeline, chain_operator.kind, background)
            if chain is None:
                chain = pipeline
            else:
                assert chain_operator is not None
                extent = self.extent(chain.extent.start_offset, pipeline.extent.end_offset)
                chain = ast.PipelineChainAst(extent, chain, pipeline, chain_operator.kind)
            chain_operator = token
            if self.peek_token().kind is _K.EndOfInput:
                self.report_incomplete(self.after(token.end), "EmptyPipelineChainElement", token.text)
                return chain

    def pipeline_rule(self, start_expression: ast.ExpressionAst | None) -> ast.PipelineAst | None:
        """``element | element | ...``: an expression may only be first."""
        elements: list[ast.CommandBaseAst] = []
        previous: Token | None = None
        expression = start_expression
        while True:
            if expression is None and not self.at_word():
                old_mode = self.set_mode(EXPRESSION)
                try:
                    expression = self.expression_rule()
                finally:
                    self.set_mode(old_mode)
            element: ast.CommandBaseAst | None
            if expression is not None:
                if elements:
                    self.report_error(expression.extent, "ExpressionsMustBeFirstInPipeline")
                redirections: list[ast.RedirectionAst | None] | None = None
                last: ast.RedirectionAst | None = None
                token = self.peek_token()
                while token.kind is _K.Redirection or token.kind is _K.RedirectInStd:
                    self.skip_token()
                    if redirections is None:
                        redirections = [None] * 7
                    result = self.redirection_rule(token, redirections)
                    last = result[0] if result[0] is not None else last
                    token = self.peek_token()
                end = last.extent.end_offset if last is not None else expression.extent.end_offset
                kept = [redirection for redirection in redirections or () if redirection is not None]
                element = ast.CommandExpressionAst(self.extent(expression.extent.start_offset, end), expression, kept)
            else:
                element = self.command_rule()
            if element is not None:
                elements.append(element)
            elif elements or self.peek_token().kind is _K.Pipe:
                where = self.after(previous.end) if previous is not None else self.token_extent(self.peek_token())
                self.report_incomplete(where, "EmptyPipeElement")
            expression = None
            token = self.peek_token()
            if token.kind is _K.NewLine and self.tokenizer.is_pipe_continuation(token.end):
                self.skip_newlines()  # a line starting with '|' continues the pipeline
                token = self.peek_token()
            kind = token.kind
            previous = token
            if kind in _PIPELINE_ENDS or kind is _K.Ampersand:
                break
            if kind is _K.Pipe:
                self.skip_token()
                self.skip_newlines()
                if self.peek_token().kind is _K.EndOfInput:
                    self.report_incomplete(self.after(token.end), "EmptyPipeElement")
                    break
                continue
            self.report_error(self.token_extent(token), "UnexpectedToken", token.text)
            break
        if not elements:
            return None
        extent = self.extent(elements[0].extent.start_offset, elements[-1].extent.end_offset)
        return ast.PipelineAst(extent, elements)

    def redirection_rule(
        self, token: Token, redirections: list[ast.RedirectionAst | None]
    ) -> tuple[ast.RedirectionAst | None, int]:
        """One redirection after ``token``; returns it (None for ``<``) and where it ends."""
        assert isinstance(token, RedirectionToken)
        if token.to_stream is None:  # a file redirection, or '<'
            location = self.get_single_command_argument("file")
            if location is None:
                self.report_error(self.after(token.end), "MissingFileSpecification")
                location = ast.ErrorExpressionAst(self.token_extent(token))
            extent = self.extent(token.start, location.extent.end_offset)
            if token.kind is _K.RedirectInStd:
                self.report_error(self.token_extent(token), "RedirectionNotSupported", token.text)
                return None, extent.end_offset
            result: ast.RedirectionAst = ast.FileRedirectionAst(
                extent, ast.RedirectionStream(token.from_stream), location, token.append
            )
        else:
            from_stream, to_stream = token.from_stream, token.to_stream
            if to_stream != 1 or from_stream == to_stream:
                self.report_error(self.token_extent(token), "RedirectionNotSupported", token.text)
                to_stream = 1
            result = ast.MergingRedirectionAst(
                self.token_extent(token), ast.RedirectionStream(from_stream), ast.RedirectionStream(to_stream)
            )
        stream = int(result.from_stream)
        if redirections[stream] is None:
            redirections[stream] = result
        else:
            self.report_error(result.extent, "StreamAlreadyRedirected", STREAM_NAMES[stream])
        return result, result.extent.end_offset

    # ------------------------------------------------------------ commands
    def get_single_command_argument(self, context: str) -> ast.ExpressionAst | None:
        """One argument read in command mode (a switch clause's test, a file name, a loop's throttle limit)."""
        token = self.peek_token()
        if token.kind is _K.Comma or token.kind is _K.EndOfInput:
            return None
        old_mode = self.set_mode(COMMAND)
        try:
            return self.get_command_argument(context, self.next_token())
        finally:
            self.set_mode(old_mode)

    def get_command_argument(self, context: str, token: Token) -> ast.ExpressionAst | None:
        """An argument starting at ``token``: an expression, a bare word, or (``a,b``) an array of them.

        ``context`` is ``name`` (a command name: bare words do not expand),
        ``invoked`` (a name after ``&`` or ``.``), ``argument`` (commas join
        arguments), ``file`` or ``switch``.
        """
        arguments: list[ast.ExpressionAst] | None = None
        comma: Token | None = None
        while True:
            kind = token.kind
            expression: ast.ExpressionAst
            verbatim = False
            if kind in _NOT_ARGUMENTS:
                self.unget_token(token)
                if comma is None:
                    return None
                assert arguments is not None
                self.report_incomplete(self.after(comma.end), "MissingExpression", ",")
                return ast.ErrorExpressionAst(self.extent(arguments[0].extent.start_offset, comma.end), list(arguments))
            if kind in _PRIMARY_STARTS:
                self.unget_token(token)
                primary = self.primary_expression_rule(True)
                assert primary is not None
                expression = primary
            elif kind is _K.Generic:
                if isinstance(token, StringExpandableToken) and context != "name":
                    expression = self.expandable_string_rule(token)
                else:
                    value = token.value
                    expression = ast.StringConstantExpressionAst(self.token_extent(token), value, _BARE)
                    verbatim = value == _VERBATIM
            else:
                expression = ast.StringConstantExpressionAst(self.token_extent(token), token.text, _BARE)
            if context != "argument" or verbatim:
                break
            token = self.peek_token()
            if token.kind is not _K.Comma:
                break
            comma = token
            if arguments is None:
                arguments = []
            arguments.append(expression)
            self.skip_token()
            self.skip_newlines()
            token = self.next_token()
        if arguments is not None:
            arguments.append(expression)
            extent = self.extent(arguments[0].extent.start_offset, expression.extent.end_offset)
            return ast.ArrayLiteralAst(extent, arguments)
        return expression

    def command_rule(self) -> ast.CommandAst | None:
        """``name arguments...`` or ``& expr arguments`` / ``. expr arguments``, with redirections."""
        elements: list[ast.CommandElementAst] = []
        redirections: list[ast.RedirectionAst | None] | None = None
        saw_dash_dash = False
        old_mode = self.set_mode(COMMAND)
        try:
            token = self.next_token()
            first = token
            end = token.end
            invocation = _NO_INVOCATION
            context = "name"
            if token.kind is _K.Dot or token.kind is _K.Ampersand:
                invocation = token.kind
                token = self.next_token()
                context = "invoked"
            while True:
                kind = token.kind
                if kind in _COMMAND_ENDS:
                    self.unget_token(token)
                    break
                if kind is _K.MinusMinus:
                    end = token.end
                    extent = self.token_extent(token)
                    if saw_dash_dash:
                        elements.append(ast.StringConstantExpressionAst(extent, token.text, _BARE))
                    else:
                        elements.append(ast.CommandParameterAst(extent, "-", None, extent))
                    saw_dash_dash = True
                elif kind is _K.Comma:
                    end = token.end
                    self.report_error(self.token_extent(token), "MissingArgument")
                    self.skip_newlines()
                elif kind is _K.Parameter:
                    assert isinstance(token, ParameterToken)
                    if context != "argument" or saw_dash_dash:
                        end = token.end
                        elements.append(ast.StringConstantExpressionAst(self.token_extent(token), token.text, _BARE))
                    else:
                        argument: ast.ExpressionAst | None = None
                        parameter_end = token.end
                        if token.used_colon and self.peek_token().kind is not _K.Comma:
                            argument = self.get_command_argument("argument", self.next_token())
                            if argument is None:
                                self.report_error(self.after(token.end), "ParameterRequiresArgument", token.text)
                            else:
                                parameter_end = argument.extent.end_offset
                        end = parameter_end
                        elements.append(ast.CommandParameterAst(
                            self.extent(token.start, parameter_end), token.parameter_name, argument,
                            self.token_extent(token),
                        ))  # fmt: skip
                elif kind is _K.Redirection or kind is _K.RedirectInStd:
                    if context == "argument":
                        if redirections is None:
                            redirections = [None] * 7
                        _, end = self.redirection_rule(token, redirections)
                    else:  # a redirection operator as a command name (kept for compatibility)
                        end = token.end
                        elements.append(ast.StringConstantExpressionAst(self.token_extent(token), token.text, _BARE))
                else:
                    argument_ast = self.get_command_argument(context, token)
                    assert argument_ast is not None
                    elements.append(argument_ast)
                    end = argument_ast.extent.end_offset
                    if isinstance(argument_ast, ast.StringConstantExpressionAst) and argument_ast.value == _VERBATIM \
                            and kind is _K.Generic:  # fmt: skip
                        verbatim = self.verbatim_argument()
                        if verbatim is not None:
                            elements.append(verbatim)
                            end = verbatim.extent.end_offset
                            break
                context = "argument"
                token = self.next_token()
        finally:
            self.set_mode(old_mode)
        if not elements:
            if invocation is not _NO_INVOCATION:
                self.report_error(self.token_extent(first), "MissingExpression", first.text)
            return None
        kept = [redirection for redirection in redirections or () if redirection is not None]
        return ast.CommandAst(self.extent(first.start, end), elements, invocation, kept)

    def verbatim_argument(self) -> ast.StringConstantExpressionAst | None:
        """After ``--%``: the rest of the line, passed as typed (PowerShell's verbatim argument)."""
        ungot = self.ungot
        if ungot is not None and ungot.kind is not _K.Parameter:
            return None
        self.ungot = None
        token = self.tokenizer.get_verbatim_command_argument()
        return ast.StringConstantExpressionAst(self.token_extent(token), token.value, _BARE)
