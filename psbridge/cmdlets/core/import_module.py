"""Import-Module: psbridge's modules are built in, so importing one is a check, not a load.

Ported scripts start with ``Import-Module PSOpenAI`` (or a path to PSOpenAI.psd1/.psm1); that
must succeed, because the cmdlets are already there.  Any other module cannot be loaded
(psbridge runs no module's script code of its own), so it is PowerShell's
Modules_ModuleNotFound error naming it: never a silent success that fails later at the first
command of that module.  The remoting and CIM forms of the cmdlet are refused with their
parameter named.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from .. import MODULE_PACKAGES
from ..common.errors import CmdletError, cmdlet_error
from .module_info import module_info, module_version

__all__ = ["ImportModule"]

_MODULE_EXTENSIONS = (".psd1", ".psm1", ".dll")
#: Parameters of forms psbridge cannot take: another session, CIM, Windows PowerShell, an assembly.
_REFUSED = ("PSSession", "CimSession", "CimResourceUri", "CimNamespace", "UseWindowsPowerShell", "Assembly")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in str(text).split(".") if part.isdigit())


def module_not_found(name: str) -> CmdletError:
    return cmdlet_error(
        f"The specified module '{name}' was not loaded because no valid module file was found in any module directory.",
        "Modules_ModuleNotFound",
        ErrorCategory.ResourceUnavailable,
        "System.IO.FileNotFoundException",
        target_object=name,
    )


@register_cmdlet
class ImportModule(Cmdlet):
    name = "Import-Module"

    def begin(self) -> None:
        p = self.params
        for parameter in _REFUSED:
            if p.is_bound(parameter):
                self.throw_terminating_error(
                    cmdlet_error(
                        f"Import-Module -{parameter} is not supported by psbridge: its modules are built in and "
                        "load into the local session only.",
                        "NotSupported",
                        ErrorCategory.NotImplemented,
                        "System.NotSupportedException",
                    )
                )
        if p.get("Prefix", None):
            self.throw_terminating_error(
                cmdlet_error(
                    "Import-Module -Prefix is not supported by psbridge: built-in commands keep their own names.",
                    "NotSupported",
                    ErrorCategory.NotImplemented,
                    "System.NotSupportedException",
                )
            )

    def process(self) -> None:
        p = self.params
        requests: list[tuple[str, dict[str, Any]]] = []
        for name in p.get("Name", None) or ():
            requests.append((str(name), {}))
        for spec in p.get("FullyQualifiedName", None) or ():
            requests.append(self._qualified(spec))
        for info in p.get("ModuleInfo", None) or ():
            requests.append((str(getattr(info, "Name", info)), {}))
        bounds = {
            "RequiredVersion": p.get("RequiredVersion", None),
            "MinimumVersion": p.get("MinimumVersion", None),
            "MaximumVersion": p.get("MaximumVersion", None),
        }
        for name, qualified in requests:
            module = self._built_in(name)
            if module is None:
                self.write_error(module_not_found(name), target_object=name)
                continue
            if not self._version_fits(module_version(module), {**bounds, **qualified}):
                self.write_error(module_not_found(name), target_object=name)
                continue
            if p.get("PassThru", False):
                self.write_output(module_info(module))

    @staticmethod
    def _qualified(spec: Any) -> tuple[str, dict[str, Any]]:
        """A ModuleSpecification (``@{ModuleName=...; ModuleVersion=...}``) or a plain name."""
        if isinstance(spec, str) or not hasattr(spec, "get"):
            return str(spec), {}
        lowered = {str(key).casefold(): value for key, value in spec.items()}
        bounds = {
            "MinimumVersion": lowered.get("moduleversion"),
            "RequiredVersion": lowered.get("requiredversion"),
            "MaximumVersion": lowered.get("maximumversion"),
        }
        return str(lowered.get("modulename", "")), {key: value for key, value in bounds.items() if value}

    @staticmethod
    def _built_in(name: str) -> str | None:
        """The built-in module ``name`` denotes: its name, or a path whose folder or file is named
        after it.  The path need not exist: a ported script names where PSOpenAI was installed on
        its author's machine, and psbridge loads nothing from it anyway."""
        for module in MODULE_PACKAGES:
            if name.casefold() == module.casefold():
                return module
        leaf = re.split(r"[\\/]", name.rstrip("/\\"))[-1]
        stem, extension = os.path.splitext(leaf)
        if extension.casefold() in _MODULE_EXTENSIONS:
            leaf = stem
        elif leaf == name:
            return None  # a bare name that is no built-in module
        for module in MODULE_PACKAGES:
            if leaf.casefold() == module.casefold():
                return module
        return None

    @staticmethod
    def _version_fits(version: str, bounds: dict[str, Any]) -> bool:
        have = _version(version)
        required, minimum, maximum = (
            bounds.get(key) for key in ("RequiredVersion", "MinimumVersion", "MaximumVersion")
        )
        if required and _version(required) != have[: len(_version(required))]:
            return False
        if minimum and have < _version(minimum):
            return False
        return not (maximum and have > _version(str(maximum).replace("*", "999999")))
