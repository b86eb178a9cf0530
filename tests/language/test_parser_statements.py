"""Statements: conditionals, loops with labels, switch, functions and param blocks, try/trap, classes, using."""

from __future__ import annotations

import pytest

from psbridge.language import TokenKind, ast, parse
from tests.language.parser_helpers import error_ids, errors, expression, only_statement, shape, statements


def test_if_elseif_else_and_newlines_between() -> None:
    statement = only_statement("if ($a) { 1 }\nelseif ($b -eq 2) { 2 }\n\nelse\n{ 3 }")
    assert shape(statement) == "If($a StatementBlock(1) Binary(Ieq $b 2) StatementBlock(2) StatementBlock(3))"


def test_if_without_else_keeps_the_newline_for_what_follows() -> None:
    table = expression("@{\n a = if (1) {}\n b = 10\n}")
    assert isinstance(table, ast.HashtableAst) and len(table.key_value_pairs) == 2


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("foreach ($i in 1..3) { $i }", "ForEach($i Binary(DotDot 1 3) StatementBlock($i))"),
        (":outer foreach ($i in $x) { break outer }", "ForEach(outer $i $x StatementBlock(Break('outer')))"),
        ("for ($i = 0; $i -lt 3; $i++) { continue }",
         "For(Assignment(Equals $i 0) Binary(Ilt $i 3) Unary(PostfixPlusPlus $i) StatementBlock(Continue()))"),
        ("for (;;) { }", "For(StatementBlock())"),
        ("while ($true) { break }", "While($true StatementBlock(Break()))"),
        ("do { 1 } while ($x)", "DoWhile(StatementBlock(1) $x)"),
        ("do { 1 } until ($x)", "DoUntil(StatementBlock(1) $x)"),
        (":l while (1) { continue l }", "While(l 1 StatementBlock(Continue('l')))"),
        ("break $label", "Break($label)"),
    ],
)  # fmt: skip
def test_loops_and_labels(text: str, tree: str) -> None:
    assert shape(only_statement(text)) == tree


def test_switch_with_flags_clauses_and_default() -> None:
    statement = only_statement("switch -Regex -CaseSensitive ($x) {\n '^a' { 1 }\n b { 2; break }\n default { 3 }\n}")
    assert isinstance(statement, ast.SwitchStatementAst)
    assert statement.flags == ast.SwitchFlags.Regex | ast.SwitchFlags.CaseSensitive
    assert [shape(test) for test, _ in statement.clauses] == ["'^a'", "'b'"]
    assert statement.default is not None and shape(statement.default) == "StatementBlock(3)"


def test_switch_flags_are_prefixes_and_later_ones_win() -> None:
    switch = only_statement("switch -w -exact ($x) { a {} }")
    assert isinstance(switch, ast.SwitchStatementAst) and switch.flags == ast.SwitchFlags.NONE
    switch = only_statement("switch -file names.txt { {$_ -gt 3} { 1 } }")
    assert isinstance(switch, ast.SwitchStatementAst) and switch.flags == ast.SwitchFlags.File
    assert shape(switch.condition) == "'names.txt'"
    assert isinstance(switch.clauses[0][0], ast.ScriptBlockExpressionAst)


def test_switch_clause_conditions_are_command_arguments() -> None:
    switch = only_statement("switch ($x) { 1 {} -1 {} 'a' {} $y {} (1+1) {} a*b {} }")
    assert isinstance(switch, ast.SwitchStatementAst)
    assert [shape(test) for test, _ in switch.clauses] == ["1", "'-1'", "'a'", "$y", "Paren(Binary(Plus 1 1))", "'a*b'"]


def test_functions_filters_and_parameters() -> None:
    function = only_statement("function Get-Thing($a, [int]$b = 2) { $a }")
    assert isinstance(function, ast.FunctionDefinitionAst)
    assert function.name == "Get-Thing" and not function.is_filter
    assert [p.name.variable_path.user_path for p in function.parameters or []] == ["a", "b"]
    assert shape(function.parameters[1]) == "Parameter([int] $b 2)"  # type: ignore[index]
    filtered = only_statement("filter Even { if ($_ % 2 -eq 0) { $_ } }")
    assert isinstance(filtered, ast.FunctionDefinitionAst) and filtered.is_filter
    assert filtered.body.process_block is not None and filtered.body.process_block.unnamed


