"""Tokenizer: argument-mode words, parameters, numbers, strings, comments, prompts, continuation."""

from __future__ import annotations

import decimal

import pytest

from psbridge.language import ParseError
from psbridge.language.subset import Mode, SourceText, Token, Tokenizer, TokenKind, tokenize
from psbridge.objects.numeric import BigInteger, Byte, Int16, Int64


def kinds(text: str) -> list[tuple[str, object]]:
    """(kind, value) of every token but the final EOF."""
    return [(token.kind.name, token.value) for token in tokenize(text)[:-1]]


def argument_tokens(text: str) -> list[Token]:
    """The tokens after the command name ``Cmd``."""
    tokens = tokenize("Cmd " + text)
    assert tokens[-1].kind is TokenKind.EOF
    return tokens[1:-1]


def scan(text: str, mode: Mode) -> Token:
    """One token scanned directly in ``mode``."""
    return Tokenizer(SourceText(text)).next_token(mode)


# ---------------------------------------------------------------- words and parameters
@pytest.mark.parametrize(
    "word",
    ["thread_abc123", "a-b", "C:\\x", "1280x720", "10abc", "a#b", "x=y", "file.txt", "*.txt", "a+b", "[abc]", "!x"],
)
def test_argument_mode_word_is_one_bare_word(word: str) -> None:
    (token,) = argument_tokens(word)
    assert token.kind in (TokenKind.GENERIC, TokenKind.IDENTIFIER)
    assert token.value == word
    assert token.text == word


def test_words_split_at_the_characters_that_force_a_new_token() -> None:
    tokens = argument_tokens("a;b")
    assert [t.kind for t in tokens] == [TokenKind.IDENTIFIER, TokenKind.SEMI, TokenKind.IDENTIFIER]
    assert [t.kind for t in argument_tokens("a,b")] == [TokenKind.IDENTIFIER, TokenKind.COMMA, TokenKind.IDENTIFIER]
    assert [t.kind for t in argument_tokens("a(b)")][:2] == [TokenKind.IDENTIFIER, TokenKind.LPAREN]


def test_parameter_tokens_keep_the_text_as_typed() -> None:
    plain, colon, _value, spaced, _other = argument_tokens("-RunId -runid:r -Name: v")
    assert (plain.kind, plain.value, plain.text, plain.used_colon) == (TokenKind.PARAMETER, "RunId", "-RunId", False)
    assert (colon.kind, colon.value, colon.text, colon.used_colon) == (TokenKind.PARAMETER, "runid", "-runid:", True)
    assert (spaced.value, spaced.used_colon) == ("Name", True)


def test_quotes_turn_a_dash_word_into_an_argument() -> None:
    (token,) = argument_tokens('-Name"x"')
    assert (token.kind, token.value) == (TokenKind.GENERIC, "-Namex")
    (quoted,) = argument_tokens("'-x'")
    assert (quoted.kind, quoted.value) == (TokenKind.STRING_LITERAL, "-x")


def test_parameter_ends_at_a_dot_and_the_rest_is_a_word() -> None:
    parameter, rest = argument_tokens("-Path.txt")
    assert (parameter.kind, parameter.value) == (TokenKind.PARAMETER, "Path")
    assert (rest.kind, rest.value) == (TokenKind.GENERIC, ".txt")


def test_typographic_dashes_start_parameters_too() -> None:
    (token,) = argument_tokens("\u2013Wait")
    assert (token.kind, token.value, token.text) == (TokenKind.PARAMETER, "Wait", "\u2013Wait")


def test_double_dash_is_its_own_token_only_when_alone() -> None:
    assert argument_tokens("--")[0].kind is TokenKind.MINUS_MINUS
    assert (argument_tokens("--x")[0].kind, argument_tokens("--x")[0].value) == (TokenKind.GENERIC, "--x")


def test_operators_are_words_in_argument_mode_but_tokens_in_expression_mode() -> None:
    assert scan("-eq", Mode.EXPRESSION).kind is TokenKind.OPERATOR
    assert scan("-eq", Mode.COMMAND).kind is TokenKind.PARAMETER
    assert scan("+5", Mode.COMMAND).value == "+5"
    assert scan("=x", Mode.COMMAND).kind is TokenKind.GENERIC
    assert scan("= x", Mode.COMMAND).kind is TokenKind.EQUALS


def test_keywords_are_recognised_only_as_whole_words_in_argument_mode() -> None:
    assert scan("if ", Mode.COMMAND).kind is TokenKind.KEYWORD
    assert scan("if-x", Mode.COMMAND).kind is TokenKind.GENERIC
    assert scan("if ", Mode.EXPRESSION).kind is TokenKind.IDENTIFIER


def test_a_nul_character_is_consumed_as_a_word() -> None:
    tokens = argument_tokens("\0x")
    assert tokens[0].value == "\0x"


