"""System.IO.MemoryStream, StreamWriter and StreamReader: the streams scripts build text with
(Get-FileHash.md example 4 hashes a string through a MemoryStream and a StreamWriter).

A MemoryStream is a growable byte buffer with a position; it also answers Python's ``read(n)``,
so Get-FileHash -InputStream reads it like any stream.  A StreamWriter writes text as UTF-8
without a byte-order mark (.NET's default) to a stream or a file; a StreamReader reads UTF-8
text (a byte-order mark decides the encoding) from a stream or a file.  Paths are used as given
(a script resolves relative ones against the process's directory, as .NET does).
"""

from __future__ import annotations

import codecs
from typing import Any

from .member_args import as_int, as_text, invocation_failed

__all__ = ["MemoryStream", "StreamReader", "StreamWriter"]


class MemoryStream:
    """System.IO.MemoryStream."""

    __ps_type_name__ = "System.IO.MemoryStream"

    def __init__(self, data: Any = None, *_writable: Any) -> None:
        self._buffer = bytearray(bytes(int(b) for b in data) if isinstance(data, list | tuple | bytes) else b"")
        self._position = 0
        self._closed = False

    # .NET's members -------------------------------------------------------------------------
    @property
    def CanRead(self) -> bool:
        return not self._closed

    @property
    def CanSeek(self) -> bool:
        return not self._closed

    @property
    def CanWrite(self) -> bool:
        return not self._closed

    @property
    def Length(self) -> int:
        return len(self._buffer)

    @property
    def Position(self) -> int:
        return self._position

    @Position.setter
    def Position(self, value: Any) -> None:
        position = as_int(value)
        if position < 0:
            raise invocation_failed("Position", 1, "Non-negative number required. (Parameter 'value')")
        self._position = position

    def Write(self, buffer: Any, offset: Any = 0, count: Any = None) -> None:
        data = bytes(int(b) for b in buffer)
        start = as_int(offset)
        end = len(data) if count is None else start + as_int(count)
        self._write(data[start:end])

    def WriteByte(self, value: Any) -> None:
        self._write(bytes([as_int(value) & 0xFF]))

    def Read(self, buffer: Any, offset: Any, count: Any) -> int:
        """Fills ``buffer`` (a byte[]: the same list the script holds) from ``offset``; the count read."""
        chunk = self.read(as_int(count))
        start = as_int(offset)
        buffer[start : start + len(chunk)] = list(chunk)
        return len(chunk)

    def ReadByte(self) -> int:
        if self._position >= len(self._buffer):
            return -1
        self._position += 1
        return self._buffer[self._position - 1]

    def ToArray(self) -> list[int]:
        return list(self._buffer)

    def Seek(self, offset: Any, origin: Any = 0) -> int:
        base = {0: 0, 1: self._position, 2: len(self._buffer)}[as_int(getattr(origin, "value", origin))]
        self.Position = base + as_int(offset)
        return self._position

    def SetLength(self, value: Any) -> None:
        length = as_int(value)
        del self._buffer[length:]
        self._buffer.extend(b"\0" * (length - len(self._buffer)))
        self._position = min(self._position, length)

    def Flush(self) -> None:
        pass

    def Close(self) -> None:
        self._closed = True

    Dispose = Close

    # Python's stream protocol (Get-FileHash -InputStream) ----------------------------------
    def read(self, size: int = -1) -> bytes:
        end = len(self._buffer) if size is None or size < 0 else self._position + size
        chunk = bytes(self._buffer[self._position : end])
        self._position += len(chunk)
        return chunk

    def _write(self, data: bytes) -> None:
        end = self._position + len(data)
        if self._position > len(self._buffer):
            self._buffer.extend(b"\0" * (self._position - len(self._buffer)))
        self._buffer[self._position : end] = data
        self._position = end


class StreamWriter:
    """System.IO.StreamWriter over a MemoryStream or a file (UTF-8 without a BOM)."""

    __ps_type_name__ = "System.IO.StreamWriter"

    def __init__(self, target: Any, append: Any = False, *_encoding: Any) -> None:
        self._pending: list[str] = []
        self.AutoFlush = False
        self.NewLine = "\n"
        if isinstance(target, MemoryStream):
            self._stream: Any = target
            self._file: Any = None
        else:
            self._stream = None
            self._file = open(as_text(target), "ab" if append else "wb")  # noqa: SIM115 - closed by Close()

    @property
    def BaseStream(self) -> Any:
        return self._stream

    def Write(self, value: Any = None, *args: Any) -> None:
        from .scalars import to_string

        if args:
            from .formatting import composite_format

            self._pending.append(composite_format(as_text(value), list(args)))
        else:
            self._pending.append("" if value is None else to_string(value))
        if self.AutoFlush:
            self.Flush()

    def WriteLine(self, value: Any = None, *args: Any) -> None:
        self.Write(value, *args)
        self._pending.append(self.NewLine)
        if self.AutoFlush:
            self.Flush()

    def Flush(self) -> None:
        data = "".join(self._pending).encode("utf-8")
        self._pending.clear()
        if self._stream is not None:
            self._stream._write(data)
        elif self._file is not None:
            self._file.write(data)
            self._file.flush()

    def Close(self) -> None:
        self.Flush()
        if self._file is not None:
            self._file.close()
            self._file = None
        elif self._stream is not None:
            self._stream.Close()

    Dispose = Close


class StreamReader:
    """System.IO.StreamReader over a MemoryStream or a file."""

    __ps_type_name__ = "System.IO.StreamReader"

    def __init__(self, source: Any, *_options: Any) -> None:
        if isinstance(source, MemoryStream):
            data = source.read()
        else:
            with open(as_text(source), "rb") as handle:
                data = handle.read()
        marks = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
        for bom, name in marks:
            if data.startswith(bom):
                self._text = data[len(bom) :].decode(name, errors="replace")
                break
        else:
            self._text = data.decode("utf-8", errors="replace")
        self._position = 0

    @property
    def EndOfStream(self) -> bool:
        return self._position >= len(self._text)

    def ReadLine(self) -> str | None:
        if self.EndOfStream:
            return None
        end = self._text.find("\n", self._position)
        end = len(self._text) if end < 0 else end
        line = self._text[self._position : end]
        self._position = end + 1
        return line[:-1] if line.endswith("\r") else line

    def ReadToEnd(self) -> str:
        rest = self._text[self._position :]
        self._position = len(self._text)
        return rest

    def Peek(self) -> int:
        return -1 if self.EndOfStream else ord(self._text[self._position])

    def Read(self) -> int:
        if self.EndOfStream:
            return -1
        self._position += 1
        return ord(self._text[self._position - 1])

    def Close(self) -> None:
        self._position = len(self._text)

    Dispose = Close
