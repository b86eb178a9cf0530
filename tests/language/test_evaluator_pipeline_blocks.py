"""Script blocks run once per pipeline object (ForEach-Object, Where-Object) and the pipeline's
per-object path: ``$_`` put back, errors per object, the binding of objects after the first, the
output kept for -OutVariable and -PipelineVariable.  Assertions translated from PowerShell's Pester
tests name their file and line; the others state PowerShell's documented behaviour."""

from __future__ import annotations

import pytest

from psbridge.errors import PSError
from tests.language.evaluator_helpers import Session, run


def test_the_block_runs_in_the_callers_scope() -> None:
    # ForEach-Object.Tests.ps1:20-22: `$null = 1..2 | ForEach-Object { $bar = 100 }` sets $bar there
    assert run("$null = 1..2 | ForEach-Object { $bar = 100 }; $bar") == [100]
    # ForEach-Object.Tests.ps1:25-30: with `.` and `&` before the cmdlet too
    assert run('$null = 1..2 | . ForEach-Object { $bar = "bar" }; $null = 1..2 | & ForEach-Object { $foo = "foo" }; '
               "$bar; $foo") == ["bar", "foo"]  # fmt: skip


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # $_ of the caller comes back after the pipeline; one that was not set is not set after
        ("$_ = 'outer'; 1..2 | ForEach-Object { $_ }; $_", [1, 2, "outer"]),
        ("1..2 | ForEach-Object { $_ } | Out-Null; $null -eq $_", [True]),
        ("1..2 | ForEach-Object { 'a', 'b' | ForEach-Object { \"$_\" }; $_ }", ["a", "b", 1, "a", "b", 2]),
        ("1..4 | Where-Object { $_ % 2 } | ForEach-Object { $PSItem * 10 }", [10, 30]),
        # a value the block changes is its own: the next object gets the next value
        ("1..3 | ForEach-Object { $_ = $_ * 2; $_ }", [2, 4, 6]),
    ],
)
def test_underbar_is_each_object_and_is_put_back(script: str, expected: list[object]) -> None:
    assert run(script) == expected


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # one expression: its value enumerated, $null included
        ("1, 2 | ForEach-Object { $_, ($_ * 10) }", [1, 10, 2, 20]),
        ("1, 2 | ForEach-Object { @() }", []),
        ("1, 2 | ForEach-Object { $null }", [None, None]),
        ("1 | ForEach-Object { @{a = 1}.Keys }", ["a"]),
        ("1, 2 | ForEach-Object { ,($_, $_) } | ForEach-Object { $_.Count }", [2, 2]),
        # not one expression: the statements' output in order, the named blocks in order
        ("1, 2 | ForEach-Object { $x = $_ * 3; $x; $x + 1 }", [3, 4, 6, 7]),
        ("1, 2 | ForEach-Object { begin { 'b' } process { $_ } end { 'e' } }", ["b", 1, "e", "b", 2, "e"]),
        ("1, 2 | ForEach-Object { $_++ }", []),
        ("1, 2 | ForEach-Object { [void]$_ }", []),
        ("1, 2 | ForEach-Object { ($_ | ForEach-Object { $_ * 5 }) }", [5, 10]),
        ("1..3 | ForEach-Object { if ($_ -eq 2) { return 'two' }; $_ }", [1, "two", 3]),
        ("1..6 | Where-Object { $_ -gt 2 -and $_ % 2 }", [3, 5]),
        ("'a', '', $null, 0, 'b' | Where-Object { $_ }", ["a", "b"]),
        ("1..4 | Where-Object { @($_, 0) }", [1, 2, 3, 4]),  # an array of two is true
    ],
)
def test_a_blocks_output_per_object(script: str, expected: list[object]) -> None:
    assert run(script) == expected


def test_a_failing_expression_is_that_objects_error_and_the_next_runs() -> None:
    session = Session()
    assert session.run("1..3 | ForEach-Object { 6 / ($_ - 2) }; $?") == [-6, 6, True]
    assert session.error_ids == ["RuntimeException"]
    assert "Attempted to divide by zero." in str(session.errors[0])
    assert session.run("1..3 | Where-Object { 6 / ($_ - 2) -gt 0 }") == [3]


def test_a_failing_expression_under_stop_ends_the_pipeline_into_catch() -> None:
    script = """
    $ErrorActionPreference = 'Stop'
    try { 1..3 | ForEach-Object { 6 / ($_ - 2) } } catch { "caught: $($_.Exception.Message)" }
    """
    assert run(script) == [-6, "caught: Attempted to divide by zero."]


