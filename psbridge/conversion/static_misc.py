"""The remaining statics scripts and PSOpenAI name: ``[version]::Parse``, ``[Text.UTF8Encoding]::new($false)``,
``[cultureinfo]::InvariantCulture``, ``[NullString]::Value``, ``[DBNull]::Value``, ``[Threading.Thread]::Sleep``,
``[Runtime.InteropServices.RuntimeInformation]::OSDescription``, ``[Tuple]::Create(...)``.

psbridge formats and parses with the invariant culture everywhere, so a CultureInfo
here is a name scripts pass to ``ToString(format, provider)`` (which ignores it) and
read back.  ``CurrentCulture`` is en-US: the culture whose date patterns
``ToLongDateString()`` and friends use here (PowerShell's own tests expect it).
"""

from __future__ import annotations

import platform
import time
from typing import Any

from ..objects.encoding import DEFAULT_ENCODING, TextEncoding, get_encoding
from .collections import InterfaceType
from .member_args import as_int, as_text, invocation_failed, no_overload, set_reference
from .richtypes import Version
from .scalars import is_true
from .typenames import find_type, register_type
from .utilities import ClassType, static_class

__all__ = ["MISC_STATICS"]


def _version_parse(text: Any) -> Version:
    try:
        return Version.parse(as_text(text))
    except ValueError as error:
        raise invocation_failed("Parse", 1, str(error) or "Version string portion was too short or too long.") from None


def _version_try_parse(text: Any, reference: Any = None) -> bool:
    if reference is None:
        raise no_overload("TryParse", 1)
    try:
        value, parsed = Version.parse(as_text(text)), True
    except (ValueError, TypeError):
        value, parsed = None, False
    set_reference(reference, 2, value)
    return parsed


def _read_boolean(text: Any) -> bool | None:
    """Boolean.Parse's reading: 'True' or 'False' in any case, blanks and NULs around it ignored."""
    folded = as_text(text).strip(" \t\n\r\v\f\0").casefold()
    return True if folded == "true" else False if folded == "false" else None


def _boolean_parse(text: Any) -> bool:
    value = None if text is None else _read_boolean(text)
    if value is None:
        if text is None:
            raise invocation_failed("Parse", 1, "Value cannot be null. (Parameter 'value')")
        raise invocation_failed("Parse", 1, f"String '{as_text(text)}' was not recognized as a valid Boolean.")
    return value


def _boolean_try_parse(text: Any, reference: Any = None) -> bool:
    if reference is None:
        raise no_overload("TryParse", 1)
    value = None if text is None else _read_boolean(text)
    set_reference(reference, 2, bool(value))
    return value is not None


def _new_version(*parts: Any) -> Version:
    if len(parts) == 1:
        return _version_parse(parts[0])
    if not 2 <= len(parts) <= 4:
        raise no_overload("new", len(parts))
    return Version(*(as_int(p) for p in parts))


def _utf8(emit_bom: Any = False, *_throw: Any) -> Any:
    """UTF8Encoding(encoderShouldEmitUTF8Identifier): with a BOM only when asked."""
    return get_encoding("utf-8") if is_true(emit_bom) else DEFAULT_ENCODING


