"""Get-Module: the modules imported into the session, or (-ListAvailable) those in the module path.

Loaded modules come in the order they were imported (a built-in module once Import-Module named
it); ``-ListAvailable`` reads each module folder of ``$env:PSModulePath`` without running anything
(a manifest's lists, a ``.psm1``'s top-level functions).  ``-Name`` takes wildcards; a name that
matches nothing writes nothing, as in pwsh.  Output prints as pwsh's ModuleType/Version/PreRelease/
Name/ExportedCommands table.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import cmdlet_error
from ..common.semantics import wildcard_regex

#: Another session's or a CIM server's modules: psbridge has only its own session.
_REFUSED = ("PSSession", "CimSession", "CimResourceUri", "CimNamespace")

__all__ = ["GetModule"]


@register_cmdlet
class GetModule(Cmdlet):
    name = "Get-Module"

    def begin(self) -> None:
        for parameter in _REFUSED:
            if self.params.is_bound(parameter):
                self.throw_terminating_error(
                    cmdlet_error(
                        f"Get-Module -{parameter} is not supported by psbridge: it lists the modules of the local "
                        "session only.",
                        "NotSupported",
                        ErrorCategory.NotImplemented,
                        "System.NotSupportedException",
                    )
                )

    def process(self) -> None:
        from ...language.engine.context import context_of
        from .module_loading import list_available, version_fits

        p = self.params
        context = context_of(self.runspace)
        names = p.get("Name", None)
        patterns = [str(item) for item in (names if isinstance(names, list | tuple) else [names])] if names else None
        specs = [self._spec(spec) for spec in p.get("FullyQualifiedName", None) or ()]
        if p.get("ListAvailable", False):
            modules: list[Any] = list_available(context)
        else:
            modules = list(context.module_table.values())
            if p.get("All", False):
                for module in list(modules):
                    modules.extend(module.nested)
        if not p.get("ListAvailable", False):
            modules.sort(key=lambda module: module.name.casefold())  # ModuleIntrinsics.GetModules: by name
        for module in modules:
            if specs:
                if any(self._matches(module, name) and version_fits(module.version, bounds) for name, bounds in specs):
                    self.write_output(module)
            elif patterns is None or any(self._matches(module, pattern) for pattern in patterns):
                self.write_output(module)

    @staticmethod
    def _matches(module: Any, pattern: str) -> bool:
        if "/" in pattern or "\\" in pattern:
            return str(module.path).casefold() == pattern.casefold()
        return wildcard_regex(pattern).match(module.name) is not None

    @staticmethod
    def _spec(spec: Any) -> tuple[str, dict[str, Any]]:
        """A ModuleSpecification: its name and version bounds (ModuleVersion is the minimum)."""
        if not hasattr(spec, "items"):
            return str(spec), {}
        table = {str(key).casefold(): value for key, value in spec.items()}
        bounds = {
            "MinimumVersion": table.get("moduleversion"),
            "RequiredVersion": table.get("requiredversion"),
            "MaximumVersion": table.get("maximumversion"),
        }
        return str(table.get("modulename", "")), {key: value for key, value in bounds.items() if value}
