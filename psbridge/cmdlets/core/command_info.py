"""CmdletInfo for psbridge's own cmdlets, and the syntax lines PowerShell prints for a command.

The syntax comes from the command's spec, as PowerShell's ParameterSetInfo builds it from the
command's metadata: per parameter set, the positional parameters by position (``[[-Name]
<string[]>]``), then the mandatory named ones, then the rest (the committed specs list them in
the docs' order), switches without a type, then ``[<CommonParameters>]``.
"""

from __future__ import annotations

from typing import Any

from ...specs.model import ALL_SETS, CmdletSpec, ParameterSpec

__all__ = ["POWERSHELL_MODULE_VERSION", "CmdletInfo", "cmdlet_info", "syntax_lines"]

#: The version Get-Command shows for PowerShell's own modules.
POWERSHELL_MODULE_VERSION = "7.0.0.0"

#: PowerShell's short names of types in syntax lines (ParameterSetInfo via ToStringCodeMethods.Type).
_SHORT_TYPES = {
    "string": "string", "int32": "int", "int64": "long", "boolean": "bool", "double": "double",
    "object": "Object", "hashtable": "hashtable", "scriptblock": "scriptblock", "char": "char",
    "byte": "byte", "decimal": "decimal", "single": "float", "datetime": "datetime", "int16": "short",
    "uint32": "uint", "uint64": "ulong", "version": "version", "guid": "guid", "timespan": "timespan",
    "psobject": "psobject", "securestring": "securestring", "type": "type", "regex": "regex", "uri": "uri",
}  # fmt: skip
_COMMON = "[<CommonParameters>]"


def _type_text(type_name: str) -> str:
    suffix = ""
    while type_name.endswith("[]"):
        type_name, suffix = type_name[:-2], suffix + "[]"
    bare = type_name.rsplit(".", 1)[-1]
    if bare.startswith("Nullable[") or bare.startswith("Nullable`"):
        bare = bare.split("[", 1)[-1].rstrip("]")
    return _SHORT_TYPES.get(bare.casefold(), bare) + suffix


def _parameter_text(parameter: ParameterSpec, mandatory: bool, position: int | None) -> str:
    name = f"-{parameter.name}"
    if position is not None:
        name = f"[{name}]"
    if parameter.type in ("SwitchParameter", "System.Management.Automation.SwitchParameter"):
        text = name
    else:
        text = f"{name} <{_type_text(parameter.type)}>"
    return text if mandatory else f"[{text}]"


def _set_names(spec: CmdletSpec) -> list[str]:
    names = list(spec.parameter_sets)
    for parameter in spec.parameters.values():
        for set_name in parameter.sets:
            if set_name != ALL_SETS and set_name not in names:
                names.append(set_name)
    return names or [ALL_SETS]


def syntax_lines(name: str, spec: CmdletSpec, common: bool = True) -> list[str]:
    """One line per parameter set, as ``Get-Command -Syntax`` prints them."""
    lines = []
    for set_name in _set_names(spec):
        positional: list[tuple[int, str]] = []
        mandatory: list[str] = []
        optional: list[str] = []
        for parameter in spec.parameters.values():
            info = parameter.sets.get(set_name) or parameter.sets.get(ALL_SETS)
            if info is None or getattr(parameter, "hidden", False):
                continue
            text = _parameter_text(parameter, info.mandatory, info.position)
            if info.position is not None:
                positional.append((info.position, text))
            elif info.mandatory:
                mandatory.append(text)
            else:
                optional.append(text)
        parts = [text for _position, text in sorted(positional, key=lambda item: item[0])] + mandatory + optional
        if common:
            parts.append(_COMMON)
        lines.append(" ".join([name, *parts]))
    return lines


class CmdletInfo:
    """System.Management.Automation.CmdletInfo (a PSOpenAI command is a FunctionInfo in pwsh: its
    module is a script module, so its CommandType says Function)."""

    pstypenames = ("System.Management.Automation.CmdletInfo", "System.Management.Automation.CommandInfo",
                   "System.Object")  # fmt: skip

    def __init__(self, spec: CmdletSpec, module: str, version: str, command_type: str | None = None) -> None:
        self.spec = spec
        self._module = module
        self._version = version
        self._command_type = command_type

    @property
    def Name(self) -> str:
        return self.spec.name

    @property
    def DisplayName(self) -> str:
        return self.spec.name

    @property
    def CommandType(self) -> str:
        if self._command_type is not None:
            return self._command_type  # pwsh's own functions (help)
        return "Function" if self._module == "PSOpenAI" else "Cmdlet"

    @property
    def Source(self) -> str:
        return self._module

    @property
    def ModuleName(self) -> str:
        return self._module

    @property
    def Version(self) -> str:
        return self._version

    @property
    def Verb(self) -> str:
        return self.spec.name.split("-", 1)[0] if "-" in self.spec.name else ""

    @property
    def Noun(self) -> str:
        return self.spec.name.split("-", 1)[1] if "-" in self.spec.name else ""

    @property
    def Parameters(self) -> Any:
        """Every parameter the command binds, common ones included, by name (case-insensitive)."""
        from ...binding import compile_command
        from ...objects import Hashtable

        return Hashtable((parameter.name, parameter.spec) for parameter in compile_command(self.spec).parameters)

    @property
    def ParameterSets(self) -> list[str]:
        return _set_names(self.spec)

    @property
    def DefaultParameterSet(self) -> str | None:
        return self.spec.default_parameter_set

    @property
    def Definition(self) -> str:
        return "\n" + "\n\n".join(syntax_lines(self.Name, self.spec)) + "\n"

    @property
    def OutputType(self) -> list[str]:
        return list(self.spec.outputs)

    def __str__(self) -> str:
        return self.Name

    def __repr__(self) -> str:
        return f"CmdletInfo({self.Name!r})"


def cmdlet_info(name: str) -> CmdletInfo | None:
    """The CmdletInfo of a cmdlet psbridge implements, as Get-Command gives it (an error's
    ``InvocationInfo.MyCommand``); None for any other name."""
    from ...specs.registry import get_spec
    from .. import command_modules

    found = command_modules().get(name.casefold())
    if found is None:
        return None
    module = found[0]
    version = POWERSHELL_MODULE_VERSION if module.startswith("Microsoft.PowerShell.") else ""
    return CmdletInfo(get_spec(name), module, version)
