"""Export-ModuleMember: say which of a module's functions, variables and aliases it exports.

Called in a module's script (or a function of it), it matches each list's wildcards against what
the module's scope defines at that moment, as pwsh does (a function defined after the call is not
exported); once it has run, only what it named is exported.  Outside any module it is pwsh's
terminating Modules_CanOnlyExecuteExportModuleMemberInsideAModule error.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import cmdlet_error

__all__ = ["ExportModuleMember"]


def _names(value: Any) -> list[str] | None:
    if value is None:
        return None
    return [str(item) for item in (value if isinstance(value, list | tuple) else [value])]


@register_cmdlet
class ExportModuleMember(Cmdlet):
    name = "Export-ModuleMember"

    def begin(self) -> None:
        from ...language.engine.modules import module_of_scope

        self.module = module_of_scope(self.runspace.current_scope)
        if self.module is None:
            self.throw_terminating_error(
                cmdlet_error(
                    "The Export-ModuleMember cmdlet can only be called from inside a module.",
                    "Modules_CanOnlyExecuteExportModuleMemberInsideAModule",
                    ErrorCategory.PermissionDenied,
                    "System.InvalidOperationException",
                )
            )
        self.functions: list[str] | None = None
        self.variables: list[str] | None = None
        self.aliases: list[str] | None = None

    def process(self) -> None:
        # the lists may come by pipeline, one object after another: gathered, then exported at the end
        p = self.params
        for attribute, parameter in (("functions", "Function"), ("variables", "Variable"), ("aliases", "Alias")):
            names = _names(p.get(parameter, None))
            if names is not None:
                setattr(self, attribute, (getattr(self, attribute) or []) + names)

    def end(self) -> None:
        if self.module is None:
            return
        for kind, name in self.module.export(self.functions, self.variables, self.aliases):
            self.write_verbose(f"Exporting {kind} '{name}'.")
