"""Payments and budgets of the sample force, with the structure the pages should reveal.

Spend per FTE follows each department's needs (the Cyber Crime Unit's ICT, a neighbourhood team's fleet and
estates), grows with inflation, peaks at the year end, and some departments overrun their budgets.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from bsdash.fiscal import month_starts, years_between
from bsdash.sample.organisation import (
    AS_AT,
    DEPARTMENTS,
    FIRST_DAY,
    OUTSOURCING_DATE,
    REDACTED,
    REDACTED_SHARE,
    SERVICES,
    SUPPLIERS,
    TAIL_SUPPLIERS,
    TAIL_WORDS,
    UNMAPPED_COST_CENTRE,
    Supplier,
)

# Prices rise: 2022/23's inflation shows.
YEAR_FACTOR = {"2021/22": 1.0, "2022/23": 1.09, "2023/24": 1.15, "2024/25": 1.19, "2025/26": 1.23}
# Spend by month of the financial year (April first): a rush in March, quiet in August and December.
SEASON = np.array([0.82, 0.93, 1.0, 1.0, 0.88, 1.02, 1.05, 1.05, 0.86, 1.0, 1.04, 1.38])
SEASON_BY_SERVICE = {
    "fleet": np.array([0.95, 0.95, 0.95, 0.95, 0.95, 1.0, 1.05, 1.1, 1.1, 1.1, 1.05, 1.0]),
    "training": np.array([1.0, 1.05, 1.0, 0.85, 0.6, 1.25, 1.3, 1.25, 0.8, 1.05, 1.1, 1.0]),
    "catering": np.array([1.0, 1.0, 1.05, 1.0, 0.75, 1.0, 1.0, 1.05, 1.25, 0.95, 1.0, 1.0]),
    "facilities": np.array([0.9, 0.9, 0.9, 0.9, 0.9, 0.95, 1.05, 1.15, 1.2, 1.2, 1.1, 1.0]),
}
PAYMENT_SPREAD = 0.8  # sigma of the log-normal payment size
CREDIT_SHARE = 0.02
UNMAPPED_SHARE = 0.002


@dataclass(frozen=True)
class SupplierPool:
    """Who can be paid for one service: names, provider types and base weights."""

    names: list[str]
    weights: np.ndarray
    named: list[Supplier | None]


def tail_names(service: str, count: int) -> list[str]:
    firsts, lasts = TAIL_WORDS[service]
    names = []
    for i in range(count):
        first = firsts[i % len(firsts)]
        last = lasts[(i // len(firsts)) % len(lasts)]
        round_ = i // (len(firsts) * len(lasts))
        names.append(
            f"{first} {last}" if round_ == 0 else f"{first} {['North', 'South', 'East', 'West'][round_ % 4]} {last}"
        )
    return names


def supplier_pools() -> dict[str, SupplierPool]:
    pools = {}
    for service in SERVICES:
        named = [s for s in SUPPLIERS if s.service == service.code]
        count, tail_share = TAIL_SUPPLIERS[service.code]
        redacted = REDACTED_SHARE.get(service.code, 0.0)
        tail_weights = 1 / np.arange(1, count + 1) ** 0.9
        tail_weights = tail_weights / tail_weights.sum() * tail_share
        named_weights = np.array([s.weight for s in named])
        named_weights = named_weights / named_weights.sum() * (1 - tail_share - redacted)
        names = [s.name for s in named] + tail_names(service.code, count) + ([REDACTED] if redacted else [])
        weights = np.concatenate([named_weights, tail_weights, [redacted] if redacted else []])
        pools[service.code] = SupplierPool(names, weights, named + [None] * (count + (1 if redacted else 0)))
    return pools


def _expense_weights(department_code: str, service_code: str) -> np.ndarray:
    service = next(s for s in SERVICES if s.code == service_code)
    weights = np.array([share for _, share, _, _ in service.expense_types])
    names = [name for name, _, _, _ in service.expense_types]
    boost = {
        ("CYB", "Software licences"): 2.6,
        ("CYB", "Hardware purchase"): 2.2,
        ("CYB", "IT managed service"): 0.5,
        ("CCJ", "Detainee meals"): 6.0,
        ("TAC", "Specialist training"): 2.5,
        ("RPU", "Specialist training"): 2.5,
        ("CYB", "Specialist training"): 3.0,
        ("FLT", "Vehicle purchase"): 2.5,
        ("LND", "Hospitality & events"): 3.0,
    }
    for i, name in enumerate(names):
        weights[i] *= boost.get((department_code, name), 1.0)
        if name == "Detainee meals" and department_code != "CCJ":
            weights[i] = 0.0
    return weights / weights.sum()


def plan(scale: float) -> pd.DataFrame:
    """Planned annual spend per financial year, department and service (before over- or underspends)."""
    rows = []
    for year in years_between(FIRST_DAY, AS_AT):
        for dept in DEPARTMENTS:
            fte = dept.officers + dept.staff
            for service in SERVICES:
                need = dept.needs.get(service.code, 1.0)
                rows.append((year, dept.code, service.code, fte * service.base_rate * need * YEAR_FACTOR[year] * scale))
    return pd.DataFrame(rows, columns=["financial_year", "department", "service", "planned"])


def budgets(planned: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Budgets set a little above or below plan, rounded to the nearest £100."""
    noise = rng.uniform(0.97, 1.05, len(planned))
    return planned.assign(budget=(planned["planned"] * noise / 100).round() * 100)


