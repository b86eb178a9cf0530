"""Resolve-Path and Convert-Path: the existing items a path names, as PathInfo or as text."""

from __future__ import annotations

import os

from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ...runtime.location import path_info
from ..common.errors import CmdletError
from ..common.paths import credentials_refused, path_arguments, resolve_existing, resolve_literal

__all__ = ["ConvertPath", "ResolvePath", "relative_path"]


def relative_path(path: str, base: str) -> str:
    """SessionState.Path.NormalizeRelativePath as Resolve-Path -Relative shows it: ``./x`` below
    the base, ``../x`` beside it."""
    relative = os.path.relpath(path, base)
    if relative == ".":
        return "."
    if relative == ".." or relative.startswith(".." + os.sep):
        return relative
    return "." + os.sep + relative


class _Resolving(Cmdlet):
    """Each path resolved (wildcards expand; hidden names only with -Force)."""

    def resolved(self) -> list[str]:
        params = self.params
        paths, literal = path_arguments(params)
        base = params.get("RelativeBasePath", None) if params.declares("RelativeBasePath") else None
        runspace = self.runspace
        results: list[str] = []
        for path in paths:
            text = to_ps_string(path)
            try:
                if base is not None and not os.path.isabs(text):
                    text = os.path.join(resolve_literal(runspace, to_ps_string(base)), text)
                results.extend(resolve_existing(runspace, text, literal, force=bool(params.Force)))
            except CmdletError as error:
                self.write_error(error)
        return results


@register_cmdlet
class ResolvePath(_Resolving):
    name = "Resolve-Path"

    def process(self) -> None:
        params = self.params
        if credentials_refused(self):
            return
        base_text = params.get("RelativeBasePath", None)
        for path in self.resolved():
            if params.Relative:
                base = resolve_literal(self.runspace, to_ps_string(base_text)) if base_text else None
                self.write_output(relative_path(path, base or self.runspace.location.path))
            else:
                self.write_output(path_info(path))


@register_cmdlet
class ConvertPath(_Resolving):
    name = "Convert-Path"

    def process(self) -> None:
        for path in self.resolved():
            self.write_output(path)
