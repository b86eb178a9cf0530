"""Microsoft.PowerShell.ThreadJob's cmdlet: Start-ThreadJob (its spec is its own, in
:mod:`.start_thread_job`: PowerShell's docs folder has no page for this module)."""

from __future__ import annotations

__all__ = ["COMMANDS"]

COMMANDS: dict[str, str] = {
    "Start-ThreadJob": "start_thread_job",
}
