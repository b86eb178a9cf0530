"""Method calls as PowerShell makes them: a void .NET method as a statement writes nothing,
psbridge's lists answer with their .NET methods (not Python's), IList.Clear of an array,
``using namespace``, generic method calls, and ``[pscustomobject]@{...}`` through the one
conversion engine.  Assertions translated from PowerShell's Pester tests name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from psbridge.errors import PSError
from tests.language.evaluator_helpers import Session, run

NEW_LIST = "$l = [System.Collections.Generic.List[int]]::new(); "
NEW_ARRAYLIST = "$a = [System.Collections.ArrayList]::new(); "


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # Array.Tests.ps1:126-142: ArrayList.Clear is void (AutomationNull), ArrayList.Add returns the index
        (NEW_ARRAYLIST + "$a.Add(2); $a.Add(3); $a.Clear(); $a.Count", [0, 1, 0]),
        (NEW_ARRAYLIST + "$a.Add(1) > $null; $a.Insert(0, 0); $a.Remove(1); $a.RemoveAt(0); $a.Count", [0]),
        (NEW_ARRAYLIST + "$a.AddRange(@(3, 1, 2)); $a.Sort(); $a.Reverse(); $a -join ','", ["3,2,1"]),
        # List<T>: Add, Clear, Insert are void; Remove returns whether it removed
        (NEW_LIST + "$l.Add(5); $l.Add(6); $l.Remove(5); $l.Remove(7); $l.Insert(0, 4); $l -join ','",
         [True, False, "4,6"]),
        (NEW_LIST + "$l.Add(1); $l.Clear(); $l.Count", [0]),
        # Hashtable.Add/Remove/Clear are void; HashSet<T>.Add returns a bool; Stack.Push, Queue.Enqueue void
        ("$h = @{}; $h.Add('a', 1); $h.Remove('a'); $h.Clear(); $h.Count", [0]),
        ("$s = [System.Collections.Generic.HashSet[int]]::new(); $s.Add(1); $s.Add(1)", [True, False]),
        ("$s = [System.Collections.Generic.Stack[int]]::new(); $s.Push(1); "
         "$q = [System.Collections.Generic.Queue[int]]::new(); $q.Enqueue(2); $s.Count + $q.Count", [2]),
        # static void methods: Array.Reverse writes nothing, the array is reversed
        ("$r = 1, 2, 3; [Array]::Reverse($r); $r -join ','", ["3,2,1"]),
        # a method that returns an object writes it: StringBuilder.Append and .Clear return the builder
        ("$sb = [System.Text.StringBuilder]::new(); $sb.Append('x').Length; @($sb.Clear()).Count; $sb.Length",
         [1, 1, 0]),
        # a non-void method that returns $null writes $null
        ("$h = @{}; @($h['missing']).Count; 'abc'.IndexOf('z')", [1, -1]),
        # in a function's output too: nothing but what the function wrote
        ("function f { $x = [System.Collections.Generic.List[string]]::new(); $x.Add('a'); $x.Clear(); 'done' }; "
         "@(f).Count", [1]),
    ],
)  # fmt: skip
def test_a_void_method_call_statement_writes_nothing(script: str, expected: list[object]) -> None:
    assert run(script) == expected


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("[int[]]$a = 1, 2, 3; $a.Clear(); $a.Count; $a -join ','; $a.GetType().FullName",
         [3, "0,0,0", "System.Int32[]"]),
        ("$a = 1, 'x', 3; $a.Clear(); $a.Count; @($a | Where-Object { $null -ne $_ }).Count", [3, 0]),
        ("[bool[]]$a = $true, $true; $a.Clear(); $a", [False, False]),
        ("[string[]]$a = 'a', 'b'; $a.Clear(); $null -eq $a[0]; $a.Length", [True, 2]),
        ("[double[]]$a = 1.5, 2; $a.Clear(); $a", [0.0, 0.0]),
    ],
)  # fmt: skip
def test_clear_of_an_array_is_array_clear(script: str, expected: list[object]) -> None:
    # IList.Clear of a .NET array is Array.Clear: the length stays, every element is default(T)
    assert run(script) == expected


def test_an_array_still_refuses_to_grow() -> None:
    session = Session()
    assert session.run("$a = 1, 2; $a.Add(3); $a.Count") == [2]
    assert "Collection was of a fixed size." in str(session.errors[0])


def test_using_namespace_resolves_type_names() -> None:
    # UsingNamespace.Tests.ps1:45-47 ([Thread] after `using namespace System.Threading`; [Int32] by
    # the implicit System); System.Text and System.Collections.Generic here, whose types psbridge has
    script = """using namespace System.Text
