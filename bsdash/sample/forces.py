"""The other forces of England and Wales, for benchmarking.

Real: each force's officers and staff (full-time equivalent), read from the Home Office police workforce tables
(the team's shared real data, or BSDASH_WORKFORCE_ODS). Where the tables cannot be found, the sample says so and
makes each force's workforce up from its population instead, marked illustrative like the rest.

Illustrative, because they are not public here: each force's population (rounded approximations) and its spend on
business services by POA function, made from Kent's own spend per FTE in the sample scaled to the force's FTE with
a force's own variation. Every illustrative figure says so in its source column, and the Benchmarks page repeats it.
"""

import numpy as np
import pandas as pd

from bsdash.config import home_office_workforce
from bsdash.fiscal import year_bounds, years_between
from bsdash.ingest.homeoffice import read_workforce
from bsdash.sample.organisation import AS_AT, FIRST_DAY, SERVICES

HOME_FORCE = "Kent"
# HMICFRS's most similar group of forces for Kent.
MOST_SIMILAR = ("Essex", "Sussex", "Hampshire", "Thames Valley", "Hertfordshire", "Avon & Somerset")
POPULATION_SOURCE = "Illustrative (sample): a rounded approximation, not an official estimate"
SPEND_SOURCE = "Illustrative (sample): Kent's spend per FTE on the function, scaled to the force's FTE and varied"
# Residents, thousands (rounded approximations). City of London has none: its 10,000 or so residents are a
# tiny share of the people it polices, so a per-resident figure would mislead.
POPULATION_THOUSANDS = {
    "Cleveland": 567,
    "Durham": 640,
    "Northumbria": 1470,
    "Cheshire": 1060,
    "Cumbria": 500,
    "Greater Manchester": 2835,
    "Lancashire": 1510,
    "Merseyside": 1430,
    "Humberside": 935,
    "North Yorkshire": 830,
    "South Yorkshire": 1410,
    "West Yorkshire": 2330,
    "Derbyshire": 1060,
    "Leicestershire": 1100,
    "Lincolnshire": 760,
    "Northamptonshire": 750,
    "Nottinghamshire": 1160,
    "Staffordshire": 1130,
    "Warwickshire": 580,
    "West Mercia": 1300,
    "West Midlands": 2920,
    "Bedfordshire": 690,
    "Cambridgeshire": 860,
    "Essex": 1850,
    "Hertfordshire": 1190,
    "Norfolk": 910,
    "Suffolk": 760,
    "Metropolitan Police": 8950,
    "Hampshire": 2000,
    "Kent": 1860,
    "Surrey": 1200,
    "Sussex": 1700,
    "Thames Valley": 2420,
    "Avon & Somerset": 1720,
    "Devon & Cornwall": 1780,
    "Dorset": 775,
    "Gloucestershire": 640,
    "Wiltshire": 720,
    "Dyfed-Powys": 520,
    "Gwent": 595,
    "North Wales": 700,
    "South Wales": 1330,
}


# The regions the Home Office tables group the forces in, for when the tables are not at hand.
REGIONS = {
    "North East": ("Cleveland", "Durham", "Northumbria"),
    "North West": ("Cheshire", "Cumbria", "Greater Manchester", "Lancashire", "Merseyside"),
    "Yorkshire and the Humber": ("Humberside", "North Yorkshire", "South Yorkshire", "West Yorkshire"),
    "East Midlands": ("Derbyshire", "Leicestershire", "Lincolnshire", "Northamptonshire", "Nottinghamshire"),
    "West Midlands": ("Staffordshire", "Warwickshire", "West Mercia", "West Midlands"),
    "Eastern": ("Bedfordshire", "Cambridgeshire", "Essex", "Hertfordshire", "Norfolk", "Suffolk"),
    "London": ("London, City of", "Metropolitan Police"),
    "South East": ("Hampshire", "Kent", "Surrey", "Sussex", "Thames Valley"),
    "South West": ("Avon & Somerset", "Devon & Cornwall", "Dorset", "Gloucestershire", "Wiltshire"),
    "Wales": ("Dyfed-Powys", "Gwent", "North Wales", "South Wales"),
}
REGION_OF = {force: region for region, forces in REGIONS.items() for force in forces}
# Without the Home Office tables: officers and staff per 1,000 residents, roughly England and Wales's in 2019.
OFFICERS_PER_THOUSAND, STAFF_PER_THOUSAND = 2.1, 1.2
MADE_UP_SOURCE = (
    "Illustrative (sample): the Home Office tables were not found at {path}, so the workforce is "
    "made up from the force's population"
)


def workforce() -> pd.DataFrame:
    """Officers and staff of every force, as the Home Office tables give them (or made up, and said so)."""
    path = home_office_workforce()
    if path.exists():
        return read_workforce(path)
    rows = []
    for force, thousands in POPULATION_THOUSANDS.items():
        for kind, per_thousand in (("officers", OFFICERS_PER_THOUSAND), ("staff", STAFF_PER_THOUSAND)):
            rows.append(
                {
                    "force": force,
                    "region": REGION_OF[force],
                    "as_at": pd.Timestamp("2019-09-30").date(),
                    "workforce": kind,
                    "fte": round(thousands * per_thousand, 2),
                    "source_table": MADE_UP_SOURCE.format(path=path),
                    "source_publication": "None: illustrative",
                }
            )
    return pd.DataFrame(rows)


def forces(workforce_rows: pd.DataFrame) -> pd.DataFrame:
    listed = workforce_rows.drop_duplicates("force")[["force", "region"]]
    population = listed["force"].map(POPULATION_THOUSANDS) * 1000
    return listed.assign(
        population=population.astype("Int64"),
        population_source=np.where(population.notna(), POPULATION_SOURCE, None),
        is_home_force=listed["force"] == HOME_FORCE,
        in_most_similar_group=listed["force"].isin(MOST_SIMILAR),
    ).reset_index(drop=True)


def spend(payments: pd.DataFrame, workforce_rows: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Every other force's spend by POA function in each complete financial year of the sample."""
    poa = {s.code: s.poa_function for s in SERVICES}
    years = [y for y in years_between(FIRST_DAY, AS_AT) if year_bounds(y)[1] <= AS_AT]
    paid = payments["paid_date"].dt
    start = paid.year - (paid.month < 4).astype(int)
    kent = (
        payments.assign(
            poa_function=payments["service"].map(poa),
            financial_year=start.astype(str) + "/" + ((start + 1) % 100).astype(str).str.zfill(2),
        )
        .groupby(["financial_year", "poa_function"])["amount"]
        .sum()
    )
    latest = workforce_rows[workforce_rows["as_at"] == workforce_rows["as_at"].max()]
    fte = latest.groupby("force")["fte"].sum()
    functions = sorted(set(poa.values()))
    rows = []
    for force in fte.index:
        if force == HOME_FORCE:
            continue
        # A force's own level (some forces run leaner back offices), its own mix, and year-to-year noise.
        level = rng.normal(-0.03, 0.12) + (0.12 if force == "Metropolitan Police" else 0.0)
        mix = dict(zip(functions, rng.normal(0, 0.15, len(functions)), strict=True))
        for year in years:
            noise = rng.normal(0, 0.03)
            for function in functions:
                per_fte = kent.get((year, function), 0.0) / fte[HOME_FORCE]
                amount = per_fte * fte[force] * np.exp(level + mix[function] + noise)
                rows.append((force, year, function, round(float(amount), 2), SPEND_SOURCE))
    return pd.DataFrame(rows, columns=["force", "financial_year", "poa_function", "amount", "source"])
