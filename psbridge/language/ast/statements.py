"""Statements: pipelines and commands, assignments, conditionals, loops, try/trap, flow control.

Shapes follow PowerShell: a statement that is "just an expression" is a
PipelineAst of one CommandExpressionAst; a command is a CommandAst whose first
element is its name; ``a && b`` is a PipelineChainAst; an assignment is an
AssignmentStatementAst whose right side is a whole statement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import (
    Ast,
    ChainableAst,
    CommandBaseAst,
    CommandElementAst,
    ExpressionAst,
    ForEachFlags,
    PipelineBaseAst,
    RedirectionAst,
    RedirectionStream,
    StatementAst,
    SwitchFlags,
    link,
    link_all,
)

if TYPE_CHECKING:
    from ..extent import Extent
    from ..tokens import Token, TokenKind
    from .blocks import StatementBlockAst, TypeConstraintAst
    from .expressions import VariableExpressionAst

__all__ = [
    "AssignmentStatementAst",
    "BlockStatementAst",
    "BreakStatementAst",
    "CatchClauseAst",
    "CommandAst",
    "CommandExpressionAst",
    "CommandParameterAst",
    "ContinueStatementAst",
    "DataStatementAst",
    "DoUntilStatementAst",
    "DoWhileStatementAst",
    "ErrorStatementAst",
    "ExitStatementAst",
    "FileRedirectionAst",
    "ForEachStatementAst",
    "ForStatementAst",
    "IfStatementAst",
    "LabeledStatementAst",
    "LoopStatementAst",
    "MergingRedirectionAst",
    "PipelineAst",
    "PipelineChainAst",
    "ReturnStatementAst",
    "SwitchStatementAst",
    "ThrowStatementAst",
    "TrapStatementAst",
    "TryStatementAst",
    "WhileStatementAst",
]


# ---------------------------------------------------------------- pipelines and commands
class PipelineAst(ChainableAst):
    """``a | b | c``; ``background`` for a trailing ``&``."""

    __slots__ = ("background", "pipeline_elements")
    _fields = ("pipeline_elements",)
    _props = ("background",)

    def __init__(self, extent: Extent, pipeline_elements: list[CommandBaseAst], background: bool = False) -> None:
        self.extent = extent
        self.parent = None
        self.pipeline_elements = pipeline_elements
        self.background = background
        link_all(self, pipeline_elements)

    def get_pure_expression(self) -> ExpressionAst | None:
        if len(self.pipeline_elements) == 1:
            element = self.pipeline_elements[0]
            if isinstance(element, CommandExpressionAst) and not element.redirections:
                return element.expression
        return None


class PipelineChainAst(ChainableAst):
    """``lhs && rhs`` / ``lhs || rhs`` (``operator`` is AndAnd or OrOr)."""

    __slots__ = ("background", "lhs_pipeline_chain", "operator", "rhs_pipeline")
    _fields = ("lhs_pipeline_chain", "rhs_pipeline")
    _props = ("operator", "background")

    def __init__(
        self,
        extent: Extent,
        lhs: ChainableAst,
        rhs: PipelineAst,
        operator: TokenKind,
        background: bool = False,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.lhs_pipeline_chain = lhs
        self.rhs_pipeline = rhs
        self.operator = operator
        self.background = background
        lhs.parent = self
        rhs.parent = self


class CommandParameterAst(CommandElementAst):
    """``-Name`` or ``-Name:value`` (``argument``); ``parameter_name`` has no dash or colon."""

    __slots__ = ("argument", "error_position", "parameter_name")
    _fields = ("argument",)
    _props = ("parameter_name",)

    def __init__(
        self, extent: Extent, parameter_name: str, argument: ExpressionAst | None, error_position: Extent
    ) -> None:
        self.extent = extent
        self.parent = None
        self.parameter_name = parameter_name
        self.argument = argument
        self.error_position = error_position
        link(self, argument)


class CommandAst(CommandBaseAst):
    """A command invocation: its elements (the name first), ``&``/``.`` and redirections."""

    __slots__ = ("command_elements", "defining_keyword", "invocation_operator")
    _fields = ("command_elements", "redirections")
    _props = ("invocation_operator",)

    def __init__(
        self,
        extent: Extent,
        command_elements: list[CommandElementAst],
        invocation_operator: TokenKind,
        redirections: list[RedirectionAst] | None,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.command_elements = command_elements
        self.invocation_operator = invocation_operator
        self.redirections = redirections or []
        self.defining_keyword = None
        link_all(self, command_elements)
        link_all(self, self.redirections)

    def get_command_name(self) -> str | None:
        """The command's name when it is written as a constant (a bare word or a string), else None."""
        from .expressions import StringConstantExpressionAst

        first = self.command_elements[0]
        return first.value if isinstance(first, StringConstantExpressionAst) else None


