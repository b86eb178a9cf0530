"""New-Item on the file system: files (the default type), directories, symbolic and hard links
(a junction, Windows' own, is checked and then not made, as pwsh on Linux does).

A file that exists is an error unless -Force (which overwrites it, and creates missing parent
directories); a directory that exists is an error unless -Force (which returns it).  -Value
is written to a new file as it is, without a newline, in UTF-8 without a BOM
(FileSystemProvider.NewItem's StreamWriter).
"""

from __future__ import annotations

import os

from ...errors import ErrorCategory
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError, argument_error, terminating
from ..common.files import should_process
from ..common.items import file_system_item
from ..common.paths import (
    credentials_refused,
    has_path_wildcard,
    resolve_literal,
    resolve_pattern,
    unescape_wildcards,
    windows_only_refused,
)
from ..common.semantics import wildcard_regex

__all__ = ["NewItem"]

#: FileSystemProvider.GetItemType's order: the first of these the given type (as ``<type>*``) matches.
_TYPES = (
    ("directory", "Directory"), ("container", "Directory"), ("file", "File"),
    ("symboliclink", "SymbolicLink"), ("junction", "Junction"), ("hardlink", "HardLink"),
)  # fmt: skip


def _io_error(message: str, path: str, error_id: str = "NewItemIOError") -> CmdletError:
    return CmdletError(
        message,
        error_id=error_id,
        category=ErrorCategory.WriteError,
        exception_type="System.IO.IOException",
        target_object=path,
    )


