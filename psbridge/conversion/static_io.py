# ruff: noqa: E501 - member tables: one line per .NET member reads best
"""``[System.IO.Path]::``, ``[System.IO.File]::``, ``[System.IO.Directory]::`` and ``[Environment]::``.

As in .NET (and unlike PowerShell's cmdlets) a relative path is relative to the
process's working directory, not to ``$PWD``: scripts that mix the two meet the
same surprise here as in pwsh.  File errors carry .NET's messages
(``Could not find file '...'``) wrapped as MethodInvocationException.
``File.WriteAllText`` writes UTF-8 without a BOM; ``ReadAllText`` honours a BOM.
"""

from __future__ import annotations

import os
import posixpath
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable
from typing import Any

from ..objects import Hashtable
from ..objects.encoding import DEFAULT_ENCODING, TextEncoding, detect_bom
from ..objects.numeric import Char
from .member_args import as_text, flatten, invocation_failed
from .pstype import TypedArray
from .scalars import is_true, to_string
from .static_text import byte_array, bytes_of
from .typenames import CHAR

__all__ = ["DIRECTORY", "ENVIRONMENT", "FILE", "PATH"]


# -- Path -------------------------------------------------------------------------------------------
def _path_arg(value: Any, method: str, count: int, name: str = "path") -> str:
    if value is None:
        raise invocation_failed(method, count, f"Value cannot be null. (Parameter '{name}')")
    return as_text(value)


def _combine(*parts: Any) -> str:
    texts = [_path_arg(p, "Combine", len(parts), f"path{i + 1}") for i, p in enumerate(flatten(parts[0]) if len(parts) == 1 else parts)]
    result = ""
    for part in texts:
        if posixpath.isabs(part):
            result = part
        elif part:
            result = result + ("" if not result or result.endswith("/") else "/") + part
    return result


def _join(*parts: Any) -> str:
    texts = [as_text(p) for p in (flatten(parts[0]) if len(parts) == 1 else parts) if p is not None]
    result = ""
    for part in texts:
        if not part:
            continue
        result = part if not result else result + ("" if result.endswith("/") or part.startswith("/") else "/") + part
    return result


def _extension(path: Any) -> str | None:
    if path is None:
        return None
    name = posixpath.basename(as_text(path))
    dot = name.rfind(".")
    return "" if (dot <= 0 and not (dot == 0 and len(name) > 1)) or dot == len(name) - 1 else name[dot:]


def _without_extension(path: Any) -> str | None:
    if path is None:
        return None
    name = posixpath.basename(as_text(path))
    dot = name.rfind(".")
    return name[:dot] if dot >= 0 else name


def _directory_name(path: Any) -> str | None:
    if path is None:
        return None
    text = as_text(path)
    if not text or text == "/":
        return None
    head = posixpath.dirname(text)
    return head if head != text else None


def _change_extension(path: Any, extension: Any) -> str | None:
    if path is None:
        return None
    text = as_text(path)
    current = _extension(text) or ""
    stem = text[: len(text) - len(current)] if current else text.rstrip(".")
    if extension is None:
        return stem
    ext = as_text(extension)
    return stem + ("" if not ext else ext if ext.startswith(".") else "." + ext)


def _temp_file() -> str:
    handle, name = tempfile.mkstemp(suffix=".tmp")
    os.close(handle)
    return name


