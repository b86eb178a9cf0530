"""psbridge.specs.diff: each rule on small specs built by hand, then set pairing."""

from __future__ import annotations

from psbridge.specs import ALL_SETS, CmdletSpec, Example
from psbridge.specs.diff import RULES, Difference, diff_specs
from tests.helpers import param, spec


def rules(found: list[Difference]) -> list[str]:
    return [d.rule for d in found]


def only(found: list[Difference], rule: str) -> Difference:
    matching = [d for d in found if d.rule == rule]
    assert len(matching) == 1, found
    return matching[0]


def test_identical_specs_have_no_differences():
    one = spec("Get-Thing", param("Id", mandatory=True, position=0), param("All", "SwitchParameter"))
    assert diff_specs(one, one) == []


def test_every_rule_has_a_severity_a_name_and_a_meaning():
    for rule, (severity, name, meaning) in RULES.items():
        assert rule.startswith("PSD") and len(rule) == 6
        assert severity in ("error", "warning", "info")
        assert name and meaning
    assert len({name for _, name, _ in RULES.values()}) == len(RULES)


def test_missing_on_either_side_and_hidden_parameters():
    docs = spec("Get-Thing", param("Id"), param("Gone"))
    source = spec("Get-Thing", param("Id"), param("New"), param("After", hidden=True))
    found = diff_specs(docs, source)
    assert rules(found) == ["PSD020", "PSD021", "PSD022"]
    gone = only(found, "PSD020")
    assert (gone.parameter, gone.docs, gone.source) == ("Gone", "-Gone [String]", "not declared")
    assert only(found, "PSD022").source == "-After [String] (DontShow)"
    assert only(found, "PSD021").severity == "error" and only(found, "PSD022").severity == "info"


def test_a_doc_naming_a_parameter_by_its_alias_pairs_with_it():
    # Start-ThreadRun.md's -Assistant is the source's -AssistantId (alias Assistant): reference 5.4 item 1.
    docs = spec("Start-Run", param("Assistant", "Object", aliases=("assistant_id", "AssistantId")))
    source = spec("Start-Run", param("AssistantId", "String", aliases=("Assistant", "assistant_id")))
    found = diff_specs(docs, source)
    assert rules(found) == ["PSD023", "PSD030"]
    assert only(found, "PSD023").source == "-AssistantId (alias Assistant)"
    assert (only(found, "PSD030").docs, only(found, "PSD030").source) == ("[Object]", "[String]")


def test_an_exact_name_wins_over_an_alias():
    docs = spec("X", param("Thread"))
    source = spec("X", param("ThreadId", aliases=("Thread",)), param("Thread"))
    assert rules(diff_specs(docs, source)) == ["PSD021"]  # ThreadId undocumented; Thread pairs with Thread


def test_type_spellings_are_normalized_before_comparing():
    docs = spec("X", param("A", "System.String"), param("B", "float"), param("C", "System.Collections.IDictionary[]"))
    source = spec("X", param("A", "string"), param("B", "Single"), param("C", "IDictionary[]"))
    assert diff_specs(docs, source) == []


def test_switch_documented_as_a_value_and_the_reverse():
    docs = spec("X", param("Wait", "Boolean"), param("Stream", "SwitchParameter"))
    source = spec("X", param("Wait", "SwitchParameter"), param("Stream", "Boolean"))
    found = diff_specs(docs, source)
    assert rules(found) == ["PSD031", "PSD031"]
    assert "a value after it becomes a positional argument" in found[0].message
    assert "the switch alone fails to bind" in found[1].message


def test_examples_that_hand_a_switch_a_separate_value():
    # New-Assistant.md's examples write -UseCodeInterpreter $true (reference 5.11 item 1).
    example = Example(
        "Example 1",
        "PS C:\\> $a = New-Thing -Name 'x' -UseCode $true -Other:$false | Out-Null\nGet-Other -UseCode $true",
        "",
        10,
    )
    docs = CmdletSpec(
        "New-Thing",
        {
            p.name: p
            for p in (param("Name"), param("UseCodeInterpreter", "SwitchParameter"), param("Other", "SwitchParameter"))
        },
        examples=(example,),
    )
    source = CmdletSpec("New-Thing", dict(docs.parameters))
    found = diff_specs(docs, source)
    use = only(found, "PSD032")
    assert use.parameter == "UseCodeInterpreter"
    assert use.docs.startswith("Example 1: PS C:\\> $a = New-Thing")
    assert "write -UseCode:$true" in use.message


