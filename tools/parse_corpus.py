"""Parse every .ps1/.psm1 of a module with psbridge's parser, as a new user would; report what fails.

    .venv/bin/python tools/parse_corpus.py SOURCE [SOURCE...] [--show N]

A SOURCE is a folder, or a git repository (a bare mirror is enough) whose
HEAD is read without a work tree: ``DIR.git`` or any directory git knows,
optionally with ``:PATH`` to keep only files under PATH (``repo:tools``).
Files are decoded as PowerShell reads them (a byte-order mark decides, else
UTF-8).  Prints each file with parse errors (first error: id, line, column,
source line), then per SOURCE and in total: files, characters, files that
parse, files with parse errors, files that raised anything but a parse
result (there should be none), and seconds spent parsing.  Exit status 1
when any file failed to parse.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from psbridge.language import parse_input
from psbridge.language.script_file import decode_script

_SUFFIXES = (".ps1", ".psm1")


def _is_git(folder: Path) -> bool:
    probe = subprocess.run(["git", "-C", str(folder), "rev-parse", "--is-bare-repository"],
                           capture_output=True, text=True, check=False)  # fmt: skip
    return probe.returncode == 0 and (probe.stdout.strip() == "true" or not (folder / ".git").exists())


def _from_git(folder: Path, under: str) -> Iterator[tuple[str, bytes]]:
    listing = subprocess.run(["git", "-C", str(folder), "ls-tree", "-r", "-z", "HEAD", "--", under or "."],
                             capture_output=True, check=True).stdout  # fmt: skip
    entries = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, name = record.split(b"\t", 1)
        mode, kind, blob = meta.split()
        path = name.decode("utf-8", errors="replace")
        if kind == b"blob" and mode != b"120000" and path.lower().endswith(_SUFFIXES):
            entries.append((path, blob))
    batch = subprocess.run(["git", "-C", str(folder), "cat-file", "--batch"], input=b"".join(
        blob + b"\n" for _, blob in entries), capture_output=True, check=True).stdout  # fmt: skip
    at = 0
    for path, _ in entries:  # --batch answers in the order asked
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        yield path, batch[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1


def _files(source: str) -> Iterator[tuple[str, bytes]]:
    folder, _, under = source.partition(":") if not Path(source).exists() else (source, "", "")
    root = Path(folder)
    if _is_git(root):
        yield from sorted(_from_git(root, under))
        return
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() in _SUFFIXES and path.is_file():
            yield str(path), path.read_bytes()


def main(argv: list[str]) -> int:
    show = 20
    if "--show" in argv:
        at = argv.index("--show")
        show = int(argv[at + 1])
        del argv[at : at + 2]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    totals = [0, 0, 0, 0, 0, 0.0]  # files, characters, parse, errors, crashed, seconds
    for source in argv:
        files = failed = crashed = characters = 0
        elapsed = 0.0
        for name, data in _files(source):
            text = decode_script(data)
            files += 1
            characters += len(text)
            started = time.perf_counter()
            try:
                _, errors = parse_input(text, name)
            except Exception as error:  # a crash is what this tool exists to find
                crashed += 1
                print(f"CRASH {name}: {type(error).__name__}: {error}")
                continue
            finally:
                elapsed += time.perf_counter() - started
            if errors:
                failed += 1
                if failed <= show:
                    first = errors[0]
                    extent = first.extent
                    print(f"{name}:{extent.start_line_number}:{extent.start_column_number}: {first.error_id} "
                          f"({len(errors)} errors) {extent.start_line_text.strip()[:80]!r}")  # fmt: skip
        print(f"{source}: {files} files, {characters} characters: {files - failed - crashed} parse, "
              f"{failed} with parse errors, {crashed} crashed; {elapsed:.2f} s")  # fmt: skip
        for index, value in enumerate((files, characters, files - failed - crashed, failed, crashed, elapsed)):
            totals[index] += value
    if len(argv) > 1:
        files, characters, parsed, failed, crashed, elapsed = totals
        print(f"total: {files} files, {characters} characters: {parsed} parse, {failed} with parse errors, "
              f"{crashed} crashed; {elapsed:.2f} s")  # fmt: skip
    return 1 if totals[3] or totals[4] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
