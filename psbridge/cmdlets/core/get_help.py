"""Get-Help and ``help``: a command's help as pwsh's HelpCommand finds and shows it.

A name without wildcards finds one topic, nearest first as pwsh's help providers do: an alias
gives the help of the command it runs, then a function the caller can see (its comment-based
help, else the syntax pwsh generates), then a psbridge cmdlet (its doc's help, committed beside
its spec).  One topic is written whole, in the view the switches ask for (-Detailed, -Full,
-Examples; -Parameter writes the matching parameters instead); several -- a wildcard -- are
written as Name/Category/Module/Synopsis rows.  A name that finds nothing is pwsh's
``HelpNotFound`` error.  ``help`` is pwsh's function over Get-Help: the full view unless another
is asked for, written as lines of text, which is what its pager receives.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

from ...errors import ErrorCategory, PSError, QualifiedName
from ...objects import PSObject
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ...runtime.scopes import Scope
from ...specs.registry import get_spec
from .. import MODULE_PACKAGES
from ..common.aliases import alias_table
from ..common.semantics import wildcard_regex
from . import help_info
from .comment_help import comment_help_of

__all__ = ["GetHelp", "Help", "help_not_found"]

_CATEGORIES = (
    "Alias", "Cmdlet", "Provider", "General", "FAQ", "Glossary", "HelpFile", "ScriptCommand", "Function", "Filter",
    "ExternalScript", "All", "DefaultHelp", "Workflow", "DscResource", "Class", "Configuration",
)  # fmt: skip
#: Help categories that -Parameter, -Component, -Role and -Functionality apply to.
_COMMAND_CATEGORIES = {"alias", "cmdlet", "externalscript", "filter", "function", "scriptcommand"}


#: What a FullyQualifiedErrorId names after the comma, for Get-Help and for pwsh's help function
#: (whose errors are Get-Help's).
_QUALIFIER = QualifiedName("Microsoft.PowerShell.Commands.GetHelpCommand", "Get-Help")


class HelpNotFoundError(PSError):
    dotnet_exception_type = "System.Management.Automation.HelpNotFoundException"


class _ArgumentError(PSError):
    dotnet_exception_type = "System.ArgumentException"


class _InvalidOperationError(PSError):
    dotnet_exception_type = "System.InvalidOperationException"


def help_not_found(topic: str) -> PSError:
    """HelpNotFoundException's error record."""
    return HelpNotFoundError(
        f"Get-Help could not find {topic} in a help file in this session. To download updated help topics type: "
        '"Update-Help". To get help online, search for the help topic in the TechNet library at '
        "https://go.microsoft.com/fwlink/?LinkID=107116.",
        error_id="HelpNotFound",
        category=ErrorCategory.ResourceUnavailable,
        target_object=topic,
        command_name=_QUALIFIER,
    )


def _argument_error(message: str, error_id: str, target: Any = None) -> PSError:
    return _ArgumentError(
        message, error_id=error_id, category=ErrorCategory.InvalidArgument, target_object=target,
        command_name=_QUALIFIER,
    )  # fmt: skip


class _Topic:
    """One help topic found: how to make its full help and its table row."""

    def __init__(self, name: str, category: str, module: str, make: Any, synopsis: Any = None) -> None:
        self.name, self.category, self.module = name, category, module
        self._make, self._synopsis = make, synopsis
        self._full: PSObject | None = None

    @property
    def full(self) -> PSObject:
        if self._full is None:
            self._full = self._make()
        return self._full

    def short(self) -> PSObject:
        if self.category == "Alias":
            return self.full
        synopsis = self._synopsis() if self._synopsis is not None else self.full.get("Synopsis", "")
        return help_info.short_help(self.name, self.category, self.module, str(synopsis))


