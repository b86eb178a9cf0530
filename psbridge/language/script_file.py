"""Reading a script file the way PowerShell reads it: a byte-order mark decides, else UTF-8.

PowerShell 7 reads ``.ps1``/``.psm1`` files as UTF-8 unless they start with a
byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE).  Bytes that are not
valid in the encoding become U+FFFD, as .NET's decoders make them, so a
stray Latin-1 byte never stops a script from parsing.
"""

from __future__ import annotations

import codecs
from pathlib import Path

__all__ = ["decode_script", "read_script_file"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_script(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    return data.decode("utf-8", errors="replace")


def read_script_file(path: str | Path) -> str:
    return decode_script(Path(path).read_bytes())
