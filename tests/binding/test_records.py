"""``psbridge.records``: the dataclass behaviour the binder's and the command line's classes keep
without the ``dataclasses`` import (issue 19).  Each check runs the same class both ways."""

from __future__ import annotations

import dataclasses
import pickle
from typing import Any, ClassVar

import pytest

from psbridge.records import field, record
from psbridge.specs.model import ALL_SETS, CmdletSpec, ParameterSetInfo, ParameterSpec


def _pair(frozen: bool) -> tuple[type, type]:
    """One class as a dataclass and as a record."""

    def body(decorate: Any, make_field: Any) -> type:
        @decorate(frozen=frozen)
        class Point:
            kind: ClassVar[str] = "point"
            x: int
            y: int = 0
            tags: list[str] = make_field(default_factory=list)
            note: str = make_field(default="", compare=False)
            secret: str = make_field(default="s", repr=False)

        return Point

    return body(dataclasses.dataclass, dataclasses.field), body(record, field)


@pytest.mark.parametrize("frozen", [False, True])
def test_a_record_behaves_as_the_dataclass(frozen: bool) -> None:
    reference, ours = _pair(frozen)
    for cls in (reference, ours):
        cls.__qualname__ = "Point"
    a, b = reference(1, 2, ["t"], note="n"), ours(1, 2, ["t"], note="n")
    assert repr(a) == repr(b) == "Point(x=1, y=2, tags=['t'], note='n')"
    assert (ours(1) == ours(1, 0, [], "other")) and ours(1) != ours(2) and ours(1) != reference(1)
    assert ours(1).tags is not ours(1).tags  # a fresh default per instance
    assert ours.kind == "point" and ours.y == 0 and not hasattr(ours, "tags")
    assert list(vars(ours(3))) == list(vars(reference(3))) == ["x", "y", "tags", "note", "secret"]
    if frozen:
        for cls in (reference, ours):  # hashed by the compared fields: a list among them cannot be
            with pytest.raises(TypeError, match="unhashable"):
                hash(cls(1))
        with pytest.raises(AttributeError):
            ours(1).x = 5
        with pytest.raises(AttributeError):
            del ours(1).x
    else:
        assert ours.__hash__ is None and reference.__hash__ is None
        changed = ours(1)
        changed.x = 5
        assert changed.x == 5
    with pytest.raises(TypeError):
        ours()
    with pytest.raises(TypeError):
        ours(1, x=2)
    with pytest.raises(TypeError):
        ours(1, unknown=2)
    with pytest.raises(TypeError):
        ours(1, 2, [], "", "", "too many")


def test_post_init_and_a_subclass_extend_the_fields() -> None:
    @record(frozen=True)
    class Base:
        name: str
        size: int = 1

        def __post_init__(self) -> None:
            object.__setattr__(self, "name", self.name.upper())

    @record(frozen=True)
    class Wider(Base):
        extra: str = "e"

    made = Wider("a", 2, "x")
    assert (made.name, made.size, made.extra) == ("A", 2, "x")
    assert repr(made) == "test_post_init_and_a_subclass_extend_the_fields.<locals>.Wider(name='A', size=2, extra='x')"
    assert made == Wider("a", 2, "x") and hash(made) == hash(Wider("A", 2, "x"))


def test_the_spec_model_keeps_its_dataclass_behaviour() -> None:
    parameter = ParameterSpec("Name", "String", description="prose")
    assert parameter == ParameterSpec("Name", "String", description="other prose")  # the description is not compared
    assert parameter.sets == {ALL_SETS: ParameterSetInfo()} and parameter.sets is not ParameterSpec("Name").sets
    assert repr(ParameterSetInfo(position=0)) == (
        "ParameterSetInfo(mandatory=False, position=0, value_from_pipeline=False, "
        "value_from_pipeline_by_property_name=False, value_from_remaining_arguments=False)"
    )
    assert hash(ParameterSetInfo(True)) == hash(ParameterSetInfo(True))
    with pytest.raises(AttributeError, match="cannot assign to field 'name'"):
        parameter.name = "Other"  # type: ignore[misc]
    assert parameter.with_changes(type="Int32").type == "Int32" and parameter.type == "String"
    with pytest.raises(TypeError):
        parameter.with_changes(no_such_field=1)
    assert pickle.loads(pickle.dumps(parameter)) == parameter
    spec = CmdletSpec("Get-Thing", {"Name": parameter})
    assert spec != CmdletSpec("Get-Thing", {"Name": parameter}) and spec == spec  # by identity
    assert spec.with_changes(synopsis="s").parameters is spec.parameters


def test_a_hash_the_class_writes_is_kept_as_a_dataclass_keeps_it() -> None:
    for decorate in (dataclasses.dataclass, record):

        @decorate
        class Keyed:
            key: str

            def __hash__(self) -> int:
                return 7

        assert hash(Keyed("a")) == 7 and Keyed("a") == Keyed("a")
