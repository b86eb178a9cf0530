"""The ``psbridge`` command line.

The first word decides: ``specs``, ``parse``, ``emulator`` and ``demo`` are psbridge's
own commands; ``-Command``/``-File``/plain text run PowerShell text, the way
``pwsh`` takes them.  Each part is imported only when it is used, so
``psbridge specs lint`` never loads the HTTP stack.
"""

from __future__ import annotations

import sys

__all__ = ["main"]

USAGE = """usage: psbridge [--json] -Command <text> | -Command - | -File <script.ps1> [args...] | <text>
       psbridge specs generate DOC... --out DIR
       psbridge specs merge [SPECS_DIR]
       psbridge specs lint PATH...
       psbridge specs bind DOC.md "<command line>"
       psbridge specs check [DOCS_DIR] [--json]
       psbridge specs diff DOCS... SOURCE [--format text|json|markdown] [--fail-on error|warning|info]
       psbridge specs implementations [CMDLET...] [--format ...]
       psbridge specs from-source FILE.ps1|DIR... [--out DIR]
       psbridge parse FILE|- [--json]
       psbridge emulator [--host 127.0.0.1] [--port N]
       psbridge demo
       psbridge --version"""

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def main(argv: list[str] | None = None) -> int:
    """The ``psbridge`` command.  Ctrl+C anywhere ends it with one line and exit status 130."""
    _tolerant_streams()
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        _stop_quietly()
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (``| head``): nothing more to say to it
        _silence_stdout()
        return 0


def _tolerant_streams() -> None:
    """A .NET string may hold a lone surrogate (an id, a server's text): print it escaped, never
    fail on it."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass


def _stop_quietly() -> None:
    import os
    import signal

    # A second Ctrl+C while we write the last line ends the process at once.
    signal.signal(signal.SIGINT, lambda *_: os._exit(EXIT_INTERRUPTED))
    from .shell import STOPPED_MESSAGE

    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    try:
        # On a terminal the ^C echo is still on the line: start a fresh one.
        sys.stderr.write(("\n" if sys.stderr.isatty() else "") + f"{STOPPED_MESSAGE}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _dispatch(args: list[str]) -> int:
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
    if first == "parse":
        from .parse_command import main as parse_main

        return parse_main(args[1:])
    if first == "emulator":
        from ..cmdlets.psopenai._tokens import count_for_model
        from ..emulator.__main__ import main as emulator_main

        return emulator_main(args[1:], count_tokens=count_for_model)
    if first == "demo":
        from .demo import main as demo_main

        return demo_main(args[1:])
    from .shell import main as shell_main

    return shell_main(args)
