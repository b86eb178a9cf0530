"""Write-Error: a non-terminating error record of the caller's making.

The record is the caller's error, not Write-Error's: its id is not qualified with
Write-Error (``Microsoft.PowerShell.Commands.WriteErrorException`` at the top level of a
script), while CategoryInfo names Write-Error as the activity.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorRecord, PSError
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet

__all__ = ["WriteError", "WriteErrorException"]


class WriteErrorException(PSError):
    dotnet_exception_type = "Microsoft.PowerShell.Commands.WriteErrorException"
    default_error_id = "Microsoft.PowerShell.Commands.WriteErrorException"


def _exception_type_name(exception: BaseException) -> str:
    dotnet = getattr(exception, "dotnet_exception_type", None)
    if isinstance(dotnet, str):
        return dotnet
    names: dict[type[BaseException], str] = {
        ValueError: "System.ArgumentException",
        KeyError: "System.Collections.Generic.KeyNotFoundException",
    }
    return names.get(type(exception), "System.Exception")


@register_cmdlet
class WriteError(Cmdlet):
    name = "Write-Error"

    def process(self) -> None:
        params = self.params
        if params.parameter_set_name == "ErrorRecord":
            given: Any = params.ErrorRecord
            record = given if isinstance(given, ErrorRecord) else getattr(given, "error_record", None)
            if record is None:
                record = WriteErrorException(to_ps_string(given)).error_record
        else:
            record = self._new_record()
        if params.is_bound("RecommendedAction"):
            record.extra["RecommendedAction"] = params.RecommendedAction
        for name in ("CategoryActivity", "CategoryReason", "CategoryTargetName", "CategoryTargetType"):
            if params.is_bound(name):
                record.extra[name] = params.get(name)
        if record.command_name is None:
            record.activity = to_ps_string(params.CategoryActivity) if params.CategoryActivity else self.name
        self.write_error(record)

    def _new_record(self) -> ErrorRecord:
        params = self.params
        message = params.Message
        category = params.Category or "NotSpecified"
        if params.parameter_set_name == "WithException":
            exception = params.Exception
            if not isinstance(exception, BaseException):
                exception = WriteErrorException(to_ps_string(exception))
            error_id = params.ErrorId or _exception_type_name(exception)
            record = ErrorRecord(
                exception,
                error_id,
                category,
                params.TargetObject,
                exception_type_name=_exception_type_name(exception).rsplit(".", 1)[-1],
                error_details=None if message is None else to_ps_string(message),
            )
            return record
        exception = WriteErrorException(to_ps_string(message))
        record = exception.error_record
        record.category = category
        record.target_object = params.TargetObject
        if params.ErrorId:
            record.error_id = params.ErrorId
        return record
