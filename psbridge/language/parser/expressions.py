"""Rules for expressions: ternary, binary operators by precedence, unary, casts, primaries, member chains."""

from __future__ import annotations

from .. import ast
from ..extent import Extent, SourceText
from ..tokenizer import COMMAND, EXPRESSION, TYPE_NAME
from ..tokens import (
    BINARY_PRECEDENCE,
    TRAITS,
    ParameterToken,
    StringExpandableToken,
    Token,
    TokenFlags,
    TokenKind,
    UnscannedSubExprToken,
    VariableToken,
)
from ..variables import VariablePath
from .core import ParserCore

__all__ = ["ExpressionRules"]

_K = TokenKind
_UNARY = int(TokenFlags.UnaryOperator)
_BINARY = int(TokenFlags.BinaryOperator)
_STRING_TYPES = {
    _K.StringLiteral: ast.StringConstantType.SingleQuoted,
    _K.StringExpandable: ast.StringConstantType.DoubleQuoted,
    _K.HereStringLiteral: ast.StringConstantType.SingleQuotedHereString,
    _K.HereStringExpandable: ast.StringConstantType.DoubleQuotedHereString,
    _K.Generic: ast.StringConstantType.BareWord,
}
_MEMBER_OPERATORS = frozenset((_K.Dot, _K.ColonColon, _K.QuestionDot))
_INDEX_OPERATORS = frozenset((_K.LBracket, _K.QuestionLBracket))


