"""``$PROFILE``: the profile paths pwsh's console host sets (even with -NoProfile).

HostUtilities.GetDollarProfile makes a string, the current user's profile for this host, carrying
the four paths as note properties; the user's folder follows XDG (Platform.SelectProductNameForDirectory).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import psbridge


def test_profile_is_the_current_users_host_profile_with_all_four_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    user = tmp_path / "powershell"
    script = "$PROFILE; $PROFILE | Get-Member -MemberType NoteProperty | ForEach-Object { $PROFILE.($_.Name) }"
    assert psbridge.run(script) == [
        str(user / "Microsoft.PowerShell_profile.ps1"),
        os.path.join(sys.prefix, "profile.ps1"),  # AllUsersAllHosts: $PSHOME's
        os.path.join(sys.prefix, "Microsoft.PowerShell_profile.ps1"),
        str(user / "profile.ps1"),
        str(user / "Microsoft.PowerShell_profile.ps1"),
    ]
    assert psbridge.run("$PROFILE.GetType().FullName; $PROFILE.Length") == [
        "System.String", len(str(user / "Microsoft.PowerShell_profile.ps1"))
    ]


def test_profile_without_xdg_is_under_dot_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    expected = os.path.join(os.path.expanduser("~"), ".config", "powershell", "profile.ps1")
    assert psbridge.run("$PROFILE.CurrentUserAllHosts") == [expected]


def test_test_path_of_the_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Test-Path's doc, examples 2 and 4: the profile need not exist, its path is valid
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert psbridge.run("Test-Path -Path $PROFILE; Test-Path -Path $PROFILE -IsValid") == [False, True]
    (tmp_path / "powershell").mkdir()
    (tmp_path / "powershell" / "Microsoft.PowerShell_profile.ps1").write_text("")
    assert psbridge.run("Test-Path -Path $PROFILE -PathType Leaf") == [True]
