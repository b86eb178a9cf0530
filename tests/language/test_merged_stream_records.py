"""Warning, verbose and debug messages merged into the output (3>&1, 4>&1, 5>&1, *>&1) are records,
as pwsh's are: WarningRecord, VerboseRecord, DebugRecord, each an InformationalRecord whose Message
is the text and whose format data (PowerShellCore.format.ps1xml WarningRecord, HelpV3.format.ps1xml
VerboseRecord/DebugRecord) prints the message out of band."""

from __future__ import annotations

import psbridge
from psbridge.cli import main

SCRIPT = (
    "function f { [CmdletBinding()] param() Write-Verbose 'v1'; Write-Warning 'w1'; Write-Debug 'd1'; 'o1' }\n"
)


def test_merged_messages_are_records_with_a_message() -> None:
    out = psbridge.run(
        SCRIPT + "f -Verbose -Debug 4>&1 3>&1 5>&1 | ForEach-Object { '{0}|{1}' -f $_.GetType().Name, $_.Message }"
    )
    assert out == ["VerboseRecord|v1", "WarningRecord|w1", "DebugRecord|d1", "String|"]


def test_a_merged_record_is_its_message_as_text_and_in_a_file(tmp_path) -> None:
    target = tmp_path / "streams.txt"
    out = psbridge.run(SCRIPT + f"\"$(f -Verbose 4>&1)\"; f -Verbose 4>&1 3>&1 > '{target}'")
    assert out == ["v1 o1"]
    assert target.read_text().splitlines() == ["v1", "w1", "o1"]


def test_merged_records_print_their_message(capsys) -> None:
    assert main(["-Command", SCRIPT + "f -Verbose *>&1"]) == 0
    assert capsys.readouterr().out.splitlines() == ["v1", "w1", "o1"]


def test_the_record_types_are_known_to_scripts() -> None:
    out = psbridge.run(
        SCRIPT + "$r = f -Verbose 4>&1 3>&1; $r[0] -is [System.Management.Automation.VerboseRecord];"
        " $r[1] -is [System.Management.Automation.InformationalRecord];"
        " $r[2] -is [System.Management.Automation.WarningRecord]"
    )
    assert out == [True, True, False]
