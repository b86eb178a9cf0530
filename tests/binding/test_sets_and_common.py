"""Rules 3.x (common parameters) and 4.x (parameter sets) of powershell-binding.md."""

from __future__ import annotations

import pytest

from psbridge.binding import ActionPreference, ParameterBindingError, bind
from tests.helpers import param, spec


def error_of(*args, **kwargs) -> ParameterBindingError:
    with pytest.raises(ParameterBindingError) as caught:
        bind(*args, **kwargs)
    return caught.value


# -- 3.x common parameters -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("alias", "name", "value"),
    [
        ("vb", "Verbose", True),
        ("db", "Debug", True),
        ("ea", "ErrorAction", "Stop"),
        ("wa", "WarningAction", "Stop"),
        ("infa", "InformationAction", "Continue"),
        ("proga", "ProgressAction", "SilentlyContinue"),
        ("ev", "ErrorVariable", "e"),
        ("wv", "WarningVariable", "w"),
        ("iv", "InformationVariable", "i"),
        ("ov", "OutVariable", "o"),
        ("ob", "OutBuffer", 5),
        ("pv", "PipelineVariable", "p"),
    ],
)
def test_rule_3_1_common_parameters_and_their_aliases(alias, name, value):
    result = bind("Wait-ThreadRun", "r", "t", **{alias: value})
    assert name in result.bound_parameters


def test_rule_3_2_action_preference_by_number_and_any_case():
    assert bind("Wait-ThreadRun", "r", "t", ea=0).bound_parameters["ErrorAction"] is ActionPreference.SilentlyContinue
    assert bind("Wait-ThreadRun", "r", "t", ea="stop").bound_parameters["ErrorAction"] is ActionPreference.Stop


def test_rule_3_2_bad_enum_is_the_compiled_binder_error():
    error = error_of("Wait-ThreadRun", "r", "t", ErrorAction="Bogus")
    assert error.fully_qualified_error_id == "CannotConvertArgumentNoMessage,Wait-ThreadRun"
    assert str(error).startswith("Cannot bind parameter 'ErrorAction'. Cannot convert value \"Bogus\"")
    assert error.category == "InvalidArgument"


def test_rule_3_2_out_buffer_range():
    error = error_of("Wait-ThreadRun", "r", "t", OutBuffer=-1)
    assert error.error_id == "ParameterArgumentValidationError"


def test_rule_3_2_common_parameters_are_never_positional():
    assert error_of("Wait-ThreadRun", "r", "t", "Stop").error_id == "PositionalParameterNotFound"


def test_variable_names_are_validated():
    assert bind("Wait-ThreadRun", "r", "t", ErrorVariable="+errs").bound_parameters["ErrorVariable"] == "+errs"
    assert error_of("Wait-ThreadRun", "r", "t", ErrorVariable="bogus:x").error_id == "ParameterArgumentValidationError"


# -- 4.x parameter sets ----------------------------------------------------------------------
TWO_SETS = spec(
    "Get-Sets",
    param("A", sets={"SetA": {"mandatory": False}}),
    param("B", sets={"SetB": {"mandatory": False}}),
    param("C"),
)


def test_rule_4_2_parameters_of_different_sets_cannot_be_used_together():
    error = error_of(TWO_SETS, A="1", B="2")
    assert error.fully_qualified_error_id == "AmbiguousParameterSet,Get-Sets"
    assert str(error).startswith("Parameter set cannot be resolved using the specified named parameters.")


def test_rule_4_2_narrowing_picks_the_set():
    assert bind(TWO_SETS, B="2").parameter_set_name == "SetB"


def test_rule_4_3_no_default_and_no_mandatory_is_ambiguous():
    assert error_of(TWO_SETS, C="x").error_id == "AmbiguousParameterSet"


def test_rule_4_3_default_set_wins():
    command = spec("Get-Default", *TWO_SETS.parameters.values(), default="SetB")
    assert bind(command, C="x").parameter_set_name == "SetB"


def test_rule_4_3_a_set_missing_a_mandatory_parameter_is_dropped():
    command = spec(
        "Get-Mand",
        param("A", sets={"SetA": {"mandatory": True}}),
        param("B", sets={"SetB": {}}),
        param("C"),
    )
    assert bind(command, C="x").parameter_set_name == "SetB"


def test_rule_4_3_two_sets_each_missing_mandatory_is_ambiguous_not_missing():
    assert error_of("Wait-ThreadRun").error_id == "AmbiguousParameterSet"


def test_rule_7_6_missing_mandatory_in_the_chosen_set():
    error = error_of("Wait-ThreadRun", RunId="r")
    assert error.fully_qualified_error_id == "MissingMandatoryParameter,Wait-ThreadRun"
    assert str(error) == "Cannot process command because of one or more missing mandatory parameters: ThreadId."


def test_rule_7_6_missing_names_listed_in_declaration_order():
    command = spec("Get-M", param("B", mandatory=True), param("A", mandatory=True), param("X"))
    assert str(error_of(command, X="1")).endswith("parameters: B A.")


def test_rule_4_4_set_decided_only_after_pipeline_input():
    from psbridge.objects import PSObject

    run = PSObject({"id": "run_1", "thread_id": "thread_1"}, type_names=["PSOpenAI.Thread.Run"])
    assert bind("Wait-ThreadRun", input=run).parameter_set_name == "Run"
    assert bind("Wait-ThreadRun", input="run_1", ThreadId="thread_1").parameter_set_name == "Id"


def test_rule_4_4_sets_that_take_no_pipeline_input_are_dropped():
    from psbridge.objects import PSObject

    thread = PSObject({"id": "thread_1"}, type_names=["PSOpenAI.Thread"])
    result = bind("Start-ThreadRun", input=thread, Assistant="asst_1")
    assert result.parameter_set_name == "Run"
    assert result.bound_parameters["ThreadId"] == "thread_1"


def test_rule_4_5_mandatory_is_per_set():
    # -Message is mandatory in ThreadAndRun only; -ThreadId in Run only.
    assert bind("Start-ThreadRun", Message="hi", Assistant="a").parameter_set_name == "ThreadAndRun"
    assert bind("Start-ThreadRun", "thread_1", "asst_1").parameter_set_name == "Run"


def test_default_set_name_without_named_sets():
    assert bind("Get-Thread", "thread_1").parameter_set_name == "__AllParameterSets"
