"""The procurement, assets, benchmark, before-and-after and forecast pages: their figures agree with the query
layer, the shared filters apply, and the interactive parts (tender weights, the change date) do what they say."""

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from bsdash import formatting as fmt
from bsdash.analysis import forecasting
from bsdash.store.queries import Registry
from tests.pages.conftest import texts

ODS = (
    Path(__file__).parents[3]
    / "shared"
    / "realdata"
    / "police-workforce-homeoffice"
    / "ods"
    / "police-workforce-sep19-tables.ods"
)
FY_2024 = {"date_from": "2024-04-01", "date_to": "2025-03-31"}


def metrics(shown) -> dict[str, str]:
    return {m.label: m.value for m in shown.metric}


def table_with(shown, column: str) -> pd.DataFrame:
    return next(d.value for d in shown.dataframe if column in d.value.columns)


def open_table(shown, chart_key: str):
    """A chart's table is made once its tab is opened (the tab's state is kept under `<chart key>_tabs`)."""
    shown.session_state[f"{chart_key}_tabs"] = "Table"
    return shown.run()


def test_procurement_shows_the_query_layers_on_contract_share_for_the_filters(app, sample_con):
    shown = app("procurement", fy="2024-25", dept="CYB")
    rows = Registry().run(sample_con, "spend_on_contract_by_service", {**FY_2024, "departments": ["CYB"]})
    expected = rows["on_contract_amount"].sum() / rows["addressable_amount"].sum()
    assert metrics(shown)["Spend on contract"] == fmt.percent(expected)
    everyone = Registry().run(sample_con, "spend_on_contract_by_service", FY_2024)
    assert fmt.percent(expected) != fmt.percent(
        everyone["on_contract_amount"].sum() / everyone["addressable_amount"].sum()
    )


def test_procurement_flags_the_contracts_inside_their_lead_time_and_the_act_shortfalls(app, sample_con):
    shown = app("procurement", fy="2025-26")
    pipeline = Registry().run(sample_con, "contract_expiry_pipeline", {"as_at": "2026-01-31"})
    inside = pipeline[pipeline["inside_lead_time"]]
    assert f"{len(inside)} of them ({fmt.money_short(inside['annual_value'].sum())} a year)" in str(
        [m.help for m in shown.metric]
    )
    compliance = table_with(shown, "Fewer than 3 KPIs")
    assert compliance.loc[compliance["Title"] == "Digital forensics tools and support", "Fewer than 3 KPIs"].iloc[0]
    assert compliance.loc[compliance["Title"] == "Fuel cards (national framework)", "Rating overdue"].iloc[0]


def test_moving_the_tender_weights_reranks_the_bids_as_the_formula_says(app, sample_con):
    shown = open_table(app("procurement", fy="2024-25"), "procurement_bids")
    assert shown.selectbox(key="tender").value == "KP-C-0002"  # the IT service desk tender, the largest
    bids = Registry().run(sample_con, "tender_bids_of_contract", {"contract_id": "KP-C-0002"})
    published = table_with(shown, "Total points")
    assert published["Bidder"].iloc[0] == "Meridian Digital Services Ltd"  # the published weights pick the winner

    shown.slider(key="weight_price").set_value(80).run()
    shown.slider(key="weight_quality").set_value(10).run()
    shown.slider(key="weight_capability").set_value(10).run()
    # By hand: total = lowest bid / bid x 80 + quality / 100 x 10 + capability / 100 x 10.
    lowest = bids["bid_price"].min()
    by_hand = {
        row.bidder: lowest / row.bid_price * 80 + row.quality_score / 100 * 10 + row.capability_score / 100 * 10
        for row in bids.itertuples()
    }
    ranking = sorted(by_hand, key=by_hand.get, reverse=True)
    moved = table_with(shown, "Total points")
    assert list(moved["Bidder"]) == ranking
    assert list(moved["Total points"]) == pytest.approx([by_hand[b] for b in ranking])
    assert ranking[0] != "Meridian Digital Services Ltd"  # the cheapest bid now wins
    assert f"**{ranking[0]}** ranks first" in texts(shown)
    assert "The contract went to Meridian Digital Services Ltd" in texts(shown)


def test_assets_shows_shelfware_and_kit_past_refresh_for_the_chosen_department(app, sample_con):
    shown = app("assets", dept="CYB")
    licences = Registry().run(sample_con, "licence_register", {"departments": ["CYB"]})
    assert metrics(shown)["Shelfware"] == fmt.money_short(licences["shelfware_value"].sum()) + " a year"
    lifecycle = Registry().run(
        sample_con, "asset_lifecycle_by_department", {"as_at": "2026-01-31", "departments": ["CYB"]}
    )
    assert metrics(shown)["Past their refresh date"] == fmt.count(lifecycle["past_refresh"].sum())
    assert metrics(app("assets"))["Past their refresh date"] != metrics(shown)["Past their refresh date"]


