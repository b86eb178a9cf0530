"""Request URLs: the base, the endpoint path, the query.

Ids come from users and from pipeline objects, so every path segment is
percent-encoded as a whole: an id can never add a segment (``a/b``), climb out
of the endpoint (``..``), or start a query (``?``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus, urlsplit, urlunsplit

from ..objects import to_ps_string
from .errors import ApiArgumentError

if TYPE_CHECKING:
    from .settings import ApiSettings

__all__ = ["build_url", "check_api_base", "encode_path_segment", "encode_query", "query_value"]

#: Characters ``quote`` never escapes, but the dot (escaped below): such a segment is its own encoding.
_UNRESERVED = re.compile(r"[A-Za-z0-9_~-]+")


@functools.lru_cache(maxsize=64)
def check_api_base(api_base: str) -> None:
    """Refuse, before anything is sent, a base URL that no request could use.

    A port out of range or not a number, an unclosed ``[`` IPv6 literal, a
    host that is not a valid (IDNA) name, a scheme other than http/https:
    each is an ArgumentException naming the base, never a Python error from
    deep inside the HTTP stack.  (Cached: a base that passed once passes again.)
    """
    import httpx  # loaded with the client anyway

    problem = ""
    try:
        parts = urlsplit(api_base)
        parts.port  # noqa: B018 - raises for a port out of range or not a number
        url = httpx.URL(api_base)
        if url.scheme not in ("http", "https"):
            problem = "the scheme must be http or https"
        elif not url.host:
            problem = "Invalid URI: The hostname could not be parsed."
        else:
            url.raw_host.decode("ascii")  # IDNA-encodes the host; raises for an invalid name
    except (ValueError, UnicodeError, httpx.InvalidURL) as error:  # InvalidURL is a ValueError too
        problem = str(error) or type(error).__name__
    if problem:
        raise ApiArgumentError(f'The API base "{api_base}" cannot be used: {problem}')


def query_value(value: Any) -> str:
    """Text of a query value: Booleans as an HTTP API expects them (``true``), not .NET's ``True``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else to_ps_string(value)


def encode_path_segment(segment: str) -> str:
    """One path segment, with everything but unreserved characters escaped, dots included.

    ``.`` is escaped too (``%2E``) although it is unreserved, so that an id of
    ``.`` or ``..`` cannot turn into a dot-segment that clients and proxies
    would collapse.
    """
    text = segment if isinstance(segment, str) else to_ps_string(segment)
    if _UNRESERVED.fullmatch(text):  # an id as the API makes them: nothing to escape
        return text
    if text == "":
        raise ApiArgumentError("A URL path segment (an id) must not be empty.")
    try:
        return quote(text, safe="").replace(".", "%2E")
    except UnicodeEncodeError:  # a lone surrogate ("`u{D800}") has no UTF-8 form to percent-encode
        raise ApiArgumentError(f"The id {text!r} contains a character that cannot be sent in a URL.") from None


def encode_query(pairs: Iterable[tuple[str, Any]]) -> str:
    """Form-style query text (space as ``+``, ``include[]`` as ``include%5B%5D``); duplicates kept."""
    try:
        return "&".join(
            f"{quote_plus(query_value(key), safe='')}={quote_plus(query_value(value), safe='')}"
            for key, value in pairs
        )
    except UnicodeEncodeError:
        raise ApiArgumentError("A query value contains a character that cannot be sent in a URL.") from None


def build_url(
    settings: ApiSettings, path_segments: Sequence[str], query: Iterable[tuple[str, Any]] = ()
) -> str:
    """``<base>/<segments>?<base query>&<api-version>&<query>&<AdditionalQuery>``.

    A ``/`` is added to the base path when missing; a query already in the base
    is kept first.  For ApiType Azure the path starts with ``openai/`` and the
    ``api-version`` query follows the base's own query.
    """
    scheme, netloc, path, base_query = _base_parts(settings.api_base)
    segments = list(path_segments)
    if settings.is_azure:
        segments.insert(0, "openai")
    path += "/".join(encode_path_segment(segment) for segment in segments)
    query_parts = [base_query] if base_query else []
    if settings.is_azure and settings.api_version:
        query_parts.append(encode_query([("api-version", settings.api_version)]))
    if query or settings.additional_query:
        extra = encode_query([*query, *settings.additional_query])
        if extra:
            query_parts.append(extra)
    return urlunsplit((scheme, netloc, path, "&".join(query_parts), ""))


@functools.lru_cache(maxsize=64)
def _base_parts(api_base: str) -> tuple[str, str, str, str]:
    """Scheme, host, path (ending in ``/``) and query of a base URL: the same few bases, split once."""
    parts = urlsplit(api_base)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return parts.scheme, parts.netloc, path, parts.query
