"""The store's contract for the api modules: kinds, keys, parent indexes, order, cascades."""

from __future__ import annotations

import pytest

from psbridge.emulator.kinds import register
from psbridge.emulator.store import Store

register("test.box")
register("test.item", owners={"box_id": "test.box"}, indexes=("colour",))
register("test.entry", key=("box_id", "id"), owners={"box_id": "test.box"})


def box(box_id: str) -> dict[str, object]:
    return {"id": box_id, "object": "test.box"}


def item(item_id: str, box_id: str, colour: str = "red") -> dict[str, object]:
    return {"id": item_id, "object": "test.item", "box_id": box_id, "colour": colour}


def test_children_come_from_the_index_in_insertion_order() -> None:
    store = Store()
    store.insert(box("b1"))
    store.insert(box("b2"))
    for index in range(5):
        store.insert(item(f"i{index}", "b1" if index % 2 == 0 else "b2", colour="blue" if index < 2 else "red"))
    assert [i["id"] for i in store.children("test.item", box_id="b1")] == ["i0", "i2", "i4"]
    assert [i["id"] for i in store.children("test.item", colour="blue")] == ["i0", "i1"]
    assert store.last_child("test.item", box_id="b2")["id"] == "i3"
    assert store.count("test.item", box_id="b1") == 3
    assert store.children("test.item", box_id="nothing") == [] and store.last_child("test.item", box_id="x") is None


def test_replacing_keeps_the_place_and_moves_the_index_entry() -> None:
    store = Store()
    store.insert(item("i1", "b1"))
    store.insert(item("i2", "b1"))
    store.insert(item("i1", "b2"))  # moved to another box, same place in the order
    assert [i["id"] for i in store.all("test.item")] == ["i1", "i2"]
    assert [i["id"] for i in store.children("test.item", box_id="b1")] == ["i2"]
    assert [i["id"] for i in store.children("test.item", box_id="b2")] == ["i1"]


def test_removing_an_owner_removes_what_it_owns_and_nothing_else() -> None:
    store = Store()
    store.insert(box("b1"))
    store.insert(box("b2"))
    store.insert(item("i1", "b1"))
    store.insert(item("i2", "b2"))
    store.insert({"id": "shared", "object": "test.entry", "box_id": "b1"})
    store.insert({"id": "shared", "object": "test.entry", "box_id": "b2"})
    store.remove(store.get("test.box", "b1"))
    assert store.get("test.item", "i1") is None and store.get("test.item", "i2") is not None
    assert store.get("test.entry", "b1", "shared") is None
    assert store.get("test.entry", "b2", "shared") == {"id": "shared", "object": "test.entry", "box_id": "b2"}
    assert store.children("test.item", colour="red") == [item("i2", "b2")]


def test_unregistered_kinds_and_unindexed_fields_are_refused() -> None:
    store = Store()
    with pytest.raises(ValueError, match="no api module registered"):
        store.insert({"id": "x", "object": "test.unknown"})
    with pytest.raises(ValueError, match="not indexed by 'size'"):
        store.children("test.item", size=3)
    with pytest.raises(ValueError, match="already registered differently"):
        register("test.item")


def test_blobs_live_beside_the_objects() -> None:
    store = Store()
    store.put_blob("file-1", b"\x00data")
    assert store.get_blob("file-1") == b"\x00data"
    store.remove_blob("file-1")
    assert store.get_blob("file-1") is None
