"""Properties that must hold for any input: ids cannot reshape a URL, redaction never lets the key through."""

from __future__ import annotations

from urllib.parse import quote, unquote

from hypothesis import given, settings
from hypothesis import strategies as st

from psbridge.api import ApiSettings, build_url, encode_path_segment, redact
from psbridge.objects import SecureString

KEY_CHARS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", min_size=20)


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1))
def test_a_segment_stays_one_segment(segment: str) -> None:
    encoded = encode_path_segment(segment)
    assert not set(encoded) & set("/?#.\\ ")
    assert unquote(encoded) == segment


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(min_size=1), min_size=1, max_size=4))
def test_url_path_has_exactly_the_given_segments(segments: list[str]) -> None:
    s = ApiSettings(api_key=SecureString("sk-x0123456789"), api_base="http://127.0.0.1:1/v1")
    url = build_url(s, segments)
    path = url.removeprefix("http://127.0.0.1:1/v1/")
    assert "?" not in url
    assert path.split("/") == [encode_path_segment(x) for x in segments]


@settings(max_examples=150, deadline=None)
@given(KEY_CHARS, st.text(), st.text())
def test_redaction_removes_the_key(key: str, before: str, after: str) -> None:
    s = ApiSettings(api_key=SecureString(key))
    out = redact(before + key + after + key.upper(), s)
    assert key not in out
    assert key.upper() not in out


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcXYZ019_-~.%/ é"), min_size=1) | st.text(min_size=1))
def test_a_segment_is_what_quote_makes_of_it(segment: str) -> None:
    """Ids made only of unreserved characters skip ``quote``: the result must be the same."""
    try:
        expected = quote(segment, safe="").replace(".", "%2E")
    except UnicodeEncodeError:
        return  # a lone surrogate: test_a_segment_stays_one_segment's domain (an ArgumentException)
    assert encode_path_segment(segment) == expected
