"""Direct calls of script functions (a lone call statement, planned per call site) bind and fail
exactly as the same call through the pipeline does (``f ... | Write-Output`` takes the binder's
whole way): outputs, error ids and messages compared pairwise."""

from __future__ import annotations

import pytest

from psbridge.errors import PSError
from tests.language.evaluator_helpers import Session

FUNCTIONS = r"""
function Simple($a, $b) { "a=$a b=$b args=$($args -join ',')" }
function Typed { param([int]$N, [string]$S = 'd') "$N|$S|$($N.GetType().Name)|$($PSBoundParameters.Keys -join ',')" }
function Adv { [CmdletBinding()] param([Parameter(Mandatory)][int]$N, [Parameter(Position=1)]$Rest) "$N $Rest" }
function Sw { param([switch]$On, $X) "$On $X" }
function Val { param([ValidateRange(1,5)][int]$N) $N }
function Arr { param([int[]]$Items) $Items.Count; $Items }
function Blocks { [CmdletBinding()] param($X) begin { 'b' } process { "p$X" } end { 'e' } }
function Thrower { param($M) throw $M }
function Mandatory { param([Parameter(Mandatory)][string]$Text) $Text }
function Ret { [CmdletBinding()] param($X) begin { 'b'; return; 'not' } end { "e$X"; return 'r' } }
function Two { param([int]$A, [int]$B) "$A $B $($PSBoundParameters.Keys -join ',')" }
function Deflt { param([int]$A, [int]$B = $A * 2) "$A $B $($PSBoundParameters.Count)" }
function Deep { param([int]$N) if ($N -gt 0) { Deep ($N - 1) } else { 'bottom' } }
"""

CALLS = [
    "Simple 1 2 3 4", "Simple -b 1 -a 2", "Simple -a:5", "Typed -N '42'", "Typed 7 x", "Typed -N 'zz'",
    "Adv -N 3", "Adv 3 4", "Adv", "Adv -N 1 -Verbose", "Sw -On 1", "Sw 1 -On:$false", "Val 3", "Val 9",
    "Arr 1,2,3", "Arr -Items 5", "Blocks -X 1", "Typed -n 1 -s q", "Typed -Nope 1", "Simple @(1,2)",
    "Thrower 'boom'", "Typed -N 1 -N 2", "Mandatory -Text ''", "Mandatory -Text $null", "Mandatory x",
    "Ret -X 1", "Two -B '5' -A 3", "Two -A '5' -B 'zz'", "Two -A 2147483648", "Deflt -A 4", "Deflt 4 1",
    "Deep 50", "Deep 450",
]  # fmt: skip


def _outcome(call: str) -> tuple[object, list[tuple[str, str]]]:
    session = Session()
    session.run(FUNCTIONS)
    try:
        output: object = session.run(call)
    except PSError as error:
        output = ("raised", error.error_record.fully_qualified_error_id, str(error))
    return output, [(record.fully_qualified_error_id, str(record)) for record in session.errors]


@pytest.mark.parametrize("call", CALLS)
def test_a_direct_call_is_the_pipelines_call(call: str) -> None:
    assert _outcome(call) == _outcome(call + " | Write-Output")


def test_a_call_site_replans_when_the_function_changes() -> None:
    script = """
    function f([int]$x) { $x + 1 }
    $results = foreach ($i in 1..2) { f -x $i; function f([string]$x) { "s$x" } }
    $results
    """
    assert Session().run(script) == [2, "s2"]


def test_arguments_are_evaluated_once_when_the_binder_takes_over() -> None:
    session = Session()
    session.run("$n = 0; function g([int]$v) { $v }")
    session.run("g -v $($n++; 'not a number')")
    assert session.value("n") == 1
    assert [record.fully_qualified_error_id for record in session.errors] == ["ParameterArgumentTransformationError,g"]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("$i = 5; $i++; $i", [6]),
        ("$i = 5; ++$i; $i--; --$i; $i", [4]),
        # past Int32 the value widens as the general increment does (a Double, as PowerShell's ++ gives)
        ("$i = 2147483646; $i++; $i; $i.GetType().Name; $i++; $i.GetType().Name", [2147483647, "Int32", "Double"]),
        ("$i = -2147483647; $i--; $i.GetType().Name; $i--; $i.GetType().Name", ["Int32", "Double"]),
        ("[byte]$b = 255; try { $b++ } catch { 'caught' }; $b", ["caught", 255]),
        ("$n = $null; $n++; $n", [1]),
        ("$d = 1.5; $d++; $d", [2.5]),
        ("$i = 1; & { $i++; $i }; $i", [2, 1]),  # a parent's variable: the child scope gets its own
    ],
)
def test_an_increment_statement_steps_as_the_increment_operator(script: str, expected: list[object]) -> None:
    assert Session().run(script) == expected
