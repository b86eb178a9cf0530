"""System.Text.RegularExpressions.Regex over Python's ``re``: .NET pattern syntax and group numbering.

Scripts write .NET patterns: ``(?<name>...)`` and ``(?'name'...)`` groups,
``\\k<name>`` back references, inline options anywhere (``a(?i)b``, ``(?n)``
explicit capture), ``\\z``/``\\Z``, ``\\p{L}``; and they read groups by .NET's
numbers, where named groups are numbered *after* all unnamed ones
(``(?<n>a)(b)``: group 1 is ``b``).  :func:`translate` rewrites a pattern for
``re`` and records the numbering; what ``re`` cannot express (balancing groups,
``\\G``, right-to-left) is a parse error naming it, never a different match.

Public: :class:`Regex` (``match``, ``matches``, ``is_match``, ``replace``, ``split``,
``get_group_names``), :class:`Match`, :class:`Group`, :class:`RegexOptions`,
:class:`RegexParseError`, :func:`translate`, :func:`escape`, :func:`regex_for`
(a cached Regex for a pattern and options).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from ..records import record
from .netenums import RegexOptions

__all__ = [
    "Group",
    "Match",
    "Regex",
    "RegexOptions",
    "RegexParseError",
    "escape",
    "regex_for",
    "translate",
]


class RegexParseError(ValueError):
    """The pattern is not valid .NET regex syntax, or uses a feature psbridge cannot run."""


_CATEGORIES = {
    "L": r"[^\W\d_]",
    "Lu": r"(?-i:[A-Z\u00c0-\u00d6\u00d8-\u00de])",
    "Ll": r"(?-i:[a-z\u00df-\u00f6\u00f8-\u00ff])",
    "N": r"\d",
    "Nd": r"\d",
    "P": r"[!-#%-*,-/:;?@\[-\]_{}\u00a1\u00a7\u00ab\u00b6\u00b7\u00bb\u00bf]",
    "Zs": r"[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]",
}
_FLAG_LETTERS = {"i": "i", "m": "m", "s": "s", "x": "x"}


@record(frozen=True)
class Translation:
    """A pattern rewritten for ``re``: the text, and .NET's name for each ``re`` group (by index)."""

    pattern: str
    flags: int
    names: tuple[str, ...]  # .NET group name/number of re group 1, 2, ...


def translate(pattern: str, options: int = 0) -> Translation:
    """Rewrite a .NET pattern for ``re``; RegexParseError when it cannot be run faithfully."""
    if options & RegexOptions.RightToLeft:
        raise RegexParseError("RegexOptions.RightToLeft is not supported by psbridge.")
    flags = re.UNICODE
    if options & RegexOptions.IgnoreCase:
        flags |= re.IGNORECASE
    if options & RegexOptions.Multiline:
        flags |= re.MULTILINE
    if options & RegexOptions.Singleline:
        flags |= re.DOTALL
    if options & RegexOptions.IgnorePatternWhitespace:
        flags |= re.VERBOSE
    return _Translator(pattern, bool(options & RegexOptions.ExplicitCapture), flags).run()


