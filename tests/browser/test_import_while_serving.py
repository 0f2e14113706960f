"""The nightly import while people are looking: `python -m bsdash import` runs beside a dashboard serving browser
sessions. It is not refused; the open pages keep working while it runs and show the new data by themselves
within seconds of it ending, without anyone touching them."""

import shutil
import subprocess
import sys
import time

import pytest

from bsdash.analysis.figures.spend import spend
from bsdash.store import db
from tests.analysis.conftest import filters_of, runner_over
from tests.browser.conftest import error_texts, new_context, start_dashboard, stop_dashboard, wait_until_drawn
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SHOWN_WITHIN_S = 10


def spend_total(database) -> str:
    """The total the Spend page writes for the Cyber Crime Unit's 2025/26 ("£X in N payments", in bold on the
    page), as the figures layer computes it from what the database holds."""
    con = db.connect(database, read_only=True)
    try:
        run = runner_over(con)
        return spend(filters_of(run, "2025/26", ("CYB",)), run).total.replace("**", "")
    finally:
        con.close()


def test_an_import_from_the_shell_while_pages_are_open_shows_on_them_within_seconds(browser, sample_build, tmp_path):
    database = tmp_path / "bsdash.duckdb"
    shutil.copy(sample_build.database, database)
    # A month of new payments (the sample's last month again, under new transaction numbers).
    month = sorted((sample_build.exports / "spend").glob("*.csv"))[-1]
    export = tmp_path / "spend-new-month.csv"
    export.write_text(month.read_text(encoding="utf-8").replace(",AP", ",KX"), encoding="utf-8")
    before = spend_total(database)

    process, url = start_dashboard(database, tmp_path / "streamlit.log")
    context = new_context(browser)
    try:
        spend, overview = context.new_page(), context.new_page()
        spend.goto(f"{url}/spend?fy=2025-26&dept=CYB")
        overview.goto(f"{url}/?fy=2025-26")
        for page in (spend, overview):
            wait_until_drawn(page)
        spend.get_by_text(before).first.wait_for(timeout=30_000)

        importing = subprocess.Popen(
            [sys.executable, "-m", "bsdash", "--db", str(database), "import", "--kind", "spend", str(export)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        errors, reloads = [], 0
        while importing.poll() is None:  # meanwhile, someone opens the overview again, and both are looked at
            errors += error_texts(spend) + error_texts(overview)
            overview.reload()
            wait_until_drawn(overview)
            reloads += 1
            errors += error_texts(overview)
        finished = time.monotonic()
        out, err = importing.communicate()
        assert importing.returncode == 0, err
        assert "in use" not in err and "loaded" in out

        after = spend_total(database)
        assert after != before
        spend.get_by_text(after).first.wait_for(timeout=SHOWN_WITHIN_S * 1000)  # nobody touched the page
        shown_after = time.monotonic() - finished
        for page in (spend, overview):
            wait_until_drawn(page)
            errors += error_texts(page)
        assert errors == []
        assert reloads >= 1
        assert shown_after <= SHOWN_WITHIN_S
        print(f"new total shown {shown_after:.1f} s after the import ended; the overview reloaded {reloads} times")
    finally:
        context.close()
        stop_dashboard(process)
