"""Evaluator semantics against a recording host: values, pipelines, errors."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from psbridge.binding import ParameterBindingError
from psbridge.errors import PSError
from psbridge.language import ScriptHost, ScriptRuntimeError, evaluate
from psbridge.language.subset import parse
from psbridge.objects import Hashtable, PSObject, SwitchParameter
from tests.language.language_helpers import RecordingHost, run


def thread(identifier: str, **extra: Any) -> PSObject:
    return PSObject({"id": identifier, **extra}, type_names=["PSOpenAI.Thread"])


def test_recording_host_satisfies_the_protocol() -> None:
    assert isinstance(RecordingHost(), ScriptHost)


# ---------------------------------------------------------------- variables and constants
def test_assignment_then_read() -> None:
    host = RecordingHost()
    assert run("$x = 'a'\n$x", host) == ["a"]
    assert host.variables["x"] == "a"


def test_assignment_outputs_nothing_and_expression_statements_output_their_value() -> None:
    assert run("$x = 5; $x; 'lit'; 7") == [5, "lit", 7]


def test_constants() -> None:
    assert run("$true; $FALSE; $null") == [True, False, None]


def test_undefined_variable_is_null() -> None:
    assert run("$nothing") == [None]


def test_null_assignment_discards() -> None:
    host = RecordingHost(outputs={"New-Thread": [thread("t1")]})
    assert run("$null = New-Thread", host) == []
    assert "null" not in host.variables
    assert len(host.calls) == 1


def test_assigning_a_constant_is_a_statement_terminating_error() -> None:
    host = RecordingHost()
    assert run("$true = 5\n'after'", host) == ["after"]
    (error,) = host.errors
    assert isinstance(error, ScriptRuntimeError)
    assert error.error_id == "VariableNotWritable"
    assert str(error) == "Cannot overwrite variable true because it is read-only or constant."


def test_global_and_script_scopes_share_one_scope() -> None:
    host = RecordingHost()
    assert run("$global:X = 1\n$X\n$script:Y = 2\n$global:Y\n$local:X", host) == [1, 2, 1]
    assert set(host.variables) == {"X", "Y"}


def test_environment_variables_go_through_the_host() -> None:
    host = RecordingHost(environment={"HOME": "/home/me"})
    assert run("$env:HOME\n$env:NEW = 'v'\n$env:NEW\n$env:MISSING", host) == ["/home/me", "v", None]
    assert host.environment["NEW"] == "v"
    run("$env:NEW = $null", host)
    assert "NEW" not in host.environment


def test_chained_assignment_and_assignment_in_parentheses() -> None:
    host = RecordingHost()
    assert run("$a = $b = 3\n$a; $b\n($c = 4)", host) == [3, 3, 4]


# ---------------------------------------------------------------- arrays
def test_array_literal_is_enumerated_when_output() -> None:
    assert run("1, 'two', $true") == [1, "two", True]


def test_variable_holding_an_array_is_enumerated_when_output() -> None:
    host = RecordingHost()
    assert run("$x = 1, 2\n$x", host) == [1, 2]
    assert host.variables["x"] == [1, 2]


def test_array_subexpression_always_makes_an_array() -> None:
    host = RecordingHost(outputs={"Get-One": ["only"]})
    run("$a = @(Get-One)\n$b = @()\n$c = @(1, 2)\n$d = @(@(1), 2)\n$e = @(,(1, 2))", host)
    assert host.variables["a"] == ["only"]
    assert host.variables["b"] == []
    assert host.variables["c"] == [1, 2]
    assert host.variables["d"] == [[1], 2]  # one level of enumeration only, as PowerShell
    assert host.variables["e"] == [[1, 2]]


def test_unary_comma_wraps_an_array() -> None:
    assert run(",(1, 2)") == [[1, 2]]
    assert run("$x = ,1\n$x.Count") == [1]


def test_subexpression_collapses_its_output() -> None:
    host = RecordingHost(outputs={"Get-None": [], "Get-Two": [1, 2]})
    run("$a = $(Get-None)\n$b = $(5)\n$c = $(Get-Two)", host)
    assert host.variables["a"] is None
    assert host.variables["b"] == 5
    assert host.variables["c"] == [1, 2]


# ---------------------------------------------------------------- member access
def test_property_access_on_psobject_dict_and_python_objects() -> None:
    host = RecordingHost()
    host.variables["o"] = PSObject({"Status": "completed", "Usage": {"total_tokens": 7}})
    host.variables["d"] = {"Name": "n"}
    host.variables["p"] = SimpleNamespace(value=3, nested=SimpleNamespace(deep="x"))
    assert run("$o.status; $o.Usage.total_tokens; $d.name; $p.value; $p.nested.deep; $o.Missing", host) == [
        "completed",
        7,
        "n",
        3,
        "x",
        None,
    ]


def test_hashtable_keys_win_over_its_properties() -> None:
    assert run("$h = @{ Keys = 'mine'; a = 1 }\n$h.Keys\n$h.A\n$h.Count") == ["mine", 1, 2]


def test_intrinsic_count_and_length() -> None:
    host = RecordingHost()
    host.variables["o"] = thread("t1")
    assert run("$o.Count; $null.Count; $null.Length; 'abc'.Length; 'abc'.Count; (5).Count", host) == [
        1,
        0,
        0,
        3,
        1,
        1,
    ]


def test_member_enumeration_collects_each_elements_property() -> None:
    host = RecordingHost(outputs={"Get-Thread": [thread("t1"), thread("t2"), thread("t3")]})
    assert run("$threads = Get-Thread\n$threads.id\n$threads.Count", host) == ["t1", "t2", "t3", 3]


def test_member_enumeration_skips_elements_without_the_member_and_flattens() -> None:
    host = RecordingHost()
    host.variables["items"] = [
        PSObject({"tags": ["a", "b"]}),
        PSObject({"other": 1}),
        [PSObject({"tags": "c"})],
        PSObject({"tags": None}),
    ]
    assert run("$items.tags", host) == ["a", "b", "c", None]


def test_member_enumeration_with_one_result_is_that_result() -> None:
    host = RecordingHost()
    host.variables["items"] = [PSObject({"id": "only"}), PSObject({"x": 1})]
    run("$one = $items.id\n$none = $items.nope", host)
    assert host.variables["one"] == "only"
    assert host.variables["none"] is None


def test_pstypenames_member() -> None:
    host = RecordingHost()
    host.variables["t"] = thread("t1")
    assert run("$t.pstypenames", host)[0] == "PSOpenAI.Thread"


def test_dynamic_and_quoted_member_names() -> None:
    host = RecordingHost()
    host.variables["o"] = PSObject({"a b": 1, "status": "ok"})
    host.variables["name"] = "status"
    assert run("$o.'a b'; $o.$name; $o.\"$name\"", host) == [1, "ok", "ok"]


# ---------------------------------------------------------------- indexing
def test_indexing_arrays() -> None:
    assert run("$x = 'a', 'b', 'c'\n$x[0]; $x[-1]; $x[5]; $x[0, 2]") == ["a", "c", None, "a", "c"]


def test_indexing_strings_hashtables_and_scalars() -> None:
    assert run("'abc'[1]; @{ a = 1 }['A']; @{ a = 1 }['zz']; $x = 5; $x[0]; $x[1]") == ["b", 1, None, 5, None]


def test_indexing_null_is_a_runtime_error() -> None:
    host = RecordingHost()
    assert run("$nothing[0]\n'next'", host) == ["next"]
    (error,) = host.errors
    assert isinstance(error, ScriptRuntimeError)
    assert error.error_id == "NullArray"
    assert str(error) == "Cannot index into a null array."
    assert error.position is not None and error.position.line == 1


# ---------------------------------------------------------------- strings
def test_double_quoted_expansion_rules() -> None:
    host = RecordingHost()
    host.variables["x"] = PSObject({"Prop": "P"})
    host.variables["n"] = "N"
    host.variables["list"] = [1, 2.5, True]
    assert run('"$n.Prop|$($x.Prop)|${n}x|$list|$nothing|`$n"', host) == ["N.Prop|P|Nx|1 2.5 True||$n"]


def test_expansion_uses_powershell_string_conversion() -> None:
    host = RecordingHost()
    host.variables["t"] = thread("thread_1")
    host.variables["o"] = PSObject({"a": 1})
    assert run('"id=$t custom=$o"', host) == ["id=thread_1 custom=@{a=1}"]


def test_subexpression_in_string_runs_commands() -> None:
    host = RecordingHost(outputs={"Get-Thread": [thread("t9")]})
    assert run('"got $((Get-Thread).id)"', host) == ["got t9"]


def test_single_quoted_strings_do_not_expand() -> None:
    assert run("'$x `n'") == ["$x `n"]


def test_expandable_bare_word_argument() -> None:
    host = RecordingHost()
    host.variables["id"] = 42
    run("Get-Thread thread_$id", host)
    assert host.calls[0].arguments() == [(None, "thread_42", True, None)]


# ---------------------------------------------------------------- hashtables and objects
def test_hash_literal_makes_a_case_insensitive_hashtable_with_statement_values() -> None:
    host = RecordingHost(outputs={"Get-Thread": [thread("t1")]})
    (table,) = run("@{ a = 1; B = 'x', 'y'; t = Get-Thread; n = $null\n 2 = 'two' }", host)
    assert isinstance(table, Hashtable)
    assert table["A"] == 1 and table["b"] == ["x", "y"] and table[2] == "two" and table["n"] is None
    assert table["T"].id == "t1"
    assert list(table) == ["a", "B", "t", "n", 2]


def test_pscustomobject_keeps_the_written_order() -> None:
    (obj,) = run("[pscustomobject]@{ z = 1; a = 2; m = 'x' }")
    assert isinstance(obj, PSObject)
    assert obj.property_names == ["z", "a", "m"]
    assert obj.A == 2
    assert obj.pstypenames[0] == "System.Management.Automation.PSCustomObject"


def test_pscustomobject_from_a_hashtable_variable_and_from_other_values() -> None:
    host = RecordingHost()
    host.variables["h"] = Hashtable({"k": "v"})
    obj, same, scalar = run("[pscustomobject]$h; [pscustomobject]([pscustomobject]@{a=1}); [pscustomobject]5", host)
    assert isinstance(obj, PSObject) and obj.k == "v"
    assert isinstance(same, PSObject) and same.a == 1
    assert scalar == 5


def test_runtime_duplicate_hash_key() -> None:
    host = RecordingHost()
    host.variables["k"] = "a"
    assert run("@{ a = 1; $k = 2 }\n'next'", host) == ["next"]
    assert host.errors[0].error_id == "DuplicateKeyInHashLiteral"


# ---------------------------------------------------------------- commands and pipelines
def test_command_arguments_reach_the_host_unpaired() -> None:
    host = RecordingHost()
    run("Receive-ThreadRun -Wait run_1 thread_1 -Sw:$false -Limit:5 -Status queued,failed", host)
    assert host.calls[0].names == ["Receive-ThreadRun"]
    assert host.calls[0].arguments() == [
        ("Wait", None, False, "-Wait"),
        (None, "run_1", True, None),
        (None, "thread_1", True, None),
        ("Sw", False, True, "-Sw:"),
        ("Limit", 5, True, "-Limit:"),
        ("Status", None, False, "-Status"),
        (None, ["queued", "failed"], True, None),
    ]


def test_argument_values() -> None:
    host = RecordingHost(outputs={"Get-Two": [1, 2]})
    host.variables["x"] = PSObject({"Id": "run_1"})
    run("Cmd 10 0x10 1kb -5 1.5 $x.Id @('a') (Get-Two) $(Get-Two) '-x' $null", host)
    values = [value for _, value, _, _ in host.calls[-1].arguments()]
    assert values == [10, 16, 1024, "-5", 1.5, "run_1", ["a"], [1, 2], [1, 2], "-x", None]


def test_pipeline_of_commands_is_one_host_call() -> None:
    host = RecordingHost(outputs={"Add-ThreadMessage": [thread("t1")]})
    assert len(run("New-Thread | Add-ThreadMessage -Message x -PassThru", host)) == 1
    (call,) = host.calls
    assert call.names == ["New-Thread", "Add-ThreadMessage"]
    assert call.input is None


def test_piping_an_array_enumerates_it_and_a_scalar_is_one_object() -> None:
    host = RecordingHost()
    host.variables["threads"] = [thread("t1"), thread("t2")]
    host.variables["one"] = thread("t3")
    run("$threads | Remove-Thread\n$one | Remove-Thread\n$null | Remove-Thread\n@() | Remove-Thread", host)
    piped = [[getattr(o, "id", o) for o in call.input or []] for call in host.calls]
    assert piped == [["t1", "t2"], ["t3"], [None], []]
    assert [call.input is None for call in host.calls] == [False, False, False, False]


def test_hashtable_is_piped_as_one_object() -> None:
    host = RecordingHost()
    run("@{ a = 1; b = 2 } | Cmd", host)
    (piped,) = host.calls[0].input or []
    assert isinstance(piped, Hashtable)


def test_assignment_of_pipeline_output_none_one_several() -> None:
    host = RecordingHost(outputs={"Get-None": [], "Get-One": [thread("t1")], "Get-Many": [thread("a"), thread("b")]})
    run("$none = Get-None\n$one = Get-One\n$many = Get-Many", host)
    assert host.variables["none"] is None
    assert host.variables["one"].id == "t1"
    assert [t.id for t in host.variables["many"]] == ["a", "b"]


def test_command_output_goes_to_the_script_output_in_order() -> None:
    host = RecordingHost(outputs={"Get-Many": [1, 2], "Get-One": ["x"]})
    assert run("Get-Many\n'mid'\nGet-One", host) == [1, 2, "mid", "x"]


def test_paren_pipeline_value_as_an_argument() -> None:
    host = RecordingHost(outputs={"Get-One": [thread("t1")], "Use": []})
    run("Use (Get-One) -Thread:(Get-One)", host)
    use = host.calls[-1]
    assert [getattr(v, "id", v) for _, v, _, _ in use.arguments()] == ["t1", "t1"]


# ---------------------------------------------------------------- splatting
def test_splatting_a_hashtable_gives_named_arguments_marked_as_splatted() -> None:
    host = RecordingHost()
    run("$p = @{ RunId = 'r'; Wait = $true }\nReceive-ThreadRun @p thread_1", host)
    arguments = host.calls[0].commands[0][1]
    assert [(a.parameter_name, a.value, a.from_splat, a.parameter_text) for a in arguments] == [
        ("RunId", "r", True, "-RunId:"),
        ("Wait", True, True, "-Wait:"),
        (None, "thread_1", False, None),
    ]


def test_splatting_an_array_gives_positional_arguments_and_null_gives_none() -> None:
    host = RecordingHost()
    run("$a = 'r', 't'\nCmd @a\nCmd @undefined", host)
    assert host.calls[0].arguments() == [(None, "r", True, None), (None, "t", True, None)]
    assert host.calls[1].arguments() == []


def test_splatting_a_python_dict_from_the_caller() -> None:
    host = RecordingHost()
    host.variables["p"] = {"ThreadId": "t"}
    run("Cmd @p", host)
    assert host.calls[0].arguments() == [("ThreadId", "t", True, "-ThreadId:")]


# ---------------------------------------------------------------- $input
def test_input_is_the_automatic_variable_input() -> None:
    host = RecordingHost(outputs={"Receive-ThreadRun": lambda commands, piped: [f"got {len(piped or [])}"]})
    output = run("$input | Receive-ThreadRun\n$input", host, input=iter(["r1", "r2"]))
    assert output == ["got 2", "r1", "r2"]
    assert host.calls[0].input == ["r1", "r2"]


def test_without_input_dollar_input_is_empty() -> None:
    host = RecordingHost()
    assert run("$input | Cmd\n$input.Count", host) == [0]
    assert host.calls[0].input == []


# ---------------------------------------------------------------- errors
def binding_failure() -> ParameterBindingError:
    return ParameterBindingError(
        "A parameter cannot be found that matches parameter name 'Bogus'.", error_id="NamedParameterNotFound"
    )


def test_statement_terminating_error_is_reported_and_the_script_goes_on() -> None:
    failure = binding_failure()
    host = RecordingHost(outputs={"Bad": failure, "Good": ["ok"]})
    assert run("Bad -Bogus x\nGood\n'end'", host) == ["ok", "end"]
    assert host.errors == [failure]


def test_error_action_preference_stop_reraises() -> None:
    failure = binding_failure()
    host = RecordingHost(outputs={"Bad": failure, "Good": ["ok"]})
    with pytest.raises(ParameterBindingError) as caught:
        run("$ErrorActionPreference = 'Stop'\nGood\nBad\nGood", host)
    assert caught.value is failure
    assert len(host.calls) == 2
    assert host.errors == []


def test_error_in_an_assignment_leaves_the_variable_unset() -> None:
    host = RecordingHost(outputs={"Bad": binding_failure()})
    run("$x = Bad", host)
    assert "x" not in host.variables
    assert len(host.errors) == 1


def test_statements_inside_a_subexpression_are_statements_too() -> None:
    host = RecordingHost(outputs={"Bad": binding_failure()})
    run("$x = $(Bad; 'after')", host)
    assert host.variables["x"] == "after"
    assert len(host.errors) == 1


def test_error_inside_parentheses_terminates_the_enclosing_statement() -> None:
    host = RecordingHost(outputs={"Bad": binding_failure(), "Use": ["used"]})
    assert run("Use (Bad)\n'next'", host) == ["next"]
    assert [call.names for call in host.calls] == [["Bad"]]


def test_non_ps_errors_propagate() -> None:
    host = RecordingHost(outputs={"Crash": ValueError("bug")})
    with pytest.raises(ValueError):
        run("Crash\n'never'", host)


def test_evaluate_accepts_any_host_implementation() -> None:
    class MinimalHost:
        error_action_preference = "Continue"

        def invoke_pipeline(self, commands: Any, input: Any) -> list[Any]:
            return [name for name, _ in commands]

        def get_variable(self, name: str) -> tuple[bool, Any]:
            return False, None

        def set_variable(self, name: str, value: Any) -> None:
            pass

        def report_error(self, error: PSError) -> None:
            pass

    assert evaluate(parse("A | B; C"), MinimalHost()) == ["A", "B", "C"]


def test_switch_parameter_values_pass_through() -> None:
    host = RecordingHost()
    host.variables["sw"] = SwitchParameter(True)
    run("Cmd -Wait:$sw", host)
    assert host.calls[0].arguments()[0][1] == SwitchParameter(True)


def test_parenthesised_command_without_output_writes_nothing() -> None:
    host = RecordingHost()
    assert run("(Get-Nothing)\n$(Get-Nothing)\n@((Get-Nothing)).Count\n($null)", host) == [0, None]


def test_number_literal_arguments_keep_their_text_for_string_parameters() -> None:
    from psbridge.language import bind_text

    bound = bind_text("New-Assistant -Name 1.50 -Description 007 -MaxNumberOfFileSearchResults 0x10").bound_parameters
    assert bound == {"Name": "1.50", "Description": "007", "MaxNumberOfFileSearchResults": 16}
