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
    "Get-Process": "process_cmdlets",
    "Stop-Process": "process_cmdlets",
    "Wait-Process": "process_cmdlets",
    "Start-Process": "start_process",
    "Get-PSDrive": "psdrives",
    "Get-PSProvider": "psdrives",
    "Get-ItemProperty": "item_property",
    "Get-ItemPropertyValue": "item_property",
    "Set-Item": "set_item",
    "Clear-Item": "set_item",
}


def _process_type() -> object:
    """``[System.Diagnostics.Process]``: the Process class Get-Process writes (made on first use)."""
    from ...conversion.utilities import ClassType
    from .process_info import Process

    return ClassType(Process)


def _defer_types() -> None:
    from ...conversion.typenames import defer_type

    defer_type("System.Diagnostics.Process", _process_type)  # type: ignore[arg-type]


_defer_types()
