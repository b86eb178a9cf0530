"""Write-Verbose, Write-Debug, Write-Warning, Write-Information and Write-Progress: one stream each,
governed by the matching preference variable or common parameter."""

from __future__ import annotations

from ...objects import to_ps_string
from ...runtime import InformationRecord, ProgressRecord, register_cmdlet
from ...runtime.cmdlet import Cmdlet

__all__ = ["WriteDebug", "WriteInformation", "WriteProgress", "WriteVerbose", "WriteWarning"]


@register_cmdlet
class WriteVerbose(Cmdlet):
    name = "Write-Verbose"

    def process(self) -> None:
        self.write_verbose(to_ps_string(self.params.Message))


@register_cmdlet
class WriteDebug(Cmdlet):
    name = "Write-Debug"

    def process(self) -> None:
        self.write_debug(to_ps_string(self.params.Message))


@register_cmdlet
class WriteWarning(Cmdlet):
    name = "Write-Warning"

    def process(self) -> None:
        self.write_warning(to_ps_string(self.params.Message))


@register_cmdlet
class WriteInformation(Cmdlet):
    name = "Write-Information"

    def process(self) -> None:
        tags = tuple(to_ps_string(tag) for tag in (self.params.Tags or ()))
        record = InformationRecord(self.params.MessageData, self.name, tags)
        # The stream records it unless Ignore (a hosted PowerShell's Streams.Information has it);
        # the preference only decides whether a host shows it.
        if self.information_action != "Ignore":
            self.collect_information(record)
            self.streams.add_information(record)
        host = self.runspace.host
        if self.information_action in ("Continue", "Inquire") and host is not None:
            # shown by the console as it is written (about_Return: -InformationAction Continue)
            host.write(to_ps_string(self.params.MessageData) + "\n")


@register_cmdlet
class WriteProgress(Cmdlet):
    name = "Write-Progress"

    def process(self) -> None:
        params = self.params
        if self.progress_action in ("SilentlyContinue", "Ignore"):
            return
        status = params.Status
        operation = params.CurrentOperation
        record = ProgressRecord(
            to_ps_string(params.Activity),
            "Processing" if status is None else to_ps_string(status),
            int(params.PercentComplete if params.is_bound("PercentComplete") else -1),
            int(params.Id or 0),
            bool(params.Completed),
            self.name,
            current_operation=None if operation is None else to_ps_string(operation),
            seconds_remaining=int(params.SecondsRemaining if params.is_bound("SecondsRemaining") else -1),
            parent_activity_id=int(params.ParentId if params.is_bound("ParentId") else -1),
            source_id=int(params.SourceId or 0),
        )
        self.streams.add_progress(record)
