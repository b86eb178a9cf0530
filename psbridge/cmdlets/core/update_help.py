"""Update-Help: installs help content into psbridge's help store, from a local folder only.

pwsh 7 ships without help; Update-Help downloads each module's help (or, with -SourcePath,
copies it from a folder) and Get-Help reads it from then on.  psbridge's help content is the
platyPS markdown its modules' docs are written in: ``Update-Help -SourcePath <folder>`` reads
every doc under the folder (sub-folders too: PSOpenAI's docs and PowerShell's per-module
folders), converts each with :func:`psbridge.specs.help_data.convert_doc` and writes the result
to the help store (:mod:`.help_store`) under the doc's module and culture.  Nothing else is
written, and nothing goes over the network: without -SourcePath every module fails as pwsh's
does when it cannot reach the help server (``UnableToRetrieveHelpInfoXml``).

As in pwsh: -Module picks modules by wildcard (a pattern matching none is ``ModuleNotFound``),
-UICulture the cultures (default psbridge's en-US), and a module's culture installed in the last
24 hours is not installed again without -Force.  Errors are gathered per error id and written
at the end, naming the modules and cultures they hit, as UpdatableHelpCommandBase does.
Without -Module, a folder that documents only some modules updates those (a PSOpenAI docs
folder installs PSOpenAI's help without failing PowerShell's modules).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from ...errors import ErrorCategory, PSError, QualifiedName
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from .. import MODULE_PACKAGES
from ..common.files import should_process
from ..common.paths import resolve_literal, resolve_pattern
from ..common.semantics import wildcard_regex
from . import help_store

__all__ = ["UpdateHelp", "help_sources"]

#: The help content version installed for PowerShell's own modules (its docs are 7.6's).
_POWERSHELL_HELP_VERSION = "7.6.0"

_QUALIFIER = QualifiedName("Microsoft.PowerShell.Commands.UpdateHelpCommand", "Update-Help")
#: Modules whose manifest names a HelpInfoUri (pwsh's own): Update-Help updates them by default.
#: PSOpenAI's manifest names none, so pwsh updates it only when asked (-Module) and then fails.
_UPDATABLE_ONLINE = ("Microsoft.PowerShell.Core", "Microsoft.PowerShell.Management", "Microsoft.PowerShell.Utility")
_NOT_DOCS = {"source.md", "readme.md", "license.md", "license-code.md"}
_DAY = 24 * 60 * 60

_UNABLE_TO_RETRIEVE = (
    "Unable to retrieve the HelpInfo XML file for UI culture {0}. Make sure the HelpInfoUri property in the module "
    "manifest is valid or check your network connection and then try the command again."
)
_NO_HELP_INFO_URI = (
    "The Update-Help command failed because the specified module does not support updatable help. Use Get-Help "
    "-Online or look online for help for the commands in this module."
)


class _UpdatableHelpError(PSError):
    dotnet_exception_type = "System.Exception"


def help_sources(folder: Path) -> list[Path]:
    """Every markdown doc under ``folder``, sub-folders included, in a stable order (README,
    LICENSE and SOURCE pages left out; :func:`convert_doc` skips other pages documenting no command)."""
    found: list[Path] = []
    for directory, subdirectories, files in os.walk(folder):
        subdirectories.sort()
        found.extend(
            Path(directory, name) for name in sorted(files)
            if name.casefold().endswith(".md") and name.casefold() not in _NOT_DOCS
        )  # fmt: skip
    return found


class _Failures:
    """UpdatableHelpExceptionContext: one error per id, with every module and culture it hit."""

    def __init__(self) -> None:
        self._by_id: dict[str, tuple[str, str, set[str], set[str]]] = {}

    def add(self, error_id: str, message: str, category: str, module: str, culture: str | None) -> None:
        entry = self._by_id.setdefault(error_id, (message, category, set(), set()))
        entry[2].add(module)
        if culture is not None:
            entry[3].add(culture)

    def records(self) -> list[PSError]:
        errors: list[PSError] = []
        for error_id, (message, category, modules, cultures) in self._by_id.items():
            names = ", ".join(sorted(modules, key=str.casefold))
            if cultures:
                text = (
                    f"Failed to update Help for the module(s) '{names}' with UI culture(s) "
                    f"{{{', '.join(sorted(cultures, key=str.casefold))}}} : {message}.\n"
                    "English-US help content is available and can be installed using: Update-Help -UICulture en-US."
                )
            else:
                text = f"Failed to update Help for the module(s) :\n'{names}'\n{message}"
            errors.append(_UpdatableHelpError(text, error_id=error_id, category=category, command_name=_QUALIFIER))
        return errors


@register_cmdlet
class UpdateHelp(Cmdlet):
    name = "Update-Help"

    def begin(self) -> None:
        self._patterns: list[str] = []

    def process(self) -> None:
        for name in self.params.get("Module", None) or []:
            self._patterns.append(str(name))
        for spec in self.params.get("FullyQualifiedModule", None) or []:
            self._patterns.append(str(getattr(spec, "Name", None) or spec))

    # -- which modules, which cultures, which folders ---------------------------------------------------------
    def _modules(self) -> tuple[list[str], bool]:
        """The modules to update, and whether the caller named them."""
        known = list(MODULE_PACKAGES)
        if not self._patterns or self._patterns == ["*"]:
            return known, False
        chosen: list[str] = []
        for pattern in self._patterns:
            matcher = wildcard_regex(pattern)
            matched = [module for module in known if matcher.match(module)]
            if not matched:
                self.write_error(_UpdatableHelpError(
                    f"No PowerShell modules were found that match the following pattern: {pattern}. Verify the "
                    "pattern and then try the command again.",
                    error_id="ModuleNotFound", category=ErrorCategory.InvalidArgument, target_object=pattern,
                    command_name=_QUALIFIER,
                ))  # fmt: skip
            chosen.extend(module for module in matched if module not in chosen)
        return chosen, True

    def _cultures(self) -> list[str]:
        given = self.params.get("UICulture", None)
        if not given:
            return [help_store.UI_CULTURE]
        return [str(getattr(culture, "Name", culture)) for culture in given]

    def _folders(self) -> list[Path] | None:
        """The -SourcePath/-LiteralPath folders; None when a path is not a folder (pwsh then fails every
        module with UnableToRetrieveHelpInfoXml, the error it wraps PathMustBeValidContainers in)."""
        literal = self.params.is_bound("LiteralPath")
        paths = (self.params.get("LiteralPath", None) if literal else self.params.get("SourcePath", None)) or []
        folders: list[Path] = []
        for raw in paths:
            text = str(raw)
            try:
                found = [resolve_literal(self.runspace, text)] if literal else resolve_pattern(self.runspace, text)
            except PSError:
                return None
            if not found or not all(os.path.isdir(path) for path in found):
                return None
            folders.extend(Path(path) for path in found)
        return folders

    # -- running --------------------------------------------------------------------------------------------
    def end(self) -> None:
        failures = _Failures()
        modules, named = self._modules()
        cultures = self._cultures()
        local = self.params.is_bound("SourcePath") or self.params.is_bound("LiteralPath")
        if not local:
            self._offline(modules, cultures, named, failures)
        elif modules:
            self._from_folders(modules, cultures, named, failures)
        for error in failures.records():
            self.write_error(error)

    def _offline(self, modules: list[str], cultures: list[str], named: bool, failures: _Failures) -> None:
        """No -SourcePath: pwsh would download; psbridge sends nothing, so each module fails as it
        does in pwsh when the help server cannot be reached."""
        for module in modules:
            if module not in _UPDATABLE_ONLINE:
                if named:
                    failures.add("HelpInfoUriNotFound", _NO_HELP_INFO_URI, ErrorCategory.NotSpecified, module, None)
                continue
            for culture in cultures:
                failures.add("UnableToRetrieveHelpInfoXml", _UNABLE_TO_RETRIEVE.format(culture),
                             ErrorCategory.ResourceUnavailable, module, culture)  # fmt: skip

    def _from_folders(self, modules: list[str], cultures: list[str], named: bool, failures: _Failures) -> None:
        from ...specs.help_data import convert_doc

        folders = self._folders()
        found: dict[tuple[str, str], dict[str, str]] = {}  # (module, culture) -> name -> help JSON
        wanted = {module.casefold(): module for module in modules}
        wanted_cultures = {culture.casefold(): culture for culture in cultures}
        for folder in folders or []:
            for path in help_sources(folder):
                try:
                    converted = convert_doc(path)
                except (OSError, UnicodeDecodeError, ValueError) as error:
                    self.write_verbose(f"Skipped {path}: {error}")
                    continue
                if converted is None:
                    continue
                module, name, culture, text = converted
                module = wanted.get(module.casefold(), "")
                culture = wanted_cultures.get(culture.casefold(), "")
                if module and culture:
                    found.setdefault((module, culture), {})[name] = text
        documented = {module for module, _culture in found}
        if folders is not None and not named and documented:
            modules = [module for module in modules if module in documented]
        source = ", ".join(str(folder) for folder in folders or [])
        for module in modules:
            for culture in cultures:
                helps = found.get((module, culture))
                if not helps:
                    failures.add("UnableToRetrieveHelpInfoXml", _UNABLE_TO_RETRIEVE.format(culture),
                                 ErrorCategory.ResourceUnavailable, module, culture)  # fmt: skip
                    continue
                self._install(module, culture, helps, source)

    def _install(self, module: str, culture: str, helps: dict[str, str], source: str) -> None:
        installed = help_store.installed_at(module, culture)
        if not self.params.Force and installed is not None and time.time() - installed < _DAY:
            self.write_verbose(
                f"Help was not updated for the module {module}, because the Update-Help command was run on this "
                "computer within the last 24 hours.\nTo update help again, add the Force parameter to your command."
            )
            return
        from .import_module import PSOPENAI_VERSION

        version = PSOPENAI_VERSION if module == "PSOpenAI" else _POWERSHELL_HELP_VERSION
        current = help_store.installed_version(module, culture) or "0.0.0.0"
        target = f"{module}, Current Version: {current}, Available Version: {version}, UICulture: {culture}"
        if not should_process(self, target, "Update-Help"):
            return
        folder = help_store.write_culture(module, culture, helps, source, version)
        self.write_verbose(f"Installed {len(helps)} help topics of module {module} ({culture}) in {folder}.")
