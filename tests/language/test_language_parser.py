"""Parser: the shapes of statements, commands, arguments and expressions."""

from __future__ import annotations

import pytest

from psbridge.language.subset import ast, parse


def only_statement(text: str) -> ast.Statement:
    script = parse(text)
    assert len(script.statements) == 1, script.statements
    return script.statements[0]


def only_command(text: str) -> ast.Command:
    statement = only_statement(text)
    assert isinstance(statement, ast.Pipeline)
    (command,) = statement.elements
    assert isinstance(command, ast.Command)
    return command


def only_expression(text: str) -> ast.Expression:
    statement = only_statement(text)
    assert isinstance(statement, ast.Pipeline) and statement.is_expression
    expression = statement.elements[0]
    assert not isinstance(expression, ast.Command)
    return expression


def describe(element: ast.CommandElement) -> object:
    """A compact picture of a command element for assertions."""
    if isinstance(element, ast.CommandParameter):
        return ("param", element.name, element.text, None if element.argument is None else describe(element.argument))
    if isinstance(element, ast.StringConstant):
        return element.value
    if isinstance(element, ast.Constant):
        return ("num", element.value)
    if isinstance(element, ast.Variable):
        return ("@" if element.splatted else "$") + element.name
    if isinstance(element, ast.ArrayLiteral):
        return [describe(item) for item in element.elements]
    return type(element).__name__


# ---------------------------------------------------------------- statements
def test_statements_on_lines_and_after_semicolons() -> None:
    script = parse("Cmd1; Cmd2\nCmd3\n\n;;Cmd4")
    assert [s.elements[0].name for s in script.statements] == ["Cmd1", "Cmd2", "Cmd3", "Cmd4"]  # type: ignore[union-attr]


def test_empty_script_and_comment_only_script() -> None:
    assert parse("").statements == ()
    assert parse("  # nothing\n<# still nothing #>\n").statements == ()


def test_pipeline_of_commands() -> None:
    statement = only_statement("New-Thread | Add-ThreadMessage -Message x | Start-ThreadRun")
    assert isinstance(statement, ast.Pipeline)
    assert [e.name for e in statement.elements] == ["New-Thread", "Add-ThreadMessage", "Start-ThreadRun"]  # type: ignore[union-attr]


def test_pipeline_may_continue_after_a_pipe_at_the_end_of_a_line() -> None:
    statement = only_statement("New-Thread |\n\n  Start-ThreadRun")
    assert isinstance(statement, ast.Pipeline) and len(statement.elements) == 2


def test_pipeline_may_continue_on_a_line_starting_with_a_pipe() -> None:
    statement = only_statement("New-Thread\n  # comment\n  | Start-ThreadRun")
    assert isinstance(statement, ast.Pipeline) and len(statement.elements) == 2


def test_expression_first_in_a_pipeline() -> None:
    statement = only_statement("$Thread | Start-ThreadRun | Wait-ThreadRun")
    assert isinstance(statement, ast.Pipeline)
    assert isinstance(statement.elements[0], ast.Variable)
    assert [type(e).__name__ for e in statement.elements[1:]] == ["Command", "Command"]


def test_assignment_of_a_pipeline() -> None:
    statement = only_statement('$t = New-Thread | Add-ThreadMessage -Message "x" -PassThru')
    assert isinstance(statement, ast.Assignment)
    assert statement.target.name == "t"
    assert isinstance(statement.value, ast.Pipeline) and len(statement.value.elements) == 2


def test_assignment_value_may_start_on_the_next_line_and_may_chain() -> None:
    statement = only_statement("$a = $b =\n  5")
    assert isinstance(statement, ast.Assignment)
    assert isinstance(statement.value, ast.Assignment)


@pytest.mark.parametrize(
    ("text", "name", "scope", "drive", "host_name"),
    [
        ("$x", "x", None, None, "x"),
        ("$global:X", "X", "global", None, "X"),
        ("$script:X", "X", "script", None, "X"),
        ("$local:X", "X", "local", None, "X"),
        ("$env:OPENAI_API_KEY", "OPENAI_API_KEY", None, "env", "env:OPENAI_API_KEY"),
        ("${env:A B}", "A B", None, "env", "env:A B"),
        ("$variable:x", "x", None, None, "x"),
    ],
)
def test_variable_scopes(text: str, name: str, scope: str | None, drive: str | None, host_name: str) -> None:
    variable = only_expression(text)
    assert isinstance(variable, ast.Variable)
    assert (variable.name, variable.scope, variable.drive, variable.host_name) == (name, scope, drive, host_name)