def test_advanced_function_with_param_block_and_attributes() -> None:
    text = """function Set-It {
    [CmdletBinding(DefaultParameterSetName = 'Name', SupportsShouldProcess)]
    [OutputType([string])]
    param(
        [Parameter(Mandatory, ValueFromPipelineByPropertyName, Position = 0, ParameterSetName = 'Name')]
        [ValidateSet('a', 'b')]
        [Alias('N')]
        [string[]]$Name,

        [ValidateRange(1, 10)][int]$Count = 3
    )
    begin { }
    process { $Name }
    end { }
}"""
    function = only_statement(text)
    assert isinstance(function, ast.FunctionDefinitionAst)
    block = function.body.param_block
    assert block is not None
    assert [attribute.type_name.full_name for attribute in block.attributes] == ["CmdletBinding", "OutputType"]
    binding = block.attributes[0]
    assert [(n.argument_name, n.expression_omitted) for n in binding.named_arguments] == [
        ("DefaultParameterSetName", False),
        ("SupportsShouldProcess", True),
    ]
    name, count = block.parameters
    parameter = name.attributes[0]
    assert isinstance(parameter, ast.AttributeAst)
    assert [n.argument_name for n in parameter.named_arguments] == [
        "Mandatory", "ValueFromPipelineByPropertyName", "Position", "ParameterSetName",
    ]  # fmt: skip
    assert shape(name.attributes[1]) == "Attribute('a' 'b')"
    assert name.static_type_name is not None and name.static_type_name.full_name == "string[]"
    assert count.default_value is not None and shape(count.default_value) == "3"
    assert function.body.begin_block and function.body.process_block and function.body.end_block


def test_script_param_block_and_using_and_requires() -> None:
    tree = parse(
        "#Requires -Version 7.2 -Modules PSOpenAI, @{ModuleName='Pester'; ModuleVersion='5.0'}\n"
        "using namespace System.Text\nusing module ./Thing.psm1\n[CmdletBinding()]\nparam($Path)\n$Path"
    )
    assert [u.using_statement_kind for u in tree.using_statements] == [
        ast.UsingStatementKind.Namespace,
        ast.UsingStatementKind.Module,
    ]
    assert tree.using_statements[0].name is not None and tree.using_statements[0].name.value == "System.Text"
    assert tree.param_block is not None and tree.param_block.attributes[0].type_name.name == "CmdletBinding"
    requirements = tree.script_requirements
    assert requirements is not None and requirements.required_ps_version == "7.2"
    assert requirements.required_modules[0] == "PSOpenAI"
    assert requirements.required_modules[1]["ModuleName"] == "Pester"


def test_requires_errors() -> None:
    assert error_ids("#requires -Bogus x") == ["ScriptRequiresInvalidFormat"]
    assert error_ids("#requires -Version abc") == ["RequiresVersionInvalid"]
    assert error_ids("#requires -Version $v") == ["RequiresArgumentMustBeConstant"]


def test_using_alias_and_errors() -> None:
    using = parse("using namespace T = System.Text").using_statements[0]
    assert using.alias is not None and using.alias.value == "T"
    assert using.name is not None and using.name.value == "System.Text"
    assert error_ids("using type X") == ["MissingEqualsInUsingAlias"]
    assert error_ids("1\nusing namespace X") == ["UsingMustBeAtStartOfScript"]


def test_try_catch_finally_and_trap() -> None:
    statement = only_statement(
        "try { 1 }\ncatch [System.Net.Http.HttpRequestException], [System.IO.IOException] { 2 }\n"
        "catch { throw }\nfinally { 3 }"
    )
    assert isinstance(statement, ast.TryStatementAst)
    first, last = statement.catch_clauses
    assert [t.type_name.full_name for t in first.catch_types] == [
        "System.Net.Http.HttpRequestException",
        "System.IO.IOException",
    ]
    assert last.is_catch_all
    rethrow = last.body.statements[0]
    assert isinstance(rethrow, ast.ThrowStatementAst) and rethrow.is_rethrow
    assert statement.finally_block is not None
    trap = parse("trap [Exception] { continue }\n1").end_block
    assert trap is not None and trap.traps is not None and trap.traps[0].trap_type is not None
    assert errors("try {} catch {} catch [int] {}") == [("EmptyCatchNotLast", 7)]


def test_flow_control_statements() -> None:
    assert shape(only_statement("return 1, 2")) == "Return(ArrayLiteral(1 2))"
    assert shape(only_statement("exit $code")) == "Exit($code)"
    assert shape(only_statement("throw 'boom'")) == "Throw('boom')"
    assert shape(only_statement("throw")) == "Throw()"
    assert shape(only_statement("return")) == "Return()"
    assert errors("try {} finally { return }") == [("ControlLeavingFinally", 17)]
    assert errors("try {} finally { foreach ($a in $b) { break } }") == []