@register_cmdlet
class NewItem(Cmdlet):
    name = "New-Item"

    def process(self) -> None:
        params = self.params
        windows_only_refused(
            self,
            {
                "ApplicationName": params.get("ApplicationName", None),
                "Authentication": params.get("Authentication", None),
                "CertificateThumbprint": params.get("CertificateThumbprint", None),
                "ConnectionURI": params.get("ConnectionURI", None),
                "Options": params.get("Options", None),
                "OptionSet": params.get("OptionSet", None),
                "Port": params.get("Port", None),
                "SessionOption": params.get("SessionOption", None),
                "UseSSL": params.get("UseSSL", None),
            },
        )
        if credentials_refused(self):
            return
        kind = self._item_type()
        if kind in ("SymbolicLink", "HardLink"):
            self._require_target()
        name = params.get("Name", None)
        paths = params.get("Path", None)
        if paths is None:  # the current location, taken as it is (its name may hold wildcard characters)
            paths = ["."]
        for path in paths if isinstance(paths, list | tuple) else [paths]:
            text = to_ps_string(path)
            try:
                target = self._target(text, name)
            except CmdletError as error:
                self.write_error(error)
                continue
            if not should_process(self, f"Destination: {target}", f"Create {kind}"):
                continue
            try:
                created = self._create(kind, target)
            except CmdletError as error:
                self.write_error(error)
                continue
            if created:
                self.write_output(file_system_item(target))

    def _target(self, path: str, name: object) -> str:
        """With -Name, -Path is a container found by globbing (``Test`[Dir`]`` is ``Test[Dir]``);
        without, -Path is the new item's own path, taken as written (NewItemCommand)."""
        if name is None:
            return resolve_literal(self.runspace, path)
        containers = resolve_pattern(self.runspace, path, force=True) if has_path_wildcard(path) else []
        container = containers[0] if containers else resolve_literal(self.runspace, unescape_wildcards(path))
        return os.path.join(container, to_ps_string(name))

    def _item_type(self) -> str:
        given = self.params.get("ItemType", None)
        if given is None:
            return "File"
        pattern = wildcard_regex(to_ps_string(given) + "*")
        found = next((kind for name, kind in _TYPES if pattern.match(name)), None)
        if found is None:
            raise terminating(
                argument_error(
                    'The type is not a known type for the file system. Only "file","directory","junction",'
                    '"symboliclink", or "hardlink" can be specified.'
                ),
                str(self.command.qualifier),
            )
        return found

    def _create(self, kind: str, path: str) -> bool:
        force = bool(self.params.Force)
        value = self.params.get("Value", None)
        if kind == "Directory":
            if os.path.isdir(path):
                if not force:
                    raise CmdletError(
                        f"An item with the specified name {path} already exists.",
                        error_id="DirectoryExist",
                        category=ErrorCategory.ResourceExists,
                        exception_type="System.IO.IOException",
                        target_object=path,
                    )
                return True
            if os.path.lexists(path):
                raise _io_error(f"The file '{path}' already exists.", path, "CreateDirectoryIOError")
            os.makedirs(path)
            return True
        if kind in ("SymbolicLink", "HardLink"):
            return self._link(kind, path, value)
        if kind == "Junction":
            return self._junction(path, value)
        return self._file(path, value, force)

    def _junction(self, path: str, value: object) -> bool:
        """A junction is an NTFS mount point: on Linux pwsh checks the target and the path as on
        Windows, then its CreateJunction does nothing (FileSystemProvider.NewItem, ``#if UNIX``):
        no item, no error."""
        target = to_ps_string(value) if value is not None else ""
        if not os.path.isabs(target):
            raise CmdletError(
                "Creating a junction requires an absolute path for the target.",
                error_id="NotAbsolutePath",
                category=ErrorCategory.InvalidArgument,
                exception_type="System.ArgumentException",
                target_object=target,
            )
        if not os.path.exists(target):
            raise CmdletError(
                f"Could not find item {target}.",
                error_id="ItemNotFound",
                category=ErrorCategory.ObjectNotFound,
                exception_type="System.Management.Automation.ItemNotFoundException",
                target_object=target,
            )
        for item in (target, path):
            if os.path.lexists(item) and not os.path.isdir(item):
                raise CmdletError(
                    f"A directory is required for the operation. The item '{item}' is not a directory.",
                    error_id="ItemNotDirectory",
                    category=ErrorCategory.InvalidOperation,
                    exception_type="System.InvalidOperationException",
                    target_object=item,
                )
        if os.path.isdir(path) and os.listdir(path) and not self.params.Force:
            raise _io_error(f"Directory {path} cannot be removed because it is not empty.", path, "DirectoryNotEmpty")
        return False

    def _file(self, path: str, value: object, force: bool) -> bool:
        if os.path.isdir(path):
            raise CmdletError(
                f"Access to the path '{path}' is denied.",
                error_id="NewItemUnauthorizedAccessError",
                category=ErrorCategory.PermissionDenied,
                exception_type="System.UnauthorizedAccessException",
                target_object=path,
            )
        if os.path.lexists(path) and not force:
            raise _io_error(f"The file '{path}' already exists.", path)
        parent = os.path.dirname(path)
        if not os.path.isdir(parent):
            if not force:
                raise _io_error(f"Could not find a part of the path '{path}'.", path)
            os.makedirs(parent, exist_ok=True)
        with open(path, "wb") as handle:
            if value is not None:
                handle.write(to_ps_string(value).encode("utf-8"))
        return True

    def _require_target(self) -> None:
        """A link without -Target (-Value) is FileSystemProvider's ArgumentNullException: it ends the command."""
        value = self.params.get("Value", None)
        if value is None or not to_ps_string(value):
            raise terminating(
                CmdletError(
                    "Value cannot be null. (Parameter 'content')",
                    error_id="ArgumentNull",
                    category=ErrorCategory.InvalidArgument,
                    exception_type="System.Management.Automation.PSArgumentNullException",
                ),
                str(self.command.qualifier),
            )

    def _link(self, kind: str, path: str, value: object) -> bool:
        target = to_ps_string(value)
        if os.path.lexists(path) and not self.params.Force:
            raise _io_error(f"Cannot create link because the path already exists: {path}.", path, "SymLinkExists")
        if os.path.lexists(path):
            os.remove(path)
        if kind == "SymbolicLink":
            os.symlink(target, path)
        else:
            source = resolve_literal(self.runspace, target)
            if not os.path.isfile(source):
                raise CmdletError(
                    f"Could not find item {source}.",
                    error_id="ItemNotFound",
                    category=ErrorCategory.ObjectNotFound,
                    exception_type="System.Management.Automation.ItemNotFoundException",
                    target_object=source,
                )
            os.link(source, path)
        return True
