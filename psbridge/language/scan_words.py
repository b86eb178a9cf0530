"""Scanning bare words, variables, parameters, numbers and names (the tokenizer's word half).

Which of these a run of characters is depends on the tokenizer's mode, as in
PowerShell: in command mode ``-Path`` is a parameter and ``10abc`` a bare word;
in expression mode ``-eq`` is an operator and a number ends at an operator
character (``7+1``).  A word that turns out not to be what it started as
(``77z``, ``$+``, ``-x'y'``) is rescanned as a bare word (ScanGenericToken).
"""

from __future__ import annotations

from ..conversion.numbertext import NumberFormat, NumberScan, number_value
from .chars import (
    DOUBLE_QUOTE_CHARS,
    FORCE_NEW_TOKEN_SET,
    IDENTIFIER_RUN,
    NUMBER_SHAPE,
    PARAMETER_COMMAND_RUN,
    PARAMETER_LETTERS,
    PLAIN_WORD_RUN,
    SINGLE_QUOTE_CHARS,
    TYPE_NAME_RUN,
    VARIABLE_NAME_RUN,
)
from .scanner import ScannerBase
from .tokens import (
    LabelToken,
    NumberToken,
    ParameterToken,
    StringExpandableToken,
    StringToken,
    Token,
    TokenKind,
    VariableToken,
)
from .variables import VariablePath

__all__ = ["KEYWORDS", "OPERATORS", "WordScanner"]

_FORCE_NEW = FORCE_NEW_TOKEN_SET
_END_NUMBER = frozenset("!#%*+-./<=>]\u2013\u2014\u2015")
_END_NUMBER_TERNARY = _END_NUMBER | {"?", ":"}
_GENERIC_SPECIAL = frozenset("`$" + SINGLE_QUOTE_CHARS + DOUBLE_QUOTE_CHARS)
_VARIABLE_END = frozenset("\t\r\n &(),;{}|.[=")
_COMMAND, _EXPRESSION, _TYPE_NAME, _SIGNATURE = 0, 1, 2, 3

#: Keywords (lower case) -> kind; recognized in command and signature mode only.
KEYWORDS: dict[str, TokenKind] = {
    kind.name.lower(): kind
    for kind in TokenKind
    if TokenKind.Begin <= kind <= TokenKind.Clean and kind is not TokenKind.DynamicKeyword
}
#: Operator names after the dash (lower case) -> kind; recognized in expression mode only.
OPERATORS: dict[str, TokenKind] = {
    "bnot": TokenKind.Bnot, "not": TokenKind.Not, "eq": TokenKind.Ieq, "ieq": TokenKind.Ieq,
    "ceq": TokenKind.Ceq, "ne": TokenKind.Ine, "ine": TokenKind.Ine, "cne": TokenKind.Cne,
    "ge": TokenKind.Ige, "ige": TokenKind.Ige, "cge": TokenKind.Cge, "gt": TokenKind.Igt,
    "igt": TokenKind.Igt, "cgt": TokenKind.Cgt, "lt": TokenKind.Ilt, "ilt": TokenKind.Ilt,
    "clt": TokenKind.Clt, "le": TokenKind.Ile, "ile": TokenKind.Ile, "cle": TokenKind.Cle,
    "like": TokenKind.Ilike, "ilike": TokenKind.Ilike, "clike": TokenKind.Clike,
    "notlike": TokenKind.Inotlike, "inotlike": TokenKind.Inotlike, "cnotlike": TokenKind.Cnotlike,
    "match": TokenKind.Imatch, "imatch": TokenKind.Imatch, "cmatch": TokenKind.Cmatch,
    "notmatch": TokenKind.Inotmatch, "inotmatch": TokenKind.Inotmatch, "cnotmatch": TokenKind.Cnotmatch,
    "replace": TokenKind.Ireplace, "ireplace": TokenKind.Ireplace, "creplace": TokenKind.Creplace,
    "contains": TokenKind.Icontains, "icontains": TokenKind.Icontains, "ccontains": TokenKind.Ccontains,
    "notcontains": TokenKind.Inotcontains, "inotcontains": TokenKind.Inotcontains,
    "cnotcontains": TokenKind.Cnotcontains, "in": TokenKind.Iin, "iin": TokenKind.Iin, "cin": TokenKind.Cin,
    "notin": TokenKind.Inotin, "inotin": TokenKind.Inotin, "cnotin": TokenKind.Cnotin,
    "split": TokenKind.Isplit, "isplit": TokenKind.Isplit, "csplit": TokenKind.Csplit,
    "isnot": TokenKind.IsNot, "is": TokenKind.Is, "as": TokenKind.As, "f": TokenKind.Format,
    "and": TokenKind.And, "band": TokenKind.Band, "or": TokenKind.Or, "bor": TokenKind.Bor,
    "xor": TokenKind.Xor, "bxor": TokenKind.Bxor, "join": TokenKind.Join, "shl": TokenKind.Shl,
    "shr": TokenKind.Shr,
}  # fmt: skip

