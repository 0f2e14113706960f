"""The same figures computed the way an analyst without this project would: pandas over CSV files.

The tables are exported from the database as CSV (the same rows the dashboard reads), read once with
`pandas.read_csv`, and each page query is then written as ordinary pandas: filter the whole table by the
period and the filters, group, merge the names, sort. Each function returns the same columns as its named
query, so that a test can check that both give the same figures before their speeds are compared.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from bsdash.importer import quote_literal

TABLES = {
    # table: columns read as dates or timestamps
    "spend": ["paid_date"],
    "tickets": ["opened_at", "assigned_at", "resolved_at", "closed_at"],
    "departments": [],
    "services": [],
    "suppliers": [],
    "contracts": ["start_date", "end_date"],
    "budgets": [],
    "sla_targets": [],
    "service_kpis": ["month"],
    "imports": ["imported_at"],
}
BOOLEANS = {"tickets": ["sla_met", "first_contact_resolution"], "suppliers": ["is_sme"]}


def export_tables(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Write every table the computations read as one CSV file each (what a finance system would export)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in TABLES:
        target = folder / f"{table}.csv"
        partial = target.with_suffix(".partial")
        con.execute(f"copy {table} to {quote_literal(str(partial))} (header, delimiter ',')")
        partial.replace(target)


@dataclass
class Frames:
    spend: pd.DataFrame
    tickets: pd.DataFrame
    departments: pd.DataFrame
    services: pd.DataFrame
    suppliers: pd.DataFrame
    contracts: pd.DataFrame
    budgets: pd.DataFrame
    sla_targets: pd.DataFrame
    service_kpis: pd.DataFrame
    imports: pd.DataFrame


def load(folder: Path) -> tuple[Frames, float]:
    """Read the CSV files once; returns the frames and the seconds it took."""
    started = time.perf_counter()
    frames = {}
    for table, dates in TABLES.items():
        frame = pd.read_csv(folder / f"{table}.csv", parse_dates=dates, engine="pyarrow")
        for column in dates:
            frame[column] = pd.to_datetime(frame[column])
        for column in BOOLEANS.get(table, []):
            frame[column] = frame[column].astype("boolean")
        frames[table] = frame
    return Frames(**frames), time.perf_counter() - started


# --- shared steps, as an analyst would write them once and reuse ---------------------------------------------


def _day(value: date) -> pd.Timestamp:
    return pd.Timestamp(value)


def _payments(f: Frames, p: dict) -> pd.DataFrame:
    s = f.spend
    mask = (s["paid_date"] >= _day(p["date_from"])) & (s["paid_date"] <= _day(p["date_to"]))
    if p.get("departments") is not None:
        mask &= s["department_id"].isin(p["departments"])
    if p.get("services") is not None:
        mask &= s["service_id"].isin(p["services"])
    return s[mask]


def _chosen_tickets(f: Frames, p: dict) -> pd.DataFrame:
    t = f.tickets
    if p.get("services") is not None and "it_support" not in p["services"]:
        return t.iloc[0:0]
    if p.get("departments") is not None:
        t = t[t["department_id"].isin(p["departments"])]
    return t


def _on_days(stamps: pd.Series, p: dict) -> pd.Series:
    """Timestamps whose day falls in the period."""
    return (stamps >= _day(p["date_from"])) & (stamps < _day(p["date_to"]) + pd.Timedelta(days=1))


def _finished(t: pd.DataFrame) -> pd.Series:
    return t["resolved_at"].fillna(t["closed_at"])


def _resolved_in_period(t: pd.DataFrame, p: dict) -> pd.Series:
    return t["state"].isin(["resolved", "closed"]) & _on_days(_finished(t), p)


def _hours(later: pd.Series, earlier: pd.Series) -> pd.Series:
    return (later - earlier).dt.total_seconds() / 3600


def _month(days: pd.Series) -> pd.Series:
    return days.dt.to_period("M").dt.to_timestamp()


def _service_names(frame: pd.DataFrame, f: Frames) -> pd.DataFrame:
    names = f.services[["service_id", "name"]].rename(columns={"name": "service"})
    out = frame.merge(names, on="service_id", how="left")
    out["service"] = out["service"].fillna("Unmapped")
    return out


def _prorated_budget(f: Frames, p: dict) -> pd.DataFrame:
    """Each budget line times the share of its financial year's days inside the period."""
    b = f.budgets
    if p.get("departments") is not None:
        b = b[b["department_id"].isin(p["departments"])]
    if p.get("services") is not None:
        b = b[b["service_id"].isin(p["services"])]
    start_year = b["financial_year"].str[:4].astype(int)
    year_first = pd.to_datetime(start_year.astype(str) + "-04-01")
    year_last = pd.to_datetime((start_year + 1).astype(str) + "-03-31")
    first = year_first.clip(lower=_day(p["date_from"]))
    last = year_last.clip(upper=_day(p["date_to"]))
    overlap = ((last - first).dt.days + 1).clip(lower=0)
    year_days = (year_last - year_first).dt.days + 1
    return b.assign(prorated=b["budget"] * overlap / year_days)


