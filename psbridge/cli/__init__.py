"""The ``psbridge`` command line.

The first word decides: ``specs``, ``emulator`` and ``demo`` are psbridge's
own commands; ``-Command``/``-File``/plain text run PowerShell text, the way
``pwsh`` takes them.  Each part is imported only when it is used, so
``psbridge specs lint`` never loads the HTTP stack.
"""

from __future__ import annotations

import sys

__all__ = ["main"]

USAGE = """usage: psbridge [--json] -Command <text> | -Command - | -File <script.ps1> [args...] | <text>
       psbridge specs generate DOC... --out DIR
       psbridge specs lint PATH...
       psbridge specs bind DOC.md "<command line>"
       psbridge specs check [DOCS_DIR] [--json]
       psbridge specs diff DOCS... SOURCE [--format text|json|markdown] [--fail-on error|warning|info]
       psbridge emulator [--host 127.0.0.1] [--port N]
       psbridge demo
       psbridge --version"""

EXIT_USAGE = 2


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "-?", "/?", "help"):
        print(USAGE, file=sys.stdout if args else sys.stderr)  # no arguments at all is a usage error
        return 0 if args else EXIT_USAGE
    first = args[0]
    if first == "--version":
        from .. import __version__

        print(f"psbridge {__version__}")
        return 0
    if first == "specs":
        from .specs_command import main as specs_main

        return specs_main(args[1:])
    if first == "emulator":
        from ..emulator.__main__ import main as emulator_main

        return emulator_main(args[1:])
    if first == "demo":
        from .demo import main as demo_main

        return demo_main(args[1:])
    from .shell import main as shell_main

    return shell_main(args)
