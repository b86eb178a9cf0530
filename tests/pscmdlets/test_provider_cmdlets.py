"""Get-PSDrive, Get-PSProvider, Get-ItemProperty, Get-ItemPropertyValue, Set-Item and Clear-Item, from
PowerShell's Pester tests (test/powershell/Modules/Microsoft.PowerShell.Management/Get-PSDrive.Tests.ps1,
Get-PSProvider.Tests.ps1, Get-ItemProperty.Tests.ps1, Set-Item.Tests.ps1, Clear-Item.Tests.ps1),
run against real files and the process environment."""

from __future__ import annotations

import os
import tempfile

import pytest

from psbridge.cmdlets.management.psdrives import ProviderInfo
from tests.language.evaluator_helpers import Session

SET = "{},Microsoft.PowerShell.Commands.SetItemCommand"


def run(text: str, **variables):
    session = Session()
    return session.run(text, **variables), session.error_ids


# -- Get-PSDrive / Get-PSProvider -----------------------------------------------------------------


def test_drives() -> None:
    # Get-PSDrive.Tests.ps1:4-48
    output, ids = run("(Get-PSDrive).Name; (gdr).Count; (Get-PSDrive Env).Name; (Get-PSDrive /).Provider.Name")
    assert ids == []
    assert output[:6] == ["/", "Alias", "Env", "Function", "Temp", "Variable"]
    assert output[6:] == [6, "Env", "FileSystem"]
    output, _ = run(
        "(Get-PSDrive -PSProvider FileSystem).Name; (Get-PSDrive Temp).Root\n"
        "$t = Get-PSDrive Temp; $t.Free -ge 0; $t.Used -ge 0"
    )
    assert output == ["/", "Temp", tempfile.gettempdir().rstrip("/") + "/", True, True]
    output, ids = run("Get-PSDrive fake -ErrorAction SilentlyContinue; Get-PSDrive fake")
    assert output == [] and ids == ["GetLocationNoMatchingDrive,Microsoft.PowerShell.Commands.GetPSDriveCommand"]
    assert run("Get-PSDrive fa*")[1] == []
    assert run(
        "(Get-PSDrive -LiteralName Temp).Name; Get-PSDrive -Scope Global | Measure-Object | ForEach-Object Count"
    )[0] == ["Temp", 6]


def test_the_drive_table() -> None:
    # PowerShellCore.format.ps1xml's "drive" table; the location is the temporary directory, so
    # the / drive's CurrentLocation is its path without the leading slash
    temp = tempfile.gettempdir()
    (text,) = run("Set-Location $d; Get-PSDrive | Out-String", d=temp)[0]
    lines = text.strip("\n").split("\n")
    assert lines[0].startswith("Name           Used (GB)     Free (GB) Provider      Root                ")
    assert lines[0].endswith("CurrentLocation")
    assert lines[2].startswith("/   ") and lines[2].endswith(" " + temp.lstrip("/"))
    assert " FileSystem    /   " in lines[2]
    assert lines[3] == "Alias                                  Alias"
    assert lines[4] == "Env                                    Environment"


def test_providers() -> None:
    # Get-PSProvider.Tests.ps1:4-48
    output, ids = run(
        "$p = Get-PSProvider FileSystem; $p.Name; $p.Capabilities; $p.ItemSeparator; $p.AltItemSeparator\n"
        "(Get-PSProvider File*m).Name"
    )
    assert (output, ids) == (["FileSystem", "Filter, ShouldProcess, Credentials", "/", "\\", "FileSystem"], [])
    output, _ = run('(Get-PSProvider).Name; "$(Get-PSProvider Environment)"')
    assert output == [
        "Alias",
        "Environment",
        "FileSystem",
        "Function",
        "Variable",
        "Microsoft.PowerShell.Core\\Environment",
    ]
    assert run("Get-PSProvider Nope")[1] == ["ProviderNotFound,Microsoft.PowerShell.Commands.GetPSProviderCommand"]
    (text,) = run("Get-PSProvider | Out-String")[0]
    assert "FileSystem           Filter, ShouldProcess, Credentials {/, Temp}" in text
    assert isinstance(run("(Get-PSDrive Env).Provider")[0][0], ProviderInfo)


# -- Get-ItemProperty / Get-ItemPropertyValue -----------------------------------------------------