class CommandExpressionAst(CommandBaseAst):
    """An expression as a pipeline element (``$x | ...`` or a statement that is an expression)."""

    __slots__ = ("expression",)
    _fields = ("expression", "redirections")

    def __init__(self, extent: Extent, expression: ExpressionAst, redirections: list[RedirectionAst] | None) -> None:
        self.extent = extent
        self.parent = None
        self.expression = expression
        self.redirections = redirections or []
        expression.parent = self
        link_all(self, self.redirections)


class MergingRedirectionAst(RedirectionAst):
    """``2>&1``: ``from_stream`` merged into ``to_stream``."""

    __slots__ = ("to_stream",)
    _props = ("from_stream", "to_stream")

    def __init__(self, extent: Extent, from_stream: RedirectionStream, to_stream: RedirectionStream) -> None:
        self.extent = extent
        self.parent = None
        self.from_stream = from_stream
        self.to_stream = to_stream


class FileRedirectionAst(RedirectionAst):
    """``> file`` / ``2>> file``: ``location`` is an expression; ``append`` for ``>>``."""

    __slots__ = ("append", "location")
    _fields = ("location",)
    _props = ("from_stream", "append")

    def __init__(self, extent: Extent, from_stream: RedirectionStream, location: ExpressionAst, append: bool) -> None:
        self.extent = extent
        self.parent = None
        self.from_stream = from_stream
        self.location = location
        self.append = append
        location.parent = self


class AssignmentStatementAst(PipelineBaseAst):
    """``left op right``: op is Equals, PlusEquals ... QuestionQuestionEquals; ``right`` is a statement."""

    __slots__ = ("error_position", "left", "operator", "right")
    _fields = ("left", "right")
    _props = ("operator",)

    def __init__(
        self, extent: Extent, left: ExpressionAst, operator: TokenKind, right: StatementAst, error_position: Extent
    ) -> None:
        self.extent = extent
        self.parent = None
        self.left = left
        self.operator = operator
        self.right = right
        self.error_position = error_position
        left.parent = self
        right.parent = self


