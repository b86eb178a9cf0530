"""Get-ItemProperty and Get-ItemPropertyValue on the file system.

FileSystemProvider.GetProperty: without -Name an item's properties are the item (its FileInfo or
DirectoryInfo); with -Name a new object holds the named properties (any case, as
PSObject.Properties finds them) plus the provider's PSPath, PSParentPath, PSChildName, PSDrive and
PSProvider notes.  A name the item lacks is GetValueError ("The property X does not exist or was
not found.").  Get-ItemPropertyValue writes the values themselves (a $null value is skipped, as
GetItemPropertyValueCommand does); its -Path defaults to the current location.  -Filter,
-Include and -Exclude select items as the other item cmdlets do; paths on the Alias, Env,
Function and Variable drives are the provider's NotSupported error.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...objects import PSObject, to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.items import file_system_item
from ..common.paths import credentials_refused, drive_of, path_arguments, provider_path, resolve_existing
from .item_filters import name_filters
from .psdrives import ProviderInfo

__all__ = ["GetItemProperty", "GetItemPropertyValue", "not_supported"]

_SESSION_DRIVES = {"alias", "env", "function", "variable"}


def not_supported(path: str) -> CmdletError:
    """The provider does not implement the operation (PSNotSupportedException)."""
    return CmdletError(
        "Provider operation stopped because the provider does not support this operation.",
        error_id="NotSupported",
        category=ErrorCategory.NotImplemented,
        exception_type="System.Management.Automation.PSNotSupportedException",
        target_object=path,
    )


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list | tuple) else [value]
    return [to_ps_string(item) for item in values if item is not None and to_ps_string(item)]


class _ItemPropertyCommand(Cmdlet):
    def session_drive_paths_refused(self) -> bool:
        """Paths on a session-state drive: their providers have no properties to read."""
        paths, _literal = path_arguments(self.params)
        refused = False
        for path in paths:
            drive = drive_of(provider_path(path))
            if drive is not None and drive.casefold() in _SESSION_DRIVES:
                self.write_error(not_supported(path))
                refused = True
        return refused

    def selected_paths(self) -> list[str]:
        """The existing items -Path/-LiteralPath name (Get-ItemPropertyValue's -Path is optional: the
        current location), kept by -Filter, -Include and -Exclude."""
        paths, literal = path_arguments(self.params)
        if not paths:
            return [self.runspace.location.path]
        filters = name_filters(self.params)
        found: list[str] = []
        for path in paths:
            try:
                found.extend(item for item in resolve_existing(self.runspace, path, literal) if filters.accepts(item))
            except CmdletError as error:
                self.write_error(error)
        return found

    def properties(self) -> list[tuple[Any, list[tuple[str, Any]]]]:
        """(item, [(name, value)]) for each selected item and the -Name properties it has."""
        found: list[tuple[Any, list[tuple[str, Any]]]] = []
        if credentials_refused(self) or self.session_drive_paths_refused():
            return found
        wanted = _names(self.params.Name)
        for path in self.selected_paths():
            item = file_system_item(path)
            values: list[tuple[str, Any]] = []
            for name in wanted:
                present, value = item.find_property(name)
                if present:
                    values.append((name, value))
                else:
                    self.write_error(
                        CmdletError(
                            f"The property {name} does not exist or was not found.",
                            error_id="GetValueError",
                            category=ErrorCategory.ReadError,
                            exception_type="System.IO.IOException",
                            target_object=name,
                        )
                    )
            found.append((item, values))
        return found


@register_cmdlet
class GetItemProperty(_ItemPropertyCommand):
    name = "Get-ItemProperty"

    def process(self) -> None:
        wanted = _names(self.params.Name)
        for item, values in self.properties():
            if not wanted:
                self.write_output(item)
                continue
            if not values:
                continue
            result = PSObject(dict(values))
            for note in ("PSPath", "PSParentPath", "PSChildName", "PSDrive"):
                result[note] = item[note]
            result["PSProvider"] = ProviderInfo("FileSystem")
            self.write_output(result)


@register_cmdlet
class GetItemPropertyValue(_ItemPropertyCommand):
    name = "Get-ItemPropertyValue"

    def process(self) -> None:
        for _item, values in self.properties():
            for _name, value in values:
                if value is not None:
                    self.write_output(value)