using namespace System.Collections.Generic
$sb = [StringBuilder]::new(); $null = $sb.Append('hi'); $sb.ToString()
[StringBuilder].FullName
[Int32].FullName
function foo([List[string]]$l) { $l.Count }
$l = [List[string]]::new(); $l.Add('a string'); foo $l
[List[int]]$typed = 1, 2; $typed.GetType().FullName
"""
    assert run(script) == [
        "hi",
        "System.Text.StringBuilder",
        "System.Int32",
        1,
        "System.Collections.Generic.List`1[System.Int32]",
    ]


def test_without_using_namespace_a_short_name_is_not_found() -> None:
    session = Session()
    assert session.run("[StringBuilder]") == []
    assert session.error_ids == ["TypeNotFound"]


def test_generic_collections_have_their_type() -> None:
    assert run("$x = [System.Collections.Generic.List[string]]::new(); $x.GetType().FullName") == [
        "System.Collections.Generic.List`1[System.String]"
    ]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # MethodInvocation.Tests.ps1:9-10 (ExpectedType [string[]])
        ("$e = [Array]::Empty[string](); $e.GetType().FullName; $e.Length", ["System.String[]", 0]),
        ("[Array]::Empty[int]().GetType().FullName", ["System.Int32[]"]),
        ("using namespace System.Text\n[Array]::Empty[StringBuilder]().GetType().FullName",
         ["System.Text.StringBuilder[]"]),
    ],
)  # fmt: skip
def test_a_generic_static_method_call(script: str, expected: list[object]) -> None:
    assert run(script) == expected


@pytest.mark.parametrize(
    ("script", "error_id"),
    [
        ("try { [array]::Empty[string, int]() } catch { $_.FullyQualifiedErrorId }",
         "MethodCountCouldNotFindBestGeneric"),
        ("try { [array]::Empty[thisdoesnotexist]() } catch { $_.FullyQualifiedErrorId }", "TypeNotFound"),
        ("try { (1, 2).Contains[int](1) } catch { $_.FullyQualifiedErrorId }", "MethodNotFound"),
    ],
)  # fmt: skip
def test_a_generic_method_call_psbridge_cannot_make_is_powershells_error(script: str, error_id: str) -> None:
    # MethodInvocation.Tests.ps1:212-229 (too many type arguments; a type that does not exist)
    assert run(script) == [error_id]


@pytest.mark.parametrize(
    ("script", "expected"),
    [
        # HashtableToPSCustomObjectConversion.Tests.ps1:123-127 (a PSTypeName key is a type name, not a property)
        ("$obj = [PSCustomObject] @{pstypename = 'Mytype'}; $obj.PSTypeNames[0]; @($obj.psobject.Properties).Count",
         ["Mytype", 0]),
        # HashtableToPSCustomObjectConversion.Tests.ps1:129-134
        ("$obj = [PSCustomObject] @{pstypename = 'System.Object'}; $obj.PSTypeNames.Count; $obj.PSTypeNames[0]",
         [3, "System.Object"]),
        # HashtableToPSCustomObjectConversion.Tests.ps1:43-58: the literal's order is kept
        ("([pscustomobject]@{one = 1; two = 2; three = 3}).psobject.Properties.Name -join ','", ["one,two,three"]),
        ("$o = [pscustomobject]@{a = 1; PSTypeName = 'T.One'; b = 2}; $o.PSTypeNames[0]; "
         "$o.psobject.Properties.Name -join ','", ["T.One", "a,b"]),
    ],
)  # fmt: skip
def test_pscustomobject_of_a_literal_is_the_conversion_engines(script: str, expected: list[object]) -> None:
    assert run(script) == expected


def test_a_method_call_on_null_is_still_an_error() -> None:
    with pytest.raises(PSError) as raised:
        Session().run("$ErrorActionPreference = 'Stop'; $n = $null; $n.Clear()")
    assert raised.value.error_record.fully_qualified_error_id == "InvokeMethodOnNull"


def test_a_void_method_as_a_script_blocks_only_statement_writes_nothing() -> None:
    script = NEW_LIST + "1..3 | ForEach-Object { $l.Add($_) }; $l.Count; 1 | ForEach-Object { $l.Clear() }; $l.Count"
    assert run(script) == [3, 0]
    assert run("'a', 'b' | ForEach-Object { $_.ToUpper() }") == ["A", "B"]


def test_using_namespace_applies_to_type_names_given_as_text() -> None:
    # UsingNamespace.Tests.ps1:52-54 ("Thread" -as [Type] after `using namespace System.Threading`)
    script = """using namespace System.Text
("StringBuilder" -as [Type]).FullName
([type]'StringBuilder').Name
function f { ('StringBuilder' -as [type]).FullName }
f
"""
    assert run(script) == ["System.Text.StringBuilder", "StringBuilder", "System.Text.StringBuilder"]
    # another script without the statement: the short name is unknown again
    assert run("$null -eq ('StringBuilder' -as [type])") == [True]


def test_using_namespace_in_a_script_file(tmp_path: Path) -> None:
    from psbridge.language.engine.run import run_file
    from psbridge.runtime import Runspace

    script = tmp_path / "uses.ps1"
    script.write_text("using namespace System.Text\n[StringBuilder]::new('a').Append('b').ToString()\n"
                      "('StringBuilder' -as [type]).FullName\n", encoding="utf-8")  # fmt: skip
    assert run_file(Runspace(), str(script)) == ["ab", "System.Text.StringBuilder"]
