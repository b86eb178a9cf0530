"""The plain command line read without the parser gives exactly what the parser gives.

``plain_command`` takes a strict subset of command lines (names, ``-Name`` words,
bare words, small numbers) past the tokenizer and parser, for ``bind_text``'s speed
and the command line's start-up; every line it accepts must produce the same
arguments as the parser's path, and every line it refuses still goes through the
parser (so quotes, variables, ``-Name:value``, keywords keep their meaning).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from psbridge.language import bind_text, command_arguments
from psbridge.language.command_line import parsed_command_arguments
from psbridge.language.plain_command import KEYWORD_NAMES, plain_command
from psbridge.language.scan_words import KEYWORDS


def shape(arguments: Any) -> list[tuple[Any, ...]]:
    """Everything the binder reads off an argument, with the value's exact type and typed text."""
    return [
        (
            a.parameter_name,
            a.parameter_text,
            a.has_value,
            type(a.value),
            a.value,
            getattr(a.value, "ps_text", None),
            a.from_splat,
        )
        for a in arguments
    ]


def same_as_parser(text: str) -> None:
    name, arguments = command_arguments(text)
    parsed_name, parsed = parsed_command_arguments(text)
    assert (name, shape(arguments)) == (parsed_name, shape(parsed))


def test_the_benchmark_line_skips_the_parser_and_binds_as_before() -> None:
    line = "Wait-ThreadRun -RunId run_1 -ThreadId thread_1 -PollIntervalSec 0.5 -StatusForExit completed -TimeoutSec 10"
    assert plain_command(line) is not None
    same_as_parser(line)
    result = bind_text(line)
    assert result.parameter_set_name == "Id"
    assert result.bound_parameters["PollIntervalSec"] == 0.5
    assert result.bound_parameters["StatusForExit"] == ["completed"]


def test_a_number_keeps_its_typed_text_for_a_string_parameter() -> None:
    name, words = plain_command("Get-Thread -ThreadId 007")  # type: ignore[misc]
    assert (name, words[0]) == ("Get-Thread", (True, "ThreadId"))
    assert words[1][1] == 7 and words[1][1].ps_text == "007"
    assert bind_text("Get-Thread -ThreadId 007").bound_parameters == {"ThreadId": "007"}


@pytest.mark.parametrize(
    "text",
    [
        "if x",  # a keyword starts a statement
        "Foreach x",
        "Get-Thread -ThreadId:t",  # -Name:value
        "Get-Thread 'quoted'",
        "Get-Thread $true",
        "Get-Thread a,b",
        "Get-Thread -5",  # a dash and a digit
        "Get-Thread 1kb",  # a number with a multiplier
        "Get-Thread 0x10",
        "Get-Thread 1e3",
        "Get-Thread 2147483648",  # ten digits: Int64, left to the parser
        "Get-Thread -- -x",  # end of parameters
        " Get-Thread",  # spaces the parser trims
        "Get-Thread  x",
        "Get-Thread\tx",
        "PS> Get-Thread",  # a prompt
        ".\\script.ps1",
        "Get-Thread -a.b",
        "Get-Thread .5",
        "Get-Thread 5.",
    ],
)
def test_what_needs_the_parser_goes_to_it(text: str) -> None:
    assert plain_command(text) is None


def test_the_keyword_list_is_the_tokenizers() -> None:
    assert set(KEYWORDS) == KEYWORD_NAMES


_PIECES = st.sampled_from(
    ["a", "Z", "_", "-", ".", "0", "7", "12", "x1", "Run", "--", "-a", "1.5", "0.25", "in", "if", "e", "kb", "_b"]
)
_WORDS = st.lists(_PIECES, min_size=1, max_size=4).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=6))
def test_every_plain_line_gives_what_the_parser_gives(words: list[str]) -> None:
    text = " ".join(words)
    if plain_command(text) is None:
        return
    same_as_parser(text)
