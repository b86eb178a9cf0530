"""Running a pipeline: bind everything, then begin / stream / end.

As in PowerShell, every command's command-line parameters are bound before
any command runs, so a binding error costs no request.  Then each command's
``begin`` runs, input objects are pushed one at a time through the commands
(each object reaches the next command as soon as it is written, not after the
previous command finishes), and finally each ``end`` runs in order, its
output still flowing downstream.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..binding import CommandArgument, ParameterBindingError
from ..errors import FlowControl, PSError, halted
from ..records import field, record
from .cmdlet import Cmdlet, SkipInput, invocation_at

if TYPE_CHECKING:
    from .runspace import Runspace

__all__ = ["NO_INPUT", "CommandCall", "StopUpstreamCommands", "run_pipeline"]

NO_INPUT: Any = object()


class StopUpstreamCommands(FlowControl):
    """Raised by a cmdlet that needs no more input (Select-Object -First) after running its own
    ``end``: the commands before it stop at once, without theirs; the commands after it finish
    normally.  A flow-control signal as in PowerShell: it passes through the script code of the
    commands upstream (their catch blocks and traps do not see it, their finally blocks run)."""

    def __init__(self, requester: Cmdlet) -> None:
        super().__init__(requester.name)
        self.requester = requester


@record
class CommandCall:
    """One pipeline element: a command name and its arguments."""

    name: str
    arguments: list[CommandArgument] = field(default_factory=list)
    #: The command class when the caller resolved the name already (a script's function).
    command: type[Cmdlet] | None = None
    #: Where a script invokes it (the CommandAst's extent), for its error records' position.
    extent: Any = None
    #: This command's own redirections (``cmd 2>&1 | next``): given the streams around the pipeline
    #: and what writes into the next command, the streams the command (and what runs inside it)
    #: writes to while it runs.
    streams: Callable[[Any, Callable[[Any], None]], Any] | None = None


Output = Callable[[Any], None]


class _Processor:
    def __init__(
        self, runspace: Runspace, calls: Sequence[CommandCall], has_input: bool, sink: Output | None = None
    ) -> None:
        self.runspace = runspace
        self.output: list[Any] = []
        self.sink: Output = sink or self.output.append
        self.cmdlets: list[Cmdlet] = []
        for index, call in enumerate(calls):
            cls = call.command or runspace.resolve_command(call.name)
            command = cls.compiled_command()
            binder = cls.new_binder(command)
            try:
                binder.bind_command_line(call.arguments, pipeline_expected=index > 0 or has_input)
            except PSError as error:
                record = error.error_record
                if record.invocation_info is None and call.extent is not None:
                    info = None if isinstance(cls, type) else cls  # a script's function: its FunctionInfo
                    record.invocation_info = invocation_at(call.extent, cls.name, info)
                raise
            cmdlet = cls(runspace, command, binder)
            cmdlet.expecting_input = index > 0 or has_input
            cmdlet.invocation_extent = call.extent
            self.cmdlets.append(cmdlet)
        #: Per command, whether its begin ran.
        self.begun: list[bool] = [False] * len(self.cmdlets)
        #: Inside an advanced function whose -ErrorVariable (-WarningVariable,
        #: -InformationVariable) collects: per command, the variable lists its writes reach, as
        #: pwsh attaches them to the pipe a command writes into -- the last command writes into
        #: the enclosing pipe (its lists), the others into pipes of their own (none).
        base = runspace.variable_sinks
        self.pipe_sinks: list[list[Any]] | None = None
        if base:
            self.pipe_sinks = [[] for _ in self.cmdlets]
            self.pipe_sinks[-1] = base
        #: With a command's own redirections: per command, the streams it writes to while it runs
        #: (the others the pipeline's), swapped in as each one runs.
        self.own_streams: list[Any] | None = None
        if any(call.streams is not None for call in calls):
            self.own_streams = [runspace.streams] * len(calls)
        #: Per command, what pushes one object through it (:meth:`_stage`), made before the emitters
        #: that call the next one.
        self.stages: list[Output] = []
        for cmdlet in self.cmdlets:
            self.stages.append(self._stage(cmdlet))
        for index, cmdlet in enumerate(self.cmdlets):
            cmdlet._emit = self._emitter(index)
        if self.own_streams is not None:
            for index, (call, cmdlet) in enumerate(zip(calls, self.cmdlets, strict=True)):
                if call.streams is not None:
                    cmdlet.streams = self.own_streams[index] = call.streams(runspace.streams, cmdlet._emit)

    def _emitter(self, index: int) -> Any:
        last = index == len(self.cmdlets) - 1
        bound = self.cmdlets[index].binder.bound
        # what the command writes is kept only for -OutVariable (it is set when the pipeline ends)
        collected = self.cmdlets[index].outputs if bound.get("OutVariable") else None
        pipeline_variable = bound.get("PipelineVariable")
        if collected is None and not pipeline_variable:
            return self.sink if last else self.stages[index + 1]

        def emit(value: Any) -> None:
            if collected is not None:
                collected.append(value)
            if pipeline_variable:  # -PipelineVariable: the command's current output object
                self.runspace.set_variable(pipeline_variable, value)
            if last:
                self.sink(value)
            else:
                self.stages[index + 1](value)

        return emit

    def _stage(self, cmdlet: Cmdlet) -> Output:
        """``stage(value)``: bind ``value`` (or nothing, for :data:`NO_INPUT`) and run the command's
        ``process``; a failure for that object alone becomes its error record.  Once per object
        per command, so what it needs is looked up once."""
        bind = cmdlet.binder.bind_pipeline_object
        process = cmdlet.process
        index = len(self.stages)
        begun = self.begun

        def stage(value: Any) -> None:
            if not begun[index]:
                # an upstream begin block wrote before this command's begin ran (pwsh processes the
                # object at once too): begin it now, as its first input arrives
                begun[index] = True
                self._phase(cmdlet, cmdlet.begin)
            try:
                if value is not NO_INPUT:
                    cmdlet.current_input = value
                    try:
                        bind(value)
                    except ParameterBindingError as error:
                        cmdlet.write_error(error, target_object=value)
                        return
                process()
            except SkipInput:
                return
            except StopUpstreamCommands:
                raise
            except Exception as failure:
                self._failed(cmdlet, failure, value)

        if self.pipe_sinks is None and self.own_streams is None:
            return stage

        def in_its_pipe(value: Any) -> None:
            self._in_context(index, stage, value)

        return in_its_pipe

    def _in_context(self, index: int, action: Callable[..., None], *args: Any) -> None:
        """Run ``action`` as command ``index`` runs: with the variable lists of its pipe
        (:attr:`pipe_sinks`) and its own streams (:attr:`own_streams`)."""
        runspace = self.runspace
        sinks, streams = runspace.variable_sinks, runspace.streams
        if self.pipe_sinks is not None:
            runspace.variable_sinks = self.pipe_sinks[index]
        if self.own_streams is not None:
            runspace.streams = self.own_streams[index]
        try:
            action(*args)
        finally:
            runspace.variable_sinks, runspace.streams = sinks, streams

    @staticmethod
    def _failed(cmdlet: Cmdlet, failure: Exception, value: Any) -> None:
        reported = failure if isinstance(failure, PSError) else cmdlet.unexpected_error(failure)
        if reported is None:
            raise failure
        if halted(reported) or getattr(reported, "_psbridge_terminating", False):
            if reported is failure:
                raise failure
            raise reported from None
        # A cmdlet's failure for one input is an error record for that input;
        # later inputs still run (PSOpenAI's cmdlets behave so, reference 1.7).
        cmdlet.write_error(reported, target_object=None if value is NO_INPUT else value)

    def _phase(self, cmdlet: Cmdlet, phase: Callable[[], None]) -> None:
        """``begin`` or ``end``: a failure there ends the pipeline (a Python exception a cmdlet
        can account for becomes its PSError)."""
        if self.pipe_sinks is not None or self.own_streams is not None:
            self._in_context(self.cmdlets.index(cmdlet), self._run_phase, cmdlet, phase)
            return
        self._run_phase(cmdlet, phase)

    @staticmethod
    def _run_phase(cmdlet: Cmdlet, phase: Callable[[], None]) -> None:
        try:
            phase()
        except StopUpstreamCommands:
            raise
        except PSError as terminating:
            record = terminating.error_record
            if record.command_name is None and record.activity is None:
                record.command_name = cmdlet.command.qualifier  # ThrowTerminatingError names the command
            cmdlet._locate(record)
            raise
        except Exception as failure:
            error = cmdlet.unexpected_error(failure)
            if error is None:
                raise
            error.error_record.command_name = error.error_record.command_name or cmdlet.command.qualifier
            raise error from None

    def _requester(self, stop: StopUpstreamCommands) -> int:
        """The index of the command that asked the commands before it to stop (one of an
        enclosing pipeline's commands asking passes on)."""
        if stop.requester not in self.cmdlets:
            raise stop
        return self.cmdlets.index(stop.requester)

    def run(self, input: Iterable[Any] | Any) -> list[Any]:
        cmdlets = self.cmdlets
        count = len(cmdlets)
        try:
            # A command that needs no more input (Select-Object -First) may ask at any phase, even
            # from a begin or end block's output: the commands up to it are then done (their end
            # blocks do not run); the ones after it carry on.
            stopped = -1
            begun = self.begun
            following = 0
            while following < count:
                try:
                    while following < count:
                        following += 1
                        if not begun[following - 1]:
                            begun[following - 1] = True
                            self._phase(cmdlets[following - 1], cmdlets[following - 1].begin)
                except StopUpstreamCommands as stop:
                    stopped = max(stopped, self._requester(stop))
                    following = max(following, stopped + 1)
            if stopped < 0:
                try:
                    first_stage = self.stages[0]
                    if input is NO_INPUT:
                        first_stage(NO_INPUT)
                    else:
                        for value in input:
                            first_stage(value)
                except StopUpstreamCommands as stop:
                    stopped = self._requester(stop)
            ending = stopped + 1
            while ending < count:
                try:
                    while ending < count:
                        ending += 1
                        self._phase(cmdlets[ending - 1], cmdlets[ending - 1].end)
                except StopUpstreamCommands as stop:
                    ending = max(ending, self._requester(stop) + 1)
        except PSError as error:
            # What the pipeline delivered before the error is not lost: it travels on the error.
            if not error.output:
                error.output = list(self.output)
            raise
        finally:
            for cmdlet in cmdlets:
                cmdlet.stopping.set()
            for index, cmdlet in enumerate(cmdlets):  # in the pipeline's order, as pwsh runs clean blocks
                if self.pipe_sinks is None and self.own_streams is None:
                    cmdlet.dispose()
                else:
                    self._in_context(index, cmdlet.dispose)
            self._set_variables()
        return self.output

    def _set_variables(self) -> None:
        """-OutVariable, -ErrorVariable, -WarningVariable, -InformationVariable ("+name" appends)."""
        for cmdlet in self.cmdlets:
            bound = cmdlet.binder.bound
            collected: tuple[tuple[str, list[Any]], ...] = (
                ("OutVariable", cmdlet.outputs),
                ("ErrorVariable", cmdlet.errors_written),
                ("WarningVariable", cmdlet.warnings_written),
                ("InformationVariable", cmdlet.information_written),
            )
            for parameter, values in collected:
                name = bound.get(parameter)
                if not name:
                    continue
                if name.startswith("+"):
                    found, existing = self.runspace.get_variable(name[1:])
                    previous = (
                        list(existing)
                        if found and isinstance(existing, list)
                        else ([existing] if found and existing is not None else [])
                    )
                    self.runspace.set_variable(name[1:], previous + list(values))
                else:
                    self.runspace.set_variable(name, list(values))


def run_pipeline(
    runspace: Runspace,
    calls: Sequence[CommandCall],
    input: Iterable[Any] | Any = NO_INPUT,
    *,
    output: Output | None = None,
) -> list[Any]:
    """Bind and run one pipeline; binding errors raise before any command runs.

    Returns the output objects; with ``output`` each one is handed to it as it
    is written instead (and the list is empty).  An error that ends the
    pipeline carries what was returned so far as ``.output``.
    """
    if not calls:
        return []
    processor = _Processor(runspace, calls, input is not NO_INPUT, output)
    return processor.run(input)
