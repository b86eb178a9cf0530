"""The Containers cmdlets: code-interpreter containers and the files in them.

New-/Get-/Remove-Container, Add-/Get-/Remove-ContainerFile and
Get-ContainerFileContent, as PSOpenAI's source does them: Add-ContainerFile
takes, per item, a local path (uploaded as a multipart form, streamed from disk),
a File object or a file id (sent as ``file_id``); Get-ContainerFileContent
outputs the content as Get-OpenAIFileContent does, or writes -OutFile safely.
Each list reads every piped input (PSOpenAI answers only the first).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...api import FilePart, MultipartForm
from ...objects import PSObject, to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline, object_id
from ._bodies import member
from ._errors import ArgumentError
from ._files import local_file
from ._objects import typed_object
from ._paging import list_with_parameters
from ._transfers import download_to_file
from .get_openai_file_content import IN_MEMORY_LIMIT, content_value

__all__ = [
    "AddContainerFile",
    "GetContainer",
    "GetContainerFile",
    "GetContainerFileContent",
    "NewContainer",
    "RemoveContainer",
    "RemoveContainerFile",
]

CONTAINER = "PSOpenAI.Container"
CONTAINER_FILE = "PSOpenAI.Container.File"
_CONTAINER_STAMPS = ("created_at", "last_active_at")


def container_object(data: dict[str, Any]) -> PSObject:
    return typed_object(data, CONTAINER, _CONTAINER_STAMPS)


def container_file_object(data: dict[str, Any]) -> PSObject:
    return typed_object(data, CONTAINER_FILE, ("created_at",))


def _file_ids(cmdlet: ApiCmdlet) -> tuple[str, str]:
    """(container id, file id) from -ContainerFile, or -ContainerId and -FileId."""
    p = cmdlet.params
    entry = p.get("ContainerFile", None)
    if entry is not None:
        container_id, file_id = object_id(entry, name="container_id"), object_id(entry)
    else:
        container_id, file_id = p.ContainerId, p.FileId
    if not container_id:
        raise ArgumentError("Could not retrieve container id.")
    if not file_id:
        raise ArgumentError("Could not retrieve container file id.")
    return container_id, file_id


@register_cmdlet
class NewContainer(ApiCmdlet):
    name = "New-Container"

    def process(self) -> None:
        p = self.params
        body: dict[str, Any] = {"name": p.Name}
        if p.is_bound("ExpiresAfterMinutes"):
            body["expires_after"] = {"anchor": p.ExpiresAfterAnchor, "minutes": int(p.ExpiresAfterMinutes)}
        if p.FileId:
            body["file_ids"] = [to_ps_string(file_id) for file_id in p.FileId]
        if p.is_bound("MemoryLimit"):
            body["memory_limit"] = p.MemoryLimit
        self.write_output(container_object(self.request("POST", ["containers"], body=body)))


@register_cmdlet
class GetContainer(ApiCmdlet):
    name = "Get-Container"

    def process(self) -> None:
        p = self.params
        deadline = Deadline(p.TimeoutSec)
        containers: Iterable[dict[str, Any]]
        if p.parameter_set_name == "Get":
            containers = [self.request("GET", ["containers", p.ContainerId], deadline=deadline)]
        else:
            containers = list_with_parameters(self, ["containers"], deadline=deadline)
        for container in containers:
            self.write_output(container_object(container))


@register_cmdlet
class RemoveContainer(ApiCmdlet):
    name = "Remove-Container"

    def process(self) -> None:
        container_id = self.params.ContainerId
        self.request("DELETE", ["containers", container_id], raw=True)
        self.write_verbose(f'The container with id "{container_id}" has been deleted.')


@register_cmdlet
class AddContainerFile(ApiCmdlet):
    name = "Add-ContainerFile"

    def process(self) -> None:
        p = self.params
        segments = ["containers", p.ContainerId, "files"]
        deadline = Deadline(p.TimeoutSec)
        for item in p.File or []:
            if item is None:
                continue
            path = local_file(item) if isinstance(item, str) else None
            if path is not None:
                form = MultipartForm([], [FilePart("file", path.name, path=path)])
                added = self.request("POST", segments, form=form, deadline=deadline)
            else:
                file_id = member(item, "id") if isinstance(item, PSObject) else item
                added = self.request("POST", segments, body={"file_id": to_ps_string(file_id)}, deadline=deadline)
            self.write_output(container_file_object(added))


@register_cmdlet
class GetContainerFile(ApiCmdlet):
    name = "Get-ContainerFile"

    def process(self) -> None:
        p = self.params
        deadline = Deadline(p.TimeoutSec)
        segments = ["containers", p.ContainerId, "files"]
        files: Iterable[dict[str, Any]]
        if p.parameter_set_name == "Get":
            files = [self.request("GET", [*segments, p.FileId], deadline=deadline)]
        else:
            files = list_with_parameters(self, segments, deadline=deadline)
        for file in files:
            self.write_output(container_file_object(file))


@register_cmdlet
class RemoveContainerFile(ApiCmdlet):
    name = "Remove-ContainerFile"

    def process(self) -> None:
        container_id, file_id = _file_ids(self)
        self.request("DELETE", ["containers", container_id, "files", file_id], raw=True)
        self.write_verbose(f'The container file with id "{file_id}" has been deleted.')


@register_cmdlet
class GetContainerFileContent(ApiCmdlet):
    name = "Get-ContainerFileContent"

    def process(self) -> None:
        container_id, file_id = _file_ids(self)
        segments = ["containers", container_id, "files", file_id, "content"]
        if self.params.OutFile:
            download_to_file(self, segments, self.params.OutFile)
            return
        limit = max(self.settings.max_response_bytes, IN_MEMORY_LIMIT)
        response = self.request("GET", segments, raw=True, max_bytes=limit)
        self.write_output(content_value(response.headers.get("content-type", ""), response.content))
