"""Microsoft.PowerShell.Management's cmdlets (specs in cmdlet_specs/Microsoft.PowerShell.Management/).

``COMMANDS`` maps each cmdlet to the module implementing it; the runtime imports a module the
first time one of its cmdlets is called.
"""

from __future__ import annotations

__all__ = ["COMMANDS"]

COMMANDS: dict[str, str] = {}
