"""Comment-based help of a script function, shaped for Get-Help's views.

Finding the help comment and splitting it into sections is :mod:`psbridge.language.help`'s job
(pwsh's HelpCommentsParser: the block before ``function``, at the start or end of the body, and
parameter descriptions written as comments in the param block).  What is left here is the MAML
shape Get-Help prints: each section one paragraph, less its common indentation; an example's
prompt kept apart from its code and remarks; a ``.LINK`` that is an absolute URI is an address.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["comment_help_of"]

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://\S+$")
_RULE = "-" * 26


def _paragraph(text: str | None) -> str:
    """A section's text as one MAML paragraph: as written, less its common indentation."""
    lines = [line.rstrip() for line in (text or "").split("\n")]
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(line[cut:] for line in lines).strip("\n")


def _example(number: int, text: str) -> dict[str, Any]:
    # GetExampleSections: a leading prompt (up to the first '>') is kept apart, else "PS > ".
    body = _paragraph(text)
    prompt = re.match(r"^.*?>", body)
    content = body[prompt.end() :] if prompt else body
    code, _blank, remarks = content.partition("\n\n")
    return {
        "title": f"{_RULE} EXAMPLE {number} {_RULE}",
        "prompt": prompt.group(0) if prompt else "PS > ",
        "code": code.strip(),
        "remarks": [remarks.strip("\n")] if remarks.strip() else [],
    }


def _link(text: str) -> dict[str, str]:
    target = text.strip()
    is_uri = _URI.match(target) is not None
    return {"text": "" if is_uri else target, "uri": target if is_uri else ""}


def comment_help_of(function: Any) -> dict[str, Any] | None:
    """The comment-based help of a script function (None when it has none)."""
    from ...language.help import help_content_of

    compiled = getattr(getattr(function, "script_block", None), "compiled", None)
    node = getattr(compiled, "ast", None)
    if node is None:
        return None
    info = help_content_of(node)
    if info is None:
        return None
    names = {
        parameter.name.variable_path.unqualified_path.upper(): parameter.name.variable_path.unqualified_path
        for parameter in getattr(compiled, "parameter_nodes", None) or ()
    }
    data: dict[str, Any] = {
        "parameter_text": {
            names.get(key, key): [described]
            for key, written in info.parameters.items()
            if (described := _paragraph(written))
        },
        "examples": [_example(number, text) for number, text in enumerate(info.examples, 1)],
        "links": [_link(text) for text in info.links],
        "inputs": [{"type": _paragraph(text), "description": []} for text in info.inputs],
        "outputs": [{"type": _paragraph(text), "description": []} for text in info.outputs],
    }
    if info.synopsis is not None:
        data["synopsis"] = _paragraph(info.synopsis)
    if info.description is not None:
        data["description"] = [text] if (text := _paragraph(info.description)) else []
    if info.notes is not None:
        data["notes"] = [text] if (text := _paragraph(info.notes)) else []
    for keyword in ("component", "role", "functionality"):
        value = getattr(info, keyword)
        if value is not None:
            data[keyword] = value
    if info.forward_help_target_name:
        data["forward"] = info.forward_help_target_name
    return data
