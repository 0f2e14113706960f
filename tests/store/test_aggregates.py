"""The narrow spend totals (spend_totals_monthly, read through spend_totals_in) agree with the payments to the penny
after every import: a first one, a second adding to a month already there, one with a department not yet mapped,
and for periods of whole months and of ragged ends."""

from bsdash.ingest.pipeline import import_file
from tests.ingest.corpus import lines, row

BY_MONTH = """
    select date_trunc('month', paid_date)::date as month, department_id,
           case when department_id is null then source_department end as label, service_id,
           sum(amount) as amount, count(*) as payments
    from spend group by all order by all
"""
TOTALS = """
    select month, department_id, source_department, service_id, amount, payments
    from spend_totals_monthly order by all
"""
IN_PERIOD = """
    select department_id, source_department, service_id, sum(amount), sum(payments)
    from spend_totals_in($date_from::date, $date_to::date, null, null) group by all order by all
"""
PAID_IN_PERIOD = """
    select department_id, case when department_id is null then source_department end, service_id, sum(amount),
           count(*)
    from spend where paid_date between $date_from::date and $date_to::date group by all order by all
"""


def test_the_totals_follow_every_import_and_read_any_period_exactly(reference_db, tmp_path):
    first = tmp_path / "first.csv"
    first.write_text(lines(row("AP1", date="03/04/2024"), row("AP2", date="28/05/2024", amount="250.00")))
    import_file(reference_db, first, "spend")
    assert reference_db.execute(TOTALS).fetchall() == reference_db.execute(BY_MONTH).fetchall()

    second = tmp_path / "second.csv"
    second.write_text(
        lines(
            row("AP3", date="15/05/2024", amount="-40.00"),  # a credit, into a month already there
            row("AP4", date="02/07/2024", amount="99.99").replace("Cyber Crime Unit", "Op Nightjar"),  # unmapped
        )
    )
    import_file(reference_db, second, "spend")
    totals = reference_db.execute(TOTALS).fetchall()
    assert totals == reference_db.execute(BY_MONTH).fetchall()
    assert (None, "Op Nightjar") in {(t[1], t[2]) for t in totals}

    for date_from, date_to in (
        ("2024-04-01", "2025-03-31"),
        ("2024-04-10", "2024-07-02"),
        ("2024-05-20", "2024-05-31"),
    ):
        period = {"date_from": date_from, "date_to": date_to}
        assert (
            reference_db.execute(IN_PERIOD, period).fetchall()
            == reference_db.execute(PAID_IN_PERIOD, period).fetchall()
        )
