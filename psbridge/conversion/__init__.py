"""PowerShell's conversion engine (LanguagePrimitives): one copy for the binder and the evaluator.

Below binding, above objects: imports nothing from binding, runtime, language or cli.
Values use psbridge's numeric representation (:mod:`psbridge.objects.numeric`:
Int32 is a plain ``int``, ``Int64``/``Byte``/... are ``int`` subclasses, Double a
``float``, Decimal a ``decimal.Decimal``, Char a ``str`` subclass).

Casts and type tests
    ``convert_to(value, type)``   ``[type]$value``; raises :class:`PSInvalidCastError`
    ``as_type(value, type)``      ``$value -as [type]``; None on failure
    ``is_instance(value, type)``  ``$value -is [type]``
    ``type_of(value)``            ``$value.GetType()`` as a :class:`PSType` (None for $null)
    ``resolve_type(name, namespaces=())``  a type literal (``"int"``, ``"string[]"``,
                                  ``"System.Collections.Generic.List[string]"``); TypeNotFoundError
    ``find_type(name)``           the same, None when unknown
    ``array_of(element)``         the ``T[]`` PSType
    PSType: ``.full_name`` ``.name`` ``.convert(v)`` ``.is_instance(v)`` ``.element`` ``.type_args``
            ``.is_value_type`` ``.is_numeric``; ``str(t)`` is the .NET full name

Values
    ``is_true(value)``            PowerShell truthiness (``if``, ``-not``, ``[bool]``)
    ``to_string(value, ofs=None)``  ``[string]$value``; arrays joined with ``ofs`` or :data:`OFS`
    ``OFS``                       ContextVar holding ``$OFS`` (default ``" "``)
    ``parse_number(text)``        the number lexer on a whole string (``"0x10"``, ``"1kb"``, ``" 7 "``)
    ``numeric_value(value)``      a number as is (bools, chars, enums count), else None

Types scripts build: ``Hashtable``/``OrderedDictionary`` (objects), ``TypedArray``,
``GenericList``, ``ArrayList``, ``GenericDictionary``, ``Version``, ``Regex`` (+ ``Match``,
``RegexOptions``, ``regex_for``), enums in :mod:`.enums`.  DateTime is ``datetime``,
TimeSpan ``timedelta``, Guid ``uuid.UUID``.

Hooks: ``register_scriptblock_class(cls, create)`` (the language), ``register_type_resolver``
(the .NET adapter), ``register_type(ps_type, *accelerators)``.

Errors (all PSError): ``RuntimeException`` (base; ``.position`` for the evaluator),
``PSInvalidCastError``, ``TypeNotFoundError``, ``MethodNotFoundError``, ``MethodInvocationError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .collections import ArrayList, GenericDictionary, GenericList, as_items
from .errors import (
    MethodInvocationError,
    MethodNotFoundError,
    PSInvalidCastError,
    RuntimeException,
    TypeNotFoundError,
    cast_with_inner,
    invalid_cast,
)
from .numbertext import NumberFormatError, parse_number
from .pstype import PSType, TypedArray
from .scalars import OFS, is_true, numeric_value, to_string
from .typenames import array_of, find_type, register_type, register_type_resolver, resolve_type

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from .engine import as_type, convert_to, is_instance, type_of
    from .regex import Match, Regex, RegexParseError, regex_for
    from .richtypes import register_scriptblock_class
    from .version import Version

# name -> submodule: loaded with the first name that needs it (binding a [string] needs none of them).
_LAZY = {
    "as_type": "engine",
    "convert_to": "engine",
    "is_instance": "engine",
    "type_of": "engine",
    "Match": "regex",
    "Regex": "regex",
    "RegexParseError": "regex",
    "regex_for": "regex",
    "Version": "version",
    "register_scriptblock_class": "richtypes",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module_name}"), name)
    globals()[name] = value
    return value


__all__ = [
    "OFS",
    "ArrayList",
    "GenericDictionary",
    "GenericList",
    "Match",
    "MethodInvocationError",
    "MethodNotFoundError",
    "NumberFormatError",
    "PSInvalidCastError",
    "PSType",
    "Regex",
    "RegexParseError",
    "RuntimeException",
    "TypeNotFoundError",
    "TypedArray",
    "Version",
    "array_of",
    "as_items",
    "as_type",
    "cast_with_inner",
    "convert_to",
    "find_type",
    "invalid_cast",
    "is_instance",
    "is_true",
    "numeric_value",
    "parse_number",
    "regex_for",
    "register_scriptblock_class",
    "register_type",
    "register_type_resolver",
    "resolve_type",
    "to_string",
    "type_of",
]
