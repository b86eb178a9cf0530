"""``psbridge specs diff``: where a command's doc and its source disagree.

:func:`diff_specs` compares two :class:`~psbridge.specs.model.CmdletSpec`\\ s
(a doc's and a source's) and returns :class:`Difference`\\ s, each with a
stable rule id from :data:`RULES`; :func:`diff_corpus` does it for a folder of
docs against a set of source commands and adds the commands exported without a
doc.  Reading files is the caller's business (the command line reads docs
with the markdown reader and source with the language parser), so this
package imports neither.
"""

from __future__ import annotations

from .compare import diff_specs
from .corpus import CommandReport, DiffReport, SourceCommand, diff_corpus
from .report import render, summary_line
from .rules import ERROR, INFO, RULES, SEVERITY_ORDER, WARNING, Difference

__all__ = [
    "ERROR",
    "INFO",
    "RULES",
    "SEVERITY_ORDER",
    "WARNING",
    "CommandReport",
    "DiffReport",
    "Difference",
    "SourceCommand",
    "diff_corpus",
    "diff_specs",
    "render",
    "summary_line",
]
