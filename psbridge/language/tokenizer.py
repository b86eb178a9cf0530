"""The tokenizer: PowerShell's tokens, scanned on demand in the mode the parser asks for.

As in PowerShell (tokenizer.cs), one tokenizer serves the parser, which sets
its mode before asking for the next token: in *command* mode bare words,
parameters and keywords; in *expression* mode operators, identifiers and
signed numbers; *type-name* mode for the inside of ``[...]``; *signature*
mode for class declarations.  The parser backtracks with :meth:`resync`.

Speed matters (a 1.4 MB module parses in well under two seconds): runs of
ordinary characters are read with compiled regular expressions, tokens hold
offsets only, and lines and columns are computed only when asked for.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING

from .chars import (
    BLANK_SET,
    DASH_CHARS,
    DOUBLE_QUOTE_CHARS,
    FORCE_NEW_TOKEN_SET,
    LINE_COMMENT_REST,
    SINGLE_QUOTE_CHARS,
    WHITESPACE_RUN,
)
from .scan_strings import StringScanner
from .scan_words import WordScanner
from .tokens import RedirectionToken, StringToken, Token, TokenKind

if TYPE_CHECKING:
    from .parser.core import ParserCore

__all__ = ["COMMAND", "EXPRESSION", "SIGNATURE", "TYPE_NAME", "Tokenizer"]

#: Tokenizer modes (PowerShell's TokenizerMode).
COMMAND, EXPRESSION, TYPE_NAME, SIGNATURE = 0, 1, 2, 3

_FORCE_NEW = FORCE_NEW_TOKEN_SET
_BLANK_CHARS = BLANK_SET
_DASHES = frozenset(DASH_CHARS)
_NET_WHITESPACE = _BLANK_CHARS | frozenset("\n\r")  # .NET char.IsWhiteSpace
_PROMPT = re.compile(r"PS(?:[ \t][^\r\n>]*)?>[ \t]?")
_SIGNATURE = "sig#beginsignatureblock\n"
_SIGNATURE_COUNTS = Counter(_SIGNATURE)

_K = TokenKind
_NEWLINE, _SEMI, _EOF = _K.NewLine, _K.Semi, _K.EndOfInput


class Tokenizer(StringScanner, WordScanner):
    """Scans ``text[pos:end]`` for ``parser``; reports errors into the parser's error list."""

    def __init__(self, parser: ParserCore, text: str, *, prompts: bool = False) -> None:
        self.parser = parser
        self.text = text
        self.pos = 0
        self.end = len(text)
        self.token_start = 0
        self.mode = COMMAND
        self.allow_signed_numbers = False
        self.force_end_number_on_ternary = False
        self.want_simple_name = False
        self.in_workflow_context = False
        self.nested_depth = 0
        #: Tokens scanned (rescans included): a bound on how deep the tree can be.
        self.scanned = 0
        #: (start, end) of each ``#requires`` comment, outside nested scans.
        self.requires_comments: list[tuple[int, int]] = []
        #: Where a comment that looks like a signature block starts (code after it is an error).
        self.begin_signature_offset: int | None = None
        #: When not None, every token scanned (comments too), for ``tokenize``.
        self.token_list: list[Token] | None = None
        self._dispatch = _PROMPT_DISPATCH if prompts else _DISPATCH

    # ------------------------------------------------------------ character classes
    @staticmethod
    def is_whitespace(char: str) -> bool:
        return char in _BLANK_CHARS

    @staticmethod
    def is_variable_start(char: str) -> bool:
        if char < "\x80":
            return char.isalnum() or char in "$:?^_"
        return char.isalnum()

    @staticmethod
    def is_identifier_start(char: str) -> bool:
        return char == "_" or char.isalpha()

    # ------------------------------------------------------------ errors
    def report_error(self, start: int, end: int, error_id: str, *args: object) -> None:
        self.parser.report_error_at(start, end, error_id, *args)

    def report_incomplete(self, start: int, error_id: str, *args: object) -> None:
        """An error that more input could fix; its extent runs from ``start`` to the current position."""
        self.parser.report_incomplete_at(start, self.pos, error_id, *args)

    # ------------------------------------------------------------ the main scanner
    def next_token(self) -> Token:
        text, end = self.text, self.end
        token: Token | None
        while True:
            pos = self.pos
            if pos < end and text[pos] in _BLANK_CHARS:
                match = WHITESPACE_RUN.match(text, pos, end)
                assert match is not None
                pos = match.end()
            self.token_start = pos
            if pos >= end:
                # PowerShell's end-of-input token sits one past the end (its scanner reads a '\0' there):
                # errors reported "at the next token" point there.
                self.pos = end
                token = Token(_EOF, end + 1, end + 1, text)
                break
            char = text[pos]
            self.pos = pos + 1
            simple = _SIMPLE.get(char)
            if simple is not None:
                token = Token(simple, pos, pos + 1, text)
                break
            handler = self._dispatch.get(char)
            if handler is not None:
                token = handler(self, char)
            elif char.isalpha():
                token = self.scan_identifier()
            elif char in _BLANK_CHARS:
                continue
            else:
                token = self.scan_generic(char)
            if token is not None:
                break
        self.scanned += 1
        if self.token_list is not None:
            self.token_list.append(token)
        return token

    def _token(self, kind: TokenKind) -> Token:
        return Token(kind, self.token_start, self.pos, self.text)

    def _peek(self) -> str:
        pos = self.pos
        return self.text[pos] if pos < self.end else "\0"

    def _operator(self, kind: TokenKind, length: int = 1) -> Token:
        """An operator, except in command mode when a word character follows: then a bare word."""
        if self.mode == COMMAND and self._peek() not in _FORCE_NEW:
            return self.scan_generic(self.text[self.token_start : self.pos])
        return Token(kind, self.token_start, self.pos, self.text)

    def _letter(self, char: str) -> Token:
        return self.scan_identifier()

    def _prompt_or_letter(self, char: str) -> Token | None:
        """With ``prompts``, a ``PS C:\\> `` prompt starting a line is skipped (doc examples run as written)."""
        start = self.token_start
        match = _PROMPT.match(self.text, start, self.end)
        if match is not None:
            before = start - 1
            while before >= 0 and self.text[before] in _BLANK_CHARS:
                before -= 1
            if before < 0 or self.text[before] in "\r\n":
                self.pos = match.end()
                return None
        return self.scan_identifier()

    def _single_quote(self, char: str) -> Token:
        return self.scan_string_literal()

    def _double_quote(self, char: str) -> Token:
        return self.scan_string_expandable()

    def _newline(self, char: str) -> Token:
        if char == "\r" and self._peek() == "\n":
            self.pos += 1
        return Token(_NEWLINE, self.token_start, self.pos, self.text)

    def _at(self, char: str) -> Token:
        following = self._peek()
        if following == "{":
            self.pos += 1
            return self._token(_K.AtCurly)
        if following == "(":
            self.pos += 1
            return self._token(_K.AtParen)
        if following in SINGLE_QUOTE_CHARS:
            self.pos += 1
            return self.scan_here_string(expandable=False)
        if following in DOUBLE_QUOTE_CHARS:
            self.pos += 1
            return self.scan_here_string(expandable=True)
        if following != "\0" and self.is_variable_start(following):
            return self.scan_variable(splatted=True, in_string=False)
        self.report_error(self.token_start, self.pos, "UnrecognizedToken")
        return self._token(_K.Unknown)

    def _line_comment(self, char: str) -> None:
        self.scan_line_comment()

    def _backtick(self, char: str) -> Token | None:
        following = self._peek()
        if following in "\r\n":
            if following == "\r" and self.text.startswith("\r\n", self.pos):
                self.pos += 1
            self.pos += 1
            return None  # a line continuation
        if following in _NET_WHITESPACE:
            self.pos += 1
            return None
        if self.pos >= self.end:
            self.report_incomplete(self.pos, "IncompleteString")
            return None
        self.pos += 1
        return self.scan_generic(self.backtick(following))

    def _equals(self, char: str) -> Token:
        return self._operator(_K.Equals)

    def _plus(self, char: str) -> Token:
        following = self._peek()
        if following == "+":
            self.pos += 1
            return self._operator(_K.PlusPlus)
        if following == "=":
            self.pos += 1
            return self._operator(_K.PlusEquals)
        if self.allow_signed_numbers and (following.isdigit() or following == "."):
            return self.scan_number()
        return self._operator(_K.Plus)

    def _dash(self, char: str) -> Token:
        following = self._peek()
        if following in _DASHES:
            self.pos += 1
            return self._operator(_K.MinusMinus)
        if following == "=":
            self.pos += 1
            return self._operator(_K.MinusEquals)
        if following.isalpha() or following == "_" or following == "?":
            return self.scan_parameter()
        if self.allow_signed_numbers and (following.isdigit() or following == "."):
            return self.scan_number()
        return self._operator(_K.Minus)

    def _star(self, char: str) -> Token:
        following = self._peek()
        if following == "=":
            self.pos += 1
            return self._operator(_K.MultiplyEquals)
        if following == ">":
            self.pos += 1
            following = self._peek()
            if following == ">":
                self.pos += 1
                return self.new_redirection(_K.Redirection, 0, None, True)
            if following == "&" and self.text.startswith("1", self.pos + 1):
                self.pos += 2
                return self.new_redirection(_K.Redirection, 0, 1, False)
            return self.new_redirection(_K.Redirection, 0, None, False)
        return self._operator(_K.Multiply)

    def _slash(self, char: str) -> Token:
        if self._peek() == "=":
            self.pos += 1
            return self._operator(_K.DivideEquals)
        return self._operator(_K.Divide)

    def _percent(self, char: str) -> Token:
        if self._peek() == "=":
            self.pos += 1
            return self._operator(_K.RemainderEquals)
        return self._operator(_K.Rem)

    def _dollar(self, char: str) -> Token:
        if self._peek() == "(":
            self.pos += 1
            return self._token(_K.DollarParen)
        return self.scan_variable(splatted=False, in_string=False)

    def _less(self, char: str) -> Token | None:
        if self._peek() == "#":
            self.pos += 1
            self.scan_block_comment()
            return None
        return self.new_redirection(_K.RedirectInStd, 0, None, False)

    def _greater(self, char: str) -> Token:
        if self._peek() == ">":
            self.pos += 1
            return self.new_redirection(_K.Redirection, 1, None, True)
        return self.new_redirection(_K.Redirection, 1, None, False)

    def new_redirection(self, kind: TokenKind, stream: int, to_stream: int | None, append: bool) -> Token:
        return RedirectionToken(kind, self.token_start, self.pos, self.text, stream, to_stream, append)

    def _lbracket(self, char: str) -> Token:
        if self.mode == COMMAND and self._peek() not in _FORCE_NEW:
            return self.scan_generic("[")
        return self._token(_K.LBracket)

    def _dot(self, char: str) -> Token:
        following = self._peek()
        if following == ".":
            self.pos += 1
            if self.mode == COMMAND and self._peek() not in _FORCE_NEW:
                self.pos -= 1
                return self.scan_generic(".")
            return self._token(_K.DotDot)
        if "0" <= following <= "9":
            return self.scan_number()
        if self.mode == COMMAND and following not in _FORCE_NEW and following not in "$\"'":
            return self.scan_generic(".")
        return self._token(_K.Dot)

    def _digit(self, char: str) -> Token:
        return self.scan_number()

    def _digit_or_redirection(self, char: str) -> Token:
        if self._peek() != ">":
            return self.scan_number()
        self.pos += 1
        stream = ord(char) - 48
        following = self._peek()
        if following == ">":
            self.pos += 1
            return self.new_file_redirection_or_number(stream, True)
        if following == "&" and self.pos + 1 < self.end and self.text[self.pos + 1] in "12":
            self.pos += 2
            return self.new_redirection(_K.Redirection, stream, ord(self.text[self.pos - 1]) - 48, False)
        return self.new_file_redirection_or_number(stream, False)

    def _ampersand(self, char: str) -> Token:
        if self._peek() == "&":
            self.pos += 1
            return self._token(_K.AndAnd)
        return self._token(_K.Ampersand)

    def _pipe(self, char: str) -> Token:
        if self._peek() == "|":
            self.pos += 1
            return self._token(_K.OrOr)
        return self._token(_K.Pipe)

    def _exclaim(self, char: str) -> Token:
        following = self._peek()
        mode = self.mode
        if (mode == COMMAND and following not in _FORCE_NEW) or (
            mode == EXPRESSION and self.is_identifier_start(following)
        ):
            return self.scan_generic(char)
        if mode == EXPRESSION and (following.isdigit() or following == "."):
            # '!' then a number is the operator; '!' glued to a non-number ('!1x') is a bare word.
            saved = self.token_start
            self.token_start = self.pos
            probe = self.scan_number()
            self.token_start = saved
            self.pos = saved + 1
            if probe.kind is _K.Generic:
                return self.scan_generic(char)
        return self._token(_K.Exclaim)

    def _colon(self, char: str) -> Token:
        if self._peek() == ":":
            self.pos += 1
            if self.mode == COMMAND and not self.want_simple_name and self._peek() not in _FORCE_NEW:
                return self.scan_generic("::")
            return self._token(_K.ColonColon)
        if self.mode == COMMAND:
            return self.scan_label()
        return self._token(_K.Colon)

    def _question(self, char: str) -> Token:
        if self.mode != EXPRESSION:
            return self.scan_generic(char)
        if self._peek() == "?":
            self.pos += 1
            if self._peek() == "=":
                self.pos += 1
                return self._token(_K.QuestionQuestionEquals)
            return self._token(_K.QuestionQuestion)
        return self._token(_K.QuestionMark)

    # ------------------------------------------------------------ comments
    def scan_line_comment(self) -> None:
        """``# ...`` to the end of the line; notes ``#requires`` and signature-block look-alikes."""
        text = self.text
        start = self.pos - 1
        match = LINE_COMMENT_REST.match(text, self.pos, self.end)
        assert match is not None  # the pattern matches the empty string too
        end_of_line = self.pos = match.end()
        if self.nested_depth == 0 and text[start + 1 : start + 9].lower() == "requires":
            self.requires_comments.append((start, end_of_line))
        if end_of_line - start > 14 and _looks_like_signature(text[start + 1 : end_of_line]):
            self.begin_signature_offset = start
        if self.token_list is not None:
            self.token_list.append(Token(_K.Comment, start, end_of_line, text))

    def scan_block_comment(self) -> None:
        """``<# ... #>``; the position is after ``<#``."""
        start = self.pos - 2
        close = self.text.find("#>", self.pos, self.end)
        if close == -1:
            self.pos = self.end
            self.report_incomplete(start, "MissingTerminatorMultiLineComment")
        else:
            self.pos = close + 2
        if self.token_list is not None:
            self.token_list.append(Token(_K.Comment, start, self.pos, self.text))

    # ------------------------------------------------------------ what the parser asks for
    def skip_newlines(self, skip_semis: bool) -> None:
        """Skip blanks, line breaks (and ``;``), comments and line continuations."""
        text, end = self.text, self.end
        tokens = self.token_list
        while True:
            pos = self.pos
            if pos >= end:
                return
            char = text[pos]
            if char in _BLANK_CHARS:
                match = WHITESPACE_RUN.match(text, pos, end)
                assert match is not None
                self.pos = match.end()
            elif char == "\n" or char == "\r":
                self.pos = pos + (2 if text.startswith("\r\n", pos) else 1)
                if tokens is not None:
                    tokens.append(Token(_NEWLINE, pos, self.pos, text))
            elif char == ";" and skip_semis:
                self.pos = pos + 1
                if tokens is not None:
                    tokens.append(Token(_SEMI, pos, pos + 1, text))
            elif char == "#":
                self.pos = pos + 1
                self.scan_line_comment()
            elif char == "<" and text.startswith("#", pos + 1):
                self.pos = pos + 2
                self.scan_block_comment()
            elif char == "`" and pos + 1 < end and text[pos + 1] in _NET_WHITESPACE:
                self.pos = pos + (3 if text.startswith("\r\n", pos + 1) else 2)
            else:
                return

    def get_member_access_operator(self, allow_lbracket: bool) -> Token | None:
        """``.``, ``::``, ``?.``, ``[``/``?[`` glued to what precedes (block comments may sit between)."""
        text, end = self.text, self.end
        while self.pos < end and text[self.pos] == "<":
            if text.startswith("#", self.pos + 1):
                self.pos += 2
                self.scan_block_comment()
            else:
                return None
        pos = self.pos
        char = text[pos] if pos < end else "\0"
        following = text[pos + 1] if pos + 1 < end else "\0"
        command = self.mode == COMMAND
        if char == ".":
            if following == "." or (command and (following in _BLANK_CHARS or following in "\0\r\n")):
                return None
            self.token_start, self.pos = pos, pos + 1
            return self._token(_K.Dot)
        if char == ":":
            if following != ":":
                return None
            after = text[pos + 2] if pos + 2 < end else "\0"
            if command and (after in _BLANK_CHARS or after in "\0\r\n"):
                return None
            self.token_start, self.pos = pos, pos + 2
            return self._token(_K.ColonColon)
        if char == "[" and allow_lbracket:
            self.token_start, self.pos = pos, pos + 1
            return self._token(_K.LBracket)
        if char == "?":
            if following == ".":
                self.token_start, self.pos = pos, pos + 2
                return self._token(_K.QuestionDot)
            if following == "[" and allow_lbracket:
                self.token_start, self.pos = pos, pos + 2
                return self._token(_K.QuestionLBracket)
        return None

    def get_invoke_member_open_paren(self) -> Token | None:
        """``(`` or ``{`` right after a member name (no blank between): a method call."""
        pos = self.pos
        if pos < self.end and self.text[pos] in "({":
            self.token_start, self.pos = pos, pos + 1
            return self._token(_K.LParen if self.text[pos] == "(" else _K.LCurly)
        return None

    def get_lbracket(self) -> Token | None:
        """A ``[`` after blanks and comments (an attribute or type constraint), else None."""
        text, end = self.text, self.end
        resync_point = self.pos
        resync_if_member_access = False
        while True:
            pos = self.pos
            self.token_start = pos
            if pos >= end:
                return None
            char = text[pos]
            if char in _BLANK_CHARS:
                resync_if_member_access = True
                match = WHITESPACE_RUN.match(text, pos, end)
                assert match is not None
                self.pos = match.end()
            elif char == "#":
                resync_if_member_access = True
                self.pos = pos + 1
                self.scan_line_comment()
            elif char == "<" and text.startswith("#", pos + 1):
                resync_if_member_access = False
                self.pos = pos + 2
                self.scan_block_comment()
            elif char == "[":
                self.pos = pos + 1
                return self._token(_K.LBracket)
            else:
                if char in ".:" and resync_if_member_access:
                    self.resync(resync_point)
                return None

    def get_assembly_name_spec(self) -> str:
        """After ``[Type,``: the assembly name and its ``Key=Value`` properties, up to ``]``."""
        parts = [self._assembly_name_token()]
        text = self.text
        while self.pos < self.end and text[self.pos] == ",":
            self.pos += 1
            parts.append(", ")
            parts.append(self._assembly_name_token())
            if self.pos < self.end and text[self.pos] == "=":
                self.pos += 1
                parts.append("=")
                parts.append(self._assembly_name_token())
        return "".join(parts)

    def _assembly_name_token(self) -> str:
        text, end = self.text, self.end
        pos = self.pos
        while pos < end and text[pos] in _BLANK_CHARS:
            pos += 1
        start = pos
        while pos < end and text[pos] not in _FORCE_NEW and text[pos] not in "=]":
            pos += 1
        word = text[start:pos]
        while pos < end and text[pos] in _BLANK_CHARS:
            pos += 1
        self.pos = pos
        return word

    def get_verbatim_command_argument(self) -> Token:
        """After ``--%``: the rest of the line up to ``|`` or ``&&`` outside double quotes, as typed."""
        text, end = self.text, self.end
        pos = self.pos
        while pos < end and text[pos] in _BLANK_CHARS:
            pos += 1
        start = pos
        in_quotes = False
        while pos < end:
            char = text[pos]
            if char in "\r\n":
                break
            if char in DOUBLE_QUOTE_CHARS:
                in_quotes = not in_quotes
            elif not in_quotes and (char == "|" or (char == "&" and text.startswith("&", pos + 1))):
                break
            pos += 1
        self.token_start, self.pos = start, pos
        return StringToken(_K.Generic, start, pos, text, text[start:pos])

    # ------------------------------------------------------------ positions
    def resync(self, offset: int) -> None:
        """Back up (or jump) to ``offset``: the parser rescans from there, perhaps in another mode."""
        self.pos = offset
        tokens = self.token_list
        if tokens is not None:
            while tokens and tokens[-1].start >= offset:
                tokens.pop()

    def restore_point(self) -> int:
        self.token_start = self.pos
        return self.pos

    def is_at_end_of_script(self, end_offset: int, check_comments_and_whitespace: bool = False) -> bool:
        if end_offset >= self.end:
            return True
        return check_comments_and_whitespace and self._only_blanks_or_comments_after(end_offset)

    def _only_blanks_or_comments_after(self, offset: int) -> bool:
        text, end = self.text, self.end
        index = offset
        while index < end:
            char = text[index]
            if char == "#":
                newline = min((p for p in (text.find("\r", index, end), text.find("\n", index, end)) if p != -1),
                              default=end)  # fmt: skip
                index = newline
                if index >= end:
                    break
                return False  # a line break after the comment is not whitespace to PowerShell
            if char == "<" and text.startswith("#", index + 1):
                close = text.find("#>", index + 2, end)
                if close == -1:
                    return True
                index = close + 2
                continue
            if char not in _BLANK_CHARS:
                return False
            index += 1
        return True

    def is_pipe_continuation(self, end_offset: int) -> bool:
        """Whether the next line (after blanks and comments) starts with ``|``: the pipeline goes on."""
        text, end = self.text, self.end
        if end_offset >= end:
            return False
        index = end_offset
        last_was_newline = True
        while index < end - 1:
            char = text[index]
            if char in _BLANK_CHARS:
                index += 1
                continue
            if char == "\n" or char == "\r":
                if last_was_newline:
                    return False  # blank lines end the continuation
                last_was_newline = True
                index += 2 if text.startswith("\r\n", index) else 1
                continue
            last_was_newline = False
            if char == "#":
                newline = [p for p in (text.find("\r", index, end), text.find("\n", index, end)) if p != -1]
                index = min(newline) if newline else end
                continue
            if char == "<" and text[index + 1] == "#":
                close = text.find("#>", index + 2, end)
                index = end if close == -1 else close + 2
                continue
            return char == "|"
        return text[end - 1] == "|"


