"""The flow of PSOpenAI's How_to_use_Batch guide as one PowerShell script, in our own words.

The guide's steps -- import the module by its install path, collect -AsBatch requests with
``+=``, pipe them into Start-Batch, wait, read the output and pick answers out with a
calculated property through the ``select`` alias, remove the input file -- run through the
evaluator and the cmdlets against the emulator, with no error on the way.
"""

from __future__ import annotations

from psbridge.emulator import Emulator
from psbridge.hosting import PowerShell

_SCRIPT = r"""
Import-Module ..\Modules\PSOpenAI\PSOpenAI.psd1 -Force
$Requests = @()
foreach ($Question in 'Name a colour.', 'Name a fruit.', 'Name a river.') {
    $Id = 'q-' + ($Requests.Count + 1)
    $Requests += Request-ChatCompletion -Message $Question -Model 'gpt-4o-mini' -AsBatch -CustomBatchId $Id
}
$Job = $Requests | Start-Batch
$Job = $Job | Wait-Batch
$Done = $Job.status
$Lines = $Job | Get-BatchOutput
$Answers = $Lines | select custom_id, @{Name = 'Answer'; Expression = { $_.response.body.Answer }}
Remove-OpenAIFile -FileId $Job.input_file_id
"""


def test_the_batch_guide_flow_runs_as_a_script(emulator: Emulator, recorded_sleeps: list[float]) -> None:
    session = PowerShell()
    session.add_script(_SCRIPT).invoke()
    assert not session.had_errors, [str(error) for error in session.streams.error]
    assert session.variables["Done"] == "completed"
    assert len(session.variables["Requests"]) == 3
    answers = {row.custom_id: row.Answer for row in session.variables["Answers"]}
    # Answer is PSOpenAI's one-element array of texts; the script block's output unrolls it, as in pwsh.
    assert answers == {"q-1": "Echo: Name a colour.", "q-2": "Echo: Name a fruit.", "q-3": "Echo: Name a river."}
    assert session.variables["Job"].request_counts.completed == 3
