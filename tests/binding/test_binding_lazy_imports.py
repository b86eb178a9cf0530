"""Binding loads only the conversions its parameter types need (issue 19: the first bind in a
fresh process), and the types it leaves unloaded still resolve the same when a script asks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from psbridge.conversion import resolve_type, type_of, typenames
from psbridge.specs.registry import spec_paths, specs_dir

# Modules a bind of string, number, switch, uri, securestring and enum parameters must not import.
_HEAVY = (
    "psbridge.conversion.richtypes",
    "psbridge.conversion.regex",
    "psbridge.conversion.datetimes",
    "psbridge.conversion.statics",
    "psbridge.conversion.engine",
    "psbridge.conversion.generic_collections",
    "psbridge.specs.overlays",
    "psbridge.language",
    "yaml",
    "dataclasses",  # defining a dataclass compiles generated code; importing it loads inspect and ast
)


def test_a_fresh_bind_imports_no_date_regex_static_language_or_dataclasses_module() -> None:
    code = (
        "import sys, psbridge\n"
        "result = psbridge.bind('Wait-ThreadRun', 'r', 't', TimeoutSec=5, ErrorAction='Stop')\n"
        "assert result.parameter_set_name == 'Id', result\n"
        f"print(sorted(name for name in {_HEAVY!r} if name in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"


def test_deferred_types_resolve_to_what_their_names_say() -> None:
    for name, full_name in (
        ("datetime", "System.DateTime"),
        ("timespan", "System.TimeSpan"),
        ("guid", "System.Guid"),
        ("version", "System.Version"),
        ("regex", "System.Text.RegularExpressions.Regex"),
        ("scriptblock", "System.Management.Automation.ScriptBlock"),
        ("type", "System.Type"),
        ("System.Text.Encoding", "System.Text.Encoding"),
        ("ConsoleColor", "System.ConsoleColor"),
        ("System.Management.Automation.ActionPreference", "System.Management.Automation.ActionPreference"),
    ):
        assert resolve_type(name).full_name == full_name


def test_the_module_constants_are_the_resolved_types() -> None:
    assert typenames.DATETIME is resolve_type("datetime")
    assert typenames.REGEX is resolve_type("regex")
    assert typenames.TYPE is resolve_type("System.Type")
    assert type_of(typenames.DATETIME) is typenames.TYPE


def test_the_spec_index_lists_what_a_glob_would() -> None:
    folder = specs_dir()
    expected = [path for path in sorted(folder.glob("*/*.yaml")) if path.parent.name != "overlays"]
    names = {path.stem.casefold() for path in expected}
    for overlay in sorted((folder / "overlays").glob("*/*.yaml")):
        if not overlay.name.startswith("_") and overlay.stem.casefold() not in names:
            expected.append(overlay)
            names.add(overlay.stem.casefold())
    assert spec_paths(folder) == expected
    assert spec_paths(Path(folder, "no-such-folder")) == []


def test_a_script_without_static_members_imports_no_static_member_table() -> None:
    """The CLI's path (issue 19): compiling and running a script loads the static member tables
    ([math], [IO.File] ...) only when the script names a static member or an unknown type."""
    code = (
        "import sys, psbridge\n"
        "assert psbridge.run('Write-Output 1; try { throw \"x\" } catch [System.Exception] { 2 }') == [1, 2]\n"
        "print('psbridge.conversion.statics' in sys.modules, 'calendar' in sys.modules)\n"
        "assert psbridge.run('[math]::Abs(-3)') == [3]\n"
        "print('psbridge.conversion.statics' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.split() == ["False", "False", "True"]
