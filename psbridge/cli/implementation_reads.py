"""Which parameters a cmdlet's Python implementation reads, found by reading its code.

A spec and its implementation drift like docs and source do: a parameter the
spec declares but no code reads is accepted and silently ignored; a parameter
the code reads but the spec lacks fails at run time (``Parameters`` raises).
Running every cmdlet with every parameter cannot show the first (a read may
sit in a branch no run takes), so this reads the code instead, with Python's
``ast``, starting from the cmdlet class's ``begin``/``process``/``end``/``dispose``
and following every call that hands on the cmdlet or its parameters:

* a *parameters value* is ``<cmdlet>.params`` (or the binder's table ``<cmdlet>.binder.bound``) or
  a name it was assigned to;
  ``p.Name``, ``p.get("Name")``, ``p.is_bound("Name")`` and ``getattr(p, "Name")``
  read ``Name``; ``p.bound`` reads every bound parameter.  ``p.declares("Name")``
  or ``p.is_bound("Name")`` in a function marks that function's reads of
  ``Name`` as optional: both answer False for a parameter the command lacks,
  so code behind them never reaches a parameter that is not there;
* a *cmdlet value* is ``self`` in the class's methods, a parameter a cmdlet was
  passed to, or an attribute of a helper object that was given one (``self.cmdlet``);
  its methods are resolved on the concrete class, as Python would;
* a name in ``p.get(name)`` is worked out from a loop over a constant
  (``for name, field in FIELDS``): the constant's value is taken from the
  imported module, so shared tables count for every cmdlet that uses them.

A read whose name cannot be worked out is reported too: the check must not
pass by not understanding.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
import types
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ImplementationReads", "Read", "implementation_reads"]

#: ``Parameters``' own members: using them is not reading a parameter called so.
_PARAMETERS_API = {"get", "is_bound", "bound_value", "declares", "bound", "parameter_set_name"}
_LIFECYCLE = ("begin", "process", "end", "dispose")


@dataclass(frozen=True)
class Read:
    """One place the implementation reads a parameter."""

    name: str
    path: str
    line: int
    #: The reading function first asks ``declares(name)``: not having it is fine.
    optional: bool = False

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class ImplementationReads:
    cmdlet: str
    reads: list[Read] = field(default_factory=list)
    #: Places that read ``params.bound``, i.e. every bound parameter.
    everything: list[Read] = field(default_factory=list)
    #: Places whose parameter name could not be worked out (``name`` is the expression).
    unresolved: list[Read] = field(default_factory=list)

    def names(self) -> set[str]:
        return {read.name.casefold() for read in self.reads}


@dataclass(frozen=True)
class _Context:
    """Which dotted names hold the parameters and which hold the cmdlet, in one function."""

    params: frozenset[str]
    cmdlets: frozenset[str]


def implementation_reads(cls: type) -> ImplementationReads:
    """Every parameter read reachable from the lifecycle methods of cmdlet class ``cls``."""
    analysis = _Analysis(cls)
    for name in _LIFECYCLE:
        method = _function_of(inspect.getattr_static(cls, name, None))
        if method is not None:
            analysis.visit(method, _Context(frozenset(), frozenset({_self_name(method)})))
    return analysis.result


class _Analysis:
    def __init__(self, cls: type) -> None:
        self.cls = cls
        #: Code is followed within the package that defines the cmdlet (``psbridge.`` ...).
        self.root = cls.__module__.split(".")[0] + "."
        self.result = ImplementationReads(getattr(cls, "name", cls.__name__))
        self.seen: set[tuple[types.CodeType, _Context]] = set()
        #: helper class -> {attribute -> "params"|"cmdlet"}: objects that were handed one.
        self.holders: dict[type, dict[str, str]] = {}

    def ours(self, value: Any) -> bool:
        """Only the cmdlet's own package is read: not the standard library, not ``Parameters``."""
        module = getattr(value, "__module__", "") or ""
        return module.startswith(self.root) and module != "psbridge.runtime.cmdlet"

    # -- functions -------------------------------------------------------------------------
    def visit(self, function: types.FunctionType, context: _Context) -> None:
        key = (function.__code__, context)
        if key in self.seen or not self.ours(function):
            return
        self.seen.add(key)
        node = _definition(function)
        if node is None:
            return
        context = _assignments(node, context)
        path = _display_path(function)
        optional = self._declared(node, context, function)
        for child in ast.walk(node):
            if isinstance(child, ast.Attribute) and isinstance(child.ctx, ast.Load):
                self._attribute(child, context, function, path, optional)
            elif isinstance(child, ast.Call):
                self._call(child, context, function, path, optional)

    def _declared(self, node: ast.AST, context: _Context, function: types.FunctionType) -> set[str]:
        names: set[str] = set()
        for child in ast.walk(node):
            if _is_parameters_call(child, context, "declares") or _is_parameters_call(child, context, "is_bound"):
                assert isinstance(child, ast.Call)
                resolved = _names_of(child.args[0], child, node, function) if child.args else None
                names |= {name.casefold() for name in resolved or ()}
        return names

    def _record(self, name: str, path: str, node: ast.AST, optional: set[str]) -> None:
        line = getattr(node, "lineno", 0)
        self.result.reads.append(Read(name, path, line, name.casefold() in optional))

    def _attribute(
        self, node: ast.Attribute, context: _Context, function: types.FunctionType, path: str, optional: set[str]
    ) -> None:
        if _is_params(node.value, context):
            if node.attr == "bound":
                self.result.everything.append(Read("bound", path, node.lineno))
            elif node.attr not in _PARAMETERS_API:
                self._record(node.attr, path, node, optional)
            return
        if _is_cmdlet(node.value, context):
            # A method of the cmdlet, called or handed on as a callback (self._emit_run).
            member = _function_of(inspect.getattr_static(self.cls, node.attr, None))
            if member is not None:
                self.visit(member, _Context(frozenset(), frozenset({_self_name(member)})))

    def _call(
        self, node: ast.Call, context: _Context, function: types.FunctionType, path: str, optional: set[str]
    ) -> None:
        for method in ("get", "is_bound", "bound_value"):
            if _is_parameters_call(node, context, method):
                self._named_read(node.args[0] if node.args else None, node, function, path, optional)
                return
        if isinstance(node.func, ast.Name) and node.func.id == "getattr" and node.args:
            if _is_params(node.args[0], context):
                self._named_read(node.args[1] if len(node.args) > 1 else None, node, function, path, optional)
            return
        callee = self._callee(node.func, context, function)
        if callee is None:
            return
        target, bound_self = callee
        handed = _handed(node, context, target, bound_self)
        if isinstance(target, type):
            self._construct(target, handed)
            return
        if handed.params or handed.cmdlets:
            self.visit(target, handed)

    def _named_read(
        self,
        argument: ast.expr | None,
        node: ast.Call,
        function: types.FunctionType,
        path: str,
        optional: set[str],
    ) -> None:
        definition = _definition(function)
        names = _names_of(argument, node, definition, function) if argument is not None and definition else None
        if names is None:
            text = ast.unparse(argument) if argument is not None else "?"
            self.result.unresolved.append(Read(text, path, node.lineno))
            return
        for name in names:
            self._record(name, path, node, optional)

    def _callee(self, func: ast.expr, context: _Context, function: types.FunctionType) -> tuple[Any, str | None] | None:
        """(function or class called, what its first parameter is bound to: "cmdlet"/None)."""
        if isinstance(func, ast.Attribute) and _is_super(func.value) and _self_name(function) in context.cmdlets:
            member = self._inherited(function, func.attr)
            return (member, "cmdlet") if member is not None else None
        if isinstance(func, ast.Attribute) and _is_cmdlet(func.value, context):
            member = _function_of(inspect.getattr_static(self.cls, func.attr, None))
            return (member, "cmdlet") if member is not None else None
        value = _static_value(func, function)
        if isinstance(value, type) and self.ours(value):
            return value, None
        if isinstance(value, types.MethodType):  # a classmethod, or a method of a module-level object
            inner = _function_of(value.__func__)
            return (inner, "other") if inner is not None else None
        target = _function_of(value)
        return (target, None) if target is not None else None

    def _inherited(self, function: types.FunctionType, name: str) -> types.FunctionType | None:
        """What ``super().name`` means inside ``function``, a method of the cmdlet's class chain."""
        mro = self.cls.__mro__
        owner = next(
            (i for i, klass in enumerate(mro) if any(_code_of(v) is function.__code__ for v in vars(klass).values())),
            None,
        )
        if owner is None:
            return None
        for klass in mro[owner + 1 :]:
            if name in vars(klass):
                return _function_of(vars(klass)[name])
        return None

    def _construct(self, cls: type, handed: _Context) -> None:
        """A helper object given the cmdlet or its parameters: all its methods may read them."""
        init = _function_of(inspect.getattr_static(cls, "__init__", None))
        if init is None or not (handed.params or handed.cmdlets) or not self.ours(init):
            return
        node = _definition(init)
        if node is None:
            return
        self_name = _self_name(init)
        held = self.holders.setdefault(cls, {})
        for child in ast.walk(node):
            if isinstance(child, ast.Assign) and len(child.targets) == 1:
                target = _dotted(child.targets[0])
                if target and target.startswith(f"{self_name}.") and target.count(".") == 1:
                    if _is_params(child.value, handed):
                        held[target.split(".", 1)[1]] = "params"
                    elif _is_cmdlet(child.value, handed):
                        held[target.split(".", 1)[1]] = "cmdlet"
        self.visit(init, handed)
        for name in dir(cls):
            member = _function_of(inspect.getattr_static(cls, name, None))
            if member is None or member is init:
                continue
            own = _self_name(member)
            params = frozenset(f"{own}.{a}" for a, kind in held.items() if kind == "params")
            cmdlets = frozenset(f"{own}.{a}" for a, kind in held.items() if kind == "cmdlet")
            if params or cmdlets:
                self.visit(member, _Context(params, cmdlets))


