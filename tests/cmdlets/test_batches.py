"""The Batch cmdlets against the emulator: -AsBatch inputs, Start/Get/Wait/Stop-Batch, Get-BatchOutput."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

import psbridge
from psbridge.emulator import Emulator, Lifecycle
from psbridge.hosting import PowerShell
from psbridge.runtime import PipelineError


@pytest.fixture(autouse=True)
def no_sleeping(recorded_sleeps: list[float]) -> None:
    """Waits poll on PSOpenAI's schedule; the tests run it without the sleeps."""


def run(script: str) -> PowerShell:
    ps = PowerShell()
    ps.add_script(script).invoke()
    assert not ps.had_errors, [str(error) for error in ps.streams.error]
    return ps


def test_chat_requests_made_as_batch_inputs_run_as_a_batch(emulator: Emulator) -> None:
    ps = run("""
        $Inputs = @(
            Request-ChatCompletion -Message 'Good morning.' -Model 'gpt-4o-mini' -AsBatch -CustomBatchId 'first'
            Request-ChatCompletion -Message 'Name a colour.' -Model 'gpt-4o-mini' -AsBatch -CustomBatchId 'second'
        )
        $Job = $Inputs | Start-Batch
        $Started = $Job.status
        $Job = $Job | Wait-Batch
        $Results = $Job | Get-BatchOutput
    """)  # fmt: skip
    variables = ps.variables
    assert variables["Started"] == "validating"
    job = variables["Job"]
    assert job.pstypenames[0] == "PSOpenAI.Batch" and job.status == "completed"
    assert job.request_counts.completed == 2 and job.endpoint == "/v1/chat/completions"
    upload = emulator.store.get("file", job.input_file_id)
    assert upload["purpose"] == "batch" and upload["filename"].startswith("batch-psopenai_")
    lines = [json.loads(line) for line in emulator.store.get_blob(upload["id"]).decode().splitlines()]
    assert [(line["custom_id"], line["url"]) for line in lines] == [("first", "/v1/chat/completions"),
                                                                   ("second", "/v1/chat/completions")]  # fmt: skip
    results = variables["Results"]
    assert [r.pstypenames[0] for r in results] == ["PSOpenAI.Batch.Output"] * 2
    assert {r.custom_id: r.response.body.Answer[0] for r in results} == {
        "first": "Echo: Good morning.",
        "second": "Echo: Name a colour.",
    }
    assert results[0].response.body.pstypenames[0] == "PSOpenAI.Chat.Completion"


def test_start_from_an_uploaded_file_and_list_batches(emulator: Emulator) -> None:
    line = {"custom_id": "e1", "method": "POST", "url": "/v1/embeddings", "body": {"model": "m", "input": "hi"}}
    (file,) = psbridge.invoke(
        "Add-OpenAIFile", Content=json.dumps(line).encode(), Name="in.jsonl", Purpose="batch"
    )
    (batch,) = psbridge.invoke("Start-Batch", file, Endpoint="/V1/Embeddings", MetaData={"run": "nightly"})
    body = [r for r in emulator.requests if r.path.endswith("/batches")][-1].body
    assert body == {"input_file_id": file.id, "endpoint": "/v1/embeddings", "completion_window": "24h",
                    "metadata": {"run": "nightly"}}  # fmt: skip
    assert [b.id for b in psbridge.invoke("Get-Batch")] == [batch.id]
    assert emulator.requests[-1].query == [("limit", "20")]  # no order: the batches list takes none
    (done,) = psbridge.invoke("Wait-Batch", batch.id)
    (output,) = psbridge.invoke("Get-BatchOutput", done)
    assert output.response.body.object == "list" and output.response.status_code == 200


def test_stop_a_batch_and_wait_until_it_is_cancelled(start_emulator: Callable[..., Emulator]) -> None:
    start_emulator(lifecycle=Lifecycle(mode="polls"))
    (item,) = psbridge.run("Request-ChatCompletion -Message 'x' -Model 'm' -AsBatch")
    (batch,) = psbridge.invoke("Start-Batch", input=[item])
    (stopped,) = psbridge.invoke("Stop-Batch", input=[batch], Wait=True, PassThru=True)
    assert stopped.status == "cancelled" and stopped.cancelled_at is not None
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Stop-Batch", stopped.id)
    assert str(caught.value.errors[0].exception) == 'Cannot cancel batch with status "cancelled".'
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Get-BatchOutput", stopped)
    assert str(caught.value.errors[0].exception) == "Could not retrieve batch output file id."


def test_get_batch_output_waits_when_asked(emulator: Emulator) -> None:
    (item,) = psbridge.run("Request-ChatCompletion -Message 'later' -Model 'm' -AsBatch -CustomBatchId c")
    (batch,) = psbridge.invoke("Start-Batch", input=[item])
    (output,) = psbridge.invoke("Get-BatchOutput", batch.id, Wait=True)
    assert output.custom_id == "c"


def test_an_invalid_batch_input_is_an_error_of_its_own(emulator: Emulator) -> None:
    good = psbridge.run("Request-ChatCompletion -Message 'ok' -Model 'm' -AsBatch")[0]
    bad = psbridge.objects.PSObject({"custom_id": "", "method": "POST", "url": "/v1/chat/completions"})
    bad.pstypenames.insert(0, "PSOpenAI.Batch.Input")
    with pytest.raises(PipelineError) as caught:
        psbridge.invoke("Start-Batch", input=[bad, good])
    assert [str(e.exception) for e in caught.value.errors] == ["Invalid batch input."]
    (batch,) = caught.value.output
    assert batch.status == "validating"
