"""Errors of the script language: parse errors and runtime errors of expressions.

A ported script that fails to parse must fail the way PowerShell's parser
fails: before anything runs, with the parser's error id (the
FullyQualifiedErrorId scripts and logs match on), category ParserError and the
``At line:N char:M`` display.  PowerShell's parser reports every error it can
recover past; :class:`ParseError` carries all of them (``errors``), each a
:class:`ParseErrorInfo` (PowerShell's ``ParseError``: extent, error id,
message, whether more input could complete the script).  When the first error
is incomplete input, the exception is an :class:`IncompleteParseError`, as
PowerShell raises ``IncompleteParseException`` -- what an interactive prompt
uses to ask for another line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import ErrorCategory, PSError

if TYPE_CHECKING:
    from .extent import Extent

__all__ = ["IncompleteParseError", "ParseError", "ParseErrorInfo", "ScriptRuntimeError"]

#: PowerShell reports at most this many parse errors in the exception's message.
_MAX_REPORTED = 10
_TOO_MANY_ERRORS = "Not all parse errors were reported.  Correct the reported errors and try again."
_MAX_LINE_LENGTH = 69


class _Source(Protocol):
    def position(self, offset: int) -> Any: ...

    def line_text(self, line: int) -> str: ...


class ParseErrorInfo:
    """One parse error (PowerShell's ``System.Management.Automation.Language.ParseError``)."""

    __slots__ = ("error_id", "extent", "incomplete_input", "message")

    def __init__(self, extent: Extent, error_id: str, message: str, incomplete_input: bool = False) -> None:
        self.extent = extent
        self.error_id = error_id
        self.message = message
        self.incomplete_input = incomplete_input

    def __str__(self) -> str:
        return f"{verbose_position(self.extent)}\n{self.message}"

    def __repr__(self) -> str:
        extent = self.extent
        return f"ParseErrorInfo({self.error_id!r}, line {extent.start_line_number}, char {extent.start_column_number})"


def verbose_position(extent: Extent) -> str:
    """``At line:N char:M`` with the source line and ``~`` under the extent (PositionUtilities.VerboseMessage)."""
    file = extent.file or "line"
    line = extent.start_line_text.rstrip()
    head = f"At {file}:{extent.start_line_number} char:{extent.start_column_number}"
    if not line:
        return head
    before = extent.start_column_number - 1
    if extent.start_line_number == extent.end_line_number and extent.end_column_number <= len(line) + 1:
        length = extent.end_column_number - extent.start_column_number
    else:
        length = len(line) - extent.start_column_number + 1
    if "\t" in line:
        leading = line[:before].replace("\t", "    ")
        marked = line[before : before + length].replace("\t", "    ")
        line = leading + marked + line[before + length :].replace("\t", "    ")
        before, length = len(leading), len(marked)
    prefix_dots = suffix_dots = False
    if len(line) > _MAX_LINE_LENGTH:
        total_prefix, prefix = before, min(before, 12)
        total_suffix = len(line) - length - before
        suffix = min(total_suffix, 8)
        candidate = prefix + length + suffix
        if candidate >= _MAX_LINE_LENGTH:
            if prefix + length >= _MAX_LINE_LENGTH:
                length = _MAX_LINE_LENGTH - prefix
            suffix_dots = True
        else:
            if total_prefix - prefix > 0:
                prefix += min(total_prefix - prefix, _MAX_LINE_LENGTH - candidate)
                candidate = prefix + length + suffix
            if candidate < _MAX_LINE_LENGTH and total_suffix > 0:
                suffix += min(total_suffix, _MAX_LINE_LENGTH - candidate)
            suffix_dots = suffix < total_suffix
        prefix_dots = prefix < total_prefix
        start = max(before - prefix, 0)
        line = line[start : start + _MAX_LINE_LENGTH]
        before = min(before, prefix)
        length = min(length, _MAX_LINE_LENGTH - before)
    shown = ("\u2026 " if prefix_dots else "") + line + (" \u2026" if suffix_dots else "")
    squiggle = " " * (before + (2 if prefix_dots else 0)) + "~" * max(length, 1)
    return f"{head}\n+ {shown}\n+ {squiggle}"


class ParseError(PSError):
    """The script text is not valid PowerShell; ``errors`` holds every error the parser found.

    The first error also shows through the attributes the subset parser gave:
    ``error_message`` is its sentence ("Missing closing ')' in expression."),
    ``line`` and ``column`` are 1-based, ``expected`` names what the parser was
    looking for when it had one thing in mind.  ``str(e)`` is PowerShell's
    ParseException message: each error with its position, at most ten.
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
        errors: Sequence[ParseErrorInfo] = (),
        display: str | None = None,
    ) -> None:
        if display is None:
            caret = " " * max(column - 1, 0) + "~"
            display = f"At line:{line} char:{column}\n+ {source_line}\n+ {caret}\n{error_message}"
        super().__init__(display, error_id=error_id, category=ErrorCategory.ParserError)
        self.error_message = error_message
        self.line = line
        self.column = column
        self.offset = offset
        self.source_line = source_line
        self.expected = expected
        self.errors: tuple[ParseErrorInfo, ...] = tuple(errors)

    @property
    def incomplete_input(self) -> bool:
        """Whether more input could complete the script (the first error is at its end)."""
        return bool(self.errors) and self.errors[0].incomplete_input

    @classmethod
    def from_errors(cls, errors: Sequence[ParseErrorInfo]) -> ParseError:
        """The exception for a parse that found ``errors``: IncompleteParseError when the first is incomplete input."""
        first = errors[0]
        shown = [str(error) for error in errors[:_MAX_REPORTED]]
        if len(errors) > _MAX_REPORTED:
            shown.append(_TOO_MANY_ERRORS)
        kind = IncompleteParseError if first.incomplete_input else ParseError
        extent = first.extent
        return kind(
            first.message,
            error_id=first.error_id,
            line=extent.start_line_number,
            column=extent.start_column_number,
            offset=extent.start_offset,
            source_line=extent.start_line_text.rstrip("\r\n"),
            errors=errors,
            display="\n\n".join(shown),
        )

    @classmethod
    def at(
        cls, source: _Source, offset: int, error_id: str, message: str, *, expected: str | None = None
    ) -> ParseError:
        """A parse error at a character offset of ``source`` (anything with ``position`` and ``line_text``)."""
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
            (
                type(self),
                self.error_message,
                self.error_id,
                self.line,
                self.column,
                self.offset,
                self.source_line,
                self.expected,
                self.errors,
                str(self),
            ),
        )


class IncompleteParseError(ParseError):
    """The script ends before a construct is complete (PowerShell's IncompleteParseException)."""

    dotnet_exception_type = "System.Management.Automation.IncompleteParseException"


def _rebuild_parse_error(
    kind: type[ParseError],
    message: str,
    error_id: str,
    line: int,
    column: int,
    offset: int,
    source_line: str,
    expected: str | None,
    errors: Sequence[ParseErrorInfo],
    display: str,
) -> ParseError:
    return kind(
        message,
        error_id=error_id,
        line=line,
        column=column,
        offset=offset,
        source_line=source_line,
        expected=expected,
        errors=errors,
        display=display,
    )


class ScriptRuntimeError(PSError):
    """An expression failed while the script ran (PowerShell's RuntimeException).

    Like any statement-terminating error it ends the statement; the script goes
    on unless ``$ErrorActionPreference`` is ``Stop``.  ``position`` is where
    in the script it happened (an extent, or the subset's position).
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
        position: Any = None,
        target_object: Any = None,
    ) -> None:
        super().__init__(message, error_id=error_id, category=category, target_object=target_object)
        self.position = position
