"""PowerShell source -> one CmdletSpec per function (``specs from-source``, ``specs diff``).

Each ``.ps1`` file is parsed with psbridge's parser; every function defined at
the top of a file becomes a spec, and a script whose own body opens with a param
block becomes the spec of the script (named after the file).  A file that does
not parse is a problem of the report, not a crash.

Which functions a module exports: its manifest's ``FunctionsToExport`` when a
``.psd1`` sits in the source folder or one of its two parents; without one,
the convention PSOpenAI's own loader follows (``PSOpenAI.psm1``): a function
named like its file is exported, other functions in the file are helpers.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from pathlib import Path
from typing import Any

from ..specs.diff import SourceCommand
from ..specs.from_source import spec_from_function, spec_from_param_block

__all__ = ["read_manifest", "read_powershell", "run_from_source", "script_files"]


def script_files(path: Path) -> list[Path]:
    return [path] if path.is_file() else sorted(p for p in path.rglob("*.ps1") if p.is_file())


def read_powershell(path: Path, problems: list[tuple[str, str]]) -> list[SourceCommand]:
    manifest = _find_manifest(path)
    exports = read_manifest(manifest, problems) if manifest is not None else None
    module = manifest.stem if manifest is not None else None
    commands: list[SourceCommand] = []
    for file in script_files(path):
        tree = _parse_file(file, problems)
        if tree is None:
            continue
        for spec in _specs_in(tree, file, module):
            if exports is not None:
                exported = any(fnmatch.fnmatchcase(spec.name.casefold(), p.casefold()) for p in exports)
            else:
                exported = spec.name.casefold() == file.stem.casefold()
            commands.append(SourceCommand(spec, str(file), exported))
    return commands


def _parse_file(file: Path, problems: list[tuple[str, str]]) -> Any:
    from ..language import ParseError, parse

    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        problems.append((str(file), str(error)))
        return None
    try:
        return parse(text)
    except ParseError as error:
        problems.append((str(file), str(error).splitlines()[0] if str(error) else type(error).__name__))
        return None


def _specs_in(tree: Any, file: Path, module: str | None) -> list[Any]:
    """The functions at the top of a script (and the script itself when it has a param block)."""
    from ..language.ast import FunctionDefinitionAst

    found = []
    if tree.param_block is not None:
        found.append(spec_from_param_block(file.stem, tree.param_block, module=module, source=file.name))
    for block in (tree.begin_block, tree.process_block, tree.end_block):
        for statement in getattr(block, "statements", None) or ():
            if isinstance(statement, FunctionDefinitionAst):
                found.append(spec_from_function(statement, module=module, source=file.name))
    return found


def _find_manifest(path: Path) -> Path | None:
    folder = path if path.is_dir() else path.parent
    for candidate in (folder, *list(folder.parents)[:2]):
        manifests = sorted(candidate.glob("*.psd1"))
        if manifests:
            return manifests[0]
    return None


def read_manifest(manifest: Path, problems: list[tuple[str, str]]) -> list[str] | None:
    """The manifest's ``FunctionsToExport`` patterns (None when it has none or cannot be read)."""
    from ..language.ast import HashtableAst

    tree = _parse_file(manifest, problems)
    if tree is None:
        return None
    table = next(iter(tree.find_all(lambda node: isinstance(node, HashtableAst))), None)
    if table is None:
        return None
    for key, value in table.key_value_pairs:
        if str(getattr(key, "value", "")).casefold() == "functionstoexport":
            return [str(getattr(node, "value", "")) for node in value.find_all(_is_string_constant)]
    return None


def _is_string_constant(node: Any) -> bool:
    return type(node).__name__ == "StringConstantExpressionAst"


def run_from_source(options: argparse.Namespace) -> int:
    """``psbridge specs from-source PATH... [--out DIR]``: print (or write) each function's spec.

    Printed specs form one YAML stream (``---`` between them); with ``--out`` each goes to
    ``DIR/<Module>/<Name>.yaml``, the layout of ``cmdlet_specs/``.  Exit 1 when a file
    could not be parsed (the others are still written), 2 for a missing path.
    """
    from ..specs.serialize import dump_spec_yaml

    missing = [p for p in options.paths if not Path(p).exists()]
    if missing:
        print(f"psbridge specs from-source: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    problems: list[tuple[str, str]] = []
    commands = [command for path in options.paths for command in read_powershell(Path(path), problems)]
    texts = [(command.spec, dump_spec_yaml(command.spec, from_source=True)) for command in commands]
    if options.out:
        for spec, text in texts:
            target = Path(options.out) / (spec.module or "") / f"{spec.name}.yaml"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(target)
    else:
        sys.stdout.write("---\n".join(text for _, text in texts))
    for path, message in problems:
        print(f"{path}: {' '.join(message.split())}", file=sys.stderr)
    return 1 if problems else 0
