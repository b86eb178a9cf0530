"""Rules 1.x (named parameters) and 2.x (positional binding) of powershell-binding.md."""

from __future__ import annotations

import pytest

from psbridge.binding import ParameterBindingError, bind, bind_arguments
from psbridge.binding.arguments import CommandArgument
from psbridge.objects import SwitchParameter
from tests.helpers import param, spec


def error_of(*args, **kwargs) -> ParameterBindingError:
    with pytest.raises(ParameterBindingError) as caught:
        bind(*args, **kwargs)
    return caught.value


def tokens(command, *items, input=None):
    """Arguments as a command line gives them: '-Name' strings are bare parameter tokens."""
    arguments = []
    for item in items:
        if isinstance(item, str) and item.startswith("-") and len(item) > 1:
            name, colon, rest = item[1:].partition(":")
            arguments.append(
                CommandArgument.named(name, rest, text=f"-{name}:")
                if colon and rest
                else CommandArgument.parameter(name, text=item)
            )
        else:
            arguments.append(CommandArgument.positional(item))
    return bind_arguments(command, arguments) if input is None else bind_arguments(command, arguments, input)


# -- 1.1 case-insensitive --------------------------------------------------------------
@pytest.mark.parametrize("name", ["runid", "RUNID", "RunId", "run_id", "RUN_ID"])
def test_rule_1_1_names_and_aliases_ignore_case(name):
    result = bind("Wait-ThreadRun", **{name: "r1"}, ThreadId="t1")
    assert result.bound_parameters["RunId"] == "r1"


# -- 1.2 exact match wins ----------------------------------------------------------------
def test_rule_1_2_exact_alias_beats_prefix_of_declared_parameter():
    # -wa is exactly WarningAction's alias, although it also prefixes -Wait.
    result = bind("Receive-ThreadRun", "r", "t", wa="SilentlyContinue")
    assert "WarningAction" in result.bound_parameters and "Wait" not in result.bound_parameters


# -- 1.3 unique prefix, aliases prefix-matched too ---------------------------------------
def test_rule_1_3_alias_is_prefix_matched():
    assert bind("Wait-ThreadRun", run_="r", ThreadId="t").bound_parameters["RunId"] == "r"


def test_rule_1_3_name_and_alias_of_one_parameter_count_once():
    assert bind("Wait-ThreadRun", RunId="r", Th="t").bound_parameters["ThreadId"] == "t"


# -- 1.4 several candidates --------------------------------------------------------------
@pytest.mark.parametrize(
    ("command", "prefix", "winner"),
    [
        ("Wait-ThreadRun", "O", "Organization"),
        ("Receive-ThreadRun", "W", "Wait"),
        ("Stop-ThreadRun", "P", "PassThru"),
        ("Wait-ThreadRun", "P", "PollIntervalSec"),
    ],
)
def test_rule_1_4_declared_parameter_beats_common_ones(command, prefix, winner):
    value = "x" if winner == "Organization" else (1 if winner == "PollIntervalSec" else True)
    result = bind(command, RunId="r", ThreadId="t", **{prefix: value})
    assert winner in result.bound_parameters


def test_rule_1_4_two_common_parameters_are_ambiguous():
    error = error_of("Wait-ThreadRun", RunId="r", ThreadId="t", E="Stop")
    assert error.error_id == "AmbiguousParameter"
    assert str(error) == (
        "Parameter cannot be processed because the parameter name 'E' is ambiguous. "
        "Possible matches include: -ErrorAction -ErrorVariable."
    )
    assert error.category == "InvalidArgument"


def test_rule_1_4_two_declared_parameters_are_ambiguous_declared_first():
    error = error_of("Get-Assistant", A="x")
    assert error.fully_qualified_error_id == "AmbiguousParameter,Get-Assistant"
    assert str(error).endswith(
        "Possible matches include: -AssistantId -All -ApiType -ApiBase -ApiVersion -AuthType -ApiKey -After."
    )


# -- 1.5 / 1.6 switches ------------------------------------------------------------------
def test_rule_1_6_bare_switch_never_takes_the_next_token():
    result = tokens("Receive-ThreadRun", "-Wait", "run_1", "thread_1")
    assert result.bound_parameters == {"Wait": True, "RunId": "run_1", "ThreadId": "thread_1"}


