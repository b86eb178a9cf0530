"""A platyPS doc converted to the help data Get-Help shows: what pwsh's MAML file holds.

pwsh reads a cmdlet's help from the MAML file platyPS compiles from the markdown
(``New-ExternalHelp``) and that ``Update-Help`` installs.  psbridge ships no help content
either: ``Update-Help -SourcePath <folder of platyPS docs>`` converts each doc with
:func:`help_data` -- synopsis, description paragraphs, the syntax per parameter set, each
parameter's prose and attribute lines, inputs, outputs, notes, examples, related links -- and
stores it as JSON (:func:`help_text`) in the user's help store
(:mod:`psbridge.cmdlets.core.help_store`), from where Get-Help reads it (:func:`read_help`).

Text is kept as platyPS hands it to the MAML: a paragraph's soft-wrapped lines joined into one
line (the help view wraps it to the screen), hard breaks, list items and code kept as lines,
markdown links as written.  Attribute values are the MAML's (``true``/``false``, ``named``,
``None``, ``none``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .markdown import DocYamlBlock, ParsedDoc, ParsedParameter

__all__ = [
    "PARAMETER_DEFAULTS",
    "convert_doc",
    "help_data",
    "help_text",
    "paragraphs",
    "parse_help",
    "read_help",
]

_FENCE = re.compile(r"^\s*```")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\|)")
_LINK = re.compile(r"^\s*\[([^\]]*)\]\(([^)]*)\)\s*$")
#: A parameter's attributes as most are: left out of the stored file, filled in by :func:`read_help`.
PARAMETER_DEFAULTS: dict[str, Any] = {
    "required": False, "position": "named", "default": "None", "pipeline": "False", "aliases": "none",
    "wildcards": False, "description": [],
}  # fmt: skip
_KEEP = object()
_SWITCH_TYPES = {"switchparameter", "system.management.automation.switchparameter"}


def paragraphs(text: str) -> list[str]:
    """Markdown prose -> MAML paragraphs.

    Blank lines part paragraphs; a paragraph's soft-wrapped lines become one line, while a hard
    break (two trailing spaces, a trailing backslash), list items, tables and fenced or indented
    code keep their lines.
    """
    result: list[str] = []
    current: list[str] = []
    keep_lines = False

    def flush() -> None:
        nonlocal keep_lines
        if current:
            result.append("\n".join(current) if keep_lines else _join_soft(current))
        current.clear()
        keep_lines = False

    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        if _FENCE.match(line):
            flush()
            index += 1
            code: list[str] = []
            while index < len(lines) and not _FENCE.match(lines[index]):
                code.append(lines[index])
                index += 1
            index += 1
            if code:
                result.append("\n".join(code))
            continue
        if not line.strip():
            flush()
        else:
            if _LIST_ITEM.match(line) or line.startswith("    "):
                keep_lines = True
            current.append(line)
        index += 1
    flush()
    return result


def _join_soft(lines: list[str]) -> str:
    out = ""
    for line in lines:
        hard = line.endswith("  ") or line.endswith("\\")
        piece = line.strip().rstrip("\\").rstrip()
        if out and not out.endswith("\n"):
            out += " "
        out += piece
        if hard:
            out += "\n"
    return out.rstrip("\n")


def _sections(text: str) -> dict[str, list[tuple[str | None, list[str]]]]:
    """``## INPUTS`` etc. -> [(### heading or None, body lines)], outside code fences."""
    found: dict[str, list[tuple[str | None, list[str]]]] = {}
    section: str | None = None
    in_fence = False
    for line in text.lstrip("\ufeff").replace("\r\n", "\n").split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            section = line[3:].strip().upper()
            found.setdefault(section, []).append((None, []))
            continue
        if section is None:
            continue
        if not in_fence and line.startswith("### "):
            found[section].append((line[4:].strip(), []))
            continue
        found[section][-1][1].append(line)
    return found


def _typed_entries(entries: list[tuple[str | None, list[str]]]) -> list[dict[str, Any]]:
    return [
        {"type": heading, "description": paragraphs("\n".join(body))}
        for heading, body in entries
        if heading is not None
    ]


