"""Add-ThreadMessage: post a message to a thread, optionally after its active runs finish.

-WaitForRunComplete exists because the API refuses a message while a run is
active on the thread.  It waits on the runs that will move on by themselves
(queued, in_progress, cancelling), not on requires_action ones, which wait
for tool outputs and would never finish (PSOpenAI skips them too).  The whole
wait shares one deadline, the caller's -TimeoutSec.

Two deliberate differences from PSOpenAI (reference 3.5, section 6 item 13):
when the wait times out the message is *not* posted (the doc says the switch
makes sure runs are complete "before attempting to add a new message"; posting
anyway only earns a second error from the API), and a file listed both for
the code interpreter and for file search becomes one attachment with both
tools rather than two attachments of the same file.
"""

from __future__ import annotations

from typing import Any

from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ._base import ApiCmdlet, Deadline
from ._bodies import image_content, plain
from ._paging import list_items
from ._threads import read_thread
from ._waiting import SELF_PROGRESSING, WaitPolicy, wait_with_progress

__all__ = ["AddThreadMessage", "attachments"]


def attachments(code_interpreter_files: Any, file_search_files: Any) -> list[dict[str, Any]]:
    """One attachment per file, listing each tool the file was given to."""
    by_file: dict[str, list[dict[str, str]]] = {}
    for tool, files in (("code_interpreter", code_interpreter_files), ("file_search", file_search_files)):
        for file_id in files or []:
            by_file.setdefault(to_ps_string(file_id), []).append({"type": tool})
    return [{"file_id": file_id, "tools": tools} for file_id, tools in by_file.items()]


@register_cmdlet
class AddThreadMessage(ApiCmdlet):
    name = "Add-ThreadMessage"

    def begin(self) -> None:
        super().begin()
        self.policy = WaitPolicy.build(SELF_PROGRESSING, None, 1.0)

    def process(self) -> None:
        p = self.params
        thread_id = p.ThreadId
        body = self._body()
        if p.WaitForRunComplete:
            self._wait_for_active_runs(thread_id)
        self.request("POST", ["threads", thread_id, "messages"], body=body)
        if p.PassThru:
            self.write_output(read_thread(self, thread_id))

    def _body(self) -> dict[str, Any]:
        p = self.params
        content: Any = p.Message
        if p.is_bound("Images"):
            content = image_content(p.Message, p.Images, p.ImageDetail or "auto", self.report_input_error)
        body: dict[str, Any] = {"role": p.Role or "user", "content": content}
        files = attachments(p.FileIdsForCodeInterpreter, p.FileIdsForFileSearch)
        if files:
            body["attachments"] = files
        if p.is_bound("MetaData"):
            body["metadata"] = plain(p.MetaData)
        return body

    def _wait_for_active_runs(self, thread_id: str) -> None:
        deadline = Deadline(self.params.TimeoutSec)
        runs = list(list_items(self, ["threads", thread_id, "runs"], all_pages=True, deadline=deadline))
        for run in runs:
            run_id = run.get("id")
            if not run_id or run.get("status") not in SELF_PROGRESSING:
                continue
            self.write_verbose(f"Waiting for the run to complete. Run ID: {run_id}")
            wait_with_progress(self, thread_id, run_id, self.policy, deadline=deadline)
