"""Normalizing the type names docs write (``string``, ``System.Uri``, ``Float`` ...).

platyPS docs spell the same type several ways (the SYNTAX block says
``<Uri>`` while the YAML says ``System.Uri``; ``Float`` is C#'s name for
``Single``).  Binding and lint compare normalized names so only real
differences count.
"""

from __future__ import annotations

__all__ = [
    "FLAGS_ENUMS",
    "KNOWN_TYPES",
    "is_flags_enum",
    "is_known_type",
    "normalize_type",
    "nullable_inner",
    "type_key",
]

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
    "int16": "Int16",
    "short": "Int16",
    "system.int16": "Int16",
    "uint64": "UInt64",
    "ulong": "UInt64",
    "system.uint64": "UInt64",
    "sbyte": "SByte",
    "system.sbyte": "SByte",
    "system.char": "Char",
    "system.decimal": "Decimal",
    "system.timespan": "TimeSpan",
    "guid": "Guid",
    "system.guid": "Guid",
    "encoding": "Encoding",
    "system.text.encoding": "Encoding",
    "system.management.automation.scriptblock": "ScriptBlock",
    "pscredential": "PSCredential",
    "system.management.automation.pscredential": "PSCredential",
    "system.collections.specialized.ordereddictionary": "OrderedDictionary",
    "ordereddictionary": "OrderedDictionary",
    "version": "Version",
    "system.version": "Version",
}

#: .NET enums marked [Flags] that PowerShell's docs of Core/Utility/Management use: a value may
#: combine members ("ProcessId,Timestamp"), so their documented values are no ValidateSet.
FLAGS_ENUMS = frozenset(
    {
        "CommandTypes",
        "DeliveryNotificationOptions",
        "FileAttributes",
        "PSMemberTypes",
        "PSMemberViewTypes",
        "PSTraceSourceOptions",
        "ScopedItemOptions",
        "TraceOptions",
        "WebSslProtocol",
    }
)

KNOWN_TYPES = frozenset(_ALIASES.values())


def normalize_type(text: str | None) -> str | None:
    """``"System.Collections.IDictionary[]"`` -> ``"IDictionary[]"``; unknown names are kept.

    .NET's generic spelling becomes PowerShell's: ``System.Nullable`1[System.Int32]`` ->
    ``Nullable[Int32]``.
    """
    if text is None:
        return None
    stripped = text.strip()
    name = stripped.strip("[]") if stripped.startswith("[") and not stripped.endswith("[]") else stripped
    if not name:
        return None
    return _normalize(name)


def _normalize(name: str) -> str:
    name = name.strip()
    suffix = ""
    while name.endswith("[]"):
        suffix += "[]"
        name = name[:-2].strip()
    generic = _split_generic(name)
    if generic is not None:
        base, arguments = generic
        short = base.rsplit(".", 1)[-1]
        return f"{short}[{','.join(_normalize(a) for a in arguments)}]" + suffix
    return _ALIASES.get(name.casefold(), name) + suffix


def _split_generic(name: str) -> tuple[str, list[str]] | None:
    """``Nullable`1[System.Int32]`` or ``Nullable[int]`` -> (``Nullable``, [``System.Int32``])."""
    if not name.endswith("]") or "[" not in name:
        return None
    opening = name.index("[")
    base = name[:opening].split("`", 1)[0].strip()
    inner = name[opening + 1 : -1]
    arguments: list[str] = []
    depth, start = 0, 0
    for index, char in enumerate(inner):
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        elif char == "," and depth == 0:
            arguments.append(inner[start:index])
            start = index + 1
    arguments.append(inner[start:])
    cleaned = [argument.strip().strip("[]").split(",", 1)[0].strip() for argument in arguments]
    if not base or not all(cleaned):
        return None
    return base, cleaned


def nullable_inner(name: str) -> str | None:
    """``Nullable[Int32]`` -> ``Int32`` (None for any other type)."""
    if name.startswith("Nullable[") and name.endswith("]"):
        return name[len("Nullable[") : -1]
    return None


def type_key(name: str) -> str:
    """What two spellings of one type share: no namespace, no Nullable wrapper, any case.

    ``System.Nullable`1[System.Int32]``, ``Int32`` and ``int`` all give ``int32``; docs print
    the short name in SYNTAX and the full one in YAML, so lint compares these keys.
    """
    normalized = normalize_type(name) or ""
    inner = nullable_inner(normalized.removesuffix("[]"))
    if inner is not None:
        normalized = inner + ("[]" if normalized.endswith("[]") else "")
    suffix = ""
    while normalized.endswith("[]"):
        suffix += "[]"
        normalized = normalized[:-2]
    generic = _split_generic(normalized)
    if generic is not None:
        base, arguments = generic
        return f"{_short(base)}[{','.join(type_key(a) for a in arguments)}]{suffix}"
    return _short(normalized) + suffix


def _short(name: str) -> str:
    return name.rsplit(".", 1)[-1].rsplit("+", 1)[-1].casefold()


def is_known_type(name: str) -> bool:
    return name.rstrip("[]") in KNOWN_TYPES


def is_flags_enum(name: str) -> bool:
    """Whether a (normalized) type name is a [Flags] enum, or PowerShell's FlagsExpression of one."""
    base = name.removesuffix("[]")
    generic = _split_generic(base)
    if generic is not None:
        base = generic[1][0] if generic[0] == "FlagsExpression" else generic[0]
    return base.rsplit(".", 1)[-1] in FLAGS_ENUMS
