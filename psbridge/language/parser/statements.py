"""Rules for statements: keywords, conditionals, loops, switch, functions, try/catch/trap, data, flow control."""

from __future__ import annotations

from collections.abc import Callable

from .. import ast
from ..tokens import TRAITS, ParameterToken, Token, TokenFlags, TokenKind
from .core import ParserCore

__all__ = ["StatementRules"]

_K = TokenKind
_NO_ATTRIBUTES = int(TokenFlags.StatementDoesntSupportAttributes)
_KEYWORD = int(TokenFlags.Keyword)
_SWITCH_FLAGS = (
    ("regex", ast.SwitchFlags.Regex),
    ("wildcard", ast.SwitchFlags.Wildcard),
    ("exact", ast.SwitchFlags.Exact),
    ("casesensitive", ast.SwitchFlags.CaseSensitive),
    ("parallel", ast.SwitchFlags.Parallel),
    ("file", ast.SwitchFlags.File),
)
# Tokens that cannot name a function (punctuation, operators, variables, strings).
_NOT_FUNCTION_NAMES = frozenset((
    _K.Pipe, _K.LParen, _K.LCurly, _K.AtParen, _K.AtCurly, _K.RCurly, _K.RParen, _K.EndOfInput, _K.Semi,
    _K.Redirection, _K.RedirectInStd, _K.AndAnd, _K.OrOr, _K.Ampersand, _K.Variable, _K.SplattedVariable,
    _K.HereStringExpandable, _K.HereStringLiteral, _K.StringLiteral, _K.StringExpandable,
))  # fmt: skip


def _is_parameter(token: Token, name: str) -> bool:
    """``-reg`` matches ``regex``: a parameter token that is a prefix of ``name`` (PowerShell's IsSpecificParameter)."""
    return isinstance(token, ParameterToken) and name.startswith(token.parameter_name.lower())


