"""ConvertTo-Token / ConvertFrom-Token, offline, against PSOpenAI's own expected token ids.

The ids are those of ../shared/psopenai-source/Tests/ConvertTo-Token.tests.ps1:16-37
(cl100k_base and o200k_base) and :61-66 (pipeline input); the model table is
Private/Convert-ModelToEncoding.ps1, checked as that file's tests do (:40-47).
"""

from __future__ import annotations

import pytest

import psbridge

CL100K = [
    ("", []),
    ("a", [64]),
    ("Hello, World! How are you today? 🌍", [9906, 11, 4435, 0, 2650, 527, 499, 3432, 30, 11410, 234, 235]),
    (
        "こんにちは、世界！お元気ですか？",
        [90115, 5486, 3574, 244, 98220, 6447, 33334, 24186, 95221, 38641, 32149, 11571],
    ),
    (
        "Здравствуйте, это мой первый раз здесь. Что мне делать?",
        [
            36551,
            7094,
            28086,
            20812,
            83680,
            51627,
            11,
            68979,
            11562,
            16742,
            77901,
            35723,
            39479,
            11122,
            7094,
            92691,
            13,
            1301,
            100,
            25657,
            11562,
            79862,
            95369,
            18482,
            30,
        ],
    ),
    (
        "🍏🍎🍐🍊🍋🍌🍉🍇🍓🍈🍒🍑",
        [
            9468,
            235,
            237,
            9468,
            235,
            236,
            9468,
            235,
            238,
            9468,
            235,
            232,
            9468,
            235,
            233,
            9468,
            235,
            234,
            9468,
            235,
            231,
            9468,
            235,
            229,
            9468,
            235,
            241,
            9468,
            235,
            230,
            9468,
            235,
            240,
            9468,
            235,
            239,
        ],
    ),
]
O200K = [
    ("", []),
    ("a", [64]),
    ("Hello, World! How are you today? 🌍", [13225, 11, 5922, 0, 3253, 553, 481, 4044, 30, 130321, 235]),
    ("こんにちは、世界！お元気ですか？", [95839, 1395, 28428, 3393, 8930, 6753, 25717, 15121, 7128, 4802]),
    (
        "Здравствуйте, это мой первый раз здесь. Что мне делать?",
        [182298, 11, 8577, 65733, 62134, 4702, 44039, 13, 53319, 27934, 45321, 30],
    ),
    (
        "🍏🍎🍐🍊🍋🍌🍉🍇🍓🍈🍒🍑",
        [
            102415,
            237,
            102415,
            236,
            102415,
            238,
            102415,
            232,
            102415,
            233,
            102415,
            234,
            102415,
            231,
            102415,
            229,
            102415,
            241,
            102415,
            230,
            102415,
            240,
            102415,
            239,
        ],
    ),
]


@pytest.mark.parametrize(
    ("encoding", "text", "ids"), [("cl100k_base", *c) for c in CL100K] + [("o200k_base", *c) for c in O200K]
)
def test_encoding_matches_the_reference_ids_and_decodes_back(encoding: str, text: str, ids: list[int]) -> None:
    assert psbridge.invoke("ConvertTo-Token", Text=text, Encoding=encoding) == [ids]
    assert psbridge.invoke("ConvertFrom-Token", Token=ids, Encoding=encoding) == [text]


@pytest.mark.parametrize(
    ("model", "encoding"),
    [
        ("gpt-3.5-turbo-0613", "cl100k_base"),
        ("gpt-4-unknown", "cl100k_base"),
        ("gpt-4o", "o200k_base"),
        ("gpt-4o-2999-12-31", "o200k_base"),
        ("gpt-5", "o200k_base"),
        ("gpt-5-nano", "o200k_base"),
        ("o3-mini", "o200k_base"),
        ("text-embedding-3-small", "cl100k_base"),
    ],
)
def test_a_model_name_picks_its_encoding(model: str, encoding: str) -> None:
    text = "🍏 tokens differ between encodings"
    assert psbridge.invoke("ConvertTo-Token", text, Model=model) == psbridge.invoke(
        "ConvertTo-Token", text, Encoding=encoding
    )


def test_each_piped_text_gives_one_array() -> None:
    # ConvertTo-Token.tests.ps1:60-66
    result = psbridge.run("'Hello my student.', 'How are you today?' | ConvertTo-Token")
    assert result == [[9906, 856, 5575, 13], [4438, 527, 499, 3432, 30]]
    assert psbridge.run("('🍏🍎🍐🍊🍋🍌🍉🍇🍓🍈🍒🍑' | ConvertTo-Token).Count") == [36]


def test_single_piped_ids_are_decoded_together_at_the_end() -> None:
    # 🌍 is three tokens; decoded one by one it would be three replacement characters.
    assert psbridge.run("(9906, 11, 11410, 234, 235) | ConvertFrom-Token") == ["Hello, 🌍"]
    assert psbridge.run("ConvertFrom-Token -Token (15335, 26354, 369, 1475, 1887, 0) -AsArray") == [
        "Power",
        "Shell",
        " for",
        " every",
        " system",
        "!",
    ]
    assert psbridge.invoke("ConvertFrom-Token", Token=[]) == [""]


def test_special_token_text_is_ordinary_text() -> None:
    assert psbridge.invoke("ConvertTo-Token", "<|endoftext|>") == [[27, 91, 8862, 728, 428, 91, 29]]


def test_an_unknown_model_or_id_is_an_error() -> None:
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.invoke("ConvertTo-Token", "x", Model="llama-unknown")
    assert str(caught.value.errors[0].exception) == "The model name not specifed properly."
    assert caught.value.output == []
    with pytest.raises(psbridge.PipelineError):
        psbridge.invoke("ConvertFrom-Token", Token=[999999, 1])
    with pytest.raises(psbridge.ParameterBindingError):
        psbridge.invoke("ConvertTo-Token", "x", Encoding="p50k_base")
