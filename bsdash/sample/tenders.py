"""The sample's tenders and contract performance: every bid of the competed contracts, and the Procurement Act
2023 KPI ratings of the contracts over £5m.

Bids agree with the contract register: the winning bid is the contract's supplier at the contract's whole-term
value, with the register's quality and capability scores, and its price score (lowest bid / its bid x 100) is
the register's. The other bids are placed so that, under the weights the tender published, the winner ranks
first; moved weights can rank them otherwise, which is what the tender evaluation view lets people try.
"""

from datetime import date

import numpy as np
import pandas as pd

from bsdash.sample.organisation import AS_AT, FIRST_DAY, SERVICES

# Weights (price, quality, capability) a tender may publish, by route.
WEIGHTS = {
    "Open tender": ((40, 40, 20), (50, 30, 20)),
    "Restricted tender": ((50, 30, 20), (40, 40, 20)),
    "Competitive flexible procedure": ((40, 35, 25),),
    "Framework call-off": ((50, 35, 15), (60, 25, 15)),
    "Quotation": ((60, 30, 10),),
}
BIDDERS = {"Open tender": (4, 6), "Restricted tender": (4, 5), "Competitive flexible procedure": (3, 4)}
# Firms from outside the county that bid for the larger contracts.
NATIONAL_BIDDERS = {
    "it_support": ("Atlas Managed Services Ltd", "Pinnacle ICT Ltd", "Northgate Digital plc", "Sabre IT Services"),
    "security_systems": ("Citadel Integrated Security Ltd", "Redline Fire & Security plc", "Oakwood Systems Ltd"),
    "catering": ("Compass Point Catering Ltd", "Brigade Food Services Ltd", "Harbour Hospitality plc"),
    "training": ("National Skills Partnership Ltd", "Meridian Learning Ltd", "Crown Training Group"),
    "facilities": ("Apex Facilities Group plc", "Cornerstone FM Ltd", "Mitre Property Services Ltd"),
    "fleet": ("Fleetline UK Ltd", "Arrow Vehicle Services Ltd", "Motorcare National plc"),
    "printing": ("Office Depot Direct Ltd", "Paperchain Supplies Ltd", "Printwise UK Ltd"),
    "legal": ("Russell Hale LLP", "Marlowe & Co Solicitors", "Temple Lane Chambers"),
}

BID_COLUMNS = [
    "contract_id",
    "bidder",
    "bid_price",
    "quality_score",
    "capability_score",
    "is_winner",
    "price_weight",
    "quality_weight",
    "capability_weight",
]
CONTRACT_KPI_THRESHOLD = 5_000_000
RATINGS = ("Good", "Approaching target", "Requires improvement", "Inadequate")
# Each service's contract KPIs: name and target (%); a contract carries three or four of them.
KPIS = {
    "it_support": (
        ("Incidents resolved within SLA", 90.0),
        ("Calls answered within 60 seconds", 85.0),
        ("Users rating the service good or excellent", 85.0),
        ("Critical system availability", 99.5),
    ),
    "security_systems": (
        ("Faults fixed within 24 hours", 95.0),
        ("Planned maintenance visits completed", 98.0),
        ("Cameras available", 99.0),
    ),
    "catering": (
        ("Customer satisfaction", 85.0),
        ("Detainee meals delivered on time", 98.0),
        ("Food safety audits passed", 100.0),
    ),
    "facilities": (
        ("Reactive jobs completed within target", 92.0),
        ("Planned maintenance completed on schedule", 95.0),
        ("Statutory compliance checks passed", 100.0),
        ("Helpdesk satisfaction", 85.0),
    ),
    "fleet": (
        ("Orders delivered on the agreed date", 90.0),
        ("Invoices accurate first time", 98.0),
        ("Warranty defects put right within 10 days", 90.0),
    ),
}
GENERIC_KPIS = (
    ("Delivery to agreed timescales", 95.0),
    ("Invoices accurate first time", 98.0),
    ("Social value commitments met", 90.0),
)
# The register's stories: one contract carries too few KPIs, one has not been rated for over a year, and two
# suppliers' ratings move (the IT supplier settles in; the security maintenance slips).
TOO_FEW_KPIS = "Digital forensics tools and support"
NOT_RATED_SINCE = ("Fuel cards (national framework)", date(2024, 9, 30))
IMPROVING = "IT service desk, end-user and field support"
DETERIORATING = "CCTV and access control maintenance"


def bids(contracts: pd.DataFrame, tails: dict[str, list[str]], rng: np.random.Generator) -> pd.DataFrame:
    """Every bid of each contract let by competition (those with scores in the register)."""
    codes = {s.name: s.code for s in SERVICES}
    rows = []
    for contract in contracts.itertuples(index=False):
        if pd.isna(contract.price_score) or contract.procurement_route not in WEIGHTS:
            continue
        if not float(contract.total_value) > 0:  # nothing to price against (a very small sample rounds some to 0)
            continue
        service = codes[contract.service]
        options = WEIGHTS[contract.procurement_route]
        weights = options[int(rng.integers(len(options)))]
        low, high = BIDDERS.get(contract.procurement_route, (3, 4))
        pool = [n for n in (*NATIONAL_BIDDERS[service], *tails[service][:10]) if n != contract.supplier]
        others = list(rng.choice(pool, size=int(rng.integers(low, high + 1)) - 1, replace=False))
        rows += _tender(contract, weights, [str(o) for o in others], rng)
    return pd.DataFrame(rows, columns=BID_COLUMNS)


