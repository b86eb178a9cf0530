"""ForEach-Object: a script block per input (-Begin/-Process/-End, extra blocks as in
PowerShell's RemainingScripts), or -MemberName: a property's value or a method's result.

The blocks run dot-sourced in the caller's scope with ``$_`` set, through the one bridge
to the language (:mod:`..common.scriptblocks`).  -Parallel runs the block for each input in
turn, after a warning: psbridge has no runspace pool.
"""

from __future__ import annotations

from typing import Any

from ...conversion import MethodNotFoundError, RuntimeException, methods
from ...errors import ErrorCategory, ErrorRecord, PSError
from ...objects import Hashtable, is_ps_collection
from ...runtime import register_cmdlet
from ...runtime.cmdlet import NOT_BOUND, Cmdlet
from ..common.errors import CmdletError
from ..common.properties import has_wildcard
from ..common.scriptblocks import output_of, underbar_runner
from ..common.semantics import get_property, property_names, wildcard_regex

__all__ = ["ForEachObject"]

PARALLEL_WARNING = "ForEach-Object -Parallel runs its script block sequentially in psbridge (no runspace pool)."


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
        self.parallel = set_name == "ParallelParameterSet"
        if self.parallel:
            if params.AsJob:
                self.throw_terminating_error(CmdletError(
                    "ForEach-Object -Parallel -AsJob is not supported by psbridge: it has no job infrastructure.",
                    error_id="ParallelAsJobNotSupported", category=ErrorCategory.NotImplemented,
                    exception_type="System.NotSupportedException"))  # fmt: skip
            self.write_warning(PARALLEL_WARNING)
            self.process_runners = [underbar_runner(params.Parallel)] if params.Parallel is not None else []
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

    def _run(self, block: Any, underbar: Any, *args: Any) -> None:
        if block is None:
            return
        for value in output_of(block, underbar, *args):
            self.write_output(value)

    def process(self) -> None:
        if self.by_member:
            self._member()
            return
        underbar = self.binder.bound.get("InputObject", NOT_BOUND)  # once per object: no Parameters view
        if underbar is NOT_BOUND:
            underbar = None
        emit = self._emit  # write_output of each value, as it is
        for run in self.process_runners:
            if self.parallel:
                self._run_task(run, underbar)
                continue
            for value in run(underbar):
                emit(value)

    def _run_task(self, run: Any, underbar: Any) -> None:
        """One -Parallel iteration: a terminating error ends that iteration only.

        pwsh's PSTask treats a task's terminating exception as a non-terminating error record
        (PSTaskException, InvalidOperation; PSTask.cs HandleStateChanged), written from the
        task's stream, so its id names no command; the other iterations go on.
        """
        try:
            for value in run(underbar):
                self._emit(value)
        except PSError as error:
            reason = error.error_record
            self.write_error(ErrorRecord(
                error, "PSTaskException", ErrorCategory.InvalidOperation,
                exception_type_name=reason.exception_type_name, invocation_info=reason.invocation_info,
                activity="",
            ))  # fmt: skip

    def end(self) -> None:
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


def _blocks(value: Any) -> list[Any]:
    """A ScriptBlock[] argument as a list ($null is one null block, skipped when run)."""
    if value is None:
        return [None]
    return list(value) if isinstance(value, list | tuple) else [value]