def test_positions_compare_by_binding_order_then_by_number():
    # Wait-ThreadRun.md gives -RunId and -ThreadId both Position 0; the source has 0 and 1 (reference 5.1 item 1).
    docs = spec("X", param("RunId", position=0), param("ThreadId", position=0), param("Tail", position=5))
    source = spec("X", param("RunId", position=0), param("ThreadId", position=1), param("Tail", position=2))
    found = diff_specs(docs, source)
    assert rules(found) == ["PSD040", "PSD041"]
    order, number = found
    assert (order.parameter, order.docs, order.source) == ("ThreadId", "Position 0", "Position 1")
    assert (number.parameter, number.docs, number.source) == ("Tail", "Position 5", "Position 2")
    assert number.severity == "warning"


def test_named_against_an_automatic_position():
    docs = spec("New-Thing", param("Name"))
    source = spec("New-Thing", param("Name", position=0)).with_changes(automatic_positions=True)
    found = only(diff_specs(docs, source), "PSD040")
    assert (found.docs, found.source) == ("Named", "Position 0 (automatic)")
    assert found.message == "the source binds a positional argument to it"


def test_mandatory_and_pipeline_flags():
    docs = spec("X", param("Id", mandatory=True, by_value=True), param("Message"))
    source = spec("X", param("Id", by_property_name=True), param("Message", by_property_name=True))
    found = diff_specs(docs, source)
    assert rules(found) == ["PSD042", "PSD043", "PSD044", "PSD044"]
    assert (found[0].docs, found[0].source) == ("Required: True", "not Mandatory")
    assert (found[1].docs, found[1].source) == ("ByValue", "not ValueFromPipeline")


def test_remaining_arguments_and_wildcards():
    docs = spec("X", param("Rest"), param("Name", wildcards=True))
    source = spec("X", param("Rest", sets={ALL_SETS: {"remaining_arguments": True}}), param("Name"))
    assert rules(diff_specs(docs, source)) == ["PSD045", "PSD046"]


def test_aliases_missing_on_either_side():
    docs = spec("X", param("ThreadId", aliases=("thread_id", "last_messages")))
    source = spec("X", param("ThreadId", aliases=("thread_id", "InputObject", "Thread")))
    found = diff_specs(docs, source)
    assert rules(found) == ["PSD050", "PSD051"]
    assert "last_messages" in found[0].message
    assert found[1].message == "undocumented aliases InputObject, Thread"
    assert found[1].source == "[Alias('thread_id', 'InputObject', 'Thread')]"


def test_accepted_values_against_validate_set_and_completions():
    statuses = ("queued", "completed", "incomplete")
    docs = spec(
        "X",
        param("StatusForExit", accepted_values=statuses),
        param("Format", accepted_values=("json",)),
        param("Effort", accepted_values=("low", "high")),
        param("Detail"),
    )
    source = spec(
        "X",
        param("StatusForExit", accepted_values=("QUEUED", "completed")),
        param("Format", accepted_values=("json", "text")),
        param("Effort", suggested_values=("minimal", "low", "high")),
        param("Detail", accepted_values=("auto", "low")),
    )
    found = diff_specs(docs, source)
    assert rules(found) == ["PSD060", "PSD061", "PSD062", "PSD061"]
    assert found[0].message == "incomplete fails validation"  # case-insensitive, like ValidateSet
    assert found[1].message == "also accepted: text"
    assert found[2].message == "any value binds; suggested but not listed: minimal"
    assert found[3].docs == "none listed"


def test_defaults_compare_by_meaning():
    docs = spec(
        "X",
        param("StatusForWait", "String[]", default="queued, in_progress"),
        param("PollIntervalSec", "Single", default="1"),
        param("TimeoutSec", "Int32", default="0"),
        param("Wait", "SwitchParameter", default="False"),
        param("ApiBase", "Uri", default="https://api.openai.com/v1"),
        param("ParallelToolCalls", "SwitchParameter", default="True"),
        param("Role", default="None"),
        param("Score", "Double"),
    )
    source = spec(
        "X",
        param("StatusForWait", "String[]", default="@('queued', 'in_progress')"),
        param("PollIntervalSec", "Single", default="1.0"),
        param("TimeoutSec", "Int32"),
        param("Wait", "SwitchParameter"),
        param("ApiBase", "Uri"),
        param("ParallelToolCalls", "SwitchParameter"),
        param("Role", default="'user'"),
        param("Score", "Double", default="0.0"),  # New-Assistant (reference 5.11 item 4)
    )
    found = diff_specs(docs, source)
    assert [(d.parameter, d.docs, d.source) for d in found] == [
        ("ApiBase", "Default value: https://api.openai.com/v1", "no default"),
        ("ParallelToolCalls", "Default value: True", "no default"),
        ("Role", "Default value: none", "= 'user'"),
        ("Score", "Default value: none", "= 0.0"),
    ]
    assert set(rules(found)) == {"PSD070"}


