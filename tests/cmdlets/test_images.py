"""Request-ImageGeneration, Request-ImageEdit and Request-ImageVariation against the emulator."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest

import psbridge
from psbridge.emulator import Emulator
from psbridge.emulator.png import pattern_png
from psbridge.runtime import PipelineError
from tests.emulator.test_emulator_images import jpeg_size, png_pixels, webp_size


def sent(emulator: Emulator, path: str) -> list[Any]:
    return [r for r in emulator.requests if r.path.endswith(path)]


def form_fields(request: Any) -> dict[str, list[str]]:
    from psbridge.emulator.multipart import parse_form

    form = parse_form(request.raw_body, request.headers["content-type"])
    fields: dict[str, list[str]] = {}
    for part in form.parts:
        fields.setdefault(part.name, []).append(part.filename or part.text)
    return fields


def test_a_gpt_image_is_the_whole_response_as_an_image_object(emulator: Emulator) -> None:
    ps = psbridge.PowerShell()
    (image,) = ps.add_script("Request-ImageGeneration 'A cute baby lion' -Size 1024x1536").invoke()
    assert image.pstypenames[0] == "PSOpenAI.Image" and image.output_format == "png"
    assert png_pixels(base64.b64decode(image.data[0].b64_json))[:2] == (1024, 1536)
    assert sent(emulator, "/images/generations")[-1].body == {
        "prompt": "A cute baby lion",
        "model": "gpt-image-2",
        "size": "1024x1536",
    }
    assert ps.streams.warning == []
    ps = psbridge.PowerShell()
    (again,) = ps.add_script("Request-ImageGeneration 'lion' -ResponseFormat url").invoke()
    assert again.pstypenames[0] == "PSOpenAI.Image"
    assert ps.streams.warning == ["Your specified model does not support response_format=url. Defaulting to object."]


def test_dall_e_urls_base64_and_bytes(emulator: Emulator) -> None:
    urls = psbridge.run("Request-ImageGeneration -Model dall-e-3 -Prompt 'Delicious ramen' -ResponseFormat url")
    assert len(urls) == 1 and urls[0].startswith("http://") and "/generated/images/" in urls[0]
    texts = psbridge.run(
        "Request-ImageGeneration -Model dall-e-2 -Prompt ramen -ResponseFormat base64 -n 2 -Size 256x256"
    )
    assert len(texts) == 2 and all(png_pixels(base64.b64decode(t))[:2] == (256, 256) for t in texts)
    (data,) = psbridge.run("Request-ImageGeneration -Model dall-e-2 -Prompt ramen -ResponseFormat byte -Size 512x512")
    assert isinstance(data, bytes) and png_pixels(data)[:2] == (512, 512)
    assert sent(emulator, "/images/generations")[-1].body["response_format"] == "b64_json"
    (raw,) = psbridge.run("Request-ImageGeneration -Model dall-e-2 -Prompt x -Size 256x256 -OutputRawResponse")
    assert isinstance(raw, str) and raw.startswith("{")


def test_out_file_writes_each_image_where_asked_in_the_extensions_format(emulator: Emulator, tmp_path: Path) -> None:
    target = tmp_path / "new" / "lion.jpg"
    psbridge.invoke("Request-ImageGeneration", "lion", Model="gpt-image-1", OutFile=str(target), NumberOfImages=3)
    assert sent(emulator, "/images/generations")[-1].body["output_format"] == "jpeg"
    assert sorted(os.listdir(target.parent)) == ["lion-1.jpg", "lion-2.jpg", "lion.jpg"]
    assert jpeg_size(target.read_bytes()) == (1024, 1024)
    webp = tmp_path / "w.webp"
    psbridge.invoke("Request-ImageGeneration", "x", Model="gpt-image-1", OutFile=str(webp), Size="1536x1024")
    assert webp_size(webp.read_bytes()) == (1536, 1024)
    png = tmp_path / "p.png"
    psbridge.invoke("Request-ImageGeneration", "x", Model="dall-e-2", OutFile=str(png), Size="256x256")
    assert png_pixels(png.read_bytes())[:2] == (256, 256)
    assert "output_format" not in sent(emulator, "/images/generations")[-1].body  # only the GPT image models take it


def test_a_failed_request_leaves_an_existing_file_untouched(emulator: Emulator, tmp_path: Path) -> None:
    target = tmp_path / "keep.png"
    target.write_bytes(b"old")
    with pytest.raises(PipelineError):
        psbridge.invoke("Request-ImageGeneration", "x", Model="dall-e-3", NumberOfImages=2, OutFile=str(target))
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["keep.png"]


def test_partial_images_stream_to_numbered_files_and_objects(emulator: Emulator, tmp_path: Path) -> None:
    target = tmp_path / "lion.png"
    psbridge.invoke("Request-ImageGeneration", "lion", Model="gpt-image-1", OutFile=str(target), PartialImages=2)
    assert sent(emulator, "/images/generations")[-1].body["stream"] is True
    assert sorted(os.listdir(tmp_path)) == ["lion-0.png", "lion-1.png", "lion.png"]
    events = psbridge.invoke("Request-ImageGeneration", "lion", Model="gpt-image-1", Stream=True)
    assert [e.type for e in events] == ["image_generation.completed"]
    assert events[0].pstypenames[0] == "PSOpenAI.Image"
    raw = psbridge.invoke(
        "Request-ImageGeneration", "lion", Model="gpt-image-1", PartialImages=1, OutputRawResponse=True
    )
    assert len(raw) == 2 and all(isinstance(r, str) for r in raw)


def test_edits_upload_images_and_the_mask_as_a_form(emulator: Emulator, tmp_path: Path) -> None:
    source, mask = tmp_path / "sand.png", tmp_path / "mask.png"
    source.write_bytes(pattern_png(64, 64, "sand"))
    mask.write_bytes(pattern_png(64, 64, "mask"))
    target = tmp_path / "edit.png"
    psbridge.invoke(
        "Request-ImageEdit",
        Image=[str(source)],
        Mask=str(mask),
        Prompt="A bird",
        OutFile=str(target),
        Size="1024x1024",
        Model="gpt-image-1",
    )
    assert png_pixels(target.read_bytes())[:2] == (1024, 1024)
    fields = form_fields(sent(emulator, "/images/edits")[-1])
    assert fields == {
        "prompt": ["A bird"],
        "model": ["gpt-image-1"],
        "size": ["1024x1024"],
        "output_format": ["png"],
        "image": ["sand.png"],
        "mask": ["mask.png"],
    }
    (result,) = psbridge.invoke("Request-ImageEdit", Image=[str(source), str(source)], Prompt="Two")
    assert result.pstypenames[0] == "PSOpenAI.Image"
    assert form_fields(sent(emulator, "/images/edits")[-1])["image[]"] == ["sand.png", "sand.png"]
    (url,) = psbridge.invoke("Request-ImageEdit", Image=[str(source)], Prompt="Old", Model="dall-e-2")
    assert "/generated/images/" in url


def test_an_edit_of_a_missing_file_sends_nothing(emulator: Emulator, tmp_path: Path) -> None:
    before = len(emulator.requests)
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Request-ImageEdit", Image=[str(tmp_path / "none.png")], Prompt="x")
    assert "Cannot find path" in str(caught.value.errors[0]) and len(emulator.requests) == before


def test_variations(emulator: Emulator, tmp_path: Path) -> None:
    source = tmp_path / "cupcake.png"
    source.write_bytes(pattern_png(32, 32, "cupcake"))
    target = tmp_path / "cupcake2.png"
    psbridge.run(f"Request-ImageVariation -Image '{source}' -OutFile '{target}' -Size 256x256")
    assert png_pixels(target.read_bytes())[:2] == (256, 256)
    fields = form_fields(sent(emulator, "/images/variations")[-1])
    assert fields == {"n": ["1"], "size": ["256x256"], "response_format": ["b64_json"], "image": ["cupcake.png"]}
    texts = psbridge.run(f"Request-ImageVariation -Image '{source}' -ResponseFormat base64 -Size 512 -n 2")
    assert [png_pixels(base64.b64decode(t))[:2] for t in texts] == [(512, 512)] * 2
    urls = psbridge.run(f"'{source}' | Request-ImageVariation")
    assert len(urls) == 1 and urls[0].startswith("http://")
    ps = psbridge.PowerShell()
    ps.add_script(f"Request-ImageVariation -Image '{source}' -ResponseFormat byte -n 2").invoke()
    assert [str(e) for e in ps.streams.error] == ["When the format is specified as byte, NumberOfImages should be 1."]
