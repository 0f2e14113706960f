"""The SQL vocabulary the named queries share (bsdash/store/macros.py), on the small database of known figures:
tail spend as buyers define it, and the rows behind a bar counting exactly what the bar counts."""

import pytest

from bsdash.store.queries import Registry
from tests.small import IT_MARKET

YEAR = {"date_from": "2024-04-01", "date_to": "2025-03-31"}


def run(con, name: str, **params):
    return Registry().run(con, name, params)


def test_the_tail_is_the_suppliers_after_the_head_that_reaches_80_percent(small_con):
    market = run(small_con, "supplier_concentration_by_service", **YEAR).set_index("service_id").loc["it_support"]
    assert market["suppliers"] == len(IT_MARKET) == 5
    assert market["amount"] == pytest.approx(100_000)
    # 50 + 25 + 10 = 85 %: the third supplier crosses 80 % and is in the head; the last two are the tail.
    assert market["tail_suppliers"] == 2 and market["tail_amount"] == pytest.approx(15_000)
    assert market["top5_share"] == pytest.approx(1.0)
    assert market["hhi"] == pytest.approx(50**2 + 25**2 + 10**2 + 10**2 + 5**2)
    fleet = run(small_con, "supplier_concentration_by_service", **YEAR).set_index("service_id").loc["fleet"]
    assert (fleet["suppliers"], fleet["tail_suppliers"], fleet["hhi"]) == (1, 0, pytest.approx(10_000))
    whole = run(small_con, "supplier_concentration", **YEAR).iloc[0]
    assert whole["amount"] == pytest.approx(120_000) and whole["suppliers"] == 6


def test_the_payments_behind_a_bar_are_the_bars_count_and_total(small_con):
    by_service = run(small_con, "spend_by_service", **YEAR).set_index("service_id")
    for service, bar in by_service.iterrows():
        behind = run(small_con, "payments_summary", **YEAR, service=service).iloc[0]
        assert (behind["payments"], behind["amount"]) == (bar["payments"], pytest.approx(bar["amount"]))
        listed = run(small_con, "payments", **YEAR, service=service, row_limit=3)
        assert len(listed) == min(3, bar["payments"])
    by_month = run(small_con, "spend_by_month", **YEAR, departments=["CYB"])
    for bar in by_month.itertuples():
        params = {**YEAR, "departments": ["CYB"], "month": bar.month.date(), "service": bar.service_id}
        behind = run(small_con, "payments_summary", **params).iloc[0]
        assert (behind["payments"], behind["amount"]) == (bar.payments, pytest.approx(bar.amount))


def test_the_tickets_behind_a_bar_are_the_bars_count(small_con):
    quarter = {"date_from": "2024-04-01", "date_to": "2024-06-30"}
    for bar in run(small_con, "tickets_by_month", **quarter).itertuples():
        behind = run(small_con, "tickets_behind_summary", **quarter, which="logged", month=bar.month.date())
        assert behind.iloc[0]["tickets"] == bar.tickets_logged
    assert list(run(small_con, "tickets_by_month", **quarter)["tickets_logged"]) == [4, 3, 4]

    for bar in run(small_con, "sla_compliance_by_priority", **quarter).itertuples():
        behind = run(small_con, "tickets_behind_summary", **quarter, which="resolved", priority=bar.priority).iloc[0]
        assert (behind["tickets"], behind["within_sla"]) == (bar.tickets_resolved, bar.resolved_within_sla)
    p1 = run(small_con, "sla_compliance_by_priority", **quarter).set_index("priority").loc["P1"]
    assert (p1["tickets_resolved"], p1["resolved_within_sla"]) == (2, 1)

    open_on = {"as_at": "2024-06-30"}
    backlog = run(small_con, "backlog_by_age", **open_on)
    for bar in backlog[backlog["open_tickets"] > 0].itertuples():
        behind = run(
            small_con, "tickets_behind_summary", **quarter, which="open", open_on="2024-06-30",
            priority=bar.priority, age_from=bar.age_from, age_to=bar.age_to,
        )  # fmt: skip
        assert behind.iloc[0]["tickets"] == bar.open_tickets
    assert backlog["open_tickets"].sum() == 4
    risk = run(small_con, "open_tickets_by_sla_used", **open_on)
    for bar in risk.itertuples():
        behind = run(
            small_con, "tickets_behind_summary", **quarter, which="open", open_on="2024-06-30",
            used_from=bar.used_from, used_to=bar.used_to,
        )  # fmt: skip
        assert behind.iloc[0]["tickets"] == bar.open_tickets, bar.band
    breached = risk.set_index("band").loc["Breached (over 100 %)", "open_tickets"]
    assert breached == 3  # the P1 open 38 hours (of 4) and the two P3s open 5 and 41 days (of 3)


def test_no_department_chosen_means_every_department(small_con):
    everyone = run(small_con, "spend_by_service", **YEAR)["amount"].sum()
    each = sum(run(small_con, "spend_by_service", **YEAR, departments=[d])["amount"].sum() for d in ("CYB", "NPT-MAI"))
    assert everyone == pytest.approx(each) == pytest.approx(120_000)
