"""Expressions: PowerShell's precedence, every operator and its c/i variants, members, indexes, casts."""

from __future__ import annotations

import pytest

from psbridge.language import TokenKind, ast
from tests.language.parser_helpers import errors, expression, only_statement, shape


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        # precedence, lowest first: -and/-or/-xor, bitwise, comparison, ??, + -, * / %, -f, ..
        ("1 + 2 * 3", "Binary(Plus 1 Binary(Multiply 2 3))"),
        ("1 * 2 + 3", "Binary(Plus Binary(Multiply 1 2) 3)"),
        ("1 - 2 - 3", "Binary(Minus Binary(Minus 1 2) 3)"),  # left-associative
        ("'{0}' -f 2 * 3", "Binary(Multiply Binary(Format '{0}' 2) 3)"),  # -f binds tighter than *
        ("1..3 + 1", "Binary(Plus Binary(DotDot 1 3) 1)"),
        ("$a -and $b -or $c", "Binary(Or Binary(And $a $b) $c)"),  # same level: left to right
        ("$a -band 1 -eq 1", "Binary(Band $a Binary(Ieq 1 1))"),
        ("$a ?? $b + 1", "Binary(QuestionQuestion $a Binary(Plus $b 1))"),
        ("$a -eq $b ?? $c", "Binary(Ieq $a Binary(QuestionQuestion $b $c))"),
        ("-not $a -eq 1", "Binary(Ieq Unary(Not $a) 1)"),
        ("1,2,3 -join '-'", "Binary(Join ArrayLiteral(1 2 3) '-')"),  # the comma binds tightest of all
        ("$a -replace 'x','y'", "Binary(Ireplace $a ArrayLiteral('x' 'y'))"),
        ("(1 + 2) * 3", "Binary(Multiply Paren(Binary(Plus 1 2)) 3)"),
        ("$true ? 1 : 2", "Ternary($true 1 2)"),
        ("$a ? $b ? 1 : 2 : 3", "Ternary($a Ternary($b 1 2) 3)"),
        ("$x ?? 'default'", "Binary(QuestionQuestion $x 'default')"),
    ],
)
def test_precedence(text: str, tree: str) -> None:
    assert shape(only_statement(text)) == tree


_OPERATORS = {
    "eq": "Ieq", "ne": "Ine", "gt": "Igt", "ge": "Ige", "lt": "Ilt", "le": "Ile", "like": "Ilike",
    "notlike": "Inotlike", "match": "Imatch", "notmatch": "Inotmatch", "replace": "Ireplace",
    "contains": "Icontains", "notcontains": "Inotcontains", "in": "Iin", "notin": "Inotin", "split": "Isplit",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(_OPERATORS))
def test_comparison_operators_and_their_case_variants(name: str) -> None:
    plain = _OPERATORS[name]
    for spelling, kind in ((name, plain), ("i" + name, plain), ("c" + name, "C" + plain[1:]), (name.upper(), plain)):
        node = expression(f"$a -{spelling} $b")
        assert isinstance(node, ast.BinaryExpressionAst)
        assert node.operator is TokenKind[kind], spelling
        assert node.error_position.text == f"-{spelling}"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("1 -is [int]", "Is"), ("1 -isnot [int]", "IsNot"), ("1 -as [int]", "As"), ("1 -band 2", "Band"),
        ("1 -bor 2", "Bor"), ("1 -bxor 2", "Bxor"), ("1 -shl 2", "Shl"), ("1 -shr 2", "Shr"), ("1 -xor 2", "Xor"),
        ("1 -and 2", "And"), ("1 -or 2", "Or"), ("1 % 2", "Rem"), ("1 / 2", "Divide"), ("'a' -f 1", "Format"),
        ("1..2", "DotDot"), ("1 -join 2", "Join"), ("1 -split 2", "Isplit"), ("1 -csplit 2", "Csplit"),
    ],
)  # fmt: skip
def test_other_binary_operators(text: str, kind: str) -> None:
    node = expression(text)
    assert isinstance(node, ast.BinaryExpressionAst) and node.operator is TokenKind[kind]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("-not $a", "Not"), ("!$a", "Exclaim"), ("-bnot 1", "Bnot"), ("-$a", "Minus"), ("+$a", "Plus"),
        ("++$a", "PlusPlus"), ("--$a", "MinusMinus"), ("$a++", "PostfixPlusPlus"), ("$a--", "PostfixMinusMinus"),
        ("-split $a", "Isplit"), ("-csplit $a", "Csplit"), ("-join $a", "Join"),
    ],
)  # fmt: skip
def test_unary_operators(text: str, kind: str) -> None:
    node = expression(text)
    assert isinstance(node, ast.UnaryExpressionAst) and node.token_kind is TokenKind[kind]


