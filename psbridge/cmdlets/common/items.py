"""File-system items as PowerShell's FileSystem provider writes them: FileInfo and DirectoryInfo.

Get-Item, Get-ChildItem, New-Item, Copy-Item -PassThru ... all emit these objects: the .NET
properties of System.IO.FileInfo / DirectoryInfo (Name, FullName, Length, Extension,
LastWriteTime ...), the provider's note properties (PSPath, PSParentPath, PSChildName, PSDrive,
PSProvider, PSIsContainer) and the type data's script properties on Unix (Mode, UnixMode, User,
Group, Size, BaseName).  ``[string]`` of an item is its full path, as .NET's ToString of a
FileSystemInfo built from a full path is.
"""

from __future__ import annotations

import datetime as dt
import functools
import grp
import os
import pwd
import stat
from typing import Any

from ...objects import PSObject, dotnet_object, register_to_string_property
from .paths import PROVIDER_PREFIX, parent_path

__all__ = [
    "DIRECTORY_INFO_TYPE",
    "FILE_INFO_TYPE",
    "attributes_of",
    "extension_of",
    "file_system_item",
    "is_hidden",
    "item_mode",
]

FILE_INFO_TYPE = "System.IO.FileInfo"
DIRECTORY_INFO_TYPE = "System.IO.DirectoryInfo"
_FILE_TYPES = [FILE_INFO_TYPE, "System.IO.FileSystemInfo", "System.MarshalByRefObject"]
_DIRECTORY_TYPES = [DIRECTORY_INFO_TYPE, "System.IO.FileSystemInfo", "System.MarshalByRefObject"]
for _type in (FILE_INFO_TYPE, DIRECTORY_INFO_TYPE):
    register_to_string_property(_type, "FullName")

#: FileSystemProvider's drive and provider names, as the PSDrive/PSProvider notes show them.
PROVIDER_NAME = "Microsoft.PowerShell.Core\\FileSystem"


@functools.lru_cache(maxsize=64)
def _user(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


@functools.lru_cache(maxsize=64)
def _group(gid: int) -> str:
    try:
        return grp.getgrgid(gid).gr_name
    except KeyError:
        return str(gid)


def is_hidden(path: str) -> bool:
    """.NET on Unix reports FileAttributes.Hidden for a name starting with a dot."""
    return os.path.basename(path.rstrip(os.sep)).startswith(".")


def attributes_of(path: str) -> str:
    """FileAttributes of an existing item, as its ``Attributes`` property shows them."""
    info = os.lstat(path)
    link = stat.S_ISLNK(info.st_mode)
    return _attributes(path, info, os.path.isdir(path), link)


def _attributes(path: str, info: os.stat_result, directory: bool, link: bool) -> str:
    """FileAttributes as .NET on Unix computes them, in its flag order (ReadOnly, Hidden, Directory, Normal...)."""
    flags: list[str] = []
    if not os.access(path, os.W_OK, follow_symlinks=False) and not link:
        flags.append("ReadOnly")
    if is_hidden(path):
        flags.append("Hidden")
    if directory:
        flags.append("Directory")
    if link:
        flags.append("ReparsePoint")
    return ", ".join(flags) if flags else "Normal"


def item_mode(attributes: str, link: bool) -> str:
    """FileSystemProvider.Mode: one letter per attribute (``d----``, ``-a---``, ``l----``)."""
    names = {name.strip() for name in attributes.split(",")}
    first = "l" if link else "d" if "Directory" in names else "-"
    return (
        first
        + ("a" if "Archive" in names else "-")
        + ("r" if "ReadOnly" in names else "-")
        + ("h" if "Hidden" in names else "-")
        + ("s" if "System" in names else "-")
    )


def _local(timestamp: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(timestamp)


def _utc(timestamp: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).replace(tzinfo=None)


def extension_of(name: str) -> str:
    """Path.GetExtension: from the last dot, unless the dot ends the name (``.bashrc`` is all extension)."""
    dot = name.rfind(".")
    return name[dot:] if 0 <= dot < len(name) - 1 else ""


def file_system_item(path: str, *, ps_parent: str | None = None) -> PSObject:
    """The FileInfo or DirectoryInfo for an existing ``path`` (absolute, normalized)."""
    info = os.lstat(path)
    link = stat.S_ISLNK(info.st_mode)
    directory = os.path.isdir(path)
    if link:
        try:
            target_info = os.stat(path)
        except OSError:
            target_info = info
    else:
        target_info = info
    name = os.path.basename(path.rstrip(os.sep)) or os.sep
    parent = parent_path(path) if path != os.sep else ""
    attributes = _attributes(path, info, directory, link)
    link_target = os.readlink(path) if link else None
    properties: dict[str, Any] = {
        "PSPath": PROVIDER_PREFIX + path,
        "PSParentPath": PROVIDER_PREFIX + (ps_parent if ps_parent is not None else parent) if parent else "",
        "PSChildName": name,
        "PSDrive": "/",
        "PSProvider": PROVIDER_NAME,
        "PSIsContainer": directory,
        "Mode": item_mode(attributes, link or (not directory and info.st_nlink > 1)),
        "ModeWithoutHardLink": item_mode(attributes, link),
    }
    extension = extension_of(name)
    # types.ps1xml: a directory's BaseName is its Name; a file's is its Name less the Extension.
    properties["BaseName"] = name if directory else name[: len(name) - len(extension)]
    properties["Target"] = link_target
    properties["LinkType"] = "SymbolicLink" if link else ("HardLink" if not directory and info.st_nlink > 1 else None)
    properties["UnixMode"] = stat.filemode(info.st_mode)
    properties["User"] = _user(info.st_uid)
    properties["Group"] = _group(info.st_gid)
    properties["Size"] = info.st_size
    properties["Name"] = name
    if not directory:
        properties["Length"] = target_info.st_size
        properties["DirectoryName"] = parent
        properties["IsReadOnly"] = "ReadOnly" in attributes
    properties["FullName"] = path
    properties["Extension"] = extension
    properties["Exists"] = True
    properties["CreationTime"] = _local(target_info.st_ctime)
    properties["CreationTimeUtc"] = _utc(target_info.st_ctime)
    properties["LastAccessTime"] = _local(target_info.st_atime)
    properties["LastAccessTimeUtc"] = _utc(target_info.st_atime)
    properties["LastWriteTime"] = _local(target_info.st_mtime)
    properties["LastWriteTimeUtc"] = _utc(target_info.st_mtime)
    properties["LinkTarget"] = link_target
    properties["Attributes"] = attributes
    return dotnet_object(_DIRECTORY_TYPES if directory else _FILE_TYPES, properties)
