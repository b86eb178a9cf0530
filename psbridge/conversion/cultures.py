"""The cultures psbridge knows by name: what a CultureInfo says about itself.

pwsh on Linux reads these from ICU; psbridge formats with the invariant culture everywhere and
carries only the identity of the common cultures (LCID, names, ISO codes) that scripts read and
that Get-Culture prints.  A name outside this table is not a culture psbridge can describe.
"""

from __future__ import annotations

__all__ = ["CULTURES", "culture_facts"]

#: name -> (LCID, English name, native name, ISO 639-2 code, Windows language code)
CULTURES: dict[str, tuple[int, str, str, str, str]] = {
    "": (127, "Invariant Language (Invariant Country)", "Invariant Language (Invariant Country)", "ivl", "IVL"),
    "de": (7, "German", "Deutsch", "deu", "DEU"),
    "de-AT": (3079, "German (Austria)", "Deutsch (Österreich)", "deu", "DEA"),
    "de-CH": (2055, "German (Switzerland)", "Deutsch (Schweiz)", "deu", "DES"),
    "de-DE": (1031, "German (Germany)", "Deutsch (Deutschland)", "deu", "DEU"),
    "en": (9, "English", "English", "eng", "ENU"),
    "en-AU": (3081, "English (Australia)", "English (Australia)", "eng", "ENA"),
    "en-CA": (4105, "English (Canada)", "English (Canada)", "eng", "ENC"),
    "en-GB": (2057, "English (United Kingdom)", "English (United Kingdom)", "eng", "ENG"),
    "en-IN": (16393, "English (India)", "English (India)", "eng", "ENN"),
    "en-US": (1033, "English (United States)", "English (United States)", "eng", "ENU"),
    "es": (10, "Spanish", "español", "spa", "ESN"),
    "es-ES": (3082, "Spanish (Spain)", "español (España)", "spa", "ESN"),
    "es-MX": (2058, "Spanish (Mexico)", "español (México)", "spa", "ESM"),
    "fr": (12, "French", "français", "fra", "FRA"),
    "fr-CA": (3084, "French (Canada)", "français (Canada)", "fra", "FRC"),
    "fr-FR": (1036, "French (France)", "français (France)", "fra", "FRA"),
    "it": (16, "Italian", "italiano", "ita", "ITA"),
    "it-IT": (1040, "Italian (Italy)", "italiano (Italia)", "ita", "ITA"),
    "ja": (17, "Japanese", "日本語", "jpn", "JPN"),
    "ja-JP": (1041, "Japanese (Japan)", "日本語 (日本)", "jpn", "JPN"),
    "ko": (18, "Korean", "한국어", "kor", "KOR"),
    "ko-KR": (1042, "Korean (Korea)", "한국어(대한민국)", "kor", "KOR"),
    "nl": (19, "Dutch", "Nederlands", "nld", "NLD"),
    "nl-NL": (1043, "Dutch (Netherlands)", "Nederlands (Nederland)", "nld", "NLD"),
    "pl": (21, "Polish", "polski", "pol", "PLK"),
    "pl-PL": (1045, "Polish (Poland)", "polski (Polska)", "pol", "PLK"),
    "pt": (22, "Portuguese", "português", "por", "PTB"),
    "pt-BR": (1046, "Portuguese (Brazil)", "português (Brasil)", "por", "PTB"),
    "pt-PT": (2070, "Portuguese (Portugal)", "português (Portugal)", "por", "PTG"),
    "ru": (25, "Russian", "русский", "rus", "RUS"),
    "ru-RU": (1049, "Russian (Russia)", "русский (Россия)", "rus", "RUS"),
    "sv": (29, "Swedish", "svenska", "swe", "SVE"),
    "sv-SE": (1053, "Swedish (Sweden)", "svenska (Sverige)", "swe", "SVE"),
    "tr": (31, "Turkish", "Türkçe", "tur", "TRK"),
    "tr-TR": (1055, "Turkish (Türkiye)", "Türkçe (Türkiye)", "tur", "TRK"),
}

_FOLDED = {name.casefold(): name for name in CULTURES}


def culture_facts(name: str) -> tuple[str, tuple[int, str, str, str, str]] | None:
    """The culture's canonical name and facts, or None for a name psbridge does not know."""
    canonical = _FOLDED.get(name.casefold())
    return None if canonical is None else (canonical, CULTURES[canonical])
