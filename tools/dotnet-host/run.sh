#!/usr/bin/env bash
# Build (when needed) and run the sample .NET host of psbridge under Mono.
#
#   tools/dotnet-host/run.sh -Command "<PowerShell text>" [-Timing] [-Repeat N [-Threads T]]
#   tools/dotnet-host/run.sh --build-only
#   PSBRIDGE_HOST_EXE=other.exe tools/dotnet-host/run.sh ARGS   (another host built against bin/PSBridge.dll,
#                                                               run in the same environment)
#
# Python is the `python3` first on PATH (override with PSBRIDGE_PYTHON): a virtual
# environment's (PYTHONNET_VENV is set, so its site-packages and editable installs
# import) or a plain interpreter's (PYTHONNET_PYDLL and PYTHONNET_PYEXE are set).
# Building needs mcs (Debian's mono-devel); Python.Runtime.dll is copied from that
# Python's pythonnet. Output goes to tools/dotnet-host/bin/ (git-ignored) and is rebuilt
# only when a source or Python.Runtime.dll changed. The host runs under
# `timeout -s KILL ${PSBRIDGE_HOST_TIMEOUT:-300}`.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
bin="$here/bin"
mono_facade=/usr/lib/mono/4.5/Facades/netstandard.dll

die() { echo "run.sh: $*" >&2; exit 3; }

python=${PSBRIDGE_PYTHON:-$(command -v python3 || true)}
[ -n "$python" ] || die "no python3 on PATH (set PSBRIDGE_PYTHON)"
command -v mono >/dev/null && command -v mcs >/dev/null && [ -f "$mono_facade" ] \
    || die "Mono is missing: apt-get install --no-install-recommends mono-devel"

# One call into the chosen Python for everything the host needs to know about it.
mapfile -t info < <("$python" - <<'EOF'
import os, sys, sysconfig
try:
    import pythonnet
    runtime = os.path.join(os.path.dirname(pythonnet.__file__), "runtime", "Python.Runtime.dll")
except ImportError:
    runtime = ""
libdir = sysconfig.get_config_var("LIBDIR") or ""
names = [sysconfig.get_config_var("LDLIBRARY") or "", sysconfig.get_config_var("INSTSONAME") or ""]
libpython = next((os.path.join(libdir, n) for n in names if n.endswith((".so", ".dylib")) or ".so." in n
                  if os.path.exists(os.path.join(libdir, n))), "")
# Embedded Python does not put the current directory on sys.path: neither may this check.
sys.path[:] = [p for p in sys.path if p not in ("", os.getcwd())]
try:
    import psbridge  # noqa: F401
    importable = "yes"
except ImportError:
    importable = "no"
print(sys.prefix, sys.base_prefix, sys.executable, libpython, runtime, importable, sep="\n")
EOF
)
[ "${#info[@]}" -eq 6 ] || die "could not query $python"
prefix=${info[0]} base_prefix=${info[1]} executable=${info[2]} libpython=${info[3]} runtime_dll=${info[4]}
[ -n "$runtime_dll" ] || die "pythonnet is not installed for $python (pip install pythonnet)"
[ -n "$libpython" ] || die "$python has no shared libpython (build it with --enable-shared); pythonnet cannot embed it"

# --- build -------------------------------------------------------------------------
build() {
    mkdir -p "$bin"
    if ! cmp -s "$runtime_dll" "$bin/Python.Runtime.dll"; then
        cp "$runtime_dll" "$bin/Python.Runtime.dll.tmp" && mv -f "$bin/Python.Runtime.dll.tmp" "$bin/Python.Runtime.dll"
    fi
    if [ ! -f "$bin/PSBridge.dll" ] || [ "$here/PSBridge.cs" -nt "$bin/PSBridge.dll" ] \
        || [ "$bin/Python.Runtime.dll" -nt "$bin/PSBridge.dll" ]; then
        mcs -nologo -target:library -optimize+ -out:"$bin/PSBridge.dll.tmp" -r:"$bin/Python.Runtime.dll" \
            -r:"$mono_facade" -r:System.Numerics.dll "$here/PSBridge.cs" >&2
        mv -f "$bin/PSBridge.dll.tmp" "$bin/PSBridge.dll"
    fi
    if [ ! -f "$bin/PSBridgeHost.exe" ] || [ "$here/Program.cs" -nt "$bin/PSBridgeHost.exe" ] \
        || [ "$bin/PSBridge.dll" -nt "$bin/PSBridgeHost.exe" ]; then
        mcs -nologo -target:exe -optimize+ -out:"$bin/PSBridgeHost.exe.tmp" -r:"$bin/PSBridge.dll" \
            -r:"$bin/Python.Runtime.dll" -r:"$mono_facade" "$here/Program.cs" >&2
        mv -f "$bin/PSBridgeHost.exe.tmp" "$bin/PSBridgeHost.exe"
    fi
}
mkdir -p "$bin"
# Concurrent runs (parallel tests) build once; the others wait for the lock.
exec 9>"$bin/.build.lock"
flock 9
build
flock -u 9
exec 9>&-
if [ "${1:-}" = --build-only ]; then
    exit 0
fi

# --- run ---------------------------------------------------------------------------
if [ "$prefix" != "$base_prefix" ]; then
    export PYTHONNET_VENV="$prefix"
    unset VIRTUAL_ENV
else
    unset PYTHONNET_VENV VIRTUAL_ENV
    export PYTHONNET_PYEXE="$executable"
fi
# Also for a venv: pythonnet finds libpython from pyvenv.cfg only for some layouts
# (not for a venv of Debian's /usr/bin/python3).
export PYTHONNET_PYDLL="$libpython"
if [ "${info[5]}" != yes ]; then
    export PYTHONPATH="$repo${PYTHONPATH:+:$PYTHONPATH}"
fi
export MONO_THREADS_SUSPEND=preemptive MONO_CRASH_NOFILE=1
exec timeout -s KILL "${PSBRIDGE_HOST_TIMEOUT:-300}" mono "${PSBRIDGE_HOST_EXE:-$bin/PSBridgeHost.exe}" "$@"
