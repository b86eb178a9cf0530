"""The language's state for one runspace (PowerShell's ExecutionContext, the parts a script needs).

One :class:`ExecutionContext` per :class:`~psbridge.runtime.Runspace`, made the first time
a script runs there: it owns the call depth (runaway recursion is CallDepthOverflow, not
a Python RecursionError), the try/trap nesting that makes errors go up to a ``catch``,
``$?``, the error being handled (a bare ``throw`` in a ``catch`` rethrows it), the
modules imported, and the automatic and preference variables of the global scope.
"""

from __future__ import annotations

import contextvars
import os
import sys
from typing import TYPE_CHECKING, Any

from ...objects import Hashtable
from ...objects.version import PS_VERSION
from .errors import CallDepthOverflowError

if TYPE_CHECKING:
    from ...runtime import Runspace
    from ...runtime.scopes import Scope

__all__ = ["CURRENT", "MAX_CALL_DEPTH", "ExecutionContext", "context_of"]

#: How deep functions and script blocks may nest before CallDepthOverflow.
MAX_CALL_DEPTH = 400
#: Python frames one level of script calls may take (closures of nested statements and the pipeline).
_FRAMES_PER_CALL = 60

#: The context of the script running on this thread (``[scriptblock]::Create`` and
#: script blocks handed to Python code find their session through it).
CURRENT: contextvars.ContextVar[ExecutionContext | None] = contextvars.ContextVar("psbridge_context", default=None)


class ExecutionContext:
    """The language session of one runspace."""

    def __init__(self, runspace: Runspace) -> None:
        self.runspace = runspace
        runspace.language = self
        runspace.global_scope.context = self
        self.call_depth = 0
        #: The deepest call depth the recursion limit has been raised for (checked once per new depth,
        #: not on every call: :meth:`enter` is on the path of every function and script block run).
        self.verified_depth = 0
        #: try/trap nesting: while positive, a statement's error goes up to the handler.
        self.propagate = 0
        #: ``$?``: whether the last statement succeeded.
        self.question = True
        #: The error a ``catch``/``trap`` is handling (a bare ``throw`` rethrows it).
        self.handling: BaseException | None = None
        #: The code of the ``exit`` that ended the script (None: it did not call exit).
        self.exit_code: int | None = None
        #: The modules Import-Module loaded (folded path -> PSModuleInfo), in load order.
        self.module_table: dict[str, Any] = {}
        #: Whether any module session state was made (until then no function can belong to a module).
        self.has_modules = False
        #: The top-level scope that last ran a module's code (top-level blocks the module runs run
        #: there, as in pwsh's top-level session state).
        self.top_level_scope: Scope | None = None
        #: The types each class/enum definition made in this session (a definition that runs again
        #: defines the same type, as PowerShell builds a script block's types once).
        self.defined_types: dict[Any, Any] = {}
        self._set_automatic_variables()

    @property
    def global_scope(self) -> Scope:
        return self.runspace.global_scope

    @property
    def current_scope(self) -> Scope:
        return self.runspace.current_scope

    def enter(self) -> None:
        """One more level of script calls; CallDepthOverflow past :data:`MAX_CALL_DEPTH`."""
        depth = self.call_depth + 1
        if depth > self.verified_depth:
            self.verify_depth(depth)
        self.call_depth = depth

    def verify_depth(self, depth: int) -> None:
        """Allow script calls ``depth`` deep (callers check ``depth > verified_depth`` first):
        CallDepthOverflow past :data:`MAX_CALL_DEPTH`, else Python's recursion limit raised to fit."""
        if depth > MAX_CALL_DEPTH:
            raise CallDepthOverflowError(depth)
        needed = 1000 + depth * _FRAMES_PER_CALL
        if sys.getrecursionlimit() < needed:
            sys.setrecursionlimit(needed)
        self.verified_depth = depth

    def leave(self) -> None:
        self.call_depth -= 1

    def exit(self, code: int) -> None:
        """``exit N`` ended the script: ``$LASTEXITCODE`` is N and the host exits with it."""
        self.exit_code = code
        self.runspace.global_scope.set("LASTEXITCODE", code)

    # -- automatic variables -------------------------------------------------------------------
    def _set_automatic_variables(self) -> None:
        scope = self.runspace.global_scope
        defaults: dict[str, Any] = {
            "ErrorActionPreference": "Continue",
            "WarningPreference": "Continue",
            "VerbosePreference": "SilentlyContinue",
            "DebugPreference": "SilentlyContinue",
            "InformationPreference": "SilentlyContinue",
            "ProgressPreference": "Continue",
            "ConfirmPreference": "High",
            "WhatIfPreference": False,
            "MaximumHistoryCount": 4096,
            "HOME": os.path.expanduser("~"),
            "PID": os.getpid(),
            "PSVersionTable": _version_table(),
            "PSHOME": sys.prefix,
            "PROFILE": _profile(sys.prefix),
            "PSEdition": "Core",
            "IsLinux": sys.platform.startswith("linux"),
            "IsMacOS": sys.platform == "darwin",
            "IsWindows": sys.platform.startswith("win"),
            "IsCoreCLR": True,
            "ShellId": "Microsoft.PowerShell",
            "NestedPromptLevel": 0,
            "LASTEXITCODE": None,
            "PSCulture": "en-US",
            "PSUICulture": "en-US",
            "OFS": None,
            "PSDefaultParameterValues": Hashtable(),  # DefaultParameterDictionary: keys are case-insensitive
        }
        from .intrinsics import engine_intrinsics, host_object
        from .psstyle import new_psstyle

        host = host_object(self.runspace)
        defaults["Host"] = host
        defaults["ExecutionContext"] = engine_intrinsics(host)
        defaults["PSStyle"] = new_psstyle()
        for name, value in defaults.items():
            if name.casefold() not in scope.variables:
                scope.set(name, value)
        scope.variables.pop("ofs", None)  # unset: arrays join with a space


