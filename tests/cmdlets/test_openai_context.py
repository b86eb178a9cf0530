"""Set-/Get-/Clear-OpenAIContext and -ApiType Azure, against the emulator.

PSOpenAI's behaviour: Public/Set-OpenAIContext.ps1, Private/Utils.ps1 (ParseCommonParams:
context values that are not null, then the bound parameters over them),
Private/Get-AzureOpenAIAPIEndpoint.ps1 (deployment URLs, api-version).
"""

from __future__ import annotations

import pytest

import psbridge
from psbridge.emulator import Emulator
from tests.conftest import API_KEY


def chat_calls(emulator: Emulator) -> list:
    return [r for r in emulator.requests if r.path.endswith("/chat/completions")]


def test_cleared_context_has_the_documented_values() -> None:
    (context,) = psbridge.PowerShell().add_script("Get-OpenAIContext").invoke()
    assert context.to_dict() == {
        "ApiKey": None,
        "ApiType": "OpenAI",
        "ApiBase": None,
        "ApiVersion": "",
        "AuthType": "openai",
        "Organization": "",
        "TimeoutSec": 0,
        "MaxRetryCount": 0,
    }


def test_the_context_is_used_by_every_cmdlet_and_parameters_win(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    monkeypatch.delenv("OPENAI_API_BASE")
    ps = psbridge.PowerShell()
    ps.add_script(
        f"Set-OpenAIContext -ApiKey '{API_KEY}' -ApiBase '{emulator.base_url}' -Organization org-123456789012345678\n"
        "Request-ChatCompletion -Message one\n"
        "Request-ChatCompletion -Message two -Organization org-override"
    )
    first, second = ps.invoke()
    assert (first.Answer, second.Answer) == (["Echo: one"], ["Echo: two"])
    calls = chat_calls(emulator)
    assert [c.headers.get("openai-organization") for c in calls] == ["org-123456789012345678", "org-override"]
    assert all(c.credential_is(f"Bearer {API_KEY}") for c in calls)


def test_each_session_has_its_own_context_and_clear_resets_it(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    configured = psbridge.PowerShell()
    configured.add_script(f"Set-OpenAIContext -ApiKey '{API_KEY}'; Request-ChatCompletion -Message x").invoke()
    assert not configured.had_errors
    other = psbridge.PowerShell()
    other.add_script("Request-ChatCompletion -Message x").invoke()
    assert other.had_errors  # no key in that session
    assert "ApiKey" in str(other.streams.error[0].exception)
    configured.clear()
    configured.add_script("Clear-OpenAIContext; Request-ChatCompletion -Message x").invoke()
    assert configured.had_errors


def test_auth_type_follows_the_api_type_unless_given() -> None:
    ps = psbridge.PowerShell()
    ps.add_script(
        "Set-OpenAIContext -ApiType Azure; (Get-OpenAIContext).AuthType\n"
        "Set-OpenAIContext -ApiType Azure -AuthType azure_ad; (Get-OpenAIContext).AuthType\n"
        "Set-OpenAIContext -ApiType OpenAI; (Get-OpenAIContext).AuthType\n"
        "Set-OpenAIContext -TimeoutSec 9; (Get-OpenAIContext).TimeoutSec"
    )
    assert ps.invoke() == ["azure", "azure_ad", "openai", 9]


def test_get_output_pipes_back_into_set() -> None:
    ps = psbridge.PowerShell()
    ps.add_script(
        "Set-OpenAIContext -ApiBase https://a.example/v1 -MaxRetryCount 3; $saved = Get-OpenAIContext; "
        "Clear-OpenAIContext; $saved | Set-OpenAIContext; (Get-OpenAIContext).MaxRetryCount"
    )
    assert ps.invoke() == [3]


def test_azure_calls_go_to_the_deployment_with_the_api_key_header(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = emulator.base_url.removesuffix("/v1") + "/"
    monkeypatch.setenv("OPENAI_API_BASE", root)
    (completion,) = psbridge.run(
        "Request-ChatCompletion -ApiType Azure -Message 'Hello Azure OpenAI Service.' -Model gpt-4o -AuthType azure"
    )
    assert completion.Answer == ["Echo: Hello Azure OpenAI Service."]
    (call,) = chat_calls(emulator)
    assert call.path == "/openai/deployments/gpt-4o/chat/completions"
    assert call.query == [("api-version", "2025-04-01-preview")]
    assert call.credential_is(API_KEY, "api-key") and "authorization" not in call.headers
    assert "model" not in call.body
    assert completion.model == "gpt-4o"  # the emulator answers as the deployment's model


def test_azure_ad_sends_a_bearer_token_and_api_version_is_honoured(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_BASE", emulator.base_url.removesuffix("/v1"))
    psbridge.run(
        "Set-OpenAIContext -ApiType Azure -AuthType azure_ad -ApiVersion 2024-10-21\n"
        "Request-ChatCompletion -Message x -Model dep"
    )
    (call,) = chat_calls(emulator)
    assert call.credential_is(f"Bearer {API_KEY}") and "api-key" not in call.headers
    assert call.query == [("api-version", "2024-10-21")]


def test_azure_needs_an_api_base(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    monkeypatch.delenv("OPENAI_API_BASE", raising=False)
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Request-ChatCompletion", Message="x", ApiType="Azure")
    assert "Azure OpenAI Endpoint" in str(caught.value)


def test_assistants_cmdlets_take_the_azure_parameters_too(emulator: Emulator, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_BASE", emulator.base_url.removesuffix("/v1"))
    (thread,) = psbridge.invoke("New-Thread", ApiType="Azure")
    created = [r for r in emulator.requests if r.method == "POST"]
    assert created[-1].path == "/openai/threads" and created[-1].credential_is(API_KEY, "api-key")
    assert thread.id.startswith("thread_")
