"""Request-Embeddings: vectors for one or more texts (each data item gets its ``Text``)."""

from __future__ import annotations

import random
from typing import Any

from ...objects import PSObject, to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._bodies import member
from ._errors import ArgumentError
from ._objects import to_psobject

__all__ = ["RequestEmbeddings", "batch_input"]


def batch_input(cmdlet: ApiCmdlet, body: dict[str, Any], path: str, custom_id: Any) -> PSObject:
    """-AsBatch: the request as one line of a batch file instead of sending it."""
    url = path if cmdlet.settings.is_azure else f"/v1{path}"
    item = PSObject(
        {
            "custom_id": custom_id or f"request-{random.randrange(65535):04x}",
            "method": "POST",
            "url": url,
            "body": PSObject(body),
        }
    )
    item.pstypenames.insert(0, "PSOpenAI.Batch.Input")
    return item


@register_cmdlet
class RequestEmbeddings(ApiCmdlet):
    name = "Request-Embeddings"

    def process(self) -> None:
        p = self.params
        texts = [to_ps_string(text) for text in p.Text or []]
        if not texts:
            raise ArgumentError('"Text" property is required.')
        model = to_ps_string(p.Model)
        body: dict[str, Any] = {}
        if not self.settings.is_azure:
            body["model"] = model
        body["input"] = texts[0] if len(texts) == 1 else texts
        if p.is_bound("User"):
            body["user"] = p.User
        if p.is_bound("EncodingFormat"):
            body["encoding_format"] = p.EncodingFormat
        if p.is_bound("Dimensions"):
            body["dimensions"] = p.Dimensions
        if p.AsBatch:
            self.write_output(batch_input(self, {"model": model, **body}, "/embeddings", p.CustomBatchId))
            return
        segments = (
            ["deployments", model.replace("/", "").strip(), "embeddings"] if self.settings.is_azure else ["embeddings"]
        )
        response = to_psobject(self.request("POST", segments, body=body))
        for index, item in enumerate(member(response, "data") or []):
            if str(p.EncodingFormat) == "float" and isinstance(member(item, "embedding"), list):
                item["embedding"] = [float(value) for value in item["embedding"]]
            item["Text"] = texts[index] if index < len(texts) else None
        self.write_output(response)
