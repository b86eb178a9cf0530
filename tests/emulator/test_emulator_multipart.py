"""The emulator's multipart/form-data parser (standard library only) and the body size cap."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from psbridge.emulator import Emulator
from psbridge.emulator.errors import ApiError
from psbridge.emulator.multipart import parse_form
from tests.emulator.emulator_helpers import API_KEY

CT = "multipart/form-data; boundary=XyZ"


def form(*parts: bytes, end: bytes = b"--XyZ--\r\n") -> bytes:
    return b"".join(b"--XyZ\r\n" + part + b"\r\n" for part in parts) + end


def test_fields_and_files_come_out_whole() -> None:
    body = form(
        b'Content-Disposition: form-data; name="purpose"\r\n\r\nassistants',
        b'Content-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n'
        b"line 1 --XyZ mid-line is data\r\nline 3",
    )
    parsed = parse_form(body, CT)
    assert parsed.fields == {"purpose": "assistants"}
    upload = parsed.files["file"]
    assert upload.filename == "a.txt" and upload.content_type == "text/plain"
    assert upload.data == b"line 1 --XyZ mid-line is data\r\nline 3"


def test_preamble_and_an_extended_file_name_are_understood() -> None:
    body = b"ignored preamble\r\n" + form(
        b"Content-Disposition: form-data; name=\"file\"; filename=\"x\"; filename*=utf-8''r%C3%A9sum%C3%A9.txt"
        b"\r\n\r\n\x00\xff"
    )
    upload = parse_form(body, 'multipart/form-data; boundary="XyZ"').files["file"]
    assert upload.filename == "résumé.txt" and upload.data == b"\x00\xff"


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (form(b'Content-Disposition: form-data; name="a"\r\n\r\n1'), "application/json", "Invalid Content-Type"),
        (form(b'Content-Disposition: form-data; name="a"\r\n\r\n1'), "multipart/form-data", "Invalid Content-Type"),
        (b"no boundary at all", CT, "no boundary found"),
        (form(b"Content-Disposition: attachment\r\n\r\n1"), CT, "form-data with a name"),
        (b'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n1', CT, "closing boundary"),
        (b'--XyZ\r\nContent-Disposition: form-data; name="a"', CT, "end of headers"),
    ],
)
def test_malformed_forms_are_a_400(body: bytes, content_type: str, message: str) -> None:
    with pytest.raises(ApiError) as caught:
        parse_form(body, content_type)
    assert caught.value.status == 400 and message in caught.value.message


def _raw_request(emu: Emulator, head: bytes, body: bytes = b"") -> bytes:
    host, port = emu.base_url.split("//")[1].split("/")[0].split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(head + body)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def test_a_body_over_the_cap_is_refused_before_it_is_read(start_emulator: Any) -> None:
    emu = start_emulator(api_key=API_KEY, max_body_bytes=1000)
    head = (
        b"POST /v1/files HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + API_KEY.encode() + b"\r\n"
        b"Content-Type: " + CT.encode() + b"\r\nContent-Length: 1000001\r\n\r\n"
    )
    answer = _raw_request(emu, head)  # the server answers and closes without waiting for the body
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b'"code": "request_too_large"' in answer


def test_a_chunked_body_over_the_cap_is_refused(start_emulator: Any) -> None:
    emu = start_emulator(api_key=API_KEY, max_body_bytes=1000)
    head = (
        b"POST /v1/files HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + API_KEY.encode() + b"\r\n"
        b"Content-Type: " + CT.encode() + b"\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"400\r\n" + b"a" * 1024 + b"\r\n"
    answer = _raw_request(emu, head, chunk * 2 + b"0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 413 ")
