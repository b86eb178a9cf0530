"""Scanning quoted strings, here-strings and what expands inside them (the tokenizer's string half).

PowerShell's rules, from tokenizer.cs: a quote of any of its typographic
forms opens and closes a string; a doubled quote is one quote; in
double-quoted text a backtick escapes (```n``, ```u{263A}``) and ``$name``,
``${name}`` and ``$( ... )`` are recorded as nested tokens to expand.  A
``$( ... )`` is not scanned as code here: its extent is found by counting
parentheses (quotes inside do not count), and the parser scans it later.
Here-strings need a line break right after ``@'``/``@"`` and end at a line
that starts with ``'@``/``"@``.
"""

from __future__ import annotations

from .chars import (
    DOUBLE_QUOTE_CHARS,
    DOUBLE_QUOTED_RUN,
    HERE_STRING_RUN,
    LINE_COMMENT_REST,
    SINGLE_QUOTE_CHARS,
    SINGLE_QUOTED_RUN,
)
from .scanner import ScannerBase
from .tokens import StringExpandableToken, StringToken, Token, TokenKind, UnscannedSubExprToken

__all__ = ["StringScanner"]

_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")
_STRING_LITERAL = TokenKind.StringLiteral
_STRING_EXPANDABLE = TokenKind.StringExpandable
_HERE_LITERAL = TokenKind.HereStringLiteral
_HERE_EXPANDABLE = TokenKind.HereStringExpandable


def _quote_escape(char: str, following: str) -> bool:
    """```"`` or ``""`` inside ``$( )`` of a double-quoted string: the nested scan sees one quote."""
    return (char == "`" or char in DOUBLE_QUOTE_CHARS) and following != "" and following in DOUBLE_QUOTE_CHARS


