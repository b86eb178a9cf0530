"""New-Video, New-VideoRemix, Get-Video, Wait-Video, Get-VideoContent and Remove-Video against the emulator."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest

import psbridge
from psbridge.emulator import Emulator
from psbridge.emulator.faults import Fault
from psbridge.emulator.png import pattern_png
from psbridge.runtime import PipelineError
from tests.cmdlets.test_images import form_fields, sent
from tests.emulator.test_emulator_images import webp_size
from tests.emulator.test_emulator_videos import mp4_size_and_duration


def test_new_video_sends_a_form_of_what_was_bound(emulator: Emulator, tmp_path: Path) -> None:
    (job,) = psbridge.run("New-Video -Prompt 'Dancing Doggo'")
    assert job.pstypenames[0] == "PSOpenAI.Video.Job" and job.status == "queued"
    assert isinstance(job.created_at, datetime.datetime)
    assert form_fields(sent(emulator, "/videos")[-1]) == {"prompt": ["Dancing Doggo"], "model": ["sora-2"]}
    psbridge.run("New-Video 'Dancing Donuts' -Model sora-2-pro -Seconds 12 -Size 1792X1024")
    assert form_fields(sent(emulator, "/videos")[-1]) == {
        "prompt": ["Dancing Donuts"], "model": ["sora-2-pro"], "seconds": ["12"], "size": ["1792x1024"],
    }  # fmt: skip
    reference = tmp_path / "first.png"
    reference.write_bytes(pattern_png(720, 1280, "first frame"))
    (from_image,) = psbridge.run(f"New-Video 'Go' -InputReference '{reference}'")
    assert form_fields(sent(emulator, "/videos")[-1])["input_reference"] == ["first.png"]
    assert from_image.size == "720x1280"


def test_wait_then_download_video_and_thumbnail(
    emulator: Emulator, tmp_path: Path, recorded_sleeps: list[float]
) -> None:
    target = tmp_path / "clips" / "demo.mp4"
    psbridge.run(
        f"New-Video 'A cat' -Seconds 8 -Size 1280x720 | Wait-Video | Get-VideoContent -OutFile '{target}'"
    )
    assert mp4_size_and_duration(target.read_bytes()) == (1280, 720, 8.0)
    assert recorded_sleeps == [1.0, 2.0, 3.0]  # PSOpenAI's schedule for 3 s: 0 (no sleep), 1, 2, 3 ...
    (job,) = psbridge.run("New-Video 'A dog'")
    recorded_sleeps.clear()
    thumbnail = tmp_path / "thumb.webp"
    psbridge.run(f"Get-VideoContent -VideoId {job.id} -Variant Thumbnail -WaitForCompletion -OutFile '{thumbnail}'")
    assert webp_size(thumbnail.read_bytes()) == (720, 1280) and recorded_sleeps == [1.0, 2.0, 3.0]
    assert sent(emulator, "/content")[-1].query == [("variant", "thumbnail")]
    (data,) = psbridge.run(f"Get-VideoContent {job.id}")
    assert isinstance(data, bytes) and mp4_size_and_duration(data)[:2] == (720, 1280)
    assert sent(emulator, "/content")[-1].query == []  # variant only when bound, as PSOpenAI sends it


def test_wait_video_options(emulator: Emulator, recorded_sleeps: list[float]) -> None:
    (job,) = psbridge.run("New-Video 'x'")
    (waited,) = psbridge.run(f"Wait-Video -VideoId {job.id} -PollIntervalSec 0.3 -StatusForExit in_progress")
    assert waited.status == "in_progress" and recorded_sleeps == [0.1]
    (done,) = psbridge.run(f"Wait-Video {job.id} -PollIntervalSec 0")
    assert done.status == "completed" and done.progress == 100
    assert isinstance(done.completed_at, datetime.datetime)
    with pytest.raises(PipelineError) as caught:
        psbridge.run(f"Wait-Video -Id {job.id} -StatusForExit queued")
    assert "queued" in str(caught.value.errors[0])  # completed: queued can no longer come


def test_a_failed_job_warns_and_is_not_downloaded(emulator: Emulator, tmp_path: Path) -> None:
    (job,) = psbridge.run("New-Video '[fail] storm'")
    ps = psbridge.PowerShell()
    (failed,) = ps.add_script(f"Wait-Video {job.id} -PollIntervalSec 0").invoke()
    assert failed.status == "failed"
    assert ps.streams.warning == [
        f'The status of job with id "{job.id}" is "failed". Error: "The video could not be generated." '
        "(video_generation_failed)"
    ]
    target = tmp_path / "never.mp4"
    with pytest.raises(PipelineError) as caught:
        psbridge.run(f"Get-VideoContent {job.id} -WaitForCompletion -OutFile '{target}'")
    assert str(caught.value.errors[0]) == f"The job with id '{job.id}' was not completed. The status is 'failed'."
    assert not target.exists()


def test_remix_list_and_remove_by_piping(emulator: Emulator) -> None:
    (job,) = psbridge.run("New-Video 'Original'")
    emulator.finish_video(job.id)
    (remix,) = psbridge.run(f"Get-Video {job.id} | New-VideoRemix 'Change the background to a sunny beach'")
    assert remix.remixed_from_video_id == job.id
    assert sent(emulator, "/remix")[-1].body == {"prompt": "Change the background to a sunny beach"}
    assert [v.id for v in psbridge.run("Get-Video -Limit 5 -Order desc")] == [remix.id, job.id]
    ps = psbridge.PowerShell()
    ps.add_script("Get-Video -All | Remove-Video -Verbose").invoke()
    assert [str(line) for line in ps.streams.verbose if "deleted" in str(line)] == [
        f'The video with id "{job.id}" has been deleted.', f'The video with id "{remix.id}" has been deleted.'
    ]
    assert psbridge.run("Get-Video") == []


def test_a_broken_download_leaves_no_file_and_azure_is_refused(emulator: Emulator, tmp_path: Path) -> None:
    (job,) = psbridge.run("New-Video 'x'")
    emulator.finish_video(job.id)
    emulator.faults.add(Fault(path="/content", drop_connection=True))
    with pytest.raises(PipelineError):
        psbridge.run(f"Get-VideoContent {job.id} -OutFile '{tmp_path / 'v.mp4'}'")
    assert os.listdir(tmp_path) == []
    before = len(emulator.requests)
    with pytest.raises(PipelineError) as caught:
        psbridge.run("Get-Video -ApiType Azure")
    assert "Azure" in str(caught.value.errors[0]) and len(emulator.requests) == before


def test_the_video_guide_s_one_step_flow_as_a_script(
    emulator: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recorded_sleeps: list[float]
) -> None:
    """How_to_use_Video_generation's short flow, in our words: a job piped straight into a download that waits."""
    monkeypatch.chdir(tmp_path)
    ps = psbridge.PowerShell()
    ps.add_script(
        "New-Video -Model 'sora-2' -Prompt 'A kite over the sea' -Seconds 4 -Size 1280x720 |"
        " Get-VideoContent -OutFile (Join-Path $PWD 'kite.mp4') -WaitForCompletion"
    ).invoke()
    assert not ps.had_errors, [str(e) for e in ps.streams.error]
    assert mp4_size_and_duration((tmp_path / "kite.mp4").read_bytes()) == (1280, 720, 4.0)
