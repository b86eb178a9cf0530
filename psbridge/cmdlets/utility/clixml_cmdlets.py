"""Export-Clixml, Import-Clixml, ConvertTo-CliXml and ConvertFrom-CliXml: objects to and from
PowerShell's CliXml (the format and its depth rules are in :mod:`.clixml`).

Export-Clixml writes every piped object into one document (UTF-8 without a BOM unless
-Encoding; -NoClobber, -Force and -WhatIf as the file cmdlets have them); Import-Clixml writes
each top-level object back -- a serialized list stays one list unless -First/-Skip page through
it -- and -IncludeTotalCount writes the "Unknown total count" first, as pwsh's paging does.
ConvertTo-CliXml returns the document as one string; ConvertFrom-CliXml reads one.  A file that
is not CliXml is a terminating error naming what the reader refused.
"""

from __future__ import annotations

import os
from typing import Any

from ...errors import ErrorCategory
from ...objects import PSObject, to_ps_string
from ...objects.encoding import DEFAULT_ENCODING
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.files import TextFileWriter, file_not_found, read_text, should_process
from ..common.paths import drive_of, provider_path, resolve_write_target
from .clixml import CliXmlError, DeserializedObject, deserialize, serialize

__all__ = ["ConvertFromCliXml", "ConvertToCliXml", "ExportClixml", "ImportClixml"]

#: PathUtils' drives that are not the FileSystem's (env:\, variable:\ ...).
_OTHER_PROVIDER_DRIVES = {"env", "variable", "function", "alias", "cert", "hklm", "hkcu", "wsman"}


def _not_file_system(cmdlet: Cmdlet, path: str) -> None:
    """PathUtils.ReportWrongProviderType: a path on another provider's drive is refused."""
    drive = drive_of(provider_path(path))
    if drive is not None and drive.casefold() in _OTHER_PROVIDER_DRIVES:
        provider = {
            "env": "Environment", "variable": "Variable", "function": "Function", "alias": "Alias",
        }.get(drive.casefold(), drive)  # fmt: skip
        cmdlet.throw_terminating_error(
            CmdletError(
                f"Cannot open file because the current provider (Microsoft.PowerShell.Core\\{provider}) cannot open a "
                "file.",
                error_id="ReadWriteFileNotFileSystemProvider",
                category=ErrorCategory.InvalidArgument,
                exception_type="System.Management.Automation.PSInvalidOperationException",
                target_object=None,
            )
        )


def _read_error(error: Exception) -> CmdletError:
    return CmdletError(
        str(error),
        error_id="System.Xml.XmlException",
        category=ErrorCategory.NotSpecified,
        exception_type="System.Xml.XmlException",
    )


@register_cmdlet
class ExportClixml(Cmdlet):
    name = "Export-Clixml"

    def begin(self) -> None:
        self.objects: list[Any] = []

    def process(self) -> None:
        self.objects.append(self.params.InputObject)

    def end(self) -> None:
        params = self.params
        literal = params.is_bound("LiteralPath")
        given = to_ps_string(params.LiteralPath if literal else params.Path)
        _not_file_system(self, given)
        path = resolve_write_target(self.runspace, given, literal)
        if not should_process(self, given, "Export-Clixml"):
            return
        depth = int(params.Depth) if params.is_bound("Depth") else 2
        text = serialize(self.objects, depth)
        writer = TextFileWriter(
            path,
            params.Encoding or DEFAULT_ENCODING,
            force=bool(params.Force),
            no_clobber=bool(params.NoClobber),
        )
        try:
            writer.write(text)
        finally:
            writer.close()


@register_cmdlet
class ImportClixml(Cmdlet):
    name = "Import-Clixml"

    def begin(self) -> None:
        if self.params.IncludeTotalCount:
            self.write_output(_total_count())

    def process(self) -> None:
        params = self.params
        literal = params.is_bound("LiteralPath")
        for given in (params.LiteralPath if literal else params.Path) or ():
            text_path = to_ps_string(given)
            _not_file_system(self, text_path)
            path = resolve_write_target(self.runspace, text_path, literal)
            if not os.path.isfile(path):
                failure = file_not_found(path) if not os.path.isdir(path) else _access_denied(path)
                self.throw_terminating_error(failure)
            text = read_text(path)
            if text.startswith("#< CLIXML\n") or text.startswith("#< CLIXML\r\n"):
                text = text.split("\n", 1)[1]
            try:
                objects = deserialize(text)
            except CliXmlError as error:
                self.throw_terminating_error(_read_error(error))
            self._write(objects)

    def _write(self, objects: list[Any]) -> None:
        params = self.params
        skip = int(params.Skip or 0) if params.is_bound("Skip") else 0
        first = int(params.First) if params.is_bound("First") else None
        if not skip and first is None:
            for value in objects:
                self.write_output(value)
            return
        # paging flattens collections (ImportXmlHelper.Import)
        flat: list[Any] = []
        for value in objects:
            if isinstance(value, list):
                flat.extend(value)
            else:
                flat.append(value)
        end = None if first is None else skip + first
        for value in flat[skip:end]:
            self.write_output(value)


def _total_count() -> PSObject:
    """PagingParameters.NewTotalCount(0, 0): the count 0 whose ToString() says it is unknown."""
    return DeserializedObject([], ["System.UInt64", "System.ValueType", "System.Object"], "Unknown total count")


def _access_denied(path: str) -> CmdletError:
    return CmdletError(
        f"Access to the path '{path}' is denied.",
        error_id="FileOpenFailure",
        category=ErrorCategory.OpenError,
        exception_type="System.UnauthorizedAccessException",
    )


@register_cmdlet
class ConvertToCliXml(Cmdlet):
    name = "ConvertTo-CliXml"

    def begin(self) -> None:
        self.objects: list[Any] = []

    def process(self) -> None:
        self.objects.append(self.params.InputObject)

    def end(self) -> None:
        depth = int(self.params.Depth) if self.params.is_bound("Depth") else 2
        self.write_output(serialize(self.objects, depth))


@register_cmdlet
class ConvertFromCliXml(Cmdlet):
    name = "ConvertFrom-CliXml"

    def process(self) -> None:
        try:
            objects = deserialize(to_ps_string(self.params.InputObject))
        except CliXmlError as error:
            self.throw_terminating_error(_read_error(error))
        # PSSerializer.Deserialize: one object as itself, several as an array
        if len(objects) == 1:
            self.write_output(objects[0])
        elif objects:
            self.write_output(objects)
