"""New-Module: a dynamic module from a script block, living only in memory.

The block runs in a new module session state (``-ArgumentList`` binds its param() or ``$args``);
its functions are exported (all of them, or those -Function names, unless Export-ModuleMember
ran) and imported into the session, as pwsh's NewModuleCommand does.  It is not in Get-Module's
list until piped to Import-Module.  The output is the PSModuleInfo; ``-ReturnResult`` writes
what the block wrote instead, ``-AsCustomObject`` an object whose methods are the exported
functions and whose properties are the exported variables.
"""

from __future__ import annotations

import uuid
from typing import Any

from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet

__all__ = ["NewModule"]


@register_cmdlet
class NewModule(Cmdlet):
    name = "New-Module"

    def process(self) -> None:
        from ...language.engine.context import context_of
        from ...language.engine.modules import PSModuleInfo
        from .module_loading import ImportOptions, import_members, run_in_module

        p = self.params
        context = context_of(self.runspace)
        block = p.get("ScriptBlock")
        name = p.get("Name", None) or f"__DynamicModule_{uuid.uuid4()}"
        module = PSModuleInfo(str(name), "", "Script")
        module.module_base = self.runspace.location.path
        arguments = p.get("ArgumentList", None)
        values = list(arguments) if isinstance(arguments, list | tuple) else ([] if arguments is None else [arguments])
        results: list[Any] = []
        run_in_module(context, module, block.compiled, values, results.append)
        functions = p.get("Function", None)
        if functions is not None and not module.explicit_exports:
            module.filter_exports([str(item) for item in functions], None, None)
        if p.get("AsCustomObject", False):
            self.write_output(self._custom_object(module))
            return
        import_members(
            self,
            module,
            ImportOptions(
                target=context.global_scope if self._top_level() else self.runspace.current_scope.script_scope
            ),
        )
        if p.get("ReturnResult", False):
            for item in results:
                self.write_output(item)
            return
        self.write_output(module)

    def _top_level(self) -> bool:
        from ...language.engine.modules import module_of_scope

        return module_of_scope(self.runspace.current_scope) is None

    @staticmethod
    def _custom_object(module: Any) -> Any:
        """PSModuleInfo.AsCustomObject: exported variables as properties, functions as methods that
        run in the module's session state."""
        from ...language.engine.scriptblock import ScriptBlock
        from ...objects import PSObject
        from ...objects.members import ScriptMethodMember

        result = PSObject([(variable.name, variable.value) for variable in module.variables.values()])
        for info in module.functions.values():
            block = info.script_block
            result.add_member(ScriptMethodMember(info.name, ScriptBlock(block.compiled, block.context, module.scope)))
        return result