_GENERIC = TokenKind.Generic
_IDENTIFIER = TokenKind.Identifier
_VARIABLE = TokenKind.Variable
_SPLATTED = TokenKind.SplattedVariable


class WordScanner(ScannerBase):
    """Mixin of :class:`Tokenizer`: bare words, variables, parameters, numbers, identifiers, labels."""

    # ------------------------------------------------------------ bare words
    def scan_generic(self, prefix: str) -> Token:
        """A bare word from ``pos`` to a character that forces a new token; ``prefix`` was already read.

        Backtick escapes apply, quoted parts are unquoted, and ``$`` expands
        (the token is then an expandable Generic token).
        """
        text, end = self.text, self.end
        pos = self.pos
        # Most words are one plain run (a command name, a bare argument): no parts to assemble.
        match = PLAIN_WORD_RUN.match(text, pos, end)
        run_end = match.end() if match is not None else pos
        if run_end >= end or text[run_end] not in _GENERIC_SPECIAL:
            self.pos = run_end
            return StringToken(_GENERIC, self.token_start, run_end, text, prefix + text[pos:run_end])
        parts = [prefix]
        format_parts = [prefix]
        nested: list[Token] = []
        while True:
            match = PLAIN_WORD_RUN.match(text, pos, end)
            if match is not None:
                run = match.group()
                parts.append(run)
                format_parts.append(run)
                pos = match.end()
            if pos >= end:
                break
            char = text[pos]
            if char not in _GENERIC_SPECIAL:
                break  # a character that forces a new token
            self.pos = pos + 1
            if char == "`":
                if pos + 1 < end:
                    self.pos = pos + 2
                    char = self.backtick(text[pos + 1])
                    if char in "{}":
                        format_parts.append(char)
            elif char in SINGLE_QUOTE_CHARS:
                mark = len(parts)
                self.scan_string_literal_body(parts)
                format_parts.extend(part.replace("{", "{{").replace("}", "}}") for part in parts[mark:])
                pos = self.pos
                continue
            elif char in DOUBLE_QUOTE_CHARS:
                self.scan_string_expandable_body(parts, format_parts, nested)
                pos = self.pos
                continue
            elif self.scan_dollar_in_string(parts, format_parts, nested, here_string=False):
                pos = self.pos
                continue
            parts.append(char)
            format_parts.append(char)
            pos = self.pos
        self.pos = pos
        value = "".join(parts)
        if nested:
            return StringExpandableToken(_GENERIC, self.token_start, pos, text, value, "".join(format_parts), nested)
        return StringToken(_GENERIC, self.token_start, pos, text, value)

    # ------------------------------------------------------------ identifiers and keywords
    def scan_identifier(self) -> Token:
        """A word starting with a letter: keyword (command/signature mode), identifier, type name, or bare word."""
        text, end = self.text, self.end
        start = self.token_start
        match = IDENTIFIER_RUN.match(text, start, end)
        pos = match.end() if match is not None else start + 1
        mode = self.mode
        if mode == _TYPE_NAME:
            rest = TYPE_NAME_RUN.match(text, pos, end)
            self.pos = rest.end() if rest is not None else pos
            return Token(_IDENTIFIER, start, self.pos, text)
        self.pos = pos
        following = text[pos] if pos < end else "\0"
        if not self.want_simple_name:
            if mode == _COMMAND and following not in _FORCE_NEW:
                return self.scan_generic(text[start:pos])
            if mode in (_COMMAND, _SIGNATURE):
                kind = KEYWORDS.get(text[start:pos].lower())
                if kind is not None and (kind is not TokenKind.InlineScript or self.in_workflow_context):
                    return Token(kind, start, pos, text)
        return Token(_IDENTIFIER, start, pos, text)

    def scan_label(self) -> Token:
        """``:name`` in command mode (a loop label), else a bare word starting with ``:``."""
        text, end = self.text, self.end
        pos = self.pos
        if pos >= end:
            return StringToken(_GENERIC, self.token_start, pos, text, ":")
        if not self.is_identifier_start(text[pos]):
            return self.scan_generic(":")
        match = IDENTIFIER_RUN.match(text, pos, end)
        name_end = match.end() if match is not None else pos + 1
        following = text[name_end] if name_end < end else "\0"
        if following not in _FORCE_NEW:
            self.pos = name_end + 1
            return self.scan_generic(":" + text[pos:name_end] + following)
        self.pos = name_end
        return LabelToken(self.token_start, name_end, text, text[pos:name_end])

    # ------------------------------------------------------------ variables
    def scan_variable(self, *, splatted: bool, in_string: bool) -> Token:
        """After ``$`` (or ``@`` when splatted): ``name``, ``scope:name``, ``${any name}``, ``$$ $? $^``."""
        text, end = self.text, self.end
        pos = self.pos
        if pos < end and text[pos] == "{":
            return self._scan_braced_variable(in_string)
        char = text[pos] if pos < end else ""
        if not char or not self.is_variable_start(char):
            return self.scan_generic("$")
        command_mode = self.mode == _COMMAND
        if char in "$?^":
            pos += 1
            if command_mode and pos < end and text[pos] not in _FORCE_NEW:
                self.pos = self.token_start
                return self.scan_generic("")
        else:
            while True:
                match = VARIABLE_NAME_RUN.match(text, pos, end)
                if match is not None:
                    pos = match.end()
                if pos >= end:
                    break
                char = text[pos]
                if char == ":":
                    if pos + 1 < end and text[pos + 1] == ":":
                        break  # $a::b is static member access
                    pos += 1
                    continue
                if char in _VARIABLE_END:
                    break
                if command_mode and char not in _FORCE_NEW:
                    self.pos = self.token_start
                    return self.scan_generic("")
                break
        self.pos = pos
        name = text[self.token_start + 1 : pos]
        path = VariablePath(name)
        if not path.unqualified_path:
            error = "InvalidVariableReferenceWithDrive" if path.is_drive_qualified else "InvalidVariableReference"
            self.report_error(self.token_start, pos, error)
        return VariableToken(_SPLATTED if splatted else _VARIABLE, self.token_start, pos, text, name)

    def _scan_braced_variable(self, in_string: bool) -> Token:
        text, end = self.text, self.end
        error_start = self.pos
        pos = self.pos + 1
        parts: list[str] = []
        closed = False
        while pos < end:
            char = text[pos]
            pos += 1
            if char == "}":
                closed = True
                break
            if char == "`":
                if pos >= end:
                    break
                self.pos = pos + 1
                char = self.backtick(text[pos])
                pos = self.pos
            elif char in DOUBLE_QUOTE_CHARS and in_string:
                if pos >= end:
                    break
                if text[pos] in DOUBLE_QUOTE_CHARS:
                    char = text[pos]
                    pos += 1
            elif char == "{":
                self.report_error(pos, pos + 1, "OpenBraceNeedsToBeBackTickedInVariableName")
            parts.append(char)
        self.pos = pos
        name = "".join(parts)
        if not closed:
            self.report_incomplete(error_start, "IncompleteDollarVariableReference")
        if not name:
            if closed:
                self.report_error(pos - 1, pos, "EmptyVariableReference")
            name = ":Error:"
        if self.mode == _COMMAND:
            following = text[pos] if pos < end else "\0"
            if following not in _FORCE_NEW and following != "." and following != "[":
                self.pos = self.token_start
                return self.scan_generic("")
        if not VariablePath(name).unqualified_path:
            self.report_error(self.token_start, pos, "InvalidBracedVariableReference")
        return VariableToken(_VARIABLE, self.token_start, pos, text, name)

    # ------------------------------------------------------------ parameters and operators
    def scan_parameter(self) -> Token:
        """After a dash followed by a letter, ``_`` or ``?``: a parameter, or an operator in expression mode."""
        text, end = self.text, self.end
        start = self.pos
        used_colon = False
        if self.mode == _COMMAND:
            match = PARAMETER_COMMAND_RUN.match(text, start, end)
            pos = match.end() if match is not None else start
            following = text[pos] if pos < end else ""
            if following and (following in SINGLE_QUOTE_CHARS or following in DOUBLE_QUOTE_CHARS):
                self.pos = pos  # quotes are never part of a parameter: the whole word is an argument
                return self.scan_generic(text[self.token_start : pos])
            name = text[start:pos]
            if following == ":":
                used_colon = True
                pos += 1
        else:
            match = PARAMETER_LETTERS.match(text, start, end)
            pos = match.end() if match is not None else start
            name = text[start:pos]
            used_colon = pos < end and text[pos] == ":"
        self.pos = pos
        if self.mode == _EXPRESSION:
            operator = OPERATORS.get(name.lower())
            if operator is not None:
                return Token(operator, self.token_start, pos, text)
        if not name:
            return Token(TokenKind.Minus, self.token_start, pos, text)
        return ParameterToken(self.token_start, pos, text, name, used_colon)

    # ------------------------------------------------------------ numbers
    def scan_number(self) -> Token:
        """A number at ``token_start`` (digit, ``.``, or sign); a bare word when it does not scan as one."""
        text, end = self.text, self.end
        start = self.token_start
        match = NUMBER_SHAPE.match(text, start, end)
        assert match is not None  # every group is optional
        after = match.end()
        following = text[after] if after < end else "\0"
        is_number = following in _FORCE_NEW or (
            self.mode == _EXPRESSION
            and following in (_END_NUMBER_TERNARY if self.force_end_number_on_ternary else _END_NUMBER)
        )
        value = None
        if is_number:
            scan = _number_scan(match)
            if scan is None:
                is_number = False
            else:
                value = number_value(scan)
                if value is None and self.mode != _EXPRESSION:
                    is_number = False
        if not is_number:
            self.pos = start
            return self.scan_generic("")
        self.pos = after
        if value is None:
            self.report_error(start, after, "BadNumericConstant", text[start:after])
        return NumberToken(start, after, text, value)

    def new_file_redirection_or_number(self, stream: int, append: bool) -> Token:
        """``N>``/``N>>`` is a redirection, except in expression mode where ``2>1`` compares: N is a number."""
        if self.mode == _EXPRESSION:
            self.pos = self.token_start + 1
            return NumberToken(self.token_start, self.pos, self.text, stream)
        return self.new_redirection(TokenKind.Redirection, stream, None, append)


