"""What a shared link holds opens the same view: a bar selected on each of the five pages lists the same rows
(count and total as the bar's), and the tender weights, the outsourcing service, date and months and the benchmark
measure come back from the link; each page writes them there as they change."""

from datetime import date

import pytest

from bsdash import formatting as fmt
from bsdash.store.queries import Registry
from tests.pages.conftest import texts

FY_2024 = {"date_from": "2024-04-01", "date_to": "2025-03-31"}


def captions(shown) -> list[str]:
    return [c.value for c in shown.caption]


@pytest.mark.parametrize(
    ("page", "query", "heading"),
    [
        (
            "overview",
            {"drill": "overview_spend", "drill.service": "fleet"},
            "Payments behind the selection: service type Fleet management",
        ),
        (
            "departments",
            {"drill": "departments_demand", "drill.department": "CYB"},
            "Tickets behind the selection: tickets raised by Cyber Crime Unit",
        ),
        (
            "spend",
            {"drill": "spend_capital", "drill.month": "2024-07-01", "drill.capital_revenue": "capital"},
            "Payments behind the selection: capital spend, July 2024",
        ),
        (
            "service_levels",
            {"drill": "levels_priority", "drill.priority": "P2"},
            "Tickets behind the selection: P2 tickets resolved in the period",
        ),
        (
            "benchmarks",
            {"drill": "benchmark_slope", "drill.year": "2024/25"},
            "Payments behind the selection: our force's payments in 2024/25",
        ),
    ],
)
def test_a_selected_bar_in_the_link_lists_the_rows_behind_it(app, page, query, heading):
    shown = app(page, fy="2024-25", **query)
    assert not shown.exception
    assert heading in [s.value for s in shown.subheader]
    assert shown.query_params["drill"] == query["drill"]
    assert any(d.value.shape[0] > 0 for d in shown.dataframe)
    assert any(c.startswith(("1", "2", "3", "4", "5", "6", "7", "8", "9")) for c in captions(shown))  # the count


def test_the_overviews_service_bar_lists_its_payments_count_and_total(app, sample_con):
    shown = app("overview", fy="2024-25", drill="overview_spend", **{"drill.service": "fleet"})
    bar = Registry().run(sample_con, "spend_by_service", FY_2024).set_index("service_id").loc["fleet"]
    assert f"{int(bar['payments']):,} payments, totalling {fmt.money(bar['amount'])}." in captions(shown)


def test_the_spend_pages_capital_bar_is_the_sum_of_its_payments(app, sample_con):
    shown = app(
        "spend",
        fy="2024-25",
        drill="spend_capital",
        **{"drill.month": "2024-07-01", "drill.capital_revenue": "capital"},
    )
    count, total = sample_con.execute("""
        select count(*), sum(amount) from spend
        where capital_revenue = 'capital' and paid_date between '2024-07-01' and '2024-07-31'
    """).fetchall()[0]
    assert f"{count:,} payments, totalling {fmt.money(total)}." in captions(shown)


def test_a_selection_the_page_cannot_use_is_ignored_with_a_notice(app):
    shown = app("spend", fy="2024-25", drill="spend_month", **{"drill.month": "July", "drill.service": "fleet"})
    assert not shown.exception
    assert any("Ignored from the link: the selection on this page (month not usable)" in w.value for w in shown.warning)
    assert "drill" not in shown.query_params
    assert not any("behind the selection" in s.value for s in shown.subheader)


def test_the_tender_and_its_weights_come_from_the_link_and_follow_the_sliders(app):
    shown = app("procurement", fy="2024-25", tender="KP-C-0002", weights="80-10-10")
    assert [shown.slider(key=f"weight_{n}").value for n in ("price", "quality", "capability")] == [80, 10, 10]
    assert "With price 80%, quality 10%, capability 10%" in texts(shown)
    shown.slider(key="weight_quality").set_value(30).run()
    assert shown.query_params["weights"] == "80-30-10"
    shown = app("procurement", fy="2024-25", weights="80-ten-10")
    assert any("Ignored from the link: weights '80-ten-10'" in w.value for w in shown.warning)
    assert [shown.slider(key=f"weight_{n}").value for n in ("price", "quality", "capability")] == [40, 40, 20]


def test_the_outsourcing_service_date_and_months_come_from_the_link(app):
    shown = app("outsourcing", ba_change="2023-04-01", ba_months="6")
    assert shown.date_input(key="ba_change").value == date(2023, 4, 1)
    assert shown.slider(key="ba_months").value == 6
    assert "Equal windows of 6 months: 01/10/2022 to 31/03/2023 (before)" in texts(shown)
    shown.selectbox(key="ba_service").set_value("fleet").run()
    assert shown.query_params["ba_service"] == "fleet"
    assert "No change of provider found for Fleet management" in texts(shown)
    shown.selectbox(key="ba_service").set_value("it_support").run()
    assert shown.date_input(key="ba_change").value == date(2023, 10, 1)  # back to IT support's own change


def test_the_benchmark_measure_comes_from_the_link(app):
    shown = app("benchmarks", fy="2024-25", measure="fte_per_1000")
    assert shown.radio(key="measure").value == "fte_per_1000"
    shown.radio(key="measure").set_value("spend_per_fte").run()
    assert shown.query_params["measure"] == "spend_per_fte"