# --- one function per named query ---------------------------------------------------------------------------


def spend_by_service(f: Frames, p: dict) -> pd.DataFrame:
    s = _payments(f, p)
    g = s.groupby("service_id", dropna=False).agg(amount=("amount", "sum"), payments=("amount", "size")).reset_index()
    g = g.merge(f.services[["service_id", "name", "poa_function", "provider_type"]], on="service_id", how="left")
    g = g.rename(columns={"name": "service"})
    g["service"] = g["service"].fillna("Unmapped")
    total = g["amount"].sum()
    g["share"] = g["amount"] / total if total else np.nan
    columns = ["service_id", "service", "poa_function", "provider_type", "amount", "payments", "share"]
    return g.sort_values("amount", ascending=False)[columns]


def spend_by_month(f: Frames, p: dict) -> pd.DataFrame:
    s = _payments(f, p)
    s = s.assign(month=_month(s["paid_date"]))
    g = (
        s.groupby(["month", "service_id"], dropna=False)
        .agg(amount=("amount", "sum"), payments=("amount", "size"))
        .reset_index()
    )
    g = _service_names(g, f)
    return g.sort_values(["month", "service"])[["month", "service_id", "service", "amount", "payments"]]


def spend_by_department(f: Frames, p: dict) -> pd.DataFrame:
    s = _payments(f, p)
    s = s.assign(unmapped_label=s["source_department"].where(s["department_id"].isna()))
    g = (
        s.groupby(["department_id", "unmapped_label"], dropna=False)
        .agg(amount=("amount", "sum"), payments=("amount", "size"))
        .reset_index()
    )
    g = g.merge(f.departments, on="department_id", how="left")
    g["department"] = g["name"].fillna("Unmapped: " + g["unmapped_label"])
    g["total_fte"] = g["officer_fte"] + g["staff_fte"]
    g["amount_per_fte"] = g["amount"] / g["total_fte"].replace(0, np.nan)
    columns = ["department_id", "department", "kind", "total_fte", "amount", "payments", "amount_per_fte"]
    return g.sort_values("amount", ascending=False)[columns]


def spend_by_department_and_service(f: Frames, p: dict) -> pd.DataFrame:
    s = _payments(f, p).dropna(subset=["department_id", "service_id"])
    g = s.groupby(["department_id", "service_id"])["amount"].sum().reset_index()
    d = f.departments
    if p.get("departments") is not None:
        d = d[d["department_id"].isin(p["departments"])]
    v = f.services
    if p.get("services") is not None:
        v = v[v["service_id"].isin(p["services"])]
    grid = d.rename(columns={"name": "department"}).merge(
        v[["service_id", "name"]].rename(columns={"name": "service"}), how="cross"
    )
    out = grid.merge(g, on=["department_id", "service_id"], how="left")
    out["amount"] = out["amount"].fillna(0)
    out["total_fte"] = out["officer_fte"] + out["staff_fte"]
    out["amount_per_fte"] = out["amount"] / out["total_fte"].replace(0, np.nan)
    columns = ["department_id", "department", "kind", "service_id", "service", "total_fte", "amount", "amount_per_fte"]
    return out.sort_values(["department", "service"])[columns]


