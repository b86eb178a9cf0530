"""ConvertTo-Csv, ConvertFrom-Csv, Export-Csv and Import-Csv (the format is csv_format's)."""

from __future__ import annotations

import os
from typing import Any

from ...errors import ErrorCategory
from ...objects import to_ps_string
from ...objects.encoding import DEFAULT_ENCODING
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.files import TextFileWriter, file_not_found, read_text, should_process
from ..common.paths import has_path_wildcard, item_not_found, resolve_literal, resolve_pattern, resolve_write_target
from .csv_format import UNNAMED_WARNING, CsvWriter, columns_of, parse_csv, split_records, type_line

__all__ = ["ConvertFromCsv", "ConvertToCsv", "ExportCsv", "ImportCsv"]

#: en-US's TextInfo.ListSeparator (-UseCulture).
CULTURE_LIST_SEPARATOR = ","


def _delimiter(cmdlet: Cmdlet) -> str:
    if cmdlet.params.UseCulture:
        return CULTURE_LIST_SEPARATOR
    delimiter = cmdlet.params.Delimiter
    return "," if delimiter is None else to_ps_string(delimiter)


def _invalid(message: str, error_id: str) -> CmdletError:
    return CmdletError(
        message,
        error_id=error_id,
        category=ErrorCategory.InvalidData,
        exception_type="System.InvalidOperationException",
    )


class _CsvWriting(Cmdlet):
    """ConvertTo-Csv and Export-Csv: header from the first object, then one line per object."""

    def begin(self) -> None:
        params = self.params
        if params.is_bound("QuoteFields") and params.is_bound("UseQuotes"):
            raise _invalid(
                "You must specify either the -UseQuotes or -QuoteFields parameters, but not both.",
                "CannotSpecifyQuoteFieldsAndUseQuotes",
            )
        quote_fields = params.QuoteFields
        self.writer = CsvWriter(
            _delimiter(self),
            to_ps_string(params.UseQuotes or "Always"),
            [to_ps_string(f) for f in quote_fields] if quote_fields is not None else None,
        )
        self.columns: list[str] | None = None

    def process(self) -> None:
        obj = self.params.InputObject
        if obj is None:
            return
        if self.columns is None:
            self.columns = self.first_columns(obj)
            if not self.params.NoHeader and not self.appending():
                if self.params.IncludeTypeInformation:
                    self.write_line(type_line(obj))
                self.write_line(self.writer.header(self.columns))
        self.write_line(self.writer.row(obj, self.columns))

    def first_columns(self, obj: Any) -> list[str]:
        return columns_of(obj)

    def appending(self) -> bool:
        return False

    def write_line(self, line: str) -> None:
        raise NotImplementedError


@register_cmdlet
class ConvertToCsv(_CsvWriting):
    name = "ConvertTo-Csv"

    def write_line(self, line: str) -> None:
        self.write_output(line)


