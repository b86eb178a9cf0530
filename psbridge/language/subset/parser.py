"""Tokens -> syntax tree, switching the tokenizer between argument and expression mode.

The rules follow PowerShell's ``Parser.cs``: a statement is first tried as an
expression (expression mode); if none starts there it is a command, whose
name and arguments are read in argument mode (CommandRule,
GetCommandArgument); values in arguments (``$x.Prop``, ``(...)``, ``@{...}``)
switch back to expression mode inside.  A token peeked in one mode and needed
in the other is scanned again, as PowerShell's Resync does.

Everything outside psbridge's subset is a :class:`ParseError` (error id
``UnsupportedSyntax``) at the position of the construct, never a silent
misparse; genuine syntax errors use PowerShell's own error ids and messages.
"""

from __future__ import annotations

from typing import NoReturn

from ..errors import ParseError
from . import ast
from .source import Position, SourceText
from .tokenizer import Mode, Tokenizer
from .tokens import SubexpressionPart, Token, TokenKind, VariablePart

__all__ = ["MAX_NESTING", "Parser", "parse"]

#: Deeper nesting than this is refused (a ParseError, never a RecursionError).
MAX_NESTING = 40

_SUBSET = "psbridge's PowerShell language subset"
_SCOPES = frozenset({"global", "script", "local", "private"})
_ASSIGNMENT_OPERATORS = frozenset({"+=", "-=", "*=", "/=", "%=", "??="})
_UNARY_OPERATORS = frozenset({"!", "-not", "-bnot", "-split", "-join", "+", "-", "++"})
_PSCUSTOMOBJECT = frozenset({"pscustomobject", "system.management.automation.pscustomobject"})

# Tokens scanned the same whatever the mode: no need to scan them again after a mode change.
_SAME_IN_EVERY_MODE = frozenset(
    {
        TokenKind.EOF,
        TokenKind.NEWLINE,
        TokenKind.SEMI,
        TokenKind.PIPE,
        TokenKind.COMMA,
        TokenKind.LPAREN,
        TokenKind.RPAREN,
        TokenKind.LCURLY,
        TokenKind.RCURLY,
        TokenKind.RBRACKET,
        TokenKind.DOLLAR_PAREN,
        TokenKind.AT_PAREN,
        TokenKind.AT_CURLY,
        TokenKind.STRING_LITERAL,
        TokenKind.STRING_EXPANDABLE,
        TokenKind.AMPERSAND,
        TokenKind.AND_AND,
        TokenKind.OR_OR,
        TokenKind.REDIRECTION,
    }
)
# Tokens that end a pipeline element / statement.
_STATEMENT_END = frozenset({TokenKind.NEWLINE, TokenKind.SEMI, TokenKind.EOF, TokenKind.RPAREN, TokenKind.RCURLY})
# Tokens that are never a command argument (GetCommandArgument returns to CommandRule on them).
_ARGUMENT_END = frozenset(
    {
        TokenKind.PIPE,
        TokenKind.RCURLY,
        TokenKind.RPAREN,
        TokenKind.EOF,
        TokenKind.NEWLINE,
        TokenKind.SEMI,
        TokenKind.REDIRECTION,
        TokenKind.AND_AND,
        TokenKind.OR_OR,
        TokenKind.AMPERSAND,
        TokenKind.MINUS_MINUS,
        TokenKind.COMMA,
    }
)
# Tokens that begin a value in argument mode (PrimaryExpressionRule).
_PRIMARY_START = frozenset(
    {
        TokenKind.VARIABLE,
        TokenKind.SPLATTED_VARIABLE,
        TokenKind.NUMBER,
        TokenKind.STRING_LITERAL,
        TokenKind.STRING_EXPANDABLE,
        TokenKind.LPAREN,
        TokenKind.DOLLAR_PAREN,
        TokenKind.AT_PAREN,
        TokenKind.AT_CURLY,
        TokenKind.LCURLY,
    }
)


def parse(text: str) -> ast.Script:
    """Parse a script of the supported subset; raises :class:`ParseError` (and nothing else)."""
    return Parser(SourceText(text)).parse_script()