PATH: dict[str, Any] = {
    "combine": _combine,
    "join": _join,
    "getfilename": lambda p: None if p is None else posixpath.basename(as_text(p)),
    "getfilenamewithoutextension": _without_extension,
    "getextension": _extension,
    "getdirectoryname": _directory_name,
    "changeextension": _change_extension,
    "hasextension": lambda p: bool(_extension(p)),
    "ispathrooted": lambda p: as_text(p).startswith("/"),
    "ispathfullyqualified": lambda p: as_text(p).startswith("/"),
    "getfullpath": lambda p, *base: posixpath.normpath(posixpath.join(as_text(base[0]) if base else os.getcwd(), _path_arg(p, "GetFullPath", 1 + len(base)))),
    "getpathroot": lambda p: None if p is None else ("/" if as_text(p).startswith("/") else ""),
    "getrelativepath": lambda start, target: posixpath.relpath(as_text(target), as_text(start)),
    "gettemppath": lambda: tempfile.gettempdir().rstrip("/") + "/",
    "gettempfilename": _temp_file,
    "getrandomfilename": lambda: uuid.uuid4().hex[:8] + "." + uuid.uuid4().hex[:3],
    "getinvalidfilenamechars": lambda: TypedArray([Char("\0"), Char("/")], CHAR),
    "getinvalidpathchars": lambda: TypedArray([Char("\0")], CHAR),
    "endsindirectoryseparator": lambda p: as_text(p).endswith("/"),
    "trimendingdirectoryseparator": lambda p: as_text(p).rstrip("/") or as_text(p)[:1],
    "directoryseparatorchar": Char("/"),
    "altdirectoryseparatorchar": Char("/"),
    "pathseparator": Char(":"),
    "volumeseparatorchar": Char("/"),
}  # fmt: skip


# -- File -------------------------------------------------------------------------------------------
def _io(method: str, action: Callable[..., Any]) -> Callable[..., Any]:
    """Run a file operation; OSError becomes .NET's exception message for the same failure."""

    def run(*args: Any) -> Any:
        if args and args[0] is None:
            raise invocation_failed(method, len(args), "Value cannot be null. (Parameter 'path')")
        try:
            return action(*args)
        except FileNotFoundError as error:
            missing = os.path.abspath(error.filename or as_text(args[0]))
            parent_missing = not os.path.isdir(os.path.dirname(missing))
            text = f"Could not find a part of the path '{missing}'." if parent_missing else f"Could not find file '{missing}'."
            raise invocation_failed(method, len(args), text) from None
        except IsADirectoryError as error:
            raise invocation_failed(method, len(args), f"Access to the path '{os.path.abspath(error.filename or as_text(args[0]))}' is denied.") from None
        except PermissionError as error:
            raise invocation_failed(method, len(args), f"Access to the path '{os.path.abspath(error.filename or as_text(args[0]))}' is denied.") from None
        except FileExistsError as error:
            raise invocation_failed(method, len(args), f"The file '{os.path.abspath(error.filename or as_text(args[-1]))}' already exists.") from None
        except OSError as error:
            raise invocation_failed(method, len(args), error.strerror or str(error)) from None

    return run


def _encoding_arg(encoding: Any) -> TextEncoding:
    return encoding if isinstance(encoding, TextEncoding) else DEFAULT_ENCODING


def _read_text(path: Any, encoding: Any = None) -> str:
    with open(as_text(path), "rb") as handle:
        data = handle.read()
    found = detect_bom(data)
    if found is not None:
        return found.decode(data[len(found.preamble) :])
    return _encoding_arg(encoding).decode(data)


def _write_text(path: Any, text: Any, encoding: Any = None, append: bool = False) -> None:
    chosen = _encoding_arg(encoding)
    body = chosen.encode(as_text(text))
    target = as_text(path)
    preamble = chosen.preamble if not (append and os.path.exists(target) and os.path.getsize(target)) else b""
    with open(target, "ab" if append else "wb") as handle:
        handle.write(preamble + body)


def _lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return lines[:-1] if lines and lines[-1] == "" else lines


def _write_lines(path: Any, lines: Any, encoding: Any = None, append: bool = False) -> None:
    _write_text(path, "".join(to_string(line) + "\n" for line in flatten(lines)), encoding, append)


def _transfer(action: Callable[[str, str], Any]) -> Callable[..., None]:
    """File.Copy / File.Move: the target must not exist unless ``overwrite``; the source must be a file."""

    def run(source: Any, target: Any, overwrite: Any = False) -> None:
        destination = as_text(target)
        if os.path.exists(destination) and not is_true(overwrite):
            raise FileExistsError(0, "exists", destination)
        if not os.path.isfile(as_text(source)):
            raise FileNotFoundError(2, "missing", as_text(source))
        action(as_text(source), destination)

    return run


