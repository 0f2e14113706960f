"""Before and after a change of provider: equal windows either side of the change date, and a difference in
differences against the services that stayed in-house. Pure functions, no Streamlit.

    effect = (changed after - changed before) - (in-house after - in-house before)

computed month by month: each month's gap between the changed service and the in-house comparison, averaged
after the change minus averaged before. The interval is a block bootstrap over months: each window's months are
drawn again with replacement, in runs of three consecutive months (neighbouring months are alike), 2,000 times
with a fixed seed (so the page shows the same figures every time), and the middle 95 % of the effects those
draws give is the interval. When it spans zero the data cannot tell
the change's effect from the month-to-month noise: "not enough evidence".
"""

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

DRAWS = 2000
BLOCK = 3  # months drawn together
COVERAGE = 0.95
SEED = 20231001


@dataclass(frozen=True)
class Windows:
    """Equal whole-month windows: [before_from, change) and [change, after_to]."""

    change: date
    months: int

    @property
    def before_from(self) -> date:
        return (pd.Timestamp(self.change) - pd.DateOffset(months=self.months)).date()

    @property
    def after_to(self) -> date:
        return (pd.Timestamp(self.change) + pd.DateOffset(months=self.months) - pd.Timedelta(days=1)).date()


def equal_windows(change: date, wanted_months: int, first_day: date, last_day: date) -> Windows | None:
    """The longest equal windows up to `wanted_months` that the data covers on both sides; None if not one."""
    before = _whole_months(first_day, change)
    after = _whole_months(change, last_day + pd.Timedelta(days=1))
    months = min(wanted_months, before, after)
    return Windows(change, months) if months >= 1 else None