# ---------------------------------------------------------------- commands
def test_parameters_stay_unpaired_for_the_binder() -> None:
    command = only_command("Wait-ThreadRun -RunId:r t -Wait")
    assert command.name == "Wait-ThreadRun"
    assert [describe(e) for e in command.elements] == [
        ("param", "RunId", "-RunId:", "r"),
        "t",
        ("param", "Wait", "-Wait", None),
    ]


def test_bare_parameter_and_following_value_are_separate_elements() -> None:
    command = only_command("Receive-ThreadRun -Wait run_1 thread_1")
    assert [describe(e) for e in command.elements] == [("param", "Wait", "-Wait", None), "run_1", "thread_1"]


def test_colon_value_may_follow_after_a_space() -> None:
    command = only_command("Cmd -Name: value -Flag:$false")
    assert [describe(e) for e in command.elements] == [
        ("param", "Name", "-Name:", "value"),
        ("param", "Flag", "-Flag:", "$false"),
    ]


def test_comma_makes_one_array_argument() -> None:
    command = only_command("Cmd a,b c")
    assert [describe(e) for e in command.elements] == [["a", "b"], "c"]
    spaced = only_command("Cmd a , b,\n  c d")
    assert [describe(e) for e in spaced.elements] == [["a", "b", "c"], "d"]


def test_colon_parameter_value_may_be_an_array() -> None:
    command = only_command("Cmd -Status:queued,failed")
    assert [describe(e) for e in command.elements] == [("param", "Status", "-Status:", ["queued", "failed"])]


def test_quoted_dash_words_are_values() -> None:
    command = only_command("Get-ThreadRun '-x' \"-y\" -RunId r")
    assert [describe(e) for e in command.elements][:2] == ["-x", "-y"]


def test_double_dash_ends_parameter_parsing() -> None:
    command = only_command("Cmd -a -- -b -c:1 --")
    assert [describe(e) for e in command.elements] == [("param", "a", "-a", None), "-b", "-c:", ("num", 1), "--"]


def test_numbers_words_and_constants_as_arguments() -> None:
    command = only_command("Cmd 10 0x10 1kb -5 1.5 10abc $true $null thread_abc123 C:\\x")
    assert [describe(e) for e in command.elements] == [
        ("num", 10),
        ("num", 16),
        ("num", 1024),
        "-5",
        ("num", 1.5),
        "10abc",
        "$true",
        "$null",
        "thread_abc123",
        "C:\\x",
    ]


def test_operator_and_keyword_words_are_plain_arguments() -> None:
    command = only_command("Cmd if = + . [ ] % :label")
    assert [describe(e) for e in command.elements] == ["if", "=", "+", ".", "[", "]", "%", ":label"]


def test_values_in_argument_mode() -> None:
    command = only_command("Cmd (Get-Thread) @(1) @{a=1} $(2) $x.Prop $x[0] 'a'.Length")
    assert [describe(e) for e in command.elements] == [
        "Paren",
        "ArrayExpression",
        "HashLiteral",
        "SubExpression",
        "MemberAccess",
        "IndexAccess",
        "MemberAccess",
    ]


def test_member_access_needs_no_blank_before_the_dot() -> None:
    command = only_command("Cmd $x .Prop")
    assert [describe(e) for e in command.elements] == ["$x", ".Prop"]


def test_member_name_ends_where_a_parameter_begins() -> None:
    command = only_command("Cmd $x.Prop-foo")
    assert [describe(e) for e in command.elements] == ["MemberAccess", ("param", "foo", "-foo", None)]


def test_string_followed_by_a_word_is_two_arguments() -> None:
    command = only_command('Cmd "a"b')
    assert [describe(e) for e in command.elements] == ["a", "b"]


def test_splatting() -> None:
    command = only_command("Cmd @params -Extra x")
    assert [describe(e) for e in command.elements] == ["@params", ("param", "Extra", "-Extra", None), "x"]


def test_expandable_bare_word() -> None:
    (element,) = only_command("Get-Thread thread_$id").elements
    assert isinstance(element, ast.ExpandableString)
    assert element.quote == "bare"
    assert element.parts[0] == "thread_"
    assert isinstance(element.parts[1], ast.Variable)


# ---------------------------------------------------------------- expressions
def test_array_literal_and_unary_comma() -> None:
    array = only_expression("1, 'a', $x")
    assert isinstance(array, ast.ArrayLiteral) and len(array.elements) == 3
    single = only_expression(",1")
    assert isinstance(single, ast.ArrayLiteral) and len(single.elements) == 1
    nested = only_expression(",(1,2)")
    assert isinstance(nested, ast.ArrayLiteral) and isinstance(nested.elements[0], ast.Paren)


