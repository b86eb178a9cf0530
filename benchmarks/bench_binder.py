"""Binder cost against ``inspect.Signature.bind`` on an equivalent Python signature.

A Wait-ThreadRun call with three named parameters and one pipeline object (a
run, bound to -Run by value), the way PowerShell binds it: name resolution,
conversion, validation, parameter-set choice and the four pipeline passes.
The baseline is Python's own binder on a function with the same parameters
(declared and common), measured in the same run.  Goal: ratio <= 3.

Then ``bind_text`` of the same call written as a command line, against
``shlex.split`` of that line plus ``Signature.bind`` of its ``-Name value``
pairs: parsing PowerShell's syntax with its tokenizer and parser, then
binding.  Goal: ratio <= 2.
"""

from __future__ import annotations

import inspect
import shlex
import sys

from _timing import compare

from psbridge.binding import bind
from psbridge.language import bind_text
from psbridge.objects import PSObject

GOAL = 3.0
TEXT_GOAL = 2.0
COMMAND_LINE = (
    "Wait-ThreadRun -RunId run_1 -ThreadId thread_1 -PollIntervalSec 0.5 -StatusForExit completed -TimeoutSec 10"
)


def wait_thread_run(  # the Python equivalent of Wait-ThreadRun's parameters
    Run=None,
    RunId=None,
    ThreadId=None,
    PollIntervalSec=1.0,
    StatusForWait=("queued", "in_progress"),
    StatusForExit=None,
    TimeoutSec=0,
    MaxRetryCount=0,
    ApiBase=None,
    ApiKey=None,
    Organization=None,
    *,
    Verbose=False,
    Debug=False,
    ErrorAction=None,
    WarningAction=None,
    InformationAction=None,
    ProgressAction=None,
    ErrorVariable=None,
    WarningVariable=None,
    InformationVariable=None,
    OutVariable=None,
    OutBuffer=None,
    PipelineVariable=None,
):
    pass


def main() -> int:
    run = PSObject({"id": "run_1", "thread_id": "thread_1", "status": "queued"}, type_names=["PSOpenAI.Thread.Run"])
    signature = inspect.signature(wait_thread_run)

    def baseline() -> object:
        return signature.bind(run, PollIntervalSec=0.5, StatusForExit=["completed"], TimeoutSec=10)

    def psbridge_bind() -> object:
        return bind("Wait-ThreadRun", input=run, PollIntervalSec=0.5, StatusForExit=["completed"], TimeoutSec=10)

    result = psbridge_bind()
    assert result.parameter_set_name == "Run", result
    ours, base, ratio = compare(psbridge_bind, baseline)
    print(f"inspect.Signature.bind : {base * 1e6:8.2f} us/call")
    print(f"psbridge.bind          : {ours * 1e6:8.2f} us/call")
    print(f"ratio                  : {ratio:8.2f}x (goal <= {GOAL:.0f}x) {'OK' if ratio <= GOAL else 'OVER GOAL'}")

    def baseline_text() -> object:
        words = shlex.split(COMMAND_LINE)
        named = {words[i][1:]: words[i + 1] for i in range(1, len(words), 2)}
        return signature.bind(**named)

    def psbridge_bind_text() -> object:
        return bind_text(COMMAND_LINE)

    assert psbridge_bind_text().parameter_set_name == "Id"
    ours, base, ratio = compare(psbridge_bind_text, baseline_text, calls=2_000)
    print(f"shlex.split + bind     : {base * 1e6:8.2f} us/call")
    print(f"psbridge.bind_text     : {ours * 1e6:8.2f} us/call")
    verdict = "OK" if ratio <= TEXT_GOAL else "OVER GOAL"
    print(f"ratio                  : {ratio:8.2f}x (goal <= {TEXT_GOAL:.0f}x) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
