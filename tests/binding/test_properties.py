"""Property-based: for random specs and random calls the binder only ever raises
ParameterBindingError, and the same call always binds the same way."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psbridge.binding import ParameterBindingError, bind
from psbridge.objects import Hashtable, PSObject
from psbridge.specs import ALL_SETS, CmdletSpec, ParameterSetInfo, ParameterSpec

NAMES = ["Id", "Name", "Count", "Flag", "Items", "Thread", "ThreadId", "RunId", "Mode", "Limit", "Value", "Verb"]
TYPES = [
    "String",
    "Int32",
    "Single",
    "Double",
    "Boolean",
    "SwitchParameter",
    "String[]",
    "Object",
    "Object[]",
    "Uri",
    "IDictionary",
    "UInt16",
    "SecureString",
]
SET_NAMES = ["A", "B", "C"]

values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**40), 2**40),
        st.floats(allow_nan=True),
        st.text(max_size=8),
        st.sampled_from(["0x10", "1kb", "", "-x", "asc", "1e3", "http://", "a b"]),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from([*NAMES, "run_id", "id"]), inner, max_size=3),
        st.builds(lambda d: Hashtable(d), st.dictionaries(st.sampled_from(NAMES), inner, max_size=2)),
        st.builds(
            lambda d, t: PSObject(d, type_names=t),
            st.dictionaries(st.sampled_from(NAMES), inner, max_size=2),
            st.lists(st.sampled_from(["X.Y", "PSOpenAI.Thread.Run"]), max_size=1),
        ),
    ),
    max_leaves=4,
)


@st.composite
def specs(draw: Any) -> CmdletSpec:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True))
    used = {n.casefold() for n in names}
    parameters = {}
    for name in names:
        type_name = draw(st.sampled_from(TYPES))
        alias_pool = [a for a in (name.lower() + "_x", name[:2] + "z") if a.casefold() not in used]
        aliases = tuple(draw(st.lists(st.sampled_from(alias_pool), max_size=1, unique=True))) if alias_pool else ()
        used.update(a.casefold() for a in aliases)
        membership = draw(
            st.one_of(st.just([ALL_SETS]), st.lists(st.sampled_from(SET_NAMES), min_size=1, max_size=2, unique=True))
        )
        sets = {}
        for set_name in membership:
            sets[set_name] = ParameterSetInfo(
                mandatory=draw(st.booleans()),
                position=None if type_name == "SwitchParameter" else draw(st.one_of(st.none(), st.integers(0, 3))),
                value_from_pipeline=draw(st.booleans()),
                value_from_pipeline_by_property_name=draw(st.booleans()),
            )
        parameters[name] = ParameterSpec(
            name=name,
            type=type_name,
            aliases=aliases,
            sets=sets,
            accepted_values=tuple(draw(st.lists(st.sampled_from(["asc", "desc", "x"]), max_size=2, unique=True)))
            if type_name in ("String", "String[]")
            else (),
            validate_range=draw(st.sampled_from([None, (0, 10)])) if type_name == "Int32" else None,
            validate_not_null_or_empty=draw(st.booleans()),
        )
    declared = tuple(sorted({s for p in parameters.values() for s in p.sets if s != ALL_SETS}))
    default = draw(st.one_of(st.none(), st.sampled_from(declared))) if declared else None
    return CmdletSpec(name="Test-Random", parameters=parameters, parameter_sets=declared, default_parameter_set=default)


calls = st.tuples(
    st.lists(values, max_size=3),
    st.dictionaries(st.sampled_from([*NAMES, "I", "Th", "R", "ea", "Verbose", "Bogus", "id", "n"]), values, max_size=3),
    st.one_of(st.just("<none>"), values),
)


def outcome(command: CmdletSpec, call: tuple[list[Any], dict[str, Any], Any]) -> tuple[str, Any, Any]:
    args, kwargs, pipeline_input = call
    try:
        if pipeline_input == "<none>":
            result = bind(command, *args, **kwargs)
        else:
            result = bind(command, *args, input=pipeline_input, **kwargs)
    except ParameterBindingError as error:
        return ("error", error.fully_qualified_error_id, str(error))
    return ("ok", result.parameter_set_name, repr(sorted(result.bound_parameters)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(specs(), calls)
def test_random_calls_raise_only_binding_errors_and_are_deterministic(command, call):
    first = outcome(command, call)
    assert outcome(command, call) == first
    if first[0] == "error":
        assert first[1].endswith(",Test-Random")


@settings(max_examples=200, deadline=None)
@given(calls)
def test_random_calls_against_committed_specs(call):
    for name in ("Wait-ThreadRun", "Start-ThreadRun", "Get-ThreadRunStep"):
        from psbridge.specs import get_spec

        command = get_spec(name)
        assert outcome(command, call) == outcome(command, call)
