"""Reading platyPS markdown help into raw, line-numbered pieces.

This module only *reads*: it returns what each section says (SYNTAX blocks,
YAML blocks per parameter, examples) with line numbers, without deciding who
is right when two sections disagree.  :mod:`psbridge.specs.build` makes those
decisions and :mod:`psbridge.specs.lint` reports the disagreements, so both
work from the same reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Example, SyntaxBlock, SyntaxParameter
from .types import normalize_type

__all__ = ["DocYamlBlock", "ParsedDoc", "ParsedParameter", "parse_markdown"]


@dataclass
class DocYamlBlock:
    """One ```yaml block under a ``### -Name`` heading."""

    line: int
    type: str | None = None
    type_line: int | None = None
    parameter_sets: list[str] | None = None  # None: no "Parameter Sets" line; ["(All)"] for all
    aliases: list[str] = field(default_factory=list)
    accepted_values: list[str] = field(default_factory=list)
    required: bool = False
    required_sets: list[str] | None = None  # "True (when using 'Get' parameter set)"
    position: int | None = None  # None = Named
    position_text: str | None = None
    default: str | None = None
    default_line: int | None = None
    by_value: bool = False
    by_property_name: bool = False
    wildcards: bool = False
    keys: dict[str, int] = field(default_factory=dict)  # key -> line


@dataclass
class ParsedParameter:
    name: str
    line: int
    blocks: list[DocYamlBlock] = field(default_factory=list)


@dataclass
class ParsedDoc:
    name: str
    synopsis: str
    syntax: list[SyntaxBlock]
    parameters: list[ParsedParameter]
    examples: list[Example]
    path: str | None = None
    #: The front matter's ``key: value`` lines (``Module Name``, ``title`` ...), as written.
    front_matter: dict[str, str] = field(default_factory=dict)

    @property
    def module(self) -> str | None:
        return self.front_matter.get("Module Name") or None


_FENCE = re.compile(r"^\s*```\s*([A-Za-z0-9_+-]*)\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")


