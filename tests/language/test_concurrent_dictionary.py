"""``ConcurrentDictionary[K,V]`` (the thread-safe table ForEach-Object -Parallel scripts share through
``$using:``) and ``Dictionary[K,V].TryAdd``.

MethodInvocation.Tests.ps1:168-203 (test/powershell/Language/Parser) calls the generic instance
method ``AddOrUpdate[float]``; ForEach-Object's doc, example 14, shares one between iterations.
"""

from __future__ import annotations

import psbridge


def test_generic_add_or_update_with_a_factory_argument() -> None:
    # MethodInvocation.Tests.ps1:168-203
    script = """
        $dictionary = [System.Collections.Concurrent.ConcurrentDictionary[string, int]]::new()
        $addEntryScript = { param($key, $float) if ($float -gt 0.5) { return 10 } else { return 1 } }
        $updateEntryScript = {
            param($key, $currentValue, $float)
            if ($currentValue / $float -gt 2) { return 5 } else { return 0 }
        }
        $FloatValue = 0.4
        $Key = 'Test'
        $null = $dictionary.AddOrUpdate[float]($Key, $addEntryScript, $updateEntryScript, $FloatValue)
        $dictionary.$Key
        $null = $dictionary.AddOrUpdate[float]($Key, $addEntryScript, $updateEntryScript, $FloatValue)
        $dictionary.$Key
    """
    assert psbridge.run(script) == [1, 5]


def test_try_methods_and_get_or_add() -> None:
    script = """
        $d = [System.Collections.Concurrent.ConcurrentDictionary[string,object]]::new()
        $d.GetType().FullName
        $d.TryAdd('a', 1); $d.TryAdd('a', 2); $d['a']
        $d.GetOrAdd('b', 5); $d.GetOrAdd('b', 6)
        $d.AddOrUpdate('b', 0, { param($k, $v) $v + 1 })
        $removed = $null; $d.TryRemove('a', [ref]$removed); $removed; $d.Count
        $d.TryUpdate('b', 10, 6); $d.TryUpdate('b', 11, 6); $d['b']
        $d -is [System.Collections.Concurrent.ConcurrentDictionary[string,object]]
    """
    assert psbridge.run(script) == [
        "System.Collections.Concurrent.ConcurrentDictionary`2[System.String,System.Object]",
        True, False, 1, 5, 5, 6, True, 1, 1, True, False, 10, True,
    ]  # fmt: skip


def test_shared_through_using_in_parallel_iterations() -> None:
    # ForEach-Object's doc, example 14 (over numbers instead of processes)
    script = """
        $threadSafeDictionary = [System.Collections.Concurrent.ConcurrentDictionary[string,object]]::new()
        1..3 | ForEach-Object -Parallel {
            $dict = $Using:threadSafeDictionary
            $null = $dict.TryAdd("n$_", $_)
        } 3>$null
        $threadSafeDictionary["n2"]; $threadSafeDictionary.Count
    """
    assert psbridge.run(script) == [2, 3]


def test_dictionary_try_add_but_not_hashtable() -> None:
    script = """
        $g = [System.Collections.Generic.Dictionary[string,int]]::new()
        $g.TryAdd('x', 1); $g.TryAdd('x', 2); $g['x']
        try { @{}.TryAdd(1, 2) } catch { $_.FullyQualifiedErrorId }
    """
    assert psbridge.run(script) == [True, False, 1, "MethodNotFound"]
