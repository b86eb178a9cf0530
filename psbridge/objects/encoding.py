"""System.Text.Encoding as PowerShell 7 names and uses it.

``-Encoding`` parameters take a name (``utf8``, ``utf8BOM``, ``unicode`` ...), a code page
number (``1251``) or any name .NET knows (``windows-1251``, ``iso-8859-1``); PowerShell's
ArgumentToEncodingTransformation turns each into an Encoding.  A :class:`TextEncoding` is that
Encoding: a Python codec plus the preamble (byte-order mark) .NET writes at the start of a file.
PowerShell 7's default (``Encoding.Default``) is UTF-8 *without* a BOM.
"""

from __future__ import annotations

import codecs

from ..records import FrozenRecord, set_field

__all__ = ["DEFAULT_ENCODING", "ENCODING_NAMES", "TextEncoding", "UnknownEncodingError", "get_encoding"]


class UnknownEncodingError(ValueError):
    """.NET's ArgumentException for a name or code page with no encoding."""


class TextEncoding(FrozenRecord):
    """One .NET Encoding: ``web_name`` is its WebName, ``codec`` the Python codec, ``preamble``
    what ``GetPreamble()`` returns (the BOM written at the start of a file)."""

    _fields = _compared = ("web_name", "codec", "code_page", "preamble", "encoding_name")

    web_name: str
    codec: str
    code_page: int
    preamble: bytes
    encoding_name: str

    def __init__(
        self, web_name: str, codec: str, code_page: int, preamble: bytes = b"", encoding_name: str = ""
    ) -> None:
        set_field(self, "web_name", web_name)
        set_field(self, "codec", codec)
        set_field(self, "code_page", code_page)
        set_field(self, "preamble", preamble)
        set_field(self, "encoding_name", encoding_name)

    @property
    def WebName(self) -> str:  # PowerShell's property names, for scripts
        return self.web_name

    @property
    def CodePage(self) -> int:
        return self.code_page

    @property
    def EncodingName(self) -> str:
        return self.encoding_name or self.web_name

    def encode(self, text: str) -> bytes:
        """Bytes of ``text``; characters the encoding lacks become ``?`` as .NET's replacement fallback does."""
        return text.encode(self.codec, errors="replace")

    def decode(self, data: bytes) -> str:
        """Text of ``data``; undecodable bytes become U+FFFD as .NET's decoder fallback does."""
        return data.decode(self.codec, errors="replace")

    def __str__(self) -> str:
        """The .NET class name, as ``[string]`` of an Encoding gives it."""
        kinds = {"utf-8": "UTF8Encoding", "utf-16-le": "UnicodeEncoding", "utf-16-be": "UnicodeEncoding"}
        kinds.update({"utf-32-le": "UTF32Encoding", "utf-32-be": "UTF32Encoding", "ascii": "ASCIIEncoding"})
        kinds["utf-7"] = "UTF7Encoding"
        return "System.Text." + kinds.get(self.codec, "Encoding")


_UTF8_BOM = codecs.BOM_UTF8
#: UTF-8 without a BOM: PowerShell 7's Encoding.Default, ``utf8`` and ``utf8NoBOM``.
DEFAULT_ENCODING = TextEncoding("utf-8", "utf-8", 65001, b"", "Unicode (UTF-8)")
_UTF8_WITH_BOM = TextEncoding("utf-8", "utf-8", 65001, _UTF8_BOM, "Unicode (UTF-8)")
_UNICODE = TextEncoding("utf-16", "utf-16-le", 1200, codecs.BOM_UTF16_LE, "Unicode")
_BIG_ENDIAN_UNICODE = TextEncoding("utf-16BE", "utf-16-be", 1201, codecs.BOM_UTF16_BE, "Unicode (Big-Endian)")
_UTF32 = TextEncoding("utf-32", "utf-32-le", 12000, codecs.BOM_UTF32_LE, "Unicode (UTF-32)")
_BIG_ENDIAN_UTF32 = TextEncoding("utf-32BE", "utf-32-be", 12001, codecs.BOM_UTF32_BE, "Unicode (UTF-32 Big-Endian)")
_ASCII = TextEncoding("us-ascii", "ascii", 20127, b"", "US-ASCII")
_UTF7 = TextEncoding("utf-7", "utf-7", 65000, b"", "Unicode (UTF-7)")
#: CultureInfo.CurrentCulture.TextInfo.ANSICodePage for en-US and the invariant culture.
_ANSI = TextEncoding("windows-1252", "cp1252", 1252, b"", "Western European (Windows)")