class Parser:
    """A recursive-descent parser over one :class:`Tokenizer`.

    ``depth`` counts nesting (parentheses, subexpressions, hash literals,
    strings with ``$( )``) so that hostile input fails cleanly.
    """

    def __init__(self, source: SourceText, start: int = 0, depth: int = 0) -> None:
        self.source = source
        self.tokenizer = Tokenizer(source, start, subexpression=self._string_subexpression)
        self._peeked: Token | None = None
        self._peeked_key: tuple[Mode, bool, bool] | None = None
        self._last_end = start
        self._depth = depth

    # ------------------------------------------------------------ token access
    def _peek(self, mode: Mode, *, signed: bool = False, simple: bool = False) -> Token:
        key = (mode, signed, simple)
        if self._peeked is not None:
            if self._peeked_key == key or self._peeked.kind in _SAME_IN_EVERY_MODE:
                return self._peeked
            self.tokenizer.reset(self._peeked.start)  # scanned in another mode: scan it again
        self._peeked = self.tokenizer.next_token(mode, signed_numbers=signed, simple_name=simple)
        self._peeked_key = key
        return self._peeked

    def _next(self, mode: Mode, *, signed: bool = False, simple: bool = False) -> Token:
        token = self._peek(mode, signed=signed, simple=simple)
        self._consume()
        return token

    def _consume(self) -> None:
        assert self._peeked is not None
        self._last_end = self._peeked.end
        self._peeked = None
        self._peeked_key = None

    def _skip_newlines(self, mode: Mode = Mode.COMMAND) -> None:
        while self._peek(mode).kind is TokenKind.NEWLINE:
            self._consume()

    def _position(self, offset: int) -> Position:
        return self.source.position(offset)

    # ------------------------------------------------------------ errors
    def _error(self, offset: int, error_id: str, message: str, expected: str | None = None) -> ParseError:
        return ParseError.at(self.source, offset, error_id, message, expected=expected)

    def _unsupported(self, offset: int, what: str) -> NoReturn:
        raise self._error(offset, "UnsupportedSyntax", f"{what} is not supported in {_SUBSET}.")

    def _unexpected(self, token: Token, expected: str | None = None) -> NoReturn:
        if token.kind is TokenKind.EOF:
            raise self._error(token.start, "UnexpectedToken", "Unexpected end of input.", expected)
        raise self._error(
            token.start, "UnexpectedToken", f"Unexpected token '{token.text}' in expression or statement.", expected
        )

    def _enter(self, offset: int) -> None:
        self._depth += 1
        if self._depth > MAX_NESTING:
            raise self._error(
                offset,
                "ScriptNestedTooDeeply",
                f"The script is nested too deeply: more than {MAX_NESTING} levels of parentheses, "
                "subexpressions or hash literals.",
            )

    def _leave(self) -> None:
        self._depth -= 1

    # ------------------------------------------------------------ statements
    def parse_script(self) -> ast.Script:
        statements = self._statement_list(closing=None)
        return ast.Script(self._position(0), tuple(statements))

    def _statement_list(self, closing: TokenKind | None) -> list[ast.Statement]:
        """Statements separated by newlines or ``;`` up to ``closing`` (not consumed) or the end."""
        statements: list[ast.Statement] = []
        while True:
            token = self._peek(Mode.COMMAND)
            if token.kind in (TokenKind.NEWLINE, TokenKind.SEMI):
                self._consume()
                continue
            if token.kind is TokenKind.EOF or token.kind is closing:
                return statements
            if token.kind in (TokenKind.RPAREN, TokenKind.RCURLY):
                self._unexpected(token)
            statement = self._statement()
            if statement is None:  # pragma: no cover - every other token starts a statement
                self._unexpected(token)
            statements.append(statement)
            after = self._peek(Mode.COMMAND)
            if after.kind not in (TokenKind.NEWLINE, TokenKind.SEMI, TokenKind.EOF) and after.kind is not closing:
                self._unexpected(after, "';' or a newline")

    def _statement(self) -> ast.Statement | None:
        """One statement, or None when the next token ends a statement list."""
        token = self._peek(Mode.COMMAND)
        kind = token.kind
        if kind in _STATEMENT_END:
            return None
        if kind is TokenKind.KEYWORD:
            self._unsupported(token.start, f"The '{token.value}' keyword")
        if kind is TokenKind.LABEL:
            self._unsupported(token.start, "A loop label")
        if kind is TokenKind.LCURLY:
            self._unsupported(token.start, "A script block ({ ... })")
        if kind is TokenKind.AMPERSAND:
            self._unsupported(token.start, "The '&' call operator")
        if kind is TokenKind.DOT:
            self._unsupported(token.start, "Dot-sourcing ('. ')")
        if kind is TokenKind.PIPE:
            raise self._error(token.start, "EmptyPipeElement", "An empty pipe element is not allowed.", "a command")
        return self._pipeline_or_assignment()

    def _pipeline_or_assignment(self) -> ast.Statement:
        """PipelineChainRule: an expression followed by ``=`` is an assignment, else a pipeline."""
        expression = self._expression()
        if expression is not None:
            token = self._peek(Mode.EXPRESSION)
            if token.kind is TokenKind.EQUALS:
                return self._assignment(expression, token)
            if token.kind is TokenKind.OPERATOR and token.value in _ASSIGNMENT_OPERATORS:
                self._unsupported(token.start, f"The '{token.value}' assignment operator")
        return self._pipeline(expression)

    def _assignment(self, target: ast.Expression, equals: Token) -> ast.Assignment:
        if not isinstance(target, ast.Variable) or target.splatted:
            if isinstance(target, ast.MemberAccess | ast.IndexAccess):
                self._unsupported(target.pos.offset, "Assigning to a property or an array element")
            raise self._error(
                target.pos.offset,
                "InvalidLeftHandSide",
                "The assignment expression is not valid. The input to an assignment operator must be an object "
                "that is able to accept assignments, such as a variable or a property.",
            )
        self._consume()
        self._skip_newlines()
        value = self._statement()
        if value is None:
            raise self._error(
                equals.end,
                "ExpectedValueExpression",
                "You must provide a value expression following the '=' operator.",
                "a value expression",
            )
        return ast.Assignment(target.pos, target, value)

    def _pipeline(self, first: ast.Expression | None) -> ast.Pipeline:
        elements: list[ast.Expression | ast.Command] = []
        mode = Mode.EXPRESSION
        if first is not None:
            elements.append(first)
        else:
            elements.append(self._command())
            mode = Mode.COMMAND
        while True:
            token = self._peek(mode)
            if token.kind is TokenKind.NEWLINE and self.tokenizer.is_pipe_continuation(token.end):
                self._skip_newlines()
                token = self._peek(mode)
            if token.kind is TokenKind.PIPE:
                self._consume()
                self._skip_newlines()
                follower = self._peek(Mode.COMMAND)
                if follower.kind in _STATEMENT_END or follower.kind is TokenKind.PIPE:
                    raise self._error(
                        token.end, "EmptyPipeElement", "An empty pipe element is not allowed.", "a command"
                    )
                expression = self._expression()
                if expression is not None:
                    raise self._error(
                        expression.pos.offset,
                        "ExpressionsMustBeFirstInPipeline",
                        "Expressions are only allowed as the first element of a pipeline.",
                        "a command",
                    )
                elements.append(self._command())
                mode = Mode.COMMAND
                continue
            if token.kind in _STATEMENT_END:
                break
            self._pipeline_end_error(token)
        return ast.Pipeline(elements[0].pos, tuple(elements))

    def _pipeline_end_error(self, token: Token) -> NoReturn:
        if token.kind is TokenKind.AMPERSAND:
            self._unsupported(token.start, "Running a pipeline in the background ('&')")
        if token.kind in (TokenKind.AND_AND, TokenKind.OR_OR):
            self._unsupported(token.start, f"The pipeline chain operator '{token.value}'")
        if token.kind is TokenKind.REDIRECTION:
            self._redirection(token)
        self._unexpected(token, "'|', ';' or a newline")

    def _redirection(self, token: Token) -> NoReturn:
        if token.value == "<":
            raise self._error(token.start, "RedirectionNotSupported", "The '<' operator is reserved for future use.")
        self._unsupported(token.start, f"Redirection ('{token.value}')")

    # ------------------------------------------------------------ commands
    def _command(self) -> ast.Command:
        """CommandRule: a name, then parameters and arguments in argument mode."""
        token = self._peek(Mode.COMMAND)
        if token.kind is TokenKind.AMPERSAND:
            self._unsupported(token.start, "The '&' call operator")
        if token.kind is TokenKind.DOT:
            self._unsupported(token.start, "Dot-sourcing ('. ')")
        if token.kind is TokenKind.LCURLY:
            self._unsupported(token.start, "A script block ({ ... })")
        if token.kind in _ARGUMENT_END or token.kind in _PRIMARY_START:
            self._unexpected(token)
        self._consume()
        where = self._position(token.start)
        name = token.value if token.kind in (TokenKind.GENERIC, TokenKind.IDENTIFIER) else token.text
        elements: list[ast.CommandElement] = []
        saw_dash_dash = False
        while True:
            token = self._peek(Mode.COMMAND)
            kind = token.kind
            if kind in _STATEMENT_END or kind in (
                TokenKind.PIPE,
                TokenKind.AND_AND,
                TokenKind.OR_OR,
                TokenKind.AMPERSAND,
            ):
                break
            if kind is TokenKind.REDIRECTION:
                self._redirection(token)
            if kind is TokenKind.MINUS_MINUS:
                self._consume()
                if saw_dash_dash:
                    elements.append(ast.StringConstant(self._position(token.start), token.text, "bare"))
                saw_dash_dash = True  # after '--' every '-name' is a plain argument
                continue
            if kind is TokenKind.COMMA:
                raise self._error(token.start, "MissingArgument", "Missing argument in parameter list.")
            if kind is TokenKind.PARAMETER and not saw_dash_dash:
                elements.append(self._parameter(token))
                continue
            argument = self._command_argument()
            assert argument is not None  # the ending tokens were handled above
            elements.append(argument)
        return ast.Command(where, name, tuple(elements))

    def _parameter(self, token: Token) -> ast.CommandParameter:
        self._consume()
        argument: ast.Expression | None = None
        if token.used_colon and self._peek(Mode.COMMAND).kind is not TokenKind.COMMA:
            argument = self._command_argument()
            if argument is None:
                raise self._error(
                    token.end,
                    "ParameterRequiresArgument",
                    f"Parameter {token.text} requires an argument.",
                    "an argument",
                )
        return ast.CommandParameter(self._position(token.start), token.value, token.text, argument)

    def _command_argument(self) -> ast.Expression | None:
        """GetCommandArgument: one value, or ``a,b,c`` as one array argument."""
        items: list[ast.Expression] = []
        comma: Token | None = None
        while True:
            token = self._peek(Mode.COMMAND)
            kind = token.kind
            if kind in _ARGUMENT_END:
                if comma is None:
                    return None
                raise self._error(
                    comma.end,
                    "MissingExpression",
                    "Missing expression after ',' in pipeline element.",
                    "an expression",
                )
            if kind in _PRIMARY_START:
                item = self._primary(Mode.COMMAND)
                assert item is not None
            elif kind is TokenKind.GENERIC:
                self._consume()
                if token.value == "--%":
                    self._unsupported(token.start, "The stop-parsing token '--%'")
                item = self._word(token)
            else:  # keywords, operators, '=', '.', labels ... are plain words here
                self._consume()
                item = ast.StringConstant(self._position(token.start), token.text, "bare")
            items.append(item)
            following = self._peek(Mode.COMMAND)
            splat = next((i for i in items if isinstance(i, ast.Variable) and i.splatted), None)
            if splat is not None and (len(items) > 1 or following.kind is TokenKind.COMMA):
                raise self._error(
                    splat.pos.offset,
                    "SplattingNotPermittedInArgumentList",
                    f"Splatted variables like '@{splat.name}' cannot be part of a comma-separated list of arguments.",
                )
            if following.kind is not TokenKind.COMMA:
                break
            comma = following
            self._consume()
            self._skip_newlines()
        if len(items) == 1:
            return items[0]
        return ast.ArrayLiteral(items[0].pos, tuple(items))

    def _word(self, token: Token) -> ast.Expression:
        """A bare word: a string, expandable when it holds ``$var`` or ``$( )``."""
        where = self._position(token.start)
        if token.is_expandable:
            return ast.ExpandableString(where, self._string_parts(token), "bare", token.value)
        return ast.StringConstant(where, token.value, "bare")

    # ------------------------------------------------------------ expressions
    def _expression(self) -> ast.Expression | None:
        """ArrayLiteralRule: ``a, b, c``; any binary operator after it is outside the subset."""
        first = self._unary()
        if first is None:
            return None
        items = [first]
        while self._peek(Mode.EXPRESSION).kind is TokenKind.COMMA:
            comma = self._next(Mode.EXPRESSION)
            self._skip_newlines(Mode.EXPRESSION)
            item = self._unary()
            if item is None:
                raise self._error(
                    comma.end, "MissingExpressionAfterToken", "Missing expression after ','.", "an expression"
                )
            items.append(item)
        result: ast.Expression = first if len(items) == 1 else ast.ArrayLiteral(first.pos, tuple(items))
        token = self._peek(Mode.EXPRESSION)
        if token.kind is TokenKind.OPERATOR and token.value not in _ASSIGNMENT_OPERATORS:
            self._unsupported(token.start, f"The '{token.text}' operator")
        if token.kind is TokenKind.MINUS_MINUS:
            self._unsupported(token.start, "The '--' operator")
        return result

    def _unary(self) -> ast.Expression | None:
        token = self._peek(Mode.EXPRESSION, signed=True)
        if token.kind is TokenKind.COMMA:  # unary comma: a one-element array
            self._consume()
            self._skip_newlines(Mode.EXPRESSION)
            self._enter(token.start)
            child = self._unary()
            self._leave()
            if child is None:
                raise self._error(
                    token.end,
                    "MissingExpressionAfterOperator",
                    "Missing expression after unary operator ','.",
                    "an expression",
                )
            return ast.ArrayLiteral(self._position(token.start), (child,))
        if (
            token.kind is TokenKind.OPERATOR and token.value in _UNARY_OPERATORS
        ) or token.kind is TokenKind.MINUS_MINUS:
            self._unsupported(token.start, f"The '{token.text}' operator")
        if token.kind is TokenKind.LBRACKET:
            return self._type_conversion(token)
        expression = self._primary(Mode.EXPRESSION)
        if isinstance(expression, ast.Variable) and expression.splatted:
            raise self._error(
                expression.pos.offset,
                "SplattingNotPermitted",
                f"The splatting operator '@' cannot be used to reference variables in an expression. "
                f"'@{expression.name}' can be used only as an argument to a command. To reference variables "
                f"in an expression use '${expression.name}'.",
            )
        return expression

    def _type_conversion(self, bracket: Token) -> ast.Expression:
        """``[pscustomobject]operand``; every other type literal or cast is outside the subset."""
        self._consume()
        name = self.tokenizer.scan_type_name(bracket.start)
        if name.casefold() not in _PSCUSTOMOBJECT:
            self._unsupported(bracket.start, f"The type literal or conversion '[{name}]'")
        if self.tokenizer.char_at_position() == ":" and self.tokenizer.text.startswith("::", self.tokenizer.pos):
            self._unsupported(bracket.start, "Static member access ('::')")
        token = self._peek(Mode.EXPRESSION, signed=True)
        self._enter(bracket.start)
        operand = None if token.kind in (TokenKind.NEWLINE, TokenKind.COMMA) else self._unary()
        self._leave()
        if operand is None:
            self._unsupported(bracket.start, f"The type literal '[{name}]' without a value to convert")
        return ast.ConvertToPSCustomObject(self._position(bracket.start), operand)

    def _primary(self, mode: Mode, *, member_access: bool = True) -> ast.Expression | None:
        """PrimaryExpressionRule: a value, then ``.Member`` / ``[index]`` written right after it."""
        token = self._peek(mode, signed=mode is Mode.EXPRESSION)
        kind = token.kind
        where = self._position(token.start)
        expression: ast.Expression
        if kind in (TokenKind.VARIABLE, TokenKind.SPLATTED_VARIABLE):
            self._consume()
            variable = self._variable(token.value, where, splatted=kind is TokenKind.SPLATTED_VARIABLE, text=token.text)
            if variable.splatted:
                return variable  # '@name' is only ever a whole argument
            expression = variable
        elif kind is TokenKind.NUMBER:
            self._consume()
            expression = ast.Constant(where, token.value, token.text)
        elif kind is TokenKind.STRING_LITERAL:
            self._consume()
            expression = ast.StringConstant(where, token.value, "single")
        elif kind is TokenKind.STRING_EXPANDABLE:
            self._consume()
            if token.is_expandable:
                expression = ast.ExpandableString(where, self._string_parts(token), "double", token.value)
            else:
                expression = ast.StringConstant(where, token.value, "double")
        elif kind is TokenKind.LPAREN:
            expression = self._paren(token)
        elif kind in (TokenKind.DOLLAR_PAREN, TokenKind.AT_PAREN):
            expression = self._subexpression(token)
        elif kind is TokenKind.AT_CURLY:
            expression = self._hash_literal(token)
        elif kind is TokenKind.LCURLY:
            self._unsupported(token.start, "A script block ({ ... })")
        else:
            return None
        if member_access:
            expression = self._member_access_chain(expression, mode)
        return expression

    def _variable(self, name: str, where: Position, *, splatted: bool, text: str) -> ast.Variable:
        scope: str | None = None
        drive: str | None = None
        bare = name
        if ":" in name:
            prefix, bare = name.split(":", 1)
            folded = prefix.casefold()
            if folded in _SCOPES:
                scope = folded
            elif folded == "env":
                drive = "env"
            elif folded == "variable":
                pass
            elif folded == "using":
                self._unsupported(where.offset, "The '$using:' scope")
            else:
                self._unsupported(where.offset, f"The variable drive or scope '{prefix}:'")
            if ":" in bare and drive is None:
                self._unsupported(where.offset, f"The variable path '{name}'")
        return ast.Variable(where, bare, scope, drive, splatted, text)

    def _member_access_chain(self, expression: ast.Expression, mode: Mode) -> ast.Expression:
        while True:
            assert self._peeked is None
            operator = self.tokenizer.member_access_operator(mode)
            if operator is None:
                return expression
            self._last_end = operator.end
            if operator.kind is TokenKind.COLON_COLON:
                self._unsupported(operator.start, "Static member access ('::')")
            if operator.kind is TokenKind.LBRACKET:
                expression = self._index(expression, operator)
            else:
                expression = self._member(expression, operator, mode)

    def _member(self, target: ast.Expression, dot: Token, mode: Mode) -> ast.Expression:
        token = self._peek(mode, simple=True)
        member: str | ast.Expression
        if token.kind is TokenKind.IDENTIFIER:
            self._consume()
            member = token.value
        elif token.kind is TokenKind.NUMBER:
            self._consume()
            member = token.text
        else:
            primary = None
            if token.kind in _PRIMARY_START and token.kind is not TokenKind.SPLATTED_VARIABLE:
                self._enter(token.start)
                primary = self._primary(mode, member_access=False)
                self._leave()
            if primary is None:
                raise self._error(
                    dot.end, "MissingPropertyName", "Missing property name after reference operator.", "a property name"
                )
            member = primary
        if self._peeked is None and self.tokenizer.char_at_position() in ("(", "{"):
            self._unsupported(dot.start, "Calling a method")
        return ast.MemberAccess(target.pos, target, member)

    def _index(self, target: ast.Expression, bracket: Token) -> ast.Expression:
        self._enter(bracket.start)
        self._skip_newlines(Mode.EXPRESSION)
        index = self._expression()
        if index is None:
            raise self._error(
                bracket.end,
                "MissingArrayIndexExpression",
                "Array index expression is missing or not valid.",
                "an index",
            )
        self._skip_newlines(Mode.EXPRESSION)
        closing = self._peek(Mode.EXPRESSION)
        if closing.kind is not TokenKind.RBRACKET:
            raise self._error(
                self._last_end, "MissingEndSquareBracket", "Missing ']' after array index expression.", "']'"
            )
        self._consume()
        self._leave()
        return ast.IndexAccess(target.pos, target, index)

    def _paren(self, lparen: Token) -> ast.Paren:
        self._consume()
        self._enter(lparen.start)
        self._skip_newlines()
        statement = self._statement()
        if statement is None:
            raise self._error(
                lparen.end, "ExpectedExpression", "An expression was expected after '('.", "an expression"
            )
        statement_end = self._last_end
        self._skip_newlines()
        closing = self._peek(Mode.COMMAND)
        if closing.kind is not TokenKind.RPAREN:
            raise self._error(
                statement_end, "MissingEndParenthesisInExpression", "Missing closing ')' in expression.", "')'"
            )
        self._consume()
        self._leave()
        return ast.Paren(self._position(lparen.start), statement)

    def _subexpression(self, opener: Token) -> ast.Expression:
        self._consume()
        self._enter(opener.start)
        statements = tuple(self._statement_list(closing=TokenKind.RPAREN))
        closing = self._peek(Mode.COMMAND)
        if closing.kind is not TokenKind.RPAREN:
            raise self._error(
                closing.start, "MissingEndParenthesisInSubexpression", "Missing closing ')' in subexpression.", "')'"
            )
        self._consume()
        self._leave()
        where = self._position(opener.start)
        if opener.kind is TokenKind.AT_PAREN:
            return ast.ArrayExpression(where, statements)
        return ast.SubExpression(where, statements)

    def _hash_literal(self, opener: Token) -> ast.HashLiteral:
        """``@{ key = statement ... }``: entries separated by newlines or ``;``."""
        self._consume()
        self._enter(opener.start)
        entries: list[tuple[ast.Expression, ast.Statement]] = []
        seen: dict[object, str] = {}
        while True:
            token = self._peek(Mode.EXPRESSION)
            if token.kind in (TokenKind.NEWLINE, TokenKind.SEMI):
                self._consume()
                continue
            if token.kind in (TokenKind.RCURLY, TokenKind.EOF):
                break
            key = self._hash_key()
            static_key = _static_key(key)
            if static_key is not None:
                folded = static_key.casefold() if isinstance(static_key, str) else static_key
                if folded in seen:
                    raise self._error(
                        key.pos.offset,
                        "DuplicateKeyInHashLiteral",
                        f"Duplicate keys '{static_key}' are not allowed in hash literals.",
                    )
                seen[folded] = str(static_key)
            equals = self._peek(Mode.EXPRESSION)
            if equals.kind is not TokenKind.EQUALS:
                raise self._error(
                    self._last_end,
                    "MissingEqualsInHashLiteral",
                    "Missing '=' operator after key in hash literal.",
                    "'='",
                )
            self._consume()
            self._skip_newlines()
            value = self._statement()
            if value is None:
                raise self._error(
                    equals.end,
                    "MissingStatementInHashLiteral",
                    "Missing statement after '=' in hash literal.",
                    "a statement",
                )
            entries.append((key, value))
            separator = self._peek(Mode.COMMAND)
            if separator.kind not in (TokenKind.NEWLINE, TokenKind.SEMI):
                break
        closing = self._peek(Mode.EXPRESSION)
        if closing.kind is not TokenKind.RCURLY:
            raise self._error(
                closing.start,
                "MissingEndCurlyBrace",
                "Missing closing '}' in statement block or type definition.",
                "'}'",
            )
        self._consume()
        self._leave()
        return ast.HashLiteral(self._position(opener.start), tuple(entries))

    def _hash_key(self) -> ast.Expression:
        """LabelOrKeyRule: a simple name, or a unary expression (string, number, variable, (...))."""
        token = self._peek(Mode.EXPRESSION, simple=True)
        if token.kind is TokenKind.IDENTIFIER:
            self._consume()
            return ast.StringConstant(self._position(token.start), token.value, "bare")
        key = self._unary()
        if key is None:
            token = self._peek(Mode.EXPRESSION)
            raise self._error(
                token.start,
                "MissingEqualsInHashLiteral" if token.kind is TokenKind.EQUALS else "UnexpectedToken",
                "Missing key before '=' in hash literal."
                if token.kind is TokenKind.EQUALS
                else f"Unexpected token '{token.text}' in hash literal; expected a key.",
                "a key",
            )
        return key

    # ------------------------------------------------------------ strings
    def _string_parts(self, token: Token) -> tuple[str | ast.Expression, ...]:
        parts: list[str | ast.Expression] = []
        for part in token.parts:
            if isinstance(part, str):
                parts.append(part)
            elif isinstance(part, VariablePart):
                where = self._position(part.start)
                parts.append(
                    self._variable(part.name, where, splatted=False, text=self.source.text[part.start : part.end])
                )
            elif isinstance(part, SubexpressionPart):
                parts.append(part.node)
        return tuple(parts)

    def _string_subexpression(self, start: int) -> tuple[ast.SubExpression, int]:
        """The tokenizer found ``$(`` in a string: parse its statements with a nested parser."""
        opener = start - 2
        nested = Parser(self.source, start, self._depth)
        nested._enter(opener)
        statements = tuple(nested._statement_list(closing=TokenKind.RPAREN))
        closing = nested._peek(Mode.COMMAND)
        if closing.kind is not TokenKind.RPAREN:
            raise self._error(
                closing.start, "MissingEndParenthesisInSubexpression", "Missing closing ')' in subexpression.", "')'"
            )
        nested._consume()
        return ast.SubExpression(self._position(opener), statements), closing.end


def _static_key(key: ast.Expression) -> object | None:
    """A hash key known while parsing (a name, a quoted string, a number), for the duplicate check."""
    if isinstance(key, ast.StringConstant):
        return key.value
    if isinstance(key, ast.Constant):
        return key.value
    return None
