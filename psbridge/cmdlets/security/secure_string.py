"""ConvertTo-SecureString and ConvertFrom-SecureString, in the formats pwsh uses on Linux.

Without a key pwsh has no DPAPI on Unix (SecureStringHelper.Protect): the "encrypted" text is
the secret's UTF-16LE bytes as lowercase hex, and ConvertTo-SecureString reads that back.  With
-Key (16, 24 or 32 bytes) or -SecureKey (8, 12 or 16 characters: their UTF-16LE bytes) the text
is AES-CBC encrypted under a random IV and exported as pwsh's version-2 package: the header
``76492d1116743f0423413b16050a5345`` then Base64 of the UTF-16LE text ``2|<IV as Base64>|<cipher
as hex>``.  Either side reads what pwsh writes and pwsh reads what these write.
"""

from __future__ import annotations

import base64
import binascii
import os

from ...errors import ErrorCategory, PSError
from ...objects import SecureString
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError, argument_error
from .aes import BLOCK_SIZE, CryptographicError, decrypt_cbc, encrypt_cbc

__all__ = ["EXPORT_HEADER", "ConvertFromSecureString", "ConvertToSecureString"]

#: SecureStringHelper.SecureStringExportHeader: marks a version-2 (keyed) export.
EXPORT_HEADER = "76492d1116743f0423413b16050a5345"


class _ArgumentError(ValueError):
    """.NET's ArgumentException (PSTraceSource.NewArgumentException): the error id is ``Argument``."""


def _invalid_argument_text(name: str) -> str:
    return (
        f'Cannot process argument because the value of argument "{name}" is not valid. Change the value of the '
        f'"{name}" argument and run the operation again.'
    )


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le", "surrogatepass")


def _check_key(key: bytes) -> None:
    """Utils.CheckKeyArg: AES takes 128, 192 or 256 bits."""
    if len(key) not in (16, 24, 32):
        raise _ArgumentError(
            "The specified key is not valid. Valid key length settings are either 128 bits, 192 bits, or 256 bits."
        )


def _from_utf16(data: bytes) -> SecureString:
    """SecureStringHelper.New: two bytes per character; an odd count means the key was wrong."""
    if len(data) % 2:
        raise _ArgumentError("Could not decrypt data. The data was not encrypted with this key.")
    return SecureString(data.decode("utf-16-le", "surrogatepass"))


class _HexFormatError(ValueError):
    """byte.Parse's FormatException on text that is not hexadecimal."""


def _bytes_from_hex(text: str) -> bytes:
    """SecureStringHelper.ByteArrayFromString: two hex digits a byte (an odd last digit ignored)."""
    data = bytearray()
    for index in range(0, len(text) - 1, 2):
        pair = text[index : index + 2]
        if not all(char in "0123456789abcdefABCDEF" for char in pair):
            raise _HexFormatError(f"The input string '{pair}' was not in a correct format.")
        data.append(int(pair, 16))
    return bytes(data)


def _key_bytes(cmdlet: Cmdlet) -> bytes | None:
    """-Key's bytes, or -SecureKey's characters as UTF-16LE, or None for neither."""
    secure_key = cmdlet.params.get("SecureKey", None)
    if secure_key is not None:
        return _utf16(secure_key.reveal())
    key = cmdlet.params.get("Key", None)
    if key is None:
        return None
    return bytes(int(value) & 0xFF for value in key)


@register_cmdlet
class ConvertFromSecureString(Cmdlet):
    name = "ConvertFrom-SecureString"

    def process(self) -> None:
        secret: SecureString = self.params.SecureString
        text = secret.reveal()
        if not text:
            self.throw_terminating_error(argument_error(_invalid_argument_text("SecureString")))
        key = _key_bytes(self)
        if key is not None:
            try:
                _check_key(key)
            except _ArgumentError as error:
                self.throw_terminating_error(argument_error(str(error)))
            iv = os.urandom(BLOCK_SIZE)
            cipher = encrypt_cbc(_utf16(text), key, iv)
            package = f"2|{base64.b64encode(iv).decode('ascii')}|{cipher.hex()}"
            self.write_output(EXPORT_HEADER + base64.b64encode(_utf16(package)).decode("ascii"))
        elif self.params.AsPlainText:
            self.write_output(text)
        else:  # SecureStringHelper.Protect on Unix: the bytes as they are
            self.write_output(_utf16(text).hex())


@register_cmdlet
class ConvertToSecureString(Cmdlet):
    name = "ConvertTo-SecureString"

    def process(self) -> None:
        text = str(self.params.String)
        if self.params.AsPlainText and self.params.parameter_set_name == "PlainText":
            self.write_output(SecureString(text))
            return
        try:
            result = self._import(text)
        except _HexFormatError as error:  # not caught by the cmdlet: the statement fails
            self.throw_terminating_error(
                CmdletError(
                    str(error),
                    error_id="System.FormatException",
                    category=ErrorCategory.NotSpecified,
                    exception_type="System.FormatException",
                )
            )
        except _ArgumentError as error:
            self.write_error(self._invalid(str(error), "ImportSecureString_InvalidArgument", "PSArgumentException"))
        except CryptographicError as error:
            self.write_error(
                self._invalid(
                    str(error),
                    "ImportSecureString_InvalidArgument_CryptographicError",
                    "Security.Cryptography.CryptographicException",
                )
            )
        else:
            self.write_output(result)

    @staticmethod
    def _invalid(message: str, error_id: str, exception: str) -> PSError:
        """SecurityUtils.CreateInvalidArgumentErrorRecord: InvalidArgument, no target."""
        namespace = "System.Management.Automation." if exception.startswith("PS") else "System."
        return CmdletError(
            message, error_id=error_id, category=ErrorCategory.InvalidArgument, exception_type=namespace + exception
        )

    def _import(self, text: str) -> SecureString:
        content, iv = text, None
        if text[: len(EXPORT_HEADER)].casefold() == EXPORT_HEADER:
            content, iv = _unpack(text[len(EXPORT_HEADER) :], text)
        key = _key_bytes(self)
        if key is None:
            return _unprotect(text)
        if not content:
            raise _ArgumentError(_invalid_argument_text("input"))
        _check_key(key)
        return _from_utf16(decrypt_cbc(_bytes_from_hex(content), key, iv if iv is not None else os.urandom(BLOCK_SIZE)))


def _unpack(encoded: str, text: str) -> tuple[str, bytes | None]:
    """A version-2 package's cipher text and IV; text that does not decode is taken whole, IV-less."""
    try:
        package = base64.b64decode(encoded, validate=True).decode("utf-16-le", "replace")
        parts = package.split("|")
        if len(parts) == 3:
            return parts[2], base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        pass
    return text, None


def _unprotect(text: str) -> SecureString:
    """SecureStringHelper.Unprotect on Unix: the hex digits are the UTF-16LE bytes."""
    if len(text) % 2:
        raise _ArgumentError(f'The parameter value "{text}" is not a valid encrypted string.')
    return _from_utf16(_bytes_from_hex(text))
