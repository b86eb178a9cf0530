"""The command table: each cmdlet autoloads its own module, and the table tells the truth."""

from __future__ import annotations

import subprocess
import sys

import pytest

from psbridge.cmdlets import command_modules
from psbridge.errors import CommandNotFoundError
from psbridge.runtime import registered_cmdlets, resolve_cmdlet
from psbridge.specs import known_cmdlets
from tests.conftest import REPO


@pytest.mark.parametrize("name", sorted(command_modules()))
def test_every_table_entry_implements_the_cmdlet_it_names(name):
    cls = resolve_cmdlet(name)
    assert cls.name.casefold() == name
    assert cls.__module__ == command_modules()[name][1]


def test_every_implemented_cmdlet_has_a_committed_spec_or_its_own():
    specs = {name.casefold() for name in known_cmdlets()}
    for name in registered_cmdlets():
        cls = resolve_cmdlet(name)
        assert cls.spec is not None or name.casefold() in specs, name


def test_unknown_names_are_command_not_found():
    with pytest.raises(CommandNotFoundError):
        resolve_cmdlet("Get-NoSuchThing")


def test_calling_one_cmdlet_imports_only_its_module():
    code = (
        "import sys; from psbridge.runtime import resolve_cmdlet; resolve_cmdlet('Get-Thread');"
        "print(sorted(m for m in sys.modules if m.startswith('psbridge.cmdlets.psopenai.') and not "
        "m.rsplit('.', 1)[1].startswith('_')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True).stdout
    assert out.strip() == "['psbridge.cmdlets.psopenai.get_thread']"
