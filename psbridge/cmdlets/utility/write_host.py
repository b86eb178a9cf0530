"""Write-Host: text for the host, also recorded on the information stream (tag PSHOST)."""

from __future__ import annotations

from typing import Any

from ...objects import is_ps_collection, to_ps_string
from ...runtime import InformationRecord, register_cmdlet
from ...runtime.cmdlet import Cmdlet

__all__ = ["WriteHost", "host_text", "write_host"]


def host_text(value: Any, separator: str) -> str:
    """WriteHostCommand.ProcessObject: a collection's items (nested ones too) joined by the separator."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if is_ps_collection(value):
        return separator.join(host_text(item, separator) for item in value)
    return to_ps_string(value)


@register_cmdlet
class WriteHost(Cmdlet):
    name = "Write-Host"

    def process(self) -> None:
        separator = self.params.Separator
        text = host_text(self.params.Object, " " if separator is None else to_ps_string(separator))
        write_host(
            self, text, no_newline=bool(self.params.NoNewline),
            foreground=self.params.ForegroundColor, background=self.params.BackgroundColor,
        )  # fmt: skip


def write_host(
    cmdlet: Cmdlet, text: str, *, no_newline: bool = False, foreground: Any = None, background: Any = None
) -> None:
    """What Write-Host does with its text, for ``cmdlet`` (Write-Host itself, or a command that
    writes to the host as PSOpenAI's script functions do with Write-Host): an information record
    tagged PSHOST from Write-Host, seen by ``cmdlet``'s -InformationVariable, and the text on the
    host when there is one."""
    if cmdlet.information_action == "Ignore":
        return
    message = HostInformationMessage(text, no_newline, foreground, background)
    record = InformationRecord(message, WriteHost.name, ("PSHOST",))
    cmdlet.collect_information(record)
    cmdlet.streams.add_information(record)
    host = cmdlet.runspace.host
    if host is not None:
        host.write(text if no_newline else text + "\n")


class HostInformationMessage:
    """What Write-Host puts on the information stream: the text, and how the host showed it."""

    def __init__(self, message: str, no_new_line: bool, foreground: Any, background: Any) -> None:
        self.Message = message
        self.NoNewLine = no_new_line
        self.ForegroundColor = foreground
        self.BackgroundColor = background

    def __str__(self) -> str:
        return self.Message

    def __repr__(self) -> str:
        return f"HostInformationMessage({self.Message!r})"
