"""Calendar arithmetic and French date wording, for every stage that needs them.

Town halls count document age and answer deadlines in calendar months ("de moins
de 3 mois", "dans un délai de deux mois"), so month arithmetic clamps to the end of
short months. Dates are printed the French way ("1er mars 2026") without relying on
the system locale, which is often missing or English on servers.
"""

from __future__ import annotations

import calendar
import datetime as dt

from paperasse.models.domain import FRENCH_MONTHS as MONTHS_FR


def add_months(day: dt.date, months: int) -> dt.date:
    """Shift ``day`` by ``months`` calendar months (negative goes back).

    The day of month is clamped: 31 May minus 3 months is 28 (or 29) February.
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def add_years(day: dt.date, years: int) -> dt.date:
    """Shift ``day`` by whole years; 29 February becomes 28 February when needed."""
    return add_months(day, 12 * years)


def format_date_fr(day: dt.date) -> str:
    """Write a date in French long form: "3 mars 2019", "1er janvier 2026"."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS_FR[day.month - 1]} {day.year}"
