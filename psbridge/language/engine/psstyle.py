"""``$PSStyle``: System.Management.Automation.PSStyle, the ANSI escape sequences pwsh offers scripts.

Scripts read its sequences (``"$($PSStyle.Foreground.Red)text$($PSStyle.Reset)"``) and set its
options (``$PSStyle.OutputRendering = 'PlainText'``, ``$PSStyle.Progress.View = 'Classic'``, as
Write-Progress.md's examples do).  The values are pwsh 7.6's defaults.  psbridge's own output
writes plain text whatever the options say: they are kept so scripts that set and read them run
as they do in pwsh.  Setting an option converts the value as pwsh's typed property does: a name
that is not one of the enum's is an error naming the property.
"""

from __future__ import annotations

import enum
from typing import Any

from ...conversion import convert_to
from ...conversion.basictypes import EnumType
from ...errors import ErrorCategory, PSError
from .errors import RuntimeException

__all__ = ["OutputRendering", "ProgressView", "new_psstyle"]

_ESC = "\x1b"


def _sgr(code: str) -> str:
    return f"{_ESC}[{code}m"


class OutputRendering(enum.Enum):
    """System.Management.Automation.OutputRendering."""

    Host = 0
    PlainText = 1
    Ansi = 2

    def __str__(self) -> str:
        return self.name


class ProgressView(enum.Enum):
    """System.Management.Automation.ProgressView."""

    Minimal = 0
    Classic = 1

    def __str__(self) -> str:
        return self.name


_RENDERING = EnumType("System.Management.Automation.OutputRendering", OutputRendering)
_VIEW = EnumType("System.Management.Automation.ProgressView", ProgressView)


def _setting(owner: str, name: str, value: Any, convert: Any) -> Any:
    """The value converted for a typed property; a failure is pwsh's ExceptionWhenSetting."""
    try:
        return convert(value)
    except PSError as error:
        raise RuntimeException(
            f'Exception setting "{name}": "{error}"',
            error_id="ExceptionWhenSetting",
            category=ErrorCategory.NotSpecified,
        ) from None


