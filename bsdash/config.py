"""Where things live. One place, so that the command line, the dashboard and the tests agree."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
QUERIES_DIR = ROOT / "queries"
DEFAULT_DATABASE = DATA_DIR / "bsdash.duckdb"


def mappings_dir() -> Path:
    """Where mapping files are saved and looked for: `BSDASH_MAPPINGS` when set, otherwise data/mappings."""
    return Path(os.environ.get("BSDASH_MAPPINGS") or DATA_DIR / "mappings")


def database_path() -> Path:
    """The database file: `BSDASH_DB` when set, otherwise data/bsdash.duckdb."""
    return Path(os.environ.get("BSDASH_DB") or DEFAULT_DATABASE)