def _number_scan(match: object) -> NumberScan | None:
    """The scanned shape as NumberScan, or None when PowerShell's ScanNumberHelper says it is no number."""
    groups = match.groupdict()  # type: ignore[attr-defined]
    sign = groups["sign"] or ""
    if sign and sign != "+":
        sign = "-"
    suffix = groups["suffix"].lower()
    if len(suffix) == 2 and (suffix[0] != "u" or suffix[1] not in "lsy"):
        return None
    multiplier = 1
    if groups["multiplier"] is not None:
        if groups["b"] is None:
            return None
        multiplier = 1024 ** ("kmgtp".index(groups["multiplier"].lower()) + 1)
    if groups["hex"] is not None:
        return NumberScan(sign + "0" + groups["hex"], NumberFormat.HEX, suffix, False, multiplier)
    if groups["binary"] is not None:
        if not groups["binary"] and not sign:
            return None
        return NumberScan(sign + groups["binary"], NumberFormat.BINARY, suffix, False, multiplier)
    digits = sign + groups["int"]
    real = False
    if groups["dot"] is not None:
        digits += "." + groups["fraction"]
        real = True
    exponent = groups["exponent"]
    if exponent is not None:
        if not exponent:
            return None
        exponent_sign = groups["exponent_sign"] or ""
        if exponent_sign and exponent_sign != "+":
            exponent_sign = "-"
        digits += "e" + exponent_sign + exponent
        real = True
    return NumberScan(digits, NumberFormat.DECIMAL, suffix, real, multiplier)
