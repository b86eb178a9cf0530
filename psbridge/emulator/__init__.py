"""A local, offline, OpenAI-compatible Assistants v2 API server.

OpenAI switched the hosted Assistants API off in August 2026; this emulator is
the reference that psbridge's tests, ``psbridge demo`` and people porting
PSOpenAI scripts run against.  It uses only the standard library and nothing
else from psbridge, so it can be lifted out and run on its own::

    from psbridge.emulator import Emulator, Lifecycle, Fault

    with Emulator(lifecycle=Lifecycle(mode="manual")).start() as emu:
        print(emu.base_url)
"""

from __future__ import annotations

from .emulator import Emulator
from .faults import Fault, FaultSet
from .lifecycle import Lifecycle
from .recording import RecordedRequest
from .store import Store

__all__ = ["Emulator", "Fault", "FaultSet", "Lifecycle", "RecordedRequest", "Store"]