class ExpressionRules(ParserCore):
    def expression_rule(self, end_number_on_ternary: bool = False) -> ast.ExpressionAst | None:
        """``binary-expression`` or ``condition ? a : b``."""
        old_mode = self.set_mode(EXPRESSION)
        try:
            condition = self.binary_expression_rule(end_number_on_ternary)
            if condition is None:
                return None
            token = self.peek_token()
            if token.kind is not _K.QuestionMark:
                return condition
            self.skip_token()
            self.skip_newlines()
            if_true = self.expression_rule(True)
            if if_true is None:
                where = self.after(token.end)
                self.report_incomplete(where, "ExpectedValueExpression", token.text)
                if_true = ast.ErrorExpressionAst(where)
            self.skip_newlines()
            token = self.next_token()
            if token.kind is not _K.Colon:
                self.unget_token(token)
                parts: list[ast.Ast] = [condition]
                if not isinstance(if_true, ast.ErrorExpressionAst):
                    parts.append(if_true)
                    self.report_incomplete(self.token_extent(token), "MissingColonInTernaryExpression")
                end = max(token.start - 1, condition.extent.end_offset)
                return ast.ErrorExpressionAst(self.extent(condition.extent.start_offset, end), parts)
            self.skip_newlines()
            if_false = self.expression_rule(True)
            if if_false is None:
                where = self.after(token.end)
                self.report_incomplete(where, "ExpectedValueExpression", token.text)
                if_false = ast.ErrorExpressionAst(where)
            extent = self.extent(condition.extent.start_offset, if_false.extent.end_offset)
            return ast.TernaryExpressionAst(extent, condition, if_true, if_false)
        finally:
            self.set_mode(old_mode)

    def binary_expression_rule(self, end_number_on_ternary: bool = False) -> ast.ExpressionAst | None:
        """Operands joined by binary operators, grouped by PowerShell's precedence (left-associative)."""
        old_mode = self.set_mode(EXPRESSION)
        try:
            expression = self.array_literal_rule(end_number_on_ternary)
            if expression is None:
                return None
            token = self.peek_token()
            if not TRAITS[token.kind] & _BINARY:
                if isinstance(token, ParameterToken):
                    return self._parameter_in_expression(token, expression)
                return expression
            self.skip_token()
            operands = [expression]
            operators = [token]
            precedence = BINARY_PRECEDENCE[token.kind]
            stray: ParameterToken | None = None
            while True:
                self.skip_newlines()
                expression = self.array_literal_rule(True)
                if expression is None:
                    where = self.after(token.end)
                    self.report_incomplete(where, "ExpectedValueExpression", token.text)
                    expression = ast.ErrorExpressionAst(where)
                operands.append(expression)
                token = self.next_token()
                if not TRAITS[token.kind] & _BINARY:
                    if isinstance(token, ParameterToken):
                        stray = token
                    self.unget_token(token)
                    break
                new_precedence = BINARY_PRECEDENCE[token.kind]
                while new_precedence <= precedence:
                    right = operands.pop()
                    left = operands.pop()
                    operator = operators.pop()
                    operands.append(self._binary(left, operator, right))
                    if not operators:
                        break
                    precedence = BINARY_PRECEDENCE[operators[-1].kind]
                operators.append(token)
                precedence = new_precedence
            right = operands.pop()
            while operands:
                right = self._binary(operands.pop(), operators.pop(), right)
            if stray is not None:
                return self._parameter_in_expression(stray, right)
            return right
        finally:
            self.set_mode(old_mode)

    def _binary(self, left: ast.ExpressionAst, operator: Token, right: ast.ExpressionAst) -> ast.BinaryExpressionAst:
        extent = self.extent(left.extent.start_offset, right.extent.end_offset)
        return ast.BinaryExpressionAst(extent, left, operator.kind, right, self.token_extent(operator))

    def _parameter_in_expression(self, token: ParameterToken, expression: ast.ExpressionAst) -> ast.ExpressionAst:
        """``$a -bogus $b``: an unknown operator is an error; eat it as an incomplete operator."""
        self.report_error(self.token_extent(token), "UnexpectedToken", token.text)
        self.skip_token()
        parameter = ast.CommandParameterAst(self.token_extent(token), token.parameter_name, None,
                                            self.token_extent(token))  # fmt: skip
        return ast.ErrorExpressionAst(self.extent(expression.extent.start_offset, token.end), [expression, parameter])

    def array_literal_rule(self, end_number_on_ternary: bool = False) -> ast.ExpressionAst | None:
        """``a, b, c`` (unless commas separate something else here: arguments, parameters)."""
        last = self.unary_expression_rule(end_number_on_ternary)
        if last is None:
            return None
        comma = self.peek_token()
        if comma.kind is not _K.Comma or self.disable_comma:
            return last
        first = last
        values = [last]
        while comma.kind is _K.Comma:
            self.skip_token()
            self.skip_newlines()
            element = self.unary_expression_rule(True)
            if element is None:
                self.report_incomplete(self.after(comma.end), "MissingExpressionAfterToken", comma.text)
                last = ast.ErrorExpressionAst(self.token_extent(comma))
                values.append(last)
                break
            last = element
            values.append(last)
            comma = self.peek_token()
        return ast.ArrayLiteralAst(self.extent(first.extent.start_offset, last.extent.end_offset), values)

    def unary_expression_rule(self, end_number_on_ternary: bool = False) -> ast.ExpressionAst | None:
        """A unary operator and its operand, a cast or attribute, or a primary expression; then ``++``/``--``."""
        tokenizer = self.tokenizer
        old_signed = tokenizer.allow_signed_numbers
        old_ternary = tokenizer.force_end_number_on_ternary
        try:
            tokenizer.allow_signed_numbers = True
            tokenizer.force_end_number_on_ternary = end_number_on_ternary
            ungot = self.ungot
            if ungot is not None and (ungot.kind is _K.Minus or (end_number_on_ternary and ungot.kind is _K.Generic)):
                self.resync_token(ungot)  # it may scan differently now: a signed number, '12' before '?'
            token = self.peek_token()
        finally:
            tokenizer.allow_signed_numbers = old_signed
            tokenizer.force_end_number_on_ternary = old_ternary
        kind = token.kind
        expression: ast.ExpressionAst | None
        if TRAITS[kind] & _UNARY:
            if self.disable_comma and kind is _K.Comma:
                return None
            self.skip_token()
            self.skip_newlines()
            child = self.unary_expression_rule(True)
            if child is None:
                self.report_incomplete(self.after(token.end), "MissingExpressionAfterOperator", token.text)
                return ast.ErrorExpressionAst(self.token_extent(token))
            extent = self.extent(token.start, child.extent.end_offset)
            if kind is _K.Comma:
                expression = ast.ArrayLiteralAst(extent, [child])
            else:
                expression = ast.UnaryExpressionAst(extent, kind, child)
                if kind is _K.PlusPlus or kind is _K.MinusMinus:
                    self.check_increment_target(child, token)
        elif kind is _K.LBracket:
            expression = self._attributed_expression(token)
            if expression is None:
                return None
        else:
            expression = self.primary_expression_rule(True)
        if expression is not None:
            token = self.peek_token()
            if token.kind is _K.PlusPlus or token.kind is _K.MinusMinus:
                self.skip_token()
                operation = _K.PostfixPlusPlus if token.kind is _K.PlusPlus else _K.PostfixMinusMinus
                self.check_increment_target(expression, token)
                extent = self.extent(expression.extent.start_offset, token.end)
                expression = ast.UnaryExpressionAst(extent, operation, expression)
        return expression

    def _attributed_expression(self, lbracket: Token) -> ast.ExpressionAst | None:
        """``[type]expr`` (a cast), ``[type]`` (a type), ``[type]::Member``, ``[Attribute()]expr``."""
        attributes = self.attribute_list_rule(True)
        if attributes is None:
            return None
        last = attributes[-1]
        expression: ast.ExpressionAst | None = None
        if isinstance(last, ast.AttributeAst):
            self.skip_newlines()
            child = self.unary_expression_rule(True)
            if child is None:
                self.report_incomplete(last.extent, "UnexpectedAttribute", last.type_name.full_name)
                return ast.ErrorExpressionAst(self.extent(lbracket.start, last.extent.end_offset), list(attributes))
            expression = ast.AttributedExpressionAst(
                self.extent(last.extent.start_offset, child.extent.end_offset), last, child
            )
            self.attributed_expressions.append(expression)
        else:
            access = self.next_member_access_token(False) if self.ungot is None else None
            if access is not None:
                expression = self.check_post_primary_expression_operators(
                    access, ast.TypeExpressionAst(last.extent, last.type_name)
                )
            else:
                token = self.peek_token()
                if token.kind is not _K.NewLine and token.kind is not _K.Comma:
                    child = self.unary_expression_rule(True)
                    if child is not None:
                        expression = ast.ConvertExpressionAst(
                            self.extent(last.extent.start_offset, child.extent.end_offset), last, child
                        )
                        self.attributed_expressions.append(expression)
            if expression is None:
                expression = ast.TypeExpressionAst(last.extent, last.type_name)
        for attribute in reversed(attributes[:-1]):
            extent = self.extent(attribute.extent.start_offset, expression.extent.end_offset)
            if isinstance(attribute, ast.TypeConstraintAst):
                expression = ast.ConvertExpressionAst(extent, attribute, expression)
            else:
                expression = ast.AttributedExpressionAst(extent, attribute, expression)
            self.attributed_expressions.append(expression)
        return expression

    # ------------------------------------------------------------ primaries
    def primary_expression_rule(self, with_member_access: bool) -> ast.ExpressionAst | None:
        token = self.next_token()
        kind = token.kind
        expression: ast.ExpressionAst
        if kind is _K.Variable or kind is _K.SplattedVariable:
            return self.check_using_variable(token, with_member_access)  # type: ignore[arg-type]
        if kind is _K.Number:
            expression = ast.ConstantExpressionAst(self.token_extent(token), token.value)
        elif kind is _K.StringExpandable or kind is _K.HereStringExpandable:
            expression = self.expandable_string_rule(token)
        elif kind is _K.StringLiteral or kind is _K.HereStringLiteral:
            expression = ast.StringConstantExpressionAst(self.token_extent(token), token.value, _STRING_TYPES[kind])
        elif kind is _K.LParen:
            expression = self.parenthesized_expression_rule(token)
        elif kind is _K.AtParen or kind is _K.DollarParen:
            expression = self.sub_expression_rule(token)
        elif kind is _K.AtCurly:
            expression = self.hash_expression_rule(token)
        elif kind is _K.LCurly:
            expression = self.script_block_expression_rule(token)
        else:
            self.unget_token(token)
            return None
        if not with_member_access:
            return expression
        access = self.next_member_access_token(True)
        if access is None:
            return expression
        return self.check_post_primary_expression_operators(access, expression)

    def variable_from_token(self, token: Token) -> ast.VariableExpressionAst:
        assert isinstance(token, VariableToken)
        variable = ast.VariableExpressionAst(
            self.token_extent(token), VariablePath(token.name), token.kind is _K.SplattedVariable
        )
        if variable.splatted:
            self.splatted_variables.append(variable)
        return variable

    def check_using_variable(self, token: VariableToken, with_member_access: bool) -> ast.ExpressionAst:
        """``$using:name`` becomes a UsingExpressionAst around the variable (and its member accesses)."""
        name = token.name
        colon = name.find(":")
        if colon == 5 and name[:5].lower() == "using" and len(name) > 6:
            inner: ast.ExpressionAst = ast.VariableExpressionAst(
                self.token_extent(token), VariablePath(name[6:]), token.kind is _K.SplattedVariable
            )
            if with_member_access:
                access = self.next_member_access_token(True)
                if access is not None:
                    inner = self.check_post_primary_expression_operators(access, inner)
            return ast.UsingExpressionAst(inner.extent, inner)
        variable = self.variable_from_token(token)
        if not with_member_access:
            return variable
        access = self.next_member_access_token(True)
        if access is None:
            return variable
        return self.check_post_primary_expression_operators(access, variable)

    def check_post_primary_expression_operators(
        self, token: Token | None, expression: ast.ExpressionAst
    ) -> ast.ExpressionAst:
        """A chain of ``.member``, ``::member``, ``?.member``, ``[index]``, ``?[index]`` (iterative, any length)."""
        while token is not None:
            self.skip_newlines()  # fluent style: a newline may follow the operator
            kind = token.kind
            if kind in _MEMBER_OPERATORS:
                expression = self.member_access_rule(expression, token)
            elif kind in _INDEX_OPERATORS:
                expression = self.element_access_rule(expression, token)
            token = self.next_member_access_token(True)
        return expression

    def expandable_string_rule(self, token: Token) -> ast.ExpressionAst:
        string_type = _STRING_TYPES[token.kind]
        nested = token.nested_tokens if isinstance(token, StringExpandableToken) else None
        if not nested:
            return ast.StringConstantExpressionAst(self.token_extent(token), token.value, string_type)
        assert isinstance(token, StringExpandableToken)
        expressions = self.parse_nested_expressions(nested)
        return ast.ExpandableStringExpressionAst(
            self.token_extent(token), token.value, string_type, token.format_string, expressions
        )

    def parse_nested_expressions(self, tokens: list[Token]) -> list[ast.ExpressionAst]:
        expressions: list[ast.ExpressionAst] = []
        for token in tokens:
            if isinstance(token, VariableToken):
                expressions.append(self.check_using_variable(token, False))
            else:
                assert isinstance(token, UnscannedSubExprToken)
                expressions.append(self._nested_scan(token))
        return expressions

    def _nested_scan(self, token: UnscannedSubExprToken) -> ast.ExpressionAst:
        """Parse ``$( ... )`` of a string where it stands in the script (PowerShell's nested scan)."""
        tokenizer = self.tokenizer
        saved = (tokenizer.text, tokenizer.pos, tokenizer.end, tokenizer.token_start, tokenizer.mode, self.ungot,
                 self.text, self.source)  # fmt: skip
        error_mark = len(self.errors)
        mapping: list[int] | None = None
        tokenizer.nested_depth += 1
        try:
            self.ungot = None
            tokenizer.pos = token.start
            if token.skipped:
                # The string's scan read `" and "" as one quote: scan that text, then map positions back.
                mapping = token.skipped
                kept = [self.text[token.start : token.end]]
                for offset in reversed(mapping):
                    relative = offset - token.start
                    kept[0] = kept[0][:relative] + kept[0][relative + 1 :]
                text = self.text[: token.start] + kept[0]
                self.text = tokenizer.text = text
                self.source = SourceText(text, self.source.file)
                tokenizer.end = len(text)
            else:
                tokenizer.end = token.end
            expression = self.primary_expression_rule(True)
            if expression is None:
                expression = ast.ErrorExpressionAst(self.extent(token.start, token.end))
        finally:
            (tokenizer.text, tokenizer.pos, tokenizer.end, tokenizer.token_start, tokenizer.mode, self.ungot,
             self.text, self.source) = saved  # fmt: skip
            tokenizer.nested_depth -= 1
        if mapping is not None:
            _remap(expression, self.source, mapping)
            for error in self.errors[error_mark:]:
                error.extent = _remapped(error.extent, self.source, mapping)
        return expression

    # ------------------------------------------------------------ brackets
    def hash_expression_rule(self, at_curly: Token) -> ast.ExpressionAst:
        """``@{ key = statement; ... }``."""
        self.skip_newlines()
        pairs: list[tuple[ast.ExpressionAst, ast.StatementAst]] = []
        while True:
            pair = self.key_value_pair_rule()
            if pair is None:
                break
            pairs.append(pair)
            token = self.peek_token()
            if token.kind is not _K.NewLine and token.kind is not _K.Semi:
                break
            self.skip_newlines_and_semicolons()
        rcurly = self.next_token()
        if rcurly.kind is not _K.RCurly:
            self.unget_token(rcurly)
            self.report_incomplete(self.after(at_curly.end), "MissingEndCurlyBrace", detected=self.token_extent(rcurly))
            end = max(rcurly.start - 1, at_curly.end)
        else:
            end = rcurly.end
        self.check_hashtable_keys(pairs)
        return ast.HashtableAst(self.extent(at_curly.start, end), pairs)

    def key_value_pair_rule(self) -> tuple[ast.ExpressionAst, ast.StatementAst] | None:
        old_mode = self.set_mode(EXPRESSION)
        try:
            key = self.label_or_key_rule()
            if key is None:
                return None
            equals = self.next_token()
        finally:
            self.set_mode(old_mode)
        if equals.kind is not _K.Equals:
            self.unget_token(equals)
            where = self.after(key.extent.end_offset)
            self.report_error(where, "MissingEqualsInHashLiteral")
            self.sync_on_error(False, _K.RCurly, _K.Semi, _K.NewLine)
            return key, ast.ErrorStatementAst(where)
        old_mode = self.set_mode(COMMAND)
        try:
            self.skip_newlines()
            statement = self.statement_rule()
            if statement is None:
                where = self.after(equals.end)
                self.report_incomplete(where, "MissingStatementInHashLiteral")
                statement = ast.ErrorStatementAst(where)
        finally:
            self.set_mode(old_mode)
        return key, statement

    def script_block_expression_rule(self, lcurly: Token) -> ast.ExpressionAst:
        old_disable = self.disable_comma
        old_mode = self.set_mode(COMMAND)
        try:
            self.disable_comma = False
            self.skip_newlines()
            block = self.script_block_rule(lcurly, False)
        finally:
            self.disable_comma = old_disable
            self.set_mode(old_mode)
        return ast.ScriptBlockExpressionAst(block.extent, block)

    def sub_expression_rule(self, first: Token) -> ast.ExpressionAst:
        """``$( statements )`` or ``@( statements )``."""
        traps: list[ast.TrapStatementAst] = []
        statements: list[ast.StatementAst] = []
        old_disable = self.disable_comma
        old_mode = self.set_mode(COMMAND)
        try:
            self.disable_comma = False
            self.skip_newlines()
            span = self.statement_list_rule(statements, traps)
            self.skip_newlines()
            rparen = self.next_token()
            if rparen.kind is not _K.RParen:
                self.unget_token(rparen)
                self.report_incomplete(self.token_extent(rparen), "MissingEndParenthesisInSubexpression")
        finally:
            self.disable_comma = old_disable
            self.set_mode(old_mode)
        if rparen.kind is _K.RParen:
            end = rparen.end
        else:
            end = span[1] if span is not None else first.end
        inner = self.extent(*span) if span is not None else self.extent(first.end, first.end)
        block = ast.StatementBlockAst(inner, statements, traps)
        if first.kind is _K.DollarParen:
            return ast.SubExpressionAst(self.extent(first.start, end), block)
        return ast.ArrayExpressionAst(self.extent(first.start, end), block)

    def parenthesized_expression_rule(self, lparen: Token) -> ast.ExpressionAst:
        """``( pipeline )``."""
        old_disable = self.disable_comma
        old_mode = self.set_mode(COMMAND)
        try:
            self.disable_comma = False
            self.skip_newlines()
            pipeline = self.pipeline_chain_rule()
            if pipeline is None:
                where = self.after(lparen.end)
                self.report_incomplete(where, "ExpectedExpression")
                pipeline = ast.ErrorStatementAst(where)
            self.skip_newlines()
            rparen = self.next_token()
            if rparen.kind is not _K.RParen:
                self.unget_token(rparen)
                self.report_incomplete(self.after(pipeline.extent.end_offset), "MissingEndParenthesisInExpression")
                end = pipeline.extent.end_offset
            else:
                end = rparen.end
        finally:
            self.disable_comma = old_disable
            self.set_mode(old_mode)
        return ast.ParenExpressionAst(self.extent(lparen.start, end), pipeline)

    # ------------------------------------------------------------ members and indexes
    def member_name_rule(self) -> ast.ExpressionAst | None:
        name = self.simple_name_rule()
        if name is not None:
            return name
        token = self.peek_token()
        if TRAITS[token.kind] & _UNARY or token.kind is _K.LBracket:
            return self.unary_expression_rule()
        return self.primary_expression_rule(False)

    def member_access_rule(self, target: ast.ExpressionAst, operator: Token) -> ast.ExpressionAst:
        """``target.member``, possibly a call ``target.member(args)`` or ``target.Method[T](args)``."""
        member: ast.Ast | None = self.member_name_rule()
        if member is None:
            self.report_incomplete(self.after(operator.end), "MissingPropertyName")
            member = self.get_single_command_argument("argument") or ast.ErrorExpressionAst(
                self.extent(target.extent.start_offset, operator.end)
            )
        elif self.ungot is None:
            resync_index = self.tokenizer.restore_point()
            generic_arguments, rbracket = self.generic_method_arguments_rule(resync_index)
            lparen = self.next_invoke_member_token()
            if lparen is not None:
                return self.member_invoke_rule(target, lparen, operator, member, generic_arguments)
            if rbracket is not None:
                self.resync(resync_index)  # 'target.Property[index]', not a generic call
        extent = self.extent(target.extent.start_offset, member.extent.end_offset)
        return ast.MemberExpressionAst(
            extent, target, member, operator.kind is _K.ColonColon, operator.kind is _K.QuestionDot
        )

    def generic_method_arguments_rule(self, resync_index: int) -> tuple[list[ast.ITypeName] | None, Token | None]:
        """``Method[T1, T2]`` before ``(``: the type arguments; else nothing consumed."""
        tokenizer = self.tokenizer
        text, pos, end = tokenizer.text, tokenizer.pos, tokenizer.end
        while pos < end and tokenizer.is_whitespace(text[pos]):
            pos += 1
        if pos >= end or text[pos] not in "[#<":
            return None, None  # nothing that could be '[' follows: skip PowerShell's look-ahead token
        lbracket = self.next_token()
        if lbracket.kind is not _K.LBracket:
            self.resync(resync_index)
            return None, None
        arguments: list[ast.ITypeName] | None = None
        rbracket: Token | None = None
        old_mode = self.set_mode(TYPE_NAME)
        try:
            self.skip_newlines()
            first = self.next_token()
            if first.kind is _K.Identifier:
                resync_index = -1
                arguments, rbracket = self.generic_type_arguments_rule(first)
                if rbracket.kind is not _K.RBracket:
                    self.unget_token(rbracket)
                    self.report_incomplete(self.before(rbracket.start), "EndSquareBracketExpectedAtEndOfType")
                    rbracket = None
        finally:
            self.set_mode(old_mode)
            if resync_index > 0:
                self.resync(resync_index)
        return arguments, rbracket

    def member_invoke_rule(
        self,
        target: ast.ExpressionAst,
        lbracket: Token,
        operator: Token,
        member: ast.Ast,
        generic_arguments: list[ast.ITypeName] | None,
    ) -> ast.ExpressionAst:
        if lbracket.kind is _K.LParen:
            arguments, end = self.invoke_param_paren_list_rule(lbracket)
        else:  # target.Method{ script } is target.Method({ script })
            self.skip_newlines()
            block = self.script_block_expression_rule(lbracket)
            arguments, end = [block], block.extent.end_offset
        extent = self.extent(target.extent.start_offset, end)
        return ast.InvokeMemberExpressionAst(
            extent, target, member, arguments, operator.kind is _K.ColonColon, operator.kind is _K.QuestionDot,
            generic_arguments,
        )  # fmt: skip

    def invoke_param_paren_list_rule(self, lparen: Token) -> tuple[list[ast.ExpressionAst], int]:
        """``(a, b, c)`` of a method call; returns the arguments and where the list ends."""
        arguments: list[ast.ExpressionAst] = []
        comma: Token | None = None
        reported = False
        old_disable = self.disable_comma
        try:
            self.disable_comma = True
            while True:
                self.skip_newlines()
                argument = self.expression_rule()
                if argument is None:
                    if comma is not None:
                        self.report_incomplete(self.after(comma.end), "MissingExpressionAfterToken", ",")
                        reported = True
                    break
                arguments.append(argument)
                self.skip_newlines()
                comma = self.next_token()
                if comma.kind is not _K.Comma:
                    self.unget_token(comma)
                    comma = None
                    break
            self.skip_newlines()
            rparen = self.next_token()
            if rparen.kind is not _K.RParen:
                self.unget_token(rparen)
                if not reported:
                    where = arguments[-1].extent.end_offset if arguments else lparen.end
                    self.report_incomplete(self.after(where), "MissingEndParenthesisInMethodCall")
                end = comma.end if comma is not None else arguments[-1].extent.end_offset if arguments else lparen.end
            else:
                end = rparen.end
        finally:
            self.disable_comma = old_disable
        return arguments, end

    def element_access_rule(self, target: ast.ExpressionAst, lbracket: Token) -> ast.ExpressionAst:
        """``target[index]`` / ``target?[index]``."""
        self.skip_newlines()
        old_disable = self.disable_comma
        self.disable_comma = False
        try:
            index = self.expression_rule()
        finally:
            self.disable_comma = old_disable
        if index is None:
            where = self.after(lbracket.end)
            self.report_incomplete(where, "MissingArrayIndexExpression")
            index = ast.ErrorExpressionAst(self.token_extent(lbracket))
        self.skip_newlines()
        rbracket = self.next_token()
        if rbracket.kind is not _K.RBracket:
            self.unget_token(rbracket)
            if not isinstance(index, ast.ErrorExpressionAst):
                self.report_incomplete(self.after(index.extent.end_offset), "MissingEndSquareBracket")
            end = index.extent.end_offset
        else:
            end = rbracket.end
        extent = self.extent(target.extent.start_offset, end)
        return ast.IndexExpressionAst(extent, target, index, lbracket.kind is _K.QuestionLBracket)


