"""PipelineError: the error records a pipeline wrote, raised after it ended."""

from __future__ import annotations

from typing import Any

from ..errors import ErrorCategory, ErrorRecord, PSError

__all__ = ["PipelineError"]


class PipelineError(PSError):
    """Raised by ``invoke``/``run`` after the pipeline ends when error records were written.

    ``.errors`` holds every record (in order) and ``.output`` what the pipeline
    produced anyway; ``.error_record`` is the first record.
    """

    default_error_id = "PipelineError"
    default_category = ErrorCategory.NotSpecified

    def __init__(self, errors: list[ErrorRecord], output: list[Any]) -> None:
        first = errors[0]
        more = f" (and {len(errors) - 1} more error{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
        super().__init__(f"{first.message}{more}")
        self.errors = list(errors)
        self.output = list(output)
        self._record = first
