"""Remove-Item on the file system: exactly the items the paths name, and what a directory holds.

Nothing beyond them is ever touched: a symbolic link is removed as a link (its target stays),
recursion never follows links, and the session's location or an ancestor of it is refused
(RemoveItemInUse).  Without -Force a hidden (dot) or read-only item is refused, also inside a
directory being removed, whose removal then fails as not empty -- as FileSystemProvider does.
A directory with children and no -Recurse is a ShouldContinue question: a console host asks
it; without a host it is PowerShell's HostException ("... does not support user interaction").
"""

from __future__ import annotations

import os
import stat
from typing import Any

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError, terminating
from ..common.files import should_process
from ..common.items import is_hidden
from ..common.paths import credentials_refused, windows_only_refused
from .item_filters import selected_items

__all__ = ["RemoveItem"]

_CONFIRM_CHOICES = '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): '


def _cannot_remove(
    path: str, reason: str, error_id: str, category: str = ErrorCategory.PermissionDenied
) -> CmdletError:
    error = CmdletError(
        reason,
        error_id=error_id,
        category=category,
        exception_type="System.IO.IOException",
        target_object=path,
    )
    error.error_record.error_details = f"Cannot remove item {path}: {reason}"
    return error


def _is_read_only(path: str) -> bool:
    return not os.path.islink(path) and not os.access(path, os.W_OK)


@register_cmdlet
class RemoveItem(Cmdlet):
    name = "Remove-Item"

    def begin(self) -> None:
        self.yes_to_all = False
        self.no_to_all = False

    def process(self) -> None:
        params = self.params
        windows_only_refused(self, {"Stream": params.get("Stream", None), "DeleteKey": params.get("DeleteKey", None)})
        if credentials_refused(self):
            return
        for item, _explicit in selected_items(self, environment=self._remove_environment):
            self._remove_top(item)

    def _remove_environment(self, items: list[Any]) -> None:
        """Env:NAME: the variable is removed from the process's environment (the Environment provider)."""
        for item in items:
            if should_process(self, f"Item: {item['Name']}", "Remove Item"):
                os.environ.pop(str(item["Name"]), None)

    def _remove_top(self, path: str) -> None:
        location = self.runspace.location.path
        if location == path or location.startswith(path.rstrip(os.sep) + os.sep):
            self.write_error(
                CmdletError(
                    f"Cannot remove the item at '{path}' because it is in use.",
                    error_id="RemoveItemInUse",
                    category=ErrorCategory.InvalidOperation,
                    exception_type="System.Management.Automation.PSInvalidOperationException",
                    target_object=path,
                )
            )
            return
        is_directory = os.path.isdir(path) and not os.path.islink(path)
        recurse = bool(self.params.Recurse)
        query = (
            f"The item at {path} has children and the Recurse parameter was not specified. If you continue, all "
            "children will be removed with the item. Are you sure you want to continue?"
        )
        if is_directory and not recurse and os.listdir(path) and not self._should_continue(query):
            return
        if is_directory:
            self._remove_directory(path)
        else:
            self._remove_file(path)

    def _should_continue(self, query: str) -> bool:
        """Cmdlet.ShouldContinue with Yes/Yes to All/No/No to All."""
        if self.yes_to_all:
            return True
        if self.no_to_all:
            return False
        host = self.runspace.host
        if host is None:
            raise terminating(
                CmdletError(
                    "A command that prompts the user failed because the host program or the command type does not "
                    f"support user interaction. The host was attempting to request confirmation with the following "
                    f"message: {query}",
                    error_id="HostFunctionNotImplemented",
                    category=ErrorCategory.NotImplemented,
                    exception_type="System.Management.Automation.Host.HostException",
                ),
                str(self.command.qualifier),
            )
        host.write(f"\nConfirm\n{query}\n{_CONFIRM_CHOICES}")
        answer = host.read_line(None)
        choice = None if answer is None else (answer.strip().casefold() or "y")
        self.yes_to_all = choice == "a"
        self.no_to_all = choice == "l"
        return choice in ("y", "a")

    def _refused(self, path: str) -> bool:
        """Without -Force, a hidden or read-only item is not removed (an error says so)."""
        if self.params.Force or not (is_hidden(path) or _is_read_only(path)):
            return False
        self.write_error(
            _cannot_remove(
                path,
                "You do not have sufficient access rights to perform this operation or the item is hidden, system, or "
                "read only.",
                "RemoveFileSystemItemUnAuthorizedAccess",
            )
        )
        return True

    def _remove_file(self, path: str) -> None:
        if not should_process(self, path, "Remove File") or self._refused(path):
            return
        try:
            if self.params.Force and _is_read_only(path):
                os.chmod(path, os.lstat(path).st_mode | stat.S_IWUSR)
            os.unlink(path)
        except OSError as failure:
            self.write_error(
                _cannot_remove(
                    path, failure.strerror or str(failure), "RemoveFileSystemItemIOError", ErrorCategory.WriteError
                )
            )

    def _remove_directory(self, path: str) -> None:
        """Children first (files, then directories), never following a link; then the directory."""
        if not should_process(self, path, "Remove Directory"):
            return
        try:
            entries = sorted(os.scandir(path), key=lambda e: (e.is_dir(follow_symlinks=False), e.name))
        except OSError as failure:
            self.write_error(_cannot_remove(path, failure.strerror or str(failure), "RemoveFileSystemItemIOError"))
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                self._remove_directory(entry.path)
            else:
                self._remove_file(entry.path)
        if self._refused(path):
            return
        try:
            os.rmdir(path)
        except OSError as failure:
            if os.path.isdir(path) and os.listdir(path):
                self.write_error(
                    _cannot_remove(
                        path,
                        f"Directory {path} cannot be removed because it is not empty.",
                        "DirectoryNotEmpty",
                        ErrorCategory.WriteError,
                    )
                )
            else:
                self.write_error(_cannot_remove(path, failure.strerror or str(failure), "RemoveFileSystemItemIOError"))