class _Translator:
    def __init__(self, pattern: str, explicit: bool, flags: int) -> None:
        self.src = pattern
        self.pos = 0
        self.out: list[str] = []
        self.explicit = [explicit]  # per open group: ExplicitCapture in force
        self.closers: list[int] = [0]  # per open group: extra ')' owed by scoped inline options
        self.groups: list[tuple[str | None, int]] = []  # (name or None, order of the '(')
        self.flags = flags

    def error(self, message: str) -> RegexParseError:
        return RegexParseError(f"Invalid pattern '{self.src}' at offset {self.pos}. {message}")

    def run(self) -> Translation:
        src = self.src
        while self.pos < len(src):
            char = src[self.pos]
            if char == "\\":
                self.out.append(self.escape(in_class=False))
            elif char == "[":
                self.char_class()
            elif char == "(":
                self.open_group()
            elif char == ")":
                if len(self.closers) == 1:
                    raise self.error("Too many )'s.")
                self.out.append(")" * (self.closers.pop() + 1))
                self.explicit.pop()
                self.pos += 1
            elif char == "{" and re.match(r"\{,\d*\}", src[self.pos :]):
                self.out.append("\\{")  # .NET reads {,n} literally
                self.pos += 1
            else:
                self.out.append(char)
                self.pos += 1
        if len(self.closers) > 1:
            raise self.error("Not enough )'s.")
        self.out.append(")" * self.closers[0])
        unnamed = [order for name, order in self.groups if name is None]
        named = [(name, order) for name, order in self.groups if name is not None]
        numbering: dict[int, str] = {order: str(index) for index, order in enumerate(unnamed, 1)}
        for name, order in named:
            numbering[order] = name
        names = tuple(numbering[order] for _name, order in sorted(self.groups, key=lambda g: g[1]))
        return Translation("".join(self.out), self.flags, names)

    def open_group(self) -> None:
        src, pos = self.src, self.pos
        rest = src[pos + 1 :]
        self.closers.append(0)
        if not rest.startswith("?"):
            self.explicit.append(self.explicit[-1])
            if self.explicit[-1]:
                self.out.append("(?:")
            else:
                self.groups.append((None, len(self.groups)))
                self.out.append("(")
            self.pos += 1
            return
        named = re.match(r"\?(?:<([A-Za-z_]\w*)>|'([A-Za-z_]\w*)')", rest)
        if named:
            name = named.group(1) or named.group(2)
            self.groups.append((name, len(self.groups)))
            self.explicit.append(self.explicit[-1])
            self.out.append(f"(?P<{name}>")
            self.pos += 1 + named.end()
            return
        if re.match(r"\?<\w*-", rest) or re.match(r"\?'\w*-", rest):
            raise self.error("Balancing groups are not supported by psbridge.")
        options = re.match(r"\?([imnsx]*)(?:-([imnsx]*))?(:|\))", rest)
        if options and (options.group(1) or options.group(2) is not None):
            self.inline_options(options.group(1), options.group(2) or "", options.group(3))
            self.pos += 1 + options.end()
            return
        self.explicit.append(self.explicit[-1])
        for prefix in ("?:", "?=", "?!", "?<=", "?<!", "?>", "?#"):
            if rest.startswith(prefix):
                if prefix == "?#":
                    end = src.find(")", pos)
                    if end < 0:
                        raise self.error("Unterminated (?#...) comment.")
                    self.closers.pop()
                    self.explicit.pop()
                    self.pos = end + 1
                    return
                self.out.append("(" + prefix)
                self.pos += 1 + len(prefix)
                return
        raise self.error("Unrecognized grouping construct.")

    def inline_options(self, on: str, off: str, end: str) -> None:
        explicit = self.explicit[-1]
        if "n" in on:
            explicit = True
        if "n" in off:
            explicit = False
        on_py = "".join(_FLAG_LETTERS[c] for c in on if c in _FLAG_LETTERS)
        off_py = "".join(_FLAG_LETTERS[c] for c in off if c in _FLAG_LETTERS)
        spec = on_py + ("-" + off_py if off_py else "")
        if end == ":":  # (?i:...) scoped: a group of its own
            self.explicit.append(explicit)
            self.out.append(f"(?{spec}:" if spec else "(?:")
            return
        # (?i) applies to the rest of the enclosing group: open a scoped group closed with it.
        self.closers.pop()
        self.explicit[-1] = explicit
        if spec:
            if not self.out and len(self.closers) == 1 and not off_py:
                self.out.append(f"(?{on_py})")
            else:
                self.out.append(f"(?{spec}:")
                self.closers[-1] += 1

    def escape(self, *, in_class: bool) -> str:
        src = self.src
        if self.pos + 1 >= len(src):
            raise self.error("Illegal \\ at end of pattern.")
        char = src[self.pos + 1]
        self.pos += 2
        if char in "pP":
            match = re.match(r"\{(\w+)\}", src[self.pos :])
            if not match:
                raise self.error("Incomplete \\p{X} character escape.")
            self.pos += match.end()
            category = _CATEGORIES.get(match.group(1))
            if category is None:
                raise self.error(f"Unicode category \\p{{{match.group(1)}}} is not supported by psbridge.")
            if char == "P" or in_class:
                raise self.error("Negated or bracketed \\p{} categories are not supported by psbridge.")
            return category
        if char == "k":
            match = re.match(r"<(\w+)>|'(\w+)'", src[self.pos :])
            if not match:
                raise self.error("Malformed \\k<...> named back reference.")
            self.pos += match.end()
            name = match.group(1) or match.group(2)
            return f"\\{name}" if name.isdigit() else f"(?P={name})"
        if char == "z":
            return r"\Z"
        if char == "Z":
            return r"(?=\n?\Z)"
        if char == "e":
            return r"\x1b"
        if char == "G":
            raise self.error("\\G is not supported by psbridge.")
        if char == "c":
            if self.pos >= len(src):
                raise self.error("Missing control character.")
            control = src[self.pos]
            self.pos += 1
            return re.escape(chr(ord(control.upper()) - 64))
        return "\\" + char

    def char_class(self) -> None:
        src = self.src
        self.out.append("[")
        self.pos += 1
        if src[self.pos : self.pos + 1] == "^":
            self.out.append("^")
            self.pos += 1
        first = True
        after_shorthand = False  # the last element was \w, \d, \s, \p{..} (or their negations)
        while self.pos < len(src):
            char = src[self.pos]
            if char == "]" and not first:
                self.out.append("]")
                self.pos += 1
                return
            shorthand = False
            if char == "\\":
                shorthand = src[self.pos + 1 : self.pos + 2] in ("w", "W", "d", "D", "s", "S", "p", "P")
                self.out.append(self.escape(in_class=True))
            elif char == "-" and src[self.pos + 1 : self.pos + 2] == "[":
                raise self.error("Character class subtraction is not supported by psbridge.")
            elif char == "-" and after_shorthand:
                self.out.append("\\-")  # [\w-.]: no range can start at a class; .NET takes '-' literally
                self.pos += 1
            elif char in "[&~|":
                self.out.append("\\" + char)  # literal in .NET; re would warn about set operations
                self.pos += 1
            else:
                self.out.append(char)
                self.pos += 1
            first = False
            after_shorthand = shorthand
        raise self.error("Unterminated [] set.")


