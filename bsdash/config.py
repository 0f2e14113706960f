"""Where things live. One place, so that the command line, the dashboard and the tests agree."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
# The Home Office police workforce tables the sample reads each force's officers and staff from.
HOME_OFFICE_WORKFORCE = DATA_DIR / "homeoffice" / "police-workforce-sep19-tables.ods"
QUERIES_DIR = ROOT / "queries"
DEFAULT_DATABASE = DATA_DIR / "bsdash.duckdb"


def database_path() -> Path:
    """The database file: `BSDASH_DB` when set, otherwise data/bsdash.duckdb."""
    return Path(os.environ.get("BSDASH_DB") or DEFAULT_DATABASE)
