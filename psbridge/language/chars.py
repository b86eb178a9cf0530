"""Character classes of PowerShell's tokenizer (its CharTraits table).

Whether a character ends a bare word decides how a command line splits into
arguments (``a#b`` is one argument, ``a{`` two; ``77z`` is a word but ``77+``
in an expression is a number and an operator), so these sets follow
PowerShell's table exactly rather than Python's ideas of "word characters".
"""

from __future__ import annotations

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
