"""try/catch/finally and trap.

While a ``try`` body runs, errors that would only end their statement go up instead
(``context.propagate``, PowerShell's PropagateExceptionsToEnclosingStatementBlock), so a
``catch`` sees them even from functions it calls.  The catch whose type is nearest to
the error's type wins (PowerShell ranks the handlers: ExceptionHandlingOps.
FindMatchingHandler), the inner exception of a thrown exception first; ``$_`` is the
ErrorRecord.  A trap is the same for the rest of its statement list: it runs, then
``continue`` goes on silently, ``break`` ends the block, and falling off its end reports
the error and goes on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...errors import ErrorRecord, PSError, mark_halted
from .. import ast
from ..engine.errors import as_runtime_error, check_action_preference, error_action
from ..engine.exceptions import catch_type, exception_type_chain
from ..engine.flow import BreakException, ContinueException, FlowControl
from ..engine.values import restore_underbar, save_underbar
from .core import CompilerCore, sets_success

if TYPE_CHECKING:
    from ...runtime.scopes import Scope
    from .core import Out, Stmt

__all__ = ["TryCompiler", "error_record_of", "find_handler"]

_CATCH_ALL = -1


def error_record_of(error: PSError) -> ErrorRecord:
    return error.error_record


def _candidates(error: PSError) -> list[BaseException]:
    """The exceptions a handler may match: the thrown exception inside first, then the error
    itself, then the exception an -ErrorAction Stop record carries."""
    found: list[BaseException] = []
    inner = getattr(error, "inner_exception", None)
    if isinstance(inner, BaseException):
        found.append(inner)
    found.append(error)
    record_exception = error.error_record.exception
    if record_exception is not error and isinstance(record_exception, BaseException):
        found.append(record_exception)
    if getattr(error, "_psbridge_action_stop", False):
        found.append(_ACTION_STOP)  # what pwsh throws for -ErrorAction Stop, carrying the record
    return found


class _ActionPreferenceStop(Exception):
    dotnet_exception_type = "System.Management.Automation.ActionPreferenceStopException"


_ACTION_STOP = _ActionPreferenceStop()


def find_handler(error: PSError, handlers: list[list[str] | None]) -> int | None:
    """The index of the best handler for ``error`` (a list of type names; None catches all)."""
    best: tuple[int, int] | None = None
    for candidate in _candidates(error):
        chain = exception_type_chain(candidate)
        for index, names in enumerate(handlers):
            if names is None:
                continue
            for name in names:
                if name in chain:
                    rank = chain.index(name)
                    if best is None or rank < best[0]:
                        best = (rank, index)
    if best is not None:
        return best[1]
    for index, names in enumerate(handlers):
        if names is None:
            return index
    return None


class _Types:
    """Handler type names, resolved on first use (an unknown type is TypeNotFound then)."""

    def __init__(self, nodes: list[list[ast.TypeConstraintAst] | None]) -> None:
        self.nodes = nodes
        self.names: list[list[str] | None] | None = None

    def get(self) -> list[list[str] | None]:
        if self.names is None:
            self.names = [
                None if not types else [catch_type(str(t.type_name.full_name)) for t in types] for types in self.nodes
            ]
        return self.names


class TryCompiler(CompilerCore):
    """``stmt_TryStatementAst`` and statement lists with traps."""

    def stmt_TryStatementAst(self, node: ast.TryStatementAst) -> Stmt:
        body = self.statement_block(node.body)
        clauses = node.catch_clauses
        types = _Types([list(clause.catch_types) or None for clause in clauses])
        handlers = [self.statement_block(clause.body) for clause in clauses]
        finally_ = self.statement_block(node.finally_) if node.finally_ is not None else None
        extent = node.extent

        def run(scope: Scope, out: Out) -> None:
            context = scope.context
            context.propagate += 1
            propagating = True
            try:
                body(scope, out)
            except FlowControl:
                raise
            except Exception as failure:
                context.propagate -= 1
                propagating = False
                if not handlers:
                    raise
                error = as_runtime_error(failure, extent)
                record = error.error_record
                runspace = context.runspace
                if not (runspace.error_list and runspace.error_list[0] is record):
                    runspace.record_error(record)
                index = find_handler(error, types.get())
                if index is None:
                    if error is failure:
                        raise
                    raise error from failure
                previous = save_underbar(scope)
                scope.set("_", record)
                outer = context.handling
                context.handling = error
                try:
                    handlers[index](scope, out)
                finally:
                    context.handling = outer
                    restore_underbar(scope, previous)
            finally:
                if propagating:
                    context.propagate -= 1
                if finally_ is not None:
                    finally_(scope, out)

        return run

    def trapped_list(self, statements: list[ast.StatementAst], traps: list[ast.TrapStatementAst]) -> Stmt:
        triples = tuple((self.stmt(statement), statement.extent, sets_success(statement)) for statement in statements)
        types = _Types([[trap.trap_type] if trap.trap_type is not None else None for trap in traps])
        bodies = [self.statement_block(trap.body) for trap in traps]

        def run(scope: Scope, out: Out) -> None:
            context = scope.context
            for statement, extent, succeeds in triples:
                context.propagate += 1
                try:
                    statement(scope, out)
                    if succeeds:  # $? after a pure expression, as in an untrapped list
                        context.question = True
                except FlowControl:
                    raise
                except Exception as failure:
                    context.propagate -= 1
                    try:
                        _trap(scope, out, failure, extent, types, bodies)
                    finally:
                        context.propagate += 1
                finally:
                    context.propagate -= 1

        return run


def _trap(scope: Scope, out: Out, failure: Exception, extent: Any, types: _Types, bodies: list[Stmt]) -> None:
    """ProcessTraps: run the matching trap, then continue, stop or report as it says."""
    error = as_runtime_error(failure, extent)
    index = find_handler(error, types.get())
    if index is None:
        check_action_preference(scope, failure, extent)
        return
    context = scope.context
    runspace = context.runspace
    record = error.error_record
    context.question = False
    if not (runspace.error_list and runspace.error_list[0] is record):
        runspace.record_error(record)
    from ...runtime.scopes import Scope as _Scope

    trap_scope = _Scope(scope)
    trap_scope.set("_", record)
    outer = context.handling
    context.handling = error
    try:
        bodies[index](trap_scope, out)
    except ContinueException:
        return
    except BreakException:
        mark_halted(error)
        raise error from None
    finally:
        context.handling = outer
    preference = error_action(scope)
    if preference in ("silentlycontinue", "ignore"):
        return
    if preference == "stop":
        mark_halted(error)
        raise error from None
    runspace.streams.add_error(record)
