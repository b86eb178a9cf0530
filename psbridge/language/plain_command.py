"""The plain command line: a command name and words only, read without the parser.

Most command lines handed to ``bind_text`` (and typed after ``psbridge -Command``)
are a cmdlet name followed by ``-Name`` parameters, bare words and small numbers:
``Wait-ThreadRun -RunId run_1 -TimeoutSec 10``.  For those, PowerShell's argument
mode has nothing to decide -- no quotes, variables, operators, sub-expressions or
``-Name:value`` -- so the words are classified with one regular expression each,
a tenth of the cost of the tokenizer and parser, and without importing them.

Anything else returns None and goes through the parser.  What is accepted is a
strict subset on which both give the same arguments (a property test compares them
on random lines): ASCII letters, digits, ``_``, ``.`` and ``-`` separated by
spaces; a command name that is not a keyword; ``-Name`` of letters, digits and
``_``; a bare word starting with a letter or ``_``; an integer of at most nine
digits or a decimal ``digits.digits`` (each becomes the number with its typed text,
as the parser's literal does).
"""

from __future__ import annotations

import re
from typing import Any

from ..objects import number_literal

__all__ = ["KEYWORD_NAMES", "plain_command"]

#: PowerShell's keywords (lower case): a first word that is one starts a statement, not a command.
KEYWORD_NAMES = frozenset({
    "assembly", "base", "begin", "break", "catch", "class", "clean", "command", "configuration", "continue",
    "data", "default", "define", "do", "dynamicparam", "else", "elseif", "end", "enum", "exit", "filter",
    "finally", "for", "foreach", "from", "function", "hidden", "if", "in", "inlinescript", "interface",
    "module", "namespace", "parallel", "param", "private", "process", "public", "return", "sequence", "static",
    "switch", "throw", "trap", "try", "type", "until", "using", "var", "while", "workflow",
})  # fmt: skip

_ONLY_PLAIN = re.compile(r"[A-Za-z0-9_.\- ]*").fullmatch
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_\-]*").fullmatch
# One word: a parameter, an integer, a decimal, or a bare word (the groups say which).
_WORD = re.compile(
    r"(-[A-Za-z_][A-Za-z0-9_]*)|([0-9]{1,9})|([0-9]{1,9}\.[0-9]{1,9})|[A-Za-z_][A-Za-z0-9_.\-]*"
).fullmatch


def plain_command(text: str) -> tuple[str, list[tuple[bool, Any]]] | None:
    """``(name, [(is_parameter, name_or_value) ...])`` for a plain command line, else None (parse it).

    A ``-Name`` word is ``(True, "Name")``; every other word is ``(False, value)``.
    """
    if not _ONLY_PLAIN(text):
        return None
    words = text.split(" ")
    if "" in words:  # leading, trailing or doubled spaces: rare enough to leave to the parser
        return None
    name = words[0]
    if not _NAME(name) or name.lower() in KEYWORD_NAMES:
        return None
    arguments: list[tuple[bool, Any]] = []
    for word in words[1:]:
        matched = _WORD(word)
        if matched is None:
            return None
        parameter, integer, decimal = matched.groups()
        if parameter is not None:
            arguments.append((True, parameter[1:]))
        elif integer is not None:
            arguments.append((False, number_literal(int(integer), word)))
        elif decimal is not None:
            arguments.append((False, number_literal(float(decimal), word)))
        else:
            arguments.append((False, word))
    return name, arguments
