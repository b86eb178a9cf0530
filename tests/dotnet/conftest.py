"""Fixtures for the .NET tests: a loaded runtime, a compiled helper assembly, the emulator, the host.

On a machine with Mono (mono-devel) nothing here skips.  Without it the tests
that need a runtime skip with a message naming the package; the tests in
test_lazy.py run everywhere, because they check exactly that absence.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from psbridge.dotnet import dotnet_unavailable_reason
from psbridge.emulator import Emulator, Lifecycle
from tests.conftest import API_KEY

REPO = Path(__file__).resolve().parents[2]
HOST_DIR = REPO / "tools" / "dotnet-host"
RUN_SH = HOST_DIR / "run.sh"
MISSING_MONO = "Mono is not installed (apt-get install mono-devel): the .NET runtime tests need it"

#: A small assembly with the types no built-in offers (pipeline objects named like PSOpenAI's properties).
HELPER_SOURCE = r"""
namespace PSBridgeTests
{
    public class RunRef
    {
        public RunRef(string threadId, string runId) { thread_id = threadId; run_id = runId; }
        public string thread_id { get; set; }
        public string run_id { get; set; }
        public string WriteOnly { set { } }
        private string Hidden { get { return "hidden"; } }
        public string this[int i] { get { return "indexer"; } }
        public static string Static { get { return "static"; } }
    }

    public class Base { public string BaseName { get { return "base"; } } }

    public class Derived : Base
    {
        public string THREADID { get { return "t_from_upper_case"; } }
        public string Throws { get { throw new System.InvalidOperationException("getter failed"); } }
    }
}
"""


def require_runtime() -> None:
    reason = dotnet_unavailable_reason()
    if reason is not None:
        pytest.skip(f"{MISSING_MONO} ({reason})")


@pytest.fixture(scope="session")
def clr() -> Any:
    """The loaded ``clr`` module (Mono in this process)."""
    require_runtime()
    from psbridge.dotnet import load_dotnet

    return load_dotnet()


@pytest.fixture(scope="session")
def helper_dll(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """HELPER_SOURCE compiled with mcs."""
    require_runtime()
    if shutil.which("mcs") is None:
        pytest.skip("mcs is missing (apt-get install mono-devel)")
    folder = tmp_path_factory.mktemp("dotnet-helper")
    source = folder / "Helper.cs"
    source.write_text(HELPER_SOURCE)
    dll = folder / "PSBridgeTests.dll"
    subprocess.run(["mcs", "-nologo", "-target:library", f"-out:{dll}", str(source)], check=True, timeout=60)
    return dll


@pytest.fixture(scope="session")
def helper_types(clr: Any, helper_dll: Path) -> Any:
    """The ``PSBridgeTests`` namespace, loaded into this process."""
    clr.AddReference(str(helper_dll))
    import PSBridgeTests

    return PSBridgeTests


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    with Emulator(api_key=API_KEY, lifecycle=Lifecycle(mode="polls"), record_requests=True).start() as emu:
        yield emu


@pytest.fixture
def run(http: httpx.Client, thread: dict[str, Any], assistant: dict[str, Any]) -> dict[str, Any]:
    return http.post(f"threads/{thread['id']}/runs", json={"assistant_id": assistant["id"]}).json()


def host_environment(**extra: str) -> dict[str, str]:
    """The environment for run.sh: this interpreter's venv first on PATH, nothing ambient from OpenAI."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    # run.sh kills mono itself (timeout -s KILL) before run_host's own timeout would kill
    # only the wrapper and leave a hung mono behind.
    env["PSBRIDGE_HOST_TIMEOUT"] = "100"
    env.update(extra)
    return env


def run_host(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    """``bash tools/dotnet-host/run.sh ARGS`` with ``env`` added; output as text."""
    return subprocess.run(
        ["bash", str(RUN_SH), *args],
        env=host_environment(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
    )


@pytest.fixture(scope="session")
def host_built() -> Path:
    """Builds the facade and the sample once (run.sh builds only what changed)."""
    require_runtime()
    if shutil.which("mcs") is None:
        pytest.skip("mcs is missing (apt-get install mono-devel)")
    result = subprocess.run(
        ["bash", str(RUN_SH), "--build-only"],
        env=host_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return HOST_DIR / "bin"
