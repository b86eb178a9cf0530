"""Import-Module: load a script module (a ``.psm1``, a manifest, a module folder, or a name found
in ``$env:PSModulePath``) and import its exports; psbridge's own modules are built in.

A script module runs once (its output dropped, as pwsh drops it) in a session state of its own
(module_loading.py); what it exports goes into the global scope (the calling module's, when a
module imports another; the current scope with ``-Scope Local``), filtered by
-Function/-Variable/-Alias/-Cmdlet and renamed by -Prefix.  A module already loaded is imported
again without running (``-Force`` reloads it).  ``Import-Module PSOpenAI`` (or a path to
PSOpenAI.psd1/.psm1, which need not exist) succeeds at once: its cmdlets are already there.  A
module that is found nowhere is PowerShell's Modules_ModuleNotFound error.
The remoting and CIM forms of the cmdlet are refused with their parameter named.
"""

from __future__ import annotations

import importlib
import os
import re
from typing import Any

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from .. import MODULE_PACKAGES
from ..common.errors import cmdlet_error
from .module_loading import (
    ImportOptions,
    find_module_file,
    import_members,
    load_module,
    module_not_found,
    read_manifest,
    register,
    remove_module,
    version_fits,
)

__all__ = ["ImportModule"]

#: The version of PSOpenAI whose docs and source psbridge's specs were made from (PSOpenAI.psd1).
PSOPENAI_VERSION = "4.49.0"
#: PowerShell 7.6's own modules report PowerShell's version.
POWERSHELL_VERSION = "7.6.0"
_MODULE_EXTENSIONS = (".psd1", ".psm1", ".dll")
#: Parameters of forms psbridge cannot take: another session, CIM, Windows PowerShell, an assembly.
_REFUSED = ("PSSession", "CimSession", "CimResourceUri", "CimNamespace", "UseWindowsPowerShell", "Assembly")


def built_in_module(name: str) -> str | None:
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


def built_in_info(module: str) -> Any:
    """The PSModuleInfo of a built-in module (its cmdlets are its exported commands)."""
    from ...conversion.version import Version
    from ...language.engine.modules import PSModuleInfo

    version = PSOPENAI_VERSION if module == "PSOpenAI" else POWERSHELL_VERSION
    package = importlib.import_module(f"psbridge.cmdlets.{MODULE_PACKAGES[module]}")
    info = PSModuleInfo(module, "", "Manifest" if module == "PSOpenAI" else "Binary", Version.parse(version))
    info.cmdlets = sorted(package.COMMANDS)
    return info


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

    def process(self) -> None:
        p = self.params
        requests: list[tuple[str, dict[str, Any]]] = []
        for name in p.get("Name", None) or ():
            requests.append((str(name), {}))
        for spec in p.get("FullyQualifiedName", None) or ():
            requests.append(self._qualified(spec))
        for info in p.get("ModuleInfo", None) or ():
            if getattr(info, "scope", None) is not None:
                self._import_loaded(info)  # a dynamic module (New-Module) or one already loaded
                continue
            requests.append((str(getattr(info, "Path", "") or getattr(info, "Name", info)), {}))
        bounds = {
            "RequiredVersion": p.get("RequiredVersion", None),
            "MinimumVersion": p.get("MinimumVersion", None),
            "MaximumVersion": p.get("MaximumVersion", None),
        }
        for name, qualified in requests:
            self._import(name, {key: value for key, value in {**bounds, **qualified}.items() if value})

    def _import(self, name: str, bounds: dict[str, Any]) -> None:
        from ...language.engine.context import context_of

        p = self.params
        context = context_of(self.runspace)
        module = built_in_module(name)
        if module is not None:
            if p.get("Prefix", None):
                self.throw_terminating_error(
                    cmdlet_error(
                        "Import-Module -Prefix is not supported by psbridge: built-in commands keep their own names.",
                        "NotSupported",
                        ErrorCategory.NotImplemented,
                        "System.NotSupportedException",
                    )
                )
            info = built_in_info(module)
            if not version_fits(info.version, bounds):
                self.write_error(module_not_found(name), target_object=name)
                return
            register(context, context.module_table.get(module.casefold(), info))
            if p.get("PassThru", False):
                self.write_output(info)
            return
        version = bounds.get("RequiredVersion") or bounds.get("MinimumVersion")
        path = find_module_file(name, self.runspace.location.path, bounds)
        if path is None:
            self.write_error(module_not_found(name, version), target_object=name)
            return
        if bounds and path.casefold().endswith(".psd1") and not version_fits(self._manifest_version(path), bounds):
            self.write_error(module_not_found(name, version), target_object=name)
            return
        options = self._options(context)
        loaded = context.module_table.get(path.casefold())
        if loaded is not None and p.get("Force", False):
            remove_module(self, loaded)
            loaded = None
        if loaded is None:
            loaded = load_module(self, path, options)
            register(context, loaded)
        import_members(self, loaded, options)
        if p.get("PassThru", False):
            self.write_output(loaded)

    def _import_loaded(self, module: Any) -> None:
        from ...language.engine.context import context_of

        context = context_of(self.runspace)
        register(context, module)
        import_members(self, module, self._options(context))
        if self.params.get("PassThru", False):
            self.write_output(module)

    def _manifest_version(self, path: str) -> str:
        from ...language.engine.context import context_of
        from .module_loading import manifest_value

        try:
            return str(manifest_value(read_manifest(path, context_of(self.runspace)), "ModuleVersion") or "0.0")
        except Exception:
            return "0.0"

    def _options(self, context: Any) -> ImportOptions:
        """Where the exports go (-Global, -Scope, else the importing module's scope or the global
        one) and which of them (-Function/-Variable/-Alias/-Cmdlet, -Prefix)."""
        from ...language.engine.modules import module_of_scope

        p = self.params
        current = self.runspace.current_scope
        scope_name = str(p.get("Scope", "") or "").casefold()
        local = scope_name == "local"
        if p.get("Global", False) or scope_name == "global":
            target = context.global_scope
        elif local:
            target = current
        else:
            importer = module_of_scope(current)
            target = importer.scope if importer is not None and importer.scope is not None else context.global_scope

        def patterns(value: Any) -> list[str] | None:
            if value is None:
                return None
            return [str(item) for item in (value if isinstance(value, list | tuple) else [value])]

        given = p.get("ArgumentList", None)
        arguments = list(given) if isinstance(given, list | tuple) else ([] if given is None else [given])
        return ImportOptions(
            functions=patterns(p.get("Function", None)),
            variables=patterns(p.get("Variable", None)),
            aliases=patterns(p.get("Alias", None)),
            cmdlets=patterns(p.get("Cmdlet", None)),
            prefix=str(p.get("Prefix", "") or ""),
            arguments=arguments,
            force=bool(p.get("Force", False)),
            no_clobber=bool(p.get("NoClobber", False)),
            local=local,
            target=target,
            output=None,  # a script module's output is collected and dropped (CreateModuleImplementation)
        )

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
