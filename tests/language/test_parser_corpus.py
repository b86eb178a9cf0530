"""Every one of PSOpenAI's 225 PowerShell files parses, and every node's extent is exactly its source.

PSOpenAI's source (``../shared/psopenai-source``) is real PowerShell 7 that
runs in that module's CI; the test fails naming the first file that does not
parse.  Files are read as PowerShell reads them (byte-order mark, else UTF-8).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from psbridge.language import ast, parse_input
from psbridge.language.script_file import read_script_file
from tests.conftest import SHARED

SOURCE = SHARED / "psopenai-source"
FILES = sorted(path for path in SOURCE.rglob("*") if path.suffix.lower() in (".ps1", ".psm1"))


def test_the_corpus_is_all_there() -> None:
    assert len(FILES) == 225


@pytest.fixture(scope="module")
def trees() -> list[tuple[Path, str, ast.ScriptBlockAst]]:
    parsed = []
    for path in FILES:
        text = read_script_file(path)
        tree, errors = parse_input(text, str(path))
        assert not errors, f"{path.relative_to(SOURCE)}: {errors[0]}"
        parsed.append((path, text, tree))
    return parsed


def test_every_file_parses(trees: list[tuple[Path, str, ast.ScriptBlockAst]]) -> None:
    assert len(trees) == 225
    is_function = lambda node: isinstance(node, ast.FunctionDefinitionAst)  # noqa: E731
    functions = sum(1 for _, _, tree in trees for _ in tree.find_all(is_function))
    assert functions > 150  # the public cmdlets and their private helpers


def test_every_extent_is_its_source_text_and_nests(trees: list[tuple[Path, str, ast.ScriptBlockAst]]) -> None:
    for path, text, tree in trees:
        assert tree.extent.start_offset == 0 and tree.extent.end_offset == len(text)
        for node in tree.find_all(lambda _: True):
            extent = node.extent
            assert extent.text == text[extent.start_offset : extent.end_offset]
            for child in node.children():
                assert child.parent is node, path
                # As in PowerShell, a param block's extent starts at 'param' (its attributes stand
                # before it) and a constructor's base() call stands before its body's statements.
                if isinstance(node, ast.ParamBlockAst) or (isinstance(child, ast.CommandExpressionAst) and isinstance(
                    child.expression, ast.BaseCtorInvokeMemberExpressionAst
                )):
                    continue
                inner = child.extent
                assert extent.start_offset <= inner.start_offset <= inner.end_offset <= extent.end_offset, (
                    path.relative_to(SOURCE),
                    type(node).__name__,
                    inner.start_line_number,
                )


def test_the_cmdlets_param_blocks_are_complete(trees: list[tuple[Path, str, ast.ScriptBlockAst]]) -> None:
    """Spot check of what spec generation will read: Wait-ThreadRun's parameters and their attributes."""
    (tree,) = [tree for path, _, tree in trees if path.name == "Wait-ThreadRun.ps1"]
    function = tree.find(lambda n: isinstance(n, ast.FunctionDefinitionAst))
    assert isinstance(function, ast.FunctionDefinitionAst) and function.name == "Wait-ThreadRun"
    block = function.body.param_block
    assert block is not None and block.attributes[0].type_name.name == "CmdletBinding"
    names = [parameter.name.variable_path.unqualified_path for parameter in block.parameters]
    assert {"Run", "RunId", "ThreadId", "StatusForWait", "StatusForExit", "TimeoutSec"} <= set(names)
