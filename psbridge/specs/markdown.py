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

import yaml

from .model import Example, SyntaxBlock, SyntaxParameter
from .types import normalize_type

__all__ = ["DocYamlBlock", "ParsedDoc", "ParsedParameter", "front_matter_of", "is_module_page", "parse_markdown"]


#: Modules whose docs psbridge reads, in their own spelling (see ``ParsedDoc.module``).
KNOWN_MODULES = (
    "PSOpenAI",
    "Microsoft.PowerShell.Core",
    "Microsoft.PowerShell.Utility",
    "Microsoft.PowerShell.Management",
)


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
    remaining: bool = False  # ValueFromRemainingArguments (only the newer YAML format says it)
    hidden: bool = False  # DontShow
    keys: dict[str, int] = field(default_factory=dict)  # key -> line


@dataclass
class ParsedParameter:
    name: str
    line: int
    blocks: list[DocYamlBlock] = field(default_factory=list)
    #: The prose under ``### -Name`` (Get-Help shows it; lint reads "dynamic parameter" notes in it).
    description: str = ""


@dataclass
class ParsedDoc:
    name: str
    synopsis: str
    syntax: list[SyntaxBlock]
    parameters: list[ParsedParameter]
    examples: list[Example]
    path: str | None = None
    #: The DESCRIPTION section's prose (Get-Help -Full shows it).
    description: str = ""
    #: The front matter's ``key: value`` lines (``Module Name``, ``title`` ...), as written.
    front_matter: dict[str, str] = field(default_factory=dict)
    #: The OUTPUTS section's ``### Type`` headings, as written.
    outputs: list[str] = field(default_factory=list)

    @property
    def module(self) -> str | None:
        """The module, in its canonical spelling when psbridge knows it (module names are
        case-insensitive: two PSOpenAI docs say ``PsopenAI``, and must not get a folder of their own)."""
        written = self.front_matter.get("Module Name") or None
        if written is None:
            return None
        return next((known for known in KNOWN_MODULES if known.casefold() == written.casefold()), written)

    @property
    def is_module_page(self) -> bool:
        """A module's landing page (``Microsoft.PowerShell.Core.md``) documents no cmdlet."""
        return is_module_page(self.front_matter)


def is_module_page(front_matter: dict[str, str]) -> bool:
    """platyPS marks a module page with ``Module Guid`` (schema 2.0) or ``document type: module``."""
    kind = front_matter.get("document type", "").casefold()
    return kind == "module" or ("Module Guid" in front_matter and kind != "cmdlet")


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
    outputs: list[str] = []
    example_code: list[str] | None = None
    example_text: list[str] = []
    description_lines: list[str] = []
    parameter_lines: list[str] = []

    def flush_parameter() -> None:
        text = _prose(parameter_lines)
        if parameters and text and not parameters[-1].description:
            parameters[-1].description = text
        parameter_lines.clear()

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
                set_name, is_default, provider = _syntax_heading(subheading)
                block_text = "\n".join(body)
                syntax.append(
                    SyntaxBlock(
                        set_name=set_name,
                        is_default=is_default,
                        parameters=tuple(parse_syntax_block(block_text)),
                        line=start + 1,
                        command=block_text.split(maxsplit=1)[0] if block_text.strip() else "",
                        providers=(provider,) if provider else (),
                    )
                )
            elif section == "PARAMETERS" and parameters and language in ("yaml", "yml", ""):
                flush_parameter()
                parameters[-1].blocks.extend(_parse_yaml_blocks(body, start + 2))
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
                flush_parameter()
                section = title.strip().upper()
                subheading = None
            elif level == 3:
                flush_example()
                flush_parameter()
                subheading, subheading_line = title.strip(), index + 1
                if section == "PARAMETERS" and subheading.startswith("-"):
                    parameters.append(ParsedParameter(name=subheading[1:].strip(), line=index + 1))
                elif section == "OUTPUTS" and subheading:
                    outputs.append(subheading)
            index += 1
            continue

        if section == "SYNOPSIS":
            synopsis_lines.append(line)
        elif section == "EXAMPLES" and example_code is not None:
            example_text.append(line)
        elif section == "DESCRIPTION":
            description_lines.append(line)
        elif section == "PARAMETERS" and subheading is not None and subheading.startswith("-"):
            parameter_lines.append(line)
        index += 1

    flush_example()
    flush_parameter()
    return ParsedDoc(
        name=name,
        synopsis=" ".join(part.strip() for part in synopsis_lines if part.strip()),
        syntax=_merge_provider_variants(syntax),
        parameters=parameters,
        examples=examples,
        path=path,
        front_matter=front_matter,
        description=_prose(description_lines),
        outputs=outputs,
    )


