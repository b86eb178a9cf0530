"""The rules ``psbridge specs diff`` reports, and one reported difference.

Rule ids are stable: CI configurations and baselines refer to them, so a
rule is never renumbered; a retired rule keeps its id unused.  Severity
follows what the difference costs a caller:

* ``error`` -- a call written from the docs binds differently or fails
  (a missing parameter, another type, position, set, mandatory flag, a value
  the source rejects);
* ``warning`` -- the docs are incomplete or misleading but what they show
  still works (an undocumented alias, a default the docs misstate);
* ``info`` -- what platyPS docs cannot express (validation ranges, hidden
  parameters), reported so that a reader knows the source says more.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ERROR", "INFO", "RULES", "SEVERITY_ORDER", "WARNING", "Difference"]

ERROR, WARNING, INFO = "error", "warning", "info"
#: --fail-on compares by this order: a run fails on findings at or above the threshold.
SEVERITY_ORDER = {INFO: 0, WARNING: 1, ERROR: 2}

#: rule id -> (severity, short name, what it means)
RULES: dict[str, tuple[str, str, str]] = {
    "PSD001": (ERROR, "cmdlet-undocumented", "the source exports a command that has no doc"),
    "PSD002": (ERROR, "cmdlet-not-in-source", "a doc describes a command the source does not define"),
    "PSD003": (WARNING, "outputs-mismatch", "the doc's OUTPUTS differ from the source's [OutputType()]"),
    "PSD004": (WARNING, "doc-names-another-command", "the doc's file names one command, its title and SYNTAX another"),
    "PSD010": (ERROR, "parameter-set-undocumented", "a source parameter set that no doc set corresponds to"),
    "PSD011": (ERROR, "parameter-set-not-in-source", "a doc parameter set that no source set corresponds to"),
    "PSD012": (WARNING, "parameter-set-name", "corresponding parameter sets are named differently"),
    "PSD013": (WARNING, "default-parameter-set", "the default parameter sets differ"),
    "PSD020": (ERROR, "parameter-not-in-source", "a documented parameter the source does not declare"),
    "PSD021": (ERROR, "parameter-undocumented", "a visible source parameter the doc does not list"),
    "PSD022": (INFO, "hidden-parameter-undocumented", "a DontShow source parameter the doc does not list"),
    "PSD023": (WARNING, "parameter-name-is-alias", "the doc names a parameter by one of its source aliases"),
    "PSD024": (ERROR, "parameter-set-membership", "a parameter belongs to a set on one side only"),
    "PSD025": (INFO, "hidden-parameter-documented", "the doc lists a parameter the source hides (DontShow)"),
    "PSD030": (ERROR, "type-mismatch", "the parameter types differ"),
    "PSD031": (ERROR, "switch-drawn-as-value", "a switch on one side takes a value on the other"),
    "PSD032": (ERROR, "example-switch-value", "an example passes a switch a separate $true/$false argument"),
    "PSD040": (ERROR, "position-order", "a parameter binds at another place among the positional arguments"),
    "PSD041": (WARNING, "position-number", "the position numbers differ, the order of positional binding does not"),
    "PSD042": (ERROR, "mandatory-mismatch", "mandatory on one side, optional on the other"),
    "PSD043": (ERROR, "pipeline-by-value", "ValueFromPipeline differs"),
    "PSD044": (ERROR, "pipeline-by-property-name", "ValueFromPipelineByPropertyName differs"),
    "PSD045": (WARNING, "remaining-arguments", "ValueFromRemainingArguments differs"),
    "PSD046": (WARNING, "wildcards", "wildcard support differs"),
    "PSD047": (INFO, "ps-type-name", "the [PSTypeName()] the parameter requires differs"),
    "PSD050": (ERROR, "alias-not-in-source", "the doc lists an alias the source does not declare"),
    "PSD051": (WARNING, "alias-undocumented", "a source alias the doc does not list"),
    "PSD060": (ERROR, "accepted-value-rejected", "the doc accepts a value the source's ValidateSet rejects"),
    "PSD061": (WARNING, "accepted-value-undocumented", "a ValidateSet value the doc does not list"),
    "PSD062": (WARNING, "accepted-values-not-enforced", "the doc lists accepted values the source does not validate"),
    "PSD063": (WARNING, "prose-values", "the doc's prose lists values that differ from the source's set"),
    "PSD064": (INFO, "prose-values-not-enforced", "the doc's prose lists values; the source takes any value"),
    "PSD070": (WARNING, "default-mismatch", "the default values differ"),
    "PSD080": (INFO, "validation-undocumented", "the source validates what the doc does not say"),
    "PSD081": (WARNING, "validation-not-in-source", "the doc's spec validates what the source does not"),
    # A spec against its Python implementation (psbridge specs implementations).
    "PSD101": (ERROR, "parameter-not-read", "the implementation never reads a parameter its spec declares"),
    "PSD102": (ERROR, "parameter-read-not-declared", "the implementation reads a parameter its spec lacks"),
    "PSD103": (ERROR, "parameter-read-unresolved", "which parameter the implementation reads cannot be told"),
}


@dataclass(frozen=True)
class Difference:
    """One difference between a doc and its source, with both sides' text.

    ``docs``/``source`` say what each side declares, in PowerShell's words
    (``Position 0``, ``[string[]]``, ``not in set Get_Id``); ``message`` says
    why it matters.  ``parameter_set`` names the sets concerned (``Get = Get_Id``)
    when the difference does not hold in every set the parameter is in.
    """

    rule: str
    cmdlet: str
    message: str
    docs: str = ""
    source: str = ""
    parameter: str | None = None
    parameter_set: str | None = None

    @property
    def severity(self) -> str:
        return RULES[self.rule][0]

    @property
    def name(self) -> str:
        return RULES[self.rule][1]

    def subject(self) -> str:
        """``Wait-ThreadRun -ThreadId [Id]``: what the difference is about."""
        text = self.cmdlet
        if self.parameter:
            text += f" -{self.parameter}"
        if self.parameter_set:
            text += f" [{self.parameter_set}]"
        return text

    def to_data(self) -> dict[str, str | None]:
        return {
            "rule": self.rule,
            "name": self.name,
            "severity": self.severity,
            "cmdlet": self.cmdlet,
            "parameter": self.parameter,
            "parameter_set": self.parameter_set,
            "docs": self.docs,
            "source": self.source,
            "message": self.message,
        }
