"""Get-OpenAIModels: the models the API offers, or one by name."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._objects import typed_object

__all__ = ["GetOpenAIModels"]

_TIMESTAMPS = ("created", "created_at", "updated_at")


@register_cmdlet
class GetOpenAIModels(ApiCmdlet):
    name = "Get-OpenAIModels"

    def process(self) -> None:
        name = self.params.Name
        response = self.request("GET", ["models", name] if name else ["models"])
        data = response.get("data") if response.get("object") == "list" else [response]
        for model in data or []:
            if model is None:
                continue
            obj = typed_object(model, "PSOpenAI.Model", _TIMESTAMPS)
            if self.settings.is_azure:  # PSOpenAI types OpenAI's models only (Azure's have other fields)
                obj.pstypenames.remove("PSOpenAI.Model")
            self.write_output(obj)