def test_unary_comma_makes_a_one_element_array() -> None:
    assert shape(expression(",1")) == "ArrayLiteral(1)"
    assert shape(expression(",,1")) == "ArrayLiteral(ArrayLiteral(1))"


@pytest.mark.parametrize(
    ("text", "operator"),
    [("$a = 1", "Equals"), ("$a += 1", "PlusEquals"), ("$a -= 1", "MinusEquals"), ("$a *= 1", "MultiplyEquals"),
     ("$a /= 1", "DivideEquals"), ("$a %= 1", "RemainderEquals"), ("$a ??= 1", "QuestionQuestionEquals")],
)  # fmt: skip
def test_assignment_operators(text: str, operator: str) -> None:
    statement = only_statement(text)
    assert isinstance(statement, ast.AssignmentStatementAst)
    assert statement.operator is TokenKind[operator]
    assert statement.error_position.text == text.split()[1]


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("$a, $b = 1, 2", "Assignment(Equals ArrayLiteral($a $b) ArrayLiteral(1 2))"),
        ("$a = $b = 3", "Assignment(Equals $a Assignment(Equals $b 3))"),
        ("[int]$x = '5'", "Assignment(Equals Convert([int] $x) '5')"),
        ("$h.Key = 1", "Assignment(Equals Member($h 'Key') 1)"),
        ("$a[0] = 1", "Assignment(Equals Index($a 0) 1)"),
        ("$x = Get-Thing -All", "Assignment(Equals $x Command('Get-Thing' CommandParameter(All)))"),
        ("$x = if ($y) { 1 }", "Assignment(Equals $x If($y StatementBlock(1)))"),
    ],
)
def test_assignments(text: str, tree: str) -> None:
    assert shape(only_statement(text)) == tree


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("$x.Name", "Member($x 'Name')"),
        ("$x.$name", "Member($x $name)"),
        ("$x.'a b'", "Member($x 'a b')"),
        ('$x."$n"', "Member($x ExpandableString($n DoubleQuoted $n))"),
        ("$x.($n)", "Member($x Paren($n))"),
        ("$x.Method()", "InvokeMember($x 'Method')"),
        ("$x.Method(1, 'a')", "InvokeMember($x 'Method' 1 'a')"),
        ("$x.Method({ 1 })", "InvokeMember($x 'Method' ScriptBlock(ScriptBlock(NamedBlock(End unnamed 1))))"),
        ("$x.Where{ $_ }", "InvokeMember($x 'Where' ScriptBlock(ScriptBlock(NamedBlock(End unnamed $_))))"),
        ("[math]::Pi", "Member(static [math] 'Pi')"),
        ("[math]::Max(1, 2)", "InvokeMember(static [math] 'Max' 1 2)"),
        ("$t::Name", "Member(static $t 'Name')"),
        ("${x}?.Name", "Member(null_conditional $x 'Name')"),
        ("${x}?[0]", "Index(null_conditional $x 0)"),
        ("$x[0]", "Index($x 0)"),
        ("$x[1..3]", "Index($x Binary(DotDot 1 3))"),
        ("$x[0, 1]", "Index($x ArrayLiteral(0 1))"),
        ("$x['a']['b'].c[0]", "Index(Member(Index(Index($x 'a') 'b') 'c') 0)"),
        ("$x.a.b.c", "Member(Member(Member($x 'a') 'b') 'c')"),
        ("@(1)[0]", "Index(Array(StatementBlock(1)) 0)"),
        ("(Get-X).Name", "Member(Paren(Command('Get-X')) 'Name')"),
    ],
)
def test_member_access_calls_and_indexes(text: str, tree: str) -> None:
    assert shape(only_statement(text)) == tree


def test_variable_with_question_mark_is_one_name() -> None:
    # '?' may be part of a variable name: '$x?.y' reads '$x?' (PowerShell wants '${x}?.y').
    assert shape(expression("$x?.y")) == "Member($x? 'y')"


def test_generic_method_call() -> None:
    node = expression("$x.Cast[string]($y)")
    assert isinstance(node, ast.InvokeMemberExpressionAst)
    assert [name.full_name for name in node.generic_type_arguments or []] == ["string"]
    assert shape(node) == "InvokeMember($x 'Cast' $y)"
    # Without '(' it is an index of a property.
    assert shape(expression("$x.Items[0]")) == "Index(Member($x 'Items') 0)"


def test_fluent_member_chains_may_break_lines_after_the_dot() -> None:
    assert shape(expression("$x.\n  Trim().\n  ToUpper()")) == "InvokeMember(InvokeMember($x 'Trim') 'ToUpper')"


