"""IT support tickets of the sample force: demand by department, the seed's workflow, and the outsourcing.

Each ticket goes submitted -> assigned -> resolved -> closed after the user confirms (or five days pass).
From OUTSOURCING_DATE the service desk, field and network teams are the external supplier's, and their tickets
are assigned and resolved faster; Applications Support and the telephony team stay in-house and do not change,
which is what lets a before-and-after comparison tell the supplier's effect from the general trend.
"""

from datetime import datetime
from statistics import NormalDist

import numpy as np
import pandas as pd

from bsdash.sample.organisation import AS_AT, DEPARTMENTS, FIRST_DAY, OUTSOURCING_DATE
from bsdash.store.db import SLA_TARGETS

TICKETS_AT_SCALE_1 = 310_000
# A worldwide software fault: one morning's flood of tickets.
OUTAGE_DAY = datetime(2024, 7, 19)
OUTAGE_TICKETS = 1_400

PRIORITIES = np.array(["P1", "P2", "P3", "P4"])
PRIORITY_MIX = {"default": [0.015, 0.085, 0.6, 0.3], "CYB": [0.03, 0.14, 0.58, 0.25], "FCR": [0.04, 0.12, 0.56, 0.28]}
TARGET_HOURS = {p: hours for p, _, hours, _, _ in SLA_TARGETS}

CATEGORIES = np.array(
    [
        "Hardware",
        "Software",
        "Accounts & access",
        "Network & connectivity",
        "Email & collaboration",
        "Telephony & radio",
        "Printing",
        "Policing applications",
    ]
)
CATEGORY_MIX = {
    "default": [0.22, 0.18, 0.2, 0.08, 0.1, 0.07, 0.07, 0.08],
    "CYB": [0.2, 0.3, 0.1, 0.15, 0.05, 0.03, 0.02, 0.15],
    "FCR": [0.15, 0.12, 0.12, 0.1, 0.06, 0.2, 0.05, 0.2],
    "CCJ": [0.2, 0.12, 0.15, 0.08, 0.05, 0.08, 0.12, 0.2],
}
CHANNELS = np.array(["Phone", "Email", "Self-service portal", "Walk-in"])
CHANNEL_MIX = {False: [0.55, 0.3, 0.1, 0.05], True: [0.4, 0.2, 0.37, 0.03]}

# Resolver groups: (before outsourcing, after), with their provider types.
GROUPS = {
    "service_desk": (("KE ICT Service Desk", "collaborated"), ("Meridian Service Desk", "external")),
    "desktop": (("KE ICT Desktop Support", "collaborated"), ("Meridian Field Services", "external")),
    "network": (("KE ICT Network Services", "collaborated"), ("Meridian Network Operations", "external")),
    "applications": (("Applications Support", "internal"), ("Applications Support", "internal")),
    "telephony": (("Telephony & Radio Team", "internal"), ("Telephony & Radio Team", "internal")),
}
GROUP_OF_CATEGORY = {
    "Hardware": "desktop",
    "Printing": "desktop",
    "Network & connectivity": "network",
    "Policing applications": "applications",
    "Telephony & radio": "telephony",
}
# Share of tickets resolved within target (those not resolved at first contact), before and after.
MET_SHARE = {
    ("outsourced", False): {"P1": 0.74, "P2": 0.72, "P3": 0.77, "P4": 0.83},
    ("outsourced", True): {"P1": 0.9, "P2": 0.88, "P3": 0.9, "P4": 0.93},
    ("in_house", False): {"P1": 0.8, "P2": 0.78, "P3": 0.8, "P4": 0.85},
    ("in_house", True): {"P1": 0.8, "P2": 0.78, "P3": 0.8, "P4": 0.85},
}
DURATION_SPREAD = 0.85
WEEKDAY_OFFICE = np.array([1.25, 1.1, 1.05, 1.0, 0.9, 0.3, 0.25])
WEEKDAY_ROUND_THE_CLOCK = np.array([1.1, 1.05, 1.0, 1.0, 1.0, 0.85, 0.8])
HOURS_OFFICE = np.array(
    [
        0.1,
        0.05,
        0.05,
        0.05,
        0.05,
        0.1,
        0.3,
        1.0,
        2.2,
        2.6,
        2.4,
        2.2,
        1.6,
        2.0,
        2.2,
        2.0,
        1.6,
        1.0,
        0.5,
        0.35,
        0.3,
        0.25,
        0.2,
        0.15,
    ]
)
HOURS_ROUND_THE_CLOCK = np.array(
    [
        0.6,
        0.5,
        0.45,
        0.4,
        0.4,
        0.5,
        0.8,
        1.2,
        1.6,
        1.7,
        1.6,
        1.5,
        1.4,
        1.5,
        1.5,
        1.5,
        1.4,
        1.3,
        1.2,
        1.1,
        1.0,
        0.9,
        0.8,
        0.7,
    ]
)
MONTH_FACTOR = np.array([1.0, 0.97, 0.99, 1.04, 0.98, 0.98, 1.0, 0.99, 1.01, 1.04, 1.08, 0.84])  # Jan..Dec


