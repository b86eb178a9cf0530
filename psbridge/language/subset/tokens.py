"""Tokens: what the tokenizer hands the parser.

A token keeps its text as typed (``-RunId:``, ``0x10``) beside its meaning
(parameter name ``RunId``, number 16), because PowerShell uses both: a
parameter that matches nothing is passed on as its typed text, and error
messages quote the source.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

__all__ = ["StringPart", "SubexpressionPart", "Token", "TokenKind", "VariablePart"]


class TokenKind(enum.Enum):
    EOF = "end of input"
    NEWLINE = "newline"
    SEMI = "';'"
    PIPE = "'|'"
    COMMA = "','"
    LPAREN = "'('"
    RPAREN = "')'"
    LCURLY = "'{'"
    RCURLY = "'}'"
    LBRACKET = "'['"
    RBRACKET = "']'"
    DOLLAR_PAREN = "'$('"
    AT_PAREN = "'@('"
    AT_CURLY = "'@{'"
    VARIABLE = "variable"
    SPLATTED_VARIABLE = "splatted variable"
    PARAMETER = "parameter"
    NUMBER = "number"
    STRING_LITERAL = "string"
    STRING_EXPANDABLE = "expandable string"
    GENERIC = "bare word"
    IDENTIFIER = "identifier"
    KEYWORD = "keyword"
    LABEL = "label"
    EQUALS = "'='"
    MINUS_MINUS = "'--'"
    DOT = "'.'"
    COLON_COLON = "'::'"
    AMPERSAND = "'&'"
    AND_AND = "'&&'"
    OR_OR = "'||'"
    REDIRECTION = "redirection"
    OPERATOR = "operator"


@dataclass(frozen=True, slots=True)
class VariablePart:
    """``$name`` or ``${name}`` inside a double-quoted string or a bare word."""

    name: str
    braced: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SubexpressionPart:
    """``$( ... )`` inside a string; ``node`` is the parsed ``ast.SubExpression``."""

    node: Any
    start: int
    end: int


StringPart = str | VariablePart | SubexpressionPart


@dataclass(frozen=True, slots=True)
class Token:
    """One token.  ``value`` depends on the kind:

    - PARAMETER: the name without dash or colon (``used_colon`` tells ``-Name:``);
    - NUMBER: the int, float or Decimal;
    - STRING_LITERAL / STRING_EXPANDABLE / GENERIC: the text with quotes and
      escapes processed (variables still as typed); ``parts`` splits out the
      ``$var`` and ``$( )`` pieces that expand;
    - VARIABLE / SPLATTED_VARIABLE: the name as typed after ``$``/``@``, braces removed;
    - KEYWORD: the keyword in lower case; OPERATOR / REDIRECTION: the operator text.
    """

    kind: TokenKind
    text: str
    start: int
    end: int
    line: int
    column: int
    value: Any = None
    parts: tuple[StringPart, ...] = ()
    used_colon: bool = False

    @property
    def is_expandable(self) -> bool:
        return any(not isinstance(part, str) for part in self.parts)

    def __repr__(self) -> str:
        return f"Token({self.kind.name}, {self.text!r}, {self.line}:{self.column})"
