"""The parameter binder: PowerShell's binding algorithm over compiled tables.

One :class:`ParameterBinder` serves one command invocation, as PowerShell's
CmdletParameterBinderController does: :meth:`bind_command_line` once (reparse,
named, positional, set validation, leftovers, mandatory check), then
:meth:`bind_pipeline_object` per input object (restore, four passes, set
choice, mandatory check).  Method names follow the PowerShell source so the
two can be read side by side; the rule numbers in docstrings refer to
../shared/reference/powershell-binding.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import ErrorCategory
from ..objects import PropertyLookup, SwitchParameter, property_lookup, to_ps_string, type_names_of
from .arguments import CommandArgument
from .compiled import ALL_MASK, CompiledCommand, CompiledParameter, SetData, TransformFailure
from .errors import (
    ParameterBindingArgumentTransformationError,
    ParameterBindingError,
    ParameterBindingValidationError,
    binding_error,
    transformation_error,
    validation_error,
)
from .types import ConversionError, is_enumerable
from .validation import ValidationFailure

__all__ = ["BindingResult", "ParameterBinder"]


@dataclass(frozen=True)
class BindingResult:
    """What binding decided: the parameter set and ``$PSBoundParameters`` (no defaults)."""

    command_name: str
    parameter_set_name: str
    bound_parameters: dict[str, Any] = field(default_factory=dict)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and any(k.casefold() == name.casefold() for k in self.bound_parameters)

    def get(self, name: str, default: Any = None) -> Any:
        for key, value in self.bound_parameters.items():
            if key.casefold() == name.casefold():
                return value
        return default


def _valid_count(mask: int) -> int:
    return 1 if mask == ALL_MASK else mask.bit_count()


def _argument_text(value: Any) -> str:
    """.NET ``ToString()`` of an argument, as PositionalParameterNotFound prints it."""
    if value is None:
        return "$null"
    if is_enumerable(value):
        return "System.Object[]"
    return to_ps_string(value)


class _PromptingData:
    """Missing mandatory parameters of one parameter set (PowerShell's ParameterSetPromptingData)."""

    __slots__ = (
        "by_property_name",
        "by_value",
        "is_all_set",
        "is_default",
        "nonpipelineable",
        "pipelineable",
        "set_flag",
    )

    def __init__(self, set_flag: int, is_default: bool) -> None:
        self.set_flag = set_flag
        self.is_default = is_default
        self.is_all_set = set_flag == ALL_MASK
        self.pipelineable: dict[CompiledParameter, None] = {}
        self.by_value: dict[CompiledParameter, None] = {}
        self.by_property_name: dict[CompiledParameter, None] = {}
        self.nonpipelineable: dict[CompiledParameter, None] = {}


class ParameterBinder:
    """Binding state for one invocation of one command."""

    def __init__(self, command: CompiledCommand) -> None:
        self.command = command
        self.name = command.name
        self.bound: dict[str, Any] = {}
        self.bound_parameters: dict[str, CompiledParameter] = {}
        self.unbound: list[CompiledParameter] = list(command.parameters)
        self.mask = ALL_MASK
        self.prioritized = 0
        self.pre_pipeline_mask = ALL_MASK
        self.pipeline_bound: list[CompiledParameter] = []
        self.pipeline_expected = False

    # ------------------------------------------------------------------ results
    @property
    def parameter_set_name(self) -> str:
        return self.command.set_name_of(self.mask)

    def result(self) -> BindingResult:
        return BindingResult(self.name, self.parameter_set_name, dict(self.bound))

    # ------------------------------------------------------- one value, one parameter
    def _bind(self, parameter: CompiledParameter, value: Any, coerce: bool, from_pipeline: bool = False) -> bool:
        """ParameterBinderBase.BindParameter: transform, convert, check type name, validate, record.

        Returns False when the value does not fit without coercion (the caller
        tries something else); raises for errors PowerShell reports.
        """
        name = self.name
        if parameter.transforms and value is not None:
            for transform in parameter.transforms:
                try:
                    value = transform(value)
                except TransformFailure as failure:
                    raise transformation_error(name, parameter.name, str(failure), is_cast_failure=False) from None
        ps_type = parameter.ps_type
        if coerce:
            try:
                value = ps_type.convert(value)
            except ConversionError as failure:
                if parameter.is_common:
                    raise binding_error(
                        "CannotConvertArgumentNoMessage", name, parameter=parameter.name, detail=str(failure)
                    ) from None
                raise transformation_error(name, parameter.name, str(failure)) from None
        elif value is None:
            if not ps_type.accepts_null_uncoerced():
                return False
        elif not ps_type.is_instance(value):
            if not ps_type.is_collection:
                return False
            encoded = ps_type.encode_uncoerced(value)  # type: ignore[attr-defined]
            if encoded is None:
                return False
            value = encoded
        if parameter.ps_type_name is not None and value is not None:
            wanted = parameter.ps_type_name.casefold()
            for element in value if is_enumerable(value) else (value,):
                if element is not None and not any(t.casefold() == wanted for t in type_names_of(element)):
                    if not coerce:
                        return False
                    raise transformation_error(
                        name,
                        parameter.name,
                        "",
                        error_id="MismatchedPSTypeName",
                        category=ErrorCategory.InvalidArgument,
                        type_name=parameter.ps_type_name,
                    )
        for validator in parameter.validators:
            try:
                validator(value)
            except ValidationFailure as failure:
                raise validation_error(name, parameter.name, str(failure)) from None
        if parameter.mandatory_some:
            self._validate_null_or_empty(parameter, value)
        self.bound[parameter.name] = value
        self.bound_parameters[parameter.name] = parameter
        self.unbound.remove(parameter)
        if parameter.set_flags:
            self.mask &= parameter.set_flags
        if from_pipeline:
            self.pipeline_bound.append(parameter)
        return True

    def _validate_null_or_empty(self, parameter: CompiledParameter, value: Any) -> None:
        """Mandatory parameters refuse $null, '' and empty collections (rule 7.5)."""
        ps_type = parameter.ps_type
        if value is None:
            if not parameter.allow_null:
                raise validation_error(
                    self.name, parameter.name, error_id="ParameterArgumentValidationErrorNullNotAllowed"
                )
            return
        if ps_type.name == "String":
            if value == "" and not parameter.allow_empty_string:
                raise validation_error(
                    self.name, parameter.name, error_id="ParameterArgumentValidationErrorEmptyStringNotAllowed"
                )
            return
        if not ps_type.is_collection or not is_enumerable(value):
            return
        items = list(value)
        element = ps_type.element
        if element is not None and not element.is_value_type:
            for item in items:
                if item is None and not parameter.allow_null:
                    raise validation_error(
                        self.name, parameter.name, error_id="ParameterArgumentValidationErrorNullNotAllowed"
                    )
                if item == "" and element.name == "String" and not parameter.allow_empty_string:
                    raise validation_error(
                        self.name, parameter.name, error_id="ParameterArgumentValidationErrorEmptyStringNotAllowed"
                    )
        if not items and not parameter.allow_empty_collection:
            raise validation_error(
                self.name, parameter.name, error_id="ParameterArgumentValidationErrorEmptyArrayNotAllowed"
            )

    # ------------------------------------------------------------ command line
    def bind_command_line(self, arguments: Sequence[CommandArgument], pipeline_expected: bool = False) -> None:
        """Bind everything given on the command line; raise the first error PowerShell would."""
        self.pipeline_expected = pipeline_expected
        explicit = [a for a in arguments if not a.from_splat]
        splatted = [a for a in arguments if a.from_splat]
        unbound_arguments = self._reparse(explicit + splatted if splatted else list(arguments))
        unbound_arguments = self._bind_named(unbound_arguments)
        unbound_arguments, positional_error = self._bind_positional(unbound_arguments)
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

    # ------------------------------------------------------------ parameter sets
    def _validate_parameter_sets(self, pre_pipeline_input: bool, set_default: bool) -> int:
        """ValidateParameterSets: fail on no set; settle several by default or mandatory (rule 4)."""
        command = self.command
        count = _valid_count(self.mask)
        if count == 0 and self.mask != ALL_MASK:
            raise binding_error("AmbiguousParameterSet", self.name)
        if count > 1:
            default = command.default_flag
            has_default = default != 0
            if self.mask == ALL_MASK and not has_default:
                count = 1
            elif (not pre_pipeline_input and self.mask == default) or (has_default and self.mask & default):
                if set_default:
                    self.mask = default
                    count = 1
            elif pre_pipeline_input and self._unbound_set_takes_pipeline_input(self.mask):
                pass
            else:
                if self._resolve_by_mandatory_parameters() != 1:
                    raise binding_error("AmbiguousParameterSet", self.name)
                count = 1
        elif self.mask == ALL_MASK:
            count = command.set_count if command.set_count > 0 else 1
            if pre_pipeline_input and self._unbound_set_takes_pipeline_input(self.mask):
                pass
            elif command.default_flag:
                if set_default:
                    self.mask = command.default_flag
                    count = 1
            elif count > 1:
                if self._resolve_by_mandatory_parameters() != 1:
                    raise binding_error("AmbiguousParameterSet", self.name)
                count = 1
        return count

    def _resolve_by_mandatory_parameters(self) -> int:
        """Keep only the sets with no unbound mandatory parameter; succeed if one remains."""
        remaining = self.mask
        all_flags = 0
        for parameter in self.command.parameters:
            for data in parameter.set_data:
                all_flags |= data.flag
        remaining &= all_flags
        for parameter in self.unbound:
            for data in parameter.set_data:
                if data.mandatory:
                    remaining &= ~data.flag
        if _valid_count(remaining) == 1:
            self.mask = remaining
            return 1
        return -1

    def _unbound_set_takes_pipeline_input(self, mask: int) -> bool:
        return any(
            data.vfp or data.bpn
            for parameter in self.unbound
            if parameter.pipeline_some
            for data in parameter.matching_set_data(mask)
        )

    def _filter_sets_taking_no_pipeline_input(self) -> int:
        sets = 0
        for parameter in self.unbound:
            if not parameter.pipeline_some:
                continue
            for data in parameter.matching_set_data(self.mask):
                if data.vfp or data.bpn:
                    if data.in_all_sets:
                        return self.mask
                    sets |= data.flag
        return self.mask & sets if sets else self.mask

    def _verify_parameter_set_selected(self) -> None:
        command = self.command
        if command.set_count > 1 and self.mask == ALL_MASK:
            if command.default_flag:
                self.mask = command.default_flag
            else:
                raise binding_error("AmbiguousParameterSet", self.name)

    def _ignore_other_mandatory_sets(self, other_sets: int) -> None:
        if not other_sets:
            return
        if self.mask == ALL_MASK:
            self.mask = self.command.all_flags & ~other_sets
        else:
            self.mask &= ~other_sets

    def _preserve_potential_sets(self, chosen: int, others: int, chosen_has_nonpipelineable: bool) -> None:
        if chosen_has_nonpipelineable:
            self.mask = chosen
        else:
            self._ignore_other_mandatory_sets(others)
            if self.mask != chosen:
                self.prioritized = chosen

    # ------------------------------------------------------ mandatory parameters
    def _missing_mandatory_parameters(self, valid_count: int, pipeline_expected: bool) -> list[CompiledParameter]:
        """GetMissingMandatoryParameters, including its choice of set when input is coming (rule 4.4)."""
        result: list[CompiledParameter] = []
        default = self.command.default_flag
        command_mandatory_sets = 0
        prompting: dict[int, _PromptingData] = {}
        missing_any = False
        missing_in_all_set = False
        for parameter in self.unbound:
            if not parameter.mandatory_some:
                continue
            parameter_mandatory_sets = 0
            this_missing = False
            for set_data in parameter.matching_set_data(self.mask):
                flag = self._new_prompting_data(prompting, parameter, set_data, default, pipeline_expected)
                if flag:
                    missing_any = this_missing = True
                    if flag != ALL_MASK:
                        parameter_mandatory_sets |= self.mask & flag
                        command_mandatory_sets |= self.mask & parameter_mandatory_sets
                    else:
                        missing_in_all_set = True
            if not pipeline_expected and this_missing:
                result.append(parameter)
        if not (missing_any and pipeline_expected):
            return result

        if command_mandatory_sets == 0:
            command_mandatory_sets = self.mask
        if missing_in_all_set:
            available = self.command.all_flags or ALL_MASK
            command_mandatory_sets = self.mask & available
        if valid_count > 1 and default and not default & command_mandatory_sets and default & self.mask:
            takes_input = any(
                entry.set_flag & self.mask
                and not entry.set_flag & default
                and not entry.is_all_set
                and entry.pipelineable
                for entry in prompting.values()
            )
            if not takes_input:
                command_mandatory_sets = self.mask & ~command_mandatory_sets
                self.mask = command_mandatory_sets
                if self.mask != default:
                    self.prioritized = default

        mandatory_set_count = _valid_count(command_mandatory_sets)
        if mandatory_set_count == 0:
            raise binding_error("AmbiguousParameterSet", self.name)
        if mandatory_set_count == 1:
            for entry in prompting.values():
                if entry.set_flag & command_mandatory_sets or entry.is_all_set:
                    result.extend(entry.nonpipelineable)
            return result
        if self.prioritized:
            return result

        latch_on_default = False
        if default and command_mandatory_sets & default:
            another_takes_input = any(
                not d.is_all_set and not d.is_default and d.pipelineable and not d.nonpipelineable
                for d in prompting.values()
            )
            another_by_property = any(
                not d.is_all_set and not d.is_default and d.by_property_name for d in prompting.values()
            )
            default_data = prompting.get(default)
            if default_data is not None and (
                (default_data.by_property_name and not another_by_property)
                or (default_data.pipelineable and not another_takes_input)
            ):
                latch_on_default = True
            if not latch_on_default and not another_takes_input:
                latch_on_default = True
            if not latch_on_default:
                all_data = prompting.get(ALL_MASK)
                if all_data is not None and all_data.nonpipelineable:
                    latch_on_default = True
            if latch_on_default:
                command_mandatory_sets = default
                self.mask = default
                for entry in prompting.values():
                    if entry.set_flag & command_mandatory_sets or entry.is_all_set:
                        result.extend(entry.nonpipelineable)
        if latch_on_default:
            return result

        by_value_set = by_property_set = 0
        found_by_value = multiple_by_value = False
        for entry in prompting.values():
            if entry.set_flag & command_mandatory_sets and not entry.is_all_set and entry.by_value:
                if found_by_value:
                    multiple_by_value, by_value_set = True, 0
                    break
                by_value_set, found_by_value = entry.set_flag, True
        found_by_property = multiple_by_property = False
        for entry in prompting.values():
            if entry.set_flag & command_mandatory_sets and not entry.is_all_set and entry.by_property_name:
                if found_by_property:
                    multiple_by_property, by_property_set = True, 0
                    break
                by_property_set, found_by_property = entry.set_flag, True

        unique = 0
        if found_by_value and found_by_property and by_value_set == by_property_set:
            unique = by_value_set
        if found_by_value != found_by_property:
            unique = by_value_set if found_by_value else by_property_set

        if unique:
            self._latch_on(unique, prompting, result)
            return result
        found_missing = False
        sets_with_nonpipelineable = 0
        for entry in prompting.values():
            if (entry.set_flag & command_mandatory_sets or entry.is_all_set) and entry.nonpipelineable:
                found_missing = True
                if not entry.is_all_set:
                    sets_with_nonpipelineable |= entry.set_flag
        if found_missing:
            if by_value_set:
                self._latch_on(by_value_set, prompting, result)
            else:
                if not multiple_by_value and not multiple_by_property:
                    raise binding_error("AmbiguousParameterSet", self.name)
                if sets_with_nonpipelineable:
                    self._ignore_other_mandatory_sets(sets_with_nonpipelineable)
                    if self.mask == 0:
                        raise binding_error("AmbiguousParameterSet", self.name)
        return result

    def _latch_on(self, chosen: int, prompting: dict[int, _PromptingData], result: list[CompiledParameter]) -> None:
        others = 0
        chosen_has_nonpipelineable = False
        for entry in prompting.values():
            if entry.set_flag & chosen or entry.is_all_set:
                if not entry.is_all_set:
                    chosen_has_nonpipelineable = bool(entry.nonpipelineable)
                result.extend(entry.nonpipelineable)
            else:
                others |= entry.set_flag
        self._preserve_potential_sets(chosen, others, chosen_has_nonpipelineable)

    @staticmethod
    def _new_prompting_data(
        prompting: dict[int, _PromptingData],
        parameter: CompiledParameter,
        data: SetData,
        default: int,
        pipeline_expected: bool,
    ) -> int:
        if not data.mandatory:
            return 0
        flag = data.flag or ALL_MASK
        entry = prompting.get(flag)
        if entry is None:
            entry = prompting[flag] = _PromptingData(flag, bool(default and default & flag))
        if pipeline_expected and (data.vfp or data.bpn):
            entry.pipelineable[parameter] = None
            if data.vfp:
                entry.by_value[parameter] = None
            if data.bpn:
                entry.by_property_name[parameter] = None
        else:
            entry.nonpipelineable[parameter] = None
        return flag

    # ------------------------------------------------------------ pipeline input
    def bind_pipeline_object(self, input_object: Any) -> None:
        """Bind one pipeline object (rules 5.x); raise its per-object error, with it as target."""
        try:
            bound_something = self._bind_pipeline_parameters(input_object)
            self._verify_parameter_set_selected()
            if not bound_something:
                raise binding_error("InputObjectNotBound", self.name)
            missing = self._missing_mandatory_parameters(_valid_count(self.mask), False)
            if missing:
                raise binding_error(
                    "InputObjectMissingMandatory", self.name, names="".join(f" {p.name}" for p in missing)
                )
        except ParameterBindingError as error:
            error.error_record.target_object = input_object
            raise

    def _restore_pipeline_parameters(self) -> None:
        for parameter in self.pipeline_bound:
            self.bound.pop(parameter.name, None)
            self.bound_parameters.pop(parameter.name, None)
            if parameter not in self.unbound:
                self.unbound.append(parameter)
        self.pipeline_bound.clear()
        self.mask = self.pre_pipeline_mask

    def _bind_pipeline_parameters(self, input_object: Any) -> bool:
        self._restore_pipeline_parameters()
        lookup = property_lookup(input_object) if input_object is not None else None
        valid = self.mask
        prioritize = self.prioritized != 0
        if prioritize:
            valid = self.prioritized
        result = False
        for step in range(2 if prioritize else 1):
            for state in range(4):
                if self._bind_for_state(input_object, lookup, state, valid):
                    if not prioritize or step == 1:
                        self._validate_parameter_sets(True, True)
                        valid = self.mask
                    result = True
            if prioritize and step == 0:
                if self.mask == self.prioritized:
                    break
                valid = self.mask & ~self.prioritized
        self._validate_parameter_sets(False, True)
        return result

    def _bind_for_state(self, input_object: Any, lookup: PropertyLookup | None, state: int, valid: int) -> bool:
        default = self.command.default_flag
        bound = False
        if default and valid & default:
            bound = self._bind_for_state_in_set(input_object, lookup, state, default)
            if not bound:
                valid &= ~default
        if not bound:
            bound = self._bind_for_state_in_set(input_object, lookup, state, valid)
        return bound

    def _bind_for_state_in_set(self, input_object: Any, lookup: PropertyLookup | None, state: int, valid: int) -> bool:
        """One pass: 0 by value, 1 by property name, 2 by value coerced, 3 by property coerced."""
        bound_any = False
        by_value = state in (0, 2)
        coerce = state >= 2
        for parameter in reversed(self.unbound):
            if not parameter.pipeline_some or (not valid & parameter.set_flags and not parameter.in_all_sets):
                continue
            for data in parameter.matching_set_data(valid):
                if by_value:
                    ok = data.vfp and self._bind_value_from_pipeline(input_object, parameter, coerce)
                else:
                    ok = data.bpn and lookup is not None and self._bind_value_from_property(lookup, parameter, coerce)
                if ok:
                    bound_any = True
                    break
        return bound_any

    def _bind_value_from_pipeline(self, input_object: Any, parameter: CompiledParameter, coerce: bool) -> bool:
        try:
            return self._bind(parameter, input_object, coerce, from_pipeline=True)
        except ParameterBindingArgumentTransformationError as error:
            if error.is_cast_failure:
                return False  # another parameter may still take the object (rule 5.6)
            raise
        except ParameterBindingValidationError:
            raise
        except ParameterBindingError:
            return False

    def _bind_value_from_property(self, lookup: PropertyLookup, parameter: CompiledParameter, coerce: bool) -> bool:
        found, value = lookup(parameter.name)
        if not found:
            for alias in parameter.aliases:
                found, value = lookup(alias)
                if found:
                    break
            else:
                return False
        try:
            return self._bind(parameter, value, coerce, from_pipeline=True)
        except (ParameterBindingArgumentTransformationError, ParameterBindingValidationError):
            raise
        except ParameterBindingError:
            return False
