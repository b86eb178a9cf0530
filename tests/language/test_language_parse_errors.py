"""Parse errors: PowerShell's ids and messages, positions, and everything outside the subset."""

from __future__ import annotations

import pickle

import pytest

from psbridge.errors import ErrorCategory, PSError
from psbridge.language import ParseError
from psbridge.language.subset import parse


def error_of(text: str) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse(text)
    return caught.value


# ---------------------------------------------------------------- PowerShell's own syntax errors
@pytest.mark.parametrize(
    ("text", "error_id", "message", "line", "column"),
    [
        ("Get-Thread (1", "MissingEndParenthesisInExpression", "Missing closing ')' in expression.", 1, 14),
        ("$x = (Cmd a\n", "MissingEndParenthesisInExpression", "Missing closing ')' in expression.", 1, 12),
        ("$(1", "MissingEndParenthesisInSubexpression", "Missing closing ')' in subexpression.", 1, 4),
        ("@(1;2", "MissingEndParenthesisInSubexpression", "Missing closing ')' in subexpression.", 1, 6),
        ("()", "ExpectedExpression", "An expression was expected after '('.", 1, 2),
        ("@{a=1", "MissingEndCurlyBrace", "Missing closing '}' in statement block or type definition.", 1, 6),
        ("@{a 1}", "MissingEqualsInHashLiteral", "Missing '=' operator after key in hash literal.", 1, 4),
        ("@{a=}", "MissingStatementInHashLiteral", "Missing statement after '=' in hash literal.", 1, 5),
        ("@{a=1; A=2}", "DuplicateKeyInHashLiteral", "Duplicate keys 'A' are not allowed in hash literals.", 1, 8),
        ("'abc", "TerminatorExpectedAtEndOfString", "The string is missing the terminator: '.", 1, 1),
        ('Cmd "abc', "TerminatorExpectedAtEndOfString", 'The string is missing the terminator: ".', 1, 5),
        (
            "Cmd <# x",
            "MissingTerminatorMultiLineComment",
            "The terminator '#>' is missing from the multiline comment.",
            1,
            5,
        ),
        ("$x[", "MissingArrayIndexExpression", "Array index expression is missing or not valid.", 1, 4),
        ("$x[1", "MissingEndSquareBracket", "Missing ']' after array index expression.", 1, 5),
        ("$x.", "MissingPropertyName", "Missing property name after reference operator.", 1, 4),
        ("Cmd |", "EmptyPipeElement", "An empty pipe element is not allowed.", 1, 6),
        ("| Cmd", "EmptyPipeElement", "An empty pipe element is not allowed.", 1, 1),
        ("Cmd\n\n| Cmd2", "EmptyPipeElement", "An empty pipe element is not allowed.", 3, 1),
        (
            "Cmd | $x",
            "ExpressionsMustBeFirstInPipeline",
            "Expressions are only allowed as the first element of a pipeline.",
            1,
            7,
        ),
        ("$x $y", "UnexpectedToken", "Unexpected token '$y' in expression or statement.", 1, 4),
        ("Cmd a)", "UnexpectedToken", "Unexpected token ')' in expression or statement.", 1, 6),
        ("Cmd -x,", "MissingArgument", "Missing argument in parameter list.", 1, 7),
        ("Cmd a,", "MissingExpression", "Missing expression after ',' in pipeline element.", 1, 7),
        ("$x = 1,", "MissingExpressionAfterToken", "Missing expression after ','.", 1, 8),
        ("Cmd -Name:", "ParameterRequiresArgument", "Parameter -Name: requires an argument.", 1, 11),
        ("$x =", "ExpectedValueExpression", "You must provide a value expression following the '=' operator.", 1, 5),
        ("5 = 3", "InvalidLeftHandSide", None, 1, 1),
        ('"$name: x"', "InvalidVariableReferenceWithDrive", None, 1, 2),
        ("${}", "EmptyVariableReference", None, 1, 3),
        ("${abc", "IncompleteDollarVariableReference", None, 1, 2),
        ("@p", "SplattingNotPermitted", None, 1, 1),
        ("Cmd @p, 1", "SplattingNotPermittedInArgumentList", None, 1, 5),
        ("Cmd `u{zz}", "InvalidUnicodeEscapeSequence", None, 1, 5),
        ("Cmd `u{1234567}", "TooManyDigitsInUnicodeEscapeSequence", None, 1, 5),
        ("Cmd < in.txt", "RedirectionNotSupported", "The '<' operator is reserved for future use.", 1, 5),
        ("@", "UnrecognizedToken", "Unrecognized token in source text.", 1, 1),
        ("$x = 0xFFFFFFFFFFFFFFFFFF", "BadNumericConstant", None, 1, 6),
    ],
)
def test_powershell_syntax_errors(text: str, error_id: str, message: str | None, line: int, column: int) -> None:
    error = error_of(text)
    assert error.error_id == error_id
    if message is not None:
        assert error.error_message == message
    assert (error.line, error.column) == (line, column)


