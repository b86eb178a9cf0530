"""Comparing two CmdletSpecs of one command: what its doc says against what its source declares.

:func:`diff_specs` works on specs, not files, so the same comparison serves
docs against PowerShell source (``psbridge specs diff``), docs against the
committed specs with their overlays, or any two versions of a spec.  Per-set
facts (position, mandatory, pipeline) are compared set by set through the
pairing of :mod:`.sets`; a difference that holds in every set the parameter is
in is reported once, without naming sets.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import ALL_SETS, CmdletSpec, ParameterSetInfo, ParameterSpec
from ..types import normalize_type
from .rules import Difference
from .sets import ParameterPair, SetPair, effective_sets, pair_parameters, pair_sets, set_label
from .values import default_key, default_text, prose_values, switch_values_in_examples, type_text, validations

__all__ = ["diff_specs"]

_NO_OUTPUT = {"void", "system.void"}


def diff_specs(docs: CmdletSpec, source: CmdletSpec) -> list[Difference]:
    """Every difference between ``docs`` and ``source``, doc order first."""
    return _Comparison(docs, source).run()


class _Comparison:
    def __init__(self, docs: CmdletSpec, source: CmdletSpec) -> None:
        self.docs = docs
        self.source = source
        self.name = docs.name
        self.found: list[Difference] = []
        self.pairs = pair_parameters(docs, source)
        translate = {p.docs.name: p.source.name for p in self.pairs if p.docs is not None and p.source is not None}
        self.docs_sets = effective_sets(docs)
        self.source_sets = effective_sets(source)
        self.set_pairs = pair_sets(self.docs_sets, self.source_sets, translate)
        self.docs_ranks = {name: _ranks(members) for name, members in self.docs_sets.items()}
        self.source_ranks = {name: _ranks(members) for name, members in self.source_sets.items()}

    def add(self, rule: str, message: str, docs: str = "", source: str = "", **where: str | None) -> None:
        self.found.append(Difference(rule, self.name, message, docs, source, **where))

    def run(self) -> list[Difference]:
        self.compare_outputs()
        self.compare_sets()
        for pair in self.pairs:
            self.compare_parameter(pair)
        self.compare_examples()
        return self.found

    # -- the command ---------------------------------------------------------------------
    def compare_outputs(self) -> None:
        docs = _output_names(self.docs.outputs)
        source = _output_names(self.source.outputs)
        if self.source.outputs and docs != source:
            shown_docs = ", ".join(self.docs.outputs) or "nothing"
            shown_source = ", ".join(self.source.outputs)
            what = "writes nothing" if not source else f"writes {', '.join(self.source.outputs)}"
            self.add("PSD003", f"the source {what}", f"OUTPUTS: {shown_docs}", f"[OutputType({shown_source})]")

    def compare_sets(self) -> None:
        # A doc with one set cannot mark a default: the missing sets are reported instead.
        several = len(self.source_sets) > 1 and len(self.docs_sets) > 1
        for pair in self.set_pairs:
            if pair.docs is None:
                assert pair.source is not None
                members = ", ".join(f"-{name}" for name in self.source_sets[pair.source])
                self.add(
                    "PSD010",
                    f"the doc shows no set that binds like the source's {pair.source!r} ({members})",
                    "no such set",
                    f"parameter set {pair.source}",
                    parameter_set=pair.source,
                )
            elif pair.source is None:
                self.add(
                    "PSD011",
                    f"no source set binds like the doc's {pair.docs!r}",
                    f"parameter set {pair.docs}",
                    "no such set",
                    parameter_set=pair.docs,
                )
            elif pair.docs != ALL_SETS and pair.source != ALL_SETS and pair.docs.casefold() != pair.source.casefold():
                self.add(
                    "PSD012",
                    "$PSCmdlet.ParameterSetName is the source's name",
                    f"parameter set {pair.docs}",
                    f"parameter set {pair.source}",
                    parameter_set=set_label(pair),
                )
        if several:
            self.compare_default_set()

    def compare_default_set(self) -> None:
        mapped = {p.docs.casefold(): p.source for p in self.set_pairs if p.docs is not None}
        docs_default = self.docs.default_parameter_set
        wanted = mapped.get(docs_default.casefold()) if docs_default else None
        actual = self.source.default_parameter_set
        if (wanted or "").casefold() != (actual or "").casefold():
            self.add(
                "PSD013",
                "when the arguments fit several sets PowerShell picks the source's default",
                f"default set {docs_default or 'not marked'}",
                f"DefaultParameterSetName {actual or 'not set'}",
            )

    # -- one parameter ---------------------------------------------------------------------
    def compare_parameter(self, pair: ParameterPair) -> None:
        docs, source = pair.docs, pair.source
        if source is None:
            assert docs is not None
            self.add(
                "PSD020",
                "binding it is an error (no parameter matches)",
                f"-{docs.name} {type_text(docs)}",
                "not declared",
                parameter=docs.name,
            )
            return
        if docs is None:
            rule = "PSD022" if source.hidden else "PSD021"
            hidden = " (DontShow)" if source.hidden else ""
            self.add(
                rule,
                "callers cannot learn it from the doc",
                "not documented",
                f"-{source.name} {type_text(source)}{hidden}",
                parameter=source.name,
            )
            return
        where = docs.name
        if pair.by_alias:
            self.add(
                "PSD023",
                f"$PSBoundParameters holds it as {source.name!r}",
                f"-{docs.name}",
                f"-{source.name} (alias {docs.name})" if docs.name in source.aliases else f"-{source.name}",
                parameter=where,
            )
        if source.hidden:
            self.add("PSD025", "the source hides it from help", "documented", "[Parameter(DontShow)]", parameter=where)
        self.compare_type(docs, source)
        self.compare_aliases(docs, source)
        self.compare_values(docs, source)
        self.compare_default(docs, source)
        self.compare_validation(docs, source)
        if docs.wildcards != source.wildcards:
            self.add(
                "PSD046",
                "wildcard characters are taken literally on one side",
                f"Accept wildcard characters: {docs.wildcards}",
                "[SupportsWildcards()]" if source.wildcards else "no [SupportsWildcards()]",
                parameter=where,
            )
        if docs.ps_type_name and docs.ps_type_name != source.ps_type_name:
            self.add(
                "PSD047",
                "objects of another type name are refused",
                f"[PSTypeName('{docs.ps_type_name}')]",
                f"[PSTypeName('{source.ps_type_name}')]" if source.ps_type_name else "none",
                parameter=where,
            )
        self.compare_per_set(docs, source)

    def compare_type(self, docs: ParameterSpec, source: ParameterSpec) -> None:
        if (normalize_type(docs.type) or "").casefold() == (normalize_type(source.type) or "").casefold():
            return
        if docs.is_switch != source.is_switch:
            message = (
                "the source takes a value: the switch alone fails to bind"
                if docs.is_switch
                else "the source is a switch: a value after it becomes a positional argument"
            )
            self.add("PSD031", message, type_text(docs), type_text(source), parameter=docs.name)
            return
        self.add("PSD030", "arguments convert to another type", type_text(docs), type_text(source), parameter=docs.name)

    def compare_aliases(self, docs: ParameterSpec, source: ParameterSpec) -> None:
        foreign = _absent(docs.aliases, (source.name, *source.aliases))
        if foreign:
            self.add(
                "PSD050",
                f"-{foreign[0]} is no name of this parameter in the source",
                f"Aliases: {', '.join(docs.aliases)}",
                f"[Alias({_quoted(source.aliases)})]" if source.aliases else "no aliases",
                parameter=docs.name,
            )
        missing = _absent(source.aliases, (docs.name, *docs.aliases))
        if missing:
            self.add(
                "PSD051",
                f"undocumented alias{'es' if len(missing) > 1 else ''} {', '.join(missing)}",
                f"Aliases: {', '.join(docs.aliases)}" if docs.aliases else "no aliases",
                f"[Alias({_quoted(source.aliases)})]",
                parameter=docs.name,
            )

    def compare_values(self, docs: ParameterSpec, source: ParameterSpec) -> None:
        if not docs.accepted_values and not docs.enum_values:
            self.compare_prose_values(docs, source)
        # An enum type's documented members: the type, not a ValidateSet, enforces them.
        listed = docs.accepted_values or docs.enum_values
        docs_text = f"Accepted values: {', '.join(listed)}" if listed else "none listed"
        if source.accepted_values:
            source_text = f"[ValidateSet({_quoted(source.accepted_values)})]"
            rejected = _absent(listed, source.accepted_values)
            if rejected:
                self.add(
                    "PSD060",
                    f"{', '.join(rejected)} fail{'s' if len(rejected) == 1 else ''} validation",
                    docs_text,
                    source_text,
                    parameter=docs.name,
                )
            unlisted = _absent(source.accepted_values, listed)
            if unlisted:
                self.add(
                    "PSD061",
                    f"also accepted: {', '.join(unlisted)}",
                    docs_text,
                    source_text,
                    parameter=docs.name,
                )
        elif docs.accepted_values:
            suggested = source.suggested_values
            note = ""
            if suggested:
                extra = _absent(suggested, docs.accepted_values)
                gone = _absent(docs.accepted_values, suggested)
                parts = [f"suggested but not listed: {', '.join(extra)}"] if extra else []
                parts += [f"listed but not suggested: {', '.join(gone)}"] if gone else []
                note = "; " + "; ".join(parts) if parts else ""
            self.add(
                "PSD062",
                "any value binds" + note,
                docs_text,
                f"[ArgumentCompletions({_quoted(suggested)})], no ValidateSet" if suggested else "no ValidateSet",
                parameter=docs.name,
            )

    def compare_prose_values(self, docs: ParameterSpec, source: ParameterSpec) -> None:
        """Values the doc names only in prose ("You can choose from `auto`, `none` ...")."""
        values = prose_values(docs.description)
        if not values:
            return
        docs_text = f"prose: {', '.join(values)}"
        enforced = source.accepted_values
        offered = enforced or source.suggested_values
        extra = _absent(values, offered)
        missing = _absent(offered, values)
        if offered and (extra or missing):
            parts = [f"{'rejected' if enforced else 'not suggested'}: {', '.join(extra)}"] if extra else []
            parts += [f"{'also accepted' if enforced else 'also suggested'}: {', '.join(missing)}"] if missing else []
            attribute = "ValidateSet" if enforced else "ArgumentCompletions"
            note = "" if enforced else "; not enforced"
            self.add(
                "PSD063", "; ".join(parts) + note, docs_text, f"[{attribute}({_quoted(offered)})]", parameter=docs.name
            )
        elif not enforced:
            source_text = f"[ArgumentCompletions({_quoted(offered)})], no ValidateSet" if offered else "no ValidateSet"
            self.add("PSD064", "any value binds", docs_text, source_text, parameter=docs.name)

    def compare_default(self, docs: ParameterSpec, source: ParameterSpec) -> None:
        if default_key(docs) == default_key(source, zero_is_none=docs.default is not None):
            return
        self.add(
            "PSD070",
            "an unbound parameter has the source's default",
            f"Default value: {default_text(docs)}",
            f"= {source.default}" if source.default is not None else "no default",
            parameter=docs.name,
        )

    def compare_validation(self, docs: ParameterSpec, source: ParameterSpec) -> None:
        docs_checks = validations(docs)
        source_checks = validations(source)
        for attribute, text in source_checks.items():
            if attribute not in docs_checks:
                self.add("PSD080", f"{attribute} is not documented", "not stated", text, parameter=docs.name)
        for attribute, text in docs_checks.items():
            if source_checks.get(attribute) != text:
                self.add(
                    "PSD081",
                    f"{attribute} differs",
                    text,
                    source_checks.get(attribute, "none"),
                    parameter=docs.name,
                )

    # -- per parameter set ----------------------------------------------------------------
    def compare_per_set(self, docs: ParameterSpec, source: ParameterSpec) -> None:
        scopes: list[SetPair] = []
        findings: dict[tuple[str, str, str, str], list[SetPair]] = {}
        for set_pair in self.set_pairs:
            docs_info = self.docs_sets[set_pair.docs].get(docs.name) if set_pair.docs else None
            source_info = self.source_sets[set_pair.source].get(source.name) if set_pair.source else None
            if docs_info is None and source_info is None:
                continue
            if set_pair.docs is None or set_pair.source is None:
                continue  # the whole set is reported missing already
            scopes.append(set_pair)
            for finding in self.set_findings(set_pair, docs, source, docs_info, source_info):
                findings.setdefault(finding, []).append(set_pair)
        for (rule, message, docs_text, source_text), where in findings.items():
            label = None if len(where) == len(scopes) else ", ".join(set_label(p) for p in where)
            self.add(rule, message, docs_text, source_text, parameter=docs.name, parameter_set=label)

    def set_findings(
        self,
        set_pair: SetPair,
        docs: ParameterSpec,
        source: ParameterSpec,
        docs_info: ParameterSetInfo | None,
        source_info: ParameterSetInfo | None,
    ) -> Iterable[tuple[str, str, str, str]]:
        assert set_pair.docs is not None and set_pair.source is not None
        if docs_info is None or source_info is None:
            in_docs = docs_info is not None
            yield (
                "PSD024",
                "the source " + ("does not accept it in this set" if in_docs else "also accepts it in this set"),
                _membership(set_pair.docs, in_docs),
                _membership(set_pair.source, not in_docs),
            )
            return
        docs_rank = self.docs_ranks[set_pair.docs].get(docs.name)
        source_rank = self.source_ranks[set_pair.source].get(source.name)
        docs_position = _position_text(docs_info.position, self.docs.automatic_positions)
        source_position = _position_text(source_info.position, self.source.automatic_positions)
        if docs_rank != source_rank:
            yield "PSD040", _order_message(docs_info, source_info), docs_position, source_position
        elif docs_info.position != source_info.position:
            yield "PSD041", "positional arguments still bind in the same order", docs_position, source_position
        if docs_info.mandatory != source_info.mandatory:
            yield (
                "PSD042",
                "the source prompts for it when missing" if source_info.mandatory else "the source lets it be omitted",
                f"Required: {docs_info.mandatory}",
                "Mandatory" if source_info.mandatory else "not Mandatory",
            )
        if docs_info.value_from_pipeline != source_info.value_from_pipeline:
            yield (
                "PSD043",
                "piped objects bind to it" if source_info.value_from_pipeline else "piped objects do not bind to it",
                _flag("ByValue", docs_info.value_from_pipeline),
                _flag("ValueFromPipeline", source_info.value_from_pipeline),
            )
        if docs_info.value_from_pipeline_by_property_name != source_info.value_from_pipeline_by_property_name:
            by_name = source_info.value_from_pipeline_by_property_name
            yield (
                "PSD044",
                "a piped object's property of that name binds" if by_name else "piped properties do not bind",
                _flag("ByPropertyName", docs_info.value_from_pipeline_by_property_name),
                _flag("ValueFromPipelineByPropertyName", by_name),
            )
        if docs_info.value_from_remaining_arguments != source_info.value_from_remaining_arguments:
            remaining = source_info.value_from_remaining_arguments
            yield (
                "PSD045",
                "extra arguments are collected into it" if remaining else "extra arguments are an error",
                _flag("remaining arguments", docs_info.value_from_remaining_arguments),
                _flag("ValueFromRemainingArguments", remaining),
            )

    # -- examples --------------------------------------------------------------------------
    def compare_examples(self) -> None:
        for use in switch_values_in_examples(self.docs, self.source):
            self.add(
                "PSD032",
                f"{use.written.split()[1]} binds as a positional argument; write {use.written.replace(' ', ':')}",
                f"{use.example.title}: {use.line}",
                f"-{use.parameter.name} [switch]",
                parameter=use.parameter.name,
            )


def _ranks(members: dict[str, ParameterSetInfo]) -> dict[str, int]:
    """Where each positional parameter stands among the set's positional ones (ties share)."""
    positions = [info.position for info in members.values() if info.position is not None]
    return {
        name: sum(1 for other in positions if other < info.position)
        for name, info in members.items()
        if info.position is not None
    }


def _position_text(position: int | None, automatic: bool) -> str:
    if position is None:
        return "Named"
    return f"Position {position}" + (" (automatic)" if automatic else "")


def _order_message(docs: ParameterSetInfo, source: ParameterSetInfo) -> str:
    if source.position is None:
        return "the source binds it by name only"
    if docs.position is None:
        return "the source binds a positional argument to it"
    return "positional arguments bind to it in another order"


def _membership(set_name: str, member: bool) -> str:
    scope = "every set" if set_name == ALL_SETS else f"set {set_name}"
    return f"in {scope}" if member else f"not in {scope}"


def _flag(name: str, value: bool) -> str:
    return name if value else f"not {name}"


def _absent(values: Iterable[str], among: Iterable[str]) -> list[str]:
    """``values`` not in ``among``, compared as PowerShell compares names: ignoring case."""
    folded = {value.casefold() for value in among}
    return [value for value in values if value.casefold() not in folded]


def _quoted(values: Iterable[str]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def _output_names(outputs: Iterable[str]) -> set[str]:
    names = set()
    for output in outputs:
        name = (normalize_type(output.strip().strip("`")) or "").casefold()
        if name and name not in _NO_OUTPUT:
            names.add(name)
    return names