def test_long_member_and_index_chains_nest_each_link() -> None:
    """Chains are built in a loop, as deep as they are long (up to ast.MAX_HEIGHT: see the property tests)."""
    node = expression("$a" + ".b" * 120 + "[0]" * 120)
    depth = 0
    while isinstance(node, ast.MemberExpressionAst | ast.IndexExpressionAst):
        node = node.expression if isinstance(node, ast.MemberExpressionAst) else node.target
        depth += 1
    assert depth == 240 and isinstance(node, ast.VariableExpressionAst)


@pytest.mark.parametrize(
    ("text", "full_name", "kind"),
    [
        ("[int]", "int", ast.TypeName),
        ("[string[]]", "string[]", ast.ArrayTypeName),
        ("[int[,]]", "int[,]", ast.ArrayTypeName),
        ("[int[][]]", "int[][]", ast.ArrayTypeName),
        ("[System.Collections.Generic.List[string]]", "System.Collections.Generic.List[string]", ast.GenericTypeName),
        ("[Dictionary[string, int]]", "Dictionary[string,int]", ast.GenericTypeName),
        ("[Dictionary[[string], [int[]]]]", "Dictionary[string,int[]]", ast.GenericTypeName),
        ("[List[int][]]", "List[int][]", ast.ArrayTypeName),
        ("[System.Version, mscorlib]", "System.Version,mscorlib", ast.TypeName),
        ("[System.Collections.Generic.List`1]", "System.Collections.Generic.List`1", ast.TypeName),
    ],
)
def test_type_literals(text: str, full_name: str, kind: type) -> None:
    node = expression(text)
    assert isinstance(node, ast.TypeExpressionAst)
    assert isinstance(node.type_name, kind)
    assert node.type_name.full_name == full_name
    assert node.type_name.extent.text == text[1:-1]


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("[int]'5'", "Convert([int] '5')"),
        ("[int][string]5", "Convert([int] Convert([string] 5))"),
        ("[pscustomobject]@{a = 1}", "Convert([pscustomobject] Hashtable('a' 1))"),
        ("[ordered]@{}", "Convert([ordered] Hashtable())"),
        ("[int[]]$x", "Convert([int[]] $x)"),
        ("[ValidateNotNull()]$x", "Attributed(Attribute($x) $x)".replace("Attribute($x) ", "Attribute() ")),
    ],
)
def test_casts_and_attributed_expressions(text: str, tree: str) -> None:
    assert shape(expression(text)) == tree


def test_hashtables() -> None:
    node = expression("@{\n  a = 1\n  'b c' = 2; 3 = Get-X\n  d = if ($x) { 1 }\n  e = 2 }")
    assert isinstance(node, ast.HashtableAst)
    assert [shape(key) for key, _ in node.key_value_pairs] == ["'a'", "'b c'", "3", "'d'", "'e'"]
    assert shape(node.key_value_pairs[2][1]) == "Command('Get-X')"
    assert shape(node.key_value_pairs[3][1]) == "If($x StatementBlock(1))"


def test_array_and_sub_expressions_hold_statements() -> None:
    assert shape(expression("@(Get-A; 1\n2)")) == "Array(StatementBlock(Command('Get-A') 1 2))"
    assert shape(expression("$(if ($a) { 1 })")) == "Sub(StatementBlock(If($a StatementBlock(1))))"
    assert shape(expression("@()")) == "Array(StatementBlock())"


def test_using_expression() -> None:
    node = expression("$using:x.Name")
    assert isinstance(node, ast.UsingExpressionAst)
    assert shape(node.sub_expression) == "Member($x 'Name')"


def test_script_block_expression() -> None:
    node = expression("{ param($a) begin { 1 } process { $_ } end { 2 } clean { 3 } }")
    assert isinstance(node, ast.ScriptBlockExpressionAst)
    block = node.script_block
    assert block.param_block is not None and block.begin_block and block.process_block and block.end_block
    assert block.clean_block is not None and not block.end_block.unnamed


def test_semantic_errors_of_expressions() -> None:
    assert errors("1 = 2") == [("InvalidLeftHandSide", 0)]
    assert errors("$a + 1 = 2") == [("InvalidLeftHandSide", 0)]
    assert errors("1++") == [("OperatorRequiresVariableOrProperty", 0)]
    assert errors("@{a = 1; A = 2}") == [("DuplicateKeyInHashLiteral", 9)]
    assert errors("$x = 1, @y") == [("SplattingNotPermitted", 8)]
    assert errors("Write-Host 1, @y") == [("SplattingNotPermittedInArgumentList", 14)]
    assert errors("$a -bogus $b") == [("UnexpectedToken", 3), ("UnexpectedToken", 10)]
