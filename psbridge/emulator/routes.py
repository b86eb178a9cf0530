"""The route table (the Assistants operations, files and vector stores, then chat, responses and the rest)
and path matching.

Matching works on path *segments* that were split before percent-decoding, so
an id such as ``a/b`` (sent as ``a%2Fb``) or ``..%2Fx`` stays one segment and
can only ever be looked up as an id - it can never select another route.

When several patterns fit (``/threads/runs`` is both createThreadAndRun and
"thread ``runs``"), literal segments win; the method then picks among them,
so ``GET /threads/runs`` is getThread for a thread called ``runs``, as on the
hosted API.  A path no pattern fits is a 404 ``Invalid URL``; a path that fits
but not for this method is a 405 with an ``Allow`` header.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from . import (
    api_assistants,
    api_audio,
    api_batches,
    api_chat,
    api_completions,
    api_containers,
    api_conversations,
    api_embeddings,
    api_files,
    api_images,
    api_messages,
    api_models,
    api_moderations,
    api_responses,
    api_runs,
    api_steps,
    api_threads,
    api_vector_stores,
    api_videos,
)
from .context import Handler
from .errors import ApiError


@dataclass(frozen=True)
class Route:
    method: str
    pattern: tuple[str, ...]
    operation_id: str
    handler: Handler

    def bind(self, segments: list[str]) -> dict[str, str] | None:
        """Path parameters if ``segments`` fit the pattern (ignoring the method)."""
        if len(segments) != len(self.pattern):
            return None
        params: dict[str, str] = {}
        for part, segment in zip(self.pattern, segments, strict=True):
            if part.startswith("{"):
                if not segment:
                    return None
                params[part[1:-1]] = segment
            elif part != segment:
                return None
        return params

    @functools.cached_property
    def literals(self) -> int:
        return sum(1 for part in self.pattern if not part.startswith("{"))


def _route(method: str, path: str, operation_id: str, handler: Handler) -> Route:
    return Route(method, tuple(path.strip("/").split("/")), operation_id, handler)


CHAT_ROUTES: tuple[Route, ...] = (
    _route("GET", "/chat/completions", "listChatCompletions", api_chat.list_chat_completions),
    _route("POST", "/chat/completions", "createChatCompletion", api_chat.create_chat_completion),
    _route("GET", "/chat/completions/{completion_id}", "getChatCompletion", api_chat.get_chat_completion),
    _route("POST", "/chat/completions/{completion_id}", "updateChatCompletion", api_chat.update_chat_completion),
    _route("DELETE", "/chat/completions/{completion_id}", "deleteChatCompletion", api_chat.delete_chat_completion),
    _route(
        "GET",
        "/chat/completions/{completion_id}/messages",
        "getChatCompletionMessages",
        api_chat.list_chat_completion_messages,
    ),
    _route("POST", "/completions", "createCompletion", api_completions.create_completion),
    _route("POST", "/embeddings", "createEmbedding", api_embeddings.create_embedding),
    _route("POST", "/moderations", "createModeration", api_moderations.create_moderation),
    _route("GET", "/models", "listModels", api_models.list_models),
    _route("GET", "/models/{model}", "retrieveModel", api_models.retrieve_model),
    _route("POST", "/responses", "createResponse", api_responses.create_response),
    _route("POST", "/responses/compact", "Compactconversation", api_responses.compact_response),
    _route("GET", "/responses/{response_id}", "getResponse", api_responses.get_response),
    _route("DELETE", "/responses/{response_id}", "deleteResponse", api_responses.delete_response),
    _route("POST", "/responses/{response_id}/cancel", "cancelResponse", api_responses.cancel_response),
    _route("GET", "/responses/{response_id}/input_items", "listInputItems", api_responses.list_input_items),
    _route("POST", "/conversations", "createConversation", api_conversations.create_conversation),
    _route("GET", "/conversations/{conversation_id}", "getConversation", api_conversations.get_conversation),
    _route("POST", "/conversations/{conversation_id}", "updateConversation", api_conversations.update_conversation),
    _route("DELETE", "/conversations/{conversation_id}", "deleteConversation", api_conversations.delete_conversation),
    _route("POST", "/conversations/{conversation_id}/items", "createConversationItems", api_conversations.create_items),
    _route("GET", "/conversations/{conversation_id}/items", "listConversationItems", api_conversations.list_items),
    _route(
        "GET", "/conversations/{conversation_id}/items/{item_id}", "getConversationItem", api_conversations.get_item
    ),
    _route(
        "DELETE",
        "/conversations/{conversation_id}/items/{item_id}",
        "deleteConversationItem",
        api_conversations.delete_item,
    ),
)


ROUTES: tuple[Route, ...] = (
    _route("GET", "/assistants", "listAssistants", api_assistants.list_assistants),
    _route("POST", "/assistants", "createAssistant", api_assistants.create_assistant),
    _route("GET", "/assistants/{assistant_id}", "getAssistant", api_assistants.get_assistant),
    _route("POST", "/assistants/{assistant_id}", "modifyAssistant", api_assistants.modify_assistant),
    _route("DELETE", "/assistants/{assistant_id}", "deleteAssistant", api_assistants.delete_assistant),
    _route("POST", "/threads", "createThread", api_threads.create_thread),
    _route("POST", "/threads/runs", "createThreadAndRun", api_runs.create_thread_and_run),
    _route("GET", "/threads/{thread_id}", "getThread", api_threads.get_thread),
    _route("POST", "/threads/{thread_id}", "modifyThread", api_threads.modify_thread),
    _route("DELETE", "/threads/{thread_id}", "deleteThread", api_threads.delete_thread),
    _route("GET", "/threads/{thread_id}/messages", "listMessages", api_messages.list_messages),
    _route("POST", "/threads/{thread_id}/messages", "createMessage", api_messages.create_message),
    _route("GET", "/threads/{thread_id}/messages/{message_id}", "getMessage", api_messages.get_message),
    _route("POST", "/threads/{thread_id}/messages/{message_id}", "modifyMessage", api_messages.modify_message),
    _route("DELETE", "/threads/{thread_id}/messages/{message_id}", "deleteMessage", api_messages.delete_message),
    _route("GET", "/threads/{thread_id}/runs", "listRuns", api_runs.list_runs),
    _route("POST", "/threads/{thread_id}/runs", "createRun", api_runs.create_run),
    _route("GET", "/threads/{thread_id}/runs/{run_id}", "getRun", api_runs.get_run),
    _route("POST", "/threads/{thread_id}/runs/{run_id}", "modifyRun", api_runs.modify_run),
    _route("POST", "/threads/{thread_id}/runs/{run_id}/cancel", "cancelRun", api_runs.cancel_run),
    _route(
        "POST",
        "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs",
        "submitToolOuputsToRun",
        api_runs.submit_tool_outputs,
    ),
    _route("GET", "/threads/{thread_id}/runs/{run_id}/steps", "listRunSteps", api_steps.list_steps),
    _route("GET", "/threads/{thread_id}/runs/{run_id}/steps/{step_id}", "getRunStep", api_steps.get_step),
    # Files and vector stores (api_files, api_vector_stores).
    _route("POST", "/files", "createFile", api_files.create_file),
    _route("GET", "/files", "listFiles", api_files.list_files),
    _route("GET", "/files/{file_id}", "retrieveFile", api_files.get_file),
    _route("DELETE", "/files/{file_id}", "deleteFile", api_files.delete_file),
    _route("GET", "/files/{file_id}/content", "downloadFile", api_files.download_file),
    _route("POST", "/vector_stores", "createVectorStore", api_vector_stores.create_vector_store),
    _route("GET", "/vector_stores", "listVectorStores", api_vector_stores.list_vector_stores),
    _route("GET", "/vector_stores/{vector_store_id}", "getVectorStore", api_vector_stores.get_vector_store),
    _route("POST", "/vector_stores/{vector_store_id}", "modifyVectorStore", api_vector_stores.modify_vector_store),
    _route("DELETE", "/vector_stores/{vector_store_id}", "deleteVectorStore", api_vector_stores.delete_vector_store),
    _route(
        "POST", "/vector_stores/{vector_store_id}/files", "createVectorStoreFile",
        api_vector_stores.create_vector_store_file,
    ),
    _route(
        "GET", "/vector_stores/{vector_store_id}/files", "listVectorStoreFiles",
        api_vector_stores.list_vector_store_files,
    ),
    _route(
        "GET", "/vector_stores/{vector_store_id}/files/{file_id}", "getVectorStoreFile",
        api_vector_stores.get_vector_store_file,
    ),
    _route(
        "DELETE", "/vector_stores/{vector_store_id}/files/{file_id}", "deleteVectorStoreFile",
        api_vector_stores.delete_vector_store_file,
    ),
    _route(
        "POST", "/vector_stores/{vector_store_id}/file_batches", "createVectorStoreFileBatch",
        api_vector_stores.create_file_batch,
    ),
    _route(
        "GET", "/vector_stores/{vector_store_id}/file_batches/{batch_id}", "getVectorStoreFileBatch",
        api_vector_stores.get_file_batch,
    ),
    _route(
        "POST", "/vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel", "cancelVectorStoreFileBatch",
        api_vector_stores.cancel_file_batch,
    ),
    _route(
        "GET", "/vector_stores/{vector_store_id}/file_batches/{batch_id}/files", "listFilesInVectorStoreBatch",
        api_vector_stores.list_files_in_batch,
    ),
    _route("POST", "/batches", "createBatch", api_batches.create_batch),
    _route("GET", "/batches", "listBatches", api_batches.list_batches),
    _route("GET", "/batches/{batch_id}", "retrieveBatch", api_batches.get_batch),
    _route("POST", "/batches/{batch_id}/cancel", "cancelBatch", api_batches.cancel_batch),
    _route("POST", "/containers", "CreateContainer", api_containers.create_container),
    _route("GET", "/containers", "ListContainers", api_containers.list_containers),
    _route("GET", "/containers/{container_id}", "RetrieveContainer", api_containers.get_container),
    _route("DELETE", "/containers/{container_id}", "DeleteContainer", api_containers.delete_container),
    _route("POST", "/containers/{container_id}/files", "CreateContainerFile", api_containers.create_container_file),
    _route("GET", "/containers/{container_id}/files", "ListContainerFiles", api_containers.list_container_files),
    _route(
        "GET", "/containers/{container_id}/files/{file_id}", "RetrieveContainerFile",
        api_containers.get_container_file,
    ),
    _route(
        "DELETE", "/containers/{container_id}/files/{file_id}", "DeleteContainerFile",
        api_containers.delete_container_file,
    ),
    _route(
        "GET", "/containers/{container_id}/files/{file_id}/content", "RetrieveContainerFileContent",
        api_containers.download_container_file,
    ),
    _route("POST", "/images/generations", "createImage", api_images.create_image),
    _route("POST", "/images/edits", "createImageEdit", api_images.create_image_edit),
    _route("POST", "/images/variations", "createImageVariation", api_images.create_image_variation),
    _route("POST", "/audio/speech", "createSpeech", api_audio.create_speech),
    _route("POST", "/audio/transcriptions", "createTranscription", api_audio.create_transcription),
    _route("POST", "/audio/translations", "createTranslation", api_audio.create_translation),
    _route("POST", "/videos", "createVideo", api_videos.create_video),
    _route("GET", "/videos", "ListVideos", api_videos.list_videos),
    _route("GET", "/videos/{video_id}", "GetVideo", api_videos.get_video),
    _route("DELETE", "/videos/{video_id}", "DeleteVideo", api_videos.delete_video),
    _route("GET", "/videos/{video_id}/content", "RetrieveVideoContent", api_videos.download_video),
    _route("POST", "/videos/{video_id}/remix", "CreateVideoRemix", api_videos.remix_video),
    *CHAT_ROUTES,
)  # fmt: skip


def _shape(pattern: tuple[str, ...]) -> tuple[int, str]:
    """Routes grouped by length and first segment, so a request only tries the few that can fit."""
    first = pattern[0] if pattern and not pattern[0].startswith("{") else "{"
    return len(pattern), first


_BY_SHAPE: dict[tuple[int, str], list[Route]] = {}
for _each in ROUTES:
    _BY_SHAPE.setdefault(_shape(_each.pattern), []).append(_each)


def invalid_url(method: str, shown_path: str) -> ApiError:
    return ApiError(404, f"Invalid URL ({method} {shown_path})")


def resolve(method: str, segments: list[str], shown_path: str) -> tuple[Route, dict[str, str]]:
    """Pick the route for decoded ``segments`` (the path after ``/v1``)."""
    candidates = _BY_SHAPE.get((len(segments), segments[0] if segments else ""), [])
    candidates = candidates + _BY_SHAPE.get((len(segments), "{"), [])
    fitting = [(route, params) for route in candidates if (params := route.bind(segments)) is not None]
    if not fitting:
        raise invalid_url(method, shown_path)
    fitting.sort(key=lambda pair: -pair[0].literals)
    for route, params in fitting:
        if route.method == method:
            return route, params
    allowed = sorted({route.method for route, _ in fitting})
    raise ApiError(
        405,
        f"Invalid method for URL ({method} {shown_path})",
        headers={"allow": ", ".join(allowed)},
    )