# -- what an expression is ---------------------------------------------------------------------
def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else None
    return None


def _is_params(node: ast.expr, context: _Context) -> bool:
    name = _dotted(node)
    if name is None:
        return False
    if name in context.params:
        return True
    # ``<cmdlet>.binder.bound``: the binder's own table, which a cmdlet reads its pipeline input from
    # once per object (``.get("InputObject", NOT_BOUND)``) without the Parameters view's lookups
    return any(name.endswith(suffix) and name[: -len(suffix)] in context.cmdlets for suffix in _PARAMETERS_VIEWS)


_PARAMETERS_VIEWS = (".params", ".binder.bound")


def _is_super(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super" and not node.args


def _code_of(value: Any) -> types.CodeType | None:
    function = _function_of(value)
    return function.__code__ if function is not None else None


def _is_cmdlet(node: ast.expr, context: _Context) -> bool:
    name = _dotted(node)
    return name is not None and name in context.cmdlets


def _is_parameters_call(node: ast.AST, context: _Context, method: str) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == method
        and _is_params(node.func.value, context)
    )


def _assignments(node: ast.AST, context: _Context) -> _Context:
    """Add the local names assigned a parameters or cmdlet value (``p = self.params``)."""
    params, cmdlets = set(context.params), set(context.cmdlets)
    changed = True
    while changed:
        changed = False
        current = _Context(frozenset(params), frozenset(cmdlets))
        for child in ast.walk(node):
            if isinstance(child, ast.Assign | ast.AnnAssign | ast.NamedExpr):
                targets = child.targets if isinstance(child, ast.Assign) else [child.target]
                value = child.value
                if value is None:
                    continue
                for target in targets:
                    name = _dotted(target)
                    if name is None:
                        continue
                    if _is_params(value, current) and name not in params:
                        params.add(name)
                        changed = True
                    elif _is_cmdlet(value, current) and name not in cmdlets:
                        cmdlets.add(name)
                        changed = True
    return _Context(frozenset(params), frozenset(cmdlets))