def payments(planned: pd.DataFrame, scale: float, rng: np.random.Generator) -> pd.DataFrame:
    """Every payment over £500: date, department, service, expense type, supplier, capital or revenue, amount."""
    departments = {d.code: d for d in DEPARTMENTS}
    services = {s.code: s for s in SERVICES}
    months = month_starts(FIRST_DAY, AS_AT)
    month_index = {m: i for i, m in enumerate(months)}

    # Expected spend per (year, department, service, month), then a payment count for each.
    cells = []
    for row in planned.itertuples(index=False):
        dept = departments[row.department]
        yearly_noise = rng.normal(1.0, 0.04)
        actual = row.planned * dept.overrun.get(row.service, 1.0) * yearly_noise
        season = SEASON * SEASON_BY_SERVICE.get(row.service, 1.0)
        season = season / season.sum()
        start = int(row.financial_year[:4])
        for i in range(12):
            month = date(start + (i + 3) // 12, (i + 3) % 12 + 1, 1)
            if month in month_index:
                cells.append((row.financial_year, row.department, row.service, month_index[month], actual * season[i]))
    cells = pd.DataFrame(cells, columns=["financial_year", "department", "service", "month", "expected"])
    # A department's own mix of expense types sets its typical payment, and so how many payments make its spend.
    mean_payment = {
        (d.code, s.code): float(_expense_weights(d.code, s.code) @ np.array([e[2] for e in s.expense_types]))
        for d in DEPARTMENTS
        for s in SERVICES
    }
    counts = rng.poisson(
        cells["expected"] / [mean_payment[k] for k in zip(cells["department"], cells["service"], strict=True)]
    )
    frame = cells.loc[cells.index.repeat(counts), ["financial_year", "department", "service", "month"]]
    frame = frame.reset_index(drop=True)

    frame["expense_type"] = ""
    for (dept, service), index in frame.groupby(["department", "service"]).groups.items():
        names = [e[0] for e in services[service].expense_types]
        frame.loc[index, "expense_type"] = rng.choice(names, size=len(index), p=_expense_weights(dept, service))

    frame["paid_date"] = _working_days(frame["month"].to_numpy(), months, rng)
    frame["supplier"] = _choose_suppliers(frame, rng)

    sizes = {e[0]: e[2] for s in SERVICES for e in s.expense_types}
    capital = {e[0]: e[3] for s in SERVICES for e in s.expense_types}
    typical = frame["expense_type"].map(sizes).to_numpy()
    amounts = np.exp(rng.normal(np.log(typical) - PAYMENT_SPREAD**2 / 2, PAYMENT_SPREAD))
    credits = rng.random(len(amounts)) < CREDIT_SHARE
    amounts[credits] = -amounts[credits] * rng.uniform(0.05, 0.6, credits.sum())
    # A few large payments would swing a small budget line at random: each department's year of a service is
    # brought to what was designed for it (its overrun or underspend), keeping the months' ups and downs.
    keys = ["financial_year", "department", "service"]
    designed = cells.groupby(keys)["expected"].sum()
    drawn = pd.Series(amounts).groupby([frame[k] for k in keys]).transform("sum").to_numpy()
    target = designed.reindex(pd.MultiIndex.from_frame(frame[keys])).to_numpy()
    amounts = amounts * np.where(drawn > 0, target / drawn, 1.0)
    floor = rng.uniform(500.01, 650, len(amounts))
    amounts = np.where(credits, amounts, np.maximum(amounts, floor))  # spend over £500 (credits excepted)
    frame["amount"] = np.round(amounts, 2)
    frame["capital"] = rng.random(len(frame)) < frame["expense_type"].map(capital).to_numpy()

    # A major operation's own cost code, which is not a department.
    unmapped = (rng.random(len(frame)) < UNMAPPED_SHARE) & frame["service"].isin(["catering", "fleet", "facilities"])
    names = {d.code: d.name for d in DEPARTMENTS}
    frame["department_label"] = frame["department"].map(names)
    frame.loc[unmapped, "department_label"] = UNMAPPED_COST_CENTRE
    # Before a restructure Tonbridge & Malling's team went by its longer name.
    tonbridge = next(d for d in DEPARTMENTS if d.code == "NPT-TON")
    old = (frame["department"] == "NPT-TON") & (frame["paid_date"] < pd.Timestamp("2022-04-01"))
    frame.loc[old, "department_label"] = tonbridge.aliases[0]

    frame = frame.sort_values(["paid_date", "department", "service", "supplier", "amount"], kind="stable")
    frame = frame.reset_index(drop=True)
    frame["transaction_number"] = [f"AP{n:09d}" for n in range(1_000_001, 1_000_001 + len(frame))]
    frame["service_name"] = frame["service"].map({s.code: s.name for s in SERVICES})
    return frame


def _working_days(month_numbers: np.ndarray, months: list[date], rng: np.random.Generator) -> np.ndarray:
    """A random Monday-to-Friday in each payment's month (not after the data's last day)."""
    days_by_month = []
    for month in months:
        end = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        days = pd.bdate_range(month, min(end - timedelta(days=1), AS_AT))
        days_by_month.append(days.to_numpy())
    lengths = np.array([len(d) for d in days_by_month])
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    flat = np.concatenate(days_by_month)
    pick = (rng.random(len(month_numbers)) * lengths[month_numbers]).astype(int)
    return flat[offsets[month_numbers] + pick]


def _choose_suppliers(frame: pd.DataFrame, rng: np.random.Generator) -> np.ndarray:
    pools = supplier_pools()
    chosen = np.empty(len(frame), dtype=object)
    after = frame["paid_date"].to_numpy() >= np.datetime64(OUTSOURCING_DATE)
    keys = frame[["department", "service", "expense_type"]].assign(after=after)
    for (dept, service, expense, is_after), index in keys.groupby(
        ["department", "service", "expense_type", "after"]
    ).groups.items():
        pool = pools[service]
        weights = pool.weights.copy()
        day = OUTSOURCING_DATE if is_after else OUTSOURCING_DATE - timedelta(days=1)
        for i, supplier in enumerate(pool.named):
            if supplier is None:
                continue
            wrong_type = bool(supplier.expense_types) and expense not in supplier.expense_types
            not_trading = (supplier.active_from and day < supplier.active_from) or (
                supplier.active_to and day > supplier.active_to
            )
            if wrong_type or not_trading:
                weights[i] = 0
            else:
                weights[i] *= supplier.favoured_by.get(dept, 1.0)
        chosen[index] = rng.choice(pool.names, size=len(index), p=weights / weights.sum())
    return chosen