class StringScanner(ScannerBase):
    """Mixin of :class:`Tokenizer`: strings, escapes, and the ``$`` inside expandable text."""

    # ------------------------------------------------------------ escapes
    def backtick(self, char: str) -> str:
        """The character a backtick escape stands for (``pos`` is after ``char``)."""
        if char == "u":
            return self._scan_unicode_escape()
        return _ESCAPES.get(char, char)

    def _scan_unicode_escape(self) -> str:
        """```u{hex}``: one to six hex digits, at most 0x10FFFF; errors as PowerShell words them."""
        text, end = self.text, self.end
        escape_start = self.pos - 2
        if self.pos >= end or text[self.pos] != "{":
            self.report_error(escape_start, self.pos, "InvalidUnicodeEscapeSequence")
            return ""
        self.pos += 1
        digits = ""
        for count in range(7):
            char = text[self.pos] if self.pos < end else ""
            if char == "}":
                self.pos += 1
                if count == 0:
                    self.report_error(escape_start, self.pos, "InvalidUnicodeEscapeSequence")
                    return ""
                break
            if char not in _HEX_DIGITS or not char:
                error = "InvalidUnicodeEscapeSequence" if count < 6 else "MissingUnicodeEscapeSequenceTerminator"
                self.report_error(self.pos, self.pos + 1, error)
                return ""
            if count == 6:
                self.report_error(self.pos, self.pos + 1, "TooManyDigitsInUnicodeEscapeSequence")
                return ""
            digits += char
            self.pos += 1
        value = int(digits, 16)
        if value > 0x10FFFF:
            self.report_error(escape_start + 3, self.pos - 1, "InvalidUnicodeEscapeSequenceValue")
            return ""
        return chr(value)

    # ------------------------------------------------------------ single-quoted
    def scan_string_literal_body(self, parts: list[str]) -> bool:
        """Scan after an opening single quote to the closing one; False when the input ended first."""
        text, end = self.text, self.end
        error_offset = self.pos - 1
        pos = self.pos
        while True:
            match = SINGLE_QUOTED_RUN.match(text, pos, end)
            if match is not None:
                parts.append(match.group())
                pos = match.end()
            if pos >= end:
                self.pos = pos
                self.report_incomplete(error_offset, "TerminatorExpectedAtEndOfString", "'")
                return False
            # a quote: doubled is one literal quote, else it ends the string
            if pos + 1 < end and text[pos + 1] in SINGLE_QUOTE_CHARS:
                parts.append(text[pos + 1])
                pos += 2
                continue
            self.pos = pos + 1
            return True

    def scan_string_literal(self) -> Token:
        parts: list[str] = []
        self.scan_string_literal_body(parts)
        return StringToken(_STRING_LITERAL, self.token_start, self.pos, self.text, "".join(parts))

    # ------------------------------------------------------------ double-quoted
    def scan_string_expandable_body(self, parts: list[str], format_parts: list[str], nested: list[Token]) -> bool:
        """Scan after an opening double quote to the closing one, expanding escapes and collecting ``$``."""
        text, end = self.text, self.end
        error_offset = self.pos - 1
        while True:
            pos = self.pos
            match = DOUBLE_QUOTED_RUN.match(text, pos, end)
            if match is not None:
                run = match.group()
                parts.append(run)
                format_parts.append(run)
                pos = self.pos = match.end()
            if pos >= end:
                self.report_incomplete(error_offset, "TerminatorExpectedAtEndOfString", '"')
                return False
            char = text[pos]
            self.pos = pos + 1
            if char in DOUBLE_QUOTE_CHARS:
                if pos + 1 < end and text[pos + 1] in DOUBLE_QUOTE_CHARS:
                    char = text[pos + 1]
                    self.pos = pos + 2
                else:
                    return True
            elif char == "$":
                if self.scan_dollar_in_string(parts, format_parts, nested, here_string=False):
                    continue
            elif char == "`":
                if pos + 1 < end:
                    self.pos = pos + 2
                    char = self.backtick(text[pos + 1])
            elif char in "{}":
                format_parts.append(char)  # literal braces are doubled in the format string
            parts.append(char)
            format_parts.append(char)

    def scan_string_expandable(self) -> Token:
        parts: list[str] = []
        format_parts: list[str] = []
        nested: list[Token] = []
        self.scan_string_expandable_body(parts, format_parts, nested)
        return StringExpandableToken(
            _STRING_EXPANDABLE,
            self.token_start,
            self.pos,
            self.text,
            "".join(parts),
            "".join(format_parts),
            nested or None,
        )

    def scan_dollar_in_string(
        self, parts: list[str], format_parts: list[str], nested: list[Token], *, here_string: bool
    ) -> bool:
        """After a ``$`` in expandable text: a variable or ``$( )`` becomes a nested token (True), else False."""
        text = self.text
        dollar = self.pos - 1
        following = text[self.pos] if self.pos < self.end else ""
        token: Token | None = None
        saved_start, saved_mode, saved_list = self.token_start, self.mode, self.token_list
        self.token_list = None
        self.mode = 1  # expression mode: a variable name ends where an expression would end it
        try:
            if following == "(":
                self.pos += 1
                token = self.scan_sub_expression(here_string)
            elif following and (following == "{" or self.is_variable_start(following)):
                self.token_start = dollar
                token = self.scan_variable(splatted=False, in_string=True)
        finally:
            self.token_start, self.mode, self.token_list = saved_start, saved_mode, saved_list
        if token is None:
            return False
        typed = text[dollar : self.pos]
        parts.append(typed)
        format_parts.append("{" + str(len(nested)) + "}")
        nested.append(token)
        return True

    def scan_sub_expression(self, here_string: bool) -> Token:
        """``$( ... )`` in a string: find its end by counting parentheses, for the parser to scan later."""
        text, end = self.text, self.end
        start = self.pos - 2
        depth = 1
        skipped: list[int] = []
        pos = self.pos
        while True:
            if pos >= end:
                self.pos = pos
                self.report_incomplete(start, "IncompleteDollarSubexpressionReference")
                break
            char = text[pos]
            pos += 1
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    break
            elif not here_string and _quote_escape(char, text[pos] if pos < end else ""):
                skipped.append(pos - 1)  # the nested scan reads `" and "" as one "
                pos += 1
        self.pos = pos
        return UnscannedSubExprToken(start, pos, text, skipped)

    # ------------------------------------------------------------ here-strings
    def _after_here_string_header(self, quote: str) -> bool:
        """After ``@'``/``@"``: only blanks, then a line break; else an error and False."""
        text, end = self.text, self.end
        header = self.pos - 2
        pos = self.pos
        while pos < end and self.is_whitespace(text[pos]):
            pos += 1
        if pos < end and text[pos] in "\r\n":
            pos += 2 if text.startswith("\r\n", pos) else 1
            self.pos = pos
            return True
        if pos >= end:
            self.pos = pos
            self.report_incomplete(header, "TerminatorExpectedAtEndOfString", quote + "@")
            return False
        self.pos = pos
        self.report_error(pos, pos + 1, "UnexpectedCharactersAfterHereStringHeader")
        # Recovery: look for a terminator on this line, else resume at the line break.
        while pos < end:
            char = text[pos]
            if char == quote and pos + 1 < end and text[pos + 1] == "@":
                pos += 2
                break
            if char in "\r\n":
                break
            pos += 1
        self.pos = pos
        return False

    def _here_string_footer(self, quotes: str, parts: list[str], format_parts: list[str] | None) -> int:
        """At the start of a line: 1 if it is the footer (consumed), else 0; -1 for a footer after blanks."""
        text, end = self.text, self.end
        pos = self.pos
        if pos + 1 < end and text[pos] in quotes and text[pos + 1] == "@":
            self.pos = pos + 2
            return 1
        scan = pos
        while scan < end and self.is_whitespace(text[scan]):
            scan += 1
        if scan > pos and scan + 1 < end and text[scan] in quotes and text[scan + 1] == "@":
            run = text[pos : scan + 2]
            parts.append(run)
            if format_parts is not None:
                format_parts.append(run)
            self.pos = scan + 2
            return -scan - 1
        return 0

    def scan_here_string(self, expandable: bool) -> Token:
        """``@' ... '@`` or ``@" ... "@`` (expandable: backticks and ``$`` as in double-quoted strings)."""
        kind = _HERE_EXPANDABLE if expandable else _HERE_LITERAL
        quote = '"' if expandable else "'"
        quotes = DOUBLE_QUOTE_CHARS if expandable else SINGLE_QUOTE_CHARS
        header = self.pos - 2
        parts: list[str] = []
        format_parts: list[str] = []
        nested: list[Token] = []
        if self._after_here_string_header(quote):
            false_footer = -1
            text, end = self.text, self.end
            footer = self._here_string_footer(quotes, parts, format_parts if expandable else None)
            while footer != 1:
                if footer < 0 and false_footer == -1:
                    false_footer = -footer - 1
                pos = self.pos
                if expandable:
                    match = HERE_STRING_RUN.match(text, pos, end)
                    if match is not None:
                        run = match.group()
                        parts.append(run)
                        format_parts.append(run)
                        pos = self.pos = match.end()
                else:
                    line = LINE_COMMENT_REST.match(text, pos, end)
                    assert line is not None  # the pattern matches the empty string too
                    parts.append(line.group())
                    pos = self.pos = line.end()
                if pos >= end:
                    if false_footer != -1:
                        self.report_incomplete(false_footer, "WhitespaceBeforeHereStringFooter")
                    else:
                        self.report_incomplete(header, "TerminatorExpectedAtEndOfString", quote + "@")
                    break
                char = text[pos]
                self.pos = pos + 1
                if char in "\r\n":
                    newline = "\r\n" if text.startswith("\r\n", pos) else char
                    self.pos = pos + len(newline)
                    mark = len(parts)
                    format_mark = len(format_parts)
                    parts.append(newline)
                    if expandable:
                        format_parts.append(newline)
                    footer = self._here_string_footer(quotes, parts, format_parts if expandable else None)
                    if footer == 1:
                        del parts[mark:]  # the line break before the footer is not part of the value
                        del format_parts[format_mark:]
                    continue
                if char == "$":
                    if self.scan_dollar_in_string(parts, format_parts, nested, here_string=True):
                        continue
                elif char == "`":
                    if pos + 1 < end:
                        self.pos = pos + 2
                        char = self.backtick(text[pos + 1])
                else:  # a brace
                    format_parts.append(char)
                parts.append(char)
                format_parts.append(char)
        value = "".join(parts)
        if expandable:
            return StringExpandableToken(
                kind, self.token_start, self.pos, self.text, value, "".join(format_parts), nested or None
            )
        return StringToken(kind, self.token_start, self.pos, self.text, value)