def spend_by_expense_type(f: Frames, p: dict) -> pd.DataFrame:
    s = _service_names(_payments(f, p), f)
    g = s.groupby(["expense_type", "service"]).agg(amount=("amount", "sum"), payments=("amount", "size")).reset_index()
    return g.sort_values("amount", ascending=False)[["expense_type", "service", "amount", "payments"]]


def spend_by_capital_revenue(f: Frames, p: dict) -> pd.DataFrame:
    s = _payments(f, p)
    s = s.assign(month=_month(s["paid_date"]))
    g = s.groupby(["month", "capital_revenue"]).agg(amount=("amount", "sum"), payments=("amount", "size")).reset_index()
    return g.sort_values(["month", "capital_revenue"])


def spend_by_supplier(f: Frames, p: dict) -> pd.DataFrame:
    s = _payments(f, p)[["supplier_id", "service_id", "paid_date", "amount"]].reset_index(drop=True)
    c = f.contracts[["supplier_id", "service_id", "start_date", "end_date"]]
    pairs = s.reset_index().merge(c, on=["supplier_id", "service_id"])
    live = pairs.loc[(pairs["paid_date"] >= pairs["start_date"]) & (pairs["paid_date"] <= pairs["end_date"]), "index"]
    s["on_contract_amount"] = s["amount"].where(s.index.isin(live.unique()))
    g = (
        s.groupby("supplier_id")
        .agg(
            amount=("amount", "sum"),
            payments=("amount", "size"),
            on_contract_amount=("on_contract_amount", "sum"),
        )
        .reset_index()
    )
    g = g.merge(f.suppliers[["supplier_id", "name", "provider_type", "is_sme"]], on="supplier_id")
    g = g.rename(columns={"name": "supplier"})
    total = g["amount"].sum()
    g["share"] = g["amount"] / total if total else np.nan
    g["on_contract_share"] = g["on_contract_amount"] / g["amount"].replace(0, np.nan)
    columns = ["supplier_id", "supplier", "provider_type", "is_sme", "amount", "payments", "share", "on_contract_share"]
    return g.sort_values("amount", ascending=False)[columns]


def headline_figures(f: Frames, p: dict) -> pd.DataFrame:
    s = _payments(f, p)
    budget = _prorated_budget(f, p)["prorated"].sum()
    t = _chosen_tickets(f, p)
    finished = _finished(t)
    resolved = t["state"].isin(["resolved", "closed"]) & _on_days(finished, p)
    end = _day(p["date_to"]) + pd.Timedelta(days=1)
    as_at = _day(p["as_at"])
    c = f.contracts
    c = c[(c["end_date"] > as_at) & (c["end_date"] <= as_at + pd.DateOffset(months=6))]
    if p.get("services") is not None:
        c = c[c["service_id"].isin(p["services"])]
    tickets_resolved = int((resolved & t["sla_met"].notna()).sum())
    within = int((resolved & t["sla_met"].fillna(False)).sum())
    spend = s["amount"].sum() if len(s) else np.nan
    row = {
        "spend": spend,
        "payments": len(s) if len(s) else np.nan,
        "budget": budget,
        "variance": spend - budget,
        "tickets_logged": int(_on_days(t["opened_at"], p).sum()),
        "tickets_resolved": tickets_resolved,
        "resolved_within_sla": within,
        "sla_compliance": within / tickets_resolved if tickets_resolved else np.nan,
        "open_at_end": int(((t["opened_at"] < end) & (finished.isna() | (finished >= end))).sum()),
        "contracts_expiring": len(c),
        "expiring_annual_value": c["annual_value"].sum() if len(c) else np.nan,
    }
    return pd.DataFrame([row])