def _profile(ps_home: str) -> Any:
    """``$PROFILE``: the current user's profile for this host, a string that carries all four
    profile paths as note properties (HostUtilities.GetDollarProfile; the user's folder is
    ``$XDG_CONFIG_HOME/powershell``, else ``~/.config/powershell``, as Platform.SelectProductNameForDirectory
    has it).  pwsh's console host sets it even with -NoProfile; psbridge runs no profile."""
    from ...objects.members import extend

    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    user = os.path.join(config, "powershell")
    host_file = "Microsoft.PowerShell_profile.ps1"  # the ShellId's profile
    paths = {
        "AllUsersAllHosts": os.path.join(ps_home, "profile.ps1"),
        "AllUsersCurrentHost": os.path.join(ps_home, host_file),
        "CurrentUserAllHosts": os.path.join(user, "profile.ps1"),
        "CurrentUserCurrentHost": os.path.join(user, host_file),
    }
    value, members = extend(paths["CurrentUserCurrentHost"])
    for name, path in paths.items():
        members.add_member(path, name)
    return value


def _version_table() -> Hashtable:
    from ...conversion import Version

    table = Hashtable()
    table["PSVersion"] = Version.parse(PS_VERSION) if hasattr(Version, "parse") else PS_VERSION
    table["PSEdition"] = "Core"
    table["GitCommitId"] = PS_VERSION
    table["OS"] = _os_text()
    table["Platform"] = "Win32NT" if sys.platform.startswith("win") else "Unix"
    table["PSCompatibleVersions"] = ["1.0", "2.0", "3.0", "4.0", "5.0", "5.1", "6.0", "7.0"]
    table["PSRemotingProtocolVersion"] = "2.3"
    table["SerializationVersion"] = "1.1.0.1"
    table["WSManStackVersion"] = "3.0"
    return table


def _os_text() -> str:
    """``$PSVersionTable.OS``: the system's name and release (what ``platform.system()`` and
    ``platform.release()`` give; ``os.uname()`` answers without importing ``platform``)."""
    uname = getattr(os, "uname", None)
    if uname is not None:
        found = uname()
        return f"{found.sysname} {found.release}"
    import platform

    return f"{platform.system()} {platform.release()}"


def context_of(runspace: Runspace) -> ExecutionContext:
    """The runspace's language session, made on first use."""
    context = runspace.language
    if context is None:
        context = ExecutionContext(runspace)
    return context
