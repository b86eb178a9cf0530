"""Lining a doc up with its source: which parameter is which, which set is which.

Docs and source rarely use the same set names (PSOpenAI's docs say ``Get``
where the source says ``Get_Id``), and a doc may name a parameter by one of
its aliases (``-Assistant`` for the source's ``-AssistantId``).  Everything
the diff compares per set therefore goes through the pairing made here:

* parameters pair by name, else by a name that is an alias on the other side;
* sets pair by name, else by what they contain, counting only parameters both
  sides declare (a source-only parameter such as the undocumented -Run says
  nothing about which doc set is which); ties go to the sets that share more of
  the parameters telling them apart from their siblings.  A doc with one
  unnamed set pairs with the source set it resembles most, and the source's
  other sets are undocumented.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ALL_SETS, CmdletSpec, ParameterSetInfo, ParameterSpec

__all__ = ["ParameterPair", "SetPair", "effective_sets", "pair_parameters", "pair_sets", "set_label"]


@dataclass(frozen=True)
class ParameterPair:
    """One parameter as each side declares it (None: that side lacks it)."""

    docs: ParameterSpec | None
    source: ParameterSpec | None
    #: The two sides name it differently: one side's name is an alias on the other.
    by_alias: bool = False

    @property
    def name(self) -> str:
        found = self.source or self.docs
        assert found is not None
        return self.docs.name if self.docs is not None else found.name


@dataclass(frozen=True)
class SetPair:
    """A doc set and the source set it corresponds to (None: no counterpart)."""

    docs: str | None
    source: str | None


def set_label(pair: SetPair) -> str:
    """``Get = Get_Id`` when the names differ, else the one name (the unnamed set is not named)."""
    docs = None if pair.docs in (None, ALL_SETS) else pair.docs
    source = None if pair.source in (None, ALL_SETS) else pair.source
    if docs and source and docs.casefold() != source.casefold():
        return f"{docs} = {source}"
    return docs or source or "(all sets)"


def pair_parameters(docs: CmdletSpec, source: CmdletSpec) -> list[ParameterPair]:
    """Doc parameters in doc order (paired or not), then the source's unpaired ones."""
    by_name = {p.name.casefold(): p for p in source.parameters.values()}
    taken: set[str] = set()
    pairs: list[ParameterPair] = []
    deferred: list[ParameterSpec] = []
    for documented in docs.parameters.values():
        found = by_name.get(documented.name.casefold())
        if found is not None and found.name.casefold() not in taken:
            taken.add(found.name.casefold())
            pairs.append(ParameterPair(documented, found))
        else:
            pairs.append(ParameterPair(documented, None))
            deferred.append(documented)
    # Second pass, so an exact name always wins over an alias: -Assistant pairs with
    # -AssistantId (alias Assistant) only when no source parameter is called Assistant.
    for index, pair in enumerate(pairs):
        if pair.source is not None or pair.docs is None:
            continue
        found = _by_alias(pair.docs, source, taken)
        if found is not None:
            taken.add(found.name.casefold())
            pairs[index] = ParameterPair(pair.docs, found, by_alias=True)
    pairs.extend(ParameterPair(None, p) for p in source.parameters.values() if p.name.casefold() not in taken)
    return pairs


def _by_alias(documented: ParameterSpec, source: CmdletSpec, taken: set[str]) -> ParameterSpec | None:
    names = {documented.name.casefold()}
    doc_aliases = {alias.casefold() for alias in documented.aliases}
    for candidate in source.parameters.values():
        if candidate.name.casefold() in taken:
            continue
        if names & {alias.casefold() for alias in candidate.aliases} or candidate.name.casefold() in doc_aliases:
            return candidate
    return None


def effective_sets(spec: CmdletSpec) -> dict[str, dict[str, ParameterSetInfo]]:
    """Set name -> {parameter name -> its data in that set}, as PowerShell expands them:
    an all-sets parameter is in every named set; without named sets there is one set."""
    names: list[str] = list(spec.parameter_sets)
    for parameter in spec.parameters.values():
        names.extend(s for s in parameter.sets if s != ALL_SETS and s.casefold() not in {n.casefold() for n in names})
    if not names:
        names = [ALL_SETS]
    result: dict[str, dict[str, ParameterSetInfo]] = {}
    for set_name in names:
        members: dict[str, ParameterSetInfo] = {}
        for parameter in spec.parameters.values():
            info = _info_in(parameter, set_name)
            if info is not None:
                members[parameter.name] = info
        result[set_name] = members
    return result


def _info_in(parameter: ParameterSpec, set_name: str) -> ParameterSetInfo | None:
    folded = set_name.casefold()
    for name, info in parameter.sets.items():
        if name.casefold() == folded:
            return info
    return parameter.sets.get(ALL_SETS)


def pair_sets(
    docs_sets: dict[str, dict[str, ParameterSetInfo]],
    source_sets: dict[str, dict[str, ParameterSetInfo]],
    translate: dict[str, str],
) -> list[SetPair]:
    """Pair sets by name, then by resemblance; unpaired sets come last, docs before source.

    ``translate`` maps a doc parameter name to its source parameter's name, so
    membership compares the same parameters even where the names differ.
    """
    docs_left = list(docs_sets)
    source_left = list(source_sets)
    pairs: list[SetPair] = []
    for name in list(docs_left):
        match = next((s for s in source_left if s.casefold() == name.casefold()), None)
        if match is not None:
            pairs.append(SetPair(name, match))
            docs_left.remove(name)
            source_left.remove(match)
    shared = {name.casefold() for name in translate.values()}
    docs_members = {name: {translate.get(p, p).casefold() for p in members} for name, members in docs_sets.items()}
    source_members = {name: {p.casefold() for p in members} for name, members in source_sets.items()}
    docs_marks = _distinctive(docs_members)
    source_marks = _distinctive(source_members)
    candidates = []
    for d_index, d in enumerate(docs_left):
        for s_index, s in enumerate(source_left):
            whole = _jaccard(docs_members[d] & shared, source_members[s] & shared)
            if whole == 0:
                continue
            candidates.append((-whole, -_jaccard(docs_marks[d], source_marks[s]), d_index, s_index, d, s))
    candidates.sort()
    for *_, d, s in candidates:
        if d in docs_left and s in source_left:
            pairs.append(SetPair(d, s))
            docs_left.remove(d)
            source_left.remove(s)
    order = {name: index for index, name in enumerate(docs_sets)}
    pairs.sort(key=lambda pair: order.get(pair.docs or "", len(order)))
    pairs.extend(SetPair(name, None) for name in docs_left)
    pairs.extend(SetPair(None, name) for name in source_left)
    return pairs


def _distinctive(members: dict[str, set[str]]) -> dict[str, set[str]]:
    """Each set's parameters that are not in every set (what tells the set apart)."""
    common = set.intersection(*members.values()) if members else set()
    return {name: names - common for name, names in members.items()}


def _jaccard(left: set[str], right: set[str]) -> float:
    union = left | right
    return len(left & right) / len(union) if union else 0.0
