"""``python -m psbridge.emulator`` (and ``psbridge emulator``): serve until interrupted."""

from __future__ import annotations

import argparse
import sys

from .emulator import Emulator
from .lifecycle import Lifecycle


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="psbridge emulator",
        description="Serve a local OpenAI-compatible Assistants v2 API (in memory, offline).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on, 0 for any (default: 8080)")
    parser.add_argument(
        "--api-key", default=None, help="accept only this Bearer key (default: any non-empty key)"
    )
    parser.add_argument(
        "--lifecycle",
        choices=("polls", "time", "manual"),
        default="polls",
        help="how runs advance: per retrieval, by wall time, or never on their own (default: polls)",
    )
    parser.add_argument("--polls-per-step", type=int, default=1, help="polls mode: retrievals per step")
    parser.add_argument("--step-seconds", type=float, default=0.05, help="time mode: seconds per step")
    parser.add_argument(
        "--poll-after-ms", type=int, default=None, help="send openai-poll-after-ms on every retrieved run"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        lifecycle = Lifecycle(
            mode=args.lifecycle, polls_per_step=args.polls_per_step, step_seconds=args.step_seconds
        )
    except ValueError as exc:
        print(f"psbridge emulator: error: {exc}", file=sys.stderr)
        return 2
    emulator = Emulator(api_key=args.api_key, lifecycle=lifecycle, poll_after_ms=args.poll_after_ms)
    try:
        emulator.serve_forever(args.host, args.port)
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        print(f"psbridge emulator: error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