def test_data_section() -> None:
    data = only_statement("data Messages -SupportedCommand ConvertFrom-StringData { 'a' }")
    assert isinstance(data, ast.DataStatementAst)
    assert data.variable == "Messages"
    assert [shape(c) for c in data.commands_allowed] == ["'ConvertFrom-StringData'"]


def test_classes_and_enums_parse() -> None:
    text = """class Animal : Base, IDisposable {
    [string]$Name = 'x'
    hidden static [int] $Count
    Animal([string]$name) : base($name) { $this.Name = $name }
    [string] Speak() { return 'hi' }
    static [void] Reset() {}
}
[Flags()] enum Color : byte { Red = 1; Green = 2
  Blue }"""
    klass, enum = statements(text)
    assert isinstance(klass, ast.TypeDefinitionAst) and klass.is_class
    assert [b.type_name.full_name for b in klass.base_types] == ["Base", "IDisposable"]
    names = [(type(m).__name__, m.name) for m in klass.members]
    assert names == [
        ("PropertyMemberAst", "Name"),
        ("PropertyMemberAst", "Count"),
        ("FunctionMemberAst", "Animal"),
        ("FunctionMemberAst", "Speak"),
        ("FunctionMemberAst", "Reset"),
    ]
    count = klass.members[1]
    assert isinstance(count, ast.PropertyMemberAst) and count.is_static and count.is_hidden
    constructor = klass.members[2]
    assert isinstance(constructor, ast.FunctionMemberAst) and constructor.is_constructor
    assert isinstance(enum, ast.TypeDefinitionAst) and enum.is_enum
    assert [m.name for m in enum.members] == ["Red", "Green", "Blue"]
    assert enum.attributes[0].type_name.name == "Flags"


def test_pipeline_chains_and_background() -> None:
    chain = only_statement("Get-A && Get-B || Get-C")
    inner = "PipelineChain(AndAnd Command('Get-A') Command('Get-B'))"
    assert shape(chain) == f"PipelineChain(OrOr {inner} Command('Get-C'))"
    background = only_statement("Start-Long &")
    assert isinstance(background, ast.PipelineAst) and background.background
    assert errors("Get-A && ") == [("EmptyPipelineChainElement", 8)]
    assert error_ids("a & && b") == ["BackgroundOperatorInPipelineChain"]


def test_pipelines_may_continue_after_a_pipe_or_before_one() -> None:
    assert len(statements("Get-A |\n\n  Get-B")) == 1
    assert len(statements("Get-A\n  # a comment\n  | Get-B")) == 1
    assert errors("Get-A\n\n| Get-B") == [("EmptyPipeElement", 7)]  # a blank line ends the continuation
    pipeline = statements("Get-A\n  | Get-B\n  | Get-C")[0]
    assert isinstance(pipeline, ast.PipelineAst) and len(pipeline.pipeline_elements) == 3


def test_line_continuation_with_backtick() -> None:
    command = only_statement("Get-Thing `\n  -Name x `\r\n  -All")
    assert shape(command) == "Command('Get-Thing' CommandParameter(Name) 'x' CommandParameter(All))"


def test_statement_separators_and_comments() -> None:
    tree = statements("a; b\n<# block\n comment #> c # line\n\n;;d")
    assert [shape(s) for s in tree] == ["Command('a')", "Command('b')", "Command('c')", "Command('d')"]


def test_block_names_in_a_script() -> None:
    tree = parse("param($x)\nbegin { 1 }\nprocess { 2 }\nend { 3 }")
    assert tree.begin_block is not None and tree.process_block is not None and tree.end_block is not None
    assert tree.end_block.block_kind is TokenKind.End and not tree.end_block.unnamed
    assert error_ids("begin {} Hi") == ["MissingNamedBlocks"]


def test_a_parameters_static_type_is_its_first_type_constraint() -> None:
    """PowerShell's ParameterAst.StaticType takes the first TypeConstraintAst (ast.cs), not the last."""
    tree = parse("param([ValidateNotNull()][string][int]$First, [Alias('x')]$Untyped, [Parameter()][ref][int]$Ref)")
    assert tree.param_block is not None
    first, untyped, by_reference = tree.param_block.parameters
    assert first.static_type_name is not None and first.static_type_name.full_name == "string"
    assert untyped.static_type_name is None
    assert by_reference.static_type_name is not None and by_reference.static_type_name.full_name == "ref"
