"""Get-Culture and Get-UICulture: the session's culture (en-US, the one psbridge formats for), a
culture by name (-Name), or the cultures psbridge has data for (-ListAvailable).

psbridge carries the data of en-US, en and the invariant culture only
(:mod:`psbridge.conversion.cultures`); asking for another culture writes an error saying so,
rather than a CultureInfo with another culture's patterns.
"""

from __future__ import annotations

from ...conversion.cultures import CULTURE_NAMES, known_culture_name
from ...conversion.static_misc import CultureInfo
from ...errors import ErrorCategory
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet
from ..common.errors import CmdletError

__all__ = ["GetCulture", "GetUICulture"]

#: The host's CurrentCulture and CurrentUICulture ($PSCulture, $PSUICulture).
CURRENT = "en-US"


@register_cmdlet
class GetCulture(Cmdlet):
    name = "Get-Culture"

    def process(self) -> None:
        params = self.params
        # -NoUserOverrides: psbridge's en-US has no user overrides, so both answers are the same
        _ = params.NoUserOverrides
        if params.ListAvailable:
            for name in CULTURE_NAMES:
                self.write_output(CultureInfo(name))
            return
        if params.parameter_set_name != "Name":
            self.write_output(CultureInfo(CURRENT))
            return
        for name in params.Name or []:
            known = known_culture_name(str(name))
            if known is None:
                self.write_error(CmdletError(
                    f"psbridge has the data of the en-US, en and invariant cultures only; it cannot make culture "
                    f"'{name}'.", error_id="CultureNotSupported", category=ErrorCategory.NotImplemented,
                    exception_type="System.NotSupportedException", target_object=name,
                ))  # fmt: skip
                continue
            self.write_output(CultureInfo(known))


@register_cmdlet
class GetUICulture(Cmdlet):
    name = "Get-UICulture"

    def process(self) -> None:
        self.write_output(CultureInfo(CURRENT))
