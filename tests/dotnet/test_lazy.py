"""psbridge without .NET: nothing loads until asked, and a missing runtime is a clear PSError.

These run on every machine, Mono or not: each one starts a fresh interpreter,
because a runtime, once loaded (or failed), stays for the life of a process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from psbridge.dotnet import dotnet_unavailable_reason

pytestmark = pytest.mark.dotnet


def run_python(code: str, **env: str) -> dict[str, object]:
    """Runs ``code`` in a new interpreter; it must print one JSON object as its last line."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONNET_", "OPENAI_"))}
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_import_psbridge_loads_no_dotnet() -> None:
    report = run_python(
        """
        import json, sys
        import psbridge
        bound = psbridge.bind("Get-ThreadRun", "thread_1", "run_1")
        import psbridge.dotnet  # registering the adapter must not load a runtime either
        from psbridge.dotnet import is_dotnet, to_python
        assert to_python(3) == 3 and not is_dotnet(object())
        print(json.dumps({
            "set": bound.parameter_set_name,
            "loaded": sorted(m for m in ("clr", "pythonnet", "clr_loader") if m in sys.modules),
        }))
        """
    )
    assert report == {"set": "Get", "loaded": []}


def _unavailable_report(setup: str, **env: str) -> dict[str, object]:
    return run_python(
        setup
        + """
        import json, sys
        import psbridge
        from psbridge.dotnet import DotNetUnavailableError, dotnet_unavailable_reason, load_dotnet
        from psbridge.errors import PSError

        errors = []
        for _ in range(2):  # a second attempt must fail the same way, not crash
            try:
                load_dotnet()
            except DotNetUnavailableError as error:
                errors.append(error)
        first = errors[0]
        bound = psbridge.bind("Get-ThreadRun", "thread_1", "run_1", ApiKey="sk-x")
        print(json.dumps({
            "errors": len(errors),
            "is_ps_error": isinstance(first, PSError),
            "fqid": first.fully_qualified_error_id,
            "category": first.category,
            "message": str(first),
            "probe": dotnet_unavailable_reason(),
            "clr_loaded": "clr" in sys.modules,
            "still_binds": bound.parameter_set_name,
        }))
        """,
        **env,
    )


def test_missing_mono_devel_is_a_clear_error_and_psbridge_still_works() -> None:
    # The file that only mono-devel ships is "missing": load_dotnet must refuse
    # before pythonnet can abort the process on it.
    report = _unavailable_report(
        """
        import pathlib
        import psbridge.dotnet.runtime as runtime
        runtime.MONO_FACADE_CANDIDATES = (pathlib.Path("/nonexistent/mono/4.5/Facades/netstandard.dll"),)
        """
    )
    assert report["errors"] == 2
    assert report["is_ps_error"] is True
    assert report["fqid"] == "DotNetUnavailable"
    assert report["category"] == "ResourceUnavailable"
    assert "mono-devel" in str(report["message"]) and "netstandard" in str(report["message"])
    assert "mono-devel" in str(report["probe"])
    assert report["clr_loaded"] is False
    assert report["still_binds"] == "Get"


@pytest.mark.parametrize(
    "env",
    [
        {"PYTHONNET_MONO_LIBMONO": "/nonexistent/libmonosgen-2.0.so"},  # no Mono runtime library at all
        {"PYTHONNET_RUNTIME": "coreclr"},  # another runtime asked for, none installed
    ],
    ids=["no-libmono", "coreclr-absent"],
)
def test_runtime_that_cannot_start_is_a_clear_error(env: dict[str, str]) -> None:
    report = _unavailable_report("", **env)
    assert report["errors"] == 2
    assert report["fqid"] == "DotNetUnavailable"
    message = str(report["message"])
    assert message.startswith("No usable .NET runtime: ")
    assert "apt-get install mono-devel" in message
    if dotnet_unavailable_reason() is None:  # with mono-devel here, the failure is pythonnet's, reworded
        assert "pythonnet could not start the runtime" in message
    assert report["still_binds"] == "Get"


def test_exit_does_not_collect_the_whole_heap_through_pythonnet() -> None:
    # pythonnet's unload (an atexit handler) runs up to 20 collection rounds over every living
    # object; psbridge's handler, registered after it and so run before it, freezes the heap first.
    if dotnet_unavailable_reason() is not None:
        pytest.skip("needs Mono (apt-get install mono-devel)")
    report = run_python(
        """
        import atexit, gc, json
        from psbridge.dotnet import load_dotnet
        load_dotnet()
        kept = [[i] for i in range(10_000)]
        before = gc.get_freeze_count()
        atexit._run_exitfuncs()  # what the interpreter runs at exit, in its order
        print(json.dumps({"before": before, "frozen": gc.get_freeze_count(), "kept": len(kept)}))
        """,
        MONO_THREADS_SUSPEND="preemptive",
    )
    assert report["before"] == 0 and report["frozen"] >= report["kept"]
