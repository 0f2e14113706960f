"""Periods and filters as plain data: what every page is asked to show. No Streamlit here.

A period is a financial year or a custom date range. Figures "to date" stop at the data's last day, and the
period they are compared with is the same stretch of the year before (for a year) or the equal stretch just
before (for a custom range), so that a year in progress is compared like for like.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta

from bsdash import fiscal
from bsdash.analysis.dates import DataDates
from bsdash.formatting import uk_date

PROVIDER_TYPES = ("internal", "collaborated", "external")


@dataclass(frozen=True)
class Period:
    date_from: date
    date_to: date
    financial_year: str | None = None

    @classmethod
    def year(cls, label: str) -> "Period":
        first, last = fiscal.year_bounds(label)
        return cls(first, last, label)

    @property
    def label(self) -> str:
        if self.financial_year:
            return self.financial_year
        return f"{uk_date(self.date_from)} to {uk_date(self.date_to)}"

    def to_date(self, as_at: date) -> "Period":
        """The part of the period up to the data's last day."""
        return replace(self, date_to=min(self.date_to, as_at))

    def is_to_date(self, as_at: date) -> bool:
        return self.date_from <= as_at < self.date_to

    def previous(self, as_at: date) -> "Period":
        """The period to compare with, like for like."""
        end = min(self.date_to, as_at)
        if self.financial_year:
            start_year = int(self.financial_year[:4]) - 1
            label = f"{start_year}/{(start_year + 1) % 100:02d}"
            return Period(_year_earlier(self.date_from), _year_earlier(end), label)
        length = end - self.date_from
        return Period(self.date_from - length - timedelta(days=1), self.date_from - timedelta(days=1))

    def months_elapsed(self, as_at: date) -> float:
        """Calendar months of the period covered by the data (for a run rate): 1 April to 31 January is 10."""
        end = min(self.date_to, as_at)
        return max(_months_between(self.date_from, end), 0.0)

    def months_total(self) -> float:
        return _months_between(self.date_from, self.date_to)


def _months_between(first: date, last: date) -> float:
    """Months from the start of `first` to the end of `last`, counting part-months by their days."""
    after = last + timedelta(days=1)
    whole = (after.year - first.year) * 12 + after.month - first.month
    return whole + (after.day - first.day) / 30.4375


def _year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Filters:
    """The shared filters: a period, and departments, service types and provider types (empty = all), with how far
    each dataset reaches (`dates`: figures of a dataset are read at its own last day)."""

    period: Period
    dates: DataDates
    departments: tuple[str, ...] = ()
    service_types: tuple[str, ...] = ()
    provider_types: tuple[str, ...] = ()
    # The service codes left by service types and provider types together; None when neither restricts.
    services: tuple[str, ...] | None = None

    def params(self, period: Period | None = None) -> dict[str, object]:
        """The parameters every filtered named query takes."""
        period = period or self.period
        return {
            "date_from": period.date_from,
            "date_to": period.date_to,
            "departments": list(self.departments) or None,
            "services": None if self.services is None else list(self.services),
        }

    def nothing_selected(self) -> bool:
        """True when service and provider types together leave no service at all."""
        return self.services == ()

    def includes_it_support(self) -> bool:
        return self.services is None or "it_support" in self.services

    def with_departments(self, departments: tuple[str, ...]) -> "Filters":
        return replace(self, departments=departments)
