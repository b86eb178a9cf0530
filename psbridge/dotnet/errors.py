"""The one error this package adds: no usable .NET runtime."""

from __future__ import annotations

from ..errors import ErrorCategory, PSError

__all__ = ["DotNetUnavailableError"]

INSTALL_HINT = (
    "Install Mono from Debian with 'apt-get install mono-devel' (mono-runtime alone is not enough: "
    "only mono-devel ships the netstandard facade that pythonnet's Python.Runtime.dll needs), "
    "or point PYTHONNET_RUNTIME=coreclr and PYTHONNET_CORECLR_* at a .NET runtime."
)


class DotNetUnavailableError(PSError):
    """A .NET feature was asked for but this process cannot load a .NET runtime.

    A PSError so that hosts and scripts handle it like any other psbridge
    failure; the message always says what to install, because the usual cause
    is a machine without mono-devel, and the raw pythonnet error does not say so.
    """

    dotnet_exception_type = "System.PlatformNotSupportedException"
    default_error_id = "DotNetUnavailable"
    default_category = ErrorCategory.ResourceUnavailable

    def __init__(self, reason: str) -> None:
        super().__init__(f"No usable .NET runtime: {reason}. {INSTALL_HINT}")
        self.reason = reason
