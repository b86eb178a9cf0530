"""Get-Verb: the approved verbs (VerbInfo: Verb, AliasPrefix, Group, Description), all of them or
those whose name matches -Verb (wildcards) in the -Group groups, in PowerShell's order (group by
group, each verb in the order its Verbs* class declares it)."""

from __future__ import annotations

from ...objects import PSObject, to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.semantics import wildcard_regex
from .verb_table import VERBS

__all__ = ["GetVerb"]


def _texts(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [to_ps_string(item) for item in value]
    return [to_ps_string(value)]


@register_cmdlet
class GetVerb(Cmdlet):
    name = "Get-Verb"

    def process(self) -> None:
        params = self.params
        patterns = [wildcard_regex(text) for text in _texts(params.Verb if params.is_bound("Verb") else None)]
        groups = {text.casefold() for text in _texts(params.Group if params.is_bound("Group") else None)}
        for verb, prefix, group, description in VERBS:
            if groups and group.casefold() not in groups:
                continue
            if patterns and not any(pattern.match(verb) for pattern in patterns):
                continue
            self.write_output(
                PSObject(
                    {"Verb": verb, "AliasPrefix": prefix, "Group": group, "Description": description},
                    type_names=["System.Management.Automation.VerbInfo", "System.Object"],
                )
            )
