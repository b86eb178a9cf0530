"""Get-Help's objects: a command's help as the properties pwsh's MamlCommandHelpInfo carries.

Three sources, as in pwsh's help providers:

* a cmdlet whose help ``Update-Help -SourcePath`` installed: the help store's copy of it
  (:mod:`.help_store`, converted from its platyPS doc by :mod:`psbridge.specs.help_data`);
* a script function with comment-based help (``.SYNOPSIS`` ...): :mod:`.comment_help`;
* any other command: the partial help pwsh generates from its parameters
  (DefaultCommandHelpObjectBuilder): NAME, SYNTAX, ALIASES, REMARKS (saying how to install help).

Every object is a :class:`~psbridge.objects.PSObject`, so ``(Get-Help Get-Thread).Synopsis``,
``.parameters.parameter`` and ``.examples.example`` read as they do in pwsh, and its type
names pick the view it prints with (:mod:`.help_text`).
"""

from __future__ import annotations

from typing import Any

from ...objects import PSObject
from ...specs.model import ALL_SETS, CmdletSpec
from .help_text import example_title, syntax_item_text

__all__ = [
    "VIEW_TOKENS",
    "alias_help",
    "command_help",
    "default_topic",
    "full_type_name",
    "help_data_of",
    "para_items",
    "partial_help_remarks",
    "script_help",
    "short_help",
    "spec_syntax",
    "syntax_help",
    "with_view",
]

_LINK = "MamlCommandHelpInfo#navigationLink"
_SWITCH = {"switchparameter", "system.management.automation.switchparameter"}

#: Get-Help's views by the switch that asks for them (HelpCommand's HelpView tokens).
VIEW_TOKENS = {"detailed": "DetailedView", "full": "FullView", "examples": "ExamplesView"}


def para_items(texts: list[str]) -> list[PSObject]:
    """Description paragraphs as MamlParaTextItem objects (``.Text``)."""
    return [PSObject({"Text": text}, type_names=["MamlParaTextItem"]) for text in texts]


def help_data_of(name: str, module: str) -> dict[str, Any] | None:
    """The help Update-Help installed for the cmdlet ``name`` of ``module`` (None: partial help).
    Read at each call: an Update-Help earlier in the session shows at once."""
    from .help_store import installed_help

    return installed_help(module, name)


#: pwsh's own modules name a HelpInfoUri in their manifests (the Core snap-in always counts), so their
#: partial help says how to get the real one; PSOpenAI's manifest names none, and pwsh says "None".
_MODULES_WITH_HELP_INFO_URI = ("microsoft.powershell.core", "microsoft.powershell.management",
                               "microsoft.powershell.utility")  # fmt: skip


def partial_help_remarks(module: str) -> str:
    """REMARKS of the help pwsh generates for a command of ``module`` whose help is not installed
    (DefaultCommandHelpObjectBuilder; psbridge's specs carry no HelpUri, so the form without one)."""
    if module.casefold() not in _MODULES_WITH_HELP_INFO_URI:
        return "None"
    return (
        "Get-Help cannot find the Help files for this cmdlet on this computer. It is displaying only partial help.\n"
        "    -- To download and install Help files for the module that includes this cmdlet, use Update-Help."
    )


def _is_switch(type_name: str | None) -> bool:
    return (type_name or "").casefold() in _SWITCH


def _details(name: str, synopsis: list[str]) -> PSObject:
    verb, _dash, noun = name.partition("-")
    return PSObject(
        {"name": name, "description": para_items(synopsis), "verb": verb if noun else "", "noun": noun},
        type_names=["MamlCommandHelpInfo#details"],
    )


def _parameter_object(entry: dict[str, Any]) -> PSObject:
    type_name = str(entry.get("type") or "Object")
    return PSObject(
        {
            "name": entry["name"],
            "required": "true" if entry.get("required") else "false",
            "position": str(entry.get("position", "named")),
            "defaultValue": str(entry.get("default", "None")),
            "pipelineInput": str(entry.get("pipeline", "False")),
            "globbing": "true" if entry.get("wildcards") else "false",
            "aliases": str(entry.get("aliases", "none")),
            "description": para_items(list(entry.get("description") or [])),
            "type": PSObject({"name": type_name}, type_names=["MamlCommandHelpInfo#type"]),
            "parameterValue": type_name,
            "parameterValueRequired": "false" if _is_switch(type_name) else "true",
        },
        type_names=["MamlCommandHelpInfo#parameter"],
    )


