"""ForEach-Object: a script block per input (-Begin/-Process/-End, extra blocks as in
PowerShell's RemainingScripts), or -MemberName: a property's value or a method's result.

The blocks run dot-sourced in the caller's scope with ``$_`` set, through the one bridge
to the language (:mod:`..common.scriptblocks`).  -Parallel runs the block for each input on a
pool of worker threads, each task in a session of its own (:mod:`.parallel`).
"""

from __future__ import annotations

from typing import Any

from ...conversion import MethodNotFoundError, RuntimeException, methods
from ...errors import ErrorCategory
from ...objects import Hashtable, is_ps_collection
from ...runtime import register_cmdlet
from ...runtime.cmdlet import NOT_BOUND, Cmdlet
from ..common.errors import CmdletError
from ..common.properties import has_wildcard
from ..common.scriptblocks import output_of, underbar_runner
from ..common.semantics import get_property, property_names, wildcard_regex

__all__ = ["ForEachObject"]

#: The common parameters the Parallel set refuses (InternalCommands.cs).
_NOT_PARALLEL = ("ErrorAction", "WarningAction", "InformationAction", "PipelineVariable")


def name_error(message: str, error_id: str, target: Any, parameter: str = "Name") -> CmdletError:
    """GenerateNameParameterError: a PSArgumentException naming ``parameter``."""
    return CmdletError(
        message,
        error_id=error_id,
        category=ErrorCategory.InvalidArgument,
        exception_type="System.Management.Automation.PSArgumentException",
        target_object=target,
    )


