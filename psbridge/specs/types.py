"""Normalizing the type names docs write (``string``, ``System.Uri``, ``Float`` ...).

platyPS docs spell the same type several ways (the SYNTAX block says
``<Uri>`` while the YAML says ``System.Uri``; ``Float`` is C#'s name for
``Single``).  Binding and lint compare normalized names so only real
differences count.
"""

from __future__ import annotations

__all__ = ["KNOWN_TYPES", "is_known_type", "normalize_type"]

_ALIASES: dict[str, str] = {
    "string": "String",
    "system.string": "String",
    "char": "Char",
    "int": "Int32",
    "int32": "Int32",
    "system.int32": "Int32",
    "long": "Int64",
    "int64": "Int64",
    "system.int64": "Int64",
    "uint16": "UInt16",
    "ushort": "UInt16",
    "system.uint16": "UInt16",
    "uint32": "UInt32",
    "uint": "UInt32",
    "system.uint32": "UInt32",
    "byte": "Byte",
    "system.byte": "Byte",
    "float": "Single",
    "single": "Single",
    "system.single": "Single",
    "double": "Double",
    "system.double": "Double",
    "decimal": "Decimal",
    "bool": "Boolean",
    "boolean": "Boolean",
    "system.boolean": "Boolean",
    "switch": "SwitchParameter",
    "switchparameter": "SwitchParameter",
    "system.management.automation.switchparameter": "SwitchParameter",
    "object": "Object",
    "system.object": "Object",
    "psobject": "PSObject",
    "pscustomobject": "PSObject",
    "system.management.automation.psobject": "PSObject",
    "uri": "Uri",
    "system.uri": "Uri",
    "securestring": "SecureString",
    "system.security.securestring": "SecureString",
    "idictionary": "IDictionary",
    "system.collections.idictionary": "IDictionary",
    "hashtable": "Hashtable",
    "system.collections.hashtable": "Hashtable",
    "datetime": "DateTime",
    "system.datetime": "DateTime",
    "timespan": "TimeSpan",
    "scriptblock": "ScriptBlock",
    "actionpreference": "ActionPreference",
    "system.management.automation.actionpreference": "ActionPreference",
}

KNOWN_TYPES = frozenset(_ALIASES.values())


def normalize_type(text: str | None) -> str | None:
    """``"System.Collections.IDictionary[]"`` -> ``"IDictionary[]"``; unknown names are kept."""
    if text is None:
        return None
    name = (
        text.strip().strip("[]") if text.strip().startswith("[") and not text.strip().endswith("[]") else text.strip()
    )
    if not name:
        return None
    suffix = ""
    while name.endswith("[]"):
        suffix += "[]"
        name = name[:-2].strip()
    base = _ALIASES.get(name.casefold(), name)
    return base + suffix


def is_known_type(name: str) -> bool:
    return name.rstrip("[]") in KNOWN_TYPES