def _syntax_object(items: list[PSObject]) -> PSObject:
    return PSObject({"syntaxItem": items}, type_names=["MamlCommandHelpInfo#syntax"])


def _syntax_item(name: str, parameters: list[PSObject], common: bool = True) -> PSObject:
    return PSObject(
        {"name": name, "parameter": parameters, "CommonParameters": common},
        type_names=["MamlCommandHelpInfo#syntaxItem"],
    )


def _typed(entries: list[dict[str, Any]], kind: str) -> PSObject:
    objects = [
        PSObject(
            {
                "type": PSObject({"name": entry.get("type", "")}, type_names=["MamlCommandHelpInfo#type"]),
                "description": para_items(list(entry.get("description") or [])),
            },
            type_names=[f"MamlCommandHelpInfo#{kind}"],
        )
        for entry in entries
    ]
    return PSObject({kind: objects}, type_names=[f"MamlCommandHelpInfo#{kind}s"])


def _help_object(
    name: str,
    category: str,
    module: str,
    data: dict[str, Any],
    syntax_items: list[PSObject],
    *,
    common: bool = True,
    titled: bool = False,
) -> PSObject:
    """A MamlCommandHelpInfo from help data (the committed JSON's shape); ``titled``: the examples'
    titles are made already (comment-based help's ``EXAMPLE n`` rules)."""
    parameters = [_parameter_object(entry) for entry in data.get("parameters", [])]
    examples = [
        PSObject(
            {
                "title": str(example.get("title", "")) if titled else example_title(str(example.get("title", ""))),
                "introduction": [PSObject({"Text": example["prompt"]})] if example.get("prompt") else [],
                "code": str(example.get("code", "")),
                "remarks": para_items(list(example.get("remarks") or [])),
            },
            type_names=["MamlCommandHelpInfo#example"],
        )
        for example in data.get("examples", [])
    ]
    notes = list(data.get("notes") or [])
    links = [
        PSObject({"linkText": link.get("text", ""), "uri": link.get("uri", "")}, type_names=[_LINK])
        for link in data.get("links", [])
    ]
    alerts = [PSObject({"title": "", "alert": para_items(notes)}, type_names=["MamlCommandHelpInfo#alertSet"])]
    synopsis = str(data.get("synopsis", ""))
    result = PSObject(
        {
            "details": _details(name, [synopsis] if synopsis else []),
            "description": para_items(list(data.get("description") or [])),
            "parameters": PSObject({"parameter": parameters}, type_names=["MamlCommandHelpInfo#parameters"]),
            "syntax": _syntax_object(syntax_items),
            "inputTypes": _typed(list(data.get("inputs") or []), "inputType"),
            "returnValues": _typed(list(data.get("outputs") or []), "returnValue"),
            "alertSet": alerts if notes else None,
            "examples": PSObject({"example": examples}, type_names=["MamlCommandHelpInfo#examples"]),
            "relatedLinks": PSObject({"navigationLink": links}, type_names=["MamlCommandHelpInfo#relatedLinks"]),
            "Name": name,
            "Category": category,
            "Synopsis": synopsis,
            "Component": data.get("component"),
            "Role": data.get("role"),
            "Functionality": data.get("functionality"),
            "ModuleName": module,
            "CommonParameters": common,
        },
        type_names=["MamlCommandHelpInfo", "HelpInfo"],
    )
    return result


def _maml_order(parameter_set: list[str], order: dict[str, int], by_name: dict[str, Any]) -> list[str]:
    """platyPS's MAML syntax order: the positional parameters by position, then the rest in the order
    the doc's PARAMETERS section gives them."""

    def key(flagged: str) -> tuple[int, int, int]:
        bare = flagged.lstrip("!#").casefold()
        if "#" in flagged[: len(flagged) - len(bare)]:
            position = str(by_name.get(bare, {}).get("position", "named"))
            return (0, int(position) if position.isdigit() else 0, 0)
        return (1, 0, order.get(bare, len(order)))

    return sorted(parameter_set, key=key)


