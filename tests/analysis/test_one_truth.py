"""One figure, one truth, on the built-in sample: the outturn is the same on the three pages that show it, each
dataset is read at its own last day, the IT SLA light shows the worst priority, tail spend is at most a fifth of
a service's spend, a service with no change of provider says so, and the expiry timeline starts with the most
urgent contract."""

import csv
import io
import shutil
from datetime import date

import pytest

from bsdash.analysis import before_after, procurement
from bsdash.analysis.figures import forecasts, outsourcing, overview, spend
from bsdash.analysis.figures import procurement as procurement_figures
from bsdash.store import db
from tests.analysis.conftest import filters_of, import_spend_a_week_ahead, runner_over
from tests.conftest import bsdash_cli


@pytest.mark.parametrize(
    ("year", "departments"), [("2024/25", ()), ("2025/26", ()), ("2025/26", ("CYB", "NPT-MAI")), ("2023/24", ("FCR",))]
)
def test_the_outturn_is_the_same_to_the_pound_on_overview_forecasts_and_the_departments_of_spend(
    run, year, departments
):
    filters = filters_of(run, year, departments)
    on_overview = overview.overview(filters, run).outturn.outturn
    on_forecasts = forecasts.forecasts(filters, run).spend.outturn.outturn
    departments_add_up_to = spend.spend(filters, run).budget.frame["forecast_outturn"].sum()
    assert round(on_overview) == round(on_forecasts) == round(departments_add_up_to)
    if year == "2025/26":  # in progress: a forecast, not what was paid
        paid = spend.spend(filters, run).budget.frame["actual"].sum()
        assert on_overview > paid


def test_the_overviews_headline_outturn_is_the_forecasts_pages(run):
    filters = filters_of(run, "2025/26")
    tiles = {h.label: h for h in overview.overview(filters, run).headlines}
    on_forecasts = {h.label: h.value for h in forecasts.forecasts(filters, run).spend.headlines}
    assert tiles["Forecast outturn"].value == on_forecasts["Forecast outturn"] == "£104.9m"
    assert "seasonal naive with trend" in tiles["Forecast outturn"].help


def test_a_spend_export_a_week_ahead_of_the_tickets_changes_no_ticket_figure(sample_db, tmp_path):
    copy = tmp_path / "ahead.duckdb"
    shutil.copy(sample_db, copy)
    ticket_tiles = ("IT SLA compliance", "Open IT tickets")

    def figures():
        con = db.connect(copy, read_only=True)
        try:
            run = runner_over(con)
            shown = overview.overview(filters_of(run, "2025/26"), run)
            return shown, {h.label: (h.value, h.delta, h.status) for h in shown.headlines}
        finally:
            con.close()

    before, tiles_before = figures()
    import_spend_a_week_ahead(copy, tmp_path)
    after, tiles_after = figures()

    assert before.notice is None
    for label in ticket_tiles:
        assert tiles_after[label] == tiles_before[label], label
    assert after.tickets.frame.equals(before.tickets.frame)
    assert "Tickets to 31/01/2026" in after.as_at and "Payments to 07/02/2026" in after.as_at
    assert after.notice.startswith(
        "The tickets and service levels exports end on 31/01/2026, 7 days behind the payments"
    )


def test_the_it_sla_light_is_not_green_while_p1_or_p2_misses_and_names_them(run):
    for year in ("2024/25", "2025/26"):
        filters = filters_of(run, year)
        tile = next(h for h in overview.overview(filters, run).headlines if h.label == "IT SLA compliance")
        rows = run("sla_compliance_by_priority", filters.params()).set_index("priority")
        missing = [p for p in ("P1", "P2") if rows.loc[p, "sla_compliance"] < rows.loc[p, "compliance_target"]]
        assert missing == ["P1", "P2"], year
        assert tile.status.level != "good"
        assert tile.status.text in ("Watch", "Act")
        assert "P1 Critical" in tile.status.reason and "P2 High" in tile.status.reason
        assert "P3" not in tile.status.reason  # P3 and P4 meet theirs


def test_every_services_tail_is_at_most_a_fifth_of_its_spend_from_the_shell_and_on_the_page(sample_db, run):
    result = bsdash_cli(
        "--db", str(sample_db), "query", "supplier_concentration_by_service",
        "--param", "date_from=2024-04-01", "--param", "date_to=2025-03-31", "--format", "csv",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    for record in csv.DictReader(io.StringIO(result.stdout)):
        assert float(record["tail_amount"]) <= 0.2 * float(record["amount"]) + 0.01, record["service"]
        assert 0 < int(record["tail_suppliers"]) < int(record["suppliers"]), record["service"]
    page = procurement_figures.procurement_figures(filters_of(run, "2024/25"), run).concentration.frame
    assert (page["tail_share"] <= 0.2).all()
    catering = page.set_index("service").loc["Catering"]
    assert catering["tail_amount"] < catering["amount"]  # the dominant supplier is in the head, not the tail


def test_outsourcing_finds_it_supports_change_and_none_for_fleet(run):
    filters = filters_of(run, "2025/26")
    day, story = outsourcing.found_change(run, filters, "it_support")
    assert day == date(2023, 10, 1)
    assert "Meridian Digital Services Ltd (external) took over on 01/10/2023" in story[0]
    assert "Meridian Service Desk" in story[1]
    for service in ("fleet", "facilities", "catering", "legal"):
        assert outsourcing.found_change(run, filters, service) == (None, []), service


def test_the_expiry_timeline_starts_with_the_most_urgent(run):
    pipeline = procurement_figures.procurement_figures(filters_of(run, "2025/26"), run).pipeline.frame
    inside = list(pipeline["inside_lead_time"])
    assert inside[0] and inside == sorted(inside, reverse=True)  # every contract inside its lead time first
    for part in (pipeline[pipeline["inside_lead_time"]], pipeline[~pipeline["inside_lead_time"]]):
        assert list(part["end_date"]) == sorted(part["end_date"])  # then soonest first
    assert procurement.most_urgent_first(pipeline.iloc[::-1]).equals(pipeline)


def test_a_handover_is_a_change_of_provider_and_a_renewal_or_a_side_contract_is_not():
    import pandas as pd

    def register(*contracts):
        columns = ["contract_id", "title", "supplier", "provider_type", "start_date", "end_date", "annual_value"]
        return pd.DataFrame(contracts, columns=columns)

    main = ("C1", "Service desk", "Old Ltd", "external", "2020-04-01", "2023-03-31", 1_000_000)
    first, last = date(2021, 4, 1), date(2026, 1, 31)
    handover = register(main, ("C2", "Service desk", "New Ltd", "external", "2023-04-01", "2027-03-31", 900_000))
    assert before_after.provider_change(handover, first, last).day == date(2023, 4, 1)
    renewal = register(main, ("C2", "Service desk", "Old Ltd", "external", "2023-04-01", "2027-03-31", 1_000_000))
    assert before_after.provider_change(renewal, first, last) is None
    side = register(main, ("C2", "Spares", "Other Ltd", "external", "2023-04-01", "2027-03-31", 50_000))
    assert before_after.provider_change(side, first, last) is None
