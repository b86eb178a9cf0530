"""Keeping the API key (and, more gently, the organization id) out of every text we emit.

Verbose and debug streams end up in CI logs, transcripts and bug reports, so
anything that leaves the client as text goes through :func:`redact` first.  The
two ``mask_*`` functions reproduce the partially masked forms PSOpenAI shows in
its "... to be used is ..." verbose lines, so that users can still tell which key
or organization was picked without the secret being readable.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus

if TYPE_CHECKING:
    from .settings import ApiSettings

__all__ = [
    "API_KEY_PLACEHOLDER",
    "ORGANIZATION_PLACEHOLDER",
    "mask_api_key",
    "mask_organization",
    "redact",
    "redact_json",
]

API_KEY_PLACEHOLDER = "<OpenAI API Key>"
ORGANIZATION_PLACEHOLDER = "<OpenAI Organization ID>"

_ASTERISKS = "*" * 15
# The hidden middle of a key must look like key material; anything else is not
# shown partially at all (the whole text becomes the placeholder).
_KEY_BODY = r"[A-Za-z0-9\-_.~+/]+"
_KEY_PATTERNS = (
    re.compile(r"\A(sk-proj-.{3})" + _KEY_BODY + r"(.{2})\Z", re.IGNORECASE | re.DOTALL),
    re.compile(r"\A(sk-.{3})" + _KEY_BODY + r"(.{2})\Z", re.IGNORECASE | re.DOTALL),
    re.compile(r"\A(.{3})" + _KEY_BODY + r"(.{2})\Z", re.DOTALL),
)

# Anything that looks like an OpenAI secret key, wherever it appears (a server
# may echo a different key than ours, e.g. in "Incorrect API key provided").
_SECRET_LIKE = re.compile(r"(?<![A-Za-z0-9_\-])sk-(?:proj-)?[A-Za-z0-9_\-]{16,}")
# "Authorization: Bearer <token>" in header dumps (any token: azure_ad ones too).
# Anchored on the header name so that prose such as "use Bearer auth" survives.
_BEARER = re.compile(r"(\bAuthorization[\"']?\s*[:=]\s*[\"']?\s*Bearer\s+)[^\s\"',;}\]]+", re.IGNORECASE)

#: Secrets shorter than this are not searched for in free text: replacing every
#: occurrence of, say, "ab" would mangle the output without protecting anything.
_MIN_SECRET_LENGTH = 4


def mask_api_key(text: str) -> str:
    """``sk-abc***************yz``: enough to recognise a key, not enough to use it."""
    for pattern in _KEY_PATTERNS:
        match = pattern.match(text)
        if match:
            return f"{match.group(1)}{_ASTERISKS}{match.group(2)}"
    return API_KEY_PLACEHOLDER


def mask_organization(text: str) -> str:
    """``org-ab***************yz`` for ``org-`` ids, ``abc***...yz`` for others."""
    keep = 6 if text[:4].lower() == "org-" else 3
    if len(text) < keep + 3:
        return ORGANIZATION_PLACEHOLDER
    return f"{text[:keep]}{_ASTERISKS}{text[-2:]}"


def _variants(secret: str) -> list[str]:
    """The spellings a secret can take once it has been embedded in JSON or a URL."""
    forms = {
        secret,
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        json.dumps(secret)[1:-1].replace("/", "\\/"),
        quote(secret, safe=""),
        quote_plus(secret, safe=""),
    }
    # Longest first, so that a longer spelling is not half-replaced by a shorter one.
    return sorted(forms, key=len, reverse=True)


def _replace_secret(text: str, secret: str | None, placeholder: str) -> str:
    if not secret or len(secret) < _MIN_SECRET_LENGTH:
        return text
    for form in _variants(secret):
        text = re.sub(re.escape(form), placeholder, text, flags=re.IGNORECASE)
    return text


def redact(text: str, settings: ApiSettings | None) -> str:
    """Text safe for verbose/debug output, warnings and exception messages.

    Order matters: Bearer tokens are blanked first so that the key inside
    ``Authorization: Bearer <key>`` shows as ``********`` (as PSOpenAI shows it)
    rather than as a placeholder; then the exact key in any of its encodings,
    then any other secret-looking ``sk-`` string, then the organization id.
    """
    if not text:
        return text
    text = _BEARER.sub(r"\g<1>********", text)
    if settings is not None:
        text = _replace_secret(text, settings.api_key.reveal(), API_KEY_PLACEHOLDER)
    text = _SECRET_LIKE.sub(lambda m: mask_api_key(m.group(0)), text)
    if settings is not None and settings.organization:
        text = _replace_secret(text, settings.organization.strip(), ORGANIZATION_PLACEHOLDER)
    return text


def redact_json(value: Any, settings: ApiSettings | None) -> Any:
    """A copy of parsed JSON with every string (keys included) passed through :func:`redact`."""
    if isinstance(value, str):
        return redact(value, settings)
    if isinstance(value, dict):
        return {redact(str(k), settings): redact_json(v, settings) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_json(v, settings) for v in value]
    return value
