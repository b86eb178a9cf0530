"""Multipart uploads and downloads to a file, against the scripted loopback server."""

from __future__ import annotations

import email.parser
import email.policy
import gzip
import io
from pathlib import Path
from typing import Any

import pytest

from psbridge.api import ApiArgumentError, ApiClient, FilePart, MultipartForm, ResponseTooLargeError, mime_type_of
from psbridge.api.multipart import CHUNK_SIZE
from psbridge.objects import Hashtable
from tests.api.api_loopback import Reply, ScriptedServer


def parts_of(content_type: str, body: bytes) -> list[Any]:
    """The parts of a multipart body as the standard library's MIME parser reads them."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )
    assert message.is_multipart()
    return list(message.iter_parts())


def test_a_form_is_text_fields_then_files_with_its_exact_length(tmp_path: Path) -> None:
    data = bytes(range(256)) * 1000
    source = tmp_path / "report.csv"
    source.write_bytes(data)
    form = MultipartForm([("purpose", "assistants"), ("note", "a\r\nb")], [FilePart("file", "report.csv", path=source)])
    body = b"".join(form.chunks())
    assert len(body) == form.length
    assert max(len(chunk) for chunk in form.chunks()) <= CHUNK_SIZE + 200  # never the whole file at once
    purpose, note, file = parts_of(form.content_type, body)
    assert (purpose.get_param("name", header="content-disposition"), purpose.get_content()) == ("purpose", "assistants")
    assert note.get_content() == "a\r\nb"
    assert file.get_filename() == "report.csv" and file.get_content_type() == "application/octet-stream"
    assert file.get_payload(decode=True) == data


def test_names_that_are_not_plain_ascii_are_escaped_and_given_in_utf8_too() -> None:
    form = MultipartForm([], [FilePart("file", 'résumé "final".txt', data=b"x")])
    head = b"".join(form.chunks()).split(b"\r\n\r\n", 1)[0].decode()
    assert 'filename="résumé %22final%22.txt"' in head
    assert "filename*=utf-8''r%C3%A9sum%C3%A9%20%22final%22.txt" in head


def test_content_types_follow_psopenais_table() -> None:
    assert mime_type_of("a.PNG") == "image/png"
    assert mime_type_of("notes.md") == "text/markdown"
    assert mime_type_of("report.csv") == "application/octet-stream"  # not in PSOpenAI's table
    assert mime_type_of("no_extension", "text/plain") == "text/plain"


def test_upload_is_sent_with_content_length_and_read_again_on_a_retry(server: ScriptedServer, tmp_path: Path) -> None:
    data = b"0123456789" * 50_000
    source = tmp_path / "big.bin"
    source.write_bytes(data)
    server.script(Reply(status=500), Reply(body={"id": "file-1"}))
    form = MultipartForm([("purpose", "batch")], [FilePart("file", "big.bin", path=source)])
    with ApiClient(server.settings(max_retry_count=1), sleep=lambda _: None) as client:
        answer = client.request("POST", ["files"], form=form)
    assert answer.json() == {"id": "file-1"}
    first, second = server.requests
    for sent in (first, second):
        assert sent.headers["content-type"] == form.content_type
        assert int(sent.headers["content-length"]) == len(sent.body) == form.length
        assert "transfer-encoding" not in sent.headers
        assert parts_of(form.content_type, sent.body)[1].get_payload(decode=True) == data


def test_additional_body_becomes_form_fields(server: ScriptedServer) -> None:
    form = MultipartForm([("purpose", "batch")], [FilePart("file", "a.txt", data=b"hi")])
    settings = server.settings(additional_body=Hashtable(purpose="user_data", extra={"k": 1}))
    with ApiClient(settings) as client:
        client.request("POST", ["files"], form=form)
    sent = server.requests[-1]
    fields = {
        part.get_param("name", header="content-disposition"): part.get_content()
        for part in parts_of(sent.headers["content-type"], sent.body)
        if part.get_filename() is None
    }
    assert fields == {"purpose": "user_data", "extra": '{"k":1}'}


def test_a_file_that_changes_while_it_is_sent_fails_before_a_wrong_body_goes_out(
    server: ScriptedServer, tmp_path: Path
) -> None:
    source = tmp_path / "moving.txt"
    source.write_bytes(b"x" * 100)
    form = MultipartForm([], [FilePart("file", "moving.txt", path=source)])
    source.write_bytes(b"x" * 10)
    server.script(Reply())
    with ApiClient(server.settings()) as client, pytest.raises(ApiArgumentError, match="shrank"):
        client.request("POST", ["files"], form=form)


def test_a_download_is_written_to_the_sink_as_it_arrives(server: ScriptedServer) -> None:
    payload = bytes(range(256)) * 4096
    server.script(Reply(body=gzip.compress(payload), headers={"content-encoding": "gzip"}))
    sink = io.BytesIO()
    with ApiClient(server.settings()) as client:
        response = client.request("GET", ["files", "f", "content"], sink=sink)
    assert sink.getvalue() == payload
    assert response.content == b""


def test_a_download_past_its_limit_stops(server: ScriptedServer) -> None:
    server.script(Reply(body=b"z" * 5000))
    sink = io.BytesIO()
    with ApiClient(server.settings()) as client, pytest.raises(ResponseTooLargeError):
        client.request("GET", ["files", "f", "content"], sink=sink, max_bytes=1000)
    assert len(sink.getvalue()) <= 5000
