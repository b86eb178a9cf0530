"""Copy-Item and Move-Item on the file system.

Copy-Item (FileSystemProvider.CopyItem): a file goes into -Destination when that is a
directory, else becomes it (an existing file is overwritten; a read-only one only with -Force);
a directory is created at the destination (inside it, when it exists) and, with -Recurse, filled
with the source's files and subdirectories -- an existing directory there is reported
(DirectoryExist, unless -Force) and filled all the same.  Move-Item renames, into the
destination directory when it exists; an existing destination file needs -Force.
Nothing is written outside the destination, and a directory is never copied into itself.
"""

from __future__ import annotations

import os
import shutil
import stat

from ...errors import ErrorCategory
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.files import should_process
from ..common.items import file_system_item
from ..common.paths import credentials_refused, resolve_literal
from .item_filters import NameFilters, name_filters, selected_items

__all__ = ["CopyItem", "MoveItem"]


def _io_error(message: str, path: str, error_id: str, category: str = ErrorCategory.WriteError) -> CmdletError:
    return CmdletError(
        message, error_id=error_id, category=category, exception_type="System.IO.IOException", target_object=path
    )


def _inside(path: str, container: str) -> bool:
    return path == container or path.startswith(container.rstrip(os.sep) + os.sep)


class _Transfer(Cmdlet):
    """What Copy-Item and Move-Item share: sources resolved, the destination taken literally."""

    def process(self) -> None:
        params = self.params
        if credentials_refused(self) or not self.check_sessions():
            return
        destination_text = params.get("Destination", None)
        destination = resolve_literal(
            self.runspace, to_ps_string(destination_text) if destination_text is not None else "."
        )
        for source, _explicit in selected_items(self):
            try:
                result = self.transfer(source, destination)
            except CmdletError as error:
                self.write_error(error)
                continue
            except OSError as failure:
                self.write_error(_io_error(failure.strerror or str(failure), source, f"{self.error_prefix}IOError"))
                continue
            if result is not None and params.PassThru:
                self.write_output(file_system_item(result))

    error_prefix = ""

    def check_sessions(self) -> bool:
        return True

    def transfer(self, source: str, destination: str) -> str | None:
        raise NotImplementedError


@register_cmdlet
class CopyItem(_Transfer):
    name = "Copy-Item"
    error_prefix = "CopyFileInfoItem"

    def check_sessions(self) -> bool:
        """-FromSession/-ToSession copy over PowerShell remoting, which psbridge does not have."""
        for parameter in ("FromSession", "ToSession"):
            if self.params.get(parameter, None) is not None:
                self.write_error(
                    CmdletError(
                        f"Copy-Item -{parameter} needs a PowerShell remoting session; psbridge has no remoting.",
                        error_id="NotSupported",
                        category=ErrorCategory.NotImplemented,
                        exception_type="System.Management.Automation.PSNotSupportedException",
                    )
                )
                return False
        return True

    def transfer(self, source: str, destination: str) -> str | None:
        if os.path.isdir(source) and not os.path.islink(source):
            target = os.path.join(destination, os.path.basename(source)) if os.path.isdir(destination) else destination
            if _inside(target, source):
                raise _io_error(
                    f"Destination path cannot be a subdirectory of the source or the source itself: {target}.",
                    target,
                    "CopyError",
                )
            if not should_process(self, f"Item: {source} Destination: {target}", "Copy Directory"):
                return None
            self._copy_directory(source, target, recurse=bool(self.params.Recurse))
            return target
        return self._copy_file(source, destination)

    def _copy_file(self, source: str, destination: str) -> str | None:
        target = os.path.join(destination, os.path.basename(source)) if os.path.isdir(destination) else destination
        if os.path.realpath(target) == os.path.realpath(source):
            raise _io_error(f"Cannot overwrite the item {source} with itself.", source, "CopyError")
        if not should_process(self, f"Item: {source} Destination: {target}", "Copy File"):
            return None
        if not os.path.isdir(os.path.dirname(target)):
            raise _io_error(f"Could not find a part of the path '{target}'.", target, "CopyFileInfoItemIOError")
        if os.path.exists(target) and not os.access(target, os.W_OK):
            if not self.params.Force:
                raise CmdletError(
                    f"Access to the path '{target}' is denied.",
                    error_id="CopyFileInfoItemUnauthorizedAccessError",
                    category=ErrorCategory.PermissionDenied,
                    exception_type="System.UnauthorizedAccessException",
                    target_object=target,
                )
            os.chmod(target, os.stat(target).st_mode | stat.S_IWUSR)
        shutil.copy2(source, target, follow_symlinks=True)
        return target

    def _copy_directory(self, source: str, target: str, *, recurse: bool) -> None:
        if os.path.isdir(target):
            if not self.params.Force:
                self.write_error(
                    _io_error(
                        f"An item with the specified name {target} already exists.",
                        target,
                        "DirectoryExist",
                        ErrorCategory.ResourceExists,
                    )
                )
        elif os.path.lexists(target):
            raise _io_error(
                "Container cannot be copied onto existing leaf item.", target, "CopyContainerItemToLeafError"
            )
        else:
            os.mkdir(target)
        if not recurse:
            return
        self._copy_children(source, target)

    def _copy_children(self, source: str, target: str) -> None:
        """Files, then subdirectories; with -Container:$false the subdirectories' files land in
        ``target`` itself and no directory is made for them (the structure is not kept)."""
        entries = sorted(os.scandir(source), key=lambda e: e.name)
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                continue
            if not self._filters().passes_filter(entry.name):
                continue
            try:
                self._copy_file(entry.path, target)
            except CmdletError as error:
                self.write_error(error)
        keep_containers = self.params.Container is not False and bool(self.params.get("Container", True))
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False):
                continue
            if keep_containers:
                self._copy_directory(entry.path, os.path.join(target, entry.name), recurse=True)
            else:
                self._copy_children(entry.path, target)

    def _filters(self) -> NameFilters:
        return name_filters(self.params)


@register_cmdlet
class MoveItem(_Transfer):
    name = "Move-Item"
    error_prefix = "MoveFileInfoItem"

    def transfer(self, source: str, destination: str) -> str | None:
        is_directory = os.path.isdir(source) and not os.path.islink(source)
        target = os.path.join(destination, os.path.basename(source)) if os.path.isdir(destination) else destination
        if is_directory and _inside(target, source):
            raise _io_error(
                f"Destination path cannot be a subdirectory of the source or the source itself: {target}.",
                target,
                "MoveDirectoryItemIOError",
            )
        action = "Move Directory" if is_directory else "Move File"
        if not should_process(self, f"Item: {source} Destination: {target}", action):
            return None
        if not os.path.isdir(os.path.dirname(target)):
            raise _io_error(f"Could not find a part of the path '{target}'.", target, f"{self.error_prefix}IOError")
        if os.path.lexists(target):
            if is_directory or os.path.isdir(target):
                raise _io_error(
                    f"Cannot create '{target}' because a file or directory with the same name already exists.",
                    target,
                    "MoveDirectoryItemIOError" if is_directory else "MoveFileInfoItemIOError",
                )
            if not self.params.Force:
                raise _io_error(
                    "Cannot create a file when that file already exists.", target, "MoveFileInfoItemIOError"
                )
        shutil.move(source, target)
        return target
