"""Flow control: break, continue, return and exit travel as exceptions, as in PowerShell.

PowerShell's compiled code throws BreakException/ContinueException/ReturnException/
ExitException (FlowControlException) and the enclosing loop, function or script
catches them.  They are not errors: the statement-level error handling lets them
pass (they are not :class:`~psbridge.errors.PSError`), and ``break`` with no loop
around it leaves functions too, as PowerShell's dynamic ``break`` does.
"""

from __future__ import annotations

__all__ = [
    "BreakException",
    "ContinueException",
    "ExitException",
    "FlowControl",
    "MethodReturn",
    "ReturnException",
]


from ...errors import FlowControl  # the base, shared with the pipeline's StopUpstreamCommands


class _LoopFlow(FlowControl):
    __slots__ = ("label",)

    def __init__(self, label: str | None = None) -> None:
        super().__init__(label)
        self.label = label

    def matches(self, label: str | None) -> bool:
        """Whether a loop labelled ``label`` handles this ``break``/``continue``."""
        return self.label is None or (label is not None and self.label.casefold() == label.casefold())


class BreakException(_LoopFlow):
    """``break [label]``."""


class ContinueException(_LoopFlow):
    """``continue [label]``."""


class ReturnException(FlowControl):
    """``return``: the returned value was written to the output already; this ends the block.

    ``pending`` is output that a value being computed had captured when the ``return`` left it
    (``$x = if ($c) { return 'one' }``, ``$('1'; return '2')``): it goes to the function's output,
    as pwsh flushes it to the outer pipe."""

    __slots__ = ("pending",)

    def __init__(self) -> None:
        super().__init__()
        self.pending: list[object] = []


class MethodReturn(FlowControl):
    """``return value`` in a class method: the method's result (its other output is discarded)."""

    def __init__(self, value: object = None) -> None:
        super().__init__()
        self.value = value


class ExitException(FlowControl):
    """``exit [code]``: ends the script (and ``$LASTEXITCODE`` is the code)."""

    def __init__(self, code: int = 0) -> None:
        super().__init__(code)
        self.code = code
