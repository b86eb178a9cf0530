"""Invoke-WebRequest and Invoke-RestMethod over the session's keep-alive httpx clients.

WebRequestPSCmdlet's flow: the request (web_request.py), redirects followed here (GET after
301/302/303 unless -PreserveHttpMethodOnRedirect; Authorization dropped unless
-PreserveAuthorizationOnRedirect; https to http refused unless -AllowInsecureRedirect), retries of
304 and 4xx/5xx answers (-MaximumRetryCount, -RetryIntervalSec), then a failing status is
PowerShell's HttpResponseException ("Response status code does not indicate success: 404 (Not
Found).", the body as its ErrorDetails) unless -SkipHttpErrorCheck.  -TimeoutSec is an overall
deadline; bodies are read within the API client's size limit.  -OutFile is written to a
temporary file beside the target and renamed once complete, so a failure leaves no partial
file under the final name.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from typing import Any

import httpx

from ...api import ResponseTooLargeError, WebConnections, WebExchange, WebResponse, response_limit
from ...errors import ErrorCategory
from ...objects import Hashtable, PSObject, dotnet_object, to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError, terminating
from ..common.paths import resolve_literal
from .web_request import build_exchange, validation_error
from .web_response import (
    content_type,
    convert_rest_content,
    decode_body,
    error_details,
    headers_dictionary,
    web_response_object,
)

__all__ = ["InvokeRestMethod", "InvokeWebRequest"]

_CONNECTIONS = "web-connections"
_REDIRECTS = (301, 302, 303, 307, 308)
_SESSION_TYPE = "Microsoft.PowerShell.Commands.WebRequestSession"


class _WebCmdlet(Cmdlet):
    """What both cmdlets share: send (with redirects, retries, errors), then process the response."""

    def process(self) -> None:
        self._refuse_unsupported()
        params = self.params
        if params.PassThru and not params.get("OutFile", None):
            raise validation_error(
                self,
                "The cmdlet cannot run because the following parameter is missing: OutFile. Provide a valid OutFile "
                "parameter value when using the PassThru parameter, then retry.",
                "WebCmdletOutFileMissingException",
            )
        exchange = build_exchange(self)
        operation = int(params.get("OperationTimeoutSeconds", 0) or 0)
        exchange.read_timeout = float(operation) if operation > 0 else None
        self.method = exchange.method
        self._apply_session(exchange)
        self._resume_from(exchange)
        seconds = int(params.get("ConnectionTimeoutSeconds", 0) or 0)
        self.timeout_seconds = seconds
        self.deadline = time.monotonic() + seconds if seconds > 0 else None
        pages = 0
        while True:
            response = self._send_with_retries(exchange)
            try:
                self._handle(response)
            finally:
                response.close()
            pages += 1
            link = self._next_link(response, pages)
            if link is None:
                return
            exchange = WebExchange(
                "GET", httpx.URL(link), exchange.headers, None, exchange.follow_redirects, exchange.read_timeout
            )

    def _next_link(self, response: WebResponse, pages: int) -> str | None:
        """-FollowRelLink (Invoke-RestMethod): the next page to read after ``pages`` pages."""
        return None

    def _resume_from(self, exchange: WebExchange) -> None:
        """-Resume: ask for the rest of the -OutFile already there (a Range request)."""
        params = self.params
        self.resume_size = -1
        if not params.Resume:
            return
        out_file = params.get("OutFile", None)
        if not out_file:
            raise validation_error(
                self,
                "The cmdlet cannot run because the following parameter is missing: OutFile. Provide a valid OutFile "
                "parameter value when using the Resume parameter, then retry.",
                "WebCmdletOutFileMissingException",
            )
        target = resolve_literal(self.runspace, to_ps_string(out_file))
        if os.path.isdir(target):
            raise validation_error(
                self,
                "The Resume switch can only be used if OutFile targets a file but it resolves to a directory: "
                f"{target}.",
                "WebCmdletResumeNotFilePathException",
            )
        if os.path.isfile(target):
            self.resume_size = os.path.getsize(target)
            exchange.headers = {**exchange.headers, "Range": f"bytes={self.resume_size}-"}

    # -- what psbridge cannot do ---------------------------------------------------------------------
    def _refuse_unsupported(self) -> None:
        params = self.params
        unsupported = {
            "Certificate": params.get("Certificate", None),
            "CertificateThumbprint": params.get("CertificateThumbprint", None),
            "Proxy": params.get("Proxy", None),
            "ProxyCredential": params.get("ProxyCredential", None),
            "ProxyUseDefaultCredentials": params.ProxyUseDefaultCredentials,
            "UseDefaultCredentials": params.UseDefaultCredentials,
        }
        protocol = to_ps_string(params.get("SslProtocol", None) or "Default")
        if protocol.casefold() != "default":
            unsupported["SslProtocol"] = protocol
        version = to_ps_string(params.get("HttpVersion", None) or "1.1")
        if not version.startswith("1."):
            unsupported["HttpVersion"] = version
        for name, value in unsupported.items():
            if value:
                raise terminating(
                    CmdletError(
                        f"psbridge cannot honour -{name}: it speaks HTTP/1.1 through httpx without client "
                        "certificates, explicit proxies or Windows credentials.",
                        error_id="WebCmdletNotSupportedException",
                        category=ErrorCategory.NotImplemented,
                        exception_type="System.NotSupportedException",
                        target_object=name,
                    ),
                    str(self.command.qualifier),
                )

    # -- sessions ------------------------------------------------------------------------------------
    def _apply_session(self, exchange: WebExchange) -> None:
        """-WebSession adds its headers and cookies; -SessionVariable makes a session that keeps them."""
        params = self.params
        session = params.get("WebSession", None)
        variable = params.get("SessionVariable", None)
        if session is not None and variable:
            raise validation_error(
                self,
                "The cmdlet cannot run because the following conflicting parameters are specified: Session and "
                "SessionVariable. Specify either Session or SessionVariable, then retry.",
                "WebCmdletSessionConflictException",
            )
        if variable:
            session = dotnet_object(
                [_SESSION_TYPE],
                {"Headers": Hashtable(), "Cookies": Hashtable(), "UserAgent": exchange.headers.get("User-Agent")},
            )
            self.runspace.set_variable(to_ps_string(variable).lstrip("$"), session)
        self.session: PSObject | None = session if isinstance(session, PSObject) else None
        if self.session is None:
            return
        headers = dict(exchange.headers)
        for key, value in (self.session.get("Headers") or Hashtable()).items():
            headers.setdefault(to_ps_string(key), to_ps_string(value))
        cookies = self.session.get("Cookies") or Hashtable()
        if len(cookies):
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        exchange.headers = headers

    def _remember_cookies(self, response: WebResponse) -> None:
        if self.session is None:
            return
        cookies = self.session.get("Cookies")
        if cookies is None:
            return
        for header in response.headers.get_list("set-cookie"):
            name, _, rest = header.partition("=")
            cookies[name.strip()] = rest.split(";")[0].strip()

    # -- sending -------------------------------------------------------------------------------------
    def _client(self, url: httpx.URL) -> httpx.Client:
        params = self.params
        connections: WebConnections = self.runspace.resources.get(_CONNECTIONS, WebConnections)
        socket = params.get("UnixSocket", None)
        return connections.client(
            url,
            skip_certificate_check=bool(params.SkipCertificateCheck),
            no_proxy=bool(params.NoProxy),
            unix_socket=to_ps_string(socket) if socket else "",
        )

    def _send_with_retries(self, exchange: WebExchange) -> WebResponse:
        params = self.params
        retries = int(params.get("MaximumRetryCount", 0) or 0)
        interval = int(params.get("RetryIntervalSec", 5))
        while True:
            response = self._send(exchange)
            code = response.status_code
            if retries <= 0 or not (code == 304 or 400 <= code <= 599):
                return response
            retries -= 1
            wait = float(response.headers.get("retry-after", interval)) if code == 429 else interval
            response.close()
            self.write_verbose(
                f"Retrying after interval of {interval} seconds. Status code for previous attempt: {code}"
            )
            if self.stopping.wait(max(0.0, wait)):
                raise terminating(self._timeout(), str(self.command.qualifier))

    def _send(self, exchange: WebExchange) -> WebResponse:
        params = self.params
        remaining = int(params.get("MaximumRedirection", 5))
        current = WebExchange(
            exchange.method, exchange.url, dict(exchange.headers), exchange.content, False, exchange.read_timeout
        )
        while True:
            self.write_verbose(f"Requested HTTP/1.1 {current.method} with {len(current.content or b'')}-byte payload")
            response = self._exchange(current)
            location = response.headers.get("location")
            if response.status_code not in _REDIRECTS or location is None or remaining <= 0:
                return response
            target = current.url.join(location)
            response.close()
            if current.url.scheme == "https" and target.scheme == "http" and not params.AllowInsecureRedirect:
                raise terminating(
                    CmdletError(
                        "Operation is not valid due to the current state of the object.",
                        error_id="InsecureRedirection",
                        category=ErrorCategory.InvalidOperation,
                        exception_type="System.InvalidOperationException",
                    ),
                    str(self.command.qualifier),
                )
            remaining -= 1
            headers = dict(current.headers)
            if not params.PreserveAuthorizationOnRedirect:
                headers = {k: v for k, v in headers.items() if k.casefold() != "authorization"}
            method, content = current.method, current.content
            if response.status_code in (301, 302, 303) and not params.PreserveHttpMethodOnRedirect:
                if method != "HEAD":
                    method = "GET"
                content = None
                headers = {k: v for k, v in headers.items() if k.casefold() not in ("content-type", "content-length")}
            current = WebExchange(method, target, headers, content, False, exchange.read_timeout)

    def _exchange(self, exchange: WebExchange) -> WebResponse:
        client = self._client(exchange.url)
        failure: CmdletError | None = None
        try:
            return exchange.send(client, deadline=self.deadline, limit=response_limit())
        except httpx.TimeoutException:
            failure = self._timeout()
        except httpx.HTTPError as error:
            failure = _request_error(error, exchange.url)
        raise terminating(failure, str(self.command.qualifier))

    def _timeout(self) -> CmdletError:
        """The deadline (-TimeoutSec) or one read's limit (-OperationTimeoutSeconds) ran out."""
        if self.deadline is not None and time.monotonic() >= self.deadline - 0.05:
            return _timeout_error(self.timeout_seconds)
        seconds = int(self.params.get("OperationTimeoutSeconds", 0) or 0)
        return CmdletError(
            f"The request was canceled due to the configured OperationTimeout of {seconds} seconds elapsing",
            error_id="OperationTimeoutReached",
            category=ErrorCategory.OperationTimeout,
            exception_type="System.TimeoutException",
        )

    # -- responses -----------------------------------------------------------------------------------
    def _read(self, response: WebResponse) -> bytes:
        failure: CmdletError | None = None
        try:
            return response.read()
        except httpx.TimeoutException:
            failure = self._timeout()
        except ResponseTooLargeError as error:
            failure = _request_error(error, response.url)
        except httpx.HTTPError as error:
            failure = _request_error(error, response.url)
        raise terminating(failure, str(self.command.qualifier))

    def _handle(self, response: WebResponse) -> None:
        params = self.params
        self._remember_cookies(response)
        if response.status_code == 416 and self.resume_size >= 0 and _complete_length(response) == self.resume_size:
            self.write_verbose(
                "The file will not be re-downloaded because the remote file is the same size as the OutFile: "
                f"{params.OutFile}"
            )
            return
        if not response.is_success and not params.SkipHttpErrorCheck:
            body = self._read(response)
            error = CmdletError(
                f"Response status code does not indicate success: {response.status_code} ({response.reason_phrase}).",
                error_id="WebCmdletWebResponseException",
                category=ErrorCategory.InvalidOperation,
                exception_type="Microsoft.PowerShell.Commands.HttpResponseException",
                target_object=response.url,
            )
            details = error_details(decode_body(response, body), content_type(response))
            if details:
                error.error_record.error_details = details
            error.status_code = response.status_code  # type: ignore[attr-defined]
            raise terminating(error, str(self.command.qualifier))
        out_file = params.get("OutFile", None)
        if out_file:
            self._save(response, to_ps_string(out_file))
            data = b""
            if params.PassThru:
                with open(self.saved_path, "rb") as handle:
                    data = handle.read()
        else:
            data = self._read(response)
        self.set_variables(response)
        if not out_file or params.PassThru:
            self.write_response(response, data)

    def write_response(self, response: WebResponse, data: bytes) -> None:
        raise NotImplementedError

    def set_variables(self, response: WebResponse) -> None:
        """-StatusCodeVariable and -ResponseHeadersVariable (Invoke-RestMethod's)."""

    def _save(self, response: WebResponse, out_file: str) -> None:
        """The body into a temporary file beside the target, renamed over it once complete (-Resume
        appends a 206's body to what is there)."""
        target = resolve_literal(self.runspace, out_file)
        if os.path.isdir(target):
            name = os.path.basename(httpx.URL(response.url).path.rstrip("/")) or "index.html"
            target = os.path.join(target, name)
        self.saved_path = target
        append = bool(self.params.Resume) and response.status_code == 206 and os.path.isfile(target)
        directory = os.path.dirname(target)
        handle, temporary = tempfile.mkstemp(prefix=".psbridge-", dir=directory)
        try:
            with os.fdopen(handle, "wb") as out:
                if append:
                    with open(target, "rb") as existing:
                        out.write(existing.read())
                for chunk in self._chunks(response):
                    out.write(chunk)
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def _chunks(self, response: WebResponse) -> Any:
        failure: CmdletError | None = None
        try:
            yield from response.chunks()
            return
        except httpx.TimeoutException:
            failure = self._timeout()
        except (ResponseTooLargeError, httpx.HTTPError) as error:
            failure = _request_error(error, response.url)
        raise terminating(failure, str(self.command.qualifier))


