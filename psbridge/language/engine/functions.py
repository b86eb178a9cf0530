"""Functions, filters and script blocks as commands: bound by the binder, run as command
processors beside cmdlets.

A function's param block compiles to the same CmdletSpec the docs generate
(:func:`psbridge.specs.from_source.spec_from_param_block`), so an advanced function binds
exactly like a documented cmdlet: names, aliases, positions, sets, pipeline input by
value and by property name, validation.  A function without ``[CmdletBinding()]`` or
``[Parameter()]`` binds as PowerShell binds simple functions: no common parameters,
arguments it does not take go to ``$args``, pipeline input only to ``$_``/``$input``.

:class:`ScriptBlockCommand` is the command processor (a :class:`~psbridge.runtime.Cmdlet`):
``begin`` makes the function's scope (a child of the caller's scope: dynamic scoping)
with the parameter variables, then each named block runs with the runspace's current
scope moved to it, writing straight into the pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ...binding import CommandArgument, ParameterBinder
from ...binding.compiled import CompiledCommand
from ...binding.errors import ParameterBindingValidationError
from ...conversion import as_items, is_true, to_string
from ...conversion.script_types import state as script_types
from ...errors import ErrorCategory, ErrorRecord, PSError, halted, mark_halted
from ...objects import Hashtable
from ...runtime.cmdlet import Cmdlet
from ...runtime.scopes import PSVariable, Scope
from .context import context_of
from .errors import InvocationInfo, as_runtime_error
from .flow import FlowControl
from .scriptblock import CompiledScriptBlock, ScriptBlock
from .values import collapse

if TYPE_CHECKING:
    from ...runtime import Runspace
    from .. import ast

__all__ = [
    "FunctionInfo",
    "ScriptBlockCommand",
    "ScriptBlockCommandInfo",
    "define_function",
    "function_command",
    "parent_scope",
]


class SimpleFunctionBinder(ParameterBinder):
    """Binding for a function without [CmdletBinding()]: leftovers are ``$args``, pipeline
    input binds to no parameter."""

    #: $PSDefaultParameterValues is for cmdlets and advanced functions only.
    applies_default_values = False

    def __init__(self, command: CompiledCommand) -> None:
        super().__init__(command)
        self.unbound_arguments: list[Any] = []

    def _verify_arguments_processed(self, arguments: list[CommandArgument], positional_error: Any) -> None:
        for argument in arguments:
            if argument.parameter_name is not None:
                self.unbound_arguments.append(argument.parameter_text)
                if argument.has_value and argument.parameter_text and argument.parameter_text.endswith(":"):
                    self.unbound_arguments.append(argument.value)
            elif argument.has_value:
                self.unbound_arguments.append(argument.value)

    def bind_pipeline_object(self, input_object: Any) -> None:
        return None

    def _bind(self, parameter: Any, value: Any, coerce: bool, from_pipeline: bool = False) -> bool:
        """A script function's [bool] takes any value as LanguagePrimitives converts it ('a' is
        $true): only cmdlets and advanced functions accept just Booleans and numbers
        (ParameterBinding.Tests.ps1:335 against :324)."""
        if coerce and value is not None:
            name = parameter.ps_type.dotnet_name
            if name == "System.Boolean":
                value = is_true(value)
            elif name == "System.Boolean[]":
                items = as_items(value)
                value = [is_true(item) for item in (items if items is not None else [value])]
        return super()._bind(parameter, value, coerce, from_pipeline)


class CommandInfoBase:
    """What the runtime asks of a command: its binding tables, a binder, a processor."""

    name = ""
    dot_source = False
    #: A script file: it gets a script scope (``$script:`` names it).
    is_script = False
    script_block: ScriptBlock
    #: The module whose session state the command belongs to (None: the top-level session state).
    module: Any = None

    def __init__(self) -> None:
        self._command: CompiledCommand | None = None

    @property
    def compiled(self) -> CompiledScriptBlock:
        return self.script_block.compiled

    def compiled_command(self) -> CompiledCommand:
        command = self._command
        if command is None:
            spec = self.compiled.spec(self.name)
            command = self._command = CompiledCommand(spec, common_parameters=self.compiled.is_advanced)
            if script_types.defined:
                module = self.module
                _bind_script_types(command, self.compiled, module.scope if module is not None else None)
        return command

    def new_binder(self, command: CompiledCommand) -> ParameterBinder:
        if self.compiled.is_advanced:
            return ParameterBinder(command)
        return SimpleFunctionBinder(command)

    def __call__(self, runspace: Runspace, command: CompiledCommand, binder: ParameterBinder) -> ScriptBlockCommand:
        return ScriptBlockCommand(runspace, command, binder, self)

    # PowerShell's CommandInfo members, for scripts.
    @property
    def Name(self) -> str:
        return self.name

    @property
    def Parameters(self) -> Hashtable:
        """Every parameter the command binds, common ones included (``.Parameters.Keys``; pwsh's
        dictionary compares names case-insensitively, as a Hashtable does)."""
        return Hashtable((parameter.name, parameter.spec) for parameter in self.compiled_command().parameters)

    @property
    def ScriptBlock(self) -> ScriptBlock:
        return self.script_block

    @property
    def Definition(self) -> str:
        return str(self.script_block)

    def __str__(self) -> str:
        return self.name


def _bind_script_types(command: CompiledCommand, compiled: CompiledScriptBlock, scope: Scope | None) -> None:
    """Parameters typed with a class or enum the script defined bind to that type (the spec names
    it only as text, which the binder alone cannot resolve); a module's function finds the types
    its module defined (``scope``), another the caller's."""
    from ...binding.types import BindingType
    from ...conversion import TypeNotFoundError
    from ..compiler.expressions import current_scope

    if scope is None:
        scope = current_scope()
    if scope is None or not scope.types:
        return
    for info in compiled.parameters:
        reference = info.type_reference
        if reference is None:
            continue
        parameter = command.by_name.get(info.key)
        if parameter is None:
            continue
        try:
            found = reference.get(scope)
        except TypeNotFoundError:
            continue
        if getattr(found, "script_defined", False) or getattr(found.element, "script_defined", False):
            parameter.ps_type = BindingType(found, parameter.spec.type)


