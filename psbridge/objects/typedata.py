"""Extended type data: what PSOpenAI's ``PSOpenAI.Types.ps1xml`` declares.

PowerShell attaches a ``ToString()`` to each of PSOpenAI's object types that
returns the object's ``id``.  That is what lets a Thread object be passed where a
thread-id string is expected (``Get-ThreadRun -ThreadId $thread``), so the
binder's string conversion must know it.  The table is data about types, the way
PowerShell loads a module's types file once; it is not behaviour of a cmdlet.
"""

from __future__ import annotations

__all__ = ["TO_STRING_PROPERTY", "register_to_string_property"]

TO_STRING_PROPERTY: dict[str, str] = {
    "psopenai.assistant": "id",
    "psopenai.thread": "id",
    "psopenai.thread.message": "id",
    "psopenai.thread.run": "id",
    "psopenai.thread.run.step": "id",
    "psopenai.file": "id",
    "psopenai.vectorstore": "id",
    "psopenai.vectorstore.file": "id",
    "psopenai.vectorstore.filebatch": "id",
    "psopenai.batch": "id",
    "psopenai.container": "id",
    "psopenai.container.file": "id",
}


def register_to_string_property(type_name: str, property_name: str) -> None:
    """Declare that objects typed ``type_name`` stringify as their ``property_name``."""
    TO_STRING_PROPERTY[type_name.casefold()] = property_name
