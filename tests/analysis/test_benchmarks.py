"""Benchmarks: group figures are weighted (sum over sum), the saving is max(0, gap) x population, and the Home
Office figures on the page are the ones in the table it cites."""

import math

import pandas as pd
import pytest

from bsdash.analysis import benchmarks
from bsdash.homeoffice import read_workforce
from tests.conftest import ROOT

SHARED_ODS = ROOT.parent / "shared" / "realdata" / "police-workforce-homeoffice" / "ods"
FORCES = pd.DataFrame(
    {
        "force": ["Home", "Big", "Small", "Elsewhere"],
        "population": [1_000_000, 2_000_000, 100_000, 500_000],
        "officers": [2000.0, 3000.0, 300.0, 1000.0],
        "staff": [1000.0, 1000.0, 200.0, 500.0],
        "spend": [50e6, 60e6, 10e6, 20e6],
        "is_home_force": [True, False, False, False],
        "in_most_similar_group": [False, True, True, False],
    }
)


def test_the_group_average_is_sum_over_sum_never_a_mean_of_ratios():
    result = benchmarks.compare(FORCES)["spend_per_head"]
    # MSG = Big and Small: (60m + 10m) / (2.0m + 0.1m) = £33.33 per head; the mean of their ratios would be
    # (30 + 100) / 2 = £65.
    assert result.msg == pytest.approx(70e6 / 2.1e6)
    assert result.all_forces == pytest.approx(140e6 / 3.6e6)
    assert result.own == pytest.approx(50.0)
    # Notional saving = max(0, 50 - 33.33) x 1,000,000
    assert result.saving == pytest.approx((50 - 70 / 2.1) * 1_000_000)


def test_no_saving_when_we_spend_less_than_the_group():
    assert benchmarks.notional_saving(20.0, 30.0, 1_000_000) == 0.0
    assert math.isnan(benchmarks.notional_saving(20.0, float("nan"), 1_000_000))


def test_the_ski_slope_sorts_every_force_and_marks_ours_and_the_group():
    slope = benchmarks.ski_slope(FORCES, "spend_per_head")
    assert list(slope["force"]) == ["Small", "Home", "Elsewhere", "Big"]
    assert list(slope["role"]) == [benchmarks.MSG, benchmarks.HOME, benchmarks.OTHER, benchmarks.MSG]


@pytest.mark.skipif(not SHARED_ODS.exists(), reason="the shared real-data folder is not beside the project")
@pytest.mark.parametrize(
    ("workbook", "as_at", "officers", "staff"),
    [
        ("police-workforce-sep19-tables.ods", "2019-09-30", 3547.5841, 2035.5825),
        ("police-workforce-sep18-tables.ods", "2018-09-30", 3333.3082, 1955.6202),
        ("police-workforce-tabs-30sep15.ods", "2015-09-30", 3142.85, 1804.62),
    ],
)
def test_every_years_workbook_is_read_with_its_regions_and_footnotes(workbook, as_at, officers, staff):
    rows = read_workforce(SHARED_ODS / workbook)
    assert rows["force"].nunique() == 43  # territorial forces only: no regions, totals or British Transport Police
    assert "West Midlands" in set(rows["force"]) and "Derbyshire" in set(rows["force"])  # a force and a region
    kent = rows[(rows["force"] == "Kent") & (rows["as_at"].astype(str) == as_at)].set_index("workforce")["fte"]
    assert kent["officers"] == pytest.approx(officers, abs=1e-4)
    assert kent["staff"] == pytest.approx(staff, abs=1e-4)


def test_the_region_rows_equal_the_sum_of_their_forces():
    rows = read_workforce(SHARED_ODS / "police-workforce-sep19-tables.ods")
    sheet = pd.read_excel(
        SHARED_ODS / "police-workforce-sep19-tables.ods",
        engine="odf",
        sheet_name="Table_1",
        header=None,
    )
    south_east = float(sheet[sheet[0].astype(str).str.strip() == "South East"].iloc[0, 3])
    forces = rows[(rows["region"] == "South East") & (rows["workforce"] == "officers")]
    assert forces[forces["as_at"].astype(str) == "2019-09-30"]["fte"].sum() == pytest.approx(south_east)
