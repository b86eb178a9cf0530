"""-LogitBias as PSOpenAI sends it: token ids (as text) -> bias in -100..100.

A key that is an integer is a token id; a string key is a word, tokenized with
the model's encoding, and each of its tokens gets the bias (with a warning
when there are several).  Values outside -100..100 are clamped with a warning.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ...objects import to_ps_string
from ._errors import ArgumentError
from ._tokens import encode, encoding_for_model

if TYPE_CHECKING:
    from ._base import ApiCmdlet

__all__ = ["logit_bias"]


def _bias(cmdlet: ApiCmdlet, value: Any) -> float | None:
    try:
        number = float(to_ps_string(value))
    except ValueError:
        cmdlet.report_input_error(ArgumentError("The value of LogitBias should be type as [float]"))
        return None
    if number > 100:
        cmdlet.write_warning(
            f"The maximum value of LogitBias is 100. The value {to_ps_string(value)} is rounded to 100."
        )
        return 100.0
    if number < -100:
        cmdlet.write_warning(
            f"The minimum value of LogitBias is -100. The value {to_ps_string(value)} is rounded to -100."
        )
        return -100.0
    return number


def logit_bias(cmdlet: ApiCmdlet, entries: Mapping[Any, Any], model: str) -> dict[str, float]:
    tokens: dict[int, float] = {}
    encoding = encoding_for_model(model)
    for key, value in entries.items():
        bias = _bias(cmdlet, value)
        if bias is None:
            continue
        if isinstance(key, int) and not isinstance(key, bool):
            tokens[key] = bias
            continue
        word = to_ps_string(key)
        ids = encode(word, encoding) if encoding is not None else []
        if not ids:
            cmdlet.report_input_error(ArgumentError(f'Could not tokenize the word "{word}"'))
            continue
        if len(ids) > 1:
            cmdlet.write_warning(
                f'The word "{word}" has been encoded into multiple tokens, which may cause to behave unintentionally.'
            )
        for token in ids:
            tokens[token] = bias
    return {str(token): bias for token, bias in tokens.items()}