def budget_by_department(f: Frames, p: dict) -> pd.DataFrame:
    budget = _prorated_budget(f, p).groupby("department_id")["prorated"].sum().rename("budget")
    actual = _payments(f, p).groupby("department_id")["amount"].sum().rename("actual")
    days_total = (p["date_to"] - p["date_from"]).days + 1
    days_elapsed = max(0, (min(p["as_at"], p["date_to"]) - p["date_from"]).days + 1)
    d = f.departments
    if p.get("departments") is not None:
        d = d[d["department_id"].isin(p["departments"])]
    out = d.merge(budget, left_on="department_id", right_index=True, how="left")
    out = out.merge(actual, left_on="department_id", right_index=True, how="left")
    out = out[out["budget"].notna() | out["actual"].notna()].rename(columns={"name": "department"})
    out["budget"] = out["budget"].fillna(0)
    out["actual"] = out["actual"].fillna(0)
    out["budget_to_date"] = out["budget"] * days_elapsed / days_total
    out["variance_to_date"] = out["actual"] - out["budget_to_date"]
    columns = ["department_id", "department", "budget", "budget_to_date", "actual", "variance_to_date"]
    return out.sort_values("variance_to_date", ascending=False)[columns]


def payments(f: Frames, p: dict) -> pd.DataFrame:
    s = _payments(f, p)
    s = s.assign(size=s["amount"].abs()).sort_values(["size", "transaction_number"], ascending=[False, True])
    s = s.head(p["row_limit"])
    s = s.merge(f.departments[["department_id", "name"]], on="department_id", how="left")
    s["department"] = s["name"].fillna("Unmapped: " + s["source_department"])
    s = _service_names(s, f).rename(columns={"supplier_name": "supplier"})
    columns = ["transaction_number", "paid_date", "department", "service", "expense_type", "supplier"]
    return s[[*columns, "capital_revenue", "amount"]]


def _by_priority(frame: pd.DataFrame, f: Frames) -> pd.DataFrame:
    targets = f.sla_targets.rename(columns={"name": "priority_name"})
    return targets[["priority", "priority_name"]].merge(frame, on="priority", how="left")


def sla_compliance_by_priority(f: Frames, p: dict) -> pd.DataFrame:
    t = _chosen_tickets(f, p)
    r = t[_resolved_in_period(t, p)]
    r = r.assign(hours=_hours(r["resolved_at"], r["opened_at"]))
    g = (
        r.groupby("priority")
        .agg(
            tickets_resolved=("priority", "size"),
            resolved_within_sla=("sla_met", lambda v: int(v.fillna(False).sum())),
            answered=("sla_met", "count"),
            median_hours_to_resolve=("hours", "median"),
            p90_hours_to_resolve=("hours", lambda v: v.quantile(0.9)),
        )
        .reset_index()
    )
    targets = f.sla_targets.rename(columns={"name": "priority_name", "resolve_within_hours": "target_hours"})
    out = targets.merge(g, on="priority", how="left")
    out["compliance_target"] = out["compliance_target_pct"] / 100
    out["tickets_resolved"] = out["tickets_resolved"].fillna(0)
    out["resolved_within_sla"] = out["resolved_within_sla"].fillna(0)
    out["sla_compliance"] = out["resolved_within_sla"] / out["answered"].replace(0, np.nan)
    columns = [
        "priority",
        "priority_name",
        "target_hours",
        "compliance_target",
        "tickets_resolved",
        "resolved_within_sla",
        "sla_compliance",
        "median_hours_to_resolve",
        "p90_hours_to_resolve",
    ]
    return out.sort_values("priority")[columns]


