"""A cmdlet's parameter metadata compiled once into lookup tables.

PowerShell analyses a command's parameters once (CompiledCommandParameter,
MergedCommandParameterMetadata) and binds every invocation from those tables.
psbridge does the same: names, aliases and every unique-prefix are resolved
through dictionaries, parameter sets become bit masks, and each parameter
carries its type converter, transformations and validators ready to call.
Nothing here is rebuilt per call.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

from ..errors import QualifiedName
from ..objects import SecureString, SwitchParameter, dotnet_type_name, find_adapter
from ..objects.encoding import UnknownEncodingError, get_encoding
from ..specs.model import ALL_SETS, CmdletSpec, ParameterSetInfo, ParameterSpec
from .errors import binding_error
from .types import BindingType, ConversionError, resolve_parameter_type
from .validation import Validator, compile_validators, variable_name_validator

__all__ = [
    "ALL_MASK",
    "CompiledCommand",
    "CompiledParameter",
    "KeptWhole",
    "SetData",
    "TransformFailure",
    "compile_command",
]

#: PowerShell's ``uint.MaxValue``: "no parameter set chosen yet".
ALL_MASK = 0xFFFFFFFF
MAX_PARAMETER_SETS = 32


class TransformFailure(Exception):
    """A custom transformation attribute refused the value."""


def _lower_case(value: Any) -> Any:
    if isinstance(value, str):
        return value.lower()
    if isinstance(value, list | tuple):
        return [item.lower() if isinstance(item, str) else item for item in value]
    return value


def _secure_string(value: Any) -> Any:
    """PSOpenAI's SecureStringTransformation: a plain string becomes a SecureString."""
    if value is None or isinstance(value, SecureString):
        return value
    if isinstance(value, str):
        return SecureString(value)
    adapter = find_adapter(value)
    if adapter is not None:
        converted = adapter.to_python(value)
        if isinstance(converted, SecureString | str):
            return _secure_string(converted)
    raise TransformFailure(
        f'Cannot convert the value of type "{dotnet_type_name(value)}" to type "System.Security.SecureString".'
    )


def _encoding(value: Any) -> Any:
    """PowerShell's ArgumentToEncodingTransformation: a name or a code page becomes an Encoding."""
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        try:
            return get_encoding(value)
        except UnknownEncodingError as error:
            raise TransformFailure(str(error)) from None
    return value


def _ps_version(value: Any) -> Any:
    """Set-StrictMode's ArgumentToPSVersionTransformation: ``Latest`` is the running version, a whole
    number N (or its text) is ``N.0``; anything else is left to the Version conversion."""
    if isinstance(value, str):
        text = value.strip()
        if text.casefold() == "latest":
            from ..objects.version import PS_VERSION

            return PS_VERSION
        if "." not in text and text.lstrip("+-").isdigit():
            return f"{int(text)}.0"
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value}.0"
    return value


