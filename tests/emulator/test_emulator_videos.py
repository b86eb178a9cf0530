"""Video jobs in the emulator: created, moved a status per look, their content real MP4, WebP and JPEG files.

Every JSON request and answer is validated against ``openai-openapi.json``.
"""

from __future__ import annotations

import struct
from typing import Any

import httpx
import pytest

from psbridge.emulator import Emulator
from psbridge.emulator.png import pattern_png
from tests.emulator.emulator_helpers import assert_error, make_client
from tests.emulator.test_emulator_images import jpeg_size, webp_size
from tests.openapi_schemas import checked


@pytest.fixture
def http(emu: Emulator) -> Any:
    with make_client(emu) as client:
        yield client


def mp4_boxes(data: bytes) -> dict[bytes, bytes]:
    """The top-level boxes of an ISO media file, each size checked."""
    boxes, at = {}, 0
    while at < len(data):
        (size,) = struct.unpack(">I", data[at : at + 4])
        assert size >= 8 and at + size <= len(data)
        boxes[data[at + 4 : at + 8]] = data[at + 8 : at + size]
        at += size
    return boxes


def mp4_size_and_duration(data: bytes) -> tuple[int, int, float]:
    moov = mp4_boxes(data)[b"moov"]
    mvhd = moov[moov.index(b"mvhd") + 4 :]
    timescale, duration = struct.unpack(">II", mvhd[12:20])
    tkhd = moov[moov.index(b"tkhd") + 4 :]
    width, height = struct.unpack(">II", tkhd[76:84])
    return width >> 16, height >> 16, duration / timescale


def test_a_job_moves_a_status_per_look_and_then_serves_its_video(http: httpx.Client) -> None:
    job = checked(http, "POST", "/videos", json_body={"prompt": "Dancing Doggo", "seconds": "8", "size": "1280x720"})
    assert (job["status"], job["progress"], job["model"], job["completed_at"]) == ("queued", 0, "sora-2", None)
    early = http.get(f"videos/{job['id']}/content")
    assert_error(early, 404, "video_not_ready")
    seen = [checked(http, "GET", "/videos/{video_id}", video_id=job["id"])["status"] for _ in range(5)]
    assert seen == ["queued", "in_progress", "in_progress", "completed", "completed"]  # a step every second look
    video = http.get(f"videos/{job['id']}/content")
    assert video.headers["content-type"] == "video/mp4"
    assert mp4_size_and_duration(video.content) == (1280, 720, 8.0)
    assert http.get(f"videos/{job['id']}/content").content == video.content  # the same bytes every time
    thumbnail = http.get(f"videos/{job['id']}/content", params={"variant": "thumbnail"})
    assert thumbnail.headers["content-type"] == "image/webp" and webp_size(thumbnail.content) == (1280, 720)
    sheet = http.get(f"videos/{job['id']}/content", params={"variant": "spritesheet"})
    assert sheet.headers["content-type"] == "image/jpeg" and jpeg_size(sheet.content) == (320, 180)
    assert assert_error(http.get(f"videos/{job['id']}/content", params={"variant": "gif"}), 400)["param"] == "variant"


def test_remix_list_and_delete(http: httpx.Client) -> None:
    first = checked(http, "POST", "/videos", json_body={"prompt": "Donuts", "model": "sora-2-pro", "size": "1792x1024"})
    refused = http.post(f"videos/{first['id']}/remix", json={"prompt": "Beach"})
    assert assert_error(refused, 400)["param"] == "video_id"  # not completed yet (this look moves it once)
    while checked(http, "GET", "/videos/{video_id}", video_id=first["id"])["status"] != "completed":
        pass
    remix = checked(http, "POST", "/videos/{video_id}/remix", json_body={"prompt": "Beach"}, video_id=first["id"])
    assert remix["remixed_from_video_id"] == first["id"]
    assert (remix["size"], remix["model"]) == ("1792x1024", "sora-2-pro")
    listed = checked(http, "GET", "/videos", params={"order": "asc", "limit": 1})
    assert [v["id"] for v in listed["data"]] == [first["id"]] and listed["has_more"]
    gone = checked(http, "DELETE", "/videos/{video_id}", video_id=first["id"])
    assert gone == {"id": first["id"], "object": "video.deleted", "deleted": True}
    assert_error(http.get(f"videos/{first['id']}"), 404)


def test_a_failing_prompt_ends_failed_with_an_error(http: httpx.Client) -> None:
    job = checked(http, "POST", "/videos", json_body={"prompt": "[fail] a storm"})
    for _ in range(4):
        last = checked(http, "GET", "/videos/{video_id}", video_id=job["id"])
    assert last["status"] == "failed" and last["error"]["code"] == "video_generation_failed"


def test_a_multipart_job_takes_an_input_reference_of_its_size(http: httpx.Client) -> None:
    image = pattern_png(720, 1280, "reference")
    made = http.post("videos", data={"prompt": "From this", "seconds": "4"},
                     files={"input_reference": ("ref.png", image, "image/png")})  # fmt: skip
    assert made.status_code == 200 and made.json()["size"] == "720x1280"
    wrong = http.post("videos", data={"prompt": "From this", "size": "1280x720"},
                      files={"input_reference": ("ref.png", image, "image/png")})  # fmt: skip
    assert assert_error(wrong, 400)["param"] == "input_reference"


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"prompt": "x", "size": "1024x1792"}, "size"),
        ({"prompt": "x", "seconds": "5"}, "seconds"),
        ({"prompt": "x", "model": "veo"}, "model"),
        ({"prompt": ""}, "prompt"),
        ({"seconds": "4"}, "prompt"),
    ],
)
def test_what_a_video_job_does_not_take_is_refused(http: httpx.Client, body: dict[str, Any], param: str) -> None:
    assert assert_error(http.post("videos", json=body), 400)["param"] == param