class ErrorStatementAst(PipelineBaseAst):
    """What the parser builds where a statement has errors, keeping the parts it could parse."""

    __slots__ = ("bodies", "conditions", "flags", "kind", "nested_ast")
    _fields = ("conditions", "bodies", "nested_ast")

    def __init__(
        self,
        extent: Extent,
        nested_ast: list[Ast] | None = None,
        kind: Token | None = None,
        flags: dict[str, Any] | None = None,
        conditions: list[Ast] | None = None,
        bodies: list[Ast] | None = None,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.kind = kind
        self.flags = flags
        self.conditions = conditions or []
        self.bodies = bodies or []
        self.nested_ast = nested_ast or []
        for group in (self.conditions, self.bodies, self.nested_ast):
            for child in group:
                child.parent = self


# ---------------------------------------------------------------- conditionals and loops
class IfStatementAst(StatementAst):
    """``if (c) { } elseif (c) { } else { }``: ``clauses`` are (condition, body) pairs."""

    __slots__ = ("clauses", "else_clause")
    _fields = ("clauses", "else_clause")

    def __init__(
        self,
        extent: Extent,
        clauses: list[tuple[PipelineBaseAst, StatementBlockAst]],
        else_clause: StatementBlockAst | None,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.clauses = clauses
        self.else_clause = else_clause
        for condition, body in clauses:
            condition.parent = self
            body.parent = self
        link(self, else_clause)


class LabeledStatementAst(StatementAst):
    """A statement ``break``/``continue`` may name: loops and switch (``label`` without the colon)."""

    __slots__ = ("condition", "label")
    label: str | None
    condition: PipelineBaseAst | None


class LoopStatementAst(LabeledStatementAst):
    __slots__ = ("body",)
    body: StatementBlockAst


class ForEachStatementAst(LoopStatementAst):
    """``foreach ($variable in condition) body`` (``-Parallel``/``-ThrottleLimit`` flags parse too)."""

    __slots__ = ("flags", "throttle_limit", "variable")
    _fields = ("variable", "condition", "throttle_limit", "body")
    _props = ("label", "flags")

    def __init__(
        self,
        extent: Extent,
        label: str | None,
        flags: ForEachFlags,
        throttle_limit: ExpressionAst | None,
        variable: VariableExpressionAst,
        condition: PipelineBaseAst,
        body: StatementBlockAst,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.label = label
        self.flags = flags
        self.throttle_limit = throttle_limit
        self.variable = variable
        self.condition = condition
        self.body = body
        link(self, throttle_limit)
        variable.parent = self
        condition.parent = self
        body.parent = self


class ForStatementAst(LoopStatementAst):
    """``for (initializer; condition; iterator) body`` (each part optional)."""

    __slots__ = ("initializer", "iterator")
    _fields = ("initializer", "condition", "iterator", "body")
    _props = ("label",)

    def __init__(
        self,
        extent: Extent,
        label: str | None,
        initializer: PipelineBaseAst | None,
        condition: PipelineBaseAst | None,
        iterator: PipelineBaseAst | None,
        body: StatementBlockAst,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.label = label
        self.initializer = initializer
        self.condition = condition
        self.iterator = iterator
        self.body = body
        link(self, initializer)
        link(self, condition)
        link(self, iterator)
        body.parent = self


class _ConditionLoop(LoopStatementAst):
    __slots__ = ()
    _fields = ("condition", "body")
    _props = ("label",)

    def __init__(self, extent: Extent, label: str | None, condition: PipelineBaseAst, body: StatementBlockAst):
        self.extent = extent
        self.parent = None
        self.label = label
        self.condition = condition
        self.body = body
        condition.parent = self
        body.parent = self


class WhileStatementAst(_ConditionLoop):
    """``while (condition) body``."""

    __slots__ = ()


class DoWhileStatementAst(_ConditionLoop):
    """``do body while (condition)``."""

    __slots__ = ()
    _fields = ("body", "condition")


class DoUntilStatementAst(_ConditionLoop):
    """``do body until (condition)``."""

    __slots__ = ()
    _fields = ("body", "condition")


class SwitchStatementAst(LabeledStatementAst):
    """``switch -flags (condition) { clause { } ... default { } }``; ``clauses`` are (condition, body)."""

    __slots__ = ("clauses", "default", "flags")
    _fields = ("condition", "clauses", "default")
    _props = ("label", "flags")

    def __init__(
        self,
        extent: Extent,
        label: str | None,
        condition: PipelineBaseAst,
        flags: SwitchFlags,
        clauses: list[tuple[ExpressionAst, StatementBlockAst]],
        default: StatementBlockAst | None,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.label = label
        self.condition = condition
        self.flags = flags
        self.clauses = clauses
        self.default = default
        condition.parent = self
        for test, body in clauses:
            test.parent = self
            body.parent = self
        link(self, default)


class DataStatementAst(StatementAst):
    """``data [name] [-SupportedCommand cmd, ...] { }``."""

    __slots__ = ("body", "commands_allowed", "variable")
    _fields = ("commands_allowed", "body")
    _props = ("variable",)

    def __init__(
        self,
        extent: Extent,
        variable: str | None,
        commands_allowed: list[ExpressionAst] | None,
        body: StatementBlockAst,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.variable = variable
        self.commands_allowed = commands_allowed or []
        self.body = body
        link_all(self, self.commands_allowed)
        body.parent = self


class BlockStatementAst(StatementAst):
    """``parallel { }`` / ``sequence { }`` (workflow syntax; parsed only)."""

    __slots__ = ("body", "kind")
    _fields = ("body",)

    def __init__(self, extent: Extent, kind: Token, body: StatementBlockAst) -> None:
        self.extent = extent
        self.parent = None
        self.kind = kind
        self.body = body
        body.parent = self


# ---------------------------------------------------------------- errors and flow control
class CatchClauseAst(Ast):
    """``catch [T1], [T2] { }``; no types catches everything (``is_catch_all``)."""

    __slots__ = ("body", "catch_types")
    _fields = ("catch_types", "body")

    def __init__(self, extent: Extent, catch_types: list[TypeConstraintAst] | None, body: StatementBlockAst) -> None:
        self.extent = extent
        self.parent = None
        self.catch_types = catch_types or []
        self.body = body
        link_all(self, self.catch_types)
        body.parent = self

    @property
    def is_catch_all(self) -> bool:
        return not self.catch_types


class TryStatementAst(StatementAst):
    """``try { } catch ... { } finally { }``."""

    __slots__ = ("body", "catch_clauses", "finally_")
    _fields = ("body", "catch_clauses", "finally_")

    def __init__(
        self,
        extent: Extent,
        body: StatementBlockAst,
        catch_clauses: list[CatchClauseAst],
        finally_: StatementBlockAst | None,
    ) -> None:
        self.extent = extent
        self.parent = None
        self.body = body
        self.catch_clauses = catch_clauses
        self.finally_ = finally_
        body.parent = self
        link_all(self, catch_clauses)
        link(self, finally_)

    @property
    def finally_block(self) -> StatementBlockAst | None:
        """PowerShell's ``Finally`` property (``finally`` is a Python keyword)."""
        return self.finally_


class TrapStatementAst(StatementAst):
    """``trap [Type] { }``."""

    __slots__ = ("body", "trap_type")
    _fields = ("trap_type", "body")

    def __init__(self, extent: Extent, trap_type: TypeConstraintAst | None, body: StatementBlockAst) -> None:
        self.extent = extent
        self.parent = None
        self.trap_type = trap_type
        self.body = body
        link(self, trap_type)
        body.parent = self


class _LabelStatement(StatementAst):
    __slots__ = ("label",)
    _fields = ("label",)

    def __init__(self, extent: Extent, label: ExpressionAst | None) -> None:
        self.extent = extent
        self.parent = None
        self.label = label
        link(self, label)


class BreakStatementAst(_LabelStatement):
    """``break [label]``."""

    __slots__ = ()


class ContinueStatementAst(_LabelStatement):
    """``continue [label]``."""

    __slots__ = ()


class _PipelineStatement(StatementAst):
    __slots__ = ("pipeline",)
    _fields = ("pipeline",)

    def __init__(self, extent: Extent, pipeline: PipelineBaseAst | None) -> None:
        self.extent = extent
        self.parent = None
        self.pipeline = pipeline
        link(self, pipeline)


class ReturnStatementAst(_PipelineStatement):
    """``return [pipeline]``."""

    __slots__ = ()


class ExitStatementAst(_PipelineStatement):
    """``exit [pipeline]``."""

    __slots__ = ()


class ThrowStatementAst(_PipelineStatement):
    """``throw [pipeline]``; without one inside a catch it rethrows (``is_rethrow``)."""

    __slots__ = ()

    @property
    def is_rethrow(self) -> bool:
        if self.pipeline is not None:
            return False
        node = self.parent
        while node is not None:
            if isinstance(node, CatchClauseAst):
                return True
            from .expressions import ScriptBlockExpressionAst

            if isinstance(node, ScriptBlockExpressionAst):
                return False
            node = node.parent
        return False
