"""``psbridge demo``: the seed docs' flows, run against an embedded emulator.

No key and no network: the emulator listens on an ephemeral loopback port and
the session's ``$global:OPENAI_API_KEY`` / ``OPENAI_API_BASE`` point at it.
Each statement is printed as a prompt line, then what came back, the way a
PowerShell session would show it.  Runs advance by wall time, so the waits
are real waits.
"""

from __future__ import annotations

import secrets
import sys
from typing import TextIO

from ..runtime import Runspace
from .shell import run_text

__all__ = ["DEMO_SCRIPT", "main"]

DEMO_SCRIPT = """\
$Assistant = New-Assistant -Name 'psbridge demo' -Model 'gpt-4o-mini' -Instructions 'Answer briefly.'
$Thread = New-Thread | Add-ThreadMessage -Message 'How many people live in the world?' -PassThru
# Receive-ThreadRun.md, example 2 (with the -Assistant the example leaves out): start a run, wait, read the thread
$Result = $Thread | Start-ThreadRun -Assistant $Assistant | Receive-ThreadRun -Wait
$Result
$Result.Messages.SimpleContent
# Wait-ThreadRun.md, example 2 (with the -PassThru Stop-ThreadRun needs to pass the run on): cancel and wait
$Run = $Thread | Start-ThreadRun -Assistant $Assistant
$Run | Stop-ThreadRun -PassThru | Wait-ThreadRun -StatusForExit 'cancelled'
Remove-Thread -ThreadId $Thread.id
Remove-Assistant -AssistantId $Assistant.id
"""


def main(argv: list[str], stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    from ..emulator import Emulator, Lifecycle

    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr
    if argv:
        stderr.write("psbridge demo takes no arguments\n")
        return 2
    key = "sk-demo-" + secrets.token_hex(12)
    status = 0
    from ..cmdlets.psopenai._tokens import count_for_model

    emulator_of_the_demo = Emulator(
        api_key=key, lifecycle=Lifecycle(mode="time", step_seconds=0.4), count_tokens=count_for_model
    )
    with emulator_of_the_demo.start() as emulator:
        stdout.write(f"# An Assistants API emulator is listening on {emulator.base_url} (loopback only).\n\n")
        runspace = Runspace({"OPENAI_API_KEY": key, "OPENAI_API_BASE": emulator.base_url})
        for line in DEMO_SCRIPT.splitlines():
            if line.startswith("#"):
                stdout.write(f"\n{line}\n")
                continue
            stdout.write(f"PS> {line}\n")
            stdout.flush()
            runspace.streams.clear()
            status = max(status, run_text(line, runspace, as_json=False, stdout=stdout, stderr=stderr))
        requests = emulator.request_count
        connections = emulator.connection_count
    noun = "connection" if connections == 1 else "connections"
    stdout.write(f"\n# {requests} requests over {connections} {noun}; nothing left the machine.\n")
    return status