def _handed(node: ast.Call, context: _Context, target: Any, bound_self: str | None) -> _Context:
    """The callee's parameters that receive the parameters or the cmdlet at this call."""
    init = _function_of(inspect.getattr_static(target, "__init__", None)) if isinstance(target, type) else target
    if init is None:
        return _Context(frozenset(), frozenset())
    definition = _definition(init)
    if definition is None or not isinstance(definition, ast.FunctionDef | ast.AsyncFunctionDef):
        return _Context(frozenset(), frozenset())
    positional = [a.arg for a in (*definition.args.posonlyargs, *definition.args.args)]
    params: set[str] = set()
    cmdlets: set[str] = set()
    if isinstance(target, type) or bound_self is not None:
        if bound_self == "cmdlet" and positional:
            cmdlets.add(positional[0])
        positional = positional[1:]
    for name, argument in zip(positional, node.args, strict=False):
        if isinstance(argument, ast.Starred):
            break
        _classify(name, argument, context, params, cmdlets)
    for keyword in node.keywords:
        if keyword.arg is not None:
            _classify(keyword.arg, keyword.value, context, params, cmdlets)
    return _Context(frozenset(params), frozenset(cmdlets))


def _classify(name: str, argument: ast.expr, context: _Context, params: set[str], cmdlets: set[str]) -> None:
    if _is_params(argument, context):
        params.add(name)
    elif _is_cmdlet(argument, context):
        cmdlets.add(name)


