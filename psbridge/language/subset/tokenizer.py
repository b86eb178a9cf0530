"""Characters -> tokens, in the mode the parser asks for.

PowerShell tokenizes the same characters differently in *argument mode*
(after a command name: ``a-b``, ``10abc``, ``1+2`` are single words and ``-x``
is a parameter) and *expression mode* (``-eq`` is an operator, ``1+2`` three
tokens).  The parser knows which mode applies at each point and asks for the
next token in that mode; this is the project's one tokenizer, and its rules
follow PowerShell's ``tokenizer.cs`` (NextToken, ScanGenericToken,
ScanParameter, ScanVariable, ScanNumber, the string scanners).

Doc examples run as written: a ``PS C:\\> `` (``PS>``, ``PS /path>``) prompt at
the start of a line is skipped.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from typing import Any

from ..chars import (
    DOUBLE_QUOTES,
    SINGLE_QUOTES,
    forces_new_token,
    is_dash,
    is_decimal_digit,
    is_hex_digit,
    is_identifier_follow,
    is_identifier_start,
    is_variable_start,
    is_whitespace,
)
from ..errors import ParseError
from ..numbers import number_value, scan_number
from .source import SourceText
from .tokens import StringPart, SubexpressionPart, Token, TokenKind, VariablePart

__all__ = ["KEYWORDS", "Mode", "SubexpressionScanner", "Tokenizer"]


class Mode(enum.Enum):
    COMMAND = "command"  # argument mode
    EXPRESSION = "expression"


#: Parses the statements of ``$( ... )`` inside a string, starting after ``$(``;
#: returns the node and the offset just past the closing ``)``.
SubexpressionScanner = Callable[[int], tuple[Any, int]]

# PowerShell's keyword table (tokenizer.cs s_keywordText).
_KEYWORD_TEXT = (
    "elseif if else switch foreach from in for while until do try catch finally trap data return continue "
    "break exit throw begin process end dynamicparam function filter param class define var using workflow "
    "parallel sequence inlinescript configuration public private static interface enum namespace module type "
    "assembly command hidden base default clean"
)
KEYWORDS = frozenset(_KEYWORD_TEXT.split())

# Dash-operators of expression mode (tokenizer.cs _operatorText); in argument mode they are parameters.
_OPERATOR_TEXT = (
    "bnot not eq ieq ceq ne ine cne ge ige cge gt igt cgt lt ilt clt le ile cle like ilike clike notlike "
    "inotlike cnotlike match imatch cmatch notmatch inotmatch cnotmatch replace ireplace creplace contains "
    "icontains ccontains notcontains inotcontains cnotcontains in iin cin notin inotin cnotin split isplit "
    "csplit isnot is as f and band or bor xor bxor join shl shr"
)
_OPERATOR_NAMES = frozenset(_OPERATOR_TEXT.split())

_REDIRECTION = re.compile(r"(?:[1-6*])?(?:>>|>&[12]|>)|<")
_PROMPT = re.compile(r"PS(?:[ \t][^\r\n>]*)?>[ \t]?")
_BACKTICK_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
}
_PARAMETER_END = frozenset("{}();,|&.[\r\n\0")
_VARIABLE_STOP = frozenset(".[=")


class _Builder:
    """Collects a string's value and its expandable pieces while it is scanned."""

    __slots__ = ("_chunk", "parts", "value")

    def __init__(self) -> None:
        self._chunk: list[str] = []
        self.parts: list[StringPart] = []
        self.value: list[str] = []

    def char(self, text: str) -> None:
        self._chunk.append(text)
        self.value.append(text)

    def expression(self, part: StringPart, typed: str) -> None:
        self._flush()
        self.parts.append(part)
        self.value.append(typed)

    def _flush(self) -> None:
        if self._chunk:
            self.parts.append("".join(self._chunk))
            self._chunk = []

    def finish(self) -> tuple[str, tuple[StringPart, ...]]:
        self._flush()
        value = "".join(self.value)
        expandable = any(not isinstance(part, str) for part in self.parts)
        return value, tuple(self.parts) if expandable else ()


