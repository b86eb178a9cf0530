"""Script blocks: compiled once, run as values, commands, functions and scripts.

:class:`CompiledScriptBlock` is a ScriptBlockAst compiled to closures (its param block
read into :class:`ParameterInfo`, its named blocks into statement closures); it is made
once per script block node and shared by every run.

:class:`ScriptBlock` is the value ``{ ... }`` evaluates to.  Its small API is what Python
code (the core cmdlets: ForEach-Object, Where-Object, Select-Object's calculated
properties, Sort-Object's keys) calls:

``block.invoke(*args) -> list``
    ``& $block @args`` / ``$block.Invoke(...)``: a new scope (child of the scope the
    caller is running in, or of the closure's scope after ``GetNewClosure()``), the
    arguments bound to its ``param()`` or given as ``$args``; returns all its output.
``block.invoke_with_underbar(obj, *args, dot_source=True, input=None, variables=None) -> list``
    What ForEach-Object's ``-Process`` and Where-Object's ``-FilterScript`` do: ``$_``
    (and ``$PSItem``) is ``obj``; ``dot_source`` runs it in the current scope (as those
    cmdlets do) rather than a child scope; ``input`` becomes ``$input``; ``variables``
    (name -> value) are set first.  Returns the output.
``block(obj)``
    Shorthand for cmdlets: ``invoke_with_underbar(obj)`` collapsed (None / one object / a list).

Errors: a terminating error inside the block (``throw``, ``-ErrorAction Stop``, an
error under ``$ErrorActionPreference = 'Stop'``) raises as the PSError it is, so the
calling cmdlet can let it end the pipeline; non-terminating errors (Write-Error) and
the other streams go to the runspace's streams as the block writes them, exactly as
for any statement of the script.  A ``break``/``continue`` the block does not handle
travels on (:mod:`.flow`), as in PowerShell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ...conversion import register_scriptblock_class
from ...objects import SwitchParameter
from ...runtime.scopes import PSVariable, Scope
from .. import ast
from .context import CURRENT, context_of
from .errors import check_action_preference
from .flow import FlowControl, ReturnException
from .values import collapse, enumerated, restore_underbar, save_underbar
from .variable_validation import attribute_kind, validation_maker

if TYPE_CHECKING:
    from ..compiler import LoneExpression
    from ..compiler.core import Expr, Stmt
    from .context import ExecutionContext

__all__ = ["UNBOUND", "CompiledScriptBlock", "ParameterInfo", "ScriptBlock"]

_NUMERIC_DEFAULTS = frozenset(
    [
        "byte",
        "sbyte",
        "int16",
        "uint16",
        "int",
        "int32",
        "uint32",
        "long",
        "int64",
        "uint64",
        "uint",
        "ulong",
        "short",
        "ushort",
        "double",
        "float",
        "single",
        "decimal",
        "bigint",
        "biginteger",
    ]
)


def _implicit_default(type_name: str | None) -> Any:
    """Compiler.TryGetDefaultParameterValue: what an unbound typed parameter holds."""
    if type_name is None:
        return None
    base = type_name.casefold().removeprefix("system.")
    if base == "string":
        return ""
    if base in ("bool", "boolean"):
        return False
    if base in ("switch", "switchparameter", "management.automation.switchparameter"):
        return SwitchParameter(False)
    if base in _NUMERIC_DEFAULTS:
        return 0
    return None


class ParameterInfo:
    """One declared parameter: its variable name, type constraint and default."""

    __slots__ = (
        "attributes",
        "default",
        "implicit_default",
        "key",
        "name",
        "type_reference",
        "validate_script",
        "validate_script_message",
        "validations",
    )

    def __init__(self, node: ast.ParameterAst, compiler: Any) -> None:
        from ..compiler.expressions import TypeReference

        self.name = node.name.variable_path.unqualified_path
        self.key = self.name.casefold()
        type_node = next((a for a in node.attributes if isinstance(a, ast.TypeConstraintAst)), None)
        self.type_reference = (
            TypeReference(type_node.type_name, compiler.namespaces) if type_node is not None else None
        )
        self.default: Expr | None = compiler.expr(node.default_value) if node.default_value is not None else None
        self.implicit_default = _implicit_default(self.type_reference.name if self.type_reference else None)
        self.validate_script: ast.ScriptBlockAst | None = None
        self.validate_script_message: str | None = None
        for attribute in node.attributes:
            if (
                isinstance(attribute, ast.AttributeAst)
                and attribute.type_name.name.casefold().removesuffix("attribute") == "validatescript"
                and attribute.positional_arguments
            ):
                argument = attribute.positional_arguments[0]
                if isinstance(argument, ast.ScriptBlockExpressionAst):
                    self.validate_script = argument.script_block
                    self.validate_script_message = _error_message(attribute)
        #: Its validation attributes, kept on the variable: ``$Message = 'bye'`` in the body is
        #: checked too (about_Functions_Advanced_Parameters, "ValidateSet attribute").
        self.validations = [
            validation_maker(kind, [compiler.expr(argument) for argument in attribute.positional_arguments], self.name)
            for attribute in node.attributes
            if isinstance(attribute, ast.AttributeAst) and (kind := attribute_kind(attribute)) is not None
        ]
        reference = self.type_reference
        #: What the parameter's variable checks on assignment (``$N = 'x'`` in the body converts).
        self.attributes: tuple[Callable[[Any], Any], ...] = (
            () if reference is None else (lambda value: reference.get().convert(value),)
        )

    def constraint(self) -> list[Callable[[Any], Any]]:
        return list(self.attributes)

    def default_value(self, scope: Scope) -> Any:
        if self.default is not None:
            value = self.default(scope)
            if self.type_reference is not None and value is not None:
                value = self.type_reference.get().convert(value)
            return value
        value = self.implicit_default
        if value is not None and self.type_reference is not None:
            value = self.type_reference.get().convert(value)
        return value


def _error_message(attribute: ast.AttributeAst) -> str | None:
    """``ErrorMessage = '...'`` of a validation attribute (a constant string), else None."""
    for named in attribute.named_arguments:
        if named.argument_name.casefold() == "errormessage" and isinstance(
            named.argument, ast.StringConstantExpressionAst
        ):
            return str(named.argument.value)
    return None


def _is_advanced(node: ast.ScriptBlockAst, parameters: list[ast.ParameterAst]) -> bool:
    block = node.param_block
    if block is not None:
        for attribute in block.attributes:
            if attribute.type_name.name.casefold().removesuffix("attribute") == "cmdletbinding":
                return True
    return any(
        isinstance(attribute, ast.AttributeAst)
        and attribute.type_name.name.casefold().removesuffix("attribute") == "parameter"
        for parameter in parameters
        for attribute in parameter.attributes
    )


_SCALARS = frozenset({str, int, float, bool})

#: Variables every call of a block makes anew: :meth:`ScriptBlock.get_new_closure` does not copy them.
_NOT_CAPTURED = frozenset({"_", "args", "input", "psboundparameters", "myinvocation", "pscmdlet"})

#: ``$_`` was not set in the scope before a block set it (it is removed again after).
_NO_UNDERBAR: Any = object()

#: A parameter no argument was bound to (:meth:`CompiledScriptBlock.make_variables`).
UNBOUND: Any = object()


class _BoundParameters(PSVariable):
    """``$PSBoundParameters``: its hashtable is made when the function first reads it (most never do).

    ``bound`` is the bound parameters as a mapping, or as (names, values) in binding order (a
    direct call's plan: no dictionary is built for a call that never reads it)."""

    __slots__ = ("_bound",)

    def __init__(self, bound: Mapping[str, Any] | tuple[Sequence[str], Sequence[Any]]) -> None:
        # PSVariable's fields set directly: this is made on every function call
        self.name = "PSBoundParameters"
        self.options = 0
        self.description = ""
        self.attributes = ()
        self.plain = True
        self._bound: Mapping[str, Any] | tuple[Sequence[str], Sequence[Any]] | None = bound

    @property
    def value(self) -> Any:
        bound = self._bound
        if bound is not None:
            from ...objects import Hashtable

            self._bound = None
            if isinstance(bound, tuple):
                names, values = bound
                table: Mapping[str, Any] = dict(zip(names, values, strict=True))
            else:
                table = bound
            _VALUE.__set__(self, Hashtable(table))
        return _VALUE.__get__(self, PSVariable)

    @value.setter
    def value(self, value: Any) -> None:
        self._bound = None
        _VALUE.__set__(self, value)


_VALUE: Any = PSVariable.__dict__["value"]


class CompiledScriptBlock:
    """A ScriptBlockAst compiled once: parameters and the begin/process/end/clean closures."""

    def __init__(self, node: ast.ScriptBlockAst, parameters: list[ast.ParameterAst] | None = None) -> None:
        from ..compiler import Compiler

        compiler = Compiler(node)
        self.ast = node
        declared = list(node.param_block.parameters) if node.param_block is not None else list(parameters or [])
        self.parameter_nodes = declared
        self.parameters = [ParameterInfo(parameter, compiler) for parameter in declared]
        self.is_advanced = _is_advanced(node, declared)
        self.begin: Stmt | None = compiler.named_block(node.begin_block)
        self.process: Stmt | None = compiler.named_block(node.process_block)
        self.end: Stmt | None = compiler.named_block(node.end_block)
        self.clean: Stmt | None = compiler.named_block(node.clean_block)
        using_modules = [
            statement
            for statement in getattr(node, "using_statements", None) or ()
            if statement.using_statement_kind == ast.UsingStatementKind.Module
        ]
        if using_modules:
            self._import_first(using_modules)
        #: begin, process and end, those the block has, in order (a dot-sourced run goes through them).
        self.blocks: tuple[Stmt, ...] = tuple(
            block for block in (self.begin, self.process, self.end) if block is not None
        )
        #: The end block when it is all there is and one expression (``{ $_ % 2 }``).
        self.lone: LoneExpression | None = (
            compiler.lone_expression(node.end_block)
            if self.end is not None and self.blocks == (self.end,) and self.clean is None
            else None
        )
        self.file = node.extent.file
        #: The script's ``using namespace`` namespaces.
        self.namespaces: tuple[str, ...] = compiler.namespaces
        self._specs: dict[str, Any] = {}

    def _import_first(self, statements: list[Any]) -> None:
        """``using module X``: the script's first block imports the modules before anything else runs."""
        from .modules import import_using_modules

        first = self.begin or self.process or self.end
        file = self.ast.extent.file

        def run(scope: Scope, out: Callable[[Any], None]) -> None:
            import_using_modules(scope, statements, file)
            if first is not None:
                first(scope, out)

        if self.begin is not None:
            self.begin = run
        elif self.process is not None:
            self.process = run
        else:
            self.end = run

    def spec(self, name: str) -> Any:
        """The CmdletSpec of this block as the command ``name`` (PowerShell's parameter metadata)."""
        found = self._specs.get(name)
        if found is None:
            from ...specs.from_source import spec_from_param_block

            found = spec_from_param_block(name, self.ast.param_block, parameters=self.parameter_nodes)
            self._specs[name] = found
        return found

    def bind_variables(
        self,
        scope: Scope,
        bound: Mapping[str, Any],
        arguments: list[Any],
        context: ExecutionContext,
    ) -> None:
        """Make the parameter variables (bound values, else defaults), ``$args`` and
        ``$PSBoundParameters`` in the block's new scope."""
        folded_bound = {name.casefold(): value for name, value in bound.items()}
        values = [folded_bound.get(parameter.key, UNBOUND) for parameter in self.parameters]
        self.make_variables(scope, values, bound, arguments)

    def make_variables(
        self,
        scope: Scope,
        values: Sequence[Any],
        bound: Mapping[str, Any] | tuple[Sequence[str], Sequence[Any]],
        arguments: list[Any],
    ) -> None:
        """The variables of :meth:`bind_variables` from each declared parameter's value in order
        (:data:`UNBOUND`: its default, evaluated in the new scope, after the earlier ones)."""
        variables = scope.variables
        for parameter, value in zip(self.parameters, values):  # noqa: B905 (as many: the caller made them so)
            if value is UNBOUND:
                value = parameter.default_value(scope)
            variable = PSVariable(parameter.name, value)  # bound values are converted already
            attributes = parameter.attributes
            if parameter.validations:
                attributes = (*attributes, *(make(scope) for make in parameter.validations))
            if attributes:
                variable.attributes = attributes
                variable.plain = False
            variables[parameter.key] = variable
        variables["args"] = PSVariable("args", list(arguments))
        variables["psboundparameters"] = _BoundParameters(bound)

    def run(self, block: Stmt | None, scope: Scope, out: Callable[[Any], None], context: ExecutionContext) -> None:
        """Run one named block in ``scope`` (the runspace's current scope while it runs)."""
        if block is None:
            return
        runspace = context.runspace
        previous = runspace.current_scope
        depth = context.call_depth + 1
        if depth > context.verified_depth:
            context.verify_depth(depth)
        context.call_depth = depth
        runspace.current_scope = scope
        try:
            block(scope, out)
        except ReturnException as signal:
            for item in signal.pending:
                out(item)
        finally:
            runspace.current_scope = previous
            context.call_depth -= 1


def _in_session(run: Callable[[Any], Any], context: ExecutionContext, session: Any) -> Callable[[Any], Any]:
    """A dot-sourced runner of a block written in ``session``: run from another session state, it
    runs in its own session state's current scope (a caller's ``{ $x }`` given to a module's
    ForEach-Object sees the caller's ``$x``)."""
    from .modules import session_parent

    runspace = context.runspace

    def run_in_session(underbar: Any) -> Any:
        caller = runspace.current_scope
        target = session_parent(context, session, caller)
        if target is caller:
            return run(underbar)
        runspace.current_scope = target
        try:
            return run(underbar)
        finally:
            runspace.current_scope = caller

    return run_in_session


class ScriptBlock:
    """A script block value; see the module docstring for the API Python code uses."""

    __ps_type_name__ = "System.Management.Automation.ScriptBlock"
    __slots__ = ("_runner", "closure_scope", "compiled", "context", "session")

    def __init__(
        self, compiled: CompiledScriptBlock, context: ExecutionContext | None, closure_scope: Scope | None = None
    ) -> None:
        self.compiled = compiled
        self.context = context
        self.closure_scope = closure_scope
        #: The session state the block was written in (a module, or the top level), once modules are
        #: in use: run from another one, it runs in its own (None: wherever it is run).
        self.session: Any = None
        self._runner: Callable[[Any], Any] | None = None

    @staticmethod
    def compile(node: ast.ScriptBlockAst) -> CompiledScriptBlock:
        return CompiledScriptBlock(node)

    @classmethod
    def from_text(cls, text: str, context: ExecutionContext | None = None) -> ScriptBlock:
        """``[scriptblock]::Create(text)``: parse (ParseError on bad text) and compile."""
        from ..parser import parse
        from .context import CURRENT

        return cls(CompiledScriptBlock(parse(text)), context or CURRENT.get())

    # -- running ------------------------------------------------------------------------------------
    def _context(self) -> ExecutionContext:
        context = self.context or CURRENT.get()
        if context is None:
            from ...runtime import Runspace

            context = context_of(Runspace())
            self.context = context
        return context

    def _new_scope(self, context: ExecutionContext) -> Scope:
        if self.closure_scope is None and self.session is not None:
            from .modules import session_parent

            return Scope(session_parent(context, self.session, context.runspace.current_scope))
        return Scope(self.closure_scope or context.runspace.current_scope)

    def invoke(self, *args: Any) -> list[Any]:
        """``$block.Invoke(args)``: a child scope, arguments positional; all output."""
        from ...binding import CommandArgument
        from ...runtime.pipeline import CommandCall, run_pipeline
        from .functions import ScriptBlockCommandInfo

        context = self._context()
        info = ScriptBlockCommandInfo(self, dot_source=False)
        call = CommandCall("", [CommandArgument.positional(value) for value in args], command=info)  # type: ignore[arg-type]
        return run_pipeline(context.runspace, [call])

    def invoke_with_underbar(
        self,
        underbar: Any,
        *args: Any,
        dot_source: bool = True,
        input: Iterable[Any] | None = None,
        variables: Mapping[str, Any] | None = None,
    ) -> list[Any]:
        """Run with ``$_`` set (ForEach-Object, Where-Object, ``.Where()``, switch clauses)."""
        if dot_source and not args and input is None and variables is None and self.closure_scope is None:
            return self._dot_source_with_underbar(underbar)
        context = self._context()
        compiled = self.compiled
        output: list[Any] = []
        if dot_source and self.closure_scope is None:
            scope = context.runspace.current_scope
            if self.session is not None:
                from .modules import session_parent

                scope = session_parent(context, self.session, scope)
            saved = save_underbar(scope)
        else:
            scope = self._new_scope(context)
            saved = None
        try:
            scope.set("_", underbar)
            if not dot_source or self.closure_scope is not None or args:
                scope.set("args", list(args))
            if input is not None:
                scope.set("input", list(input))
            for name, value in (variables or {}).items():
                scope.set(name, value)
            if compiled.parameters and args:
                # ForEach-Object -ArgumentList: the values bind to param() by position, the rest are $args
                bound: dict[str, Any] = {}
                for parameter, value in zip(compiled.parameters, args, strict=False):
                    for convert in parameter.constraint():
                        value = convert(value)
                    bound[parameter.name] = value
                compiled.bind_variables(scope, bound, list(args[len(compiled.parameters) :]), context)
            for block in (compiled.begin, compiled.process, compiled.end):
                compiled.run(block, scope, output.append, context)
        finally:
            if saved is not None:
                restore_underbar(scope, saved)
        return output

    def _dot_source_with_underbar(self, underbar: Any) -> list[Any]:
        runner = self._runner
        if runner is None:
            runner = self.underbar_runner()
            if self.context is not None:  # else the session is the caller's, which may differ next time
                self._runner = runner
        output: list[Any] = runner(underbar)
        return output

    def underbar_runner(self, collapsed: bool = False) -> Callable[[Any], Any]:
        """``invoke_with_underbar(obj)`` (dot-sourced, no arguments) as one function, made once
        per block for a cmdlet that runs it per pipeline object: in the caller's scope with ``$_``
        set and put back, the named blocks run at one call depth more, all output returned.  A
        block that is one expression is evaluated as its statement would be, without the statement
        machinery (its value enumerated is the output; a failure is handled as a statement's).
        ``collapsed``: the output as one value instead (:func:`.values.collapse`), as Where-Object
        tests it."""
        if self.closure_scope is not None:
            if collapsed:
                return lambda underbar: collapse(self.invoke_with_underbar(underbar))
            return self.invoke_with_underbar
        context = self._context()
        runspace = context.runspace
        blocks = self.compiled.blocks
        lone = self.compiled.lone
        #: The ``$_`` variable put into a scope that had none, kept for the next object (a runner
        #: re-entered while one is in use makes another).
        spare: list[PSVariable] = [PSVariable("_")]

        value_of, extent, sets_success = lone if lone is not None else (None, None, False)

        def run(underbar: Any) -> Any:
            scope = runspace.current_scope
            variables = scope.variables
            variable = variables.get("_")
            if variable is None:
                saved: Any = _NO_UNDERBAR
                variable = spare.pop() if spare else PSVariable("_")
                variable.value = underbar
                variables["_"] = variable
            elif variable.plain:
                saved = variable.value
                variable.value = underbar
            else:
                saved = variable.value
                variable.assign(underbar)
            depth = context.call_depth + 1
            if depth > context.verified_depth:
                context.verify_depth(depth)
            context.call_depth = depth
            try:
                if value_of is not None:
                    try:
                        value = value_of(scope)
                    except FlowControl:
                        raise
                    except Exception as error:
                        check_action_preference(scope, error, extent)
                        return None if collapsed else []
                    if sets_success:
                        context.question = True
                    if value is None or type(value) in _SCALARS:
                        return value if collapsed else [value]
                    return collapse(enumerated(value)) if collapsed else enumerated(value)
                output: list[Any] = []
                append = output.append
                for block in blocks:
                    try:
                        block(scope, append)
                    except ReturnException as signal:
                        output.extend(signal.pending)
                return collapse(output) if collapsed else output
            except ReturnException as signal:
                return collapse(signal.pending) if collapsed else list(signal.pending)
            finally:
                context.call_depth = depth - 1
                if saved is _NO_UNDERBAR:
                    variables.pop("_", None)
                    variable.value = None
                    if variable.plain and not spare:
                        spare.append(variable)
                else:
                    variable.value = saved
                    variables["_"] = variable

        if self.session is not None:
            return _in_session(run, context, self.session)
        return run

    def __call__(self, input_object: Any = None) -> Any:
        return collapse(self.invoke_with_underbar(input_object))

    def get_new_closure(self) -> ScriptBlock:
        """``GetNewClosure()``: a copy bound to a new scope (a child of the global one) holding copies
        of the current scope's own plain variables, as PSModuleInfo.CaptureLocals copies them (the
        global scope's too, when that is where it is called; never ReadOnly, Constant, Private or
        AllScope ones, nor the automatic ``$_``/``$args``/``$input`` a call makes anew)."""
        context = self._context()
        current = context.runspace.current_scope
        closure = Scope(context.global_scope)
        for key, variable in current.variables.items():
            if key in _NOT_CAPTURED or variable.options:
                continue
            copy = closure.variables[key] = PSVariable(variable.name, variable.value)
            if variable.attributes:  # already checked when it was set: copied without checking again
                copy.attributes = variable.attributes
                copy.plain = False
        return ScriptBlock(self.compiled, context, closure)

    # -- what scripts see ---------------------------------------------------------------------------
    def Invoke(self, *args: Any) -> list[Any]:
        return self.invoke(*args)

    def InvokeReturnAsIs(self, *args: Any) -> Any:
        return collapse(self.invoke(*args))

    def GetNewClosure(self) -> ScriptBlock:
        return self.get_new_closure()

    def InvokeWithContext(self, functions: Any = None, variables: Any = None, *args: Any) -> list[Any]:
        values: dict[str, Any] = {}
        for item in variables or []:
            name = getattr(item, "name", None)
            if name is not None:
                values[name] = item.value
        return self.invoke_with_underbar(None, *args, dot_source=False, variables=values)

    @property
    def Ast(self) -> ast.ScriptBlockAst:
        return self.compiled.ast

    @property
    def File(self) -> str | None:
        return self.compiled.file

    @property
    def IsFilter(self) -> bool:
        return bool(self.compiled.ast.is_filter)

    def __str__(self) -> str:
        """``[string]$block`` is its text without the braces."""
        node = self.compiled.ast
        text = node.extent.text
        if isinstance(node.parent, ast.ScriptBlockExpressionAst) or (text.startswith("{") and text.endswith("}")):
            return text[1:-1]
        return text

    def ToString(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"ScriptBlock({{{self}}})"


register_scriptblock_class(ScriptBlock, ScriptBlock.from_text)