#: EncodingConversion.encodingMap (UNIX): ``oem`` is Encoding.Default there.
ENCODING_NAMES: dict[str, TextEncoding] = {
    "ansi": _ANSI,
    "ascii": _ASCII,
    "bigendianunicode": _BIG_ENDIAN_UNICODE,
    "bigendianutf32": _BIG_ENDIAN_UTF32,
    "default": DEFAULT_ENCODING,
    "oem": DEFAULT_ENCODING,
    "string": _UNICODE,
    "unicode": _UNICODE,
    "unknown": _UNICODE,
    "utf7": _UTF7,
    "utf8": DEFAULT_ENCODING,
    "utf8bom": _UTF8_WITH_BOM,
    "utf8nobom": DEFAULT_ENCODING,
    "utf32": _UTF32,
}

#: .NET names (Encoding.GetEncoding) that map to one of the encodings above with their preamble.
_DOTNET_NAMES: dict[str, TextEncoding] = {
    "utf-8": _UTF8_WITH_BOM,
    "utf-16": _UNICODE,
    "utf-16le": _UNICODE,
    "unicodefffe": _BIG_ENDIAN_UNICODE,
    "utf-16be": _BIG_ENDIAN_UNICODE,
    "utf-32": _UTF32,
    "utf-32le": _UTF32,
    "utf-32be": _BIG_ENDIAN_UTF32,
    "us-ascii": _ASCII,
    "utf-7": _UTF7,
}
_CODE_PAGES: dict[int, TextEncoding] = {e.code_page: e for e in _DOTNET_NAMES.values()}
_CODE_PAGES[65001] = _UTF8_WITH_BOM


def get_encoding(name_or_code_page: str | int) -> TextEncoding:
    """PowerShell's ArgumentToEncodingTransformation: a PowerShell name, a .NET name or a code page."""
    if isinstance(name_or_code_page, int) and not isinstance(name_or_code_page, bool):
        return _by_code_page(name_or_code_page)
    text = str(name_or_code_page)
    found = ENCODING_NAMES.get(text.casefold())
    if found is not None:
        return found
    dotnet = _DOTNET_NAMES.get(text.casefold())
    if dotnet is not None:
        return dotnet
    try:
        info = codecs.lookup(text)
    except LookupError:
        raise UnknownEncodingError(
            f"'{text}' is not a supported encoding name. For information on defining a custom encoding, "
            "see the documentation for the Encoding.RegisterProvider method. (Parameter 'name')"
        ) from None
    code_page = _code_page_of(info.name)
    return TextEncoding(text.lower(), info.name, code_page, b"", text)


def _by_code_page(code_page: int) -> TextEncoding:
    found = _CODE_PAGES.get(code_page)
    if found is not None:
        return found
    for name in (f"cp{code_page}", f"windows-{code_page}"):
        try:
            info = codecs.lookup(name)
        except LookupError:
            continue
        web = f"windows-{code_page}" if 1250 <= code_page <= 1258 else f"ibm{code_page:03d}"
        if code_page == 28591:
            web = "iso-8859-1"
        return TextEncoding(web, info.name, code_page, b"", web)
    if code_page == 28591:
        return TextEncoding("iso-8859-1", "latin-1", 28591, b"", "Western European (ISO)")
    raise UnknownEncodingError(
        f"No data is available for encoding {code_page}. For information on defining a custom encoding, "
        "see the documentation for the Encoding.RegisterProvider method. (Parameter 'codepage')"
    )


def _code_page_of(codec: str) -> int:
    if codec.startswith("cp") and codec[2:].isdigit():
        return int(codec[2:])
    return {"latin-1": 28591, "iso8859-1": 28591, "iso8859-15": 28605, "koi8-r": 20866, "shift_jis": 932}.get(codec, 0)


def detect_bom(data: bytes) -> TextEncoding | None:
    """The encoding a byte-order mark at the start of ``data`` announces (PowerShell reads files so)."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, _UTF32),
        (codecs.BOM_UTF32_BE, _BIG_ENDIAN_UTF32),
        (codecs.BOM_UTF8, _UTF8_WITH_BOM),
        (codecs.BOM_UTF16_LE, _UNICODE),
        (codecs.BOM_UTF16_BE, _BIG_ENDIAN_UNICODE),
    ):
        if data.startswith(bom):
            return encoding
    return None
