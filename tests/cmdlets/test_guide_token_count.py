"""The emulator's chat prompt count is OpenAI's when psbridge hands it ConvertTo-Token's tokenizer:
PSOpenAI's How_to_count_tokens notebook checks its own count (the cookbook's
num_tokens_from_messages) against the API's usage.prompt_tokens and the notebook recorded 129 for
both, with gpt-3.5-turbo-0613 and gpt-4-0613.  The emulator alone (standard library only) counts
the prompt in words."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from psbridge.cmdlets.psopenai._tokens import count_for_model
from psbridge.emulator import Emulator
from psbridge.emulator.chat_tokens import chat_prompt_tokens
from psbridge.hosting import PowerShell
from tests.conftest import API_KEY

NOTEBOOK_CELL = """
function Measure-TokensFromMessages ($Messages, $Model) {
  $num_tokens = 0
  foreach ($message in $Messages) {
    $num_tokens += 3
    foreach ($item in $message.GetEnumerator()) {
      $num_tokens += (ConvertTo-Token -Text $item.Value -Model $Model).Count
      if ($item.Key -eq 'name') { $num_tokens += 1 }
    }
  }
  $num_tokens + 3
}
$ExampleMessages = [pscustomobject]@{
  History = @(
    @{
      'role'    = 'system'
      'content' = 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.'
    },
    @{ 'role' = 'system'; 'name' = 'example_user'; 'content' = 'New synergies will help drive top-line growth.' },
    @{
      'role'    = 'system'
      'name'    = 'example_assistant'
      'content' = 'Things working well together will increase revenue.'
    },
    @{
      'role'    = 'system'
      'name'    = 'example_user'
      'content' = "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."
    },
    @{
      'role'    = 'system'
      'name'    = 'example_assistant'
      'content' = "Let's talk later when we're less busy about how to do better."
    }
  )
  Message = @{
    'role'    = 'user'
    'content' = "This late pivot means we don't have time to boil the ocean for the client deliverable."
  }
}
'gpt-3.5-turbo-0613', 'gpt-4-0613', 'gpt-4o' | ForEach-Object {
  $model = $_
  $counted = Measure-TokensFromMessages -Messages ($ExampleMessages.History + $ExampleMessages.Message) -Model $model
  $response = $ExampleMessages | Request-ChatGPT `
    -Model $model -Message $ExampleMessages.Message.content -Temperature 0 -MaxTokens 1
  '{0} {1} {2}' -f $model, $counted, $response.usage.prompt_tokens
}
"""


def _session(emulator: Emulator) -> PowerShell:
    shell = PowerShell({"OPENAI_API_KEY": API_KEY, "OPENAI_API_BASE": emulator.base_url})
    shell.add_script(NOTEBOOK_CELL)
    return shell


def test_the_notebook_counts_what_the_api_counts() -> None:
    with Emulator(count_tokens=count_for_model).start() as emulator:
        shell = _session(emulator)
        lines = shell.invoke()
    assert not shell.had_errors
    assert lines[:2] == ["gpt-3.5-turbo-0613 129 129", "gpt-4-0613 129 129"]  # the notebook's recorded numbers
    model, counted, reported = lines[2].split()
    assert model == "gpt-4o" and counted == reported  # o200k_base counts too


def test_without_a_tokenizer_the_emulator_counts_words() -> None:
    with Emulator().start() as emulator:
        shell = _session(emulator)
        lines = shell.invoke()
    assert not shell.had_errors
    _model, counted, reported = lines[0].split()
    assert counted == "129" and 0 < int(reported) < 129  # the echo model's words, not OpenAI's tokens


def test_the_formula() -> None:
    # 3 to prime the reply; a message: 3, its values' tokens ("user" 1, "Hello world" 2), a name 1 more
    assert chat_prompt_tokens([], "gpt-4o", count_for_model) == 3
    assert chat_prompt_tokens([{"role": "user", "content": "Hello world"}], "gpt-4o", count_for_model) == 3 + 3 + 1 + 2
    named = [{"role": "user", "name": "bob", "content": [{"type": "text", "text": "Hello world"}]}]
    assert chat_prompt_tokens(named, "some-local-model", count_for_model) == 3 + 3 + 1 + 1 + 1 + 2


def test_psbridge_emulator_hands_in_the_tokenizer(monkeypatch: pytest.MonkeyPatch) -> None:
    import psbridge.emulator.__main__ as served
    from psbridge.cli import main

    handed: list[Any] = []
    monkeypatch.setattr(served, "main", lambda argv, count_tokens=None: handed.append(count_tokens) or 0)
    assert main(["emulator", "--port", "0"]) == 0
    assert handed[0]("Hello world", "gpt-4o") == 2
    assert inspect.signature(served._emulator).parameters["count_tokens"].default is None  # python -m: none
