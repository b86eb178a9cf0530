"""Microsoft.PowerShell.Core's cmdlets (specs in cmdlet_specs/Microsoft.PowerShell.Core/).

``COMMANDS`` maps each cmdlet to the module implementing it; the runtime imports a module the
first time one of its cmdlets is called.
"""

from __future__ import annotations

from .builtin_aliases import ALIASES

__all__ = ["ALIASES", "COMMANDS", "FUNCTIONS"]

COMMANDS: dict[str, str] = {
    "Export-ModuleMember": "export_module_member",
    "ForEach-Object": "foreach_object",
    "Get-Command": "get_command",
    "Get-Help": "get_help",
    "Get-Job": "get_job",
    "Get-Module": "get_module",
    "Import-Module": "import_module",
    "Invoke-Command": "invoke_command",
    "New-Module": "new_module",
    "Out-Default": "out_host",
    "Out-Host": "out_host",
    "Out-Null": "out_null",
    "Receive-Job": "receive_job",
    "Remove-Job": "remove_job",
    "Remove-Module": "remove_module",
    "Set-StrictMode": "set_strict_mode",
    "Start-Job": "start_job",
    "Stop-Job": "stop_job",
    "Update-Help": "update_help",
    "Wait-Job": "wait_job",
    "Where-Object": "where_object",
}

#: Functions pwsh defines in every session (``help``), implemented as cmdlets; Get-Command lists them
#: as functions of no module.
FUNCTIONS: dict[str, str] = {
    "help": "get_help",
}
