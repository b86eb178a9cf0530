"""Join-Path: path text joined with the provider's separator; -Resolve resolves the result."""

from __future__ import annotations

from typing import Any

from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.paths import credentials_refused, resolve_existing
from .path_text import make_path

__all__ = ["JoinPath"]


def _texts(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return ["" if item is None else to_ps_string(item) for item in value]
    return [to_ps_string(value)]


@register_cmdlet
class JoinPath(Cmdlet):
    name = "Join-Path"

    def process(self) -> None:
        params = self.params
        if credentials_refused(self):
            return
        children = _texts(params.ChildPath) + _texts(params.AdditionalChildPath)
        for path in _texts(params.Path):
            joined = path
            for child in children or [""]:
                joined = make_path(joined, child)
            if not params.Resolve:
                self.write_output(joined)
                continue
            try:
                for resolved in resolve_existing(self.runspace, joined, literal=False):
                    self.write_output(resolved)
            except CmdletError as error:
                self.write_error(error)
