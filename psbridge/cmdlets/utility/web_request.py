"""Building the request Invoke-WebRequest and Invoke-RestMethod send (WebRequestPSCmdlet).

-Uri without a scheme is http; -Method defaults to GET; -Body is sent as PowerShell sends it:
a dictionary is a form (``a=1&b=2``, or the query string of a GET), bytes are sent as they are,
anything else as its text, encoded with the -ContentType's charset (UTF-8 without one); a POST
without a content type is ``application/x-www-form-urlencoded``.  -Form is multipart; -InFile
sends a file.  -Authentication Basic/Bearer/OAuth add the Authorization header, and only over
https unless -AllowUnencryptedAuthentication.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from ...api import FilePart, MultipartForm
from ...api.web import WebExchange
from ...errors import ErrorCategory
from ...objects import Hashtable, PSObject, is_ps_collection, to_ps_string
from ...objects.values import SecureString
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError, terminating
from ..common.paths import resolve_literal

__all__ = ["build_exchange", "validation_error"]

def validation_error(cmdlet: Cmdlet, message: str, error_id: str) -> CmdletError:
    """ValidateParameters' terminating errors (GetValidationError: InvalidArgument)."""
    error = CmdletError(
        message,
        error_id=error_id,
        category=ErrorCategory.InvalidArgument,
        exception_type="System.Management.Automation.ValidationMetadataException",
    )
    terminating(error, str(cmdlet.command.qualifier))
    return error


def _uri(cmdlet: Cmdlet) -> httpx.URL:
    text = to_ps_string(cmdlet.params.Uri).strip()
    if "://" not in text:
        text = "http://" + text  # WebRequestPSCmdlet.PrepareUri: no scheme is http
    try:
        return httpx.URL(text)
    except httpx.InvalidURL as error:
        raise validation_error(cmdlet, f"Invalid URI: {error}", "WebCmdletInvalidUriException") from None


def _method(cmdlet: Cmdlet) -> str:
    params = cmdlet.params
    custom = params.get("CustomMethod", None)
    if custom:
        return to_ps_string(custom).upper()
    method = to_ps_string(params.get("Method", None) or "Get").upper()
    return "GET" if method == "DEFAULT" else method


def _text(value: Any) -> str:
    return to_ps_string(value.reveal() if isinstance(value, SecureString) else value)


def _form_pairs(table: Any) -> list[tuple[str, str]]:
    """FormatDictionary: each key once; a collection value repeats the key."""
    pairs: list[tuple[str, str]] = []
    items = table.items() if isinstance(table, Mapping | Hashtable) else []
    for key, value in items:
        values = list(value) if is_ps_collection(value) else [value]
        pairs.extend((to_ps_string(key), "" if v is None else to_ps_string(v)) for v in values)
    return pairs


def _multipart(form: Any) -> MultipartForm:
    """AddMultipartContent: a FileInfo (Get-Item's) is a file part named after the file; anything
    else a text field; a collection repeats its field."""
    fields: list[tuple[str, str]] = []
    files: list[FilePart] = []
    for key, value in form.items() if isinstance(form, Mapping | Hashtable) else []:
        for item in list(value) if is_ps_collection(value) else [value]:
            if isinstance(item, PSObject) and "System.IO.FileInfo" in item.pstypenames:
                path = Path(to_ps_string(item.FullName))
                files.append(FilePart(to_ps_string(key), to_ps_string(item.Name), path=path))
            else:
                fields.append((to_ps_string(key), "" if item is None else to_ps_string(item)))
    return MultipartForm(fields, files)


def _charset(content_type: str | None) -> str:
    if content_type:
        for part in content_type.split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.strip().casefold() == "charset" and value.strip():
                return value.strip().strip('"')
    return "utf-8"


