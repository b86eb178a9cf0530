"""Comment-based help: the ``.SYNOPSIS``/``.PARAMETER``/``.EXAMPLE`` ... comments of a function or script.

Where PowerShell looks (HelpCommentsParser): for a function, the comment block
just before ``function`` (at most one blank line between), else the first
comment block inside its body, else the last one before its closing brace;
for a script, its first comment block (unless it belongs to the script's
first function) or its last.  A block is help when every line is blank or a
``.KEYWORD`` directive with its text.  Parameter descriptions come from the
comments around each parameter declaration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import ast
from .tokens import Token, TokenKind

__all__ = ["CommentHelpInfo", "help_content_of"]

_DIRECTIVE = re.compile(r"^\s*\.(\w+)(\s+(\S.*))?\s*$")
_BLANK = re.compile(r"^\s*$")
_PROXIMITY = 2
_SECTIONS = {"SYNOPSIS": "synopsis", "DESCRIPTION": "description", "NOTES": "notes"}
_LISTS = {"LINK": "links", "EXAMPLE": "examples", "INPUTS": "inputs", "OUTPUTS": "outputs"}
_TRIMMED = {"COMPONENT": "component", "ROLE": "role", "FUNCTIONALITY": "functionality"}
_WITH_ARGUMENT = {
    "FORWARDHELPTARGETNAME": "forward_help_target_name",
    "FORWARDHELPCATEGORY": "forward_help_category",
    "REMOTEHELPRUNSPACE": "remote_help_runspace",
    "EXTERNALHELP": "maml_help_file",
}


@dataclass
class CommentHelpInfo:
    """PowerShell's CommentHelpInfo; ``parameters`` keys are upper-case parameter names."""

    synopsis: str | None = None
    description: str | None = None
    notes: str | None = None
    parameters: dict[str, str] = field(default_factory=dict)
    links: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    inputs: list[str] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    component: str | None = None
    role: str | None = None
    functionality: str | None = None
    forward_help_target_name: str | None = None
    forward_help_category: str | None = None
    remote_help_runspace: str | None = None
    maml_help_file: str | None = None


def _comment_lines(token: Token, lines: list[str]) -> None:
    text = token.text
    if text.startswith("<"):
        lines.extend(re.split(r"\r\n?|\n", text[2:-2]))
    else:
        lines.append(text.lstrip("#"))


def _section(lines: list[str], index: int) -> tuple[str, int]:
    """The text after the directive at ``index``, up to the next directive; and the last line read."""
    parts: list[str] = []
    indent: int | None = None
    index += 1
    while index < len(lines):
        line = lines[index]
        if indent is None and _BLANK.match(line):
            index += 1
            continue
        if _DIRECTIVE.match(line):
            break
        if indent is None:
            indent = len(line) - len(line.lstrip(" \t\xa0"))
        start = 0
        while start < len(line) and start < indent and line[start] in " \t\xa0":
            start += 1
        parts.append(line[start:] + "\n")
        index += 1
    return "".join(parts), index - 1


def _analyze(comments: list[Token]) -> CommentHelpInfo | None:
    lines: list[str] = []
    for comment in comments:
        _comment_lines(comment, lines)
    info = CommentHelpInfo()
    found = False
    index = 0
    while index < len(lines):
        match = _DIRECTIVE.match(lines[index])
        if match is None:
            if not _BLANK.match(lines[index]):
                return None
            index += 1
            continue
        found = True
        keyword = match.group(1).upper()
        argument = match.group(3)
        if argument is not None:
            if keyword == "PARAMETER":
                text, index = _section(lines, index)
                info.parameters.setdefault(argument.upper().strip(), text)
            elif keyword in _WITH_ARGUMENT:
                setattr(info, _WITH_ARGUMENT[keyword], argument.strip())
            else:
                return None
        elif keyword in _SECTIONS:
            text, index = _section(lines, index)
            setattr(info, _SECTIONS[keyword], text)
        elif keyword in _LISTS:
            text, index = _section(lines, index)
            getattr(info, _LISTS[keyword]).append(text.strip() if keyword == "LINK" else text)
        elif keyword in _TRIMMED:
            text, index = _section(lines, index)
            setattr(info, _TRIMMED[keyword], text.strip())
        else:
            return None
        index += 1
    return info if found else None