# -- names in get()/is_bound() -----------------------------------------------------------------
def _names_of(argument: ast.expr, use: ast.AST, definition: ast.AST, function: types.FunctionType) -> list[str] | None:
    """The parameter names an argument can hold, or None when that cannot be worked out.

    A loop variable takes the values of the innermost loop around ``use`` that binds it.
    """
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return [argument.value]
    if not isinstance(argument, ast.Name):
        return None
    for child in _enclosing(definition, use):
        loops = [child] if isinstance(child, ast.For) else getattr(child, "generators", [])
        for loop in loops:
            index = _index_in_target(loop.target, argument.id)
            if index is None:
                continue
            values = _iterated(loop.iter, function)
            if values is None:
                return None
            names = [_element(value, index) for value in values]
            return None if any(n is None for n in names) else [n for n in names if n is not None]
    value = function.__globals__.get(argument.id)
    return [value] if isinstance(value, str) else None


def _enclosing(definition: ast.AST, use: ast.AST) -> list[ast.AST]:
    """The nodes around ``use`` inside ``definition``, innermost first."""
    parents = _parents(definition)
    chain: list[ast.AST] = []
    current = parents.get(id(use))
    while current is not None:
        chain.append(current)
        current = parents.get(id(current))
    return chain


@functools.cache
def _parents(definition: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(definition) for child in ast.iter_child_nodes(node)}


def _index_in_target(target: ast.expr, name: str) -> tuple[int, ...] | None:
    if isinstance(target, ast.Name):
        return () if target.id == name else None
    if isinstance(target, ast.Tuple | ast.List):
        for position, element in enumerate(target.elts):
            inner = _index_in_target(element, name)
            if inner is not None:
                return (position, *inner)
    return None


def _iterated(node: ast.expr, function: types.FunctionType) -> list[Any] | None:
    """What a loop iterates over, when it is a literal or a module-level constant."""
    try:
        return list(ast.literal_eval(node))
    except (ValueError, TypeError, SyntaxError):
        pass
    method = None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not node.args:
        method, node = node.func.attr, node.func.value
    value = _static_value(node, function)
    if isinstance(value, dict):
        if method == "items":
            return list(value.items())
        return list(value.values()) if method == "values" else list(value)
    if method is None and isinstance(value, tuple | list | frozenset | set):
        return list(value)
    return None


def _element(value: Any, index: tuple[int, ...]) -> str | None:
    for position in index:
        if not isinstance(value, tuple | list) or position >= len(value):
            return None
        value = value[position]
    return value if isinstance(value, str) else None


# -- functions and their source ---------------------------------------------------------------
def _static_value(node: ast.expr, function: types.FunctionType) -> Any:
    """A module-level name (or attribute of one) as the imported module holds it."""
    name = _dotted(node)
    if name is None:
        return None
    head, *rest = name.split(".")
    if head in function.__globals__:
        value = function.__globals__[head]
    elif function.__closure__ and head in function.__code__.co_freevars:
        cell = function.__closure__[function.__code__.co_freevars.index(head)]
        try:
            value = cell.cell_contents
        except ValueError:
            return None
    else:
        return None
    for part in rest:
        try:
            value = inspect.getattr_static(value, part)
        except AttributeError:
            return None
        if isinstance(value, classmethod | staticmethod):
            value = value.__get__(None, object) if isinstance(value, staticmethod) else value.__func__
    return value


def _function_of(value: Any) -> types.FunctionType | None:
    if isinstance(value, staticmethod | classmethod):
        value = value.__func__
    if isinstance(value, property):
        value = value.fget
    if isinstance(value, functools.partial):
        value = value.func
    return value if isinstance(value, types.FunctionType) else None


def _self_name(function: types.FunctionType) -> str:
    names = function.__code__.co_varnames
    return names[0] if function.__code__.co_argcount and names else "self"


@functools.cache
def _module_tree(path: str) -> dict[int, ast.AST]:
    """First line (decorators included) -> function definition, for one source file."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), filename=path)
    found: dict[int, ast.AST] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            found[first] = node
    return found


def _definition(function: types.FunctionType) -> ast.AST | None:
    path = function.__code__.co_filename
    try:
        return _module_tree(path).get(function.__code__.co_firstlineno)
    except (OSError, SyntaxError):
        return None


def _display_path(function: types.FunctionType) -> str:
    module = sys.modules.get(function.__module__)
    name = (getattr(module, "__name__", None) or function.__module__).replace(".", "/")
    return f"{name}.py"