def _examples(entries: list[tuple[str | None, list[str]]]) -> list[dict[str, Any]]:
    """platyPS's examples: the first code block is the code; all the prose -- before the code too --
    and any later blocks are the remarks, which Get-Help prints after the code."""
    examples: list[dict[str, Any]] = []
    for heading, body in entries:
        if heading is None:
            continue
        code: list[str] | None = None
        remarks: list[str] = []
        index = 0
        while index < len(body):
            line = body[index]
            if code is None and _FENCE.match(line):
                index += 1
                code = []
                while index < len(body) and not _FENCE.match(body[index]):
                    code.append(body[index])
                    index += 1
            else:
                remarks.append(line)
            index += 1
        text = "\n".join(code or []).strip("\n")
        examples.append({"title": heading, "code": text, "remarks": paragraphs("\n".join(remarks))})
    return examples


def _links(doc: ParsedDoc, entries: list[tuple[str | None, list[str]]]) -> list[dict[str, str]]:
    links: list[dict[str, str]] = []
    online = doc.front_matter.get("online version", "").strip()
    if online:
        links.append({"text": "Online Version:", "uri": online})
    for _heading, body in entries:
        for line in body:
            match = _LINK.match(line)
            if match:
                uri = match.group(2).strip()
                absolute = uri.startswith(("http://", "https://"))
                links.append({"text": match.group(1).strip(), "uri": uri if absolute else ""})
            elif line.strip():
                links.append({"text": line.strip(), "uri": ""})
    return links


def _set_flags(parameter: ParsedParameter | None, set_name: str) -> tuple[bool | None, bool]:
    """(mandatory, positional) of a parameter in one set, from its yaml block for that set: platyPS
    builds the MAML syntax from the parameters' attributes, not from the SYNTAX block's brackets."""
    if parameter is None or not parameter.blocks:
        return None, False
    folded = set_name.casefold()

    def applies(block: DocYamlBlock) -> bool:
        sets = [name.casefold() for name in block.parameter_sets or ["(all)"]]
        return folded in sets or "(all)" in sets or "__allparametersets" in sets

    block = next((b for b in parameter.blocks if applies(b)), parameter.blocks[0])
    required_in = None if block.required_sets is None else {name.casefold() for name in block.required_sets}
    mandatory = block.required and (required_in is None or folded in required_in)
    return mandatory, block.position is not None


def _first_block(parameter: ParsedParameter) -> DocYamlBlock:
    return parameter.blocks[0] if parameter.blocks else DocYamlBlock(line=parameter.line)


def _parameter(parameter: ParsedParameter, syntax_type: str | None) -> dict[str, Any]:
    block = _first_block(parameter)
    type_name = block.type or syntax_type or "Object"
    required = any(b.required for b in parameter.blocks)
    positions = [b.position for b in parameter.blocks if b.position is not None]
    pipeline = "False"
    by_value = any(b.by_value for b in parameter.blocks)
    by_name = any(b.by_property_name for b in parameter.blocks)
    if by_value or by_name:
        kinds = [kind for kind, on in (("ByPropertyName", by_name), ("ByValue", by_value)) if on]
        pipeline = f"True ({', '.join(kinds)})"
    is_switch = type_name.casefold() in _SWITCH_TYPES
    default = block.default if block.default is not None else ("False" if is_switch else "None")
    entry: dict[str, Any] = {
        "name": parameter.name,
        "type": type_name,
        "description": paragraphs(parameter.description),
        "required": required,
        "position": str(positions[0]) if positions else "named",
        "default": default,
        "pipeline": pipeline,
        "aliases": ", ".join(block.aliases) or "none",
        "wildcards": any(b.wildcards for b in parameter.blocks),
    }
    if block.accepted_values:
        entry["values"] = list(block.accepted_values)
    return {key: value for key, value in entry.items() if PARAMETER_DEFAULTS.get(key, _KEEP) != value}


