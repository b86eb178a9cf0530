"""The language's script blocks through the one bridge the core cmdlets call
(``psbridge.cmdlets.common.scriptblocks``): ``$_``/``$PSItem``, output, scope and errors."""

from __future__ import annotations

import pytest

from psbridge.cmdlets.common.scriptblocks import invoke_with_input, is_scriptblock
from psbridge.errors import PSError
from tests.language.evaluator_helpers import Session


def test_a_script_block_value_is_a_script_block_for_the_cmdlets() -> None:
    block = Session().run("{ $_ }")[0]
    assert is_scriptblock(block)


def test_underbar_and_psitem_are_the_input_object() -> None:
    session = Session()
    block = session.run("{ $_ * 2; $PSItem + 1 }")[0]
    assert invoke_with_input(block, 20) == [40, 21]
    assert invoke_with_input(session.run("{ $_.Name }")[0], session.run("[pscustomobject]@{ Name = 'n' }")[0]) == "n"


def test_output_is_collapsed_none_one_or_several() -> None:
    session = Session()
    assert invoke_with_input(session.run("{ }")[0], 1) is None
    assert invoke_with_input(session.run("{ 'one' }")[0], 1) == "one"
    assert invoke_with_input(session.run("{ 1; 2 }")[0], 1) == [1, 2]


def test_blocks_run_in_the_callers_scope_and_restore_underbar() -> None:
    # ForEach-Object's -Process is dot-sourced: `$n = 0; 1..3 | % { $n++ }; $n` is 3 in pwsh
    session = Session()
    session.run("$_ = 'outer'; $n = 0")
    block = session.run("{ $n++ }")[0]
    for item in range(3):
        invoke_with_input(block, item)
    assert session.value("n") == 3
    assert session.value("_") == "outer"


def test_argument_list_binds_to_param_then_args() -> None:
    # ForEach-Object -ArgumentList: the values bind to the block's param() by position
    block = Session().run("{ param([int]$add, $label) \"$label$($_ + $add)\"; $args.Count }")[0]
    assert block.invoke_with_underbar(1, "10", "=", "extra") == ["=11", 1]


def test_a_terminating_error_raises_the_records_error() -> None:
    session = Session()
    block = session.run("{ throw \"bad $_\" }")[0]
    with pytest.raises(PSError) as raised:
        invoke_with_input(block, 7)
    assert str(raised.value) == "bad 7"
    assert raised.value.error_record.fully_qualified_error_id == "bad 7"


def test_non_terminating_errors_go_to_the_stream_and_the_block_goes_on() -> None:
    session = Session()
    block = session.run("{ Write-Error \"soft $_\"; 'after' }")[0]
    assert invoke_with_input(block, 1) == "after"
    assert [str(record) for record in session.errors] == ["soft 1"]


def test_error_action_stop_in_the_block_terminates() -> None:
    session = Session()
    block = session.run("{ Write-Error 'hard' -ErrorAction Stop; 'never' }")[0]
    with pytest.raises(PSError):
        invoke_with_input(block, 1)