def escape(text: str) -> str:
    """Regex.Escape: escapes ``\\ * + ? | { [ ( ) ^ $ . #`` and white space, as .NET does."""
    out = []
    for char in text:
        if char in "\\*+?|{[()^$.# ":
            out.append("\\" + char)
        elif char == "\t":
            out.append("\\t")
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\f":
            out.append("\\f")
        else:
            out.append(char)
    return "".join(out)


@record(frozen=True, eq=False)
class Group:
    """A captured group: ``Success``, ``Value``, ``Index``, ``Length``, ``Name``."""

    Name: str
    Success: bool
    Value: str
    Index: int

    @property
    def Length(self) -> int:
        return len(self.Value)

    @property
    def Captures(self) -> list[Group]:
        return [self] if self.Success else []

    def __str__(self) -> str:
        return self.Value

    __ps_type_name__ = "System.Text.RegularExpressions.Group"


class Match(Group):
    """A match: group 0 plus ``Groups`` (indexable by .NET number or name)."""

    __ps_type_name__ = "System.Text.RegularExpressions.Match"

    def __init__(self, regex: Regex, found: re.Match[str] | None, text: str) -> None:
        if found is None:
            super().__init__("0", False, "", 0)
        else:
            super().__init__("0", True, found.group(0), found.start())
        object.__setattr__(self, "_regex", regex)
        object.__setattr__(self, "_found", found)
        object.__setattr__(self, "_text", text)

    @functools.cached_property
    def Groups(self) -> GroupCollection:
        return GroupCollection(self)

    def NextMatch(self) -> Match:
        found: re.Match[str] | None = self._found  # type: ignore[attr-defined]
        if found is None:
            return self
        regex: Regex = self._regex  # type: ignore[attr-defined]
        start = found.end() + (1 if found.end() == found.start() else 0)
        return regex.match(self._text, start)  # type: ignore[attr-defined]

    def result(self, replacement: str) -> str:
        """Match.Result: the replacement pattern expanded for this match (``$1``, ``${name}`` ...)."""
        found: re.Match[str] | None = self._found  # type: ignore[attr-defined]
        if found is None:
            raise ValueError("Result cannot be called on a failed Match.")
        regex: Regex = self._regex  # type: ignore[attr-defined]
        parts = regex._parse_replacement(replacement)
        whole: str = self._text  # type: ignore[attr-defined]
        return "".join(part(found, whole) if callable(part) else part for part in parts)

    def __bool__(self) -> bool:
        return self.Success


class GroupCollection:
    """``$match.Groups``: by .NET number (``[1]``), by name (``['n']``), or enumerated in number order."""

    __ps_type_name__ = "System.Text.RegularExpressions.GroupCollection"

    def __init__(self, match: Match) -> None:
        regex: Regex = match._regex  # type: ignore[attr-defined]
        found: re.Match[str] | None = match._found  # type: ignore[attr-defined]
        self._groups: dict[str, Group] = {"0": match}
        for index, name in enumerate(regex.translation.names, 1):
            if found is not None and found.group(index) is not None:
                self._groups[name] = Group(name, True, found.group(index), found.start(index))
            else:
                self._groups[name] = Group(name, False, "", 0)
        self._order = [self._groups[name] for name in regex.group_names()]

    def __getitem__(self, key: Any) -> Group | None:
        if isinstance(key, int) and not isinstance(key, bool):
            key = str(key)
        return self._groups.get(str(key), Group(str(key), False, "", 0))

    def __iter__(self) -> Any:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    @property
    def Count(self) -> int:
        return len(self._order)

    def ContainsKey(self, key: str) -> bool:
        return str(key) in self._groups


