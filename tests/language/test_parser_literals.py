"""Literals and tokens: numbers, strings and here-strings, variables, comments, positions, ``tokenize``."""

from __future__ import annotations

import decimal

import pytest

from psbridge.language import Token, TokenKind, ast, parse, parse_input, tokenize
from psbridge.objects.numeric import BigInteger, Byte, Int16, Int64, SByte, UInt32
from tests.language.parser_helpers import error_ids, errors, expression, shape


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("42", 42), ("0x10", 16), ("0xFF", 255), ("0xFFFFFFFF", -1), ("0b101", 5), ("1kb", 1024), ("2MB", 2 * 1024**2),
        ("1.5", 1.5), (".5", 0.5), ("1e3", 1000.0), ("1.5e-2", 0.015), ("10l", Int64(10)),
        ("1.5d", decimal.Decimal("1.5")), ("7u", UInt32(7)), ("3s", Int16(3)), ("5y", SByte(5)), ("5uy", Byte(5)),
        ("12n", BigInteger(12)), ("2147483648", Int64(2147483648)), ("-7", -7),
        ("1dkb", decimal.Decimal(1024)),
    ],
)  # fmt: skip
def test_numbers(text: str, value: object) -> None:
    node = expression(text)
    assert isinstance(node, ast.ConstantExpressionAst) and not isinstance(node, ast.StringConstantExpressionAst)
    assert node.value == value and type(node.value) is type(value)


def test_numbers_that_do_not_fit_are_errors_in_expressions() -> None:
    assert error_ids("$x = 300y") == ["BadNumericConstant"]
    # not a number (a multiplier needs its 'b'): a bare word, so the right side is a command
    assert shape(parse("$x = 1kq").end_block.statements[0]) == "Assignment(Equals $x Command('1kq'))"  # type: ignore[union-attr]


def test_numbers_end_at_operators_only_in_expression_mode() -> None:
    assert shape(expression("7+1")) == "Binary(Plus 7 1)"
    assert shape(expression("1..10")) == "Binary(DotDot 1 10)"
    assert shape(expression("$a[1]+2")) == "Binary(Plus Index($a 1) 2)"


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("'it''s'", "it's", ast.StringConstantType.SingleQuoted),
        ("'a`nb'", "a`nb", ast.StringConstantType.SingleQuoted),
        ('"a`tb`n`"q`""', 'a\tb\n"q"', ast.StringConstantType.DoubleQuoted),
        ('"say ""hi"""', 'say "hi"', ast.StringConstantType.DoubleQuoted),
        ('"`u{263A} `e `0"', "\u263a \x1b \0", ast.StringConstantType.DoubleQuoted),
        ('"{braces} $ alone"', "{braces} $ alone", ast.StringConstantType.DoubleQuoted),
        ("@'\nline 1\n'line' 2\n'@", "line 1\n'line' 2", ast.StringConstantType.SingleQuotedHereString),
        ('@"\n`t$("x")\n"@', None, ast.StringConstantType.DoubleQuotedHereString),
        ("@'\r\nwindows\r\nlines\r\n'@", "windows\r\nlines", ast.StringConstantType.SingleQuotedHereString),
        ("\u2018typographic\u2019", "typographic", ast.StringConstantType.SingleQuoted),
    ],
)
def test_strings(text: str, value: str | None, kind: ast.StringConstantType) -> None:
    node = expression(text)
    if value is None:
        assert isinstance(node, ast.ExpandableStringExpressionAst)
    else:
        assert isinstance(node, ast.StringConstantExpressionAst) and node.value == value
    assert node.string_constant_type is kind  # type: ignore[union-attr]


def test_expandable_strings_record_what_they_expand() -> None:
    node = expression('"Hi $name, ${full name}: $($user.Id) {0} $env:HOME $x.y"')
    assert isinstance(node, ast.ExpandableStringExpressionAst)
    assert [shape(n) for n in node.nested_expressions] == [
        "$name", "$full name", "Sub(StatementBlock(Member($user 'Id')))", "$env:HOME", "$x",
    ]  # fmt: skip
    assert node.format_expression == "Hi {0}, {1}: {2} {{0}} {3} {4}.y"
    assert node.value == "Hi $name, ${full name}: $($user.Id) {0} $env:HOME $x.y"


def test_subexpression_in_a_string_may_contain_quotes_and_strings() -> None:
    node = expression('"a $($x -join ", ") b"')
    assert isinstance(node, ast.ExpandableStringExpressionAst)
    assert shape(node.nested_expressions[0]) == "Sub(StatementBlock(Binary(Join $x ', ')))"


def test_doubled_quotes_inside_a_subexpression_read_as_one_and_keep_positions() -> None:
    text = 'x "a $(""b"" + "c") d"'
    tree = parse(text)
    string = tree.find(lambda n: isinstance(n, ast.ExpandableStringExpressionAst))
    assert isinstance(string, ast.ExpandableStringExpressionAst)
    inner = string.find(lambda n: isinstance(n, ast.BinaryExpressionAst))
    assert isinstance(inner, ast.BinaryExpressionAst)
    assert shape(inner) == "Binary(Plus 'b' 'c')"
    assert inner.left.extent.text == '""b""'  # the source it came from, doubled quotes included
    for node in tree.find_all(lambda n: True):
        assert node.extent.text == text[node.extent.start_offset : node.extent.end_offset]


