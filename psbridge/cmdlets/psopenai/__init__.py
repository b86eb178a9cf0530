"""PSOpenAI's cmdlets, each a short module bound through its spec (cmdlet_specs/PSOpenAI/).

``COMMANDS`` maps each cmdlet to the module that implements it; the runtime
imports a module the first time its cmdlet is called, so a script that uses
two cmdlets loads two modules.
"""

from __future__ import annotations

__all__ = ["ALIASES", "COMMANDS"]

COMMANDS: dict[str, str] = {
    "Add-ConversationItem": "add_conversation_item",
    "Add-OpenAIFile": "add_openai_file",
    "Add-ThreadMessage": "add_thread_message",
    "Add-VectorStoreFile": "add_vector_store_file",
    "Clear-OpenAIContext": "openai_context",
    "ConvertFrom-Token": "tokens",
    "ConvertTo-Token": "tokens",
    "Get-Assistant": "get_assistant",
    "Get-Batch": "batches",
    "Get-BatchOutput": "batches",
    "Get-ChatCompletion": "chat_completions",
    "Get-Conversation": "conversations",
    "Get-ConversationItem": "conversations",
    "Get-CosineSimilarity": "get_cosine_similarity",
    "Get-OpenAIContext": "openai_context",
    "Get-OpenAIFile": "get_openai_file",
    "Get-OpenAIFileContent": "get_openai_file_content",
    "Get-OpenAIModels": "get_openai_models",
    "Get-Response": "responses",
    "Get-ResponseInputItem": "responses",
    "Get-Thread": "get_thread",
    "Get-ThreadMessage": "get_thread_message",
    "Get-ThreadRun": "get_thread_run",
    "Get-ThreadRunStep": "get_thread_run_step",
    "Get-VectorStore": "get_vector_store",
    "Get-VectorStoreFile": "get_vector_store_file",
    "Get-VectorStoreFileBatch": "get_vector_store_file_batch",
    "Get-VectorStoreFileInBatch": "get_vector_store_file_in_batch",
    "New-Assistant": "new_assistant",
    "New-ChatCompletionFunction": "new_chat_completion_function",
    "New-Conversation": "conversations",
    "New-Thread": "new_thread",
    "New-VectorStore": "new_vector_store",
    "Receive-ThreadRun": "receive_thread_run",
    "Remove-Assistant": "remove_assistant",
    "Remove-ChatCompletion": "chat_completions",
    "Remove-Conversation": "conversations",
    "Remove-ConversationItem": "conversations",
    "Remove-OpenAIFile": "remove_openai_file",
    "Remove-Response": "responses",
    "Remove-Thread": "remove_thread",
    "Remove-ThreadMessage": "remove_thread_message",
    "Remove-VectorStore": "remove_vector_store",
    "Remove-VectorStoreFile": "remove_vector_store_file",
    "Request-ChatCompletion": "request_chat_completion",
    "Request-Embeddings": "request_embeddings",
    "Request-Moderation": "request_moderation",
    "Request-Response": "request_response",
    "Request-ResponseCompaction": "request_response_compaction",
    "Request-TextCompletion": "request_text_completion",
    "Set-Assistant": "set_assistant",
    "Set-ChatCompletion": "chat_completions",
    "Set-Conversation": "conversations",
    "Set-OpenAIContext": "openai_context",
    "Set-Thread": "set_thread",
    "Set-VectorStore": "set_vector_store",
    "Start-Batch": "batches",
    "Start-ThreadRun": "start_thread_run",
    "Start-VectorStoreFileBatch": "start_vector_store_file_batch",
    "Stop-Batch": "batches",
    "Stop-ThreadRun": "stop_thread_run",
    "Stop-VectorStoreFileBatch": "stop_vector_store_file_batch",
    "Submit-ToolOutput": "submit_tool_output",
    "Wait-Batch": "batches",
    "Wait-ThreadRun": "wait_thread_run",
    "Wait-VectorStoreFileBatch": "wait_vector_store_file_batch",
}

#: The commands' own ``[Alias()]`` names.
ALIASES: dict[str, str] = {
    "Register-OpenAIFile": "Add-OpenAIFile",
    "Request-ChatGPT": "Request-ChatCompletion",
}
