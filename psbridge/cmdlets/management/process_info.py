"""System.Diagnostics.Process as .NET reads it on Linux: from /proc/<pid>.

A Process is a handle on a process id; its properties are read from ``/proc/<pid>/stat``,
``status``, ``cmdline`` and ``exe`` when asked (``Refresh()`` is a no-op: nothing is cached but
the name), so ``$p.HasExited`` and ``$p.WS`` are current.  PowerShell's type data adds the short
names the process table uses (``Name``, ``WS``, ``PM``, ``NPM``, ``VM``, ``CPU``, ``SI``,
``Handles``, ``Path``) and ``CommandLine``/``Parent``.  Memory is what .NET reports on Linux:
WorkingSet64 is VmRSS, PagedMemorySize64 VmSwap, PrivateMemorySize64 VmData, VirtualMemorySize64
VmSize; NonpagedSystemMemorySize64 is 0.  A process started by Start-Process keeps its
``subprocess.Popen``, so ``ExitCode`` and ``WaitForExit()`` work for it as for .NET's own children.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from typing import Any

__all__ = ["PROCESS_PROPERTIES", "Process", "ProcessWithUserName", "all_processes", "process_by_id"]

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

#: What ``Format-List *`` shows (the properties psbridge reads), PowerShell's aliases first.
PROCESS_PROPERTIES = (
    "Name", "Id", "PriorityClass", "Handles", "NPM", "PM", "WS", "VM", "CPU", "SI", "Path", "CommandLine", "Parent",
    "HasExited", "ProcessName", "StartTime", "TotalProcessorTime", "UserProcessorTime", "PrivilegedProcessorTime",
    "WorkingSet64", "PeakWorkingSet64", "PagedMemorySize64", "PrivateMemorySize64", "VirtualMemorySize64",
    "PeakVirtualMemorySize64", "NonpagedSystemMemorySize64", "HandleCount", "SessionId", "BasePriority",
    "MachineName", "Responding",
)  # fmt: skip


class ProcessGoneError(Exception):
    """The process has exited (its /proc entry is gone)."""


def _boot_time() -> float:
    with open("/proc/stat", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("btime "):
                return float(line.split()[1])
    return time.time() - time.clock_gettime(time.CLOCK_BOOTTIME)


class Process:
    """One process, by id."""

    __ps_type_name__ = "System.Diagnostics.Process"

    pstypenames: tuple[str, ...] = (
        "System.Diagnostics.Process", "System.ComponentModel.Component", "System.MarshalByRefObject", "System.Object"
    )  # fmt: skip

    def __init__(self, pid: int, popen: Any = None) -> None:
        self._pid = int(pid)
        self._popen = popen
        self._name: str | None = None

    # -- identity -------------------------------------------------------------------------------------

    @property
    def Id(self) -> int:
        return self._pid

    def _read(self, name: str) -> str:
        try:
            with open(f"/proc/{self._pid}/{name}", encoding="utf-8", errors="replace") as handle:
                return handle.read()
        except (FileNotFoundError, ProcessLookupError) as error:
            raise ProcessGoneError(self._pid) from error

    def _stat(self) -> list[str]:
        """The fields of /proc/<pid>/stat after the command name (state is [0])."""
        text = self._read("stat")
        return text[text.rindex(")") + 2 :].split()

    def _status(self, key: str) -> int:
        """A ``kB`` line of /proc/<pid>/status in bytes (0 when the kernel does not report it)."""
        for line in self._read("status").splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
        return 0

    @property
    def ProcessName(self) -> str:
        """The command name (``comm``); when the kernel cut it at 15 characters, the executable's
        name it abbreviates (.NET's untruncated process name)."""
        if self._name is None:
            text = self._read("stat")
            name = text[text.index("(") + 1 : text.rindex(")")]
            if len(name) == 15:
                try:
                    argv0 = self._read("cmdline").split("\0")[0]
                except ProcessGoneError:
                    argv0 = ""
                full = os.path.basename(argv0)
                if full.startswith(name):
                    name = full
            self._name = name
        return self._name

    @property
    def Name(self) -> str:
        return self.ProcessName

    # -- times ----------------------------------------------------------------------------------------
    def _ticks(self, index: int) -> dt.timedelta:
        return dt.timedelta(seconds=int(self._stat()[index]) / _CLOCK_TICKS)

    @property
    def UserProcessorTime(self) -> dt.timedelta:
        return self._ticks(11)

    @property
    def PrivilegedProcessorTime(self) -> dt.timedelta:
        return self._ticks(12)

    @property
    def TotalProcessorTime(self) -> dt.timedelta:
        return self.UserProcessorTime + self.PrivilegedProcessorTime

    @property
    def CPU(self) -> float:
        return self.TotalProcessorTime.total_seconds()

    @property
    def StartTime(self) -> dt.datetime:
        started = _boot_time() + int(self._stat()[19]) / _CLOCK_TICKS
        return dt.datetime.fromtimestamp(started)

    # -- memory ---------------------------------------------------------------------------------------
    @property
    def WorkingSet64(self) -> int:
        return self._status("VmRSS")

    @property
    def PeakWorkingSet64(self) -> int:
        return self._status("VmHWM")

    @property
    def PagedMemorySize64(self) -> int:
        return self._status("VmSwap")

    @property
    def PrivateMemorySize64(self) -> int:
        return self._status("VmData")

    @property
    def VirtualMemorySize64(self) -> int:
        return self._status("VmSize")

    @property
    def PeakVirtualMemorySize64(self) -> int:
        return self._status("VmPeak")

    @property
    def NonpagedSystemMemorySize64(self) -> int:
        return 0

    WS = WorkingSet64
    PM = PagedMemorySize64
    VM = VirtualMemorySize64
    NPM = NonpagedSystemMemorySize64

    # -- the rest -------------------------------------------------------------------------------------
    @property
    def SessionId(self) -> int:
        return int(self._stat()[3])

    SI = SessionId

    @property
    def HandleCount(self) -> int:
        try:
            return len(os.listdir(f"/proc/{self._pid}/fd"))
        except PermissionError:
            return 0
        except FileNotFoundError as error:
            raise ProcessGoneError(self._pid) from error

    Handles = HandleCount

    @property
    def BasePriority(self) -> int:
        return int(self._stat()[15])

    @property
    def PriorityClass(self) -> str:
        nice = int(self._stat()[16])
        if nice < -15:
            return "RealTime"
        if nice < -10:
            return "High"
        if nice < 0:
            return "AboveNormal"
        if nice == 0:
            return "Normal"
        return "BelowNormal" if nice < 19 else "Idle"

    @property
    def Path(self) -> str | None:
        try:
            return os.readlink(f"/proc/{self._pid}/exe")
        except OSError:
            return None

    @property
    def CommandLine(self) -> str:
        return " ".join(part for part in self._read("cmdline").split("\0") if part)

    @property
    def Parent(self) -> Process | None:
        parent = int(self._stat()[1])
        return Process(parent) if parent > 0 and os.path.exists(f"/proc/{parent}") else None

    @property
    def UserName(self) -> str:
        import pwd

        uid = os.stat(f"/proc/{self._pid}").st_uid
        try:
            return pwd.getpwuid(uid).pw_name
        except KeyError:
            return str(uid)

    @property
    def MachineName(self) -> str:
        return "."

    @property
    def Responding(self) -> bool:
        return True

    @property
    def HasExited(self) -> bool:
        if self._popen is not None:
            return self._popen.poll() is not None
        try:
            return self._stat()[0] in ("Z", "X")
        except ProcessGoneError:
            return True

    @property
    def ExitCode(self) -> int:
        """The exit status of a process Start-Process started (a signal N is 128 + N, as .NET reports
        it); another process's is .NET's "not started by this object" error."""
        if self._popen is None:
            raise _getting_error("ExitCode", "Process was not started by this object, so requested information "
                                             "cannot be determined.")  # fmt: skip
        code = self._popen.poll()
        if code is None:
            raise _getting_error("ExitCode", "Process must exit before requested information can be determined.")
        return int(code if code >= 0 else 128 - code)

    @property
    def ExitTime(self) -> dt.datetime | None:
        return None

    # -- methods --------------------------------------------------------------------------------------
    def Kill(self, entire_process_tree: Any = False) -> None:
        """Process.Kill: SIGKILL (and with ``$true`` the process's descendants first)."""
        if entire_process_tree:
            for child in _children(self._pid):
                Process(child).Kill(True)
        try:
            os.kill(self._pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if self._popen is not None:
            self._popen.poll()

    def WaitForExit(self, milliseconds: Any = None) -> bool:
        """Process.WaitForExit([ms]): True once the process has exited, False on the timeout."""
        deadline = (
            None if milliseconds is None or int(milliseconds) < 0 else time.monotonic() + int(milliseconds) / 1000
        )
        while not self.HasExited:
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.02)
        return True

    def Refresh(self) -> None:
        """Process.Refresh: the next read is current (psbridge caches nothing but the name)."""

    def CloseMainWindow(self) -> bool:
        return False

    def ToString(self) -> str:
        try:
            return f"System.Diagnostics.Process ({self.ProcessName})"
        except ProcessGoneError:
            return "System.Diagnostics.Process"

    def __str__(self) -> str:
        return self.ToString()

    def __repr__(self) -> str:
        return f"<Process {self._pid}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Process) and other._pid == self._pid

    def __hash__(self) -> int:
        return hash(self._pid)


class ProcessWithUserName(Process):
    """What Get-Process -IncludeUserName writes: the process with its user's name first."""

    pstypenames = ("System.Diagnostics.Process#IncludeUserName", *Process.pstypenames)


def _getting_error(name: str, message: str) -> Exception:
    """GetValueInvocationException: a property getter that threw."""
    from ...conversion import RuntimeException

    return RuntimeException(f'Exception getting "{name}": "{message}"', error_id="ExceptionWhenGetting")


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as handle:
                    text = handle.read()
            except OSError:
                continue
            if int(text[text.rindex(")") + 2 :].split()[1]) == pid:
                found.append(int(entry))
    return found


def process_by_id(pid: int) -> Process | None:
    """Process.GetProcessById: None when there is no such (live) process."""
    if pid < 0 or not os.path.isdir(f"/proc/{pid}"):
        return None
    process = Process(pid)
    try:
        _ = process.ProcessName
    except ProcessGoneError:
        return None
    return process


def all_processes() -> list[Process]:
    """Process.GetProcesses: every process /proc shows (those that exit meanwhile are left out)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            process = process_by_id(int(entry))
            if process is not None:
                found.append(process)
    return found
