"""Delay-bind script blocks (ParameterBinderController.BindParameter, CmdletParameterBinderController.
InvokeAndBindDelayBindScriptBlock): a script block given to a parameter that takes pipeline input,
and is not typed to hold one, runs for each input object and its output is bound in its place."""

from __future__ import annotations

import pytest

import psbridge
from tests.language.evaluator_helpers import Session


@pytest.fixture
def folder(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(name)
    return tmp_path


def in_folder(folder) -> Session:
    session = Session()
    session.run(f"Set-Location -LiteralPath '{folder}'")
    return session


def test_each_object_gets_its_own_value(folder) -> None:
    session = in_folder(folder)
    out = session.run("Get-ChildItem *.txt | Rename-Item -NewName { $_.BaseName + '.log' } -PassThru | % Name")
    assert out == ["a.log", "b.log"]
    assert sorted(p.name for p in folder.iterdir()) == ["a.log", "b.log"]
    assert session.run("Get-Item a.log | Copy-Item -Destination { $_.Name + '.bak' } -PassThru | % Name") == [
        "a.log.bak"
    ]


def test_script_functions_delay_bind_too_and_the_block_runs_in_a_child_scope() -> None:
    session = Session()
    out = session.run(
        "function f { param([Parameter(ValueFromPipelineByPropertyName)][string]$Name) process { \"[$Name]\" } }; "
        "$n = 'outer'; [pscustomobject]@{Name='x'}, [pscustomobject]@{Name='y'} | f -Name { $n = 'inner'; "
        "$_.Name.ToUpper() + $input.Name }; $n"
    )
    assert out == ["[Xx]", "[Yy]", "outer"]


def test_without_pipeline_input_it_is_script_block_argument_no_input(folder) -> None:
    session = in_folder(folder)
    session.run("Rename-Item -Path a.txt -NewName { 'x.txt' }")
    (record,) = session.errors
    assert record.fully_qualified_error_id == (
        "ScriptBlockArgumentNoInput,Microsoft.PowerShell.Commands.RenameItemCommand"
    )
    assert record.category == "MetadataError"
    assert str(record.exception) == (
        "Cannot evaluate parameter 'NewName' because its argument is specified as a script block and there is no "
        "input. A script block cannot be evaluated without input."
    )
    assert (folder / "a.txt").exists()


def test_no_output_and_a_failing_block_are_that_objects_binding_errors(folder) -> None:
    session = in_folder(folder)
    out = session.run(
        "Get-ChildItem *.txt | Rename-Item -NewName { if ($_.Name -eq 'b.txt') { 'c.txt' } } -PassThru | % Name; "
        "Get-Item a.txt | Rename-Item -NewName { throw 'no name' }"
    )
    assert out == ["c.txt"]
    ids = [record.fully_qualified_error_id.split(",")[0] for record in session.errors]
    assert ids == ["ScriptBlockArgumentNoOutput", "ScriptBlockArgumentInvocationFailed"]
    assert str(session.errors[0].exception) == (
        "Cannot evaluate parameter 'NewName' because its argument input did not produce any output."
    )
    assert str(session.errors[1].exception) == "The input to the script block for parameter 'NewName' failed. no name"
    assert session.errors[0].target_object.Name == "a.txt"


def test_parameters_typed_to_hold_a_block_keep_it() -> None:
    # [scriptblock], [object] and [psobject] parameters take the block itself
    assert psbridge.run("1, 2 | Where-Object -FilterScript { $_ -gt 1 }") == [2]
    out = psbridge.run("Write-Output -InputObject { 'body' } | ForEach-Object { $_.GetType().Name }")
    assert out == ["ScriptBlock"]
    assert psbridge.run("(Measure-Command -InputObject { 1 } -Expression { }).GetType().Name") == ["TimeSpan"]


def test_python_functions_delay_bind_from_the_python_api(folder) -> None:
    items = psbridge.run(f"Get-ChildItem -LiteralPath '{folder}'")
    out = psbridge.invoke("Rename-Item", input=items, NewName=lambda item: item.Name.upper(), PassThru=True)
    assert [item.Name for item in out] == ["A.TXT", "B.TXT"]