def help_data(doc: ParsedDoc, text: str, name: str | None = None) -> dict[str, Any]:
    """What Get-Help shows of the cmdlet ``doc`` documents (``text`` is the doc's markdown)."""
    sections = _sections(text)
    syntax_types: dict[str, str] = {}
    syntax: list[list[str]] = []  # per set: "!#Name" (! mandatory, # positional)
    by_name = {parameter.name.casefold(): parameter for parameter in doc.parameters}
    for block in doc.syntax:
        items = []
        for parameter in block.parameters:
            if parameter.type:
                syntax_types.setdefault(parameter.name.casefold(), parameter.type)
            mandatory, positional = _set_flags(by_name.get(parameter.name.casefold()), block.set_name)
            if mandatory is None:  # no yaml block: the SYNTAX block's brackets say it
                mandatory, positional = parameter.mandatory, parameter.positional
            flags = ("!" if mandatory else "") + ("#" if positional else "")
            items.append(flags + parameter.name)
        syntax.append(items)
    documented = [p for p in doc.parameters if p.name.casefold() != "commonparameters"]
    parameters = [_parameter(p, syntax_types.get(p.name.casefold())) for p in documented]
    notes_body = [line for _heading, body in sections.get("NOTES", []) for line in body]
    return {
        "name": name or doc.name,
        "synopsis": " ".join(paragraphs(doc.synopsis)),
        "description": paragraphs(doc.description),
        "syntax": syntax,
        "parameters": parameters,
        "inputs": _typed_entries(sections.get("INPUTS", [])),
        "outputs": _typed_entries(sections.get("OUTPUTS", [])),
        "notes": paragraphs("\n".join(notes_body)),
        "examples": _examples(sections.get("EXAMPLES", [])),
        "links": _links(doc, sections.get("RELATED LINKS", [])),
    }


def help_text(doc: ParsedDoc, text: str, name: str | None = None) -> str:
    """Deterministic JSON text of :func:`help_data`: a top-level key a line, and a list's items
    (a syntax set, a parameter, an example) a line each -- readable diffs without the bytes of
    indenting every nested key."""
    data = help_data(doc, text, name)
    lines = []
    for key, value in data.items():
        head = f"{json.dumps(key)}: "
        if isinstance(value, list) and value:
            items = ",\n  ".join(_compact(item) for item in value)
            lines.append(f"{head}[\n  {items}\n ]")
        else:
            lines.append(head + _compact(value))
    return "{\n " + ",\n ".join(lines) + "\n}\n"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def read_help(path: Path) -> dict[str, Any] | None:
    """The help data stored at ``path`` by :func:`help_text` (None when there is none, or it is not
    help data: a damaged store shows partial help, as pwsh does for an unreadable MAML file)."""
    try:
        return parse_help(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def parse_help(text: str) -> dict[str, Any] | None:
    """:func:`help_text`'s JSON back to help data, each parameter's left-out attributes filled in."""
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("parameters", []), list):
        return None
    data["parameters"] = [{**PARAMETER_DEFAULTS, **parameter} for parameter in data.get("parameters", [])]
    return data


_VERB_NOUN = re.compile(r"[A-Za-z]+-[A-Za-z0-9]+")


def convert_doc(path: Path) -> tuple[str, str, str, str] | None:
    """One platyPS doc -> (module, command name, UI culture, help JSON text); None for a page that
    documents no command (a module's landing page, an about_ topic) or names no module.

    The command is the doc's title unless the file is named after another command (as
    ``specs generate`` names the spec); the culture is the front matter's ``Locale`` (en-US when
    absent, as in PSOpenAI's docs).
    """
    from .markdown import parse_markdown

    text = path.read_text(encoding="utf-8-sig")
    doc = parse_markdown(text, path=path.name)
    if doc.is_module_page or not doc.module or not doc.name or doc.name.casefold().startswith("about_"):
        return None
    name = doc.name
    if _VERB_NOUN.fullmatch(path.stem) and path.stem.casefold() != name.casefold():
        name = path.stem
    culture = doc.front_matter.get("Locale") or "en-US"
    return doc.module, name, culture, help_text(doc, text, name)