class FunctionInfo(CommandInfoBase):
    """A function or filter defined by a script."""

    #: Format data's type names (Get-Command prints it in the CommandInfo table).
    pstypenames = ("System.Management.Automation.FunctionInfo", "System.Management.Automation.CommandInfo",
                   "System.Object")  # fmt: skip

    def __init__(self, name: str, script_block: ScriptBlock, is_filter: bool = False, module: Any = None) -> None:
        super().__init__()
        self.name = name
        self.script_block = script_block
        self.is_filter = is_filter
        self.module = module

    @property
    def CommandType(self) -> str:
        return "Filter" if self.is_filter else "Function"

    @property
    def DisplayName(self) -> str:
        return self.name

    @property
    def Source(self) -> str:
        return self.module.name if self.module is not None else ""

    @property
    def ModuleName(self) -> str:
        return self.Source

    @property
    def Module(self) -> Any:
        return self.module

    @property
    def Version(self) -> Any:
        return self.module.version if self.module is not None else ""

    def __repr__(self) -> str:
        return f"FunctionInfo({self.name!r})"


class ScriptBlockCommandInfo(CommandInfoBase):
    """``& $block`` / ``. $block``: a script block run as a command."""

    def __init__(self, script_block: ScriptBlock, dot_source: bool = False, name: str = "") -> None:
        super().__init__()
        self.script_block = script_block
        self.dot_source = dot_source
        self.name = name


def function_command(node: ast.FunctionDefinitionAst) -> CompiledScriptBlock:
    """The compiled body of a function definition (once per definition node)."""
    return CompiledScriptBlock(node.body, node.parameters)


