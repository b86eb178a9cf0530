"""Request-Moderation: whether texts (and images) break OpenAI's content policy.

Each result gets its ``Input``; a flagged one writes PSOpenAI's warning naming
the categories, so ``... | Request-Moderation -WarningAction Stop | ...`` stops
a pipeline before a harmful message goes further.
"""

from __future__ import annotations

from typing import Any

from ...objects import Hashtable, to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._bodies import member
from ._errors import ArgumentError
from ._files import data_url, local_file
from ._objects import typed_object

__all__ = ["RequestModeration"]


@register_cmdlet
class RequestModeration(ApiCmdlet):
    name = "Request-Moderation"

    def process(self) -> None:
        p = self.params
        texts = [to_ps_string(text) for text in p.Text or []]
        images = [to_ps_string(image) for image in p.Images or []]
        if not texts and not images:
            raise ArgumentError('"Text" or "Images" property is required.')
        inputs: list[tuple[str, Any]] = [
            (text, Hashtable(type="text", text=text) if images else text) for text in texts
        ]
        for image in images:
            path = local_file(image)
            url = data_url(path, "image/png") if path is not None else image
            inputs.append((image, Hashtable(type="image_url", image_url=Hashtable(url=url))))
        body: dict[str, Any] = {"input": [value for _, value in inputs]}
        if p.is_bound("Model"):
            body["model"] = p.Model
        response = typed_object(self.request("POST", ["moderations"], body=body), "PSOpenAI.Moderation")
        for index, result in enumerate(member(response, "results") or []):
            result["Input"] = inputs[index][0] if index < len(inputs) else None
            if member(result, "flagged") is True:
                categories = member(result, "categories")
                names = [name for name in categories.property_names if categories[name] is True]
                self.write_warning(f"This content may violate the content policy. ({', '.join(names)})")
        self.write_output(response)
