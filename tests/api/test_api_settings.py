"""resolve_settings: where the key, base and organization come from (no sockets)."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from psbridge.api import (
    DEFAULT_API_BASE,
    ApiArgumentError,
    ApiSettings,
    MissingApiBaseError,
    MissingApiKeyError,
    resolve_settings,
)
from psbridge.errors import ErrorCategory, PSError
from psbridge.objects import Hashtable, SecureString, Uri

PARAM_KEY = "sk-param0123456789abcdefghij"
GLOBAL_KEY = "sk-global0123456789abcdefghij"
ENV_KEY = "sk-environ0123456789abcdefghij"


def resolve(
    params: dict[str, Any] | None = None,
    variables: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> ApiSettings:
    return resolve_settings(params or {}, session_variables=variables or {}, environ=environ or {})


class TestApiKey:
    def test_parameter_first(self) -> None:
        s = resolve({"ApiKey": PARAM_KEY}, {"OPENAI_API_KEY": GLOBAL_KEY}, {"OPENAI_API_KEY": ENV_KEY})
        assert isinstance(s.api_key, SecureString)
        assert s.api_key.reveal() == PARAM_KEY
        assert s.verbose_messages == (f"API key to be used is sk-par{'*' * 15}ij",)

    def test_parameter_as_securestring_and_case_insensitive_name(self) -> None:
        secret = SecureString(PARAM_KEY)
        s = resolve({"apikey": secret})
        assert s.api_key is secret

    def test_global_variable_second(self) -> None:
        s = resolve({}, {"openai_api_key": GLOBAL_KEY}, {"OPENAI_API_KEY": ENV_KEY})
        assert s.api_key.reveal() == GLOBAL_KEY
        assert s.verbose_messages[0] == 'API Key found in global variable "OPENAI_API_KEY".'

    def test_global_securestring_is_ignored(self) -> None:
        s = resolve({}, {"OPENAI_API_KEY": SecureString(GLOBAL_KEY)}, {"OPENAI_API_KEY": ENV_KEY})
        assert s.api_key.reveal() == ENV_KEY
        assert s.verbose_messages[0] == 'API Key found in environment variable "OPENAI_API_KEY".'

    def test_environment_third(self) -> None:
        s = resolve({"ApiKey": None}, {}, {"OPENAI_API_KEY": ENV_KEY})
        assert s.api_key.reveal() == ENV_KEY

    def test_blank_values_are_skipped(self) -> None:
        s = resolve({"ApiKey": "  "}, {"OPENAI_API_KEY": ""}, {"OPENAI_API_KEY": ENV_KEY})
        assert s.api_key.reveal() == ENV_KEY

    def test_missing_key(self) -> None:
        with pytest.raises(MissingApiKeyError) as info:
            resolve({}, {"OPENAI_API_KEY": SecureString(GLOBAL_KEY)}, {"OPENAI_API_KEY": ""})
        error = info.value
        assert isinstance(error, PSError)
        assert str(error) == 'Please specify your OpenAI API key to "ApiKey" parameter.'
        assert error.error_id == "ArgumentException"
        assert error.category == ErrorCategory.InvalidArgument

    def test_wrong_type(self) -> None:
        with pytest.raises(ApiArgumentError, match=r"System\.Security\.SecureString"):
            resolve({"ApiKey": 123})

    def test_str_key_given_to_the_dataclass_is_converted(self) -> None:
        s = ApiSettings(api_key=PARAM_KEY)  # type: ignore[arg-type]
        assert isinstance(s.api_key, SecureString)
        assert PARAM_KEY not in repr(s)


class TestApiBase:
    KEY: ClassVar[dict[str, Any]] = {"ApiKey": PARAM_KEY}

    def test_default(self) -> None:
        assert resolve(self.KEY).api_base == DEFAULT_API_BASE == "https://api.openai.com/v1"

    def test_parameter_str_and_uri(self) -> None:
        assert resolve({**self.KEY, "ApiBase": "http://127.0.0.1:1/v1"}).api_base == "http://127.0.0.1:1/v1"
        assert resolve({**self.KEY, "ApiBase": Uri("http://h/x")}).api_base == "http://h/x"

    def test_order_global_then_environment(self) -> None:
        s = resolve(self.KEY, {"OPENAI_API_BASE": "http://global/"}, {"OPENAI_API_BASE": "http://env/"})
        assert s.api_base == "http://global/"
        assert 'API base found in global variable "OPENAI_API_BASE".' in s.verbose_messages
        s = resolve(self.KEY, {}, {"OPENAI_API_BASE": "http://env/"})
        assert s.api_base == "http://env/"
        assert 'API base found in environment variable "OPENAI_API_BASE".' in s.verbose_messages

    def test_parameter_beats_global(self) -> None:
        s = resolve({**self.KEY, "ApiBase": "http://param/"}, {"OPENAI_API_BASE": "http://global/"})
        assert s.api_base == "http://param/"

    @pytest.mark.parametrize("base", ["relative/path", "/v1", Uri("threads")])
    def test_relative_base_falls_back_to_default(self, base: Any) -> None:
        assert resolve({**self.KEY, "ApiBase": base}).api_base == DEFAULT_API_BASE

    def test_azure_needs_a_base(self) -> None:
        with pytest.raises(MissingApiBaseError, match='Azure OpenAI Endpoint to "ApiBase"'):
            resolve({**self.KEY, "ApiType": "Azure"})


class TestOrganization:
    KEY: ClassVar[dict[str, Any]] = {"ApiKey": PARAM_KEY}

    def test_order(self) -> None:
        env = {"OPENAI_ORGANIZATION": "org-environment"}
        assert (
            resolve(
                {**self.KEY, "Organization": "org-param1"}, {"OPENAI_ORGANIZATION": "org-g"}, env
            ).organization
            == "org-param1"
        )
        assert resolve(self.KEY, {"OPENAI_ORGANIZATION": "org-global1"}, env).organization == "org-global1"
        assert resolve(self.KEY, {}, env).organization == "org-environment"
        assert resolve(self.KEY).organization is None

    def test_trimmed_and_masked_in_verbose(self) -> None:
        s = resolve({**self.KEY, "Organization": "  org-abcdefghijkl  "})
        assert s.organization == "org-abcdefghijkl"
        assert s.verbose_messages[-1] == f"Organization-ID to be used is org-ab{'*' * 15}kl"

    def test_blank_is_none(self) -> None:
        assert resolve({**self.KEY, "Organization": "   "}).organization is None


class TestOtherSettings:
    KEY: ClassVar[dict[str, Any]] = {"ApiKey": PARAM_KEY}

    def test_defaults(self) -> None:
        s = resolve(self.KEY)
        assert (s.timeout_sec, s.max_retry_count, s.api_type, s.auth_type, s.api_version) == (
            0,
            0,
            "OpenAI",
            "openai",
            None,
        )
        assert s.service_name == "OpenAI"

    def test_auth_type_forced_to_openai_for_openai(self) -> None:
        assert resolve({**self.KEY, "AuthType": "azure"}).auth_type == "openai"

    @pytest.mark.parametrize(
        ("given", "expected"), [(None, "azure"), ("openai", "azure"), ("azure_ad", "azure_ad")]
    )
    def test_azure_auth_type(self, given: str | None, expected: str) -> None:
        s = resolve({**self.KEY, "ApiType": "azure", "ApiBase": "https://x.example", "AuthType": given})
        assert s.api_type == "Azure"
        assert s.auth_type == expected
        assert s.api_version == "2025-04-01-preview"
        assert s.service_name == "Azure OpenAI"

    def test_numbers_and_extras(self) -> None:
        s = resolve(
            {
                **self.KEY,
                "TimeoutSec": 5,
                "MaxRetryCount": 4,
                "AdditionalQuery": Hashtable({"a": 1, "b": True, "include[]": ["x", "y"]}),
                "AdditionalHeaders": {"X-One": "1"},
                "AdditionalBody": '{"k": 1}',
            }
        )
        assert (s.timeout_sec, s.max_retry_count) == (5, 4)
        assert s.additional_query == (("a", "1"), ("b", "true"), ("include[]", "x"), ("include[]", "y"))
        assert s.additional_headers == (("X-One", "1"),)
        assert s.additional_body == '{"k": 1}'

    @pytest.mark.parametrize(
        "params",
        [
            {"MaxRetryCount": 101},
            {"MaxRetryCount": -1},
            {"ApiType": "Other"},
            {"AdditionalQuery": "a=b"},
            {"TimeoutSec": "soon"},
        ],
    )
    def test_invalid_values(self, params: dict[str, Any]) -> None:
        with pytest.raises(ApiArgumentError):
            resolve({**self.KEY, **params})