def _day_weights(days: pd.DatetimeIndex, round_the_clock: bool) -> np.ndarray:
    weekday = (WEEKDAY_ROUND_THE_CLOCK if round_the_clock else WEEKDAY_OFFICE)[days.day_of_week]
    month = MONTH_FACTOR[days.month - 1]
    years = np.asarray((days - pd.Timestamp(FIRST_DAY)).days) / 365.25
    trend = 1.05**years  # demand grows about 5 % a year
    weights = np.asarray(weekday * month * trend, dtype=float)
    return weights / weights.sum()


def tickets(ticket_scale: float, rng: np.random.Generator) -> pd.DataFrame:
    """One row per ticket, in its state at the end of AS_AT."""
    days = pd.date_range(FIRST_DAY, AS_AT, freq="D")
    total = TICKETS_AT_SCALE_1 * ticket_scale
    weight = {d.code: (d.officers + d.staff) * d.ticket_intensity for d in DEPARTMENTS}
    all_weight = sum(weight.values())
    parts = []
    for dept in DEPARTMENTS:
        n = rng.poisson(total * weight[dept.code] / all_weight)
        day = rng.choice(len(days), size=n, p=_day_weights(days, dept.round_the_clock))
        hours = HOURS_ROUND_THE_CLOCK if dept.round_the_clock else HOURS_OFFICE
        hour = rng.choice(24, size=n, p=hours / hours.sum())
        opened = days[day].to_numpy() + (hour * 3600 + rng.integers(0, 3600, n)).astype("timedelta64[s]")
        parts.append(pd.DataFrame({"department": dept.code, "opened_at": opened}))
        outage = rng.poisson(OUTAGE_TICKETS * ticket_scale * weight[dept.code] / all_weight)
        if outage:
            seconds = rng.integers(6 * 3600, 13 * 3600, outage).astype("timedelta64[s]")
            parts.append(
                pd.DataFrame(
                    {"department": dept.code, "opened_at": np.datetime64(OUTAGE_DAY) + seconds, "outage": True}
                )
            )
    frame = pd.concat(parts, ignore_index=True)
    frame["outage"] = frame["outage"].fillna(False).astype(bool)
    frame = frame.sort_values(["opened_at", "department"], kind="stable").reset_index(drop=True)
    n = len(frame)
    after = frame["opened_at"].to_numpy() >= np.datetime64(OUTSOURCING_DATE)

    frame["priority"] = _by_department(frame, PRIORITIES, PRIORITY_MIX, rng)
    frame["category"] = _by_department(frame, CATEGORIES, CATEGORY_MIX, rng)
    outage = frame["outage"].to_numpy()
    frame.loc[outage, "priority"] = rng.choice(["P2", "P3"], size=outage.sum(), p=[0.6, 0.4])
    frame.loc[outage, "category"] = "Software"
    frame["channel"] = np.where(
        after, rng.choice(CHANNELS, n, p=CHANNEL_MIX[True]), rng.choice(CHANNELS, n, p=CHANNEL_MIX[False])
    )

    group_kind = frame["category"].map(GROUP_OF_CATEGORY).fillna("service_desk").to_numpy()
    in_house = np.isin(group_kind, ["applications", "telephony"])
    priority = frame["priority"].to_numpy()
    eligible = np.isin(frame["channel"], ["Phone", "Walk-in"]) & np.isin(priority, ["P3", "P4"]) & ~in_house
    fcr = eligible & (rng.random(n) < np.where(after, 0.55, 0.45))
    frame["first_contact_resolution"] = fcr
    group_kind = np.where(fcr, "service_desk", group_kind)
    group_name = np.empty(n, dtype=object)
    provider = np.empty(n, dtype=object)
    for kind, ((before_name, before_type), (after_name, after_type)) in GROUPS.items():
        mask = group_kind == kind
        group_name[mask] = np.where(after[mask], after_name, before_name)
        provider[mask] = np.where(after[mask], after_type, before_type)
    frame["assignment_group"] = group_name
    frame["provider_type"] = provider

    # Time to assign: minutes; the supplier's desk triages faster, P1 is picked up at once.
    median_minutes = np.where(after & ~in_house, 9.0, 25.0) * np.where(priority == "P1", 0.25, 1.0)
    assign_minutes = np.where(fcr, rng.uniform(0, 3, n), np.exp(rng.normal(np.log(median_minutes), 1.0)))
    reassignments = np.where(fcr, 0, rng.poisson(np.where(after & ~in_house, 0.65, 0.5)))

    # Time to resolve: log-normal around the priority's target, placed so that the stated share meets it.
    target = frame["priority"].map(TARGET_HOURS).to_numpy(dtype=float)
    met_share = np.empty(n)
    for (group, is_after), shares in MET_SHARE.items():
        mask = (in_house if group == "in_house" else ~in_house) & (after == is_after)
        met_share[mask] = frame.loc[mask, "priority"].map(shares).to_numpy()
    z = np.array([NormalDist().inv_cdf(p) for p in met_share])
    hours = target * np.exp(rng.normal(-z * DURATION_SPREAD, DURATION_SPREAD))
    hours *= 1 + 0.12 * reassignments
    hours *= np.where(frame["department"] == "CYB", 1.15, 1.0)
    stuck = rng.random(n) < 0.004
    hours[stuck] *= rng.uniform(8, 40, stuck.sum())
    hours = np.where(fcr, rng.uniform(0.08, 0.4, n), np.maximum(hours, assign_minutes / 60 + 0.1))

    opened = frame["opened_at"].to_numpy()
    frame["assigned_at"] = opened + (assign_minutes * 60).astype("timedelta64[s]")
    frame["resolved_at"] = opened + (hours * 3600).astype("timedelta64[s]")
    confirm_days = np.minimum(np.exp(rng.normal(np.log(1.5), 0.9, n)), 5.0)
    frame["closed_at"] = frame["resolved_at"].to_numpy() + (confirm_days * 86400).astype("timedelta64[s]")
    frame["reassignment_count"] = reassignments
    frame["reopen_count"] = np.where(fcr, 0, rng.random(n) < np.where(after & ~in_house, 0.035, 0.05)) * rng.choice(
        [1, 1, 1, 2], n
    )
    frame["sla_met"] = pd.array(hours <= target, dtype="boolean")

    score = np.clip(np.round(rng.normal(np.where(hours <= target, 4.3, 3.1) + after * 0.15, 0.8)), 1, 5)
    frame["satisfaction_score"] = np.where(rng.random(n) < 0.2, score, np.nan)
    frame["state"] = "closed"
    _apply_state_at_extract(frame, rng)
    frame["ticket_number"] = [f"INC{i:07d}" for i in range(1_000_001, 1_000_001 + n)]
    return frame


