"""Keeping the API key (and, more gently, the organization id) out of every text we emit.

Verbose and debug streams end up in CI logs, transcripts and bug reports, so
anything that leaves the client as text goes through :func:`redact` first.  The
two ``mask_*`` functions reproduce the partially masked forms PSOpenAI shows in
its "... to be used is ..." verbose lines, so that users can still tell which key
or organization was picked without the secret being readable.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus, unquote_plus

if TYPE_CHECKING:
    from .settings import ApiSettings

__all__ = [
    "API_KEY_PLACEHOLDER",
    "ORGANIZATION_PLACEHOLDER",
    "mask_api_key",
    "mask_organization",
    "protect_loggers",
    "redact",
    "redact_json",
    "redact_secrets",
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
# (Compiled on first use: a command line that logs nothing and fails nowhere never redacts text.)
@functools.cache
def _secret_like() -> re.Pattern[str]:
    return re.compile(r"(?<![A-Za-z0-9_\-])sk-(?:proj-)?[A-Za-z0-9_\-]{16,}")


# "Authorization: Bearer <token>" in header dumps (any token: azure_ad ones too).
# Anchored on the header name so that prose such as "use Bearer auth" survives.
@functools.cache
def _bearer() -> re.Pattern[str]:
    return re.compile(r"(\bAuthorization[\"']?\s*[:=]\s*[\"']?\s*Bearer\s+)[^\s\"',;}\]]+", re.IGNORECASE)


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


@functools.lru_cache(maxsize=32)
def _spellings(secret: str) -> re.Pattern[str]:
    """One pattern for the spellings a secret can take once embedded in JSON or a URL."""
    forms = {
        secret,
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=False)[1:-1],
        json.dumps(secret)[1:-1].replace("/", "\\/"),
        quote(secret, safe="", errors="surrogatepass"),
        quote_plus(secret, safe="", errors="surrogatepass"),
    }
    # Longest first, so that a longer spelling is not half-replaced by a shorter one.
    ordered = sorted(forms, key=len, reverse=True)
    return re.compile("|".join(re.escape(form) for form in ordered), re.IGNORECASE)


def _replace_secret(text: str, secret: str | None, placeholder: str) -> str:
    if not secret or len(secret) < _MIN_SECRET_LENGTH:
        return text
    return _spellings(secret).sub(placeholder, text)


# A JSON string literal, and a run of URL characters with percent-escapes in it: a server may
# spell a secret with escapes of its own choosing ("\u0073k-..." or "%73k-...").
@functools.cache
def _json_string() -> re.Pattern[str]:
    return re.compile(r'"(?:[^"\\\n]|\\.)*"')


@functools.cache
def _percent_run() -> re.Pattern[str]:
    return re.compile(r"[A-Za-z0-9%\-_.~+/=]*%[0-9A-Fa-f]{2}[A-Za-z0-9%\-_.~+/=]*")


Secrets = tuple[tuple[str | None, str | None], ...]  # (key, organization) pairs


def _plain(text: str, secrets: Secrets) -> str:
    text = _bearer().sub(r"\g<1>********", text)
    for key, _ in secrets:
        text = _replace_secret(text, key, API_KEY_PLACEHOLDER)
    text = _secret_like().sub(lambda m: mask_api_key(m.group(0)), text)
    for _, organization in secrets:
        text = _replace_secret(text, organization, ORGANIZATION_PLACEHOLDER)
    return text


def _unescaped(text: str, secrets: Secrets) -> str:
    """Redact inside JSON string literals and percent-encoded runs, decoded first: a literal or
    run that hides a secret is replaced by its redacted, decoded form."""

    def literal(match: re.Match[str]) -> str:
        source = match.group(0)
        if "\\" not in source:
            return source
        try:
            decoded = json.loads(source)
        except ValueError:
            return source
        cleaned = _plain(decoded, secrets)
        return source if cleaned == decoded else json.dumps(cleaned, ensure_ascii=False)

    def percent(match: re.Match[str]) -> str:
        source = match.group(0)
        decoded = unquote_plus(source)
        cleaned = _plain(decoded, secrets)
        return source if cleaned == decoded else cleaned

    if "\\" in text:
        text = _json_string().sub(literal, text)
    if "%" in text:
        text = _percent_run().sub(percent, text)
    return text


def redact_secrets(text: str, key: str | None, organization: str | None = None, *more: tuple[str, str | None]) -> str:
    """``text`` with ``key`` and ``organization`` (and any ``more`` pairs) removed in any
    spelling (see :func:`redact`)."""
    if not text:
        return text
    secrets: Secrets = ((key, organization), *more)
    text = _plain(text, secrets)
    return _unescaped(text, secrets)


def redact(text: str, settings: ApiSettings | None) -> str:
    """Text safe for verbose/debug output, warnings and exception messages.

    Order matters: Bearer tokens are blanked first so that the key inside
    ``Authorization: Bearer <key>`` shows as ``********`` (as PSOpenAI shows it)
    rather than as a placeholder; then the exact key in any of its encodings,
    then any other secret-looking ``sk-`` string, then the organization id;
    finally JSON string literals and percent-encoded runs are decoded and
    checked again, so an escaped secret (``\u0073k-...``) is caught too.
    """
    if not text:
        return text
    if settings is None:
        return redact_secrets(text, None, None)
    organization = settings.organization.strip() if settings.organization else None
    return redact_secrets(text, settings.api_key.reveal(), organization)


# -- loggers ---------------------------------------------------------------------------
#: Secrets in use by recent clients (bounded: the most recent few), for the log filter below.
_LIVE_SECRETS: OrderedDict[tuple[str, str | None], None] = OrderedDict()
_LIVE_LIMIT = 16
_live_lock = threading.Lock()
#: Loggers that may see request or response details: httpx logs every URL (redirects
#: included), httpcore logs response headers at DEBUG, psbridge's own log every stream line.
_GUARDED_LOGGERS = (
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
    "psbridge",
    "psbridge.api",
)


class _RedactingFilter(logging.Filter):
    """Rewrites a record whose text holds a live secret: handlers never see the secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        with _live_lock:
            secrets = list(_LIVE_SECRETS)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's to report
            return True
        cleaned = redact_secrets(message, None, None, *secrets)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


_FILTER = _RedactingFilter()
_installed = False
_last_protected: object = None


def protect_loggers(settings: ApiSettings) -> None:
    """Make sure the HTTP stack's loggers (and psbridge's) never emit this client's key."""
    global _installed, _last_protected
    if settings is _last_protected:
        return
    _last_protected = settings
    organization = settings.organization.strip() if settings.organization else None
    entry = (settings.api_key.reveal(), organization)
    with _live_lock:
        if not _LIVE_SECRETS or next(reversed(_LIVE_SECRETS)) != entry:
            _LIVE_SECRETS[entry] = None
            _LIVE_SECRETS.move_to_end(entry)
            while len(_LIVE_SECRETS) > _LIVE_LIMIT:
                _LIVE_SECRETS.popitem(last=False)
        if _installed:
            return
        _installed = True
    for name in _GUARDED_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def redact_json(value: Any, settings: ApiSettings | None) -> Any:
    """A copy of parsed JSON with every string (keys included) passed through :func:`redact`."""
    if isinstance(value, str):
        return redact(value, settings)
    if isinstance(value, dict):
        return {redact(str(k), settings): redact_json(v, settings) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_json(v, settings) for v in value]
    return value
