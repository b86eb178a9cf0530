"""The machine's processes as pwsh on Linux sees them: ``System.Diagnostics.Process`` objects read
from ``/proc``, as .NET's ProcessManager.Linux reads them.

.NET fills a Linux process from ``/proc/<pid>/stat`` (name, nice, session, times, start) and
``/proc/<pid>/status`` (memory: VmRSS is the working set, VmData the private bytes, VmSwap the
paged bytes, VmSize the virtual bytes; the non-paged pool is 0); pwsh's type data adds the
aliases its tables show (WS, PM, NPM, VM, SI, Handles, Name) and the script properties CPU
(total processor seconds), Path (the main module's file) and CommandLine (the arguments joined
with spaces).  A process that ends while it is read is left out, as .NET leaves it out.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

from ...objects import PSObject, dotnet_object

__all__ = [
    "PROCESS_TYPE",
    "file_version_info",
    "process_ids",
    "process_modules",
    "process_object",
    "process_user",
]

PROCESS_TYPE = "System.Diagnostics.Process"
_PROCESS_TYPES = (PROCESS_TYPE, "System.ComponentModel.Component", "System.MarshalByRefObject")
_MODULE_TYPES = ("System.Diagnostics.ProcessModule", "System.ComponentModel.Component", "System.MarshalByRefObject")
_PROC = "/proc"
#: /proc/<pid>/stat's comm is cut to TASK_COMM_LEN - 1 characters.
_COMM_LENGTH = 15


def process_ids() -> list[int]:
    """Every process id /proc lists (ProcessManager.EnumerateProcessIds)."""
    try:
        names = os.listdir(_PROC)
    except OSError:
        return [os.getpid()]
    return [int(name) for name in names if name.isdigit()]


def _read(pid: int, name: str) -> str | None:
    try:
        with open(f"{_PROC}/{pid}/{name}", "rb") as handle:
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return None


def _stat(pid: int) -> tuple[str, list[str]] | None:
    """``(comm, fields after comm)`` of /proc/<pid>/stat (comm may hold spaces and parentheses)."""
    text = _read(pid, "stat")
    if text is None or "(" not in text:
        return None
    comm = text[text.index("(") + 1 : text.rindex(")")]
    return comm, text[text.rindex(")") + 2 :].split()


def _status(pid: int) -> dict[str, int]:
    """The ``kB`` figures of /proc/<pid>/status, in bytes."""
    figures: dict[str, int] = {}
    for line in (_read(pid, "status") or "").splitlines():
        name, _, rest = line.partition(":")
        parts = rest.split()
        if len(parts) == 2 and parts[1] == "kB" and parts[0].isdigit():
            figures[name] = int(parts[0]) * 1024
    return figures


def _arguments(pid: int) -> list[str]:
    parts = (_read(pid, "cmdline") or "").split("\0")
    if parts[-1] == "":
        parts.pop()  # the arguments end with a NUL each
    return parts


def _name(pid: int, comm: str) -> str:
    """Process.GetUntruncatedProcessName: a 15-character comm may be cut; argv[0]'s file name
    (or the executable's) that starts with it is the whole name."""
    if len(comm) < _COMM_LENGTH:
        return comm
    for candidate in (*(_arguments(pid)[:1]), _exe(pid) or ""):
        name = os.path.basename(candidate)
        if name.startswith(comm):
            return name
    return comm


def _exe(pid: int) -> str | None:
    try:
        return os.readlink(f"{_PROC}/{pid}/exe")
    except OSError:
        return None


def _handles(pid: int) -> int:
    try:
        return len(os.listdir(f"{_PROC}/{pid}/fd"))
    except OSError:
        return 0


def _boot_time() -> float:
    for line in (_read_file(f"{_PROC}/stat") or "").splitlines():
        if line.startswith("btime "):
            return float(line.split()[1])
    return 0.0


def _read_file(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return None


def _priority_class(nice: int) -> str:
    """Process.Unix's PriorityClass from the nice value."""
    if nice < -15:
        return "RealTime"
    if nice < -10:
        return "High"
    if nice < 0:
        return "AboveNormal"
    if nice == 0:
        return "Normal"
    if nice <= 10:
        return "BelowNormal"
    return "Idle"


def _int32(value: int) -> int:
    """The obsolete 32-bit memory properties: the 64-bit value cut to Int32 (unchecked)."""
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value >= 1 << 31 else value


def process_object(pid: int) -> PSObject | None:
    """The Process for ``pid``; None when /proc has no such process (it ended, or never was)."""
    stat = _stat(pid)
    if stat is None:
        return None
    comm, fields = stat
    status = _status(pid)
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    user = dt.timedelta(seconds=int(fields[11]) / ticks)
    system = dt.timedelta(seconds=int(fields[12]) / ticks)
    total = user + system
    nice, session = int(fields[16]), int(fields[3])
    started = dt.datetime.fromtimestamp(_boot_time() + int(fields[19]) / ticks)
    working_set, private = status.get("VmRSS", 0), status.get("VmData", 0)
    paged, virtual = status.get("VmSwap", 0), status.get("VmSize", 0)
    path = _exe(pid)
    arguments = _arguments(pid)
    name = _name(pid, comm)
    handles = _handles(pid)
    properties: dict[str, Any] = {
        # pwsh's type data: aliases and script properties first, as Format-List * shows them
        "Name": name,
        "SI": session,
        "Handles": handles,
        "VM": virtual,
        "WS": working_set,
        "PM": paged,
        "NPM": 0,
        "Path": path,
        "CommandLine": " ".join(arguments) if arguments else None,
        "Company": None,
        "CPU": total.total_seconds(),
        "FileVersion": None,
        "ProductVersion": None,
        "Description": None,
        "Product": None,
        "__NounName": "Process",
        # System.Diagnostics.Process's own properties
        "BasePriority": nice,
        "HandleCount": handles,
        "HasExited": False,
        "Id": pid,
        "MachineName": ".",
        "NonpagedSystemMemorySize": 0,
        "NonpagedSystemMemorySize64": 0,
        "PagedMemorySize": _int32(paged),
        "PagedMemorySize64": paged,
        "PagedSystemMemorySize": _int32(paged),
        "PagedSystemMemorySize64": paged,
        "PeakVirtualMemorySize": _int32(status.get("VmPeak", 0)),
        "PeakVirtualMemorySize64": status.get("VmPeak", 0),
        "PeakWorkingSet": _int32(status.get("VmHWM", 0)),
        "PeakWorkingSet64": status.get("VmHWM", 0),
        "PriorityClass": _priority_class(nice),
        "PrivateMemorySize": _int32(private),
        "PrivateMemorySize64": private,
        "PrivilegedProcessorTime": system,
        "ProcessName": name,
        "SessionId": session,
        "StartTime": started,
        "TotalProcessorTime": total,
        "UserProcessorTime": user,
        "VirtualMemorySize": _int32(virtual),
        "VirtualMemorySize64": virtual,
        "WorkingSet": _int32(working_set),
        "WorkingSet64": working_set,
    }
    return dotnet_object(_PROCESS_TYPES, properties)


def process_user(pid: int) -> str | None:
    """Platform.NonWindowsGetUserFromPid: the name of the user owning the process."""
    try:
        uid = os.stat(f"{_PROC}/{pid}").st_uid
    except OSError:
        return None
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return str(uid)


def process_modules(pid: int) -> Iterator[PSObject]:
    """ProcessManager.Linux.GetModules: each file mapped into the process, contiguous mappings of
    one file merged, the executable first."""
    modules: list[dict[str, Any]] = []
    for line in (_read(pid, "maps") or "").splitlines():
        parts = line.split(maxsplit=5)
        if len(parts) < 6 or not parts[5].startswith("/") or "x" not in parts[1]:
            continue  # only executable mappings of files are modules
        start, end = (int(value, 16) for value in parts[0].split("-"))
        file_name = parts[5].strip()
        last = modules[-1] if modules else None
        if last is not None and last["FileName"] == file_name and last["_end"] == start:
            last["ModuleMemorySize"] += end - start
            last["_end"] = end
            continue
        modules.append({"FileName": file_name, "BaseAddress": start, "ModuleMemorySize": end - start, "_end": end})
    exe = _exe(pid)
    modules.sort(key=lambda module: module["FileName"] != exe)  # stable: the executable first
    for module in modules:
        yield dotnet_object(_MODULE_TYPES, {
            "Size": module["ModuleMemorySize"] // 1024,  # types.ps1xml: $this.ModuleMemorySize / 1024
            "Company": None, "FileVersion": None, "ProductVersion": None, "Description": None, "Product": None,
            "ModuleName": os.path.basename(module["FileName"]), "FileName": module["FileName"],
            "BaseAddress": module["BaseAddress"], "ModuleMemorySize": module["ModuleMemorySize"],
            "EntryPointAddress": 0, "FileVersionInfo": file_version_info(module["FileName"]),
        })  # fmt: skip


def file_version_info(path: str | None) -> PSObject | None:
    """A FileVersionInfo for a file on Linux: the file's name, no version resources (ELF files have none)."""
    if path is None:
        return None
    return dotnet_object(("System.Diagnostics.FileVersionInfo",), {
        "Comments": None, "CompanyName": None, "FileBuildPart": 0, "FileDescription": None, "FileMajorPart": 0,
        "FileMinorPart": 0, "FileName": path, "FilePrivatePart": 0, "FileVersion": None,
        "InternalName": None, "IsDebug": False, "IsPatched": False, "IsPrivateBuild": False,
        "IsPreRelease": False, "IsSpecialBuild": False, "Language": None, "LegalCopyright": None,
        "LegalTrademarks": None, "OriginalFilename": None, "PrivateBuild": None, "ProductBuildPart": 0,
        "ProductMajorPart": 0, "ProductMinorPart": 0, "ProductName": None, "ProductPrivatePart": 0,
        "ProductVersion": None, "SpecialBuild": None,
    })  # fmt: skip
