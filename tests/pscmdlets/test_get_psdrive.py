"""Get-PSDrive, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Management/Get-PSDrive.Tests.ps1) and GetPSDriveCommand."""

from __future__ import annotations

import os
import tempfile

import psbridge
from psbridge.cli.formatting import format_output


def test_every_drive_has_a_name_and_the_file_system_ones_a_root() -> None:
    # Get-PSDrive.Tests.ps1:5-26: output, names, gdr gives the same
    names = psbridge.run("Get-PSDrive | ForEach-Object Name")
    assert names == ["/", "Alias", "Env", "Function", "Temp", "Variable"]
    assert psbridge.run("gdr | ForEach-Object Name") == names
    assert all(len(root) >= 1 for root in psbridge.run("(Get-PSDrive -PSProvider FileSystem).Root"))


def test_drive_info() -> None:
    # Get-PSDrive.Tests.ps1:28-40 and 51-66: names, the provider's name, space, the Temp drive
    script = """
        (Get-PSDrive Env).Name; (Get-PSDrive Alias).Name; (Get-PSDrive /).Provider.Name
        "$((Get-PSDrive /).Provider)"
        (Get-PSDrive /).Free -ge 0; (Get-PSDrive /).Used -ge 0
        (Get-PSDrive Temp).Root
    """
    assert psbridge.run(script) == [
        "Env", "Alias", "FileSystem", "Microsoft.PowerShell.Core\\FileSystem", True, True,
        os.path.join(tempfile.gettempdir(), ""),
    ]  # fmt: skip


def test_a_missing_drive_is_an_error_a_missing_pattern_is_not() -> None:
    # Get-PSDrive.Tests.ps1:47-50; GetPSDriveCommand: GetDriveNoMatchingDrive for a name without wildcards
    script = """
        !(Get-PSDrive fake -ErrorAction SilentlyContinue)
        try { Get-PSDrive fake -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
        (Get-PSDrive fak* | Measure-Object).Count
    """
    assert psbridge.run(script) == [True, "GetDriveNoMatchingDrive,Microsoft.PowerShell.Commands.GetPSDriveCommand", 0]


def test_roots_join_with_a_child_path() -> None:
    # Join-Path's doc, example 6
    script = "Get-PSDrive -PSProvider filesystem | ForEach-Object {$_.root} | Join-Path -ChildPath 'Subfolder'"
    assert psbridge.run(script) == ["/Subfolder", os.path.join(tempfile.gettempdir(), "Subfolder")]


def test_the_drive_table() -> None:
    lines = format_output(psbridge.run("Get-PSDrive"), 120).splitlines()
    assert lines[1].split() == ["Name", "Used", "(GB)", "Free", "(GB)", "Provider", "Root", "CurrentLocation"]
    env = next(line for line in lines if line.startswith("Env "))
    assert env.split() == ["Env", "Environment"]