def test_rule_1_6_switch_with_space_false_leaves_a_positional_false():
    error = None
    with pytest.raises(ParameterBindingError) as caught:
        tokens("Receive-ThreadRun", "-RunId", "r", "-ThreadId", "t", "-Wait", False)
    error = caught.value
    assert error.error_id == "PositionalParameterNotFound"
    assert str(error) == "A positional parameter cannot be found that accepts argument 'False'."


def test_rule_1_5_colon_false_binds_false_and_is_bound():
    arguments = [CommandArgument.named("Wait", False), CommandArgument.positional("r"), CommandArgument.positional("t")]
    result = bind_arguments("Receive-ThreadRun", arguments)
    assert result.bound_parameters["Wait"] == SwitchParameter(False)
    assert isinstance(result.bound_parameters["Wait"], SwitchParameter)


# -- 1.7 non-switch takes the next token --------------------------------------------------
def test_rule_1_7_missing_argument_at_the_end():
    with pytest.raises(ParameterBindingError) as caught:
        tokens("Wait-ThreadRun", "-ThreadId", "t", "-RunId")
    assert caught.value.error_id == "MissingArgument"
    assert (
        str(caught.value)
        == "Missing an argument for parameter 'RunId'. Specify a parameter of type 'System.String' and try again."
    )


def test_rule_1_7_next_token_is_a_known_parameter():
    with pytest.raises(ParameterBindingError) as caught:
        tokens("Wait-ThreadRun", "-RunId", "-ThreadId", "t")
    assert caught.value.error_id == "MissingArgument"


def test_rule_1_7_next_token_matching_nothing_is_literal_text():
    result = tokens("Wait-ThreadRun", "-Organization", "-Bogus", "-RunId", "r", "-ThreadId", "t")
    assert result.bound_parameters["Organization"] == "-Bogus"


def test_rule_1_7_next_token_ambiguous_prefix():
    with pytest.raises(ParameterBindingError) as caught:
        tokens("Wait-ThreadRun", "-Organization", "-E", "-RunId", "r")
    assert caught.value.error_id == "AmbiguousParameter"


def test_rule_1_7_bool_parameter_alone_is_missing_argument():
    command = spec("Set-Flag", param("Flag", "Boolean"))
    with pytest.raises(ParameterBindingError) as caught:
        tokens(command, "-Flag")
    assert caught.value.error_id == "MissingArgument"
    assert "'System.Boolean'" in str(caught.value)


# -- 1.8 unknown names ---------------------------------------------------------------------
def test_rule_1_8_unknown_name_reported_before_missing_mandatory():
    with pytest.raises(ParameterBindingError) as caught:
        tokens("Wait-ThreadRun", "-Bogus", "x", "-RunId", "r1")
    assert caught.value.fully_qualified_error_id == "NamedParameterNotFound,Wait-ThreadRun"
    assert str(caught.value) == "A parameter cannot be found that matches parameter name 'Bogus'."


def test_rule_1_8_unknown_name_swallows_the_next_plain_argument():
    # 'x' is taken by -Bogus, so it never becomes RunId; the leftover is the named -Bogus.
    with pytest.raises(ParameterBindingError) as caught:
        tokens("Wait-ThreadRun", "-Bogus", "x", "r", "t")
    assert caught.value.error_id == "NamedParameterNotFound"


def test_rule_1_8_whatif_is_unknown_without_should_process():
    with pytest.raises(ParameterBindingError) as caught:
        tokens("Wait-ThreadRun", "r", "t", "-WhatIf")
    assert caught.value.error_id == "NamedParameterNotFound"


# -- 1.9 same parameter twice --------------------------------------------------------------
def test_rule_1_9_same_parameter_twice_by_alias():
    with pytest.raises(ParameterBindingError) as caught:
        tokens("Wait-ThreadRun", "-RunId", "a", "-run_id", "b", "-ThreadId", "t")
    assert caught.value.error_id == "ParameterAlreadyBound"
    assert str(caught.value).startswith("Cannot bind parameter because parameter 'RunId' is specified more than once.")


