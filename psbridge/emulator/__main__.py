"""``python -m psbridge.emulator`` (and ``psbridge emulator``): serve until interrupted or SIGTERM.

Keys never go on the command line (other users see it in ``ps``): the
emulator's own key and the backend's are read from environment variables named
by ``--api-key-env`` and ``--backend-key-env``.  Listening on anything but a
loopback address needs ``--api-key-env``.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import signal
import sys
from typing import Any

from .backend import BackendConfig
from .chat_tokens import TokenCounter
from .emulator import Emulator
from .lifecycle import Lifecycle
from .server import Limits
from .sqlite_store import StoreLockedError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="psbridge emulator",
        description="Serve an OpenAI-compatible Assistants v2 API: deterministic answers, "
        "or any chat model behind it (--backend); in memory, or nothing lost (--store).",
    )
    add = parser.add_argument
    add("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    add("--port", type=int, default=8080, help="port to listen on, 0 for any (default: 8080)")
    add("--api-key-env", metavar="VAR", help="accept only the Bearer key in this environment variable "
        "(required off loopback; default: any non-empty key)")  # fmt: skip
    add("--store", metavar="PATH", help="keep everything in this SQLite file (file contents in PATH.files/)")
    add("--backend", metavar="URL", help="answer runs with this OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1")
    add("--backend-key-env", metavar="VAR", help="the backend's API key is in this environment variable")
    add("--backend-timeout", type=float, default=120.0, metavar="SEC", help="per backend call (default: 120)")
    add("--model", action="append", default=[], metavar="NAME=BACKEND_NAME",
        help="send model NAME to the backend as BACKEND_NAME; '*=X' for every other name (repeatable)")  # fmt: skip
    add("--run-workers", type=int, default=4, metavar="N", help="runs answered at once (default: 4)")
    add("--workers", type=int, default=Limits.workers, metavar="N", help="requests served at once (default: 32)")
    add("--max-body-mb", type=float, default=Limits.max_body_bytes / 2**20, metavar="MB",
        help="largest request body (default: 64)")  # fmt: skip
    add("--request-timeout", type=float, default=Limits.request_timeout, metavar="SEC",
        help="to receive one request, and to send each part of a reply (default: 60)")  # fmt: skip
    add("--idle-timeout", type=float, default=Limits.idle_timeout, metavar="SEC",
        help="close keep-alive connections idle this long (default: 60)")  # fmt: skip
    add("--grace", type=float, default=10.0, metavar="SEC", help="on SIGTERM, time given to work in flight")
    add("--lifecycle", choices=("polls", "time", "manual"), default="polls",
        help="without --backend: how runs advance (default: polls)")  # fmt: skip
    add("--polls-per-step", type=int, default=1, help="polls mode: retrievals per step")
    add("--step-seconds", type=float, default=0.05, help="time mode: seconds per step")
    add("--poll-after-ms", type=int, default=None, help="send openai-poll-after-ms on every retrieved run")
    add("--log-level", choices=("debug", "info", "warning", "error"), default="info",
        help="info: one line per request and per run state change (default)")  # fmt: skip
    return parser


class UsageError(Exception):
    pass


def _environment(name: str | None, what: str) -> str | None:
    if name is None:
        return None
    value = os.environ.get(name)
    if not value:
        raise UsageError(f"{what}: the environment variable {name} is not set or empty")
    return value


def _models(pairs: list[str]) -> dict[str, str]:
    models: dict[str, str] = {}
    for pair in pairs:
        name, equals, target = pair.partition("=")
        if not equals or not name.strip() or not target.strip():
            raise UsageError(f"--model wants NAME=BACKEND_NAME, got {pair!r}")
        models[name.strip()] = target.strip()
    return models


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _emulator(args: argparse.Namespace, count_tokens: TokenCounter | None = None) -> Emulator:
    api_key = _environment(args.api_key_env, "--api-key-env")
    if api_key is None and not _is_loopback(args.host):
        raise UsageError(
            f"listening on {args.host} lets other machines in: give the key they must send "
            "with --api-key-env VAR"
        )
    if args.backend_key_env and not args.backend:
        raise UsageError("--backend-key-env needs --backend")
    backend = None
    if args.backend:
        backend = BackendConfig(
            args.backend,
            api_key=_environment(args.backend_key_env, "--backend-key-env"),
            timeout=args.backend_timeout,
            models=_models(args.model),
        )
    elif args.model:
        raise UsageError("--model needs --backend")
    limits = Limits(
        max_body_bytes=int(args.max_body_mb * 2**20),
        request_timeout=args.request_timeout,
        idle_timeout=args.idle_timeout,
        workers=args.workers,
    )
    lifecycle = Lifecycle(mode=args.lifecycle, polls_per_step=args.polls_per_step, step_seconds=args.step_seconds)
    return Emulator(
        api_key=api_key,
        lifecycle=lifecycle,
        poll_after_ms=args.poll_after_ms,
        store_path=args.store,
        backend=backend,
        run_workers=args.run_workers,
        limits=limits,
        count_tokens=count_tokens,
    )


def main(argv: list[str] | None = None, count_tokens: TokenCounter | None = None) -> int:
    """Serve; ``count_tokens`` is the tokenizer the caller hands in (``psbridge emulator``
    hands ConvertTo-Token's; ``python -m psbridge.emulator`` has none: standard library only)."""
    args = _parser().parse_args(argv)
    try:
        emulator = _emulator(args, count_tokens)
    except (UsageError, ValueError) as exc:
        print(f"psbridge emulator: error: {exc}", file=sys.stderr)
        return 2
    except (StoreLockedError, OSError, RuntimeError) as exc:
        print(f"psbridge emulator: error: cannot open the store: {exc}", file=sys.stderr)
        return 1
    logging.basicConfig(
        level=args.log_level.upper(), stream=sys.stderr, format="%(asctime)s %(levelname)s %(message)s"
    )

    def stop(signum: int, frame: Any) -> None:
        emulator.request_stop()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        emulator.serve_forever(args.host, args.port, grace=args.grace)
    except KeyboardInterrupt:
        emulator.stop(args.grace)
    except OSError as exc:
        print(f"psbridge emulator: error: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)
    return 0


if __name__ == "__main__":
    sys.exit(main())
