"""Rule 5.x: pipeline input, per object, in PowerShell's four passes."""

from __future__ import annotations

import dataclasses

import pytest

from psbridge.binding import CommandArgument, ParameterBinder, ParameterBindingError, bind, compile_command
from psbridge.objects import Hashtable, PSObject
from tests.helpers import param, spec

RUN = PSObject({"id": "run_1", "thread_id": "thread_1", "status": "queued"}, type_names=["PSOpenAI.Thread.Run"])
THREAD = PSObject({"id": "thread_1", "object": "thread"}, type_names=["PSOpenAI.Thread"])


def binder_for(command, *arguments: CommandArgument) -> ParameterBinder:
    binder = ParameterBinder(compile_command(command))
    binder.bind_command_line(list(arguments), pipeline_expected=True)
    return binder


def test_rule_5_1_only_parameters_not_bound_on_the_command_line_take_input():
    with pytest.raises(ParameterBindingError) as caught:
        bind("Get-Thread", input="thread_2", ThreadId="thread_1")
    assert caught.value.error_id == "InputObjectNotBound"
    assert caught.value.error_record.target_object == "thread_2"


def test_rule_5_2_parameters_bound_from_the_pipeline_are_restored_between_objects():
    binder = binder_for("Wait-ThreadRun", CommandArgument.named("ThreadId", "t"))
    binder.bind_pipeline_object("run_1")
    assert binder.result().bound_parameters == {"ThreadId": "t", "RunId": "run_1"}
    binder.bind_pipeline_object(RUN.__class__({"run_id": "run_2"}))
    assert binder.result().bound_parameters == {"ThreadId": "t", "RunId": "run_2"}
    # A failing object does not leak its state into the next one.
    with pytest.raises(ParameterBindingError):
        binder.bind_pipeline_object(None)
    binder.bind_pipeline_object("run_3")
    assert binder.result().bound_parameters == {"ThreadId": "t", "RunId": "run_3"}


def test_rule_5_3_by_value_without_coercion_beats_by_property_name():
    command = spec(
        "Get-Len",
        param("P1", sets={"One": {"by_value": True}}),
        param("Length", "Int32", sets={"Two": {"by_property_name": True}}),
    )
    result = bind(command, input="abc")
    assert result.bound_parameters == {"P1": "abc"} and result.parameter_set_name == "One"


def test_rule_5_3_string_vfp_and_bpn_takes_the_whole_object_text_when_property_is_not_a_string():
    # RunId is ByValue and ByPropertyName: run_id=5 (not a string) loses to pass 3's object text.
    result = bind("Wait-ThreadRun", input={"run_id": 5, "thread_id": "t1"})
    assert result.bound_parameters["RunId"] == "@{run_id=5; thread_id=t1}"


def test_rule_5_3_vfp_with_conversion_failure_is_skipped():
    command = spec(
        "Get-Skip",
        param("Parameter1", "Int32", by_value=True),
        param("Length", "Int32", by_property_name=True),
    )
    assert bind(command, input="abc").bound_parameters == {"Length": 3}


def test_rule_5_4_null_input_gets_only_the_by_value_passes():
    command = spec("Get-Null", param("O", "Object", by_value=True), param("Name", by_property_name=True))
    assert bind(command, input=None).bound_parameters == {"O": None}


def test_rule_5_5_property_names_match_names_then_aliases_case_insensitively():
    result = bind("Wait-ThreadRun", input={"RUN_ID": "r", "Thread_Id": "t"})
    assert result.bound_parameters == {"ThreadId": "t", "RunId": "r"}


def test_rule_5_5_no_prefix_matching_of_properties():
    # Get-ThreadRun's -ThreadId has no 'Thread' alias: the property does not feed it,
    # so pass 3 binds the whole object's text instead.
    result = bind("Get-ThreadRun", input={"Thread": "t1"})
    assert result.bound_parameters == {"ThreadId": "@{Thread=t1}"}


def test_rule_5_5_hashtable_keys_are_not_properties():
    with pytest.raises(ParameterBindingError) as caught:
        bind("Get-Assistant", input=Hashtable(assistant_id="asst_1"), Limit=5)
    assert caught.value.error_id == "InputObjectNotBound"


def test_rule_5_5_dict_is_a_pscustomobject():
    assert bind("Get-Assistant", input={"assistant_id": "asst_1"}).bound_parameters == {"AssistantId": "asst_1"}


def test_rule_5_5_python_object_attributes_are_properties():
    @dataclasses.dataclass
    class Ids:
        run_id: str
        thread_id: str

    assert bind("Wait-ThreadRun", input=Ids("r", "t")).bound_parameters == {"ThreadId": "t", "RunId": "r"}


def test_rule_5_6_input_object_missing_mandatory():
    with pytest.raises(ParameterBindingError) as caught:
        bind("Wait-ThreadRun", input={"run_id": "r"})
    error = caught.value
    assert error.fully_qualified_error_id == "InputObjectMissingMandatory,Wait-ThreadRun"
    assert str(error).endswith("all mandatory parameters:  ThreadId")
    assert error.error_record.target_object == {"run_id": "r"}


def test_rule_5_6_by_property_name_conversion_failure_is_an_error_for_the_object():
    command = spec("Get-N", param("N", "Int32", by_property_name=True))
    with pytest.raises(ParameterBindingError) as caught:
        bind(command, input={"N": "abc"})
    assert caught.value.error_id == "ParameterArgumentTransformationError"


def test_rule_5_6_validation_failure_in_pipeline_is_an_error():
    with pytest.raises(ParameterBindingError) as caught:
        bind("Get-Thread", input="")
    assert caught.value.error_id == "ParameterArgumentValidationError"


def test_pstypename_constraint_is_satisfied_by_pstypenames():
    assert bind("Receive-ThreadRun", input=RUN).bound_parameters == {"Run": RUN}
    # A thread object is not a run: it binds -RunId by its text, then misses -ThreadId.
    with pytest.raises(ParameterBindingError) as caught:
        bind("Receive-ThreadRun", input=THREAD)
    assert caught.value.error_id == "InputObjectMissingMandatory"


def test_typed_object_binds_a_string_id_by_its_id_text():
    assert bind("Add-ThreadMessage", "hello", input=THREAD).bound_parameters["ThreadId"] == "thread_1"


def test_run_object_piped_to_start_thread_run_binds_ids_by_property_name():
    run = PSObject(
        {"id": "run_1", "thread_id": "thread_1", "assistant_id": "asst_1"}, type_names=["PSOpenAI.Thread.Run"]
    )
    result = bind("Start-ThreadRun", input=run)
    assert result.parameter_set_name == "Run"
    assert result.bound_parameters == {"Assistant": "asst_1", "ThreadId": "thread_1"}


def test_default_set_is_tried_first_in_each_pass():
    assert bind("Get-ThreadRun", input=THREAD).parameter_set_name == "List"
    assert bind("Get-ThreadRun", input=RUN).parameter_set_name == "Get_ThreadRun"
