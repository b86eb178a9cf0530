"""Fixtures shared by the whole suite.

The PSOpenAI docs and the API references stay in ../shared beside the clone
(as CI has them); tests read them from there and never copy them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import settings

from tests.api.api_loopback import ScriptedServer

# The suite gates every landing and CI: property tests draw the same examples each run there, so a
# red run is a change's fault, never the draw's.  PSBRIDGE_HYPOTHESIS=explore draws afresh (run it
# when working on the parser, binder or evaluator: that is how their bugs were found).
settings.register_profile("gate", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile("explore" if os.environ.get("PSBRIDGE_HYPOTHESIS") == "explore" else "gate")

#: ``backend``: a loopback chat-completions server for the emulator's ``--backend`` tests.
pytest_plugins = ["tests.emulator.fake_backend"]

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PSBRIDGE_SHARED", REPO.parent / "shared"))
DOCS = SHARED / "cmdlet-docs"
ALL_DOCS = DOCS / "all"
SPECS = REPO / "cmdlet_specs"
POWERSHELL_DOCS = SHARED / "powershell-docs"
#: Where the doc of each module's committed specs (cmdlet_specs/<Module>/<Name>.yaml) is read from.
MODULE_DOCS = {
    "PSOpenAI": ALL_DOCS,
    **{
        module: POWERSHELL_DOCS / module
        for module in ("Microsoft.PowerShell.Core", "Microsoft.PowerShell.Utility", "Microsoft.PowerShell.Management")
    },
}

#: The API key the test emulators expect (an emulator fixture in each folder uses it).
API_KEY = "sk-test-0123456789abcdefghij"

if not DOCS.is_dir():  # pragma: no cover - a broken checkout, not a skipped feature
    raise RuntimeError(f"the shared docs are missing: expected {DOCS} (../shared beside the clone)")


@pytest.fixture(autouse=True)
def _no_ambient_openai_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests must never pick up a developer's real key, base or organization."""
    for name in ("OPENAI_API_KEY", "OPENAI_API_BASE", "OPENAI_ORGANIZATION", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def recorded_sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record the cmdlets' sleeps instead of sleeping (real HTTP, fake time): PSOpenAI's waits and
    Start-Sleep pass their time in the one seam, ``Cmdlet.sleep_time``."""
    from psbridge.runtime import Cmdlet

    sleeps: list[float] = []

    def record(self: Cmdlet, seconds: float) -> float:
        sleeps.append(round(seconds, 3))
        return 0.0

    monkeypatch.setattr(Cmdlet, "sleep_time", record)
    return sleeps


@pytest.fixture
def http(emulator: Any) -> Iterator[httpx.Client]:
    """A plain HTTP client on the folder's ``emulator``, for seeding and inspecting state
    (not the code under test)."""
    with httpx.Client(
        base_url=emulator.base_url + "/",
        headers={"Authorization": f"Bearer {API_KEY}", "OpenAI-Beta": "assistants=v2"},
    ) as client:
        yield client


@pytest.fixture
def assistant(http: httpx.Client) -> dict[str, Any]:
    return http.post("assistants", json={"model": "gpt-4o-mini", "name": "tester"}).json()


@pytest.fixture
def thread(http: httpx.Client) -> dict[str, Any]:
    return http.post("threads", json={"messages": [{"role": "user", "content": "hello"}]}).json()


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    """The scripted loopback HTTP server (tests/api/api_loopback.py): replies queued by the test."""
    scripted = ScriptedServer().start()
    try:
        yield scripted
    finally:
        scripted.stop()