class Regex:
    """A compiled .NET regular expression (``[regex]'pattern'``)."""

    __ps_type_name__ = "System.Text.RegularExpressions.Regex"

    def __init__(self, pattern: str, options: int = 0) -> None:
        self.pattern = pattern
        self.options = RegexOptions(int(options))
        self.translation = translate(pattern, options)
        try:
            self.compiled = re.compile(self.translation.pattern, self.translation.flags)
        except re.error as error:
            raise RegexParseError(f"Invalid pattern '{pattern}' at offset {error.pos or 0}. {error.msg}.") from None

    def group_names(self) -> list[str]:
        """``GetGroupNames()``: numbered groups in order, then named ones, "0" first."""
        numbers = sorted((name for name in self.translation.names if name.isdigit()), key=int)
        named = [name for name in self.translation.names if not name.isdigit()]
        return ["0", *numbers, *named]

    def match(self, text: str, start: int = 0) -> Match:
        if start > len(text):
            return Match(self, None, text)
        return Match(self, self.compiled.search(text, start), text)

    def is_match(self, text: str) -> bool:
        return self.compiled.search(text) is not None

    def matches(self, text: str) -> list[Match]:
        return [Match(self, found, text) for found in self.compiled.finditer(text)]

    def replace(self, text: str, replacement: str | Callable[[Match], Any], count: int = -1) -> str:
        """Regex.Replace: ``$1``, ``${name}``, ``$$``, ``$&``/``$0``, ``$```, ``$'``, ``$+``, ``$_``
        in a string replacement; a callable receives each Match and returns the text."""
        if callable(replacement):
            evaluator = replacement

            def substitute(found: re.Match[str]) -> str:
                result = evaluator(Match(self, found, text))
                return "" if result is None else str(result)
        else:
            parts = self._parse_replacement(replacement)

            def substitute(found: re.Match[str]) -> str:
                return "".join(part(found, text) if callable(part) else part for part in parts)

        return self.compiled.sub(substitute, text, count=0 if count < 0 else count)

    def split(self, text: str, count: int = 0) -> list[str]:
        """Regex.Split: captured groups are included; ``count`` > 0 limits the pieces."""
        if count == 1:
            return [text]
        return self.compiled.split(text, maxsplit=max(count - 1, 0))

    def _parse_replacement(self, text: str) -> list[Any]:
        names = self.translation.names
        index_of = {name: index for index, name in enumerate(names, 1)}
        # .NET numbers named groups after the unnamed ones: in (?<d>.)(.) "$2" is d.
        unnamed = sum(1 for name in names if name.isdigit())
        named = [name for name in names if not name.isdigit()]
        for number, name in enumerate(named, unnamed + 1):
            index_of.setdefault(str(number), index_of[name])
        parts: list[Any] = []
        literal: list[str] = []
        pos = 0
        while pos < len(text):
            char = text[pos]
            if char != "$" or pos + 1 >= len(text):
                literal.append(char)
                pos += 1
                continue
            nxt = text[pos + 1]
            token: Any = None
            consumed = 0
            if nxt == "$":
                literal.append("$")
                pos += 2
                continue
            if nxt.isdigit():
                digits = re.match(r"\d+", text[pos + 1 :]).group(0)  # type: ignore[union-attr]
                while digits and digits != "0" and digits not in index_of:
                    digits = digits[:-1]
                if digits:
                    token, consumed = _group_ref(0 if digits == "0" else index_of[digits]), 1 + len(digits)
            elif nxt == "{":
                match = re.match(r"\{(\w+)\}", text[pos + 1 :])
                if match and (match.group(1) == "0" or match.group(1) in index_of):
                    name = match.group(1)
                    token, consumed = _group_ref(0 if name == "0" else index_of[name]), 1 + match.end()
            elif nxt == "&":
                token, consumed = _group_ref(0), 2
            elif nxt == "`":
                token, consumed = (lambda found, whole: whole[: found.start()]), 2
            elif nxt == "'":
                token, consumed = (lambda found, whole: whole[found.end() :]), 2
            elif nxt == "_":
                token, consumed = (lambda found, whole: whole), 2
            elif nxt == "+":
                last = len(self.translation.names)
                token, consumed = _group_ref(last), 2
            if token is None:
                literal.append(char)
                pos += 1
                continue
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(token)
            pos += consumed
        if literal:
            parts.append("".join(literal))
        return parts

    def __str__(self) -> str:
        return self.pattern

    def __repr__(self) -> str:
        return f"Regex({self.pattern!r})"


def _group_ref(index: int) -> Callable[[re.Match[str], str], str]:
    def ref(found: re.Match[str], _whole: str) -> str:
        return found.group(index) or ""

    return ref


@functools.lru_cache(maxsize=512)
def regex_for(pattern: str, options: int = 0) -> Regex:
    """A Regex, cached per (pattern, options) as .NET caches the patterns of its static methods."""
    return Regex(pattern, options)
