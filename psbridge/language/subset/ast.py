"""The syntax tree of the supported subset.

Names follow PowerShell's AST (PipelineAst, CommandAst, CommandParameterAst,
ExpandableStringExpressionAst ...) so a reader of ``Parser.cs`` finds the same
shapes; only what the subset needs exists.  Every node records where it
starts, so runtime errors and ``bind_text`` checks can point at the source.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any, Literal

from .source import Position

__all__ = [
    "ArrayExpression",
    "ArrayLiteral",
    "Assignment",
    "Command",
    "CommandElement",
    "CommandParameter",
    "Constant",
    "ConvertToPSCustomObject",
    "ExpandableString",
    "Expression",
    "HashLiteral",
    "IndexAccess",
    "MemberAccess",
    "Node",
    "Paren",
    "Pipeline",
    "Script",
    "Statement",
    "StringConstant",
    "SubExpression",
    "Variable",
    "walk",
]

Quote = Literal["bare", "single", "double"]


@dataclass(frozen=True, slots=True)
class Node:
    pos: Position


# ---------------------------------------------------------------- expressions
@dataclass(frozen=True, slots=True)
class StringConstant(Node):
    """A string with nothing to expand: ``'text'``, ``"text"`` or a bare word in argument mode."""

    value: str
    quote: Quote


@dataclass(frozen=True, slots=True)
class ExpandableString(Node):
    """``"a $x $($y.Id)"`` or a bare word with ``$`` in it; parts are text or expressions."""

    parts: tuple[str | Expression, ...]
    quote: Quote
    text: str  # the value as typed, variables unexpanded (a command name uses this)


@dataclass(frozen=True, slots=True)
class Constant(Node):
    """A number literal; ``text`` is how it was written (``0x10``, ``1kb``)."""

    value: Any
    text: str


@dataclass(frozen=True, slots=True)
class Variable(Node):
    """``$name``, ``${name}``, ``$global:name``, ``$env:NAME``, or ``@name`` when splatted.

    ``name`` is the unqualified name; ``scope`` one of global/script/local/private
    (all one scope here); ``drive`` is ``env`` for environment variables.
    """

    name: str
    scope: str | None
    drive: str | None
    splatted: bool
    text: str

    @property
    def host_name(self) -> str:
        """The name the host is asked for: ``env:NAME`` for the environment, else the bare name."""
        return f"env:{self.name}" if self.drive == "env" else self.name

    @property
    def is_constant(self) -> bool:
        """``$true``, ``$false`` and ``$null``: never looked up."""
        return self.drive is None and self.name.casefold() in ("true", "false", "null")


@dataclass(frozen=True, slots=True)
class ArrayLiteral(Node):
    """``a, b, c`` (and the unary ``,a``)."""

    elements: tuple[Expression, ...]


@dataclass(frozen=True, slots=True)
class ArrayExpression(Node):
    """``@( statements )``: always an array of everything the statements output."""

    statements: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class SubExpression(Node):
    """``$( statements )``: the output, unwrapped (none -> $null, one -> it, several -> array)."""

    statements: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class Paren(Node):
    """``( pipeline )`` or ``( $x = ... )``."""

    statement: Statement


@dataclass(frozen=True, slots=True)
class HashLiteral(Node):
    """``@{ key = statement; ... }`` -> a case-insensitive Hashtable."""

    entries: tuple[tuple[Expression, Statement], ...]


@dataclass(frozen=True, slots=True)
class ConvertToPSCustomObject(Node):
    """``[pscustomobject]operand``: with a hash literal, an object with properties in written order."""

    operand: Expression


@dataclass(frozen=True, slots=True)
class MemberAccess(Node):
    """``target.Name``; ``member`` is the name, or an expression (``$x.$name``, ``$x.'a b'``)."""

    target: Expression
    member: str | Expression


@dataclass(frozen=True, slots=True)
class IndexAccess(Node):
    """``target[index]``."""

    target: Expression
    index: Expression


Expression = (
    StringConstant
    | ExpandableString
    | Constant
    | Variable
    | ArrayLiteral
    | ArrayExpression
    | SubExpression
    | Paren
    | HashLiteral
    | ConvertToPSCustomObject
    | MemberAccess
    | IndexAccess
)


# ---------------------------------------------------------------- commands
@dataclass(frozen=True, slots=True)
class CommandParameter(Node):
    """``-Name`` (argument None: the binder pairs it with the next element) or ``-Name:value``.

    ``text`` is the token as typed (``-runid:``): the binder passes an unknown
    ``-name`` on as literal text.
    """

    name: str
    text: str
    argument: Expression | None


CommandElement = CommandParameter | Expression


@dataclass(frozen=True, slots=True)
class Command(Node):
    """A command invocation: its name and its parameters/arguments in written order."""

    name: str
    elements: tuple[CommandElement, ...]


# ---------------------------------------------------------------- statements
@dataclass(frozen=True, slots=True)
class Pipeline(Node):
    """``a | b | c``; the first element may be an expression (``$x | Cmd``), the others are commands."""

    elements: tuple[Expression | Command, ...]

    @property
    def is_expression(self) -> bool:
        return len(self.elements) == 1 and not isinstance(self.elements[0], Command)


@dataclass(frozen=True, slots=True)
class Assignment(Node):
    """``$x = statement``."""

    target: Variable
    value: Statement


Statement = Pipeline | Assignment


@dataclass(frozen=True, slots=True)
class Script(Node):
    statements: tuple[Statement, ...]


def walk(node: Any) -> Iterator[Node]:
    """Every node under ``node`` (itself included), depth first in source order."""
    if isinstance(node, Node):
        yield node
        for field in fields(node):
            if field.name != "pos":
                yield from walk(getattr(node, field.name))
    elif isinstance(node, tuple):
        for item in node:
            yield from walk(item)