class _Colors:
    """ForegroundColor / BackgroundColor: the 16 console colors and the RGB helpers."""

    _NAMES = ("Black", "Red", "Green", "Yellow", "Blue", "Magenta", "Cyan", "White")

    def __init__(self, base: int, rgb_lead: str) -> None:
        self._base = base
        self._rgb_lead = rgb_lead
        for index, name in enumerate(self._NAMES):
            setattr(self, name, _sgr(str(base + index)))
            setattr(self, "Bright" + name, _sgr(str(base + 60 + index)))

    def FromRgb(self, red: Any, green: Any = None, blue: Any = None) -> str:
        if green is None and blue is None:
            rgb = int(convert_to(red, "int"))
            red, green, blue = (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF
        parts = [int(convert_to(part, "byte")) for part in (red, green, blue)]
        return _sgr(f"{self._rgb_lead};2;{parts[0]};{parts[1]};{parts[2]}")

    def FromConsoleColor(self, color: Any) -> str:
        number = int(convert_to(color, "System.ConsoleColor").value)
        bright, index = divmod(_CONSOLE_TO_ANSI[number], 8)
        return _sgr(str(self._base + index + (60 if bright else 0)))


#: ConsoleColor's number -> ANSI color (0-7 normal, 8-15 bright): Black, DarkBlue, DarkGreen, DarkCyan,
#: DarkRed, DarkMagenta, DarkYellow, Gray, DarkGray, Blue, Green, Cyan, Red, Magenta, Yellow, White.
_CONSOLE_TO_ANSI = (0, 4, 2, 6, 1, 5, 3, 7, 8, 12, 10, 14, 9, 13, 11, 15)


class ForegroundColor(_Colors):
    __ps_type_name__ = "System.Management.Automation.PSStyle+ForegroundColor"

    def __init__(self) -> None:
        super().__init__(30, "38")


class BackgroundColor(_Colors):
    __ps_type_name__ = "System.Management.Automation.PSStyle+BackgroundColor"

    def __init__(self) -> None:
        super().__init__(40, "48")


class ProgressConfiguration:
    """``$PSStyle.Progress``: how Write-Progress draws its bar."""

    __ps_type_name__ = "System.Management.Automation.PSStyle+ProgressConfiguration"

    def __init__(self) -> None:
        self.Style = _sgr("33;1")
        self._max_width = 120
        self._view = ProgressView.Minimal
        self.UseOSCIndicator = False

    @property
    def MaxWidth(self) -> int:
        return self._max_width

    @MaxWidth.setter
    def MaxWidth(self, value: Any) -> None:
        width = _setting("ProgressConfiguration", "MaxWidth", value, lambda v: int(convert_to(v, "int")))
        if width < 18:  # pwsh: the bar needs room for its text
            raise RuntimeException(  # ArgumentOutOfRangeException(PSStyleStrings.ProgressWidthTooSmall)
                'Exception setting "MaxWidth": "The MaxWidth for the Progress rendering must be at least 18 to '
                "render correctly. (Parameter 'MaxWidth')\"",
                error_id="ExceptionWhenSetting",
            )
        self._max_width = width

    @property
    def View(self) -> ProgressView:
        return self._view

    @View.setter
    def View(self, value: Any) -> None:
        self._view = _setting("ProgressConfiguration", "View", value, _VIEW.convert)


class FormattingData:
    """``$PSStyle.Formatting``: the sequences the formatter and the streams would use."""

    __ps_type_name__ = "System.Management.Automation.PSStyle+FormattingData"

    def __init__(self) -> None:
        self.FormatAccent = _sgr("32;1")
        self.ErrorAccent = _sgr("36;1")
        self.Error = _sgr("31;1")
        self.Warning = _sgr("33;1")
        self.Verbose = _sgr("33;1")
        self.Debug = _sgr("33;1")
        self.TableHeader = _sgr("32;1")
        self.CustomTableHeaderLabel = _sgr("32;1;3")
        self.FeedbackName = _sgr("33")
        self.FeedbackText = _sgr("96")
        self.FeedbackAction = _sgr("97")


class FileInfoFormatting:
    """``$PSStyle.FileInfo``: how a file listing colors directories, links, executables, extensions."""

    __ps_type_name__ = "System.Management.Automation.PSStyle+FileInfoFormatting"

    def __init__(self) -> None:
        from ...objects import Hashtable

        self.Directory = _sgr("44;1")
        self.SymbolicLink = _sgr("36;1")
        self.Executable = _sgr("32;1")
        archive, script = _sgr("31;1"), _sgr("33;1")
        self.Extension = Hashtable(
            {".zip": archive, ".tgz": archive, ".gz": archive, ".tar": archive, ".nupkg": archive,
             ".cab": archive, ".7z": archive, ".ps1": script, ".psd1": script, ".psm1": script,
             ".ps1xml": script}
        )  # fmt: skip


class PSStyle:
    """``$PSStyle``: text attributes, colors and the rendering options."""

    __ps_type_name__ = "System.Management.Automation.PSStyle"

    def __init__(self) -> None:
        self.Reset = _sgr("0")
        self.BlinkOff = _sgr("25")
        self.Blink = _sgr("5")
        self.BoldOff = _sgr("22")
        self.Bold = _sgr("1")
        self.DimOff = _sgr("22")
        self.Dim = _sgr("2")
        self.Hidden = _sgr("8")
        self.HiddenOff = _sgr("28")
        self.Reverse = _sgr("7")
        self.ReverseOff = _sgr("27")
        self.ItalicOff = _sgr("23")
        self.Italic = _sgr("3")
        self.UnderlineOff = _sgr("24")
        self.Underline = _sgr("4")
        self.StrikethroughOff = _sgr("29")
        self.Strikethrough = _sgr("9")
        self._rendering = OutputRendering.Host
        self.Formatting = FormattingData()
        self.Progress = ProgressConfiguration()
        self.FileInfo = FileInfoFormatting()
        self.Foreground = ForegroundColor()
        self.Background = BackgroundColor()

    @property
    def OutputRendering(self) -> OutputRendering:
        return self._rendering

    @OutputRendering.setter
    def OutputRendering(self, value: Any) -> None:
        self._rendering = _setting("PSStyle", "OutputRendering", value, _RENDERING.convert)

    def FormatHyperlink(self, text: Any, link: Any) -> str:
        """An OSC 8 hyperlink around ``text``."""
        return f"{_ESC}]8;;{link}{_ESC}\\{text}{_ESC}]8;;{_ESC}\\"


def new_psstyle() -> PSStyle:
    return PSStyle()
