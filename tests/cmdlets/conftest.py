"""Fixtures for cmdlet tests: a live emulator on loopback and ways to call cmdlets against it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from psbridge.emulator import Emulator, Lifecycle

API_KEY = "sk-test-0123456789abcdefghij"


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    """An emulator whose runs advance one step per GET of the run (fast, deterministic).

    OPENAI_API_KEY and OPENAI_API_BASE point at it, so cmdlets need no connection parameters.
    """
    with Emulator(api_key=API_KEY, lifecycle=Lifecycle(mode="polls")).start() as emu:
        monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
        monkeypatch.setenv("OPENAI_API_BASE", emu.base_url)
        yield emu


@pytest.fixture
def start_emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Emulator]]:
    """Factory for an emulator with other options (lifecycle, poll_after_ms); wired like ``emulator``."""
    started: list[Emulator] = []

    def start(**options: Any) -> Emulator:
        options.setdefault("api_key", API_KEY)
        emu = Emulator(**options).start()
        started.append(emu)
        monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
        monkeypatch.setenv("OPENAI_API_BASE", emu.base_url)
        return emu

    yield start
    for emu in started:
        emu.stop()


@pytest.fixture
def http(emulator: Emulator) -> Iterator[httpx.Client]:
    """A plain HTTP client on the emulator, for seeding and inspecting state (not the code under test)."""
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
