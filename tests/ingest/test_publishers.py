"""Other publishers' and other tools' layouts (tests/ingest/publishers.py) import the first time, with no mapping
file: every row accounted for, the money reconciled to the penny, and each column found where it is."""

from decimal import Decimal

import pytest

from bsdash.ingest.pipeline import import_file
from bsdash.store.checks import broken_relationships
from tests.ingest.publishers import LAYOUTS, SPEND_LAYOUTS, TICKET_LAYOUTS, Layout


def write(layout: Layout, folder):
    path = folder / layout.name
    path.write_bytes(layout.content())
    return path


def test_the_corpus_holds_at_least_25_layouts_of_both_families():
    assert len(LAYOUTS) >= 25
    assert len(SPEND_LAYOUTS) >= 15 and len(TICKET_LAYOUTS) >= 8
    assert len({layout.name for layout in LAYOUTS}) == len(LAYOUTS)


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_each_layout_imports_with_every_row_accounted_for(reference_db, tmp_path, layout):
    report = import_file(reference_db, write(layout, tmp_path), layout.kind)
    expected = (
        len(layout.rows),
        layout.count("load"),
        layout.count("quarantine", "total"),
        layout.count("duplicate"),
    )
    assert (report.rows_read, report.loaded, report.quarantined, report.duplicates) == expected, report.reasons
    assert report.rows_read == report.loaded + report.quarantined + report.duplicates
    assert {ours: report.columns.get(ours) for ours in layout.columns} == layout.columns, report.layout_lines()
    assert report.event_log == layout.event_log
    if layout.records is not None:
        assert report.records == layout.records
    recorded = reference_db.execute(
        "select rows_read, loaded, quarantined, duplicates from imports where import_id = $id",
        {"id": report.import_id},
    ).fetchall()
    assert recorded == [expected]
    quarantined = reference_db.execute(
        "select count(*) from quarantine where import_id = $id", {"id": report.import_id}
    ).fetchall()[0][0]
    assert quarantined == report.quarantined
    assert broken_relationships(reference_db) == []


@pytest.mark.parametrize("layout", SPEND_LAYOUTS, ids=lambda layout: layout.name)
def test_each_spend_layouts_money_is_reconciled_to_the_penny(reference_db, tmp_path, layout):
    report = import_file(reference_db, write(layout, tmp_path), "spend")
    money = report.money
    assert money is not None
    assert money.read == layout.pounds("load", "duplicate", "quarantine")
    assert money.loaded == layout.pounds("load")
    assert money.duplicates == layout.pounds("duplicate")
    assert money.quarantined == layout.pounds("quarantine")
    assert money.read == money.loaded + money.quarantined + money.duplicates
    assert money.file_total == layout.file_total()
    in_table = reference_db.execute(
        "select coalesce(sum(amount), 0) from spend where import_id = $id", {"id": report.import_id}
    ).fetchall()[0][0]
    assert in_table == money.loaded
    recorded = reference_db.execute(
        "select amount_read, amount_loaded, amount_quarantined, amount_duplicates, file_total from imports "
        "where import_id = $id",
        {"id": report.import_id},
    ).fetchall()[0]
    assert recorded == (money.read, money.loaded, money.quarantined, money.duplicates, money.file_total)


def by_name(name: str) -> Layout:
    return next(layout for layout in LAYOUTS if layout.name == name)


def test_a_report_total_is_compared_with_the_rows_and_never_loaded(reference_db, tmp_path):
    layout = by_name("oracle-invoice-payment-register.csv")
    report = import_file(reference_db, write(layout, tmp_path), "spend")
    assert report.header_row == 6  # below the title block and the report's parameters
    assert report.money.lines()[-1] == ("the file's own total (row 13, not loaded): £9,868.50, agrees with its rows")
    assert report.reasons == {"totals row": 1, "junk row (only '*** End of Report ***' on the line)": 1}
    assert reference_db.execute("select count(*) from spend where supplier_name ilike '%total%'").fetchall() == [(0,)]


def test_a_grand_total_that_differs_from_the_rows_says_by_how_much(reference_db, tmp_path):
    report = import_file(reference_db, write(by_name("grand-total-differs.csv"), tmp_path), "spend")
    assert report.money.file_total == Decimal("4010.00")
    assert report.money.lines()[-1].endswith("£4,010.00, differs from its rows (£4,000.00) by £10.00")
    lines = report.layout_lines()
    assert "£ read £4,000.00 = loaded £4,000.00 + quarantined £0.00 + duplicates £0.00" in lines


def test_sub_totals_are_quarantined_and_the_grand_total_agrees(reference_db, tmp_path):
    report = import_file(reference_db, write(by_name("subtotals-by-department.csv"), tmp_path), "spend")
    assert report.reasons == {"totals row": 3}
    assert report.money.total_rows == [4, 6, 7]
    assert (
        report.money.lines()[-1] == "the file's own total (rows 4, 6, 7, not loaded): £4,300.00, agrees with its rows"
    )


