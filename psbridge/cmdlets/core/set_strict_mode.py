"""Set-StrictMode: the coding rules the evaluator enforces, set on the caller's scope.

SetStrictModeCommand writes ``CurrentScope.StrictModeVersion``; a cmdlet runs in its caller's
scope, so the version holds for the script block or function that called it and the scopes it
makes, and ends with it.  The evaluator reads ``Scope.strict_version``: 1 uninitialised
variables, 2 also non-existent properties and ``f(1,2)``, 3 (3.0 and later, ``Latest``) also
out-of-bounds indexes.
"""

from __future__ import annotations

from typing import Any

from ...binding.errors import validation_error
from ...objects.version import PS_VERSION
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet

__all__ = ["SetStrictMode", "is_valid_ps_version", "strict_level"]

#: The running PowerShell's minor version bounds 7.x (PSVersionInfo.IsValidPSVersion).
_CURRENT_MINOR = int(PS_VERSION.split(".")[1])


def is_valid_ps_version(major: int, minor: int) -> bool:
    """PSVersionInfo.IsValidPSVersion: 1.0-4.0, 5.0/5.1, 6.0-6.2, 7.0 up to the running 7.x."""
    if 1 <= major <= 4:
        return minor == 0
    if major == 5:
        return minor in (0, 1)
    if major == 6:
        return 0 <= minor <= 2
    return major == 7 and 0 <= minor <= _CURRENT_MINOR


def strict_level(major: int) -> int:
    """The rules a version enforces: versions past 3.0 add none."""
    return min(major, 3)


@register_cmdlet
class SetStrictMode(Cmdlet):
    name = "Set-StrictMode"

    def end(self) -> None:
        p = self.params
        scope = self.runspace.current_scope
        if p.Off:
            scope.strict_mode = 0
            return
        version: Any = p.Version
        major, minor = int(getattr(version, "Major", -1)), int(getattr(version, "Minor", -1))
        if not is_valid_ps_version(major, minor):
            error = validation_error(
                str(self.command.qualifier), "Version",
                f'The "{version}" argument does not contain a valid PowerShell version. Supply a valid version '
                "number and then try the command again.",
            )  # fmt: skip
            self.throw_terminating_error(error)
        scope.strict_mode = strict_level(major)
