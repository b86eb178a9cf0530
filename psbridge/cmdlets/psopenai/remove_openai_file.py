"""Remove-OpenAIFile: delete a file (no output); ``Get-OpenAIFile | Remove-OpenAIFile`` works."""

from __future__ import annotations

from ...runtime import register_cmdlet
from ._base import ApiCmdlet

__all__ = ["RemoveOpenAIFile"]


@register_cmdlet
class RemoveOpenAIFile(ApiCmdlet):
    name = "Remove-OpenAIFile"

    def process(self) -> None:
        response = self.request("DELETE", ["files", self.params.FileId])
        if response.get("deleted"):
            self.write_verbose(f'The file with id "{response.get("id")}" has been deleted.')
