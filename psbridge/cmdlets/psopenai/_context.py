"""PSOpenAI's session context (Set-/Get-/Clear-OpenAIContext) and how cmdlets read it.

PSOpenAI keeps the context in a module-scope dictionary, so it lasts as long
as the PowerShell session.  Here it lives with the session's other shared
objects (``runspace.resources``): a ``psbridge.PowerShell()`` instance, a
script run, a CLI process and the module-level ``invoke`` each have their own,
and closing the session clears it, as restarting PowerShell does.

Every cmdlet that talks to the API starts from the context's values that are
not null, and the parameters the caller bound override them (PSOpenAI's
ParseCommonParams): after Clear-OpenAIContext that is ApiType OpenAI, AuthType
openai, ApiVersion '', Organization '', TimeoutSec 0 and MaxRetryCount 0,
the same as the parameters' own defaults.
"""

from __future__ import annotations

from typing import Any

from ...binding.types import OpenAIApiType

__all__ = ["CONTEXT_KEYS", "CONTEXT_RESOURCE", "OpenAIContext", "context_of"]

CONTEXT_RESOURCE = "psopenai.context"
CONTEXT_KEYS = ("ApiKey", "ApiType", "ApiBase", "ApiVersion", "AuthType", "Organization", "TimeoutSec", "MaxRetryCount")


def _cleared() -> dict[str, Any]:
    return {
        "ApiKey": None,
        "ApiType": OpenAIApiType.OpenAI,
        "ApiBase": None,
        "ApiVersion": "",
        "AuthType": "openai",
        "Organization": "",
        "TimeoutSec": 0,
        "MaxRetryCount": 0,
    }


class OpenAIContext:
    """The eight context values of one session; ``version`` counts changes (for caches)."""

    def __init__(self) -> None:
        self.values = _cleared()
        self.version = 0

    def clear(self) -> None:
        self.values = _cleared()
        self.version += 1

    def update(self, changes: dict[str, Any]) -> None:
        """Set-OpenAIContext: the keys passed, then AuthType follows ApiType unless it was passed."""
        values = dict(self.values)
        values.update(changes)
        if "AuthType" not in changes:
            azure = str(values["ApiType"]) == "Azure"
            if azure and str(values["AuthType"]).casefold() == "openai":
                values["AuthType"] = "azure"
            elif not azure:
                values["AuthType"] = "openai"
        self.values = values
        self.version += 1

    def defaults(self) -> dict[str, Any]:
        """The values a cmdlet starts from: those that are not null."""
        return {name: value for name, value in self.values.items() if value is not None}

    def close(self) -> None:
        """The session ended: back to the cleared context."""
        self.clear()


def context_of(runspace: Any) -> OpenAIContext:
    """The session's context (created cleared on first use)."""
    context: OpenAIContext = runspace.resources.get(CONTEXT_RESOURCE, OpenAIContext)
    return context
