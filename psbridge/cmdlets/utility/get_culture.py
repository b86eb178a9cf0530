"""Get-Culture and Get-UICulture: the host's culture (en-US, as psbridge formats dates), a named
culture (-Name, from the pipeline too), or every culture psbridge knows (-ListAvailable).

psbridge formats and parses with the invariant culture and en-US's date patterns, so the host's
culture and UI culture are en-US; a CultureInfo carries the identity of its culture (LCID, names,
ISO codes) from :mod:`psbridge.conversion.cultures`.
"""

from __future__ import annotations

from typing import Any

from ...conversion.cultures import CULTURES
from ...conversion.static_misc import CultureInfo
from ...objects import to_ps_string
from ...runtime import register_cmdlet
from ...runtime.cmdlet import Cmdlet

__all__ = ["GetCulture", "GetUICulture", "host_culture"]


def host_culture(runspace: Any, ui: bool = False) -> CultureInfo:
    """``$Host.CurrentCulture`` (or CurrentUICulture)."""
    found, host = runspace.get_variable("Host")
    if found and host is not None:
        try:
            culture = getattr(host, "CurrentUICulture" if ui else "CurrentCulture")
        except AttributeError:
            culture = None
        if isinstance(culture, CultureInfo):
            return culture
    return CultureInfo("en-US")


@register_cmdlet
class GetCulture(Cmdlet):
    name = "Get-Culture"

    def process(self) -> None:
        params = self.params
        current = host_culture(self.runspace)
        if params.parameter_set_name == "ListAvailable":
            if params.ListAvailable:
                for name in CULTURES:
                    self.write_output(CultureInfo(name))
            return
        if params.parameter_set_name == "CurrentCulture":
            self.write_output(CultureInfo(current.Name) if params.NoUserOverrides else current)
            return
        for name in params.Name or ():
            text = to_ps_string(name)
            same = text.casefold() == current.Name.casefold()
            self.write_output(current if same and not params.NoUserOverrides else CultureInfo(text))


@register_cmdlet
class GetUICulture(Cmdlet):
    name = "Get-UICulture"

    def begin(self) -> None:
        self.write_output(host_culture(self.runspace, ui=True))
