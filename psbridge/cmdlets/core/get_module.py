"""Get-Module: psbridge's built-in modules (see :mod:`.module_info`).

psbridge's modules are built in and always loaded (Import-Module only checks a name), so the
modules Get-Module lists as imported and the ones -ListAvailable finds are the same four; an
available one is marked ``ModuleInfoGrouping`` (GetModuleCommand.GetAvailableLocallyModules) so
it prints grouped by folder with its editions.  -Name takes wildcards, -FullyQualifiedName
a name with version bounds (as Import-Module reads them), -PSEdition keeps the modules compatible
with an edition.  Another session's or a CIM server's modules are refused by parameter name.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import cmdlet_error
from ..common.semantics import wildcard_regex
from .import_module import ImportModule
from .module_info import LISTED_MODULES, module_info, module_version

__all__ = ["GetModule"]

_REMOTE = ("PSSession", "CimSession", "CimResourceUri", "CimNamespace")


@register_cmdlet
class GetModule(Cmdlet):
    name = "Get-Module"

    def end(self) -> None:
        params = self.params
        for parameter in _REMOTE:
            if params.get(parameter, None) is not None:
                self.throw_terminating_error(cmdlet_error(
                    f"Get-Module -{parameter} is not supported by psbridge: it lists the modules built into the "
                    "local session only.",
                    "NotSupported", ErrorCategory.NotImplemented, "System.NotSupportedException",
                ))  # fmt: skip
        _ = (params.All, params.Refresh, params.SkipEditionCheck)  # every module is loaded, once, for Core
        names = params.get("Name", None)
        patterns = [wildcard_regex(to_ps_string(n)) for n in (names if isinstance(names, list | tuple) else [names])]
        specs = [ImportModule._qualified(spec) for spec in params.get("FullyQualifiedName", None) or ()]
        edition = params.get("PSEdition", None)
        for module in LISTED_MODULES:
            if names is not None and not any(pattern.match(module) for pattern in patterns):
                continue
            if specs and not any(self._fits(module, spec) for spec in specs):
                continue
            info = module_info(module)
            if edition is not None and to_ps_string(edition).casefold() not in {
                e.casefold() for e in info["CompatiblePSEditions"]
            }:
                continue
            if params.ListAvailable:
                info.pstypenames.insert(0, "ModuleInfoGrouping")
            self.write_output(info)

    @staticmethod
    def _fits(module: str, spec: tuple[str, dict[str, Any]]) -> bool:
        name, bounds = spec
        return name.casefold() == module.casefold() and ImportModule._version_fits(module_version(module), bounds)