def _delete(path: Any) -> None:
    target = as_text(path)
    if os.path.isdir(os.path.dirname(os.path.abspath(target))) and not os.path.lexists(target):
        return  # File.Delete of a missing file is not an error
    os.remove(target)


def _mtime(path: Any, utc: bool) -> Any:
    import datetime as _dt

    target = as_text(path)
    if not os.path.exists(target):
        return _dt.datetime(1601, 1, 1, tzinfo=_dt.UTC) if utc else _dt.datetime(1601, 1, 1, tzinfo=_dt.UTC).astimezone()
    stamp = _dt.datetime.fromtimestamp(os.path.getmtime(target), _dt.UTC)
    return stamp if utc else stamp.astimezone()


FILE: dict[str, Any] = {
    "exists": lambda p: p is not None and os.path.isfile(as_text(p)),
    "readalltext": _io("ReadAllText", _read_text),
    "readalllines": _io("ReadAllLines", lambda p, *e: _lines(_read_text(p, *e))),
    "readlines": _io("ReadLines", lambda p, *e: _lines(_read_text(p, *e))),
    "readallbytes": _io("ReadAllBytes", lambda p: byte_array(open(as_text(p), "rb").read())),  # noqa: SIM115 - read at once
    "writealltext": _io("WriteAllText", lambda p, t, *e: _write_text(p, t, *e)),
    "appendalltext": _io("AppendAllText", lambda p, t, e=None: _write_text(p, t, e, append=True)),
    "writealllines": _io("WriteAllLines", lambda p, lines, *e: _write_lines(p, lines, *e)),
    "appendalllines": _io("AppendAllLines", lambda p, lines, e=None: _write_lines(p, lines, e, append=True)),
    "writeallbytes": _io("WriteAllBytes", lambda p, data: open(as_text(p), "wb").write(bytes_of(data)) and None),  # noqa: SIM115 - written at once
    "copy": _io("Copy", _transfer(shutil.copyfile)),
    "move": _io("Move", _transfer(os.replace)),
    "delete": _io("Delete", _delete),
    "getlastwritetime": lambda p: _mtime(p, False),
    "getlastwritetimeutc": lambda p: _mtime(p, True),
}  # fmt: skip


# -- Directory ------------------------------------------------------------------------------------------
class DirectoryInfo:
    """What ``[IO.Directory]::CreateDirectory`` returns: the directory's names (``FullName``, ``Name``)."""

    __ps_type_name__ = "System.IO.DirectoryInfo"

    def __init__(self, path: str) -> None:
        self.FullName = os.path.abspath(path)
        self.Name = os.path.basename(self.FullName.rstrip("/")) or "/"

    @property
    def Exists(self) -> bool:
        return os.path.isdir(self.FullName)

    def __str__(self) -> str:
        return self.FullName


def _entries(path: Any, pattern: Any = "*", *options: Any, files: bool = True) -> list[str]:
    import fnmatch

    root = as_text(path)
    recursive = any("alldirectories" in to_string(o).casefold() for o in options)
    found: list[str] = []
    walker = os.walk(root) if recursive else [(root, *_split_entries(root))]
    for folder, directories, names in walker:
        for name in sorted(names if files else directories):
            if fnmatch.fnmatchcase(name.casefold(), as_text(pattern).casefold()):
                found.append(posixpath.join(folder, name))
    return found


def _split_entries(root: str) -> tuple[list[str], list[str]]:
    entries = os.listdir(root)
    directories = [e for e in entries if os.path.isdir(os.path.join(root, e))]
    return directories, [e for e in entries if e not in directories]


def _make_directory(path: str) -> DirectoryInfo:
    os.makedirs(path, exist_ok=True)
    return DirectoryInfo(path)


