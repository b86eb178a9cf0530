"""Errors of the script language: parse errors and runtime errors of expressions.

A ported script that fails to parse must fail the way PowerShell's parser
fails: before anything runs, with the parser's error id (the
FullyQualifiedErrorId scripts and logs match on), category ParserError and the
``At line:N char:M`` display.  Constructs that PowerShell accepts but the
psbridge subset does not are reported the same way, with error id
``UnsupportedSyntax``, so nothing outside the subset is ever half-understood.
"""

from __future__ import annotations

from typing import Any

from ..errors import ErrorCategory, PSError
from .source import Position, SourceText

__all__ = ["ParseError", "ScriptRuntimeError"]


class ParseError(PSError):
    """The script text is not valid (or not in the supported subset).

    ``error_message`` is the parser's sentence ("Missing closing ')' in
    expression."); ``str(e)`` adds the position the way PowerShell prints it.
    ``line`` and ``column`` are 1-based; ``expected`` names what the parser was
    looking for when it has one thing in mind (``"')'"``), else ``None``.
    """

    dotnet_exception_type = "System.Management.Automation.ParseException"
    default_error_id = "ParseException"
    default_category = ErrorCategory.ParserError

    def __init__(
        self,
        error_message: str,
        *,
        error_id: str,
        line: int,
        column: int,
        offset: int = 0,
        source_line: str = "",
        expected: str | None = None,
    ) -> None:
        caret = " " * max(column - 1, 0) + "~"
        display = f"At line:{line} char:{column}\n+ {source_line}\n+ {caret}\n{error_message}"
        super().__init__(display, error_id=error_id, category=ErrorCategory.ParserError)
        self.error_message = error_message
        self.line = line
        self.column = column
        self.offset = offset
        self.source_line = source_line
        self.expected = expected

    @classmethod
    def at(
        cls, source: SourceText, offset: int, error_id: str, message: str, *, expected: str | None = None
    ) -> ParseError:
        """A parse error at a character offset of ``source``."""
        where = source.position(offset)
        return cls(
            message,
            error_id=error_id,
            line=where.line,
            column=where.column,
            offset=where.offset,
            source_line=source.line_text(where.line),
            expected=expected,
        )

    def __reduce__(self) -> Any:
        return (
            _rebuild_parse_error,
            (self.error_message, self.error_id, self.line, self.column, self.offset, self.source_line, self.expected),
        )


def _rebuild_parse_error(
    message: str, error_id: str, line: int, column: int, offset: int, source_line: str, expected: str | None
) -> ParseError:
    return ParseError(
        message,
        error_id=error_id,
        line=line,
        column=column,
        offset=offset,
        source_line=source_line,
        expected=expected,
    )


class ScriptRuntimeError(PSError):
    """An expression failed while the script ran (PowerShell's RuntimeException).

    Like any statement-terminating error it ends the statement; the script goes
    on unless ``$ErrorActionPreference`` is ``Stop``.
    """

    dotnet_exception_type = "System.Management.Automation.RuntimeException"
    default_error_id = "RuntimeException"
    default_category = ErrorCategory.InvalidOperation

    def __init__(
        self,
        message: str,
        *,
        error_id: str,
        category: str | None = None,
        position: Position | None = None,
        target_object: Any = None,
    ) -> None:
        super().__init__(message, error_id=error_id, category=category, target_object=target_object)
        self.position = position
