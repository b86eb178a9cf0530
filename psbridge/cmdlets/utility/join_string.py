"""Join-String: the input objects (or one property or script-block value of each) as one string.

As JoinStringCommand: each value becomes text by the language's conversion; the separator is
-Separator, else ``$OFS`` (empty when unset); -SingleQuote/-DoubleQuote wrap each value,
-FormatString formats the value itself (``{0:N2}``), and -OutputPrefix/-OutputSuffix wrap the
whole.  One string is written, also for no input.
"""

from __future__ import annotations

from ...conversion.formatting import composite_format
from ...objects import is_ps_collection
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.properties import PropertyExpression, parse_properties
from ..common.semantics import to_string

__all__ = ["JoinString"]


@register_cmdlet
class JoinString(Cmdlet):
    name = "Join-String"

    def begin(self) -> None:
        params = self.params
        self.parts: list[str] = []
        self.quote = "'" if params.SingleQuote else '"' if params.DoubleQuote else ""
        self.expression: PropertyExpression | None = None
        if params.is_bound("Property") and params.Property is not None:
            self.expression = parse_properties(params.Property, command="Join-String")[0]

    def process(self) -> None:
        params = self.params
        if not params.is_bound("InputObject") or params.InputObject is None:
            return
        values = params.InputObject
        for item in values if is_ps_collection(values) else [values]:
            if item is None:
                continue
            value = item
            if self.expression is not None:
                found, value = self.expression.value(item)
                value = value if found else None
            text = to_string(value)
            if self.quote:
                self.parts.append(self.quote + text + self.quote)
            elif params.FormatString:
                self.parts.append(composite_format(params.FormatString, [value]))
            else:
                self.parts.append(text)

    def end(self) -> None:
        params = self.params
        separator = params.Separator if params.is_bound("Separator") else None
        if separator is None:
            found, ofs = self.runspace.get_variable("OFS")
            separator = to_string(ofs) if found and ofs is not None else ""
        prefix = params.OutputPrefix or ""
        suffix = params.OutputSuffix or ""
        self.write_output(prefix + str(separator).join(self.parts) + suffix)
