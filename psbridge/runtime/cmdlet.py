"""The base class of every cmdlet, and what a running cmdlet can do.

A cmdlet implementation reads like an advanced function: ``begin``,
``process`` (once per pipeline object, or once without input) and ``end``,
with ``self.params`` holding the parameters bound for the current object and
``write_*`` methods for the output and the other streams.  The common
parameters (-ErrorAction, -Verbose, -ErrorVariable ...) are honoured here so
that every cmdlet gets them for free.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from ..binding import ActionPreference, ParameterBinder, compile_command
from ..binding.compiled import CompiledCommand, CompiledParameter
from ..errors import ErrorCategory, ErrorRecord, PSError, mark_halted
from ..specs.model import CmdletSpec
from .streams import InformationRecord, ProgressRecord

if TYPE_CHECKING:
    from .runspace import Runspace

__all__ = ["NOT_BOUND", "Cmdlet", "Parameters", "SkipInput"]


class SkipInput(Exception):
    """Ends the current input quietly: no output and no error record.

    PowerShell's ``return`` in a process block; PSOpenAI's cmdlets return this
    way when the API answers with an empty body.
    """


_NOT_GIVEN = object()
#: What :meth:`Parameters.bound_value` answers for a parameter that is not bound.
NOT_BOUND: Any = object()


class Parameters:
    """The parameters of the current invocation: bound values, else documented defaults.

    ``params.RunId`` reads a parameter; ``params.is_bound("Model")`` tells
    whether the caller passed it (PSOpenAI sends many body fields only then).
    """

    __slots__ = ("_binder", "_command")

    def __init__(self, command: CompiledCommand, binder: ParameterBinder) -> None:
        object.__setattr__(self, "_command", command)
        object.__setattr__(self, "_binder", binder)

    @staticmethod
    def _default(parameter: CompiledParameter) -> Any:
        return parameter.default_value

    def _parameter(self, name: str) -> CompiledParameter | None:
        """The parameter ``name`` spells in any case (each spelling looked up once per command)."""
        command = self._command
        spellings = command.spellings
        parameter = spellings.get(name)
        if parameter is None:
            parameter = command.by_name.get(name.casefold())
            if parameter is not None:
                spellings[name] = parameter
        return parameter

    def __getattr__(self, name: str) -> Any:
        parameter = self._parameter(name)
        if parameter is None:
            raise AttributeError(f"{self._command.name} has no parameter {name!r}")
        bound = self._binder.bound
        if parameter.name in bound:
            return bound[parameter.name]
        return self._default(parameter)

    def get(self, name: str, default: Any = _NOT_GIVEN) -> Any:
        """The bound value, else ``default`` when given, else the documented default."""
        parameter = self._parameter(name)
        if parameter is None:
            raise KeyError(name)
        if parameter.name in self._binder.bound:
            return self._binder.bound[parameter.name]
        return self._default(parameter) if default is _NOT_GIVEN else default

    def bound_value(self, name: str) -> Any:
        """The bound value, else :data:`NOT_BOUND` (one lookup where ``is_bound`` and a read take
        two: for the pipeline input a cmdlet reads per object)."""
        parameter = self._command.spellings.get(name) or self._parameter(name)
        return NOT_BOUND if parameter is None else self._binder.bound.get(parameter.name, NOT_BOUND)

    def declares(self, name: str) -> bool:
        """Whether the command has this parameter at all."""
        return name.casefold() in self._command.by_name

    def is_bound(self, name: str) -> bool:
        parameter = self._parameter(name)
        return parameter is not None and parameter.name in self._binder.bound

    @property
    def bound(self) -> dict[str, Any]:
        """``$PSBoundParameters`` for the current object."""
        return dict(self._binder.bound)

    @property
    def parameter_set_name(self) -> str:
        return self._binder.parameter_set_name

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("parameters are read-only")


class Cmdlet:
    """Subclass per cmdlet; ``name`` is the command name (its committed spec is looked up
    by it unless the class carries its own ``spec``)."""

    name: ClassVar[str] = ""
    spec: ClassVar[CmdletSpec | None] = None

    def __init__(self, runspace: Runspace, command: CompiledCommand, binder: ParameterBinder) -> None:
        self.runspace = runspace
        self.command = command
        self.binder = binder
        self.params = Parameters(command, binder)
        self.streams = runspace.streams
        #: Set when the pipeline is being stopped; long waits should watch it.
        self.stopping = threading.Event()
        #: The pipeline object being processed (PowerShell's $_); None without input.
        self.current_input: Any = None
        #: Whether objects are piped in (PowerShell's ``$MyInvocation.ExpectingInput``).
        self.expecting_input = False
        #: Where a script invoked this command (its CommandAst's extent): the position its error
        #: records carry, as PowerShell's InvocationInfo does; None outside scripts.
        self.invocation_extent: Any = None
        self.errors_written: list[ErrorRecord] = []
        self.warnings_written: list[str] = []
        self.information_written: list[InformationRecord] = []
        self.outputs: list[Any] = []
        self._emit: Callable[[Any], None] = self.outputs.append
        bound = binder.bound
        self.error_action = self._preference(bound.get("ErrorAction"), "ErrorActionPreference", "Continue")
        self.warning_action = self._preference(bound.get("WarningAction"), "WarningPreference", "Continue")
        self.information_action = self._preference(
            bound.get("InformationAction"), "InformationPreference", "SilentlyContinue"
        )
        self.progress_action = self._preference(bound.get("ProgressAction"), "ProgressPreference", "Continue")
        self.verbose = self._switch(bound.get("Verbose"), "VerbosePreference")
        self.debug = self._switch(bound.get("Debug"), "DebugPreference")

    @classmethod
    def compiled_command(cls) -> CompiledCommand:
        """The command's binding tables (its spec, else the committed spec of its name)."""
        return compile_command(cls.spec or cls.name)

    @classmethod
    def new_binder(cls, command: CompiledCommand) -> ParameterBinder:
        """The binder for one invocation (a script function without [CmdletBinding()] binds
        more loosely: it has its own)."""
        return ParameterBinder(command)

    # -- preferences -------------------------------------------------------------
    def _preference(self, bound: Any, variable: str, default: str) -> str:
        if isinstance(bound, ActionPreference):
            return bound.name
        found, value = self.runspace.get_variable(variable)
        if found and value is not None:
            text = value.name if isinstance(value, ActionPreference) else str(value)
            for member in ActionPreference:
                if member.name.casefold() == text.casefold() or str(member.value) == text:
                    return member.name
        return default

    def _switch(self, bound: Any, variable: str) -> bool:
        if bound is not None:
            return bool(bound)
        found, value = self.runspace.get_variable(variable)
        return found and str(value).casefold() in ("continue", "inquire", "stop")

    # -- lifecycle (override) --------------------------------------------------------
    def begin(self) -> None:
        """Runs once before any input; command-line parameters are bound."""

    def process(self) -> None:
        """Runs once per pipeline object (or once when there is no input)."""

    def end(self) -> None:
        """Runs once after the last input."""

    def dispose(self) -> None:
        """Always runs last, also after errors: release clients and threads here."""

    def unexpected_error(self, error: Exception) -> PSError | None:
        """A PSError standing for ``error``, a Python exception that escaped this cmdlet's code, or
        None to let it propagate (the default: it is a bug).  A cmdlet whose code digests data it
        does not control (an API's answers) turns such failures into its own error record."""
        return None

    # -- writing ----------------------------------------------------------------------
    def throw_terminating_error(self, error: PSError) -> None:
        """ThrowTerminatingError: ends the pipeline (not only this input), even from ``process``;
        a script goes on with its next statement."""
        record = error.error_record
        if record.command_name is None and record.activity is None:
            record.command_name = self.command.qualifier
        self._locate(record)
        error._psbridge_terminating = True  # type: ignore[attr-defined]
        raise error

    @property
    def command_info(self) -> Any:
        """The CommandInfo an error's ``InvocationInfo.MyCommand`` gives (None: looked up by name)."""
        return None

    def _locate(self, record: ErrorRecord) -> None:
        """Give this command's own error the position of its invocation (a record that names
        another activity -- Write-Error's, the caller's error -- keeps what it has)."""
        if record.invocation_info is None and record.activity is None and self.invocation_extent is not None:
            record.invocation_info = invocation_at(self.invocation_extent, self.name, self.command_info)

    def write_output(self, value: Any, enumerate_collection: bool = False) -> None:
        if enumerate_collection and isinstance(value, list | tuple):
            for item in value:
                self._emit(item)
        else:
            self._emit(value)

    def write_error(self, error: PSError | ErrorRecord, target_object: Any = None) -> None:
        """A non-terminating error: recorded per -ErrorAction; with Stop it raises at once."""
        record = error if isinstance(error, ErrorRecord) else error.error_record
        self.runspace.errors_written += 1
        if record.command_name is None and record.activity is None:
            record.command_name = self.command.qualifier
        self._locate(record)
        if target_object is not None and record.target_object is None:
            record.target_object = target_object
        action = self.error_action
        if action != "Ignore":
            self.errors_written.append(record)
            self.runspace.record_error(record)
        if action == "Stop":
            exception = record.exception
            mark_halted(exception)
            # pwsh throws an ActionPreferenceStopException carrying the record: catch [that] matches
            exception._psbridge_action_stop = True  # type: ignore[attr-defined]
            raise exception
        if action not in ("SilentlyContinue", "Ignore"):
            self.streams.add_error(record)

    def write_warning(self, message: str) -> None:
        action = self.warning_action
        if action != "Ignore":
            self.warnings_written.append(message)  # -WarningVariable sees it even when silenced
            for sink in self.runspace.variable_sinks:
                if sink is not self:
                    sink.warnings_written.append(message)
        if action in ("SilentlyContinue", "Ignore"):
            return
        self.streams.add_warning(message)
        if action == "Stop":
            error = PSError(
                f'The running command stopped because the preference variable "WarningPreference" or common '
                f"parameter is set to Stop: {message}",
                error_id="ActionPreferenceStop",
                category=ErrorCategory.OperationStopped,
                command_name=self.name,
            )
            mark_halted(error)
            raise error

    def write_verbose(self, message: str) -> None:
        if self.verbose:
            self.streams.add_verbose(message)

    def write_debug(self, message: str) -> None:
        if self.debug:
            self.streams.add_debug(message)

    def write_information(self, data: Any, tags: tuple[str, ...] = ()) -> None:
        record = InformationRecord(data, self.name, tags)
        if self.information_action != "Ignore":
            self.collect_information(record)  # -InformationVariable sees it even when silenced
        if self.information_action not in ("SilentlyContinue", "Ignore"):
            self.streams.add_information(record)

    def collect_information(self, record: InformationRecord) -> None:
        """An information record for -InformationVariable: this command's and those of the
        advanced functions it runs inside (:attr:`Runspace.variable_sinks`)."""
        self.information_written.append(record)
        for sink in self.runspace.variable_sinks:
            if sink is not self:
                sink.information_written.append(record)

    def collect_error(self, record: ErrorRecord) -> None:
        """An error recorded while this command runs commands inside it: -ErrorVariable has it
        (once, though the command's own write_error records it too)."""
        written = self.errors_written
        if not written or written[-1] is not record:
            written.append(record)

    # -- time ---------------------------------------------------------------------------
    def sleep_time(self, seconds: float) -> float:
        """How long a wait of ``seconds`` really sleeps: the one place a cmdlet's time passes
        (Start-Sleep, PSOpenAI's retry waits and poll intervals).  Tests with fake time record the
        schedule here and return 0."""
        return seconds

    def wait_or_stop(self, seconds: float) -> bool:
        """Wait ``seconds``; True when the pipeline was stopped meanwhile (the wait ends at once)."""
        seconds = self.sleep_time(seconds)
        return seconds > 0 and self.stopping.wait(seconds)

    @property
    def progress_enabled(self) -> bool:
        """Whether progress records are wanted at all: check before building one."""
        return self.progress_action not in ("SilentlyContinue", "Ignore")

    def write_progress(
        self, activity: str, status: str, percent: int = -1, *, completed: bool = False, activity_id: int = 0
    ) -> None:
        if not self.progress_enabled:
            return
        self.streams.add_progress(ProgressRecord(activity, status, percent, activity_id, completed, self.name))


def invocation_at(extent: Any, command_name: str, command: Any = None) -> Any:
    """PowerShell's InvocationInfo for a command a script invoked at ``extent`` (``command``, its
    CommandInfo when the caller has it; a cmdlet's is looked up when a script asks)."""
    from ..language.engine.errors import InvocationInfo

    return InvocationInfo(extent, command_name, command=command)
