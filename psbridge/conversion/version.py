"""System.Version as scripts see it (``[version]'1.2.3'``, ``$PSVersionTable.PSVersion``).

Its own module, apart from the other rich types' conversions (:mod:`.richtypes`, which loads
the date, regex and GUID modules): a language session builds ``$PSVersionTable`` when it
starts, and needs only this class for it.
"""

from __future__ import annotations

import functools

__all__ = ["Version"]


@functools.total_ordering
class Version:
    """System.Version: 2 to 4 components; unset Build/Revision are -1 and not printed."""

    __ps_type_name__ = "System.Version"
    __slots__ = ("Build", "Major", "Minor", "Revision")

    def __init__(self, major: int = 0, minor: int = 0, build: int = -1, revision: int = -1) -> None:
        if min(major, minor) < 0 or (build < -1) or (revision < -1) or (revision >= 0 and build < 0):
            raise ValueError("Version's parameters must be greater than or equal to zero.")
        self.Major, self.Minor, self.Build, self.Revision = major, minor, build, revision

    @classmethod
    def parse(cls, text: str) -> Version:
        parts = text.strip().split(".")
        if not 2 <= len(parts) <= 4:
            raise ValueError("Version string portion was too short or too long.")
        try:
            numbers = [int(part) for part in parts]
        except ValueError:
            raise ValueError(f"The input string '{parts[0] if not parts[0].strip().isdigit() else text}' was not "
                             "in a correct format.") from None  # fmt: skip
        if any(number < 0 for number in numbers):
            raise ValueError("Version's parameters must be greater than or equal to zero.")
        return cls(*numbers)

    def _key(self) -> tuple[int, int, int, int]:
        return (self.Major, self.Minor, self.Build, self.Revision)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Version) and self._key() == other._key()

    def __lt__(self, other: Version) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __str__(self) -> str:
        parts = [self.Major, self.Minor] + [p for p in (self.Build, self.Revision) if p >= 0]
        return ".".join(map(str, parts))

    def __repr__(self) -> str:
        return f"Version('{self}')"
