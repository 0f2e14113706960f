"""Every page: runs, shows the query layer's figures for its filters, says so when a selection is empty, and
tells the reader what it ignored from a bad link."""

import pytest

from bsdash import formatting as fmt
from bsdash.store.queries import Registry
from tests.pages.conftest import PAGES, texts

FY_2024 = {"date_from": "2024-04-01", "date_to": "2025-03-31"}


@pytest.mark.parametrize("page", PAGES)
def test_each_page_runs_without_an_exception(app, page):
    shown = app(page)
    assert not shown.exception, shown.exception
    assert shown.title, "the page drew nothing"


@pytest.mark.parametrize("page", PAGES)
def test_a_link_with_a_department_and_a_year_opens_every_page_on_them(app, page):
    shown = app(page, fy="2024-25", dept="CYB")
    assert not shown.exception
    assert "Financial year 2024/25 · Cyber Crime Unit ·" in texts(shown)
    assert shown.sidebar.selectbox(key="f_year").value == "2024/25"
    assert shown.sidebar.multiselect(key="f_departments").value == ["CYB"]


def test_the_overview_shows_the_query_layers_spend_and_sla(app, sample_con):
    shown = app("overview", fy="2024-25", dept=["CYB", "NPT-MAI"])
    figures = (
        Registry()
        .run(sample_con, "headline_figures", {**FY_2024, "as_at": "2026-01-31", "departments": ["CYB", "NPT-MAI"]})
        .iloc[0]
    )
    metrics = {m.label: m.value for m in shown.metric}
    assert metrics["Spend to date"] == fmt.money_short(figures["spend"])
    assert metrics["IT SLA compliance"] == fmt.percent(figures["sla_compliance"])


def test_the_spend_page_total_is_the_sum_of_the_payments(app, sample_con):
    shown = app("spend", fy="2024-25", service="fleet")
    total = sample_con.execute(
        "select sum(amount) from spend where service_id = 'fleet' and paid_date between '2024-04-01' and '2025-03-31'"
    ).fetchall()[0][0]
    assert f"**{fmt.money(total)}** in" in texts(shown)


def test_the_service_levels_page_shows_the_query_layers_compliance(app, sample_con):
    shown = app("service_levels", fy="2023-24", dept="FCR")
    rows = Registry().run(
        sample_con,
        "sla_compliance_by_priority",
        {**FY_2024, "date_from": "2023-04-01", "date_to": "2024-03-31", "departments": ["FCR"]},
    )
    expected = rows["resolved_within_sla"].sum() / rows["tickets_resolved"].sum()
    assert {m.label: m.value for m in shown.metric}["SLA compliance"] == fmt.percent(expected)


def test_the_departments_page_names_the_largest_difference(app):
    shown = app("departments", fy="2024-25")
    sentence = shown.info[0].value
    assert sentence.startswith("Cyber Crime Unit spends £")
    assert "per FTE on IT support & maintenance" in sentence
    assert "Maidstone Neighbourhood Policing Team" in sentence


@pytest.mark.parametrize("page", PAGES)
def test_service_and_provider_types_that_match_nothing_show_a_plain_message(app, page):
    shown = app(page, service="catering", provider="internal")  # catering is external
    assert not shown.exception
    assert "No service type matches the service and provider types chosen together" in texts(shown)
    assert not shown.get("plotly_chart")


def test_a_single_department_to_compare_asks_for_another(app):
    shown = app("departments", compare="CYB")
    assert "Choose at least two departments to compare." in texts(shown)
    assert not shown.get("plotly_chart")


def test_the_departments_compared_come_from_the_link_by_their_codes(app):
    shown = app("departments", fy="2024-25", compare=["FCR", "NPT-DOV", "MARS"])
    assert shown.multiselect(key="compare").value == ["FCR", "NPT-DOV"]
    assert any("Ignored from the link: department 'MARS'" in w.value for w in shown.warning)
    shown.multiselect(key="compare").set_value(["FCR", "CYB", "NPT-DOV"]).run()
    assert shown.query_params["compare"] == ["FCR", "CYB", "NPT-DOV"]


def test_a_period_with_no_data_says_so_instead_of_drawing(app):
    shown = app("spend", **{"from": "2030-01-01", "to": "2030-01-31"})
    assert not shown.exception
    assert "No payments match the filters in this period." in texts(shown)


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"fy": "1999-00"}, "The link's financial year '1999-00' is not one the data covers"),
        ({"fy": "<script>"}, "The link's financial year '<script>' is not one the data covers"),
        ({"dept": ["CYB", "NOPE"]}, "Ignored from the link: department 'NOPE' (not a known department)."),
        ({"service": "teleportation"}, "Ignored from the link: service type 'teleportation'"),
        ({"provider": "martian"}, "Ignored from the link: provider type 'martian'"),
        (
            {"from": "2024-13-01", "to": "2024-02-01"},
            "The link's dates (from '2024-13-01' to '2024-02-01') are not a valid range",
        ),
        ({"from": "2025-01-01", "to": "2024-01-01"}, "are not a valid range"),
        ({"from": "0001-01-01", "to": "9999-12-31"}, "between 2000 and 2100); showing financial year 2025/26."),
    ],
)
@pytest.mark.parametrize("page", ["overview", "spend"])
def test_a_bad_value_in_the_link_is_ignored_with_a_notice(app, page, query, notice):
    shown = app(page, **query)
    assert not shown.exception
    assert any(notice in w.value for w in shown.warning), [w.value for w in shown.warning]
    assert shown.title


def test_the_explorer_shows_the_sql_and_parameters_of_what_it_shows(app):
    shown = app("explorer", fy="2024-25", dept="CYB")
    code = "\n".join(c.value for c in shown.code)
    assert "from payments_behind(" in code
    assert '"date_from": "2024-04-01"' in code and '"departments": [\n    "CYB"\n  ]' in code
    assert any(m.value.startswith("**") and "rows**" in m.value for m in shown.markdown)
