"""Assertions translated from PowerShell's own operator tests, calling the operator functions directly.

Each test names the file and line of ``test/powershell/Language/Operators/`` it restates.
"""

from __future__ import annotations

import pytest

from psbridge.conversion import RuntimeException, TypeNotFoundError, resolve_type
from psbridge.conversion.operators import (
    BINARY,
    compare,
    contains,
    is_type,
    like,
    logical_not,
    match,
    range_of,
    replace,
    split,
    unary_split,
)
from psbridge.objects import PSObject
from psbridge.objects.numeric import Char

COMPARISON = "ComparisonOperator.Tests.ps1"


@pytest.mark.parametrize(
    ("line", "left", "operator", "right", "result"),
    [
        (6, 1, "-lt", 2, True),
        (7, 1, "-gt", 2, False),
        (8, 1, "-le", 2, True),
        (9, 1, "-le", 1, True),
        (10, 1, "-ge", 2, False),
        (11, 1, "-ge", 1, True),
        (12, 1, "-eq", 1, True),
        (13, 1, "-ne", 2, True),
        (14, "abc", "-ceq", "abc", True),
        (15, "abc", "-ceq", "Abc", False),
        (40, "Hello", "-contains", "Hello", True),
        (41, "Hello", "-notcontains", "Hello", False),
        (42, ["Hello", "world"], "-ccontains", "hello", False),
        (43, ["Hello", "world"], "-ccontains", "Hello", True),
        (44, ["Hello", "world"], "-cnotcontains", "Hello", False),
        (46, "Hello world", "-like", "Hello*", True),
        (48, "Hello world", "-notlike", "Hello*", False),
    ],
)
def test_comparison_operators(line, left, operator, right, result):
    # ComparisonOperator.Tests.ps1:5-52
    assert BINARY[operator](left, right) is result, f"{COMPARISON}:{line}"


@pytest.mark.parametrize(("line", "negated", "value"), [(28, False, 1), (29, True, 0), (30, False, 1), (31, True, 0)])
def test_not_operator(line, negated, value):
    # ComparisonOperator.Tests.ps1:27-37 (-not and !)
    assert logical_not(value) is negated


def test_match_and_notmatch_with_a_regex():
    # ComparisonOperator.Tests.ps1:45, 47
    assert match("Hello world", "Hello*")[0] is True
    assert BINARY["-notmatch"]("Hello world", "Hello*")[0] is False


def test_is_with_an_unknown_type_literal_is_type_not_found():
    # ComparisonOperator.Tests.ps1:57-58
    with pytest.raises(TypeNotFoundError) as caught:
        is_type("Hello", resolve_type("foo"))
    assert caught.value.error_id == "TypeNotFound"
    assert str(caught.value) == "Unable to find type [foo]."


def test_is_with_a_string_right_operand_needs_a_type():
    # ComparisonOperator.Tests.ps1:55-56: 'hello' -is 'foo' is a RuntimeException
    with pytest.raises(RuntimeException):
        is_type("Hello", "foo")


@pytest.mark.parametrize(
    ("line", "value", "type_name", "result"),
    [
        (65, PSObject({"foo": 1}), "pscustomobject", True),
        (66, PSObject({"foo": 1}), "psobject", True),
        (67, "hello", "string", True),
        (68, "hello", "system.string", True),
        (69, 100, "int", True),
        (70, 100, "system.int32", True),
        (78, PSObject({"foo": 1}), "string", False),
        (79, "hello", "psobject", False),
    ],
)
def test_is_operator(line, value, type_name, result):
    # ComparisonOperator.Tests.ps1:64-84
    assert is_type(value, resolve_type(type_name)) is result
    assert BINARY["-isnot"](value, resolve_type(type_name)) is (not result)


@pytest.mark.parametrize(
    ("line", "left", "pattern", "result"),
    [
        (87, "abc`def", "abc`def", False),
        (88, "abc`def", "abc``def", True),
        (89, "abc`def", "abc````def", False),
        (90, "abc``def", "abc````def", True),
    ],
)
def test_like_with_backticks(line, left, pattern, result):
    # ComparisonOperator.Tests.ps1:86-99
    assert like(left, pattern) is result


