"""Split-Path: one part of each path's text (-Parent by default, -Leaf, -LeafBase, -Extension,
-Qualifier, -NoQualifier, -IsAbsolute); -Resolve resolves the paths first."""

from __future__ import annotations

from ...errors import ErrorCategory
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError
from ..common.items import extension_of
from ..common.paths import credentials_refused, path_arguments, resolve_existing
from .path_text import is_absolute, leaf, parent, split_qualifier

__all__ = ["SplitPath"]


@register_cmdlet
class SplitPath(Cmdlet):
    name = "Split-Path"

    def process(self) -> None:
        params = self.params
        if credentials_refused(self):
            return
        paths, literal = path_arguments(params)
        for path in paths:
            path = to_ps_string(path)
            if not params.Resolve:
                self._split(path)
                continue
            try:
                resolved = resolve_existing(self.runspace, path, literal)
            except CmdletError as error:
                self.write_error(error)
                continue
            for item in resolved:
                self._split(item)

    def _split(self, path: str) -> None:
        params = self.params
        if params.IsAbsolute:
            self.write_output(is_absolute(path))
        elif params.Qualifier:
            qualifier, _rest = split_qualifier(path)
            if not qualifier:
                self.write_error(
                    CmdletError(
                        f"Cannot parse path because path '{path}' does not have a qualifier specified.",
                        error_id="ParsePathFormatError",
                        category=ErrorCategory.InvalidArgument,
                        exception_type="System.Management.Automation.PSArgumentException",
                        target_object=path,
                    )
                )
                return
            self.write_output(qualifier)
        elif params.NoQualifier:
            self.write_output(split_qualifier(path)[1])
        elif params.Leaf:
            self.write_output(leaf(path))
        elif params.LeafBase:
            name = leaf(path)
            self.write_output(name[: len(name) - len(extension_of(name))])
        elif params.Extension:
            self.write_output(extension_of(leaf(path)))
        else:  # -Parent (the default), or a part's switch given as $false (Split-Path.Tests.ps1:103-121)
            self.write_output(parent(path))
