""".NET interop: .NET objects as pipeline input and arguments, and a host API for C#.

Loaded only when a .NET object is seen (the object model imports this package
on the first foreign value once ``clr`` is in the process) or when a caller
asks for a .NET feature.  Importing it loads no runtime and imports neither
``clr`` nor ``pythonnet``: it only registers the adapter, which can never
match anything until a runtime is up.

    from psbridge.dotnet import load_dotnet
    load_dotnet()                   # Mono via pythonnet, or DotNetUnavailableError
    import System
    psbridge.bind("Get-ThreadRun", input=some_dotnet_object)
"""

from __future__ import annotations

from ..objects import register_adapter
from .adapter import DotNetAdapter
from .convert import MAX_DEPTH, is_dotnet, to_python
from .errors import DotNetUnavailableError
from .runtime import dotnet_unavailable_reason, load_dotnet
from .secure import DotNetSecureString, to_dotnet_secure_string

__all__ = [
    "MAX_DEPTH",
    "DotNetAdapter",
    "DotNetSecureString",
    "DotNetUnavailableError",
    "dotnet_unavailable_reason",
    "is_dotnet",
    "load_dotnet",
    "to_dotnet_secure_string",
    "to_python",
]

#: The adapter instance the object model consults for .NET values.
ADAPTER = DotNetAdapter()
register_adapter(ADAPTER)


def _register_member_hooks() -> None:
    """Types and members psbridge lacks resolve through .NET (see :mod:`.members`)."""
    from ..conversion import register_type_resolver
    from ..conversion.methods import register_member_fallback
    from ..conversion.statics import register_static_fallback
    from .members import dotnet_member, dotnet_static, resolve_dotnet_type

    register_type_resolver(resolve_dotnet_type)
    register_static_fallback(dotnet_static)
    register_member_fallback(dotnet_member)


_register_member_hooks()
