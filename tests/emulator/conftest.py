"""Fixtures for the emulator tests: live emulators on loopback and checked clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from psbridge.emulator import Emulator, Lifecycle

pytest.register_assert_rewrite("tests.emulator.emulator_helpers")

from tests.emulator.emulator_helpers import Api, make_client  # noqa: E402


@pytest.fixture
def start_emulator() -> Iterator[Callable[..., Emulator]]:
    """Factory for emulators with custom options; all are stopped afterwards."""
    started: list[Emulator] = []

    def start(**options: Any) -> Emulator:
        options.setdefault("record_requests", True)
        emu = Emulator(**options).start()
        started.append(emu)
        return emu

    yield start
    for emu in started:
        emu.stop()


@pytest.fixture
def emu(start_emulator: Callable[..., Emulator]) -> Emulator:
    return start_emulator()


@pytest.fixture
def manual_emu(start_emulator: Callable[..., Emulator]) -> Emulator:
    return start_emulator(lifecycle=Lifecycle(mode="manual"))


@pytest.fixture
def client(emu: Emulator) -> Iterator[httpx.Client]:
    with make_client(emu) as http:
        yield http


@pytest.fixture
def api(client: httpx.Client) -> Api:
    return Api(client)


@pytest.fixture
def manual_api(manual_emu: Emulator) -> Iterator[Api]:
    with make_client(manual_emu) as http:
        yield Api(http)
