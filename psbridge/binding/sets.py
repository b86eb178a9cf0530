"""Parameter sets: narrowing, the default set, and the mandatory-parameter rules.

PowerShell's ValidateParameterSets, ResolveParameterSetAmbiguityBasedOnMandatoryParameters
and GetMissingMandatoryParameters (rules 4.x and 7.6 of powershell-binding.md),
including how the binder latches on to a set before pipeline input arrives.
"""

from __future__ import annotations

from .compiled import ALL_MASK, CompiledParameter, SetData
from .errors import (
    binding_error,
)
from .state import BinderState, count_sets

__all__ = ["ParameterSetResolution"]


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


class ParameterSetResolution(BinderState):
    """Choosing the parameter set and finding missing mandatory parameters."""

    # ------------------------------------------------------------ parameter sets
    def _validate_parameter_sets(self, pre_pipeline_input: bool, set_default: bool) -> int:
        """ValidateParameterSets: fail on no set; settle several by default or mandatory (rule 4)."""
        command = self.command
        count = count_sets(self.mask)
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
        if count_sets(remaining) == 1:
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

        mandatory_set_count = count_sets(command_mandatory_sets)
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
