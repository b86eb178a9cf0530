"""New-TemporaryFile: creates an empty, uniquely named ``tmpXXXXXX.tmp`` file in the temporary
directory (Path.GetTempPath: $TMPDIR, else /tmp/) and writes its FileInfo; -WhatIf only says so.
A directory that cannot take the file is a terminating NewTemporaryFileWriteError."""

from __future__ import annotations

import os
import tempfile

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.files import should_process
from ..common.items import file_system_item

__all__ = ["NewTemporaryFile", "temp_path"]


def temp_path() -> str:
    """Path.GetTempPath() on Unix: $TMPDIR (when set) else /tmp, with a trailing separator."""
    directory = os.environ.get("TMPDIR") or "/tmp"
    return directory if directory.endswith("/") else directory + "/"


@register_cmdlet
class NewTemporaryFile(Cmdlet):
    name = "New-TemporaryFile"

    def end(self) -> None:
        directory = temp_path()
        if not should_process(self, directory, "New-TemporaryFile"):
            return
        try:
            handle, path = tempfile.mkstemp(prefix="tmp", suffix=".tmp", dir=directory)
        except OSError as error:
            failure = CmdletError(
                error.strerror or str(error),
                error_id="NewTemporaryFileWriteError",
                category=ErrorCategory.WriteError,
                exception_type="System.IO.IOException",
                target_object=directory,
            )
            self.throw_terminating_error(failure)
        os.close(handle)
        self.write_output(file_system_item(path))
