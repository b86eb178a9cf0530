"""PSOpenAI's model deprecation warning.

Before sending a body with a ``model``, PSOpenAI looks the model up in its
expiry table and warns when it was discontinued, or will be within 30 days
(reference 1.5).  The table is data from the module (version 4.49.0); the
dates are OpenAI's announced shutdown dates.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["EXPIRY_DATES", "deprecation_warning"]

EXPIRY_DATES: dict[str, dt.date] = {
    "gpt-3.5-turbo": dt.date(2026, 10, 23),
    "gpt-4": dt.date(2026, 10, 23),
    "o1": dt.date(2026, 10, 23),
    "o3-mini": dt.date(2026, 10, 23),
    "gpt-4.1-nano": dt.date(2026, 10, 23),
    "gpt-3.5-turbo-1106": dt.date(2026, 9, 28),
    "gpt-4-32k": dt.date(2025, 6, 6),
    "gpt-4-32k-0613": dt.date(2025, 6, 6),
}

_NOTICE_DAYS = 30


def deprecation_warning(model: object, today: dt.date | None = None) -> str | None:
    """The warning PSOpenAI writes for ``model``, or None."""
    if not isinstance(model, str):
        return None
    expiry = EXPIRY_DATES.get(model.strip().lower())
    if expiry is None:
        return None
    today = today or dt.date.today()
    if expiry <= today:
        return f"The {model} model has been discontinued on {expiry:%Y-%m-%d}. Please consider using a different model."
    if (expiry - today).days <= _NOTICE_DAYS:
        return f"The {model} model will be discontinued on {expiry:%Y-%m-%d}. Please consider using a different model."
    return None
