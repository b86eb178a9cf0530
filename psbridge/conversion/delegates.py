"""Delegate types: ``[Func[int, int]] { $args[0] + 2 }``, ``[Action[string]]``, ``[Predicate[T]]``.

PowerShell converts a script block to a delegate type (LanguagePrimitives' ConvertScriptBlockToDelegate):
calling the delegate runs the script block with the delegate's arguments as ``$args`` (and as
its ``param`` block's parameters) and, for a Func, converts what it output to the return type.
psbridge's generic methods that take delegates (:mod:`.static_linq`) call them as Python
callables.  The script block belongs to the language layer; here it is recognised by its .NET
type name and called through its ``invoke`` method, so this module imports nothing above
conversion.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import invalid_cast
from .pstype import Converter, PSType

__all__ = [
    "DelegateType",
    "ScriptDelegate",
    "action_type",
    "func_type",
    "is_script_block",
    "match_evaluator_type",
    "predicate_type",
]

_SCRIPT_BLOCK = "System.Management.Automation.ScriptBlock"


def is_script_block(value: Any) -> bool:
    return getattr(type(value), "__ps_type_name__", None) == _SCRIPT_BLOCK


class ScriptDelegate:
    """A script block converted to a delegate type: callable from Python, ``.Invoke(args)`` from scripts."""

    __slots__ = ("delegate_type", "script_block")

    def __init__(self, delegate_type: DelegateType, script_block: Any) -> None:
        self.delegate_type = delegate_type
        self.script_block = script_block

    def __ps_type_name__(self) -> str:
        return self.delegate_type.full_name

    def __call__(self, *args: Any) -> Any:
        delegate = self.delegate_type
        if len(args) != len(delegate.parameters):
            raise TypeError(f"{delegate.full_name} takes {len(delegate.parameters)} arguments")
        values = [kind.convert(value) for kind, value in zip(delegate.parameters, args, strict=True)]
        output = self.script_block.invoke(*values)
        if delegate.returns is None:
            return None
        result = output[0] if len(output) == 1 else (None if not output else list(output))
        return delegate.returns.convert(result)

    def Invoke(self, *args: Any) -> Any:
        return self(*args)

    def __str__(self) -> str:
        return self.delegate_type.full_name


class DelegateType(PSType):
    """A closed delegate type: its parameter types and its return type (None for an Action)."""

    def __init__(
        self,
        definition: str,
        parameters: tuple[PSType, ...],
        returns: PSType | None,
        named: tuple[PSType, ...] | None = None,
    ) -> None:
        arguments = named if named is not None else parameters + ((returns,) if returns is not None else ())
        arity = f"`{len(arguments)}" if arguments else ""
        inner = f"[{','.join(argument.full_name for argument in arguments)}]" if arguments else ""
        super().__init__(f"{definition}{arity}{inner}")
        self.parameters = parameters
        self.returns = returns
        self.type_args = arguments

    def is_instance(self, value: Any) -> bool:
        return isinstance(value, ScriptDelegate) and value.delegate_type.full_name == self.full_name

    def figure(self, value: Any) -> Converter:
        if value is None:
            return lambda _value: None
        if self.is_instance(value):
            return lambda same: same
        if is_script_block(value):
            return self._from_script_block
        if isinstance(value, ScriptDelegate):
            return lambda delegate: self._from_script_block(delegate.script_block)
        return self.no_conversion

    def _from_script_block(self, block: Any) -> ScriptDelegate:
        return ScriptDelegate(self, block)

    def no_conversion(self, value: Any) -> Any:
        raise invalid_cast(value, self.full_name)


def func_type(*arguments: PSType) -> DelegateType:
    """``Func[T1, ..., TResult]``: the last type argument is the return type."""
    return DelegateType("System.Func", tuple(arguments[:-1]), arguments[-1])


def action_type(*arguments: PSType) -> DelegateType:
    return DelegateType("System.Action", tuple(arguments), None)


def predicate_type(argument: PSType) -> DelegateType:
    from .typenames import find_type

    boolean = find_type("bool")
    assert boolean is not None
    return DelegateType("System.Predicate", (argument,), boolean, named=(argument,))


def as_callable(value: Any, delegate_type: DelegateType | None) -> Callable[..., Any] | None:
    """A delegate argument as a Python callable: a delegate as it is; a script block converted to
    ``delegate_type`` when the method's type arguments say which (else None: no overload)."""
    if isinstance(value, ScriptDelegate):
        return value
    if delegate_type is not None and is_script_block(value):
        converted: Callable[..., Any] = delegate_type.convert(value)
        return converted
    return None


def match_evaluator_type() -> DelegateType:
    """``[System.Text.RegularExpressions.MatchEvaluator]``: Match -> string (``-replace``'s evaluator)."""
    from .typenames import find_type

    match, text = find_type("System.Text.RegularExpressions.Match"), find_type("string")
    assert match is not None and text is not None
    made = DelegateType("System.Text.RegularExpressions.MatchEvaluator", (match,), text, named=())
    made.full_name = "System.Text.RegularExpressions.MatchEvaluator"
    return made
