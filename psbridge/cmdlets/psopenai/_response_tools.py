"""Request-Response's built-in tool switches as the ``tools`` entries PSOpenAI sends.

Each ``-Use...Tool`` switch adds one tool; its options are set only when their
parameter was bound (Public/Responses/Request-Response.ps1, region Tools).
A tool that lacks what it needs (file search without vector stores, an MCP
server without label or URL) is an error for that input, as PSOpenAI writes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...objects import to_ps_string
from ._bodies import member, plain
from ._errors import ArgumentError
from ._files import data_url, local_file

if TYPE_CHECKING:
    from ...runtime import Parameters

__all__ = ["built_in_tools"]

_IMAGE_OPTIONS = (
    ("ImageGenerationModel", "model"),
    ("ImageGenerationAction", "action"),
    ("ImageGenerationBackGround", "background"),
    ("ImageGenerationModeration", "moderation"),
    ("ImageGenerationOutputCompression", "output_compression"),
    ("ImageGenerationOutputFormat", "output_format"),
    ("ImageGenerationPartialImages", "partial_images"),
    ("ImageGenerationQuality", "quality"),
    ("ImageGenerationSize", "size"),
)
_LOCATION = (
    ("WebSearchUserLocationCity", "city"),
    ("WebSearchUserLocationCountry", "country"),
    ("WebSearchUserLocationRegion", "region"),
    ("WebSearchUserLocationTimeZone", "timezone"),
)


_RANKING = (("FileSearchRanker", "ranker"), ("FileSearchScoreThreshold", "score_threshold"))
_HYBRID = (
    ("FileSearchHybridSearchEmbeddingWeight", "embedding_weight"),
    ("FileSearchHybridSearchTextWeight", "text_weight"),
)
_COMPUTER = (
    ("ComputerUseEnvironment", "environment"),
    ("ComputerUseDisplayHeight", "display_height"),
    ("ComputerUseDisplayWidth", "display_width"),
)
_MCP_TEXT = (("RemoteMCPServerDescription", "server_description"), ("RemoteMCPAuthorization", "authorization"))


def _file_search(p: Parameters) -> dict[str, Any]:
    if not p.FileSearchVectorStoreIds:
        raise ArgumentError("VectorStore Ids must be specified.")
    tool: dict[str, Any] = {"type": "file_search", "vector_store_ids": list(p.FileSearchVectorStoreIds)}
    if p.is_bound("FileSearchMaxNumberOfResults"):
        tool["max_num_results"] = p.FileSearchMaxNumberOfResults
    ranking = {field: plain(p.get(parameter)) for parameter, field in _RANKING if p.is_bound(parameter)}
    hybrid = {field: plain(p.get(parameter)) for parameter, field in _HYBRID if p.is_bound(parameter)}
    if hybrid:
        ranking["hybrid_search_options"] = hybrid
    if ranking:
        tool["ranking_options"] = ranking
    return tool


def _web_search(p: Parameters) -> dict[str, Any]:
    tool: dict[str, Any] = {"type": to_ps_string(p.WebSearchType or "web_search")}
    if p.is_bound("WebSearchContextSize"):
        tool["search_context_size"] = to_ps_string(p.WebSearchContextSize).lower()
    if p.is_bound("WebSearchAllowedDomains"):
        tool["filters"] = {"allowed_domains": list(p.WebSearchAllowedDomains or [])}
    location = {field: plain(p.get(parameter)) for parameter, field in _LOCATION if p.is_bound(parameter)}
    if location:
        tool["user_location"] = {**location, "type": "approximate"}
    return tool


def _computer_use(p: Parameters) -> dict[str, Any]:
    tool: dict[str, Any] = {"type": to_ps_string(p.ComputerUseType or "computer")}
    for parameter, field in _COMPUTER:
        if p.is_bound(parameter):
            tool[field] = plain(p.get(parameter))
    return tool


def _mcp(p: Parameters) -> dict[str, Any]:
    if not to_ps_string(p.RemoteMCPServerLabel or "").strip():
        raise ArgumentError("RemoteMCPServerLabel must be specified.")
    if not to_ps_string(p.RemoteMCPServerUrl or "").strip():
        raise ArgumentError("RemoteMCPServerUrl must be specified.")
    tool: dict[str, Any] = {"type": "mcp", "server_label": p.RemoteMCPServerLabel, "server_url": p.RemoteMCPServerUrl}
    for parameter, field in _MCP_TEXT:
        if p.is_bound(parameter):
            tool[field] = plain(p.get(parameter))
    if p.is_bound("RemoteMCPAllowedTools"):
        allowed = p.RemoteMCPAllowedTools
        names = member(allowed, "tool_names") if not isinstance(allowed, str | list) else None
        tool["allowed_tools"] = [
            to_ps_string(n) for n in (names or (allowed if isinstance(allowed, list) else [allowed]))
        ]
    if p.is_bound("RemoteMCPRequireApproval"):
        approval = p.RemoteMCPRequireApproval
        if isinstance(approval, str):
            tool["require_approval"] = approval.strip()
        else:
            rules = {
                rule: {"tool_names": [to_ps_string(n) for n in member(member(approval, rule), "tool_names")]}
                for rule in ("always", "never")
                if member(approval, rule) is not None and member(member(approval, rule), "tool_names")
            }
            if rules:
                tool["require_approval"] = rules
    if p.RemoteMCPHeaders:
        tool["headers"] = plain(p.RemoteMCPHeaders)
    return tool


def _connector(p: Parameters) -> dict[str, Any]:
    if not to_ps_string(p.ConnectorLabel or "").strip():
        raise ArgumentError("ConnectorLabel must be specified.")
    if not to_ps_string(p.ConnectorId or "").strip():
        raise ArgumentError("ConnectorId must be specified.")
    tool: dict[str, Any] = {"type": "mcp", "server_label": p.ConnectorLabel, "connector_id": p.ConnectorId}
    if p.is_bound("ConnectorAuthorization"):
        tool["authorization"] = p.ConnectorAuthorization
    if p.is_bound("ConnectorRequireApproval"):
        tool["require_approval"] = to_ps_string(p.ConnectorRequireApproval).strip()
    return tool


def _code_interpreter(p: Parameters) -> dict[str, Any]:
    container_id = to_ps_string(p.ContainerId or "auto")
    if container_id != "auto":
        return {"type": "code_interpreter", "container": container_id}
    container: dict[str, Any] = {"type": "auto"}
    if p.is_bound("ContainerFileIds"):
        container["file_ids"] = list(p.ContainerFileIds or [])
    if p.is_bound("CodeInterpreterMemoryLimit"):
        container["memory_limit"] = p.CodeInterpreterMemoryLimit
    return {"type": "code_interpreter", "container": container}


def _image_generation(p: Parameters) -> dict[str, Any]:
    tool: dict[str, Any] = {"type": "image_generation"}
    for parameter, field in _IMAGE_OPTIONS:
        if p.is_bound(parameter):
            tool[field] = plain(p.get(parameter))
    if p.is_bound("ImageGenerationInputImageMask"):
        mask = to_ps_string(p.ImageGenerationInputImageMask)
        path = local_file(mask)
        tool["input_image_mask"] = {"image_url": data_url(path, "image/png")} if path else {"file_id": mask}
    return tool


def built_in_tools(p: Parameters) -> list[dict[str, Any]]:
    """The tools of the -Use*Tool switches, in PSOpenAI's order."""
    tools: list[dict[str, Any]] = []
    if p.UseFileSearchTool:
        tools.append(_file_search(p))
    if p.UseWebSearchTool:
        tools.append(_web_search(p))
    if p.UseComputerUseTool:
        tools.append(_computer_use(p))
    if p.UseRemoteMCPTool:
        tools.append(_mcp(p))
    if p.UseConnectorTool:
        tools.append(_connector(p))
    if p.UseCodeInterpreterTool:
        tools.append(_code_interpreter(p))
    if p.UseImageGenerationTool:
        tools.append(_image_generation(p))
    if p.UseLocalShellTool:
        tools.append({"type": "local_shell"})
    if p.UseShellTool:
        tools.append({"type": "shell"})
    if p.UseApplyPatchTool:
        tools.append({"type": "apply_patch"})
    return tools
