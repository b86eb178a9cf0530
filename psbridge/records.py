"""Frozen records without ``dataclasses``: the classes the binder loads on its first call.

``@dataclass(frozen=True)`` generates each class's ``__init__``, ``__eq__``, ``__hash__``,
``__repr__`` and ``__setattr__`` as source text and compiles it when the module is imported,
and importing ``dataclasses`` brings ``inspect``, ``ast`` and ``dis``: together most of what
a fresh process paid for its first bind.  :class:`FrozenRecord` gives the same behaviour
from methods compiled once with the package: a subclass writes its ``__init__`` (storing
with :data:`set_field`) and lists its fields.  :func:`record` is a drop-in for the
``@dataclass`` uses of the modules a command line loads (fields from the annotations,
defaults, ``field(default_factory=..., compare=..., repr=...)``, ``frozen``, ``eq``,
``repr``, ``__post_init__``), with generic methods instead of generated ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, dataclass_transform, overload

__all__ = ["FrozenRecord", "field", "record", "set_field"]

_T = TypeVar("_T", bound=type)
_MISSING: Any = object()

#: Stores a field in ``__init__`` (a record refuses ordinary assignment).
set_field = object.__setattr__


class FrozenRecord:
    """What ``@dataclass(frozen=True)`` gives: equality and hashing by field (same class
    only), a field-by-field repr, AttributeError on assignment or deletion after
    ``__init__``, pickling, and :meth:`_replace` (``dataclasses.replace``).  A subclass
    sets ``_fields`` (its ``__init__`` parameters, in order) and ``_compared`` (the fields
    equality and hashing look at); with ``__slots__`` it has no ``__dict__``, without them
    its fields are its ``__dict__`` (what generic views list)."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _compared: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._compared])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), tuple([getattr(self, name) for name in self._fields]))

    def _replace(self, **changes: Any) -> Any:
        """A copy with ``changes`` (``dataclasses.replace``): an unknown name is a TypeError."""
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return type(self)(**values)


class _Field:
    """What :func:`field` says about one field."""

    __slots__ = ("compare", "default", "default_factory", "repr")

    def __init__(self, default: Any, default_factory: Any, compare: bool, repr: bool) -> None:
        self.default = default
        self.default_factory = default_factory
        self.compare = compare
        self.repr = repr


def field(
    *, default: Any = _MISSING, default_factory: Callable[[], Any] = _MISSING, compare: bool = True, repr: bool = True
) -> Any:
    """``dataclasses.field`` for :func:`record` classes."""
    return _Field(default, default_factory, compare, repr)


def _class_var(annotation: Any) -> bool:
    text = annotation if isinstance(annotation, str) else repr(annotation)
    return text.startswith(("ClassVar", "typing.ClassVar"))


