"""Get-Module over psbridge's built-in modules, and what it hands to Import-Module.

Pester's Get-Module.Tests.ps1 builds modules on disk, which psbridge does not load; these
follow GetModuleCommand.cs (-ListAvailable marks each module ModuleInfoGrouping, :476), the
modules' manifests (src/Modules/Unix/*.psd1, PSOpenAI.psd1) and PowerShellCore.format.ps1xml's
module tables.  The Core doc examples they make run: ForEach-Object 6, Import-Module 2 and 7,
Update-Help 6, Where-Object 6.
"""

from __future__ import annotations

import psbridge
from psbridge.cli.formatting import format_output

MODULES = [
    "Microsoft.PowerShell.Management", "Microsoft.PowerShell.Security", "Microsoft.PowerShell.Utility", "PSOpenAI"
]  # fmt: skip


def test_loaded_and_available_modules() -> None:
    assert psbridge.run("Get-Module | ForEach-Object Name") == MODULES
    assert psbridge.run("Get-Module -ListAvailable | foreach Name") == MODULES
    (utility,) = psbridge.run("Get-Module Microsoft.PowerShell.Util*")
    assert utility.Version == "7.0.0.0" and utility.ModuleType == "Manifest"
    assert utility.HelpInfoUri == "https://aka.ms/powershell75-help" and utility.CompatiblePSEditions == ["Core"]
    assert "Select-Object" in utility.ExportedCommands
    assert utility.Path.endswith("__init__.py") and utility.Path.startswith(utility.ModuleBase)
    (psopenai,) = psbridge.run("Get-Module -ListAvailable PSOpenAI")
    assert psopenai.ModuleType == "Script" and psopenai.Version == "4.49.0"  # RootModule PSOpenAI.psm1
    assert psopenai.pstypenames[0] == "ModuleInfoGrouping"
    assert psbridge.run('"$(Get-Module PSOpenAI)"') == ["PSOpenAI"]  # PSModuleInfo.ToString(): its name


def test_filters() -> None:
    script = """
        Get-Module -ListAvailable | Where-Object -Property HelpInfoUri | ForEach-Object Name
        (Get-Module -FullyQualifiedName @{ModuleName = 'PSOpenAI'; ModuleVersion = '5.0'}).Count
        (Get-Module -FullyQualifiedName @{ModuleName = 'PSOpenAI'; ModuleVersion = '4.0'}).Name
        Get-Module -ListAvailable -PSEdition Desktop | ForEach-Object Name
        (Get-Module NoSuchModule).Count
    """
    assert psbridge.run(script) == [*MODULES[:3], 0, "PSOpenAI", "PSOpenAI", 0]


def test_piped_modules_bind_to_import_module_by_value() -> None:
    # Import-Module's doc, example 2: a PSModuleInfo binds -ModuleInfo without coercion (not -Assembly
    # or -FullyQualifiedName); a name still binds -Name, a hashtable -FullyQualifiedName
    script = """
        Get-Module -ListAvailable | Import-Module -PassThru | ForEach-Object Name
        'PSOpenAI' | Import-Module -PassThru | ForEach-Object Name
        (Import-Module -FullyQualifiedName @{ModuleName = 'PSOpenAI'; ModuleVersion = '4.0'} -PassThru).Name
    """
    assert psbridge.run(script) == [*MODULES, "PSOpenAI", "PSOpenAI"]


def test_remote_sources_are_refused() -> None:
    script = "try { Get-Module -ListAvailable -CimSession x } catch { $_.FullyQualifiedErrorId }"
    assert psbridge.run(script) == ["NotSupported,Microsoft.PowerShell.Commands.GetModuleCommand"]


def test_module_tables() -> None:
    lines = format_output(psbridge.run("Get-Module PSOpenAI"), 120).splitlines()
    assert lines[1].split() == ["ModuleType", "Version", "PreRelease", "Name", "ExportedCommands"]
    assert lines[3].startswith("Script     4.49.0                PSOpenAI ")
    lines = format_output(psbridge.run("Get-Module -ListAvailable"), 120).splitlines()
    assert lines[1].startswith("    Directory: ") and lines[1].endswith("cmdlets")
    assert lines[3].split() == ["ModuleType", "Version", "PreRelease", "Name", "PSEdition", "ExportedCommands"]
    assert "Core,Desk" in lines[8]  # PSOpenAI.psd1: CompatiblePSEditions 'Core', 'Desktop'
