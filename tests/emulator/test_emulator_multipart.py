"""The emulator's multipart/form-data parser (standard library only); the body cap is the server's (Limits)."""

from __future__ import annotations

import pytest

from psbridge.emulator.errors import ApiError
from psbridge.emulator.multipart import parse_form

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