def _maml_syntax(name: str, data: dict[str, Any]) -> list[PSObject]:
    by_name = {str(entry["name"]).casefold(): entry for entry in data.get("parameters", [])}
    order = {folded: index for index, folded in enumerate(by_name)}
    items = []
    for parameter_set in data.get("syntax", []):
        parameters = []
        for flagged in _maml_order(list(parameter_set), order, by_name):
            bare = flagged.lstrip("!#")
            flags = flagged[: len(flagged) - len(bare)]
            entry = by_name.get(bare.casefold(), {})
            type_name = entry.get("type")
            position = str(entry.get("position", "named"))
            parameters.append(
                PSObject(
                    {
                        "name": bare,
                        "required": "true" if "!" in flags else "false",
                        "position": (position if position != "named" else "0") if "#" in flags else "named",
                        "parameterValue": None if _is_switch(type_name) else (type_name or "Object"),
                        "parameterValueGroup": list(entry.get("values") or []),
                    },
                    type_names=["MamlCommandHelpInfo#parameter"],
                )
            )
        items.append(_syntax_item(name, parameters))
    return items


def command_help(name: str, module: str, category: str, spec: CmdletSpec | None, aliases: str = "") -> PSObject:
    """The help of a psbridge cmdlet: from its doc when it has one, else generated from its spec."""
    data = help_data_of(name, module)
    if data is None:
        return syntax_help(name, category, module, spec, aliases=aliases, remarks=partial_help_remarks(module))
    return _help_object(name, category, module, data, _maml_syntax(name, data))


# -- generated help (DefaultCommandHelpObjectBuilder) -----------------------------------------------------
def _short_type(type_name: str) -> str:
    suffix = ""
    while type_name.endswith("[]"):
        type_name, suffix = type_name[:-2], suffix + "[]"
    return type_name.rsplit(".", 1)[-1] + suffix


def spec_syntax(name: str, spec: CmdletSpec | None, *, common: bool = True, declared: bool = False) -> list[PSObject]:
    """Syntax items in pwsh's display order: positionals by position, then mandatory named, then the rest
    (``declared``: HelpCommentsParser's, the parameters as declared with positions counted from 1)."""
    if spec is None:
        return [_syntax_item(name, [], common)]
    from .command_info import _set_names

    items = []
    for set_name in _set_names(spec):
        positional: list[tuple[int, PSObject]] = []
        mandatory: list[PSObject] = []
        optional: list[PSObject] = []
        for parameter in spec.parameters.values():
            info = parameter.sets.get(set_name) or parameter.sets.get(ALL_SETS)
            if info is None or getattr(parameter, "hidden", False):
                continue
            values = list(getattr(parameter, "accepted_values", None) or [])
            item = PSObject(
                {
                    "name": parameter.name,
                    "required": "true" if info.mandatory else "false",
                    "position": "named" if info.position is None else str(info.position + int(declared)),
                    "parameterValue": None if _is_switch(parameter.type) else _short_type(parameter.type),
                    "parameterValueGroup": values,
                },
                type_names=["ExtendedCmdletHelpInfo#parameter"],
            )
            if declared:
                optional.append(item)
            elif info.position is not None:
                positional.append((info.position, item))
            elif info.mandatory:
                mandatory.append(item)
            else:
                optional.append(item)
        ordered = [item for _position, item in sorted(positional, key=lambda pair: pair[0])] + mandatory + optional
        items.append(_syntax_item(name, ordered, common))
    return items


_FULL_NAMES = {
    "object": "System.Object", "psobject": "System.Management.Automation.PSObject",
    "hashtable": "System.Collections.Hashtable", "scriptblock": "System.Management.Automation.ScriptBlock",
    "switchparameter": "System.Management.Automation.SwitchParameter",
    "securestring": "System.Security.SecureString", "pscustomobject": "System.Management.Automation.PSObject",
}  # fmt: skip


def full_type_name(type_name: str) -> str:
    """The .NET full name pwsh's generated help prints (``String[]`` -> ``System.String[]``)."""
    bare = type_name.rstrip("[]")
    suffix = type_name[len(bare) :]
    if "." in bare:
        return type_name
    return _FULL_NAMES.get(bare.casefold(), f"System.{bare}") + suffix


