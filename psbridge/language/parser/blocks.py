"""Rules for script blocks, param blocks, attributes, type names and statement lists (Parser.cs's first part)."""

from __future__ import annotations

from .. import ast
from ..extent import Extent
from ..tokenizer import EXPRESSION, TYPE_NAME
from ..tokens import TRAITS, Token, TokenFlags, TokenKind
from .core import ParserCore

__all__ = ["BlockRules"]

_K = TokenKind
_BLOCK_NAME = int(TokenFlags.ScriptBlockBlockName)


class BlockRules(ParserCore):
    # ------------------------------------------------------------ script blocks
    def script_block_rule(
        self, lcurly: Token | None, is_filter: bool, predefined: ast.StatementAst | None = None
    ) -> ast.ScriptBlockAst:
        """``using... param(...) body``: a whole script (``lcurly`` None) or the inside of ``{ }``."""
        self.skip_newlines()
        using_statements = self.using_statements_rule() if lcurly is None else None
        param_block = self.param_block_rule()
        self.skip_newlines_and_semicolons()
        return self.script_block_body_rule(lcurly, using_statements, param_block, is_filter, predefined)

    def using_statements_rule(self) -> list[ast.UsingStatementAst] | None:
        result: list[ast.UsingStatementAst] | None = None
        while True:
            token = self.peek_token()
            if token.kind is not _K.Using:
                self.resync_token(token)  # callers scan ahead from here: include this token
                return result
            self.skip_token()
            statement = self.using_statement_rule(token)
            self.skip_newlines_and_semicolons()
            if isinstance(statement, ast.UsingStatementAst):
                if result is None:
                    result = []
                result.append(statement)

    def param_block_rule(self) -> ast.ParamBlockAst | None:
        """``[attributes] param( ... )``; None, with nothing consumed, when the block has none."""
        self.skip_newlines()
        restore = self.tokenizer.restore_point() if self.ungot is None else self.ungot.start
        candidates = self.attribute_list_rule(False)
        self.skip_newlines()
        param_token = self.peek_token()
        if param_token.kind is not _K.Param:
            if candidates is not None:
                # Attributes or type constraints scanned here belong to what follows (a cast, a type).
                self.resync(restore)
            return None
        self.skip_token()
        self.skip_newlines()
        lparen = self.next_token()
        if lparen.kind is not _K.LParen:
            self.resync(restore)  # not an error: a command named 'param'
            return None
        parameters = self.parameter_list_rule()
        self.skip_newlines()
        rparen = self.next_token()
        end = rparen.end
        if rparen.kind is not _K.RParen:
            self.unget_token(rparen)
            end = max(rparen.start - 1, 0)
            last = parameters[-1].extent.end_offset if parameters else lparen.end
            self.report_incomplete(self.after(last), "MissingEndParenthesisInFunctionParameterList")
        attributes: list[ast.AttributeAst] = []
        for attribute in candidates or ():
            if isinstance(attribute, ast.AttributeAst):
                attributes.append(attribute)
            else:
                self.report_error(attribute.extent, "TypeNotAllowedBeforeParam", attribute.type_name.full_name)
        self.check_parameters(parameters)
        start = param_token.start
        return ast.ParamBlockAst(self.extent(start, max(end, start)), attributes, parameters)

    def parameter_list_rule(self) -> list[ast.ParameterAst]:
        parameters: list[ast.ParameterAst] = []
        comma: Token | None = None
        while True:
            parameter = self.parameter_rule()
            if parameter is None:
                if comma is not None:
                    self.report_incomplete(self.after(comma.end), "MissingExpressionAfterToken", ",")
                return parameters
            parameters.append(parameter)
            self.skip_newlines()
            comma = self.peek_token()
            if comma.kind is not _K.Comma:
                return parameters
            self.skip_token()

    def parameter_rule(self) -> ast.ParameterAst | None:
        old_disable = self.disable_comma
        old_mode = self.set_mode(EXPRESSION)
        try:
            self.disable_comma = True
            self.skip_newlines()
            attributes = self.attribute_list_rule(False)
            self.skip_newlines()
            token = self.next_token()
            if token.kind is not _K.Variable and token.kind is not _K.SplattedVariable:
                self.unget_token(token)
                if attributes:
                    self.report_incomplete(self.after(attributes[-1].extent.end_offset), "InvalidFunctionParameter")
                    self.sync_on_error(True, _K.RParen)
                    extent = self.extent(attributes[0].extent.start_offset, attributes[-1].extent.end_offset)
                    return ast.ParameterAst(
                        extent, ast.VariableExpressionAst.named(extent, "__error__"), attributes, None
                    )
                return None
            variable = self.variable_from_token(token)
            self.skip_newlines()
            default = None
            equals = self.peek_token()
            if equals.kind is _K.Equals:
                self.skip_token()
                self.skip_newlines()
                default = self.expression_rule()
                if default is None:
                    self.report_incomplete(self.after(equals.end), "MissingExpressionAfterToken", "=")
        finally:
            self.disable_comma = old_disable
            self.set_mode(old_mode)
        start = attributes[0].extent.start_offset if attributes else token.start
        end = default.extent.end_offset if default is not None else token.end
        return ast.ParameterAst(self.extent(start, end), variable, attributes, default)

    # ------------------------------------------------------------ attributes
    def attribute_list_rule(self, in_expression_mode: bool) -> list[ast.AttributeBaseAst] | None:
        attributes: list[ast.AttributeBaseAst] = []
        attribute = self.attribute_rule()
        while attribute is not None:
            attributes.append(attribute)
            if not in_expression_mode or isinstance(attribute, ast.AttributeAst):
                self.skip_newlines()
            attribute = self.attribute_rule()
        return attributes or None

    def attribute_rule(self) -> ast.AttributeBaseAst | None:
        """``[Name(arguments)]`` (an attribute) or ``[type]`` (a type constraint)."""
        lbracket = self.next_lbracket()
        if lbracket is None:
            return None
        self.skip_newlines()
        type_name = self.type_name_rule(True)
        if type_name is None:
            self.resync_token(lbracket)
            self.report_incomplete(self.after(lbracket.end), "MissingTypename")
            return None
        token = self.next_token()
        if token.kind is _K.LParen:
            self.skip_newlines()
            positional: list[ast.ExpressionAst] = []
            named: list[ast.NamedAttributeArgumentAst] = []
            old_mode = self.set_mode(EXPRESSION)
            try:
                last_end = self.attribute_arguments_rule(positional, named, token.end)
            finally:
                self.set_mode(old_mode)
            self.skip_newlines()
            rparen: Token | None = self.next_token()
            assert rparen is not None
            if rparen.kind is not _K.RParen:
                self.unget_token(rparen)
                rparen = None
                self.report_incomplete(self.after(last_end), "MissingEndParenthesisInExpression")
            self.skip_newlines()
            rbracket: Token | None = self.next_token()
            assert rbracket is not None
            if rbracket.kind is not _K.RBracket:
                self.unget_token(rbracket)
                rbracket = None
                if rparen is not None:
                    self.report_incomplete(self.after(rparen.end), "EndSquareBracketExpectedAtEndOfAttribute")
            end = rbracket.end if rbracket is not None else rparen.end if rparen is not None else last_end
            return ast.AttributeAst(self.extent(lbracket.start, end), type_name, positional, named)
        end = type_name.extent.end_offset
        if token.kind is not _K.RBracket:
            self.unget_token(token)
            self.report_error(self.before(token.start), "EndSquareBracketExpectedAtEndOfAttribute")
        else:
            end = token.end
        return ast.TypeConstraintAst(self.extent(lbracket.start, end), type_name)

    def attribute_arguments_rule(
        self, positional: list[ast.ExpressionAst], named: list[ast.NamedAttributeArgumentAst], last_end: int
    ) -> int:
        old_disable = self.disable_comma
        comma: Token | None = None
        seen: set[str] = set()
        try:
            self.disable_comma = True
            while True:
                self.skip_newlines()
                name = self.simple_name_rule()
                omitted = False
                expression: ast.ExpressionAst | None
                if name is not None:
                    token = self.peek_token()
                    if token.kind is _K.Equals:
                        self.skip_token()
                        self.skip_newlines()
                        expression = self.expression_rule()
                        if expression is None:
                            where = self.after(token.end)
                            self.report_incomplete(where, "MissingExpressionInNamedArgument")
                            expression = ast.ErrorExpressionAst(where)
                            self.sync_on_error(True, _K.Comma, _K.RParen, _K.RBracket, _K.NewLine)
                        last_end = expression.extent.end_offset
                    else:
                        expression = ast.ConstantExpressionAst(name.extent, True)
                        omitted = True
                else:
                    expression = self.expression_rule()
                if name is not None:
                    assert expression is not None
                    key = name.value.lower()
                    if key in seen:
                        self.report_error(name.extent, "DuplicateNamedArgument", name.value)
                    else:
                        seen.add(key)
                        extent = self.extent(name.extent.start_offset, expression.extent.end_offset)
                        named.append(ast.NamedAttributeArgumentAst(extent, name.value, expression, omitted))
                elif expression is not None:
                    positional.append(expression)
                    last_end = expression.extent.end_offset
                elif comma is not None:
                    where = self.after(comma.end)
                    self.report_incomplete(where, "MissingExpressionAfterToken", ",")
                    positional.append(ast.ErrorExpressionAst(where))
                    last_end = comma.end
                self.skip_newlines()
                comma = self.peek_token()
                if comma.kind is not _K.Comma:
                    return last_end
                last_end = comma.end
                self.skip_token()
        finally:
            self.disable_comma = old_disable

    # ------------------------------------------------------------ type names
    def type_name_rule(self, allow_assembly: bool) -> ast.ITypeName | None:
        old_mode = self.set_mode(TYPE_NAME)
        try:
            token = self.next_token()
            if token.kind is not _K.Identifier:
                self.unget_token(token)
                return None
            return self.finish_type_name_rule(token, allow_assembly=allow_assembly)
        finally:
            self.set_mode(old_mode)

    def _type_name(self, token: Token, generic_count: int = 0) -> ast.TypeName:
        return ast.TypeName(self.token_extent(token), token.text, None, generic_count)

    def finish_type_name_rule(
        self, name_token: Token, unbracketed_generic_argument: bool = False, allow_assembly: bool = True
    ) -> ast.ITypeName:
        token = self.peek_token()
        if token.kind is _K.LBracket:
            lbracket = token
            self.skip_token()
            self.skip_newlines()
            token = self.next_token()
            if token.kind is _K.RBracket or token.kind is _K.Comma:
                element = self._type_name(name_token)
                return self.complete_array_type_name(element, element, token, unbracketed_generic_argument)
            if token.kind is _K.LBracket or token.kind is _K.Identifier:
                return self.generic_type_name_rule(name_token, token, unbracketed_generic_argument)
            if token.kind is not _K.EndOfInput:
                self.report_error(self.token_extent(token), "UnexpectedToken", token.text)
                self.sync_on_error(True, _K.RBracket)
            else:
                self.unget_token(token)
                self.report_incomplete(self.after(lbracket.end), "MissingTypename")
            return self._type_name(name_token)
        if token.kind is _K.Comma and allow_assembly and not unbracketed_generic_argument:
            self.skip_token()
            assembly = self.tokenizer.get_assembly_name_spec()
            if not assembly.strip():
                self.report_error(self.after(token.end), "MissingAssemblyNameSpecification")
                return self._type_name(name_token)
            extent = self.extent(name_token.start, self.tokenizer.pos)
            return ast.TypeName(extent, name_token.text, assembly)
        return self._type_name(name_token)

    def _single_generic_argument(self, first: Token) -> ast.ITypeName:
        if first.kind is _K.Identifier:
            return self.finish_type_name_rule(first, unbracketed_generic_argument=True)
        token = self.next_token()
        if token.kind is not _K.Identifier:
            self.unget_token(token)
            self.report_incomplete(self.after(token.end), "MissingTypename")
            return ast.TypeName(self.token_extent(first), ":ErrorTypeName:")
        type_name = self.finish_type_name_rule(token)
        rbracket = self.next_token()
        if rbracket.kind is not _K.RBracket:
            self.unget_token(rbracket)
            self.report_incomplete(self.before(rbracket.start), "EndSquareBracketExpectedAtEndOfType")
        return type_name

    def generic_type_arguments_rule(self, first: Token) -> tuple[list[ast.ITypeName], Token]:
        arguments = [self._single_generic_argument(first)]
        while True:
            self.skip_newlines()
            last = self.next_token()
            if last.kind is not _K.Comma:
                return arguments, last
            self.skip_newlines()
            token = self.peek_token()
            if token.kind is _K.Identifier or token.kind is _K.LBracket:
                self.skip_token()
                arguments.append(self._single_generic_argument(token))
            else:
                self.report_incomplete(self.after(last.end), "MissingTypename")
                arguments.append(ast.TypeName(self.token_extent(last), ":ErrorTypeName:"))

    def generic_type_name_rule(self, name_token: Token, first: Token, unbracketed: bool) -> ast.ITypeName:
        arguments, rbracket = self.generic_type_arguments_rule(first)
        end: int
        if rbracket.kind is not _K.RBracket:
            self.unget_token(rbracket)
            self.report_incomplete(self.before(rbracket.start), "EndSquareBracketExpectedAtEndOfAttribute")
            end = arguments[-1].extent.end_offset if arguments else first.end
        else:
            end = rbracket.end
        open_type = self._type_name(name_token, len(arguments))
        result: ast.ITypeName = ast.GenericTypeName(self.extent(name_token.start, end), open_type, arguments)
        token = self.peek_token()
        if token.kind is _K.LBracket:
            self.skip_token()
            return self.complete_array_type_name(result, open_type, self.next_token(), unbracketed)
        if token.kind is _K.Comma and not unbracketed:
            self.skip_token()
            assembly = self.tokenizer.get_assembly_name_spec()
            if not assembly:
                self.report_error(self.after(token.end), "MissingAssemblyNameSpecification")
            else:
                open_type.assembly_name = assembly
        return result

    def complete_array_type_name(
        self, element: ast.ITypeName, qualified: ast.TypeName, first: Token, unbracketed: bool
    ) -> ast.ITypeName:
        while True:
            kind = first.kind
            if kind is _K.Comma:
                rank = 1
                token = first
                last_comma = first
                while token.kind is _K.Comma:
                    last_comma = token
                    rank += 1
                    token = self.next_token()
                if rank > 32:
                    if token.kind is not _K.RBracket:
                        self.unget_token(token)
                    self.report_error(self.extent(first.start, last_comma.end), "ArrayHasTooManyDimensions", rank)
                    break
                if token.kind is not _K.RBracket:
                    self.unget_token(token)
                    self.report_error(self.after(last_comma.end), "EndSquareBracketExpectedAtEndOfAttribute")
                end = token.end if token.kind is _K.RBracket else last_comma.end
                element = ast.ArrayTypeName(self.extent(element.extent.start_offset, end), element, rank)
            elif kind is _K.RBracket:
                element = ast.ArrayTypeName(self.extent(element.extent.start_offset, first.end), element, 1)
            elif kind is _K.EndOfInput:
                self.unget_token(first)
                self.report_error(self.before(first.start), "EndSquareBracketExpectedAtEndOfAttribute")
            else:
                self.report_error(self.token_extent(first), "UnexpectedToken", first.text)
                self.sync_on_error(True, _K.RBracket)
            token = self.peek_token()
            if not unbracketed and token.kind is _K.Comma:
                self.skip_token()
                assembly = self.tokenizer.get_assembly_name_spec()
                if not assembly:
                    self.report_error(self.after(token.end), "MissingAssemblyNameSpecification")
                else:
                    qualified.assembly_name = assembly
                break
            if token.kind is not _K.LBracket:
                break
            self.skip_token()  # a jagged array: int[][]
            first = self.next_token()
        return element

    # ------------------------------------------------------------ bodies
    def _complete_script_block_body(self, lcurly: Token | None, body_end: int | None) -> tuple[bool, Extent]:
        """Consume the closing ``}`` (or, for a script, expect the end); returns (done, full extent)."""
        if lcurly is not None:
            rcurly = self.next_token()
            if rcurly.kind is not _K.RCurly:
                self.unget_token(rcurly)
                end = body_end if body_end is not None else lcurly.end
                self.report_incomplete(self.token_extent(lcurly), "MissingEndCurlyBrace",
                                       detected=self.token_extent(rcurly))  # fmt: skip
            else:
                end = rcurly.end
            return True, self.extent(lcurly.start, end)
        extent = self.extent(0, self.tokenizer.end)
        token = self.next_token()
        if token.kind is not _K.EndOfInput:
            # Recovery: eat the unexpected token and keep parsing to find more of the script.
            self.report_error(self.token_extent(token), "UnexpectedToken", token.text)
            return False, extent
        return True, extent

    def script_block_body_rule(
        self,
        lcurly: Token | None,
        using_statements: list[ast.UsingStatementAst] | None,
        param_block: ast.ParamBlockAst | None,
        is_filter: bool,
        predefined: ast.StatementAst | None,
    ) -> ast.ScriptBlockAst:
        token = self.peek_token()
        if TRAITS[token.kind] & _BLOCK_NAME:
            return self.named_block_list_rule(lcurly, using_statements, param_block)
        traps: list[ast.TrapStatementAst] = []
        statements: list[ast.StatementAst] = [predefined] if predefined is not None else []
        list_start = param_block.extent.start_offset if param_block is not None else None
        list_end = param_block.extent.end_offset if param_block is not None else None
        while True:
            span = self.statement_list_rule(statements, traps)
            if span is not None:
                if list_start is None:
                    list_start = span[0]
                list_end = span[1]
            done, extent = self._complete_script_block_body(lcurly, list_end)
            if done:
                break
        if list_start is None:
            if lcurly is not None and extent.end_offset - lcurly.end > 1:
                list_start, list_end = lcurly.end, extent.end_offset - 1  # between the braces
            else:
                list_start = list_end = extent.start_offset if lcurly is None else lcurly.end
        assert list_end is not None
        block = ast.StatementBlockAst(self.extent(list_start, list_end), statements, traps)
        return ast.ScriptBlockAst.from_statements(extent, using_statements, param_block, block, is_filter)

    def named_block_list_rule(
        self,
        lcurly: Token | None,
        using_statements: list[ast.UsingStatementAst] | None,
        param_block: ast.ParamBlockAst | None,
    ) -> ast.ScriptBlockAst:
        blocks: dict[TokenKind, ast.NamedBlockAst] = {}
        start = lcurly.start if lcurly is not None else param_block.extent.start_offset if param_block else None
        end = start
        script_extent: Extent | None = None
        while True:
            name = self.next_token()
            kind = name.kind
            if kind is _K.RCurly or kind is _K.EndOfInput:
                self.unget_token(name)
                break
            if not TRAITS[kind] & _BLOCK_NAME:
                if lcurly is not None:
                    self.unget_token(name)
                    script_extent = self.extent(start if start is not None else name.start, end or name.start)
                else:
                    script_extent = self.extent(0, self.tokenizer.end)
                self.report_error(self.token_extent(name), "MissingNamedBlocks", name.text)
                break
            if start is None:
                start = name.start
            end = name.end
            body = self.statement_block_rule()
            if body is None:
                self.report_incomplete(self.after(name.end), "MissingNamedStatementBlock", name.text.lower())
                body = ast.StatementBlockAst(self.token_extent(name), [], None)
            else:
                end = body.extent.end_offset
            block_extent = self.extent(name.start, end)
            if kind in blocks:
                self.report_error(block_extent, "DuplicateScriptCommandClause", name.text.lower())
            else:
                blocks[kind] = ast.NamedBlockAst(block_extent, kind, body, False)
            self.skip_newlines_and_semicolons()
        if script_extent is None:
            _, script_extent = self._complete_script_block_body(lcurly, end)
        return ast.ScriptBlockAst(
            script_extent,
            using_statements,
            None,
            param_block,
            begin_block=blocks.get(_K.Begin),
            process_block=blocks.get(_K.Process),
            end_block=blocks.get(_K.End),
            clean_block=blocks.get(_K.Clean),
            dynamic_param_block=blocks.get(_K.Dynamicparam),
        )

    def statement_block_rule(self) -> ast.StatementBlockAst | None:
        """``{ statements }`` after a keyword; None (nothing consumed) when no ``{`` follows."""
        self.skip_newlines()
        lcurly = self.next_token()
        if lcurly.kind is not _K.LCurly:
            self.unget_token(lcurly)
            return None
        traps: list[ast.TrapStatementAst] = []
        statements: list[ast.StatementAst] = []
        span = self.statement_list_rule(statements, traps)
        rcurly = self.next_token()
        if rcurly.kind is not _K.RCurly:
            self.unget_token(rcurly)
            end = span[1] if span is not None else lcurly.end
            self.report_incomplete(
                self.token_extent(lcurly), "MissingEndCurlyBrace", detected=self.token_extent(rcurly)
            )
        else:
            end = rcurly.end
        return ast.StatementBlockAst(self.extent(lcurly.start, end), statements, traps)

    def statement_list_rule(
        self, statements: list[ast.StatementAst], traps: list[ast.TrapStatementAst]
    ) -> tuple[int, int] | None:
        """Statements up to ``)``/``}``/end; returns the (start, end) offsets they span, or None if none."""
        first: int | None = None
        last = 0
        self.skip_newlines_and_semicolons()
        signature = self.tokenizer
        while True:
            statement = self.statement_rule()
            if statement is None:
                break
            start = statement.extent.start_offset
            if signature.begin_signature_offset is not None and signature.begin_signature_offset < start:
                self.report_error(statement.extent, "TokenAfterEndOfValidScriptText")
            if isinstance(statement, ast.TrapStatementAst):
                traps.append(statement)
            else:
                statements.append(statement)
            if first is None:
                first = start
            last = statement.extent.end_offset
            self.skip_newlines_and_semicolons()
            kind = self.peek_token().kind
            if kind is _K.RParen or kind is _K.RCurly:
                break
        return None if first is None else (first, last)
