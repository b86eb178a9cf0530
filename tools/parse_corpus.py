"""Parse every .ps1/.psm1 under a folder with psbridge's parser, as a new user would; report what fails.

    .venv/bin/python tools/parse_corpus.py FOLDER [FOLDER...] [--show N]

Files are decoded as PowerShell reads them (a byte-order mark decides, else
UTF-8).  Prints each file with parse errors (first error: id, line, column,
source line), then the totals: files, characters, files with errors, files
that raised anything but a parse result (there should be none), and seconds.
Exit status 1 when any file failed to parse.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from psbridge.language import parse_input
from psbridge.language.script_file import read_script_file


def main(argv: list[str]) -> int:
    show = 20
    if "--show" in argv:
        at = argv.index("--show")
        show = int(argv[at + 1])
        del argv[at : at + 2]
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    files = sorted(
        path for folder in argv for path in Path(folder).rglob("*") if path.suffix.lower() in (".ps1", ".psm1")
    )
    failed = crashed = characters = 0
    started = time.perf_counter()
    for path in files:
        text = read_script_file(path)
        characters += len(text)
        try:
            _, errors = parse_input(text, str(path))
        except Exception as error:  # a crash is what this tool exists to find
            crashed += 1
            print(f"CRASH {path}: {type(error).__name__}: {error}")
            continue
        if errors:
            failed += 1
            if failed <= show:
                first = errors[0]
                extent = first.extent
                print(f"{path}:{extent.start_line_number}:{extent.start_column_number}: {first.error_id} "
                      f"({len(errors)} errors) {extent.start_line_text.strip()[:80]!r}")  # fmt: skip
    elapsed = time.perf_counter() - started
    print(f"{len(files)} files, {characters} characters: {len(files) - failed - crashed} parse, "
          f"{failed} with parse errors, {crashed} crashed; {elapsed:.2f} s")  # fmt: skip
    return 1 if failed or crashed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
