"""The start page: runs without exception and shows the query layer's figures."""

from bsdash import formatting as fmt
from bsdash.queries import Registry


def test_the_start_page_shows_the_years_figures_from_the_query_layer(app, sample_con):
    page = app()
    assert not page.exception
    metrics = {m.label: m.value for m in page.metric}
    figures = (
        Registry()
        .run(
            sample_con, "headline_figures", {"date_from": "2025-04-01", "date_to": "2026-03-31", "as_at": "2026-01-31"}
        )
        .iloc[0]
    )
    assert metrics["Spend to date"] == fmt.money_short(figures["spend"])
    assert metrics["SLA compliance"] == fmt.percent(figures["sla_compliance"])
    assert metrics["Contracts ending within 6 months"] == fmt.count(figures["contracts_expiring"])