class StatementRules(ParserCore):
    def statement_rule(self) -> ast.StatementAst | None:
        """One statement; None when there is none (at ``)``, ``}`` or the end)."""
        token = self.next_token()
        attributes: list[ast.AttributeBaseAst] | None = None
        restore = 0
        if token.kind is _K.Generic and self.text[token.start] == "[":
            restore = token.start
            self.resync_token(token)
            attributes = self.attribute_list_rule(False)
            token = self.next_token()
            if attributes:
                traits = TRAITS[token.kind]
                if traits & _NO_ATTRIBUTES:
                    if any(isinstance(attribute, ast.TypeConstraintAst) for attribute in attributes):
                        self.resync(restore)
                        token = self.next_token()
                    else:
                        first = attributes[0]
                        self.report_error(first.extent, "UnexpectedAttribute", first.type_name.full_name)
                elif traits & _KEYWORD:
                    for attribute in attributes:
                        if not isinstance(attribute, ast.AttributeAst):
                            self.report_error(
                                attribute.extent, "TypeNotAllowedBeforeStatement", attribute.type_name.full_name
                            )
                            break
                else:
                    self.resync(restore)
                    token = self.next_token()
        kind = token.kind
        rule = _STATEMENT_RULES.get(kind)
        if rule is not None:
            return rule(self, token)
        if kind is _K.Label:
            self.skip_newlines()
            return self.labeled_statement_rule(token)
        if kind is _K.EndOfInput:
            if attributes is not None:
                self.resync(restore)
                return self.pipeline_chain_rule()
            self.unget_token(token)
            return None
        if kind is _K.Class or kind is _K.Enum:
            return self.type_definition_rule(attributes, token)
        if kind is _K.Using:
            statement = self.using_statement_rule(token)
            self.report_error(statement.extent, "UsingMustBeAtStartOfScript")
            return statement
        if kind in (_K.Else, _K.ElseIf, _K.Catch, _K.Until) and self.errors:
            self.skip_newlines()  # after an error, a stray keyword is eaten rather than run as a command
            return self.statement_rule()
        if kind in (_K.From, _K.Define, _K.Var):
            self.report_error(self.token_extent(token), "ReservedKeywordNotAllowed", token.text.lower())
            return ast.ErrorStatementAst(self.token_extent(token))
        if kind is _K.Configuration:
            return self.configuration_statement_rule(token)
        if attributes is not None:
            self.resync(restore)
        else:
            self.unget_token(token)
        return self.pipeline_chain_rule()

    def labeled_statement_rule(self, label: Token) -> ast.StatementAst | None:
        token = self.next_token()
        kind = token.kind
        if kind is _K.Switch:
            return self.switch_statement_rule(token, label)
        if kind is _K.Foreach:
            return self.foreach_statement_rule(token, label)
        if kind is _K.For:
            return self.for_statement_rule(token, label)
        if kind is _K.While:
            return self.while_statement_rule(token, label)
        if kind is _K.Do:
            return self.do_statement_rule(token, label)
        self.resync_token(label)  # two tokens to put back: rescan from the label
        return self.pipeline_chain_rule()

    # ------------------------------------------------------------ names and labels
    def simple_name_rule(self) -> ast.StringConstantExpressionAst | None:
        tokenizer = self.tokenizer
        tokenizer.want_simple_name = True
        try:
            token = self.peek_token()
        finally:
            tokenizer.want_simple_name = False
        if token.kind is _K.Identifier:
            self.skip_token()
            return ast.StringConstantExpressionAst(
                self.token_extent(token), token.text, ast.StringConstantType.BareWord
            )
        return None

    def label_or_key_rule(self) -> ast.ExpressionAst | None:
        name = self.simple_name_rule()
        if name is not None:
            return name
        token = self.peek_token()
        if token.kind is not _K.NewLine and token.kind is not _K.Semi:
            old_disable = self.disable_comma
            try:
                self.disable_comma = True
                return self.unary_expression_rule()
            finally:
                self.disable_comma = old_disable
        return None

    # ------------------------------------------------------------ flow control
    def _label_statement(
        self, token: Token, kind: type[ast.BreakStatementAst | ast.ContinueStatementAst]
    ) -> ast.StatementAst:
        label = self.label_or_key_rule()
        end = label.extent.end_offset if label is not None else token.end
        statement = kind(self.extent(token.start, end), label)
        self.flow_statements.append(statement)
        return statement

    def break_statement_rule(self, token: Token) -> ast.StatementAst:
        return self._label_statement(token, ast.BreakStatementAst)

    def continue_statement_rule(self, token: Token) -> ast.StatementAst:
        return self._label_statement(token, ast.ContinueStatementAst)

    def _pipeline_statement(
        self,
        token: Token,
        kind: type[ast.ReturnStatementAst | ast.ExitStatementAst | ast.ThrowStatementAst],
    ) -> ast.StatementAst:
        pipeline = self.pipeline_chain_rule()
        end = pipeline.extent.end_offset if pipeline is not None else token.end
        statement = kind(self.extent(token.start, end), pipeline)
        if kind is ast.ReturnStatementAst:
            self.flow_statements.append(statement)
        return statement

    def return_statement_rule(self, token: Token) -> ast.StatementAst:
        return self._pipeline_statement(token, ast.ReturnStatementAst)

    def exit_statement_rule(self, token: Token) -> ast.StatementAst:
        return self._pipeline_statement(token, ast.ExitStatementAst)

    def throw_statement_rule(self, token: Token) -> ast.StatementAst:
        return self._pipeline_statement(token, ast.ThrowStatementAst)

    def block_statement_rule(self, token: Token) -> ast.StatementAst:
        """``parallel { }`` / ``sequence { }``."""
        body = self.statement_block_rule()
        if body is None:
            self.report_incomplete(self.after(token.end), "MissingStatementAfterKeyword", token.text)
            return ast.ErrorStatementAst(self.token_extent(token))
        return ast.BlockStatementAst(self.extent(token.start, body.extent.end_offset), token, body)

    # ------------------------------------------------------------ if
    def if_statement_rule(self, if_token: Token) -> ast.StatementAst:
        clauses: list[tuple[ast.PipelineBaseAst, ast.StatementBlockAst]] = []
        parts: list[ast.Ast] = []
        else_clause: ast.StatementBlockAst | None = None
        keyword = if_token
        while True:
            self.skip_newlines()
            lparen = self.next_token()
            if lparen.kind is not _K.LParen:
                self.unget_token(lparen)
                self.report_incomplete(self.after(keyword.end), "MissingOpenParenthesisInIfStatement", keyword.text)
                return ast.ErrorStatementAst(self.extent(if_token.start, keyword.end), parts)
            self.skip_newlines()
            condition = self.pipeline_chain_rule()
            if condition is None:
                where = self.after(lparen.end)
                self.report_incomplete(where, "IfStatementMissingCondition", keyword.text)
                condition = ast.ErrorStatementAst(where)
            else:
                parts.append(condition)
            self.skip_newlines()
            rparen = self.next_token()
            if rparen.kind is not _K.RParen:
                self.unget_token(rparen)
                if not isinstance(condition, ast.ErrorStatementAst):
                    self.report_incomplete(self.token_extent(rparen), "MissingEndParenthesisAfterStatement",
                                           keyword.text)  # fmt: skip
                return ast.ErrorStatementAst(self.extent(if_token.start, max(rparen.start - 1, if_token.end)), parts)
            self.skip_newlines()
            body = self.statement_block_rule()
            if body is None:
                self.report_incomplete(self.token_extent(rparen), "MissingStatementBlock", keyword.text)
                return ast.ErrorStatementAst(self.extent(if_token.start, rparen.end), parts)
            parts.append(body)
            clauses.append((condition, body))
            # Newlines after the last clause may matter to the caller (a hash literal's next entry).
            restore = self.tokenizer.restore_point() if self.ungot is None else self.ungot.start
            self.skip_newlines()
            keyword = self.peek_token()
            if keyword.kind is _K.ElseIf:
                self.skip_token()
                continue
            if keyword.kind is _K.Else:
                self.skip_token()
                self.skip_newlines()
                else_clause = self.statement_block_rule()
                if else_clause is None:
                    self.report_incomplete(self.after(keyword.end), "MissingStatementBlockAfterElse")
                    return ast.ErrorStatementAst(self.extent(if_token.start, keyword.end), parts)
            else:
                self.resync(restore)
            break
        end = else_clause.extent.end_offset if else_clause is not None else clauses[-1][1].extent.end_offset
        return ast.IfStatementAst(self.extent(if_token.start, end), clauses, else_clause)

    # ------------------------------------------------------------ switch
    def switch_statement_rule(self, switch_token: Token, label: Token | None = None) -> ast.StatementAst:
        start = (label or switch_token).start
        error_end = (label or switch_token).end
        is_error = False
        incomplete = False
        self.skip_newlines()
        condition: ast.PipelineBaseAst | None = None
        condition_in_parentheses = False
        specified: dict[str, tuple[Token, ast.Ast | None]] = {}
        flags = ast.SwitchFlags.NONE
        token = self.peek_token()
        while token.kind is _K.Parameter:
            self.skip_token()
            error_end = token.end
            name, flag = next(((name, flag) for name, flag in _SWITCH_FLAGS if _is_parameter(token, name)), ("", None))
            if flag is not None and flag is not ast.SwitchFlags.File:
                specified.setdefault(name, (token, None))
            if flag is None:
                is_error = True
                assert isinstance(token, ParameterToken)
                self.report_error(self.token_extent(token), "InvalidSwitchFlag", token.parameter_name)
                token = self.peek_token()
                continue
            if flag is ast.SwitchFlags.Regex:
                flags = (flags | flag) & ~ast.SwitchFlags.Wildcard
            elif flag is ast.SwitchFlags.Wildcard:
                flags = (flags | flag) & ~ast.SwitchFlags.Regex
            elif flag is ast.SwitchFlags.Exact:
                flags &= ~(ast.SwitchFlags.Regex | ast.SwitchFlags.Wildcard)
            elif flag is ast.SwitchFlags.File:
                flags |= flag
                self.skip_newlines()
                file_name = self.get_single_command_argument("file")
                if file_name is None:
                    is_error = True
                    incomplete = self.report_incomplete(self.after(token.end), "MissingFilenameOption")
                    specified.setdefault("file", (token, None))
                else:
                    error_end = file_name.extent.end_offset
                    expression = ast.CommandExpressionAst(file_name.extent, file_name, None)
                    condition = ast.PipelineAst(file_name.extent, [expression])
                    specified.setdefault("file", (token, condition))
            else:
                flags |= flag
            token = self.peek_token()
        lparen = self.peek_token()
        if lparen.kind is _K.LParen:
            error_end = lparen.end
            self.skip_token()
            if flags & ast.SwitchFlags.File:
                is_error = True
                self.report_error(self.token_extent(lparen), "PipelineValueRequired")
            self.skip_newlines()
            condition_in_parentheses = True
            condition = self.pipeline_chain_rule()
            if condition is None:
                is_error = True
                incomplete = self.report_incomplete(self.after(lparen.end), "PipelineValueRequired")
            else:
                error_end = condition.extent.end_offset
            self.skip_newlines()
            rparen = self.next_token()
            if rparen.kind is not _K.RParen:
                self.unget_token(rparen)
                if not incomplete:
                    is_error = True
                    incomplete = self.report_incomplete(self.after(error_end), "MissingEndParenthesisInSwitchStatement")
            else:
                error_end = rparen.end
        elif condition is None and not flags & ast.SwitchFlags.File:
            is_error = True
            incomplete = self.report_incomplete(self.after(error_end), "PipelineValueRequired")
        self.skip_newlines()
        lcurly = self.next_token()
        clauses: list[tuple[ast.ExpressionAst, ast.StatementBlockAst]] = []
        default: ast.StatementBlockAst | None = None
        parts: list[ast.Ast] = []
        rcurly: Token | None = None
        if lcurly.kind is not _K.LCurly:
            self.unget_token(lcurly)
            if not incomplete:
                is_error = True
                self.report_incomplete(self.after(error_end), "MissingCurlyBraceInSwitchStatement")
        else:
            error_end = lcurly.end
            self.skip_newlines()
            while True:
                token = self.peek_token()
                clause_condition: ast.ExpressionAst | None
                is_default = token.kind is _K.Default
                if is_default:
                    self.skip_token()
                    clause_condition = ast.StringConstantExpressionAst(
                        self.token_extent(token), token.text, ast.StringConstantType.BareWord
                    )
                else:
                    clause_condition = self.get_single_command_argument("switch")
                    if clause_condition is None:
                        is_error = True
                        self.report_incomplete(self.after(error_end), "MissingSwitchConditionExpression")
                        if self.peek_token().kind is _K.RCurly:
                            self.skip_token()
                        break
                parts.append(clause_condition)
                error_end = clause_condition.extent.end_offset
                body = self.statement_block_rule()
                if body is None:
                    is_error = True
                    incomplete = self.report_incomplete(self.after(error_end), "MissingSwitchStatementClause")
                else:
                    parts.append(body)
                    error_end = body.extent.end_offset
                    if is_default:
                        if default is not None:
                            is_error = True
                            self.report_error(clause_condition.extent, "MultipleSwitchDefaultClauses")
                        default = body
                    else:
                        clauses.append((clause_condition, body))
                self.skip_newlines_and_semicolons()
                token = self.peek_token()
                if token.kind is _K.RCurly:
                    rcurly = token
                    self.skip_token()
                    break
                if token.kind is _K.EndOfInput:
                    if not incomplete:
                        is_error = True
                        self.report_incomplete(self.token_extent(lcurly), "MissingEndCurlyBrace",
                                               detected=self.token_extent(token))  # fmt: skip
                    break
        if is_error or rcurly is None or condition is None:
            conditions: list[ast.Ast] = [condition] if condition is not None and condition_in_parentheses else []
            extent = self.extent(start, error_end)
            return ast.ErrorStatementAst(extent, None, switch_token, specified, conditions, parts)
        label_text = label.value if label is not None else None
        return ast.SwitchStatementAst(self.extent(start, rcurly.end), label_text, condition, flags, clauses, default)

    # ------------------------------------------------------------ loops
    def foreach_statement_rule(self, foreach_token: Token, label: Token | None = None) -> ast.StatementAst:
        start = (label or foreach_token).start
        error_end: int | None = None
        self.skip_newlines()
        token = self.peek_token()
        flags = ast.ForEachFlags.NONE
        throttle_limit: ast.ExpressionAst | None = None
        while token.kind is _K.Parameter:
            self.skip_token()
            if _is_parameter(token, "parallel"):
                flags |= ast.ForEachFlags.Parallel
            elif _is_parameter(token, "throttlelimit"):
                self.skip_newlines()
                throttle_limit = self.get_single_command_argument("argument")
                if throttle_limit is None:
                    self.report_incomplete(self.after(token.end), "MissingThrottleLimit")
            else:
                error_end = token.end
                assert isinstance(token, ParameterToken)
                self.report_error(self.token_extent(token), "InvalidForeachFlag", token.parameter_name)
            self.skip_newlines()
            token = self.peek_token()
        lparen = self.next_token()
        if lparen.kind is not _K.LParen:
            self.unget_token(lparen)
            self.report_incomplete(self.after(foreach_token.end), "MissingOpenParenthesisAfterKeyword", "foreach")
            return ast.ErrorStatementAst(self.extent(start, foreach_token.end))
        self.skip_newlines()
        token = self.next_token()
        if token.kind is not _K.Variable and token.kind is not _K.SplattedVariable:
            self.unget_token(token)
            self.report_incomplete(self.after(lparen.end), "MissingVariableNameAfterForeach")
            return ast.ErrorStatementAst(self.extent(start, lparen.end))
        variable = self.variable_from_token(token)
        self.skip_newlines()
        pipeline: ast.PipelineBaseAst | None = None
        body: ast.StatementBlockAst | None = None
        in_token = self.next_token()
        if in_token.kind is not _K.In:
            self.unget_token(in_token)
            error_end = variable.extent.end_offset
            self.report_incomplete(self.after(error_end), "MissingInInForeach")
        else:
            self.skip_newlines()
            pipeline = self.pipeline_chain_rule()
            if pipeline is None:
                error_end = in_token.end
                self.report_incomplete(self.after(error_end), "MissingForeachExpression")
            else:
                self.skip_newlines()
                rparen = self.next_token()
                if rparen.kind is not _K.RParen:
                    self.unget_token(rparen)
                    error_end = pipeline.extent.end_offset
                    self.report_incomplete(self.after(error_end), "MissingEndParenthesisAfterForeach")
                else:
                    body = self.statement_block_rule()
                    if body is None:
                        error_end = rparen.end
                        self.report_incomplete(self.after(error_end), "MissingForeachStatement")
        if error_end is not None or pipeline is None or body is None:
            nested: list[ast.Ast] = [node for node in (variable, pipeline, body) if node is not None]
            return ast.ErrorStatementAst(self.extent(start, error_end or variable.extent.end_offset), nested)
        if throttle_limit is not None and not flags & ast.ForEachFlags.Parallel:
            self.report_semantic(throttle_limit.extent, "ThrottleLimitRequiresParallelFlag")
        label_text = label.value if label is not None else None
        return ast.ForEachStatementAst(
            self.extent(start, body.extent.end_offset), label_text, flags, throttle_limit, variable, pipeline, body
        )

    def for_statement_rule(self, for_token: Token, label: Token | None = None) -> ast.StatementAst:
        start = (label or for_token).start
        self.skip_newlines()
        lparen = self.next_token()
        if lparen.kind is not _K.LParen:
            self.unget_token(lparen)
            self.report_incomplete(self.after(for_token.end), "MissingOpenParenthesisAfterKeyword", "for")
            return ast.ErrorStatementAst(self.extent(start, for_token.end))
        error_end: int | None = None
        self.skip_newlines()
        initializer = self.pipeline_chain_rule()
        if initializer is not None:
            error_end = initializer.extent.end_offset
        if self.peek_token().kind is _K.Semi:
            error_end = self.next_token().end
        self.skip_newlines()
        condition = self.pipeline_chain_rule()
        if condition is not None:
            error_end = condition.extent.end_offset
        if self.peek_token().kind is _K.Semi:
            error_end = self.next_token().end
        self.skip_newlines()
        iterator = self.pipeline_chain_rule()
        if iterator is not None:
            error_end = iterator.extent.end_offset
        self.skip_newlines()
        rparen = self.next_token()
        body: ast.StatementBlockAst | None = None
        if rparen.kind is not _K.RParen:
            self.unget_token(rparen)
            if error_end is None:
                error_end = lparen.end
            self.report_incomplete(self.after(error_end), "MissingEndParenthesisAfterStatement", "for")
        else:
            body = self.statement_block_rule()
            if body is None:
                error_end = rparen.end
                self.report_incomplete(self.after(error_end), "MissingLoopStatement", "for")
        if body is None:
            nested: list[ast.Ast] = [node for node in (initializer, condition, iterator) if node is not None]
            return ast.ErrorStatementAst(self.extent(start, error_end or for_token.end), nested)
        label_text = label.value if label is not None else None
        return ast.ForStatementAst(
            self.extent(start, body.extent.end_offset), label_text, initializer, condition, iterator, body
        )

    def while_statement_rule(self, while_token: Token, label: Token | None = None) -> ast.StatementAst:
        start = (label or while_token).start
        self.skip_newlines()
        lparen = self.next_token()
        if lparen.kind is not _K.LParen:
            self.unget_token(lparen)
            self.report_incomplete(self.after(while_token.end), "MissingOpenParenthesisAfterKeyword", while_token.text)
            return ast.ErrorStatementAst(self.extent(start, while_token.end))
        self.skip_newlines()
        condition = self.pipeline_chain_rule()
        nested: list[ast.Ast] = [condition] if condition is not None else []
        if condition is None:
            where = self.after(lparen.end)
            self.report_incomplete(where, "MissingExpressionAfterKeyword", "while")
            condition = ast.ErrorStatementAst(where)
        self.skip_newlines()
        rparen = self.next_token()
        if rparen.kind is not _K.RParen:
            self.unget_token(rparen)
            if not isinstance(condition, ast.ErrorStatementAst):
                self.report_incomplete(self.after(condition.extent.end_offset), "MissingEndParenthesisAfterStatement",
                                       "while")  # fmt: skip
            return ast.ErrorStatementAst(self.extent(start, condition.extent.end_offset), nested)
        self.skip_newlines()
        body = self.statement_block_rule()
        if body is None:
            self.report_incomplete(self.after(rparen.end), "MissingLoopStatement", "while")
            return ast.ErrorStatementAst(self.extent(start, rparen.end), nested)
        label_text = label.value if label is not None else None
        return ast.WhileStatementAst(self.extent(start, body.extent.end_offset), label_text, condition, body)

    def do_statement_rule(self, do_token: Token, label: Token | None = None) -> ast.StatementAst:
        start = (label or do_token).start
        error_end: int | None = None
        rparen: Token | None = None
        keyword: Token | None = None
        condition: ast.PipelineBaseAst | None = None
        body = self.statement_block_rule()
        if body is None:
            error_end = do_token.end
            self.report_incomplete(self.after(error_end), "MissingLoopStatement", "do")
        else:
            self.skip_newlines()
            keyword = self.next_token()
            if keyword.kind is not _K.While and keyword.kind is not _K.Until:
                self.unget_token(keyword)
                error_end = body.extent.end_offset
                self.report_incomplete(self.after(error_end), "MissingWhileOrUntilInDoWhile")
            else:
                self.skip_newlines()
                lparen = self.next_token()
                if lparen.kind is not _K.LParen:
                    self.unget_token(lparen)
                    error_end = keyword.end
                    self.report_incomplete(self.after(error_end), "MissingOpenParenthesisAfterKeyword",
                                           keyword.text.lower())  # fmt: skip
                else:
                    self.skip_newlines()
                    condition = self.pipeline_chain_rule()
                    if condition is None:
                        error_end = lparen.end
                        self.report_incomplete(self.after(error_end), "MissingExpressionAfterKeyword",
                                               keyword.text.lower())  # fmt: skip
                    self.skip_newlines()
                    rparen = self.next_token()
                    if rparen.kind is not _K.RParen:
                        self.unget_token(rparen)
                        if condition is not None:
                            error_end = condition.extent.end_offset
                            self.report_incomplete(self.after(error_end), "MissingEndParenthesisAfterStatement",
                                                   keyword.text.lower())  # fmt: skip
                        rparen = None
        if error_end is not None or body is None or condition is None or rparen is None or keyword is None:
            nested: list[ast.Ast] = [node for node in (body, condition) if node is not None]
            return ast.ErrorStatementAst(self.extent(start, error_end or do_token.end), nested)
        extent = self.extent(start, rparen.end)
        label_text = label.value if label is not None else None
        if keyword.kind is _K.Until:
            return ast.DoUntilStatementAst(extent, label_text, condition, body)
        return ast.DoWhileStatementAst(extent, label_text, condition, body)

    # ------------------------------------------------------------ functions
    def function_declaration_rule(self, function_token: Token) -> ast.StatementAst:
        self.skip_newlines()
        name_token = self.next_token()
        if name_token.kind in _NOT_FUNCTION_NAMES:
            self.unget_token(name_token)
            self.report_incomplete(self.after(function_token.end), "MissingNameAfterKeyword", function_token.text)
            return ast.ErrorStatementAst(self.token_extent(function_token))
        parameters, error_end, rparen = self.function_parameter_declaration_rule()
        lcurly = self.function_body_start(function_token, name_token, parameters, error_end, rparen)
        if isinstance(lcurly, ast.ErrorStatementAst):
            return lcurly
        is_filter = function_token.kind is _K.Filter
        is_workflow = function_token.kind is _K.Workflow
        tokenizer = self.tokenizer
        old_workflow = tokenizer.in_workflow_context
        try:
            tokenizer.in_workflow_context = is_workflow
            body = self.script_block_rule(lcurly, is_filter)
        finally:
            tokenizer.in_workflow_context = old_workflow
        name = name_token.value if name_token.kind is _K.Generic else name_token.text
        extent = self.extent(function_token.start, body.extent.end_offset)
        if parameters and body.param_block is not None:
            self.report_semantic(body.param_block.extent, "OnlyOneParameterListAllowed")
        if is_workflow:
            self.report_semantic(extent, "WorkflowNotSupportedInPowerShellCore")
        return ast.FunctionDefinitionAst(extent, is_filter, is_workflow, name, parameters or None, body)

    def function_body_start(
        self,
        start: Token,
        name_token: Token,
        parameters: list[ast.ParameterAst] | None,
        error_end: int | None,
        rparen: Token | None,
    ) -> Token | ast.ErrorStatementAst:
        """The ``{`` of a function's (or method's) body, or the error statement when it is missing."""
        lcurly = self.next_token()
        if lcurly.kind is not _K.LCurly:
            self.unget_token(lcurly)
            if error_end is None:
                error_end = rparen.end if rparen is not None else name_token.end
                self.report_incomplete(self.after(error_end), "MissingFunctionBody")
        if error_end is not None:
            return ast.ErrorStatementAst(self.extent(start.start, error_end), list(parameters or []))
        return lcurly

    def function_parameter_declaration_rule(
        self,
    ) -> tuple[list[ast.ParameterAst] | None, int | None, Token | None]:
        """``( parameters )`` after a function name: (parameters or None, error end, the ``)``)."""
        parameters: list[ast.ParameterAst] | None = None
        error_end: int | None = None
        rparen: Token | None = None
        self.skip_newlines()
        lparen = self.peek_token()
        if lparen.kind is _K.LParen:
            self.skip_token()
            parameters = self.parameter_list_rule()
            self.skip_newlines()
            rparen = self.next_token()
            if rparen.kind is not _K.RParen:
                self.unget_token(rparen)
                error_end = parameters[-1].extent.end_offset if parameters else lparen.end
                self.report_incomplete(self.after(error_end), "MissingEndParenthesisInFunctionParameterList")
            self.skip_newlines()
            self.check_parameters(parameters)
        return parameters, error_end, rparen

    # ------------------------------------------------------------ errors: trap, try, catch
    def trap_statement_rule(self, trap_token: Token) -> ast.StatementAst:
        restore = self.tokenizer.restore_point() if self.ungot is None else self.ungot.start
        self.skip_newlines()
        attribute = self.attribute_rule()
        trap_type = attribute if isinstance(attribute, ast.TypeConstraintAst) else None
        if attribute is not None and trap_type is None:
            self.resync(restore)  # an attribute belongs to what follows the trap
        body = self.statement_block_rule()
        if body is None:
            end = trap_type.extent.end_offset if trap_type is not None else trap_token.end
            self.report_incomplete(self.after(end), "MissingTrapStatement")
            return ast.ErrorStatementAst(self.extent(trap_token.start, end), [trap_type] if trap_type else None)
        return ast.TrapStatementAst(self.extent(trap_token.start, body.extent.end_offset), trap_type, body)

    def catch_block_rule(self, state: list[object]) -> ast.CatchClauseAst | None:
        """One ``catch [T], [U] { }``; ``state`` is [error end or None, type constraints of failed clauses]."""
        self.skip_newlines()
        catch_token = self.next_token()
        if catch_token.kind is not _K.Catch:
            self.unget_token(catch_token)
            return None
        types: list[ast.TypeConstraintAst] | None = None
        comma: Token | None = None
        while True:
            restore = self.tokenizer.restore_point() if self.ungot is None else self.ungot.start
            self.skip_newlines()
            attribute = self.attribute_rule()
            if attribute is None:
                if comma is not None:
                    state[0] = comma.end
                    self.report_incomplete(self.after(comma.end), "MissingTypeLiteralToken")
                break
            if not isinstance(attribute, ast.TypeConstraintAst):
                self.resync(restore)  # an attribute belongs to what follows the try statement
                break
            if types is None:
                types = []
            types.append(attribute)
            self.skip_newlines()
            comma = self.peek_token()
            if comma.kind is not _K.Comma:
                break
            self.skip_token()
        handler = self.statement_block_rule()
        if handler is None:
            if comma is None or state[0] != comma.end:
                end = types[-1].extent.end_offset if types else catch_token.end
                state[0] = end
                self.report_incomplete(self.after(end), "MissingCatchHandlerBlock")
            if types:
                state[1].extend(types)  # type: ignore[attr-defined]
            return None
        return ast.CatchClauseAst(self.extent(catch_token.start, handler.extent.end_offset), types, handler)

    def try_statement_rule(self, try_token: Token) -> ast.StatementAst:
        self.skip_newlines()
        body = self.statement_block_rule()
        if body is None:
            self.report_incomplete(self.after(try_token.end), "MissingTryStatementBlock")
            return ast.ErrorStatementAst(self.token_extent(try_token))
        state: list[object] = [None, []]
        catches: list[ast.CatchClauseAst] = []
        while True:
            clause = self.catch_block_rule(state)
            if clause is None:
                break
            catches.append(clause)
        self.skip_newlines()
        finally_token = self.peek_token()
        finally_block: ast.StatementBlockAst | None = None
        if finally_token.kind is _K.Finally:
            self.skip_token()
            finally_block = self.statement_block_rule()
            if finally_block is None:
                state[0] = finally_token.end
                self.report_incomplete(self.after(finally_token.end), "MissingFinallyStatementBlock", "finally")
        if not catches and finally_block is None and state[0] is None:
            state[0] = body.extent.end_offset
            self.report_incomplete(self.after(body.extent.end_offset), "MissingCatchOrFinally")
        if state[0] is not None:
            nested: list[ast.Ast] = [body, *catches, *state[1]]  # type: ignore[misc]
            return ast.ErrorStatementAst(self.extent(try_token.start, state[0]), nested)  # type: ignore[arg-type]
        self.check_catch_clauses(catches)
        end = finally_block.extent.end_offset if finally_block is not None else catches[-1].extent.end_offset
        return ast.TryStatementAst(self.extent(try_token.start, end), body, catches, finally_block)

    def check_catch_clauses(self, catches: list[ast.CatchClauseAst]) -> None:
        """A catch-all must come last; a type caught twice is an error (SemanticChecks)."""
        seen: set[str] = set()
        for index, clause in enumerate(catches):
            if clause.is_catch_all and index < len(catches) - 1:
                self.report_semantic(clause.extent, "EmptyCatchNotLast")
            for constraint in clause.catch_types:
                name = constraint.type_name.full_name.lower()
                if name in seen:
                    full_name = constraint.type_name.full_name
                    self.report_semantic(constraint.extent, "ExceptionTypeAlreadyCaught", full_name)
                seen.add(name)

    # ------------------------------------------------------------ configuration
    def configuration_statement_rule(self, token: Token) -> ast.StatementAst | None:
        """``configuration Name { ... }`` (DSC): parsed; its resources are commands in the body."""
        self.skip_newlines()
        name_token = self.peek_token()
        if name_token.kind is _K.LCurly or name_token.kind is _K.EndOfInput or name_token.kind is _K.Comma:
            self.report_incomplete(self.after(token.end), "MissingConfigurationName")
            if name_token.kind is _K.LCurly:
                self.skip_token()
                self.script_block_expression_rule(name_token)
            return None
        name = self.get_single_command_argument("name")
        if name is None:
            self.report_incomplete(self.token_extent(name_token), "MissingConfigurationName")
            return ast.ErrorStatementAst(self.token_extent(token))
        self.skip_newlines()
        lcurly = self.next_token()
        if lcurly.kind is not _K.LCurly:
            self.unget_token(lcurly)
            self.report_incomplete(self.after(name.extent.end_offset), "MissingCurlyInConfigurationStatement")
            return ast.ErrorStatementAst(self.extent(token.start, name.extent.end_offset), [name])
        body = self.script_block_expression_rule(lcurly)
        extent = self.extent(token.start, body.extent.end_offset)
        return ast.ConfigurationDefinitionAst(extent, body, name)  # type: ignore[arg-type]

    # ------------------------------------------------------------ data
    def data_statement_rule(self, data_token: Token) -> ast.StatementAst:
        error_end: int | None = None
        self.skip_newlines()
        name = self.simple_name_rule()
        self.skip_newlines()
        token = self.peek_token()
        commands: list[ast.ExpressionAst] | None = None
        if token.kind is _K.Parameter:
            self.skip_token()
            if not _is_parameter(token, "supportedcommand"):
                error_end = token.end
                assert isinstance(token, ParameterToken)
                self.report_error(self.token_extent(token), "InvalidParameterForDataSectionStatement",
                                  token.parameter_name)  # fmt: skip
            comma: Token | None = None
            commands = []
            while True:
                self.skip_newlines()
                command = self.get_single_command_argument("name")
                if command is None:
                    if error_end is None:
                        self.report_incomplete(self.after((comma or token).end),
                                               "MissingValueForSupportedCommandInDataSectionStatement")  # fmt: skip
                    error_end = (comma or token).end
                    break
                commands.append(command)
                comma = self.peek_token()
                if comma.kind is not _K.Comma:
                    break
                self.skip_token()
        body: ast.StatementBlockAst | None = None
        if error_end is None:
            body = self.statement_block_rule()
            if body is None:
                if commands:
                    error_end = commands[-1].extent.end_offset
                else:
                    error_end = name.extent.end_offset if name is not None else data_token.end
                self.report_incomplete(self.after(error_end), "MissingStatementBlockForDataSection")
        if error_end is not None or body is None:
            return ast.ErrorStatementAst(
                self.extent(data_token.start, error_end or data_token.end), list(commands or [])
            )
        variable = name.value if name is not None else None
        return ast.DataStatementAst(self.extent(data_token.start, body.extent.end_offset), variable, commands, body)


_Rule = Callable[[StatementRules, Token], "ast.StatementAst | None"]
_STATEMENT_RULES: dict[TokenKind, _Rule] = {
    _K.If: StatementRules.if_statement_rule,
    _K.Switch: StatementRules.switch_statement_rule,
    _K.Foreach: StatementRules.foreach_statement_rule,
    _K.For: StatementRules.for_statement_rule,
    _K.While: StatementRules.while_statement_rule,
    _K.Do: StatementRules.do_statement_rule,
    _K.Function: StatementRules.function_declaration_rule,
    _K.Filter: StatementRules.function_declaration_rule,
    _K.Workflow: StatementRules.function_declaration_rule,
    _K.Return: StatementRules.return_statement_rule,
    _K.Throw: StatementRules.throw_statement_rule,
    _K.Exit: StatementRules.exit_statement_rule,
    _K.Break: StatementRules.break_statement_rule,
    _K.Continue: StatementRules.continue_statement_rule,
    _K.Trap: StatementRules.trap_statement_rule,
    _K.Try: StatementRules.try_statement_rule,
    _K.Data: StatementRules.data_statement_rule,
    _K.Parallel: StatementRules.block_statement_rule,
    _K.Sequence: StatementRules.block_statement_rule,
}
