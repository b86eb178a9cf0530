"""Rename-Item on the file system: a new name for one item, in the same directory.

RenameItemCommand resolves -Path (one match is renamed; a pattern matching none or several is
taken literally, so it names no item) or takes -LiteralPath as written, refuses an item that
does not exist or that holds the session's location, then FileSystemProvider.RenameItem:
-NewName must be a name, not a path (``./b.txt`` and a path into the item's own directory are
cut to the name), and an existing item of that name is never replaced -- .NET's MoveTo
refuses it, which is the cmdlet's RenameItemIOError.  -PassThru writes the renamed item.
"""

from __future__ import annotations

import os

from ...errors import ErrorCategory
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError, argument_error
from ..common.files import should_process
from ..common.items import file_system_item
from ..common.paths import (
    credentials_refused,
    has_path_wildcard,
    provider_path,
    resolve_existing,
    resolve_literal,
    unescape_wildcards,
)

__all__ = ["RenameItem"]


def _invalid_operation(message: str) -> CmdletError:
    """PSTraceSource.NewInvalidOperationException: id InvalidOperation, no target."""
    return CmdletError(
        message,
        error_id="InvalidOperation",
        category=ErrorCategory.InvalidOperation,
        exception_type="System.Management.Automation.PSInvalidOperationException",
    )


def _provider_error(message: str, error_id: str, category: str, exception: str, path: str) -> CmdletError:
    return CmdletError(message, error_id=error_id, category=category, exception_type=exception, target_object=path)


@register_cmdlet
class RenameItem(Cmdlet):
    name = "Rename-Item"

    def process(self) -> None:
        if credentials_refused(self):
            return
        params = self.params
        literal = params.is_bound("LiteralPath")
        given = to_ps_string(params.LiteralPath if literal else params.Path)
        try:
            target = given if literal else self._resolve(given)
        except CmdletError as error:
            self.write_error(error)
            return
        try:
            absolute = resolve_literal(self.runspace, target)
        except CmdletError as error:  # an unknown drive
            self.write_error(error)
            return
        if not os.path.lexists(absolute):
            self.write_error(_invalid_operation(f"Cannot rename because item at '{target}' does not exist."))
            return
        location = self.runspace.location.path
        if location == absolute or location.startswith(absolute.rstrip(os.sep) + os.sep):
            self.write_error(_invalid_operation(f"Cannot rename the item at '{target}' because it is in use."))
            return
        self._rename(absolute, to_ps_string(params.NewName))

    def _resolve(self, path: str) -> str:
        """The one item -Path names; a pattern matching none or several stays as written (unescaped)."""
        if not has_path_wildcard(provider_path(path)):
            return resolve_existing(self.runspace, path, False)[0]
        found = resolve_existing(self.runspace, path, False, force=bool(self.params.Force))
        return found[0] if len(found) == 1 else unescape_wildcards(path)

    def _rename(self, path: str, new_name: str) -> None:
        """FileSystemProvider.RenameItem."""
        if new_name.startswith(("./", ".\\")):
            new_name = new_name[2:]
        elif os.path.dirname(path).casefold() == os.path.dirname(new_name).casefold():
            new_name = os.path.basename(new_name)
        if os.path.basename(new_name) != new_name or not new_name or new_name in (".", ".."):
            self.throw_terminating_error(
                argument_error("Cannot rename the specified target, because it represents a path or device name.")
            )
        is_directory = os.path.isdir(path) and not os.path.islink(path)
        destination = os.path.join(os.path.dirname(path), new_name)
        action = "Rename Directory" if is_directory else "Rename File"
        if not should_process(self, f"Item: {path} Destination: {destination}", action):
            return
        try:
            self._move(path, destination, is_directory)
        except CmdletError as error:
            self.write_error(error)
            return
        if self.params.PassThru:
            self.write_output(file_system_item(destination))

    @staticmethod
    def _move(path: str, destination: str, is_directory: bool) -> None:
        """FileInfo/DirectoryInfo.MoveTo on Unix: never onto an existing item (link(2) for a file,
        an existence check for a directory), else rename(2)."""
        if destination == path:
            return
        same_item = os.path.lexists(destination) and os.path.samefile(path, destination)
        if os.path.lexists(destination) and not same_item:  # a case-only rename is the same item
            message = (
                f"Cannot create '{destination}' because a file or directory with the same name already exists."
                if is_directory
                else f"The file '{destination}' already exists."
            )
            raise _provider_error(message, "RenameItemIOError", ErrorCategory.WriteError, "System.IO.IOException", path)
        try:
            if is_directory or same_item:
                os.rename(path, destination)
            else:
                _link_then_unlink(path, destination)
        except FileExistsError:  # created meanwhile: still never replaced
            raise _provider_error(
                f"The file '{destination}' already exists.", "RenameItemIOError", ErrorCategory.WriteError,
                "System.IO.IOException", path,
            ) from None  # fmt: skip
        except PermissionError:
            raise _provider_error(
                f"Access to the path '{path}' is denied.",
                "RenameItemUnauthorizedAccessError",
                ErrorCategory.PermissionDenied,
                "System.UnauthorizedAccessException",
                path,
            ) from None
        except OSError as failure:
            raise _provider_error(
                failure.strerror or str(failure), "RenameItemIOError", ErrorCategory.WriteError,
                "System.IO.IOException", path,
            ) from None  # fmt: skip


def _link_then_unlink(path: str, destination: str) -> None:
    """A file moved without replacing anything: link(2) fails if the name exists; where the file
    system has no hard links, rename(2) after the check."""
    try:
        os.link(path, destination, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError:
        os.rename(path, destination)
        return
    os.unlink(path)