def _tender(contract, weights: tuple[int, int, int], others: list[str], rng: np.random.Generator) -> list[dict]:
    w_price, w_quality, w_capability = weights
    price = float(contract.total_value)
    lowest = price * float(contract.price_score) / 100
    winner_total = (w_price * float(contract.price_score) + w_quality * float(contract.quality_score)) / 100 + (
        w_capability * float(contract.capability_score) / 100
    )
    rows = [_bid(contract, contract.supplier, price, contract.quality_score, contract.capability_score, True, weights)]
    for i, name in enumerate(others):
        cheapest = i == 0 and float(contract.price_score) < 99.95
        bid_price = lowest if cheapest else lowest * float(rng.uniform(1.01, 1.45))
        quality, capability = float(rng.uniform(45, 92)), float(rng.uniform(45, 92))
        price_part = w_price * lowest / bid_price
        margin = min(float(rng.uniform(0.8, 8.0)), (winner_total - w_price) / 2)
        room = winner_total - margin - price_part  # what quality and capability may add without overtaking
        scored = (w_quality * quality + w_capability * capability) / 100
        if scored > room:
            factor = max(room, 0.0) / scored
            quality, capability = quality * factor, capability * factor
        rows.append(_bid(contract, name, bid_price, quality, capability, False, weights))
    return rows


def _bid(contract, bidder: str, price: float, quality, capability, winner: bool, weights) -> dict:
    return {
        "contract_id": contract.contract_id,
        "bidder": bidder,
        "bid_price": round(price, 2),
        "quality_score": float(quality) if winner else np.floor(float(quality) * 2) / 2,
        "capability_score": float(capability) if winner else np.floor(float(capability) * 2) / 2,
        "is_winner": winner,
        "price_weight": weights[0],
        "quality_weight": weights[1],
        "capability_weight": weights[2],
    }


def kpi_ratings(contracts: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Half-yearly ratings (31 March and 30 September) of the contracts over £5m while they were live."""
    codes = {s.name: s.code for s in SERVICES}
    rows = []
    for contract in contracts.itertuples(index=False):
        if float(contract.total_value) <= CONTRACT_KPI_THRESHOLD:
            continue
        kpis = KPIS.get(codes[contract.service], GENERIC_KPIS)
        count = 2 if contract.title == TOO_FEW_KPIS else min(len(kpis), 3 + int(rng.random() < 0.4))
        chosen = [kpis[i] for i in sorted(rng.choice(len(kpis), size=count, replace=False))]
        ends = _rating_dates(contract.start_date, contract.end_date)
        if contract.title == NOT_RATED_SINCE[0]:
            ends = [d for d in ends if d <= NOT_RATED_SINCE[1]]
        for kpi, target in chosen:
            for period_end, level in zip(ends, _levels(contract.title, len(ends), rng), strict=True):
                rows.append(
                    {
                        "contract_id": contract.contract_id,
                        "kpi": kpi,
                        "period_end": period_end,
                        "rating": RATINGS[level],
                        "target": f"{target:g}%",
                        "result": f"{_result(target, level, rng):.1f}%",
                    }
                )
    return pd.DataFrame(rows, columns=["contract_id", "kpi", "period_end", "rating", "target", "result"])


def _rating_dates(start: date, end: date) -> list[date]:
    dates = []
    for year in range(FIRST_DAY.year, AS_AT.year + 1):
        for day in (date(year, 3, 31), date(year, 9, 30)):
            if max(start, FIRST_DAY) < day <= min(end, AS_AT):
                dates.append(day)
    return dates


def _levels(title: str, count: int, rng: np.random.Generator) -> list[int]:
    """A rating per period: mostly steady, now and then a step up or down the scale."""
    if title == IMPROVING:
        return [min(max(2 - i // 2 + int(rng.random() < 0.15), 0), 3) for i in range(count)]
    if title == DETERIORATING:
        return [min(max(i * 3 // max(count - 1, 1) - int(rng.random() < 0.2), 0), 3) for i in range(count)]
    level = int(rng.choice(4, p=[0.55, 0.3, 0.12, 0.03]))
    levels = []
    for _ in range(count):
        levels.append(level)
        step = rng.choice([-1, 0, 1], p=[0.25, 0.55, 0.2])
        level = int(min(max(level + step, 0), 3))
    return levels


def _result(target: float, level: int, rng: np.random.Generator) -> float:
    low, high = ((0.0, 3.0), (-2.5, 0.0), (-7.0, -2.5), (-15.0, -7.0))[level]
    return min(target + float(rng.uniform(low, high)), 100.0)
