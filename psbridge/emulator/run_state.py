"""What the engine remembers about a run beyond its wire object.

It is stored as an object of its own (kind ``emulator.run_state``, owned by the
run), so it is persisted, reloaded after a restart and removed with the run like
everything else - and never listed by any endpoint.
"""

from __future__ import annotations

import time
from typing import Any, TypedDict, cast

from .kinds import register
from .store import JSON, Store

KIND = "emulator.run_state"
register(KIND, owners={"run_id": "thread.run"})


class RunState(TypedDict):
    id: str  # the run's id
    object: str
    run_id: str
    outcome: str  # deterministic mode: where the run is headed
    polls: int  # polls mode: retrievals since the last move
    phase_started: float  # time mode: wall-clock seconds when the current status began
    pending_calls: list[JSON]  # the tool calls the run waits for
    tool_step_id: str | None  # the step listing them
    tool_outputs: list[JSON]  # deterministic: what was submitted, echoed in the reply
    submitted: bool
    history: list[JSON]  # backend: chat messages of earlier tool rounds of this run
    usage: JSON | None  # backend: tokens so far, over all rounds


def new_state(run_id: str, outcome: str) -> RunState:
    return {
        "id": run_id,
        "object": KIND,
        "run_id": run_id,
        "outcome": outcome,
        "polls": 0,
        "phase_started": time.time(),
        "pending_calls": [],
        "tool_step_id": None,
        "tool_outputs": [],
        "submitted": False,
        "history": [],
        "usage": None,
    }


def load_state(store: Store, run_id: str) -> RunState:
    """The run's state; runs seeded straight into the store get a default plan on first use."""
    found: Any = store.get(KIND, run_id)
    if found is None:
        found = store.insert(cast(JSON, new_state(run_id, "completed")))
    return cast(RunState, found)
