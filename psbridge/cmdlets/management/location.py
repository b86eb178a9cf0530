"""Get-Location, Set-Location, Push-Location and Pop-Location: the session's current location.

PowerShell's location belongs to the session, not the process: Set-Location never calls chdir,
and every cmdlet resolves relative paths against ``runspace.location`` (see common/paths.py).
``Set-Location -`` and ``+`` walk a bounded history (20 entries, SessionStateLocationAPIs.cs).
"""

from __future__ import annotations

import os

from ...errors import ErrorCategory, PSError
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ...runtime.location import path_info
from ..common.errors import CmdletError, argument_error, terminating
from ..common.paths import drive_not_found, item_not_found, provider_path, resolve_literal, resolve_pattern

__all__ = ["GetLocation", "PopLocation", "PushLocation", "SetLocation", "change_location"]

#: SessionStateInternal.MaxLocationHistory.
MAX_LOCATION_HISTORY = 20


def _history_error(cmdlet: Cmdlet, message: str) -> PSError:
    """SetLocationCommand does not catch the InvalidOperationException: it ends the pipeline."""
    error = CmdletError(
        message,
        error_id="System.InvalidOperationException",
        category=ErrorCategory.InvalidOperation,
        exception_type="System.InvalidOperationException",
    )
    return terminating(error, str(cmdlet.command.qualifier))


def _target(cmdlet: Cmdlet, path: str, literal: bool) -> str:
    """The one existing directory ``path`` names (PathNotFound otherwise)."""
    runspace = cmdlet.runspace
    bare = provider_path(path)
    if literal or not any(char in bare for char in "*?["):
        candidates = [resolve_literal(runspace, path)]
    else:
        candidates = resolve_pattern(runspace, path)
        if len(candidates) > 1:
            raise CmdletError(
                f"Cannot set the location because path '{path}' resolved to multiple containers. You can only set "
                "the location to a single container at a time.",
                error_id="PathResolvedToMultiple",
                category=ErrorCategory.InvalidArgument,
                exception_type="System.Management.Automation.PSArgumentException",
                target_object=path,
            )
    if not candidates or not os.path.isdir(candidates[0]):
        raise item_not_found(candidates[0] if candidates else resolve_literal(runspace, path))
    return candidates[0]


def change_location(cmdlet: Cmdlet, path: str | None, literal: bool) -> None:
    """SessionState.Path.SetLocation: no path is the home directory; ``-``/``+`` (not literal) walk
    the history; anything else must be an existing directory."""
    location = cmdlet.runspace.location
    if path is None:
        target = os.path.expanduser("~")
    elif path == "-" and not literal:
        if not location.back:
            raise _history_error(cmdlet, "There is no location history left to navigate backwards.")
        location.forward.append(location.path)
        location.path = location.back.pop()
        return
    elif path == "+" and not literal:
        if not location.forward:
            raise _history_error(cmdlet, "There is no location history left to navigate forwards.")
        location.back.append(location.path)
        location.path = location.forward.pop()
        return
    else:
        target = _target(cmdlet, path, literal)
    location.back.append(location.path)
    del location.back[:-MAX_LOCATION_HISTORY]
    location.forward.clear()
    location.path = target


def _path_argument(cmdlet: Cmdlet) -> tuple[str | None, bool]:
    params = cmdlet.params
    literal = params.is_bound("LiteralPath")
    value = params.get("LiteralPath", None) if literal else params.get("Path", None)
    return (None if value is None else to_ps_string(value)), literal


@register_cmdlet
class GetLocation(Cmdlet):
    name = "Get-Location"

    def process(self) -> None:
        params = self.params
        location = self.runspace.location
        for drive in params.get("PSDrive", None) or []:
            if drive not in ("/", "\\"):
                self.write_error(drive_not_found(drive))
                return
        for provider in params.get("PSProvider", None) or []:
            if provider.casefold() not in ("filesystem", "microsoft.powershell.core\\filesystem"):
                self.write_error(
                    CmdletError(
                        f"Cannot find a provider with the name '{provider}'.",
                        error_id="ProviderNotFound",
                        category=ErrorCategory.ObjectNotFound,
                        exception_type="System.Management.Automation.ProviderNotFoundException",
                        target_object=provider,
                    )
                )
                return
        if params.Stack or params.parameter_set_name == "Stack":
            names = params.get("StackName", None) or [None]
            for name in names if isinstance(names, list) else [names]:
                if name is not None and name not in location.stacks:
                    raise _stack_not_found(name)
                # PathInfoStack: the newest pushed location first.
                self.write_output([path_info(p) for p in reversed(location.stack(name))])
            return
        self.write_output(path_info(location.path))


@register_cmdlet
class SetLocation(Cmdlet):
    name = "Set-Location"

    def process(self) -> None:
        params = self.params
        if params.parameter_set_name == "Stack":
            name = params.get("StackName", None)
            if name is not None and name not in self.runspace.location.stacks:
                raise _stack_not_found(name)
            self.runspace.location.default_stack = name or "default"
            if params.PassThru:
                self.write_output([path_info(p) for p in reversed(self.runspace.location.stack(None))])
            return
        path, literal = _path_argument(self)
        change_location(self, path, literal)
        if params.PassThru:
            self.write_output(path_info(self.runspace.location.path))


def _stack_not_found(name: str) -> CmdletError:
    return argument_error(f"Cannot find location stack '{name}'. It does not exist or it is not a container.", name)


@register_cmdlet
class PushLocation(Cmdlet):
    name = "Push-Location"

    def process(self) -> None:
        location = self.runspace.location
        current = location.path
        path, literal = _path_argument(self)
        if path is not None:
            change_location(self, path, literal)  # an error leaves the stack as it was
        location.stack(self.params.get("StackName", None)).append(current)
        if self.params.PassThru:
            self.write_output(path_info(location.path))


@register_cmdlet
class PopLocation(Cmdlet):
    name = "Pop-Location"

    def process(self) -> None:
        """An empty default stack pops nothing; a named stack that does not exist is an error."""
        location = self.runspace.location
        name = self.params.get("StackName", None)
        if name is not None and name not in location.stacks:
            raise _stack_not_found(name)
        stack = location.stack(name)
        if not stack:
            return
        target = stack.pop()
        if not os.path.isdir(target):
            raise item_not_found(target)
        location.back.append(location.path)
        del location.back[:-MAX_LOCATION_HISTORY]
        location.path = target
        if self.params.PassThru:
            self.write_output(path_info(target))
