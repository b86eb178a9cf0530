"""Running script text and script files in a runspace (what ``psbridge.run``, the hosting
API and the command line call).

Text runs in the global scope, as ``pwsh -Command`` does; a file runs as a script command
(its param block binds the command line's arguments, it gets a script scope and
``$PSScriptRoot``).  An error that ends the script (``throw``, ``-ErrorAction Stop``,
``$ErrorActionPreference = 'Stop'``) raises; ``exit N`` ends it quietly with
``$LASTEXITCODE`` set; a ``break``/``continue`` outside any loop ends it quietly too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ...conversion.typenames import USING_NAMESPACES
from ...runtime.scopes import PSVariable
from .context import CURRENT, context_of
from .flow import BreakException, ContinueException, ExitException
from .scriptblock import CompiledScriptBlock

if TYPE_CHECKING:
    from ...binding import CommandArgument
    from ...runtime import Runspace
    from .. import ast

__all__ = ["file_arguments", "run_file", "run_text", "run_tree"]


def run_tree(
    runspace: Runspace,
    tree: ast.ScriptBlockAst,
    *,
    input: Iterable[Any] | None = None,
    output: Callable[[Any], None] | None = None,
) -> list[Any]:
    """Run a parsed script in the runspace's global scope; its output (or [] with ``output``)."""
    context = context_of(runspace)
    compiled = CompiledScriptBlock(tree)
    collected: list[Any] = []
    sink = output or collected.append
    scope = runspace.global_scope
    token = CURRENT.set(context)
    using = USING_NAMESPACES.set(compiled.namespaces)
    previous = runspace.current_scope
    runspace.current_scope = scope
    items = list(input) if input is not None else None
    try:
        if items is not None:
            scope.variables["input"] = PSVariable("input", items)
        if compiled.process is not None and items:
            for item in items:
                scope.set("_", item)
                compiled.run(compiled.process, scope, sink, context)
        else:
            compiled.run(compiled.begin, scope, sink, context)
            compiled.run(compiled.process, scope, sink, context)
        compiled.run(compiled.end, scope, sink, context)
    except ExitException as exit_:
        context.exit(exit_.code)
    except (BreakException, ContinueException):
        pass
    finally:
        runspace.current_scope = previous
        USING_NAMESPACES.reset(using)
        CURRENT.reset(token)
    return collected


def run_text(
    runspace: Runspace,
    text: str,
    *,
    input: Iterable[Any] | None = None,
    output: Callable[[Any], None] | None = None,
    file: str | None = None,
) -> list[Any]:
    """Parse (a leading ``PS C:\\>`` prompt is skipped, as docs show) and run."""
    from ..parser import parse

    return run_tree(runspace, parse(text, file, prompts=True), input=input, output=output)


def file_arguments(args: Sequence[str]) -> list[CommandArgument]:
    """``pwsh -File x.ps1 -Name value -Switch -Flag:$false``: the arguments as the binder takes them."""
    from ...binding import CommandArgument

    result: list[CommandArgument] = []
    for arg in args:
        if arg.startswith("-") and len(arg) > 1 and not arg[1].isdigit():
            name, colon, value = arg[1:].partition(":")
            if colon:
                folded = value.casefold()
                parsed: Any = {"$true": True, "$false": False}.get(folded, value)
                result.append(CommandArgument.named(name, parsed, text=f"-{name}:"))
            else:
                result.append(CommandArgument.parameter(name, text=arg))
        else:
            result.append(CommandArgument.positional(arg))
    return result


def run_file(
    runspace: Runspace,
    path: str,
    arguments: Sequence[CommandArgument] = (),
    *,
    text: str | None = None,
    output: Callable[[Any], None] | None = None,
) -> list[Any]:
    """Run a script file as PowerShell's ``-File`` does: its param block binds ``arguments``
    (``text``: the file's text, already read)."""
    import os

    from ...runtime.pipeline import CommandCall, run_pipeline
    from .commands import ExternalScriptInfo
    from .scriptblock import ScriptBlock

    context = context_of(runspace)
    token = CURRENT.set(context)
    try:
        if text is None:
            info = ExternalScriptInfo.load(runspace.global_scope, path, dot_source=False)
        else:
            full = os.path.abspath(path)
            info = ExternalScriptInfo(full, ScriptBlock(ExternalScriptInfo.compile(text, full), context))
        using = USING_NAMESPACES.set(info.compiled.namespaces)
        try:
            return run_pipeline(runspace, [CommandCall(info.name, list(arguments), command=info)], output=output)  # type: ignore[arg-type]
        finally:
            USING_NAMESPACES.reset(using)
    except ExitException as exit_:
        context.exit(exit_.code)
        return []
    except (BreakException, ContinueException):
        return []
    finally:
        CURRENT.reset(token)
