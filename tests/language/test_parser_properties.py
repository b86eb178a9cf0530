"""Property tests: scripts generated from the grammar parse and round-trip; broken ones only give ParseError."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from psbridge.language import ParseError, Parser, SourceText, ast, parse, parse_input

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


def _method_argument(expression: str) -> str:
    """An argument as written in a method call.

    Inside ``$x.M( )`` commas separate arguments, and PowerShell's parser keeps that reading
    inside a hash literal too (HashExpressionRule does not reset ``_disableCommaOperator``;
    parentheses, ``$( )``, ``@( )``, ``{ }`` and ``[ ]`` do): ``$x.M(@{ A = 1, 2 })`` is a parse
    error in PowerShell.  The unary comma is refused there outright (UnaryExpressionRule returns
    no expression for it while ``_disableCommaOperator`` is set), so ``$x.M(,($y))`` is
    MissingEndParenthesisInMethodCall in PowerShell too.  A generated argument holding a
    hashtable or a unary comma (written ``,(`` by this generator) is parenthesized.
    """
    return f"({expression})" if "@{" in expression or ",(" in expression else expression


def _expressions(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, binary_operators, children).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(unary_operators, children).map(lambda t: f"{t[0]}({t[1]})"),
        children.map(lambda e: f"({e})"),
        st.tuples(children, children).map(lambda t: f"{t[0]}, {t[1]}"),
        st.tuples(variables, names).map(lambda t: f"{t[0]}.{t[1]}"),
        st.tuples(variables, children).map(lambda t: f"{t[0]}[{t[1]}]"),
        st.tuples(variables, names, children).map(lambda t: f"{t[0]}.{t[1]}({_method_argument(t[2])})"),
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
@example("do {  } until (($A.A((@{ A = $A, $A }))))")  # the hashtable argument, as generated now
@example("foreach ($A in (($A.A((,($A)))))) {  }")  # a unary-comma argument, as generated now
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


def test_a_comma_in_a_hashtable_in_method_arguments_separates_arguments_as_in_powershell() -> None:
    """Once a failing example of the generator above: the parser was right, the generated script was not.

    PowerShell's InvokeParamParenListRule sets ``_disableCommaOperator`` and HashExpressionRule
    (Parser.cs) does not reset it, so inside ``$A.A(@{ ... })`` the entry's ``$A, $A`` ends at
    the comma: the pipeline reports the comma as UnexpectedToken, then the hash literal misses its
    '}'.  Parentheses, sub-expressions, script blocks and index brackets read commas again.
    """
    _, errors = parse_input("do {  } until (($A.A(@{ A = $A, $A })))")
    assert [error.error_id for error in errors[:2]] == ["UnexpectedToken", "MissingEndCurlyBrace"]
    assert errors[0].extent.text == ","
    for text in ("$A.A(@{ A = ($A, $A) })", "$A.A(@{ A = @($A, $A) })", "$A.A(@{ A = $($A, $A) })",
                 "$A.A(@{ A = { $A, $A } })", "$A.A(@{ A = $B[$A, $A] })", "@{ A = $A, $A }"):  # fmt: skip
        tree = parse(text)
        arrays = list(tree.find_all(lambda node: isinstance(node, ast.ArrayLiteralAst)))
        assert len(arrays) == 1 and len(arrays[0].elements) == 2, text  # type: ignore[attr-defined]
    call = parse("$A.A(@{ A = 1 }, $A, 2)").find(lambda node: isinstance(node, ast.InvokeMemberExpressionAst))
    assert isinstance(call, ast.InvokeMemberExpressionAst) and len(call.arguments or []) == 3


def test_a_unary_comma_argument_of_a_method_is_a_missing_paren_as_in_powershell() -> None:
    """Once a failing example of the generator: ``$A.A(,($A))`` is no method call in PowerShell.

    InvokeParamParenListRule reads no expression at a comma (UnaryExpressionRule refuses it while
    commas separate arguments), so the argument list ends before it: MissingEndParenthesisInMethodCall.
    """
    _, errors = parse_input("foreach ($A in (($A.A(,($A))))) {  }")
    assert errors and errors[0].error_id == "MissingEndParenthesisInMethodCall"
    call = parse("$A.A((,($A)))").find(lambda node: isinstance(node, ast.InvokeMemberExpressionAst))
    assert isinstance(call, ast.InvokeMemberExpressionAst) and len(call.arguments or []) == 1


# ---------------------------------------------------------------- depth limits
# ``$a.b.b...``: ScriptBlockAst > NamedBlockAst > PipelineAst > CommandExpressionAst > n members > $a.
_CHAIN_OVERHEAD = 5
_LINKS = st.sampled_from([".b", "[0]", ".c(1)", "::d", "?.e", "?[1]", ".$f", "[1..2]"])


@pytest.mark.parametrize("link", [".b", "[0]", ".M()", "::S", "?.b", "?[0]"])
def test_member_and_index_chains_deeper_than_the_limit_are_script_too_complicated(link: str) -> None:
    longest = ast.MAX_HEIGHT - _CHAIN_OVERHEAD
    tree, errors = parse_input("$a" + link * longest)
    assert errors == [] and ast.tree_height(tree)[0] == ast.MAX_HEIGHT
    assert tree.to_dict()["Kind"] == "ScriptBlockAst"  # consumers can walk the deepest tree allowed
    for length in (longest + 1, 20_000):
        _, errors = parse_input("$a" + link * length)
        assert [error.error_id for error in errors] == ["ScriptTooComplicated"]
        assert errors[0].message == "Processing was stopped because the script is too complex."


@pytest.mark.parametrize("text", ["1" + " + 1" * 300, "$x" + " -and $x" * 300, "'a'" + " -f 'b'" * 300,
                                  "$a" + ".b($a" * 150 + ")" * 150, "[int]" * 300 + "1"])  # fmt: skip
def test_other_deep_trees_are_script_too_complicated_not_recursion_errors(text: str) -> None:
    _, errors = parse_input(text)
    assert [error.error_id for error in errors] == ["ScriptTooComplicated"]


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINKS, min_size=1, max_size=600), st.sampled_from(["$a", "$a.b($c.d[0])", "[int]::x"]))
def test_a_chain_parses_within_the_limit_or_is_script_too_complicated(links: list[str], start: str) -> None:
    text = start + "".join(links)
    tree, errors = parse_input(text)
    if errors:
        assert [error.error_id for error in errors] == ["ScriptTooComplicated"]
        assert len(links) > ast.MAX_HEIGHT - 2 * _CHAIN_OVERHEAD
    else:
        assert ast.tree_height(tree)[0] <= ast.MAX_HEIGHT
        _check_round_trip(text, tree)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(scripts, mutated_scripts(), st.text(alphabet="{}()[]$@\"'.,;|&=-!:x1 \n", max_size=60)))
def test_the_tree_is_never_deeper_than_eight_levels_a_token(text: str) -> None:
    """The bound that lets the parser skip the depth walk for short scripts (check_nesting)."""
    parser = Parser(SourceText(text, None))
    tree = parser.parse_script()
    assert ast.tree_height(tree)[0] <= 8 * (parser.tokenizer.scanned + 2)
