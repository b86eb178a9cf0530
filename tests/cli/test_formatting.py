"""How the command line shows output: pwsh's Out-Default (views by format data or by property
count, out-of-band text, blank lines around views), and the --json conversion."""

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


def test_an_object_with_more_than_four_properties_is_a_list_in_its_own_order() -> None:
    text = format_output([_run("run_1")])
    lines = text.splitlines()
    assert lines[0] == ""
    assert [line.split(" :")[0].strip() for line in lines[1:9]] == [
        "id",
        "object",
        "created_at",
        "assistant_id",
        "thread_id",
        "status",
        "tools",
        "metadata",
    ]
    assert lines[1] == "id           : run_1"  # names padded to the longest one
    assert lines[3] == "created_at   : 8/1/2026 9:30:05 AM"  # en-US, as pwsh displays dates
    assert lines[7] == "tools        : {}"
    # An empty PSCustomObject's ToString() is "" (PSObject.ToStringEmptyBaseObject,
    # src/System.Management.Automation/engine/MshObject.cs:1176); one blank line after the view.
    assert text.endswith("metadata     :\n")


def test_several_large_objects_are_list_entries_apart() -> None:
    lines = format_output([_run("run_1"), _run("run_2")]).splitlines()
    assert lines.count("") == 2  # before and between (the blank line after is the final newline)
    assert lines[10] == "id           : run_2"


def test_four_properties_or_fewer_are_a_table_with_numbers_right_aligned() -> None:
    objects = [PSObject({"Name": "a", "Count": 10}), PSObject({"Name": "bbb", "Count": 2})]
    assert format_output(objects) == "\nName Count\n---- -----\na       10\nbbb      2\n"


def test_the_first_object_chooses_the_columns() -> None:
    # The well-known pwsh behaviour: a later PSCustomObject's other properties are not shown.
    text = format_output([PSObject({"a": 1}), PSObject({"b": 2})])
    assert text == "\na\n-\n1\n\n"


def test_a_narrow_table_cuts_the_last_column_with_an_ellipsis() -> None:
    objects = [PSObject({"name": "n" * 60, "value": "v" * 60}) for _ in range(2)]
    lines = format_output(objects, width=80).splitlines()
    assert all(len(line) <= 80 for line in lines)
    assert lines[3].endswith("…")


def test_scalars_are_lines_and_text_inside_a_table_is_out_of_band() -> None:
    assert format_output([1, "two", True, 2.5]) == "1\ntwo\nTrue\n2.5"
    text = format_output(["before", PSObject({"a": 1}), "inside", PSObject({"a": 2})])
    assert text == "before\n\na\n-\n1\ninside\n2\n"


def test_an_object_of_another_type_inside_a_table_is_shown_as_a_list() -> None:
    thread = PSObject({"id": "thread_1", "Messages": []}, type_names=["PSOpenAI.Thread"])
    text = format_output([PSObject({"a": 1}), thread, PSObject({"a": 2})])
    # An out-of-band list entry has an empty line before and after it (ProcessOutOfBandPayload,
    # src/System.Management.Automation/FormatAndOutput/common/BaseOutputtingCommand.cs:569-582).
    assert text == "\na\n-\n1\n\nid       : thread_1\nMessages : {}\n\n2\n"


def test_a_hashtable_is_a_name_value_table() -> None:
    lines = format_output([Hashtable({"purpose": "check", "n": 2})], width=80).splitlines()
    assert lines[1] == "Name                           Value"
    assert lines[2] == "----                           -----"
    assert lines[3:5] == ["purpose                        check", "n                              2"]
    assert format_output([{"purpose": "check"}]) == "\npurpose\n-------\ncheck\n"


def test_dates_and_timespans_use_their_format_data() -> None:
    assert format_output([CREATED]) == "\nSaturday, August 1, 2026 9:30:05 AM\n"
    lines = format_output([dt.timedelta(hours=1, seconds=2)]).splitlines()
    assert lines[1] == "Days              : 0"
    assert lines[4] == "Seconds           : 2"


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