_Handler = Callable[[Tokenizer, str], "Token | None"]
#: Characters that are always a token of their own.
_SIMPLE = {"(": _K.LParen, ")": _K.RParen, "{": _K.LCurly, "}": _K.RCurly, "]": _K.RBracket, ";": _K.Semi,
           ",": _K.Comma}  # fmt: skip
#: What the first character of a token starts (letters beyond ASCII are handled in next_token).
_DISPATCH: dict[str, _Handler] = {
    "\n": Tokenizer._newline, "\r": Tokenizer._newline, "@": Tokenizer._at, "#": Tokenizer._line_comment,
    "`": Tokenizer._backtick, "=": Tokenizer._equals, "+": Tokenizer._plus, "*": Tokenizer._star,
    "/": Tokenizer._slash, "%": Tokenizer._percent, "$": Tokenizer._dollar, "<": Tokenizer._less,
    ">": Tokenizer._greater, "[": Tokenizer._lbracket, ".": Tokenizer._dot, "&": Tokenizer._ampersand,
    "|": Tokenizer._pipe, "!": Tokenizer._exclaim, ":": Tokenizer._colon, "?": Tokenizer._question,
}  # fmt: skip
_DISPATCH.update(dict.fromkeys("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_", Tokenizer._letter))
_DISPATCH.update(dict.fromkeys(SINGLE_QUOTE_CHARS, Tokenizer._single_quote))
_DISPATCH.update(dict.fromkeys(DOUBLE_QUOTE_CHARS, Tokenizer._double_quote))
_DISPATCH.update(dict.fromkeys(DASH_CHARS, Tokenizer._dash))
_DISPATCH.update(dict.fromkeys("0789", Tokenizer._digit))
_DISPATCH.update(dict.fromkeys("123456", Tokenizer._digit_or_redirection))
_PROMPT_DISPATCH = {**_DISPATCH, "P": Tokenizer._prompt_or_letter}


def _looks_like_signature(comment: str) -> bool:
    """Whether a line comment is within 10 edits of ``# SIG # Begin signature block`` (blanks and case ignored).

    Counting characters first bounds the distance from below (an edit changes
    at most one surplus and one missing character), so the quadratic distance
    is computed only for the rare comment that could match.
    """
    body = "".join(comment.split()).lower()
    if not 14 <= len(body) <= 34:
        return False
    counts = Counter(body)
    if max(sum((counts - _SIGNATURE_COUNTS).values()), sum((_SIGNATURE_COUNTS - counts).values())) >= 10:
        return False
    return _edit_distance(body, _SIGNATURE) < 10


def _edit_distance(first: str, second: str) -> int:
    """Levenshtein distance (PowerShell flags comments within 10 edits of a signature block's start)."""
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i]
        for j, b in enumerate(second, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]
