"""Test-Path: whether each path exists (or, with -IsValid, could exist); never an error for a
path that is missing or on an unknown drive, only False."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from ...errors import ErrorCategory
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.paths import credentials_refused, drive_of, provider_path, resolve_pattern
from ..common.semantics import wildcard_regex
from ..common.session_drives import session_drive, session_item_exists

__all__ = ["TestPath"]


def _null_path() -> CmdletError:
    # ArgumentNullException(string) takes its argument as the parameter name.
    return CmdletError(
        "Value cannot be null. (Parameter 'The provided Path argument was null or an empty collection.')",
        error_id="NullPathNotPermitted",
        category=ErrorCategory.InvalidArgument,
        exception_type="System.ArgumentNullException",
    )


def _patterns(value: Any) -> list[Any]:
    if value is None:
        return []
    return [wildcard_regex(to_ps_string(v)) for v in (value if isinstance(value, list | tuple) else [value])]


@register_cmdlet
class TestPath(Cmdlet):
    name = "Test-Path"

    def process(self) -> None:
        params = self.params
        literal = params.is_bound("LiteralPath")
        paths = params.get("LiteralPath", None) if literal else params.get("Path", None)
        if credentials_refused(self):
            return
        if paths is None or (isinstance(paths, list | tuple) and not paths):
            self.write_error(_null_path())
            return
        for path in paths if isinstance(paths, list | tuple) else [paths]:
            if path is None:
                self.write_error(_null_path())
                continue
            text = to_ps_string(path)
            if not text.strip():
                self.write_output(False)
                continue
            self.write_output(self._is_valid(text) if params.IsValid else self._exists(text, literal))

    @staticmethod
    def _is_valid(path: str) -> bool:
        """On Unix only NUL is invalid in a name; a drive qualifier must name a drive there is."""
        bare = provider_path(path)
        if "\0" in bare:
            return False
        drive = drive_of(bare)
        return drive is None or drive.casefold() in ("temp", "variable", "env", "alias", "function")

    def _exists(self, path: str, literal: bool) -> bool:
        params = self.params
        session = session_drive(path)
        if session is not None:  # Env:, Variable:, Function:, Alias:: their items are leaves, the drive a container
            kind = to_ps_string(params.PathType or "Any").casefold()
            drive, name = session
            if (kind == "container") != (not name) and kind != "any":
                return False
            return session_item_exists(self.runspace, drive, name)
        try:
            if literal:
                from ..common.paths import resolve_literal

                absolute = resolve_literal(self.runspace, path)
                candidates = [absolute] if os.path.lexists(absolute) else []
            else:
                candidates = resolve_pattern(self.runspace, path)
        except CmdletError:  # DriveNotFound: the path does not exist
            return False
        includes, excludes = _patterns(params.Include), _patterns(params.Exclude)
        filters = _patterns(params.Filter)
        kind = to_ps_string(params.PathType or "Any").casefold()
        for candidate in candidates:
            name = os.path.basename(candidate.rstrip(os.sep))
            if includes and not any(p.match(name) for p in includes):
                continue
            if any(p.match(name) for p in excludes) or (filters and not filters[0].match(name)):
                continue
            is_container = os.path.isdir(candidate)
            if (kind == "container" and not is_container) or (kind == "leaf" and is_container):
                continue
            if not self._in_date_range(candidate):
                continue
            return True
        return False

    def _in_date_range(self, path: str) -> bool:
        params = self.params
        newer, older = params.get("NewerThan", None), params.get("OlderThan", None)
        if newer is None and older is None:
            return True
        written = dt.datetime.fromtimestamp(os.stat(path).st_mtime)
        if newer is not None and not written > _naive(newer):
            return False
        return older is None or written < _naive(older)


def _naive(value: dt.datetime) -> dt.datetime:
    return value.astimezone().replace(tzinfo=None) if value.tzinfo is not None else value