def test_validation_only_the_source_states_and_validation_that_differs():
    docs = spec("X", param("Limit", validate_range=(1, 50)), param("Name"))
    source = spec(
        "X",
        param("Limit", validate_range=(1, 100)),
        param("Name", validate_pattern="^[a-z]+$", validate_not_null_or_empty=True, validate_count=(0, 20)),
    )
    found = diff_specs(docs, source)
    assert rules(found) == ["PSD081", "PSD080", "PSD080", "PSD080"]
    assert (found[0].docs, found[0].source) == ("[ValidateRange(1, 50)]", "[ValidateRange(1, 100)]")
    assert {d.source for d in found[1:]} == {
        "[ValidateCount(0, 20)]",
        "[ValidatePattern('^[a-z]+$')]",
        "[ValidateNotNullOrEmpty()]",
    }


def test_outputs_compare_by_type_and_void_means_nothing():
    def with_outputs(docs_outputs: tuple[str, ...], source_outputs: tuple[str, ...]) -> list[Difference]:
        return diff_specs(spec("X").with_changes(outputs=docs_outputs), spec("X").with_changes(outputs=source_outputs))

    assert with_outputs(("PSCustomObject",), ("pscustomobject",)) == []
    assert with_outputs((), ("void",)) == []
    assert with_outputs((), ()) == []
    written = with_outputs(("PSCustomObject",), ("void",))
    assert rules(written) == ["PSD003"] and written[0].message == "the source writes nothing"
    assert rules(with_outputs((), ("pscustomobject",))) == ["PSD003"]


# -- parameter sets ----------------------------------------------------------------------------
def test_a_single_doc_set_pairs_with_the_source_set_it_resembles():
    # Wait-ThreadRun.md: one unnamed set; the source has Run and Id (reference 5.1 item 4).
    docs = spec("Wait-Run", param("RunId", mandatory=True, position=0), param("ThreadId", position=1), param("Poll"))
    source = spec(
        "Wait-Run",
        param("Run", "Object", sets={"Run": {"mandatory": True, "position": 0}}),
        param("RunId", sets={"Id": {"mandatory": True, "position": 0}}),
        param("ThreadId", sets={"Id": {"position": 1}}),
        param("Poll"),
        default="Id",
    )
    found = diff_specs(docs, source)
    assert rules(found) == ["PSD010", "PSD021"]
    assert found[0].parameter_set == "Run"
    assert found[0].message.endswith("(-Run, -Poll)")


def test_sets_pair_by_what_tells_them_apart_and_report_their_names():
    # Get-ThreadRun.md's Get/List are the source's Get_Id/List (reference 5.3 item 2).
    docs = spec(
        "Get-Run",
        param("ThreadId", mandatory=True, position=0),
        param("RunId", sets={"Get": {"mandatory": True, "position": 1}}),
        param("All", "SwitchParameter", sets={"List": {}}),
        sets=("Get", "List"),
        default="List",
    )
    source = spec(
        "Get-Run",
        param("ThreadId", mandatory=True, position=0),
        param("RunId", sets={"Get_Id": {"mandatory": True, "position": 1}}),
        param("All", "SwitchParameter", sets={"List": {}}),
        sets=("Get_Id", "List"),
        default="Get_Id",
    )
    found = diff_specs(docs, source)
    assert rules(found) == ["PSD012", "PSD013"]
    assert (found[0].docs, found[0].source, found[0].parameter_set) == (
        "parameter set Get",
        "parameter set Get_Id",
        "Get = Get_Id",
    )
    assert (found[1].docs, found[1].source) == ("default set List", "DefaultParameterSetName Get_Id")


def test_a_doc_set_the_source_lacks_and_membership_per_set():
    # Get-ThreadRunStep.md: -All in a ListAll set no source has (reference 5.6 item 3).
    docs = spec(
        "Get-Step",
        param("ThreadId", sets={"Get": {"mandatory": True}}),
        param("StepId", sets={"Get": {}}),
        param("Limit", sets={"List": {}}),
        param("All", "SwitchParameter", sets={"ListAll": {}}),
        sets=("Get", "List", "ListAll"),
    )
    source = spec(
        "Get-Step",
        param("ThreadId", sets={"Get": {"mandatory": True}, "List": {"mandatory": True}}),
        param("StepId", sets={"Get": {}}),
        param("Limit", sets={"List": {}}),
        param("All", "SwitchParameter", sets={"List": {}}),
        sets=("Get", "List"),
    )
    found = diff_specs(docs, source)
    assert rules(found) == ["PSD011", "PSD024", "PSD024"]
    assert found[0].parameter_set == "ListAll"
    thread, everything = found[1], found[2]
    assert (thread.parameter, thread.docs, thread.source, thread.parameter_set) == (
        "ThreadId",
        "not in set List",
        "in set List",
        "List",
    )
    assert everything.parameter == "All" and everything.source == "in set List"


