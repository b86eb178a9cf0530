"""Get-CosineSimilarity: how alike two vectors point, from -1 to 1.

PSOpenAI computes ``dot / norm1 * norm2`` -- by operator precedence that is
(dot / norm1) * norm2, right only for unit vectors (Public/Get-CosineSimilarity.ps1).
psbridge computes the cosine, dot / (norm1 * norm2); for OpenAI's embeddings,
which are unit vectors, both give the same number.
"""

from __future__ import annotations

import math

from ...runtime import Cmdlet, register_cmdlet
from ._errors import ArgumentError

__all__ = ["GetCosineSimilarity", "cosine_similarity"]


def cosine_similarity(first: list[float], second: list[float]) -> float:
    if len(first) != len(second):
        raise ArgumentError("All vectors must have the same dimensionality.")
    dot = math.fsum(a * b for a, b in zip(first, second, strict=True))
    norms = math.sqrt(math.fsum(a * a for a in first)) * math.sqrt(math.fsum(b * b for b in second))
    return dot / norms if norms else math.nan


@register_cmdlet
class GetCosineSimilarity(Cmdlet):
    name = "Get-CosineSimilarity"

    def process(self) -> None:
        p = self.params
        self.write_output(cosine_similarity([float(v) for v in p.Vector1], [float(v) for v in p.Vector2]))
