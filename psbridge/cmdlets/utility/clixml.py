"""PowerShell's CliXml serialization (System.Management.Automation.Serializer / Deserializer).

A document is ``<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">``
holding one element per top-level object.  Primitives have their own tags (``<S>``, ``<I32>``,
``<DT>``, ``<TS>``, ``<G>``, ``<SS>`` ...; a property's name is the ``N`` attribute); other
objects are ``<Obj RefId="n">`` with their type names (``<TN>``, later ``<TNRef>``), their text
(``<ToString>``), and their properties: a .NET object's adapted ones in ``<Props>``, note
properties (a PSCustomObject's) in ``<MS>``; dictionaries are ``<DCT>`` of ``<En>`` key/value
pairs, lists ``<LST>``.  An object met again is ``<Ref RefId="n"/>``.

Depth (InternalSerializer.WriteOneObject): a container does not use up depth; a .NET object's
properties are written one level down, and at depth 0 it is written as its ToString() text; note
properties are written at their object's own depth, so a PSCustomObject keeps its nested
PSCustomObjects whatever -Depth says.  Strings escape what XML cannot carry (control characters,
surrogates, and ``_x`` itself) as ``_xHHHH_``.

Deserializing gives back primitives, hashtables and lists as themselves; any other object becomes
a property bag whose type names are the originals prefixed with ``Deserialized.`` and whose
ToString() is the recorded text, as pwsh's deserialized objects are.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import enum
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from ...objects import Hashtable, PSObject, SecureString, dotnet_type_name, to_ps_string
from ...objects.hashtable import OrderedDictionary
from ...objects.numeric import Byte, Char, Int16, Int64, SByte, Single, UInt16, UInt32, UInt64, format_double
from ...objects.values import Uri

__all__ = ["NAMESPACE", "CliXmlError", "DeserializedObject", "deserialize", "serialize"]

NAMESPACE = "http://schemas.microsoft.com/powershell/2004/04"
_NS = "{" + NAMESPACE + "}"
#: InternalSerializer's guard against runaway nesting (MaxDepthBelowTopLevel).
MAX_DEPTH_BELOW_TOP_LEVEL = 50


class CliXmlError(ValueError):
    """The text is not a CliXml document the deserializer can read."""


class DeserializedObject(PSObject):
    """A deserialized object: a property bag that answers ToString() with the recorded text."""

    __slots__ = ("_text",)

    def __init__(self, properties: Iterable[tuple[str, Any]], type_names: list[str], text: str | None) -> None:
        super().__init__()
        for name, value in properties:
            self[name] = value
        self._type_names[:] = type_names
        object.__setattr__(self, "_text", text)

    def ps_to_string(self) -> str:
        text = object.__getattribute__(self, "_text")
        return super().ps_to_string() if text is None else text


# -- strings ---------------------------------------------------------------------------------------


def _utf16_units(text: str) -> Iterable[str]:
    for char in text:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            yield chr(0xD800 | code >> 10)
            yield chr(0xDC00 | code & 0x3FF)
        else:
            yield char


def encode_string(text: str) -> str:
    """InternalSerializer.EncodeString: control characters, surrogates and ``_x`` as ``_xHHHH_``."""
    units = list(_utf16_units(text))
    out = []
    for index, char in enumerate(units):
        code = ord(char)
        underscore = char == "_" and index + 1 < len(units) and units[index + 1] in "xX"
        if code <= 0x1F or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF or underscore:
            out.append(f"_x{code:04X}_")
        else:
            out.append(char)
    return "".join(out)


_ENCODED = re.compile(r"_[xX]([0-9a-fA-F]{4})_")


def decode_string(text: str) -> str:
    """XmlConvert.DecodeName: ``_xHHHH_`` back to its UTF-16 unit (surrogate pairs joined)."""
    if "_" not in text:
        return text
    decoded = _ENCODED.sub(lambda match: chr(int(match.group(1), 16)), text)
    return decoded.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


# -- dates and durations ---------------------------------------------------------------------------


def format_datetime(value: dt.datetime) -> str:
    """XmlConvert.ToString(value, RoundtripKind): ``yyyy-MM-ddTHH:mm:ss.FFFFFFFK``."""
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    ticks = value.microsecond * 10
    if ticks:
        text += "." + f"{ticks:07d}".rstrip("0")
    if value.tzinfo is None:
        return text
    if value.tzinfo is dt.UTC:
        return text + "Z"
    offset = value.utcoffset() or dt.timedelta(0)
    sign = "-" if offset < dt.timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|[+-]\d{2}:\d{2})?$")


def parse_datetime(text: str) -> dt.datetime:
    match = _DATETIME.match(text.strip())
    if match is None:
        raise CliXmlError(f"The string '{text}' is not a valid AllXsd value.")
    year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
    fraction = (match.group(7) or "").ljust(7, "0")
    value = dt.datetime(year, month, day, hour, minute, second, int(fraction) // 10)
    zone = match.group(8)
    if zone is None:
        return value
    if zone == "Z":
        return value.replace(tzinfo=dt.UTC)
    sign = -1 if zone[0] == "-" else 1
    offset = dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])) * sign
    return value.replace(tzinfo=dt.timezone(offset)).astimezone()


def format_duration(value: dt.timedelta) -> str:
    """XmlConvert.ToString(TimeSpan): xs:duration (``PT1H2M3.5S``, ``P1D``, ``-PT1S``, ``PT0S``)."""
    ticks = (value.days * 86400 + value.seconds) * 10_000_000 + value.microseconds * 10
    sign = "-" if ticks < 0 else ""
    ticks = abs(ticks)
    days, rest = divmod(ticks, 864_000_000_000)
    hours, rest = divmod(rest, 36_000_000_000)
    minutes, rest = divmod(rest, 600_000_000)
    seconds, fraction = divmod(rest, 10_000_000)
    text = sign + "P" + (f"{days}D" if days else "")
    if hours or minutes or seconds or fraction or not days:
        text += "T" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
        if seconds or fraction or not (hours or minutes):
            text += str(seconds) + ("." + f"{fraction:07d}".rstrip("0") if fraction else "") + "S"
    return text


_DURATION = re.compile(
    r"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?)?$"
)


def parse_duration(text: str) -> dt.timedelta:
    match = _DURATION.match(text.strip())
    if match is None or text.strip().endswith(("P", "T")):
        raise CliXmlError(f"The string '{text}' is not a valid TimeSpan value.")
    negative, years, months, days, hours, minutes, seconds, fraction = match.groups()
    total_days = int(years or 0) * 365 + int(months or 0) * 30 + int(days or 0)
    value = dt.timedelta(
        days=total_days,
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(seconds or 0),
        microseconds=int((fraction or "0")[:7].ljust(7, "0")) // 10,
    )
    return -value if negative else value


# -- serializing -----------------------------------------------------------------------------------

_INTEGER_TAGS: tuple[tuple[type, str], ...] = (
    (Int64, "I64"), (Byte, "By"), (SByte, "SB"), (Int16, "I16"), (UInt16, "U16"), (UInt32, "U32"), (UInt64, "U64"),
)  # fmt: skip


def _primitive(value: Any) -> tuple[str, str] | None:
    """(tag, text) of a value CliXml writes as a primitive, or None."""
    if isinstance(value, bool):
        return "B", "true" if value else "false"
    if isinstance(value, Char):
        return "C", str(ord(value))
    if isinstance(value, str):
        return "S", encode_string(value)
    if isinstance(value, int) and not isinstance(value, enum.Enum):
        for kind, tag in _INTEGER_TAGS:
            if isinstance(value, kind):
                return tag, str(int(value))
        if type(value).__name__ == "BigInteger" or not -(2**31) <= value < 2**31:
            return ("I64", str(int(value))) if -(2**63) <= value < 2**63 else None
        return "I32", str(int(value))
    if isinstance(value, Single):
        return "Sg", format_double(float(value))
    if isinstance(value, float):
        return "Db", format_double(value)
    if isinstance(value, decimal.Decimal):
        return "D", str(value)
    if isinstance(value, dt.datetime):
        return "DT", format_datetime(value)
    if isinstance(value, dt.timedelta):
        return "TS", format_duration(value)
    if isinstance(value, uuid.UUID):
        return "G", str(value)
    if isinstance(value, bytes | bytearray):
        return "BA", base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, SecureString):
        return "SS", value.reveal().encode("utf-16-le").hex()
    if isinstance(value, Uri):
        return "URI", encode_string(str(value))
    type_name = dotnet_type_name(value)
    if type_name == "System.Version":
        return "Version", str(value)
    if type_name == "System.Management.Automation.ScriptBlock":
        return "SBK", encode_string(to_ps_string(value))
    return None


def _is_property_bag(obj: PSObject) -> bool:
    """A PSCustomObject (or a deserialized object): its properties are note properties."""
    return isinstance(obj, DeserializedObject) or "System.Management.Automation.PSCustomObject" in obj.pstypenames


class _Writer:
    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.lines: list[str] = []
        self.object_ids: dict[int, int] = {}
        self.kept: list[Any] = []  # keeps serialized objects alive so their ids stay theirs
        self.type_ids: dict[tuple[str, ...], int] = {}
        self.below_top = 0

    def emit(self, indent: int, text: str) -> None:
        self.lines.append("  " * indent + text)

    @staticmethod
    def _name(name: str | None) -> str:
        return "" if name is None else f" N={quoteattr(encode_string(name))}"

    def write(self, value: Any, name: str | None, depth: int, indent: int) -> None:
        if self.below_top >= MAX_DEPTH_BELOW_TOP_LEVEL:
            value = to_ps_string(value)
        self.below_top += 1
        try:
            self._write(value, name, depth, indent)
        finally:
            self.below_top -= 1

    def _write(self, value: Any, name: str | None, depth: int, indent: int) -> None:
        attribute = self._name(name)
        if value is None:
            self.emit(indent, f"<Nil{attribute} />")
            return
        primitive = _primitive(value)
        if primitive is not None:
            tag, text = primitive
            self.emit(indent, f"<{tag}{attribute}>{escape(text)}</{tag}>")
            return
        if id(value) in self.object_ids:
            self.emit(indent, f'<Ref RefId="{self.object_ids[id(value)]}"{attribute} />')
            return
        ref_id = len(self.object_ids)
        self.object_ids[id(value)] = ref_id
        self.kept.append(value)
        if isinstance(value, enum.Enum):
            names = [dotnet_type_name(value), "System.Enum", "System.ValueType", "System.Object"]
            self._open(indent, attribute, ref_id, names, to_ps_string(value))
            self.write(int(value.value), None, depth, indent + 1)
            self.emit(indent, "</Obj>")
            return
        if isinstance(value, Mapping) and not isinstance(value, PSObject):
            self._open(indent, attribute, ref_id, _collection_type_names(value), None)
            self.emit(indent + 1, "<DCT>")
            for key, item in value.items():
                self.emit(indent + 2, "<En>")
                self.write(key, "Key", depth, indent + 3)
                self.write(item, "Value", depth, indent + 3)
                self.emit(indent + 2, "</En>")
            self.emit(indent + 1, "</DCT>")
            self.emit(indent, "</Obj>")
            return
        if isinstance(value, list | tuple):
            self._open(indent, attribute, ref_id, _collection_type_names(value), None)
            if value:
                self.emit(indent + 1, "<LST>")
                for item in value:
                    self.write(item, None, depth, indent + 2)
                self.emit(indent + 1, "</LST>")
            else:
                self.emit(indent + 1, "<LST />")
            self.emit(indent, "</Obj>")
            return
        if isinstance(value, PSObject) and _is_property_bag(value):
            recorded = value.ps_to_string() if isinstance(value, DeserializedObject) else None
            self._open(indent, attribute, ref_id, value.pstypenames, recorded)
            self._members("MS", [(prop, value[prop]) for prop in value.property_names], depth, indent + 1)
            self.emit(indent, "</Obj>")
            return
        if depth <= 0:
            # a complex object past the depth: its text (HandlePSObjectAsString)
            del self.object_ids[id(value)]
            self.emit(indent, f"<S{attribute}>{escape(encode_string(to_ps_string(value)))}</S>")
            return
        names = value.pstypenames if isinstance(value, PSObject) else _type_names(value)
        self._open(indent, attribute, ref_id, names, to_ps_string(value))
        self._members("Props", list(_properties(value)), depth - 1, indent + 1)
        self.emit(indent, "</Obj>")

    def _open(self, indent: int, attribute: str, ref_id: int, names: list[str], text: str | None) -> None:
        self.emit(indent, f'<Obj{attribute} RefId="{ref_id}">')
        key = tuple(names)
        if key in self.type_ids:
            self.emit(indent + 1, f'<TNRef RefId="{self.type_ids[key]}" />')
        else:
            self.type_ids[key] = len(self.type_ids)
            self.emit(indent + 1, f'<TN RefId="{self.type_ids[key]}">')
            for type_name in names:
                self.emit(indent + 2, f"<T>{escape(encode_string(type_name))}</T>")
            self.emit(indent + 1, "</TN>")
        if text is not None:
            self.emit(indent + 1, f"<ToString>{escape(encode_string(text))}</ToString>")

    def _members(self, tag: str, members: list[tuple[str, Any]], depth: int, indent: int) -> None:
        if not members:
            return
        self.emit(indent, f"<{tag}>")
        for name, value in members:
            self.write(value, name, depth, indent + 1)
        self.emit(indent, f"</{tag}>")


def _type_names(value: Any) -> list[str]:
    names = getattr(type(value), "pstypenames", None)
    if names:
        return list(names)
    name = dotnet_type_name(value)
    return [name] if name == "System.Object" else [name, "System.Object"]


def _collection_type_names(value: Any) -> list[str]:
    if isinstance(value, OrderedDictionary):
        return ["System.Collections.Specialized.OrderedDictionary", "System.Object"]
    if isinstance(value, Mapping):
        return ["System.Collections.Hashtable", "System.Object"]
    name = dotnet_type_name(value)
    if name.endswith("[]"):
        return [name, "System.Array", "System.Object"]
    return [name, "System.Object"]


def _properties(value: Any) -> Iterable[tuple[str, Any]]:
    """A .NET object's properties as its view would list them."""
    if isinstance(value, PSObject):
        for name in value.property_names:
            try:
                yield name, value[name]
            except Exception:  # a getter that fails is left out, as GetPropertyValueInThreadSafeManner does
                continue
        return
    from ...formatting.views import get_value, object_properties

    for name in object_properties(value):
        yield name, get_value(value, name)


