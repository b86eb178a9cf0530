"""Microsoft.PowerShell.Management's cmdlets (specs in cmdlet_specs/Microsoft.PowerShell.Management/).

``COMMANDS`` maps each cmdlet to the module implementing it; the runtime imports a module the
first time one of its cmdlets is called.
"""

from __future__ import annotations

__all__ = ["COMMANDS"]

COMMANDS: dict[str, str] = {
    "Add-Content": "write_content",
    "Clear-Content": "write_content",
    "Convert-Path": "resolve_path",
    "Copy-Item": "copy_move",
    "Get-ChildItem": "get_item",
    "Get-Content": "get_content",
    "Get-Item": "get_item",
    "Get-Location": "location",
    "Get-Process": "get_process",
    "Get-PSDrive": "get_psdrive",
    "Join-Path": "join_path",
    "Move-Item": "copy_move",
    "New-Item": "new_item",
    "Pop-Location": "location",
    "Push-Location": "location",
    "Remove-Item": "remove_item",
    "Rename-Item": "rename_item",
    "Resolve-Path": "resolve_path",
    "Set-Content": "write_content",
    "Set-Location": "location",
    "Split-Path": "split_path",
    "Test-Path": "test_path",
}
