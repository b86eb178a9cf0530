"""``psbridge specs lint``: where a doc contradicts itself.

Every finding names a line, a rule id and what is wrong, so a doc author can
fix the source.  Rules look only at the doc (SYNTAX blocks against the YAML
blocks, examples against each other); what only PSOpenAI's source reveals is
the overlays' business, not lint's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .build import syntax_set_names
from .markdown import DocYamlBlock, ParsedDoc, ParsedParameter, parse_markdown
from .model import ALL_SETS, SyntaxParameter
from .types import is_known_type, normalize_type, type_key

__all__ = ["RULES", "Finding", "lint_doc", "lint_paths"]

ERROR, WARNING = "error", "warning"

#: rule id -> (severity, short name)
RULES: dict[str, tuple[str, str]] = {
    "PSL001": (ERROR, "position-collision"),
    "PSL002": (ERROR, "syntax-parameter-undocumented"),
    "PSL003": (ERROR, "parameter-not-in-syntax"),
    "PSL004": (ERROR, "type-mismatch"),
    "PSL005": (WARNING, "type-spelling"),
    "PSL006": (ERROR, "positional-mismatch"),
    "PSL007": (ERROR, "mandatory-mismatch"),
    "PSL008": (ERROR, "default-not-accepted"),
    "PSL009": (WARNING, "mandatory-switch"),
    "PSL010": (ERROR, "duplicate-example-title"),
    "PSL011": (ERROR, "unknown-parameter-set"),
    "PSL012": (ERROR, "implicit-all-sets"),
    "PSL013": (ERROR, "alias-collision"),
    "PSL014": (WARNING, "unknown-type"),
    "PSL015": (ERROR, "parameter-set-membership"),
    "PSL016": (ERROR, "missing-yaml"),
    "PSL017": (ERROR, "title-mismatch"),
    "PSL018": (WARNING, "set-name-case"),
    "PSL019": (WARNING, "dynamic-parameter-not-in-syntax"),
}

#: What a parameter's prose says when a provider adds it (a dynamic parameter, which PowerShell's
#: SYNTAX blocks leave out): "This is a dynamic parameter made available by the FileSystem provider",
#: "This parameter is only available in the FileSystem provider".
_DYNAMIC_NOTE = re.compile(r"dynamic parameter|only available (?:in|on) the \S+ provider", re.I)


def _plain(markdown: str) -> str:
    """Prose without quote markers, links' targets or line breaks, for matching phrases."""
    text = re.sub(r"^\s*>\s?", "", markdown, flags=re.M)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.replace("*", "").split())


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str

    @property
    def severity(self) -> str:
        return RULES[self.rule][0]

    def format(self) -> str:
        return f"{self.path}:{self.line}: {self.severity} {self.rule} {RULES[self.rule][1]}: {self.message}"


def lint_paths(paths: Iterable[str | Path]) -> list[Finding]:
    from .generate import collect_docs

    findings: list[Finding] = []
    for doc_path in collect_docs(paths):
        findings.extend(lint_doc(doc_path.read_text(encoding="utf-8"), str(doc_path)))
    return findings


def lint_doc(text: str, path: str = "<doc>") -> list[Finding]:
    doc = parse_markdown(text, path=path)
    checker = _Checker(doc, path)
    checker.run()
    return sorted(set(checker.findings))


