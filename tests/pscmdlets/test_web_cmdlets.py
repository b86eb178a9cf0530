"""Invoke-WebRequest and Invoke-RestMethod against a small HTTP server on 127.0.0.1 (an
ephemeral port, started per test module), restating PowerShell's WebCmdlets.Tests.ps1
(test/powershell/Modules/Microsoft.PowerShell.Utility/WebCmdlets.Tests.ps1)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

import psbridge
from psbridge.objects import Hashtable
from tests.pscmdlets.helpers import Session


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    counters: ClassVar[dict[str, int]] = {}

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str = "application/json", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, value: object, status: int = 200, **headers: str) -> None:
        self._send(status, json.dumps(value).encode(), **headers)

    def _route(self) -> None:
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = url.path
        if path == "/echo":
            self._json(
                {
                    "method": self.command,
                    "headers": {k: v for k, v in self.headers.items()},
                    "body": body.decode("latin-1"),
                    "query": {k: v for k, v in parse_qs(url.query).items()},
                }
            )
        elif path == "/json":
            self._json({"a": 1, "b": [1, 2], "c": {"d": "e"}})
        elif path == "/array":
            self._json([1, 2, 3])
        elif path == "/text":
            self._send(200, "héllo".encode(), "text/plain; charset=utf-8")
        elif path == "/number-text":
            self._send(200, b"42", "text/plain")
        elif path == "/xml":
            self._send(200, b"<a><b>1</b></a>", "application/xml")
        elif path == "/html":
            html = (
                b'<html><body><a href="/x" id="l1">X</a><img src="/i.png" alt="pic">'
                b'<input name="q" value="v"></body></html>'
            )
            self._send(200, html, "text/html; charset=utf-8")
        elif path == "/bytes":
            self._send(200, bytes([0, 1, 2, 255]), "application/octet-stream")
        elif path.startswith("/status/"):
            code = int(path.rsplit("/", 1)[1])
            self._json({"error": {"message": "nope", "code": code}}, code)
        elif path == "/redirect":
            target = parse_qs(url.query).get("to", ["/echo"])[0]
            self._send(int(parse_qs(url.query).get("code", ["302"])[0]), b"", "text/plain", Location=target)
        elif path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(100):
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.05)
        elif path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(2.5)
            try:
                self.wfile.write(b"y")
            except OSError:
                pass
        elif path == "/big":
            self._send(200, b"y" * 4096, "text/plain")
        elif path == "/cookie":
            self._json({"cookie": self.headers.get("Cookie")}, Set_Cookie="session=abc123; Path=/")
        elif path == "/page":
            page = int(parse_qs(url.query).get("n", ["1"])[0])
            link = {"Link": f'</page?n={page + 1}>; rel="next"'} if page < 3 else {}
            self._json({"page": page}, **link)
        elif path == "/flaky":
            key = parse_qs(url.query).get("key", ["k"])[0]
            count = _Handler.counters[key] = _Handler.counters.get(key, 0) + 1
            if count < 3:
                self._json({"try": count}, 503)
            else:
                self._json({"try": count})
        elif path == "/range":
            data = b"0123456789"
            wanted = self.headers.get("Range")
            if wanted:
                start = int(wanted.split("=")[1].rstrip("-"))
                if start >= len(data):
                    self._send(416, b"", "text/plain", Content_Range=f"bytes */{len(data)}")
                else:
                    self._send(206, data[start:], "application/octet-stream", Content_Range=f"bytes {start}-9/10")
            else:
                self._send(200, data, "application/octet-stream")
        else:
            self._send(404, b"not found", "text/plain")

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_TEST = _route


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def ps(tmp_path) -> Session:
    session = Session()
    session("Set-Location", str(tmp_path))
    return session


def fqid(call) -> str:
    with pytest.raises(psbridge.PSError) as caught:
        call()
    return caught.value.error_record.fully_qualified_error_id


# -- Invoke-RestMethod --------------------------------------------------------------------------


def test_json_becomes_objects(ps: Session, server: str) -> None:
    # WebCmdlets.Tests.ps1 "Validate Invoke-RestMethod -Uri ... json": content converted as ConvertFrom-Json does
    (result,) = ps("Invoke-RestMethod", f"{server}/json")
    assert result.a == 1 and result.b == [1, 2] and result.c.d == "e"
    assert "System.Management.Automation.PSCustomObject" in result.pstypenames


def test_a_json_array_is_one_object(ps: Session, server: str) -> None:
    # InvokeRestMethodCommand.ProcessResponse: WriteObject(obj) does not enumerate the array
    assert ps("Invoke-RestMethod", f"{server}/array") == [[1, 2, 3]]


def test_text_xml_and_numbers(ps: Session, server: str) -> None:
    assert ps("Invoke-RestMethod", f"{server}/text") == ["héllo"]
    assert ps("Invoke-RestMethod", f"{server}/number-text") == [42]  # TryConvertToJson after XML fails
    assert ps("Invoke-RestMethod", f"{server}/xml") == ["<a><b>1</b></a>"]  # no XmlDocument here: the text


def test_methods_bodies_and_headers(ps: Session, server: str) -> None:
    # WebCmdlets.Tests.ps1 "Validate Invoke-RestMethod -Method <method>", -Body, -Headers, -ContentType
    for method in ("Get", "Post", "Put", "Delete", "Patch"):
        assert ps("Invoke-RestMethod", f"{server}/echo", Method=method)[0].method == method.upper()
    (echo,) = ps("Invoke-RestMethod", f"{server}/echo", Method="Post", Body="raw text")
    assert echo.body == "raw text" and echo.headers["Content-Type"] == "application/x-www-form-urlencoded"
    (echo,) = ps("Invoke-RestMethod", f"{server}/echo", Method="Post", Body=Hashtable({"a": 1, "b": "x y"}))
    assert echo.body == "a=1&b=x+y"
    (echo,) = ps("Invoke-RestMethod", f"{server}/echo", Body=Hashtable({"q": "1"}))
    assert echo.method == "GET" and echo.query.q == ["1"] and echo.body == ""
    json_type = "application/json; charset=utf-8"
    (echo,) = ps("Invoke-RestMethod", f"{server}/echo", Method="Post", Body='{"k":"é"}', ContentType=json_type)
    assert echo.body == '{"k":"é"}'.encode().decode("latin-1") and echo.headers["Content-Type"] == json_type
    octets = "application/octet-stream"
    (echo,) = ps("Invoke-RestMethod", f"{server}/echo", Method="Post", Body=b"\x00\x01", ContentType=octets)
    assert echo.body == "\x00\x01"
    (echo,) = ps("Invoke-RestMethod", f"{server}/echo", Headers=Hashtable({"X-Test": "yes"}), UserAgent="agent/1")
    assert echo.headers["X-Test"] == "yes" and echo.headers["User-Agent"] == "agent/1"
    (echo,) = ps("Invoke-RestMethod", f"{server}/echo", CustomMethod="TEST")
    assert echo.method == "TEST"


def test_uri_without_a_scheme_is_http(ps: Session, server: str) -> None:
    assert ps("Invoke-RestMethod", server.removeprefix("http://") + "/json")[0].a == 1


def test_http_errors_are_http_response_exceptions(server: str) -> None:
    # WebCmdlets.Tests.ps1 "Validate Invoke-RestMethod error with -StatusCode 404": WebCmdletWebResponseException
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Invoke-RestMethod", f"{server}/status/404")
    record = caught.value.error_record
    assert record.fully_qualified_error_id == (
        "WebCmdletWebResponseException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand"
    )
    assert str(record.exception) == "Response status code does not indicate success: 404 (Not Found)."
    assert record.category == "InvalidOperation"
    assert json.loads(record.error_details) == {"error": {"message": "nope", "code": 404}}
    assert record.error_details.startswith("\n{\n  \"error\"")


def test_skip_http_error_check_and_variables(ps: Session, server: str) -> None:
    # WebCmdlets.Tests.ps1 "-SkipHttpErrorCheck", "-StatusCodeVariable", "-ResponseHeadersVariable"
    (body,) = ps(
        "Invoke-RestMethod", f"{server}/status/418", SkipHttpErrorCheck=True, StatusCodeVariable="code",
        ResponseHeadersVariable="headers",
    )  # fmt: skip
    assert body.error.code == 418
    assert ps.runspace.get_variable("code") == (True, 418)
    headers = ps.runspace.get_variable("headers")[1]
    assert headers["Content-Type"] == ["application/json"]


def test_connection_refused(server: str) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Invoke-RestMethod", f"http://127.0.0.1:{port}/")
    record = caught.value.error_record
    assert record.fully_qualified_error_id.startswith("WebCmdletWebResponseException,")
    assert str(record.exception) == f"Connection refused (127.0.0.1:{port})"


def test_timeout_is_an_overall_deadline(server: str) -> None:
    # -TimeoutSec: HttpClient.Timeout; a server trickling bytes does not extend it
    started = time.monotonic()
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Invoke-WebRequest", f"{server}/slow", TimeoutSec=1)
    assert time.monotonic() - started < 3
    record = caught.value.error_record
    assert record.fully_qualified_error_id == (
        "ConnectionTimeoutReached,Microsoft.PowerShell.Commands.InvokeWebRequestCommand"
    )
    assert str(record.exception) == (
        "The request was canceled due to the configured HttpClient.Timeout of 1 seconds elapsing."
    )


def test_operation_timeout_limits_each_read(server: str) -> None:
    # -OperationTimeoutSeconds: one read that waits longer fails (StreamHelper's TimeoutException)
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Invoke-WebRequest", f"{server}/stall", OperationTimeoutSeconds=1)
    record = caught.value.error_record
    assert record.fully_qualified_error_id.startswith("OperationTimeoutReached,")
    assert str(record.exception) == (
        "The request was canceled due to the configured OperationTimeout of 1 seconds elapsing"
    )
    assert psbridge.invoke("Invoke-RestMethod", f"{server}/slow", OperationTimeoutSeconds=1) == ["x" * 100]


def test_response_size_is_capped(server: str, monkeypatch) -> None:
    monkeypatch.setenv("PSBRIDGE_MAX_RESPONSE_BYTES", "1000")
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Invoke-RestMethod", f"{server}/big")
    assert "configured maximum buffer size: 1000" in str(caught.value.error_record.exception)


def test_redirects(ps: Session, server: str) -> None:
    # WebCmdlets.Tests.ps1 redirect cases: GET after 302, the method kept after 307, -MaximumRedirection 0
    (echo,) = ps("Invoke-RestMethod", f"{server}/redirect?code=302", Method="Post", Body="x")
    assert echo.method == "GET" and echo.body == ""
    (echo,) = ps("Invoke-RestMethod", f"{server}/redirect?code=307", Method="Post", Body="x")
    assert echo.method == "POST" and echo.body == "x"
    (echo,) = ps(
        "Invoke-RestMethod", f"{server}/redirect?code=302", Method="Post", Body="x", PreserveHttpMethodOnRedirect=True
    )
    assert echo.method == "POST"
    (echo,) = ps(
        "Invoke-RestMethod", f"{server}/redirect", Authentication="Bearer", Token=psbridge.SecureString("t0k"),
        AllowUnencryptedAuthentication=True,
    )  # fmt: skip
    assert "Authorization" not in echo.headers
    (echo,) = ps(
        "Invoke-RestMethod", f"{server}/redirect", Authentication="Bearer", Token=psbridge.SecureString("t0k"),
        AllowUnencryptedAuthentication=True, PreserveAuthorizationOnRedirect=True,
    )  # fmt: skip
    assert echo.headers["Authorization"] == "Bearer t0k"
    assert fqid(lambda: psbridge.invoke("Invoke-WebRequest", f"{server}/redirect", MaximumRedirection=0)).startswith(
        "WebCmdletWebResponseException,"
    )


def test_authentication_rules(server: str) -> None:
    # WebRequestPSCmdlet.ValidateParameters
    token = psbridge.SecureString("t0k")
    unencrypted = fqid(
        lambda: psbridge.invoke("Invoke-RestMethod", f"{server}/echo", Authentication="Bearer", Token=token)
    )
    assert unencrypted == (
        "WebCmdletAllowUnencryptedAuthenticationRequiredException,Microsoft.PowerShell.Commands.InvokeRestMethodCommand"
    )
    assert fqid(lambda: psbridge.invoke("Invoke-RestMethod", f"{server}/echo", Authentication="Bearer")).startswith(
        "WebCmdletAuthenticationTokenNotSuppliedException,"
    )
    (echo,) = psbridge.invoke(
        "Invoke-RestMethod", f"{server}/echo", Authentication="Bearer", Token=token, AllowUnencryptedAuthentication=True
    )
    assert echo.headers["Authorization"] == "Bearer t0k"


def test_retries(ps: Session, server: str) -> None:
    # WebCmdlets.Tests.ps1 "-MaximumRetryCount": 503 twice, then 200
    (body,) = ps("Invoke-RestMethod", f"{server}/flaky?key=a", MaximumRetryCount=2, RetryIntervalSec=0)
    assert body.__getattr__("try") == 3
    once = fqid(lambda: ps("Invoke-RestMethod", f"{server}/flaky?key=b", MaximumRetryCount=1, RetryIntervalSec=0))
    assert once.startswith("WebCmdletWebResponseException,")


def test_follow_rel_link(ps: Session, server: str) -> None:
    # WebCmdlets.Tests.ps1 "-FollowRelLink": each page in turn; -MaximumFollowRelLink stops early
    assert [page.page for page in ps("Invoke-RestMethod", f"{server}/page", FollowRelLink=True)] == [1, 2, 3]
    two = ps("Invoke-RestMethod", f"{server}/page", FollowRelLink=True, MaximumFollowRelLink=2)
    assert [page.page for page in two] == [1, 2]


def test_session_variable_keeps_cookies(ps: Session, server: str) -> None:
    # WebCmdlets.Tests.ps1 "-SessionVariable / -WebSession": cookies set by the server are sent back
    ps("Invoke-RestMethod", f"{server}/cookie", SessionVariable="s")
    session = ps.runspace.get_variable("s")[1]
    assert "Microsoft.PowerShell.Commands.WebRequestSession" in session.pstypenames
    (body,) = ps("Invoke-RestMethod", f"{server}/cookie", WebSession=session)
    assert body.cookie == "session=abc123"


# -- Invoke-WebRequest --------------------------------------------------------------------------


def test_web_request_object(ps: Session, server: str) -> None:
    # WebCmdlets.Tests.ps1 "Invoke-WebRequest returns ... StatusCode, Content, Headers, RawContent, Links"
    (response,) = ps("Invoke-WebRequest", f"{server}/html")
    assert "Microsoft.PowerShell.Commands.BasicHtmlWebResponseObject" in response.pstypenames
    assert response.StatusCode == 200 and response.StatusDescription == "OK"
    assert response.Content.startswith("<html>") and str(response) == response.Content
    assert response.Headers["Content-Type"] == ["text/html; charset=utf-8"]
    assert response.RawContent.startswith("HTTP/1.1 200 OK\r\n") and response.RawContent.endswith(response.Content)
    assert [link.href for link in response.Links] == ["/x"] and response.Links[0].id == "l1"
    assert [image.src for image in response.Images] == ["/i.png"]
    assert [field.name for field in response.InputFields] == ["q"]
    assert response.RawContentLength == len(response.Content)


def test_binary_content_is_bytes(ps: Session, server: str) -> None:
    (response,) = ps("Invoke-WebRequest", f"{server}/bytes")
    assert response.pstypenames[0] == "Microsoft.PowerShell.Commands.WebResponseObject"
    assert response.Content == [0, 1, 2, 255]


def test_out_file_and_pass_thru(ps: Session, server: str, tmp_path) -> None:
    # WebCmdlets.Tests.ps1 "-OutFile", "-PassThru without -OutFile is an error"
    assert ps("Invoke-WebRequest", f"{server}/bytes", OutFile="out.bin") == []
    assert (tmp_path / "out.bin").read_bytes() == bytes([0, 1, 2, 255])
    (response,) = ps("Invoke-WebRequest", f"{server}/text", OutFile="t.txt", PassThru=True)
    assert response.Content == "héllo" and (tmp_path / "t.txt").read_text() == "héllo"
    assert fqid(lambda: ps("Invoke-WebRequest", f"{server}/text", PassThru=True)) == (
        "WebCmdletOutFileMissingException,Microsoft.PowerShell.Commands.InvokeWebRequestCommand"
    )


def test_out_file_failure_leaves_no_partial_file(ps: Session, server: str, tmp_path) -> None:
    with pytest.raises(psbridge.PSError):
        ps("Invoke-WebRequest", f"{server}/slow", OutFile="slow.txt", TimeoutSec=1)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(psbridge.PSError):
        ps("Invoke-WebRequest", f"{server}/status/500", OutFile="err.txt")
    assert list(tmp_path.iterdir()) == []


def test_resume(ps: Session, server: str, tmp_path) -> None:
    # WebCmdlets.Tests.ps1 "-Resume": the rest of a partial file; a complete file is left as it is
    (tmp_path / "r.bin").write_bytes(b"0123")
    ps("Invoke-WebRequest", f"{server}/range", OutFile="r.bin", Resume=True)
    assert (tmp_path / "r.bin").read_bytes() == b"0123456789"
    ps("Invoke-WebRequest", f"{server}/range", OutFile="r.bin", Resume=True)
    assert (tmp_path / "r.bin").read_bytes() == b"0123456789"


def test_head_and_form(ps: Session, server: str, tmp_path) -> None:
    assert ps("Invoke-RestMethod", f"{server}/json", Method="Head") == []
    (tmp_path / "up.txt").write_text("file body")
    item = ps("Get-Item", str(tmp_path / "up.txt"))[0]
    (echo,) = ps("Invoke-RestMethod", f"{server}/echo", Method="Post", Form=Hashtable({"name": "n", "file": item}))
    assert echo.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert 'name="file"; filename="up.txt"' in echo.body and "file body" in echo.body and 'name="name"' in echo.body


def test_unsupported_parameters_say_so(server: str) -> None:
    refused = fqid(lambda: psbridge.invoke("Invoke-WebRequest", f"{server}/json", Proxy="http://127.0.0.1:9"))
    assert refused.startswith("WebCmdletNotSupportedException,")
