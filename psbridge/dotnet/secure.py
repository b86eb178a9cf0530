"""A .NET SecureString that stays one until the API client needs the key.

psbridge's own :class:`~psbridge.objects.SecureString` holds a masked copy of
the text.  A key handed over from .NET is already protected by .NET, so this
subclass keeps the .NET object and decodes it only in :meth:`reveal`, which
the API client calls while it builds a request's headers.  The unmanaged
copy made for decoding is zeroed and freed at once.
"""

from __future__ import annotations

from typing import Any

from ..objects import SecureString

__all__ = ["DotNetSecureString", "to_dotnet_secure_string"]


class DotNetSecureString(SecureString):
    """psbridge's secret type over a ``System.Security.SecureString``."""

    __slots__ = ("_dotnet",)

    def __init__(self, dotnet_secure_string: Any) -> None:
        # The base initialiser would store a masked copy of the text; the whole
        # point here is not to have the text at all until reveal().
        self._dotnet = dotnet_secure_string

    @property
    def dotnet(self) -> Any:
        """The .NET object, e.g. to hand the secret back to .NET code unchanged."""
        return self._dotnet

    def reveal(self) -> str:
        """The plain text; call only where the secret is about to be sent."""
        from System.Runtime.InteropServices import Marshal

        secret = self._dotnet
        pointer = Marshal.SecureStringToGlobalAllocUnicode(secret)
        try:
            return str(Marshal.PtrToStringUni(pointer, secret.Length))
        finally:
            Marshal.ZeroFreeGlobalAllocUnicode(pointer)

    @property
    def Length(self) -> int:
        # .NET knows the length without decoding.
        return int(self._dotnet.Length)

    def _store(self, text: str) -> None:
        """A script's edit (AppendChar ...) lands in the .NET object itself."""
        secret = self._dotnet
        secret.Clear()
        for char in text:
            secret.AppendChar(char)

    def MakeReadOnly(self) -> None:
        self._dotnet.MakeReadOnly()

    def IsReadOnly(self) -> bool:
        return bool(self._dotnet.IsReadOnly())


def to_dotnet_secure_string(secret: SecureString) -> Any:
    """A read-only ``System.Security.SecureString`` with the same text (for values going back to .NET)."""
    if isinstance(secret, DotNetSecureString):
        return secret.dotnet
    from System.Security import SecureString as NetSecureString

    result = NetSecureString()
    text = secret.reveal()
    if all(ord(char) < 0x10000 for char in text):
        for char in text:
            result.AppendChar(char)
    else:  # .NET strings are UTF-16: a character beyond the BMP is two surrogate chars
        from System import Convert

        data = text.encode("utf-16-le")
        for index in range(0, len(data), 2):
            result.AppendChar(Convert.ToChar(int.from_bytes(data[index : index + 2], "little")))
    result.MakeReadOnly()
    return result
