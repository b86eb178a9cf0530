"""PSOpenAI's Assistants-family cmdlets, each a short module bound through its spec.

Importing this package registers every cmdlet with the runtime (the runtime
imports it on the first command name it does not know).
"""

from __future__ import annotations

import importlib

__all__ = ["CMDLET_MODULES"]

CMDLET_MODULES = (
    "get_thread_run",
    "start_thread_run",
    "stop_thread_run",
    "get_thread_run_step",
    "wait_thread_run",
    "receive_thread_run",
    "get_thread",
    "remove_thread",
    "new_thread",
    "set_thread",
    "add_thread_message",
    "get_thread_message",
    "remove_thread_message",
    "new_assistant",
    "get_assistant",
    "set_assistant",
    "remove_assistant",
)

for _module in CMDLET_MODULES:
    importlib.import_module(f"{__name__}.{_module}")
