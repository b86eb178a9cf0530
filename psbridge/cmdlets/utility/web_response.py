"""What the web cmdlets make of a response: text, objects, response objects and error details.

Invoke-RestMethod (InvokeRestMethodCommand.ProcessResponse) decodes the body and converts it
as JSON (ConvertFrom-Json's reader; XML would come first for other types, but psbridge has no
XmlDocument, so XML stays text), else returns the text.  Invoke-WebRequest returns a
BasicHtmlWebResponseObject for text (Content, StatusCode, Headers, RawContent, Links ...) and a
WebResponseObject whose Content is the bytes otherwise.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ...api.web import WebResponse
from ...objects import Hashtable, PSObject, dotnet_object, register_to_string_property
from .json_reader import JsonReaderError, read_json

__all__ = [
    "content_type",
    "convert_rest_content",
    "decode_body",
    "error_details",
    "headers_dictionary",
    "is_json",
    "is_text",
    "web_response_object",
]

BASIC_HTML_TYPE = "Microsoft.PowerShell.Commands.BasicHtmlWebResponseObject"
WEB_RESPONSE_TYPE = "Microsoft.PowerShell.Commands.WebResponseObject"
register_to_string_property(BASIC_HTML_TYPE, "Content")

_JSON_TYPES = {
    "application/json",
    "text/json",
    "application/x-javascript",
    "text/x-javascript",
    "application/javascript",
    "text/javascript",
}
_XML_TYPES = {"application/xml", "application/xml-external-parsed-entity", "application/xml-dtd"}


def content_type(response: WebResponse) -> str:
    """The media type without parameters (ContentHelper.GetContentType)."""
    return response.headers.get("content-type", "").split(";")[0].strip().casefold()


def is_json(media_type: str) -> bool:
    return media_type in _JSON_TYPES


def is_xml(media_type: str) -> bool:
    return media_type in _XML_TYPES or media_type.endswith("+xml")


def is_text(media_type: str) -> bool:
    return media_type.startswith("text/") or is_xml(media_type) or is_json(media_type)


def decode_body(response: WebResponse, data: bytes) -> str:
    """StreamHelper.DecodeStream: the charset of Content-Type, else a BOM, else UTF-8."""
    charset = _charset(response.headers.get("content-type", ""))
    if not charset:
        for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
            if data.startswith(bom):
                return data.decode(codec, errors="replace")
        charset = "utf-8"
    try:
        return data.decode(charset, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _charset(value: str) -> str:
    for part in value.split(";")[1:]:
        name, _, found = part.strip().partition("=")
        if name.strip().casefold() == "charset":
            return found.strip().strip('"')
    return ""


def convert_rest_content(text: str) -> Any:
    """TryConvertToJson, falling back to the text (an empty body is the empty string)."""
    if not text.strip():
        return text
    try:
        return read_json(text, as_hashtable=False, max_depth=1024, date_kind="Default")
    except (JsonReaderError, RecursionError):
        return text


def headers_dictionary(response: WebResponse) -> Hashtable:
    """WebResponseHelper.GetHeadersDictionary: each header name with its values as a string array."""
    table = Hashtable()
    for name in dict.fromkeys(response.headers.keys()):
        table[_header_name(response, name)] = response.headers.get_list(name)
    return table


def _header_name(response: WebResponse, folded: str) -> str:
    raw = getattr(response, "_response", None)
    if raw is not None:
        for name, _ in raw.headers.raw:
            text = name.decode("latin-1")
            if text.casefold() == folded.casefold():
                return text
    return folded


def error_details(text: str, media_type: str) -> str:
    """FormatErrorMessage: JSON re-indented (after a newline), other text without its HTML tags."""
    if is_json(media_type):
        try:
            return "\n" + json.dumps(json.loads(text), indent=2)
        except ValueError:
            pass
    return re.sub(r"<[^>]*>", "", text)


_TAG = {
    "Links": re.compile(r"<a\s[^>]*>.*?</a>", re.IGNORECASE | re.DOTALL),
    "Images": re.compile(r"<img\s[^>]*?>", re.IGNORECASE),
    "InputFields": re.compile(r"<input\s[^>]*(?:/>|>(?:.*?</input>)?)", re.IGNORECASE | re.DOTALL),
}
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def _elements(kind: str, html: str) -> list[PSObject]:
    """BasicHtmlWebResponseObject's regex parse: each element's outerHTML, tagName and attributes."""
    found = []
    for match in _TAG[kind].finditer(html):
        outer = match.group(0)
        tag = re.match(r"<(\w+)", outer)
        start = outer[: outer.find(">") + 1]
        properties: dict[str, Any] = {"outerHTML": outer, "tagName": (tag.group(1).upper() if tag else "")}
        for attribute in _ATTRIBUTE.finditer(start):
            value = next(v for v in attribute.groups()[1:] if v is not None)
            properties[attribute.group(1)] = value
        found.append(PSObject(properties))
    return found


def _raw_content(response: WebResponse, content: str) -> str:
    lines = [f"HTTP/{response.http_version.removeprefix('HTTP/')} {response.status_code} {response.reason_phrase}"]
    lines.extend(f"{name}: {value}" for name, value in _raw_headers(response))
    return "\r\n".join(lines) + "\r\n\r\n" + content


def _raw_headers(response: WebResponse) -> list[tuple[str, str]]:
    raw = getattr(response, "_response", None)
    if raw is None:
        return list(response.headers.items())
    return [(name.decode("latin-1"), value.decode("latin-1")) for name, value in raw.headers.raw]


def web_response_object(response: WebResponse, data: bytes, relation_link: Hashtable) -> PSObject:
    """Invoke-WebRequest's output: BasicHtmlWebResponseObject for text, WebResponseObject for bytes."""
    headers = headers_dictionary(response)
    media_type = content_type(response)
    if is_text(media_type) or not media_type:
        content = decode_body(response, data)
        return dotnet_object(
            [BASIC_HTML_TYPE, WEB_RESPONSE_TYPE],
            {
                "StatusCode": response.status_code,
                "StatusDescription": response.reason_phrase,
                "Content": content,
                "RawContent": _raw_content(response, content),
                "Headers": headers,
                "Images": _elements("Images", content),
                "InputFields": _elements("InputFields", content),
                "Links": _elements("Links", content),
                "RawContentLength": len(data),
                "RelationLink": relation_link,
            },
        )
    return dotnet_object(
        [WEB_RESPONSE_TYPE],
        {
            "StatusCode": response.status_code,
            "StatusDescription": response.reason_phrase,
            "Content": list(data),
            "RawContent": _raw_content(response, ""),
            "Headers": headers,
            "RawContentLength": len(data),
            "RelationLink": relation_link,
        },
    )
