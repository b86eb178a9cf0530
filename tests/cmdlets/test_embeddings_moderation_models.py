"""Request-Embeddings, Get-CosineSimilarity, Request-Moderation, Get-OpenAIModels,
Request-TextCompletion and the stored chat completions, against the emulator.

Requests are checked against OpenAI's published request schemas.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

import psbridge
from psbridge.emulator import Emulator
from tests.openapi_schemas import assert_valid, request_body


def bodies(emulator: Emulator, path: str) -> list:
    found = [r.body for r in emulator.requests if r.method == "POST" and r.path.endswith(path)]
    for body in found:
        assert_valid(request_body("POST", path), body)
    return found


def test_embeddings_carry_their_text(emulator: Emulator) -> None:
    (result,) = psbridge.run("Request-Embeddings -Text 'Waiter, the food was delicious...', 'second' -Dimensions 64")
    assert [item.Text for item in result.data] == ["Waiter, the food was delicious...", "second"]
    assert all(len(item.embedding) == 64 and isinstance(item.embedding[0], float) for item in result.data)
    (body,) = bodies(emulator, "/embeddings")
    assert body == {
        "model": "text-embedding-ada-002",
        "input": ["Waiter, the food was delicious...", "second"],
        "dimensions": 64,
    }
    (single,) = psbridge.run("'one text' | Request-Embeddings -Model text-embedding-3-small -EncodingFormat base64")
    assert isinstance(single.data[0].embedding, str)
    assert bodies(emulator, "/embeddings")[1]["input"] == "one text"


def test_embedding_search_finds_the_related_text(emulator: Emulator) -> None:
    # Search_for_articles_using_embedding.ipynb's flow, in Python: embed, then rank by similarity.
    docs = ["Olympic games open in Paris", "Stock markets fall sharply", "New phone released today"]
    vectors = [psbridge.invoke("Request-Embeddings", doc)[0].data[0].embedding for doc in docs]
    query = psbridge.invoke("Request-Embeddings", "olympic athletes")[0].data[0].embedding
    scores = [psbridge.invoke("Get-CosineSimilarity", Vector1=query, Vector2=v)[0] for v in vectors]
    assert scores.index(max(scores)) == 0


def test_cosine_similarity_is_the_cosine() -> None:
    (value,) = psbridge.run(
        "Get-CosineSimilarity (-0.01302161, -0.01999075, 0.007301898) (0.01506045, -0.04311577, 0.01272033)"
    )
    a, b = (-0.01302161, -0.01999075, 0.007301898), (0.01506045, -0.04311577, 0.01272033)
    expected = sum(x * y for x, y in zip(a, b, strict=True)) / (math.hypot(*a) * math.hypot(*b))
    assert value == pytest.approx(expected)
    assert psbridge.invoke("Get-CosineSimilarity", [1, 0], [2, 0]) == [pytest.approx(1.0)]
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.invoke("Get-CosineSimilarity", [1, 0], [1, 0, 0])
    assert str(caught.value.errors[0].exception) == "All vectors must have the same dimensionality."


def test_moderation_warns_for_flagged_input(emulator: Emulator) -> None:
    ps = psbridge.PowerShell()
    (result,) = ps.add_script('$r = Request-Moderation -Text "I want to kill them."; $r').invoke()
    assert result.pstypenames[0] == "PSOpenAI.Moderation"
    assert result.results[0].categories.violence is True and result.results[0].Input == "I want to kill them."
    assert ps.streams.warning == [
        "This content may violate the content policy. (harassment, harassment/threatening, violence)"
    ]
    assert bodies(emulator, "/moderations") == [{"input": ["I want to kill them."]}]


def test_moderation_with_warning_action_stop_ends_the_pipeline(emulator: Emulator) -> None:
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Request-Moderation", input=["I want to kill them."], WarningAction="Stop")
    assert caught.value.error_record.fully_qualified_error_id.startswith("ActionPreferenceStop")


def test_moderation_of_images_sends_parts(emulator: Emulator) -> None:
    (result,) = psbridge.run(
        "Request-Moderation -Text hello -Images 'https://example.com/a.png' -Model omni-moderation-latest"
    )
    assert [r.Input for r in result.results] == ["hello", "https://example.com/a.png"]
    (body,) = bodies(emulator, "/moderations")
    assert body["input"][0] == {"type": "text", "text": "hello"} and body["model"] == "omni-moderation-latest"
    with pytest.raises(psbridge.PipelineError):
        psbridge.invoke("Request-Moderation")


def test_models_are_listed_and_typed(emulator: Emulator) -> None:
    models = psbridge.invoke("Get-OpenAIModels")
    assert "gpt-4o-mini" in [m.id for m in models]
    assert models[0].pstypenames[0] == "PSOpenAI.Model" and isinstance(models[0].created, dt.datetime)
    (one,) = psbridge.invoke("Get-OpenAIModels", "gpt-4o")
    assert one.id == "gpt-4o"
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.invoke("Get-OpenAIModels", Name="nope")
    assert "404" in str(caught.value)


def test_text_completion(emulator: Emulator) -> None:
    (completion,) = psbridge.run("Request-TextCompletion -Prompt 'This is a hamburger store.' -MaxTokens 3")
    assert completion.pstypenames[0] == "PSOpenAI.Text.Completion"
    assert completion.Answer == ["Echo: This is"] and completion.Prompt == ["This is a hamburger store."]
    pieces = psbridge.run("'a b c' | Request-TextCompletion -Stream")
    assert "".join(pieces) == "Echo: a b c" and len(pieces) >= 3
    first, second = bodies(emulator, "/completions")
    assert first == {"model": "gpt-3.5-turbo-instruct", "prompt": "This is a hamburger store.", "max_tokens": 3}
    assert second["stream"] is True and second["n"] == 1 and second["max_tokens"] == 2048
    with pytest.raises(psbridge.PipelineError):
        psbridge.run("Request-TextCompletion -Prompt x -BestOf 1 -NumberOfAnswers 2")


def test_stored_completions_round_trip(emulator: Emulator) -> None:
    script = """
    $c = Request-ChatCompletion -Message hello -SystemMessage sys -Store -MetaData @{a = 'b'}
    $g = Get-ChatCompletion $c.id
    $g
    (Get-ChatCompletion -All).Count
    ($c | Set-ChatCompletion -MetaData @{x = 'y'}).metadata.x
    $g | Request-ChatCompletion -Message 'go on'
    $c | Remove-ChatCompletion
    (Get-ChatCompletion).Count
    """
    got, count, updated, continued, after = psbridge.run(script)
    assert got.pstypenames[0] == "PSOpenAI.Chat.Completion" and got.Answer == ["Echo: hello"]
    assert [(h["role"], h["content"]) for h in got.History] == [
        ("system", "sys"),
        ("user", "hello"),
        ("assistant", "Echo: hello"),
    ]
    assert (count, updated, after) == (1, "y", 0)
    assert [m["role"] for m in bodies(emulator, "/chat/completions")[-1]["messages"]] == [
        "system",
        "user",
        "assistant",
        "user",
    ]
    assert continued.Answer == ["Echo: go on"]
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.invoke("Get-ChatCompletion", "chatcmpl-gone")
    assert caught.value.errors[0].fully_qualified_error_id.startswith("PSOpenAI.APIRequest.NotFoundException")
