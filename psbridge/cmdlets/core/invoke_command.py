"""Invoke-Command on the local computer (InvokeCommandCommand's InProcess set).

The script block runs once, after the input has ended: piped objects are collected and handed to
it as ``$input``, -ArgumentList as ``$args`` (and to its ``param()`` by position), in a child
scope unless -NoNewScope (ScriptBlock.InvokeUsingCmdlet with useLocalScope = !NoNewScope).
-StrictMode sets the strict mode the block runs under.  Remoting -- other computers, sessions,
containers, virtual machines, SSH hosts, jobs -- needs another machine or a job system psbridge
does not have: each of those parameters is refused by name, before anything runs.

pwsh streams piped input through a block that is one command pipeline (a steppable pipeline);
psbridge runs every block once over the collected input, which gives the same output for blocks
that read ``$input``.
"""

from __future__ import annotations

from typing import Any

from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import NOT_BOUND, Cmdlet
from ..common.errors import cmdlet_error
from .set_strict_mode import strict_level

__all__ = ["InvokeCommand"]

#: Parameters of Invoke-Command's remote forms (every set but InProcess).
_REMOTE = (
    "ComputerName", "Session", "ConnectionUri", "HostName", "SSHConnection", "VMId", "VMName", "ContainerId",
    "FilePath", "AsJob", "JobName", "InDisconnectedSession", "SessionName", "HideComputerName", "ThrottleLimit",
    "Credential", "Port", "UseSSL", "ConfigurationName", "ApplicationName", "SessionOption", "Authentication",
    "EnableNetworkAccess", "CertificateThumbprint", "AllowRedirection", "RemoteDebug", "RunAsAdministrator",
    "UserName", "KeyFilePath", "Subsystem", "ConnectingTimeout", "SSHTransport", "Options",
)  # fmt: skip


@register_cmdlet
class InvokeCommand(Cmdlet):
    name = "Invoke-Command"

    def begin(self) -> None:
        params = self.params
        for parameter in _REMOTE:
            if params.get(parameter, None) not in (None, False):
                self.throw_terminating_error(cmdlet_error(
                    f"Invoke-Command -{parameter} is not supported by psbridge: it runs script blocks on the local "
                    "computer only (no remoting, sessions or jobs).",
                    "NotSupported", ErrorCategory.NotImplemented, "System.NotSupportedException",
                ))  # fmt: skip
        self.input: list[Any] = []

    def process(self) -> None:
        value = self.binder.bound.get("InputObject", NOT_BOUND)
        if value is not NOT_BOUND:
            self.input.append(value)

    def end(self) -> None:
        params = self.params
        block = params.ScriptBlock
        arguments = list(params.ArgumentList or [])
        new_scope = not params.NoNewScope
        strict = params.get("StrictMode", None)
        scope = self.runspace.current_scope
        saved = scope.strict_mode
        if strict is not None:
            scope.strict_mode = strict_level(int(getattr(strict, "Major", 0)))
        try:
            run = getattr(block, "invoke_with_underbar", None)
            if run is not None:
                output = run(None, *arguments, dot_source=not new_scope, input=self.input)
            else:  # a Python callable standing in for a script block
                result = block(*arguments)
                output = [] if result is None else result if isinstance(result, list) else [result]
        finally:
            if strict is not None:
                scope.strict_mode = saved
        for value in output:
            self.write_output(value)