def serialize(objects: Iterable[Any], depth: int = 2) -> str:
    """The CliXml document of ``objects`` (each a top-level object), indented as pwsh writes it."""
    writer = _Writer(depth)
    writer.emit(0, f'<Objs Version="1.1.0.1" xmlns="{NAMESPACE}">')
    for value in objects:
        writer.write(value, None, depth, 1)
    writer.emit(0, "</Objs>")
    return "\n".join(writer.lines)


# -- deserializing ---------------------------------------------------------------------------------


class _Reader:
    def __init__(self) -> None:
        self.objects: dict[str, Any] = {}
        self.types: dict[str, list[str]] = {}

    def read(self, element: ET.Element) -> Any:
        tag = element.tag[len(_NS) :] if element.tag.startswith(_NS) else element.tag
        text = element.text or ""
        reader = _PRIMITIVES.get(tag)
        if reader is not None:
            try:
                return reader(text)
            except (ValueError, ArithmeticError) as error:
                raise CliXmlError(f"Cannot read the {tag} element: {error}") from error
        if tag == "Nil":
            return None
        if tag == "Ref":
            ref = element.get("RefId", "")
            if ref not in self.objects:
                raise CliXmlError(f"Reference to an object not yet read: RefId {ref}.")
            return self.objects[ref]
        if tag == "Obj":
            return self._object(element)
        raise CliXmlError(f"Unknown element '{tag}'.")

    def _children(self, element: ET.Element) -> dict[str, ET.Element]:
        return {child.tag[len(_NS) :]: child for child in element if child.tag.startswith(_NS)}

    def _object(self, element: ET.Element) -> Any:
        parts = self._children(element)
        names: list[str] = []
        if "TN" in parts:
            names = [decode_string(item.text or "") for item in parts["TN"]]
            self.types[parts["TN"].get("RefId", "")] = names
        elif "TNRef" in parts:
            names = self.types.get(parts["TNRef"].get("RefId", ""), [])
        ref = element.get("RefId")
        text = decode_string(parts["ToString"].text or "") if "ToString" in parts else None
        if "DCT" in parts:
            table: Hashtable = OrderedDictionary() if names[:1] == [
                "System.Collections.Specialized.OrderedDictionary"
            ] else Hashtable()
            self._keep(ref, table)
            for entry in parts["DCT"]:
                key = value = None
                for item in entry:
                    if item.get("N") == "Key":
                        key = self.read(item)
                    elif item.get("N") == "Value":
                        value = self.read(item)
                table[key] = value
            return table
        for list_tag in ("LST", "IE", "STK", "QUE"):
            if list_tag in parts:
                from ...conversion import ArrayList

                items = ArrayList()
                self._keep(ref, items)
                items.extend(self.read(item) for item in parts[list_tag])
                return items
        value_elements = [child for child in element if child.tag[len(_NS) :] in _PRIMITIVES]
        if value_elements and "Props" not in parts and "MS" not in parts and names[1:2] == ["System.Enum"]:
            return self._keep(ref, self.read(value_elements[0]))  # an enum: its number
        properties: list[tuple[str, Any]] = []
        bag = DeserializedObject([], ["Deserialized." + name for name in names], text)
        self._keep(ref, bag)
        for section in ("Props", "MS"):
            if section in parts:
                for item in parts[section]:
                    name = item.get("N")
                    if name is not None:
                        properties.append((decode_string(name), self.read(item)))
        for name, value in properties:
            bag[name] = value
        if not properties and value_elements:
            return self.read(value_elements[0])  # a primitive that carried type names or notes
        return bag

    def _keep(self, ref: str | None, value: Any) -> Any:
        if ref is not None:
            self.objects[ref] = value
        return value