# ---------------------------------------------------------------- numbers
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10", 10),
        ("0x10", 16),
        ("0X1f", 31),
        ("1kb", 1024),
        ("2MB", 2 * 1024**2),
        ("1gb", 1024**3),
        ("1tb", Int64(1024**4)),
        ("1pb", Int64(1024**5)),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("1.5e-3", 0.0015),
        ("10l", Int64(10)),
        ("1.5d", decimal.Decimal("1.5")),
        ("3d", decimal.Decimal(3)),
        ("0xFFFFFFFF", -1),
        ("0x7FFFFFFF", 2**31 - 1),
        ("0xFFs", Int16(255)),
        ("0xFFFFs", Int16(-1)),
        ("0b101", 5),
        ("0b11111111", -1),
        ("7n", BigInteger(7)),
        ("200uy", Byte(200)),
        ("2147483648", Int64(2147483648)),
        ("0x1d", 29),
    ],
)
def test_numbers_in_argument_mode(text: str, value: object) -> None:
    # Each literal keeps its .NET type (psbridge.objects.numeric): 10l is an Int64, 200uy a Byte.
    (token,) = argument_tokens(text)
    assert token.kind is TokenKind.NUMBER
    assert token.value == value
    assert type(token.value) is type(value)


@pytest.mark.parametrize("text", ["10abc", "1.5.3", "1k", "1kbx", "0xZ", "1e", "300y", "1ul5", "1ss"])
def test_text_that_does_not_scan_completely_as_a_number_is_a_word(text: str) -> None:
    (token,) = argument_tokens(text)
    assert token.kind is TokenKind.GENERIC
    assert token.value == text


def test_negative_number_is_a_word_in_argument_mode_as_in_powershell() -> None:
    # PowerShell's tokenizer only allows a sign at the start of a unary expression:
    # `Cmd -5` passes the bare word '-5' (the binder converts it for numeric parameters).
    (token,) = argument_tokens("-5")
    assert (token.kind, token.value) == (TokenKind.GENERIC, "-5")
    assert Tokenizer(SourceText("-5")).next_token(Mode.EXPRESSION, signed_numbers=True).value == -5


def test_numbers_end_at_operators_in_expression_mode_only() -> None:
    assert scan("7+1", Mode.COMMAND).value == "7+1"
    token = scan("7+1", Mode.EXPRESSION)
    assert (token.kind, token.value) == (TokenKind.NUMBER, 7)


def test_a_number_too_big_for_its_suffix_is_an_error_in_expression_mode() -> None:
    with pytest.raises(ParseError) as caught:
        tokenize("$x = 300y")
    assert caught.value.error_id == "BadNumericConstant"
    assert caught.value.error_message == "The numeric constant 300y is not valid."


# ---------------------------------------------------------------- strings
def test_single_quoted_string_doubles_quotes_and_keeps_everything_else() -> None:
    (token,) = argument_tokens("'it''s $x `n'")
    assert (token.kind, token.value) == (TokenKind.STRING_LITERAL, "it's $x `n")


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ('"a`nb"', "a\nb"),
        ('"a`tb"', "a\tb"),
        ('"`""', '"'),
        ('""""', '"'),
        ('"``"', "`"),
        ('"`$x"', "$x"),
        ('"`0"', "\0"),
        ('"`e"', "\x1b"),
        ('"`u{263A}"', "\u263a"),
        ('"`q"', "q"),
    ],
)
def test_backtick_escapes_in_double_quoted_strings(source: str, value: str) -> None:
    (token,) = argument_tokens(source)
    assert token.kind is TokenKind.STRING_EXPANDABLE
    assert token.value == value
    assert not token.is_expandable


def test_double_quoted_string_splits_out_variables_and_subexpressions() -> None:
    (token,) = argument_tokens('"id $x.Prop ${a b} $($y.Id)!"')
    assert token.value == "id $x.Prop ${a b} $($y.Id)!"
    literal, variable, dot, braced, space, subexpression, bang = token.parts
    assert (literal, dot, space, bang) == ("id ", ".Prop ", " ", "!")
    assert (variable.name, variable.braced) == ("x", False)  # type: ignore[union-attr]
    assert (braced.name, braced.braced) == ("a b", True)  # type: ignore[union-attr]
    assert type(subexpression).__name__ == "SubexpressionPart"


def test_dollar_without_a_name_is_literal() -> None:
    (token,) = argument_tokens('"cost: $ 5 and $)"')
    assert token.value == "cost: $ 5 and $)"
    assert not token.is_expandable


def test_words_concatenate_quoted_pieces_and_expand_variables() -> None:
    (token,) = argument_tokens("a'b c'd")
    assert token.value == "ab cd"
    (expandable,) = argument_tokens("thread_$id")
    assert expandable.kind is TokenKind.GENERIC and expandable.is_expandable


