"""Whether every code path of a class method ends in ``return`` or ``throw`` (MethodHasCodePathNotReturn).

PowerShell decides it on the method's flow graph (VariableAnalysis.AnalyzeMemberFunction): blocks
joined by the edges each statement makes, then every block that reaches the method's end must
have returned, thrown, or be unreachable.  This builds the same graph over psbridge's tree, with
PowerShell's modelling: a loop's condition may always be false (``while ($true)`` can fall
through; only ``for (;;)`` cannot), a ``switch`` or ``foreach`` may run no clause at all, a
``catch`` is entered from before the ``try``, a ``finally`` without a catch-all rethrows, and
``break``/``continue`` with no loop to go to leave the method as a throw.  Nested script blocks
and functions are not part of the method's flow.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import ast

__all__ = ["all_paths_return"]


class _Block:
    """A node of the flow graph.  Reachability is PowerShell's: a block is reached when a reached
    block flows to it *at the time the edge is made* (VariableAnalysis.Block.FlowsTo), which is
    what decides, for instance, that ``try { throw } finally { }`` returns on every path."""

    __slots__ = ("predecessors", "reached", "returns", "successors", "throws")

    def __init__(self, reached: bool = False) -> None:
        self.successors: list[_Block] = []
        self.predecessors: list[_Block] = []
        self.returns = False
        self.throws = False
        self.reached = reached

    def flows_to(self, other: _Block) -> None:
        if any(successor is other for successor in self.successors):
            return
        if self.reached:
            other.reached = True
        self.successors.append(other)
        other.predecessors.append(self)


class _FlowGraph:
    def __init__(self) -> None:
        self.entry = _Block(reached=True)
        self.exit = _Block()
        self.current = self.entry
        #: (label, break target, continue target) of the loops around the statement being built
        self.loops: list[tuple[str, _Block, _Block]] = []

    # -- statements ----------------------------------------------------------------------------------
    def statements(self, statements: list[ast.StatementAst] | None) -> None:
        """A block's statements; its traps are not part of the flow (they get their own scope)."""
        for statement in statements or ():
            self.statement(statement)

    def block(self, block: ast.StatementBlockAst | None) -> None:
        if block is not None:
            self.statements(list(block.statements))

    def statement(self, node: ast.StatementAst) -> None:
        if isinstance(node, ast.ReturnStatementAst):
            self._leave().returns = True
        elif isinstance(node, ast.ThrowStatementAst | ast.ExitStatementAst):
            self._leave().throws = True
        elif isinstance(node, ast.BreakStatementAst | ast.ContinueStatementAst):
            self._break_or_continue(node)
        elif isinstance(node, ast.IfStatementAst):
            self._if(node)
        elif isinstance(node, ast.TryStatementAst):
            self._try(node)
        elif isinstance(node, ast.ForEachStatementAst):
            after = _Block()
            self._while_loop(node.label, lambda: self.current.flows_to(after), lambda: self.block(node.body))
            self.current.flows_to(after)
            self.current = after
        elif isinstance(node, ast.ForStatementAst):
            condition = (lambda: None) if node.condition is not None else None
            self._while_loop(
                node.label, condition, lambda: self.block(node.body), has_iterator=node.iterator is not None
            )
        elif isinstance(node, ast.DoWhileStatementAst | ast.DoUntilStatementAst):
            self._do_loop(node)
        elif isinstance(node, ast.WhileStatementAst):
            self._while_loop(node.label, lambda: None, lambda: self.block(node.body))
        elif isinstance(node, ast.SwitchStatementAst):
            self._while_loop(node.label, lambda: None, lambda: self._switch_body(node))

    def _leave(self) -> _Block:
        """``return``/``throw``/``exit``: to the method's end; what follows is a new (unreached) block."""
        self.current.flows_to(self.exit)
        last = self.current
        self.current = _Block()
        return last

    def _break_or_continue(self, node: ast.BreakStatementAst | ast.ContinueStatementAst) -> None:
        is_break = isinstance(node, ast.BreakStatementAst)
        target: _Block | None = None
        label = node.label
        if label is None:
            if self.loops:
                target = self.loops[-1][1] if is_break else self.loops[-1][2]
        elif isinstance(label, ast.StringConstantExpressionAst):
            for name, break_target, continue_target in self.loops:
                if name.casefold() == label.value.casefold():
                    target = break_target if is_break else continue_target
        if target is None:
            self.current.flows_to(self.exit)
            self.current.throws = True
        else:
            self.current.flows_to(target)
        self.current = _Block()

    def _if(self, node: ast.IfStatementAst) -> None:
        after = _Block()
        if node.else_clause is None:
            self.current.flows_to(after)
        count = len(node.clauses)
        for index, (_condition, body) in enumerate(node.clauses):
            last = index == count - 1 and node.else_clause is None
            clause = _Block()
            following = after if last else _Block()
            self.current.flows_to(clause)
            self.current.flows_to(following)
            self.current = clause
            self.block(body)
            self.current.flows_to(after)
            self.current = following
        if node.else_clause is not None:
            self.block(node.else_clause)
            self.current.flows_to(after)
        self.current = after

    def _try(self, node: ast.TryStatementAst) -> None:
        before = self.current
        self.current = _Block()
        before.flows_to(self.current)
        self.block(node.body)
        last_in_try = self.current
        finally_first = _Block() if node.finally_ is not None else None
        after = _Block()
        catch_all = False
        for clause in node.catch_clauses:
            catch_all = catch_all or clause.is_catch_all
            self.current = _Block()
            before.flows_to(self.current)
            self.block(clause.body)
            self.current.flows_to(finally_first or after)
        if finally_first is not None:
            last_in_try.flows_to(finally_first)
            self.current = finally_first
            self.block(node.finally_)
            self.current.flows_to(after)
            finally_last = self.current
            if not catch_all:
                before.flows_to(finally_first)
                rethrow = _Block()
                finally_last.flows_to(rethrow)
                rethrow.throws = True
                rethrow.flows_to(self.exit)
        else:
            last_in_try.flows_to(after)
        self.current = after

    def _while_loop(
        self,
        label: str | None,
        condition: Callable[[], None] | None,
        body: Callable[[], None],
        has_iterator: bool = False,
    ) -> None:
        """PowerShell's GenerateWhileLoop: the condition (None: ``for (;;)``) may end the loop."""
        continue_block = _Block()
        if has_iterator:
            after_continue = _Block()
            self.current.flows_to(after_continue)
            continue_block.flows_to(after_continue)
            self.current = after_continue
        else:
            self.current.flows_to(continue_block)
            self.current = continue_block
        body_block = _Block()
        break_block = _Block()
        if condition is not None:
            condition()
            self.current.flows_to(break_block)
        self.loops.append((label or "", break_block, continue_block))
        self.current.flows_to(body_block)
        self.current = body_block
        body()
        self.current.flows_to(continue_block)
        self.current = break_block
        self.loops.pop()

    def _do_loop(self, node: ast.DoWhileStatementAst | ast.DoUntilStatementAst) -> None:
        continue_block = _Block()
        body_block = _Block()
        break_block = _Block()
        self.loops.append((node.label or "", break_block, continue_block))
        self.current.flows_to(body_block)
        self.current = body_block
        self.block(node.body)
        self.current.flows_to(continue_block)
        self.current = continue_block
        self.current.flows_to(break_block)
        repeat = _Block()
        self.current.flows_to(repeat)
        repeat.flows_to(body_block)
        self.current = break_block
        self.loops.pop()

    def _switch_body(self, node: ast.SwitchStatementAst) -> None:
        after = _Block()
        has_default = node.default is not None
        count = len(node.clauses)
        for index, (_pattern, body) in enumerate(node.clauses):
            clause = _Block()
            last = index == count - 1 and not has_default
            following = after if last else _Block()
            self.current.flows_to(following)
            self.current.flows_to(clause)
            self.current = clause
            self.block(body)
            if not last:
                self.current.flows_to(following)
                self.current = following
        if has_default:
            self.current.flows_to(after)
            self.block(node.default)
        self.current.flows_to(after)
        self.current = after

    # -- the answer ------------------------------------------------------------------------------------
    def all_paths_return(self) -> bool:
        self.current.flows_to(self.exit)
        return all(block.returns or block.throws or not block.reached for block in self.exit.predecessors)

def all_paths_return(body: ast.ScriptBlockAst) -> bool:
    """Whether the method body ``body`` returns or throws on every path that reaches its end."""
    graph = _FlowGraph()
    end = body.end_block
    if end is not None:
        graph.statements(list(end.statements))
    return graph.all_paths_return()
