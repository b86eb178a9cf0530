"""What a run's built-in tools do before it answers: the code interpreter and file search.

Deterministic rules, so that tests and people porting scripts can rely on them:

* code interpreter (the run has the tool): one ``tool_calls`` step.  When the
  last user message asks for a picture -- it mentions an image, a PNG, a
  graph, a plot or a chart -- the call's output is an image: a real PNG chart
  stored as a file (purpose ``assistants_output``, name ``chart.png``), and the
  reply starts with that ``image_file``.  Otherwise the output is a log line.
* file search (the run has the tool and something to search): one
  ``tool_calls`` step with a ``file_search`` call listing its results, and a
  reply that quotes the best matching lines, each followed by a citation
  marker ``【n:i†source】`` annotated as a ``file_citation`` of its file.
  What is searched: the vector stores of the assistant's and the thread's
  ``tool_resources``, and the files attached to the thread's messages for
  file search.  See :mod:`.vector_stores` for the matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .files import store_file
from .png import chart_png
from .store import JSON, Store
from .vector_stores import SearchResult, VectorStores

__all__ = ["Citation", "ToolWork", "code_interpreter_call", "file_search_call", "reply_content"]

_PICTURE = re.compile(r"\b(image|images|png|graph|graphs|plot|plots|chart|charts)\b", re.IGNORECASE)
#: How many results a reply quotes (the step lists up to max_num_results).
QUOTED_RESULTS = 3


@dataclass(frozen=True)
class Citation:
    file_id: str
    quote: str


@dataclass
class ToolWork:
    """What the tools left for the reply: images to show first, lines to quote and cite."""

    image_file_ids: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


def code_interpreter_call(store: Store, call_id: str, prompt: str) -> tuple[JSON, str | None]:
    """The call, and the id of the image it made (None when it only printed)."""
    if _PICTURE.search(prompt):
        image = store_file(store, "chart.png", chart_png(), "assistants_output")
        code = (
            "import matplotlib.pyplot as plt\n"
            "plt.plot([0, 1], [0, 1])\n"
            "plt.savefig('/mnt/data/chart.png', format='png')"
        )
        outputs = [{"type": "image", "image": {"file_id": image["id"]}}]
        call = {"id": call_id, "type": "code_interpreter", "code_interpreter": {"input": code, "outputs": outputs}}
        return call, image["id"]
    call = {
        "id": call_id,
        "type": "code_interpreter",
        "code_interpreter": {"input": "print('Echo')", "outputs": [{"type": "logs", "logs": "Echo\n"}]},
    }
    return call, None


def _tool_of(run: JSON, kind: str) -> JSON | None:
    return next((tool for tool in run["tools"] if tool.get("type") == kind), None)


def search_sources(store: Store, run: JSON) -> tuple[list[str], list[str]]:
    """(vector store ids, directly attached file ids) a run's file search reads."""
    store_ids: list[str] = []
    for owner in (store.get("assistant", run["assistant_id"]), store.get("thread", run["thread_id"])):
        resources = (owner or {}).get("tool_resources") or {}
        store_ids += (resources.get("file_search") or {}).get("vector_store_ids") or []
    attached: list[str] = []
    for message in store.children("thread.message", thread_id=run["thread_id"]):
        for attachment in message.get("attachments") or []:
            if any(t.get("type") == "file_search" for t in attachment.get("tools") or []):
                attached.append(attachment.get("file_id"))
    return list(dict.fromkeys(store_ids)), [f for f in dict.fromkeys(attached) if f]


def file_search_call(
    stores: VectorStores, run: JSON, call_id: str, prompt: str
) -> tuple[JSON, list[SearchResult]] | None:
    """The file_search call and its results; None when the run has nothing to search."""
    tool = _tool_of(run, "file_search")
    if tool is None:
        return None
    store_ids, attached = search_sources(stores.store, run)
    if not store_ids and not attached:
        return None
    options = tool.get("file_search") or {}
    limit = int(options.get("max_num_results") or 20)
    ranking = options.get("ranking_options") or {}
    threshold = float(ranking.get("score_threshold") or 0.0)
    results = [r for r in stores.search(store_ids, prompt, limit, attached) if r.score >= threshold]
    details = {
        "ranking_options": {"ranker": ranking.get("ranker") or "default_2024_08_21", "score_threshold": threshold},
        "results": [
            {
                "file_id": r.file_id,
                "file_name": r.file_name,
                "score": r.score,
                "content": [{"type": "text", "text": r.text}],
            }
            for r in results
        ],
    }
    return {"id": call_id, "type": "file_search", "file_search": details}, results


def reply_content(text: str, work: ToolWork, message_index: int) -> tuple[str, list[JSON]]:
    """The reply's full text and its content parts: images first, then the text with its citations."""
    annotations: list[JSON] = []
    for number, citation in enumerate(work.citations[:QUOTED_RESULTS]):
        marker = f"【{message_index}:{number}†source】"
        text += f"\nFrom the files: {citation.quote} "
        start = len(text)
        text += marker
        annotations.append(
            {
                "type": "file_citation",
                "text": marker,
                "start_index": start,
                "end_index": start + len(marker),
                "file_citation": {"file_id": citation.file_id},
            }
        )
    parts: list[JSON] = [
        {"type": "image_file", "image_file": {"file_id": file_id, "detail": "auto"}} for file_id in work.image_file_ids
    ]
    parts.append({"type": "text", "text": {"value": text, "annotations": annotations}})
    return text, parts
