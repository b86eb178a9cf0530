# ruff: noqa: E501  (the scripts are PowerShell lines)
"""Generic method calls (PowerShell 7.3+ ``[Type]::Method[T](args)`` / ``$obj.Method[T](args)``) on the
members psbridge implements: System.Linq.Enumerable, Activator.CreateInstance, delegate types
(``[Func[...]]``, ``[Action[...]]``, ``[Predicate[T]]``) made from script blocks, and the generic
collections scripts build (List, Dictionary, HashSet, Queue, Stack).  Cases from
Parser/MethodInvocation.Tests.ps1 cite file:line."""

from __future__ import annotations

import pytest

from tests.language.evaluator_helpers import run

MI = "Parser/MethodInvocation.Tests.ps1"


@pytest.mark.parametrize(
    ("source", "script", "expected"),
    [
        (f"{MI}:204", "[System.Linq.Enumerable]::Select[int, int]([int[]](0..10), [func[int, int]] { $args[0] + 2 })",
         [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
        (f"{MI}:231", "[System.Collections.Generic.List[int]]$list = @( 1, 2, 3, 4, 5 ); "
         "$result = [System.Linq.Enumerable]::Select[int, float]($list, [Func[int, float]]{ param($item) [math]::Pow($item, 3) }); "
         "$resultList = $result.ToList(); $resultList.GetType().Name; $resultList",
         ["List`1", 1.0, 8.0, 27.0, 64.0, 125.0]),
        (f"{MI}:212", "try { [array]::Empty[string, int]() } catch { $_.FullyQualifiedErrorId }",
         ["MethodCountCouldNotFindBestGeneric"]),
    ],
)  # fmt: skip
def test_pester_generic_method_invocation(source: str, script: str, expected: list[object]) -> None:
    assert run(script) == expected, source


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # T inferred from the argument's type (PowerShell 7.3+)
        ("[Linq.Enumerable]::Range(1, 4)", [1, 2, 3, 4]),
        ("[Linq.Enumerable]::Distinct([int[]](1, 2, 2, 3, 1))", [1, 2, 3]),
        ("[Linq.Enumerable]::Reverse([string[]]('a', 'b'))", ["b", "a"]),
        ("[Linq.Enumerable]::Sum([int[]](1, 2, 3)); [Linq.Enumerable]::Max([int[]](4, 9, 2))", [6, 9]),
        ("[Linq.Enumerable]::Min([string[]]('b', 'a')); [Linq.Enumerable]::Average([int[]](1, 2))", ["a", 1.5]),
        ("[Linq.Enumerable]::Count([int[]](5, 6)); [Linq.Enumerable]::Contains([int[]](5, 6), 6)", [2, True]),
        ("[Linq.Enumerable]::ToArray([Linq.Enumerable]::Range(1, 2)).GetType().FullName", ["System.Int32[]"]),
        ("[Linq.Enumerable]::ToList([string[]]'x').GetType().FullName",
         ["System.Collections.Generic.List`1[System.String]"]),
        ("[Linq.Enumerable]::Skip([int[]](1, 2, 3), 1); [Linq.Enumerable]::Take([int[]](1, 2, 3), 1)", [2, 3, 1]),
        ("[Linq.Enumerable]::Concat([int[]](1), [int[]](2)); [Linq.Enumerable]::SequenceEqual([int[]](1), [int[]](1))",
         [1, 2, True]),
        # explicit type arguments: a script block converts to the delegate parameter
        ("[Linq.Enumerable]::Where[int]([int[]](1, 2, 3, 4), { $args[0] % 2 -eq 0 })", [2, 4]),
        ("[Linq.Enumerable]::Any[int]([int[]](1, 2), { $args[0] -gt 1 }); [Linq.Enumerable]::All[int]([int[]](1, 2), { $args[0] -gt 1 })",
         [True, False]),
        ("[Linq.Enumerable]::First[string]([string[]]('a', 'bb'), { $args[0].Length -eq 2 })", ["bb"]),
        ("[Linq.Enumerable]::FirstOrDefault[int]([Linq.Enumerable]::Empty[int]())", [0]),
        ("[Linq.Enumerable]::OrderBy[string, int]([string[]]('ccc', 'a', 'bb'), { $args[0].Length })", ["a", "bb", "ccc"]),
        ("[Linq.Enumerable]::OrderByDescending[string, int]([string[]]('bb', 'a', 'ccc'), [Func[string, int]] { $args[0].Length })",
         ["ccc", "bb", "a"]),
        ("[Linq.Enumerable]::Cast[int]([object[]](1, 2)); [Linq.Enumerable]::OfType[string]([object[]](1, 'a', 2))",
         [1, 2, "a"]),
        ("[Linq.Enumerable]::Repeat[string]('x', 2); [Linq.Enumerable]::Empty[int]().Count", ["x", "x", 0]),
        # a Linq result enumerates, counts and indexes
        ("$r = [Linq.Enumerable]::Range(5, 3); $r.Count; $r[1]; ($r | ForEach-Object { $_ * 2 }) -join ','", [3, 6, "10,12,14"]),
        # Activator
        ("[Activator]::CreateInstance[System.Collections.Generic.List[string]]().GetType().FullName",
         ["System.Collections.Generic.List`1[System.String]"]),
        ("[Activator]::CreateInstance([System.Text.StringBuilder]).GetType().FullName", ["System.Text.StringBuilder"]),
        # delegates from script blocks
        ("$f = [Func[int, int]] { $args[0] + 2 }; $f.Invoke(3); $f.GetType().FullName",
         [5, "System.Func`2[System.Int32,System.Int32]"]),
        ("$g = [Func[int, string]] { param($x) \"v$x\" }; $g.Invoke('4')", ["v4"]),
        ("([Predicate[int]] { $args[0] -gt 1 }).GetType().FullName", ["System.Predicate`1[System.Int32]"]),
        ("$a = [Action[string]] { $script:seen = $args[0] }; $a.Invoke('x'); $script:seen", ["x"]),
    ],
)  # fmt: skip
def test_linq_activator_and_delegates(script: str, expected: list[object]) -> None:
    assert run(script) == expected


