"""Rules for ``class`` and ``enum`` definitions and ``using`` statements.

Classes and enums are parsed into TypeDefinitionAst with their members (a
script that defines them parses; running them is the evaluator's concern).
"""

from __future__ import annotations

from .. import ast
from ..tokenizer import COMMAND, EXPRESSION, SIGNATURE
from ..tokens import TRAITS, Token, TokenFlags, TokenKind
from .core import ParserCore

__all__ = ["TypeRules"]

_K = TokenKind
_KEYWORD = int(TokenFlags.Keyword)
_ENUM_UNDERLYING = frozenset(
    ("byte", "int16", "int32", "int64", "sbyte", "uint16", "uint32", "uint64", "short", "int", "long", "ushort",
     "uint", "ulong", "system.byte", "system.int16", "system.int32", "system.int64", "system.sbyte",
     "system.uint16", "system.uint32", "system.uint64")
)  # fmt: skip
_USING_KINDS = {
    _K.Namespace: ast.UsingStatementKind.Namespace,
    _K.Type: ast.UsingStatementKind.Type,
    _K.Module: ast.UsingStatementKind.Module,
    _K.Command: ast.UsingStatementKind.Command,
    _K.Assembly: ast.UsingStatementKind.Assembly,
}


class TypeRules(ParserCore):
    def type_definition_rule(self, attributes: list[ast.AttributeBaseAst] | None, token: Token) -> ast.StatementAst:
        if token.kind is _K.Class:
            return self.class_definition_rule(attributes, token)
        return self.enum_definition_rule(attributes, token)

    def _with_stray_types(
        self, definition: ast.TypeDefinitionAst, attributes: list[ast.AttributeBaseAst] | None
    ) -> ast.StatementAst:
        """Type constraints before a type definition were reported already; keep them in an error statement."""
        self.type_definitions.append(definition)  # checked once the tree is whole
        stray = [attribute for attribute in attributes or () if isinstance(attribute, ast.TypeConstraintAst)]
        if stray:
            return ast.ErrorStatementAst(definition.extent, [*stray, definition])
        return definition

    def type_definition_name(self, keyword: Token) -> ast.StringConstantExpressionAst | ast.ErrorStatementAst:
        """The name after ``class``/``enum``, or the error statement when it is missing."""
        self.skip_newlines()
        name = self.simple_name_rule()
        if name is None:
            self.report_incomplete(self.after(keyword.end), "MissingNameAfterKeyword", keyword.text)
            return ast.ErrorStatementAst(self.token_extent(keyword))
        return name

    def class_definition_rule(
        self, attributes: list[ast.AttributeBaseAst] | None, class_token: Token
    ) -> ast.StatementAst:
        name = self.type_definition_name(class_token)
        if isinstance(name, ast.ErrorStatementAst):
            return name
        self.skip_newlines()
        old_mode = self.set_mode(SIGNATURE)
        try:
            base_types: list[ast.TypeConstraintAst] = []
            colon = self.peek_token()
            if colon.kind is _K.Colon:
                self.skip_token()
                self.skip_newlines()
                comma: Token | None = None
                while True:
                    base = self.type_name_rule(False)
                    if base is None:
                        self.report_incomplete(self.after((comma or colon).end), "TypeNameExpected")
                        break
                    base_types.append(ast.TypeConstraintAst(base.extent, base))
                    self.skip_newlines()
                    comma = self.peek_token()
                    if comma.kind is not _K.Comma:
                        break
                    self.skip_token()
                    self.skip_newlines()
            lcurly = self.next_token()
            if lcurly.kind is not _K.LCurly:
                self.unget_token(lcurly)
                last: ast.Ast = base_types[-1] if base_types else name
                self.report_incomplete(self.after(last.extent.end_offset), "MissingTypeBody", "class")
                return ast.ErrorStatementAst(self.extent(class_token.start, last.extent.end_offset), list(base_types))
            last_end = lcurly.end
            members: list[ast.MemberAst] = []
            nested: list[ast.Ast] = []
            while True:
                member, on_error = self.class_member_rule(name.value)
                if member is None and on_error is None:
                    break
                if member is not None:
                    members.append(member)
                    last_end = member.extent.end_offset
                if on_error:
                    nested.extend(on_error)
                    last_end = on_error[-1].extent.end_offset
            rcurly = self.next_token()
            if rcurly.kind is not _K.RCurly:
                self.unget_token(rcurly)
                self.report_incomplete(
                    self.after(lcurly.end), "MissingEndCurlyBrace", detected=self.token_extent(rcurly)
                )
            else:
                last_end = rcurly.end
            start = attributes[0].extent.start_offset if attributes else class_token.start
            definition = ast.TypeDefinitionAst(
                self.extent(start, last_end),
                name.value,
                [attribute for attribute in attributes or () if isinstance(attribute, ast.AttributeAst)],
                members,
                ast.TypeAttributes.Class,
                base_types,
            )
            if nested:
                return ast.ErrorStatementAst(definition.extent, [*nested, definition])
            return self._with_stray_types(definition, attributes)
        finally:
            self.set_mode(old_mode)

    def class_member_rule(self, class_name: str) -> tuple[ast.MemberAst | None, list[ast.Ast] | None]:
        """A property or method, with its attributes, ``static``, ``hidden`` and type; (None, None) at the end."""
        start: int | None = None
        attributes: list[ast.AttributeAst] = []
        type_constraint: ast.TypeConstraintAst | None = None
        static_token: Token | None = None
        hidden_token: Token | None = None
        last_attribute_end: int | None = None
        while True:
            self.skip_newlines()
            attribute = self.attribute_rule()
            if attribute is not None:
                last_attribute_end = attribute.extent.end_offset
                if start is None:
                    start = attribute.extent.start_offset
                if isinstance(attribute, ast.AttributeAst):
                    attributes.append(attribute)
                elif type_constraint is None:
                    type_constraint = attribute  # type: ignore[assignment]
                else:
                    self.report_error(attribute.extent, "TooManyTypes")
                continue
            token = self.peek_token()
            if start is None:
                start = token.start
            if token.kind is _K.Hidden or token.kind is _K.Static:
                if (hidden_token if token.kind is _K.Hidden else static_token) is not None:
                    self.report_error(self.token_extent(token), "DuplicateQualifier", token.text)
                if token.kind is _K.Hidden:
                    hidden_token = token
                else:
                    static_token = token
                last_attribute_end = token.end
                self.skip_token()
                continue
            break
        on_error: list[ast.Ast] = [*attributes, *([type_constraint] if type_constraint else [])]
        if token.kind is _K.Variable:
            self.skip_token()
            initial_value: ast.ExpressionAst | None = None
            assign = self.peek_token()
            if assign.kind is _K.Equals:
                self.skip_token()
                self.skip_newlines()
                initial_value = self.expression_rule()
            flags = ast.PropertyAttributes.Public
            if static_token is not None:
                flags |= ast.PropertyAttributes.Static
            if hidden_token is not None:
                flags |= ast.PropertyAttributes.Hidden
            end = initial_value.extent.end_offset if initial_value is not None else token.end
            terminator = self.peek_token()
            if terminator.kind not in (_K.NewLine, _K.Semi, _K.RCurly):
                self.report_incomplete(self.after(end), "MissingPropertyTerminator")
            self.skip_newlines_and_semicolons()
            if terminator.kind is _K.Semi:
                end = terminator.end
            variable_name = token.value
            from ..variables import VariablePath

            path = VariablePath(variable_name)
            if path.unqualified_path:
                extent = self.extent(start, end)
                member = ast.PropertyMemberAst(extent, path.unqualified_path, type_constraint, attributes, flags,
                                               initial_value)  # fmt: skip
                return member, None
            if initial_value is not None:
                on_error.append(initial_value)
            return None, on_error
        if token.kind is _K.Identifier or token.kind is _K.DynamicKeyword or TRAITS[token.kind] & _KEYWORD:
            self.skip_token()
            definition = self.method_declaration_rule(token, class_name, static_token is not None)
            if not isinstance(definition, ast.FunctionDefinitionAst):
                self.sync_on_error(False, _K.RCurly)
                return None, on_error
            method_flags = ast.MethodAttributes.Public
            if static_token is not None:
                method_flags |= ast.MethodAttributes.Static
            if hidden_token is not None:
                method_flags |= ast.MethodAttributes.Hidden
            extent = self.extent(start, definition.extent.end_offset)
            method = ast.FunctionMemberAst(extent, definition, type_constraint, attributes, method_flags)
            method.name_extent = self.token_extent(token)
            return method, None
        if last_attribute_end is not None:
            self.report_incomplete(self.after(last_attribute_end), "IncompleteMemberDefinition")
            return None, on_error or None
        return None, None

    def method_declaration_rule(self, name_token: Token, class_name: str, is_static: bool) -> ast.StatementAst:
        name = name_token.text
        lparen = self.peek_token()
        error_end: int | None = None
        rparen: Token | None = None
        parameters: list[ast.ParameterAst] | None
        if lparen.kind is _K.LParen:
            parameters, error_end, rparen = self.function_parameter_declaration_rule()
        else:
            self.report_incomplete(self.after(name_token.end), "MissingMethodParameterList")
            parameters = []
        is_constructor = name.lower() == class_name.lower() and not is_static
        base_arguments: list[ast.ExpressionAst] | None = None
        base_token: Token | None = None
        base_end = 0
        if is_constructor:
            self.skip_newlines()
            old_mode = self.set_mode(SIGNATURE)
            try:
                colon = self.peek_token()
                if colon.kind is _K.Colon:
                    self.skip_token()
                    self.skip_newlines()
                    base_token = self.peek_token()
                    if base_token.kind is _K.Base:
                        self.skip_token()
                        self.skip_newlines()
                        lparen = self.peek_token()
                        if lparen.kind is _K.LParen:
                            self.skip_token()
                            base_arguments, base_end = self.invoke_param_paren_list_rule(lparen)
                            self.skip_newlines()
                        else:
                            error_end = base_token.end
                            self.report_incomplete(self.after(base_token.end), "MissingMethodParameterList")
                    else:
                        error_end = colon.end
                        base_token = None
                        self.report_incomplete(self.after(colon.end), "MissingBaseCtorCall")
            finally:
                self.set_mode(old_mode)
        lcurly = self.function_body_start(name_token, name_token, parameters, error_end, rparen)
        if isinstance(lcurly, ast.ErrorStatementAst):
            return lcurly
        predefined: ast.StatementAst | None = None
        if is_constructor:
            if base_token is not None:
                call_extent = self.extent(base_token.start, base_end)
                keyword = self.token_extent(base_token)
            else:
                call_extent = keyword = self.extent(lcurly.start, lcurly.start)
            base = ast.StringConstantExpressionAst(keyword, "base", ast.StringConstantType.BareWord)
            target = ast.VariableExpressionAst.named(keyword, "this")
            call = ast.BaseCtorInvokeMemberExpressionAst(call_extent, target, base, base_arguments or [], False)
            predefined = ast.CommandExpressionAst(call_extent, call, None)
        old_mode = self.set_mode(COMMAND)
        try:
            body = self.script_block_rule(lcurly, False, predefined)
        finally:
            self.set_mode(old_mode)
        extent = self.extent(name_token.start, body.extent.end_offset)
        return ast.FunctionDefinitionAst(extent, False, False, name, parameters, body)

    def enum_definition_rule(
        self, attributes: list[ast.AttributeBaseAst] | None, enum_token: Token
    ) -> ast.StatementAst:
        name = self.type_definition_name(enum_token)
        if isinstance(name, ast.ErrorStatementAst):
            return name
        underlying: ast.TypeConstraintAst | None = None
        old_mode = self.set_mode(SIGNATURE)
        try:
            colon = self.peek_token()
            if colon.kind is _K.Colon:
                self.skip_token()
                self.skip_newlines()
                type_name = self.type_name_rule(False)
                if type_name is None:
                    self.report_incomplete(self.after(colon.end), "TypeNameExpected")
                else:
                    if type_name.full_name.lower() not in _ENUM_UNDERLYING:
                        self.report_error(type_name.extent, "InvalidUnderlyingType", type_name.name)
                    underlying = ast.TypeConstraintAst(type_name.extent, type_name)
            self.skip_newlines()
            lcurly = self.next_token()
            if lcurly.kind is not _K.LCurly:
                self.unget_token(lcurly)
                self.report_incomplete(self.after(name.extent.end_offset), "MissingTypeBody", "enum")
                return ast.ErrorStatementAst(self.extent(enum_token.start, name.extent.end_offset))
            members: list[ast.MemberAst] = []
            while True:
                member = self.enum_member_rule()
                if member is None:
                    break
                members.append(member)
            rcurly = self.next_token()
            end = rcurly.end
            if rcurly.kind is not _K.RCurly:
                self.unget_token(rcurly)
                end = members[-1].extent.end_offset if members else lcurly.end
                self.report_incomplete(
                    self.after(lcurly.end), "MissingEndCurlyBrace", detected=self.token_extent(rcurly)
                )
            start = attributes[0].extent.start_offset if attributes else enum_token.start
            definition = ast.TypeDefinitionAst(
                self.extent(start, end),
                name.value,
                [attribute for attribute in attributes or () if isinstance(attribute, ast.AttributeAst)],
                members,
                ast.TypeAttributes.Enum,
                [underlying] if underlying is not None else None,
            )
            return self._with_stray_types(definition, attributes)
        finally:
            self.set_mode(old_mode)

    def enum_member_rule(self) -> ast.MemberAst | None:
        self.skip_newlines()
        name = self.simple_name_rule()
        if name is None:
            return None
        end = name.extent.end_offset
        initial_value: ast.ExpressionAst | None = None
        missing = False
        old_mode = self.set_mode(EXPRESSION)
        try:
            assign = self.peek_token()
            if assign.kind is _K.Equals:
                self.skip_token()
                initial_value = self.expression_rule()
                if initial_value is None:
                    self.report_error(self.after(assign.end), "ExpectedValueExpression", "=")
                    end = assign.end
                    missing = True
                else:
                    end = initial_value.extent.end_offset
        finally:
            self.set_mode(old_mode)
        terminator = self.peek_token()
        if terminator.kind not in (_K.NewLine, _K.Semi, _K.RCurly) and not missing:
            self.report_incomplete(self.after(end), "MissingPropertyTerminator")
        self.skip_newlines_and_semicolons()
        if terminator.kind is _K.Semi:
            end = terminator.end
        flags = ast.PropertyAttributes.Public | ast.PropertyAttributes.Static | ast.PropertyAttributes.Literal
        extent = self.extent(name.extent.start_offset, end)
        return ast.PropertyMemberAst(extent, name.value, None, None, flags, initial_value)

    # ------------------------------------------------------------ using
    def using_statement_rule(self, using_token: Token) -> ast.StatementAst:
        directive = self.next_token()
        kind = _USING_KINDS.get(directive.kind)
        if kind is None:
            self.unget_token(directive)
            self.report_incomplete(self.after(using_token.end), "MissingUsingStatementDirective")
            return ast.ErrorStatementAst(self.token_extent(using_token))
        alias_allowed = kind in (ast.UsingStatementKind.Namespace, ast.UsingStatementKind.Module)
        alias_required = kind in (ast.UsingStatementKind.Type, ast.UsingStatementKind.Command)
        item_token = self.next_token()
        if item_token.kind in (_K.EndOfInput, _K.NewLine, _K.Comma, _K.Semi):
            self.report_incomplete(self.after(directive.end), "MissingUsingItemName")
            return ast.ErrorStatementAst(self.extent(using_token.start, directive.end))
        item = self.get_command_argument("argument", item_token)
        if item is None:
            self.report_error(self.token_extent(item_token), "InvalidValueForUsingItemName", item_token.text)
            self.sync_on_error(True, _K.Semi, _K.NewLine)
            return ast.ErrorStatementAst(self.extent(using_token.start, item_token.end))
        module_table: ast.HashtableAst | None = None
        if not isinstance(item, ast.StringConstantExpressionAst):
            if kind is ast.UsingStatementKind.Module and isinstance(item, ast.HashtableAst):
                module_table = item
            else:
                self.report_error(item.extent, "InvalidValueForUsingItemName", item.extent.text)
                return ast.ErrorStatementAst(self.extent(using_token.start, item.extent.end_offset))
        name = item if isinstance(item, ast.StringConstantExpressionAst) else None
        if (alias_allowed or alias_required) and module_table is None:
            equals = self.peek_token()
            if equals.kind is _K.Equals:
                self.skip_token()
                alias_token = self.next_token()
                if alias_token.kind in (_K.EndOfInput, _K.NewLine, _K.Semi):
                    self.unget_token(alias_token)
                    self.report_incomplete(self.after(equals.end), "MissingNamespaceAlias")
                    return ast.ErrorStatementAst(self.extent(using_token.start, equals.end))
                if alias_token.kind is _K.Comma:
                    self.report_error(self.token_extent(alias_token), "UnexpectedUnaryOperator", alias_token.text)
                    return ast.ErrorStatementAst(self.extent(using_token.start, alias_token.end))
                alias = self.get_command_argument("argument", alias_token)
                if kind is ast.UsingStatementKind.Module and isinstance(alias, ast.HashtableAst):
                    module_table = alias
                elif not isinstance(alias, ast.StringConstantExpressionAst):
                    where = alias.extent if alias is not None else self.token_extent(alias_token)
                    self.report_error(where, "InvalidValueForUsingItemName", where.text)
                    nested: list[ast.Ast] = [item] + ([alias] if alias is not None else [])
                    return ast.ErrorStatementAst(self.extent(using_token.start, where.end_offset), nested)
                self.require_statement_terminator()
                extent = self.extent(using_token.start, alias_token.end if alias is None else alias.extent.end_offset)
                if module_table is not None:
                    return ast.UsingStatementAst(extent, kind, None, name, module_table)
                return ast.UsingStatementAst(extent, kind, alias, name)  # type: ignore[arg-type]
            if alias_required:
                self.report_incomplete(self.after(item_token.end), "MissingEqualsInUsingAlias")
                return ast.ErrorStatementAst(self.extent(using_token.start, item.extent.end_offset), [item])
        self.require_statement_terminator()
        extent = self.extent(using_token.start, item.extent.end_offset)
        if module_table is not None:
            return ast.UsingStatementAst(extent, kind, None, None, module_table)
        return ast.UsingStatementAst(extent, kind, name)
