"""Where-Object: the input objects a script block, or one comparison, finds true.

The comparison form (``Where-Object Name -Like 'a*'``) applies the operator the switch names to
the property's value and -Value with the language's own operators, as ``{$_.Name -like 'a*'}``
would; without an operator (``Where-Object Name``) the property is tested for truth as
``{$true -eq $_.Name}``, and -Not as ``{$true -ne $_.Name}``.  A switch bound to ``$false``
(``-GT:$false``) names no operator, as in PowerShell.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...conversion import RuntimeException, is_true, operators
from ...errors import ErrorCategory
from ...objects import Hashtable
from ...runtime import register_cmdlet
from ...runtime.cmdlet import NOT_BOUND, Cmdlet
from ..common.errors import CmdletError
from ..common.properties import has_wildcard
from ..common.scriptblocks import underbar_runner
from ..common.semantics import get_property, property_names, wildcard_regex
from .foreach_object import name_error

__all__ = ["WhereObject"]

Operation = Callable[[Any, Any], Any]


def _first(name: str) -> Operation:
    """-match and -notmatch answer (result, $Matches); the cmdlet wants the result."""
    function = operators.BINARY[name]
    return lambda left, right: function(left, right)[0]


#: Each comparison switch and what it does to (the property's value, -Value).
OPERATIONS: dict[str, Operation] = {
    **{name: operators.BINARY[f"-{name.lower()}"] for name in (
        "EQ", "CEQ", "NE", "CNE", "GT", "CGT", "LT", "CLT", "GE", "CGE", "LE", "CLE",
        "Like", "CLike", "NotLike", "CNotLike", "Contains", "CContains", "NotContains", "CNotContains",
        "In", "CIn", "NotIn", "CNotIn")},
    "Match": _first("-match"), "CMatch": _first("-cmatch"),
    "NotMatch": _first("-notmatch"), "CNotMatch": _first("-cnotmatch"),
    "Is": operators.BINARY["-is"], "IsNot": operators.BINARY["-isnot"],
}  # fmt: skip
#: Every operator switch (-Not tests the property for falsehood).
SWITCHES: tuple[str, ...] = (*OPERATIONS, "Not")


@register_cmdlet
class WhereObject(Cmdlet):
    name = "Where-Object"

    def begin(self) -> None:
        params = self.params
        self.script = params.FilterScript if params.parameter_set_name == "ScriptBlockSet" else None
        self.filter = underbar_runner(self.script, collapsed=True) if self.script is not None else None
        self.operator: str | None = None
        for switch in SWITCHES:
            if params.is_bound(switch) and params.get(switch):
                self.operator = switch
        self.value = params.Value if params.is_bound("Value") else True
        if self.operator in ("Is", "IsNot") and isinstance(self.value, str):
            text = self.value
            self.value = text[1:-1] if len(text) > 2 and text[0] == "[" and text[-1] == "]" else text

    def process(self) -> None:
        obj = self.binder.bound.get("InputObject", NOT_BOUND)  # once per object: no Parameters view
        if obj is NOT_BOUND:
            return
        if self.filter is not None:
            if is_true(self.filter(obj)):
                self._emit(obj)  # write_output
            return
        params = self.params
        operator, value_given = self.operator, params.is_bound("Value")
        if not value_given and operator not in (None, "Not"):
            self.throw_terminating_error(name_error(
                "The specified operator requires both the -Property and -Value parameters. Provide values for "
                "both parameters, and then try the command again.",
                "ValueNotSpecifiedForWhereObject", None, "Value"))  # fmt: skip
        if value_given and operator is None:
            self.throw_terminating_error(name_error(
                "An operator is required to compare the two specified values. Include a valid operator in the "
                "command, and then try the command again. For example, Get-Process | Where-Object -Property Name "
                "-eq Idle", "OperatorNotSpecified", None, "Operator"))  # fmt: skip
        left = self._property_value(obj)
        try:
            if operator is None:
                result = operators.BINARY["-eq"](self.value, left)  # {$true -eq $_.Property}
            elif operator == "Not":
                result = operators.BINARY["-ne"](self.value, left)
            else:
                result = OPERATIONS[operator](left, self.value)
        except RuntimeException as error:
            self.write_error(CmdletError(
                f"The operation '-{operator or 'eq'}' failed: {error}", error_id="OperatorFailed",
                category=ErrorCategory.InvalidOperation, exception_type="System.InvalidOperationException",
                target_object=obj))  # fmt: skip
            return
        if is_true(result):
            self.write_output(obj)

    def _property_value(self, obj: Any) -> Any:
        """GetValue: a hashtable's key, else the member (a wildcard matching exactly one), else $null."""
        name = str(self.params.Property)
        if obj is None:
            return None
        if isinstance(obj, Hashtable) and name in obj:
            return obj[name]
        if has_wildcard(name):
            pattern = wildcard_regex(name)
            matched = [n for n in property_names(obj) if pattern.match(n)]
            if len(matched) != 1:
                return None
            name = matched[0]
        return get_property(obj, name)[1]
