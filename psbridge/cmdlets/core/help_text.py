"""How Get-Help's objects print: the custom controls of PowerShell's Help.format.ps1xml.

pwsh lays a MamlCommandHelpInfo out by its view (DefaultCommandHelp, VerboseCommandHelp for
-Detailed, FullCommandHelp for -Full, ExampleCommandHelp for -Examples; MamlCommandParameterView
for -Parameter; ReducedDefaultCommandHelp for a command without help).  Each section is a heading
at the margin and its body in a frame indented four spaces, paragraphs wrapped to the width;
these functions write the same lines (blank lines carry no trailing spaces).  They read the help
object's properties, so a help object changed by a script prints as changed.
"""

from __future__ import annotations

import contextlib
import contextvars
import textwrap
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = [
    "COMMON_PARAMETERS_TEXT",
    "example_title",
    "help_lines",
    "parameter_lines",
    "reduced_parameter_lines",
    "section_lines",
    "short_syntax",
    "syntax_item_text",
    "wrapping",
]

#: The width pwsh formats to when output is redirected (the help view wraps its prose to it).
WIDTH = 120
_width = contextvars.ContextVar("help_width", default=WIDTH)


@contextlib.contextmanager
def wrapping(width: int) -> Iterator[None]:
    """Wrap the help's prose to ``width`` (the console's, or Out-String -Width) while rendering."""
    token = _width.set(max(int(width), 40))
    try:
        yield
    finally:
        _width.reset(token)


#: HelpDisplayStrings.BaseCmdletInformation.
COMMON_PARAMETERS_TEXT = (
    "This cmdlet supports the common parameters: Verbose, Debug,",
    "ErrorAction, ErrorVariable, WarningAction, WarningVariable,",
    "OutBuffer, PipelineVariable, and OutVariable. For more information, see",
    "about_CommonParameters (https://go.microsoft.com/fwlink/?LinkID=113216).",
)


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if obj is None:
        return default
    try:
        value = obj[name]
    except (KeyError, TypeError, IndexError):
        value = getattr(obj, name, default)
    return default if value is None else value