# ---------------------------------------------------------------- outside the subset
@pytest.mark.parametrize(
    ("text", "what", "column"),
    [
        ("if ($x) { Cmd }", "The 'if' keyword", 1),
        ("foreach ($t in $threads) { }", "The 'foreach' keyword", 1),
        ("function f { }", "The 'function' keyword", 1),
        ("  while ($true) { }", "The 'while' keyword", 3),
        ("param($x)", "The 'param' keyword", 1),
        ("return 5", "The 'return' keyword", 1),
        ("throw 'x'", "The 'throw' keyword", 1),
        ("try { }", "The 'try' keyword", 1),
        ("$x = if ($y) { 1 }", "The 'if' keyword", 6),
        (":outer foreach", "A loop label", 1),
        ("{ Cmd }", "A script block ({ ... })", 1),
        ("Get-Thread | ForEach-Object { $_.id }", "A script block ({ ... })", 29),
        ("Get-Thread | Where-Object { $_ }", "A script block ({ ... })", 27),
        ("& Get-Thread", "The '&' call operator", 1),
        ("Cmd | & x", "The '&' call operator", 7),
        (". ./script.ps1", "Dot-sourcing ('. ')", 1),
        ("Cmd &", "Running a pipeline in the background ('&')", 5),
        ("Cmd && Cmd2", "The pipeline chain operator '&&'", 5),
        ("Cmd || Cmd2", "The pipeline chain operator '||'", 5),
        ("Cmd > out.txt", "Redirection ('>')", 5),
        ("Cmd >> out.txt", "Redirection ('>>')", 5),
        ("Cmd 2>$null", "Redirection ('2>')", 5),
        ("Cmd 2>&1", "Redirection ('2>&1')", 5),
        ("Cmd *> x", "Redirection ('*>')", 5),
        ("$x -eq 1", "The '-eq' operator", 4),
        ("1 + 2", "The '+' operator", 3),
        ("$a - $b", "The '-' operator", 4),
        ("'{0}' -f $x", "The '-f' operator", 7),
        ("$x -and $y", "The '-and' operator", 4),
        ("1..5", "The '..' operator", 2),
        ("-not $x", "The '-not' operator", 1),
        ("!$x", "The '!' operator", 1),
        ("-$x", "The '-' operator", 1),
        ("$x++", "The '++' operator", 3),
        ("$x += 1", "The '+=' assignment operator", 4),
        ("$x ?? 1", "The '??' operator", 4),
        ("[int]5", "The type literal or conversion '[int]'", 1),
        ("[string[]]$x", "The type literal or conversion '[string[]]'", 1),
        ("[ordered]@{a=1}", "The type literal or conversion '[ordered]'", 1),
        ("[DateTime]::Now", "The type literal or conversion '[DateTime]'", 1),
        ("[pscustomobject]", "The type literal '[pscustomobject]' without a value to convert", 1),
        ("$x.ToString()", "Calling a method", 3),
        ("$x.Count.Equals(1)", "Calling a method", 9),
        ("$x::Foo", "Static member access ('::')", 3),
        ("$x.y = 1", "Assigning to a property or an array element", 1),
        ("$x[0] = 1", "Assigning to a property or an array element", 1),
        ("$function:foo", "The variable drive or scope 'function:'", 1),
        ("$using:x", "The '$using:' scope", 1),
        ("Cmd --% a b", "The stop-parsing token '--%'", 5),
        ("$x = @'\nhere\n'@", "A here-string (@' '@ or @\" \"@)", 6),
        ('Cmd @"\nhere\n"@', "A here-string (@' '@ or @\" \"@)", 5),
    ],
)
def test_constructs_outside_the_subset_are_parse_errors(text: str, what: str, column: int) -> None:
    error = error_of(text)
    assert error.error_id == "UnsupportedSyntax"
    assert error.error_message == f"{what} is not supported in psbridge's PowerShell language subset."
    assert (error.line, error.column) == (1, column)


def test_unsupported_syntax_on_a_later_line_reports_that_line() -> None:
    error = error_of("$a = 1\nGet-Thread\n  if ($a) { }\n")
    assert (error.line, error.column) == (3, 3)
    assert error.source_line == "  if ($a) { }"


# ---------------------------------------------------------------- the error object
def test_parse_error_is_a_ps_error_with_parser_category_and_display() -> None:
    error = error_of("Get-Thread (1")
    assert isinstance(error, PSError)
    assert error.category == ErrorCategory.ParserError
    assert error.fully_qualified_error_id == "MissingEndParenthesisInExpression"
    assert error.expected == "')'"
    assert str(error) == "At line:1 char:14\n+ Get-Thread (1\n+              ~\nMissing closing ')' in expression."
    formatted = error.error_record.format()
    assert "+ CategoryInfo          : ParserError: (:) [], ParseException" in formatted
    assert "+ FullyQualifiedErrorId : MissingEndParenthesisInExpression" in formatted


def test_parse_error_survives_pickling() -> None:
    error = error_of("$x = ")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.error_id, copy.line, copy.column, copy.error_message) == (
        error.error_id,
        error.line,
        error.column,
        error.error_message,
    )


def test_parse_errors_stop_at_the_first_problem_and_nothing_partial_is_returned() -> None:
    error = error_of("Cmd1\nCmd2\nCmd3 (")
    assert (error.line, error.error_id) == (3, "ExpectedExpression")


def test_nesting_too_deep_is_a_parse_error_not_a_recursion_error() -> None:
    for text in ("(" * 5000, "$(" * 5000, '"$(' * 3000, "@{a=" * 3000, "," * 5000 + "1", "$x[" * 3000):
        assert error_of(text).error_id == "ScriptNestedTooDeeply"


def test_moderate_nesting_is_fine() -> None:
    parse("(" * 30 + "1" + ")" * 30)
    parse('"$(' * 10 + "1" + ')"' * 10)