def test_typographic_quotes_are_quotes() -> None:
    (token,) = argument_tokens("\u2018smart\u2019")
    assert (token.kind, token.value) == (TokenKind.STRING_LITERAL, "smart")
    (double,) = argument_tokens("\u201csmart\u201d")
    assert (double.kind, double.value) == (TokenKind.STRING_EXPANDABLE, "smart")


# ---------------------------------------------------------------- variables
def test_variable_tokens() -> None:
    assert kinds("$x") == [("VARIABLE", "x")]
    assert kinds("$global:X") == [("VARIABLE", "global:X")]
    assert kinds("$env:PATH") == [("VARIABLE", "env:PATH")]
    assert kinds("${a b}") == [("VARIABLE", "a b")]
    assert kinds("$_") == [("VARIABLE", "_")]


def test_variable_followed_by_word_characters_is_one_word_in_argument_mode() -> None:
    (token,) = argument_tokens("$x-foo")
    assert (token.kind, token.value) == (TokenKind.GENERIC, "$x-foo")
    assert token.is_expandable


def test_variable_stops_before_member_access_in_argument_mode() -> None:
    tokens = argument_tokens("$x.Prop")
    assert [t.kind for t in tokens] == [TokenKind.VARIABLE, TokenKind.DOT, TokenKind.IDENTIFIER]


def test_splatted_variable() -> None:
    (token,) = argument_tokens("@params")
    assert (token.kind, token.value) == (TokenKind.SPLATTED_VARIABLE, "params")


# ---------------------------------------------------------------- trivia
def test_comments_are_skipped() -> None:
    assert kinds("Cmd a # comment") == [("IDENTIFIER", "Cmd"), ("IDENTIFIER", "a")]
    assert kinds("<# block\n comment #> Cmd") == [("IDENTIFIER", "Cmd")]
    assert kinds("Cmd <#x#> a") == [("IDENTIFIER", "Cmd"), ("IDENTIFIER", "a")]


def test_hash_inside_a_word_is_not_a_comment() -> None:
    assert kinds("Cmd a#b") == [("IDENTIFIER", "Cmd"), ("GENERIC", "a#b")]


def test_backtick_newline_continues_the_line() -> None:
    assert kinds("Cmd `\n -x `\r\n y") == [("IDENTIFIER", "Cmd"), ("PARAMETER", "x"), ("IDENTIFIER", "y")]


def test_backtick_followed_by_blanks_is_not_a_continuation() -> None:
    assert [k for k, _ in kinds("Cmd `  \n a")] == ["IDENTIFIER", "NEWLINE", "IDENTIFIER"]


def test_crlf_is_one_newline() -> None:
    assert [k for k, _ in kinds("a\r\nb\rc")] == ["IDENTIFIER", "NEWLINE", "IDENTIFIER", "NEWLINE", "IDENTIFIER"]


@pytest.mark.parametrize("prompt", ["PS C:\\> ", "PS>", "PS> ", "PS /home/me> ", "  PS C:\\Users\\me> ", "PS C:\\>"])
def test_prompt_at_line_start_is_ignored(prompt: str) -> None:
    assert kinds(prompt + "Get-Thread -All") == [("GENERIC", "Get-Thread"), ("PARAMETER", "All")]


def test_prompt_is_ignored_on_every_line_but_not_inside_a_line() -> None:
    assert [k for k, _ in kinds("PS> Cmd\nPS> Cmd2")] == ["IDENTIFIER", "NEWLINE", "IDENTIFIER"]
    assert kinds("Cmd 'PS> x'") == [("IDENTIFIER", "Cmd"), ("STRING_LITERAL", "PS> x")]
    assert kinds("Cmd PS>x")[1] == ("GENERIC", "PS>x")  # not at a line start: a word


def test_tokens_carry_line_and_column() -> None:
    tokens = tokenize("Cmd a\n  Cmd2 -x")
    positions = [(t.text, t.line, t.column) for t in tokens[:-1]]
    assert positions == [("Cmd", 1, 1), ("a", 1, 5), ("\n", 1, 6), ("Cmd2", 2, 3), ("-x", 2, 8)]


def test_tokenize_rescans_in_the_mode_the_parser_needs() -> None:
    # `-5` starts an expression (a signed number); after the command name it is a word.
    assert kinds("-5") == [("NUMBER", -5)]
    assert kinds("Cmd -5") == [("IDENTIFIER", "Cmd"), ("GENERIC", "-5")]


def test_redirection_tokens() -> None:
    tokenizer = Tokenizer(SourceText("2>&1"))
    token = tokenizer.next_token(Mode.COMMAND)
    assert (token.kind, token.value) == (TokenKind.REDIRECTION, "2>&1")
