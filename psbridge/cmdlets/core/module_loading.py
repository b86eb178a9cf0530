"""Finding, reading and loading script modules (what Import-Module, Get-Module, Remove-Module and
New-Module share).

Discovery is pwsh's on Linux: a name is looked up in each folder of ``$env:PSModulePath``
(``~/.local/share/powershell/Modules``, ``/usr/local/share/powershell/Modules``,
``$PSHOME/Modules`` when the variable is unset) as ``Name/Name.psd1`` or ``Name/Name.psm1``, or
``Name/<version>/Name.psd1`` (the highest version that fits); a path names a ``.psm1``, a
``.psd1`` or a module folder.  A manifest is read without running code: only a hashtable of
constants, arrays and nested hashtables is accepted (the restricted language pwsh evaluates
manifests in), with ``$true``, ``$false``, ``$null`` and ``$PSScriptRoot``.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...errors import ErrorCategory
from ...language.engine.modules import PSModuleInfo
from ..common.errors import CmdletError, cmdlet_error

if TYPE_CHECKING:
    from ...language.engine.context import ExecutionContext
    from ...runtime.cmdlet import Cmdlet
    from ...runtime.scopes import Scope

__all__ = [
    "MODULE_EXTENSIONS",
    "ImportOptions",
    "find_module_file",
    "import_members",
    "list_available",
    "load_module",
    "module_not_found",
    "module_paths",
    "read_manifest",
    "remove_module",
]

MODULE_EXTENSIONS = (".psd1", ".psm1")
_VERSION_FOLDER = re.compile(r"^\d+(\.\d+){1,3}$")


def module_not_found(name: str, version: Any = None) -> CmdletError:
    if version:
        message = (
            f"The specified module '{name}' with version '{version}' was not loaded because no valid module file "
            "was found in any module directory."
        )
    else:
        message = (
            f"The specified module '{name}' was not loaded because no valid module file was found in any module "
            "directory."
        )
    return cmdlet_error(
        message, "Modules_ModuleNotFound", ErrorCategory.ResourceUnavailable, "System.IO.FileNotFoundException",
        target_object=name,
    )  # fmt: skip


def module_paths() -> list[str]:
    """``$env:PSModulePath``'s folders, or pwsh's Linux defaults when it is unset."""
    value = os.environ.get("PSModulePath")  # noqa: SIM112 (pwsh's own spelling; Linux names are case-sensitive)
    if value is None:
        home = os.path.expanduser("~")
        return [
            os.path.join(home, ".local", "share", "powershell", "Modules"),
            "/usr/local/share/powershell/Modules",
            os.path.join(sys.prefix, "Modules"),
        ]
    return [part for part in value.split(os.pathsep) if part]


def _version(text: Any) -> tuple[int, ...]:
    return tuple(int(part) for part in str(text).split(".") if part.isdigit())


def version_fits(version: Any, bounds: dict[str, Any]) -> bool:
    have = _version(version)
    required, minimum, maximum = (bounds.get(key) for key in ("RequiredVersion", "MinimumVersion", "MaximumVersion"))
    if required and _pad(_version(required)) != _pad(have):
        return False
    if minimum and _pad(have) < _pad(_version(minimum)):
        return False
    return not (maximum and _pad(have) > _pad(_version(str(maximum).replace("*", "999999"))))


def _pad(version: tuple[int, ...]) -> tuple[int, ...]:
    return (*version, 0, 0, 0, 0)[:4]


def _in_folder(folder: str, name: str, bounds: dict[str, Any]) -> str | None:
    """``folder/name.psd1|psm1``, or the highest fitting ``folder/<version>/name.psd1|psm1``."""
    versions = []
    try:
        entries = os.listdir(folder)
    except OSError:
        return None
    for entry in entries:
        if _VERSION_FOLDER.match(entry) and os.path.isdir(os.path.join(folder, entry)):
            versions.append(entry)
    for entry in sorted(versions, key=_version, reverse=True):
        if bounds and not version_fits(entry, bounds):
            continue
        found = _file_in(os.path.join(folder, entry), name)
        if found is not None:
            return found
    return _file_in(folder, name)


def _file_in(folder: str, name: str) -> str | None:
    for extension in MODULE_EXTENSIONS:
        candidate = os.path.join(folder, name + extension)
        if os.path.isfile(candidate):
            return candidate
    return None


def is_module_path(name: str) -> bool:
    return (
        "/" in name
        or "\\" in name
        or name.casefold().endswith((*MODULE_EXTENSIONS, ".dll", ".ps1"))
        or name in (".", "..")
    )


def find_module_file(name: str, base: str, bounds: dict[str, Any]) -> str | None:
    """The module file ``name`` (a path, relative to ``base``, or a name looked up in the module path)."""
    if is_module_path(name):
        path = os.path.abspath(os.path.join(base, os.path.expanduser(name.replace("\\", "/"))))
        if os.path.isfile(path):
            return path if path.casefold().endswith(MODULE_EXTENSIONS) else None
        if os.path.isdir(path):
            return _in_folder(path, os.path.basename(path.rstrip("/")), bounds)
        return _file_in(os.path.dirname(path), os.path.basename(path))
    for folder in module_paths():
        candidate = os.path.join(folder, name)
        if os.path.isdir(candidate):
            found = _in_folder(candidate, name, bounds)
            if found is not None:
                return found
        else:  # the folder's name may differ in case
            try:
                entries = os.listdir(folder)
            except OSError:
                continue
            for entry in entries:
                if entry.casefold() == name.casefold() and os.path.isdir(os.path.join(folder, entry)):
                    found = _in_folder(os.path.join(folder, entry), entry, bounds)
                    if found is not None:
                        return found
    return None


# -- manifests ---------------------------------------------------------------------------------------
class ManifestError(Exception):
    """The manifest is no data file (a command, an operator or a variable pwsh's restricted language refuses)."""


_ALLOWED_VARIABLES = {"true", "false", "null", "psscriptroot", "psedition", "enabledexperimentalfeatures"}


def read_manifest(path: str, context: ExecutionContext) -> dict[str, Any]:
    """A ``.psd1``'s hashtable, keys as written; its code is checked first and never runs commands."""
    from ...language import ast
    from ...language.engine.scriptblock import CompiledScriptBlock
    from ...language.parser import parse
    from ...language.script_file import read_script_file
    from ...runtime.scopes import Scope

    tree = parse(read_script_file(path), file=path)
    allowed = (
        ast.ScriptBlockAst, ast.NamedBlockAst, ast.StatementBlockAst, ast.PipelineAst, ast.CommandExpressionAst,
        ast.HashtableAst, ast.ConstantExpressionAst, ast.ExpandableStringExpressionAst, ast.ArrayLiteralAst,
        ast.ArrayExpressionAst, ast.ParenExpressionAst, ast.UnaryExpressionAst, ast.VariableExpressionAst,
    )  # fmt: skip
    for node in tree.find_all(lambda _node: True):
        if not isinstance(node, allowed):
            raise ManifestError(node.extent.text)
        if (
            isinstance(node, ast.VariableExpressionAst)
            and str(node.variable_path.user_path).casefold() not in _ALLOWED_VARIABLES
        ):
            raise ManifestError(node.extent.text)
    statements = [node for node in tree.find_all(lambda n: isinstance(n, ast.HashtableAst), False)]
    if not statements:
        raise ManifestError(path)
    compiled = CompiledScriptBlock(tree)
    scope = Scope(context.global_scope)
    scope.set("PSScriptRoot", os.path.dirname(path))
    output: list[Any] = []
    for block in compiled.blocks:
        compiled.run(block, scope, output.append, context)
    if len(output) != 1 or not hasattr(output[0], "items"):
        raise ManifestError(path)
    return {str(key): value for key, value in output[0].items()}


def manifest_value(manifest: dict[str, Any], key: str) -> Any:
    for name, value in manifest.items():
        if name.casefold() == key.casefold():
            return value
    return None


def _names(value: Any) -> list[str] | None:
    if value is None:
        return None
    items = value if isinstance(value, list | tuple) else [value]
    return [str(item) for item in items]


def invalid_manifest(path: str, detail: str) -> CmdletError:
    return cmdlet_error(
        f"The module manifest '{path}' could not be processed because it is not a valid PowerShell module manifest "
        f"file. Remove the elements that are not permitted: {detail}",
        "Modules_InvalidManifest",
        ErrorCategory.ResourceUnavailable,
        "System.Management.Automation.PSInvalidOperationException",
        target_object=path,
    )


# -- loading -------------------------------------------------------------------------------------------
class ImportOptions:
    """What Import-Module was asked for, as module loading needs it."""

    def __init__(
        self,
        *,
        functions: list[str] | None = None,
        variables: list[str] | None = None,
        aliases: list[str] | None = None,
        cmdlets: list[str] | None = None,
        prefix: str = "",
        arguments: list[Any] | None = None,
        force: bool = False,
        no_clobber: bool = False,
        local: bool = False,
        target: Scope | None = None,
        output: Callable[[Any], None] | None = None,
    ) -> None:
        self.functions, self.variables, self.aliases, self.cmdlets = functions, variables, aliases, cmdlets
        self.prefix = prefix
        self.arguments = arguments or []
        self.force = force
        self.no_clobber = no_clobber
        self.local = local
        self.target = target
        self.output = output


def load_module(cmdlet: Cmdlet, path: str, options: ImportOptions, nested: bool = False) -> PSModuleInfo:
    """Load the module file at ``path`` (run its script in a new module scope, or read its manifest
    and load what it names) and return it; the caller imports its members."""
    from ...language.engine.context import context_of

    context = context_of(cmdlet.runspace)
    cmdlet.write_verbose(f"Loading module from path '{path}'.")
    if path.casefold().endswith(".psd1"):
        return _load_manifest(cmdlet, context, path, options)
    name = os.path.splitext(os.path.basename(path))[0]
    module = PSModuleInfo(name, path, "Script")
    run_module_script(cmdlet, context, module, path, options.arguments, options.output)
    return module


def run_module_script(
    cmdlet: Cmdlet,
    context: ExecutionContext,
    module: PSModuleInfo,
    path: str,
    arguments: list[Any],
    output: Callable[[Any], None] | None,
) -> None:
    """Run a ``.psm1`` in the module's new scope (``$args`` the argument list, ``$PSScriptRoot`` its folder)."""
    from ...language.engine.commands import ExternalScriptInfo
    from ...language.script_file import read_script_file

    compiled = ExternalScriptInfo.compile(read_script_file(path), path)
    run_in_module(context, module, compiled, arguments, output, path)


def run_in_module(
    context: ExecutionContext,
    module: PSModuleInfo,
    compiled: Any,
    arguments: list[Any],
    output: Callable[[Any], None] | None,
    path: str | None = None,
) -> None:
    """Run a compiled script as the body of ``module`` in a new session state, then work out its
    default exports."""
    scope = module.new_session_state(context)
    _run_prepared(context, module, scope, compiled, arguments, output, path)


def _load_manifest(cmdlet: Cmdlet, context: ExecutionContext, path: str, options: ImportOptions) -> PSModuleInfo:
    from ...conversion.version import Version

    try:
        manifest = read_manifest(path, context)
    except ManifestError as error:
        cmdlet.throw_terminating_error(invalid_manifest(path, str(error)))
        raise  # not reached
    name = os.path.splitext(os.path.basename(path))[0]
    version_text = manifest_value(manifest, "ModuleVersion")
    if version_text is None:
        cmdlet.throw_terminating_error(
            cmdlet_error(
                f"The member 'ModuleVersion' is not present in the module manifest. This member must exist and be "
                f"assigned a version number of the form 'n.n.n.n'. Add the missing member to the file '{path}'.",
                "Modules_InvalidManifest",
                ErrorCategory.ResourceUnavailable,
                "System.Management.Automation.PSInvalidOperationException",
                target_object=path,
            )
        )
    version = Version.parse(str(version_text))
    base = os.path.dirname(path)
    for required in _names_or_specs(manifest_value(manifest, "RequiredModules")):
        _require(cmdlet, required, base)
    root = manifest_value(manifest, "RootModule") or manifest_value(manifest, "ModuleToProcess")
    module: PSModuleInfo
    nested_names = _names_or_specs(manifest_value(manifest, "NestedModules"))
    nested_options = ImportOptions(output=options.output)
    if root:
        root_path = find_module_file(str(root), base, {})
        if root_path is None:
            cmdlet.throw_terminating_error(module_not_found(str(root)))
            raise AssertionError  # not reached
        module = PSModuleInfo(name, path, "Script", version)
        # the nested modules load into the root module's session state, before the root module runs
        scope = module.new_session_state(context)
        nested_modules = _load_nested(cmdlet, nested_names, base, nested_options, scope)
        module.path = root_path
        if root_path.casefold().endswith(".psd1"):
            inner = _load_manifest(cmdlet, context, root_path, options)
            module.functions, module.variables, module.aliases = inner.functions, inner.variables, inner.aliases
            module.scope = inner.scope
        else:
            from ...language.engine.commands import ExternalScriptInfo
            from ...language.script_file import read_script_file

            compiled = ExternalScriptInfo.compile(read_script_file(root_path), root_path)
            _run_prepared(context, module, scope, compiled, options.arguments, options.output, root_path)
        module.nested = nested_modules
    else:
        module = PSModuleInfo(name, path, "Manifest", version)
        scope = module.new_session_state(context)
        module.nested = _load_nested(cmdlet, nested_names, base, nested_options, scope)
        module.explicit_exports = True
        for inner in module.nested:
            module.functions.update(inner.functions)
            module.variables.update(inner.variables)
            module.aliases.update(inner.aliases)
    module.module_base = base
    module.description = str(manifest_value(manifest, "Description") or "")
    module.compatible_editions = _names(manifest_value(manifest, "CompatiblePSEditions")) or []
    module.author = str(manifest_value(manifest, "Author") or "")
    guid = manifest_value(manifest, "GUID")
    if guid:
        module.guid = str(guid)
    private = manifest_value(manifest, "PrivateData")
    module.private_data = private
    psdata = manifest_value(private, "PSData") if isinstance(private, dict) or hasattr(private, "items") else None
    if psdata is not None and hasattr(psdata, "items"):
        module.prerelease = str(manifest_value(dict(psdata.items()), "Prerelease") or "")
    module.filter_exports(
        manifest_value(manifest, "FunctionsToExport"),
        manifest_value(manifest, "VariablesToExport"),
        manifest_value(manifest, "AliasesToExport"),
    )
    return module


def _run_prepared(
    context: ExecutionContext,
    module: PSModuleInfo,
    scope: Any,
    compiled: Any,
    arguments: list[Any],
    output: Callable[[Any], None] | None,
    path: str | None,
) -> None:
    """Run a module's script in its session state (where its nested modules may be loaded already)."""
    from ...conversion.typenames import USING_NAMESPACES
    from ...language.engine.flow import ExitException
    from ...runtime.scopes import PSVariable

    variables = scope.variables
    if compiled.parameters:
        # -ArgumentList binds the module script's param() by position, the rest are $args
        bound: dict[str, Any] = {}
        for parameter, value in zip(compiled.parameters, arguments, strict=False):
            for convert in parameter.constraint():
                value = convert(value)
            bound[parameter.name] = value
        compiled.bind_variables(scope, bound, list(arguments[len(compiled.parameters) :]), context)
    else:
        variables["args"] = PSVariable("args", list(arguments))
    if path:
        variables["psscriptroot"] = PSVariable("PSScriptRoot", os.path.dirname(path))
        variables["pscommandpath"] = PSVariable("PSCommandPath", path)
        variables["myinvocation"] = PSVariable("MyInvocation", _module_invocation(module, path))
    sink = output or (lambda _value: None)
    using = USING_NAMESPACES.set(compiled.namespaces)
    try:
        for block in compiled.blocks:
            compiled.run(block, scope, sink, context)
    except ExitException as exit_:
        context.global_scope.set("LASTEXITCODE", exit_.code)  # `exit` ends the module script only
    finally:
        USING_NAMESPACES.reset(using)
    module.default_exports()


def _module_invocation(module: PSModuleInfo, path: str) -> Any:
    """``$MyInvocation`` at a module script's top level, as far as modules use it: its command is
    the script, whose ``ScriptBlock.Module`` is the module (the ``OnRemove`` idiom)."""
    from ...objects import PSObject
    from ...objects.psobject import dotnet_object

    block = PSObject([("Module", module), ("File", path)])
    command = dotnet_object(
        ["System.Management.Automation.ExternalScriptInfo", "System.Management.Automation.CommandInfo"],
        {"Name": os.path.basename(path), "CommandType": "ExternalScript", "Path": path, "Source": path,
         "ScriptBlock": block, "Module": module},
    )  # fmt: skip
    return PSObject(
        [("MyCommand", command), ("ScriptName", path), ("PSScriptRoot", os.path.dirname(path)),
         ("PSCommandPath", path), ("InvocationName", path)]
    )  # fmt: skip


def _names_or_specs(value: Any) -> list[tuple[str, dict[str, Any]]]:
    if value is None:
        return []
    items = value if isinstance(value, list | tuple) else [value]
    found: list[tuple[str, dict[str, Any]]] = []
    for item in items:
        if hasattr(item, "items"):
            table = {str(key).casefold(): entry for key, entry in item.items()}
            bounds = {
                "MinimumVersion": table.get("moduleversion"),
                "RequiredVersion": table.get("requiredversion"),
                "MaximumVersion": table.get("maximumversion"),
            }
            found.append((str(table.get("modulename", "")), {k: v for k, v in bounds.items() if v}))
        else:
            found.append((str(item), {}))
    return found


def _load_nested(
    cmdlet: Cmdlet, names: list[tuple[str, dict[str, Any]]], base: str, options: ImportOptions, scope: Scope
) -> list[PSModuleInfo]:
    """Each nested module, loaded and its exports imported into the parent module's scope."""
    loaded = []
    for name, bounds in names:
        path = find_module_file(name, base, bounds)
        if path is None and not is_module_path(name):
            path = find_module_file(os.path.join(".", name), base, bounds)
        if path is None:
            cmdlet.throw_terminating_error(module_not_found(name))
            raise AssertionError  # not reached
        inner = load_module(cmdlet, path, options, nested=True)
        import_members(cmdlet, inner, ImportOptions(target=scope))
        loaded.append(inner)
    return loaded


def _require(cmdlet: Cmdlet, spec: tuple[str, dict[str, Any]], base: str) -> None:
    """A RequiredModules entry: already loaded, built in, or found and imported into the global scope."""
    from ...language.engine.context import context_of
    from .import_module import built_in_module

    name, bounds = spec
    context = context_of(cmdlet.runspace)
    for module in context.module_table.values():
        if module.name.casefold() == name.casefold():
            return
    if built_in_module(name) is not None:
        return
    path = find_module_file(name, base, bounds)
    if path is None:
        cmdlet.throw_terminating_error(module_not_found(name))
        raise AssertionError  # not reached
    module = load_module(cmdlet, path, ImportOptions())
    register(context, module)
    import_members(cmdlet, module, ImportOptions(target=context.global_scope))


def register(context: ExecutionContext, module: PSModuleInfo) -> None:
    context.module_table[module.path.casefold() or module.name.casefold()] = module


def _prefixed(name: str, prefix: str) -> str:
    if not prefix:
        return name
    verb, dash, noun = name.partition("-")
    return f"{verb}-{prefix}{noun}" if dash else f"{prefix}{name}"


def import_members(cmdlet: Cmdlet, module: PSModuleInfo, options: ImportOptions) -> None:
    """Copy the module's exports into the target scope (ModuleCmdletBase.ImportModuleMembers): all of
    them when no -Function/-Variable/-Alias/-Cmdlet list was given, else those each list matches."""
    from ...language.engine.functions import FunctionInfo
    from ..common.semantics import wildcard_regex

    target = options.target
    if target is None:
        return
    no_patterns = all(
        value is None for value in (options.functions, options.variables, options.aliases, options.cmdlets)
    )

    def wanted(name: str, patterns: list[str] | None) -> bool:
        if patterns is None:
            return no_patterns
        return any(wildcard_regex(pattern).match(name) for pattern in patterns)

    renamed: dict[str, str] = {}
    prefix = options.prefix
    for key, info in module.functions.items():
        if not wanted(info.name, options.functions):
            continue
        name = _prefixed(info.name, prefix)
        if options.no_clobber and _command_found(target, name):
            cmdlet.write_verbose(
                f"The function '{name}' was not imported because there is a member with the same name in the "
                "current scope."
            )
            continue
        renamed[key] = name
        imported = info if name == info.name else FunctionInfo(name, info.script_block, info.is_filter, info.module)
        target.set_function(name, imported)
        module.imported.append((target, "function", name.casefold(), imported))
        cmdlet.write_verbose(f"Importing function '{name}'.")
    for key, variable in module.variables.items():
        if not wanted(variable.name, options.variables):
            continue
        target.variables[key] = variable
        module.imported.append((target, "variable", key, variable))
        cmdlet.write_verbose(f"Importing variable '{variable.name}'.")
    for name, definition in module.aliases.items():
        if not wanted(name, options.aliases):
            continue
        alias = _prefixed(name, prefix)
        if options.no_clobber and _command_found(target, alias):
            cmdlet.write_verbose(
                f"The alias '{alias}' was not imported because there is a member with the same name in the "
                "current scope."
            )
            continue
        points_to = renamed.get(definition.casefold(), definition)
        target.set_alias(alias, points_to)
        module.imported.append((target, "alias", alias.casefold(), points_to))
        cmdlet.write_verbose(f"Importing alias '{alias}'.")
    if prefix:
        module.prefix = prefix


def _command_found(scope: Scope, name: str) -> bool:
    """-NoClobber: whether ``name`` already runs something from ``scope`` (a function, an alias, a cmdlet)."""
    from ...runtime.commands import resolve_cmdlet

    if scope.find_function(name) is not None or scope.find_alias(name):
        return True
    try:
        resolve_cmdlet(name)
    except Exception:
        return False
    return True


def remove_module(cmdlet: Cmdlet, module: PSModuleInfo) -> None:
    """Run the module's OnRemove, take away what Import-Module put in scopes (when it is still there)
    and forget the module."""
    from ...language.engine.context import context_of

    context = context_of(cmdlet.runspace)
    on_remove = module.on_remove
    if on_remove is not None and hasattr(on_remove, "invoke"):
        on_remove.invoke(module)
    for scope, kind, key, thing in module.imported:
        if kind == "function" and scope.functions is not None and scope.functions.get(key) is thing:
            del scope.functions[key]
        elif kind == "variable" and scope.variables.get(key) is thing:
            del scope.variables[key]
        elif kind == "alias" and scope.aliases is not None and scope.aliases.get(key) == thing:
            del scope.aliases[key]
    module.imported.clear()
    for inner in module.nested:
        remove_module(cmdlet, inner)
    for table_key, loaded in list(context.module_table.items()):
        if loaded is module:
            del context.module_table[table_key]


# -- -ListAvailable ----------------------------------------------------------------------------------
def list_available(context: ExecutionContext) -> list[PSModuleInfo]:
    """Every module in the module path's folders, read (never run): a manifest's members, or a
    ``.psm1``'s top-level function definitions."""
    found: list[PSModuleInfo] = []
    for folder in module_paths():
        try:
            entries = sorted(os.listdir(folder), key=str.casefold)
        except OSError:
            continue
        for entry in entries:
            candidate = os.path.join(folder, entry)
            if not os.path.isdir(candidate):
                continue
            paths = []
            versions = [v for v in os.listdir(candidate) if _VERSION_FOLDER.match(v)]
            for version in sorted(versions, key=_version, reverse=True):
                path = _file_in(os.path.join(candidate, version), entry)
                if path is not None:
                    paths.append(path)
            path = _file_in(candidate, entry)
            if path is not None:
                paths.append(path)
            for path in paths:
                info = describe(context, path)
                if info is not None:
                    info.__class__ = ListedModuleInfo
                    found.append(info)
    return found


class ListedModuleInfo(PSModuleInfo):
    """A module -ListAvailable found: GetModuleCommand writes each with the ModuleInfoGrouping type
    name first, whose view groups by folder and shows PSEdition."""

    pstypenames = ("ModuleInfoGrouping", *PSModuleInfo.pstypenames)


def describe(context: ExecutionContext, path: str) -> PSModuleInfo | None:
    """A module file's PSModuleInfo without loading it."""
    from ...conversion.version import Version

    name = os.path.splitext(os.path.basename(path))[0]
    if path.casefold().endswith(".psm1"):
        info = PSModuleInfo(name, path, "Script")
        for function in _script_functions(path):
            info.functions[function.casefold()] = _Listed(function)
        return info
    try:
        manifest = read_manifest(path, context)
    except Exception:
        return None
    root = manifest_value(manifest, "RootModule") or manifest_value(manifest, "ModuleToProcess")
    version = manifest_value(manifest, "ModuleVersion") or "0.0"
    info = PSModuleInfo(name, path, "Script" if root else "Manifest", Version.parse(str(version)))
    info.description = str(manifest_value(manifest, "Description") or "")
    info.compatible_editions = _names(manifest_value(manifest, "CompatiblePSEditions")) or []
    private = manifest_value(manifest, "PrivateData")
    if hasattr(private, "items"):
        psdata = manifest_value(dict(private.items()), "PSData")
        if hasattr(psdata, "items"):
            info.prerelease = str(manifest_value(dict(psdata.items()), "Prerelease") or "")
    listed = _names(manifest_value(manifest, "FunctionsToExport"))
    if listed is None or any("*" in item or "?" in item for item in listed):
        names: list[str] = []
        if root:
            root_path = find_module_file(str(root), os.path.dirname(path), {})
            if root_path and root_path.casefold().endswith(".psm1"):
                names = _script_functions(root_path)
        if listed is not None:
            from ..common.semantics import wildcard_regex

            regexes = [wildcard_regex(item) for item in listed]
            names = [n for n in names if any(r.match(n) for r in regexes)]
    else:
        names = listed
    for function in names:
        info.functions[function.casefold()] = _Listed(function)
    for alias in _names(manifest_value(manifest, "AliasesToExport")) or []:
        if "*" not in alias:
            info.aliases[alias] = alias
    return info


class _Listed:
    """A function a module on disk exports, known by name only."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        return self.name


def _script_functions(path: str) -> list[str]:
    """A ``.psm1``'s top-level functions, those its Export-ModuleMember calls name when they name
    them as text (what pwsh's module analysis reads without running the module)."""
    from ...language import ast
    from ...language.parser import parse
    from ...language.script_file import read_script_file
    from ..common.semantics import wildcard_regex

    try:
        tree = parse(read_script_file(path), file=path)
    except Exception:
        return []
    names = [
        node.name
        for node in tree.find_all(lambda n: isinstance(n, ast.FunctionDefinitionAst), False)
        if isinstance(node, ast.FunctionDefinitionAst) and _top_level(node)
    ]
    exported: list[str] | None = None
    for call in tree.find_all(lambda n: isinstance(n, ast.CommandAst), False):
        assert isinstance(call, ast.CommandAst)
        elements = call.command_elements
        first = elements[0] if elements else None
        if not isinstance(first, ast.StringConstantExpressionAst) or first.value.casefold() != "export-modulemember":
            continue
        exported = exported or []
        taking = True  # the first positional argument is -Function
        for element in elements[1:]:
            if isinstance(element, ast.CommandParameterAst):
                taking = element.parameter_name.casefold() == "function"
                continue
            if not taking:
                continue
            for item in element.elements if isinstance(element, ast.ArrayLiteralAst) else [element]:
                if isinstance(item, ast.StringConstantExpressionAst):
                    exported.append(item.value)
            taking = False
    if exported is None:
        return names
    regexes = [wildcard_regex(pattern) for pattern in exported]
    return [name for name in names if any(regex.match(name) for regex in regexes)]


def _top_level(node: Any) -> bool:
    from ...language import ast

    parent = node.parent
    while parent is not None:
        if isinstance(parent, ast.FunctionDefinitionAst):
            return False
        parent = parent.parent
    return True
