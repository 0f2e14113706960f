"""Where things live. One place, so that the command line, the dashboard and the tests agree."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
# The Home Office police workforce tables the sample reads each force's officers and staff from.
# The Home Office's "Police workforce, England and Wales, 30 September 2019" tables, read where the team's shared
# real data keeps them (they are Crown copyright and not copied into the project); BSDASH_WORKFORCE_ODS points
# at another copy or year.
SHARED_WORKFORCE_ODS = ROOT.parent / "shared" / "realdata" / "police-workforce-homeoffice" / "ods"


def home_office_workforce() -> Path:
    return Path(os.environ.get("BSDASH_WORKFORCE_ODS") or SHARED_WORKFORCE_ODS / "police-workforce-sep19-tables.ods")


QUERIES_DIR = ROOT / "queries"
DEFAULT_DATABASE = DATA_DIR / "bsdash.duckdb"


def mappings_dir() -> Path:
    """Where mapping files are saved and looked for: `BSDASH_MAPPINGS` when set, otherwise data/mappings."""
    return Path(os.environ.get("BSDASH_MAPPINGS") or DATA_DIR / "mappings")


DEFAULT_YEARS = (2000, 2100)


def plausible_years() -> tuple[int, int]:
    """The years an imported date may fall in (first and last, both included): `BSDASH_YEARS` when set, written
    like `1990-2100`, otherwise 2000 to 2100. A date outside them (01/01/1900, 31/12/9999) is quarantined."""
    text = os.environ.get("BSDASH_YEARS", "").strip()
    if not text:
        return DEFAULT_YEARS
    first, _, last = text.partition("-")
    if not (first.strip().isdigit() and last.strip().isdigit() and 1 <= int(first) <= int(last) <= 9999):
        raise ValueError(f"BSDASH_YEARS must give the first and last year, like 2000-2100, not {text!r}")
    return int(first), int(last)


def database_path() -> Path:
    """The database file: `BSDASH_DB` when set, otherwise data/bsdash.duckdb."""
    return Path(os.environ.get("BSDASH_DB") or DEFAULT_DATABASE)


def reader_memory() -> str:
    """What the dashboard's DuckDB may hold in memory (its cache of the file and its work): `BSDASH_DUCKDB_MEMORY`
    when set, otherwise 300MB. Left unbounded (80 % of the machine), a server that has answered thousands of
    queries held twice as much as it needed: bounded, DuckDB gives memory back (measured at ten million payments:
    a warm-up of 1,240 pages' figures peaked at 600 MB unbounded, 280 MB bounded, no query slower)."""
    return os.environ.get("BSDASH_DUCKDB_MEMORY") or "300MB"
