"""Loading a .NET runtime into this process, once, without ever killing it.

pythonnet is a hard dependency but the runtime is not: most psbridge users
never touch .NET, so nothing here runs at import time.  Three traps decide the
shape of :func:`load_dotnet` (measured on Debian 12 with Mono 6.8, see the
interop recipe):

* inside a .NET host ``clr`` is already imported, and loading a second runtime
  kills the process, so an existing ``clr`` is always reused;
* a Mono without ``mono-devel`` has no netstandard facade and aborts the
  process (SIGABRT, nothing to catch) on ``import clr``, so the facade is
  checked first;
* Mono's default thread-suspend mode deadlocks two threads crossing the
  boundary within a few thousand calls, so ``preemptive`` is set before Mono
  reads its environment.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
import warnings
from pathlib import Path
from types import ModuleType

from .errors import DotNetUnavailableError

__all__ = ["MONO_FACADE_CANDIDATES", "dotnet_unavailable_reason", "load_dotnet"]

#: Where Mono's netstandard facade lives when mono-devel is installed; without it ``import clr`` aborts.
MONO_FACADE_CANDIDATES: tuple[Path, ...] = (
    Path("/usr/lib/mono/4.5/Facades/netstandard.dll"),
    Path("/usr/local/lib/mono/4.5/Facades/netstandard.dll"),
)

_MONO_WARNING = "Hosting Mono versions before v6.12"

_lock = threading.Lock()
#: The first failure, kept: pythonnet cannot retry a failed load in the same process.
_failure: DotNetUnavailableError | None = None


def _runtime_spec() -> str:
    spec = os.environ.get("PYTHONNET_RUNTIME", "default").strip().lower() or "default"
    if spec == "default":
        return "netfx" if sys.platform == "win32" else "mono"
    return spec


def _mono_facade_present() -> bool:
    assembly_dir = os.environ.get("PYTHONNET_MONO_ASSEMBLY_DIR")
    candidates = MONO_FACADE_CANDIDATES
    if assembly_dir:
        candidates = (Path(assembly_dir) / "mono" / "4.5" / "Facades" / "netstandard.dll", *candidates)
    return any(path.is_file() for path in candidates)


def dotnet_unavailable_reason() -> str | None:
    """Why :func:`load_dotnet` would fail, or None when it should work; loads nothing.

    Tests and callers use it to decide without paying for the runtime start
    (0.15-0.6 s) or risking the abort a half-installed Mono causes.
    """
    if "clr" in sys.modules:
        return None
    if _failure is not None:
        return _failure.reason
    try:
        import pythonnet
    except ImportError:
        return "the pythonnet package is not installed (pip install pythonnet)"
    if getattr(pythonnet, "_RUNTIME", None) is not None:
        return None  # the caller chose a runtime with pythonnet.set_runtime(): theirs to vouch for
    if _runtime_spec() == "mono" and sys.platform.startswith("linux") and not _mono_facade_present():
        return (
            "Mono's netstandard facade (/usr/lib/mono/4.5/Facades/netstandard.dll) is missing, "
            "so mono-devel is not installed"
        )
    return None


def load_dotnet() -> ModuleType:
    """The ``clr`` module, loading the .NET runtime on first use.

    Raises :class:`DotNetUnavailableError` (naming what to install) instead of
    pythonnet's RuntimeError or a process abort.
    """
    existing = sys.modules.get("clr")
    if existing is not None:
        return existing
    global _failure
    with _lock:
        existing = sys.modules.get("clr")
        if existing is not None:
            return existing
        if _failure is not None:
            # A fresh error each time: re-raising one object would grow its traceback forever.
            raise DotNetUnavailableError(_failure.reason)
        reason = dotnet_unavailable_reason()
        if reason is not None:
            # Not kept: nothing was loaded, so installing mono-devel fixes this process too.
            raise DotNetUnavailableError(reason)
        if _runtime_spec() == "mono":
            _set_suspend_mode()
        try:
            clr = _start_runtime()
        except Exception as error:
            cause = error.__cause__ or error
            _failure = DotNetUnavailableError(f"pythonnet could not start the runtime ({_one_line(cause)})")
            raise _failure from error
        return clr


def _set_suspend_mode() -> None:
    """``preemptive`` unless the caller chose a mode, which is kept but warned about."""
    chosen = os.environ.setdefault("MONO_THREADS_SUSPEND", "preemptive")
    if chosen.strip().lower() != "preemptive":
        warnings.warn(
            f"MONO_THREADS_SUSPEND={chosen}: Mono 6.8 deadlocks within a few thousand calls when two or "
            "more threads cross between Python and .NET in this mode; psbridge's own concurrent waits "
            "do. Unset it or set it to 'preemptive'.",
            RuntimeWarning,
            stacklevel=3,
        )


def _start_runtime() -> ModuleType:
    import pythonnet

    with warnings.catch_warnings():
        # Even under -W error this must stay a no-op: a warning raised as an
        # error here would leave Mono half-initialised for the rest of the process.
        warnings.filterwarnings("ignore", message=_MONO_WARNING, category=UserWarning)
        pythonnet.load()
        import clr
    # Registered after pythonnet's unload, so it runs first at exit.
    atexit.register(_spare_the_heap_at_exit)
    return clr


def _spare_the_heap_at_exit() -> None:
    """pythonnet's unload at exit runs up to 20 rounds of Python and .NET garbage collection over
    every object the process holds: 57 s for a heap of three million objects (a long-lived host's,
    the test suite's) instead of 4.6 s.  Nothing living needs collecting when the process ends, so
    it is moved out of the collector's reach first (``gc.freeze``); what the unload itself leaves
    behind is still collected."""
    import gc

    gc.freeze()


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
