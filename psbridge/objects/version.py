"""The PowerShell version psbridge behaves as: ``$PSVersionTable.PSVersion`` and what
``Set-StrictMode -Version Latest`` means.  One fact, kept at the bottom layer so the binder
(Set-StrictMode's version transformation) and the language both read it."""

from __future__ import annotations

__all__ = ["PS_VERSION"]

PS_VERSION = "7.4.6"
