"""Microsoft.PowerShell.Utility's cmdlets (specs in cmdlet_specs/Microsoft.PowerShell.Utility/).

``COMMANDS`` maps each cmdlet to the module implementing it; the runtime imports a module the
first time one of its cmdlets is called.
"""

from __future__ import annotations

__all__ = ["COMMANDS"]

COMMANDS: dict[str, str] = {
    "Add-Member": "add_member",
    "Compare-Object": "compare_object",
    "Get-Member": "get_member",
    "Get-Unique": "get_unique",
    "Join-String": "join_string",
    "New-Object": "new_object",
    "Select-String": "select_string",
    "Tee-Object": "tee_object",
    "Test-Json": "json_validation",
    "Clear-Variable": "variable_cmdlets",
    "ConvertFrom-Csv": "csv_cmdlets",
    "ConvertTo-Csv": "csv_cmdlets",
    "Export-Csv": "csv_cmdlets",
    "Import-Csv": "csv_cmdlets",
    "ConvertFrom-Json": "convert_json",
    "ConvertTo-Json": "convert_json",
    "Format-List": "format_views",
    "Get-Date": "get_date",
    "Get-Random": "get_random",
    "Group-Object": "group_object",
    "Format-Table": "format_views",
    "Format-Wide": "format_views",
    "Get-Alias": "alias_cmdlets",
    "Get-Variable": "variable_cmdlets",
    "Invoke-Expression": "invoke_expression",
    "Invoke-RestMethod": "web_cmdlets",
    "Invoke-WebRequest": "web_cmdlets",
    "Get-FileHash": "get_file_hash",
    "Measure-Command": "measure_command",
    "Measure-Object": "measure_object",
    "New-Alias": "alias_cmdlets",
    "New-Variable": "variable_cmdlets",
    "New-Guid": "new_guid",
    "New-TimeSpan": "new_timespan",
    "Out-File": "out_file",
    "Out-String": "out_string",
    "Read-Host": "read_host",
    "Remove-Alias": "alias_cmdlets",
    "Remove-Variable": "variable_cmdlets",
    "Select-Object": "select_object",
    "Set-Alias": "alias_cmdlets",
    "Set-Variable": "variable_cmdlets",
    "Sort-Object": "sort_object",
    "Start-Sleep": "start_sleep",
    "Write-Debug": "write_streams",
    "Write-Error": "write_error",
    "Write-Host": "write_host",
    "Write-Information": "write_streams",
    "Write-Output": "write_output",
    "Write-Progress": "write_streams",
    "Write-Verbose": "write_streams",
    "Write-Warning": "write_streams",
}
