"""bind_text: PowerShell command lines bound against the committed specs and markdown specs."""

from __future__ import annotations

import pytest

from psbridge.binding import (
    ParameterBindingArgumentTransformationError,
    ParameterBindingError,
)
from psbridge.errors import CommandNotFoundError
from psbridge.language import ParseError, bind_text, command_arguments
from psbridge.objects import PSObject, SwitchParameter
from psbridge.specs import from_markdown
from tests.conftest import ALL_DOCS, DOCS
from tests.helpers import param, spec


def bound(text: str, **kwargs: object) -> dict[str, object]:
    return bind_text(text, **kwargs).bound_parameters  # type: ignore[arg-type]


def binding_error(text: str, **kwargs: object) -> ParameterBindingError:
    with pytest.raises(ParameterBindingError) as caught:
        bind_text(text, **kwargs)  # type: ignore[arg-type]
    return caught.value


def parse_error(text: str) -> ParseError:
    with pytest.raises(ParseError) as caught:
        bind_text(text)
    return caught.value


# ---------------------------------------------------------------- argument-mode rules reach the binder
def test_a_switch_never_takes_the_next_token() -> None:
    assert bound("Receive-ThreadRun -Wait run_1 thread_1") == {
        "Wait": SwitchParameter(True),
        "RunId": "run_1",
        "ThreadId": "thread_1",
    }


def test_colon_syntax_binds_the_attached_value() -> None:
    result = bind_text("Receive-ThreadRun -RunId:r t -Wait")
    assert result.parameter_set_name == "Get_Id"
    assert result.bound_parameters == {"RunId": "r", "Wait": SwitchParameter(True), "ThreadId": "t"}
    assert bound("Receive-ThreadRun -RunId: r -ThreadId:'t'") == {"RunId": "r", "ThreadId": "t"}


def test_switch_false_with_colon_stays_bound_as_false() -> None:
    parameters = bound("Receive-ThreadRun r t -Wait:$false")
    assert parameters["Wait"] == SwitchParameter(False)
    assert "Wait" in bind_text("Receive-ThreadRun r t -Wait:$false")


def test_switch_followed_by_false_with_a_space_leaves_false_positional() -> None:
    error = binding_error("Receive-ThreadRun r t -Wait $false")
    assert error.error_id == "PositionalParameterNotFound"
    assert str(error) == "A positional parameter cannot be found that accepts argument 'False'."


def test_wait_threadrun_has_no_wait_switch() -> None:
    # The contract's syntax example; the committed Wait-ThreadRun spec declares no -Wait, so PowerShell's
    # answer (and the binder's) is NamedParameterNotFound.
    error = binding_error("Wait-ThreadRun -RunId:r t -Wait")
    assert error.fully_qualified_error_id == "NamedParameterNotFound,Wait-ThreadRun"


def test_comma_list_binds_to_a_string_array_parameter() -> None:
    assert bound("Wait-ThreadRun r t -StatusForExit completed,failed")["StatusForExit"] == ["completed", "failed"]
    assert bound("Wait-ThreadRun r t -StatusForExit completed, failed")["StatusForExit"] == ["completed", "failed"]
    assert bound("Wait-ThreadRun r t -StatusForExit:completed,failed")["StatusForExit"] == ["completed", "failed"]


def test_array_subexpression_binds_to_a_string_array_parameter() -> None:
    assert bound("Wait-ThreadRun r t -StatusForExit @('completed', 'failed')")["StatusForExit"] == [
        "completed",
        "failed",
    ]


def test_null_to_a_mandatory_string_is_the_binders_error() -> None:
    error = binding_error("Get-Thread $null")
    assert error.parameter_name == "ThreadId"
    assert error.error_id.startswith("ParameterArgumentValidationError")


def test_quoted_dash_word_is_a_value() -> None:
    assert bound("Get-ThreadRun '-x' -RunId r") == {"RunId": "r", "ThreadId": "-x"}
    assert bound('Get-ThreadRun "-x" -RunId r') == {"RunId": "r", "ThreadId": "-x"}


def test_unknown_dash_word_after_a_parameter_is_literal_text() -> None:
    assert bound("Get-ThreadRun t -Organization -Bogus")["Organization"] == "-Bogus"


def test_double_dash_makes_following_dash_words_values() -> None:
    assert bound("Get-ThreadRun -RunId r -- -thread")["ThreadId"] == "-thread"


@pytest.mark.parametrize(("literal", "value"), [("10", 10), ("0x10", 16), ("1kb", 1024), ("-5", -5), ("2.5", 2)])
def test_numbers_to_int32_parameters(literal: str, value: int) -> None:
    assert bound(f"Get-ThreadRun t -TimeoutSec {literal}")["TimeoutSec"] == value


def test_word_that_is_not_a_number_fails_int32_conversion() -> None:
    with pytest.raises(ParameterBindingArgumentTransformationError) as caught:
        bind_text("Get-ThreadRun t -TimeoutSec abc")
    assert caught.value.error_id == "ParameterArgumentTransformationError"
    assert caught.value.parameter_name == "TimeoutSec"


def test_missing_argument() -> None:
    error = binding_error("Wait-ThreadRun -RunId")
    assert error.error_id == "MissingArgument"
    assert (
        str(error)
        == "Missing an argument for parameter 'RunId'. Specify a parameter of type 'System.String' and try again."
    )


def test_named_parameter_not_found() -> None:
    error = binding_error("Get-Thread t -Bogus x")
    assert error.fully_qualified_error_id == "NamedParameterNotFound,Get-Thread"


