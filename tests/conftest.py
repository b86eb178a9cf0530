"""Fixtures shared by the whole suite.

The PSOpenAI docs and the API references stay in ../shared beside the clone
(as CI has them); tests read them from there and never copy them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("PSBRIDGE_SHARED", REPO.parent / "shared"))
DOCS = SHARED / "cmdlet-docs"
ALL_DOCS = DOCS / "all"
SPECS = REPO / "cmdlet_specs"

if not DOCS.is_dir():  # pragma: no cover - a broken checkout, not a skipped feature
    raise RuntimeError(f"the shared docs are missing: expected {DOCS} (../shared beside the clone)")


@pytest.fixture(autouse=True)
def _no_ambient_openai_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests must never pick up a developer's real key, base or organization."""
    for name in ("OPENAI_API_KEY", "OPENAI_API_BASE", "OPENAI_ORGANIZATION", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