def _remove_directory(path: Any, recursive: Any = False) -> None:
    target = as_text(path)
    if is_true(recursive):
        if not os.path.isdir(target):
            raise FileNotFoundError(2, "missing", target)
        shutil.rmtree(target)
    else:
        os.rmdir(target)


DIRECTORY: dict[str, Any] = {
    "exists": lambda p: p is not None and os.path.isdir(as_text(p)),
    "createdirectory": _io("CreateDirectory", lambda p: _make_directory(as_text(p))),
    "delete": _io("Delete", _remove_directory),
    "getfiles": _io("GetFiles", lambda p, *a: _entries(p, *a, files=True)),
    "enumeratefiles": _io("EnumerateFiles", lambda p, *a: _entries(p, *a, files=True)),
    "getdirectories": _io("GetDirectories", lambda p, *a: _entries(p, *a, files=False)),
    "enumeratedirectories": _io("EnumerateDirectories", lambda p, *a: _entries(p, *a, files=False)),
    "getcurrentdirectory": os.getcwd,
    "setcurrentdirectory": _io("SetCurrentDirectory", lambda p: os.chdir(as_text(p))),
}  # fmt: skip


# -- Environment ------------------------------------------------------------------------------------------
_FOLDERS = {
    "userprofile": lambda: os.path.expanduser("~"),
    "personal": lambda: os.path.expanduser("~"),
    "mydocuments": lambda: os.path.expanduser("~"),
    "desktop": lambda: os.path.expanduser("~/Desktop"),
    "applicationdata": lambda: os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config"),
    "localapplicationdata": lambda: os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share"),
    "commonapplicationdata": lambda: "/usr/share",
    "temp": tempfile.gettempdir,
}


def _variable(name: Any, *_target: Any) -> str | None:
    return os.environ.get(_path_arg(name, "GetEnvironmentVariable", 1 + len(_target), "variable"))


def _set_variable(name: Any, value: Any, *_target: Any) -> None:
    key = _path_arg(name, "SetEnvironmentVariable", 2 + len(_target), "variable")
    if value is None or as_text(value) == "":
        os.environ.pop(key, None)
    else:
        os.environ[key] = as_text(value)


ENVIRONMENT: dict[str, Any] = {
    "newline": "\n",
    "machinename": lambda: os.uname().nodename,
    "username": lambda: os.environ.get("USER") or os.environ.get("LOGNAME", ""),
    "userdomainname": lambda: os.uname().nodename,
    "currentdirectory": os.getcwd,
    "processorcount": lambda: os.cpu_count() or 1,
    "processid": os.getpid,
    "osversion": lambda: f"Unix {os.uname().release}",
    "is64bitprocess": True,
    "is64bitoperatingsystem": True,
    "tickcount": lambda: int(time.monotonic() * 1000) & 0x7FFFFFFF,
    "tickcount64": lambda: int(time.monotonic() * 1000),
    "hasshutdownstarted": False,
    "getenvironmentvariable": _variable,
    "setenvironmentvariable": _set_variable,
    "getenvironmentvariables": lambda *_t: Hashtable(dict(os.environ)),
    "expandenvironmentvariables": lambda text: _expand_percent(as_text(text)),
    "getfolderpath": lambda folder, *_o: _FOLDERS.get(to_string(folder).casefold(), lambda: "")(),
    "getcommandlineargs": lambda: list(__import__("sys").argv),
}  # fmt: skip

#: Environment members that are properties in .NET but computed per read here.
PROPERTY_CALLS = frozenset({"machinename", "username", "userdomainname", "currentdirectory", "processorcount",
                            "processid", "osversion", "tickcount", "tickcount64"})  # fmt: skip


def _expand_percent(text: str) -> str:
    """Environment.ExpandEnvironmentVariables: ``%NAME%`` replaced when NAME is set, kept otherwise."""
    import re

    return re.sub(r"%([^%]+)%", lambda m: os.environ.get(m.group(1), m.group(0)), text)