@pytest.mark.parametrize(
    ("script", "error_id"),
    [
        # without type arguments a script block is no delegate: no overload (as pwsh)
        ("[Linq.Enumerable]::Where([int[]](1, 2), { $true })", "MethodCountCouldNotFindBest"),
        ("[Linq.Enumerable]::Select[int]([int[]](1), [Func[int, int]] { 1 })", "MethodCountCouldNotFindBestGeneric"),
        ("[Linq.Enumerable]::First([Linq.Enumerable]::Empty[int]())", "MethodInvocationException"),
        ("[Linq.Enumerable]::Cast[string]([object[]](1))", "MethodInvocationException"),
        ("[Linq.Enumerable]::Distinct($null)", "MethodInvocationException"),
        ("[Linq.Enumerable]::NoSuchMethod[int]()", "MethodNotFound"),
        ("'abc'.Foo[int]()", "MethodNotFound"),
        ("[Func[int]] 5", "ConvertToFinalInvalidCastException"),
    ],
)  # fmt: skip
def test_generic_calls_psbridge_cannot_make_are_pwsh_errors(script: str, error_id: str) -> None:
    assert run(f"try {{ {script} }} catch {{ $_.FullyQualifiedErrorId }}") == [error_id]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("$l = [System.Collections.Generic.List[string]]::new(); $l.Add('a'); $l.Add('b'); $l.Count; $l[1]; "
         "$l.Contains('a'); $l.Remove('a'); $l.ToArray().GetType().FullName; foreach ($x in $l) { \"it $x\" }",
         [2, "b", True, True, "System.String[]", "it b"]),
        ("$d = [System.Collections.Generic.Dictionary[string, int]]::new(); $d.Add('a', 1); $d['b'] = 2; $d.Count; "
         "$d.ContainsKey('b'); $d.Remove('a'); foreach ($e in $d.GetEnumerator()) { $e.Key + '=' + $e.Value }",
         [2, True, True, "b=2"]),
        ("$h = [System.Collections.Generic.HashSet[int]]::new(); $h.Add(1); $h.Add(1); $h.Count; $h.Contains(1); "
         "$h.Remove(1); $h.Count", [True, False, 1, True, True, 0]),
        ("$q = [System.Collections.Generic.Queue[int]]::new(); $q.Enqueue(1); $q.Enqueue(2); $q.Dequeue(); $q.Peek(); "
         "$q.Count; $q.ToArray().Count", [1, 2, 1, 1]),
        ("$s = [System.Collections.Generic.Stack[string]]::new(); $s.Push('a'); $s.Push('b'); $s.Pop(); $s.Peek(); "
         "$s.Count; foreach ($x in $s) { $x }", ["b", "a", 1, "a"]),
    ],
)  # fmt: skip
def test_generic_collections(script: str, expected: list[object]) -> None:
    assert run(script) == expected
