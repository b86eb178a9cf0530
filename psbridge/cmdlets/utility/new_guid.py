"""New-Guid: a new version-7 GUID (time-ordered, as .NET's Guid.CreateVersion7), the empty GUID
(-Empty), or the GUID a string spells (-InputObject, from the pipeline too)."""

from __future__ import annotations

import os
import time
import uuid

from ...conversion.typenames import GUID
from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import cmdlet_error

__all__ = ["NewGuid", "guid_version7"]


def guid_version7() -> uuid.UUID:
    """RFC 9562's version 7: 48 bits of Unix milliseconds, the version, 74 random bits, the variant."""
    milliseconds = time.time_ns() // 1_000_000 & (2**48 - 1)
    random = int.from_bytes(os.urandom(10), "big")
    value = milliseconds << 80 | 0x7 << 76 | (random >> 68 & 0xFFF) << 64 | 0b10 << 62 | random & (2**62 - 1)
    return uuid.UUID(int=value)


@register_cmdlet
class NewGuid(Cmdlet):
    name = "New-Guid"

    def process(self) -> None:
        if self.params.parameter_set_name != "InputObject":
            self.write_output(uuid.UUID(int=0) if self.params.Empty else guid_version7())
            return
        text = self.params.InputObject
        try:
            guid = GUID.parse("" if text is None else text)  # type: ignore[attr-defined]
        except ValueError as error:
            failure = cmdlet_error(
                str(error), "StringNotRecognizedAsGuid", ErrorCategory.InvalidArgument, "System.FormatException"
            )
            self.write_error(failure)
            guid = None
        self.write_output(guid)  # WriteObject(guid): $null after the error, as NewGuidCommand writes