def sla_compliance_by_department(f: Frames, p: dict) -> pd.DataFrame:
    t = _chosen_tickets(f, p)
    label = ("Unmapped: " + t["source_department"]).fillna("Not recorded")
    t = t.assign(
        unmapped_label=label.where(t["department_id"].isna()),
        logged=_on_days(t["opened_at"], p),
        resolved=_resolved_in_period(t, p) & t["sla_met"].notna(),
    )
    t = t.assign(within=t["resolved"] & t["sla_met"].fillna(False))
    keys = ["department_id", "unmapped_label"]
    g = t.groupby(keys, dropna=False)[["logged", "resolved", "within"]].sum().reset_index()
    times = t[_on_days(t["resolved_at"], p)]
    times = times.assign(hours=_hours(times["resolved_at"], times["opened_at"]))
    q = (
        times.groupby(keys, dropna=False)["hours"]
        .agg(median_hours_to_resolve="median", p90_hours_to_resolve=lambda v: v.quantile(0.9))
        .reset_index()
    )
    g = g.merge(q, on=keys, how="left").merge(f.departments, on="department_id", how="left")
    g = g[(g["logged"] > 0) | (g["resolved"] > 0)]
    g["department"] = g["name"].fillna(g["unmapped_label"])
    g["total_fte"] = g["officer_fte"] + g["staff_fte"]
    g["tickets_per_100_fte"] = 100 * g["logged"] / g["total_fte"].replace(0, np.nan)
    g["sla_compliance"] = g["within"] / g["resolved"].replace(0, np.nan)
    g = g.rename(columns={"logged": "tickets_logged", "resolved": "tickets_resolved"})
    columns = [
        "department_id",
        "department",
        "total_fte",
        "tickets_logged",
        "tickets_per_100_fte",
        "tickets_resolved",
        "sla_compliance",
        "median_hours_to_resolve",
        "p90_hours_to_resolve",
    ]
    return g.sort_values("tickets_logged", ascending=False)[columns]


def ticket_rates_by_priority(f: Frames, p: dict) -> pd.DataFrame:
    t = _chosen_tickets(f, p)
    logged = t[_on_days(t["opened_at"], p)]
    lg = logged.groupby("priority").agg(
        tickets_logged=("priority", "size"),
        tickets_first_contact_known=("first_contact_resolution", "count"),
        tickets_at_first_contact=("first_contact_resolution", "sum"),
    )
    r = t[_resolved_in_period(t, p)]
    rg = r.groupby("priority").agg(
        tickets_resolved=("priority", "size"),
        reopened=("reopen_count", lambda v: (v > 0).sum()),
        first_assignment=("reassignment_count", lambda v: (v == 0).sum()),
        closed=("state", lambda v: (v == "closed").sum()),
        survey_answers=("satisfaction_score", "count"),
        satisfaction=("satisfaction_score", "mean"),
    )
    out = _by_priority(lg.join(rg, how="outer").reset_index(), f)
    resolved = out["tickets_resolved"].replace(0, np.nan)
    out["reopen_rate"] = out["reopened"] / resolved
    out["first_assignment_rate"] = out["first_assignment"] / resolved
    out["first_contact_rate"] = out["tickets_at_first_contact"] / out["tickets_first_contact_known"].replace(0, np.nan)
    out["survey_response_rate"] = out["survey_answers"] / out["closed"].replace(0, np.nan)
    for column in ("tickets_logged", "tickets_first_contact_known", "tickets_at_first_contact"):
        out[column] = out[column].fillna(0)
    out["tickets_resolved"] = out["tickets_resolved"].fillna(0)
    columns = [
        "priority",
        "priority_name",
        "tickets_logged",
        "tickets_first_contact_known",
        "tickets_at_first_contact",
        "tickets_resolved",
        "reopen_rate",
        "first_assignment_rate",
        "first_contact_rate",
        "satisfaction",
        "survey_response_rate",
    ]
    return out.sort_values("priority")[columns]