def _remapped(extent: Extent, source: SourceText, skipped: list[int]) -> Extent:
    """An extent of the text a nested scan read, as an extent of the original script."""

    def original(offset: int) -> int:
        for removed in skipped:  # ascending; a character dropped just before a token belongs to it
            if removed < offset:
                offset += 1
        return offset

    return Extent(source, original(extent.start_offset), original(extent.end_offset))


def _remap(node: ast.Ast, source: SourceText, skipped: list[int]) -> None:
    for item in node.find_all(lambda _: True):
        item.extent = _remapped(item.extent, source, skipped)
        for name in ("error_position",):
            extent = getattr(item, name, None)
            if isinstance(extent, Extent):
                setattr(item, name, _remapped(extent, source, skipped))
        type_name = getattr(item, "type_name", None)
        if isinstance(type_name, ast.ITypeName):
            _remap_type_name(type_name, source, skipped)


def _remap_type_name(type_name: ast.ITypeName, source: SourceText, skipped: list[int]) -> None:
    type_name.extent = _remapped(type_name.extent, source, skipped)
    if isinstance(type_name, ast.ArrayTypeName):
        _remap_type_name(type_name.element_type, source, skipped)
    elif isinstance(type_name, ast.GenericTypeName):
        _remap_type_name(type_name.type_name, source, skipped)
        for argument in type_name.generic_arguments:
            _remap_type_name(argument, source, skipped)