def test_item_property_of_files_and_directories(tmp_path) -> None:
    # Get-ItemProperty.Tests.ps1:13-53
    (tmp_path / "file.txt").write_text("12345")
    output, ids = run("(Get-ItemProperty $d).Name; (gp $d/file.txt).Length", d=str(tmp_path))
    assert (output, ids) == ([tmp_path.name, 5], [])
    (result,) = run("Get-ItemProperty -Path $f -Name fullname", f=str(tmp_path / "file.txt"))[0]
    assert result.property_names == ["fullname", "PSPath", "PSParentPath", "PSChildName", "PSDrive", "PSProvider"]
    assert result.fullname == str(tmp_path / "file.txt") and result.PSPath.endswith("::" + str(tmp_path / "file.txt"))
    assert result.PSDrive == "/" and result.PSProvider.Name == "FileSystem"
    output, ids = run("Get-ItemProperty $f -Name Length, Nope", f=str(tmp_path / "file.txt"))
    assert output[0].Length == 5
    assert ids == ["GetValueError,Microsoft.PowerShell.Commands.GetItemPropertyCommand"]


def test_item_property_value(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("1")
    (tmp_path / "b.log").write_text("22")
    output, ids = run(
        "Get-ItemPropertyValue $d/a.txt -Name Length, Extension; gpv $d/* -Name Length -Exclude *.txt", d=str(tmp_path)
    )
    assert (output, ids) == ([1, ".txt", 2], [])
    output, _ = run("Set-Location $d; Get-ItemPropertyValue -Name Name", d=str(tmp_path))
    assert output == [tmp_path.name]
    assert run("Get-ItemPropertyValue $d/none -Name Length", d=str(tmp_path))[1] == [
        "PathNotFound,Microsoft.PowerShell.Commands.GetItemPropertyValueCommand"
    ]
    assert run("Get-ItemProperty env:PATH")[1] == ["NotSupported,Microsoft.PowerShell.Commands.GetItemPropertyCommand"]


# -- Set-Item / Clear-Item ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "check"),
    [
        ("variable:SetItemTestCase", "'TestData'", "$SetItemTestCase"),
        ("alias:SetItemTestCase", "'Get-Alias'", "(Get-Alias SetItemTestCase).Definition"),
        ("function:SetItemTestCase", "{ 1 }", "SetItemTestCase"),
        ("env:SetItemTestCase", "{ 1 }", "$env:SetItemTestCase"),
    ],
)
def test_set_item_on_each_session_drive(path: str, value: str, check: str) -> None:
    # Set-Item.Tests.ps1:4-20
    try:
        output, ids = run(f"Set-Item -Path {path} -Value {value}; {check}")
        assert ids == []
        assert output == [
            {"variable": "TestData", "alias": "Get-Alias", "function": 1, "env": " 1 "}[path.split(":")[0]]
        ]
    finally:
        os.environ.pop("SetItemTestCase", None)


def test_clear_item_and_pass_thru() -> None:
    # Clear-Item.Tests.ps1:4-12
    output, ids = run(
        "${myClearItemVariableTest} = 'Value is here'\n"
        "Clear-Item -Path variable:myClearItemVariableTest\n"
        "(Get-Variable myClearItemVariableTest).Name; $null -eq $myClearItemVariableTest"
    )
    assert (output, ids) == (["myClearItemVariableTest", True], [])  # the variable stays, its value is $null
    try:
        output, ids = run(
            "Set-Item env:PSBRIDGE_SI 'one' -PassThru | ForEach-Object Value\n"
            "Clear-Item Env:\\PSBRIDGE_SI; $null -eq $env:PSBRIDGE_SI\n"
            "(Set-Item variable:v 5 -PassThru).GetType().Name\n"
            "function f { 'f' }; Clear-Item function:f; (Get-Command f -ErrorAction SilentlyContinue) -eq $null\n"
            "Set-Item alias:zz Get-Date; Clear-Item alias:zz; (Get-Alias zz -ErrorAction SilentlyContinue) -eq $null"
        )
        assert (output, ids) == (["one", True, "PSVariable", True, True], [])
    finally:
        os.environ.pop("PSBRIDGE_SI", None)


def test_wildcards_what_if_read_only_and_errors(tmp_path) -> None:
    output, ids = run("$a1 = 1; $a2 = 2; Set-Item variable:a? 9; $a1; $a2; Set-Item variable:a1 0 -WhatIf; $a1")
    assert (output, ids) == ([9, 9, 9], [])
    output, ids = run("New-Variable r 1 -Option ReadOnly; Set-Item variable:r 2; $r; Set-Item variable:r 3 -Force; $r")
    assert (output, ids) == ([1, 3], [SET.format("VariableNotWritable")])
    (tmp_path / "f.txt").write_text("x")
    assert run("Set-Item $f 1", f=str(tmp_path / "f.txt"))[1] == [SET.format("NotSupported")]
    assert run("Set-Item nosuchdrive:x 1")[1] == [SET.format("DriveNotFound")]
    assert run("Clear-Item $f", f=str(tmp_path / "f.txt"))[1] == [
        "NotSupported,Microsoft.PowerShell.Commands.ClearItemCommand"
    ]
    assert run("Set-Item variable:x 1 -Type String")[1] == [SET.format("NamedParameterNotFound")]