def test_rule_1_9_switch_twice():
    with pytest.raises(ParameterBindingError) as caught:
        tokens("Receive-ThreadRun", "-Wait", "-Wait", "r", "t")
    assert caught.value.error_id == "ParameterAlreadyBound"


def test_rule_1_9_named_parameter_is_skipped_by_positional_binding():
    result = tokens("Wait-ThreadRun", "-RunId", "r1", "t1")
    assert result.bound_parameters == {"RunId": "r1", "ThreadId": "t1"}


# -- 1.10 splatting ------------------------------------------------------------------------
def test_rule_1_10_explicit_parameter_overrides_the_splat():
    arguments = [
        CommandArgument.named("RunId", "explicit"),
        CommandArgument.named("RunId", "splatted", from_splat=True),
        CommandArgument.named("ThreadId", "t", from_splat=True),
    ]
    result = bind_arguments("Wait-ThreadRun", arguments)
    assert result.bound_parameters == {"RunId": "explicit", "ThreadId": "t"}


# -- 2.1 / 2.2 positional order ---------------------------------------------------------------
def test_rule_2_2_gaps_in_numbering_do_not_matter():
    command = spec("Get-Gap", param("A", position=2))
    assert bind(command, "x").bound_parameters == {"A": "x"}


def test_rule_2_2_bound_by_name_then_fill_in_position_order():
    command = spec("Get-Two", param("A", position=1), param("B", position=2))
    assert tokens(command, "-B", "d", "c").bound_parameters == {"B": "d", "A": "c"}


def test_rule_2_1_no_positions_means_named_only():
    # The doc says Position: Named for every New-Thread parameter (no automatic positions).
    with pytest.raises(ParameterBindingError) as caught:
        bind("New-Thread", "thread_abc")
    assert caught.value.error_id == "PositionalParameterNotFound"


# -- 2.3 candidates at one position ---------------------------------------------------------
def test_rule_2_3_object_without_conversion_beats_string_with_conversion():
    from psbridge.objects import PSObject

    run = PSObject({"id": "run_1", "thread_id": "thread_1"}, type_names=["PSOpenAI.Thread.Run"])
    result = bind("Wait-ThreadRun", run)
    assert result.parameter_set_name == "Run" and result.bound_parameters["Run"] is run


def test_rule_2_3_type_name_mismatch_falls_through_to_string():
    result = bind("Wait-ThreadRun", "run_1", "thread_1")
    assert result.parameter_set_name == "Id"


# -- 2.4 two parameters at one position -------------------------------------------------------
def test_rule_2_4_same_position_same_set_fails_only_with_a_plain_argument():
    command = spec("Get-Clash", param("A", position=0), param("B", position=0))
    with pytest.raises(ParameterBindingError) as caught:
        bind(command, "x")
    assert caught.value.error_id == "AmbiguousPositionalParameterNoName"
    assert str(caught.value) == "Cannot bind positional parameters because no names were given."
    assert bind(command, A="1", B="2").bound_parameters == {"A": "1", "B": "2"}


# -- 2.5 leftovers ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "text"), [(False, "False"), ([1, 2], "System.Object[]"), (None, "$null"), (12.5, "12.5")]
)
def test_rule_2_5_positional_parameter_not_found_text(value, text):
    error = error_of("Wait-ThreadRun", "r", "t", value)
    assert str(error) == f"A positional parameter cannot be found that accepts argument '{text}'."


def test_rule_2_5_remaining_arguments_parameter_collects_leftovers():
    command = spec(
        "Get-Rest",
        param("First", position=0),
        param("Rest", "Object[]", sets={"__AllParameterSets": {"remaining_arguments": True}}),
    )
    result = tokens(command, "a", "b", "-q", "c")
    assert result.bound_parameters == {"First": "a", "Rest": ["b", "-q", "c"]}


# -- 2.6 conversion failure while binding positionally ------------------------------------------
def test_rule_2_6_conversion_failure_is_raised_at_once():
    command = spec("Get-Num", param("N", "Int32", position=0), param("S", position=1))
    error = error_of(command, "abc", "x")
    assert error.error_id == "ParameterArgumentTransformationError"
    assert error.parameter_name == "N"
