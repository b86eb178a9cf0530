"""The flows of PSOpenAI's Assistants and File-search guides, in our own words, against the emulator.

The guides (mkht/PSOpenAI Guides/How_to_use_Assistants.md and
How_to_use_FileSearch_with_VectorStore.md) are not copied here; these scripts
walk the same steps -- the same cmdlets, parameters and pipelines -- with our
own texts and local files in a temp dir, and check what the emulator answers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import psbridge
from psbridge.emulator import Emulator
from psbridge.hosting import PowerShell


@pytest.fixture
def session(emulator: Emulator) -> PowerShell:
    return PowerShell()


def run(ps: PowerShell, script: str) -> list[object]:
    ps.clear()
    output = ps.add_script(script).invoke()
    assert not ps.had_errors, [str(error) for error in ps.streams.error]
    return output


def test_an_assistant_with_the_code_interpreter_draws_and_the_chart_is_saved(
    session: PowerShell, tmp_path: Path, recorded_sleeps: list[float]
) -> None:
    run(session, """
        $Tutor = New-Assistant -Name 'Tutor' -Model 'gpt-4o-mini' -UseCodeInterpreter `
            -Instructions 'Answer maths questions by running code.'
        $Chat = New-Thread
        $Chat = $Chat | Add-ThreadMessage -Message 'Plot the line y = 2x + 1 as a PNG chart, please.' -PassThru
        $Job = Start-ThreadRun -Thread $Chat -Assistant $Tutor
    """)  # fmt: skip
    assert session.variables["Job"].status == "queued"
    (status,) = run(session, "$Job = $Job | Wait-ThreadRun; $Job.status")
    assert status == "completed"
    parts = run(session, "$Chat = $Job | Receive-ThreadRun; $Chat.Messages.SimpleContent")
    assert [(p.Role, p.Type) for p in parts] == [("user", "text"), ("assistant", "image_file"), ("assistant", "text")]
    chart = tmp_path / "out" / "chart.png"
    run(session, f'Get-OpenAIFileContent -FileId "{parts[1].Content}" -OutFile "{chart}"')
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    code = run(session, "$Steps = $Job | Get-ThreadRunStep; $Steps[0].SimpleContent.Content")
    assert "savefig" in code[0] and code[1] == parts[1].Content
    assert [s.type for s in session.variables["Steps"]] == ["tool_calls", "message_creation"]
    run(session, "$Chat | Remove-Thread; $Tutor | Remove-Assistant")


def test_the_whole_conversation_in_one_pipeline(session: PowerShell, recorded_sleeps: list[float]) -> None:
    (answer,) = run(session, """
        $Helper = New-Assistant -Model 'gpt-4o-mini'
        $Answer = New-Thread |`
            Add-ThreadMessage 'What can you help me with?' -PassThru | `
            Start-ThreadRun -Assistant $Helper |`
            Receive-ThreadRun -Wait
        $Answer.Messages.SimpleContent[-1].Content
    """)  # fmt: skip
    assert answer == "Echo: What can you help me with?"


def test_uploaded_images_go_into_a_message(session: PowerShell, tmp_path: Path, recorded_sleeps: list[float]) -> None:
    for name in ("front.jpg", "side.jpg"):
        (tmp_path / name).write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
    run(session, f"""
        $Viewer = New-Assistant -Model 'gpt-4o'
        $Front = Add-OpenAIFile -File "{tmp_path / 'front.jpg'}" -Purpose vision
        $Side = Add-OpenAIFile -File "{tmp_path / 'side.jpg'}" -Purpose vision
        $Chat = New-Thread | Add-ThreadMessage 'Which picture shows the front?' -Images $Front, $Side -PassThru
        $Seen = $Chat | Start-ThreadRun -Assistant $Viewer | Receive-ThreadRun -Wait
    """)  # fmt: skip
    first = session.variables["Seen"].Messages[0]
    assert [(p.Type, p.Content) for p in first.SimpleContent][1:] == [
        ("image_file", session.variables["Front"].id),
        ("image_file", session.variables["Side"].id),
    ]
    assert session.variables["Seen"].Messages[-1].SimpleContent[0].Content == "Echo: Which picture shows the front?"


def test_file_search_answers_from_a_vector_store(
    session: PowerShell, emulator: Emulator, tmp_path: Path, recorded_sleeps: list[float]
) -> None:
    staff, canteen = tmp_path / "staff.txt", tmp_path / "canteen.txt"
    staff.write_text("The Fabrikam service desk is run by Dana Lee on extension 4242.\n", encoding="utf-8")
    canteen.write_text("Lunch is served from noon.\n", encoding="utf-8")
    (extra,) = psbridge.invoke("Add-OpenAIFile", Content=b"Parking is free.", Name="parking.txt", Purpose="assistants")
    run(session, f"""
        $Docs = "{staff}", "{canteen}" | Add-OpenAIFile -Purpose assistants
        $Store = New-VectorStore -Name 'Handbook' -FileId $Docs.Id
        $Store | Add-VectorStoreFile -FileId "{extra.id}"
        $Helper = New-Assistant -Name 'Handbook helper' -Model 'gpt-4o-mini' -UseFileSearch `
            -VectorStoresForFileSearch $Store -Instructions 'Answer from the handbook only.'
        $Started = Start-ThreadRun -Assistant $Helper -Message 'Who runs the Fabrikam service desk, on which extension?'
        $Answer = $Started | Receive-ThreadRun -Wait
    """)  # fmt: skip
    reply = session.variables["Answer"].Messages[-1]
    assert "From the files: The Fabrikam service desk is run by Dana Lee on extension 4242." in (
        reply.SimpleContent[0].Content
    )
    (citation,) = reply.content[0].text.annotations
    assert citation.file_citation.file_id == session.variables["Docs"][0].id
    run(session, "$Store | Remove-VectorStore; $Docs | Remove-OpenAIFile")
    assert emulator.store.all("vector_store") == []
    assert [file["id"] for file in emulator.store.all("file")] == [extra.id]
