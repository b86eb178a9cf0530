"""``$using:`` values: what a block that runs in another session reads of the caller's.

Start-Job and ForEach-Object -Parallel evaluate every ``$using:name`` (and ``$using:name.Prop``,
``$using:name[0]``) of the block in the caller's scope before the block runs, and hand the
values to the block's own session (the runspace's ``using_values``, which the compiled
``$using:`` expression reads by its text).  The block never sees the caller's variables
themselves: a job gets deserialized copies; a -Parallel block gets the values as they are
(pwsh passes references into the parallel runspaces too).
"""

from __future__ import annotations

from typing import Any

__all__ = ["using_values"]


def using_values(block: Any, scope: Any) -> dict[str, Any]:
    """``$using:`` expression text (case-folded) -> its value in ``scope``, for the script block
    ``block`` (a language ScriptBlock; a Python callable has none)."""
    compiled = getattr(block, "compiled", None)
    if compiled is None:
        return {}
    from ...language import ast
    from ...language.compiler import Compiler

    found: dict[str, Any] = {}
    compiler: Compiler | None = None
    for node in compiled.ast.find_all(lambda n: isinstance(n, ast.UsingExpressionAst)):
        key = node.extent.text.casefold()
        if key in found:
            continue
        if compiler is None:
            compiler = Compiler(compiled.ast)
        found[key] = compiler.expr(node.sub_expression)(scope)
    return found
