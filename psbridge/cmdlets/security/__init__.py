"""Microsoft.PowerShell.Security's cmdlets (specs in cmdlet_specs/overlays/Microsoft.PowerShell.Security/:
the module's docs are not among the shared references, so each spec is declared from its class).

``COMMANDS`` maps each cmdlet to the module implementing it; the runtime imports a module the
first time one of its cmdlets is called.
"""

from __future__ import annotations

__all__ = ["COMMANDS"]

COMMANDS: dict[str, str] = {
    "ConvertFrom-SecureString": "secure_string",
    "ConvertTo-SecureString": "secure_string",
}
