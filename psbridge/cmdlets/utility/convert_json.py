"""ConvertTo-Json and ConvertFrom-Json."""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...objects import is_ps_collection, to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from .json_reader import JsonReaderError, read_json
from .json_writer import JsonSettings, convert_to_json

__all__ = ["ConvertFromJson", "ConvertToJson"]


@register_cmdlet
class ConvertToJson(Cmdlet):
    name = "ConvertTo-Json"

    def begin(self) -> None:
        self.inputs: list[Any] = []

    def process(self) -> None:
        self.inputs.append(self.params.InputObject)

    def end(self) -> None:
        if not self.inputs:
            return
        params = self.params
        value = list(self.inputs) if len(self.inputs) > 1 or params.AsArray else self.inputs[0]
        settings = JsonSettings(
            depth=int(params.Depth),
            compress=bool(params.Compress),
            enums_as_strings=bool(params.EnumsAsStrings),
            escape_handling=to_ps_string(params.EscapeHandling or "Default"),
        )
        self.write_output(convert_to_json(value, settings, self.write_warning))


@register_cmdlet
class ConvertFromJson(Cmdlet):
    name = "ConvertFrom-Json"

    def begin(self) -> None:
        self.buffer: list[str] = []

    def process(self) -> None:
        self.buffer.append(to_ps_string(self.params.InputObject))

    def end(self) -> None:
        """One input is one JSON text; several are one text each, unless the first does not parse
        on its own -- then they are the lines of one text (ConvertFromJsonCommand.EndProcessing)."""
        if not self.buffer:
            return
        if len(self.buffer) == 1:
            self._convert(self.buffer[0])
            return
        try:
            first = self._parse(self.buffer[0])
        except CmdletError:
            self._convert("\n".join(self.buffer))
            return
        self._write(first)
        if first is not None:
            for text in self.buffer[1:]:
                self._convert(text)

    def _parse(self, text: str) -> Any:
        params = self.params
        try:
            return read_json(
                text,
                as_hashtable=bool(params.AsHashtable),
                max_depth=int(params.Depth),
                date_kind=to_ps_string(params.DateKind or "Default"),
            )
        except JsonReaderError as error:
            raise CmdletError(
                f"Conversion from JSON failed with error: {error}",
                error_id="System.ArgumentException",
                category=ErrorCategory.NotSpecified,
                exception_type="System.ArgumentException",
                target_object=text,
            ) from None

    def _convert(self, text: str) -> None:
        self._write(self._parse(text))

    def _write(self, value: Any) -> None:
        if not self.params.NoEnumerate and is_ps_collection(value):
            for item in value:
                self.write_output(item)
        else:
            self.write_output(value)
