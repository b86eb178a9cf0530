"""Get-Item and Get-ChildItem on the file system.

Get-ChildItem lists a directory as FileSystemProvider.Dir does: its directories, then its files,
each sorted by name case-insensitively; with -Recurse (or -Depth) each subdirectory is then
listed in turn.  Hidden (dot) items appear only with -Force or -Hidden, and hidden directories or
symbolic links to directories are not descended into (unless -Force / -FollowSymlink).  A path
whose last element is a wildcard, with -Recurse, searches the tree below its parent for names
matching it (Get-ChildItem.Tests.ps1:33-39).
"""

from __future__ import annotations

import os
from typing import Any

from ...errors import ErrorCategory
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet, Parameters
from ..common.errors import CmdletError
from ..common.items import attributes_of, file_system_item, is_hidden
from ..common.paths import (
    credentials_refused,
    has_path_wildcard,
    path_arguments,
    provider_path,
    resolve_existing,
    windows_only_refused,
)
from ..common.semantics import wildcard_regex
from .item_filters import environment_path, name_filters, selected_items

__all__ = ["GetChildItem", "GetItem"]


def _hidden_item_error(path: str) -> CmdletError:
    return CmdletError(
        f"Could not find item {path}.",
        error_id="ItemNotFound",
        category=ErrorCategory.ObjectNotFound,
        exception_type="System.Management.Automation.ItemNotFoundException",
        target_object=path,
    )


def certificate_parameters(params: Parameters) -> dict[str, Any]:
    """The Certificate provider's dynamic parameters (Windows only) as the caller gave them."""
    return {
        "CodeSigningCert": params.get("CodeSigningCert", None),
        "DnsName": params.get("DnsName", None),
        "DocumentEncryptionCert": params.get("DocumentEncryptionCert", None),
        "Eku": params.get("Eku", None),
        "ExpiringInDays": params.get("ExpiringInDays", None),
        "SSLServerAuthentication": params.get("SSLServerAuthentication", None),
    }


def attributes_match(expression: str, attributes: str) -> bool:
    """FlagsExpression: ``,`` separates alternatives, ``+`` joins flags that must all be set, ``!``
    negates one (``Directory+!Hidden,ReadOnly``)."""
    present = {name.strip().casefold() for name in attributes.split(",")}
    for alternative in expression.split(","):
        terms = [term.strip() for term in alternative.split("+") if term.strip()]
        if terms and all((term[1:].strip().casefold() not in present) if term.startswith("!") else
                         (term.casefold() in present) for term in terms):  # fmt: skip
            return True
    return False


def _globs(path: str) -> bool:
    """WildcardPattern.ContainsWildcardCharacters: a ``*``, ``?`` or ``[`` not escaped by a backtick."""
    escaped = False
    for char in path:
        if escaped:
            escaped = False
        elif char == "`":
            escaped = True
        elif char in "*?[":
            return True
    return False


@register_cmdlet
class GetItem(Cmdlet):
    name = "Get-Item"

    def process(self) -> None:
        params = self.params
        windows_only_refused(self, {**certificate_parameters(params), "Stream": params.get("Stream", None)})
        if credentials_refused(self):
            return
        force = bool(self.params.Force)
        for item, explicit in selected_items(self, environment=self._write_all):
            if is_hidden(item) and not force and explicit:
                self.write_error(_hidden_item_error(item))
                continue
            self.write_output(file_system_item(item))

    def _write_all(self, items: list[Any]) -> None:
        for item in items:
            self.write_output(item)


