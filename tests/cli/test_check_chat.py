"""``specs check`` over the docs of the chat, responses, conversation, embedding, moderation,
model, token and context cmdlets (issue 14): every example is ok, a doc defect, or waits
for a command another issue brings.

Ids in the examples (``chatcmpl-abc123``, ``resp_abc123``, ``conv_abc123``, ``msg_xyz456`` of a
conversation) become real objects; the Azure endpoint and key of Set-OpenAIContext's example
point at the example's own emulator, so nothing leaves loopback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from psbridge.cli.check_chat import map_endpoints
from psbridge.cli.checking import CheckReport, check_docs, find_id_literals
from tests.conftest import ALL_DOCS

DOCS = (
    "Request-ChatCompletion", "New-ChatCompletionFunction", "Get-ChatCompletion", "Set-ChatCompletion",
    "Remove-ChatCompletion", "Request-Response", "Get-Response", "Remove-Response", "Get-ResponseInputItem",
    "Request-ResponseCompaction", "New-Conversation", "Get-Conversation", "Set-Conversation", "Remove-Conversation",
    "Add-ConversationItem", "Get-ConversationItem", "Remove-ConversationItem", "Request-Embeddings",
    "Get-CosineSimilarity", "Request-Moderation", "Get-OpenAIModels", "Request-TextCompletion", "Set-OpenAIContext",
    "Get-OpenAIContext", "Clear-OpenAIContext", "ConvertTo-Token", "ConvertFrom-Token", "Enter-ChatGPT",
)  # fmt: skip

#: (doc as its SYNTAX names it, example heading line) -> why PowerShell rejects the example as written.
DOC_DEFECTS = {
    # '$Text = Hello, world!': a bare word list; PowerShell stops at the trailing comma (MissingArgument).
    ("ConvertTo-Token", 38): "MissingArgument",
    # 'PS\> $SecondQA = ...': a mistyped prompt, so the example is read as typed; the printed answer's
    # "d'environ" leaves a string unterminated.
    ("Request-ChatCompletion", 90): "TerminatorExpectedAtEndOfString",
}
#: Get-OpenAIContext.md and Clear-OpenAIContext.md are titled Set-OpenAIContext (lint PSL017); their
#: example is a console session whose printed context ('ApiKey : System.Security.SecureString' ...)
#: is output, not code: it runs and asks the API nothing.
NO_REQUEST = {("Set-OpenAIContext", 24), ("Set-OpenAIContext", 25)}
#: Examples that need a command psbridge does not have yet: the PowerShell cmdlets of issue 12
#: (Select-Object's alias 'select', Write-Host) or, for New-ChatCompletionFunction, Test-Connection and
#: Test-NetConnection, whose parameters psbridge has no spec for.  They must fail on exactly that.
WAITING_FOR = {
    ("Get-OpenAIModels", 33): "select",
    ("Request-ChatCompletion", 82): "select",
    ("Request-ChatCompletion", 103): "Write-Host",
    ("Request-ChatCompletion", 110): "Test-Connection",
    ("Request-Embeddings", 38): "select",
    ("Request-Response", 127): "select",
    ("Request-Response", 150): "Write-Host",
    ("Request-TextCompletion", 48): "select",
    ("New-ChatCompletionFunction", 39): "Test-Connection",
    ("New-ChatCompletionFunction", 46): "Test-NetConnection",
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> CheckReport:
    folder = tmp_path_factory.mktemp("docs")
    for name in DOCS:
        (folder / f"{name}.md").symlink_to(ALL_DOCS / f"{name}.md")
    return check_docs(folder)


def test_every_example_is_ok_a_doc_defect_or_waiting_for_a_command(report: CheckReport) -> None:
    assert len(report.docs) == len(DOCS) and len(report.results) == 47
    for result in report.results:
        key = (result.doc, result.line)
        if key in DOC_DEFECTS:
            assert result.error_id == DOC_DEFECTS[key], result.detail
            assert result.requests == 0 or result.error_id == "CommandNotFoundException"
        elif key in WAITING_FOR:
            if result.status == "ok":
                continue  # the command arrived: drop the entry
            assert WAITING_FOR[key] in (result.message or ""), (key, result.message)
        else:
            assert result.status == "ok", (key, result.error_id, result.message)


def test_ok_examples_made_requests_to_their_emulator(report: CheckReport) -> None:
    quiet = {"ConvertTo-Token", "ConvertFrom-Token", "Get-CosineSimilarity", "New-ChatCompletionFunction"}
    for result in report.results:
        if result.status == "ok" and result.doc not in quiet and (result.doc, result.line) not in NO_REQUEST:
            assert result.requests > 0, (result.doc, result.line)


def test_the_interactive_example_gets_a_console_that_asks_once_and_ends(report: CheckReport) -> None:
    # Enter-ChatGPT -ApiKey 'YOUR_OPENAI_APIKEY' -NoHeader: the key is the emulator's, the console's
    # user types one question and then the input ends (Ctrl+D), which ends the session.
    (result,) = [r for r in report.results if r.doc == "Enter-ChatGPT"]
    assert (result.status, result.requests, result.output) == ("ok", 1, "no output")


def test_chat_ids_are_found_and_endpoints_stay_on_loopback(tmp_path: Path) -> None:
    literals = find_id_literals("Get-ChatCompletion chatcompl-abc123; Get-Response 'resp_abc123' -X conv_Ab1 item_xyz9")
    assert literals["chatcompl"] == ["chatcompl-abc123"] and literals["resp"] == ["resp_abc123"]
    assert literals["conv"] == ["conv_Ab1"] and literals["item"] == ["item_xyz9"]
    mapping: dict[str, str] = {}
    code = map_endpoints(
        "Set-OpenAIContext -ApiKey 'AZURE_API_KEY' -ApiBase 'https://my-endpoint.openai.azure.com/'",
        "http://127.0.0.1:9/v1",
        "sk-real",
        mapping,
    )
    assert code == "Set-OpenAIContext -ApiKey 'sk-real' -ApiBase 'http://127.0.0.1:9/'"
    assert "sk-real" not in str(mapping)
