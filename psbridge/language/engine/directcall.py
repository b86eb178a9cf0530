"""Direct calls: a statement that is one call of a script function, without the pipeline machinery.

``Add-Pair -Left $i -Right 1`` as a statement of its own (no pipeline input, no other
command, no redirection) binds and runs exactly as the command processor would, but the
binding is planned once per call site and function: which parameter each argument goes
to (named and positional arguments, decided as the binder decides them, and checked
against the binder on the first call) and the parameter's type conversion.  A call then
converts the values, makes the function's scope and runs its blocks.

The plan is only made where the outcome cannot differ from the binder's: every argument
static (no splatting), every parameter it binds declared (no common parameter), without
transformation, validation or PSTypeName attributes, no parameter sets, every mandatory
parameter given, and a function body that never names ``$PSCmdlet`` or ``$MyInvocation``
(they stand for the command processor, which a direct call does not make).  Anything a
plan does not cover -- a value that does not convert, ``$null`` or empty for a mandatory
parameter -- goes the whole way through the binder with the values already computed, so
errors are the binder's own and no argument expression runs twice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ...binding import CommandArgument
from ...errors import PSError, halted, mark_halted
from ...runtime.scopes import PSVariable, Scope
from .flow import ReturnException
from .functions import FunctionInfo, parent_scope
from .scriptblock import UNBOUND

if TYPE_CHECKING:
    from ...binding.compiled import CompiledCommand, CompiledParameter
    from .context import ExecutionContext

__all__ = ["ArgumentShape", "DirectCallSite"]

Out = Callable[[Any], None]

#: One argument as written: ("named", name, label) for ``-Name:value``; ("pair", name, text) for
#: ``-Name value``; ("switch", name, text) for ``-Name`` alone; ("positional", None, None).
ArgumentShape = tuple[str, str | None, str | None]

_UNPLANNED: Any = object()
_INT32_MIN, _INT32_MAX = -(2**31), 2**31 - 1
_EXACT: dict[str, type] = {"Int32": int, "String": str}


_NO_PLAN: Any = object()


class _Plan:
    """Where each argument's value goes, for one function at one call site."""

    __slots__ = ("blocks", "checks", "command", "compiled", "in_order", "names", "order", "parameters", "qualifier")

    def __init__(self, info: FunctionInfo, command: CompiledCommand, parameters: list[CompiledParameter]) -> None:
        self.compiled = info.compiled
        self.command = command
        self.parameters = parameters
        #: The bound parameters' names, in binding order (``$PSBoundParameters``'s keys).
        self.names = tuple(parameter.name for parameter in parameters)
        self.qualifier = command.qualifier
        #: Per parameter, the Python type its values already have (an Int32 is a plain int, a String
        #: a str): such a value needs no conversion.
        exact = [_EXACT.get(parameter.ps_type.name) for parameter in parameters]
        #: Per argument: its index, its parameter's type, that Python type, whether it is mandatory.
        self.checks = tuple(
            (index, parameter.ps_type, exact[index], parameter.mandatory_some)
            for index, parameter in enumerate(parameters)
        )
        compiled = self.compiled
        #: For each declared parameter in order, the index of the argument bound to it (-1: none).
        names = [parameter.name.casefold() for parameter in parameters]
        self.order = tuple(names.index(info.key) if info.key in names else -1 for info in compiled.parameters)
        #: Whether the arguments are the declared parameters in order (their values need no reordering).
        self.in_order = self.order == tuple(range(len(parameters)))
        #: The named blocks to run, each with whether an error leaving it names the command (the
        #: processor names it for begin and end, not process).
        self.blocks = tuple(
            (block, names_command)
            for block, names_command in ((compiled.begin, True), (compiled.process, False), (compiled.end, True))
            if block is not None
        )

    def bind(self, values: list[Any]) -> list[Any] | None:
        """The arguments' values converted to their parameters' types (``values`` itself when
        none needed converting); None when the binder must decide (and report)."""
        converted = values
        for index, ps_type, exact, mandatory in self.checks:
            value = values[index]
            if type(value) is not exact or (exact is int and not _INT32_MIN <= value <= _INT32_MAX):  # type: ignore[operator]
                try:
                    value = ps_type.convert(value)
                except Exception:
                    return None
                if converted is values:
                    converted = list(values)  # the binder gets the values as written if it must decide
                converted[index] = value
            if mandatory and (value is None or value == "" or value == []):
                return None
        return converted

    def bound(self, values: list[Any]) -> dict[str, Any]:
        """The bound parameters as the binder records them (name -> converted value)."""
        return dict(zip(self.names, values, strict=True))


def _has_default_values(scope: Scope) -> bool:
    found, table = scope.context.runspace.get_variable("PSDefaultParameterValues")
    return bool(found and table)


def _eligible_function(info: FunctionInfo) -> bool:
    compiled = info.compiled
    if info.dot_source or any(parameter.validate_script is not None for parameter in compiled.parameters):
        return False
    text = compiled.ast.extent.text.casefold()
    return "pscmdlet" not in text and "myinvocation" not in text


