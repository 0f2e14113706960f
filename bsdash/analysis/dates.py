"""How far each export reaches: every dataset has its own "as at", its last complete day.

A dashboard with one "as at" for everything lets one export move another's figures: a spend file a week ahead
of the tickets would count every open ticket a week older. So payments, tickets, the other services' monthly
levels and the contract register each run to their own day, figures of a dataset are read at that dataset's
day, and when one export is a week or more behind another the pages say which.

- Payments: the last day paid. Payment runs happen on working days, so when the last payment falls on the last
  working day of its month (Friday 30/01/2026, the 31st being a Saturday) the whole month is complete.
- Tickets: the last day on which a ticket was logged, resolved or closed (the service desk works every day).
- Service levels: each row is a month's result, so the last day of the latest month reported.
- The contract register is a list of agreements with no date of its own: it is read on the latest day the
  dated exports reach (they are loaded together, each month).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from bsdash.formatting import uk_date

BEHIND_DAYS = 7
DATASETS = {
    "spend": "payments",
    "tickets": "tickets",
    "service_levels": "service levels",
    "contracts": "contract register",
}


def last_working_day(day: date) -> date:
    """The last Monday-to-Friday day of `day`'s month."""
    last = _month_end(day)
    while last.weekday() >= 5:
        last -= timedelta(days=1)
    return last


def spend_complete_to(last_paid: date | None) -> date | None:
    """The last complete day of a payments export whose last payment is `last_paid`."""
    if last_paid is None:
        return None
    return _month_end(last_paid) if last_paid >= last_working_day(last_paid) else last_paid


def _month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


@dataclass(frozen=True)
class DataDates:
    """Each dataset's last complete day (None when it holds nothing), and the first day of any data."""

    spend: date | None
    tickets: date | None
    service_levels: date | None
    first_day: date | None = None

    @classmethod
    def from_row(cls, row: dict) -> "DataDates":
        """From the `data_as_at` query's row: the raw last days, made complete days here."""
        levels = _day(row.get("service_levels_last_month"))
        return cls(
            spend=spend_complete_to(_day(row.get("spend_last_day"))),
            tickets=_day(row.get("tickets_last_day")),
            service_levels=_month_end(levels) if levels else None,
            first_day=_day(row.get("first_day")),
        )

    @property
    def contracts(self) -> date | None:
        return self.latest if self.known() else None

    @property
    def latest(self) -> date:
        """The latest day any export reaches (today when there is no data at all)."""
        return max(self.known().values(), default=date.today())

    def of(self, dataset: str) -> date:
        """A dataset's day; a dataset with no rows falls back to the latest day of the others."""
        return getattr(self, dataset) or self.latest

    def known(self) -> dict[str, date]:
        """The dated exports that hold rows, by dataset."""
        days = {"spend": self.spend, "tickets": self.tickets, "service_levels": self.service_levels}
        return {name: day for name, day in days.items() if day is not None}

    def all_same(self) -> bool:
        return len(set(self.known().values())) <= 1

    def behind(self, days: int = BEHIND_DAYS) -> list[tuple[str, date]]:
        """The exports `days` or more behind the freshest, most behind first."""
        latest = self.latest
        late = [(name, day) for name, day in self.known().items() if (latest - day).days >= days]
        return sorted(late, key=lambda item: item[1])

    def notice(self, days: int = BEHIND_DAYS) -> str | None:
        """A sentence naming the exports that are a week or more behind the freshest, or None."""
        late = self.behind(days)
        if not late:
            return None
        by_day: dict[date, list[str]] = {}
        for name, day in late:
            by_day.setdefault(day, []).append(DATASETS[name])
        parts = []
        for day, names in by_day.items():
            several = len(names) > 1
            parts.append(
                f"the {' and '.join(names)} export{'s end' if several else ' ends'} on {uk_date(day)}, "
                f"{(self.latest - day).days} days"
            )
        freshest = [DATASETS[name] for name, day in self.known().items() if day == self.latest]
        text = "; ".join(parts)
        return (
            f"{text[0].upper()}{text[1:]} behind the {' and '.join(freshest)} ({uk_date(self.latest)}). Each "
            "dataset's figures are as at its own last day: import the newer export to bring them level."
        )

    def describe(self) -> str:
        """'data as at 31/01/2026' when the exports agree, otherwise each one's day."""
        if not self.known():
            return "no data yet"
        if self.all_same():
            return f"data as at {uk_date(self.latest)}"
        return "data as at: " + ", ".join(f"{DATASETS[n]} {uk_date(d)}" for n, d in self.known().items())

    def lines(self) -> list[str]:
        """Each dataset's day in words, for the Overview and for a download's header."""
        out = [f"{DATASETS[name].capitalize()} to {uk_date(day)}" for name, day in self.known().items()]
        if self.contracts:
            out.append(f"Contract register read on {uk_date(self.contracts)} (it has no date of its own)")
        return out


def _day(value: object) -> date | None:
    if value is None or value != value:  # NaT and NaN are not equal to themselves
        return None
    return value.date() if hasattr(value, "date") and callable(value.date) else value  # type: ignore[return-value]
