"""``$PSDefaultParameterValues`` (about_Parameters_Default_Values): values the binder gives to the
parameters a command line leaves unbound, after its positional stage
(CmdletParameterBinderController.ApplyDefaultParameterBinding).  Out-File.md example 5 sets
'Out-File:Width' this way."""

from __future__ import annotations

from tests.language.evaluator_helpers import Session, one, run


def test_it_exists_as_an_empty_hashtable() -> None:
    assert run("$PSDefaultParameterValues.Count; $PSDefaultParameterValues.GetType().FullName") == [
        0,
        "System.Collections.Hashtable",
    ]


def test_a_default_fills_an_unbound_parameter_and_the_command_line_wins() -> None:
    script = "$PSDefaultParameterValues['Get-Date:Format'] = 'yyyy'; "
    assert one(script + "Get-Date -Date 2020-05-01") == "2020"
    assert one(script + "Get-Date -Date 2020-05-01 -Format MM") == "05"


def test_wildcards_aliases_and_disabled() -> None:
    assert one("$PSDefaultParameterValues = @{ 'Get-D*:F*' = 'yyyy' }; Get-Date -Date 2020-05-01") == "2020"
    # a parameter is matched by its alias too (Get-Date's -Date is also -LastWriteTime)
    assert one("$PSDefaultParameterValues = @{ 'Get-Date:LastWriteTime' = '2019-01-02' }; (Get-Date).Year") == 2019
    script = "$PSDefaultParameterValues = @{ 'Get-Date:Format' = 'yyyy'; Disabled = $true }; Get-Date -Date 2020-05-01"
    assert not isinstance(one(script), str)


def test_a_script_block_value_is_run_for_the_value() -> None:
    assert one("$PSDefaultParameterValues = @{ 'Get-Date:Format' = { 'yy' + 'yy' } }; Get-Date -Date 2020-05-01") == (
        "2020"
    )


def test_a_default_that_does_not_bind_is_a_warning_not_an_error() -> None:
    session = Session()
    result = session.run(
        "$PSDefaultParameterValues = @{ 'Get-Date:Year' = 'soon' }; Get-Date -Date 2020-05-01 -Format yyyy"
    )
    assert result == ["2020"]
    assert session.errors == []
    warnings = list(session.runspace.streams.warning)
    assert len(warnings) == 1 and "Failed to set the value of parameter 'Year' for command 'Get-Date'" in str(
        warnings[0]
    )


def test_advanced_functions_take_defaults_simple_ones_do_not() -> None:
    script = (
        'function Adv { [CmdletBinding()] param($X) "X=$X" }; function Plain { param($X) "X=$X" }; '
        "$PSDefaultParameterValues = @{ 'Adv:X' = 5; 'Plain:X' = 6 }; "
    )
    assert run(script + "Adv; Plain; Adv -X 1; 1..2 | ForEach-Object { Adv }") == ["X=5", "X=", "X=1", "X=5", "X=5"]


def test_out_file_width_from_the_defaults(tmp_path) -> None:
    # Out-File.md example 5: a session-wide Out-File width, removed again with .Remove()
    path = tmp_path / "log.txt"
    run(
        "$PSDefaultParameterValues['Out-File:Width'] = 2000; "
        f"[pscustomobject]@{{ A = 'x' * 300; B = 'end' }} | Out-File '{path}'; "
        "$PSDefaultParameterValues.Remove('Out-File:Width')"
    )
    assert max(len(line) for line in path.read_text().splitlines()) > 300
