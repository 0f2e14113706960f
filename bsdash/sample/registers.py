"""The registers of the sample force: contracts, monthly service levels, assets and licences."""

from datetime import date, timedelta

import numpy as np
import pandas as pd

from bsdash.fiscal import month_starts
from bsdash.sample.organisation import AS_AT, DEPARTMENTS, FIRST_DAY, SERVICES, SUPPLIERS

ROUTE_OF_SMALL_CONTRACTS = ("Quotation", "Framework call-off", "Direct award")


def lead_months(total_value: float) -> int:
    """Months before expiry that re-procurement must start: bigger contracts take longer to let."""
    return 12 if total_value > 5_000_000 else 9 if total_value > 1_000_000 else 6 if total_value > 250_000 else 3


def contracts(payments: pd.DataFrame, tail: dict[str, list[str]], rng: np.random.Generator) -> pd.DataFrame:
    """The contract register: the named suppliers' contracts, valued from what was paid to them, and small ones."""
    paid = payments.groupby("supplier")["amount"].sum()
    years = (AS_AT - FIRST_DAY).days / 365.25
    rows = []
    for supplier in SUPPLIERS:
        if supplier.contract is None:
            continue
        title, route, start, end = supplier.contract
        # Valued from what was paid to the supplier during the term, as a year's worth.
        first, last = max(start, FIRST_DAY), min(end, AS_AT)
        in_term = payments[
            (payments["supplier"] == supplier.name)
            & payments["paid_date"].between(pd.Timestamp(first), pd.Timestamp(last))
        ]
        term_years = max((last - first).days / 365.25, 0.25)
        annual = in_term["amount"].sum() / term_years * rng.uniform(0.95, 1.1)
        rows.append(_contract_row(title, supplier.name, supplier.service, start, end, annual, route, rng))
    # Small contracts with some of each service's tail suppliers; a few lapse and are not renewed.
    for service in SERVICES:
        for name in tail[service.code][: max(3, len(tail[service.code]) // 6)]:
            start = FIRST_DAY + timedelta(days=int(rng.integers(0, 4 * 365)))
            end = start + timedelta(days=int(rng.choice([1, 2, 3, 4]) * 365) - 1)
            annual = max(paid.get(name, 0.0) / years, 5_000) * rng.uniform(0.9, 1.3)
            route = str(rng.choice(ROUTE_OF_SMALL_CONTRACTS))
            expense = str(rng.choice([e[0] for e in service.expense_types]))
            rows.append(_contract_row(f"{expense} ({name})", name, service.code, start, end, annual, route, rng))
    frame = pd.DataFrame(rows)
    frame.insert(0, "contract_id", [f"KP-C-{i:04d}" for i in range(1, len(frame) + 1)])
    return frame


def _contract_row(
    title: str, supplier: str, service: str, start: date, end: date, annual: float, route: str, rng: np.random.Generator
) -> dict:
    annual = round(annual, -2)
    total = round(annual * ((end - start).days + 1) / 365.25, -2)
    competed = route not in ("Direct award", "Collaborative agreement")
    return {
        "title": title,
        "supplier": supplier,
        "service": next(s.name for s in SERVICES if s.code == service),
        "start_date": start,
        "end_date": end,
        "annual_value": annual,
        "total_value": total,
        "procurement_route": route,
        "price_score": round(float(rng.uniform(70, 100)), 1) if competed else None,
        "quality_score": round(float(rng.uniform(60, 95)), 1) if competed else None,
        "capability_score": round(float(rng.uniform(60, 95)), 1) if competed else None,
        "reprocurement_lead_months": lead_months(total),
    }


def service_kpis(rng: np.random.Generator) -> pd.DataFrame:
    """Monthly service levels of the non-IT services: seasonal, noisy, sometimes below target."""
    months = month_starts(FIRST_DAY, AS_AT)
    winter = np.array([m.month in (11, 12, 1, 2) for m in months])
    rows = []
    for service in SERVICES:
        if service.kpi is None:
            continue
        measure, target, level, spread, volume = service.kpi
        seasonal = np.zeros(len(months))
        if service.code in ("facilities", "fleet"):
            seasonal -= winter * spread * 0.8
        if service.code == "training":
            seasonal -= np.array([m.month == 8 for m in months]) * 9
        if service.code == "catering":
            seasonal -= np.array([m.month == 12 for m in months]) * 3
        noise = np.zeros(len(months))
        for i in range(len(months)):  # months are alike to the months before them
            noise[i] = 0.5 * (noise[i - 1] if i else 0) + rng.normal(0, spread)
        values = np.clip(level + seasonal + noise, 0, 100)
        volumes = rng.poisson(volume, len(months))
        for month, value, n in zip(months, values, volumes, strict=True):
            rows.append(
                {
                    "month": month,
                    "service": service.name,
                    "measure": measure,
                    "value": round(value, 1),
                    "target": target,
                    "unit": "%",
                    "higher_is_better": True,
                    "volume": int(n),
                }
            )
    return pd.DataFrame(rows)


# Asset types: per FTE (officers, staff), cost, years to refresh, warranty years, service.
ASSET_TYPES = {
    "Laptop": (
        0.75,
        0.6,
        1100,
        4,
        3,
        "it_support",
        ("Dell Latitude 7440", "HP EliteBook 840", "Panasonic Toughbook 55"),
    ),
    "Desktop": (0.05, 0.45, 750, 5, 3, "it_support", ("Dell OptiPlex 7010", "HP EliteDesk 800")),
    "Mobile phone": (1.0, 0.3, 450, 3, 2, "it_support", ("Samsung Galaxy XCover 6", "Apple iPhone 14")),
    "Body-worn video camera": (0.8, 0.0, 600, 5, 2, "it_support", ("Axon Body 3", "Reveal D7")),
    "Vehicle": (
        0.22,
        0.02,
        28000,
        5,
        3,
        "fleet",
        ("Ford Focus Estate", "BMW 330e Touring", "Vauxhall Vivaro", "Skoda Octavia", "Volvo V90"),
    ),
}
PER_SITE = {
    "CCTV camera": (24, 900, 7, 3, "security_systems", ("Hikvision DS-2CD", "Axis P3268")),
    "Access control panel": (6, 1400, 10, 3, "security_systems", ("Paxton Net2", "Gallagher T20")),
    "Network switch": (4, 2100, 6, 5, "it_support", ("Cisco Catalyst 9200", "HPE Aruba 2930F")),
}
SITES = {"neighbourhood": 3, "CCJ": 6, "FCR": 2, "EST": 4, "ICT": 2}
SERVERS = {"CYB": 40, "ICT": 120, "INT": 12, "FCR": 16}
REFRESH_BACKLOG = 0.12  # share of assets kept on after their refresh date


def assets(rng: np.random.Generator) -> pd.DataFrame:
    """The hardware asset register."""
    rows = []
    for dept in DEPARTMENTS:
        counts = {
            kind: round(dept.officers * per_officer + dept.staff * per_staff)
            for kind, (per_officer, per_staff, *_rest) in ASSET_TYPES.items()
        }
        if dept.code == "CYB":
            counts["Laptop"] = round((dept.officers + dept.staff) * 2.2)  # a forensic workstation each, and more
        if dept.code in ("RPU", "TAC"):
            counts["Vehicle"] = round(dept.officers * 0.7)
        for kind, count in counts.items():
            _, _, cost, refresh, warranty, service, models = ASSET_TYPES[kind]
            rows += _asset_rows(dept.name, kind, count, cost, refresh, warranty, service, models, rng)
        sites = SITES.get(dept.kind if dept.kind == "neighbourhood" else dept.code, 0)
        for kind, (per_site, cost, refresh, warranty, service, models) in PER_SITE.items():
            rows += _asset_rows(dept.name, kind, sites * per_site, cost, refresh, warranty, service, models, rng)
        if dept.code in SERVERS:
            rows += _asset_rows(
                dept.name,
                "Server",
                SERVERS[dept.code],
                9500,
                5,
                5,
                "it_support",
                ("Dell PowerEdge R760", "HPE ProLiant DL380"),
                rng,
            )
    frame = pd.DataFrame(rows)
    frame.insert(0, "asset_id", [f"KP{i:06d}" for i in range(100001, 100001 + len(frame))])
    return frame


def _asset_rows(
    department: str,
    kind: str,
    count: int,
    cost: float,
    refresh_years: int,
    warranty_years: int,
    service: str,
    models: tuple[str, ...],
    rng: np.random.Generator,
) -> list[dict]:
    rows = []
    service_name = next(s.name for s in SERVICES if s.code == service)
    for _ in range(count):
        # Bought across one refresh cycle (and a little more for the backlog of ageing kit).
        age_days = int(rng.uniform(0, refresh_years * (1 + REFRESH_BACKLOG * 2)) * 365)
        purchased = AS_AT - timedelta(days=age_days)
        status = rng.choice(["in use", "in stock", "in repair", "disposed"], p=[0.88, 0.06, 0.02, 0.04])
        rows.append(
            {
                "asset_type": kind,
                "model": str(rng.choice(models)),
                "service": service_name,
                "department": department,
                "purchased_on": purchased,
                "purchase_cost": round(cost * rng.uniform(0.85, 1.2), 2),
                "refresh_due": _add_years(purchased, refresh_years),
                "warranty_end": _add_years(purchased, warranty_years),
                "status": str(status),
            }
        )
    return rows


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


# Product, supplier, department code (None: force-wide), model, seats bought, share in use, cost per seat.
LICENCES = (
    ("Office productivity suite (E5)", "Cobalt Software Solutions Ltd", None, "per user", 6800, 0.9, 310),
    ("Endpoint protection", "Cobalt Software Solutions Ltd", None, "per device", 9500, 0.94, 38),
    ("Records management system", "Cobalt Software Solutions Ltd", None, "concurrent", 1800, 0.83, 220),
    ("Mobile data terminal app", "Meridian Digital Services Ltd", None, "per device", 4200, 0.97, 85),
    ("Mobile device forensics suite", "Forensic Data Systems Ltd", "CYB", "per user", 14, 1.0, 9800),
    ("Computer forensics suite", "Forensic Data Systems Ltd", "CYB", "per user", 18, 0.94, 4200),
    ("Cryptocurrency tracing platform", "Forensic Data Systems Ltd", "CYB", "per user", 6, 0.83, 18000),
    ("Open-source intelligence platform", "Cobalt Software Solutions Ltd", "CYB", "per user", 22, 1.14, 2900),
    ("Password recovery cluster", "Forensic Data Systems Ltd", "CYB", "enterprise", 1, 1.0, 36000),
    ("Malware analysis sandbox", "Cobalt Software Solutions Ltd", "CYB", "concurrent", 8, 0.75, 5200),
    ("Intelligence analysis suite", "Cobalt Software Solutions Ltd", "INT", "per user", 140, 0.76, 1450),
    ("Link analysis charting", "Cobalt Software Solutions Ltd", "INT", "per user", 60, 0.82, 980),
    ("Command and control licences", "Meridian Digital Services Ltd", "FCR", "concurrent", 220, 0.95, 640),
    ("Call recording and quality", "Northdown Networks Ltd", "FCR", "per user", 520, 0.91, 120),
    ("Custody records system", "Cobalt Software Solutions Ltd", "CCJ", "per user", 420, 0.88, 210),
    ("Fleet telematics", "Kestrel Fleet Solutions Ltd", "FLT", "per device", 1050, 0.86, 96),
    ("Learning management system", "Blue Light Training Ltd", "LND", "enterprise", 1, 1.0, 68000),
    ("E-learning content library", "Blue Light Training Ltd", "LND", "per user", 2500, 0.46, 24),
    ("Legal case management", "Kent & Essex Legal Services", "LEG", "per user", 40, 0.7, 850),
    ("e-Sourcing portal", "Cobalt Software Solutions Ltd", "PRO", "per user", 30, 0.8, 620),
    ("HR and payroll system", "Cobalt Software Solutions Ltd", "HRS", "enterprise", 1, 1.0, 240000),
    ("Finance ERP", "Cobalt Software Solutions Ltd", "FIN", "concurrent", 160, 0.66, 540),
    ("Facilities helpdesk (CAFM)", "Weald Facilities Management Ltd", "EST", "per user", 70, 0.83, 310),
    ("Complaints case management", "Cobalt Software Solutions Ltd", "PSD", "per user", 65, 0.92, 260),
    ("Offender management system", "Cobalt Software Solutions Ltd", "PPC", "per user", 240, 1.08, 180),
    ("Digital evidence management", "Meridian Digital Services Ltd", "SCD", "per user", 600, 0.81, 140),
    ("Road traffic collision mapping", "Cobalt Software Solutions Ltd", "RPU", "per user", 25, 0.56, 1100),
    ("Firearms training simulator", "Cobalt Software Solutions Ltd", "TAC", "enterprise", 1, 1.0, 42000),
    ("Mapping and GIS", "Cobalt Software Solutions Ltd", None, "concurrent", 120, 0.58, 760),
    ("Video conferencing rooms", "Northdown Networks Ltd", None, "per device", 140, 0.62, 410),
)


def licences(rng: np.random.Generator) -> pd.DataFrame:
    names = {d.code: d.name for d in DEPARTMENTS}
    rows = []
    for i, (product, supplier, dept, model, seats, in_use, cost) in enumerate(LICENCES, start=1):
        renewal = AS_AT + timedelta(days=int(rng.integers(10, 540)))
        rows.append(
            {
                "licence_id": f"KP-L-{i:03d}",
                "product": product,
                "supplier": supplier,
                "department": names[dept] if dept else None,
                "licence_model": model,
                "seats_purchased": seats,
                "seats_active": round(seats * in_use * rng.uniform(0.98, 1.02)) if seats > 1 else 1,
                "cost_per_seat": float(cost),
                "renewal_date": renewal,
            }
        )
    return pd.DataFrame(rows)
