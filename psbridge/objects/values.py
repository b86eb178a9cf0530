"""Small value types that PowerShell has and Python lacks.

Each one exists so that a bound value keeps the meaning PowerShell gives it:
a switch that was passed as ``-Wait:$false`` is *bound* yet false, a secret
must never print, and a URI keeps the caller's spelling.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from ..errors import PSError

__all__ = ["OpaqueObject", "SecureString", "SwitchParameter", "Uri", "UriFormatError", "number_literal"]


class SwitchParameter:
    """The value of a ``[switch]`` parameter.

    Compares equal to the matching ``bool`` so that Python callers can write
    ``bound["Wait"] == True`` or ``if bound["Wait"]:`` while the binder can still
    tell a switch apart from a Boolean (PowerShell converts them differently).
    """

    __slots__ = ("is_present",)

    def __init__(self, is_present: bool = True) -> None:
        self.is_present = bool(is_present)

    def __bool__(self) -> bool:
        return self.is_present

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SwitchParameter):
            return self.is_present == other.is_present
        if isinstance(other, bool):
            return self.is_present == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.is_present)

    def __repr__(self) -> str:
        return "SwitchParameter(True)" if self.is_present else "SwitchParameter(False)"

    def __str__(self) -> str:
        return "True" if self.is_present else "False"


def _xor(data: bytes, pad: bytes) -> bytes:
    """``data`` XOR ``pad`` (of the same length), byte for byte."""
    size = len(data)
    return (int.from_bytes(data, "little") ^ int.from_bytes(pad, "little")).to_bytes(size, "little")


class SecureString:
    """A secret (an API key) that never shows in ``str``, ``repr``, logs or errors.

    The text is kept XOR-masked with a per-instance random pad, so that it does not
    sit in memory (or in ``vars()``/debugger views) as the plain key.  Only the API
    client calls :meth:`reveal`, at the moment a request is built.
    """

    __slots__ = ("_masked", "_pad", "_read_only")

    def __init__(self, text: str = "") -> None:
        self._read_only = False
        self._store(text)

    def _store(self, text: str) -> None:
        data = text.encode("utf-8", "surrogatepass")  # a .NET string may hold a lone surrogate
        pad = os.urandom(len(data))
        self._pad = pad
        self._masked = _xor(data, pad)

    def reveal(self) -> str:
        """The plain text; call only where the secret is about to be sent (every request: the
        pad comes off as one integer XOR, not byte by byte)."""
        return _xor(self._masked, self._pad).decode("utf-8", "surrogatepass")

    @property
    def Length(self) -> int:
        return len(self.reveal())

    # -- System.Security.SecureString's methods, for scripts that build one ([securestring]::new()) --
    def _change(self, method: str, argument_count: int, edit: Any) -> None:
        if self.IsReadOnly():
            raise SecureStringError(method, argument_count, "Instance is read-only.", "InvalidOperationException")
        self._store(edit(self.reveal()))

    def _index(self, method: str, argument_count: int, index: Any, limit: int) -> int:
        position = int(index)
        if not 0 <= position < limit:
            raise SecureStringError(
                method,
                argument_count,
                "Index was out of range. Must be non-negative and less than the size of the collection. "
                "(Parameter 'index')",
                "ArgumentOutOfRangeException",
            )
        return position

    def AppendChar(self, char: Any) -> None:
        added = _char("AppendChar", 1, char)
        self._change("AppendChar", 1, lambda text: text + added)

    def InsertAt(self, index: Any, char: Any) -> None:
        position = self._index("InsertAt", 2, index, self.Length + 1)
        added = _char("InsertAt", 2, char)
        self._change("InsertAt", 2, lambda text: text[:position] + added + text[position:])

    def RemoveAt(self, index: Any) -> None:
        position = self._index("RemoveAt", 1, index, self.Length)
        self._change("RemoveAt", 1, lambda text: text[:position] + text[position + 1 :])

    def SetAt(self, index: Any, char: Any) -> None:
        position = self._index("SetAt", 2, index, self.Length)
        added = _char("SetAt", 2, char)
        self._change("SetAt", 2, lambda text: text[:position] + added + text[position + 1 :])

    def Clear(self) -> None:
        self._change("Clear", 0, lambda _text: "")

    def Copy(self) -> SecureString:
        """A writable copy (.NET's Copy is never read-only)."""
        return SecureString(self.reveal())

    def MakeReadOnly(self) -> None:
        self._read_only = True

    def IsReadOnly(self) -> bool:
        return self._read_only

    def Dispose(self) -> None:
        self._store("")

    def __len__(self) -> int:
        return self.Length

    def __repr__(self) -> str:
        return "System.Security.SecureString"

    __str__ = __repr__

    def __reduce__(self) -> Any:
        raise TypeError("a SecureString cannot be pickled")

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)


