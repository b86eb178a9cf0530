"""Add-OpenAIFile: upload a file (from a path, or bytes with -Name) for a purpose.

The upload is a multipart form streamed from disk (psbridge.api.multipart):
a 500 MB file is never held in memory.  -ExpiresAfterSeconds sends
``expires_after[anchor]`` and ``expires_after[seconds]`` (PSOpenAI sets the
seconds on the wrong variable and so never sends them; fixed here).  A path
that does not exist is an error for that input and sends nothing (PSOpenAI
sends the form without its file).
"""

from __future__ import annotations

from ...api import FilePart, MultipartForm
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet
from ._objects import FILE, typed_object
from ._transfers import file_to_upload

__all__ = ["AddOpenAIFile"]


@register_cmdlet
class AddOpenAIFile(ApiCmdlet):
    name = "Add-OpenAIFile"

    def process(self) -> None:
        p = self.params
        if p.parameter_set_name == "Content":
            part = FilePart("file", to_ps_string(p.Name), data=bytes(p.Content))
        else:
            path = file_to_upload(self.runspace, p.File)
            part = FilePart("file", path.name, path=path)
        fields = [("purpose", p.Purpose)]
        if p.is_bound("ExpiresAfterSeconds"):
            fields.append(("expires_after[anchor]", p.ExpiresAfterAnchor))
            fields.append(("expires_after[seconds]", str(p.ExpiresAfterSeconds)))
        uploaded = self.request("POST", ["files"], form=MultipartForm(fields, [part]))
        self.write_output(typed_object(uploaded, FILE))