def _secure(text: str) -> SecureString:
    data = bytes.fromhex(text.strip())
    return SecureString(data.decode("utf-16-le"))


def _version(text: str) -> Any:
    from ...conversion import Version

    return Version.parse(text.strip())


def _script_block(text: str) -> str:
    return decode_string(text)  # a deserialized script block is its text


_PRIMITIVES: dict[str, Any] = {
    "S": decode_string,
    "C": lambda text: Char(chr(int(text))),
    "B": lambda text: text.strip().casefold() in ("true", "1"),
    "I32": lambda text: int(text),
    "I64": lambda text: Int64(int(text)),
    "I16": lambda text: Int16(int(text)),
    "U16": lambda text: UInt16(int(text)),
    "U32": lambda text: UInt32(int(text)),
    "U64": lambda text: UInt64(int(text)),
    "By": lambda text: Byte(int(text)),
    "SB": lambda text: SByte(int(text)),
    "Db": lambda text: float(text.replace("INF", "inf")),
    "Sg": lambda text: Single(float(text.replace("INF", "inf"))),
    "D": decimal.Decimal,
    "DT": parse_datetime,
    "TS": parse_duration,
    "G": uuid.UUID,
    "BA": lambda text: base64.b64decode(text),
    "SS": _secure,
    "URI": lambda text: Uri(decode_string(text)),
    "Version": lambda text: _version(text),
    "SBK": _script_block,
    "XD": decode_string,
}


def deserialize(text: str) -> list[Any]:
    """The top-level objects of a CliXml document."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise CliXmlError(str(error)) from error
    if root.tag != _NS + "Objs":
        raise CliXmlError("The root element is not Objs in PowerShell's namespace.")
    reader = _Reader()
    return [reader.read(element) for element in root]
