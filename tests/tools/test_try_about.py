"""tools/try_about.py: PowerShell's about_* topics pasted into psbridge, their shown output compared."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

import psbridge
from tests.conftest import POWERSHELL_DOCS

TOOL = Path(__file__).resolve().parents[2] / "tools" / "try_about.py"
ABOUT = POWERSHELL_DOCS / "Microsoft.PowerShell.Core" / "About"

TOPIC = """# about_Made_Up

```powershell
$a = 1, 2, 3
$a.Count
```

```Output
3
```

```powershell
PS> $b = 'x'
PS> $b * 3
xxx
PS> function f {
>>   'in f'
>> }
PS> f
in f
```

```Syntax
if (<test1>) {<statement list 1>}
```

```powershell
for (<init>; <condition>; <repeat>)
{<statement list>}
```

```powershell
$a.Count + 1
```

```Output
5
```

```powershell
Get-ItemProperty -Path HKLM:\\Software\\Contoso
```

```powershell
$h = @{a = 1}
$h + @{a = 2}
```

```Output
OperationStopped:
Line |
   2 |  $h + @{a = 2}
     |  ~~~~~~~~~~~~~
     | Item has already been added. Key in dictionary: 'a'  Key being added: 'a'
```

```powershell
throw 'stop'
```

```powershell
Get-NoSuchThing
```
"""


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("try_about", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["try_about"] = module  # dataclasses resolve their annotations through it
    spec.loader.exec_module(module)
    return module


def test_blocks_are_paired_run_in_one_session_and_classified(tool: ModuleType, tmp_path: Path, capsys) -> None:
    (tmp_path / "about_Made_Up.md").write_text(TOPIC, encoding="utf-8")
    environment = dict(os.environ)
    assert tool.main([str(tmp_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert dict(os.environ) == environment  # the proxies and the width are undone
    blocks = report["topics"][0]["blocks"]
    statuses = [block["status"] for block in blocks]
    assert statuses == ["same", "same", "not code", "different", "inherent", "same", "error", "error"]
    assert blocks[1]["output"].split() == ["xxx", "in", "f"]  # each prompt's command, the function across >> lines
    assert blocks[3]["output"].strip() == "4" and blocks[3]["shown"].strip() == "5"  # $a came from the first block
    assert blocks[4]["reason"] == "windows: registry"
    assert blocks[6]["output"].strip() == "Exception: stop"  # ConciseView: a thrown error's reason
    assert blocks[7]["error_id"] == "CommandNotFoundException"
    assert report["totals"]["same"] == 3 and report["totals"]["crash"] == 0


def test_the_table_lists_each_topic_and_the_totals(tool: ModuleType, tmp_path: Path, capsys) -> None:
    (tmp_path / "about_Made_Up.md").write_text(TOPIC, encoding="utf-8")
    (tmp_path / "about_Other.md").write_text("```powershell\n'hi'\n```\n", encoding="utf-8")
    assert tool.main([str(tmp_path), "--topic", "made", "--details"]) == 0
    text = capsys.readouterr().out
    row = next(line for line in text.splitlines() if line.startswith("about_Made_Up"))
    assert row.split()[1:] == ["8", "3", "1", "0", "2", "0", "0", "1", "1", "0"]
    assert "about_Other" not in text
    assert "about_Made_Up:32: different" in text and "    shown: 5" in text and "    got:   4" in text


def test_a_python_exception_is_a_crash(tool: ModuleType, tmp_path: Path, monkeypatch, capsys) -> None:
    from psbridge.cli import output

    def broken(*args: object, **kwargs: object) -> list[str]:
        raise RuntimeError("formatter bug")

    monkeypatch.setattr(output, "render_lines", broken)
    (tmp_path / "about_X.md").write_text("```powershell\n[pscustomobject]@{a=1}\n```\n", encoding="utf-8")
    assert tool.main([str(tmp_path), "--json"]) == 1
    block = json.loads(capsys.readouterr().out)["topics"][0]["blocks"][0]
    assert (block["status"], block["error_id"]) == ("crash", "RuntimeError")


def test_real_topics_run_without_a_crash(tool: ModuleType, capsys) -> None:
    """Two of PowerShell's own topics: every block classified, most of the split examples the same."""
    assert tool.main([str(ABOUT), "--topic", "about_Split", "--topic", "about_Ref", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    counts = {topic["name"]: topic["counts"] for topic in report["topics"]}
    assert set(counts) == {"about_Split", "about_Ref"}
    assert counts["about_Split"]["same"] >= 17 and counts["about_Ref"]["same"] >= 4
    assert report["totals"]["crash"] == report["totals"]["timeout"] == 0


def test_an_error_record_made_from_a_python_exception_is_a_crash(tool: ModuleType) -> None:
    from psbridge.language.engine.errors import as_runtime_error

    leaked = as_runtime_error(ValueError("could not convert string to float: 'Positive'")).error_record
    assert isinstance(tool.python_cause(leaked), ValueError)
    expected = psbridge.run("try { 1/0 } catch { $_ }")[0]  # PowerShell's own error
    assert tool.python_cause(expected) is None
