"""Set-OpenAIContext, Get-OpenAIContext, Clear-OpenAIContext: the session's default
connection settings (see :mod:`._context`)."""

from __future__ import annotations

from ...objects import PSObject
from ...runtime import Cmdlet, register_cmdlet
from ._context import CONTEXT_KEYS, context_of

__all__ = ["ClearOpenAIContext", "GetOpenAIContext", "SetOpenAIContext"]


@register_cmdlet
class SetOpenAIContext(Cmdlet):
    """Overwrites only the values passed (per pipeline object, as the source's single block does)."""

    name = "Set-OpenAIContext"

    def process(self) -> None:
        changes = {key: self.params.get(key) for key in CONTEXT_KEYS if self.params.is_bound(key)}
        context_of(self.runspace).update(changes)


@register_cmdlet
class GetOpenAIContext(Cmdlet):
    name = "Get-OpenAIContext"

    def process(self) -> None:
        values = context_of(self.runspace).values
        self.write_output(PSObject({key: values[key] for key in CONTEXT_KEYS}))


@register_cmdlet
class ClearOpenAIContext(Cmdlet):
    name = "Clear-OpenAIContext"

    def process(self) -> None:
        context_of(self.runspace).clear()
