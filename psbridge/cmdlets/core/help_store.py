"""psbridge's help store: the help content ``Update-Help`` installs and Get-Help reads.

pwsh 7 ships no help content; ``Update-Help`` installs it per module and UI culture beside the
module (``<ModuleBase>/<culture>/*-help.xml``) and Get-Help reads it from there.  psbridge keeps
the same shape in one folder of the user's own, outside the project:

    <store>/<Module>/<culture>/<Name>.help.json   a command's help (see psbridge.specs.help_data)
    <store>/<Module>/<culture>/HelpInfo.json      when and from where that culture was installed

The store is ``$PSBRIDGE_HELP_HOME`` if set, else ``$XDG_DATA_HOME/psbridge/help``, else
``~/.local/share/psbridge/help``.  Only Get-Help and Update-Help import this module.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

__all__ = [
    "HELP_SUFFIX",
    "INFO_FILE",
    "UI_CULTURE",
    "help_file",
    "installed_at",
    "installed_help",
    "installed_version",
    "store_root",
    "write_culture",
]

HELP_SUFFIX = ".help.json"
INFO_FILE = "HelpInfo.json"
#: psbridge's UI culture ($PSUICulture), the help Get-Help reads.
UI_CULTURE = "en-US"


def store_root() -> Path:
    """The help store, read from the environment at each call (a test or a user may point it elsewhere)."""
    explicit = os.environ.get("PSBRIDGE_HELP_HOME")
    if explicit:
        return Path(explicit).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME")
    base = Path(data_home).expanduser() if data_home else Path.home() / ".local" / "share"
    return base / "psbridge" / "help"


def _culture_dir(module: str, culture: str, root: Path | None = None) -> Path:
    return (root or store_root()) / module / culture


def help_file(module: str, name: str, culture: str = UI_CULTURE) -> Path:
    """Where the help of command ``name`` of ``module`` lives in the store."""
    return _culture_dir(module, culture) / f"{name}{HELP_SUFFIX}"


def installed_help(module: str, name: str, culture: str = UI_CULTURE) -> dict[str, Any] | None:
    """The installed help of ``name`` (None when Update-Help has not installed it: partial help)."""
    from ...specs.help_data import read_help

    folder = _culture_dir(module, culture)
    path = folder / f"{name}{HELP_SUFFIX}"
    if not path.is_file():  # a name spelled in another case
        wanted = f"{name}{HELP_SUFFIX}".casefold()
        try:
            path = next((p for p in folder.iterdir() if p.name.casefold() == wanted), path)
        except OSError:
            return None
    return read_help(path)


def installed_at(module: str, culture: str) -> float | None:
    """When ``culture``'s help of ``module`` was last installed (seconds since the epoch), or None."""
    try:
        return (_culture_dir(module, culture) / INFO_FILE).stat().st_mtime
    except OSError:
        return None


def installed_version(module: str, culture: str) -> str | None:
    """The version of ``module`` whose help is installed in ``culture`` (HelpInfo's), or None."""
    try:
        info = json.loads((_culture_dir(module, culture) / INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = info.get("version") if isinstance(info, dict) else None
    return str(version) if version else None


def write_culture(module: str, culture: str, helps: dict[str, str], source: str, version: str) -> Path:
    """Install one module's help in one culture: each ``name -> JSON text`` as its file, then the
    HelpInfo record.  Each file is written to a temporary name in the same folder and renamed, so
    a reader never sees half a file; nothing is written outside the store."""
    folder = _culture_dir(module, culture)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(helps.items()):
        _replace(folder / f"{name}{HELP_SUFFIX}", text)
    info = {"module": module, "uiCulture": culture, "version": version, "source": source, "commands": sorted(helps),
            "installed": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}  # fmt: skip
    _replace(folder / INFO_FILE, json.dumps(info, indent=1) + "\n")
    return folder


def _replace(target: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
