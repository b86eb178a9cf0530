"""The .NET enums scripts and cmdlets use, as Python enums (``str()`` is the member name, as in .NET).

Public: :class:`ActionPreference`, :class:`StringSplitOptions`, :class:`SplitOptions`,
:class:`MidpointRounding`, :class:`StringComparison`, :class:`DayOfWeek`,
:class:`DateTimeKind`, :class:`UriKind`, :class:`ConsoleColor`, and :data:`ENUMS`
(full .NET name -> (enum, is_flags)).  Only ActionPreference is made when the module loads:
the binder needs it for every cmdlet's common parameters, the others (:mod:`.netenums`) wait
until something names them.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - made on first use (see __getattr__)
    ENUMS: dict[str, tuple[type[enum.Enum], bool]]

# The other enums are reached here too (``enums.DayOfWeek``), made on first use: see __getattr__.
__all__ = ["ENUMS", "ENUM_CLASSES", "ActionPreference"]


class _NetEnum(enum.Enum):
    """An enum whose text is its .NET name (``None_`` stands for .NET's ``None``)."""

    def __str__(self) -> str:
        return self.name.rstrip("_")


class _NetFlags(enum.IntFlag):
    """A [Flags] enum: combined values print as ``A, B`` as .NET does."""

    def __str__(self) -> str:
        if self.name is not None and "|" not in self.name:
            return self.name.rstrip("_")
        return ", ".join((member.name or "").rstrip("_") for member in type(self) if member.value and member in self)

    __format__ = enum.Enum.__format__


class ActionPreference(_NetEnum):
    __ps_type_name__ = "System.Management.Automation.ActionPreference"

    SilentlyContinue = 0
    Stop = 1
    Continue = 2
    Inquire = 3
    Ignore = 4
    Suspend = 5
    Break = 6


#: Full .NET name -> (the class's name here, is [Flags]).  Only ActionPreference is made when this
#: module loads (every cmdlet's common parameters are ActionPreferences); the others live in
#: :mod:`.netenums` and are made when a name first asks for one.
ENUM_CLASSES: dict[str, tuple[str, bool]] = {
    "System.Management.Automation.ActionPreference": ("ActionPreference", False),
    "System.StringSplitOptions": ("StringSplitOptions", True),
    "System.Management.Automation.SplitOptions": ("SplitOptions", True),
    "System.MidpointRounding": ("MidpointRounding", False),
    "System.StringComparison": ("StringComparison", False),
    "System.DayOfWeek": ("DayOfWeek", False),
    "System.DateTimeKind": ("DateTimeKind", False),
    "System.UriKind": ("UriKind", False),
    "System.ConsoleColor": ("ConsoleColor", False),
    "System.Text.RegularExpressions.RegexOptions": ("RegexOptions", True),
    "System.Management.Automation.ErrorCategory": ("ErrorCategory", False),
    "System.Management.Automation.CommandTypes": ("CommandTypes", True),
    "System.Security.AccessControl.AceFlags": ("AceFlags", True),
    "System.Management.Automation.ConfirmImpact": ("ConfirmImpact", False),
    "System.Management.Automation.ShouldProcessReason": ("ShouldProcessReason", True),
}


def __getattr__(name: str) -> Any:
    """The other enums (and :data:`ENUMS`, full name -> (enum, is_flags)) on first use."""
    if name == "ENUMS":
        value: Any = {full: (globals()[cls] if cls == "ActionPreference" else __getattr__(cls), flags)
                      for full, (cls, flags) in ENUM_CLASSES.items()}  # fmt: skip
    elif any(cls == name for cls, _ in ENUM_CLASSES.values()):
        from . import netenums

        value = getattr(netenums, name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