def test_payments_without_transaction_numbers_get_a_key_from_their_content(reference_db, tmp_path):
    layout = by_name("invoices-without-transaction-numbers.csv")
    path = write(layout, tmp_path)
    report = import_file(reference_db, path, "spend")
    assert report.key.startswith("made from each row's Paid Date, Amount, Supplier Name, Department, Expense Type")
    assert "(the file has no Transaction Number)" in report.key
    # The same meal bill paid twice in the month: both kept, under keys that differ by their occurrence.
    bills = reference_db.execute(
        "select transaction_number, key_from_content from spend where supplier_name = 'Sodexo Ltd' order by 1"
    ).fetchall()
    assert len(bills) == 2 and bills[0][0] != bills[1][0] and all(flag for _, flag in bills)
    assert bills[0][0].endswith(":1") and bills[1][0].endswith(":2")

    again = import_file(reference_db, path, "spend", force=True)
    assert (again.loaded, again.duplicates) == (0, len(layout.rows))

    # The next month's file repeats one of April's payments (and the second bill is not repeated).
    may = tmp_path / "may.csv"
    may.write_text(
        "Date Paid,Supplier,Department,Expense Type,Amount\n"
        "04/04/2024,Sodexo Ltd,Custody,Catering,712.40\n"
        "02/05/2024,Sodexo Ltd,Custody,Catering,712.40\n"
    )
    next_month = import_file(reference_db, may, "spend")
    assert (next_month.loaded, next_month.duplicates) == (1, 1)


def test_what_a_file_does_not_give_shows_as_not_given(reference_db, tmp_path):
    from bsdash.store.queries import Registry

    report = import_file(reference_db, write(by_name("invoices-without-transaction-numbers.csv"), tmp_path), "spend")
    assert report.lacking["Capital or Revenue"] == "the capital and revenue split shows 'Not given'"
    assert "Transaction Number" in report.lacking
    period = {"date_from": "2024-04-01", "date_to": "2024-04-30"}
    split = Registry().run(reference_db, "spend_by_capital_revenue", period)
    assert list(split["capital_revenue"]) == ["Not given"]
    assert float(split["amount"].sum()) == pytest.approx(4574.80)
    payments = Registry().run(reference_db, "payments", {**period, "row_limit": 10})
    assert set(payments["transaction_number"]) == {"Not given"}
    assert set(payments["capital_revenue"]) == {"Not given"}


def test_withheld_payees_load_as_not_given_and_count_in_every_total(reference_db, tmp_path):
    from bsdash.store.queries import Registry

    report = import_file(reference_db, write(by_name("withheld-payees.csv"), tmp_path), "spend")
    assert report.quarantined == 0
    assert (
        "Supplier Name: 2 rows with none given loaded as 'Not given (withheld)' (£3,750.00), flagged, "
        "and counted in every total"
    ) in report.notes
    by_supplier = Registry().run(
        reference_db, "spend_by_supplier", {"date_from": "2024-08-01", "date_to": "2024-08-31"}
    )
    withheld = by_supplier.set_index("supplier").loc["Not given (withheld)"]
    assert float(withheld["amount"]) == 3750.0
    assert float(by_supplier["amount"].sum()) == 8650.0
    flagged = reference_db.execute("select is_redacted from suppliers where name = 'Not given (withheld)'").fetchall()
    assert flagged == [(True,)]


def test_columns_known_only_by_their_values_say_so_with_the_evidence(reference_db, tmp_path):
    report = import_file(reference_db, write(by_name("kind-of-spend.csv"), tmp_path), "spend")
    sources = {s.ours: s for s in report.sources}
    assert sources["Capital or Revenue"].by == "values"
    assert sources["Capital or Revenue"].evidence == "8 values, all Revenue or Capital"
    assert sources["Paid Date"].by == "values"
    assert sources["Amount"].by == "name and values"
    assert "Capital or Revenue <- 'Kind of Spend' (values; 8 values, all Revenue or Capital)" in report.layout_lines()


def test_ticket_words_of_other_tools_are_placed_by_meaning(reference_db, tmp_path):
    import_file(reference_db, write(by_name("remedy-incidents.csv"), tmp_path), "tickets")
    import_file(reference_db, write(by_name("jira-service-management-issues.csv"), tmp_path), "tickets")
    import_file(reference_db, write(by_name("freshservice-tickets.csv"), tmp_path), "tickets")
    tickets = dict(
        (r[0], r[1:])
        for r in reference_db.execute("select ticket_number, state, priority, channel from tickets").fetchall()
    )
    assert tickets["INC000000301002"] == ("on hold", "P2", "Email")  # Pending, Client Action Required
    assert tickets["INC000000301003"] == ("assigned", "P1", "Self-service portal")
    assert tickets["ITSM-101"][:2] == ("resolved", "P2")  # Done, High
    assert tickets["ITSM-102"][:2] == ("on hold", "P3")  # Waiting for customer, Medium
    assert tickets["ITSM-103"][:2] == ("in progress", "P1")  # Highest
    assert tickets["#INC-502"][:2] == ("new", "P1")  # Open, Urgent


def test_an_audit_log_without_opened_times_or_priorities_derives_them_or_says_not_given(reference_db, tmp_path):
    report = import_file(reference_db, write(by_name("helix-incident-audit.csv"), tmp_path), "tickets")
    assert report.derived["Opened"] == "the time of the ticket's first event"
    assert report.derived["Reassignment Count"] == "the changes of assignment group from one event to the next"
    assert "Priority" in report.lacking
    row = reference_db.execute(
        "select state, priority, opened_at::varchar, resolved_at::varchar, closed_at::varchar, reassignment_count, "
        "reopen_count from tickets where ticket_number = 'INC000000401001'"
    ).fetchall()
    assert row == [("closed", None, "2024-05-13 08:00:00", "2024-05-15 16:00:00", "2024-05-20 16:00:00", 1, 0)]