def test_ambiguous_parameter_prefix() -> None:
    error = binding_error("Get-Assistant -A x")
    assert error.error_id == "AmbiguousParameter"
    assert "-ApiType -ApiBase -ApiVersion -AuthType -ApiKey" in str(error)


def test_constants_true_false_null() -> None:
    assert bound("Get-ThreadRun t -All:$true")["All"] == SwitchParameter(True)


def test_names_are_case_insensitive_and_prompts_continuations_comments_are_fine() -> None:
    result = bind_text("PS C:\\> get-threadrun `\n  -threadid thread_abc123 `\r\n -ALL  # every run")
    assert result.command_name == "Get-ThreadRun"
    assert result.bound_parameters == {"ThreadId": "thread_abc123", "All": SwitchParameter(True)}


def test_typographic_dashes_and_quotes_from_word_processors() -> None:
    assert bound("Get-ThreadRun \u2013ThreadId \u2018t\u2019 \u2014All") == {
        "ThreadId": "t",
        "All": SwitchParameter(True),
    }


def test_pipeline_input_is_one_object() -> None:
    assert bound("Get-ThreadRun -RunId r", input="thread_9") == {"RunId": "r", "ThreadId": "thread_9"}
    run = PSObject({"id": "run_1", "thread_id": "th"}, type_names=["PSOpenAI.Thread.Run"])
    result = bind_text("Receive-ThreadRun -Wait", input=run)
    assert result.parameter_set_name == "Get_ThreadRun"
    assert result.bound_parameters["Run"] is run


def test_input_none_is_a_pipeline_object_not_absence() -> None:
    with pytest.raises(ParameterBindingError):
        bind_text("Get-ThreadRun -RunId r", input=None)


# ---------------------------------------------------------------- specs
def test_markdown_spec_passed_with_specs() -> None:
    video = from_markdown((ALL_DOCS / "New-Video.md").read_text(encoding="utf-8"))
    parameters = bound(
        "New-Video -Prompt 'Dancing Donuts' -Model 'sora-2-pro' -Seconds 12 -Size 1280x720", specs=[video]
    )
    assert parameters == {"Prompt": "Dancing Donuts", "Model": "sora-2-pro", "Seconds": "12", "Size": "1280x720"}


def test_markdown_spec_positional_and_sets() -> None:
    batch = from_markdown((ALL_DOCS / "Get-Batch.md").read_text(encoding="utf-8"))
    assert bind_text("Get-Batch batch_abc123", specs=[batch]).parameter_set_name == "Get"
    assert bind_text("get-batch -Limit 5", specs=(batch,)).bound_parameters == {"Limit": 5}


def test_seed_doc_from_markdown_binds_like_the_committed_spec() -> None:
    doc = from_markdown((DOCS / "Receive-ThreadRun.md").read_text(encoding="utf-8"))
    assert bound("Receive-ThreadRun -Wait run_1 thread_1", specs=[doc])["RunId"] == "run_1"


def test_specs_win_over_committed_specs() -> None:
    custom = spec("Get-Thread", param("Name", position=0, mandatory=True), param("Flag", "SwitchParameter"))
    assert bound("Get-Thread n -Flag", specs=[custom]) == {"Name": "n", "Flag": SwitchParameter(True)}


def test_unknown_command() -> None:
    with pytest.raises(CommandNotFoundError):
        bind_text("Get-Nothing -x")


# ---------------------------------------------------------------- what bind_text refuses
@pytest.mark.parametrize(
    ("text", "error_id", "column"),
    [
        ("Get-Thread $t", "BindTextVariableNotAvailable", 12),
        ("Get-Thread -ThreadId:$env:X", "BindTextVariableNotAvailable", 22),
        ('Get-Thread "id $x"', "BindTextVariableNotAvailable", 16),
        ("Get-Thread @params", "BindTextVariableNotAvailable", 12),
        ("Get-Thread (Get-Id)", "BindTextCommandNotAvailable", 13),
        ("Get-Thread a; Get-Thread b", "BindTextSingleCommand", 15),
        ("Get-Thread a\nGet-Thread b", "BindTextSingleCommand", 1),
        ("New-Thread | Add-ThreadMessage -Message x", "BindTextSingleCommand", 14),
        ("$t | Get-Thread", "BindTextSingleCommand", 1),
        ("$t = Get-Thread a", "BindTextSingleCommand", 1),
        ("'just a string'", "BindTextSingleCommand", 1),
        ("", "BindTextNoCommand", 1),
    ],
)
def test_text_that_is_not_one_self_contained_command(text: str, error_id: str, column: int) -> None:
    error = parse_error(text)
    assert error.error_id == error_id
    assert error.column == column
    assert error.expected == "one command invocation"


def test_syntax_errors_are_parse_errors() -> None:
    assert parse_error("Get-Thread (").error_id == "ExpectedExpression"
    # a script block parses now; a pipeline is still more than one command
    assert parse_error("Get-Thread | ForEach-Object { $_ }").error_id == "BindTextSingleCommand"


def test_command_arguments_show_what_the_binder_receives() -> None:
    name, arguments = command_arguments("Wait-ThreadRun -RunId:r t -Wait -S a,b")
    assert name == "Wait-ThreadRun"
    assert [(a.parameter_name, a.value, a.has_value, a.parameter_text) for a in arguments] == [
        ("RunId", "r", True, "-RunId:"),
        (None, "t", True, None),
        ("Wait", None, False, "-Wait"),
        ("S", None, False, "-S"),
        (None, ["a", "b"], True, None),
    ]


def test_bind_text_is_exported_by_the_package() -> None:
    import psbridge

    assert psbridge.bind_text is bind_text