def parse_markdown(text: str, path: str | None = None) -> ParsedDoc:
    """Split a platyPS document into its sections; never raises on odd input."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    index = _skip_front_matter(lines)
    front_matter = _front_matter(lines[: max(index - 1, 0)])

    name = ""
    section = ""
    subheading: str | None = None
    subheading_line = 0
    synopsis_lines: list[str] = []
    syntax: list[SyntaxBlock] = []
    parameters: list[ParsedParameter] = []
    examples: list[Example] = []
    example_code: list[str] | None = None
    example_text: list[str] = []

    def flush_example() -> None:
        nonlocal example_code, example_text
        if section == "EXAMPLES" and subheading is not None and example_code is not None:
            examples.append(
                Example(
                    title=subheading,
                    code="\n".join(example_code).strip("\n"),
                    text="\n".join(example_text).strip(),
                    line=subheading_line,
                )
            )
        example_code, example_text = None, []

    while index < len(lines):
        line = lines[index]
        fence = _FENCE.match(line)
        if fence:
            start = index
            index += 1
            body: list[str] = []
            while index < len(lines) and not _FENCE.match(lines[index]):
                body.append(lines[index])
                index += 1
            index += 1  # closing fence
            language = fence.group(1).lower()
            if section == "SYNTAX":
                set_name, is_default = _syntax_heading(subheading)
                block_text = "\n".join(body)
                syntax.append(
                    SyntaxBlock(
                        set_name=set_name,
                        is_default=is_default,
                        parameters=tuple(parse_syntax_block(block_text)),
                        line=start + 1,
                        command=block_text.split(maxsplit=1)[0] if block_text.strip() else "",
                    )
                )
            elif section == "PARAMETERS" and parameters and language in ("yaml", "yml", ""):
                parameters[-1].blocks.append(_parse_yaml_block(body, start + 2))
            elif section == "EXAMPLES" and subheading is not None:
                if example_code is None:
                    example_code = body
                else:
                    example_text.append("```\n" + "\n".join(body) + "\n```")
            continue

        heading = _HEADING.match(line)
        if heading:
            level, title = len(heading.group(1)), heading.group(2)
            if level == 1:
                name = name or title.strip()
            elif level == 2:
                flush_example()
                section = title.strip().upper()
                subheading = None
            elif level == 3:
                flush_example()
                subheading, subheading_line = title.strip(), index + 1
                if section == "PARAMETERS" and subheading.startswith("-"):
                    parameters.append(ParsedParameter(name=subheading[1:].strip(), line=index + 1))
            index += 1
            continue

        if section == "SYNOPSIS":
            synopsis_lines.append(line)
        elif section == "EXAMPLES" and example_code is not None:
            example_text.append(line)
        index += 1

    flush_example()
    return ParsedDoc(
        name=name,
        synopsis=" ".join(part.strip() for part in synopsis_lines if part.strip()),
        syntax=syntax,
        parameters=parameters,
        examples=examples,
        path=path,
        front_matter=front_matter,
    )


def _skip_front_matter(lines: list[str]) -> int:
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if lines[index].strip() == "---":
                return index + 1
    return 0


def _front_matter(lines: list[str]) -> dict[str, str]:
    """Top-level ``key: value`` pairs of the front matter; nested lists (``aliases:``) are skipped."""
    found: dict[str, str] = {}
    for line in lines[1:]:
        key, colon, value = line.partition(":")
        if colon and key and not key[0].isspace() and not key.startswith("-"):
            found[key.strip()] = value.strip()
    return found


def _syntax_heading(subheading: str | None) -> tuple[str, bool]:
    if not subheading:
        return "", False
    match = re.match(r"^(.*?)\s*\(Default\)\s*$", subheading, re.IGNORECASE)
    if match:
        return match.group(1).strip(), True
    return subheading.strip(), False


# -- SYNTAX blocks --------------------------------------------------------------

_SYNTAX_TOKEN = re.compile(r"\[|\]|<[^<>]*>|-[A-Za-z_][\w-]*|[^\s\[\]<>]+")


def parse_syntax_block(text: str) -> list[SyntaxParameter]:
    """Read ``Name [-A] <T> [-B <T>] [[-C] <T>] -D <T> [-Sw] [<CommonParameters>]``.

    The brackets carry the meaning: ``[-A]`` around the name alone means the
    parameter is positional; brackets around the whole ``-B <T>`` make it
    optional; a parameter with no ``<Type>`` is a switch.
    """
    tokens = _SYNTAX_TOKEN.findall(text)
    # The command name comes first; drop it (and anything before the first bracket/dash).
    while tokens and tokens[0] not in ("[",) and not tokens[0].startswith("-"):
        tokens.pop(0)
    result: list[SyntaxParameter] = []
    position = 0

    def peek(offset: int = 0) -> str | None:
        return tokens[position + offset] if position + offset < len(tokens) else None

    def is_name(token: str | None) -> bool:
        return token is not None and token.startswith("-") and len(token) > 1

    def is_type(token: str | None) -> bool:
        return token is not None and token.startswith("<") and token != "<CommonParameters>"

    while position < len(tokens):
        token = tokens[position]
        if token == "[":
            if peek(1) == "[" and is_name(peek(2)) and peek(3) == "]":
                # [[-Name] <Type>]  optional positional
                type_token = peek(4) if is_type(peek(4)) else None
                result.append(SyntaxParameter(peek(2)[1:], _type_of(type_token), True, False))  # type: ignore[index]
                position += 5 + (1 if type_token else 0)
                if peek() == "]":
                    position += 1
                continue
            if is_name(peek(1)) and peek(2) == "]":
                name = peek(1)[1:]  # type: ignore[index]
                if is_type(peek(3)):
                    # [-Name] <Type>  mandatory positional
                    result.append(SyntaxParameter(name, _type_of(peek(3)), True, True))
                    position += 4
                else:
                    # [-Switch]  optional switch
                    result.append(SyntaxParameter(name, None, False, False))
                    position += 3
                continue
            if is_name(peek(1)):
                # [-Name <Type>]  optional named
                name = peek(1)[1:]  # type: ignore[index]
                type_token = peek(2) if is_type(peek(2)) else None
                result.append(SyntaxParameter(name, _type_of(type_token), False, False))
                position += 2 + (1 if type_token else 0)
                if peek() == "]":
                    position += 1
                continue
            position += 1
            continue
        if is_name(token):
            type_token = peek(1) if is_type(peek(1)) else None
            result.append(SyntaxParameter(token[1:], _type_of(type_token), False, True))
            position += 1 + (1 if type_token else 0)
            continue
        position += 1
    return result


def _type_of(token: str | None) -> str | None:
    if token is None:
        return None
    return token[1:-1].strip() or None


# -- YAML blocks ------------------------------------------------------------------

_YAML_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.*?)\s*$")
_KNOWN_KEYS = {
    "type",
    "parameter sets",
    "aliases",
    "accepted values",
    "required",
    "position",
    "default value",
    "accept pipeline input",
    "accept wildcard characters",
    "dynamic",
    "applicable",
}


def _split_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _parse_yaml_block(body: list[str], first_line: int) -> DocYamlBlock:
    """Parse ``Key: value`` lines; platyPS YAML is too irregular for a YAML parser."""
    block = DocYamlBlock(line=first_line - 1)
    for offset, raw in enumerate(body):
        match = _YAML_LINE.match(raw)
        if not match:
            continue
        key, value = match.group(1).strip().lower(), match.group(2)
        if key not in _KNOWN_KEYS:
            continue
        line = first_line + offset
        block.keys[key] = line
        if key == "type":
            block.type, block.type_line = (value or None), line
        elif key == "parameter sets":
            block.parameter_sets = _split_list(value)
        elif key == "aliases":
            block.aliases = _split_list(value)
        elif key == "accepted values":
            block.accepted_values = _split_list(value)
        elif key == "required":
            block.required = value.lower().startswith("true")
            when = re.findall(r"'([^']+)'", value)
            if block.required and when:
                block.required_sets = when
        elif key == "position":
            block.position_text = value
            block.position = int(value) if value.strip().lstrip("-").isdigit() else None
        elif key == "default value":
            if value and value.lower() not in ("none", "null"):
                block.default, block.default_line = value, line
        elif key == "accept pipeline input":
            lowered = value.lower()
            if lowered.startswith("true"):
                block.by_value = "byvalue" in lowered
                block.by_property_name = "bypropertyname" in lowered
                if not block.by_value and not block.by_property_name:
                    block.by_value = True
        elif key == "accept wildcard characters":
            block.wildcards = value.lower().startswith("true")
    return block


def normalized_block_type(block: DocYamlBlock) -> str | None:
    return normalize_type(block.type)