class KeptWhole:
    """A .NET object a parameter keeps as it is: binding to [object] would leave only a snapshot of
    its properties (a Stream could no longer be read)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _stream(value: Any) -> Any:
    """Get-FileHash -InputStream ([object] in psbridge, see its overlay): a .NET Stream is kept
    whole; a Python binary stream (anything with ``read``) binds as it is."""
    if not hasattr(value, "read") and hasattr(value, "Read") and hasattr(value, "CanRead"):
        return KeptWhole(value)
    return value


TRANSFORMS: dict[str, Callable[[Any], Any]] = {
    "stream": _stream,
    "lower_case": _lower_case,
    "ps_version": _ps_version,
    "secure_string": _secure_string,
    "encoding": _encoding,
}


_UNPARSED: Any = object()


def _parse_default(parameter: CompiledParameter) -> Any:
    text = parameter.spec.default
    if parameter.is_switch:
        return SwitchParameter(text is not None and text.strip().strip("$").lower() == "true")
    if text is None:
        return None
    cleaned = text.strip().strip("'\"")
    lowered = cleaned.lower()
    if lowered in ("$null", "none", "null"):
        return None
    if lowered in ("$true", "$false"):
        return lowered == "$true"
    try:
        if parameter.transforms and not parameter.ps_type.is_collection:
            value: Any = cleaned
            for transform in parameter.transforms:
                value = transform(value)
            return parameter.ps_type.convert(value)
        if parameter.ps_type.is_collection:
            return parameter.ps_type.convert([part.strip().strip("'\"") for part in cleaned.split(",")])
        return parameter.ps_type.convert(cleaned)
    except (ConversionError, TransformFailure):
        return None


class SetData:
    """One ``[Parameter()]`` attribute: membership of one set (``flag`` 0 = all sets)."""

    __slots__ = ("bpn", "flag", "in_all_sets", "mandatory", "position", "remaining", "vfp")

    def __init__(self, flag: int, info: ParameterSetInfo) -> None:
        self.flag = flag
        self.in_all_sets = flag == 0
        self.mandatory = info.mandatory
        self.position = info.position
        self.vfp = info.value_from_pipeline
        self.bpn = info.value_from_pipeline_by_property_name
        self.remaining = info.value_from_remaining_arguments


class CompiledParameter:
    __slots__ = (
        "_default",
        "_matching",
        "aliases",
        "allow_empty_collection",
        "allow_empty_string",
        "allow_null",
        "in_all_sets",
        "index",
        "is_common",
        "is_switch",
        "mandatory_some",
        "name",
        "pipeline_some",
        "ps_type",
        "ps_type_name",
        "set_data",
        "set_flags",
        "spec",
        "transforms",
        "validators",
    )

    def __init__(self, spec: ParameterSpec, index: int, set_bits: dict[str, int], is_common: bool) -> None:
        self.spec = spec
        self.name = spec.name
        self.index = index
        self.is_common = is_common
        self.aliases = spec.aliases
        self.ps_type: BindingType = resolve_parameter_type(spec)
        self.is_switch = spec.type == "SwitchParameter"
        self.ps_type_name = spec.ps_type_name
        self.set_data: tuple[SetData, ...] = tuple(
            SetData(0 if set_name == ALL_SETS else set_bits[set_name], info) for set_name, info in spec.sets.items()
        )
        flags = 0
        for data in self.set_data:
            flags |= data.flag
        self.set_flags = flags
        self.in_all_sets = any(data.in_all_sets for data in self.set_data)
        self.mandatory_some = any(data.mandatory for data in self.set_data)
        self.pipeline_some = any(data.vfp or data.bpn for data in self.set_data)
        transforms = [TRANSFORMS[name] for name in spec.transforms]
        if spec.type.removesuffix("[]") == "Encoding":
            transforms.append(_encoding)  # ArgumentToEncodingTransformation, on every -Encoding
        self.transforms = tuple(transforms)
        validators: tuple[Validator, ...] = compile_validators(spec, self.ps_type)
        if is_common and spec.name.endswith("Variable"):
            validators += (variable_name_validator,)
        self.validators = validators
        self.allow_null = spec.allow_null
        self.allow_empty_string = spec.allow_empty_string
        self.allow_empty_collection = spec.allow_empty_collection
        self._matching: dict[int, tuple[SetData, ...]] = {ALL_MASK: self.set_data}
        self._default: Any = _UNPARSED

    @property
    def default_value(self) -> Any:
        """The doc's ``Default value:`` as a value of the parameter's type (None when unusable),
        parsed once; PowerShell gives an unbound parameter this value (it is never validated)."""
        if self._default is _UNPARSED:
            self._default = _parse_default(self)
        return self._default

    def matching_set_data(self, mask: int) -> tuple[SetData, ...]:
        """The set data that apply within ``mask`` (memoized: a command has few distinct masks)."""
        found = self._matching.get(mask)
        if found is None:
            found = tuple(data for data in self.set_data if data.in_all_sets or data.flag & mask)
            self._matching[mask] = found
        return found

    def __repr__(self) -> str:
        return f"<CompiledParameter {self.name}>"


def _common(name: str, type_name: str, alias: str, **extra: Any) -> ParameterSpec:
    return ParameterSpec(name=name, type=type_name, aliases=(alias,), **extra)


#: The common parameters every advanced function gets (CommonCommandParameters.cs).
COMMON_PARAMETERS: tuple[ParameterSpec, ...] = (
    _common("Verbose", "SwitchParameter", "vb"),
    _common("Debug", "SwitchParameter", "db"),
    _common("ErrorAction", "ActionPreference", "ea"),
    _common("WarningAction", "ActionPreference", "wa"),
    _common("InformationAction", "ActionPreference", "infa"),
    _common("ProgressAction", "ActionPreference", "proga"),
    _common("ErrorVariable", "String", "ev"),
    _common("WarningVariable", "String", "wv"),
    _common("InformationVariable", "String", "iv"),
    _common("OutVariable", "String", "ov"),
    _common("OutBuffer", "Int32", "ob", validate_range=(0, 2**31 - 1)),
    _common("PipelineVariable", "String", "pv"),
)


class CompiledCommand:
    """Everything the binder needs about one command, computed once."""

    def __init__(self, spec: CmdletSpec, common_parameters: bool = True) -> None:
        """``common_parameters`` False: a script function without [CmdletBinding()] (no -Verbose,
        -ErrorAction ... of its own)."""
        self.spec = spec
        self.name = spec.name
        qualifier = spec.error_qualifier
        #: What error ids are qualified with (the command, or a compiled cmdlet's class).
        self.qualifier: str = qualifier if qualifier == spec.name else QualifiedName(qualifier, spec.name)
        #: One of PowerShell's compiled (C#) cmdlets rather than a script cmdlet.
        self.is_compiled = qualifier != spec.name
        self.set_names: list[str] = []
        if spec.default_parameter_set:
            self.set_names.append(spec.default_parameter_set)
        for set_name in spec.parameter_sets:
            if set_name not in self.set_names:
                self.set_names.append(set_name)
        for parameter in spec.parameters.values():
            for set_name in parameter.sets:
                if set_name != ALL_SETS and set_name not in self.set_names:
                    self.set_names.append(set_name)
        if len(self.set_names) > MAX_PARAMETER_SETS:
            raise ValueError(f"{spec.name}: more than {MAX_PARAMETER_SETS} parameter sets")
        set_bits = {name: 1 << index for index, name in enumerate(self.set_names)}
        self.set_count = len(self.set_names)
        self.all_flags = (1 << self.set_count) - 1
        self.default_flag = set_bits[spec.default_parameter_set] if spec.default_parameter_set else 0
        self.default_set_name = spec.default_parameter_set

        declared = [CompiledParameter(p, i, set_bits, False) for i, p in enumerate(spec.parameters.values())]
        declared_names = {p.name.casefold() for p in declared}
        common = [
            CompiledParameter(p, len(declared) + i, set_bits, True)
            for i, p in enumerate(COMMON_PARAMETERS)
            if common_parameters and p.name.casefold() not in declared_names
        ]
        self.parameters: list[CompiledParameter] = declared + common
        self.by_name: dict[str, CompiledParameter] = {p.name.casefold(): p for p in self.parameters}
        #: Spellings Python code has read parameters by (``params.InputObject``), filled as it reads.
        self.spellings: dict[str, CompiledParameter] = {}
        self._exact: dict[str, CompiledParameter] = dict(self.by_name)
        for compiled in self.parameters:
            for alias in compiled.aliases:
                self._exact.setdefault(alias.casefold(), compiled)
        # Every prefix of every name, then of every alias (PowerShell scans names first).
        self._prefix: dict[str, list[CompiledParameter]] = {}
        keys = [(c.name.casefold(), c) for c in self.parameters]
        keys += [(a.casefold(), c) for c in self.parameters for a in c.aliases]
        for key, compiled in keys:
            for end in range(1, len(key) + 1):
                candidates = self._prefix.setdefault(key[:end], [])
                if compiled not in candidates:
                    candidates.append(compiled)
        self.pipeline_parameters = [p for p in self.parameters if p.pipeline_some]

    def lookup(self, name: str) -> CompiledParameter | None:
        """Resolve ``-Name`` (given without the dash) as PowerShell does: exact name or
        alias, else a unique prefix.

        Several prefix candidates resolve to the one declared parameter among
        them (declared parameters beat common ones); otherwise AmbiguousParameter.
        """
        folded = name.casefold()
        exact = self._exact.get(folded)
        if exact is not None:
            return exact
        candidates = self._prefix.get(folded)
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        declared = [c for c in candidates if not c.is_common]
        if len(declared) == 1:
            return declared[0]
        raise binding_error(
            "AmbiguousParameter",
            self.qualifier,
            parameter=name,
            matches="".join(f" -{c.name}" for c in candidates),
        )

    def set_name_of(self, mask: int) -> str:
        """PowerShell's GetParameterSetName: one set's name, the default for "all", else ''."""
        if mask in (ALL_MASK, 0):
            return self.default_set_name or ALL_SETS
        low = mask & -mask
        if mask != low:
            return ""
        index = low.bit_length() - 1
        return self.set_names[index] if index < self.set_count else ""


_cache: weakref.WeakKeyDictionary[CmdletSpec, CompiledCommand] = weakref.WeakKeyDictionary()
_by_name: dict[str, CompiledCommand] = {}
_lock = threading.Lock()


def compile_command(command: str | CmdletSpec) -> CompiledCommand:
    """The compiled tables for a cmdlet name (committed spec) or a CmdletSpec, cached."""
    if isinstance(command, str):
        folded = command.casefold()
        compiled = _by_name.get(folded)
        if compiled is None:
            from ..specs.registry import get_spec

            spec = get_spec(command)
            with _lock:
                compiled = _by_name.get(folded)
                if compiled is None:
                    compiled = _cache.get(spec) or CompiledCommand(spec)
                    _cache[spec] = compiled
                    _by_name[folded] = compiled
        return compiled
    compiled = _cache.get(command)
    if compiled is None:
        with _lock:
            compiled = _cache.get(command)
            if compiled is None:
                compiled = CompiledCommand(command)
                _cache[command] = compiled
    return compiled
