"""The converter from a platyPS doc to the help data Update-Help installs (psbridge.specs.help_data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from psbridge.specs.help_data import PARAMETER_DEFAULTS, convert_doc, paragraphs, parse_help
from tests.conftest import ALL_DOCS, DOCS, MODULE_DOCS

UTILITY = MODULE_DOCS["Microsoft.PowerShell.Utility"]


def converted(doc: Path) -> dict[str, Any]:
    """The help data of ``doc`` as Get-Help reads it back from the store."""
    result = convert_doc(doc)
    assert result is not None, doc
    data = parse_help(result[3])
    assert data is not None
    return data


def test_soft_wrapped_lines_join_and_hard_breaks_stay() -> None:
    assert paragraphs("one\ntwo\n\nthree") == ["one two", "three"]
    assert paragraphs("first line  \nsecond line") == ["first line\nsecond line"]  # two trailing spaces
    assert paragraphs("ends here\\\nnext") == ["ends here\nnext"]


def test_lists_tables_and_code_keep_their_lines() -> None:
    assert paragraphs("Valid keys are:\n\n- Name\n- Expression") == ["Valid keys are:", "- Name\n- Expression"]
    assert paragraphs("| a | b |\n| - | - |") == ["| a | b |\n| - | - |"]
    assert paragraphs("Run:\n\n```powershell\nGet-Thread\n  -ThreadId x\n```\n\nDone.") == [
        "Run:",
        "Get-Thread\n  -ThreadId x",
        "Done.",
    ]


def test_generated_help_of_get_thread_reads_its_doc() -> None:
    data = converted(ALL_DOCS / "Get-Thread.md")
    assert data["name"] == "Get-Thread"
    assert data["synopsis"] == "Retrieves a thread."
    assert data["syntax"] == [["!#ThreadId", "TimeoutSec", "MaxRetryCount", "ApiBase", "ApiKey", "Organization"]]
    thread_id = data["parameters"][0]
    assert thread_id == {
        **PARAMETER_DEFAULTS,
        "name": "ThreadId",
        "type": "String",
        "description": ["Specifies the ID of thread."],
        "required": True,
        "position": "0",
        "pipeline": "True (ByPropertyName, ByValue)",
        "aliases": "thread_id",
    }
    assert data["outputs"] == [{"type": "PSCustomObject", "description": []}]
    assert data["examples"][0]["code"] == "PS C:\\> $Thread = Get-Thread -ThreadId 'thread_abc123'"
    online = "https://github.com/mkht/PSOpenAI/blob/main/Docs/Get-Thread.md"
    assert data["links"][0] == {"text": "Online Version:", "uri": online}


def test_relative_links_keep_their_text_only() -> None:
    data = converted(UTILITY / "Select-Object.md")
    assert {"text": "Group-Object", "uri": ""} in data["links"]
    assert data["inputs"] == [
        {"type": "System.Management.Automation.PSObject", "description": ["You can pipe objects to this cmdlet."]}
    ]
    assert data["notes"][0] == "PowerShell includes the following aliases for `Select-Object`:"
    property_ = next(p for p in data["parameters"] if p["name"] == "Property")
    assert property_["wildcards"] is True and property_["type"] == "System.Object[]"


def test_each_doc_converts_to_its_module_command_and_culture() -> None:
    module = "Microsoft.PowerShell.Core"
    doc = MODULE_DOCS[module] / "Where-Object.md"
    result = convert_doc(doc)
    assert result is not None and result[:3] == (module, "Where-Object", "en-US")
    where = parse_help(result[3])
    assert where is not None and where["synopsis"] in " ".join(doc.read_text(encoding="utf-8").split())
    thread = convert_doc(DOCS / "Get-Thread.md")  # PSOpenAI's docs name no Locale: en-US
    assert thread is not None and thread[:3] == ("PSOpenAI", "Get-Thread", "en-US")


def test_pages_documenting_no_command_convert_to_nothing() -> None:
    core = MODULE_DOCS["Microsoft.PowerShell.Core"]
    assert convert_doc(core / "Microsoft.PowerShell.Core.md") is None  # the module's landing page
    about = next((core / "About").glob("about_*.md"))
    assert convert_doc(about) is None


def test_stored_text_is_deterministic_and_compact() -> None:
    first, second = convert_doc(ALL_DOCS / "Get-Thread.md"), convert_doc(ALL_DOCS / "Get-Thread.md")
    assert first is not None and first == second
    assert '"required":false' not in first[3]  # defaults are left out, filled in when read


def test_an_examples_prose_before_its_code_is_in_its_remarks() -> None:
    # platyPS keeps an example's first code block as its code and all its prose as the remarks
    data = converted(UTILITY / "Select-Object.md")
    first = data["examples"][0]
    assert first["title"] == "Example 1: Select objects by property"
    assert first["code"] == "Get-Process | Select-Object -Property ProcessName, Id, WS"
    assert first["remarks"][0].startswith("This example creates objects that have the **Name**, **Id**")


def test_syntax_flags_come_from_the_parameters_attributes() -> None:
    # Request-ChatCompletion.md's SYNTAX block writes `[-Message] <String>` (mandatory) while its yaml
    # says Required: False, Position: 1; platyPS builds the help's syntax from the yaml
    data = converted(ALL_DOCS / "Request-ChatCompletion.md")
    assert data["syntax"][0][0] == "#Message"