def ticket_stage_times(f: Frames, p: dict) -> pd.DataFrame:
    t = _chosen_tickets(f, p)
    r = t[t["state"].isin(["resolved", "closed"]) & _on_days(t["resolved_at"], p)]
    stages = pd.concat(
        [
            pd.DataFrame({"priority": r["priority"], "stage_order": order, "stage": name, "hours": hours})
            for order, name, hours in (
                (1, "Submitted to assigned", _hours(r["assigned_at"], r["opened_at"])),
                (2, "Assigned to resolved", _hours(r["resolved_at"], r["assigned_at"])),
                (3, "Resolved to closed (user confirms)", _hours(r["closed_at"], r["resolved_at"])),
            )
        ]
    ).dropna(subset=["hours"])
    g = (
        stages.groupby(["stage_order", "stage", "priority"])["hours"]
        .agg(tickets="count", median_hours="median", p90_hours=lambda v: v.quantile(0.9))
        .reset_index()
    )
    return g.sort_values(["stage_order", "priority"])


def tickets_by_month(f: Frames, p: dict) -> pd.DataFrame:
    t = _chosen_tickets(f, p)
    logged = t[_on_days(t["opened_at"], p)]
    lg = logged.groupby(_month(logged["opened_at"])).size().rename("tickets_logged")
    r = t[_resolved_in_period(t, p)]
    rg = r.groupby(_month(_finished(r))).agg(
        tickets_resolved=("sla_met", "count"), resolved_within_sla=("sla_met", lambda v: int(v.fillna(False).sum()))
    )
    out = pd.concat([lg, rg], axis=1).rename_axis("month").reset_index()
    out["tickets_logged"] = out["tickets_logged"].fillna(0)
    out["tickets_resolved"] = out["tickets_resolved"].fillna(0)
    out["sla_compliance"] = out["resolved_within_sla"] / out["tickets_resolved"].replace(0, np.nan)
    return out.sort_values("month")[["month", "tickets_logged", "tickets_resolved", "sla_compliance"]]


def _open_at_end_of(f: Frames, p: dict) -> tuple[pd.DataFrame, pd.Timestamp]:
    t = _chosen_tickets(f, p)
    end = _day(p["as_at"]) + pd.Timedelta(days=1)
    finished = t["resolved_at"].fillna(t["closed_at"])
    return t[(t["opened_at"] < end) & (finished.isna() | (finished >= end))], end