def _body(cmdlet: Cmdlet, method: str, url: httpx.URL, headers: dict[str, str]) -> tuple[bytes | None, httpx.URL]:
    """The request content (and the URL, which a GET's dictionary body extends)."""
    params = cmdlet.params
    body, form, in_file = params.get("Body", None), params.get("Form", None), params.get("InFile", None)
    if body is not None and in_file is not None:
        raise validation_error(
            cmdlet,
            "The cmdlet cannot run because the following conflicting parameters are specified: Body and InFile. "
            "Specify either Body or Infile, then retry.  ",
            "WebCmdletBodyConflictException",
        )
    if body is not None and form is not None:
        raise validation_error(
            cmdlet,
            "The cmdlet cannot run because the following conflicting parameters are specified: Body and Form. "
            "Specify either Body or Form, then retry.  ",
            "WebCmdletBodyFormConflictException",
        )
    content_type = _header(headers, "Content-Type")
    if content_type is None and method == "POST":
        headers["Content-Type"] = content_type = "application/x-www-form-urlencoded"
    if form is not None:
        multipart = _multipart(form)
        headers["Content-Type"] = multipart.content_type
        return b"".join(multipart.chunks()), url
    if in_file is not None:
        with open(resolve_literal(cmdlet.runspace, to_ps_string(in_file)), "rb") as handle:
            return handle.read(), url
    if body is None:
        return None, url
    if isinstance(body, PSObject) and not body.property_names:
        body = str(body)
    if isinstance(body, Hashtable | Mapping):
        pairs = _form_pairs(body)
        if method == "GET":
            query = urlencode(pairs)
            joined = f"{url.query.decode()}&{query}" if url.query else query
            return None, url.copy_with(query=joined.encode())
        return urlencode(pairs).encode("ascii"), url
    if isinstance(body, bytes | bytearray):
        return bytes(body), url
    if isinstance(body, list) and all(isinstance(b, int) and not isinstance(b, bool) for b in body):
        return bytes(body), url  # a [byte[]]
    return to_ps_string(body).encode(_charset(content_type), errors="replace"), url


def _header(headers: dict[str, str], name: str) -> str | None:
    return next((v for k, v in headers.items() if k.casefold() == name.casefold()), None)


def _authorization(cmdlet: Cmdlet, url: httpx.URL, headers: dict[str, str]) -> None:
    params = cmdlet.params
    kind = to_ps_string(params.get("Authentication", None) or "None").casefold()
    credential, token = params.get("Credential", None), params.get("Token", None)
    if kind == "none":
        if credential is not None:  # -Credential alone: HttpClientHandler.Credentials answer a 401 challenge
            headers.setdefault("Authorization", "Basic " + _basic(credential))
        return
    if kind == "basic" and credential is None:
        raise validation_error(
            cmdlet,
            "The cmdlet cannot run because the following parameter is not specified: Credential. The supplied "
            "Authentication type requires a Credential. Specify Credential, then retry.",
            "WebCmdletAuthenticationCredentialNotSuppliedException",
        )
    if kind in ("bearer", "oauth") and token is None:
        raise validation_error(
            cmdlet,
            "The cmdlet cannot run because the following parameter is not specified: Token. The supplied "
            "Authentication type requires a Token. Specify Token, then retry.",
            "WebCmdletAuthenticationTokenNotSuppliedException",
        )
    if url.scheme != "https" and not params.AllowUnencryptedAuthentication:
        raise validation_error(
            cmdlet,
            "The cmdlet cannot protect plain text secrets sent over unencrypted connections. To suppress this "
            "warning and send plain text secrets over unencrypted networks, reissue the command specifying the "
            "AllowUnencryptedAuthentication parameter.",
            "WebCmdletAllowUnencryptedAuthenticationRequiredException",
        )
    headers["Authorization"] = "Basic " + _basic(credential) if kind == "basic" else "Bearer " + _text(token)


def _basic(credential: Any) -> str:
    user = to_ps_string(getattr(credential, "UserName", "") or "")
    password = _text(getattr(credential, "Password", "") or "")
    return base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def build_exchange(cmdlet: Cmdlet) -> WebExchange:
    """The request the cmdlet's parameters describe (ValidateParameters' errors first)."""
    params = cmdlet.params
    url = _uri(cmdlet)
    method = _method(cmdlet)
    headers: dict[str, str] = {}
    session_headers = params.get("Headers", None)
    for key, value in (session_headers.items() if session_headers is not None else []):
        headers[to_ps_string(key)] = _text(value)
    if params.get("ContentType", None):
        for key in [k for k in headers if k.casefold() == "content-type"]:
            del headers[key]
        headers["Content-Type"] = to_ps_string(params.ContentType)
    user_agent = params.get("UserAgent", None)
    if user_agent:
        headers["User-Agent"] = to_ps_string(user_agent)
    elif _header(headers, "User-Agent") is None:
        headers["User-Agent"] = f"Mozilla/5.0 ({os.uname().sysname}; Linux {os.uname().machine}) PowerShell/7.6.0"
    if params.DisableKeepAlive:
        headers["Connection"] = "close"
    transfer_encoding = params.get("TransferEncoding", None)
    if transfer_encoding:
        headers["Transfer-Encoding"] = to_ps_string(transfer_encoding)
    _authorization(cmdlet, url, headers)
    content, url = _body(cmdlet, method, url, headers)
    maximum = params.get("MaximumRedirection", 5)
    return WebExchange(method, url, headers, content, follow_redirects=int(maximum) != 0)

