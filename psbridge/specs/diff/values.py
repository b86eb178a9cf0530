"""How the diff reads values written two ways: defaults, validation, examples.

A doc writes ``Default value: queued, in_progress`` where the source writes
``@('queued', 'in_progress')``; ``1`` where the source writes ``1.0``; ``False``
for a switch the source leaves without a default.  These compare equal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import CmdletSpec, Example, ParameterSpec
from ..types import normalize_type

__all__ = [
    "SwitchValueUse",
    "default_key",
    "default_text",
    "prose_values",
    "resolve_parameter",
    "switch_values_in_examples",
    "type_text",
    "validations",
]

_NUMERIC = {"Int32", "Int64", "UInt16", "UInt32", "Byte", "Single", "Double", "Decimal"}
_NOTHING = {"", "none", "null", "$null"}


def type_text(parameter: ParameterSpec) -> str:
    return f"[{normalize_type(parameter.type) or parameter.type}]"


def default_text(parameter: ParameterSpec) -> str:
    if parameter.default is None or parameter.default.strip().casefold() in _NOTHING:
        return "none"
    return parameter.default


def default_key(parameter: ParameterSpec, *, zero_is_none: bool = True) -> tuple[str, ...] | None:
    """What a default means, for comparison: None when there is none, else the normalized items.

    A number's 0 (a switch's False) is the type's own value, so a doc may write it out or
    not; ``zero_is_none=False`` keeps an explicit numeric 0 (the source's ``= 0.0`` against
    a doc that states no default).
    """
    if parameter.default is None or parameter.default.strip().casefold() in _NOTHING:
        return None
    items = tuple(_item(part) for part in _split(_unwrap(parameter.default.strip())))
    base = (normalize_type(parameter.type) or "").rstrip("[]")
    if zero_is_none and base in _NUMERIC and items == ("0.0",):
        return None
    if (parameter.is_switch or base == "Boolean") and items == ("false",):
        return None
    return items


def _unwrap(text: str) -> str:
    """``@(a, b)`` and ``(a, b)`` -> ``a, b``; a cast prefix like ``[string[]]`` is dropped."""
    text = re.sub(r"^\[[\w.\[\]]+\]\s*(?=[@('\"$\d-])", "", text)
    while (text.startswith("@(") or text.startswith("(")) and text.endswith(")"):
        text = text[text.index("(") + 1 : -1].strip()
    return text


def _split(text: str) -> list[str]:
    parts: list[str] = []
    current = ""
    quote: str | None = None
    for char in text:
        if quote:
            current += char
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
            current += char
        elif char == ",":
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def _item(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    folded = text.casefold()
    if folded in ("$true", "true"):
        return "true"
    if folded in ("$false", "false"):
        return "false"
    try:
        number = float(folded)
    except ValueError:
        return folded
    return repr(number)


_PROSE_TRIGGER = re.compile(
    r"\b(?:one of|choose from|(?:allowed|valid|supported|possible) values?(?: is| are)?|"
    r"must be either|can be either)\b",
    re.IGNORECASE,
)
_BULLET_VALUE = re.compile(r"^\s*[-*]\s+`([^`\s]+)`", re.MULTILINE)
_QUOTED_VALUE = re.compile(r"`([^`\s]+)`|\"([^\"\s]+)\"")


def prose_values(description: str) -> tuple[str, ...]:
    """The values a doc's prose lists: ``You can choose from `auto`, `none` or `function`.``

    Only quoted words in the sentence that follows a phrase like "one of" or "allowed
    value" count, or the quoted words that open the items of a bulleted list; and only
    when there are two or more: a guess at what the author meant to be accepted,
    reported as such.
    """
    found: list[str] = _BULLET_VALUE.findall(description)
    if len(found) < 2:
        found = []
    for trigger in _PROSE_TRIGGER.finditer(description):
        rest = description[trigger.end() :]
        end = re.search(r"\.(?:\s|$)", rest)
        sentence = rest[: end.start()] if end else rest
        values = [a or b for a, b in _QUOTED_VALUE.findall(sentence)]
        found.extend(v for v in values if v not in found)
    return tuple(found) if len(found) >= 2 else ()


def validations(parameter: ParameterSpec) -> dict[str, str]:
    """Attribute name -> how the source would write it, for each validation the spec holds."""
    found: dict[str, str] = {}
    if parameter.validate_range is not None:
        low, high = parameter.validate_range
        found["ValidateRange"] = f"[ValidateRange({_number(low)}, {_number(high)})]"
    if parameter.validate_count is not None:
        found["ValidateCount"] = "[ValidateCount({}, {})]".format(*parameter.validate_count)
    if parameter.validate_length is not None:
        found["ValidateLength"] = "[ValidateLength({}, {})]".format(*parameter.validate_length)
    if parameter.validate_pattern is not None:
        found["ValidatePattern"] = f"[ValidatePattern('{parameter.validate_pattern}')]"
    if parameter.validate_script is not None:
        found["ValidateScript"] = f"[ValidateScript({parameter.validate_script})]"
    for attribute, flag in (
        ("ValidateNotNull", parameter.validate_not_null),
        ("ValidateNotNullOrEmpty", parameter.validate_not_null_or_empty),
        ("AllowNull", parameter.allow_null),
        ("AllowEmptyString", parameter.allow_empty_string),
        ("AllowEmptyCollection", parameter.allow_empty_collection),
    ):
        if flag:
            found[attribute] = f"[{attribute}()]"
    return found


def _number(value: float) -> str:
    return str(value) if isinstance(value, int) or not float(value).is_integer() else str(int(value))


def resolve_parameter(spec: CmdletSpec, written: str) -> ParameterSpec | None:
    """The parameter ``-written`` binds to: a name or alias, else a unique prefix of one."""
    folded = written.casefold()
    prefixed: list[ParameterSpec] = []
    for parameter in spec.parameters.values():
        names = [parameter.name.casefold(), *(alias.casefold() for alias in parameter.aliases)]
        if folded in names:
            return parameter
        if any(name.startswith(folded) for name in names):
            prefixed.append(parameter)
    return prefixed[0] if len(prefixed) == 1 else None


@dataclass(frozen=True)
class SwitchValueUse:
    """``-UseCodeInterpreter $true`` in an example: the switch, then a stray positional argument."""

    example: Example
    written: str
    parameter: ParameterSpec
    line: str


_PROMPT = re.compile(r"^\s*(?:PS\s+[^>]*>\s*)?")
_SWITCH_VALUE = re.compile(r"(?<![\w:])-([A-Za-z_][\w]*)\s+(\$(?:true|false))\b", re.IGNORECASE)


def switch_values_in_examples(docs: CmdletSpec, source: CmdletSpec) -> Iterator[SwitchValueUse]:
    """Each place an example hands a switch its value as a separate argument.

    Only the command under test is looked at (its name starting a pipeline
    element); the parameter is resolved against the source, which is what binds.
    """
    command = re.compile(rf"(?:^|[|;(=]|\{{)\s*{re.escape(docs.name)}(?![\w-])", re.IGNORECASE)
    for example in docs.examples:
        for line in example.code.splitlines():
            text = _PROMPT.sub("", line)
            for start in command.finditer(text):
                segment = _segment(text, start.end())
                for match in _SWITCH_VALUE.finditer(segment):
                    parameter = resolve_parameter(source, match.group(1)) or resolve_parameter(docs, match.group(1))
                    if parameter is not None and parameter.is_switch:
                        yield SwitchValueUse(example, f"-{match.group(1)} {match.group(2)}", parameter, line.strip())


def _segment(text: str, start: int) -> str:
    """The rest of one command: up to the next unquoted ``|``, ``;`` or ``}``."""
    quote: str | None = None
    for index in range(start, len(text)):
        char = text[index]
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char in "|;}":
            return text[start:index]
    return text[start:]
