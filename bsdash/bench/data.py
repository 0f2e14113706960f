"""The benchmark's data: a sample database at the asked scale, built once and reused, and the files measured.

Everything lives under one folder per scale (data/bench/scale-80/ by default, ignored by git): the sample
exports, the database built from them, the tables as CSV for the pandas way, and the one-million-row spend
export the import is timed on.
"""

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from bsdash import sample
from bsdash.config import DATA_DIR
from bsdash.ingest.pipeline import import_file
from bsdash.store import db

BENCH_DIR = DATA_DIR / "bench"
DEFAULT_SCALE = 80.0  # about 10 million payments
TICKETS_PER_SCALE = 6.5 / 80  # with the default scale, about 2 million tickets
REFERENCE_FILES = (
    ("departments", "reference/establishment.csv"),
    ("services", "reference/service-catalogue.csv"),
    ("suppliers", "reference/supplier-master.csv"),
    ("reference_map", "reference/reference-map.csv"),
)


@dataclass(frozen=True)
class BenchData:
    folder: Path
    scale: float
    ticket_scale: float

    @property
    def database(self) -> Path:
        return self.folder / "bsdash.duckdb"

    @property
    def exports(self) -> Path:
        return self.folder / "exports"

    @property
    def tables(self) -> Path:
        return self.folder / "tables"

    @property
    def _stamp(self) -> Path:
        return self.folder / "built.json"

    def wanted(self) -> dict:
        return {"scale": self.scale, "ticket_scale": self.ticket_scale, "schema": db.SCHEMA_VERSION}

    def is_built(self) -> bool:
        if not (self.database.exists() and self._stamp.exists()):
            return False
        try:
            return json.loads(self._stamp.read_text()) == self.wanted()
        except ValueError:
            return False

    def build(self, progress) -> None:
        """Write the sample exports at this scale and build the database from them (minutes at scale 80)."""
        shutil.rmtree(self.tables, ignore_errors=True)
        self._stamp.unlink(missing_ok=True)
        sample.build(
            self.database, scale=self.scale, ticket_scale=self.ticket_scale, out_dir=self.exports, progress=progress
        )
        self._stamp.write_text(json.dumps(self.wanted()))


def bench_data(scale: float, ticket_scale: float | None, folder: Path | None = None) -> BenchData:
    """Where the data for a scale lives; tickets follow the payments' scale unless `ticket_scale` is given."""
    name = f"scale-{scale:g}" + ("" if ticket_scale is None else f"-tickets-{ticket_scale:g}")
    ticket_scale = round(scale * TICKETS_PER_SCALE, 4) if ticket_scale is None else ticket_scale
    return BenchData(Path(folder or BENCH_DIR / name), scale, ticket_scale)


def million_row_export(data: BenchData, rows: int, target: Path) -> int:
    """One spend export of `rows` payments in the sample's layout (made of its monthly files, faults and all).

    Returns the data rows written.
    """
    files = sorted((data.exports / "spend").glob("*.csv"))
    written = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        for i, path in enumerate(files):
            with path.open(encoding="utf-8", newline="") as handle:
                header = handle.readline()
                if i == 0:
                    out.write(header)
                for line in handle:
                    out.write(line)
                    written += 1
                    if written >= rows:
                        return written
    return written


def reference_database(data: BenchData, target: Path) -> Path:
    """A new database holding only the reference data (departments, services, suppliers, mappings)."""
    for leftover in (target, Path(f"{target}.wal")):
        leftover.unlink(missing_ok=True)
    con = db.connect(target)
    try:
        for kind, relative in REFERENCE_FILES:
            import_file(con, data.exports / relative, kind, user="bench")
    finally:
        con.close()
    return target
