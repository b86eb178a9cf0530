"""Write-Host, Write-Output, Write-Error and the stream writers, from PowerShell's Pester tests
(test/powershell/Modules/Microsoft.PowerShell.Utility/Write-*.Tests.ps1)."""

from __future__ import annotations

import pytest

import psbridge
from psbridge.errors import ErrorRecord
from tests.pscmdlets.helpers import Session


@pytest.fixture
def ps() -> Session:
    return Session()


# -- Write-Host.Tests.ps1 ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "shown", "info"),
    [
        ({"Object": ["a", "b", "c"]}, "a b c\n", "a b c"),  # :56 -Object
        ({"Message": ["a", "b", "c"]}, "a b c\n", "a b c"),  # :57 -Message
        ({"Msg": ["a", "b", "c"]}, "a b c\n", "a b c"),  # :58 -Msg
        ({"Object": ["a", "b", "c"], "Separator": "+"}, "a+b+c\n", "a+b+c"),  # :59
        (  # :60 separator, colours and -NoNewline
            {"Object": ["a", "b", "c"], "Separator": ",", "ForegroundColor": "Yellow", "NoNewline": True},
            "a,b,c",
            "a,b,c",
        ),
    ],
)
def test_write_host_text_and_information(ps: Session, params: dict, shown: str, info: str) -> None:
    # Write-Host.Tests.ps1:80-93: the host shows the text; the information stream records it.
    assert ps("Write-Host", **params) == []
    assert ps.host_text == shown
    (record,) = ps.runspace.streams.information
    assert str(record) == info and record.Tags == ["PSHOST"]


def test_write_host_no_newline_joins_two_calls(ps: Session) -> None:
    # Write-Host.Tests.ps1:10 "Write-Host a,b -NoNewline:$true;Write-Host a,b" -> "a ba b"
    ps("Write-Host", ["a", "b"], NoNewline=True)
    ps("Write-Host", ["a", "b"])
    assert ps.host_text == "a ba b\n"


@pytest.mark.parametrize(("fore", "back"), [(-1, "Red"), (16, "Red"), ("Red", -1), ("Red", 16)])
def test_write_host_wrong_colors(ps: Session, fore: object, back: object) -> None:
    # Write-Host.Tests.ps1:39-42
    with pytest.raises(psbridge.ParameterBindingError) as error:
        ps("Write-Host", "No output", ForegroundColor=fore, BackgroundColor=back)
    assert error.value.fully_qualified_error_id == (
        "CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.WriteHostCommand"
    )


def test_write_host_information_action_ignore_suppresses_it(ps: Session) -> None:
    # Write-Host.md Example 5 (the doc): -InformationAction Ignore suppresses Write-Host.
    ps("Write-Host", "I won't print", InformationAction="Ignore")
    assert ps.host_text == "" and ps.runspace.streams.information == []


# -- Write-Output.Tests.ps1 -------------------------------------------------------------------


def test_write_output_enumerates_one_level(ps: Session) -> None:
    # Write-Output.Tests.ps1:4-17
    written = [1, 2.2, ["John", "Smith", 10], "abc"]
    results = ps("Write-Output", written)
    assert results == written and isinstance(results[2], list)


def test_write_output_no_enumerate(ps: Session) -> None:
    # Write-Output.Tests.ps1:19-23 and :81-85
    written = [1, 2.2, ["John", "Smith", 10], "abc"]
    assert ps("Write-Output", written, NoEnumerate=True) == [written]
    assert ps("Write-Output", [1, 2, 3], NoEnumerate=True) == [[1, 2, 3]]


def test_write_output_piped_and_remaining_arguments(ps: Session) -> None:
    # Write-Output.Tests.ps1:43-53, :66-70
    assert ps("Write-Output", input=["text"]) == ["text"]
    assert ps("Write-Output", InputObject="text") == ["text"]
    assert ps("Write-Output", 2) == [2]
    assert ps("Write-Output", "a", "b", "c") == ["a", "b", "c"]  # ValueFromRemainingArguments (source)


def test_write_output_out_variable(ps: Session) -> None:
    # Write-Output.Tests.ps1:55-58
    ps("Write-Output", InputObject="text", OutVariable="var")
    assert ps.runspace.get_variable("var") == (True, ["text"])


# -- Write-Error.Tests.ps1 --------------------------------------------------------------------


def test_write_error_plain_message(ps: Session) -> None:
    # Write-Error.Tests.ps1:4-32
    ps("Write-Error", "myerrortext")
    (record,) = ps.errors
    assert isinstance(record, ErrorRecord)
    assert type(record.exception).__name__ == "WriteErrorException"
    assert str(record.exception) == "myerrortext"
    assert record.category == "NotSpecified"
    assert record.category_info == "NotSpecified: (:) [Write-Error], WriteErrorException"
    assert record.fully_qualified_error_id == "Microsoft.PowerShell.Commands.WriteErrorException"


def test_write_error_all_parameters(ps: Session) -> None:
    # Write-Error.Tests.ps1:34-69 (a Python ValueError stands for the ArgumentNullException)
    ps(
        "Write-Error",
        Message="myerrortext",
        Exception=ValueError("paramname"),
        ErrorId="myerrorid",
        Category="syntaxerror",
        TargetObject="TargetObject",
        CategoryActivity="myactivity",
        CategoryReason="myreason",
        CategoryTargetName="mytargetname",
        CategoryTargetType="mytargettype",
        RecommendedAction="myrecommendedaction",
    )
    (record,) = ps.errors
    assert isinstance(record.exception, ValueError)
    assert record.target_object == "TargetObject"
    assert record.fully_qualified_error_id == "myerrorid"
    assert record.category == "SyntaxError"
    assert record.category_info == "SyntaxError: (mytargetname:mytargettype) [myactivity], myreason"
    assert record.message == "myerrortext"  # ErrorDetails.Message
    assert record.extra["RecommendedAction"] == "myrecommendedaction"


