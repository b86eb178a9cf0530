""".NET -> Python: the C# facade and the sample host (tools/dotnet-host) against the emulator."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
from pathlib import Path
from typing import Any

import pytest

from psbridge.emulator import Emulator
from tests.conftest import API_KEY
from tests.dotnet.conftest import REPO, host_environment, run_host

pytestmark = pytest.mark.dotnet

HERE = Path(__file__).resolve().parent


def connected(emulator: Emulator) -> dict[str, str]:
    return {"OPENAI_API_BASE": emulator.base_url, "OPENAI_API_KEY": API_KEY}


def json_lines(stdout: str) -> list[Any]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_script_output_is_json_lines(host_built: Path, emulator: Emulator, thread: dict[str, Any]) -> None:
    result = run_host("-Command", f"Get-Thread -ThreadId {thread['id']}; 'done'; 42", **connected(emulator))
    assert result.returncode == 0, result.stderr
    first, done, number = json_lines(result.stdout)
    assert first["id"] == thread["id"] and first["object"] == "thread"
    assert (done, number) == ("done", 42)
    assert API_KEY not in result.stdout + result.stderr
    assert emulator.requests[-1].credential_is(f"Bearer {API_KEY}")


def test_pipeline_of_cmdlets(
    host_built: Path, emulator: Emulator, thread: dict[str, Any], assistant: dict[str, Any]
) -> None:
    script = f"Start-ThreadRun -ThreadId {thread['id']} -Assistant {assistant['id']} | Wait-ThreadRun"
    result = run_host("-Command", script, **connected(emulator))
    assert result.returncode == 0, result.stderr
    (run,) = json_lines(result.stdout)
    assert run["object"] == "thread.run" and run["status"] == "completed"
    assert run["thread_id"] == thread["id"]


def test_binding_error_exits_non_zero_with_the_error_id(host_built: Path, emulator: Emulator) -> None:
    result = run_host("-Command", "Get-Thread -ThreadId thread_1 -Bogus 1", **connected(emulator))
    assert result.returncode == 1
    assert "FullyQualifiedErrorId : NamedParameterNotFound,Get-Thread" in result.stderr
    assert "A parameter cannot be found that matches parameter name 'Bogus'." in result.stderr
    assert result.stdout == ""
    assert emulator.requests == []  # nothing ran


def test_error_records_exit_one_after_the_output(host_built: Path, emulator: Emulator) -> None:
    result = run_host("-Command", "Get-Thread -ThreadId thread_missing; 'after'", **connected(emulator))
    assert result.returncode == 1
    assert json_lines(result.stdout) == ["after"]
    assert "NotFoundException,Get-Thread" in result.stderr


def test_usage_error(host_built: Path) -> None:
    result = run_host("-Bogus")
    assert result.returncode == 2 and "usage:" in result.stderr


def test_facade_api_from_csharp(
    host_built: Path, emulator: Emulator, thread: dict[str, Any], assistant: dict[str, Any], tmp_path: Path
) -> None:
    exe = tmp_path / "ApiCheck.exe"
    subprocess.run(
        [
            "mcs",
            "-nologo",
            f"-out:{exe}",
            f"-r:{host_built / 'PSBridge.dll'}",
            f"-r:{host_built / 'Python.Runtime.dll'}",
            "-r:/usr/lib/mono/4.5/Facades/netstandard.dll",
            "-r:System.Core.dll",
            str(HERE / "host_api" / "ApiCheck.cs"),
        ],
        check=True,
        timeout=60,
    )
    for dll in ("PSBridge.dll", "Python.Runtime.dll"):
        (tmp_path / dll).write_bytes((host_built / dll).read_bytes())
    # No OPENAI_API_KEY: the key can only come from the SecureString the C# code passes.
    result = run_host(
        emulator.base_url, thread["id"], assistant["id"], PSBRIDGE_HOST_EXE=str(exe), PSBRIDGE_TEST_KEY=API_KEY
    )
    assert result.returncode == 0, result.stdout + result.stderr
    checks = {name: (ok, detail) for name, ok, detail in (line.split("|", 2) for line in result.stdout.splitlines())}
    failed = {name: detail for name, (ok, detail) in checks.items() if ok != "ok"}
    assert not failed
    details = {name: detail.split(";") for name, (_, detail) in checks.items()}
    assert details["get_thread"][0].startswith("PSOpenAI.Thread,")
    assert details["get_thread"][1] == "False"
    assert details["run_object_round_trip"] == ["completed", "csharp", "PSOpenAI.Thread.Run"]
    assert details["dotnet_object_by_property_name"] == ["completed", "True"]
    assert details["pipeline_input_objects"] == ["completed=True", "completed=True"]
    fqid, category, had_errors, category_info = details["binding_error_throws"]
    assert (fqid, category, had_errors) == ("NamedParameterNotFound,Get-Thread", "InvalidArgument", "True")
    assert category_info == "InvalidArgument: (:) [Get-Thread], ParameterBindingException"
    assert int(details["switch_parameter"][0]) >= 2
    count, had_errors, fqid, _message = details["non_terminating_error"]
    assert (count, had_errors, fqid) == ("0", "True", "PSOpenAI.APIRequest.NotFoundException,Get-Thread")
    assert details["invalid_operation"] == ["InvalidOperationException", "InvalidOperationException"]
    custom = "System.Management.Automation.PSCustomObject"
    assert details["script_and_values"] == ["1,x", "Double", "True", "text", "2", custom]
    assert details["threads"] == ["100/100"]
    assert API_KEY not in result.stdout + result.stderr
    assert all(request.credential_is(f"Bearer {API_KEY}") for request in emulator.requests)
    assert len(emulator.requests) > 100


def test_venv_python_is_found_from_path(host_built: Path) -> None:
    """PATH's python3 is this venv's: run.sh points pythonnet at the venv, whose editable psbridge runs."""
    result = run_host("-Command", "$env:PYTHONNET_VENV; $env:PYTHONNET_PYEXE")
    assert result.returncode == 0, result.stderr
    venv, pyexe = json_lines(result.stdout)
    assert Path(venv) == Path(sys.prefix) and sys.prefix != sys.base_prefix
    assert pyexe is None


def test_plain_interpreter_is_found_from_path(host_built: Path) -> None:
    """A python3 that is not a venv: run.sh gives pythonnet its libpython and executable instead."""
    base = Path(sys.base_prefix) / "bin" / "python3"
    libdir = sysconfig.get_config_var("LIBDIR")
    if not base.exists() or not list(Path(libdir).glob("libpython3*.so*")):
        pytest.skip(f"no shared libpython beside {base}")
    # Its own site-packages lack pythonnet and httpx: borrow this venv's (no .pth, so psbridge comes from the repo).
    site_packages = next(p for p in sys.path if p.endswith("site-packages") and p.startswith(sys.prefix))
    environment = {"PATH": f"{base.parent}:/usr/bin:/bin", "PYTHONPATH": site_packages}
    script = "$env:PYTHONNET_VENV; $env:PYTHONNET_PYEXE; 'ran'"
    result = subprocess.run(
        ["bash", str(REPO / "tools" / "dotnet-host" / "run.sh"), "-Command", script],
        env={**{k: v for k, v in host_environment().items() if k not in ("PATH", "VIRTUAL_ENV")}, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    venv, pyexe, ran = json_lines(result.stdout)
    assert venv is None and Path(pyexe).resolve() == base.resolve() and ran == "ran"
