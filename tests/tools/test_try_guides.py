"""tools/try_guides.py over a small guide folder made here (the real guides need the network)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOL = Path(__file__).resolve().parents[2] / "tools" / "try_guides.py"

GUIDE_MD = """# A guide

```powershell
$env:OPENAI_API_KEY = '<Put your API key here>'
$Answer = Request-ChatCompletion -Message 'Hello' -Model 'gpt-4o-mini'
$Answer.Answer[0] | Set-Content -LiteralPath answer.txt
```

Some prose, then output pasted as code:

```PowerShell
id           : chatcmpl-abc
object       : chat.completion
```

1. An indented block in a list, code and the table it printed:
   ```powershell
   $Items = 1..2 | ForEach-Object { [pscustomobject]@{ N = $_ } }
   $Items

   N
   -
   1
   ```

```powershell
$Text = @'
This sentence is inside a here-string and is code.
'@
Get-Item -LiteralPath ./no-such-file.txt
```

```python
print("not PowerShell")
```
"""


def _notebook() -> str:
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Notes"]},
        {
            "cell_type": "code",
            "metadata": {"dotnet_interactive": {"language": "pwsh"}},
            "source": ["'one'\n", "1 + 1"],
            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["one\r\n", "\u001b[32;1m2\u001b[0m\r\n"]}],
        },
        {
            "cell_type": "code",
            "metadata": {"dotnet_interactive": {"language": "pwsh"}},
            "source": ["(Request-ChatCompletion -Message 'Hi').Answer[0]"],
            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["Hello! How can I help?\n"]}],
        },
        {
            "cell_type": "code",
            "metadata": {"dotnet_interactive": {"language": "csharp"}},
            "source": ["Console.WriteLine(1);"],
            "outputs": [],
        },
    ]
    return json.dumps({"cells": cells, "metadata": {"kernelspec": {"language": "C#"}}, "nbformat": 4})


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("try_guides", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["try_guides"] = module  # dataclasses resolve their annotations through it
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def guides(tmp_path: Path) -> Path:
    folder = tmp_path / "Guides"
    folder.mkdir()
    (folder / "A_guide.md").write_text(GUIDE_MD, encoding="utf-8")
    (folder / "B_notebook.ipynb").write_text(_notebook(), encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG")
    return folder


def test_blocks_are_run_in_one_session_and_classified(tool: ModuleType, guides: Path, capsys) -> None:
    environment = dict(os.environ)
    status = tool.main([str(guides), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert status == 0
    assert dict(os.environ) == environment  # the guide's $env: writes and the proxies are undone
    markdown, notebook = report["guides"]
    assert markdown["name"] == "A_guide.md"
    assert [block["status"] for block in markdown["blocks"]] == ["ok", "not code", "ok", "error"]
    first, output, mixed, failing = markdown["blocks"]
    assert first["line"] == 3
    assert output["output_lines_skipped"] == 2
    assert mixed["output_lines_skipped"] == 3
    assert "N" in mixed["output"] and "-" in mixed["output"]  # the code part ran, its table shown
    assert failing["error_id"] == "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand"
    assert "no-such-file.txt" in failing["message"]
    assert failing["output_lines_skipped"] == 0  # a here-string's sentence is code
    assert markdown["counts"] == {"ok": 2, "error": 1, "not code": 1, "crash": 0}
    assert [block["comparison"] for block in notebook["blocks"]] == ["same", "other"]
    assert notebook["blocks"][1]["output"].strip() == "Echo: Hi"  # the emulator answered
    assert notebook["counts"]["same"] == 1
    assert report["totals"] == {"ok": 4, "error": 1, "not code": 1, "crash": 0}


def test_the_table_and_details(tool: ModuleType, guides: Path, capsys) -> None:
    assert tool.main([str(guides), "--details", "--guide", "a_GUIDE"]) == 0
    text = capsys.readouterr().out
    row = next(line for line in text.splitlines() if line.startswith("A_guide.md"))
    assert row.split()[1:] == ["4", "2", "1", "1", "0"]
    assert "B_notebook" not in text
    assert "A_guide.md #4 (line 26): error PathNotFound" in text
    assert "A_guide.md #3 (line 17): ok (3 output lines skipped)" in text


def test_a_git_directory_is_read_without_a_work_tree(tool: ModuleType, guides: Path, tmp_path: Path, capsys) -> None:
    repository = tmp_path / "repo"
    (repository / "Guides").mkdir(parents=True)
    (repository / "Guides" / "A_guide.md").write_text("```powershell\n1 + 1\n```\n", encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q", str(repository)], check=True)
    subprocess.run([*git, "-C", str(repository), "add", "."], check=True)
    subprocess.run([*git, "-C", str(repository), "commit", "-qm", "guides"], check=True)
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repository), str(bare)], check=True)
    assert tool.main([str(bare), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [guide["name"] for guide in report["guides"]] == ["A_guide.md"]
    assert report["totals"]["ok"] == 1


def test_split_output_keeps_code_and_line_numbers(tool: ModuleType) -> None:
    text = "$x = 1\n# shown:\nName  : x\nValue : 1\n\n> $x | Format-Table\nA B\n- -\n"
    code, skipped = tool.split_output(text)
    assert code.split("\n") == ["$x = 1", "# shown:", "", "", "", "$x | Format-Table", "", "", ""]
    assert skipped == ["Name  : x", "Value : 1", "A B", "- -"]


def test_a_python_exception_is_a_crash_and_the_exit_status_says_so(
    tool: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from psbridge.cmdlets.core import out_host

    def broken(*args: object, **kwargs: object) -> list[str]:
        raise RuntimeError("formatter bug")

    monkeypatch.setattr(out_host, "render_lines", broken)
    (tmp_path / "G.md").write_text("```powershell\n'shown'\n```\n\n```powershell\n$null = 1\n```\n", encoding="utf-8")
    assert tool.main([str(tmp_path), "--json"]) == 1
    blocks = json.loads(capsys.readouterr().out)["guides"][0]["blocks"]
    assert [(block["status"], block["error_id"]) for block in blocks] == [("crash", "RuntimeError"), ("ok", "")]
    assert blocks[0]["message"] == "RuntimeError: formatter bug"


def test_a_block_that_hangs_is_a_crash_and_the_rest_of_the_guide_is_not_run(
    tool: ModuleType, tmp_path: Path, capsys
) -> None:
    text = "```powershell\nStart-Sleep -Seconds 3\n```\n\n```powershell\n'after'\n```\n"
    (tmp_path / "G.md").write_text(text, encoding="utf-8")
    assert tool.main([str(tmp_path), "--json", "--timeout", "0.3"]) == 1
    blocks = json.loads(capsys.readouterr().out)["guides"][0]["blocks"]
    assert [(block["status"], block["error_id"]) for block in blocks] == [("crash", "Timeout"), ("not run", "")]
