"""The Env: drive (and Test-Path on Variable:, Function:, Alias:), from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Management/*.Tests.ps1) and the Environment provider.
"""

from __future__ import annotations

import os

import pytest

import psbridge


@pytest.fixture(autouse=True)
def _clean_environment():
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


def test_test_path_on_session_state_drives() -> None:
    # Test-Path.Tests.ps1:199-202: components other than file-system objects
    assert psbridge.run("Test-Path Alias:\\gci; Test-Path Env:\\PATH") == [True, True]
    os.environ["PSBRIDGE_SET"] = "1"
    script = """
        Test-Path Env:PSBRIDGE_SET; Test-Path env:PSBRIDGE_NOT_SET; Test-Path Env:; Test-Path Env:PSBRIDGE_S*
        Test-Path Env:PSBRIDGE_SET -PathType Container; Test-Path Env: -PathType Container
        Test-Path Variable:PID; Test-Path Variable:psbridge_none; Test-Path Function:help; Test-Path Alias:nope
        function Get-Thing {}; Test-Path Function:Get-Thing
    """
    assert psbridge.run(script) == [True, False, True, True, False, True, True, False, True, False, True]


def test_get_item_is_case_sensitive_on_linux() -> None:
    # Get-Item.Tests.ps1:160-184: two variables differing in case; each by its own name
    script = "$env:testvar = 'b'; $env:testVar = 'a'; (Get-Item env:\\testVar).Value; (Get-Item env:\\testvar).Value"
    assert psbridge.run(script) == ["a", "b"]
    (item,) = psbridge.run("Get-Item Env:testVar")
    assert item.pstypenames[0] == "System.Collections.DictionaryEntry"
    assert (item.Name, item.Key, item.PSPath) == (
        "testVar",
        "testVar",
        "Microsoft.PowerShell.Core\\Environment::testVar",
    )


def test_get_child_item_lists_every_variable_sorted() -> None:
    # Get-ChildItem.Tests.ps1:260-276: mixed case gives two items on Linux
    script = "$env:__FOODBAR = 'food'; $env:__foodbar = 'bar'; (Get-ChildItem env: | Where Name -eq '__foodbar').Count"
    assert psbridge.run(script) == [2]
    names = psbridge.run("Get-ChildItem Env: | ForEach-Object Name")
    assert names == sorted(names, key=lambda name: (name.casefold(), name)) and "PATH" in names


def test_get_content_and_remove_item() -> None:
    os.environ["PSBRIDGE_TOKEN"] = "secret"
    script = """
        Get-Content Env:PSBRIDGE_TOKEN
        Remove-Item Env:PSBRIDGE_TOKEN
        Test-Path Env:PSBRIDGE_TOKEN
        try { Get-Item Env:PSBRIDGE_TOKEN -ErrorAction Stop } catch { $_.FullyQualifiedErrorId; $_.Exception.Message }
    """
    assert psbridge.run(script) == [
        "secret",
        False,
        "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand",
        "Cannot find path 'Env:\\PSBRIDGE_TOKEN' because it does not exist.",
    ]
    assert "PSBRIDGE_TOKEN" not in os.environ
