"""Pipeline input: PowerShell's four binding passes, once per input object (rules 5.x).

Before each object the parameters the previous object bound are restored;
then by value without coercion, by property name without coercion, by value
with coercion, by property name with coercion; then the set is chosen and the
mandatory parameters checked, and any failure is that object's error alone.
"""

from __future__ import annotations

from typing import Any

from ..objects import PropertyLookup, property_lookup
from .compiled import CompiledParameter
from .errors import (
    ParameterBindingArgumentTransformationError,
    ParameterBindingError,
    ParameterBindingValidationError,
    binding_error,
)
from .sets import ParameterSetResolution
from .state import count_sets

__all__ = ["PipelineInputBinding"]


def _run_delayed(block: Any, input_object: Any, command: str, parameter: str) -> list[Any]:
    """What a delay-bind block writes for ``input_object``; a failure is ScriptBlockArgumentInvocationFailed."""
    from ..errors import PSError

    try:
        run = getattr(block, "invoke_with_underbar", None)
        if run is not None:
            output: list[Any] = run(input_object, dot_source=False, input=[input_object])
            return output
        value = block(input_object)
    except PSError as error:
        raise binding_error(
            "ScriptBlockArgumentInvocationFailed", command, parameter=parameter, detail=str(error)
        ) from None
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


_UNTRIED: Any = object()


class PipelineInputBinding(ParameterSetResolution):
    """Binding pipeline objects on top of the command-line binding."""

    #: The one parameter every non-null object binds to, once an object showed that no object can
    #: bind otherwise (:meth:`_sole_pipeline_parameter`); None: each object takes the four passes.
    _sole_parameter: Any = _UNTRIED
    #: Whether the state is the one the sole parameter's binding left (no failed object since).
    _sole_bound = False

    # ------------------------------------------------------------ pipeline input
    def bind_pipeline_object(self, input_object: Any) -> None:
        """Bind one pipeline object (rules 5.x); raise its per-object error, with it as target.

        Where the outcome cannot depend on the object (one parameter takes pipeline input, by value
        only, typed [object]/[psobject], with nothing that looks at the value), objects after the
        first take the binding the first one left with their own value: the passes would decide
        the same parameter, set and mask for every non-null object."""
        sole = self._sole_parameter
        if self._sole_bound and input_object is not None:
            self.bound[sole.name] = input_object
            return
        self._sole_bound = False
        self._bind_pipeline_object(input_object)
        if sole is _UNTRIED and input_object is not None:
            sole = self._sole_parameter = self._sole_pipeline_parameter(input_object)
        self._sole_bound = sole is not None and sole is not _UNTRIED and input_object is not None

    def _sole_pipeline_parameter(self, input_object: Any) -> CompiledParameter | None:
        """The parameter ``input_object`` bound to, if no other object could bind differently."""
        if len(self.pipeline_bound) != 1 or any(parameter.pipeline_some for parameter in self.unbound):
            return None
        (parameter,) = self.pipeline_bound
        if (
            self.bound.get(parameter.name) is not input_object
            or any(data.bpn for data in parameter.set_data)
            or not parameter.ps_type.takes_any_object
            or parameter.transforms
            or parameter.validators
            or parameter.ps_type_name is not None
        ):
            return None
        return parameter

    def _bind_pipeline_object(self, input_object: Any) -> None:
        try:
            bound_something = self._bind_pipeline_parameters(input_object)
            self._verify_parameter_set_selected()
            if not bound_something:
                raise binding_error("InputObjectNotBound", self.name)
            missing = self._missing_mandatory_parameters(count_sets(self.mask), False)
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
        delayed_bound = self._bind_delayed_script_blocks(input_object) if self.delayed else False
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
        return result or delayed_bound

    def _bind_delayed_script_blocks(self, input_object: Any) -> bool:
        """InvokeAndBindDelayBindScriptBlock: each delay-bind block runs in a child scope with ``$_``
        (and ``$input``) the object; its one output (several: the array) binds with coercion."""
        for parameter, _block in self.delayed.values():
            if parameter in self.unbound:  # put back by the restore: it is the block's, not the passes'
                self.unbound.remove(parameter)
        for parameter, block in self.delayed.values():
            output = _run_delayed(block, input_object, self.name, parameter.name)
            if not output:
                raise binding_error("ScriptBlockArgumentNoOutput", self.name, parameter=parameter.name)
            self.bound.pop(parameter.name, None)
            self.unbound.append(parameter)
            self._bind(parameter, output[0] if len(output) == 1 else output, True, from_pipeline=True)
        return True

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