def _items(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def _texts(value: Any) -> list[str]:
    """Paragraph texts of a description (MamlParaTextItem objects or strings)."""
    return [str(_get(item, "Text", item)) if not isinstance(item, str) else item for item in _items(value)]


def _wrap(text: str, indent: int) -> list[str]:
    """One paragraph at ``indent``, its own line breaks kept, long lines wrapped to the width."""
    pad = " " * indent
    lines: list[str] = []
    for raw in text.split("\n"):
        if not raw.strip():
            lines.append("")
            continue
        lead = len(raw) - len(raw.lstrip(" "))
        wrapped = textwrap.wrap(
            raw.strip(), max(_width.get() - indent - lead, 20), break_long_words=False, break_on_hyphens=False
        )
        lines.extend(pad + " " * lead + piece for piece in wrapped or [""])
    return [line.rstrip() for line in lines]


def _paragraphs(texts: Iterable[str], indent: int) -> list[str]:
    """Paragraphs one blank line apart, the last followed by its newline only."""
    out: list[str] = []
    for index, text in enumerate(texts):
        if index:
            out.append("")
        out.extend(_wrap(text, indent))
    return out


# -- syntax -------------------------------------------------------------------------------------------
def syntax_item_text(item: Any) -> str:
    """MamlParameterControl over one syntax item: ``Name [-A] <T> [[-B] <T>] [-C {x | y}] [<CommonParameters>]``."""
    parts = [str(_get(item, "name", ""))]
    for parameter in _items(_get(item, "parameter")):
        name = str(_get(parameter, "name"))
        optional = str(_get(parameter, "required", "false")).casefold() != "true"
        position = str(_get(parameter, "position", "named"))
        positional = position.strip() != "" and position.casefold() != "named"
        values = _items(_get(parameter, "parameterValueGroup"))
        value = _get(parameter, "parameterValue")
        if values:
            shown = " {" + " | ".join(str(v) for v in values) + "}"
        elif value:
            shown = f" <{value}>"
        else:
            shown = ""
        if optional and positional:
            parts.append(f"[[-{name}]{shown}]")
        elif optional:
            parts.append(f"[-{name}{shown}]")
        elif positional:
            parts.append(f"[-{name}]{shown}")
        else:
            parts.append(f"-{name}{shown}")
    if _get(item, "CommonParameters", True):
        parts.append("[<CommonParameters>]")
    return " ".join(parts)


def short_syntax(help_object: Any) -> list[str]:
    return [syntax_item_text(item) for item in _items(_get(_get(help_object, "syntax"), "syntaxItem"))]


def _syntax_section(help_object: Any) -> list[str]:
    out = ["SYNTAX"]
    for line in short_syntax(help_object):
        out.extend(_wrap(line, 4))
        out.append("")
    out.append("")
    return out


# -- sections ------------------------------------------------------------------------------------------
def _details(help_object: Any) -> list[str]:
    details = _get(help_object, "details")
    out = ["NAME", "    " + str(_get(details, "name", _get(help_object, "Name", ""))), "", "SYNOPSIS"]
    synopsis = _texts(_get(details, "description"))
    out.extend(_paragraphs(synopsis, 4) if synopsis else [""])
    out.extend(["", ""])
    return out


def _description(help_object: Any) -> list[str]:
    out = ["DESCRIPTION"]
    texts = _texts(_get(help_object, "description"))
    out.extend(_paragraphs(texts, 4))
    out.extend(["", ""])
    return out


def _links(help_object: Any) -> list[str]:
    out = ["RELATED LINKS"]
    for link in _items(_get(_get(help_object, "relatedLinks"), "navigationLink")):
        text, uri = str(_get(link, "linkText", "")), str(_get(link, "uri", ""))
        out.append(("    " + text + (" " if text else "") + uri).rstrip())
    return out


def _remarks(help_object: Any) -> list[str]:
    name = str(_get(_get(help_object, "details"), "name", _get(help_object, "Name", "")))
    out = [
        "REMARKS",
        f'    To see the examples, type: "Get-Help {name} -Examples"',
        f'    For more information, type: "Get-Help {name} -Detailed"',
        f'    For technical information, type: "Get-Help {name} -Full"',
    ]
    if _items(_get(_get(help_object, "relatedLinks"), "navigationLink")):
        out.append(f'    For online help, type: "Get-Help {name} -Online"')
    return out


def example_title(title: str) -> str:
    """platyPS pads an example's title with dashes into a rule (``---- Example 1: ... ----``)."""
    pad = "-" * max((64 - len(title)) // 2, 10)
    return f"{pad} {title} {pad}"


def _examples(help_object: Any) -> list[str]:
    out: list[str] = []
    for example in _items(_get(_get(help_object, "examples"), "example")):
        out.append("    " + str(_get(example, "title", "")))
        out.append("")
        introduction = "".join(_texts(_get(example, "introduction")))
        for line in (introduction + str(_get(example, "code", ""))).split("\n"):
            out.append(("    " + line).rstrip())
        out.append("")
        remarks = _texts(_get(example, "remarks"))
        if remarks:
            out.extend(_paragraphs(remarks, 4))
            out.append("")
        out.append("")
    return out


def parameter_lines(parameter: Any, *, full: bool = True, indent: int = 0) -> list[str]:
    """MamlFullParameterControl (``full``) or the Detailed view's name-and-prose block."""
    pad = " " * indent
    name = str(_get(parameter, "name", ""))
    value = _get(parameter, "parameterValue")
    head = f"{pad}-{name}"
    if value:
        optional = str(_get(parameter, "parameterValueRequired", "true")).casefold() != "true"
        head += f" [<{value}>]" if optional else f" <{value}>"
    out = [head]
    texts = _texts(_get(parameter, "description"))
    out.extend(_paragraphs(texts, indent + 4))
    out.append("")
    if not full:
        return out
    inner = " " * (indent + 4)
    position = str(_get(parameter, "position", "")) or "Named"
    out.extend([
        f"{inner}Required?                    {str(_get(parameter, 'required', 'false')).lower()}",
        f"{inner}Position?                    {position}",
        f"{inner}Default value                {_get(parameter, 'defaultValue', '')}".rstrip(),
        f"{inner}Accept pipeline input?       {_get(parameter, 'pipelineInput', 'False')}",
        f"{inner}Aliases                      {_get(parameter, 'aliases', '')}".rstrip(),
        f"{inner}Accept wildcard characters?  {str(_get(parameter, 'globbing', 'false')).lower()}",
        "",
    ])  # fmt: skip
    return out


def _parameters(help_object: Any, full: bool) -> list[str]:
    out = ["PARAMETERS"]
    for parameter in _items(_get(_get(help_object, "parameters"), "parameter")):
        out.extend(parameter_lines(parameter, full=full, indent=4))
    if _get(help_object, "CommonParameters", True):
        out.append("    <CommonParameters>")
        out.extend("        " + line for line in COMMON_PARAMETERS_TEXT)
        out.append("")
    return out


def _types(title: str, entries: list[Any]) -> list[str]:
    out = [title]
    for entry in entries:
        out.append("    " + str(_get(_get(entry, "type"), "name", "")))
        texts = _texts(_get(entry, "description"))
        if texts:
            out.extend(_paragraphs(texts, 8))
        out.append("")
    out.append("")
    return out


def _notes(help_object: Any) -> list[str]:
    texts = [text for alert in _items(_get(help_object, "alertSet")) for text in _texts(_get(alert, "alert"))]
    if not texts:
        return []
    return ["NOTES", "", "", *_paragraphs(texts, 8), "", ""]


# -- the views -------------------------------------------------------------------------------------------
def help_lines(help_object: Any, view: str, width: int = WIDTH) -> list[str]:
    """The lines of a command's help in ``view`` (default, detailed, full, examples; ``reduced:<view>``
    for a command without help), its prose wrapped to ``width``."""
    with wrapping(width):
        return _view_lines(help_object, view)


def _view_lines(help_object: Any, view: str) -> list[str]:
    if view.startswith("reduced"):
        return _reduced(help_object, view.partition(":")[2] or "syntax")
    if view == "examples":
        return _details(help_object) + _examples(help_object)
    lines = _details(help_object) + _syntax_section(help_object) + _description(help_object)
    if view == "default":
        return [*lines, *_links(help_object), "", *_remarks(help_object)]
    full = view == "full"
    lines += _parameters(help_object, full)
    if not full:
        return [*lines, *_examples(help_object), *_remarks(help_object)]
    lines += _types("INPUTS", _items(_get(_get(help_object, "inputTypes"), "inputType")))
    lines += _types("OUTPUTS", _items(_get(_get(help_object, "returnValues"), "returnValue")))
    lines += _notes(help_object)
    lines += _examples(help_object)
    return [*lines, *_links(help_object)]


def section_lines(kind: str, section: Any, width: int = WIDTH) -> list[str]:
    """A part of a help object printed on its own (``(Get-Help x).examples``): Help.format.ps1xml's
    views of MamlCommandHelpInfo#examples, #parameters, #syntax and #relatedLinks."""
    with wrapping(width):
        return _section_lines(kind, section)


def _section_lines(kind: str, section: Any) -> list[str]:
    holder = {kind: section}
    if kind == "examples":
        return _examples(holder)
    if kind == "parameters":
        return [line for parameter in _items(_get(section, "parameter")) for line in parameter_lines(parameter)]
    if kind == "syntax":
        return [line for text in short_syntax(holder) for line in (*_wrap(text, 0), "")]
    return [line[4:] for line in _links(holder)[1:]]


def reduced_parameter_lines(parameter: Any, indent: int = 0, full: bool = True) -> list[str]:
    """HelpV3.format.ps1xml's parameter block of a command without help (ReducedCommandHelpParameterView)."""
    pad, inner = " " * indent, " " * (indent + 4)
    name = str(_get(parameter, "name", ""))
    value = _get(parameter, "parameterValue")
    optional = str(_get(parameter, "parameterValueRequired", "true")).casefold() != "true"
    out = [f"{pad}-{name}" + ((f" [<{value}>]" if optional else f" <{value}>") if value else ""), ""]
    if not full:
        return out
    out[-1:] = []
    description = str(_get(parameter, "description", "") or "")
    out.extend(_wrap(description, indent + 4) if description else [])
    out.append("")
    out.extend([
        f"{inner}Required?                    {str(_get(parameter, 'required', 'false')).lower()}",
        f"{inner}Position?                    {_get(parameter, 'position', '') or 'Named'}",
        f"{inner}Accept pipeline input?       {_get(parameter, 'pipelineInput', 'false')}",
        f"{inner}Parameter set name           {_get(parameter, 'parameterSetName', '')}".rstrip(),
        f"{inner}Aliases                      {_get(parameter, 'aliases', '')}".rstrip(),
        f"{inner}Dynamic?                     {_get(parameter, 'isDynamic', 'false')}",
        f"{inner}Accept wildcard characters?  {_get(parameter, 'globbing', 'false')}",
        "",
    ])  # fmt: skip
    return out


def _reduced(help_object: Any, view: str = "syntax") -> list[str]:
    """HelpV3.format.ps1xml's views of a command without help: ReducedDefaultCommandHelp (NAME, SYNTAX,
    ALIASES, REMARKS), ReducedVerboseCommandHelp and ReducedFullCommandHelp (PARAMETERS too; the full
    one with their attribute lines, INPUTS and OUTPUTS), ReducedExamplesCommandHelp (NAME only)."""
    out = ["NAME", "    " + str(_get(help_object, "Name", "")), ""]
    if view != "examples":
        out.append("SYNTAX")
        for line in short_syntax(help_object):
            out.extend(_wrap(line, 4))
            out.append("")
        out.append("")
    if view in ("detailed", "full"):
        out.append("PARAMETERS")
        parameters = _items(_get(_get(help_object, "parameters"), "parameter"))
        for parameter in parameters:
            out.extend(reduced_parameter_lines(parameter, 4, full=view == "full"))
        if _get(help_object, "CommonParameters", False):
            out.append("    <CommonParameters>")
            out.extend("        " + line for line in COMMON_PARAMETERS_TEXT)
            out.append("")
        elif not parameters:
            out.extend(["    None", ""])
        out.append("")
    if view == "full":
        for title, holder, key in (("INPUTS", "inputTypes", "inputType"), ("OUTPUTS", "returnValues", "returnValue")):
            out.append(title)
            for entry in _items(_get(_get(help_object, holder), key)):
                out.extend("    " + name for name in str(_get(_get(entry, "type"), "name", "")).split("\n") if name)
            out.extend(["", ""])
    out.extend(["ALIASES", *_wrap(str(_get(help_object, "aliases", "")).strip() or "None", 4), "", ""])
    out.extend(["REMARKS", *_wrap(str(_get(help_object, "remarks", "None")), 4), ""])
    return out