REPLACE = "ReplaceOperator.Tests.ps1"


def test_replace_with_regular_expressions():
    # ReplaceOperator.Tests.ps1:7, 10
    assert replace("Get-Process", ["Get", "Stop"]) == "Stop-Process"
    assert replace("image.gif", [r"\.gif$", ".jpg"]) == "image.jpg"


def test_replace_case_sensitivity():
    # ReplaceOperator.Tests.ps1:21-28
    assert replace("book", ["B", "C"]) == "Cook"
    assert BINARY["-ireplace"]("book", ["B", "C"]) == "Cook"
    assert BINARY["-creplace"]("book", ["B", "C"]) == "book"


def test_replace_with_an_optional_substitution_and_arrays():
    # ReplaceOperator.Tests.ps1:32-48
    assert replace("PowerPoint", ["Point", "Shell"]) == "PowerShell"
    assert replace("PowerPoint", "Point") == "Power"
    assert replace(["PowerPoint1", "PowerPoint2"], ["Point", "Shell"]) == ["PowerShell1", "PowerShell2"]
    assert replace(["PowerPoint1", "PowerPoint2"], "Point") == ["Power1", "Power2"]


def test_replace_substitutions():
    # ReplaceOperator.Tests.ps1:54, 59
    expected = "Tld of 'domain.example' is - 'example'"
    assert replace("domain.example", [r".*\.(\w+)$", "Tld of '$0' is - '$1'"]) == expected
    assert replace("domain.example", [r".*\.(?<tld>\w+)$", "${tld}"]) == "example"


def test_replace_with_a_script_block():
    # ReplaceOperator.Tests.ps1:64 (the script block becomes a callable receiving the Match)
    assert replace("ID ABC123", [r"\b[A-C]+", lambda found: "X" * len(found.Value)]) == "ID XXX123"


def test_split_and_replace_stringify_invariantly():
    # ReplaceOperator.Tests.ps1:98, 102
    assert split(1.2, ",") == ["1.2"]
    assert replace(1.2, ",") == "1.2"


SPLIT = "SplitOperator.Tests.ps1"


def test_binary_split_of_arrays_and_strings():
    # SplitOperator.Tests.ps1:6, 15
    assert split(["a b", "c d"], " ") == ["a", "b", "c", "d"]
    assert split("a b c d", " ") == ["a", "b", "c", "d"]


@pytest.mark.parametrize(
    ("line", "limit", "pieces"),
    [
        (24, 2, ["a", "b c d"]),
        (29, 0, ["a", "b", "c", "d"]),
        (36, -2, ["a b c", "d"]),
        (41, -1, ["a b c d"]),
        (47, 8, ["a", "b", "c", "d"]),
        (54, -8, ["a", "b", "c", "d"]),
    ],
)
def test_split_limits(line, limit, pieces):
    # SplitOperator.Tests.ps1:23-59
    assert split("a b c d", [" ", limit]) == pieces


def test_split_negative_limit_on_a_single_separator():
    # SplitOperator.Tests.ps1:61
    assert split(" ", [" ", -2]) == ["", ""]


@pytest.mark.parametrize(
    ("line", "text", "limit", "pieces"),
    [
        (68, "a b c d", -2, ["a b c", "d"]),
        (73, "a b c d", -4, ["a", "b", "c", "d"]),
        (80, "a b c d", -8, ["a", "b", "c", "d"]),
        (87, " ", -4, ["", ""]),
        (92, "folder/path/to/file", -2, ["folder/path/to", "file"]),
    ],
)
def test_split_predicate_with_negative_limits(line, text, limit, pieces):
    # SplitOperator.Tests.ps1:67-96 ({$_ -like ' '} and {$_ -like '/'})
    separator = "/" if "/" in text else " "
    assert split(text, [lambda char, _index: like(char, separator), limit]) == pieces


def test_split_with_regexes_and_captures():
    # SplitOperator.Tests.ps1:99, 104, 111, 120, 130
    assert split("a2b3c4d", [r"\d+", 2]) == ["a", "b3c4d"]
    assert split("a2b3c4d", [r"\d+", -2]) == ["a2b3c", "d"]
    assert split("a::b::c::d", "::") == ["a", "b", "c", "d"]
    assert split("a1:b1:c1:d", "(1:)") == ["a", "1:", "b", "1:", "c", "1:", "d"]
    assert split("a1:b1:c1:d", "1(:)") == ["a", ":", "b", ":", "c", ":", "d"]


