"""Azure OpenAI's URL and key conventions, mapped onto the emulator's routes.

Azure serves the same operations under ``/openai/...`` with an
``api-version`` query parameter, model calls under
``/openai/deployments/<deployment>/...`` (the deployment names the model, so
the body may omit ``model``), and takes the key in an ``api-key`` header (or
an Entra ID token as ``Authorization: Bearer``).  The emulator accepts both
styles side by side, so PSOpenAI's ``-ApiType Azure`` runs against it with the
emulator's address as ``-ApiBase``.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from .errors import ApiError

PREFIX = "/openai/"


@dataclass(frozen=True)
class AzureCall:
    """The ``/v1`` path an Azure-style request stands for, and the deployment it named."""

    raw_path: str
    deployment: str | None


def translate(raw_path: str, query: list[tuple[str, str]]) -> AzureCall | None:
    """None for a non-Azure path; raises Azure's 404 when ``api-version`` is missing."""
    if not raw_path.startswith(PREFIX):
        return None
    if not any(name == "api-version" and value for name, value in query):
        raise ApiError(404, "Resource not found", code="404")
    rest = raw_path[len(PREFIX) :]
    deployment = None
    if rest.startswith("deployments/"):
        name, _, rest = rest[len("deployments/") :].partition("/")
        deployment = unquote(name)
        if not deployment or not rest:
            raise ApiError(404, "Resource not found", code="404")
    return AzureCall("/v1/" + rest, deployment)


def api_key(headers: dict[str, str]) -> str | None:
    """The key of an ``api-key`` header, if the request carries one."""
    value = headers.get("api-key", "").strip()
    return value or None
