"""``pipeline &``: a pipeline run as a background job (PipelineOps.InvokePipelineInBackground).

pwsh rewrites the pipeline's text with every variable the caller has (other than ``$PID``,
``$PSVersionTable``, ``$PSEdition``, ``$PSHOME``, ``$Host``, ``$true``, ``$false`` and ``$null``,
global-qualified or not) turned into ``${using:name}``, and runs ``Start-Job -WorkingDirectory
<location> -ScriptBlock <that>``: the job gets copies of the values, its own ``$PID``, the
caller's location, and the pipeline's redirections happen in the job.  The job object is the
statement's output.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["run_in_background"]

_MAGIC = re.compile(r"^(global:)?(PID|PSVersionTable|PSEdition|PSHOME|HOST|TRUE|FALSE|NULL)$", re.IGNORECASE)


def background_text(node: Any, runspace: Any) -> str:
    """The pipeline's text with the caller's variables as ``${using:name}``."""
    from ...language import ast

    text: str = node.extent.text
    start = node.extent.start_offset
    parts: list[str] = []
    position = 0
    variables = sorted(node.find_all(lambda n: isinstance(n, ast.VariableExpressionAst)),
                       key=lambda n: n.extent.start_offset)  # fmt: skip
    for variable in variables:
        name = variable.variable_path.user_path
        if _MAGIC.match(name) or not runspace.get_variable(name)[0]:
            continue
        offset = variable.extent.start_offset - start
        parts.append(text[position:offset])
        parts.append("${using:" + name.replace("}", "`}") + "}")
        position = variable.extent.end_offset - start
    parts.append(text[position:])
    return "".join(parts)


def run_in_background(node: Any, scope: Any, out: Any) -> None:
    """Start the job for ``node`` (a PipelineAst with ``&``) and write it to ``out``."""
    from ...binding import CommandArgument
    from ...language.engine.scriptblock import ScriptBlock
    from ...runtime.commands import resolve_cmdlet
    from ...runtime.pipeline import CommandCall, run_pipeline

    context = scope.context
    runspace = context.runspace
    block = ScriptBlock.from_text(background_text(node, runspace), context)
    arguments = [
        CommandArgument.named("WorkingDirectory", runspace.location.path),
        CommandArgument.named("ScriptBlock", block),
    ]
    run_pipeline(runspace, [CommandCall("Start-Job", arguments, command=resolve_cmdlet("Start-Job"))], output=out)
