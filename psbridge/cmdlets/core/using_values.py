"""``$using:`` values: what a block that runs in another session reads of the caller's.

Start-Job and ForEach-Object -Parallel evaluate every ``$using:name`` (and ``$using:name.Prop``,
``$using:name[0]``) of the block in the caller's scope before the block runs, and hand the
values to the block's own session (the runspace's ``using_values``, which the compiled
``$using:`` expression reads by its text).  The block never sees the caller's variables
themselves: a job gets deserialized copies; a -Parallel block gets the values as they are
(pwsh passes references into the parallel runspaces too).

As ScriptBlockToPowerShell.GetUsingValuesAsDictionary does: a variable the caller has not set is
``UsingVariableIsUndefined`` (the values are read under strict mode), and for -Parallel only the
``$using:`` expressions of this call count, not those of a ForEach-Object -Parallel nested in
the block (they are the nested call's, read in the task's session).
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory, PSError

__all__ = ["UsingVariableUndefined", "using_values"]


class UsingVariableUndefined(PSError):
    """AutomationExceptions.UsingVariableIsUndefined."""

    default_error_id = "UsingVariableIsUndefined"
    default_category = ErrorCategory.InvalidOperation

    def __init__(self, name: str) -> None:
        super().__init__(
            f"The value of the using variable '$using:{name}' cannot be retrieved because it has not been set in "
            "the local session.",
            target_object=name,
        )


def using_values(block: Any, scope: Any, *, parallel: bool = False) -> dict[str, Any]:
    """``$using:`` expression text (case-folded) -> its value in ``scope``, for the script block
    ``block`` (a language ScriptBlock; a Python callable has none)."""
    compiled = getattr(block, "compiled", None)
    if compiled is None:
        return {}
    from ...language import ast
    from ...language.compiler import Compiler

    root = compiled.ast
    found: dict[str, Any] = {}
    compiler: Compiler | None = None
    for node in root.find_all(lambda n: isinstance(n, ast.UsingExpressionAst)):
        key = node.extent.text.casefold()
        if key in found or (parallel and _in_nested_parallel(node, root)):
            continue
        variable = _root_variable(node.sub_expression)
        context = scope.context
        if variable is not None and context is not None and not context.runspace.get_variable(
            variable.variable_path.user_path
        )[0]:
            raise UsingVariableUndefined(variable.variable_path.unqualified_path)
        if compiler is None:
            compiler = Compiler(root)
        found[key] = compiler.expr(node.sub_expression)(scope)
    return found


def _root_variable(node: Any) -> Any:
    """The variable a ``$using:`` expression starts from (``$x`` of ``$x.a[0]``)."""
    from ...language import ast

    while not isinstance(node, ast.VariableExpressionAst):
        inner = getattr(node, "expression", None) or getattr(node, "target", None)
        if inner is None:
            return None
        node = inner
    return node


def _in_nested_parallel(node: Any, root: Any) -> bool:
    """Whether ``node`` lies in a script block given to a ForEach-Object -Parallel inside ``root``
    (ScriptBlockToPowerShell.IsInForeachParallelCallingScope)."""
    from ...language import ast

    current = node.parent
    while current is not None and current is not root:
        if isinstance(current, ast.ScriptBlockExpressionAst) and _is_parallel_argument(current):
            return True
        current = current.parent
    return False


def _is_parallel_argument(block: Any) -> bool:
    from ...language import ast

    command = block.parent
    if not isinstance(command, ast.CommandAst):
        return False
    name = command.get_command_name() if hasattr(command, "get_command_name") else None
    if name is None:
        first = command.command_elements[0] if command.command_elements else None
        name = getattr(first, "value", None)
    if str(name).casefold() not in ("foreach-object", "foreach", "%"):
        return False
    return any(
        isinstance(element, ast.CommandParameterAst) and "parallel".startswith(element.parameter_name.casefold())
        and len(element.parameter_name) >= 2
        for element in command.command_elements
    )  # fmt: skip