def open_tickets_by_sla_used(f: Frames, p: dict) -> pd.DataFrame:
    o, end = _open_at_end_of(f, p)
    o = o.merge(f.sla_targets[["priority", "resolve_within_hours"]], on="priority")
    minutes = ((end - o["opened_at"]).dt.total_seconds() // 60).astype(float)
    used = minutes / 60 / o["resolve_within_hours"]
    bands = pd.DataFrame(
        {
            "band_order": [1, 2, 3, 4, 5, 6],
            "band": ["Under 50 %", "50-75 %", "75-85 %", "85-95 %", "95-100 %", "Breached (over 100 %)"],
            "used_from": [0.0, 0.5, 0.75, 0.85, 0.95, 1.0],
            "used_to": [0.5, 0.75, 0.85, 0.95, 1.0, 1e9],
            "at_risk": [False, False, True, True, True, False],
        }
    )
    band = pd.cut(used, [0.0, 0.5, 0.75, 0.85, 0.95, 1.0, 1e9], right=False, labels=[1, 2, 3, 4, 5, 6])
    counts = pd.DataFrame({"band_order": band.astype(float), "p1_p2": o["priority"].isin(["P1", "P2"])})
    g = counts.groupby("band_order").agg(open_tickets=("p1_p2", "size"), open_p1_p2=("p1_p2", "sum"))
    out = bands.merge(g, left_on="band_order", right_index=True, how="left").fillna(
        {"open_tickets": 0, "open_p1_p2": 0}
    )
    return out


def backlog_by_age(f: Frames, p: dict) -> pd.DataFrame:
    o, _ = _open_at_end_of(f, p)
    age = (_day(p["as_at"]) - o["opened_at"].dt.normalize()).dt.days
    band = pd.cut(age, [-1, 5, 10, 30, 1_000_000], labels=[1, 2, 3, 4])
    counts = pd.DataFrame({"band_order": band.astype(float), "priority": o["priority"]})
    g = counts.groupby(["band_order", "priority"]).size().rename("open_tickets").reset_index()
    bands = pd.DataFrame(
        {
            "band_order": [1.0, 2.0, 3.0, 4.0],
            "age_band": ["0-5 days", "6-10 days", "11-30 days", "Over 30 days"],
            "age_from": [0, 6, 11, 31],
            "age_to": [5, 10, 30, 1_000_000],
        }
    )
    grid = bands.merge(f.sla_targets[["priority"]], how="cross")
    out = grid.merge(g, on=["band_order", "priority"], how="left").fillna({"open_tickets": 0})
    out["band_order"] = out["band_order"].astype(int)
    return out.sort_values(["band_order", "priority"])


def service_levels_by_service(f: Frames, p: dict) -> pd.DataFrame:
    t = f.tickets
    if p.get("departments") is not None:
        t = t[t["department_id"].isin(p["departments"])]
    r = t[_resolved_in_period(t, p)].merge(f.sla_targets[["priority", "compliance_target_pct"]], on="priority")
    answered = r[r["sla_met"].notna()]
    rows = []
    if len(answered):
        per_priority = answered.groupby("priority").agg(
            met=("sla_met", "mean"), target=("compliance_target_pct", "first")
        )
        rows.append(
            {
                "service_id": "it_support",
                "measure": "Tickets resolved within SLA (each priority against its own target)",
                "value": 100 * answered["sla_met"].sum() / len(answered),
                "target": answered["compliance_target_pct"].sum() / len(answered),
                "unit": "%",
                "higher_is_better": True,
                "volume": len(answered),
                "every_priority_met": bool((100 * per_priority["met"] >= per_priority["target"]).all()),
            }
        )
    k = f.service_kpis
    first_month = _day(p["date_from"]).to_period("M").to_timestamp()
    k = k[(k["month"] >= first_month) & (k["month"] <= _day(p["date_to"]))]
    others = (
        k.groupby(["service_id", "measure"])
        .agg(
            value=("value", "mean"),
            target=("target", "mean"),
            unit=("unit", "first"),
            higher_is_better=("higher_is_better", "all"),
            volume=("volume", "sum"),
        )
        .reset_index()
    )
    out = pd.concat([pd.DataFrame(rows), others], ignore_index=True)
    out = out.merge(f.services[["service_id", "name"]].rename(columns={"name": "service"}), on="service_id")
    if p.get("services") is not None:
        out = out[out["service_id"].isin(p["services"])]
    better = out["higher_is_better"].astype(bool)
    out["target_met"] = (better & (out["value"] >= out["target"])) | (~better & (out["value"] <= out["target"]))
    if "every_priority_met" in out:  # IT support meets its target only when every priority meets its own
        out["target_met"] = out["every_priority_met"].where(out["every_priority_met"].notna(), out["target_met"])
        out["target_met"] = out["target_met"].astype(bool)
    out = out.assign(gap=out["value"] - out["target"]).sort_values("gap")
    return out[["service_id", "service", "measure", "value", "target", "unit", "target_met", "volume"]]


def ticket_list(f: Frames, p: dict) -> pd.DataFrame:
    t = _chosen_tickets(f, p)
    t = t[_on_days(t["opened_at"], p)].sort_values(["opened_at", "ticket_number"], ascending=False)
    t = t.head(p["row_limit"])
    t = t.merge(f.departments[["department_id", "name"]], on="department_id", how="left")
    t["department"] = t["name"].fillna("Unmapped: " + t["source_department"]).fillna("Not recorded")
    t["hours_to_resolve"] = _hours(t["resolved_at"], t["opened_at"])
    columns = [
        "ticket_number",
        "opened_at",
        "assigned_at",
        "resolved_at",
        "closed_at",
        "state",
        "priority",
        "category",
        "department",
        "assignment_group",
        "provider_type",
        "channel",
        "reassignment_count",
        "reopen_count",
        "first_contact_resolution",
        "sla_met",
        "hours_to_resolve",
        "satisfaction_score",
    ]
    return t[columns]


def data_as_at(f: Frames, p: dict) -> pd.DataFrame:
    days = [f.spend["paid_date"], f.tickets["opened_at"].dt.normalize()]
    ticket_times = f.tickets[["opened_at", "resolved_at", "closed_at"]]
    return pd.DataFrame(
        [
            {
                "first_day": min(d.min() for d in days),
                "spend_last_day": f.spend["paid_date"].max(),
                "tickets_last_day": ticket_times.max().max().normalize(),
                "service_levels_last_month": f.service_kpis["month"].max(),
                "payments": len(f.spend),
                "tickets": len(f.tickets),
                "imports": len(f.imports),
            }
        ]
    )


def financial_year_list(f: Frames, p: dict) -> pd.DataFrame:
    def start_year(day: pd.Timestamp) -> int:
        return day.year if day.month >= 4 else day.year - 1

    budget_years = f.budgets["financial_year"].str[:4].astype(int)
    firsts = [start_year(f.spend["paid_date"].min()), start_year(f.tickets["opened_at"].min()), budget_years.min()]
    lasts = [start_year(f.spend["paid_date"].max()), start_year(f.tickets["opened_at"].max()), budget_years.max()]
    years = range(max(lasts), min(firsts) - 1, -1)
    return pd.DataFrame(
        {
            "financial_year": [f"{y}/{(y + 1) % 100:02d}" for y in years],
            "first_day": [pd.Timestamp(date(y, 4, 1)) for y in years],
            "last_day": [pd.Timestamp(date(y + 1, 3, 31)) for y in years],
        }
    )


COMPUTATIONS: dict[str, Callable[[Frames, dict], pd.DataFrame]] = {
    f.__name__: f
    for f in (
        spend_by_service,
        spend_by_month,
        spend_by_department,
        spend_by_department_and_service,
        spend_by_expense_type,
        spend_by_capital_revenue,
        spend_by_supplier,
        headline_figures,
        budget_by_department,
        payments,
        sla_compliance_by_priority,
        sla_compliance_by_department,
        ticket_rates_by_priority,
        ticket_stage_times,
        tickets_by_month,
        open_tickets_by_sla_used,
        backlog_by_age,
        service_levels_by_service,
        ticket_list,
        data_as_at,
        financial_year_list,
    )
}


def same_figures(ours: pd.DataFrame, theirs: pd.DataFrame) -> str | None:
    """None when two results hold the same rows (in any order) and figures; otherwise what differs."""
    if list(ours.columns) != list(theirs.columns):
        return f"columns differ: {list(ours.columns)} against {list(theirs.columns)}"
    if len(ours) != len(theirs):
        return f"{len(ours)} rows against {len(theirs)}"
    a, b = _comparable(ours), _comparable(theirs)
    try:
        pd.testing.assert_frame_equal(a, b, check_dtype=False, check_exact=False, rtol=1e-7, atol=1e-6)
    except AssertionError as error:
        return str(error).splitlines()[0] + " " + " ".join(str(error).splitlines()[1:4])
    return None


def _comparable(frame: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame(index=range(len(frame)))
    for column in frame.columns:
        series = frame[column].reset_index(drop=True)
        if pd.api.types.is_datetime64_any_dtype(series):
            series = series.astype("datetime64[us]").dt.strftime("%Y-%m-%d %H:%M:%S").fillna("")
        elif pd.api.types.is_bool_dtype(series) or series.dtype == object:
            series = series.map(_text)
        elif pd.api.types.is_numeric_dtype(series):
            series = series.astype(float)
        else:
            series = series.astype(str).fillna("")
        out[column] = series
    keys = list(out.columns)
    return out.sort_values(keys, na_position="last").reset_index(drop=True)


def _text(value: object) -> str:
    if isinstance(value, list | tuple | np.ndarray):
        return str(list(value))
    return "" if value is None or value is pd.NA or value != value else str(value)
