"""-Filter, -Include and -Exclude as the FileSystem provider and the session-state layer apply them.

All three match an item's name (not its path) as a wildcard, case-insensitively.  -Filter is the
provider's (it also selects which directories are listed, never which are recursed into);
-Include keeps only names matching one of its patterns; -Exclude drops names matching any.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ...objects import to_ps_string
from ...runtime.cmdlet import Cmdlet, Parameters
from ..common.errors import CmdletError
from ..common.paths import has_path_wildcard, item_not_found, path_arguments, provider_path, resolve_existing
from ..common.semantics import wildcard_regex
from ..common.session_drives import environment_items, session_drive

__all__ = ["NameFilters", "name_filters", "selected_items"]


def _patterns(value: Any) -> list[re.Pattern[str]]:
    if value is None:
        return []
    values = value if isinstance(value, list | tuple) else [value]
    return [wildcard_regex(to_ps_string(v)) for v in values if v is not None]


@dataclass
class NameFilters:
    filter: list[re.Pattern[str]] = field(default_factory=list)
    include: list[re.Pattern[str]] = field(default_factory=list)
    exclude: list[re.Pattern[str]] = field(default_factory=list)

    @property
    def restricts(self) -> bool:
        return bool(self.filter or self.include or self.exclude)

    def passes_filter(self, name: str) -> bool:
        return not self.filter or bool(self.filter[0].match(name))

    def passes_include_exclude(self, name: str) -> bool:
        if self.include and not any(p.match(name) for p in self.include):
            return False
        return not any(p.match(name) for p in self.exclude)

    def accepts(self, path: str) -> bool:
        name = os.path.basename(path.rstrip(os.sep)) or os.sep
        return self.passes_filter(name) and self.passes_include_exclude(name)


def name_filters(params: Parameters) -> NameFilters:
    """The -Filter, -Include and -Exclude a cmdlet was given."""
    return NameFilters(
        _patterns(params.get("Filter", None)),
        _patterns(params.get("Include", None)),
        _patterns(params.get("Exclude", None)),
    )


def selected_items(
    cmdlet: Cmdlet, environment: Callable[[list[Any]], None] | None = None
) -> Iterator[tuple[str, bool]]:
    """(path, explicit) for each existing item the cmdlet's -Path/-LiteralPath names and its
    -Filter/-Include/-Exclude keep; ``explicit`` when the item was named without wildcards.
    A path that does not resolve is the cmdlet's error, and the next path is tried.
    ``environment`` takes the items of a path on the ``Env:`` drive (a cmdlet without it
    has only the file system's drives)."""
    params = cmdlet.params
    filters = name_filters(params)
    force = bool(params.get("Force", False))
    paths, literal = path_arguments(params)
    for path in paths:
        if environment is not None and environment_path(cmdlet, path, literal, environment):
            continue
        explicit = literal or not has_path_wildcard(provider_path(path))
        try:
            found = resolve_existing(cmdlet.runspace, path, literal, force=force)
        except CmdletError as error:
            cmdlet.write_error(error)
            continue
        for item in found:
            if filters.accepts(item):
                yield item, explicit


def environment_path(cmdlet: Cmdlet, path: str, literal: bool, take: Callable[[list[Any]], None]) -> bool:
    """Hand ``take`` the Environment items of ``path`` when it is on the ``Env:`` drive (an exact
    name that is not there is PathNotFound, as pwsh names it: ``Env:\\NAME``); False for any other path."""
    found = session_drive(path)
    if found is None or found[0] != "env":
        return False
    name = found[1]
    if literal and has_path_wildcard(name):
        name = re.sub(r"([*?\[\]])", r"[\1]", name)
    items = environment_items(name)
    if not items and name and not has_path_wildcard(name):
        cmdlet.write_error(item_not_found(f"{path.partition(':')[0]}:\\{name}"))
    elif items:
        take(items)
    return True