def _timeout_error(seconds: int) -> CmdletError:
    return CmdletError(
        f"The request was canceled due to the configured HttpClient.Timeout of {seconds} seconds elapsing.",
        error_id="ConnectionTimeoutReached",
        category=ErrorCategory.OperationTimeout,
        exception_type="System.Threading.Tasks.TaskCanceledException",
    )


def _request_error(error: Exception, url: Any) -> CmdletError:
    """An HttpRequestException: the connection failed, the body was too large or undecodable."""
    detail = str(error) or type(error).__name__
    if isinstance(error, httpx.ConnectError):
        target = httpx.URL(str(url))
        port = target.port or (443 if target.scheme == "https" else 80)  # .NET names the port it dialled
        detail = f"Connection refused ({target.host}:{port})" if "refused" in detail.casefold() else detail
    record = CmdletError(
        detail,
        error_id="WebCmdletWebResponseException",
        category=ErrorCategory.InvalidOperation,
        exception_type="System.Net.Http.HttpRequestException",
        target_object=str(url),
    )
    return record


@register_cmdlet
class InvokeWebRequest(_WebCmdlet):
    name = "Invoke-WebRequest"

    def write_response(self, response: WebResponse, data: bytes) -> None:
        self.write_output(web_response_object(response, data, _relation_links(response)))


