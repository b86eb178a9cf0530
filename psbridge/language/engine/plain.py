"""A plain command line run without the parser and compiler: ``psbridge -Command "Get-Thread -ThreadId x"``.

Most command lines handed to the ``psbridge`` command are one cmdlet with ``-Name value``
words (:mod:`..plain_command` reads them).  Running those through :func:`.run.run_text`
imports the tokenizer, parser, compiler and script-block machinery -- about a quarter of
the command's start-up -- to build closures that then do what this module does directly:
resolve the name (aliases followed, as :func:`.commands.resolve_command` does) to a cmdlet,
hand the words to the binder as the compiled statement would (``-Name`` a parameter token
the binder pairs with the next word, every other word a positional value), and run the
one-command pipeline in the global scope with the runspace's language session.

The command's error records get its position (``At line:1 char:1``, the line, ``~`` under
it) from an extent over the whole text, which is what the parser's command and statement
extents of a one-line plain command are; an error that ends the statement is then recorded
and written, or raised under ``-ErrorAction Stop``, by the same
:func:`.errors.check_action_preference` the compiled statement calls.  Anything else -- a
line that is not plain, a name that is a function or no cmdlet (its CommandNotFoundException
carries a position too) -- returns False before anything ran, and the caller takes the full
path.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..plain_command import plain_command

if TYPE_CHECKING:
    from ...runtime import Runspace

__all__ = ["run_plain_text"]


def _cmdlet(runspace: Runspace, name: str) -> Any:
    """The cmdlet class ``name`` resolves to in the global scope, else None (a function, a
    removed alias, a module-qualified alias target, or no such cmdlet: the full path decides)."""
    from ...errors import CommandNotFoundError
    from ...runtime.commands import resolve_cmdlet

    scope = runspace.global_scope
    for _ in range(32):  # aliases may chain, never forever
        if scope.find_function(name) is not None:
            return None
        target = scope.find_alias(name)
        if target == "":
            return None
        if target is None or target.casefold() == name.casefold():
            break
        name = target
    if "\\" in name:
        return None
    try:
        return resolve_cmdlet(name)
    except CommandNotFoundError:
        return None


def run_plain_text(runspace: Runspace, text: str, output: Callable[[Any], None]) -> bool:
    """Run ``text`` as :func:`.run.run_text` would if it is a plain command line naming a cmdlet;
    False (nothing run) when it is not."""
    plain = plain_command(text)
    if plain is None:
        return False
    name, words = plain
    command = _cmdlet(runspace, name)
    if command is None:
        return False
    from ...binding.arguments import CommandArgument
    from ...conversion.typenames import USING_NAMESPACES
    from ...runtime.pipeline import NO_INPUT, CommandCall, run_pipeline
    from ..extent import SourceText
    from .context import CURRENT, context_of
    from .flow import BreakException, ContinueException, ExitException, FlowControl, ReturnException

    arguments = [
        CommandArgument.parameter(item, text="-" + item) if is_parameter else CommandArgument.positional(item)
        for is_parameter, item in words
    ]
    # The command's extent, and the statement's: the whole line (plain text has no outer spaces).
    extent = SourceText(text).extent(0, len(text))
    context = context_of(runspace)
    scope = runspace.global_scope
    token = CURRENT.set(context)
    using = USING_NAMESPACES.set(())
    previous = runspace.current_scope
    runspace.current_scope = scope
    context.enter()
    try:
        try:
            context.question = True
            written = runspace.errors_written
            call = CommandCall(name, arguments, command=command, extent=extent)
            run_pipeline(runspace, [call], NO_INPUT, output=output)
            if runspace.errors_written != written:
                context.question = False
        except ReturnException:
            pass  # as a script block's run ends at ``return``
        except FlowControl:
            raise
        except Exception as error:
            from .errors import check_action_preference

            check_action_preference(scope, error, extent)
    except ExitException as exit_:
        context.exit(exit_.code)
    except (BreakException, ContinueException):
        pass
    finally:
        context.leave()
        runspace.current_scope = previous
        USING_NAMESPACES.reset(using)
        CURRENT.reset(token)
    return True
