"""Property test: whatever valid script runs, only PowerShell's errors come out (issue 16's fuzz over psbridge.run).

The scripts are drawn from the parser property test's building blocks, limited to what cannot
touch the machine or grow without bound: expressions (no commands, so no files, and no `*`,
whose nested repetition PowerShell itself would take to OutOfMemory), conditionals, switch,
try/catch, functions and their calls; no loops (a generated `do { } until ($false)` never ends
in PowerShell either).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import psbridge
from psbridge.errors import PSError
from tests.language.test_parser_properties import names, numbers, strings, types, variables

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")

_OPERATORS = st.sampled_from(
    ["+", "-", "/", "%", "-eq", "-cne", "-like", "-imatch", "-replace", "-and", "-or", "-band", "-f",
     "-contains", "-in", "-is", "-as", "-join", "-split", "..", "??", "-shl", "-gt", "-notmatch", "-bxor"]
)  # fmt: skip
_UNARY = st.sampled_from(["-not ", "!", "-", "-bnot ", ",", "-split ", "-join ", "++", "[int]", "[string]"])
_READ_ONLY_VARIABLES = variables.filter(lambda name: not name.lower().startswith("$env:"))


def _expressions(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, _OPERATORS, children).map(lambda t: f"({t[0]}) {t[1]} ({t[2]})"),
        st.tuples(_UNARY, children).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(children, children).map(lambda t: f"@({t[0]}, {t[1]})"),
        st.tuples(children, names).map(lambda t: f"({t[0]}).{t[1]}"),
        st.tuples(children, names, children).map(lambda t: f"({t[0]}).{t[1]}(({t[2]}))"),
        st.tuples(children, children).map(lambda t: f"({t[0]})[{t[1]}]"),
        st.tuples(children, children).map(lambda t: f"({t[0]})?[{t[1]}]"),
        st.tuples(types, children).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(names, children).map(lambda t: f"@{{ {t[0]} = {t[1]} }}"),
        st.tuples(names, children).map(lambda t: f"[pscustomobject]@{{ {t[0]} = {t[1]} }}"),
        children.map(lambda e: f"$({e})"),
        children.map(lambda e: f"& {{ param($a) $a; $args }} ({e}) 1"),
        st.tuples(children, children, children).map(lambda t: f"({t[0]}) ? ({t[1]}) : ({t[2]})"),
    )


_EXPRESSIONS = st.recursive(
    st.one_of(_READ_ONLY_VARIABLES, numbers, strings, types), _expressions, max_leaves=10
)


def _statements(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    block = st.lists(children, max_size=3).map(lambda items: "{ " + "; ".join(items) + " }")
    return st.one_of(
        st.tuples(_EXPRESSIONS, block, block).map(lambda t: f"if ({t[0]}) {t[1]} else {t[2]}"),
        st.tuples(_EXPRESSIONS, _EXPRESSIONS, block).map(
            lambda t: f"switch -wildcard ({t[0]}) {{ ({t[1]}) {t[2]} default {{ $_ }} }}"
        ),
        st.tuples(block, block, block).map(lambda t: f"try {t[0]} catch [System.Exception] {t[1]} finally {t[2]}"),
        st.tuples(names, block, _EXPRESSIONS).map(
            lambda t: f"function f{t[0]} {{ param([int]$a = 1, $b) {t[1]} }}; f{t[0]} -b ({t[2]})"
        ),
        block.map(lambda b: f"trap {{ 'trapped' }} {b}"),
    )


_SIMPLE = st.one_of(
    _EXPRESSIONS,
    st.tuples(names, st.sampled_from(["=", "+=", "-=", "??="]), _EXPRESSIONS).map(lambda t: f"${t[0]} {t[1]} {t[2]}"),
    _EXPRESSIONS.map(lambda e: f"throw ({e})"),
    _EXPRESSIONS.map(lambda e: f"Write-Output ({e}) | Where-Object {{ $_ }}"),
)
_SCRIPTS = st.lists(st.recursive(_SIMPLE, _statements, max_leaves=5), min_size=1, max_size=4).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_SCRIPTS)
def test_running_any_valid_script_raises_only_powershell_errors(text: str) -> None:
    try:
        psbridge.run(text)
    except psbridge.language.ParseError:
        pass  # a generated combination PowerShell's grammar refuses: the parser's own property tests cover it
    except PSError:
        pass  # PowerShell's terminating errors and PipelineError: what a script may end with
