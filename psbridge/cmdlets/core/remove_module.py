"""Remove-Module: unload modules (by name with wildcards, or a PSModuleInfo).

Each module's ``OnRemove`` script block runs, then what Import-Module put into scopes (its
functions, variables and aliases) is taken away and the module leaves Get-Module's list; its
nested modules go with it.  When nothing was removed and no name was a wildcard, it is pwsh's
Modules_NoModulesRemoved error.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import cmdlet_error
from ..common.files import should_process
from ..common.semantics import wildcard_regex

__all__ = ["RemoveModule"]


@register_cmdlet
class RemoveModule(Cmdlet):
    name = "Remove-Module"

    def begin(self) -> None:
        self.removed = 0
        self.specific = False
        self.whatif = False

    def process(self) -> None:
        from ...language.engine.context import context_of
        from .module_loading import remove_module

        p = self.params
        context = context_of(self.runspace)
        chosen: list[Any] = []
        names = p.get("Name", None)
        for name in names if isinstance(names, list | tuple) else ([names] if names else []):
            pattern = str(name)
            if not any(char in pattern for char in "*?["):
                self.specific = True
            regex = wildcard_regex(pattern)
            chosen.extend(module for module in context.module_table.values() if regex.match(module.name))
        for spec in p.get("FullyQualifiedName", None) or ():
            self.specific = True
            name = (
                next((str(v) for k, v in spec.items() if str(k).casefold() == "modulename"), "")
                if hasattr(spec, "items")
                else str(spec)
            )
            chosen.extend(
                module for module in context.module_table.values() if module.name.casefold() == name.casefold()
            )
        for info in p.get("ModuleInfo", None) or ():
            self.specific = True
            chosen.append(info)
        done: set[int] = set()
        for module in chosen:
            if id(module) in done or not hasattr(module, "imported"):
                continue
            done.add(id(module))
            if not should_process(self, f"{module.name} (Path: '{module.path}')", "Remove-Module"):
                self.whatif = True  # no NoModulesRemoved error for what was only not confirmed
                continue
            remove_module(self, module)
            self.removed += 1

    def end(self) -> None:
        if self.removed == 0 and self.specific and not self.whatif:
            self.write_error(
                cmdlet_error(
                    "No modules were removed. Verify that the specification of modules to remove is correct and those "
                    "modules exist in the runspace.",
                    "Modules_NoModulesRemoved",
                    ErrorCategory.ResourceUnavailable,
                    "System.InvalidOperationException",
                )
            )