def define_function(scope: Scope, name: str, value: Any, is_filter: bool = False) -> None:
    """``function name {...}``, ``$function:name = {...}`` and ``Set-Item function:name``."""
    if isinstance(value, CompiledScriptBlock):
        block = ScriptBlock(value, scope.context)
    elif isinstance(value, ScriptBlock):
        block = value
    elif isinstance(value, CommandInfoBase):
        block = value.script_block
    else:
        block = ScriptBlock.from_text(to_string(value), scope.context)
    module = None
    if scope.context is not None and scope.context.has_modules:
        from .modules import TOP_LEVEL, session_of

        session = session_of(scope)
        module = None if session is TOP_LEVEL else session
        if block.session is None:
            block.session = session
    scope.set_function(name, FunctionInfo(name, block, is_filter, module))


def parent_scope(info: CommandInfoBase, caller: Scope) -> Scope:
    """The scope a call of ``info`` makes its scope under: the closure's, else the caller's (dynamic
    scoping), except that a module's function called from outside its module runs under the module
    scope (it sees its module's variables, not the caller's)."""
    block = info.script_block
    if block.closure_scope is not None:
        return block.closure_scope
    session = block.session
    if session is not None:
        from .modules import session_parent

        return session_parent(caller.context, session, caller)
    return caller


class MyInvocation:
    """``$MyInvocation``: what a function or script knows about how it was called."""

    def __init__(self, command: ScriptBlockCommand) -> None:
        self._command = command

    @property
    def MyCommand(self) -> Any:
        return self._command.info

    @property
    def InvocationName(self) -> str:
        return self._command.info.name

    @property
    def BoundParameters(self) -> Any:
        return self._command.scope_value("PSBoundParameters")

    @property
    def UnboundArguments(self) -> list[Any]:
        return list(getattr(self._command.binder, "unbound_arguments", []))

    @property
    def ExpectingInput(self) -> bool:
        return self._command.expecting_input

    @property
    def ScriptName(self) -> str:
        return self._command.info.compiled.file or ""

    @property
    def PSCommandPath(self) -> str | None:
        return self._command.info.compiled.file

    @property
    def PSScriptRoot(self) -> str:
        import os

        file = self._command.info.compiled.file
        return os.path.dirname(file) if file else ""


class PSCmdletProxy:
    """``$PSCmdlet`` in an advanced function: the command's runtime for the script."""

    def __init__(self, command: ScriptBlockCommand) -> None:
        self._command = command

    @property
    def ParameterSetName(self) -> str:
        return self._command.binder.parameter_set_name

    @property
    def MyInvocation(self) -> MyInvocation:
        return MyInvocation(self._command)

    def WriteObject(self, value: Any, enumerate_collection: bool = False) -> None:
        self._command.write_output(value, bool(enumerate_collection))

    def WriteError(self, record: Any) -> None:
        self._command.write_error(record)

    def WriteWarning(self, message: Any) -> None:
        self._command.write_warning(to_string(message))

    def WriteVerbose(self, message: Any) -> None:
        self._command.write_verbose(to_string(message))

    def WriteDebug(self, message: Any) -> None:
        self._command.write_debug(to_string(message))

    def ThrowTerminatingError(self, record: Any) -> None:
        error = record.exception if isinstance(record, ErrorRecord) else record
        if not isinstance(error, PSError):
            error = PSError(to_string(record), error_id="ThrowTerminatingError", category=ErrorCategory.NotSpecified)
        if isinstance(record, ErrorRecord) and record.exception is error:
            error._record = record  # the record the script made: its id, category and target
        raise mark_halted(error)

    def ShouldProcess(self, *args: Any) -> bool:
        """``ShouldProcess(target)``, ``(target, action)``, ``(description, warning, caption)`` and
        ``(description, warning, caption, [ref]$reason)`` (the reason: WhatIf or None)."""
        from ...runtime.should_process import operation_message, should_process

        texts = [to_string(arg) for arg in args[:3]]
        if len(args) == 1:
            description, warning, caption = operation_message(self._command.info.name, texts[0]), None, None
        elif len(args) == 2:
            description, warning, caption = operation_message(texts[1], texts[0]), None, None
        elif len(args) in (3, 4):
            description, warning, caption = texts[0], texts[1] or None, texts[2] or None
        else:
            raise _overload_error("ShouldProcess", len(args))
        go_ahead, reason = should_process(self._command, description, warning, caption)
        if len(args) == 4:
            _set_reference(args[3], _should_process_reason(reason))
        return go_ahead

    def ShouldContinue(self, *args: Any) -> bool:
        """``ShouldContinue(query, caption)`` and its overloads with ``hasSecurityImpact`` and
        ``[ref]$yesToAll, [ref]$noToAll`` (a true yesToAll/noToAll answers without asking)."""
        from ...runtime.should_process import should_continue

        if len(args) not in (2, 3, 4, 5):
            raise _overload_error("ShouldContinue", len(args))
        references = args[-2:] if len(args) >= 4 else ()
        if references:
            if is_true(_reference_value(references[0])):
                return True
            if is_true(_reference_value(references[1])):
                return False
        return should_continue(self._command, to_string(args[0]), to_string(args[1]))