def test_split_case_sensitivity():
    # SplitOperator.Tests.ps1:142-163
    assert split("abcBd", "B") == ["a", "c", "d"]
    assert BINARY["-isplit"]("abcBd", "B") == ["a", "c", "d"]
    assert BINARY["-csplit"]("abcBd", "B") == ["abc", "d"]
    assert BINARY["-csplit"]("abcBd", ["B", 0, "IgnoreCase"]) == ["a", "c", "d"]


def test_split_with_a_script_block():
    # SplitOperator.Tests.ps1:167
    assert split("a::b::c::d", lambda char, _index: compare("eq", char, "b") or compare("eq", char, "C")) == [
        "a::",
        "::",
        "::d",
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_split_regex_options(newline):
    # SplitOperator.Tests.ps1:185-236
    text = f"a12a{newline}b34b{newline}c56c{newline}d78d"
    text2 = f"a12a{newline}%b34b{newline}c56c{newline}d78d"
    assert len(split(text, "^b")) == 1
    assert len(split(text, "b.+c")) == 1
    assert split(text, ["b.+c", 0, "Singleline"]) == [f"a12a{newline}", f"{newline}d78d"]
    assert split(text2, ["b.+c", 0, "Singleline"]) == [f"a12a{newline}%", f"{newline}d78d"]
    assert split(text, ["^b", 0, "Multiline"]) == [f"a12a{newline}", f"34b{newline}c56c{newline}d78d"]
    assert split(text, ["b.+c", 0, "Singleline,Multiline"]) == [f"a12a{newline}", f"{newline}d78d"]
    assert split(text, ["^b.+c", 0, "Singleline,Multiline"]) == [f"a12a{newline}", f"{newline}d78d"]
    assert len(split(text2, ["^b.+c", 0, "Singleline,Multiline"])) == 1


def test_split_pattern_options():
    # SplitOperator.Tests.ps1:239-279
    assert split("a: b:c", ": ") == ["a", "b:c"]
    assert split("a: b:c", [": ", 0, "IgnorePatternWhitespace"]) == ["a", " b", "c"]
    assert split("a:b", "(:)") == ["a", ":", "b"]
    assert split("a:b", ["(:)", 0, "ExplicitCapture"]) == ["a", "b"]
    assert split("abc", ["B", 0, "SimpleMatch,IgnoreCase"]) == ["a", "c"]
    assert split("abc", ["B", 0, "RegexMatch,Singleline"]) == ["a", "c"]
    with pytest.raises(RuntimeException) as caught:
        split("abc", ["B", 0, "RegexMatch,SimpleMatch"])
    assert caught.value.error_id == "InvalidSplitOptionCombination"


def test_unary_split():
    # SplitOperator.Tests.ps1:285-294
    assert unary_split("a b") == ["a", "b"]
    assert unary_split(["a b", "c d"]) == ["a", "b", "c", "d"]


RANGE = "RangeOperator.Tests.ps1"


def test_integer_ranges():
    # RangeOperator.Tests.ps1:6-87
    assert range_of(5, 8) == [5, 6, 7, 8] and all(type(n) is int for n in range_of(5, 8))
    assert range_of(-8, -5) == [-8, -7, -6, -5]
    assert range_of(0, 0) == [0]
    assert range_of(4, 3) == [4, 3]
    assert range_of(-2, 2) == [-2, -1, 0, 1, 2]


def test_character_ranges():
    # RangeOperator.Tests.ps1:93-204
    assert range_of("A", "E") == list("ABCDE") and all(isinstance(c, Char) for c in range_of("A", "E"))
    assert range_of("C", "A") == ["C", "B", "A"]
    assert range_of(Char("a"), "c") == ["a", "b", "c"]
    assert range_of("C", Char("A")) == ["C", "B", "A"]


def test_contains_is_case_insensitive_by_default():
    assert contains(["Hello", "world"], "hello") is True
