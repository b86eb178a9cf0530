"""PSModuleInfo objects for psbridge's built-in modules (what Get-Module and Import-Module -PassThru write).

The facts are the modules' own manifests: PowerShell's modules (src/Modules/Unix/*.psd1) are
manifests at version 7.0.0.0 for the Core edition with pwsh's help URI; PSOpenAI's manifest
(PSOpenAI.psd1) is a script module at the version psbridge's specs were made from.  psbridge has
no module files: a module's Path is the Python package that implements it, its ModuleBase that
package's folder.  Microsoft.PowerShell.Core is a snap-in, not a module (Get-Module never lists it).
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from ...objects import Hashtable, PSObject, register_to_string_property
from .. import MODULE_PACKAGES

__all__ = ["LISTED_MODULES", "POWERSHELL_MODULE_VERSION", "PSOPENAI_VERSION", "module_info", "module_version"]

#: The version of PSOpenAI whose docs and source psbridge's specs were made from (PSOpenAI.psd1).
PSOPENAI_VERSION = "4.49.0"
#: PowerShell's own modules' ModuleVersion (Microsoft.PowerShell.*.psd1).
POWERSHELL_MODULE_VERSION = "7.0.0.0"
#: The modules Get-Module lists, by name (the Core snap-in is not one).
#: (Microsoft.PowerShell.ThreadJob, which pwsh ships apart and loads on first use, is not listed:
#: its manifest's facts are not recorded here.)
_NOT_LISTED = ("Microsoft.PowerShell.Core", "Microsoft.PowerShell.ThreadJob")
LISTED_MODULES = tuple(sorted(name for name in MODULE_PACKAGES if name not in _NOT_LISTED))

#: PSModuleInfo.ToString(): the module's name.
register_to_string_property("System.Management.Automation.PSModuleInfo", "Name")

_POWERSHELL_HELP = "https://aka.ms/powershell75-help"
_MANIFESTS: dict[str, dict[str, Any]] = {
    "PSOpenAI": {
        "Guid": "7d4a9fbc-6142-49a9-b46f-dae89a60ee2b", "Author": "mkht", "CompanyName": "",
        "Copyright": "(c) 2025 mkht. All rights reserved.", "Description": "PowerShell module for OpenAI API",
        "ModuleType": "Script", "CompatiblePSEditions": ["Core", "Desktop"], "PowerShellVersion": "5.1",
        "HelpInfoUri": None, "ProjectUri": "https://github.com/mkht/PSOpenAI",
        "LicenseUri": "https://github.com/mkht/PSOpenAI/blob/main/LICENSE", "RootModule": "PSOpenAI.psm1",
    },
    "Microsoft.PowerShell.Management": {"Guid": "EEFCB906-B326-4E99-9F54-8B4BB6EF3C6D"},
    "Microsoft.PowerShell.Security": {"Guid": "A94C8C7E-9810-47C0-B8AF-65089C13A35A"},
    "Microsoft.PowerShell.Utility": {"Guid": "1DA87E53-152B-403E-98DC-74D7B4D63D59"},
}  # fmt: skip
_POWERSHELL_MANIFEST = {
    "Author": "PowerShell", "CompanyName": "Microsoft Corporation", "Copyright": "Copyright (c) Microsoft Corporation.",
    "Description": None, "ModuleType": "Manifest", "CompatiblePSEditions": ["Core"], "PowerShellVersion": "3.0",
    "HelpInfoUri": _POWERSHELL_HELP, "ProjectUri": None, "LicenseUri": None, "RootModule": "",
}  # fmt: skip


def module_version(module: str) -> str:
    return PSOPENAI_VERSION if module == "PSOpenAI" else POWERSHELL_MODULE_VERSION


def module_info(module: str) -> PSObject:
    """The PSModuleInfo of a built-in module (its name as MODULE_PACKAGES spells it)."""
    package = importlib.import_module(f"psbridge.cmdlets.{MODULE_PACKAGES[module]}")
    manifest = {**_POWERSHELL_MANIFEST, **_MANIFESTS.get(module, {})}
    commands = sorted(package.COMMANDS)
    path = str(package.__file__)
    info = PSObject([
        ("Name", module), ("Path", path), ("Description", manifest["Description"]), ("Guid", manifest.get("Guid")),
        ("HelpInfoUri", manifest["HelpInfoUri"]), ("ModuleBase", os.path.dirname(path)),
        ("ProjectUri", manifest["ProjectUri"]), ("LicenseUri", manifest["LicenseUri"]),
        ("Version", module_version(module)), ("ModuleType", manifest["ModuleType"]), ("Author", manifest["Author"]),
        ("CompanyName", manifest["CompanyName"]), ("Copyright", manifest["Copyright"]),
        ("ExportedFunctions", Hashtable()), ("ExportedCmdlets", Hashtable((name, name) for name in commands)),
        ("ExportedCommands", Hashtable((name, name) for name in commands)),
        ("CompatiblePSEditions", list(manifest["CompatiblePSEditions"])),
        ("PowerShellVersion", manifest["PowerShellVersion"]), ("RootModule", manifest["RootModule"]),
        ("ExportedVariables", Hashtable()), ("ExportedAliases", Hashtable()),
    ])  # fmt: skip
    info.pstypenames.insert(0, "System.Management.Automation.PSModuleInfo")
    return info
