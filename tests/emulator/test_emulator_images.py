"""Images in the emulator: generations, edits and variations, checked against OpenAI's published description.

Every JSON request and answer is validated against ``openai-openapi.json``;
the images themselves are parsed: a PNG's header gives its size, and the bytes
decode as the format they claim (PNG through zlib; JPEG and WebP by their
structure).
"""

from __future__ import annotations

import base64
import struct
import zlib
from typing import Any

import httpx
import pytest

from psbridge.emulator import Emulator
from psbridge.emulator.image_files import jpeg_image, webp_image
from psbridge.emulator.png import pattern_png
from tests.emulator.emulator_helpers import assert_error, make_client
from tests.openapi_schemas import assert_valid, checked, component, response_body, sse_payloads


@pytest.fixture
def http(emu: Emulator) -> Any:
    with make_client(emu) as client:
        yield client


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """(width, height, raw RGB rows) of an 8-bit RGB PNG, every chunk's CRC checked."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        payload = data[position + 8 : position + 8 + length]
        (crc,) = struct.unpack(">I", data[position + 8 + length : position + 12 + length])
        assert crc == zlib.crc32(kind + payload) & 0xFFFFFFFF
        if kind == b"IHDR":
            header = payload
        elif kind == b"IDAT":
            idat += payload
        position += 12 + length
    width, height = struct.unpack(">II", header[:8])
    raw = zlib.decompress(idat)
    assert len(raw) == height * (1 + 3 * width)
    return width, height, raw


def jpeg_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\xff\xd8") and data.endswith(b"\xff\xd9")
    at = data.index(b"\xff\xc0")
    height, width = struct.unpack(">HH", data[at + 5 : at + 9])
    return width, height


def webp_size(data: bytes) -> tuple[int, int]:
    assert data[:4] == b"RIFF" and data[8:16] == b"WEBPVP8L" and data[20] == 0x2F
    (bits,) = struct.unpack("<I", data[21:25])
    assert struct.unpack("<I", data[4:8])[0] == len(data) - 8
    return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1


def test_dall_e_2_answers_urls_to_real_pngs_served_without_a_key(emu: Emulator, http: httpx.Client) -> None:
    body = {"prompt": "A cute baby sea otter", "n": 2, "size": "256x256"}
    answer = checked(http, "POST", "/images/generations", json_body=body)
    urls = [entry["url"] for entry in answer["data"]]
    assert len(urls) == 2 and all(url.startswith(emu.base_url.removesuffix("/v1")) for url in urls)
    images = [httpx.get(url) for url in urls]  # no key, as a signed link
    assert all(image.status_code == 200 and image.headers["content-type"] == "image/png" for image in images)
    sizes = {png_pixels(image.content)[:2] for image in images}
    assert sizes == {(256, 256)} and images[0].content != images[1].content
    assert httpx.get(urls[0].rsplit("/", 1)[0] + "/img_unknown.png").status_code == 404
    again = checked(http, "POST", "/images/generations", json_body={**body, "response_format": "b64_json"})
    assert base64.b64decode(again["data"][0]["b64_json"]) == images[0].content  # deterministic


def test_gpt_image_models_answer_base64_in_the_asked_format_and_size(http: httpx.Client) -> None:
    cases = [("png", "1536x1024", png_pixels), ("jpeg", "1024x1536", jpeg_size), ("webp", "auto", webp_size)]
    for output_format, size, reader in cases:
        body = {"prompt": "A bird on the desert", "model": "gpt-image-1", "size": size, "output_format": output_format}
        answer = checked(http, "POST", "/images/generations", json_body=body)
        data = base64.b64decode(answer["data"][0]["b64_json"])
        expected = (1024, 1024) if size == "auto" else tuple(int(v) for v in size.split("x"))
        assert reader(data)[:2] == expected
        assert answer["output_format"] == output_format and answer["usage"]["total_tokens"] > 0
    free = checked(
        http, "POST", "/images/generations", json_body={"prompt": "wide", "model": "gpt-image-2", "size": "1536x864"}
    )
    assert png_pixels(base64.b64decode(free["data"][0]["b64_json"]))[:2] == (1536, 864)
    assert "size" not in free  # the answer's size enum has only the standard three


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"prompt": "x", "model": "gpt-image-1", "response_format": "url"}, "response_format"),
        ({"prompt": "x", "model": "dall-e-3", "n": 2}, "n"),
        ({"prompt": "x", "model": "dall-e-2", "size": "1536x1024"}, "size"),
        ({"prompt": "x", "model": "gpt-image-2", "size": "1000x1000"}, "size"),
        ({"prompt": "x", "model": "dall-e-2", "stream": True}, "stream"),
        ({"prompt": "x", "n": 11}, "n"),
        ({"n": 1}, "prompt"),
    ],
)
def test_what_a_model_does_not_take_is_refused(http: httpx.Client, body: dict[str, Any], param: str) -> None:
    error = assert_error(http.post("images/generations", json=body), 400)
    assert error["param"] == param


def test_dall_e_3_revises_the_prompt(http: httpx.Client) -> None:
    answer = checked(
        http,
        "POST",
        "/images/generations",
        json_body={"prompt": "Ramen", "model": "dall-e-3", "size": "1792x1024", "response_format": "b64_json"},
    )
    assert answer["data"][0]["revised_prompt"] == "Ramen"
    assert png_pixels(base64.b64decode(answer["data"][0]["b64_json"]))[:2] == (1792, 1024)


def test_a_streamed_generation_sends_partial_images_then_the_final_one(http: httpx.Client) -> None:
    body = {"prompt": "Lion", "model": "gpt-image-1", "stream": True, "partial_images": 2}
    response = http.post("images/generations", json=body)
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_payloads(response.text)
    assert [event["type"] for event in events] == ["image_generation.partial_image"] * 2 + [
        "image_generation.completed"
    ]
    for event in events:
        assert_valid(response_body("POST", "/images/generations", "text/event-stream"), event)
    assert [event.get("partial_image_index") for event in events] == [0, 1, None]


def test_edits_take_uploads_and_masks_and_answer_the_asked_size(http: httpx.Client) -> None:
    source, mask = pattern_png(64, 64, "sand"), pattern_png(64, 64, "mask")
    assert_valid(component("CreateImageEditRequest"), {"image": "<png>", "prompt": "A bird", "mask": "<png>"})
    response = http.post(
        "images/edits",
        data={"prompt": "A bird", "size": "1024x1536", "n": "2", "model": "gpt-image-1"},
        files=[
            ("image[]", ("sand.png", source, "image/png")),
            ("image[]", ("more.jpg", jpeg_image(8, 8, (1, 2, 3)), "image/jpeg")),
            ("mask", ("mask.png", mask, "image/png")),
        ],
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert_valid(response_body("POST", "/images/edits"), answer)
    assert [png_pixels(base64.b64decode(d["b64_json"]))[:2] for d in answer["data"]] == [(1024, 1536)] * 2

    dall_e = http.post(
        "images/edits",
        data={"prompt": "A bird", "model": "dall-e-2", "size": "512x512", "response_format": "b64_json"},
        files={"image": ("sand.png", source), "mask": ("mask.png", mask)},
    )
    assert dall_e.status_code == 200, dall_e.text
    assert png_pixels(base64.b64decode(dall_e.json()["data"][0]["b64_json"]))[:2] == (512, 512)


def test_edits_refuse_what_is_not_an_image_or_does_not_fit(http: httpx.Client) -> None:
    text = http.post("images/edits", data={"prompt": "x"}, files={"image": ("a.png", b"not an image")})
    assert assert_error(text, 400)["param"] == "image"
    wide = http.post(
        "images/edits", data={"prompt": "x", "model": "dall-e-2"}, files={"image": ("a.png", pattern_png(20, 10, "a"))}
    )
    assert "square" in assert_error(wide, 400)["message"]
    mask = http.post(
        "images/edits",
        data={"prompt": "x", "model": "dall-e-2"},
        files={"image": ("a.png", pattern_png(16, 16, "a")), "mask": ("m.png", pattern_png(8, 8, "m"))},
    )
    assert assert_error(mask, 400)["param"] == "mask"
    unknown = http.post(
        "images/edits", data={"prompt": "x", "colour": "red"}, files={"image": ("a.png", pattern_png(16, 16, "a"))}
    )
    assert assert_error(unknown, 400, "unknown_parameter")["param"] == "colour"
    missing = http.post("images/edits", data={"prompt": "x"}, files={"mask": ("m.png", pattern_png(8, 8, "m"))})
    assert assert_error(missing, 400)["param"] == "image"


def test_json_edits_take_data_urls_and_file_ids(http: httpx.Client) -> None:
    source = pattern_png(32, 32, "json")
    url = "data:image/png;base64," + base64.b64encode(source).decode()
    uploaded = http.post("files", data={"purpose": "vision"}, files={"file": ("w.webp", webp_image(4, 4, (9, 9, 9)))})
    body = {
        "prompt": "Watercolour",
        "model": "gpt-image-1",
        "images": [{"image_url": url}, {"file_id": uploaded.json()["id"]}],
    }
    answer = checked(http, "POST", "/images/edits", json_body=body)
    assert len(answer["data"]) == 1


def test_variations_take_one_square_png(http: httpx.Client) -> None:
    source = pattern_png(32, 32, "cupcake")
    assert_valid(component("CreateImageVariationRequest"), {"image": "<png>", "n": 2, "size": "256x256"})
    response = http.post(
        "images/variations",
        data={"n": "2", "size": "256x256", "response_format": "b64_json"},
        files={"image": ("cupcake.png", source, "image/png")},
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert_valid(response_body("POST", "/images/variations"), answer)
    images = [base64.b64decode(d["b64_json"]) for d in answer["data"]]
    assert [png_pixels(image)[:2] for image in images] == [(256, 256)] * 2 and images[0] != images[1]
    bad_size = http.post("images/variations", data={"size": "1536x1024"}, files={"image": ("c.png", source)})
    assert assert_error(bad_size, 400)["param"] == "size"
    not_png = http.post("images/variations", files={"image": ("c.jpg", jpeg_image(8, 8, (0, 0, 0)))})
    assert assert_error(not_png, 400)["param"] == "image"