def test_break_and_continue_in_the_block_leave_the_pipeline_as_in_powershell() -> None:
    # no loop around: break ends the script's pipeline (and the script) -- inside a loop, that loop
    assert run("foreach ($i in 1..2) { 1..3 | ForEach-Object { if ($_ -eq 2) { continue }; \"$i$_\" } }") == [
        "11",
        "21",
    ]


def test_objects_of_other_types_and_null_after_the_first_bind_alike() -> None:
    script = (
        "1, 'a', $null, 2.5, @{k = 1}, $null, 3 | "
        "ForEach-Object { if ($null -eq $_) { 'null' } else { $_.GetType().Name } }"
    )
    assert run(script) == ["Int32", "String", "null", "Double", "Hashtable", "null", "Int32"]
    assert run("1, $null, 2 | Measure-Object | ForEach-Object Count") == [2]


FUNCTIONS = r"""
function ByValueAndName {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)]$InputObject, [Parameter(ValueFromPipelineByPropertyName)]$Name)
    process { "$InputObject|$Name" }
}
function TypedInput {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)][int]$N)
    process { $N * 2 }
}
function Validated {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)][ValidateNotNullOrEmpty()]$Text)
    process { "<$Text>" }
}
"""


def test_each_object_binds_through_the_passes_where_objects_can_differ() -> None:
    session = Session()
    session.run(FUNCTIONS)
    # a property-name parameter binds only for the objects that have the property
    output = session.run("5, [pscustomobject]@{Name = 'n'}, 6 | ByValueAndName")
    assert output[0] == "5|" and output[1].endswith("|n") and output[2] == "6|"
    # a typed parameter: each object converts or fails on its own
    assert session.run("1, 'x', '3' | TypedInput") == [2, 6]
    assert session.error_ids == ["InputObjectNotBound,TypedInput"]
    assert session.run("'a', '', 'b' | Validated") == ["<a>", "<b>"]
    assert session.error_ids[-1] == "ParameterArgumentValidationError,Validated"


def test_out_variable_and_pipeline_variable_still_see_every_object() -> None:
    # OutErrorVariable.Tests.ps1:57-67 (-OutVariable collects what the command wrote, +name appends)
    session = Session()
    assert session.run("$null = 1..3 | ForEach-Object { $_ * 2 } -OutVariable o; $o") == [2, 4, 6]
    assert session.run("$o2 = 'a'; $null = 1..2 | Where-Object { $_ } -OutVariable +o2; $o2") == ["a", 1, 2]
    script = "1..3 | ForEach-Object { $_ * 10 } -PipelineVariable p | ForEach-Object { \"$p/$_\" }"
    assert session.run(script) == ["10/10", "20/20", "30/30"]


def test_nested_pipelines_past_the_call_depth_are_call_depth_overflow() -> None:
    session = Session()
    session.run("function Nest($n) { if ($n -gt 0) { 1 | ForEach-Object { Nest ($n - 1) } } else { 'bottom' } }")
    assert session.run("Nest 100") == ["bottom"]
    with pytest.raises(PSError) as raised:
        session.run("Nest 1000")
    assert raised.value.error_record.fully_qualified_error_id.startswith("CallDepthOverflow")


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # PowerShell's PSModuleInfo.CaptureLocals copies the current scope's own plain variables --
        # the global scope's when GetNewClosure is called there
        ("$x = 10; $b = { $_ + $x }.GetNewClosure(); $x = 0; 1, 2 | ForEach-Object $b; & $b", [11, 12, 10]),
        ("$n = 2; 1..4 | Where-Object { $_ -gt $n }.GetNewClosure()", [3, 4]),
        ("function Make($n) { { $n * 10 }.GetNewClosure() }; $m = Make 3; $n = 5; & $m", [30]),
        # a variable of a scope further out is not copied: the closure's scope is a child of the global one
        ("function Outer { $a = 1; Inner }; function Inner { $c = 2; { \"$a|$c\" }.GetNewClosure() }; & (Outer)",
         ["|2"]),
        # a constrained variable keeps its type in the copy
        ("function M { [int]$n = 5; { $n.GetType().Name; $script:n = 1 }.GetNewClosure() }; & (M)", ["Int32"]),
    ],
)  # fmt: skip
def test_a_closure_runs_with_the_variables_it_captured(script: str, expected: list[object]) -> None:
    assert run(script) == expected