class CultureInfo:
    """System.Globalization.CultureInfo: a culture's name and identity (psbridge formats invariantly;
    the facts of the cultures it knows are in :mod:`.cultures`)."""

    __ps_type_name__ = "System.Globalization.CultureInfo"
    #: Cultures written together share one table (the output writer groups objects by type name).
    pstypenames = ("System.Globalization.CultureInfo", "System.Object")

    def __init__(self, name: Any = "") -> None:
        self.Name = as_text(name)
        self._looked_up = False
        self._found: tuple[int, str, str, str, str] | None = None
        if self.Name not in ("", "en-US"):  # invariant and the host culture, spelled right: no table at start-up
            self._lookup()

    def _lookup(self) -> None:
        from .cultures import culture_facts

        found = culture_facts(self.Name)
        if found is not None:
            self.Name = found[0]
        self._found = found[1] if found is not None else None
        self._looked_up = True

    @property
    def _facts(self) -> tuple[int, str, str, str, str] | None:
        if not self._looked_up:
            self._lookup()
        return self._found

    @property
    def Parent(self) -> CultureInfo:
        return CultureInfo(self.Name.split("-")[0] if "-" in self.Name else "")

    @property
    def LCID(self) -> int:
        return self._facts[0] if self._facts else 4096

    @property
    def KeyboardLayoutId(self) -> int:
        return self.LCID

    @property
    def IetfLanguageTag(self) -> str:
        return self.Name

    @property
    def DisplayName(self) -> str:
        return self._facts[1] if self._facts else self.Name

    @property
    def NativeName(self) -> str:
        return self._facts[2] if self._facts else self.Name

    @property
    def EnglishName(self) -> str:
        return self._facts[1] if self._facts else self.Name

    @property
    def TwoLetterISOLanguageName(self) -> str:
        return self.Name.split("-")[0] if self.Name else "iv"

    @property
    def ThreeLetterISOLanguageName(self) -> str:
        return self._facts[3] if self._facts else ""

    @property
    def ThreeLetterWindowsLanguageName(self) -> str:
        return self._facts[4] if self._facts else ""

    @property
    def IsNeutralCulture(self) -> bool:
        return bool(self.Name) and "-" not in self.Name

    @property
    def UseUserOverride(self) -> bool:
        return False

    @property
    def IsReadOnly(self) -> bool:
        return True

    @classmethod
    def GetCultureInfo(cls, name: Any) -> CultureInfo:
        return cls(name)

    def ToString(self) -> str:
        return self.Name

    def __str__(self) -> str:
        return self.Name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CultureInfo) and other.Name.casefold() == self.Name.casefold()

    def __hash__(self) -> int:
        return hash(self.Name.casefold())


class DBNull:
    """System.DBNull.Value: a database's null, which is an object (``$x ?? 1`` keeps it), printed empty."""

    __ps_type_name__ = "System.DBNull"
    _instance: DBNull | None = None

    def __new__(cls) -> DBNull:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __str__(self) -> str:
        return ""

    def __repr__(self) -> str:
        return "DBNull"


def _current_culture() -> CultureInfo:
    return CultureInfo("en-US")


def _sleep(milliseconds: Any) -> None:
    amount = milliseconds.total_seconds() if hasattr(milliseconds, "total_seconds") else as_int(milliseconds) / 1000
    if amount < 0 and amount != -0.001:
        raise invocation_failed("Sleep", 1, "Number must be either non-negative and less than or equal to Int32.MaxValue or -1. (Parameter 'timeout')")  # noqa: E501
    time.sleep(max(amount, 0))


_CULTURE = ClassType(CultureInfo)

MISC_STATICS: dict[str, dict[str, Any]] = {
    "System.Boolean": {
        "parse": _boolean_parse,
        "tryparse": _boolean_try_parse,
        "truestring": "True",
        "falsestring": "False",
    },
    "System.Version": {"parse": _version_parse, "tryparse": _version_try_parse, "new": _new_version},
    "System.Text.UTF8Encoding": {"new": _utf8},
    "System.Globalization.CultureInfo": {
        "invariantculture": CultureInfo(""),
        "currentculture": _current_culture,
        "currentuiculture": _current_culture,
        "getcultureinfo": CultureInfo.GetCultureInfo,
        "new": CultureInfo,
    },
    "System.Management.Automation.Language.NullString": {"value": None},
    "System.DBNull": {"value": DBNull()},
    "System.Management.Automation.Internal.AutomationNull": {"value": None},
    "System.Threading.Thread": {"sleep": _sleep},
    "System.Runtime.InteropServices.RuntimeInformation": {
        "osdescription": lambda: f"{platform.system()} {platform.release()} {platform.version()}",
    },
}

#: Members above that are .NET properties computed per read.
MISC_PROPERTY_CALLS = frozenset({"currentculture", "currentuiculture", "osdescription"})

