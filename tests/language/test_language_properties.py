"""Property tests: parsing random text only ever raises ParseError; argument lists round-trip."""

from __future__ import annotations

import string
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psbridge.language import ParseError, command_arguments
from psbridge.language.subset import SourceText, parse, tokenize
from tests.language.language_helpers import RecordingHost, run

# Fragments that exercise the tokenizer's and parser's special cases far more often than random characters do.
_FRAGMENTS = [
    *"abcXYZ019 \t\n\r-+*/%=!?:;,.|&@$#<>()[]{}'\"`\\~^_",
    *"\u2013\u2014\u201c\u201d\u2018\u2019\xa0\0\u2028",
    "PS C:\\> ",
    "PS> ",
    "0x",
    "1kb",
    "1.5e3",
    "7d",
    "-eq",
    "-Name:",
    "$(",
    "@(",
    "@{",
    "${",
    "`n",
    "`u{",
    "<#",
    "#>",
    "--",
    "--%",
    "$true",
    "$null",
    "$env:",
    "$global:",
    "[pscustomobject]",
    "[int]",
    "Get-Thread",
    " | ",
    "@'",
    '@"',
    "2>&1",
    "if",
    "foreach",
]

powershellish = st.lists(st.sampled_from(_FRAGMENTS), max_size=30).map("".join)
any_text = st.one_of(st.text(max_size=60), powershellish)

_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(any_text)
def test_parse_raises_nothing_but_parse_error(text: str) -> None:
    try:
        parse(text)
    except ParseError as error:
        assert error.line >= 1 and error.column >= 1
        assert error.error_id
        assert error.error_message in str(error)


@_SETTINGS
@given(powershellish)
def test_tokens_of_valid_text_point_at_their_source(text: str) -> None:
    try:
        tokens = tokenize(text)
    except ParseError:
        return
    source = SourceText(text)
    previous_end = 0
    for token in tokens:
        assert token.text == text[token.start : token.end]
        assert token.start >= previous_end
        where = source.position(token.start)
        assert (token.line, token.column) == (where.line, where.column)
        previous_end = token.end


@_SETTINGS
@given(powershellish)
def test_evaluating_any_valid_script_only_reports_ps_errors(text: str) -> None:
    try:
        parse(text)
    except ParseError:
        return
    host = RecordingHost()
    run(text, host)  # statement-terminating errors are reported to the host, nothing escapes


# ---------------------------------------------------------------- argument lists round-trip
Rendered = tuple[str, Any]  # (source text, expected value)

_WORD_CHARS = string.ascii_letters + string.digits + "_-.:\\/"


def _single_quoted(value: str) -> str:
    quotes = "'\u2018\u2019\u201a\u201b"
    return "'" + "".join(c + c if c in quotes else c for c in value) + "'"


def _double_quoted(value: str) -> str:
    specials = '`$"\u201c\u201d\u201e'
    return '"' + "".join("`" + c if c in specials else c for c in value) + '"'


words = st.builds(
    lambda first, rest: (first + rest, first + rest),
    st.sampled_from(string.ascii_letters + "_"),
    st.text(alphabet=_WORD_CHARS, max_size=12),
)
single_quoted = st.text(max_size=15).map(lambda v: (_single_quoted(v), v))
double_quoted = st.text(max_size=15).map(lambda v: (_double_quoted(v), v))
integers = st.integers(min_value=0, max_value=2**31 - 1).map(lambda n: (str(n), n))
negative_words = st.integers(min_value=1, max_value=10**6).map(lambda n: (f"-{n}", f"-{n}"))
kilobytes = st.integers(min_value=0, max_value=2**20).map(lambda n: (f"{n}kb", n * 1024))
hexadecimals = st.integers(min_value=0, max_value=0x7FFFFFF).map(lambda n: (f"0x{n:X}", n))
reals = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False).map(
    lambda f: (repr(abs(f)), abs(f))
)
constants = st.sampled_from([("$true", True), ("$false", False), ("$null", None), ("$TRUE", True)])
scalars = st.one_of(
    words, single_quoted, double_quoted, integers, negative_words, kilobytes, hexadecimals, reals, constants
)
arrays = st.lists(scalars, min_size=2, max_size=4).flatmap(
    lambda items: st.sampled_from([",", ", ", " ,", " , "]).map(
        lambda comma: (comma.join(text for text, _ in items), [value for _, value in items])
    )
)
values = st.one_of(scalars, arrays)
names = st.text(alphabet=string.ascii_letters, min_size=1, max_size=10)

# Each argument: (source text, expected (parameter_name, value, has_value, parameter_text)).
Expected = tuple[str | None, Any, bool, str | None]
positional = values.map(lambda v: (v[0], (None, v[1], True, None)))
bare_parameter = names.map(lambda n: (f"-{n}", (n, None, False, f"-{n}")))
named_parameter = st.tuples(names, values, st.sampled_from(["", " "])).map(
    lambda t: (f"-{t[0]}:{t[2]}{t[1][0]}", (t[0], t[1][1], True, f"-{t[0]}:"))
)
arguments = st.lists(st.one_of(positional, bare_parameter, named_parameter), max_size=8)
separators = st.sampled_from([" ", "  ", "\t", " `\n  ", " <# c #> "])


@settings(max_examples=300, deadline=None)
@given(arguments, separators)
def test_argument_lists_round_trip(items: list[tuple[str, Expected]], separator: str) -> None:
    text = separator.join(["Test-Command", *(source for source, _ in items)])
    name, parsed = command_arguments(text)
    assert name == "Test-Command"
    observed = [(a.parameter_name, a.value, a.has_value, a.parameter_text) for a in parsed]
    assert observed == [expected for _, expected in items]
    again = [(a.parameter_name, a.value, a.has_value, a.parameter_text) for a in command_arguments(text)[1]]
    assert again == observed
