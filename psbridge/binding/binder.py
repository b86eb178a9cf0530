"""The parameter binder: PowerShell's binding algorithm over compiled tables.

One :class:`ParameterBinder` serves one command invocation, as PowerShell's
CmdletParameterBinderController does: :meth:`bind_command_line` once (reparse,
named, positional, set validation, leftovers, mandatory check), then
:meth:`bind_pipeline_object` per input object.  The pieces live in their own
modules (``state`` binds one value, ``sets`` chooses the parameter set,
``pipeline_input`` binds input objects); method names follow the PowerShell
source so the two can be read side by side, and the rule numbers in
docstrings refer to ../shared/reference/powershell-binding.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ErrorCategory
from ..objects import SwitchParameter, to_ps_string
from .arguments import CommandArgument
from .compiled import CompiledParameter, SetData
from .errors import (
    ParameterBindingArgumentTransformationError,
    ParameterBindingError,
    ParameterBindingValidationError,
    binding_error,
)
from .pipeline_input import PipelineInputBinding
from .state import BindingResult
from .types import is_enumerable

if TYPE_CHECKING:
    from .defaults import DefaultValue

__all__ = ["BindingResult", "ParameterBinder"]


def _argument_text(value: Any) -> str:
    """.NET ``ToString()`` of an argument, as PositionalParameterNotFound prints it."""
    if value is None:
        return "$null"
    if is_enumerable(value):
        return "System.Object[]"
    return to_ps_string(value)


class ParameterBinder(PipelineInputBinding):
    """Binding state for one invocation of one command."""

    #: ``$PSDefaultParameterValues`` keys naming this command (set by the runtime before binding).
    default_values: Sequence[DefaultValue] = ()
    #: Whether the command takes them (a function without [CmdletBinding()] does not).
    applies_default_values = True
    #: Warnings about defaults that did not bind (the runtime writes them).
    default_warnings: list[str]

    # ------------------------------------------------------------ command line
    def bind_command_line(self, arguments: Sequence[CommandArgument], pipeline_expected: bool = False) -> None:
        """Bind everything given on the command line; raise the first error PowerShell would."""
        self.default_warnings = []
        self.pipeline_expected = pipeline_expected
        explicit = [a for a in arguments if not a.from_splat]
        splatted = [a for a in arguments if a.from_splat]
        unbound_arguments = self._reparse(explicit + splatted if splatted else list(arguments))
        unbound_arguments = self._bind_named(unbound_arguments)
        unbound_arguments, positional_error = self._bind_positional(unbound_arguments)
        if self.default_values:
            self._apply_default_values()
        self._validate_parameter_sets(True, False)
        unbound_arguments = self._handle_remaining_arguments(unbound_arguments)
        self._verify_arguments_processed(unbound_arguments, positional_error)

        if not pipeline_expected:
            count = self._validate_parameter_sets(False, True)
        else:
            count = self._validate_parameter_sets(True, False)
        if count > 1 and pipeline_expected:
            filtered = self._filter_sets_taking_no_pipeline_input()
            if filtered != self.mask:
                self.mask = filtered
                count = self._validate_parameter_sets(True, False)
        missing = self._missing_mandatory_parameters(count, pipeline_expected)
        if missing:
            raise binding_error("MissingMandatoryParameter", self.name, names="".join(f" {p.name}" for p in missing))
        if not pipeline_expected:
            self._verify_parameter_set_selected()
        self.pre_pipeline_mask = self.mask

    def _apply_default_values(self) -> None:
        """ApplyDefaultParameterBinding("POSITIONAL BIND"): ``$PSDefaultParameterValues`` for the
        parameters still unbound in a set still possible; a default that fails is a warning."""
        from .defaults import ScriptedDefault
        chosen: dict[str, tuple[CompiledParameter, Any]] = {}
        conflicting: set[str] = set()
        for default in self.default_values:
            for parameter in self.unbound:
                names = (parameter.name, *parameter.aliases)
                if not any(default.parameter.fullmatch(name) for name in names):
                    continue
                if not (parameter.in_all_sets or parameter.set_flags & self.mask):
                    continue
                earlier = chosen.get(parameter.name)
                if earlier is not None and earlier[1] is not default.value:
                    conflicting.add(parameter.name)  # two keys disagree: pwsh binds neither
                chosen[parameter.name] = (parameter, default.value)
        for name, (parameter, value) in chosen.items():
            if name in conflicting or parameter not in self.unbound:
                continue
            if isinstance(value, ScriptedDefault):
                if "scriptblock" in parameter.ps_type.dotnet_name.casefold():
                    value = value.block
                else:
                    results = value.run()
                    if not results:
                        continue
                    value = results[0] if len(results) == 1 else list(results)
            mask = self.mask
            try:
                self._bind(parameter, value, True)
            except ParameterBindingError as error:
                self.mask = mask
                self.default_warnings.append(
                    f"Failed to set the value of parameter '{name}' for command '{self.command.name}' to "
                    f"'{'null' if value is None else to_ps_string(value)}'. {error}"
                )

    def _reparse(self, arguments: list[CommandArgument]) -> list[CommandArgument]:
        """Pair each bare ``-Name`` with its value (rules 1.6, 1.7)."""
        lookup = self.command.lookup
        result: list[CommandArgument] = []
        index = 0
        count = len(arguments)
        while index < count:
            argument = arguments[index]
            index += 1
            if argument.parameter_name is None or argument.has_value:
                result.append(argument)
                continue
            parameter = lookup(argument.parameter_name)
            if parameter is None:
                result.append(argument)
                continue
            if parameter.is_switch:
                result.append(
                    CommandArgument.named(argument.parameter_name, SwitchParameter(True), text=argument.parameter_text)
                )
                continue
            if index >= count:
                raise self._missing_argument(parameter)
            following = arguments[index]
            index += 1
            if following.parameter_name is not None:
                if following.has_value or lookup(following.parameter_name) is not None:
                    raise self._missing_argument(parameter)
                value = following.parameter_text
            else:
                value = following.value
            result.append(CommandArgument.named(parameter.name, value, text=argument.parameter_text))
        return result

    def _missing_argument(self, parameter: CompiledParameter) -> ParameterBindingError:
        return binding_error("MissingArgument", self.name, parameter=parameter.name, type=parameter.ps_type.dotnet_name)

    def _bind_named(self, arguments: list[CommandArgument]) -> list[CommandArgument]:
        leftovers: list[CommandArgument] = []
        explicit_names: set[str] | None = None
        for argument in arguments:
            if argument.parameter_name is None:
                leftovers.append(argument)
                continue
            parameter = self.command.lookup(argument.parameter_name)
            if parameter is None:
                leftovers.append(argument)
                continue
            if argument.from_splat:
                if explicit_names is None:
                    explicit_names = set(self.bound)
                if parameter.name in explicit_names:
                    continue  # an explicit named parameter silently overrides the splat (rule 1.10)
            if parameter.name in self.bound:
                raise binding_error("ParameterAlreadyBound", self.name, parameter=argument.parameter_name)
            self._bind(parameter, argument.value, True)
        return leftovers

    def _positional_dictionary(self) -> dict[int, list[tuple[CompiledParameter, list[SetData]]]]:
        """EvaluateUnboundPositionalParameters: position -> candidates (rule 2.4 collisions)."""
        mask = self.mask
        result: dict[int, list[tuple[CompiledParameter, list[SetData]]]] = {}
        for parameter in self.unbound:
            if parameter.is_common or not (parameter.set_flags & mask or parameter.in_all_sets):
                continue
            for data in parameter.matching_set_data(mask):
                if data.remaining or data.position is None:
                    continue
                entries = result.setdefault(data.position, [])
                for other, other_data in entries:
                    if other is not parameter and any(
                        (od.flag & data.flag) or od.flag == data.flag for od in other_data
                    ):
                        raise binding_error("AmbiguousPositionalParameterNoName", self.name)
                for other, other_data in entries:
                    if other is parameter:
                        other_data.append(data)
                        break
                else:
                    entries.append((parameter, [data]))
        return result

    def _bind_positional(
        self, arguments: list[CommandArgument]
    ) -> tuple[list[CommandArgument], ParameterBindingError | None]:
        """Fill positions in ascending order from the plain arguments (rules 2.2, 2.3)."""
        swallowed: ParameterBindingError | None = None
        if not arguments:
            return arguments, None
        positions = self._positional_dictionary()
        if not positions:
            return arguments, None
        result: list[CommandArgument] = []
        index = 0
        valid = self.mask
        default = self.command.default_flag
        for position in sorted(positions):
            candidates = positions[position]
            if not candidates:
                continue
            argument = None
            while index < len(arguments):
                current = arguments[index]
                index += 1
                if current.parameter_name is None:
                    argument = current
                    break
                # An unknown -name swallows the next plain argument as its value (rule 1.8).
                result.append(current)
                if index < len(arguments) and arguments[index].parameter_name is None:
                    result.append(arguments[index])
                    index += 1
            if argument is None:
                break
            attempts: list[tuple[int, bool]] = []
            if default and valid & default:
                attempts.append((default, False))
            attempts.append((valid, False))
            if default and valid & default:
                attempts.append((default, True))
            attempts.append((valid, True))
            bound = False
            for sets, coerce in attempts:
                bound, error = self._bind_positional_in_set(sets, candidates, argument, coerce)
                if error is not None:
                    swallowed = error
                if bound:
                    break
            if not bound:
                result.append(argument)
            elif valid != self.mask:
                valid = self.mask
                for key, entries in positions.items():
                    positions[key] = [
                        (parameter, kept)
                        for parameter, datas in entries
                        if (kept := [d for d in datas if d.flag & valid or d.in_all_sets])
                    ]
        result.extend(arguments[index:])
        return result, swallowed

    def _bind_positional_in_set(
        self,
        sets: int,
        candidates: list[tuple[CompiledParameter, list[SetData]]],
        argument: CommandArgument,
        coerce: bool,
    ) -> tuple[bool, ParameterBindingError | None]:
        bound = False
        swallowed: ParameterBindingError | None = None
        for parameter, datas in candidates:
            if parameter.name in self.bound:
                continue
            for data in datas:
                if not (sets & data.flag) and not data.in_all_sets:
                    continue
                try:
                    ok = self._bind(parameter, argument.value, coerce)
                except (ParameterBindingArgumentTransformationError, ParameterBindingValidationError):
                    raise
                except ParameterBindingError as error:
                    ok, swallowed = False, error
                if ok:
                    bound = True
                    break
        return bound, swallowed

    def _handle_remaining_arguments(self, arguments: list[CommandArgument]) -> list[CommandArgument]:
        """Leftovers go to a ValueFromRemainingArguments parameter, if the set has one (rule 2.5)."""
        if not arguments:
            return arguments
        varargs: CompiledParameter | None = None
        for parameter in self.unbound:
            datas = parameter.matching_set_data(self.mask)
            if not datas or not any(d.remaining for d in datas):
                continue
            if varargs is not None:
                error = binding_error("AmbiguousParameterSet", self.name, parameter=parameter.name)
                error.error_record.category = ErrorCategory.MetadataError
                raise error
            varargs = parameter
        if varargs is None:
            return arguments
        values: list[Any] = []
        for argument in arguments:
            if argument.parameter_name is not None:
                values.append(argument.parameter_text)
            if argument.has_value:
                values.append(argument.value)
        value: Any = values[0] if len(values) == 1 and is_enumerable(values[0]) else values
        self._bind(varargs, value, True)
        return []

    def _verify_arguments_processed(
        self, arguments: list[CommandArgument], positional_error: ParameterBindingError | None
    ) -> None:
        if not arguments:
            return
        first = arguments[0]
        if first.parameter_name is not None:
            raise binding_error("NamedParameterNotFound", self.name, parameter=first.parameter_name)
        if positional_error is not None:
            raise positional_error
        raise binding_error("PositionalParameterNotFound", self.name, argument=_argument_text(first.value))