@register_cmdlet
class InvokeRestMethod(_WebCmdlet):
    name = "Invoke-RestMethod"

    def write_response(self, response: WebResponse, data: bytes) -> None:
        """The converted body as one object (an array is not enumerated: WriteObject(obj))."""
        if self.method == "HEAD":
            return
        text = decode_body(response, data)
        self.write_output(convert_rest_content(text))

    def set_variables(self, response: WebResponse) -> None:
        params = self.params
        if params.get("StatusCodeVariable", None):
            self.runspace.set_variable(to_ps_string(params.StatusCodeVariable), response.status_code)
        if params.get("ResponseHeadersVariable", None):
            self.runspace.set_variable(to_ps_string(params.ResponseHeadersVariable), headers_dictionary(response))

    def _next_link(self, response: WebResponse, pages: int) -> str | None:
        params = self.params
        if not params.FollowRelLink:
            return None
        limit = params.get("MaximumFollowRelLink", None)
        if limit is not None and pages >= int(limit):
            return None
        link = _relation_links(response).get("next")
        return None if link is None else str(httpx.URL(response.url).join(link))


def _complete_length(response: WebResponse) -> int:
    """The whole resource's length a 416's ``Content-Range: bytes */N`` gives (-1 when absent)."""
    found = re.search(r"/(\d+)\s*$", response.headers.get("content-range", ""))
    return int(found.group(1)) if found else -1


_LINK = re.compile(r'<([^>]*)>\s*;\s*rel\s*=\s*"?([^";,]+)"?', re.IGNORECASE)


def _relation_links(response: WebResponse) -> Hashtable:
    """The Link header's rel names and their URLs (RelationLink)."""
    links = Hashtable()
    for header in response.headers.get_list("link"):
        for match in _LINK.finditer(header):
            links[match.group(2).strip()] = str(httpx.URL(response.url).join(match.group(1).strip()))
    return links