def test_signed_number_starts_an_expression() -> None:
    constant = only_expression("-5")
    assert isinstance(constant, ast.Constant) and constant.value == -5


def test_hash_literal_entries_and_separators() -> None:
    table = only_expression("@{\n  a = 1; 'b c' = \"x\"\n  3 = Get-Thread\n  $k = @(1)\n}")
    assert isinstance(table, ast.HashLiteral)
    keys = [k.value if isinstance(k, ast.StringConstant | ast.Constant) else type(k).__name__ for k, _ in table.entries]
    assert keys == ["a", "b c", 3, "Variable"]
    third_value = table.entries[2][1]
    assert isinstance(third_value, ast.Pipeline) and isinstance(third_value.elements[0], ast.Command)


def test_empty_hash_literal_and_empty_array() -> None:
    assert isinstance(only_expression("@{}"), ast.HashLiteral)
    array = only_expression("@()")
    assert isinstance(array, ast.ArrayExpression) and array.statements == ()


def test_pscustomobject_conversion() -> None:
    expression = only_expression("[pscustomobject]@{ id = 'x'; n = 1 }")
    assert isinstance(expression, ast.ConvertToPSCustomObject)
    assert isinstance(expression.operand, ast.HashLiteral)
    assert isinstance(only_expression("[PSCustomObject] $h"), ast.ConvertToPSCustomObject)
    assert isinstance(only_expression("[System.Management.Automation.PSCustomObject]$h"), ast.ConvertToPSCustomObject)


def test_member_and_index_chains() -> None:
    expression = only_expression("$x.Prop.Sub[0][-1].'quoted name'.$dynamic")
    names = []
    while isinstance(expression, ast.MemberAccess | ast.IndexAccess):
        names.append(type(expression).__name__)
        expression = expression.target
    assert names == ["MemberAccess", "MemberAccess", "IndexAccess", "IndexAccess", "MemberAccess", "MemberAccess"]


def test_subexpression_statements() -> None:
    sub = only_expression("$(Cmd1; $x\n Cmd2)")
    assert isinstance(sub, ast.SubExpression) and len(sub.statements) == 3


def test_paren_holds_a_pipeline_or_an_assignment() -> None:
    paren = only_expression("(Get-Thread | Select-Thing)")
    assert isinstance(paren, ast.Paren) and isinstance(paren.statement, ast.Pipeline)
    assigned = only_expression("($x = 5)")
    assert isinstance(assigned, ast.Paren) and isinstance(assigned.statement, ast.Assignment)


def test_double_quoted_string_expansion_parts() -> None:
    string = only_expression('"a $x.Prop $($y.Id) ${z}"')
    assert isinstance(string, ast.ExpandableString)
    shapes = [p if isinstance(p, str) else type(p).__name__ for p in string.parts]
    assert shapes == ["a ", "Variable", ".Prop ", "SubExpression", " ", "Variable"]


def test_string_without_variables_is_a_constant() -> None:
    string = only_expression('"plain `$x"')
    assert isinstance(string, ast.StringConstant) and string.value == "plain $x"


def test_prompted_doc_examples_parse() -> None:
    script = parse(
        'PS C:\\> $Thread = New-Thread | Add-ThreadMessage -Message "Think of ideas for my friend\'s wedding gift." '
        "-PassThru\nPS C:\\> $Thread | Start-ThreadRun | Wait-ThreadRun\nPS C:\\> $Batch.status    # cancelled\n"
    )
    assert [type(s).__name__ for s in script.statements] == ["Assignment", "Pipeline", "Pipeline"]


def test_positions_are_recorded() -> None:
    script = parse("\n  Cmd -x 'v'")
    command = script.statements[0].elements[0]  # type: ignore[union-attr]
    assert isinstance(command, ast.Command)
    assert (command.pos.line, command.pos.column) == (2, 3)
    assert [(e.pos.line, e.pos.column) for e in command.elements] == [(2, 7), (2, 10)]


def test_walk_visits_nested_nodes() -> None:
    script = parse("Cmd (Get-Thread $a) @{ k = $b }")
    variables = [n.name for n in ast.walk(script) if isinstance(n, ast.Variable)]
    commands = [n.name for n in ast.walk(script) if isinstance(n, ast.Command)]
    assert variables == ["a", "b"]
    assert commands == ["Cmd", "Get-Thread"]
