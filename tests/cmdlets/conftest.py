"""Fixtures for cmdlet tests: a live emulator on loopback and ways to call cmdlets against it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from psbridge.emulator import Emulator, Lifecycle
from tests.conftest import API_KEY


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    """An emulator whose runs advance one step per GET of the run (fast, deterministic).

    OPENAI_API_KEY and OPENAI_API_BASE point at it, so cmdlets need no connection parameters.
    """
    with Emulator(api_key=API_KEY, lifecycle=Lifecycle(mode="polls"), record_requests=True).start() as emu:
        monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
        monkeypatch.setenv("OPENAI_API_BASE", emu.base_url)
        yield emu


@pytest.fixture
def start_emulator(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Emulator]]:
    """Factory for an emulator with other options (lifecycle, poll_after_ms); wired like ``emulator``."""
    started: list[Emulator] = []

    def start(**options: Any) -> Emulator:
        options.setdefault("api_key", API_KEY)
        options.setdefault("record_requests", True)
        emu = Emulator(**options).start()
        started.append(emu)
        monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
        monkeypatch.setenv("OPENAI_API_BASE", emu.base_url)
        return emu

    yield start
    for emu in started:
        emu.stop()