def test_assets_says_licences_do_not_apply_when_it_support_is_filtered_out(app):
    shown = app("assets", service="fleet")
    assert "Licences are part of IT support" in texts(shown)
    assert "Seats in use" not in metrics(shown)


def kent_from_the_ods() -> tuple[float, float]:
    """Kent's officers and staff at 30 September 2019, read straight from Table_1 and Table_2."""
    figures = []
    for sheet in ("Table_1", "Table_2"):
        table = pd.read_excel(ODS, engine="odf", sheet_name=sheet, header=None)
        header = next(i for i in range(10) if str(table.iloc[i, 3]).startswith("2019-09-30"))
        row = table[table[0].astype(str).str.strip() == "Kent"].iloc[0]
        assert header < row.name
        figures.append(float(row[3]))
    return figures[0], figures[1]


def test_the_benchmark_page_shows_kents_officers_and_staff_from_the_table_it_cites(app):
    shown = app("benchmarks", fy="2024-25")
    officers, staff = kent_from_the_ods()
    assert (round(officers), round(staff)) == (3548, 2036)  # as the Home Office table shows them
    note = next(i.value for i in shown.info if i.value.startswith("**Real:**"))
    assert f"Kent: {officers:,.2f} officers and {staff:,.2f} staff." in note
    assert "Table_1: Police officers by police force area" in note and "Table_2: Police staff" in note
    assert "30/09/2019" in note and "**Illustrative:**" in note


def test_the_benchmark_figures_are_weighted_group_averages_of_the_query_layer(app, sample_con):
    shown = app("benchmarks", fy="2024-25")
    workforce = Registry().run(sample_con, "benchmark_workforce_by_force", {"as_at": "2025-03-31"})
    spend = Registry().run(sample_con, "benchmark_spend_by_force_and_function", {"financial_year": "2024/25"})
    totals = spend.groupby("force")["amount"].sum()
    kent = workforce.set_index("force").loc["Kent"]
    assert metrics(shown)["Spend per head of population"] == f"£{totals['Kent'] / kent['population']:,.2f}"
    group = workforce[workforce["in_most_similar_group"]]
    msg = totals[group["force"]].sum() / group["population"].sum()
    help_text = next(m.help for m in shown.metric if m.label == "Spend per head of population")
    assert help_text.startswith(f"MSG average £{msg:,.2f}")


def test_benchmarks_of_a_year_in_progress_use_the_latest_complete_year(app):
    shown = app("benchmarks", fy="2025-26")
    assert "showing 2024/25, the latest complete one" in texts(shown)


def test_the_before_and_after_page_finds_the_it_outsourcing_with_the_right_sign(app):
    shown = app("outsourcing")
    assert shown.date_input(key="ba_change").value == date(2023, 10, 1)  # found in the tickets
    page = texts(shown)
    assert "SLA compliance: **better** after the change: +" in page
    assert "Median time to resolve: **better** after the change: -" in page
    assert "Meridian Service Desk" in page and "KE ICT Service Desk" in page


def test_the_before_and_after_page_says_not_enough_evidence_where_nothing_changed(app):
    shown = app("outsourcing")
    shown.selectbox(key="ba_service").set_value("fleet").run()
    assert "No change of provider found for Fleet management" in texts(shown)
    assert not shown.get("plotly_chart") and "**better**" not in texts(shown) and "evidence" not in texts(shown)
    shown = app("outsourcing")
    shown.date_input(key="ba_change").set_value(date(2022, 10, 1)).run()
    assert "SLA compliance: **not enough evidence** of a change" in texts(shown)


def test_the_forecast_page_states_the_backtest_error_of_the_query_layers_tickets(app, sample_con):
    shown = app("forecasts", dept="FCR")
    tickets = Registry().run(
        sample_con, "tickets_by_month", {"date_from": "2021-04-01", "date_to": "2026-01-31", "departments": ["FCR"]}
    )
    check = forecasting.backtest(tickets["month"], tickets["tickets_logged"].to_numpy())
    assert metrics(shown)["Backtest error (MAPE)"] == fmt.percent(check.mape)
    assert "Seasonal naive with trend" in texts(shown)
    assert "missed the actual outturn by" in texts(shown)