def _make(cls: type, frozen: bool, eq: bool, add_repr: bool) -> type:
    # (name, default, factory) in declaration order, a base record's fields first.
    fields: dict[str, tuple[str, Any, Any]] = {}
    compared: list[str] = []
    shown: list[str] = []
    for base in reversed(cls.__mro__[1:]):
        for name, spec in getattr(base, "__record_fields__", {}).items():
            fields[name] = spec
    inherited_compared = list(getattr(cls, "__record_compared__", ()))
    inherited_shown = list(getattr(cls, "__record_shown__", ()))
    annotations: dict[str, Any] = cls.__dict__.get("__annotations__", {})  # noqa: RUF063 - no inspect import
    for name, annotation in annotations.items():
        if _class_var(annotation):
            continue
        value = cls.__dict__.get(name, _MISSING)
        default, factory, compare, show = value, _MISSING, True, True
        if isinstance(value, _Field):
            default, factory, compare, show = value.default, value.default_factory, value.compare, value.repr
            if default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, default)
        fields[name] = (name, default, factory)
        if compare:
            compared.append(name)
        if show:
            shown.append(name)
    specs = tuple(fields.values())
    required = tuple(name for name, default, factory in specs if default is _MISSING and factory is _MISSING)
    store = object.__setattr__ if frozen else _plain_set
    post_init = getattr(cls, "__post_init__", None)
    qualname = cls.__qualname__

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if len(args) > len(specs):
            raise TypeError(
                f"{qualname}.__init__() takes {len(specs) + 1} positional arguments but {len(args) + 1} were given"
            )
        for index, (name, default, factory) in enumerate(specs):
            if index < len(args):
                if name in kwargs:
                    raise TypeError(f"{qualname}.__init__() got multiple values for argument '{name}'")
                value = args[index]
            elif name in kwargs:
                value = kwargs.pop(name)
            elif default is not _MISSING:
                value = default
            elif factory is not _MISSING:
                value = factory()
            else:
                missing = [n for n in required[required.index(name) :] if n not in kwargs]
                raise TypeError(f"{qualname}.__init__() missing {len(missing)} required argument(s): {missing}")
            store(self, name, value)
        if kwargs:
            raise TypeError(f"{qualname}.__init__() got an unexpected keyword argument '{next(iter(kwargs))}'")
        if post_init is not None:
            post_init(self)

    __init__.__qualname__ = f"{qualname}.__init__"
    cls.__init__ = __init__  # type: ignore[misc]
    all_compared = tuple(inherited_compared + compared)
    all_shown = tuple(inherited_shown + shown)
    cls.__record_fields__ = fields  # type: ignore[attr-defined]
    cls.__record_compared__ = all_compared  # type: ignore[attr-defined]
    cls.__record_shown__ = all_shown  # type: ignore[attr-defined]
    if add_repr and "__repr__" not in cls.__dict__:

        def __repr__(self: Any) -> str:
            shown_fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in all_shown)
            return f"{type(self).__qualname__}({shown_fields})"

        cls.__repr__ = __repr__  # type: ignore[method-assign, assignment]
    class_hash = cls.__dict__.get("__hash__", _MISSING)
    # A __hash__ the class wrote stays (not the None that writing __eq__ alone leaves).
    explicit_hash = class_hash is not _MISSING and not (class_hash is None and "__eq__" in cls.__dict__)
    if eq and "__eq__" not in cls.__dict__:

        def __eq__(self: Any, other: object) -> bool:
            if other.__class__ is self.__class__:
                return tuple([getattr(self, n) for n in all_compared]) == tuple(
                    [getattr(other, n) for n in all_compared]
                )
            return NotImplemented

        cls.__eq__ = __eq__  # type: ignore[method-assign, assignment]
    if eq and not explicit_hash:
        if frozen:

            def __hash__(self: Any) -> int:
                return hash(tuple([getattr(self, n) for n in all_compared]))

            cls.__hash__ = __hash__  # type: ignore[method-assign, assignment]
        else:
            cls.__hash__ = None  # type: ignore[assignment]
    if frozen:

        def __setattr__(self: Any, name: str, value: Any) -> None:
            if type(self) is cls or name in fields:
                raise AttributeError(f"cannot assign to field {name!r}")
            object.__setattr__(self, name, value)

        def __delattr__(self: Any, name: str) -> None:
            if type(self) is cls or name in fields:
                raise AttributeError(f"cannot delete field {name!r}")
            object.__delattr__(self, name)

        cls.__setattr__ = __setattr__  # type: ignore[method-assign, assignment]
        cls.__delattr__ = __delattr__  # type: ignore[method-assign, assignment]
    cls.__match_args__ = tuple(name for name, _, _ in specs)  # type: ignore[attr-defined, misc]
    return cls


def _plain_set(target: Any, name: str, value: Any) -> None:
    setattr(target, name, value)


@overload
def record(cls: _T, /) -> _T: ...
@overload
def record(*, frozen: bool = False, eq: bool = True, repr: bool = True) -> Callable[[_T], _T]: ...


@dataclass_transform(field_specifiers=(field,))
def record(
    cls: Any = None, /, *, frozen: bool = False, eq: bool = True, repr: bool = True
) -> Any:
    """``@dataclass`` for the classes on a fresh process's path (see the module's docstring):
    the same fields, defaults, ``frozen``/``eq``/``repr`` and ``__post_init__``, without the
    ``dataclasses`` import or compiling generated methods."""

    def wrap(target: _T) -> _T:
        return _make(target, frozen, eq, repr)  # type: ignore[return-value]

    return wrap if cls is None else wrap(cls)
