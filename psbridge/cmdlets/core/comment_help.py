"""Comment-based help of a script function, read as pwsh's HelpCommentsParser reads it.

The help is a comment -- one ``<# ... #>`` block or a run of ``#`` lines -- at the start of the
function's body, at its end, or right before the ``function`` keyword (at most one blank line
between).  It counts only when it has at least one keyword line (``.SYNOPSIS``,
``.DESCRIPTION``, ``.PARAMETER <name>``, ``.EXAMPLE``, ``.INPUTS``, ``.OUTPUTS``, ``.NOTES``,
``.LINK`` ...); the text under a keyword runs to the next keyword.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["comment_help_of", "parameter_comments"]

_KEYWORD = re.compile(r"^\s*\.([A-Za-z]+)(?:\s+(.*?))?\s*$")
_KNOWN = {
    "synopsis", "description", "parameter", "example", "inputs", "outputs", "notes", "link", "component",
    "role", "functionality", "forwardhelptargetname", "forwardhelpcategory", "remotehelprunspace",
    "externalhelp",
}  # fmt: skip
_BLOCK = re.compile(r"<#(.*?)#>", re.DOTALL)


def _comment_blocks(text: str) -> list[str]:
    """The comments at the start of ``text`` (whitespace skipped), as their inner lines."""
    blocks: list[str] = []
    rest = text.lstrip()
    while rest:
        if rest.startswith("<#"):
            match = _BLOCK.match(rest)
            if match is None:
                break
            blocks.append(match.group(1))
            rest = rest[match.end() :].lstrip()
        elif rest.startswith("#"):
            lines = []
            while rest.startswith("#"):
                line, _newline, rest = rest.partition("\n")
                lines.append(line[1:])
                rest = rest.lstrip(" \t")
                if rest.startswith("\n"):
                    break  # a blank line ends a run of line comments
            blocks.append("\n".join(lines))
            rest = rest.lstrip()
        else:
            break
    return blocks


def _trailing_comment(text: str) -> str | None:
    """The comment right before the end of ``text`` (at most one blank line after it)."""
    stripped = text.rstrip(" \t")
    if stripped.endswith("\n\n\n") or not stripped.strip():
        return None
    tail = stripped.rstrip()
    if tail.endswith("#>"):
        start = tail.rfind("<#")
        return tail[start + 2 : -2] if start >= 0 else None
    lines = tail.split("\n")
    comment: list[str] = []
    for line in reversed(lines):
        if line.lstrip().startswith("#") and not line.lstrip().startswith("#>"):
            comment.insert(0, line.lstrip()[1:])
        else:
            break
    return "\n".join(comment) if comment else None


def _parse(comment: str) -> dict[str, Any] | None:
    sections: list[tuple[str, str, list[str]]] = []
    for line in comment.split("\n"):
        match = _KEYWORD.match(line)
        if match and match.group(1).casefold() in _KNOWN:
            sections.append((match.group(1).casefold(), (match.group(2) or "").strip(), []))
        elif sections:
            sections[-1][2].append(line)
    if not sections:
        return None

    def text(lines: list[str]) -> str:
        cleaned = [line.rstrip() for line in lines]
        indents = [len(line) - len(line.lstrip()) for line in cleaned if line.strip()]
        cut = min(indents) if indents else 0
        return "\n".join(line[cut:] for line in cleaned).strip("\n")

    # Each section's text is one MAML paragraph, as written less its common indentation.
    data: dict[str, Any] = {"parameter_text": {}, "examples": [], "links": [], "inputs": [], "outputs": []}
    for keyword, argument, lines in sections:
        body = text(lines)
        if keyword == "synopsis":
            data["synopsis"] = body
        elif keyword == "description":
            data["description"] = [body] if body else []
        elif keyword == "parameter" and argument:
            data["parameter_text"][argument] = [body] if body else []
        elif keyword == "example":
            # GetExampleSections: a leading prompt (up to the first '>') is kept apart, else "PS > ".
            prompt = re.match(r"^.*?>", body)
            content = body[prompt.end() :] if prompt else body
            code, _blank, remarks = content.partition("\n\n")
            rule = "-" * 26
            data["examples"].append({
                "title": f"{rule} EXAMPLE {len(data['examples']) + 1} {rule}",
                "prompt": prompt.group(0) if prompt else "PS > ",
                "code": code.strip(),
                "remarks": [remarks.strip("\n")] if remarks.strip() else [],
            })  # fmt: skip
        elif keyword in ("inputs", "outputs"):
            data[keyword].append({"type": body, "description": []})
        elif keyword == "notes":
            data["notes"] = [body] if body else []
        elif keyword == "link":
            # a .LINK that is an absolute URI is the link's address, anything else its text
            is_uri = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$", body.strip()) is not None
            data["links"].append({"text": "" if is_uri else body.strip(), "uri": body.strip() if is_uri else ""})
        elif keyword in ("component", "role", "functionality"):
            data[keyword] = body
        elif keyword == "forwardhelptargetname":
            data["forward"] = argument or body.strip()
    return data


_LINE_COMMENT = re.compile(r"^\s*#(?!>)(.*)$")


def _comment_lines(text: str) -> list[str]:
    """The comment text in ``text``: ``<# #>`` blocks and ``#`` lines (code lines are skipped)."""
    lines: list[str] = []
    for block in _BLOCK.finditer(text):
        lines.extend(block.group(1).split("\n"))
    rest = _BLOCK.sub("", text)
    for line in rest.split("\n"):
        match = _LINE_COMMENT.match(line)
        if match:
            lines.append(match.group(1))
    return lines


