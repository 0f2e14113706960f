"""The figures layer is tested as the pages use it, without Streamlit: its runner is a plain (name, parameters)
-> DataFrame over a DuckDB connection."""

from datetime import date

import pytest

from bsdash.analysis.dates import DataDates
from bsdash.analysis.periods import Filters, Period
from bsdash.importer import import_file
from bsdash.store import db
from bsdash.store.queries import Registry
from tests.corpus import lines, row


def runner_over(con):
    registry = Registry()
    return lambda name, params: registry.run(con, name, dict(params))


def filters_of(run, period: str | Period, departments: tuple[str, ...] = (), services=None) -> Filters:
    """The shared filters as the panel sets them: a financial year (or a period), departments and services."""
    dates = DataDates.from_row(run("data_as_at", {}).iloc[0].to_dict())
    chosen = Period.year(period) if isinstance(period, str) else period
    return Filters(chosen, dates, departments, services=services)


def import_spend_a_week_ahead(database, folder) -> None:
    """Five payments into `database`, the last paid on 07/02/2026: a week after the sample's tickets end."""
    export = folder / "spend-ahead.csv"
    export.write_text(lines(*(row(f"AP-AHEAD-{day}", date=f"0{day}/02/2026", amount="1000.00") for day in range(3, 8))))
    con = db.connect(database)
    try:
        assert import_file(con, export, "spend").loaded == 5
    finally:
        con.close()


@pytest.fixture
def run(sample_con):
    return runner_over(sample_con)


AS_AT = date(2026, 1, 31)  # the sample's last day, every dataset's
