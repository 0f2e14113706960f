"""The reference map as the analyst edits it: labels in, a mapping file out, and back through the import.

Edits made in the dashboard are written as a reference-map CSV and imported like any other file, so that
they are checked the same way (a code that is no department or service is quarantined with its reason),
recorded in `imports`, and resolve every row that carries the label at once.
"""

import csv
import io
import tempfile
from collections.abc import Iterable
from pathlib import Path

import duckdb

from bsdash.config import mappings_dir
from bsdash.ingest.pipeline import import_file
from bsdash.ingest.report import ImportReport

CSV_HEADER = ("Kind", "Label in Export", "Maps To")
EDITED_IN_DASHBOARD = "reference map edited in the dashboard.csv"


def mapping_csv(rows: Iterable[tuple[str, str, str | None]]) -> str:
    """Kind, label and code as a reference-map CSV, the format `import --kind reference_map` reads."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for kind, label, target in rows:
        writer.writerow((kind.replace("_", " "), label, target or ""))
    return buffer.getvalue()


def save_mappings(
    con: duckdb.DuckDBPyConnection, rows: Iterable[tuple[str, str, str | None]], *, user: str | None = None
) -> ImportReport:
    """Write (kind, label, code) rows into the reference map through the import; an empty code unmaps."""
    text = mapping_csv(rows)
    with tempfile.TemporaryDirectory(prefix="bsdash-") as folder:
        path = Path(folder) / "reference-map.csv"
        path.write_text(text, encoding="utf-8")
        return import_file(con, path, "reference_map", force=True, user=user, file_name=EDITED_IN_DASHBOARD)


def shipped_mappings(folder: Path | None = None) -> dict[str, Path]:
    """Reference-map CSV files in data/mappings/ (ready-made ones ship there), by file name."""
    folder = folder or mappings_dir()
    return {p.name: p for p in sorted(folder.glob("*.csv"))} if folder.is_dir() else {}
