"""``specs check`` on PowerShell's own docs: each example runs where its author stood.

The docs' file examples assume the author's machine: ``C:\\Windows`` is a folder,
the file to move is there, the destination of a move or what New-Item makes is
not.  The checker lays that ground out in the example's temporary folder and
starts the example there, so an example never writes beside the checker.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from psbridge.cli.check_files import FIXTURE_TEXT, map_windows_paths
from psbridge.cli.check_paths import lay_out_relative, path_roles
from psbridge.cli.check_prompts import commands_of, prompt_location
from psbridge.cli.checking import check_example, shown_in_doc
from psbridge.errors import ErrorRecord
from psbridge.specs.model import Example


def _roles(code: str) -> dict[str, str]:
    return {code[start:end].strip("'\""): role for start, (end, role) in path_roles(code).items()}


def test_roles_follow_what_the_command_does_with_each_path() -> None:
    code = r"Move-Item -Path C:\test.txt -Destination E:\Temp\tst.txt; Copy-Item C:\a.log C:\Backup -Recurse"
    roles = _roles(code)
    assert roles[r"C:\test.txt"] == "file" and roles[r"E:\Temp\tst.txt"] == "target"
    assert roles[r"C:\a.log"] == "file" and roles[r"C:\Backup"] == "folder"  # the second positional is the destination
    roles = _roles(r'New-Item -ItemType File -Path "C:\ps-test\test.txt"; cd C:\Windows; Get-Item .\*.txt')
    assert roles[r"C:\ps-test\test.txt"] == "target" and roles[r"C:\Windows"] == "folder"
    assert roles[r".\*.txt"] == "pattern"
    assert _roles(r"$lines = Get-Content -Path .\LineNumbers.txt")[r".\LineNumbers.txt"] == "file"
    assert _roles(r"Resolve-Path -LiteralPath 'test[xml]'")["test[xml]"] == "folder"  # a literal path: no pattern


def test_windows_paths_are_laid_out_by_role(tmp_path: Path) -> None:
    mapping: dict[str, str] = {}
    code = r"Move-Item -Path C:\Temp -Destination C:\Logs; New-Item C:\ps-test\new.txt; Get-Content C:\Temp\*"
    map_windows_paths(code, tmp_path, mapping)
    assert (tmp_path / "C" / "Temp").is_dir() and (tmp_path / "C" / "Logs").is_dir()
    assert (tmp_path / "C" / "ps-test").is_dir() and not (tmp_path / "C" / "ps-test" / "new.txt").exists()
    assert not (tmp_path / "C" / "Temp" / "*").exists()  # a pattern gets its folder only
    # The first mention says what a path is: a file New-Item makes is not there before it runs.
    map_windows_paths(r"New-Item C:\made.txt; Get-Content C:\made.txt", tmp_path, mapping)
    assert not (tmp_path / "C" / "made.txt").exists()


def test_relative_paths_of_path_cmdlets_are_laid_out_from_the_start(tmp_path: Path) -> None:
    code = "Get-Content -Path .\\CopyFromFile.txt | Add-Content -Path .\\CopyToFile.txt\nTest-Path .\\asked.txt"
    lay_out_relative(code, tmp_path, b"text")
    assert (tmp_path / "CopyFromFile.txt").read_bytes() == b"text"
    assert not (tmp_path / "CopyToFile.txt").exists()  # Add-Content makes it
    assert not (tmp_path / "asked.txt").exists()  # what Test-Path is asked about is the question
    lay_out_relative("New-Item .\\TestFolder -ItemType Directory; New-Item .\\TestFolder\\a.txt", tmp_path, b"")
    assert not (tmp_path / "TestFolder").exists()  # nothing is laid out inside what the example creates
    lay_out_relative("Get-Item ..\\..\\outside.txt", tmp_path, b"text")
    assert not (tmp_path.parent.parent / "outside.txt").exists()


def test_the_first_prompt_says_where_the_example_starts() -> None:
    assert prompt_location("PS C:\\temp\\test> Copy-Item x\nPS C:\\> y") == "C:\\temp\\test"
    assert prompt_location("Get-Location") is None
    assert prompt_location("PS> Get-Item /Users") is None
    assert prompt_location("D:\\temp\\out> Copy-Item x") == "D:\\temp\\out"


def test_a_console_session_example_keeps_its_commands_not_what_they_printed() -> None:
    session = "\n".join([
        "PS C:\\temp\\test> (Get-ChildItem C:\\temp\\tree -Recurse).FullName",
        "C:\\temp\\tree\\subfolder",
        "",
        "PS C:\\temp\\test> Get-ChildItem |",
        "    Where-Object { $_.Name -like",
        "      '*.txt' }",
        "This is printed",
        "PS C:\\>",
        "function prompt { 'PowerShell: ' + (Get-Location) + '> '}",
        "PowerShell: C:\\>",
        "D:\\temp\\out> Copy-Item -Path D:\\temp\\tree\\* -Include ex* -Recurse",
        "D:\\temp\\out\\examples",
    ])  # fmt: skip
    kept = commands_of(session).split("\n")
    assert len(kept) == len(session.split("\n"))  # line numbers stay the doc's
    assert kept[1] == kept[2] == kept[6] == kept[9] == kept[11] == ""
    assert kept[3:6] == session.split("\n")[3:6]  # a command that goes on is kept whole
    assert kept[8].startswith("function prompt")  # a prompt alone takes the next line as its command
    assert kept[7] == ""  # and is blanked: after a statement, a prompt with nothing after it is no code
    assert kept[10] == "PS D:\\temp\\out> Copy-Item -Path D:\\temp\\tree\\* -Include ex* -Recurse"
    tight = ["PS C:\\> Push-Location C:\\Windows", "PS C:\\Windows>Push-Location System32", "C:\\W>Get-Location"]
    assert commands_of("\n".join(tight)).split("\n")[1:] == [tight[1], "PS C:\\W>Get-Location"]  # no space needed
    mistyped = "PS> $a = 1\nPS\\> $b = 'x\nprinted"
    assert commands_of(mistyped) == mistyped  # left as typed: its parse error is the finding
    plain = "Get-Item x\nC:\\not-a-prompt"
    assert commands_of(plain) == plain  # code without prompts is all code


def test_a_quoted_windows_path_keeps_its_spaces(tmp_path: Path) -> None:
    mapping: dict[str, str] = {}
    code = map_windows_paths(
        "Push-Location -Path 'C:\\Program Files\\PowerShell\\' -StackName Paths", tmp_path, mapping
    )
    assert (tmp_path / "C" / "Program Files" / "PowerShell").is_dir()
    assert code == f"Push-Location -Path '{tmp_path / 'C' / 'Program Files' / 'PowerShell'}' -StackName Paths"


def test_an_example_runs_in_its_own_folder_never_beside_the_checker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    example = Example("Example 1", "Set-Content -Path .\\made.txt -Value hi\n(Get-Location).Path", "", 1)
    result = check_example("Set-Content", example)
    assert result.status == "ok", result.message
    assert list(tmp_path.iterdir()) == []  # the process's directory is untouched
    example = Example("Example 2", "PS C:\\temp\\test> (Get-Location).Path", "", 1)
    assert check_example("Get-Location", example).status == "ok"


def test_an_example_that_reads_the_authors_file_finds_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code = "(Get-Content -Path .\\Notice.txt) -replace 'help', 'HELP' | Set-Content -Path .\\Notice.txt"
    result = check_example("Set-Content", Example("Example 3", code, "", 1))
    assert result.status == "ok", result.message
    assert FIXTURE_TEXT.startswith("A file")


def _record(activity: str, error_id: str, category: str, message: str) -> ErrorRecord:
    return ErrorRecord(ValueError(message), error_id, category, command_name=activity)


def test_an_error_the_doc_shows_is_what_the_example_demonstrates() -> None:
    shown = "```\nRename-Item : can't rename.\n+ CategoryInfo          : InvalidArgument: (:) [Rename-Item]\n```\nprose"
    assert shown_in_doc(_record("Rename-Item", "Argument", "InvalidArgument", "Cannot rename"), shown)
    # another command's error, or one agreeing on neither id, category nor message, is a finding
    assert not shown_in_doc(_record("Move-Item", "Argument", "InvalidArgument", "Cannot rename"), shown)
    old = "```\nTest-Path : Cannot bind argument to parameter 'Path'.\n + CategoryInfo : InvalidData\n```"
    assert not shown_in_doc(
        _record("Test-Path", "NullPathNotPermitted", "InvalidArgument", "Value cannot be null."), old
    )
    # pwsh's concise view names no command for a task's error: "Exception: <message>"
    task = _record("", "PSTaskException", "InvalidOperation", "Terminating Error: 3")
    assert shown_in_doc(task, "```\nException: Terminating Error: 3\nOutput: 1\n```")
    pwsh7 = "```\nWrite-Error: Error: 1\n```"
    assert shown_in_doc(_record("Write-Error", "WriteErrorException", "NotSpecified", "Error: 1"), pwsh7)
    assert not shown_in_doc(
        _record("Write-Error", "WriteErrorException", "NotSpecified", "Error: 1"), "Write-Error: Error: 1"
    )


def test_a_doc_that_shows_the_error_is_ok_with_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = "```\nGet-Content: Cannot find path '/nothere/x.txt' because it does not exist.\n```"
    result = check_example("Get-Content", Example("Example 9", "Get-Content /nothere/x.txt", text, 1))
    assert result.status == "ok" and result.warnings == [
        "failed as the doc shows: PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand"
    ]
    result = check_example("Get-Content", Example("Example 9", "Get-Content /nothere/x.txt", "no output shown", 1))
    assert (
        result.status == "failed" and result.error_id == "PathNotFound,Microsoft.PowerShell.Commands.GetContentCommand"
    )
