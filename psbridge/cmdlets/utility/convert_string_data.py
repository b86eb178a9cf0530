"""ConvertFrom-StringData: ``name = value`` lines (a here-string, a .psd1 data section) as a hashtable.

ConvertFromStringDataCommand splits the text on ``\\n``, trims each line, skips empty lines and
``#`` comments, and splits each line at the first -Delimiter (``=`` by default).  Names and values
are trimmed; values are unescaped as Regex.Unescape does (``\\n``, ``\\t``, ``\\\\``, ``\\u0041``
...).  A line without a name before the delimiter, or a name given twice, is an
InvalidOperation error that ends the command (a PSInvalidOperationException thrown from
ProcessRecord); so is an escape Regex.Unescape refuses.
"""

from __future__ import annotations

from ...errors import ErrorCategory
from ...objects import Hashtable, to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError

__all__ = ["ConvertFromStringData", "regex_unescape"]

_SIMPLE = {"a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


class UnescapeError(ValueError):
    """RegexParseException: the text has an escape Regex.Unescape refuses."""


def _refuse(text: str, offset: int, reason: str) -> UnescapeError:
    return UnescapeError(f"Invalid pattern '{text}' at offset {offset}. {reason}")


def regex_unescape(text: str) -> str:
    """System.Text.RegularExpressions.Regex.Unescape."""
    if "\\" not in text:
        return text
    out: list[str] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char != "\\":
            out.append(char)
            index += 1
            continue
        index += 1
        if index >= length:
            raise _refuse(text, index, "Illegal \\ at end of pattern.")
        char = text[index]
        index += 1
        if char in "01234567":
            end = index - 1
            value = 0
            while end < length and end < index + 2 and text[end] in "01234567":
                value = value * 8 + int(text[end])
                end += 1
            out.append(chr(value & 0xFF))
            index = end
        elif char in ("x", "u"):
            digits = 2 if char == "x" else 4
            chunk = text[index : index + digits]
            if len(chunk) < digits or any(c not in "0123456789abcdefABCDEF" for c in chunk):
                raise _refuse(text, min(index + digits, length), "Insufficient or invalid hexadecimal digits.")
            out.append(chr(int(chunk, 16)))
            index += digits
        elif char == "c":
            if index >= length:
                raise _refuse(text, index, "Missing control character.")
            control = text[index].upper()
            if not "@" <= control <= "_":
                raise _refuse(text, index + 1, "Unrecognized control character.")
            out.append(chr(ord(control) - ord("@")))
            index += 1
        elif char in _SIMPLE:
            out.append(_SIMPLE[char])
        elif char.isalnum() or char == "_":
            raise _refuse(text, index, f"Unrecognized escape sequence \\\\{char}.")
        else:
            out.append(char)
    return "".join(out)


def _invalid_operation(message: str) -> CmdletError:
    return CmdletError(
        message,
        error_id="InvalidOperation",
        category=ErrorCategory.InvalidOperation,
        exception_type="System.Management.Automation.PSInvalidOperationException",
    )


@register_cmdlet
class ConvertFromStringData(Cmdlet):
    name = "ConvertFrom-StringData"

    def process(self) -> None:
        text = self.params.StringData
        delimiter = to_ps_string(self.params.Delimiter)
        result = Hashtable()
        if not text:
            self.write_output(result)
            return
        for raw in to_ps_string(text).split("\n"):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            index = line.find(delimiter)
            if index <= 0:
                self.throw_terminating_error(
                    _invalid_operation(f"Data line '{line}' is not in 'name=value' format. ")
                )
            name = line[:index].strip()
            if name in result:
                self.throw_terminating_error(
                    _invalid_operation(f"Data item '{name}' in line '{line}' is already defined. ")
                )
            try:
                value = regex_unescape(line[index + 1 :].strip())
            except UnescapeError as error:
                self.throw_terminating_error(
                    CmdletError(
                        str(error),
                        error_id="System.Text.RegularExpressions.RegexParseException",
                        exception_type="System.Text.RegularExpressions.RegexParseException",
                    )
                )
            result[name] = value
        self.write_output(result)
