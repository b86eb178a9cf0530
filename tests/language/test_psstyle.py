"""``$PSStyle`` (System.Management.Automation.PSStyle, FormatAndOutput/common/PSStyle.cs): its
sequences and settable options.  Write-Progress.md examples 2 and 4 set
``$PSStyle.Progress.View = 'Classic'``; scripts commonly set ``$PSStyle.OutputRendering``."""

from __future__ import annotations

from tests.language.evaluator_helpers import Session, one, run

ESC = "\x1b"


def test_sequences_are_pwsh_defaults() -> None:
    assert run("$PSStyle.Reset; $PSStyle.Bold; $PSStyle.Foreground.Red; $PSStyle.Background.BrightWhite") == [
        f"{ESC}[0m", f"{ESC}[1m", f"{ESC}[31m", f"{ESC}[107m",
    ]  # fmt: skip
    assert one('"$($PSStyle.Foreground.Green)ok$($PSStyle.Reset)"') == f"{ESC}[32mok{ESC}[0m"
    assert one("$PSStyle.Formatting.TableHeader") == f"{ESC}[32;1m"
    assert one("$PSStyle.FileInfo.Extension['.ps1']") == f"{ESC}[33;1m"


def test_color_helpers() -> None:
    # PSStyle.cs FromRgb(byte, byte, byte), FromRgb(int), and the console color maps
    assert run(
        "$PSStyle.Foreground.FromRgb(255, 0, 10); $PSStyle.Background.FromRgb(0x0102FF); "
        "$PSStyle.Foreground.FromConsoleColor('DarkRed'); $PSStyle.Background.FromConsoleColor([ConsoleColor]::Red)"
    ) == [f"{ESC}[38;2;255;0;10m", f"{ESC}[48;2;1;2;255m", f"{ESC}[31m", f"{ESC}[101m"]


def test_options_are_typed_and_settable() -> None:
    assert run(
        "$PSStyle.Progress.View; $PSStyle.Progress.View = 'Classic'; $PSStyle.Progress.View.ToString(); "
        "$PSStyle.OutputRendering = 'PlainText'; $PSStyle.OutputRendering.ToString(); $PSStyle.Progress.MaxWidth"
    )[1:] == ["Classic", "PlainText", 120]
    assert str(one("$PSStyle.Progress.View")) == "Minimal"


def test_bad_values_are_pwsh_setting_errors() -> None:
    session = Session()
    session.run("$PSStyle.Progress.View = 'Bogus'; $PSStyle.Progress.MaxWidth = 5; 'went on'")
    assert session.error_ids == ["ExceptionWhenSetting", "ExceptionWhenSetting"]
    assert session.errors[0].message.startswith(
        'Exception setting "View": "Cannot convert value "Bogus" to type "System.Management.Automation.ProgressView".'
    )
    assert "must be at least 18" in session.errors[1].message
