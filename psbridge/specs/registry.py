"""Where the committed specs live and how they are loaded: once, lazily.

``cmdlet_specs/<Module>/<Name>.yaml`` is the generated spec of one cmdlet (from its
doc, or -- for an exported cmdlet without one, such as PSOpenAI's Submit-ToolOutput --
compiled from its param block by ``psbridge specs from-source``);
``cmdlet_specs/overlays/<Module>/_common.yaml`` applies to every cmdlet of the
module and ``cmdlet_specs/overlays/<Module>/<Name>.yaml`` to that one.  A cmdlet
with neither a doc nor source to compile can have only an overlay: an
*overlay-only spec*, built from nothing but its overlay's changes, whose file
says ``overlay_only:`` with the ``why`` (see :mod:`.overlays`).
``import psbridge`` parses no YAML.  The first time a cmdlet is bound its
merged spec (``<Module>/<Name>.json``, see :mod:`.merged`) is read and cached
for the life of the process, the way PowerShell compiles a command's parameter
metadata once; without that file the generated spec and its overlays are read
and merged (pyyaml and all), which is correct but slow.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from ..errors import CommandNotFoundError
from .model import CmdletSpec

__all__ = [
    "get_spec",
    "is_overlay_only",
    "known_cmdlets",
    "load_spec_file",
    "overlay_paths",
    "spec_paths",
    "specs_dir",
]


def specs_dir() -> Path:
    """``$PSBRIDGE_SPECS_DIR``, else ``cmdlet_specs/`` beside the package (the repository layout)."""
    override = os.environ.get("PSBRIDGE_SPECS_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent.parent / "cmdlet_specs"


def _yaml_files(folder: str) -> list[tuple[str, str]]:
    """``(subfolder, file name)`` of every ``*/*.yaml`` under ``folder``, sorted as ``glob`` and
    ``sorted`` would give them (names starting with a dot skipped, as ``*`` skips them)."""
    found: list[tuple[str, str]] = []
    try:
        subfolders = [entry for entry in os.scandir(folder) if entry.is_dir() and not entry.name.startswith(".")]
    except (FileNotFoundError, NotADirectoryError):
        return found
    for subfolder in subfolders:
        with os.scandir(subfolder.path) as entries:
            found.extend(
                (subfolder.name, entry.name)
                for entry in entries
                if entry.name.endswith(".yaml") and not entry.name.startswith(".")
            )
    found.sort()
    return found


def _spec_files(folder: str) -> list[str]:
    """:func:`spec_paths` as strings: every generated spec, then every overlay-only spec."""
    generated = [(sub, name) for sub, name in _yaml_files(folder) if sub != "overlays"]
    found = [os.path.join(folder, sub, name) for sub, name in generated]
    names = {name[:-5].casefold() for _, name in generated}
    overlays = os.path.join(folder, "overlays")
    for sub, name in _yaml_files(overlays):
        stem = name[:-5].casefold()
        if not name.startswith("_") and stem not in names:
            found.append(os.path.join(overlays, sub, name))
            names.add(stem)
    return found


def spec_paths(folder: Path) -> list[Path]:
    """Every generated spec under ``folder``, then every overlay-only spec (an overlay without one)."""
    return [Path(path) for path in _spec_files(str(folder))]


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    """Folded name -> the generated spec, or the overlay of an overlay-only spec (as a string: a Path
    is made only for the one that is loaded)."""
    return {os.path.basename(path)[:-5].casefold(): path for path in _spec_files(str(specs_dir()))}


def is_overlay_only(path: Path) -> bool:
    """Whether ``path`` (from the index) is an overlay standing in for a missing doc."""
    return path.parent.parent.name == "overlays"


def known_cmdlets() -> list[str]:
    """Names of the cmdlets with a committed spec (from file names; no YAML is parsed)."""
    return [os.path.basename(path)[:-5] for path in _index().values()]


def _read_yaml(path: Path) -> object:
    import yaml  # only for specs without their merged JSON (and for regenerating it)

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


@functools.cache
def _common_overlay(path: Path) -> object:
    return _read_yaml(path) if path.is_file() else None


def overlay_paths(path: Path) -> tuple[Path, Path]:
    """(module-wide overlay, the cmdlet's own overlay) of the generated spec at ``path``."""
    folder = path.parent.parent / "overlays" / path.parent.name
    return folder / "_common.yaml", folder / path.name


def load_spec_file(path: Path, *, with_overlays: bool = True) -> CmdletSpec:
    """A generated spec with the family-wide and its own overlay applied (unless told not to).

    For an overlay-only spec ``path`` is the overlay: the spec starts empty (the
    module named by the overlay's folder) and the overlay's changes build it.
    """
    from .overlays import apply_overlay, overlay_only_base
    from .serialize import spec_from_data

    if is_overlay_only(path):
        data = _read_yaml(path)
        spec = overlay_only_base(data, module=path.parent.name, origin=str(path))
        overlay_path = path
        common_path = path.parent / "_common.yaml"
    else:
        spec = spec_from_data(_read_yaml(path))  # type: ignore[arg-type]
        if not with_overlays:
            return spec
        common_path, overlay_path = overlay_paths(path)
    if is_overlay_only(path):
        # The cmdlet's own changes declare the parameters the common overlay then edits.
        spec = apply_overlay(spec, data, origin=str(overlay_path))
        common = _common_overlay(common_path)
        if common is not None:
            spec = apply_overlay(spec, common, origin=str(common_path), common=True)
        return spec
    common = _common_overlay(common_path)
    if common is not None:
        spec = apply_overlay(spec, common, origin=str(common_path), common=True)
    if overlay_path.is_file():
        spec = apply_overlay(spec, _read_yaml(overlay_path), origin=str(overlay_path))
    return spec


@functools.cache
def _load(folded_name: str) -> CmdletSpec:
    from .merged import load_merged, merged_path

    path = Path(_index()[folded_name])
    return load_merged(merged_path(path)) or load_spec_file(path)


def get_spec(name: str) -> CmdletSpec:
    """The merged (generated + overlay) spec of a cmdlet, case-insensitively by name."""
    folded = name.casefold()
    if folded not in _index():
        raise CommandNotFoundError(name)
    return _load(folded)