@register_cmdlet
class GetChildItem(Cmdlet):
    name = "Get-ChildItem"

    def process(self) -> None:
        params = self.params
        windows_only_refused(self, certificate_parameters(params))
        self.filters = name_filters(params)
        self.force = bool(params.Force)
        depth_bound = params.is_bound("Depth")
        self.recurse = bool(params.Recurse) or depth_bound
        self.max_depth = int(params.Depth) if depth_bound else None
        paths, literal = path_arguments(params)
        if not paths:
            paths, literal = [self.runspace.location.path], True
        for path in paths:
            if not environment_path(self, to_ps_string(path), literal, self._write_all):  # Env: lists its variables
                self._list(to_ps_string(path), literal)

    def _write_all(self, items: list[Any]) -> None:
        for item in items:
            self.write_output(item)

    # -- which items ----------------------------------------------------------------------------
    def _list(self, path: str, literal: bool) -> None:
        bare = provider_path(path)
        if not literal and self.recurse and has_path_wildcard(os.path.basename(bare.rstrip("/\\"))):
            self._search(path)
            return
        try:
            found = resolve_existing(self.runspace, path, literal, force=self.force or self._hidden_only)
        except CmdletError as error:
            self.write_error(error)
            return
        wildcard = not literal and has_path_wildcard(bare)
        if wildcard and not self.recurse and _globs(bare):
            # SessionStateContainer.GetChildItems: a globbed path's matches are the items, folders
            # included, directories first (as the provider enumerates them); only a path without
            # wildcards (or -Recurse) lists a folder's children
            found = [item for item in found if os.path.isdir(item)] + [i for i in found if not os.path.isdir(i)]
            for item in found:
                if self.filters.passes_filter(os.path.basename(item)) and self._wanted(item):
                    self._write(item, os.path.dirname(item))
            return
        for item in found:
            if os.path.isdir(item):
                self._walk(item, item, 0)
            elif self._wanted(item, explicit=not wildcard):
                self._write(item, os.path.dirname(item))

    def _search(self, path: str) -> None:
        """``dir/*.txt -Recurse``: the leaf pattern is matched against every name below ``dir``."""
        parent, leaf = os.path.split(provider_path(path).rstrip("/\\"))
        pattern = wildcard_regex(leaf)
        try:
            bases = resolve_existing(self.runspace, parent or ".", literal=False, force=self.force)
        except CmdletError as error:
            self.write_error(error)
            return
        for base in bases:
            if os.path.isdir(base):
                self._walk(base, base, 0, pattern=pattern)

    @property
    def _hidden_only(self) -> bool:
        return bool(self.params.Hidden)

    def _wanted(self, path: str, *, explicit: bool = False) -> bool:
        params = self.params
        hidden = is_hidden(path)
        if self._hidden_only and not hidden:
            return False
        if hidden and not (self.force or self._hidden_only or explicit):
            return False
        is_dir = os.path.isdir(path)
        if (params.File and is_dir) or (params.Directory and not is_dir):
            return False
        if params.ReadOnly and os.access(path, os.W_OK):
            return False
        if params.System:
            return False  # .NET on Unix never reports FileAttributes.System
        expression = params.get("Attributes", None)
        if expression is not None and not attributes_match(to_ps_string(expression), attributes_of(path)):
            return False
        return self.filters.passes_include_exclude(os.path.basename(path))

    def _children(self, directory: str) -> tuple[list[str], list[str]]:
        try:
            names = os.listdir(directory)
        except PermissionError:
            self.write_error(
                CmdletError(
                    f"Access to the path '{directory}' is denied.",
                    error_id="DirUnauthorizedAccessError",
                    category=ErrorCategory.PermissionDenied,
                    exception_type="System.UnauthorizedAccessException",
                    target_object=directory,
                )
            )
            return [], []
        names.sort(key=lambda n: (n.casefold(), n))
        paths = [os.path.join(directory, name) for name in names]
        return [p for p in paths if os.path.isdir(p)], [p for p in paths if not os.path.isdir(p)]

    def _walk(self, top: str, directory: str, depth: int, pattern: object = None) -> None:
        directories, files = self._children(directory)
        for child in directories + files:
            name = os.path.basename(child)
            if not self.filters.passes_filter(name):
                continue
            if pattern is not None and not pattern.match(name):  # type: ignore[attr-defined]
                continue
            if self._wanted(child):
                self._write(child, top)
        if not self.recurse or (self.max_depth is not None and depth >= self.max_depth):
            return
        for child in directories:
            if is_hidden(child) and not (self.force or self._hidden_only):
                continue
            if os.path.islink(child) and not self.params.FollowSymlink:
                continue
            self._walk(top, child, depth + 1, pattern)

    def _write(self, path: str, top: str) -> None:
        if self.params.Name:
            self.write_output(os.path.relpath(path, top) if path != top else os.path.basename(path))
        else:
            self.write_output(file_system_item(path))
