"""The API cmdlets' settings (key, base, organization) are resolved once per session and reused
until something they are resolved from changes: an environment variable, a global variable, the
session context (Set-/Clear-OpenAIContext) or a bound parameter.  Each test changes one of them
between calls and checks what the next request carried.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import psbridge
from psbridge.cmdlets.psopenai import _base
from psbridge.emulator import Emulator

KEYS = [f"sk-settings-cache-{n}-0123456789abcdef" for n in range(4)]


@pytest.fixture
def emu(start_emulator: Callable[..., Emulator]) -> Emulator:
    """An emulator that takes any key, so that each request shows which key it carried."""
    return start_emulator(api_key=None)


@pytest.fixture
def resolutions(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What the cmdlets resolved settings from, once per resolution (a cache miss)."""
    calls: list[dict[str, Any]] = []
    resolve = _base.resolve_settings

    def counted(given: Any, **options: Any) -> Any:
        calls.append(dict(given))
        return resolve(given, **options)

    monkeypatch.setattr(_base, "resolve_settings", counted)
    return calls


def keys_sent(emu: Emulator) -> list[int]:
    """The index in KEYS of the key each request carried (-1: another one)."""
    return [next((i for i, key in enumerate(KEYS) if r.credential_is(f"Bearer {key}")), -1) for r in emu.requests]


def test_a_session_follows_every_source_of_the_key(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch, resolutions: list[dict[str, Any]]
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEYS[0])
    ps = psbridge.PowerShell()
    ps.add_script(
        "$null = New-Thread; $null = New-Thread\n"  # the environment's key, resolved once
        f"$env:OPENAI_API_KEY = '{KEYS[1]}'; $null = New-Thread\n"  # the environment changed
        f"$global:OPENAI_API_KEY = '{KEYS[2]}'; $null = New-Thread\n"  # a global variable wins over it
        "Remove-Variable OPENAI_API_KEY -Scope Global; $null = New-Thread\n"  # gone again
        f"$null = New-Thread -ApiKey '{KEYS[3]}'\n"  # a parameter wins over everything
        f"Set-OpenAIContext -ApiKey '{KEYS[2]}'; $null = New-Thread\n"  # the context wins over variables
        "Clear-OpenAIContext; $null = New-Thread; $null = New-Thread\n"  # back to the environment
    ).invoke()
    assert not ps.had_errors, ps.streams.error
    assert keys_sent(emu) == [0, 0, 1, 2, 1, 3, 2, 1, 1]
    # One resolution per state not seen before: the environment's key, the next one, the global,
    # the parameter, the context.  Calls in a row with nothing changed, and a return to an earlier
    # state (the global removed, the context cleared), reuse what was resolved.
    assert len(resolutions) == 5


def test_the_base_follows_the_environment(
    start_emulator: Callable[..., Emulator], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = start_emulator(api_key=None), start_emulator(api_key=None)
    monkeypatch.setenv("OPENAI_API_KEY", KEYS[0])
    monkeypatch.setenv("OPENAI_API_BASE", first.base_url)
    psbridge.invoke("New-Thread")
    monkeypatch.setenv("OPENAI_API_BASE", second.base_url)
    psbridge.invoke("New-Thread")
    psbridge.invoke("New-Thread")
    assert (len(first.requests), len(second.requests)) == (1, 2)


def test_invoke_reuses_the_settings_until_the_environment_changes(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch, resolutions: list[dict[str, Any]]
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEYS[0])
    for _ in range(3):
        psbridge.invoke("New-Thread")
    monkeypatch.setenv("OPENAI_API_KEY", KEYS[1])
    psbridge.invoke("New-Thread")
    monkeypatch.setenv("OPENAI_ORGANIZATION", "org-settings-cache")
    psbridge.invoke("New-Thread")
    assert keys_sent(emu) == [0, 0, 0, 1, 1]
    assert emu.requests[-1].headers.get("openai-organization") == "org-settings-cache"
    assert len(resolutions) <= 3  # at most one per state (an earlier test may have left this state cached)


def test_a_parameter_that_may_change_is_never_cached(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch, resolutions: list[dict[str, Any]]
) -> None:
    """A hashtable of headers can change between calls without being assigned again."""
    monkeypatch.setenv("OPENAI_API_KEY", KEYS[0])
    ps = psbridge.PowerShell()
    remove = "Remove-ThreadMessage -ThreadId thread_x -MessageId msg_x -AdditionalHeaders $h -ErrorAction Ignore"
    ps.add_script(f"$h = @{{ 'X-Note' = 'one' }}\n{remove}\n$h['X-Note'] = 'two'\n{remove}\n").invoke()
    assert [r.headers.get("x-note") for r in emu.requests] == ["one", "two"]  # (both answered 404)
    assert len(resolutions) == 2


def test_verbose_messages_come_with_every_call_that_asks_for_them(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached resolution still says where the key came from, and what is sent, under -Verbose
    (and nothing is written without it)."""
    monkeypatch.setenv("OPENAI_API_KEY", KEYS[0])
    ps = psbridge.PowerShell()
    ps.add_script("$null = New-Thread; $null = New-Thread -Verbose; $null = New-Thread -Verbose").invoke()
    verbose = ps.streams.verbose
    assert verbose.count('API Key found in environment variable "OPENAI_API_KEY".') == 2
    assert verbose.count("Request to OpenAI API") == 2
    assert sum(line.startswith("Method = POST, Path = ") for line in verbose) == 2
    assert sum(line.startswith("OpenAI API response: StatusCode=200") for line in verbose) == 2
    assert all(KEYS[0] not in line for line in verbose)