class SecureStringError(PSError):
    """A SecureString method's .NET exception, as a script sees it: MethodInvocationException's
    ``Exception calling "M" with "n" argument(s): "..."``, its error id the inner exception's type."""

    dotnet_exception_type = "System.Management.Automation.MethodInvocationException"

    def __init__(self, method: str, argument_count: int, message: str, inner_type: str) -> None:
        super().__init__(
            f'Exception calling "{method}" with "{argument_count}" argument(s): "{message}"',
            error_id=inner_type,
            category="NotSpecified",
        )


def _char(method: str, argument_count: int, value: Any) -> str:
    """A [char] argument: one character, or a number's code point."""
    if isinstance(value, int) and not isinstance(value, bool):
        return chr(value)
    text = str(value)
    if len(text) != 1:
        raise SecureStringError(
            method,
            argument_count,
            f'Cannot convert value "{text}" to type "System.Char". Error: "String must be exactly one character '
            'long."',
            "PSInvalidCastException",
        )
    return text


class UriFormatError(ValueError):
    """Raised for text that .NET's Uri parser would reject (``UriKind.RelativeOrAbsolute``)."""


class Uri:
    """A ``System.Uri`` made from text with ``UriKind.RelativeOrAbsolute``.

    Absolute URIs must have a scheme and, for hierarchical schemes, a host;
    anything else is accepted as a relative reference, as .NET does.
    """

    __slots__ = ("is_absolute", "original_string")

    _HIERARCHICAL = frozenset({"http", "https", "ftp", "ws", "wss", "net.tcp", "net.pipe"})

    def __init__(self, text: str) -> None:
        if not isinstance(text, str):
            raise UriFormatError("Invalid URI: The URI is empty.")
        self.original_string = text
        stripped = text.strip()
        scheme, sep, _rest = stripped.partition(":")
        looks_absolute = (
            bool(sep)
            and scheme.isascii()
            and scheme[:1].isalpha()
            and all(ch.isalnum() or ch in "+-." for ch in scheme)
        )
        # A drive letter such as C:\x is an absolute file path in .NET; treat it as absolute too.
        if looks_absolute and len(scheme) > 1:
            try:
                parts = urlsplit(stripped)
                port = parts.port
            except ValueError as error:  # an unclosed [IPv6 literal, a port out of range or not a number
                reason = "The hostname could not be parsed." if "IPv6" in str(error) else "Invalid port specified."
                raise UriFormatError(f"Invalid URI: {reason}") from None
            if scheme.lower() in self._HIERARCHICAL and not parts.hostname:
                raise UriFormatError("Invalid URI: The hostname could not be parsed.")
            if port is None and ":" in (parts.netloc.rsplit("@", 1)[-1]):
                port_text = parts.netloc.rsplit(":", 1)[-1]
                if port_text and not port_text.isdigit():
                    raise UriFormatError("Invalid URI: Invalid port specified.")
            self.is_absolute = True
        else:
            self.is_absolute = len(scheme) == 1 and bool(sep)
        if any(ch in stripped for ch in "\x00"):
            raise UriFormatError("Invalid URI: The format of the URI could not be determined.")

    @property
    def scheme(self) -> str:
        return urlsplit(self.original_string.strip()).scheme.lower() if self.is_absolute else ""

    def __str__(self) -> str:
        return self.original_string

    def __repr__(self) -> str:
        return f"Uri({self.original_string!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Uri):
            return self.original_string == other.original_string
        if isinstance(other, str):
            return self.original_string == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.original_string)


class _IntLiteral(int):
    ps_text: str


class _FloatLiteral(float):
    ps_text: str


def number_literal(value: Any, text: str) -> Any:
    """A number typed on a command line, remembering how it was written.

    PowerShell keeps a numeric argument's text (``-Name 007`` binds "007" to a
    string parameter, ``-Count 007`` binds 7 to an int one), so the number
    carries its text for the string conversion; everywhere else it is a plain
    int or float.
    """
    literal: Any
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    literal = _IntLiteral(value) if isinstance(value, int) else _FloatLiteral(value)
    literal.ps_text = text
    return literal


class OpaqueObject:
    """A .NET object psbridge models by its type alone (``$Host.UI``, Hashtable.SyncRoot's
    ``new object()``): it has no properties to show, so pwsh's formatter prints its ToString(),
    which for such types is the type's full name."""

    __slots__ = ("type_name",)

    def __init__(self, type_name: str) -> None:
        self.type_name = type_name

    def __ps_type_name__(self) -> str:
        return self.type_name

    def __str__(self) -> str:
        return self.type_name

    def __repr__(self) -> str:
        return f"<{self.type_name}>"