@register_cmdlet
class ForEachObject(Cmdlet):
    name = "ForEach-Object"

    def begin(self) -> None:
        params = self.params
        self.process_runners: list[Any] = []
        self.end_block: Any = None
        set_name = params.parameter_set_name
        #: -MemberName (pipeline input binds to -InputObject, in every set: the set stays this one)
        self.by_member = set_name == "PropertyAndMethodSet"
        self.parallel: Any = None
        if set_name == "ParallelParameterSet":
            self._begin_parallel()
            return
        if set_name != "ScriptBlockSet":
            return
        if params.WhatIf or params.Confirm:
            self.throw_terminating_error(CmdletError(
                "The -WhatIf and -Confirm parameters are not supported for script blocks.",
                error_id="NoShouldProcessForScriptBlockSet", category=ErrorCategory.InvalidOperation,
                exception_type="System.InvalidOperationException"))  # fmt: skip
        # InitScriptBlockParameterSet's rule: -Begin goes first, then -Process and the remaining
        # blocks; of two or more the first is the begin block, and (without -End) of three or
        # more the last is the end block.
        scripts = [params.Begin] if params.is_bound("Begin") else []
        remaining = params.RemainingScripts if params.is_bound("RemainingScripts") else []
        scripts += _blocks(params.Process) + _blocks(remaining)
        first, last = (1 if len(scripts) > 1 else 0), len(scripts)
        self.end_block = params.End
        if not params.is_bound("End") and len(scripts) > 2:
            last = len(scripts) - 1
            self.end_block = scripts[last]
        self.process_runners = [underbar_runner(block) for block in scripts[first:last] if block is not None]
        if last >= 2:
            self._run(scripts[0], None)

    def _begin_parallel(self) -> None:
        """InitParallelParameterSet: refuse what the set cannot do, read the ``$using:`` values once."""
        from .parallel import ParallelTasks
        from .using_values import UsingVariableUndefined, using_values

        params = self.params
        if any(params.is_bound(name) for name in _NOT_PARALLEL):
            self.throw_terminating_error(CmdletError(
                "The following common parameters are not currently supported in the Parallel parameter set:\n"
                "ErrorAction, WarningAction, InformationAction, PipelineVariable",
                error_id="ParallelCommonParametersNotSupported", category=ErrorCategory.NotImplemented,
                exception_type="System.Management.Automation.PSNotSupportedException"))  # fmt: skip
        if params.AsJob and params.is_bound("TimeoutSeconds"):
            self.throw_terminating_error(CmdletError(
                "The 'TimeoutSeconds' parameter cannot be used with the 'AsJob' parameter.",
                error_id="ParallelCannotUseTimeoutWithJob", category=ErrorCategory.InvalidOperation,
                exception_type="System.Management.Automation.PSArgumentException"))  # fmt: skip
        block = params.Parallel
        try:
            values = using_values(block, self.runspace.current_scope, parallel=True)
        except UsingVariableUndefined as error:
            self.throw_terminating_error(error)
            raise  # unreachable: the line above raises
        if any(_is_script_block(value) for value in values.values()):
            self.throw_terminating_error(CmdletError(
                "A ForEach-Object -Parallel using variable cannot be a script block. Passed-in script block variables "
                "are not supported with ForEach-Object -Parallel, and can result in undefined behavior.",
                error_id="ParallelUsingVariableCannotBeScriptBlock", category=ErrorCategory.InvalidType,
                exception_type="System.Management.Automation.PSArgumentException"))  # fmt: skip
        self.parallel = ParallelTasks(self, block, int(params.ThrottleLimit), float(params.TimeoutSeconds),
                                      bool(params.UseNewRunspace), values)  # fmt: skip
        if params.AsJob:
            from .task_job import TaskJob

            self.parallel.job = TaskJob(self.runspace, self.parallel.text, self.parallel)

    def _parallel_input(self) -> None:
        value = self.binder.bound.get("InputObject", NOT_BOUND)
        if value is NOT_BOUND:
            return
        if _is_script_block(value):
            self.write_error(CmdletError(
                "A ForEach-Object -Parallel piped input object cannot be a script block. Passed-in script block "
                "variables are not supported with ForEach-Object -Parallel, and can result in undefined behavior.",
                error_id="ParallelPipedInputObjectCannotBeScriptBlock", category=ErrorCategory.InvalidType,
                exception_type="System.Management.Automation.PSArgumentException", target_object=value))  # fmt: skip
            return
        self.parallel.submit(value)

    def dispose(self) -> None:
        if self.parallel is not None:
            self.parallel.close()

    def _run(self, block: Any, underbar: Any, *args: Any) -> None:
        if block is None:
            return
        for value in output_of(block, underbar, *args):
            self.write_output(value)

    def process(self) -> None:
        if self.parallel is not None:
            self._parallel_input()
            return
        if self.by_member:
            self._member()
            return
        underbar = self.binder.bound.get("InputObject", NOT_BOUND)  # once per object: no Parameters view
        if underbar is NOT_BOUND:
            underbar = None
        emit = self._emit  # write_output of each value, as it is
        for run in self.process_runners:
            for value in run(underbar):
                emit(value)

    def end(self) -> None:
        if self.parallel is not None:
            job = self.parallel.job
            if job is None:
                self.parallel.finish()
                return
            job.close_input()
            self.write_output(job)
            return
        self._run(self.end_block, None)

    # -- -MemberName ---------------------------------------------------------------------------
    def _member(self) -> None:
        obj = self.params.InputObject if self.params.is_bound("InputObject") else None
        name = str(self.params.MemberName)
        arguments = list(self.params.ArgumentList or [])
        if obj is None:
            if arguments:
                self.write_error(name_error("You cannot call a method on a null-valued expression.",
                                            "InvokeMethodOnNull", obj, "InputObject"))  # fmt: skip
            else:
                self.write_output(None)
            return
        if arguments:
            self._call(obj, name, arguments)
            return
        if isinstance(obj, Hashtable) and name in obj:
            self.write_output(obj[name], enumerate_collection=True)
            return
        if has_wildcard(name):
            pattern = wildcard_regex(name)
            matched = [n for n in property_names(obj) if pattern.match(n)]
            if len(matched) > 1:
                possible = "".join(f" {n}" for n in matched)
                self.write_error(name_error(
                    f'Input name "{name}" is ambiguous. It can be resolved to multiple matched members. '
                    f"Possible matches include:{possible}.", "AmbiguousPropertyOrMethodName", obj))  # fmt: skip
                return
            if matched:
                name = matched[0]
        found, value = get_property(obj, name)
        if found:
            self._write_unrolled(value)
            return
        try:
            result = methods.invoke_method(obj, name, ())
        except MethodNotFoundError:
            self.write_error(name_error(f'The input name "{name}" cannot be resolved to a member.',
                                        "PropertyOrMethodNotFound", obj))  # fmt: skip
            return
        except RuntimeException as error:
            self._method_error(error, obj)
            return
        self._write_unrolled(result)

    def _call(self, obj: Any, name: str, arguments: list[Any]) -> None:
        try:
            result = methods.invoke_method(obj, name, tuple(arguments))
        except MethodNotFoundError:
            self.write_error(name_error(f'Input name "{name}" cannot be resolved to a method.', "MethodNotFound", obj))
            return
        except RuntimeException as error:
            self._method_error(error, obj)
            return
        self._write_unrolled(result)

    def _method_error(self, error: RuntimeException, obj: Any) -> None:
        self.write_error(CmdletError(str(error), error_id="MethodInvocationError",
                                     category=ErrorCategory.InvalidOperation, target_object=obj))  # fmt: skip

    def _write_unrolled(self, value: Any) -> None:
        if is_ps_collection(value):
            for item in value:
                self.write_output(item)
        else:
            self.write_output(value)


def _is_script_block(value: Any) -> bool:
    """A script block, or a PSObject wrapping one (``[psobject]{ ... }``)."""
    from ...objects import PSObject

    if isinstance(value, PSObject):
        value = getattr(value, "base_object", value)
    return hasattr(value, "compiled") and hasattr(value, "invoke_with_underbar")


def _blocks(value: Any) -> list[Any]:
    """A ScriptBlock[] argument as a list ($null is one null block, skipped when run)."""
    if value is None:
        return [None]
    return list(value) if isinstance(value, list | tuple) else [value]
