"""-Property arguments: names with wildcards, script blocks and calculated properties.

Select-Object, Sort-Object, Group-Object, Measure-Object and Format-* all take PowerShell's
PSPropertyExpression: a name (``*`` and ``?`` expand against the object's properties, in
the object's order), a script block run with ``$_`` set to the object, or a hashtable
``@{Name='..'; Expression=..}`` whose keys may be shortened to any unambiguous prefix
(``n``, ``e``, ``l``).  Which keys a hashtable may carry depends on the command.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...errors import ErrorCategory
from .errors import CmdletError
from .semantics import get_property, property_names, to_string, wildcard_regex

__all__ = ["PropertyExpression", "has_wildcard", "parse_properties"]


def has_wildcard(text: str) -> bool:
    return any(char in text for char in "*?[")


def _invoke(block: Any, obj: Any) -> Any:
    """Run a script block with ``$_`` set to ``obj`` and return its output as one value."""
    from .scriptblocks import invoke_with_input

    return invoke_with_input(block, obj)


@dataclass
class PropertyExpression:
    """One -Property item."""

    expression: Any  # a name (maybe a wildcard pattern) or a script block
    label: str | None = None  # Name/Label of a calculated property
    options: dict[str, Any] = field(default_factory=dict)  # Width, Alignment, Ascending ...

    @property
    def is_name(self) -> bool:
        return isinstance(self.expression, str)

    @property
    def is_wildcard(self) -> bool:
        return isinstance(self.expression, str) and has_wildcard(self.expression)

    def display_name(self) -> str:
        if self.label is not None:
            return self.label
        return self.expression if isinstance(self.expression, str) else to_string(self.expression).strip()

    def names(self, obj: Any) -> list[str]:
        """The property names this expression selects on ``obj`` (a wildcard may select several)."""
        if not isinstance(self.expression, str):
            return [self.display_name()]
        if not self.is_wildcard:
            found, _ = get_property(obj, self.expression)
            if found:
                return [_spelling(obj, self.expression)]
            return []
        pattern = wildcard_regex(self.expression)
        return [name for name in property_names(obj) if pattern.match(name)]

    def values(self, obj: Any) -> list[tuple[str, Any]]:
        """(name, value) pairs for ``obj``; an unknown name gives nothing."""
        if not isinstance(self.expression, str):
            return [(self.display_name(), _invoke(self.expression, obj))]
        if self.is_wildcard:
            return [(name, get_property(obj, name)[1]) for name in self.names(obj)]
        found, value = get_property(obj, self.expression)
        if not found:
            return []
        return [(self.label or _spelling(obj, self.expression), value)]

    def value(self, obj: Any) -> tuple[bool, Any]:
        """The single value of a non-wildcard expression: (found, value)."""
        if not isinstance(self.expression, str):
            return True, _invoke(self.expression, obj)
        return get_property(obj, self.expression)


def _spelling(obj: Any, name: str) -> str:
    folded = name.casefold()
    return next((n for n in property_names(obj) if n.casefold() == folded), name)


#: Canonical hashtable keys and the names that mean them.
_KEY_ALIASES = {"name": "Name", "label": "Name", "expression": "Expression"}


def parse_properties(
    values: Sequence[Any] | Any,
    *,
    command: str,
    allowed: Sequence[str] = ("Name", "Label", "Expression"),
    expression_required: bool = True,
) -> list[PropertyExpression]:
    """The -Property argument as expressions; a bad hashtable raises PowerShell's error."""
    items = list(values) if isinstance(values, list | tuple) else [values]
    result: list[PropertyExpression] = []
    for item in items:
        if isinstance(item, Mapping):
            result.append(_from_hashtable(item, command, allowed, expression_required))
        elif isinstance(item, str) or callable(item) or hasattr(item, "invoke"):
            result.append(PropertyExpression(item))
        else:
            result.append(PropertyExpression(to_string(item)))
    return result


def _from_hashtable(
    table: Mapping[Any, Any], command: str, allowed: Sequence[str], expression_required: bool
) -> PropertyExpression:
    label: str | None = None
    expression: Any = None
    options: dict[str, Any] = {}
    for key, value in table.items():
        name = _match_key(to_string(key), allowed, command)
        canonical = _KEY_ALIASES.get(name.casefold(), name)
        if canonical == "Name":
            if label is not None:
                raise _hashtable_error(
                    f'The "{name}" key has already been specified. Remove the duplicate key and try again.',
                    "DuplicateKey",
                    command,
                )
            label = to_string(value)
        elif canonical == "Expression":
            expression = value
        else:
            options[canonical] = value
    if expression is None:
        if expression_required:
            raise _hashtable_error("A hash table must contain an Expression key.", "MissingExpressionKey", command)
        expression = label
    if not isinstance(expression, str) and not (callable(expression) or hasattr(expression, "invoke")):
        raise _hashtable_error(
            f'The "Expression" key has a type, {type(expression).__name__}, that is not valid; it must be of '
            "type System.String or System.Management.Automation.ScriptBlock.",
            "IllegalKeyType",
            command,
        )
    return PropertyExpression(expression, label, options)


def _match_key(key: str, allowed: Sequence[str], command: str) -> str:
    folded = key.casefold()
    exact = [name for name in allowed if name.casefold() == folded]
    if exact:
        return exact[0]
    matches = [name for name in allowed if name.casefold().startswith(folded)]
    # Name and Label may both match "n"/"l" uniquely; an ambiguous prefix is an error.
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise _hashtable_error(f'The "{key}" key is not valid.', "IllegalKey", command)
    raise _hashtable_error(
        f'The key "{key}" is ambiguous. Possible matches include: {", ".join(matches)}.', "AmbiguousKey", command
    )


def _hashtable_error(message: str, error_id: str, command: str) -> CmdletError:
    return CmdletError(
        message,
        error_id=f"DictionaryKeyIllegal,{command}" if error_id == "IllegalKey" else f"{error_id},{command}",
        category=ErrorCategory.InvalidArgument,
        exception_type="System.NotSupportedException",
    )


Getter = Callable[[Any], Any]
