"""The rows behind a bar: what a click on a chart of spend or tickets narrows to, kept in the URL, and the
payments or tickets behind it, with their count and total (which equal the bar's).

Each chart that can be clicked declares a `Bar`: which rows are behind it (payments or tickets), which URL keys
a click sets (each checked when it comes back from a link) and how the selection is said in words. A click
arrives as Plotly's point (a plain dict: x, y, customdata); `Bar.from_point` turns it into a `Drill`.
"""

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from bsdash import formatting as fmt
from bsdash.analysis.figures import Fetch, Runner, Table, table
from bsdash.analysis.periods import Filters

ROW_LIMIT = 5000
PRIORITIES = ("P1", "P2", "P3", "P4")
_CODE = re.compile(r"[A-Za-z0-9_. &/()'-]{1,80}")


def _month(text: str) -> str:
    day = date.fromisoformat(text[:10])
    return day.replace(day=1).isoformat()


def _day(text: str) -> str:
    return date.fromisoformat(text[:10]).isoformat()


def _code(text: str) -> str:
    if not _CODE.fullmatch(text):
        raise ValueError("not a code")
    return text


def _priority(text: str) -> str:
    if text not in PRIORITIES:
        raise ValueError("not a priority")
    return text


def _whole(text: str) -> str:
    return str(int(text))


def _share(text: str) -> str:
    return repr(float(text))


def _choice(*allowed: str) -> Callable[[str], str]:
    def check(text: str) -> str:
        if text not in allowed:
            raise ValueError(f"not one of {', '.join(allowed)}")
        return text

    return check


# What each URL key may hold: the value made canonical, or ValueError.
KEYS: dict[str, Callable[[str], str]] = {
    "service": _code,
    "supplier": _code,
    "expense_type": lambda text: text if 0 < len(text) <= 120 and text.isprintable() else _code(""),
    "month": _month,
    "department": _code,
    "capital_revenue": _choice("capital", "revenue"),
    "priority": _priority,
    "open_on": _day,
    "age_from": _whole,
    "age_to": _whole,
    "used_from": _share,
    "used_to": _share,
    "year": lambda text: text if re.fullmatch(r"\d{4}/\d{2}", text) else _code(""),
}
NUMBERS = {"age_from": int, "age_to": int, "used_from": float, "used_to": float}


@dataclass(frozen=True)
class Drill:
    """A selection: the chart clicked and what the click narrows to (URL keys and canonical text values)."""

    chart: str
    narrowing: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Bar:
    """A chart whose bars list the rows behind them.

    `rows`: "payments" or "tickets". `point`: the click's narrowing from Plotly's point, or None when the point
    has no rows behind it (a line, another force's bar). `label`: the selection in words. `which`: for tickets,
    logged in the period, resolved in it, or open at the end of the day the figures are counted at.
    `base`: the period, departments and services the rows are of (default: the shared filters').
    """

    rows: str
    keys: tuple[str, ...]
    point: Callable[[Mapping], Mapping[str, object] | None]
    label: Callable[[Mapping[str, str], "Names"], str]
    which: str | None = None
    base: Callable[[Filters, Mapping[str, str]], dict] | None = None

    def from_point(self, chart: str, point: Mapping | None) -> Drill | None:
        if not point:
            return None
        narrowing = self.point(point)
        if narrowing is None:
            return None
        return Drill(chart, {key: KEYS[key](str(value)) for key, value in narrowing.items() if value is not None})

    def from_url(self, chart: str, values: Mapping[str, str]) -> tuple[Drill | None, list[str]]:
        """The selection a link holds, and what it held that was not usable."""
        kept, bad = {}, []
        for key, value in values.items():
            if key not in self.keys:
                bad.append(key)
                continue
            try:
                kept[key] = KEYS[key](value)
            except (ValueError, TypeError):
                bad.append(key)
        return (Drill(chart, kept) if kept and not bad else None), bad


@dataclass(frozen=True)
class Names:
    """Codes in words, for the labels."""

    departments: Mapping[str, str]
    services: Mapping[str, str]
    suppliers: Mapping[str, str] = field(default_factory=dict)


def month_words(text: str) -> str:
    """2024-07-01 as July 2024."""
    return date.fromisoformat(text).strftime("%B %Y")


def service_words(code: str, names: Names) -> str:
    return "Unmapped" if code == "unmapped" else names.services.get(code, code)


def service_bar() -> Bar:
    """A bar of the spend-by-service chart (bsdash.charts.core.spend_by_service): its service code is the third
    item of its customdata."""
    return Bar(
        "payments",
        ("service",),
        point=lambda p: {"service": p["customdata"][2]},
        label=lambda n, names: f"service type {service_words(n['service'], names)}",
    )


@dataclass(frozen=True)
class Behind:
    label: str
    rows: Table
    count: int
    total: float | None  # payments: their total; tickets: None
    caption: str


def rows_behind(filters: Filters, run: Runner, bar: Bar, drill: Drill, names: Names) -> Behind:
    """The rows behind the selection, at most ROW_LIMIT listed, and the count and total of all of them."""
    fetch = Fetch(run)
    base = bar.base(filters, drill.narrowing) if bar.base else filters.params()
    narrowing = {k: NUMBERS[k](v) if k in NUMBERS else v for k, v in drill.narrowing.items() if k != "year"}
    if bar.rows == "payments":
        params = {**base, **narrowing}
        summary = fetch("payments_summary", **params).iloc[0]
        rows = fetch("payments", **params, row_limit=ROW_LIMIT)
        count, total = int(summary["payments"]), float(summary["amount"])
        caption = f"{count:,} payments, totalling {fmt.money(total)}."
        kinds = {"amount": "pence"}
    else:
        if bar.which == "open":
            narrowing.setdefault("open_on", min(filters.period.date_to, filters.dates.of("tickets")).isoformat())
        params = {**base, **narrowing, "which": bar.which}
        summary = fetch("tickets_behind_summary", **params).iloc[0]
        rows = fetch("tickets_behind", **params, row_limit=ROW_LIMIT)
        count, total = int(summary["tickets"]), None
        caption = f"{count:,} tickets"
        if bar.which == "resolved" and summary["with_sla_outcome"]:
            caption += (
                f", {int(summary['within_sla']):,} of {int(summary['with_sla_outcome']):,} within their SLA "
                f"({fmt.percent(summary['sla_compliance'])})"
            )
        caption += "."
        kinds = {"sla_used_share": "percent"}
    if count > len(rows):
        order = "largest" if bar.rows == "payments" else "newest"
        caption += f" The {len(rows):,} {order} are listed; the Data explorer lists more."
    label = bar.label(drill.narrowing, names)
    return Behind(
        label, table(f"{bar.rows.capitalize()} behind: {label}", rows, bar.rows, kinds=kinds), count, total, caption
    )