def _by_department(
    frame: pd.DataFrame, values: np.ndarray, mixes: dict[str, list[float]], rng: np.random.Generator
) -> np.ndarray:
    out = np.empty(len(frame), dtype=object)
    for dept, index in frame.groupby("department").groups.items():
        mix = np.array(mixes.get(dept, mixes["default"]))
        out[frame.index.get_indexer(index)] = rng.choice(values, size=len(index), p=mix / mix.sum())
    return out


def _apply_state_at_extract(frame: pd.DataFrame, rng: np.random.Generator) -> None:
    """What the export shows at the end of AS_AT: open tickets have no resolution yet, some are cancelled."""
    extract = np.datetime64(datetime.combine(AS_AT, datetime.max.time()).replace(microsecond=0))
    n = len(frame)
    cancelled = rng.random(n) < 0.01
    open_ = frame["resolved_at"].to_numpy() > extract
    unconfirmed = ~open_ & (frame["closed_at"].to_numpy() > extract)
    not_assigned = frame["assigned_at"].to_numpy() > extract

    frame.loc[unconfirmed, "state"] = "resolved"
    frame.loc[unconfirmed, "closed_at"] = pd.NaT
    frame.loc[open_, "state"] = rng.choice(
        ["assigned", "in progress", "on hold"], size=open_.sum(), p=[0.25, 0.5, 0.25]
    )
    frame.loc[open_ & not_assigned, "state"] = "new"
    frame.loc[open_ & not_assigned, "assigned_at"] = pd.NaT
    frame.loc[open_, ["resolved_at", "closed_at"]] = pd.NaT
    frame.loc[open_, "sla_met"] = None
    frame.loc[open_ | unconfirmed, "satisfaction_score"] = np.nan

    cancel = cancelled & ~open_
    frame.loc[cancel, "state"] = "cancelled"
    frame.loc[cancel, "resolved_at"] = pd.NaT
    frame.loc[cancel, "sla_met"] = None
    frame.loc[cancel, "satisfaction_score"] = np.nan
    frame.loc[cancel, "first_contact_resolution"] = False
    frame.loc[cancel, "closed_at"] = frame.loc[cancel, "opened_at"] + pd.to_timedelta(
        np.round(rng.uniform(1, 48, cancel.sum()) * 3600), unit="s"
    )
    frame.loc[cancel, "closed_at"] = frame.loc[cancel, "closed_at"].clip(upper=pd.Timestamp(extract))
