"""Commands in argument mode: bare words, parameters, splatting, redirections, ``&`` and ``.``, ``--%``."""

from __future__ import annotations

import pytest

from psbridge.language import TokenKind, ast, parse_input
from tests.language.parser_helpers import command, error_ids, errors, only_statement, shape


def elements(text: str) -> list[str]:
    return [shape(element) for element in command(text).command_elements]


@pytest.mark.parametrize(
    ("text", "shapes"),
    [
        ("Get-Thing a b", ["'Get-Thing'", "'a'", "'b'"]),
        ("Cmd -Name value -Switch", ["'Cmd'", "CommandParameter(Name)", "'value'", "CommandParameter(Switch)"]),
        ("Cmd -Name:value", ["'Cmd'", "CommandParameter(Name 'value')"]),
        ("Cmd -Name: value", ["'Cmd'", "CommandParameter(Name 'value')"]),
        ("Cmd -Flag:$false", ["'Cmd'", "CommandParameter(Flag $false)"]),
        ("Cmd a,b c", ["'Cmd'", "ArrayLiteral('a' 'b')", "'c'"]),
        ("Cmd 1 2.5 0x10 1kb", ["'Cmd'", "1", "2.5", "16", "1024"]),
        ("Cmd 10abc 1280x720 7+1", ["'Cmd'", "'10abc'", "'1280x720'", "'7+1'"]),
        # PowerShell reads a signed number after a command as a bare word (a sign only starts an
        # expression); the binder converts it for numeric parameters (tokenizer.cs: '-' then a digit).
        ("Cmd -2.32 -5", ["'Cmd'", "'-2.32'", "'-5'"]),
        ("Cmd '-x' \"-y\"", ["'Cmd'", "'-x'", "'-y'"]),
        ("Cmd a#b a=b *.txt C:\\x\\y", ["'Cmd'", "'a#b'", "'a=b'", "'*.txt'", repr("C:\\x\\y")]),
        ("Cmd @params @args", ["'Cmd'", "@params", "@args"]),
        ("Cmd $x.Name $x[0] $x.Method()", ["'Cmd'", "Member($x 'Name')", "Index($x 0)", "InvokeMember($x 'Method')"]),
        ("Cmd (1 + 2) $(Get-X) @(1)", ["'Cmd'", "Paren(Binary(Plus 1 2))", "Sub(StatementBlock(Command('Get-X')))",
                                         "Array(StatementBlock(1))"]),
        ("Cmd { 1 }", ["'Cmd'", "ScriptBlock(ScriptBlock(NamedBlock(End unnamed 1)))"]),
        ("Cmd @{a=1}", ["'Cmd'", "Hashtable('a' 1)"]),
        ("Cmd a$x b", ["'Cmd'", "ExpandableString(a$x BareWord $x)", "'b'"]),
        ("Cmd `$x `-y", ["'Cmd'", "'$x'", "'-y'"]),
        ("Cmd --% a b $c", ["'Cmd'", "'--%'", "'a b $c'"]),
        ("Cmd -- -x", ["'Cmd'", "CommandParameter(-)", "'-x'"]),
        ("Cmd \u2013Name \u2018v\u2019", ["'Cmd'", "CommandParameter(Name)", "'v'"]),
        ("Cmd if else", ["'Cmd'", "'if'", "'else'"]),
    ],
)  # fmt: skip
def test_argument_mode(text: str, shapes: list[str]) -> None:
    assert elements(text) == shapes


def test_parameter_keeps_the_text_typed() -> None:
    parameter = command("Cmd -runid:r").command_elements[1]
    assert isinstance(parameter, ast.CommandParameterAst)
    typed = (parameter.parameter_name, parameter.error_position.text, parameter.extent.text)
    assert typed == ("runid", "-runid:", "-runid:r")


def test_number_arguments_keep_their_text_in_the_extent() -> None:
    argument = command("Cmd 007").command_elements[1]
    assert isinstance(argument, ast.ConstantExpressionAst)
    assert (argument.value, argument.extent.text) == (7, "007")


def test_call_and_dot_source_operators() -> None:
    invoked = command("& $script -x 1")
    assert invoked.invocation_operator is TokenKind.Ampersand
    assert [shape(e) for e in invoked.command_elements] == ["$script", "CommandParameter(x)", "1"]
    dotted = command(". ./helpers.ps1")
    assert dotted.invocation_operator is TokenKind.Dot
    assert shape(dotted.command_elements[0]) == "'./helpers.ps1'"
    assert shape(command("& 'C:\\Program Files\\x.exe' a").command_elements[0]) == repr("C:\\Program Files\\x.exe")
    assert errors("&") == [("MissingExpression", 0)]


@pytest.mark.parametrize(
    ("text", "redirections"),
    [
        ("Cmd > out.txt", ["FileRedirection(Output 'out.txt')"]),
        ("Cmd >> out.txt", ["FileRedirection(Output append 'out.txt')"]),
        ("Cmd 2>&1", ["MergingRedirection(Error Output)"]),
        ("Cmd *>$null", ["FileRedirection($null)"]),
        ("Cmd 3> w.txt 6>> i.txt", ["FileRedirection(Warning 'w.txt')", "FileRedirection(Information append 'i.txt')"]),
        ("Cmd *>&1", ["MergingRedirection(Output)"]),
    ],
)
def test_redirections(text: str, redirections: list[str]) -> None:
    assert [shape(r) for r in command(text).redirections] == redirections


def test_redirection_of_an_expression_and_errors() -> None:
    statement = only_statement("$x 2>&1 > $null")
    assert isinstance(statement, ast.PipelineAst)
    element = statement.pipeline_elements[0]
    assert isinstance(element, ast.CommandExpressionAst) and len(element.redirections) == 2
    assert error_ids("Cmd < in.txt") == ["RedirectionNotSupported"]
    assert error_ids("Cmd 2>&2") == ["RedirectionNotSupported"]
    assert error_ids("Cmd > a > b") == ["StreamAlreadyRedirected"]
    assert error_ids("Cmd >") == ["MissingFileSpecification"]


def test_expression_first_in_a_pipeline() -> None:
    statement = only_statement("$x | Where-Object Name -eq 'a' | Select-Object -First 1")
    assert isinstance(statement, ast.PipelineAst)
    first, where, select = statement.pipeline_elements
    assert isinstance(first, ast.CommandExpressionAst)
    assert shape(where) == "Command('Where-Object' 'Name' CommandParameter(eq) 'a')"
    assert shape(select) == "Command('Select-Object' CommandParameter(First) 1)"
    assert error_ids("Get-A | 1") == ["ExpressionsMustBeFirstInPipeline"]


def test_command_names() -> None:
    assert command("Get-ChildItem").get_command_name() == "Get-ChildItem"
    assert error_ids("'my cmd' a") == ["UnexpectedToken"]  # a string starts an expression, not a command
    assert command("ForEach-Object").get_command_name() == "ForEach-Object"
    quoted = parse_input("& 'a b'")[0].find(lambda n: isinstance(n, ast.CommandAst))
    assert isinstance(quoted, ast.CommandAst) and quoted.get_command_name() == "a b"
    assert shape(command("a?b:c x").command_elements[0]) == "'a?b:c'"


def test_argument_errors() -> None:
    assert errors("gcm -a:") == [("ParameterRequiresArgument", 7)]
    assert errors("gcm ,") == [("MissingArgument", 4)]
    assert errors("gcm a,") == [("MissingExpression", 6)]
