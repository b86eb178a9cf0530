"""Running script blocks handed to cmdlets (-Process, -FilterScript, calculated properties).

The language's ScriptBlock value runs a block with ``$_`` set
(``block.invoke_with_underbar(obj, *args)``, dot-sourced as ForEach-Object and Where-Object run
theirs); this is the one place the cmdlets call it, so they depend on its API in one spot.
A Python callable stands in for a script block where Python code passes one
(``psbridge.invoke("Where-Object", lambda o: ...)``): it is called with the input object (and
the -ArgumentList values), and what it returns is its output (None is none, a list is several).
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any

from ...conversion import register_scriptblock_class

__all__ = ["collapse", "invoke_with_input", "is_scriptblock", "output_of", "underbar_runner"]


# Python functions bind to [scriptblock] parameters (-Process, -FilterScript ...) once a cmdlet
# that runs script blocks is loaded: Python callers have no other way to pass one.
register_scriptblock_class(types.FunctionType)
register_scriptblock_class(types.MethodType)


def is_scriptblock(value: Any) -> bool:
    return hasattr(value, "invoke_with_underbar") or callable(value)


def underbar_runner(block: Any, collapsed: bool = False) -> Callable[[Any], Any]:
    """``output_of`` for one block (``invoke_with_input`` when ``collapsed``), made once: what a
    cmdlet calls per pipeline object."""
    runner = getattr(block, "underbar_runner", None)
    if runner is not None:
        made: Callable[[Any], Any] = runner(collapsed)
        return made
    if collapsed:
        return lambda input_object: invoke_with_input(block, input_object)
    return lambda input_object: output_of(block, input_object)


def output_of(block: Any, input_object: Any, *args: Any) -> list[Any]:
    """Everything the block writes for ``$_ = input_object`` (``$args`` = ``args``)."""
    run = getattr(block, "invoke_with_underbar", None)
    if run is not None:
        result: list[Any] = run(input_object, *args)
        return result
    if callable(block):
        value = block(input_object, *args)
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]
    raise TypeError(f"not a script block: {block!r}")


def collapse(values: list[Any]) -> Any:
    """A pipeline's output as one value: None, the single object, or the list."""
    if not values:
        return None
    return values[0] if len(values) == 1 else values


def invoke_with_input(block: Any, input_object: Any) -> Any:
    """The block's output for ``$_ = input_object``: None, one object, or a list of several."""
    return collapse(output_of(block, input_object))
