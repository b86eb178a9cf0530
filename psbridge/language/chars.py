"""Character classes of PowerShell's tokenizer (its CharTraits table).

Whether a character ends a bare word decides how a command line splits into
arguments (``a#b`` is one argument, ``a{`` two; ``77z`` is a word but ``77+``
in an expression is a number and an operator), so these sets follow
PowerShell's table exactly rather than Python's ideas of "word characters".
"""

from __future__ import annotations

import re
import unicodedata

# The number scanner's character classes live with it (shared with the conversion engine).
from ..conversion.numbertext import (
    DASHES,
    is_dash,
    is_decimal_digit,
    is_hex_digit,
    is_multiplier_start,
    is_type_suffix,
)

__all__ = [
    "DASHES",
    "DOUBLE_QUOTES",
    "SINGLE_QUOTES",
    "ends_number_in_expression",
    "forces_new_token",
    "is_dash",
    "is_decimal_digit",
    "is_hex_digit",
    "is_identifier_follow",
    "is_identifier_start",
    "is_multiplier_start",
    "is_type_suffix",
    "is_variable_start",
    "is_whitespace",
]

#: ' and its typographic look-alikes, all accepted as single quotes.
SINGLE_QUOTES = frozenset("'\u2018\u2019\u201a\u201b")
#: " and its typographic look-alikes.
DOUBLE_QUOTES = frozenset('"\u201c\u201d\u201e')

_FORCE_NEW_TOKEN = frozenset("\0\t\n\x0b\x0c\r &(),;{|}")
_END_NUMBER = frozenset("!#%*+-./<=>]")
_VARIABLE_FIRST = frozenset("$:?^_")


def is_whitespace(char: str) -> bool:
    """Blank characters (newlines are not whitespace to the tokenizer)."""
    if char in " \t\x0b\x0c\xa0\x85":
        return True
    if char < "\u0100":
        return False
    return unicodedata.category(char) in ("Zs", "Zl", "Zp")


def forces_new_token(char: str) -> bool:
    """A character that ends any bare word, in any mode; ``""`` (end of input) too."""
    if not char:
        return True
    if char < "\x80":
        return char in _FORCE_NEW_TOKEN
    return is_whitespace(char)


def ends_number_in_expression(char: str) -> bool:
    """In expression mode these end a number (``7+1``); in argument mode they do not (``7+1`` is a word)."""
    if char < "\x80":
        return char in _END_NUMBER
    return char in DASHES


def is_identifier_start(char: str) -> bool:
    if not char:
        return False
    if char < "\x80":
        return char == "_" or char.isalpha()
    return char.isalpha()


def is_identifier_follow(char: str) -> bool:
    if not char:
        return False
    if char < "\x80":
        return char == "_" or char.isalnum()
    return char.isalnum()


def is_variable_start(char: str) -> bool:
    """A character that may follow ``$`` to start an unbraced variable name."""
    if not char:
        return False
    if char < "\x80":
        return char.isalnum() or char in _VARIABLE_FIRST
    return char.isalnum()


# ---------------------------------------------------------------- regular expressions of the tokenizer
# The tokenizer reads runs of characters with these instead of one character at a time; each
# class is spelled from PowerShell's CharTraits table above (not from Python's \s or \w).

#: Blanks that are not line breaks: CharTraits.Whitespace, NBSP, NEL and Unicode separators (Zs, Zl, Zp).
BLANKS = " \t\x0b\x0c\xa0\x85\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: Characters that end a bare word in any mode (ForceStartNewToken), besides end of input.
FORCE_NEW_TOKEN = "\x00\n\r&(),;{|}" + BLANKS
#: The same characters as sets (BLANKS and FORCE_NEW_TOKEN are spelled for regular expression classes).
BLANK_SET = frozenset(" \t\x0b\x0c\xa0\x85\u1680\u2028\u2029\u202f\u205f\u3000") | {
    chr(code) for code in range(0x2000, 0x200B)
}
FORCE_NEW_TOKEN_SET = frozenset("\x00\n\r&(),;{|}") | BLANK_SET
SINGLE_QUOTE_CHARS = "'\u2018\u2019\u201a\u201b"
DOUBLE_QUOTE_CHARS = '"\u201c\u201d\u201e'
DASH_CHARS = "-\u2013\u2014\u2015"
_DASH_CLASS = "\\-\u2013\u2014\u2015"

WHITESPACE_RUN = re.compile(f"[{BLANKS}]+")
#: A run of a bare word that needs no special handling (no backtick, quote or $).
PLAIN_WORD_RUN = re.compile(f"[^{FORCE_NEW_TOKEN}`$'\u2018\u2019\u201a\u201b\"\u201c\u201d\u201e]+")
#: Identifier characters after the first (IsIdentifierFollow: letters, digits, _).
IDENTIFIER_RUN = re.compile(r"[^\W]+")
#: A type name's characters (ScanTypeName): letters, digits and . ` _ + # \.
TYPE_NAME_RUN = re.compile(r"[\w.`+#\\]+")
#: The characters of an unbraced variable name that never end it (letters, digits, _ and ?).
VARIABLE_NAME_RUN = re.compile(r"[\w?]+")
#: A parameter name's letters in expression mode (ASCII letters only, as ScanParameter).
PARAMETER_LETTERS = re.compile(r"[A-Za-z]+")
#: What ends a parameter name in command mode (ScanParameter): blanks, punctuation, quotes, ':'.
PARAMETER_COMMAND_RUN = re.compile(f"[^{FORCE_NEW_TOKEN}.\\[:'\u2018\u2019\u201a\u201b\"\u201c\u201d\u201e]+")
SINGLE_QUOTED_RUN = re.compile(f"[^{SINGLE_QUOTE_CHARS}]+")
DOUBLE_QUOTED_RUN = re.compile(f"[^{DOUBLE_QUOTE_CHARS}$`{{}}]+")
HERE_STRING_RUN = re.compile("[^\r\n$`{}]+")
LINE_COMMENT_REST = re.compile("[^\r\n]*")
NUMBER_SHAPE = re.compile(
    rf"""
    (?P<sign>[+{_DASH_CLASS}])?
    (?:
        0[xX](?P<hex>[0-9a-fA-F]*)
      | 0[bB](?P<binary>[01]*)
      | (?P<int>[0-9]*)
        (?:(?P<dot>\.)(?!\.)(?P<fraction>[0-9]*))?
        (?:[eE](?P<exponent_sign>[+{_DASH_CLASS}])?(?P<exponent>[0-9]*))?
    )
    (?P<suffix>[dDlLnNsSuUyY]{{0,2}})
    (?:(?P<multiplier>[kKmMgGtTpP])(?P<b>[bB])?)?
    """,
    re.VERBOSE,
)