def _overload_error(method: str, count: int) -> PSError:
    return PSError(
        f'Cannot find an overload for "{method}" and the argument count: "{count}".',
        error_id="MethodCountCouldNotFindBest",
        category=ErrorCategory.NotSpecified,
    )


def _reference_value(reference: Any) -> Any:
    return getattr(reference, "Value", reference)


def _set_reference(reference: Any, value: Any) -> None:
    if hasattr(reference, "Value"):
        reference.Value = value


def _should_process_reason(reason: str) -> Any:
    from ...conversion import find_type

    reasons = find_type("System.Management.Automation.ShouldProcessReason")
    return reasons.convert(reason) if reasons is not None else reason


class ScriptBlockCommand(Cmdlet):
    """A function, filter or script block running as a pipeline's command processor."""

    def __init__(self, runspace: Runspace, command: CompiledCommand, binder: ParameterBinder, info: CommandInfoBase):
        super().__init__(runspace, command, binder)
        self.info = info
        self.context = context_of(runspace)
        self.scope: Scope | None = None
        self.collected: list[Any] = []
        #: Whether a begin, process or end block ran: the clean block runs only then (pwsh).
        self.ran_block = False
        #: The errors the function itself wrote ($PSCmdlet.WriteError): they make $? false.
        self.own_errors = 0
        self._collecting: bool | None = None

    @property
    def command_info(self) -> Any:
        return self.info

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.info.name

    def scope_value(self, name: str) -> Any:
        variable = self.scope.variables.get(name.casefold()) if self.scope is not None else None
        return None if variable is None else variable.value

    def _run(self, block: Any) -> None:
        if block is None or self.scope is None:
            return
        self.ran_block = True
        runspace = self.runspace
        sinks = runspace.variable_sinks if self._collects() else None
        emit = self._emit
        if sinks is not None:
            sinks.append(self)
            emit = self._emit_downstream
        # $? after the call says whether the function itself wrote an error ($PSCmdlet.WriteError),
        # not whether the commands inside it did (Write-Error inside leaves it true, as in pwsh)
        written, own = runspace.errors_written, self.own_errors
        try:
            self.info.compiled.run(block, self.scope, emit, self.context)
        except FlowControl:
            raise
        except PSError as error:
            if not halted(error):
                mark_halted(error)  # it left the function: the caller's try or the pipeline ends
            raise
        finally:
            runspace.errors_written = written + self.own_errors - own
            if sinks is not None:
                sinks.pop()

    def _emit_downstream(self, value: Any) -> None:
        """Output to the next command of this pipeline, which is not inside this function: while
        it runs, the variable lists of this function (and of what runs inside it) are set aside."""
        sinks = self.runspace.variable_sinks
        index = len(sinks) - 1
        while index >= 0 and sinks[index] is not self:
            index -= 1
        if index < 0:
            self._emit(value)
            return
        hidden = sinks[index:]
        del sinks[index:]
        try:
            self._emit(value)
        finally:
            sinks.extend(hidden)

    def _collects(self) -> bool:
        """Whether -ErrorVariable, -WarningVariable or -InformationVariable was given: then what
        the commands inside the function write is collected for it too."""
        collects = self._collecting
        if collects is None:
            bound = self.binder.bound
            collects = self._collecting = any(
                bound.get(name) for name in ("ErrorVariable", "WarningVariable", "InformationVariable")
            )
        return collects

    def begin(self) -> None:
        info = self.info
        compiled = info.compiled
        context = self.context
        caller = self.runspace.current_scope
        if info.dot_source:
            scope = caller
        else:
            block = info.script_block
            plain = block.closure_scope is None and block.session is None
            scope = Scope(caller if plain else parent_scope(info, caller), script=info.is_script)
        self.scope = scope
        compiled.bind_variables(scope, self.binder.bound, getattr(self.binder, "unbound_arguments", []), context)
        if compiled.is_advanced:
            _set_preference_variables(scope, self.binder.bound)
        self._validate_scripts()
        variables = scope.variables
        variables["myinvocation"] = PSVariable("MyInvocation", MyInvocation(self))
        if compiled.is_advanced:
            variables["pscmdlet"] = PSVariable("PSCmdlet", PSCmdletProxy(self))
        if compiled.file:
            import os

            variables["psscriptroot"] = PSVariable("PSScriptRoot", os.path.dirname(compiled.file))
            variables["pscommandpath"] = PSVariable("PSCommandPath", compiled.file)
        variables["input"] = PSVariable("input", [])
        # what a parameter pipeline input may bind holds before any object: it holds it again for
        # an object that does not bind it (CmdletParameterBinderController.RestoreDefaultParameterValues)
        command = self.binder.command
        self.pipeline_defaults: list[tuple[str, PSVariable, Any]] = []
        for parameter in compiled.parameters:
            variable = variables.get(parameter.key)
            compiled_parameter = command.by_name.get(parameter.key)
            if (
                variable is not None
                and compiled_parameter is not None
                and compiled_parameter.pipeline_some
                and compiled_parameter.name not in self.binder.bound
            ):
                self.pipeline_defaults.append((compiled_parameter.name, variable, variable.value))
        self._run(compiled.begin)

    def _validate_scripts(self) -> None:
        """``[ValidateScript({...})]``: the binder stores the script's text only, so the function
        runs it (ValidateScriptAttribute: for each element, ``$_`` the element, in a new scope;
        ``$null`` fails as ValidateNotNull does; ``ErrorMessage`` replaces the message)."""
        bound = None
        for parameter in self.info.compiled.parameters:
            node = parameter.validate_script
            if node is None or self.scope is None:
                continue
            if bound is None:
                bound = {name.casefold(): value for name, value in self.binder.bound.items()}
            if parameter.key not in bound:
                continue
            value = bound[parameter.key]
            check = ScriptBlock(CompiledScriptBlock(node), self.context)
            for item in value if isinstance(value, list) else [value]:
                if item is None:
                    detail = (
                        "The argument is null. Provide a valid value for the argument, and then try running the "
                        "command again."
                    )
                elif is_true(collapse(check.invoke_with_underbar(item, dot_source=False))):
                    continue
                else:
                    template = parameter.validate_script_message or (
                        'The "{1}" validation script for the argument with value "{0}" did not return a result '
                        "of True. Determine why the validation script failed, and then try the command again."
                    )
                    detail = template.replace("{0}", to_string(item)).replace("{1}", str(check))
                raise ParameterBindingValidationError(
                    f"Cannot validate argument on parameter '{parameter.name}'. {detail}",
                    error_id="ParameterArgumentValidationError",
                    parameter_name=parameter.name,
                ).with_command(self.info.name)

    def process(self) -> None:
        compiled = self.info.compiled
        scope = self.scope
        if scope is None:
            return
        has_input = self.expecting_input
        item = self.current_input
        variables = scope.variables
        if has_input:
            # what the input bound (by value or property name) is in the variables, for the end
            # block too: `42 | f` with only an end block sees $a = 42 (ParameterBinding.Tests.ps1:302)
            bound = self.binder.bound
            for name, value in bound.items():
                variable = variables.get(name.casefold())
                if variable is not None:
                    variable.value = value
            for name, variable, default in self.pipeline_defaults:
                if name not in bound:
                    variable.value = default
        if compiled.process is None:
            if has_input:
                self.collected.append(item)
            return
        if has_input:
            variables["_"] = PSVariable("_", item)
            variables["input"] = PSVariable("input", [item])
        self._run(compiled.process)

    def end(self) -> None:
        compiled = self.info.compiled
        if self.scope is None:
            return
        if compiled.end is not None:
            self.scope.variables["input"] = PSVariable("input", list(self.collected))
            self._run(compiled.end)

    def dispose(self) -> None:
        clean = self.info.compiled.clean
        if clean is not None and self.scope is not None and self.ran_block:
            runspace = self.runspace
            sinks = runspace.variable_sinks if self._collects() else None
            if sinks is not None:
                sinks.append(self)
            written, own = runspace.errors_written, self.own_errors
            failed: Exception | None = None
            try:
                self.info.compiled.run(clean, self.scope, lambda _value: None, self.context)
            except FlowControl:
                pass
            except Exception as failure:
                failed = failure
            finally:
                runspace.errors_written = written + self.own_errors - own
                if sinks is not None:
                    sinks.pop()
            if failed is not None:
                self._clean_failed(failed)

    def _clean_failed(self, failure: Exception) -> None:
        """A terminating error ended the clean block: it does not leave the command (the pipeline
        is finishing already) but is written as an error, -ErrorAction Stop or not, and makes
        ``$?`` false (CleanBlockErrorHandling.Tests.ps1)."""
        record = as_runtime_error(failure).error_record
        action = self.error_action
        if action == "Ignore":
            return
        runspace = self.runspace
        runspace.errors_written += 1
        self.collect_error(record)
        if not (runspace.error_list and runspace.error_list[0] is record):
            runspace.record_error(record)
        if action != "SilentlyContinue":
            self.streams.add_error(record)

    def write_error(self, error: PSError | ErrorRecord, target_object: Any = None) -> None:
        self.own_errors += 1
        record = error if isinstance(error, ErrorRecord) else error.error_record
        if record.invocation_info is None and self.scope is not None:
            # MshCommandRuntime.WriteError gives the record the function's own invocation: the call site.
            extent = self.invocation_extent or self.info.compiled.ast.extent
            record.invocation_info = InvocationInfo(extent, self.info.name, command=self.info)
        super().write_error(error, target_object)