class Tokenizer:
    """Scans ``source`` from ``start``; the parser calls :meth:`next_token` with a mode.

    ``tokens`` records every token produced (rescans after a mode change
    replace what they overlap), so :func:`psbridge.language.tokenize` can show
    the tokens exactly as the parser saw them.
    """

    def __init__(
        self, source: SourceText, start: int = 0, *, subexpression: SubexpressionScanner | None = None
    ) -> None:
        self.source = source
        self.text = source.text
        self.pos = start
        self.tokens: list[Token] = []
        self._subexpression = subexpression

    # ------------------------------------------------------------ helpers
    def reset(self, position: int) -> None:
        """Rewind to ``position`` (to rescan a token in another mode)."""
        self.pos = position
        while self.tokens and self.tokens[-1].start >= position:
            self.tokens.pop()

    def _peek(self, ahead: int = 0) -> str:
        index = self.pos + ahead
        return self.text[index] if index < len(self.text) else ""

    def _error(self, offset: int, error_id: str, message: str, expected: str | None = None) -> ParseError:
        return ParseError.at(self.source, offset, error_id, message, expected=expected)

    def _make(
        self,
        kind: TokenKind,
        start: int,
        value: Any = None,
        parts: tuple[StringPart, ...] = (),
        used_colon: bool = False,
    ) -> Token:
        where = self.source.position(start)
        token = Token(
            kind, self.text[start : self.pos], start, self.pos, where.line, where.column, value, parts, used_colon
        )
        self.tokens.append(token)
        return token

    def _skip_blanks(self) -> None:
        text = self.text
        length = len(text)
        while self.pos < length and is_whitespace(text[self.pos]):
            self.pos += 1

    def _skip_line_comment(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] not in "\r\n":
            self.pos += 1

    def _skip_block_comment(self, start: int) -> None:
        end = self.text.find("#>", self.pos)
        if end < 0:
            raise self._error(
                start,
                "MissingTerminatorMultiLineComment",
                "The terminator '#>' is missing from the multiline comment.",
                "'#>'",
            )
        self.pos = end + 2

    def _skip_prompt(self, start: int) -> bool:
        """Skip a ``PS C:\\> `` prompt that starts a line (doc examples)."""
        if self.text.startswith("PS", start) and self.source.is_line_start(start):
            match = _PROMPT.match(self.text, start)
            if match:
                self.pos = match.end()
                return True
        return False

    # ------------------------------------------------------------ main entry
    def next_token(self, mode: Mode, *, signed_numbers: bool = False, simple_name: bool = False) -> Token:
        """The next token in ``mode``.

        ``signed_numbers`` lets ``-5``/``+5`` scan as numbers (the start of a
        unary expression); ``simple_name`` asks for a plain identifier (member
        and hash-key names) rather than a command-mode word.
        """
        while True:
            self._skip_blanks()
            start = self.pos
            if self._skip_prompt(start):
                continue
            char = self._peek()
            if not char:
                return self._make(TokenKind.EOF, start)
            self.pos += 1
            if char == "#":
                self._skip_line_comment()
                continue
            if char == "\n":
                return self._make(TokenKind.NEWLINE, start)
            if char == "\r":
                if self._peek() == "\n":
                    self.pos += 1
                return self._make(TokenKind.NEWLINE, start)
            if char == "<" and self._peek() == "#":
                self.pos += 1
                self._skip_block_comment(start)
                continue
            if char == "`":
                following = self._peek()
                if following in ("\r", "\n"):  # line continuation
                    self.pos += 2 if following == "\r" and self._peek(1) == "\n" else 1
                    continue
                if following and is_whitespace(following):
                    continue
                if not following:
                    raise self._error(start, "IncompleteString", "Incomplete string token.")
                self.pos = start
                return self._generic(start, mode)
            return self._dispatch(char, start, mode, signed_numbers, simple_name)

    def _dispatch(self, char: str, start: int, mode: Mode, signed: bool, simple: bool) -> Token:
        command = mode is Mode.COMMAND
        following = self._peek()
        if char in SINGLE_QUOTES:
            return self._single_quoted(start)
        if char in DOUBLE_QUOTES:
            return self._double_quoted(start)
        if char == "@":
            return self._at(start, mode)
        if char == "$":
            if following == "(":
                self.pos += 1
                return self._make(TokenKind.DOLLAR_PAREN, start)
            return self._variable(start, mode, splatted=False)
        if is_dash(char):
            return self._dash(start, mode, signed)
        if char == "+":
            if following in ("+", "="):
                self.pos += 1
                return self._operator(start, mode, TokenKind.OPERATOR, "+" + following)
            if signed and (is_decimal_digit(following) or following == "."):
                return self._number(start, mode)
            return self._operator(start, mode, TokenKind.OPERATOR, "+")
        if char == "=":
            return self._operator(start, mode, TokenKind.EQUALS, "=")
        if char in "*/%":
            if char == "*" and following == ">":
                return self._redirection(start)
            if following == "=":
                self.pos += 1
                return self._operator(start, mode, TokenKind.OPERATOR, char + "=")
            return self._operator(start, mode, TokenKind.OPERATOR, char)
        if char in "<>":
            return self._redirection(start)
        if char == "(":
            return self._make(TokenKind.LPAREN, start)
        if char == ")":
            return self._make(TokenKind.RPAREN, start)
        if char == "{":
            return self._make(TokenKind.LCURLY, start)
        if char == "}":
            return self._make(TokenKind.RCURLY, start)
        if char == ";":
            return self._make(TokenKind.SEMI, start)
        if char == ",":
            return self._make(TokenKind.COMMA, start)
        if char == "[":
            if command and not forces_new_token(following):
                return self._rescan_generic(start, mode)
            return self._make(TokenKind.LBRACKET, start)
        if char == "]":
            return self._make(TokenKind.RBRACKET, start)
        if char == ".":
            return self._dot(start, mode)
        if is_decimal_digit(char):
            if "1" <= char <= "6" and following == ">":
                return self._redirection(start)
            return self._number(start, mode)
        if char == "&":
            if following == "&":
                self.pos += 1
                return self._make(TokenKind.AND_AND, start, "&&")
            return self._make(TokenKind.AMPERSAND, start, "&")
        if char == "|":
            if following == "|":
                self.pos += 1
                return self._make(TokenKind.OR_OR, start, "||")
            return self._make(TokenKind.PIPE, start, "|")
        if char == "!":
            if (command and not forces_new_token(following)) or (not command and is_identifier_start(following)):
                return self._rescan_generic(start, mode)
            return self._make(TokenKind.OPERATOR, start, "!")
        if char == ":":
            return self._colon(start, mode, simple)
        if char == "?" and not command:
            for operator in ("??=", "??", "?"):
                if self.text.startswith(operator, start):
                    self.pos = start + len(operator)
                    return self._make(TokenKind.OPERATOR, start, operator)
        if is_identifier_start(char):
            return self._identifier(start, mode, simple)
        return self._rescan_generic(start, mode)

    # ------------------------------------------------------------ small scanners
    def _operator(self, start: int, mode: Mode, kind: TokenKind, value: str) -> Token:
        """An operator, or in argument mode a word when more text follows (``=x``, ``+5``, ``*.txt``)."""
        if mode is Mode.COMMAND and not forces_new_token(self._peek()):
            return self._rescan_generic(start, mode)
        return self._make(kind, start, value)

    def _redirection(self, start: int) -> Token:
        match = _REDIRECTION.match(self.text, start)
        self.pos = match.end() if match else start + 1
        return self._make(TokenKind.REDIRECTION, start, self.text[start : self.pos])

    def _dash(self, start: int, mode: Mode, signed: bool) -> Token:
        following = self._peek()
        if is_dash(following):
            self.pos += 1
            return self._operator(start, mode, TokenKind.MINUS_MINUS, "--")
        if following == "=":
            self.pos += 1
            return self._operator(start, mode, TokenKind.OPERATOR, "-=")
        if following.isalpha() or following in ("_", "?"):
            return self._parameter(start, mode)
        if signed and (is_decimal_digit(following) or following == "."):
            return self._number(start, mode)
        return self._operator(start, mode, TokenKind.OPERATOR, "-")

    def _parameter(self, start: int, mode: Mode) -> Token:
        """``-Name`` / ``-Name:``; in expression mode a dash-operator such as ``-eq``."""
        command = mode is Mode.COMMAND
        name: list[str] = []
        used_colon = False
        while True:
            char = self._peek()
            if not char or is_whitespace(char) or char in _PARAMETER_END:
                break
            if char == ":":
                used_colon = True
                if command:
                    self.pos += 1
                break
            if "a" <= char.lower() <= "z" and char.isascii():
                name.append(char)
                self.pos += 1
                continue
            if char in SINGLE_QUOTES or char in DOUBLE_QUOTES:
                if command:  # quotes are never part of a parameter: the token is an argument
                    return self._rescan_generic(start, mode)
                break
            if not command:
                break
            name.append(char)
            self.pos += 1
        text = "".join(name)
        if not command and text.lower() in _OPERATOR_NAMES:
            return self._make(TokenKind.OPERATOR, start, "-" + text.lower())
        if not text:
            return self._make(TokenKind.OPERATOR, start, "-")
        return self._make(TokenKind.PARAMETER, start, text, used_colon=used_colon)

    def _dot(self, start: int, mode: Mode) -> Token:
        command = mode is Mode.COMMAND
        following = self._peek()
        if following == ".":
            self.pos += 1
            if command and not forces_new_token(self._peek()):
                return self._rescan_generic(start, mode)
            return self._make(TokenKind.OPERATOR, start, "..")
        if is_decimal_digit(following):
            return self._number(start, mode)
        if command and not forces_new_token(following) and following not in ("$", '"', "'"):
            return self._rescan_generic(start, mode)
        return self._make(TokenKind.DOT, start, ".")

    def _colon(self, start: int, mode: Mode, simple: bool) -> Token:
        command = mode is Mode.COMMAND
        if self._peek() == ":":
            self.pos += 1
            if command and not simple and not forces_new_token(self._peek()):
                return self._rescan_generic(start, mode)
            return self._make(TokenKind.COLON_COLON, start, "::")
        if not command:
            return self._make(TokenKind.OPERATOR, start, ":")
        if not is_identifier_start(self._peek()):
            return self._rescan_generic(start, mode)
        while is_identifier_follow(self._peek()):
            self.pos += 1
        if not forces_new_token(self._peek()):
            return self._rescan_generic(start, mode)
        return self._make(TokenKind.LABEL, start, self.text[start + 1 : self.pos])

    def _identifier(self, start: int, mode: Mode, simple: bool) -> Token:
        while is_identifier_follow(self._peek()):
            self.pos += 1
        command = mode is Mode.COMMAND
        if not simple and command and not forces_new_token(self._peek()):
            return self._rescan_generic(start, mode)
        word = self.text[start : self.pos]
        if not simple and command and word.lower() in KEYWORDS:
            return self._make(TokenKind.KEYWORD, start, word.lower())
        return self._make(TokenKind.IDENTIFIER, start, word)

    def _number(self, start: int, mode: Mode) -> Token:
        expression = mode is Mode.EXPRESSION
        scan, end = scan_number(self.text, start, expression_mode=expression)
        if scan is None:
            return self._rescan_generic(start, mode)
        self.pos = end
        value = number_value(scan)
        if value is None:
            if not expression:
                return self._rescan_generic(start, mode)
            raise self._error(start, "BadNumericConstant", f"The numeric constant {self.text[start:end]} is not valid.")
        return self._make(TokenKind.NUMBER, start, value)

    def _at(self, start: int, mode: Mode) -> Token:
        following = self._peek()
        if following == "{":
            self.pos += 1
            return self._make(TokenKind.AT_CURLY, start)
        if following == "(":
            self.pos += 1
            return self._make(TokenKind.AT_PAREN, start)
        if following in SINGLE_QUOTES or following in DOUBLE_QUOTES:
            raise self._error(
                start,
                "UnsupportedSyntax",
                "A here-string (@' '@ or @\" \"@) is not supported in psbridge's PowerShell language subset.",
            )
        if is_variable_start(following):
            return self._variable(start, mode, splatted=True)
        raise self._error(start, "UnrecognizedToken", "Unrecognized token in source text.")

    # ------------------------------------------------------------ escapes
    def _backtick(self, escaped: str, escape_start: int) -> str:
        if escaped == "u":
            return self._unicode_escape(escape_start)
        return _BACKTICK_ESCAPES.get(escaped, escaped)

    def _unicode_escape(self, escape_start: int) -> str:
        """```u{1F600}``: one to six hex digits in braces."""
        if self._peek() != "{":
            raise self._error(
                escape_start,
                "InvalidUnicodeEscapeSequence",
                "The Unicode escape sequence is not valid. A valid sequence is `u{ followed by one to six hex "
                "digits and a closing '}'.",
            )
        self.pos += 1
        digits: list[str] = []
        while True:
            char = self._peek()
            if char == "}" and digits:
                self.pos += 1
                break
            if is_hex_digit(char):
                if len(digits) == 6:
                    raise self._error(
                        escape_start,
                        "TooManyDigitsInUnicodeEscapeSequence",
                        "The Unicode escape sequence contains more than the maximum of six hex digits between braces.",
                    )
                digits.append(char)
                self.pos += 1
                continue
            if digits:
                raise self._error(
                    escape_start,
                    "MissingUnicodeEscapeSequenceTerminator",
                    "The Unicode escape sequence is missing the closing '}'.",
                    "'}'",
                )
            raise self._error(
                escape_start,
                "InvalidUnicodeEscapeSequence",
                "The Unicode escape sequence is not valid. A valid sequence is `u{ followed by one to six hex "
                "digits and a closing '}'.",
            )
        value = int("".join(digits), 16)
        if value > 0x10FFFF:
            raise self._error(
                escape_start,
                "InvalidUnicodeEscapeSequenceValue",
                "The Unicode escape sequence value is out of range. The maximum value is 0x10FFFF.",
            )
        return chr(value)

    # ------------------------------------------------------------ strings
    def _single_quoted(self, start: int) -> Token:
        builder = _Builder()
        self._single_quoted_body(start, builder)
        value, _ = builder.finish()
        return self._make(TokenKind.STRING_LITERAL, start, value)

    def _single_quoted_body(self, start: int, builder: _Builder) -> None:
        """After the opening quote: text up to the closing quote; a doubled quote is one quote."""
        text = self.text
        while True:
            if self.pos >= len(text):
                raise self._error(
                    start, "TerminatorExpectedAtEndOfString", "The string is missing the terminator: '.", "'"
                )
            char = text[self.pos]
            self.pos += 1
            if char in SINGLE_QUOTES:
                if self._peek() and self._peek() in SINGLE_QUOTES:
                    builder.char(self._peek())
                    self.pos += 1
                    continue
                return
            builder.char(char)

    def _double_quoted(self, start: int) -> Token:
        builder = _Builder()
        self._double_quoted_body(start, builder)
        value, parts = builder.finish()
        return self._make(TokenKind.STRING_EXPANDABLE, start, value, parts)

    def _double_quoted_body(self, start: int, builder: _Builder) -> None:
        """After the opening quote: text, ```` escapes, ``$var`` and ``$( )`` up to the closing quote."""
        text = self.text
        while True:
            if self.pos >= len(text):
                raise self._error(
                    start, "TerminatorExpectedAtEndOfString", 'The string is missing the terminator: ".', '"'
                )
            char = text[self.pos]
            self.pos += 1
            if char in DOUBLE_QUOTES:
                if self._peek() and self._peek() in DOUBLE_QUOTES:
                    builder.char(self._peek())
                    self.pos += 1
                    continue
                return
            if char == "$":
                if self._dollar_in_string(self.pos - 1, builder):
                    continue
            elif char == "`":
                escaped = self._peek()
                if escaped:
                    self.pos += 1
                    char = self._backtick(escaped, self.pos - 2)
            builder.char(char)

    def _dollar_in_string(self, dollar: int, builder: _Builder) -> bool:
        """``$name``, ``${name}`` or ``$( )`` inside a string or word; False leaves a literal ``$``."""
        following = self._peek()
        part: StringPart
        if following == "(":
            self.pos += 1
            if self._subexpression is None:
                raise self._error(dollar, "UnsupportedSyntax", "A subexpression cannot be scanned here.")
            node, end = self._subexpression(self.pos)
            self.pos = end
            part = SubexpressionPart(node, dollar, end)
        elif is_variable_start(following) or following == "{":
            scanned = self._variable_name(dollar, Mode.EXPRESSION, in_string=True)
            assert scanned is not None  # expression mode never falls back to a word
            name, braced = scanned
            part = VariablePart(name, braced, dollar, self.pos)
        else:
            return False
        builder.expression(part, self.text[dollar : self.pos])
        return True

    # ------------------------------------------------------------ words
    def _rescan_generic(self, start: int, mode: Mode) -> Token:
        """Start over at ``start`` and scan a bare word (what looked like something else was not)."""
        self.pos = start
        return self._generic(start, mode)

    def _generic(self, start: int, mode: Mode) -> Token:
        """A bare word: everything up to a character that forces a new token.

        Quotes inside a word are removed (``a'b c'd`` is ``ab cd``), ```` escapes
        apply, and ``$var`` / ``$( )`` make the word expandable.
        """
        builder = _Builder()
        first = True  # the first character was already judged to start this token (even a NUL)
        while True:
            char = self._peek()
            if not char or (forces_new_token(char) and not first):
                break
            first = False
            self.pos += 1
            if char == "`":
                escaped = self._peek()
                if escaped:
                    self.pos += 1
                    char = self._backtick(escaped, self.pos - 2)
            elif char in SINGLE_QUOTES:
                self._single_quoted_body(self.pos - 1, builder)
                continue
            elif char in DOUBLE_QUOTES:
                self._double_quoted_body(self.pos - 1, builder)
                continue
            elif char == "$" and self._dollar_in_string(self.pos - 1, builder):
                continue
            builder.char(char)
        value, parts = builder.finish()
        return self._make(TokenKind.GENERIC, start, value, parts)

    # ------------------------------------------------------------ variables
    def _variable(self, start: int, mode: Mode, *, splatted: bool) -> Token:
        scanned = self._variable_name(start, mode, in_string=False, splatted=splatted)
        if scanned is None:
            return self._rescan_generic(start, mode)
        name, _braced = scanned
        kind = TokenKind.SPLATTED_VARIABLE if splatted else TokenKind.VARIABLE
        return self._make(kind, start, name)

    def _variable_name(
        self, start: int, mode: Mode, *, in_string: bool, splatted: bool = False
    ) -> tuple[str, bool] | None:
        """The name after ``$``/``@`` (position just past it); None: in argument mode it is a word."""
        command = mode is Mode.COMMAND and not in_string
        char = self._peek()
        if char == "{" and not splatted:
            return self._braced_variable_name(start, command, in_string)
        if not is_variable_start(char):
            return None
        self.pos += 1
        name = [char]
        if char in "$?^":
            if command and not forces_new_token(self._peek()):
                return None
        else:
            while True:
                char = self._peek()
                if char and (char.isalnum() or char in "_?"):
                    name.append(char)
                elif char == ":":
                    if self._peek(1) == ":":
                        break
                    name.append(char)
                elif not char or char in _VARIABLE_STOP:
                    break
                elif command and not forces_new_token(char):
                    return None
                else:
                    break
                self.pos += 1
        text = "".join(name)
        if text.endswith(":"):
            raise self._error(
                start,
                "InvalidVariableReferenceWithDrive",
                "Variable reference is not valid. ':' was not followed by a valid variable name character. "
                "Consider using ${} to delimit the name.",
            )
        return text, False

    def _braced_variable_name(self, start: int, command: bool, in_string: bool) -> tuple[str, bool] | None:
        brace = self.pos
        self.pos += 1
        name: list[str] = []
        incomplete = self._error(
            brace,
            "IncompleteDollarVariableReference",
            "${variable} reference starting is missing the closing '}'.",
            "'}'",
        )
        while True:
            char = self._peek()
            if not char:
                raise incomplete
            self.pos += 1
            if char == "}":
                break
            if char == "`":
                escaped = self._peek()
                if not escaped:
                    raise incomplete
                self.pos += 1
                char = self._backtick(escaped, self.pos - 2)
            elif char in DOUBLE_QUOTES and in_string:
                following = self._peek()
                if not following:
                    raise incomplete
                if following in DOUBLE_QUOTES:
                    self.pos += 1
                    char = following
            elif char == "{":
                raise self._error(
                    self.pos - 1, "OpenBraceNeedsToBeBackTickedInVariableName", "Use `{ instead of { in variable names."
                )
            name.append(char)
        text = "".join(name)
        if not text:
            raise self._error(
                self.pos - 1,
                "EmptyVariableReference",
                "An empty ${} variable reference was found. A name is required inside the braces.",
            )
        if command:
            following = self._peek()
            if not forces_new_token(following) and following not in (".", "["):
                return None
        if text.endswith(":"):
            raise self._error(
                start,
                "InvalidBracedVariableReference",
                "Variable reference is not valid. The variable name is missing.",
            )
        return text, True

    # ------------------------------------------------------------ parser support
    def member_access_operator(self, mode: Mode) -> Token | None:
        """``.`` ``::`` or ``[`` right after a value (no blank between), as GetMemberAccessOperator.

        Only ``<# #>`` comments may stand between; in argument mode a ``.``
        followed by a blank is not member access (``Cmd $x .`` passes ``.``).
        """
        saved = self.pos
        while self._peek() == "<" and self._peek(1) == "#":
            comment = self.pos
            self.pos += 2
            self._skip_block_comment(comment)
        start = self.pos
        char = self._peek()
        command = mode is Mode.COMMAND
        if char == ".":
            following = self._peek(1)
            if following == "." or (command and (not following or is_whitespace(following) or following in "\r\n")):
                self.pos = saved
                return None
            self.pos += 1
            return self._make(TokenKind.DOT, start, ".")
        if char == ":" and self._peek(1) == ":":
            following = self._peek(2)
            if command and (not following or is_whitespace(following) or following in "\r\n"):
                self.pos = saved
                return None
            self.pos += 2
            return self._make(TokenKind.COLON_COLON, start, "::")
        if char == "[":
            self.pos += 1
            return self._make(TokenKind.LBRACKET, start)
        self.pos = saved
        return None

    def char_at_position(self) -> str:
        """The character at the current position (the parser checks ``(`` after a member name)."""
        return self._peek()

    def scan_type_name(self, bracket: int) -> str:
        """After ``[``: the type name up to and including ``]``; returns the name as written."""
        self._skip_blanks()
        name_start = self.pos
        while True:
            char = self._peek()
            if char and (char.isalnum() or char in "._`+#\\"):
                self.pos += 1
                continue
            if char == "[":  # generic arguments or array rank: keep them in the name
                depth = 0
                while self._peek():
                    if self._peek() == "[":
                        depth += 1
                    elif self._peek() == "]":
                        depth -= 1
                        if depth == 0:
                            self.pos += 1
                            break
                    self.pos += 1
                continue
            break
        name = self.text[name_start : self.pos]
        if not name:
            raise self._error(bracket + 1, "MissingTypename", "Missing type name after '['.", "a type name")
        self._skip_blanks()
        if self._peek() != "]":
            raise self._error(
                self.pos,
                "EndSquareBracketExpectedAtEndOfAttribute",
                "Missing ] at end of attribute or type literal.",
                "']'",
            )
        self.pos += 1
        where = self.source.position(name_start)
        self.tokens.append(
            Token(TokenKind.IDENTIFIER, name, name_start, name_start + len(name), where.line, where.column, name)
        )
        return name

    def is_pipe_continuation(self, offset: int) -> bool:
        """After a newline at ``offset``: is the next non-blank, non-comment character a ``|``?

        PowerShell 7 continues a pipeline on a line that starts with ``|``;
        a blank line in between ends it.
        """
        text = self.text
        index = offset
        last_was_newline = True
        length = len(text)
        while index < length:
            char = text[index]
            if is_whitespace(char):
                index += 1
                continue
            if char in "\r\n":
                if last_was_newline:
                    return False
                last_was_newline = True
                index += 2 if text.startswith("\r\n", index) else 1
                continue
            last_was_newline = False
            if char == "#":
                while index < length and text[index] not in "\r\n":
                    index += 1
                continue
            if text.startswith("<#", index):
                end = text.find("#>", index + 2)
                index = length if end < 0 else end + 2
                continue
            return char == "|"
        return False
