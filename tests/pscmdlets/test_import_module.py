"""Import-Module of built-in modules: PSOpenAI and PowerShell's own modules (script modules: test_script_modules.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

import psbridge
from psbridge import PSError


def test_psopenai_by_name_is_accepted_and_its_cmdlets_are_there() -> None:
    out = psbridge.run("Import-Module PSOpenAI; Import-Module psopenai -PassThru")
    assert len(out) == 1
    info = out[0]
    assert info.Name == "PSOpenAI" and str(info.Version) == "4.49.0" and info.ModuleType == "Manifest"
    assert "Request-ChatCompletion" in info.ExportedCommands and "Submit-ToolOutput" in info.ExportedCommands
    assert info.pstypenames[0] == "System.Management.Automation.PSModuleInfo"


@pytest.mark.parametrize("relative", ["PSOpenAI/PSOpenAI.psd1", "PSOpenAI/PSOpenAI.psm1", "PSOpenAI"])
def test_a_path_to_psopenai_is_accepted(tmp_path: Path, relative: str) -> None:
    folder = tmp_path / "PSOpenAI"
    folder.mkdir()
    (folder / "PSOpenAI.psd1").write_text("@{}")
    (folder / "PSOpenAI.psm1").write_text("")
    out = psbridge.run(f"Import-Module '{tmp_path / relative}' -PassThru")
    assert [info.Name for info in out] == ["PSOpenAI"]


def test_importing_by_name_and_again_does_not_throw() -> None:
    # Import-Module.Tests.ps1:29-31 (-Name) and :49-52 (an already loaded module, -PassThru
    # -ErrorAction Stop) with the module psbridge has: PSOpenAI
    out = psbridge.run(
        "Import-Module -Name PSOpenAI; $m = Import-Module PSOpenAI -PassThru -ErrorAction Stop; $m.Name"
    )
    assert out == ["PSOpenAI"]


def test_powershell_modules_are_built_in() -> None:
    out = psbridge.run("Import-Module Microsoft.PowerShell.Utility -PassThru")
    assert out[0].Name == "Microsoft.PowerShell.Utility" and "ConvertTo-Json" in out[0].ExportedCommands


def test_another_module_is_powershells_module_not_found_error_and_the_script_goes_on() -> None:
    # Import-Module's failure is non-terminating in pwsh: the next statement runs.
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.run("Import-Module Az.Accounts; 'after'")
    assert caught.value.output == ["after"]
    record = caught.value.errors[0]
    assert record.fully_qualified_error_id == "Modules_ModuleNotFound,Microsoft.PowerShell.Commands.ImportModuleCommand"
    assert str(record.exception) == (
        "The specified module 'Az.Accounts' was not loaded because no valid module file was found in any module "
        "directory."
    )
    assert record.category == "ResourceUnavailable"


def test_a_path_to_psopenai_need_not_exist() -> None:
    # The guides' own first line: a ported script names where PSOpenAI was installed.
    assert psbridge.run("Import-Module ..\\PSOpenAI.psd1 -Force -PassThru")[0].Name == "PSOpenAI"
    assert psbridge.run("Import-Module C:\\Modules\\PSOpenAI\\ -PassThru")[0].Name == "PSOpenAI"


def test_a_missing_module_path_is_not_found(tmp_path: Path) -> None:
    for path in (tmp_path / "Missing.psm1", tmp_path / "Missing" / "Missing.psd1"):
        with pytest.raises(PSError, match="was not loaded"):
            psbridge.run(f"Import-Module '{path}' -ErrorAction Stop")


def test_version_bounds_are_checked_against_the_built_in_version() -> None:
    assert psbridge.run("Import-Module PSOpenAI -MinimumVersion 4.0 -PassThru")[0].Name == "PSOpenAI"
    with pytest.raises(PSError, match="'PSOpenAI' was not loaded"):
        psbridge.run("Import-Module PSOpenAI -RequiredVersion 3.0 -ErrorAction Stop")
    with pytest.raises(PSError, match="'PSOpenAI' was not loaded"):
        psbridge.run("Import-Module -FullyQualifiedName @{ModuleName='PSOpenAI'; ModuleVersion='9.0'} -EA Stop")


def test_a_prefix_on_a_built_in_module_is_refused_naming_the_parameter() -> None:
    with pytest.raises(PSError, match="-Prefix is not supported"):
        psbridge.run("Import-Module PSOpenAI -Prefix My")