def test_write_error_category_aliases(ps: Session) -> None:
    # Write-Error.Tests.ps1:71-78
    ps(
        "Write-Error",
        Activity="fooAct",
        Reason="fooReason",
        TargetName="fooTargetName",
        TargetType="fooTargetType",
        Message="fooMessage",
    )
    assert ps.errors[0].category_info == "NotSpecified: (fooTargetName:fooTargetType) [fooAct], fooReason"


def test_write_error_stop_and_silently_continue() -> None:
    # Write-Error.Tests.ps1:80-86 and :92-97 ($error[0] has the message)
    with pytest.raises(psbridge.PSError):
        psbridge.invoke("Write-Error", "test throw", ErrorAction="Stop")
    session = Session()
    session("Write-Error", Message="Error: Too many input values.", Category="InvalidArgument",
            ErrorAction="SilentlyContinue")
    assert session.errors == []
    assert str(session.runspace.get_variable("Error")[1][0]) == "Error: Too many input values."


def test_write_error_exception_needs_an_argument(ps: Session) -> None:
    # Write-Error.Tests.ps1:88-90 (-Exception followed by another parameter name)
    with pytest.raises(psbridge.ParameterBindingError) as error:
        psbridge.bind_text('Write-Error -Exception -Message "test throw"')
    assert error.value.fully_qualified_error_id == "MissingArgument,Microsoft.PowerShell.Commands.WriteErrorCommand"


def test_write_error_takes_a_record_or_an_exception_at_position_zero(ps: Session) -> None:
    # Write-Error.Tests.ps1:114-138
    ps("Write-Error", "first")
    record = ps.errors[0]
    ps("Write-Error", record)
    assert ps.errors[1] is record
    ps("Write-Error", KeyError("x"))
    assert isinstance(ps.errors[2].exception, KeyError)
    ps("Write-Error", str(record))
    assert type(ps.errors[3].exception).__name__ == "WriteErrorException"


# -- Write-Stream.Tests.ps1, Write-Verbose.Tests.ps1, Write-Debug.Tests.ps1 ------------------------


def test_stream_writers_follow_their_preferences(ps: Session) -> None:
    # Write-Verbose.Tests.ps1:8-30; Write-Debug.Tests.ps1:4-22; Write-Stream.Tests.ps1:24-27
    streams = ps.runspace.streams
    assert ps("Write-Verbose", Message="test") == [] and streams.verbose == []
    ps("Write-Verbose", Message="test", Verbose=True)
    assert streams.verbose == ["test"]
    ps.runspace.set_variable("VerbosePreference", "Continue")
    ps("Write-Verbose", "0123456789" * 20)
    assert streams.verbose[-1] == "0123456789" * 20  # no line breaks added
    ps("Write-Debug", "dbg")
    assert streams.debug == []
    ps.runspace.set_variable("DebugPreference", "Continue")
    ps("Write-Debug", "dbg")
    assert streams.debug == ["dbg"]
    ps("Write-Warning", "Test Warning")
    assert streams.warning == ["Test Warning"]


@pytest.mark.parametrize(
    "params",
    [
        {"MessageData": "TestMessage"},  # Write-Stream.Tests.ps1:63
        {"Message": "TestMessage"},  # :64
        {"Msg": "TestMessage"},  # :65
        {"MessageData": "TestMessage", "Tag": "Test"},  # :66
    ],
)
def test_write_information_parameter_names(params: dict) -> None:
    # Write-Stream.Tests.ps1:108-116 (a hosted PowerShell collects the stream)
    shell = psbridge.PowerShell()
    shell.add_command("Write-Information")
    for name, value in params.items():
        shell.add_parameter(name, value)
    shell.invoke()
    assert [str(r) for r in shell.streams.information] == ["TestMessage"]


def test_write_information_from_the_pipeline_and_null(ps: Session) -> None:
    # Write-Stream.Tests.ps1:100-106 and :118-123
    ps("Write-Information", input=["teststring", 12345], InformationAction="Continue")
    assert [r.MessageData for r in ps.runspace.streams.information] == ["teststring", 12345]
    ps("Write-Information", input=[None], Tags="myTag", ErrorAction="Stop", InformationAction="SilentlyContinue",
       InformationVariable="i")
    (record,) = ps.runspace.get_variable("i")[1]
    assert record.Tags == ["myTag"] and record.MessageData is None


# -- Write-Progress.Tests.ps1 -------------------------------------------------------------------


@pytest.mark.parametrize("params", [{"PercentComplete": 101}, {"Id": 1, "ParentId": -2}])
def test_write_progress_validates_ranges(ps: Session, params: dict) -> None:
    # Write-Progress.Tests.ps1:4-12
    with pytest.raises(psbridge.ParameterBindingError) as error:
        ps("Write-Progress", Activity="myactivity", Status="mystatus", **params)
    assert error.value.fully_qualified_error_id == (
        "ParameterArgumentValidationError,Microsoft.PowerShell.Commands.WriteProgressCommand"
    )


def test_write_progress_records_and_completes(ps: Session) -> None:
    # Write-Progress.Tests.ps1:18-35
    ps("Write-Progress", Activity="a" * 200, Status="b" * 200, Id=1)
    ps("Write-Progress", Completed=True)
    first, done = ps.runspace.streams.progress
    assert (first.activity, first.activity_id, first.completed) == ("a" * 200, 1, False)
    assert done.completed
