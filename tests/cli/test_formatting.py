"""How the command line shows output: list view, table, scalars, and the --json conversion."""

from __future__ import annotations

import datetime as dt
import json

from psbridge.cli.formatting import format_output, to_json_text
from psbridge.objects import Hashtable, PSObject, SecureString

CREATED = dt.datetime(2026, 8, 1, 9, 30, 5)


def _run(run_id: str, status: str = "queued") -> PSObject:
    """A run as Get-ThreadRun emits it: wire order (object before status), typed, dates converted."""
    return PSObject(
        {
            "id": run_id,
            "object": "thread.run",
            "created_at": CREATED,
            "assistant_id": "asst_1",
            "thread_id": "thread_1",
            "status": status,
            "tools": [],
            "metadata": {},
        },
        type_names=["PSOpenAI.Thread.Run"],
    )


def test_one_object_is_a_list_view_with_key_properties_first() -> None:
    text = format_output([_run("run_1")])
    lines = text.splitlines()
    assert [line.split(" : ")[0].strip() for line in lines] == [
        "id",
        "status",
        "thread_id",
        "assistant_id",
        "created_at",
        "object",
        "tools",
        "metadata",
    ]
    assert lines[0] == "id           : run_1"  # names padded to the longest one
    assert lines[1] == "status       : queued"
    assert lines[4] == "created_at   : 08/01/2026 09:30:05"
    assert lines[6] == "tools        : {}"


def test_an_untyped_object_keeps_its_property_order() -> None:
    text = format_output([PSObject({"b": 1, "a": "x"})])
    assert text == "b : 1\na : x"


def test_several_objects_are_a_table_of_the_key_columns() -> None:
    text = format_output([_run("run_1"), _run("run_2", "completed")], width=200)
    lines = text.splitlines()
    assert lines[0].split() == ["id", "status", "thread_id", "assistant_id", "created_at"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].split()[:4] == ["run_1", "queued", "thread_1", "asst_1"]
    assert lines[3].split()[:2] == ["run_2", "completed"]
    assert "object" not in lines[0]  # tables show only the key columns


def test_a_narrow_table_cuts_cells() -> None:
    objects = [PSObject({"name": "n" * 60, "value": "v" * 60}) for _ in range(2)]
    lines = format_output(objects, width=40).splitlines()
    assert all(len(line) <= 40 for line in lines)
    assert lines[2].endswith("...")


def test_scalars_are_one_per_line_and_objects_are_set_apart() -> None:
    assert format_output([1, "two", True, 2.5]) == "1\ntwo\nTrue\n2.5"
    text = format_output(["before", _run("run_1"), "after", "end"])
    blocks = text.split("\n\n")
    assert blocks[0] == "before"
    assert blocks[1].startswith("id           : run_1")
    assert blocks[2] == "after\nend"


def test_objects_of_another_type_start_a_new_view() -> None:
    thread = PSObject({"id": "thread_1", "created_at": CREATED, "Messages": []}, type_names=["PSOpenAI.Thread"])
    blocks = format_output([_run("run_1"), _run("run_2"), thread], width=200).split("\n\n")
    assert len(blocks) == 2
    assert blocks[0].splitlines()[0].split()[0] == "id" and len(blocks[0].splitlines()) == 4
    assert blocks[1].splitlines()[0] == "id         : thread_1"


def test_a_hashtable_is_a_name_value_table_and_a_dict_a_custom_object() -> None:
    lines = format_output([Hashtable({"purpose": "check", "n": 2})], width=80).splitlines()
    assert lines[0].split() == ["Name", "Value"]
    assert [line.split() for line in lines[2:]] == [["purpose", "check"], ["n", "2"]]
    one = format_output([Hashtable({"only": 1})], width=80).splitlines()
    assert len(one) == 3 and one[2].split() == ["only", "1"]  # a table even for one entry
    assert format_output([{"purpose": "check"}]) == "purpose : check"


def test_json_is_an_array_with_iso_dates_and_hidden_secrets() -> None:
    secret = SecureString("sk-very-secret-key")
    obj = PSObject({"id": "run_1", "created_at": CREATED, "key": secret, "nested": {"when": CREATED}})
    text = to_json_text([obj, "text", 3, None])
    data = json.loads(text)
    assert data == [
        {
            "id": "run_1",
            "created_at": "2026-08-01T09:30:05",
            "key": "System.Security.SecureString",
            "nested": {"when": "2026-08-01T09:30:05"},
        },
        "text",
        3,
        None,
    ]
    assert "sk-very-secret-key" not in text


def test_json_of_no_output_is_an_empty_array() -> None:
    assert json.loads(to_json_text([])) == []
