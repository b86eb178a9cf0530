"""Out-Null: input goes nowhere."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet

__all__ = ["OutNull"]


@register_cmdlet
class OutNull(Cmdlet):
    name = "Out-Null"