def _whole_months(start: date, end: date) -> int:
    """Whole months from `start` until `end` (exclusive)."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    months = (end.year - start.year) * 12 + end.month - start.month
    if start + pd.DateOffset(months=months) > end:
        months -= 1
    return max(months, 0)


@dataclass(frozen=True)
class Estimate:
    """An effect with its interval, and the four window averages it comes from."""

    effect: float
    low: float
    high: float
    changed_before: float
    changed_after: float
    comparison_before: float | None
    comparison_after: float | None
    months_before: int
    months_after: int

    @property
    def enough_evidence(self) -> bool:
        return not (self.low <= 0 <= self.high) and not np.isnan(self.low)


def difference_in_differences(monthly: pd.DataFrame, value: str) -> Estimate | None:
    """Effect of the change on `value`, from one row per window month and group.

    `monthly` has window_month (negative before the change, 0 and up after), arm ("changed" or "comparison")
    and the value. Months where either arm has no value are left out.
    """
    wide = monthly.pivot_table(index="window_month", columns="arm", values=value, aggfunc="first")
    if not {"changed", "comparison"} <= set(wide.columns):
        return None
    wide = wide.dropna(subset=["changed", "comparison"])
    gaps = wide["changed"] - wide["comparison"]
    before, after = gaps[gaps.index < 0].to_numpy(), gaps[gaps.index >= 0].to_numpy()
    if len(before) < 2 or len(after) < 2:
        return None
    low, high = _bootstrap(before, after)
    return Estimate(
        effect=float(after.mean() - before.mean()),
        low=low,
        high=high,
        changed_before=float(wide.loc[wide.index < 0, "changed"].mean()),
        changed_after=float(wide.loc[wide.index >= 0, "changed"].mean()),
        comparison_before=float(wide.loc[wide.index < 0, "comparison"].mean()),
        comparison_after=float(wide.loc[wide.index >= 0, "comparison"].mean()),
        months_before=len(before),
        months_after=len(after),
    )


def before_and_after(monthly: pd.DataFrame, value: str) -> Estimate | None:
    """The change in `value` with no comparison group: after minus before, with the same bootstrap interval."""
    rows = monthly.dropna(subset=[value])
    before = rows.loc[rows["window_month"] < 0, value].to_numpy(dtype=float)
    after = rows.loc[rows["window_month"] >= 0, value].to_numpy(dtype=float)
    if len(before) < 2 or len(after) < 2:
        return None
    low, high = _bootstrap(before, after)
    return Estimate(
        float(after.mean() - before.mean()),
        low,
        high,
        float(before.mean()),
        float(after.mean()),
        None,
        None,
        len(before),
        len(after),
    )


def _bootstrap(before: np.ndarray, after: np.ndarray) -> tuple[float, float]:
    rng = np.random.default_rng(SEED)
    draws_before, draws_after = _block_means(before, rng), _block_means(after, rng)
    tail = (1 - COVERAGE) / 2
    low, high = np.quantile(draws_after - draws_before, [tail, 1 - tail])
    return float(low), float(high)


def _block_means(values: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Means of DRAWS resamples made of runs of BLOCK consecutive months (wrapping round at the end).

    Runs rather than single months, because a month is like the months beside it: drawing months one at a time
    would pretend they are independent and give too narrow an interval.
    """
    n = len(values)
    block = min(BLOCK, n)
    blocks = -(-n // block)
    starts = rng.integers(0, n, size=(DRAWS, blocks))
    index = (starts[:, :, None] + np.arange(block)) % n
    return values[index.reshape(DRAWS, blocks * block)[:, :n]].mean(axis=1)


def verdict(estimate: Estimate | None, *, higher_is_better: bool, what: str, shown) -> str:
    """One sentence: better, worse, or not enough evidence; `shown` formats the effect and its interval."""
    if estimate is None:
        return f"{what}: not enough months on both sides of the change to compare."
    interval = f"{shown(estimate.effect)} (95 % interval {shown(estimate.low)} to {shown(estimate.high)})"
    if not estimate.enough_evidence:
        return f"{what}: **not enough evidence** of a change: {interval}; the interval spans zero."
    better = (estimate.effect > 0) == higher_is_better
    return f"{what}: **{'better' if better else 'worse'}** after the change: {interval}."


def suggested_change(teams: pd.DataFrame, first_day: date) -> date | None:
    """The first day of the earliest resolver team that started well after the data begins: a change of provider.

    `teams` has team, provider_type and first_ticket (resolver_teams).
    """
    later = teams[pd.to_datetime(teams["first_ticket"]) > pd.Timestamp(first_day) + pd.Timedelta(days=31)]
    return None if later.empty else pd.Timestamp(later["first_ticket"].min()).date()


def teams_started_on(teams: pd.DataFrame, day: date) -> pd.DataFrame:
    """The resolver teams whose first ticket was on `day`."""
    return teams[pd.to_datetime(teams["first_ticket"]).dt.date == day]


def teams_in(monthly: pd.DataFrame, arm: str, before: bool) -> str:
    """The teams that handled an arm's tickets in one window, named once each."""
    rows = monthly[(monthly["arm"] == arm) & ((monthly["window_month"] < 0) == before)]
    names = sorted({name.strip() for teams in rows["teams"].dropna() for name in teams.split(",")})
    return ", ".join(names) or "none"


HANDOVER_DAYS = 31  # a successor starting this close to the end of the contract it replaces took it over
SUCCESSOR_SHARE = 0.5  # ... and it is at least half its size: a change of the main provider, not a side contract


@dataclass(frozen=True)
class ProviderChange:
    """The day a service's main provider changed, with the contract that ended and the one that took over."""

    day: date
    ended: pd.Series  # title, supplier, provider_type, start_date, end_date, annual_value, contract_id
    took_over: pd.Series

    def narrative(self) -> str:
        old, new = self.ended, self.took_over
        return (
            f"Found in the contract register: {old['title']} ({old['supplier']}, {old['provider_type']}) ended on "
            f"{_uk(old['end_date'])}; {new['supplier']} ({new['provider_type']}) took over on {_uk(new['start_date'])} "
            f"under {new['contract_id']}, {new['title']} (£{new['annual_value']:,.0f} a year)."
        )


def provider_change(contracts: pd.DataFrame, first_day: date, last_day: date) -> ProviderChange | None:
    """The largest change of a service's main provider inside the data, from its contract register.

    A change is the service's largest live contract ending and a contract with another supplier, at least half
    its annual value, starting within HANDOVER_DAYS of that end. None when the register shows no such handover
    between `first_day` and `last_day` (renewals with the same supplier and side contracts are not changes).
    """
    if contracts.empty:
        return None
    rows = contracts.assign(
        start_date=pd.to_datetime(contracts["start_date"]), end_date=pd.to_datetime(contracts["end_date"])
    )
    first, last, gap = pd.Timestamp(first_day), pd.Timestamp(last_day), pd.Timedelta(days=HANDOVER_DAYS)
    found = []
    for _, old in rows[(rows["end_date"] > first) & (rows["end_date"] < last)].iterrows():
        live = rows[(rows["start_date"] <= old["end_date"]) & (rows["end_date"] >= old["end_date"])]
        if old["annual_value"] < live["annual_value"].max():
            continue
        successors = rows[
            (rows["supplier"] != old["supplier"])
            & rows["start_date"].between(old["end_date"] - gap, old["end_date"] + gap)
            & (rows["annual_value"] >= SUCCESSOR_SHARE * old["annual_value"])
        ]
        if len(successors):
            new = successors.sort_values("annual_value", ascending=False).iloc[0]
            found.append((old["annual_value"], old, new))
    if not found:
        return None
    _, old, new = max(found, key=lambda item: item[0])
    return ProviderChange(new["start_date"].date(), old, new)


def _uk(value: object) -> str:
    return pd.Timestamp(value).strftime("%d/%m/%Y")
