"""PowerShell's ``@{...}``: a case-insensitive dictionary.

It is a separate type from ``dict`` on purpose: PowerShell binds a hashtable
piped into a command by its .NET properties (Count, Keys, ...), never by its
keys, while a ``dict`` in psbridge stands for a ``[pscustomobject]`` whose keys
*are* properties.  Keeping the two apart lets the binder follow that rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any

from .values import OpaqueObject

__all__ = ["Hashtable", "OrderedDictionary"]


class Hashtable(MutableMapping[Any, Any]):
    """An insertion-ordered mapping whose string keys compare case-insensitively."""

    __slots__ = ("_items",)

    def __init__(self, data: Mapping[Any, Any] | Iterable[tuple[Any, Any]] | None = None, /, **kwargs: Any):
        self._items: dict[Any, tuple[Any, Any]] = {}
        if data is not None:
            self.update(data)
        if kwargs:
            self.update(kwargs)

    @staticmethod
    def _fold(key: Any) -> Any:
        return key.casefold() if isinstance(key, str) else key

    def __getitem__(self, key: Any) -> Any:
        return self._items[self._fold(key)][1]

    def __setitem__(self, key: Any, value: Any) -> None:
        folded = self._fold(key)
        existing = self._items.get(folded)
        # Like PowerShell, the first spelling of a key is the one kept.
        self._items[folded] = (existing[0] if existing else key, value)

    def __delitem__(self, key: Any) -> None:
        del self._items[self._fold(key)]

    def __iter__(self) -> Iterator[Any]:
        return (original for original, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return self._fold(key) in self._items

    def copy(self) -> Hashtable:
        return Hashtable(self)

    def to_dict(self) -> dict[Any, Any]:
        """A plain ``dict`` with the keys as first spelled."""
        return {original: value for original, value in self._items.values()}

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self.to_dict() == {k: other[k] for k in other}
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        inner = "; ".join(f"{k}={v!r}" for k, v in self.items())
        return f"@{{{inner}}}"

    def __str__(self) -> str:
        return "System.Collections.Hashtable"

    # The .NET properties PowerShell sees on a hashtable; they are what
    # by-property-name pipeline binding looks at (never the keys).
    NET_PROPERTIES = ("Count", "Keys", "Values", "IsReadOnly", "IsFixedSize", "IsSynchronized", "SyncRoot")

    def net_property(self, name: str) -> tuple[bool, Any]:
        folded = name.casefold()
        if folded == "count":
            return True, len(self)
        if folded == "keys":
            return True, list(self.keys())
        if folded == "values":
            return True, list(self.values())
        if folded in ("isreadonly", "isfixedsize", "issynchronized"):
            return True, False
        if folded == "syncroot":
            return True, SYNC_ROOT
        if folded == "psobject":
            from .memberset import member_set

            return True, member_set(self)
        return False, None


#: Hashtable.SyncRoot: .NET makes a ``new object()`` to lock on, so pwsh shows ``System.Object``.
SYNC_ROOT = OpaqueObject("System.Object")


class OrderedDictionary(Hashtable):
    """``[ordered]@{...}``: System.Collections.Specialized.OrderedDictionary.

    Keys compare case-insensitively (PowerShell creates it so) and keep their
    order, as a Hashtable does here; what differs is the type (``-is [hashtable]``
    is false) and that an integer index reads by position (``$od[0]``).
    """

    __slots__ = ()

    def __str__(self) -> str:
        return "System.Collections.Specialized.OrderedDictionary"

    def copy(self) -> OrderedDictionary:
        return OrderedDictionary(self)
