"""Type names as written in a script: ``[string]``, ``[int[]]``, ``[System.Collections.Generic.List[string]]``.

PowerShell's ITypeName family (TypeName, ArrayTypeName, GenericTypeName):
the parser records the name as written; resolving it to a type is the
conversion engine's job.  ``full_name`` is PowerShell's canonical spelling
(``List[string]``, ``int[,]``, with ``,Assembly`` when one was given).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..extent import Extent

__all__ = ["ArrayTypeName", "GenericTypeName", "ITypeName", "TypeName"]


class ITypeName:
    __slots__ = ("extent",)

    extent: Extent
    is_array = False
    is_generic = False

    @property
    def name(self) -> str:
        raise NotImplementedError

    @property
    def full_name(self) -> str:
        raise NotImplementedError

    @property
    def assembly_name(self) -> str | None:
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"Kind": type(self).__name__, "FullName": self.full_name, "Extent": self.extent.to_dict()}

    def __str__(self) -> str:
        return self.full_name

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.full_name!r})"


class TypeName(ITypeName):
    """A simple name (``string``, ``System.IO.Path``), optionally with an assembly."""

    __slots__ = ("_assembly_name", "_name", "generic_argument_count")

    def __init__(self, extent: Extent, name: str, assembly_name: str | None = None, generic_argument_count: int = 0):
        self.extent = extent
        self._name = name.replace("``", "`") if "`" in name else name
        self._assembly_name = assembly_name
        self.generic_argument_count = generic_argument_count if "`" not in self._name else 0

    @property
    def name(self) -> str:
        return self._name

    @property
    def assembly_name(self) -> str | None:
        return self._assembly_name

    @assembly_name.setter
    def assembly_name(self, value: str | None) -> None:
        self._assembly_name = value

    @property
    def full_name(self) -> str:
        return f"{self._name},{self._assembly_name}" if self._assembly_name else self._name


class ArrayTypeName(ITypeName):
    """``element[]`` or ``element[,]`` (rank 2) ..."""

    __slots__ = ("element_type", "rank")
    is_array = True

    def __init__(self, extent: Extent, element_type: ITypeName, rank: int) -> None:
        self.extent = extent
        self.element_type = element_type
        self.rank = rank

    @property
    def name(self) -> str:
        return f"{self.element_type.name}[{',' * (self.rank - 1)}]"

    @property
    def full_name(self) -> str:
        assembly = self.element_type.assembly_name
        return f"{self.name},{assembly}" if assembly else self.name

    @property
    def assembly_name(self) -> str | None:
        return self.element_type.assembly_name


class GenericTypeName(ITypeName):
    """``List[string]``, ``Dictionary[string,int]``: ``type_name`` and its ``generic_arguments``."""

    __slots__ = ("generic_arguments", "type_name")
    is_generic = True

    def __init__(self, extent: Extent, type_name: TypeName, generic_arguments: list[ITypeName]) -> None:
        self.extent = extent
        self.type_name = type_name
        self.generic_arguments = generic_arguments

    @property
    def name(self) -> str:
        return f"{self.type_name.name}[{','.join(argument.name for argument in self.generic_arguments)}]"

    @property
    def full_name(self) -> str:
        arguments = ",".join(argument.full_name for argument in self.generic_arguments)
        text = f"{self.type_name.name}[{arguments}]"
        assembly = self.type_name.assembly_name
        return f"{text},{assembly}" if assembly else text

    @property
    def assembly_name(self) -> str | None:
        return self.type_name.assembly_name
