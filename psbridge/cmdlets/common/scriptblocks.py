"""Running script blocks handed to cmdlets (-Process, -FilterScript, calculated properties).

The language's ScriptBlock value runs a block with ``$_`` set; this is the one place the
cmdlets call it, so they depend on its API in one spot.  A Python callable stands in for a
script block where Python code passes one (``psbridge.invoke("Where-Object", lambda o: ...)``).
"""

from __future__ import annotations

from typing import Any

__all__ = ["invoke_with_input", "is_scriptblock"]


def is_scriptblock(value: Any) -> bool:
    return callable(value)


def invoke_with_input(block: Any, input_object: Any) -> Any:
    """The block's output for ``$_ = input_object``: None, one object, or a list of several."""
    if callable(block):
        return block(input_object)
    raise TypeError(f"not a script block: {block!r}")