def _prose(lines: list[str]) -> str:
    """Paragraph text with its line breaks kept; surrounding blank lines dropped."""
    return "\n".join(lines).strip("\n").rstrip()


def front_matter_of(lines: list[str]) -> dict[str, str]:
    """The front matter of a doc whose first lines are ``lines`` (empty when it has none)."""
    end = _skip_front_matter(lines)
    return _front_matter(lines[: max(end - 1, 0)])


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


_PROVIDER_SUFFIX = re.compile(r"^(.*?)\s+-\s+(.+?\bproviders?)\s*$", re.IGNORECASE)


def _syntax_heading(subheading: str | None) -> tuple[str, bool, str | None]:
    """``Path (Default) - FileSystem provider`` -> ("Path", True, "FileSystem provider").

    PowerShell's docs repeat a set's SYNTAX block once per provider that adds
    dynamic parameters to it; the set is the same set.
    """
    if not subheading:
        return "", False, None
    text, provider = subheading.strip(), None
    suffix = _PROVIDER_SUFFIX.match(text)
    if suffix:
        text, provider = suffix.group(1).strip(), suffix.group(2).strip()
    match = re.match(r"^(.*?)\s*\(Default\)\s*$", text, re.IGNORECASE)
    if match:
        return match.group(1).strip(), True, provider
    return text, False, provider


def _merge_provider_variants(blocks: list[SyntaxBlock]) -> list[SyntaxBlock]:
    """One block per set: a set's provider variants become one block whose parameters are the
    union, in order of first appearance.

    A parameter that the ``All providers`` variant lacks is a provider's dynamic parameter: it
    exists only for paths on that provider, so it is never mandatory in the merged set (New-Item's
    ``-ConnectionURI`` is mandatory only on the WSMan drive).
    """
    groups: dict[str, list[SyntaxBlock]] = {}
    order: list[tuple[str, SyntaxBlock | None]] = []
    for block in blocks:
        if not block.providers:
            order.append(("", block))
            continue
        key = block.set_name.casefold()
        if key not in groups:
            groups[key] = []
            order.append((key, None))
        groups[key].append(block)
    merged: list[SyntaxBlock] = []
    for key, single in order:
        if single is not None:
            merged.append(single)
            continue
        variants = groups[key]
        common = next((b for b in variants if b.providers[0].casefold().startswith("all provider")), None)
        shared = None if common is None else {p.name.casefold() for p in common.parameters}
        parameters: list[SyntaxParameter] = []
        seen: set[str] = set()
        for variant in variants:
            for parameter in variant.parameters:
                folded = parameter.name.casefold()
                if folded in seen:
                    continue
                seen.add(folded)
                if shared is not None and folded not in shared:
                    parameter = parameter.with_changes(mandatory=False, dynamic=True)
                parameters.append(parameter)
        merged.append(
            variants[0].with_changes(
                parameters=tuple(parameters),
                is_default=any(b.is_default for b in variants),
                providers=tuple(p for b in variants for p in b.providers),
            )
        )
    return merged


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


