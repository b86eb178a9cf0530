"""The switch statement: every clause that matches runs, for each input item, with ``$_`` set.

Clause tests: a script block is run and its truth decides; otherwise the item is
compared with the clause's value by equality (``-exact``, the default), wildcard
(``-wildcard``) or regular expression (``-regex``, which sets ``$Matches``), case
insensitively unless ``-casesensitive``.  ``-file`` reads the lines of a file.  ``break``
leaves the switch; ``continue`` goes on with the next item; ``default`` runs when no
clause matched the item.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...conversion import RuntimeException, is_true, to_string
from ...conversion.operators import equals, like, match
from ...errors import ErrorCategory
from .. import ast
from ..ast.base import SwitchFlags
from ..engine.flow import BreakException, ContinueException
from ..engine.values import collapse, enumerate_value, restore_underbar, save_underbar
from .core import CompilerCore

if TYPE_CHECKING:
    from ...runtime.scopes import Scope
    from .core import Out, Stmt

__all__ = ["SwitchCompiler"]

Test = Callable[["Scope", Any], bool]


def _read_lines(scope: Scope, path: Any) -> list[str]:
    text = to_string(path)
    location = scope.context.runspace.location.path
    full = text if os.path.isabs(text) else os.path.join(location, text)
    try:
        with open(full, encoding="utf-8-sig") as handle:
            return handle.read().splitlines()
    except OSError:
        raise RuntimeException(
            f"Cannot find path '{full}' because it does not exist.",
            error_id="PathNotFound",
            category=ErrorCategory.ObjectNotFound,
            target_object=full,
        ) from None


class SwitchCompiler(CompilerCore):
    def _clause_test(self, node: ast.Ast, flags: SwitchFlags) -> Test:
        ignore_case = not flags & SwitchFlags.CaseSensitive
        if isinstance(node, ast.ScriptBlockExpressionAst):
            block_of = self.expr(node)

            def run_block(scope: Scope, item: Any) -> bool:
                return is_true(collapse(block_of(scope).invoke_with_underbar(item)))

            return run_block
        value_of = self.expr(node)
        if flags & SwitchFlags.Regex:

            def regex(scope: Scope, item: Any) -> bool:
                result, matches = match(to_string(item), value_of(scope), ignore_case)
                if result and matches is not None:
                    scope.set("Matches", matches)
                return bool(result)

            return regex
        if flags & SwitchFlags.Wildcard:
            return lambda scope, item: bool(like(to_string(item), value_of(scope), ignore_case))

        def exact(scope: Scope, item: Any) -> bool:
            # Both sides as strings (Compiler.CallStringEquals; about_Switch, "Impact of string
            # conversion"): an enum item is its name, so 4 does not match [DayOfWeek]::Thursday.
            value = value_of(scope)
            if value is None:
                return item is None
            return bool(equals(to_string(item), to_string(value), ignore_case))

        return exact

    def stmt_SwitchStatementAst(self, node: ast.SwitchStatementAst) -> Stmt:
        flags = SwitchFlags(node.flags)
        assert node.condition is not None
        subject = self.pipeline_value(node.condition)
        clauses = tuple((self._clause_test(test, flags), self.statement_block(body)) for test, body in node.clauses)
        default = self.statement_block(node.default) if node.default is not None else None
        label = node.label
        from_file = bool(flags & SwitchFlags.File)

        def run(scope: Scope, out: Out) -> None:
            value = subject(scope)
            items = _read_lines(scope, value) if from_file else enumerate_value(value) if value is not None else [None]
            saved = save_underbar(scope)
            try:
                for item in items:
                    scope.set("_", item)
                    matched = False
                    try:
                        for test, body in clauses:
                            if test(scope, item):
                                matched = True
                                body(scope, out)
                                # later clauses test $_ as the body left it (about_PSItem,
                                # "Changing the value of $PSItem")
                                current = scope.variables.get("_")
                                item = current.value if current is not None else item
                        if not matched and default is not None:
                            default(scope, out)
                    except ContinueException as signal:
                        if not signal.matches(label):
                            raise
                    except BreakException as signal:
                        if signal.matches(label):
                            return
                        raise
            finally:
                restore_underbar(scope, saved)

        return run
