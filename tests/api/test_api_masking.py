"""Masking and redaction: pure functions, no sockets."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from psbridge.api import ApiSettings, mask_api_key, mask_organization, redact
from psbridge.api.masking import redact_json

STARS = "*" * 15


@pytest.mark.parametrize(
    ("key", "masked"),
    [
        ("sk-abcdefghijklmnopqrstuvwxyz", f"sk-abc{STARS}yz"),  # the reference's example
        ("sk-proj-abcdefghijklmnopqrstuvwxyz", f"sk-proj-abc{STARS}yz"),
        ("SK-PROJ-abcdefghijklmnop", f"SK-PROJ-abc{STARS}op"),  # prefixes match case-insensitively
        ("azurekey0123456789", f"azu{STARS}89"),  # any other key: first 3
        ("sk-abc-def_ghi.jkl~mno+pqr/stu", f"sk-abc{STARS}tu"),  # the allowed middle characters
        ("abcdef", f"abc{STARS}ef"),  # shortest maskable key
    ],
)
def test_mask_api_key(key: str, masked: str) -> None:
    assert mask_api_key(key) == masked


@pytest.mark.parametrize("key", ["", "abcde", "sk-abc def ghi jkl", "abc\u00e9\u00e9\u00e9xyz", "ab!@#$%cd"])
def test_mask_api_key_falls_back_to_placeholder(key: str) -> None:
    assert mask_api_key(key) == "<OpenAI API Key>"


def test_mask_api_key_short_proj_key_uses_the_next_rule() -> None:
    # Too short for the sk-proj- rule (needs 14+ characters): the sk- rule applies.
    assert mask_api_key("sk-proj-abcd") == f"sk-pro{STARS}cd"


@pytest.mark.parametrize(
    ("org", "masked"),
    [
        ("org-abcdefghijklmnop", f"org-ab{STARS}op"),
        ("ORG-abcdefghij", f"ORG-ab{STARS}ij"),
        ("myorganization", f"myo{STARS}on"),
        ("abcdef", f"abc{STARS}ef"),
        ("abcde", "<OpenAI Organization ID>"),
        ("org-abc", "<OpenAI Organization ID>"),
    ],
)
def test_mask_organization(org: str, masked: str) -> None:
    assert mask_organization(org) == masked


KEY = "sk-proj-Zyx9876543210abcdefGHIJKLmnopQR/st+uv"


def _settings(**kw: object) -> ApiSettings:
    return ApiSettings(api_key=KEY, **kw)  # type: ignore[arg-type]


def test_redact_replaces_the_key_in_every_spelling() -> None:
    s = _settings()
    texts = [
        f"key={KEY}",
        f"key={KEY.lower()}",  # case-insensitive, as PSOpenAI's regex replace
        json.dumps({"key": KEY}),
        json.dumps({"key": KEY}).replace("/", "\\/"),
        f"?q={quote(KEY, safe='')}",
    ]
    for text in texts:
        out = redact(text, s)
        assert KEY not in out and KEY.lower() not in out
        assert quote(KEY, safe="") not in out
        assert "<OpenAI API Key>" in out or "sk-proj-" in out


def test_redact_bearer_header_and_organization() -> None:
    s = _settings(organization="org-SecretOrg123456")
    text = f"Authorization: Bearer {KEY}\nOpenAI-Organization: org-SecretOrg123456"
    out = redact(text, s)
    assert out == "Authorization: Bearer ********\nOpenAI-Organization: <OpenAI Organization ID>"


def test_redact_masks_other_secret_looking_keys_and_any_bearer_token() -> None:
    out = redact(
        "Incorrect API key provided: sk-otherkey0123456789ABCDEFGH. Authorization: Bearer eyJ.tok", None
    )
    assert out == f"Incorrect API key provided: sk-oth{STARS}GH. Authorization: Bearer ********"


def test_redact_keeps_prose_and_already_masked_keys() -> None:
    text = f"Use Bearer auth, e.g. sk-abc{STARS}yz"
    assert redact(text, None) == text


def test_redact_json_redacts_keys_and_values_recursively() -> None:
    s = _settings()
    data = {"error": {"message": f"bad key {KEY}", "list": [KEY, 1, None], KEY: True}}
    out = redact_json(data, s)
    assert KEY not in json.dumps(out)
    assert out["error"]["list"][1:] == [1, None]


def test_settings_repr_hides_key_and_masks_organization() -> None:
    s = _settings(organization="org-abcdefghijklmnop", additional_headers=(("X-Secret", "v"),))
    text = repr(s) + str(s)
    assert KEY not in text
    assert "org-abcdefghijklmnop" not in text
    assert f"sk-proj-Zyx{STARS}uv" in text
    assert "X-Secret" in text and "'v'" not in text
