"""The semantic checks PowerShell's parser makes once the tree is built (SemanticChecks.cs).

These are parse errors too -- a script that assigns to ``1`` or declares a
parameter twice never runs.  PowerShell runs them after parsing, so they are
reported after every syntax error, in source order: here they are checked as
nodes are built (or, when they need a node's parents, once the tree is whole)
and collected until the end of the parse.
"""

from __future__ import annotations

from .. import ast
from ..errors import ParseErrorInfo
from ..extent import Extent
from ..tokens import KIND_TEXT, Token, TokenKind
from .core import ParserCore
from .messages import message

__all__ = ["SemanticChecks"]

_ASSIGNABLE = (
    ast.VariableExpressionAst,
    ast.MemberExpressionAst,
    ast.IndexExpressionAst,
    ast.AttributedExpressionAst,
    ast.ArrayLiteralAst,
    ast.ParenExpressionAst,
)


_REF_NAMES = frozenset(("ref", "system.management.automation.psreference"))
_LOOPS_AND_BLOCKS = (ast.LoopStatementAst, ast.SwitchStatementAst)


def _is_ref(constraint: ast.AttributeBaseAst) -> bool:
    return constraint.type_name.full_name.lower() in _REF_NAMES


class SemanticChecks(ParserCore):
    def report_semantic(self, extent: Extent, error_id: str, *args: object) -> None:
        self.semantic_errors.append(ParseErrorInfo(extent, error_id, message(error_id, *args), False))

    def finish_semantic_checks(self) -> None:
        """Checks that need parents; then every semantic error, in source order, after the syntax errors."""
        self.check_splatting()
        self.check_attributes()
        self.check_finally_flow()
        if self.type_definitions:
            from .class_checks import check_type_definitions  # only a script with classes needs them

            check_type_definitions(self.type_definitions, self.report_semantic)
        for error in sorted(self.semantic_errors, key=lambda error: error.extent.start_offset):
            self._save(error)

    def check_nesting(self, block: ast.ScriptBlockAst) -> None:
        """A tree deeper than :data:`~psbridge.language.ast.MAX_HEIGHT` is ScriptTooComplicated.

        Recursion bounds what the rules nest (the parser stops when the stack runs out), but
        member, index and operator chains are built in a loop: ``$a.b.b.b...`` is as deep as it
        is long.  PowerShell finds such a tree too deep when it walks it after parsing.
        Each token adds at most a few levels (``{`` the most: a script block expression, its script
        block, named block, pipeline and command expression), so short scripts -- a command line,
        a ``-Command`` -- are not walked.
        """
        if 8 * (self.tokenizer.scanned + 2) <= ast.MAX_HEIGHT:
            return
        height, deepest = ast.tree_height(block)
        if height > ast.MAX_HEIGHT:
            self.report_error(deepest.extent, "ScriptTooComplicated")

    def check_attributes(self) -> None:
        """Attributes apply to variables; ``[ref]`` stands alone and last (VisitAttributed/ConvertExpression)."""
        for node in self.attributed_expressions:
            if isinstance(node, ast.ConvertExpressionAst):
                if _is_ref(node.attribute):
                    self._check_ref(node)
                elif node.attribute.type_name.full_name.casefold() == "ordered" and not isinstance(
                    node.child, ast.HashtableAst
                ):  # [ordered]$x = @{} (SemanticChecks.VisitConvertExpression; about_Hash_Tables)
                    self.report_semantic(
                        node.extent, "OrderedAttributeOnlyOnHashLiteralNode", node.attribute.type_name.full_name
                    )
                continue
            child: ast.ExpressionAst | None = node
            while isinstance(child, ast.AttributedExpressionAst):
                if isinstance(child.child, ast.VariableExpressionAst):
                    break
                child = child.child
            else:
                self.report_semantic(node.attribute.extent, "UnexpectedAttribute", node.attribute.type_name.full_name)

    def _check_ref(self, convert: ast.ConvertExpressionAst) -> None:
        child = convert.child
        multiple = False
        while isinstance(child, ast.AttributedExpressionAst):
            if isinstance(child, ast.ConvertExpressionAst) and _is_ref(child.attribute):
                multiple = True
                self.report_semantic(child.attribute.extent, "ReferenceNeedsToBeByItselfInTypeSequence")
            child = child.child
        if multiple:
            return
        parent = convert.parent
        if isinstance(parent, ast.ConvertExpressionAst) and not _is_ref(parent.attribute):
            node = parent.parent
            while node is not None:
                if isinstance(node, ast.AssignmentStatementAst):
                    if node.left.find(lambda item: item is convert) is not None:
                        return  # the assignment reports its own error
                    break
                if isinstance(node, ast.CommandExpressionAst):
                    break
                node = node.parent
            self.report_semantic(convert.attribute.extent, "ReferenceNeedsToBeLastTypeInTypeConversion")

    def check_finally_flow(self) -> None:
        """``return``, ``break`` and ``continue`` may not leave a ``finally`` block."""
        for statement in self.flow_statements:
            label = getattr(statement, "label", None)
            is_loop_exit = not isinstance(statement, ast.ReturnStatementAst)
            node = statement.parent
            while node is not None:
                if isinstance(node, ast.NamedBlockAst | ast.TrapStatementAst | ast.ScriptBlockAst):
                    break
                if is_loop_exit and label is None and isinstance(node, _LOOPS_AND_BLOCKS):
                    break
                if is_loop_exit and isinstance(label, ast.StringConstantExpressionAst) \
                        and isinstance(node, ast.LabeledStatementAst) \
                        and (node.label or "").lower() == label.value.lower():  # fmt: skip
                    break
                parent = node.parent
                if isinstance(node, ast.StatementBlockAst) and isinstance(parent, ast.TryStatementAst) \
                        and parent.finally_ is node:  # fmt: skip
                    self.report_semantic(statement.extent, "ControlLeavingFinally")
                    break
                node = parent
    def check_assignment_target(self, target: ast.ExpressionAst, operator: Token) -> None:
        self._check_target(target, operator.kind is TokenKind.Equals, "InvalidLeftHandSide")

    def check_increment_target(self, target: ast.ExpressionAst, operator: Token) -> None:
        self._check_target(target, False, "OperatorRequiresVariableOrProperty", KIND_TEXT[operator.kind])

    def _check_target(self, target: ast.ExpressionAst, simple: bool, error_id: str, *args: object) -> None:
        error: ast.Ast | None = None
        if isinstance(target, ast.ArrayLiteralAst):
            if simple:
                for element in target.elements:
                    self._check_target(element, simple, error_id, *args)
            else:
                error = target
        elif isinstance(target, ast.ParenExpressionAst):
            expression = target.pipeline.get_pure_expression()
            if expression is None:
                error = target.pipeline
            else:
                self._check_target(expression, simple, error_id, *args)
        elif (
            not isinstance(target, _ASSIGNABLE)
            or isinstance(target, ast.ErrorExpressionAst)
            or (isinstance(target, ast.MemberExpressionAst | ast.IndexExpressionAst) and target.null_conditional)
        ):
            error = target
        elif isinstance(target, ast.AttributedExpressionAst):
            child: ast.ExpressionAst = target
            converts = 0
            ref_position: Extent | None = None
            while isinstance(child, ast.AttributedExpressionAst):
                if isinstance(child, ast.ConvertExpressionAst):
                    converts += 1
                    if _is_ref(child.attribute):
                        ref_position = child.attribute.extent
                    elif child.attribute.type_name.full_name.lower() in ("void", "system.void"):
                        self.report_semantic(child.attribute.extent, "VoidTypeConstraintNotAllowed")
                child = child.child
            if ref_position is not None and converts > 1:
                self.report_semantic(ref_position, "ReferenceNeedsToBeByItselfInTypeConstraint")
            if not isinstance(child, ast.VariableExpressionAst | ast.MemberExpressionAst | ast.IndexExpressionAst):
                error = child
        if error is not None:
            self.report_semantic(error.extent, error_id, *args)

    def check_parameters(self, parameters: list[ast.ParameterAst]) -> None:
        seen: set[str] = set()
        for parameter in parameters:
            name = parameter.name.variable_path.unqualified_path
            folded = name.lower()
            if folded in seen:
                self.report_semantic(parameter.name.extent, "DuplicateFormalParameter", name)
            seen.add(folded)

    def check_hashtable_keys(self, pairs: list[tuple[ast.ExpressionAst, ast.StatementAst]]) -> None:
        seen: set[str] = set()
        for key, _ in pairs:
            if isinstance(key, ast.ConstantExpressionAst):
                text = str(key.value)
                folded = text.lower()
                if folded in seen:
                    self.report_semantic(key.extent, "DuplicateKeyInHashLiteral", text)
                seen.add(folded)

    def check_splatting(self) -> None:
        """``@name`` is only a command's argument (not in an expression, not in ``a, @b``)."""
        for variable in self.splatted_variables:
            parent = variable.parent
            if isinstance(parent, ast.CommandAst | ast.UsingExpressionAst):
                continue
            name = variable.variable_path.user_path
            if isinstance(parent, ast.ArrayLiteralAst) and isinstance(parent.parent, ast.CommandAst):
                self.report_semantic(variable.extent, "SplattingNotPermittedInArgumentList", name)
            else:
                self.report_semantic(variable.extent, "SplattingNotPermitted", name)