def _plan(info: FunctionInfo, shapes: Sequence[ArgumentShape]) -> _Plan | None:
    """The plan for ``shapes`` (None: this call site always goes through the binder)."""
    if not _eligible_function(info):
        return None
    command = info.compiled_command()
    declared = [parameter for parameter in command.parameters if not parameter.is_common]
    for parameter in declared:
        if parameter.transforms or parameter.validators or parameter.ps_type_name or parameter.set_flags:
            return None
        if any(data.remaining or data.vfp or data.bpn for data in parameter.set_data):
            return None
        if parameter.mandatory_some and parameter.ps_type.is_collection:
            return None  # its items are checked for null and empty too: the binder does it
    targets: list[CompiledParameter] = []
    positional_count = 0
    try:
        for kind, name, _label in shapes:
            if kind == "positional":
                positional_count += 1
                continue
            if kind not in ("named", "pair") or name is None:
                return None
            target = command.lookup(name)
            if target is None or target.is_common or target.is_switch or target in targets:
                return None
            targets.append(target)
    except PSError:  # an ambiguous name: the binder reports it
        return None
    positional = sorted(
        (
            (data.position, parameter)
            for parameter in declared
            if parameter not in targets
            for data in parameter.set_data
            if data.position is not None
        ),
        key=lambda pair: pair[0],
    )
    if positional_count > len(positional):
        return None
    order = iter(positional)
    parameters: list[CompiledParameter] = []
    named = iter(targets)
    for kind, _name, _label in shapes:
        parameters.append(next(order)[1] if kind == "positional" else next(named))
    if any(parameter.mandatory_some and parameter not in parameters for parameter in declared):
        return None
    return _Plan(info, command, parameters)


def _arguments(shapes: Sequence[ArgumentShape], values: list[Any]) -> list[CommandArgument]:
    """The CommandArguments the pipeline compiler would have made, from values already computed."""
    arguments: list[CommandArgument] = []
    for (kind, name, label), value in zip(shapes, values, strict=True):
        assert kind == "positional" or (name is not None and label is not None)
        if kind == "named":
            arguments.append(CommandArgument.named(name, value, text=label))  # type: ignore[arg-type]
        elif kind == "pair":
            arguments.append(CommandArgument.parameter(name, text=label))  # type: ignore[arg-type]
            arguments.append(CommandArgument.positional(value))
        elif kind == "switch":
            arguments.append(CommandArgument.parameter(name, text=label))  # type: ignore[arg-type]
        else:
            arguments.append(CommandArgument.positional(value))
    return arguments


class DirectCallSite:
    """One call site: the function last called from it and the plan for that function."""

    __slots__ = ("info", "plan", "shapes")

    def __init__(self, shapes: Sequence[ArgumentShape]) -> None:
        self.shapes = tuple(shapes)
        self.info: FunctionInfo | None = None
        self.plan: Any = _UNPLANNED

    def arguments(self, values: list[Any]) -> list[CommandArgument]:
        return _arguments(self.shapes, values)

    def try_call(self, info: Any, values: list[Any], scope: Scope, out: Out) -> bool:
        """Run the call directly if this site's plan covers it; False: take the pipeline."""
        if type(info) is not FunctionInfo:
            return False
        if info.compiled.is_advanced and _has_default_values(scope):
            return False  # the binder applies $PSDefaultParameterValues to an advanced function
        if info is not self.info:
            self.info = info
            self.plan = _UNPLANNED
        plan = self.plan
        if plan is _NO_PLAN:
            return False
        if plan is _UNPLANNED:
            plan = self.plan = self._checked_plan(info, values) or _NO_PLAN
            if plan is _NO_PLAN:
                return False
        converted = plan.bind(values)
        if converted is None:
            return False
        _run(info, plan, converted, scope.context, out)
        return True

    def _checked_plan(self, info: FunctionInfo, values: list[Any]) -> _Plan | None:
        """The plan, if the binder binds the first call's arguments to the same parameters."""
        plan = _plan(info, self.shapes)
        if plan is None:
            return None
        arguments = self.arguments(values)
        converted = plan.bind(values)
        if converted is None:
            return None
        bound = plan.bound(converted)
        binder = info.new_binder(plan.command)
        try:
            binder.bind_command_line(arguments)
        except PSError:
            return None
        if list(binder.bound) != list(bound) or getattr(binder, "unbound_arguments", None):
            return None
        if any(binder.bound[name] is not value and binder.bound[name] != value for name, value in bound.items()):
            return None
        return plan


def _run(info: FunctionInfo, plan: _Plan, values: list[Any], context: ExecutionContext, out: Out) -> None:
    """What ScriptBlockCommand's begin, process (once, no input) and end do, for ``values``
    (the arguments' values, converted): each block runs as :meth:`CompiledScriptBlock.run` runs
    it, the runspace's scope and call depth set once around all of them."""
    compiled = plan.compiled
    runspace = context.runspace
    previous = runspace.current_scope
    own = info.script_block
    # the common case inline (a direct call is on every loop's path): no closure, no session state
    scope = Scope(previous if own.closure_scope is None and own.session is None else parent_scope(info, previous))
    declared = values if plan.in_order else [UNBOUND if index < 0 else values[index] for index in plan.order]
    compiled.make_variables(scope, declared, (plan.names, values), [])
    scope.variables["input"] = PSVariable("input", [])
    depth = context.call_depth + 1
    if depth > context.verified_depth:
        context.verify_depth(depth)
    context.call_depth = depth
    runspace.current_scope = scope
    ran = False  # the clean block runs only when a begin, process or end block ran (pwsh)
    written = runspace.errors_written  # errors of the commands inside leave $? true (pwsh)
    try:
        for block, names_command in plan.blocks:
            ran = True
            try:
                block(scope, out)
            except ReturnException as signal:
                for item in signal.pending:
                    out(item)
            except PSError as error:
                if not halted(error):
                    mark_halted(error)  # it left the function: the caller's try or the script ends
                record = error.error_record
                if names_command and record.command_name is None and record.activity is None:
                    record.command_name = plan.qualifier
                raise
    finally:
        runspace.current_scope = previous
        context.call_depth -= 1
        runspace.errors_written = written
        if compiled.clean is not None and ran:
            try:
                compiled.run(compiled.clean, scope, lambda _value: None, context)
            except Exception:
                pass
