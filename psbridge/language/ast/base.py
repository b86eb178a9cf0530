"""The root of the syntax tree: :class:`Ast`, walking and searching, and the tree's enumerations.

Every node has an ``extent`` (where it is in the script; ``extent.text`` is
exactly the source it came from) and a ``parent``.  Node classes list their
children in ``_fields`` (in source order) and their other properties in
``_props``, which is all that :meth:`Ast.find_all` and :meth:`Ast.to_dict`
need: no per-class visitor code.  Property names are PowerShell's
(``System.Management.Automation.Language``) in snake_case.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..extent import Extent

__all__ = [
    "MAX_HEIGHT",
    "Ast",
    "ChainableAst",
    "CommandBaseAst",
    "CommandElementAst",
    "ExpressionAst",
    "ForEachFlags",
    "MethodAttributes",
    "PipelineBaseAst",
    "PropertyAttributes",
    "RedirectionAst",
    "RedirectionStream",
    "StatementAst",
    "StringConstantType",
    "SwitchFlags",
    "TypeAttributes",
    "UsingStatementKind",
    "link",
    "link_all",
    "tree_height",
]

#: The deepest tree the parser hands out (levels of nodes, root included).  PowerShell stops a
#: script its stack cannot descend into with ScriptTooComplicated; psbridge sets the bound
#: explicitly, so that member chains, index chains and operator chains (which the parser builds
#: in a loop, not by recursion) are bounded too, and every consumer that walks the tree
#: recursively knows how deep it must be able to go.  Real scripts stay far below it (the
#: deepest of PSOpenAI's, Pester's and PSScriptAnalyzer's files: under 60 levels).
MAX_HEIGHT = 256


class StringConstantType(enum.IntEnum):
    SingleQuoted = 0
    SingleQuotedHereString = 1
    DoubleQuoted = 2
    DoubleQuotedHereString = 3
    BareWord = 4


class RedirectionStream(enum.IntEnum):
    All = 0
    Output = 1
    Error = 2
    Warning = 3
    Verbose = 4
    Debug = 5
    Information = 6


class ForEachFlags(enum.IntFlag):
    NONE = 0
    Parallel = 1


class SwitchFlags(enum.IntFlag):
    NONE = 0
    File = 1
    Regex = 2
    Wildcard = 4
    Exact = 8
    CaseSensitive = 16
    Parallel = 32


class TypeAttributes(enum.IntFlag):
    NONE = 0
    Class = 1
    Interface = 2
    Enum = 4


class PropertyAttributes(enum.IntFlag):
    NONE = 0
    Public = 1
    Private = 2
    Static = 0x10
    Literal = 0x20
    Hidden = 0x40


class MethodAttributes(enum.IntFlag):
    NONE = 0
    Public = 1
    Private = 2
    Static = 0x10
    Hidden = 0x40


class UsingStatementKind(enum.IntEnum):
    Assembly = 0
    Command = 1
    Module = 2
    Namespace = 3
    Type = 4


def link(parent: Ast, child: Ast | None) -> None:
    if child is not None:
        child.parent = parent


def link_all(parent: Ast, children: list[Any]) -> None:
    for child in children:
        child.parent = parent


class Ast:
    """A node of the syntax tree."""

    __slots__ = ("extent", "parent")
    _fields: tuple[str, ...] = ()
    _props: tuple[str, ...] = ()

    extent: Extent
    parent: Ast | None

    def children(self) -> Iterator[Ast]:
        """The direct children, in source order."""
        for name in self._fields:
            yield from _nodes_in(getattr(self, name))

    def find_all(self, predicate: Callable[[Ast], bool], search_nested_script_blocks: bool = True) -> Iterator[Ast]:
        """Every node under (and including) this one that ``predicate`` accepts, depth first in source order."""
        from .expressions import ScriptBlockExpressionAst

        stack: list[Ast] = [self]
        while stack:
            node = stack.pop()
            if predicate(node):
                yield node
            if not search_nested_script_blocks and node is not self and isinstance(node, ScriptBlockExpressionAst):
                continue
            children = list(node.children())
            children.reverse()
            stack.extend(children)

    def find(self, predicate: Callable[[Ast], bool], search_nested_script_blocks: bool = True) -> Ast | None:
        return next(self.find_all(predicate, search_nested_script_blocks), None)

    def to_dict(self) -> dict[str, Any]:
        """The node as JSON-ready data: kind, extent, properties and children (PowerShell's property names)."""
        # A few frames per level: room for a tree of MAX_HEIGHT under whatever called us.
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(max(limit, 8 * MAX_HEIGHT + 1000))
        try:
            return self._to_dict()
        finally:
            sys.setrecursionlimit(limit)

    def _to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"Kind": type(self).__name__, "Extent": self.extent.to_dict()}
        for name in self._props:
            data[_pascal(name)] = _plain(getattr(self, name))
        for name in self._fields:
            data[_pascal(name)] = _plain(getattr(self, name))
        return data

    def __str__(self) -> str:
        return self.extent.text

    def __repr__(self) -> str:
        text = self.extent.text
        if len(text) > 40:
            text = text[:37] + "..."
        return f"{type(self).__name__}({text!r})"


def _nodes_in(value: Any) -> Iterator[Ast]:
    if isinstance(value, Ast):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _nodes_in(item)


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in name.rstrip("_").split("_"))


def tree_height(root: Ast) -> tuple[int, Ast]:
    """(levels of nodes under and including ``root``, a deepest node), level by level without recursion."""
    height = 0
    level = [root]
    deepest = root
    while level:
        height += 1
        deepest = level[0]
        below: list[Ast] = []
        add = below.append
        for node in level:
            for name in node._fields:
                value = getattr(node, name)
                if isinstance(value, Ast):
                    add(value)
                elif value:  # a list of nodes, or of (key, value) pairs: hashtables, switch clauses
                    for item in value:
                        if isinstance(item, Ast):
                            add(item)
                        elif item is not None:
                            for part in item:
                                if isinstance(part, Ast):
                                    add(part)
                                elif isinstance(part, list | tuple):
                                    below.extend(_nodes_in(part))
        level = below
    return height, deepest


def _plain(value: Any) -> Any:
    if isinstance(value, Ast):
        return value._to_dict()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.name
    if value is None or isinstance(value, bool | int | float | str):
        return value
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None:
        return to_dict()
    return str(value)


# ---------------------------------------------------------------- the abstract kinds of node
class StatementAst(Ast):
    """Anything that can stand as a statement."""

    __slots__ = ()


class PipelineBaseAst(StatementAst):
    """A pipeline, a pipeline chain, an assignment, or an error statement (what ``( )`` may hold)."""

    __slots__ = ()

    def get_pure_expression(self) -> ExpressionAst | None:
        """The expression, when this is a pipeline of one expression without redirections."""
        return None


class ChainableAst(PipelineBaseAst):
    """What ``&&`` and ``||`` join: pipelines and chains of them."""

    __slots__ = ()


class CommandElementAst(Ast):
    """An element of a command: a parameter or an argument (any expression)."""

    __slots__ = ()


class ExpressionAst(CommandElementAst):
    """Anything that has a value."""

    __slots__ = ()


class RedirectionAst(Ast):
    """``2>&1`` or ``> file``; ``from_stream`` is the RedirectionStream redirected."""

    __slots__ = ("from_stream",)
    _props: tuple[str, ...] = ("from_stream",)
    from_stream: RedirectionStream


class CommandBaseAst(StatementAst):
    """A pipeline element: a command or an expression, with its redirections."""

    __slots__ = ("redirections",)
    redirections: list[RedirectionAst]