class _Tokens:
    """The script's tokens with their lines, for the proximity rules."""

    def __init__(self, root: ast.ScriptBlockAst) -> None:
        from .parser import parse_input

        self.source = root.extent.source
        self.tokens: list[Token] = []
        parse_input(self.source.text, tokens=self.tokens)

    def start_line(self, index: int) -> int:
        return self.source.line_number(self.tokens[index].start)

    def end_line(self, index: int) -> int:
        return self.source.line_number(self.tokens[index].end)

    def first_in(self, start: int, begin: int = 0) -> int:
        index = begin
        while index < len(self.tokens) and self.tokens[index].end <= start:
            index += 1
        return index

    def last_in(self, end: int, begin: int) -> int:
        index = begin
        while index < len(self.tokens) and self.tokens[index].start < end:
            index += 1
        return index - 1

    def block_at(self, index: int) -> tuple[list[Token], int]:
        """The comment block starting at ``index`` (blank lines before it allowed), and where scanning stopped."""
        block: list[Token] = []
        next_max_line: int | None = None
        while index < len(self.tokens):
            token = self.tokens[index]
            if next_max_line is not None and self.start_line(index) > next_max_line:
                break
            if token.kind is TokenKind.Comment:
                block.append(token)
                next_max_line = self.end_line(index) + 1
            elif token.kind is not TokenKind.NewLine:
                break
            index += 1
        return block, index

    def block_before(self, index: int, proximity: int) -> list[Token]:
        block: list[Token] = []
        min_end_line = self.start_line(index) - proximity
        for before in range(index - 1, -1, -1):
            token = self.tokens[before]
            if self.end_line(before) < min_end_line:
                break
            if token.kind is TokenKind.Comment:
                block.append(token)
                min_end_line = self.start_line(before) - 1
            elif token.kind is not TokenKind.NewLine:
                break
        block.reverse()
        return block


def _parameter_descriptions(tokens: _Tokens, parameters: list[ast.ParameterAst], begin: int) -> dict[str, str]:
    descriptions: dict[str, str] = {}
    for parameter in parameters:
        lines: list[str] = []
        first = tokens.first_in(parameter.extent.start_offset, begin)
        for comment in tokens.block_before(first, _PROXIMITY):
            _comment_lines(comment, lines)
        last = tokens.last_in(parameter.extent.end_offset, first)
        for index in range(first, last):
            if tokens.tokens[index].kind is TokenKind.Comment:
                _comment_lines(tokens.tokens[index], lines)
        for comment in tokens.block_at(last + 1)[0]:
            _comment_lines(comment, lines)
        text, _ = _section(lines, -1)
        if text:
            descriptions[parameter.name.variable_path.unqualified_path.upper()] = text
    return descriptions


def help_content_of(node: ast.FunctionDefinitionAst | ast.ScriptBlockAst) -> CommentHelpInfo | None:
    """The comment-based help of a function or script block, or None when it has none."""
    root: ast.Ast = node
    while root.parent is not None:
        root = root.parent
    assert isinstance(root, ast.ScriptBlockAst)
    tokens = _Tokens(root)
    if isinstance(node, ast.ScriptBlockAst) and isinstance(node.parent, ast.FunctionDefinitionAst):
        node = node.parent
    body = node.body if isinstance(node, ast.FunctionDefinitionAst) else node
    parameters = list(node.parameters or []) if isinstance(node, ast.FunctionDefinitionAst) else []
    if body.param_block is not None:
        parameters.extend(body.param_block.parameters)

    def result(block: list[Token], begin: int) -> CommentHelpInfo | None:
        info = _analyze(block)
        if info is not None:
            for name, text in _parameter_descriptions(tokens, parameters, begin).items():
                info.parameters.setdefault(name, text)
        return info

    if isinstance(node, ast.FunctionDefinitionAst):
        keyword = tokens.first_in(node.extent.start_offset)
        block = tokens.block_before(keyword, _PROXIMITY)
        if _analyze(block) is not None:
            return result(block, keyword)
        begin = keyword
        start = tokens.first_in(node.body.extent.start_offset) + 1
        last = tokens.last_in(node.extent.end_offset, keyword)
    elif node is root:
        begin = start = 0
        last = len(tokens.tokens) - 1
    else:
        begin = start = tokens.first_in(node.extent.start_offset) + 1
        last = tokens.last_in(node.extent.end_offset, start)
    while True:
        block, start = tokens.block_at(start)
        if not block:
            break
        if _analyze(block) is None:
            continue
        if node is root and isinstance(node, ast.ScriptBlockAst):
            end_block = node.end_block
            if end_block is not None and end_block.unnamed and end_block.statements:
                first = end_block.statements[0]
                if isinstance(first, ast.FunctionDefinitionAst):
                    between = first.extent.start_line_number - tokens.source.line_number(block[-1].end)
                    if between <= _PROXIMITY:
                        break  # the block is the first function's help
        return result(block, begin)
    if 0 <= last < len(tokens.tokens):
        block = tokens.block_before(last, tokens.start_line(last))
        return result(block, begin)
    return None