#: Common parameters an advanced function turns into its own preference variables.
_PREFERENCES = (
    ("ErrorAction", "ErrorActionPreference"),
    ("WarningAction", "WarningPreference"),
    ("InformationAction", "InformationPreference"),
    ("ProgressAction", "ProgressPreference"),
)


def _set_preference_variables(scope: Scope, bound: Any) -> None:
    """``f -ErrorAction Stop`` makes ``$ErrorActionPreference`` Stop inside ``f`` (so ``1/0`` there is
    terminating), ``-Verbose`` makes ``$VerbosePreference`` Continue, ``-Debug`` ``$DebugPreference``:
    pwsh sets them in the function's scope (ScriptCommandProcessor)."""
    if not bound:
        return
    from ...conversion.enums import ActionPreference

    variables = scope.variables
    for parameter, variable in _PREFERENCES:
        value = bound.get(parameter)
        if value is not None:
            variables[variable.casefold()] = PSVariable(variable, value)
    for parameter, variable in (("Verbose", "VerbosePreference"), ("Debug", "DebugPreference")):
        if parameter in bound:
            on = is_true(bound[parameter])
            variables[variable.casefold()] = PSVariable(
                variable, ActionPreference.Continue if on else ActionPreference.SilentlyContinue
            )
    # CompiledScriptBlock.SetPreferenceVariables: -WhatIf and -Confirm reach the commands inside.
    if "WhatIf" in bound:
        variables["whatifpreference"] = PSVariable("WhatIfPreference", is_true(bound["WhatIf"]))
    if "Confirm" in bound:
        variables["confirmpreference"] = PSVariable("ConfirmPreference", "Low" if is_true(bound["Confirm"]) else "None")


def arguments_for(values: Sequence[Any]) -> list[CommandArgument]:
    return [CommandArgument.positional(value) for value in values]