def _generated_types(spec: CmdletSpec | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """DefaultCommandHelpObjectBuilder's INPUTS (the pipeline parameters' types, one entry) and OUTPUTS."""
    if spec is None:
        return [], []
    names: list[str] = []
    for parameter in spec.parameters.values():
        sets = parameter.sets.values()
        if any(info.value_from_pipeline or info.value_from_pipeline_by_property_name for info in sets):
            full = full_type_name(parameter.type)
            if full not in names:
                names.append(full)
    inputs = [{"type": "\n".join(names)}] if names else []
    outputs = [{"type": "\n".join(full_type_name(t) for t in spec.outputs)}] if spec.outputs else []
    return inputs, outputs


def _pipeline_text(infos: list[Any]) -> str:
    """GetPipelineInputString: ``false`` or ``true (ByValue, ByPropertyName)``."""
    kinds = []
    if any(info.value_from_pipeline for info in infos):
        kinds.append("ByValue")
    if any(info.value_from_pipeline_by_property_name for info in infos):
        kinds.append("ByPropertyName")
    if any(info.value_from_remaining_arguments for info in infos):
        kinds.append("FromRemainingArguments")
    return f"true ({', '.join(kinds)})" if kinds else "false"


def _generated_parameters(spec: CmdletSpec | None) -> list[PSObject]:
    """DefaultCommandHelpObjectBuilder's parameters: each one's attributes from its metadata."""
    if spec is None:
        return []
    objects = []
    for parameter in spec.parameters.values():
        if getattr(parameter, "hidden", False):
            continue
        infos = list(parameter.sets.values())
        first = infos[0] if infos else None
        position = getattr(first, "position", None)
        sets = ", ".join(parameter.sets) if ALL_SETS not in parameter.sets else "(All)"
        objects.append(
            PSObject(
                {
                    "name": parameter.name,
                    "required": "true" if getattr(first, "mandatory", False) else "false",
                    "pipelineInput": _pipeline_text(infos),
                    "isDynamic": "false",
                    "globbing": "true" if parameter.wildcards else "false",
                    "parameterSetName": sets,
                    "description": "",
                    "position": "Named" if position is None else str(position),
                    "aliases": ", ".join(parameter.aliases) or "None",
                    "type": PSObject({"name": full_type_name(parameter.type)}),
                    "parameterValue": _short_type(parameter.type),
                    "parameterValueRequired": "false" if _is_switch(parameter.type) else "true",
                },
                type_names=["ExtendedCmdletHelpInfo#parameter"],
            )
        )
    return objects


def syntax_help(
    name: str, category: str, module: str, spec: CmdletSpec | None, *, common: bool = True, aliases: str = "",
    remarks: str = "None",
) -> PSObject:
    """The help pwsh makes for a command without any (partial help): NAME, SYNTAX, ALIASES, REMARKS."""
    items = spec_syntax(name, spec, common=common)
    inputs, outputs = _generated_types(spec)
    return PSObject(
        {
            "inputTypes": _typed(inputs, "inputType"),
            "returnValues": _typed(outputs, "returnValue"),
            "parameters": PSObject(
                {"parameter": _generated_parameters(spec)}, type_names=["ExtendedCmdletHelpInfo#parameters"]
            ),
            "CommonParameters": common,
            "details": _details(name, []),
            "Name": name,
            "Category": category,
            "Synopsis": "\n".join(syntax_item_text(item) for item in items) + "\n",
            "syntax": _syntax_object(items),
            "aliases": aliases or "None",
            "remarks": remarks,
            "ModuleName": module,
            "Component": None,
            "Role": None,
            "Functionality": None,
        },
        type_names=["ExtendedCmdletHelpInfo", "HelpInfo"],
    )


def script_help(name: str, category: str, data: dict[str, Any], spec: CmdletSpec | None, common: bool) -> PSObject:
    """Comment-based help: the sections the comment gives, the syntax and parameters from the function."""
    syntax_items = spec_syntax(name, spec, common=common, declared=True)
    full = {**data, "parameters": _script_parameters(spec, data.get("parameter_text") or {})}
    return _help_object(name, category, "", full, syntax_items, common=common, titled=True)


def _script_parameters(spec: CmdletSpec | None, descriptions: dict[str, list[str]]) -> list[dict[str, Any]]:
    """A function's parameters as HelpCommentsParser describes them (positions counted from 1)."""
    described = {str(k).casefold(): v for k, v in descriptions.items()}
    parameters: list[dict[str, Any]] = []
    if spec is not None:
        for parameter in spec.parameters.values():
            info = next(iter(parameter.sets.values()), None)
            position = getattr(info, "position", None)
            parameters.append({
                "name": parameter.name,
                "type": _short_type(parameter.type),
                "description": described.get(parameter.name.casefold(), []),
                "required": bool(getattr(info, "mandatory", False)),
                "position": "named" if position is None else str(position + 1),
                "default": _default_text(getattr(parameter, "default", None)),
                "pipeline": _script_pipeline(info),
                "aliases": ", ".join(parameter.aliases),
                "wildcards": parameter.wildcards,
            })  # fmt: skip
    return parameters


def _default_text(default: str | None) -> str:
    """A default's text as HelpCommentsParser shows it: a constant's value (``'world'`` -> ``world``),
    any other expression as written."""
    text = str(default or "")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" and text[0] not in text[1:-1]:
        return text[1:-1]
    return text


def _script_pipeline(info: Any) -> str:
    """HelpCommentsParser's pipelineInput text."""
    by_value = bool(getattr(info, "value_from_pipeline", False))
    by_name = bool(getattr(info, "value_from_pipeline_by_property_name", False))
    if by_value and by_name:
        return "true (ByValue, ByPropertyName)"
    if by_value or by_name:
        return f"true ({'ByValue' if by_value else 'ByPropertyName'})"
    return "false"


# -- the default topic -------------------------------------------------------------------------------------
_DEFAULT_TOPIC = """TOPIC
    psbridge's help

SHORT DESCRIPTION
    Shows the help of the commands psbridge runs: PSOpenAI's cmdlets, PowerShell's
    own cmdlets and the functions a script defines.

LONG DESCRIPTION
    psbridge ships no help content, as pwsh 7 ships none. Install it from any folder
    of platyPS markdown docs (PSOpenAI's docs, PowerShell's docs):

        Update-Help -SourcePath <folder>

    Until then, Get-Help shows partial help: a command's syntax and aliases. A
    script's function shows its comment-based help, or its syntax.

    Get-Help <command>              the synopsis, syntax and description
    Get-Help <command> -Detailed    with each parameter's description and the examples
    Get-Help <command> -Full        with the parameters' attributes, inputs, outputs and notes
    Get-Help <command> -Examples    only the examples
    Get-Help <command> -Parameter X the parameter X (wildcards are permitted)
    Get-Help <pattern>              a table of the commands whose names match
    help <command>                  the full help; <command> -? the default view
"""


def default_topic() -> PSObject:
    """What Get-Help without a name shows: a HelpFile topic named ``default`` (pwsh's is its
    default.help.txt; this one, psbridge's own, says where psbridge's help comes from)."""
    return PSObject(
        {"Name": "default", "Category": "HelpFile", "Synopsis": _DEFAULT_TOPIC, "ModuleName": "",
         "Component": None, "Role": None, "Functionality": None},
        type_names=["HelpFileHelpInfo", "HelpInfo"],
    )  # fmt: skip


# -- short entries -----------------------------------------------------------------------------------------
def short_help(name: str, category: str, module: str, synopsis: str) -> PSObject:
    """HelpInfoShort: one row of the Name/Category/Module/Synopsis table several matches print."""
    return PSObject(
        {"Name": name, "Category": category, "ModuleName": module, "Synopsis": synopsis},
        type_names=["HelpInfoShort"],
    )


def alias_help(name: str, target: str) -> PSObject:
    """AliasHelpInfo: an alias's help names the command it runs."""
    return PSObject(
        {"Name": name, "Category": "Alias", "ModuleName": "", "Synopsis": target, "Component": None,
         "Role": None, "Functionality": None},
        type_names=["AliasHelpInfo", "HelpInfoShort", "HelpInfo"],
    )  # fmt: skip


def with_view(help_object: PSObject, token: str | None) -> PSObject:
    """HelpCommand.TransformView: ``Type#FullView`` names go first so the view's format is chosen."""
    if token is None:
        return help_object
    names = [name for name in help_object.pstypenames if not name.startswith("System.")]
    properties = [(name, help_object.get(name)) for name in help_object.property_names]
    return PSObject(properties, type_names=[*(f"{n}#{token}" for n in names), *names])
