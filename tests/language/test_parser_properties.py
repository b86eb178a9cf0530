"""Property tests: scripts generated from the grammar parse and round-trip; broken ones only give ParseError."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psbridge.language import ParseError, ast, parse, parse_input

# The recursive strategies are large; hypothesis warns about the size of their repr.
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")

# ---------------------------------------------------------------- a generator of valid PowerShell
names = st.text(alphabet=string.ascii_letters, min_size=1, max_size=8)
variables = names.map(lambda name: f"${name}") | st.sampled_from(["$_", "$global:x", "$env:PATH", "${a b}"])
numbers = st.sampled_from(["0", "42", "0x1F", "1.5", "1kb", "2e3", "7l", "1.5d", "0b101"])
strings = st.one_of(
    st.text(alphabet=string.ascii_letters + " .,:", max_size=12).map(lambda text: f"'{text}'"),
    st.text(alphabet=string.ascii_letters + " ", max_size=12).map(lambda text: f'"{text}"'),
    st.sampled_from(['"a $x b"', '"$($x + 1)"', "@'\nhere\n'@", '@"\n$x\n"@', "'it''s'"]),
)
types = st.sampled_from(["[int]", "[string[]]", "[System.Collections.Generic.List[string]]", "[hashtable]"])
binary_operators = st.sampled_from(
    ["+", "-", "*", "/", "%", "-eq", "-cne", "-like", "-imatch", "-replace", "-and", "-or", "-band", "-f",
     "-contains", "-in", "-is", "-as", "-join", "-split", "..", "??", "-shl", "-gt"]
)  # fmt: skip
unary_operators = st.sampled_from(["-not ", "!", "-", "-bnot ", ",", "-split ", "-join "])
commands = st.sampled_from(["Get-Thing", "Write-Output", "ForEach-Object", "New-Item", "Invoke-X"])


def _expressions(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, binary_operators, children).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(unary_operators, children).map(lambda t: f"{t[0]}({t[1]})"),
        children.map(lambda e: f"({e})"),
        st.tuples(children, children).map(lambda t: f"{t[0]}, {t[1]}"),
        st.tuples(variables, names).map(lambda t: f"{t[0]}.{t[1]}"),
        st.tuples(variables, children).map(lambda t: f"{t[0]}[{t[1]}]"),
        st.tuples(variables, names, children).map(lambda t: f"{t[0]}.{t[1]}({t[2]})"),
        st.tuples(types, children).map(lambda t: f"{t[0]}({t[1]})"),
        types.map(lambda t: f"{t}::new()"),
        st.tuples(names, children).map(lambda t: f"@{{ {t[0]} = {t[1]} }}"),
        children.map(lambda e: f"@({e})"),
        children.map(lambda e: f"$({e})"),
        st.tuples(children, children, children).map(lambda t: f"({t[0]}) ? ({t[1]}) : ({t[2]})"),
        children.map(lambda e: "{ " + e + " }"),
    )


expressions = st.recursive(st.one_of(variables, numbers, strings, types), _expressions, max_leaves=12)
arguments = st.one_of(
    names,
    names.map(lambda n: f"-{n}"),
    st.tuples(names, expressions).map(lambda t: f"-{t[0]}:({t[1]})"),
    variables,
    strings,
    numbers,
    expressions.map(lambda e: f"({e})"),
    names.map(lambda n: f"@{n}"),
)
redirections = st.sampled_from(["", " 2>&1", " > $null", " *>>log.txt", " 2>&1 3>$null"])  # a stream once
command_lines = st.tuples(commands, st.lists(arguments, max_size=4), redirections).map(
    lambda t: " ".join([t[0], *t[1]]) + t[2]
)
pipelines = st.one_of(
    st.lists(command_lines, min_size=1, max_size=3).map(" | ".join),
    st.tuples(expressions, st.lists(command_lines, max_size=2)).map(lambda t: " | ".join([f"({t[0]})", *t[1]])),
    st.tuples(command_lines, command_lines).map(lambda t: f"{t[0]} && {t[1]}"),
)


def _statements(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    block = st.lists(children, max_size=3).map(lambda items: "{ " + "; ".join(items) + " }")
    return st.one_of(
        st.tuples(expressions, block, block).map(lambda t: f"if ({t[0]}) {t[1]} else {t[2]}"),
        st.tuples(expressions, block, expressions, block).map(
            lambda t: f"if ({t[0]}) {t[1]} elseif ({t[2]}) {t[3]}"
        ),
        st.tuples(variables, expressions, block).map(lambda t: f"foreach ({t[0]} in {t[1]}) {t[2]}"),
        st.tuples(names, block).map(lambda t: f":{t[0]} while ($true) {t[1]}"),
        st.tuples(block, expressions).map(lambda t: f"do {t[0]} until ({t[1]})"),
        block.map(lambda b: f"for ($i = 0; $i -lt 3; $i++) {b}"),
        st.tuples(expressions, expressions, block).map(
            lambda t: f"switch -regex ({t[0]}) {{ ({t[1]}) {t[2]} default {{ 1 }} }}"
        ),
        st.tuples(block, block, pipelines).map(  # return/break may not leave a finally block
            lambda t: f"try {t[0]} catch [System.Exception] {t[1]} finally {{ {t[2]} }}"
        ),
        st.tuples(names, block).map(lambda t: f"function {t[0]} {{ param([int]$a = 1, $b) {t[1]} }}"),
        st.tuples(names, block).map(lambda t: f"filter {t[0]} {{ begin {t[1]} process {{ $_ }} }}"),
        block.map(lambda b: f"trap {b}"),
    )


simple_statements = st.one_of(
    pipelines,
    st.tuples(variables, st.sampled_from(["=", "+=", "??="]), pipelines).map(lambda t: " ".join(t)),
    expressions.map(lambda e: f"return {e}"),
    st.just("break"),
    expressions.map(lambda e: f"throw {e}"),
)
statements = st.recursive(simple_statements, _statements, max_leaves=6)
scripts = st.lists(statements, min_size=1, max_size=4).flatmap(
    lambda items: st.sampled_from(["\n", "; ", "\r\n"]).map(lambda separator: separator.join(items))
)

_SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# PowerShell's own extents that do not nest: a param block's attributes stand before 'param', and a
# class constructor's base() call sits before its body's statements.
_NOT_NESTED = (ast.ParamBlockAst, ast.NamedBlockAst)


def _check_round_trip(text: str, tree: ast.ScriptBlockAst) -> None:
    for node in tree.find_all(lambda _: True):
        extent = node.extent
        assert extent.text == text[extent.start_offset : extent.end_offset]
        for child in node.children():
            assert child.parent is node
            if not isinstance(node, _NOT_NESTED):
                assert extent.start_offset <= child.extent.start_offset <= child.extent.end_offset <= extent.end_offset


@_SETTINGS
@given(scripts)
def test_generated_scripts_parse_and_their_extents_are_their_text(text: str) -> None:
    tree, errors = parse_input(text)
    assert not errors, (text, [str(error) for error in errors])
    _check_round_trip(text, tree)


_BREAKERS = ["(", ")", "{", "}", "[", "]", '"', "'", "@'", '@"', "$(", "|", ",", "=", "-", ".", "::", "`", "#",
             "<#", "&&", "?", ":", "@{", "\n", "-f", "$", "2>", "@"]  # fmt: skip


@st.composite
def mutated_scripts(draw: st.DrawFn) -> str:
    text = draw(scripts)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        position = draw(st.integers(min_value=0, max_value=len(text)))
        action = draw(st.sampled_from(["insert", "delete", "truncate"]))
        if action == "insert":
            text = text[:position] + draw(st.sampled_from(_BREAKERS)) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + 1 :]
        else:
            text = text[:position]
    return text


@_SETTINGS
@given(mutated_scripts())
def test_mutated_scripts_give_parse_errors_and_nothing_else(text: str) -> None:
    try:
        tree = parse(text)
    except ParseError as error:
        assert error.errors and error.errors[0].error_id == error.error_id
        for item in error.errors:
            extent = item.extent
            assert 0 <= extent.start_offset <= extent.end_offset <= len(text) + 1
            assert item.message and str(item)
        return
    _check_round_trip(text, tree)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gives_a_tree_or_parse_errors(text: str) -> None:
    try:
        parse(text)
    except ParseError:
        pass


def test_nesting_deeper_than_the_stack_is_script_too_complicated() -> None:
    for text in ("(" * 3000 + "1" + ")" * 3000, "{" * 3000 + "}" * 3000, "if (1) {" * 800 + "}" * 800):
        _, errors = parse_input(text)
        assert [error.error_id for error in errors] == ["ScriptTooComplicated"]
        assert errors[0].message == "Processing was stopped because the script is too complex."