class _Checker:
    def __init__(self, doc: ParsedDoc, path: str) -> None:
        self.doc = doc
        self.path = path
        self.findings: list[Finding] = []
        self.per_set: dict[tuple[int, str, str], list[str]] = {}
        self.set_names = syntax_set_names(doc)
        self.named_sets = [s for s in self.set_names if s != ALL_SETS]
        self.sections = {p.name.casefold(): p for p in doc.parameters if p.name.casefold() != "commonparameters"}
        # parameter (folded) -> [(set name, syntax parameter, block line)]
        self.shown: dict[str, list[tuple[str, SyntaxParameter, int]]] = {}
        for set_name, block in zip(self.set_names, doc.syntax, strict=True):
            for param in block.parameters:
                if param.name.casefold() != "commonparameters":
                    self.shown.setdefault(param.name.casefold(), []).append((set_name, param, block.line))

    def add(self, line: int, rule: str, message: str) -> None:
        self.findings.append(Finding(self.path, line, rule, message))

    def add_per_set(self, line: int, rule: str, message: str, set_name: str) -> None:
        """A finding that may repeat for several sets: one line, the sets listed once."""
        key = (line, rule, message)
        self.per_set.setdefault(key, [])
        if set_name != ALL_SETS:
            self.per_set[key].append(set_name)

    def flush_per_set(self) -> None:
        for (line, rule, message), sets in self.per_set.items():
            where = f" (SYNTAX of {', '.join(sets)})" if sets else ""
            self.add(line, rule, message + where)
        self.per_set.clear()

    def run(self) -> None:
        self.check_title()
        self.check_sections()
        for section in self.sections.values():
            self.check_parameter(section)
        self.check_positions()
        self.check_aliases()
        self.check_examples()
        self.flush_per_set()

    def check_title(self) -> None:
        for block in self.doc.syntax:
            if block.command and self.doc.name and block.command.casefold() != self.doc.name.casefold():
                self.add(block.line, "PSL017", f"the title says '{self.doc.name}' but SYNTAX shows '{block.command}'")
                return
        stem = Path(self.path).stem
        if self.path.endswith(".md") and self.doc.name and stem.casefold() != self.doc.name.casefold():
            self.add(1, "PSL017", f"the file is named '{stem}.md' but documents '{self.doc.name}'")

    # -- SYNTAX vs PARAMETERS ------------------------------------------------
    def check_sections(self) -> None:
        for folded, appearances in self.shown.items():
            if folded not in self.sections:
                _set_name, param, line = appearances[0]
                self.add(line, "PSL002", f"-{param.name} is in SYNTAX but has no '### -{param.name}' section")
        for folded, section in self.sections.items():
            if folded not in self.shown and self.doc.syntax:
                if _DYNAMIC_NOTE.search(_plain(section.description)):
                    self.add(
                        section.line,
                        "PSL019",
                        f"-{section.name} is a provider's dynamic parameter: no SYNTAX block shows it",
                    )
                else:
                    self.add(section.line, "PSL003", f"-{section.name} is documented but appears in no SYNTAX block")
            if not section.blocks:
                self.add(section.line, "PSL016", f"-{section.name} has no yaml block")

    def check_parameter(self, section: ParsedParameter) -> None:
        appearances = self.shown.get(section.name.casefold(), [])
        for block in section.blocks:
            self.check_block(section, block, appearances)
        self.check_membership(section, appearances)

    def check_block(
        self, section: ParsedParameter, block: DocYamlBlock, appearances: list[tuple[str, SyntaxParameter, int]]
    ) -> None:
        yaml_type = normalize_type(block.type)
        type_line = block.type_line or block.line
        if yaml_type and not is_known_type(yaml_type):
            self.add(type_line, "PSL014", f"-{section.name}: type '{block.type}' is not a type psbridge knows")
        if yaml_type == "SwitchParameter" and block.required:
            # Legal (Where-Object -EQ is mandatory in its set: it names the set), but worth a look.
            self.add(block.keys.get("required", block.line), "PSL009", f"-{section.name} is a mandatory switch")
        if block.default is not None and block.accepted_values and yaml_type != "SwitchParameter":
            values = {v.casefold() for v in block.accepted_values}
            for part in _default_values(block.default):
                if part.casefold() not in values:
                    self.add(
                        block.default_line or block.line,
                        "PSL008",
                        f"-{section.name}: default '{part}' is not one of the accepted values",
                    )
        if block.parameter_sets:
            for set_name in block.parameter_sets:
                if set_name.casefold() == "(all)" or set_name in self.named_sets:
                    continue
                spelled = next((s for s in self.named_sets if s.casefold() == set_name.casefold()), None)
                line = block.keys.get("parameter sets", block.line)
                if spelled is not None:  # set names are case-insensitive: the same set
                    self.add(
                        line, "PSL018", f"-{section.name}: parameter set '{set_name}' is spelled '{spelled}' in SYNTAX"
                    )
                else:
                    self.add(line, "PSL011", f"-{section.name}: parameter set '{set_name}' has no SYNTAX block")
        for set_name, shown, line in appearances:
            if not self.block_covers(block, set_name):
                continue
            self.compare_with_syntax(section, block, set_name, shown, line, yaml_type, type_line)

    def block_covers(self, block: DocYamlBlock, set_name: str) -> bool:
        if block.parameter_sets is None:
            return True
        return any(s.casefold() in ("(all)", set_name.casefold()) for s in block.parameter_sets)

    def compare_with_syntax(
        self,
        section: ParsedParameter,
        block: DocYamlBlock,
        set_name: str,
        shown: SyntaxParameter,
        line: int,
        yaml_type: str | None,
        type_line: int,
    ) -> None:
        syntax_type = normalize_type(shown.type) if shown.type else "SwitchParameter"
        if yaml_type and syntax_type and not _same_type(syntax_type, yaml_type):
            shown_as = f"<{shown.type}>" if shown.type else "a switch"
            self.add_per_set(
                type_line,
                "PSL004",
                f"-{section.name}: SYNTAX shows {shown_as} but the YAML type is {block.type}",
                set_name,
            )
        elif yaml_type and shown.type and shown.type != block.type:
            self.add_per_set(
                type_line,
                "PSL005",
                f"-{section.name}: type spelled '{shown.type}' in SYNTAX and '{block.type}' in YAML",
                set_name,
            )
        strict_subset = len({s for s, _, _ in self.shown[section.name.casefold()]}) < len(self.set_names)
        if block.parameter_sets is None and strict_subset:
            return  # reported once as PSL012; SYNTAX decides for such parameters
        yaml_positional = block.position is not None
        if shown.positional != yaml_positional:
            self.add_per_set(
                block.keys.get("position", block.line),
                "PSL006",
                f"-{section.name}: SYNTAX shows it {'positional' if shown.positional else 'named'}"
                f" but the YAML says Position: {block.position_text}",
                set_name,
            )
        yaml_mandatory = block.required and (
            block.required_sets is None or any(s.casefold() == set_name.casefold() for s in block.required_sets)
        )
        if shown.mandatory != yaml_mandatory:
            self.add_per_set(
                block.keys.get("required", block.line),
                "PSL007",
                f"-{section.name}: SYNTAX shows it {'mandatory' if shown.mandatory else 'optional'}"
                f" but the YAML says Required: {'True' if yaml_mandatory else 'False'}",
                set_name,
            )

    def set_label(self, set_name: str) -> str:
        return "" if set_name == ALL_SETS else f" ({set_name})"

    def check_membership(self, section: ParsedParameter, appearances: list[tuple[str, SyntaxParameter, int]]) -> None:
        if not appearances or not self.named_sets:
            return
        shown_sets = [s for s, _, _ in appearances]
        for block in section.blocks:
            if block.parameter_sets is None:
                if len(shown_sets) < len(self.named_sets):
                    self.add(
                        block.line,
                        "PSL012",
                        f"-{section.name}: the YAML has no 'Parameter Sets' line (all sets) but SYNTAX shows it"
                        f" only in {', '.join(shown_sets)}",
                    )
                return
        folded_sets = {s.casefold(): s for s in self.named_sets}
        declared = {
            folded_sets[s.casefold()]
            for block in section.blocks
            for s in (block.parameter_sets or [])
            if s.casefold() in folded_sets
        }
        if any(s.casefold() == "(all)" for block in section.blocks for s in block.parameter_sets or []):
            declared = set(self.named_sets)
        if declared != set(shown_sets):
            line = section.blocks[0].keys.get("parameter sets", section.blocks[0].line) if section.blocks else 0
            self.add(
                line,
                "PSL015",
                f"-{section.name}: the YAML puts it in {', '.join(sorted(declared)) or 'no known set'}"
                f" but SYNTAX shows it in {', '.join(shown_sets)}",
            )

    # -- whole-doc rules ---------------------------------------------------------
    def check_positions(self) -> None:
        for set_name, block in zip(self.set_names, self.doc.syntax, strict=True):
            taken: dict[int, str] = {}
            for shown in block.parameters:
                section = self.sections.get(shown.name.casefold())
                if section is None or not shown.positional:
                    continue
                covering = next((b for b in section.blocks if self.block_covers(b, set_name)), None)
                if covering is None or covering.position is None:
                    continue
                other = taken.get(covering.position)
                if other is not None:
                    self.add(
                        covering.keys.get("position", covering.line),
                        "PSL001",
                        f"-{other} and -{shown.name} both have Position {covering.position}"
                        f"{self.set_label(set_name) or ' in the parameter set'}",
                    )
                else:
                    taken[covering.position] = shown.name

    def check_aliases(self) -> None:
        owner: dict[str, str] = {p.name.casefold(): p.name for p in self.sections.values()}
        for section in self.sections.values():
            for block in section.blocks:
                for alias in block.aliases:
                    folded = alias.casefold()
                    if folded in owner and owner[folded] != section.name:
                        self.add(
                            block.keys.get("aliases", block.line),
                            "PSL013",
                            f"-{section.name}: alias '{alias}' is also a name or alias of -{owner[folded]}",
                        )
                    else:
                        owner[folded] = section.name

    def check_examples(self) -> None:
        seen: dict[str, int] = {}
        for example in self.doc.examples:
            folded = example.title.casefold()
            if folded in seen:
                self.add(example.line, "PSL010", f"example title '{example.title}' is also used at line {seen[folded]}")
            else:
                seen[folded] = example.line


def _default_values(default: str) -> list[str]:
    """The values a ``Default value:`` names, or none when it is prose (``All jobs``,
    ``Current directory``) rather than values; ``[ScopedItemOptions]::None`` names ``None``."""
    values = []
    for part in (p.strip() for p in default.split(",")):
        if "]::" in part:
            part = part.rsplit("::", 1)[1]
        part = part.strip("'\"")
        if not part:
            continue
        if " " in part or part.endswith("."):
            return []
        values.append(part)
    return values


def _same_type(syntax_type: str, yaml_type: str) -> bool:
    """Two spellings of one type (``Guid``/``System.Guid``, ``Int32``/``Nullable`1[Int32]``);
    SYNTAX prints a generic without its arguments (``<Nullable`1>``), which matches any."""
    shown, documented = type_key(syntax_type), type_key(yaml_type)
    if shown == documented:
        return True
    if "`" in shown and "[" not in shown:
        generic = shown.split("`", 1)[0]
        return generic == "nullable" or documented.startswith(generic + "[")
    return False
