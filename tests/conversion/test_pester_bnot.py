"""Parser/BNotOperator.Tests.ps1:65-140, run as scripts: ``-bnot`` of each integral type's bounds
(``[T]::MaxValue``/``MinValue``, arithmetic widening, the result's type)."""

from __future__ import annotations

import pytest

from tests.conversion.pester_scripts import run

WIDE = ["sbyte", "short", "int", "uint", "long", "ulong"]


@pytest.mark.parametrize("name", WIDE)
def test_bnot_flips_all_the_bits(name: str) -> None:
    # BNotOperator.Tests.ps1:70-81 (the setup) and :115-137: -bnot of max-1/min+1/max/min is min+1/max-1/min/max
    script = f"""
        $baseType = [{name}]
        $max = $baseType::MaxValue; $maxMinus1 = $max - 1; $min = $baseType::MinValue; $minPlus1 = $min + 1
        $expected = {"[int]" if name in ("sbyte", "short") else "$baseType"}  # Marshal.SizeOf($baseType) -lt 4
        foreach ($pair in ($maxMinus1, $minPlus1), ($minPlus1, $maxMinus1), ($max, $min), ($min, $max)) {{
            $res = -bnot $pair[0]
            $res -eq $pair[1]
            $res -is $expected
        }}
    """
    assert run(script) == [True] * 8


@pytest.mark.parametrize("name", ["byte", "ushort"])
def test_bnot_of_small_unsigned_types_promotes_to_int(name: str) -> None:
    # BNotOperator.Tests.ps1:84-111: the operand is an Int32 after promotion, so the bits of an int flip
    script = f"""
        $max = [{name}]::MaxValue; $maxMinus1 = $max - 1; $min = [{name}]::MinValue; $minPlus1 = $min + 1
        foreach ($value in $maxMinus1, $minPlus1, $max, $min) {{
            $res = -bnot $value
            $res -eq (-bnot [int]$value)
            $res -is [int]
        }}
    """
    assert run(script) == [True] * 8
