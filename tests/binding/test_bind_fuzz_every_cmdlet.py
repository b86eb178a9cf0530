"""Issue #16 item 7: a bounded fuzz run of ``psbridge.bind`` over every implemented cmdlet.

Random positional arguments, named parameters (the cmdlet's own names, their
prefixes and aliases, and names it does not have) and pipeline input, with
values of every shape a Python caller can pass -- lone surrogates, NaN,
10**400, Decimal NaN, nested lists, hashtables, objects, bytes, odd URIs --
must bind or fail with a PSError (a ParameterBindingError, PowerShell's ids),
never a Python exception.
"""

from __future__ import annotations

import decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import psbridge
from psbridge.errors import PSError
from psbridge.objects import Hashtable, PSObject, SecureString
from psbridge.runtime import registered_cmdlets
from psbridge.specs import get_spec, known_cmdlets

# Every cmdlet with a committed spec (test modules imported earlier may have registered cmdlets that
# carry their own spec: get_spec cannot find those, so the draw would depend on the test order).
_COMMITTED = {name.casefold() for name in known_cmdlets()}
CMDLETS = [name for name in registered_cmdlets() if name.casefold() in _COMMITTED]

_texts = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "\ud800", "a\udfffb", "run_1", "thread_1", "-Wait", "$null", "completed", "1e3"]),
    st.sampled_from(["http://127.0.0.1:99999/v1", "http://[::1/v1", "http://a:1:2/v1", "http://xn--/v1", "::"]),
)
_numbers = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([10**400, -(10**400), 2**31, -(2**31) - 1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([decimal.Decimal(text) for text in ("NaN", "Infinity", "sNaN", "1E+999999", "0.5")]),
)
_scalars = st.one_of(
    st.none(), st.booleans(), _texts, _numbers, st.binary(max_size=8), st.just(SecureString("sk-fuzz-0123456789"))
)


def _containers(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(
        st.lists(children, max_size=4),
        st.tuples(children, children),
        st.dictionaries(st.text(max_size=6), children, max_size=3),
        st.dictionaries(st.text(max_size=6), children, max_size=3).map(lambda d: Hashtable(d)),
        st.dictionaries(st.sampled_from(["id", "thread_id", "run_id", "status", "object"]), children, max_size=4).map(
            lambda d: PSObject(d, type_names=["PSOpenAI.Thread.Run"])
        ),
    )


_values = st.recursive(_scalars, _containers, max_leaves=12)


@st.composite
def calls(draw: st.DrawFn) -> tuple[str, list[object], dict[str, object], object]:
    name = draw(st.sampled_from(CMDLETS))
    spec = get_spec(name)
    known: list[str] = []
    for parameter in spec.parameters.values():
        known += [parameter.name, *parameter.aliases, parameter.name[:3]]
    known += ["ErrorAction", "Verbose", "OutVariable", "Bogus", "w"]
    # bind()'s own keyword `input` is the pipeline object; a parameter spelled so (Request-Response's
    # alias `input`) is passed as `Input`, the way a caller must.
    known = ["Input" if n == "input" else n for n in known]
    names = draw(st.lists(st.sampled_from(known), max_size=4, unique_by=str.casefold))
    params = {n: draw(_values) for n in names}
    args = draw(st.lists(_values, max_size=3))
    piped = draw(st.one_of(st.just(None), _values))
    return name, args, params, piped


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(calls())
def test_bind_never_raises_anything_but_a_ps_error(call: tuple[str, list[object], dict[str, object], object]) -> None:
    name, args, params, piped = call
    try:
        if piped is None:
            result = psbridge.bind(name, *args, **params)
        else:
            result = psbridge.bind(name, *args, input=piped, **params)
    except PSError:
        return
    assert result.parameter_set_name and isinstance(result.bound_parameters, dict)
