"""Parse errors: PowerShell's ids and messages, every error reported, incomplete input, the display."""

from __future__ import annotations

import pickle

import pytest

from psbridge.language import IncompleteParseError, ParseError, parse, parse_input
from tests.language.parser_helpers import errors


def test_every_error_is_reported_not_only_the_first() -> None:
    text = "if ($a) { 1 + }\n$y = @(1,)\nfunction f( { }\nforeach ($x) {}"
    assert errors(text) == [
        ("ExpectedValueExpression", 13),
        ("MissingExpressionAfterToken", 25),
        ("MissingEndParenthesisInFunctionParameterList", 38),
        ("UnexpectedToken", 41),
        ("MissingInInForeach", 54),
        ("UnexpectedToken", 54),
    ]


def test_recovery_goes_on_after_a_stray_closing_brace() -> None:
    assert errors("1\n}\n2 +\n") == [("UnexpectedToken", 2), ("ExpectedValueExpression", 7)]


@pytest.mark.parametrize(
    ("text", "incomplete"),
    [
        ("if (", True), ("'abc", True), ("function f {", True), ("$a = @{", True), ("Get-A |", True),
        ("foreach ($a in", True), ("@'\nabc", True), ("1 +", True), ("$x.", True), ("Get-A &&", True),
        ("1 = 2", False), ("if $a { }", False), ("}", False), ("$a -bogus 1", False), ("Get-A | 1", False),
    ],
)  # fmt: skip
def test_incomplete_input_is_told_apart(text: str, incomplete: bool) -> None:
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert isinstance(caught.value, IncompleteParseError) is incomplete
    assert caught.value.incomplete_input is incomplete


def test_parse_error_carries_powershell_shape() -> None:
    with pytest.raises(ParseError) as caught:
        parse("$x = 1\n$y = 2 + ; (3", "script.ps1")
    error = caught.value
    assert error.error_id == "ExpectedValueExpression"
    assert error.fully_qualified_error_id == "ExpectedValueExpression"
    assert error.category == "ParserError"
    assert (error.line, error.column) == (2, 9)
    assert error.error_message == "You must provide a value expression following the '+' operator."
    assert str(error).startswith("At script.ps1:2 char:9\n+ $y = 2 + ; (3\n+         ~\n")
    assert [item.error_id for item in error.errors] == ["ExpectedValueExpression", "MissingEndParenthesisInExpression"]
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.error_id, copy.line, str(copy)) == (error.error_id, error.line, str(error))


def test_at_most_ten_errors_in_the_message() -> None:
    text = "; ".join(["$x = (1 +)"] * 12)
    _, found = parse_input(text)
    assert len(found) == 12
    with pytest.raises(ParseError) as caught:
        parse(text)
    assert str(caught.value).count("You must provide") == 10
    assert str(caught.value).endswith("Not all parse errors were reported.  Correct the reported errors and try again.")


def test_error_position_at_the_end_of_input_is_one_past_it() -> None:
    # PowerShell's end-of-input token sits one character past the text.
    assert errors("$hello ??? $what")[-1] == ("MissingColonInTernaryExpression", 17)


@pytest.mark.parametrize(
    ("text", "error_id", "message"),
    [
        ("foreach ($a $b) {}", "MissingInInForeach",
         "Missing 'in' after variable in foreach loop.\nThe correct form is: foreach ($a in $b) {...}"),
        ("$a = ", "ExpectedValueExpression", "You must provide a value expression following the '=' operator."),
        ("function", "MissingNameAfterKeyword", "Missing name after function keyword."),
        ("switch -bogus ($x) {}", "InvalidSwitchFlag", "The parameter bogus is not valid for the switch statement."),
        ("param($a, $A)", "DuplicateFormalParameter", "Duplicate parameter $A in parameter list."),
        ('"${x"', "IncompleteDollarVariableReference",
         "${{variable}} reference starting is missing the closing '}}'."),
        ("[int[", "MissingTypename", "Missing type name after '['."),
        ("@{ a }", "MissingEqualsInHashLiteral", "Missing '=' operator after key in hash literal."),
        ("var", "ReservedKeywordNotAllowed", "The 'var' keyword is not supported in this version of the language."),
    ],
)  # fmt: skip
def test_messages_are_powershells(text: str, error_id: str, message: str) -> None:
    _, found = parse_input(text)
    assert (found[0].error_id, found[0].message) == (error_id, message)
