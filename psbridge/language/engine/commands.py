"""Which command a name runs, as PowerShell's CommandDiscovery decides.

A script block value runs as itself; a path (``./x.ps1``, ``C:\\s.ps1``) runs that script
file; a name is, in order, a function visible from the current scope, an alias, a
cmdlet (``Module\\Name`` qualified names too).  ``.`` dot-sources: the command runs in
the caller's scope.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, ClassVar

from ...conversion import to_string
from ...errors import CommandNotFoundError
from ...runtime.commands import resolve_cmdlet
from .functions import CommandInfoBase, FunctionInfo, ScriptBlockCommandInfo
from .scriptblock import CompiledScriptBlock, ScriptBlock

if TYPE_CHECKING:
    from ...runtime.scopes import Scope

__all__ = ["ExternalScriptInfo", "is_path", "resolve_command"]


def is_path(name: str) -> bool:
    return (
        name.casefold().endswith(".ps1")
        or name.startswith(("./", ".\\", "../", "..\\", "/", "~"))
        or (len(name) > 2 and name[1] == ":" and name[2] in "\\/")
    )


class ExternalScriptInfo(CommandInfoBase):
    """A script file run as a command: its param block binds the arguments; it gets a script scope."""

    is_script = True
    _cache: ClassVar[dict[tuple[str, float], CompiledScriptBlock]] = {}

    def __init__(self, path: str, script_block: ScriptBlock, dot_source: bool = False) -> None:
        super().__init__()
        self.path = path
        self.name = os.path.basename(path)
        self.script_block = script_block
        self.dot_source = dot_source

    @classmethod
    def load(cls, scope: Scope, name: str, dot_source: bool) -> ExternalScriptInfo:
        from ..script_file import read_script_file

        base = scope.context.runspace.location.path
        path = os.path.abspath(os.path.join(base, os.path.expanduser(name)))
        if not os.path.isfile(path):
            raise CommandNotFoundError(name)
        key = (path, os.path.getmtime(path))
        compiled = cls._cache.get(key)
        if compiled is None:
            compiled = cls.compile(read_script_file(path), path)
            cls._cache[key] = compiled
        return cls(path, ScriptBlock(compiled, scope.context), dot_source)

    @staticmethod
    def compile(text: str, path: str) -> CompiledScriptBlock:
        from ..parser import parse

        return CompiledScriptBlock(parse(text, file=path))

    @property
    def CommandType(self) -> str:
        return "ExternalScript"

    @property
    def Path(self) -> str:
        return self.path


def resolve_command(scope: Scope, value: Any, dot_source: bool = False) -> Any:
    """The command ``value`` names, ready for the runtime (a cmdlet class or a command info)."""
    if isinstance(value, ScriptBlock):
        return ScriptBlockCommandInfo(value, dot_source)
    if isinstance(value, CommandInfoBase):
        if dot_source and not value.dot_source:
            return ScriptBlockCommandInfo(value.script_block, True, value.name)
        return value
    name = value if isinstance(value, str) else to_string(getattr(value, "Name", value))
    if not name:
        raise CommandNotFoundError(name)
    if is_path(name):
        if not name.casefold().endswith(".ps1"):
            application = _application(scope, name)
            if application is not None:
                return application
        return ExternalScriptInfo.load(scope, name, dot_source)
    for _ in range(32):  # aliases may chain, never forever
        function = scope.find_function(name)
        if function is not None:
            if dot_source and isinstance(function, FunctionInfo):
                return ScriptBlockCommandInfo(function.script_block, True, function.name)
            return function
        target = scope.find_alias(name)
        if target == "":  # Remove-Alias took a built-in alias away
            raise CommandNotFoundError(name)
        if target is None or target.casefold() == name.casefold():
            break
        name = target
    if "\\" in name:
        name = name.rsplit("\\", 1)[-1]  # Module\Name
        function = scope.find_function(name)
        if function is not None:
            return function
    try:
        return resolve_cmdlet(name)
    except CommandNotFoundError:
        application = _application(scope, name)  # a program on $env:PATH, last (CommandDiscovery)
        if application is None:
            raise
        return application


def _application(scope: Scope, name: str) -> Any:
    from .native import NativeCommandInfo, find_application

    runspace = scope.context.runspace
    if not runspace.native_commands:
        return None
    path = find_application(name, runspace.location.path)
    return None if path is None else NativeCommandInfo(name, path)