@register_cmdlet
class ExportCsv(_CsvWriting):
    name = "Export-Csv"

    def begin(self) -> None:
        super().begin()
        params = self.params
        self.file: TextFileWriter | None = None
        if params.is_bound("Path") == params.is_bound("LiteralPath"):
            raise _invalid(
                "You must specify either the -Path or -LiteralPath parameters, but not both.",
                "CannotSpecifyPathAndLiteralPath",
            )
        if params.Append and params.NoHeader:
            raise _invalid(
                "You must specify either the -Append or -NoHeader parameters, but not both.",
                "CannotSpecifyBothAppendAndNoHeader",
            )
        literal = params.is_bound("LiteralPath")
        given = to_ps_string(params.LiteralPath if literal else params.Path)
        self.path = resolve_write_target(self.runspace, given, literal)
        self.given_path = given
        if not should_process(self, self.path, "Export-Csv"):
            return
        self.existing: list[str] | None = None
        if params.Append and os.path.isfile(self.path) and os.path.getsize(self.path) > 0:
            self.existing = parse_header(read_text(self.path, params.Encoding), self.writer.delimiter)
        self.file = TextFileWriter(
            self.path,
            params.Encoding or DEFAULT_ENCODING,
            append=bool(params.Append),
            force=bool(params.Force),
            no_clobber=bool(params.NoClobber),
        )

    def appending(self) -> bool:
        return self.existing is not None

    def first_columns(self, obj: Any) -> list[str]:
        columns = columns_of(obj)
        if self.existing is None:
            return columns
        have = {name.casefold() for name in columns}
        for name in self.existing:
            if name.casefold() not in have and not self.params.Force:
                raise CmdletError(
                    f"Cannot append CSV content to the following file: {self.given_path}. The appended object does "
                    f"not have a property that corresponds to the following column: {name}. To continue with "
                    "mismatched properties, add the -Force parameter, and then retry the command.",
                    error_id="CannotAppendCsvWithMismatchedPropertyNames",
                    category=ErrorCategory.InvalidData,
                    exception_type="System.InvalidOperationException",
                    target_object=name,
                )
        return self.existing

    def process(self) -> None:
        if self.file is not None:
            super().process()

    def write_line(self, line: str) -> None:
        assert self.file is not None
        self.file.write(line + "\n")

    def dispose(self) -> None:
        file = getattr(self, "file", None)
        if file is not None:
            file.close()


class _CsvReading(Cmdlet):
    def warn_unnamed(self, unnamed: bool) -> None:
        if unnamed and not getattr(self, "warned", False):
            self.warned = True
            self.write_warning(UNNAMED_WARNING)

    def header(self) -> list[str] | None:
        header = self.params.Header
        return None if header is None else [to_ps_string(h) for h in header]


@register_cmdlet
class ConvertFromCsv(_CsvReading):
    name = "ConvertFrom-Csv"

    def begin(self) -> None:
        self.columns: list[str] | None = self.header()
        self.type_name: str | None = None

    def process(self) -> None:
        for item in self.params.InputObject or []:
            if item is None:
                continue
            text = to_ps_string(item)
            if self.columns is None:
                # The first text carries the header (and maybe a #TYPE line) for all that follow.
                objects, self.type_name, unnamed = parse_csv(text, _delimiter(self))
                self.columns = parse_header(text, _delimiter(self))
            else:
                objects, _, unnamed = parse_csv(text, _delimiter(self), self.columns, type_name=self.type_name)
            self.warn_unnamed(unnamed)
            for obj in objects:
                self.write_output(obj)


def parse_header(text: str, delimiter: str) -> list[str] | None:
    """The header names of a chunk of CSV text (after an optional #TYPE line), if it has one."""
    for record in split_records(text, delimiter):
        if record == [""] or record[0].startswith("#TYPE"):
            continue
        while len(record) > 1 and record[-1] == "":
            record = record[:-1]
        return [name or f"H{index + 1}" for index, name in enumerate(record)]
    return None


@register_cmdlet
class ImportCsv(_CsvReading):
    name = "Import-Csv"

    def process(self) -> None:
        params = self.params
        literal = params.is_bound("LiteralPath")
        for given in (params.LiteralPath if literal else params.Path) or []:
            text_path = to_ps_string(given)
            if literal or not has_path_wildcard(text_path):
                paths = [resolve_literal(self.runspace, text_path)]
                if not os.path.exists(paths[0]):
                    self.write_error(file_not_found(paths[0]))
                    continue
            else:
                paths = resolve_pattern(self.runspace, text_path)
                if not paths:
                    self.write_error(item_not_found(resolve_literal(self.runspace, text_path)))
                    continue
            for path in paths:
                objects, _, unnamed = parse_csv(read_text(path, params.Encoding), _delimiter(self), self.header())
                self.warn_unnamed(unnamed)
                for obj in objects:
                    self.write_output(obj)