def _parse_yaml_blocks(body: list[str], first_line: int) -> list[DocYamlBlock]:
    """One ```yaml block -> one block per parameter-set entry it describes.

    platyPS 2.0 writes ``Key: value`` lines (too irregular for a YAML parser);
    the newer schema (``PlatyPS schema version: 2024-05-01``, e.g. Write-Host.md)
    writes real YAML with a ``ParameterSets:`` list whose entries each carry
    their own position, ``IsRequired`` and pipeline flags.
    """
    if any(raw.startswith("ParameterSets:") for raw in body):
        blocks = _parse_schema_2024(body, first_line)
        if blocks is not None:
            return blocks
    return [_parse_yaml_block(body, first_line)]


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
            block.required, block.required_sets = _required(value)
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


_REQUIRED_GROUP = re.compile(r"\b(true|false)\s*\(([^)]*)\)", re.IGNORECASE)


def _required(value: str) -> tuple[bool, list[str] | None]:
    """``True`` / ``False``; ``True (when using 'Get' parameter set)``; per-set lists such as
    ``True (VMId, VMName), False (ComputerName, Uri)`` or ``True (None) False (Path, LiteralPath)``.

    Returns (required somewhere, the sets it is required in; None = every set it is in).
    """
    groups = _REQUIRED_GROUP.findall(value)
    if groups:
        required_in = [
            name
            for flag, names in groups
            if flag.lower() == "true"
            for name in _split_list(names.replace("'", ""))
            if name.casefold() != "none" and not name.casefold().startswith("when using")
        ]
        quoted = re.findall(r"'([^']+)'", value)
        if not required_in and quoted and value.lower().startswith("true"):
            required_in = quoted  # "True (when using 'Get' parameter set)"
        return bool(required_in), (required_in or None)
    return value.strip().lower().startswith("true"), None


def _parse_schema_2024(body: list[str], first_line: int) -> list[DocYamlBlock] | None:
    try:
        data = yaml.safe_load("\n".join(body))
    except yaml.YAMLError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("ParameterSets"), list):
        return None
    key_lines: dict[str, int] = {}
    entry_lines: list[int] = []
    for offset, raw in enumerate(body):
        if raw and not raw[0].isspace() and ":" in raw and not raw.startswith("-"):
            key_lines.setdefault(raw.split(":", 1)[0].strip(), first_line + offset)
        if raw.lstrip().startswith("- Name:"):
            entry_lines.append(first_line + offset)

    def text(value: object) -> str | None:
        return None if value is None or value == "" else str(value)

    def names(value: object) -> list[str]:
        if isinstance(value, list):
            return [str(item) for item in value if str(item).strip()]
        return _split_list(str(value)) if value else []

    default = text(data.get("DefaultValue"))
    if default is not None and default.lower() in ("none", "null"):
        default = None
    blocks: list[DocYamlBlock] = []
    for index, entry in enumerate(data["ParameterSets"]):
        if not isinstance(entry, dict):
            continue
        line = entry_lines[index] if index < len(entry_lines) else first_line
        position_text = text(entry.get("Position")) or "Named"
        block = DocYamlBlock(
            line=first_line - 1,
            type=text(data.get("Type")),
            type_line=key_lines.get("Type"),
            parameter_sets=[text(entry.get("Name")) or "(All)"],
            aliases=names(data.get("Aliases")),
            accepted_values=names(data.get("AcceptedValues")),
            required=bool(entry.get("IsRequired")),
            position=int(position_text) if position_text.lstrip("-").isdigit() else None,
            position_text=position_text,
            default=default,
            default_line=key_lines.get("DefaultValue") if default is not None else None,
            by_value=bool(entry.get("ValueFromPipeline")),
            by_property_name=bool(entry.get("ValueFromPipelineByPropertyName")),
            wildcards=bool(data.get("SupportsWildcards")),
            remaining=bool(entry.get("ValueFromRemainingArguments")),
            hidden=bool(data.get("DontShow")),
        )
        block.keys = {
            "type": key_lines.get("Type", line),
            "parameter sets": line,
            "aliases": key_lines.get("Aliases", line),
            "accepted values": key_lines.get("AcceptedValues", line),
            "required": line,
            "position": line,
            "default value": key_lines.get("DefaultValue", line),
        }
        blocks.append(block)
    return blocks


def normalized_block_type(block: DocYamlBlock) -> str | None:
    return normalize_type(block.type)