register_type(_CULTURE, "cultureinfo")
register_type(InterfaceType("System.DBNull", lambda v: isinstance(v, DBNull)))
register_type(static_class("System.Management.Automation.Language.NullString"), "nullstring")
register_type(InterfaceType("System.Text.UTF8Encoding", lambda v: isinstance(v, TextEncoding) and v.codec == "utf-8"))
#: PowerShell's attribute accelerators (``[ValidateSet]``, ``[Parameter]`` ...): type literals scripts name;
#: the evaluator reads them from param blocks by name, so here they only resolve.
ATTRIBUTES = ("Alias", "AllowEmptyCollection", "AllowEmptyString", "AllowNull", "ArgumentCompleter",
              "ArgumentCompletions", "CmdletBinding", "OutputType", "Parameter", "PSDefaultValue", "SupportsWildcards",
              "ValidateCount", "ValidateDrive", "ValidateLength", "ValidateNotNull", "ValidateNotNullOrEmpty",
              "ValidateNotNullOrWhiteSpace", "ValidatePattern", "ValidateRange", "ValidateScript", "ValidateSet",
              "ValidateUserDrive", "PSTypeNameAttribute")  # fmt: skip
for _attribute in ATTRIBUTES:
    _full = f"System.Management.Automation.{_attribute.removesuffix('Attribute')}Attribute"
    if find_type(_full) is None:
        register_type(static_class(_full), _attribute)
for _name in ("System.Management.Automation.Internal.AutomationNull", "System.Threading.Thread",
              "System.Runtime.InteropServices.RuntimeInformation"):  # fmt: skip
    if find_type(_name) is None:
        register_type(static_class(_name))


class Tuple:
    """``[Tuple]::Create(10, 'Hello')`` (and ``[ValueTuple]::Create``): Item1..Item7, indexable by
    position as an ITuple (``$t[0]``, ``$t[-1]``, ``$t[0..1]``), not enumerated by a pipeline."""

    __slots__ = ("items", "kind")

    def __init__(self, items: list[Any], kind: str = "System.Tuple") -> None:
        self.items = items
        self.kind = kind

    def __ps_type_name__(self) -> str:
        from .engine import type_of

        names = []
        for item in self.items:
            found = type_of(item) if item is not None else None
            names.append(found.full_name if found is not None else "System.Object")
        return f"{self.kind}`{len(self.items)}[{','.join(names)}]"

    def __getitem__(self, index: Any) -> Any:
        position = int(index)
        if -len(self.items) <= position < len(self.items):
            return self.items[position]
        raise IndexError(position)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tuple) and other.kind == self.kind and other.items == self.items

    def __hash__(self) -> int:
        return hash((self.kind, *map(repr, self.items)))

    def __str__(self) -> str:
        from .scalars import to_string

        return "(" + ", ".join(to_string(item) for item in self.items) + ")"

    def _item(self, number: int) -> Any:
        return self.items[number - 1] if number <= len(self.items) else None

    @property
    def Length(self) -> int:
        return len(self.items)

    Item1 = property(lambda self: self._item(1))
    Item2 = property(lambda self: self._item(2))
    Item3 = property(lambda self: self._item(3))
    Item4 = property(lambda self: self._item(4))
    Item5 = property(lambda self: self._item(5))
    Item6 = property(lambda self: self._item(6))
    Item7 = property(lambda self: self._item(7))


def _tuple_create(kind: str) -> Any:
    def create(*items: Any) -> Tuple:
        if not 1 <= len(items) <= 7:
            raise no_overload("Create", len(items))
        return Tuple(list(items), kind)

    return create


MISC_STATICS["System.Tuple"] = {"create": _tuple_create("System.Tuple")}
MISC_STATICS["System.ValueTuple"] = {"create": _tuple_create("System.ValueTuple")}
def _is_tuple(kind: str) -> Any:
    def test(value: Any) -> bool:
        return isinstance(value, Tuple) and value.kind == kind

    return test


for _name in ("System.Tuple", "System.ValueTuple"):
    if find_type(_name) is None:
        register_type(InterfaceType(_name, _is_tuple(_name)))


def _register_regex_types() -> None:
    """``[System.Text.RegularExpressions.Match]`` (what ``-replace``'s evaluator gets) and
    ``[System.Text.RegularExpressions.MatchEvaluator]`` (a script block as that evaluator)."""
    from .delegates import match_evaluator_type
    from .regex import Match

    if find_type("System.Text.RegularExpressions.Match") is None:
        register_type(InterfaceType("System.Text.RegularExpressions.Match", lambda value: isinstance(value, Match)))
    if find_type("System.Text.RegularExpressions.MatchEvaluator") is None:
        register_type(match_evaluator_type())


_register_regex_types()