def test_string_errors() -> None:
    assert errors("'abc") == [("TerminatorExpectedAtEndOfString", 0)]
    assert errors('x "abc') == [("TerminatorExpectedAtEndOfString", 2)]
    assert error_ids("@'\nabc") == ["TerminatorExpectedAtEndOfString"]
    assert error_ids("@'\nabc\n '@") == ["WhitespaceBeforeHereStringFooter"]
    # after a bad header the lines read as code: 'abc', then an unterminated string
    assert error_ids("@' x\nabc\n'@") == [
        "UnexpectedCharactersAfterHereStringHeader",
        "TerminatorExpectedAtEndOfString",
    ]
    assert error_ids('"$(1"')[0] == "IncompleteDollarSubexpressionReference"


@pytest.mark.parametrize(
    ("text", "name", "scope", "drive"),
    [
        ("$x", "x", None, None),
        ("$global:X", "X", "global", None),
        ("$script:X", "X", "script", None),
        ("$local:X", "X", "local", None),
        ("$private:X", "X", "private", None),
        ("$env:PATH", "PATH", None, "env"),
        ("${env:ProgramFiles(x86)}", "ProgramFiles(x86)", None, "env"),
        ("${a b}", "a b", None, None),
        ("$variable:x", "x", None, None),
        ("$_", "_", None, None),
        ("$$", "$", None, None),
        ("$?", "?", None, None),
        ("$^", "^", None, None),
        ("$function:prompt", "prompt", None, "function"),
    ],
)
def test_variables(text: str, name: str, scope: str | None, drive: str | None) -> None:
    node = expression(text)
    assert isinstance(node, ast.VariableExpressionAst)
    path = node.variable_path
    assert (path.unqualified_path, path.scope, path.drive_name) == (name, scope, drive)


def test_variable_errors() -> None:
    assert error_ids("$global:") == ["InvalidVariableReference"]
    assert error_ids("$env:") == ["InvalidVariableReferenceWithDrive"]
    assert error_ids("${}") == ["EmptyVariableReference"]
    assert error_ids("${abc") == ["IncompleteDollarVariableReference"]


def test_constant_variables() -> None:
    for text in ("$true", "$FALSE", "$null"):
        node = expression(text)
        assert isinstance(node, ast.VariableExpressionAst) and node.is_constant_variable()
    assert not expression("$global:true").is_constant_variable()  # type: ignore[attr-defined]


def test_comments_and_block_comment_errors() -> None:
    assert parse("# only a comment").end_block.statements == []  # type: ignore[union-attr]
    assert parse("<# a\n block #>").end_block.statements == []  # type: ignore[union-attr]
    assert error_ids("<# never closed") == ["MissingTerminatorMultiLineComment"]
    assert shape(expression("1 <# inline #> + 2")) == "Binary(Plus 1 2)"


def test_tokenize_returns_tokens_with_their_text_and_comments() -> None:
    tokens = tokenize("Get-X -Name 'a' # done\n$y = 1.5")
    summary = [(t.kind, t.text) for t in tokens]
    assert summary == [
        (TokenKind.Generic, "Get-X"),
        (TokenKind.Parameter, "-Name"),
        (TokenKind.StringLiteral, "'a'"),
        (TokenKind.Comment, "# done"),
        (TokenKind.NewLine, "\n"),
        (TokenKind.Variable, "$y"),
        (TokenKind.Equals, "="),
        (TokenKind.Number, "1.5"),
        (TokenKind.EndOfInput, ""),
    ]
    assert all(isinstance(token, Token) for token in tokens)
    assert tokens[1].value == "Name" and tokens[7].value == 1.5


def test_extents_have_lines_columns_and_text() -> None:
    tree = parse("a\r\n  $b = 'c'\n  d")
    assignment = tree.end_block.statements[1]  # type: ignore[union-attr]
    extent = assignment.extent
    assert (extent.start_line_number, extent.start_column_number, extent.end_line_number, extent.end_column_number) == (
        2, 3, 2, 11,
    )  # fmt: skip
    assert extent.text == "$b = 'c'" and extent.start_offset == 5
    assert extent.start_script_position.line_text == "  $b = 'c'"


def test_prompts_are_skipped_only_when_asked() -> None:
    tree, errors_found = parse_input("PS C:\\> Get-Thread -All\nPS> Get-Run", prompts=True)
    assert not errors_found
    assert [shape(s) for s in tree.end_block.statements] == [  # type: ignore[union-attr]
        "Command('Get-Thread' CommandParameter(All))",
        "Command('Get-Run')",
    ]
    # Without them the text is what PowerShell reads: a command 'PS' with the arguments 'C:\>' ...
    plain = parse("PS C:\\> Get-Thread -All").end_block.statements[0]  # type: ignore[union-attr]
    assert shape(plain) == "Command('PS' 'C:\\\\>' 'Get-Thread' CommandParameter(All))"


def test_signature_block_comments_end_the_script() -> None:
    assert error_ids("1\n# SIG # Begin signature block\n2") == ["TokenAfterEndOfValidScriptText"]
    assert error_ids("1\n# SIG # Begin signature block\n# MIIa...") == []
