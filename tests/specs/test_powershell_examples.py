"""Every doc example of PowerShell's Core/Utility/Management cmdlets that is a plain command
line binds as PowerShell binds it, against the specs generated from the docs now.

A plain command line is one command invocation whose arguments need no session: no variable
but $true/$false/$null, no nested command, no pipeline (``bind_text`` refuses anything else
with a ParseError, and such lines are counted, not bound).  The few lines that PowerShell
itself would not bind as written are doc defects, listed below with the reason.
"""

from __future__ import annotations

import re

import psbridge
from psbridge.language.errors import ParseError
from tests.specs.powershell_docs import powershell_docs, powershell_specs

#: (doc, command line) -> why PowerShell would not bind it either.
DOC_DEFECTS: dict[tuple[str, str], str] = {
    (
        "Disable-PSRemoting.md",
        r"Register-PSSessionConfiguration -Name Test -FilePath .\TestEndpoint.pssc -ShowSecurityDescriptorUI -Force",
    ): (
        "the parameter is -Path (SYNTAX of SessionConfigurationFile); there is no -FilePath"
    ),
    ("Enter-PSSession.md", "Enter-PSSession"): (
        "-ComputerName is mandatory in the default set: pwsh prompts for it, the example omits it"
    ),
    ("Import-PSSession.md", "Import-PSSession -Session s1 -Type Cmdlet -Name New-Test, Get-Test -FormatTypeName *"): (
        "-Session takes PSSession objects: the text `s1` binds in pwsh no more than here (the example means $s1)"
    ),
    ("Import-PSSession.md", "Import-PSSession -Session s2 -Type Cmdlet -Name Set-Test -FormatTypeName *"): (
        "-Session takes PSSession objects: the text `s2` binds in pwsh no more than here (the example means $s2)"
    ),
    ("Invoke-Command.md", "Invoke-Command"): (
        "the example builds $parameters but forgets to splat it (`Invoke-Command @parameters`)"
    ),
    ("Debug-Runspace.md", 'Get-Process -ComputerName "WS10TestServer" -Name "*powershell*"'): (
        "Get-Process lost -ComputerName in PowerShell 6; the example is from Windows PowerShell"
    ),
    ("Get-SecureRandom.md", "Get-SecureRandom -InputObject @('a','',$null)"): (
        "the source declares [AllowNull] on -InputObject; the doc cannot say so (psbridge has no overlay: "
        "Get-SecureRandom is not implemented)"
    ),
    ("Set-Alias.md", "Set-Alias -Name Go -Option ReadOnly, Private"): (
        "-Value is mandatory; pwsh prompts for it (the example means to repeat -Value)"
    ),
}

_PROMPT = re.compile(r"^\s*PS(?: [^>]*)?>\s?")
_ERROR_OUTPUT = re.compile(r"^\s*[\w-]+ : ")


def command_lines(code: str) -> list[str]:
    """The statements of an example as lines: continuations joined, output lines dropped.

    When an example shows prompts (``PS> ``), only the prompted lines are commands.
    """
    text = re.sub(r"`[ \t]*\n[ \t]*", " ", code)
    text = re.sub(r"\|[ \t]*\n[ \t]*", "| ", text)
    text = re.sub(r"[ \t]*\n[ \t]*\|", " |", text)
    lines = text.split("\n")
    if any(_PROMPT.match(line) for line in lines):
        lines = [_PROMPT.sub("", line) for line in lines if _PROMPT.match(line)]
    return [line.strip() for line in lines if line.strip() and not _ERROR_OUTPUT.match(line)]




def test_every_plain_example_command_line_binds():
    specs = powershell_specs()
    bound, not_plain, failures, defects_seen = 0, 0, [], set()
    for _module, path, doc in powershell_docs():
        for example in doc.examples:
            for line in command_lines(example.code):
                spec = specs.get(line.split()[0].casefold())
                if spec is None or re.search(r"\s-\?(\s|$)", line):
                    continue  # another module's command, or `-?` (a help request, answered before binding)
                try:
                    psbridge.bind_text(line, specs=[spec])
                except ParseError:
                    not_plain += 1
                    continue
                except psbridge.PSError as error:
                    if (path.name, line) in DOC_DEFECTS:
                        defects_seen.add((path.name, line))
                    else:
                        failures.append(f"{path.name} ({example.title}): {line}\n  {error}")
                    continue
                if (path.name, line) in DOC_DEFECTS:
                    failures.append(f"{path.name}: listed as a doc defect but binds: {line}")
                bound += 1
    assert not failures, "\n".join(failures)
    assert defects_seen == set(DOC_DEFECTS), f"stale entries: {set(DOC_DEFECTS) - defects_seen}"
    assert bound > 650 and not_plain > 400  # the corpus: about 700 plain lines, 580 others


def test_command_lines_join_continuations_and_drop_output():
    code = "PS> Get-Item `\n  -Path x |\n  Select-Object Name\nName\n----\nPS> Get-Date\nSome : error"
    assert command_lines(code) == ["Get-Item  -Path x | Select-Object Name", "Get-Date"]
    assert command_lines("Get-Process |\nSort-Object\nErr-Thing : it failed") == ["Get-Process | Sort-Object"]