def _leading_comments(text: str) -> str:
    """The comments at the start of ``text``, up to its first other token (a comma, a parenthesis)."""
    return "\n".join(f"<#{block}#>" for block in _comment_blocks(text))


def parameter_comments(function: Any) -> dict[str, list[str]]:
    """Parameter descriptions written as comments in the param block (GetParameterComments): the
    comments right before a parameter, inside it (between its type and its name) and right after
    it (before the comma)."""
    compiled = getattr(getattr(function, "script_block", None), "compiled", None)
    nodes = list(getattr(compiled, "parameter_nodes", None) or [])
    found: dict[str, list[str]] = {}
    if not nodes:
        return found
    source = nodes[0].extent.source.text
    previous = source.rfind("(", 0, nodes[0].extent.start_offset) + 1
    for index, node in enumerate(nodes):
        start, end = node.extent.start_offset, node.extent.end_offset
        before = source[previous:start]
        before = before[before.rfind(",") + 1 :]  # the comment after the previous parameter's comma
        following = nodes[index + 1].extent.start_offset if index + 1 < len(nodes) else len(source)
        after = _leading_comments(source[end:following])
        lines = _comment_lines(before) + _comment_lines(source[start:end]) + _comment_lines(after)
        text = "\n".join(line.strip() for line in lines).strip("\n")
        name = str(getattr(getattr(node.name, "variable_path", None), "unqualified_path", "") or "")
        if text:
            found[name] = [text]
        previous = end
    return found


def comment_help_of(function: Any) -> dict[str, Any] | None:
    """The comment-based help of a script function (None when it has none)."""
    compiled = getattr(getattr(function, "script_block", None), "compiled", None)
    node = getattr(compiled, "ast", None)
    if node is None:
        return None
    body = node.extent.text
    inner = body[1:-1] if body.startswith("{") and body.endswith("}") else body
    candidates = _comment_blocks(inner)[:1]
    trailing = _trailing_comment(inner)
    if trailing is not None:
        candidates.append(trailing)
    parent = getattr(node, "parent", None)
    if parent is not None and type(parent).__name__ == "FunctionDefinitionAst":
        before = parent.extent.source.text[: parent.extent.start_offset]
        leading = _trailing_comment(before)
        if leading is not None:
            candidates.insert(0, leading)
    for comment in candidates:
        found = _parse(comment)
        if found is not None:
            described = {key.casefold() for key in found["parameter_text"]}
            for name, text in parameter_comments(function).items():
                if name and name.casefold() not in described:  # .PARAMETER wins over a comment in the param block
                    found["parameter_text"][name] = text
            return found
    return None
