"""Where the key, base URL and organization come from, as PSOpenAI resolves them.

Resolution happens once per cmdlet invocation, before any request, because
PSOpenAI reports a missing key as a terminating error in ``begin``.  The result
is an immutable :class:`ApiSettings` that the client reads and never changes,
so one client can be shared by threads.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from ..objects import SecureString, Uri, UriFormatError, is_ps_collection, to_ps_string
from ..records import field, record
from .errors import ApiArgumentError, MissingApiBaseError, MissingApiKeyError
from .masking import mask_api_key, mask_organization
from .reading import DEFAULT_MAX_RESPONSE_BYTES
from .urls import query_value

__all__ = [
    "DEFAULT_API_BASE",
    "DEFAULT_AZURE_API_VERSION",
    "ApiSettings",
    "resolve_settings",
]

DEFAULT_API_BASE = "https://api.openai.com/v1"
DEFAULT_AZURE_API_VERSION = "2025-04-01-preview"

_KEY_VARIABLE = "OPENAI_API_KEY"
_BASE_VARIABLE = "OPENAI_API_BASE"
_ORG_VARIABLE = "OPENAI_ORGANIZATION"
_LIMIT_VARIABLE = "PSBRIDGE_MAX_RESPONSE_BYTES"
_AUTH_TYPES = ("openai", "azure", "azure_ad")
_EMPTY: Mapping[str, Any] = MappingProxyType({})


@record(frozen=True, repr=False)
class ApiSettings:
    """Everything the client needs to reach the API for one cmdlet invocation.

    ``api_key`` is always a :class:`SecureString` (a plain ``str`` given to the
    constructor is converted) so that the key cannot leak through ``repr``,
    ``vars()`` or a debugger's view of this object.
    """

    api_key: SecureString
    api_base: str = DEFAULT_API_BASE
    organization: str | None = None
    timeout_sec: float = 0  # seconds; 0 = none (resolve_settings gives an int, like -TimeoutSec)
    max_retry_count: int = 0
    api_type: str = "OpenAI"
    auth_type: str = "openai"
    api_version: str | None = None
    additional_query: tuple[tuple[str, str], ...] = ()
    additional_headers: tuple[tuple[str, str | SecureString], ...] = ()
    additional_body: Any = None
    verbose_messages: tuple[str, ...] = field(default=(), compare=False)
    #: The largest response body accepted, as received and once decompressed (PSBRIDGE_MAX_RESPONSE_BYTES).
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES

    def __post_init__(self) -> None:
        if not isinstance(self.api_key, SecureString):
            object.__setattr__(self, "api_key", SecureString(str(self.api_key)))

    @property
    def service_name(self) -> str:
        """The name PSOpenAI puts in messages: ``OpenAI`` or ``Azure OpenAI`` (by AuthType)."""
        return "Azure OpenAI" if self.auth_type.startswith("azure") else "OpenAI"

    @property
    def is_azure(self) -> bool:
        return self.api_type == "Azure"

    def __repr__(self) -> str:
        organization = mask_organization(self.organization) if self.organization else None
        header_names = tuple(name for name, _ in self.additional_headers)
        return (
            f"ApiSettings(api_key={mask_api_key(self.api_key.reveal())!r}, api_base={self.api_base!r}, "
            f"organization={organization!r}, timeout_sec={self.timeout_sec!r}, "
            f"max_retry_count={self.max_retry_count!r}, api_type={self.api_type!r}, "
            f"auth_type={self.auth_type!r}, api_version={self.api_version!r}, "
            f"additional_query={len(self.additional_query)} item(s), "
            f"additional_headers={header_names!r}, "
            f"additional_body={'<set>' if self.additional_body is not None else None})"
        )

    __str__ = __repr__


class _Folded:
    """Case-insensitive view of a mapping (PowerShell parameter and variable names)."""

    def __init__(self, mapping: Mapping[str, Any]) -> None:
        # "global:NAME" and "NAME" are the same global variable.
        self._items = {str(k).casefold().removeprefix("global:"): v for k, v in mapping.items()}

    def get(self, name: str) -> Any:
        return self._items.get(name.casefold())


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, SecureString):
        return len(value) == 0
    return isinstance(value, str) and not value.strip()


def _resolve_key(
    params: _Folded, variables: _Folded, environ: Mapping[str, str], log: list[str]
) -> SecureString:
    value = params.get("ApiKey")
    if _blank(value):
        value = None
        global_value = variables.get(_KEY_VARIABLE)
        # A SecureString in the global variable is ignored, as PSOpenAI does.
        if isinstance(global_value, str) and global_value.strip():
            value = global_value
            log.append(f'API Key found in global variable "{_KEY_VARIABLE}".')
        elif environ.get(_KEY_VARIABLE, "").strip():
            value = environ[_KEY_VARIABLE]
            log.append(f'API Key found in environment variable "{_KEY_VARIABLE}".')
    if value is None:
        raise MissingApiKeyError()
    if isinstance(value, SecureString):
        key = value
    elif isinstance(value, str):
        key = SecureString(value)
    else:
        raise ApiArgumentError(
            f'Cannot convert the value of type "{type(value).__name__}" '
            'to type "System.Security.SecureString".'
        )
    log.append(f"API key to be used is {mask_api_key(key.reveal())}")
    return key


def _as_uri(value: Any) -> Uri | None:
    if isinstance(value, Uri):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return Uri(value.strip())
        except UriFormatError:
            return None
    return None


def _resolve_base(
    params: _Folded, variables: _Folded, environ: Mapping[str, str], api_type: str, log: list[str]
) -> str:
    uri = _as_uri(params.get("ApiBase"))
    if uri is None:
        uri = _as_uri(variables.get(_BASE_VARIABLE))
        if uri is not None:
            log.append(f'API base found in global variable "{_BASE_VARIABLE}".')
    if uri is None:
        uri = _as_uri(environ.get(_BASE_VARIABLE))
        if uri is not None:
            log.append(f'API base found in environment variable "{_BASE_VARIABLE}".')
    if uri is not None and uri.is_absolute:
        return uri.original_string.strip()
    if api_type == "Azure":
        raise MissingApiBaseError()
    return DEFAULT_API_BASE


def _resolve_organization(
    params: _Folded, variables: _Folded, environ: Mapping[str, str], log: list[str]
) -> str | None:
    candidates = (params.get("Organization"), variables.get(_ORG_VARIABLE), environ.get(_ORG_VARIABLE))
    for value in candidates:
        if isinstance(value, str) and value.strip():
            organization = value.strip()
            log.append(f"Organization-ID to be used is {mask_organization(organization)}")
            return organization
    return None


def _api_type(value: Any) -> str:
    text = "OpenAI" if value is None else to_ps_string(value).strip()
    for name in ("OpenAI", "Azure"):
        if text.casefold() == name.casefold():
            return name
    raise ApiArgumentError(
        f'Cannot convert value "{text}" to type "OpenAIApiType". Valid values: OpenAI, Azure.'
    )


def _auth_type(value: Any, api_type: str) -> str:
    if api_type == "OpenAI":
        return "openai"  # PSOpenAI ignores -AuthType for the OpenAI service
    text = "" if value is None else to_ps_string(value).strip().lower()
    if text and text not in _AUTH_TYPES:
        raise ApiArgumentError(f'AuthType "{text}" is not one of: {", ".join(_AUTH_TYPES)}.')
    return text if text.startswith("azure") else "azure"


def _int_setting(value: Any, name: str, low: int, high: int | None) -> int:
    if value is None or value == "":
        return 0
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ApiArgumentError(f'Cannot convert value "{value}" of {name} to type "System.Int32".') from None
    if number < low or (high is not None and number > high):
        bound = f"{low}..{high}" if high is not None else f">= {low}"
        raise ApiArgumentError(f"{name} must be in the range {bound}, not {number}.")
    return number


def _check_mapping(mapping: Any, name: str) -> Mapping[Any, Any]:
    if not isinstance(mapping, Mapping):
        raise ApiArgumentError(f"{name} must be a dictionary, not {type(mapping).__name__}.")
    return mapping


def _query_pairs(mapping: Any) -> tuple[tuple[str, str], ...]:
    """AdditionalQuery as pairs; a list value becomes one pair per item (``include[]`` needs that)."""
    if mapping is None:
        return ()
    result: list[tuple[str, str]] = []
    for key, value in _check_mapping(mapping, "AdditionalQuery").items():
        if isinstance(value, SecureString):
            raise ApiArgumentError("A SecureString cannot be sent in a URL query (AdditionalQuery).")
        if is_ps_collection(value):
            items: Iterable[Any] = value
            result.extend((to_ps_string(key), query_value(item)) for item in items)
        else:
            result.append((to_ps_string(key), query_value(value)))
    return tuple(result)


def _header_pairs(mapping: Any) -> tuple[tuple[str, str | SecureString], ...]:
    """AdditionalHeaders as pairs; a SecureString value stays one until the request is sent."""
    if mapping is None:
        return ()
    return tuple(
        (to_ps_string(key), value if isinstance(value, SecureString) else query_value(value))
        for key, value in _check_mapping(mapping, "AdditionalHeaders").items()
    )


def _response_limit(environ: Mapping[str, str]) -> int:
    """``$env:PSBRIDGE_MAX_RESPONSE_BYTES`` (a positive integer), else the default."""
    text = environ.get(_LIMIT_VARIABLE, "").strip()
    if not text:
        return DEFAULT_MAX_RESPONSE_BYTES
    if not (text.isascii() and text.isdigit()) or int(text) <= 0:
        raise ApiArgumentError(f'The environment variable "{_LIMIT_VARIABLE}" must be a positive number of bytes.')
    return int(text)


def resolve_settings(
    params: Mapping[str, Any],
    *,
    session_variables: Mapping[str, Any] = _EMPTY,
    environ: Mapping[str, str] = os.environ,
) -> ApiSettings:
    """The connection settings of one cmdlet invocation.

    ``params`` are the bound parameters by canonical name (matched
    case-insensitively).  Key: parameter, then the global variable
    ``OPENAI_API_KEY`` (plain strings only), then the environment.  Base:
    parameter, global, environment, then the public endpoint (a relative base
    also falls back to it for the OpenAI service; Azure needs an absolute one).
    Organization: parameter, global, environment.  Raises
    :class:`MissingApiKeyError` when no key is found.
    """
    folded = _Folded(params)
    variables = _Folded(session_variables)
    log: list[str] = []
    api_type = _api_type(folded.get("ApiType"))
    api_key = _resolve_key(folded, variables, environ, log)
    api_base = _resolve_base(folded, variables, environ, api_type, log)
    organization = _resolve_organization(folded, variables, environ, log)
    api_version = folded.get("ApiVersion")
    api_version = None if _blank(api_version) else to_ps_string(api_version).strip()
    if api_type == "Azure" and api_version is None:
        api_version = DEFAULT_AZURE_API_VERSION
    return ApiSettings(
        api_key=api_key,
        api_base=api_base,
        organization=organization,
        timeout_sec=_int_setting(folded.get("TimeoutSec"), "TimeoutSec", -(2**31), None),
        max_retry_count=_int_setting(folded.get("MaxRetryCount"), "MaxRetryCount", 0, 100),
        api_type=api_type,
        auth_type=_auth_type(folded.get("AuthType"), api_type),
        api_version=api_version,
        additional_query=_query_pairs(folded.get("AdditionalQuery")),
        additional_headers=_header_pairs(folded.get("AdditionalHeaders")),
        additional_body=folded.get("AdditionalBody"),
        verbose_messages=tuple(log),
        max_response_bytes=_response_limit(environ),
    )