@register_cmdlet
class GetHelp(Cmdlet):
    name = "Get-Help"
    #: ``help`` asks for the full view when no other is given.
    full_by_default = False

    @property
    def caller(self) -> Scope:
        return self.runspace.current_scope

    # -- where topics come from ---------------------------------------------------------------------------
    def _function_topic(self, function: Any) -> _Topic:
        name = str(getattr(function, "name", ""))
        category = str(getattr(function, "CommandType", "Function"))
        compiled = getattr(getattr(function, "script_block", None), "compiled", None)
        common = bool(getattr(compiled, "is_advanced", False))

        def spec() -> Any:
            return compiled.spec(name) if compiled is not None else None

        def make() -> PSObject:
            data = comment_help_of(function)
            if data is not None and data.get("forward"):
                forwarded = list(self._topics(str(data["forward"]), exact=True))
                if forwarded:
                    return forwarded[0].full
            if data is None:
                return help_info.syntax_help(name, category, "", spec(), common=common)
            return help_info.script_help(name, category, data, spec(), common)

        return _Topic(name, category, "", make)

    def _cmdlet_topics(self) -> Iterator[_Topic]:
        for module, package in MODULE_PACKAGES.items():
            package_module = importlib.import_module(f"psbridge.cmdlets.{package}")
            commands: dict[str, str] = package_module.COMMANDS
            category = "Function" if module == "PSOpenAI" else "Cmdlet"
            for name in sorted(commands):
                yield self._cmdlet_topic(name, module, category)
            for name in sorted(getattr(package_module, "FUNCTIONS", {})):
                # pwsh's help function: its comment forwards to Get-Help (.FORWARDHELPTARGETNAME)
                yield self._cmdlet_topic(name, "", "Function", forward_to="Get-Help")

    def _cmdlet_topic(self, name: str, module: str, category: str, forward_to: str | None = None) -> _Topic:
        target = forward_to or name
        target_module = module or "Microsoft.PowerShell.Core"
        target_category = "Cmdlet" if forward_to else category

        def make() -> PSObject:
            aliases = self._aliases_of(target)
            from .get_command import implemented_spec  # a cmdlet may carry its own spec (Start-ThreadJob)

            return help_info.command_help(target, target_module, target_category, implemented_spec(target), aliases)

        def synopsis() -> str:
            data = help_info.help_data_of(target, target_module)
            return str(data.get("synopsis", "")) if data is not None else str(make().get("Synopsis", ""))

        return _Topic(name, category, module, make, synopsis)

    def _aliases_of(self, name: str) -> str:
        """The session's aliases of ``name``, a line each (partial help's ALIASES, as pwsh lists them)."""
        folded = name.casefold()
        table = alias_table(self.caller, None)
        return "\n".join(sorted((e.name for e in table.values() if str(e).casefold() == folded), key=str.casefold))

    def _functions(self) -> list[Any]:
        return list(self.caller.visible_functions().values())

    def _script_topic(self, path: str) -> _Topic | None:
        """A script file named by its path: its comment-based help, else its syntax (ExternalScript)."""
        from ...errors import CommandNotFoundError
        from ...language.engine.commands import ExternalScriptInfo

        try:
            script = ExternalScriptInfo.load(self.caller, path, False)
        except (CommandNotFoundError, PSError, OSError):
            return None
        return self._function_topic(script)

    def _topics(self, pattern: str, exact: bool, depth: int = 0) -> Iterator[_Topic]:
        """Topics whose name matches, in the help providers' order (aliases, functions, cmdlets)."""
        from ...language.engine.commands import is_path

        if exact and is_path(pattern):
            script = self._script_topic(pattern)
            if script is not None:
                yield script
            return
        if "\\" in pattern:
            pattern = pattern.rsplit("\\", 1)[-1]  # Module\Name
        matcher = wildcard_regex(pattern)
        aliases = alias_table(self.caller, None)
        for entry in sorted(aliases.values(), key=lambda e: e.name.casefold()):
            if matcher.match(entry.name):
                if exact:
                    if depth < 32:  # aliases may chain, never forever
                        yield from self._topics(str(entry), exact=True, depth=depth + 1)
                    return
                yield _Topic(entry.name, "Alias", "", lambda e=entry: help_info.alias_help(e.name, str(e)),
                             lambda e=entry: str(e))  # fmt: skip
        for function in self._functions():
            if matcher.match(str(function.name)):
                yield self._function_topic(function)
        for topic in self._cmdlet_topics():
            if matcher.match(topic.name):
                yield topic

    # -- running -----------------------------------------------------------------------------------------------
    def _categories(self) -> set[str] | None:
        given = self.params.get("Category", None)
        if not given:
            return None
        wanted: set[str] = set()
        for item in given:
            folded = str(item).casefold()
            if folded not in {c.casefold() for c in _CATEGORIES}:
                self.write_error(_argument_error(
                    f'Cannot process the Help category because "{item}" is not a valid Help category.',
                    "InvalidHelpCategory",
                ))  # fmt: skip
                continue
            wanted.add(folded)
        if "all" in wanted:
            return None
        if "scriptcommand" in wanted:
            wanted.update({"function", "filter", "externalscript"})
        return wanted

    def _view_token(self) -> str | None:
        p = self.params
        if p.Detailed:
            return help_info.VIEW_TOKENS["detailed"]
        if p.Examples:
            return help_info.VIEW_TOKENS["examples"]
        if p.Full or (self.full_by_default and p.parameter_set_name == "AllUsersView"):
            return help_info.VIEW_TOKENS["full"]
        return None

    def process(self) -> None:
        p = self.params
        name = p.get("Name", None)
        _ = p.get("Path", None)  # provider-specific help: psbridge's providers document no cmdlets of their own
        categories = self._categories()
        if categories is not None and not categories & _COMMAND_CATEGORIES:
            for option in ("Parameter", "Component", "Role", "Functionality"):
                if p.get(option, None) is not None:
                    message = f"-{option} is not supported by the requested Help category."
                    raise _argument_error(message, "ArgumentException")
        if not name and any(p.get(option, None) for option in ("Category", "Component", "Role", "Functionality")):
            name = "*"  # a category (or component ...) alone lists every topic of it
        if not name:
            self.write_output(help_info.default_topic())  # pwsh's "default" HelpFile topic
            return
        text = str(name)
        wildcard = any(char in text for char in "*?[")
        topics: list[_Topic] = []
        seen: set[tuple[str, str]] = set()
        for topic in self._topics(text, exact=not wildcard):
            key = (topic.name.casefold(), topic.category)
            if key in seen or (categories is not None and topic.category.casefold() not in categories):
                continue
            seen.add(key)
            topics.append(topic)
            if not wildcard:
                break
        topics = [topic for topic in topics if self._classified(topic)]
        if not topics:
            if not wildcard:
                self.write_error(help_not_found(text))
            return
        if len(topics) == 1:
            self._write_one(topics[0])
            return
        if p.Online:
            raise _InvalidOperationError(
                "Multiple Help topics were found. Use only one Help topic with the -Online option.",
                error_id="InvalidOperation", category=ErrorCategory.InvalidOperation, command_name=_QUALIFIER,
            )  # fmt: skip
        for topic in topics:
            if p.get("Parameter", None) is not None and not self._matching_parameters(topic.full):
                continue
            self.write_output(topic.short())

    def _classified(self, topic: _Topic) -> bool:
        """-Component/-Role/-Functionality keep only topics that declare one matching (psbridge's have none)."""
        p = self.params
        for option in ("Component", "Role", "Functionality"):
            patterns = p.get(option, None)
            if patterns:
                declared = str(topic.full.get(option, "") or "")
                if not declared or not any(wildcard_regex(str(x)).match(declared) for x in patterns):
                    return False
        return True

    def _matching_parameters(self, help_object: PSObject) -> list[PSObject]:
        parameters = help_object.get("parameters")
        found: list[PSObject] = []
        items = parameters.get("parameter") if isinstance(parameters, PSObject) else None
        for pattern in self.params.Parameter or []:
            matcher = wildcard_regex(str(pattern))
            found.extend(item for item in items or [] if matcher.match(str(item.get("name", ""))))
        return found

    def _write_one(self, topic: _Topic) -> None:
        p = self.params
        help_object = topic.full
        if p.Online:
            self._online(topic.name, help_object)
            return
        if p.get("Parameter", None) is not None:
            found = self._matching_parameters(help_object)
            if not found:
                self.write_error(_argument_error(
                    "No parameter matches criteria System.String[].", "NoParmsFound", help_object))  # fmt: skip
                return
            for parameter in found:
                self._show(parameter)
            return
        self._show(help_info.with_view(help_object, self._view_token()))

    def _show(self, value: Any) -> None:
        self.write_output(value)

    def _online(self, name: str, help_object: PSObject) -> None:
        links = help_object.get("relatedLinks")
        uris = [str(link.get("uri", "")) for link in (links.get("navigationLink") if links else None) or []]
        uri = next((u for u in uris if u.startswith(("http://", "https://"))), None)
        if uri is None:
            raise _InvalidOperationError(
                "The online version of this Help topic cannot be displayed because the Internet address (URI) of "
                "the Help topic is not specified in the command code or in the help file for the command.",
                error_id="InvalidOperation", category=ErrorCategory.InvalidOperation, command_name=_QUALIFIER,
            )  # fmt: skip
        # pwsh opens the address in a browser; psbridge runs where there may be none, so it says where.
        raise _InvalidOperationError(
            f"psbridge does not open a browser: the online help of {name} is at {uri}",
            error_id="InvalidOperation", category=ErrorCategory.InvalidOperation, target_object=uri,
            command_name=_QUALIFIER,
        )  # fmt: skip


@register_cmdlet
class Help(GetHelp):
    """pwsh's ``help`` function: Get-Help with the full view by default, its text written as lines."""

    name = "help"
    spec = get_spec("Get-Help").with_changes(name="help")
    full_by_default = True

    def _show(self, value: Any) -> None:
        names = getattr(value, "pstypenames", ())
        if "HelpInfoShort" in names or "AliasHelpInfo" in names:
            self.write_output(value)  # pwsh's help pages only a topic; rows and aliases are small
            return
        from ...formatting.render import render_lines

        for line in render_lines([value]):
            self.write_output(line)
