"""What the tokenizer's parts share: its state, and the methods one part calls on another.

The tokenizer is split by concern (strings, words, the main loop); each part
is a mixin over :class:`ScannerBase`, which declares the state and, for the
type checker, the methods the parts provide to each other.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .tokens import Token, TokenKind

__all__ = ["ScannerBase"]


class ScannerBase:
    text: str
    pos: int
    end: int
    token_start: int
    mode: int
    force_end_number_on_ternary: bool
    want_simple_name: bool
    in_workflow_context: bool
    token_list: list[Token] | None

    if TYPE_CHECKING:

        def report_error(self, start: int, end: int, error_id: str, *args: object) -> None: ...

        def report_incomplete(self, start: int, error_id: str, *args: object) -> None: ...

        @staticmethod
        def is_whitespace(char: str) -> bool: ...

        @staticmethod
        def is_variable_start(char: str) -> bool: ...

        @staticmethod
        def is_identifier_start(char: str) -> bool: ...

        def backtick(self, char: str) -> str: ...

        def scan_string_literal_body(self, parts: list[str]) -> bool: ...

        def scan_string_expandable_body(
            self, parts: list[str], format_parts: list[str], nested: list[Token]
        ) -> bool: ...

        def scan_dollar_in_string(
            self, parts: list[str], format_parts: list[str], nested: list[Token], *, here_string: bool
        ) -> bool: ...

        def scan_variable(self, *, splatted: bool, in_string: bool) -> Token: ...

        def scan_generic(self, prefix: str) -> Token: ...

        def new_redirection(self, kind: TokenKind, stream: int, to_stream: int | None, append: bool) -> Token: ...