def test_a_difference_in_every_set_is_reported_once_without_set_names():
    docs = spec(
        "X", param("A", sets={"One": {}, "Two": {}}), param("B", sets={"One": {}}), param("C", sets={"Two": {}})
    )
    source = spec(
        "X",
        param("A", sets={"One": {"mandatory": True}, "Two": {"mandatory": True}}),
        param("B", sets={"One": {}}),
        param("C", sets={"Two": {}}),
    )
    found = only(diff_specs(docs, source), "PSD042")
    assert found.parameter_set is None


def test_findings_in_some_sets_only_name_those_sets():
    docs = spec(
        "X", param("A", sets={"One": {}, "Two": {}}), param("B", sets={"One": {}}), param("C", sets={"Two": {}})
    )
    source = spec(
        "X",
        param("A", sets={"One": {"mandatory": True}, "Two": {}}),
        param("B", sets={"One": {}}),
        param("C", sets={"Two": {}}),
    )
    assert only(diff_specs(docs, source), "PSD042").parameter_set == "One"


def test_values_the_doc_lists_only_in_prose():
    # Start-ThreadRun.md: -ToolChoice "You can choose from `auto`, `none`, `code_interpreter`, `retrieve`
    # or `function`"; the source only suggests values (reference 5.4 item 6); -Role "Allowed value is
    # `user` or `assistant`" is not validated at all (5.4 item 12).
    docs = spec(
        "X",
        param("ToolChoice", description="You can choose from `auto`, `none`, `retrieve` or `function`."),
        param("Role", description="The role. Allowed value is `user` or `assistant`."),
        param("Detail", description="One of `auto`, `low`, or `high`."),
        param("Note", description="Any text, e.g. `hello`."),
    )
    source = spec(
        "X",
        param("ToolChoice", suggested_values=("none", "auto", "required", "function")),
        param("Role", default="'user'"),
        param("Detail", accepted_values=("auto", "low", "high")),
        param("Note"),
    )
    found = diff_specs(docs, source)
    assert rules(found) == ["PSD063", "PSD064", "PSD070", "PSD061"]
    choice, role = found[0], found[1]
    assert choice.message == "not suggested: retrieve; also suggested: required; not enforced"
    assert (choice.docs, choice.source) == (
        "prose: auto, none, retrieve, function",
        "[ArgumentCompletions('none', 'auto', 'required', 'function')]",
    )
    assert (role.docs, role.source) == ("prose: user, assistant", "no ValidateSet")


def test_documented_enum_members_are_enforced_by_the_type_not_a_validate_set():
    docs = spec("X", param("ApiType", "OpenAIApiType", enum_values=("OpenAI", "Azure")))
    source = spec("X", param("ApiType", "OpenAIApiType", default="[OpenAIApiType]::OpenAI"))
    assert rules(diff_specs(docs, source)) == ["PSD070"]


def test_prose_values_suggested_but_not_enforced_and_bulleted_lists():
    # Add-ThreadMessage/Start-ThreadRun -Role: the source suggests user/assistant but validates nothing
    # (reference 5.8 item 3); Start-ThreadRun.md lists -ResponseFormat's values as bullets (5.4 item 7).
    docs = spec(
        "X",
        param("Role", description="Allowed value is `user` or `assistant`."),
        param("Format", description="How.\n- `default` only text.\n- `json_object` JSON mode.\n- `raw` raw text."),
    )
    source = spec(
        "X",
        param("Role", suggested_values=("user", "assistant")),
        param("Format", accepted_values=("default", "auto", "json_object", "raw")),
    )
    found = diff_specs(docs, source)
    assert [(d.rule, d.parameter, d.docs) for d in found] == [
        ("PSD064", "Role", "prose: user, assistant"),
        ("PSD063", "Format", "prose: default, json_object, raw"),
        ("PSD061", "Format", "none listed"),
    ]
    assert found[0].source == "[ArgumentCompletions('user', 'assistant')], no ValidateSet"
    assert found[1].message == "also accepted: auto"
