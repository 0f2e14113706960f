"""Each dataset's own "as at": a payments export ending on its month's last working day covers the month; the
notice names the exports a week or more behind the freshest."""

from datetime import date

from bsdash.analysis.dates import DataDates, last_working_day, spend_complete_to


def test_a_payments_export_ending_on_the_last_working_day_covers_the_month():
    assert last_working_day(date(2026, 1, 5)) == date(2026, 1, 30)  # the 31st is a Saturday
    assert spend_complete_to(date(2026, 1, 30)) == date(2026, 1, 31)
    assert spend_complete_to(date(2026, 1, 29)) == date(2026, 1, 29)  # a day short: the month is not complete
    assert spend_complete_to(date(2026, 2, 7)) == date(2026, 2, 7)
    assert spend_complete_to(None) is None


def test_each_dataset_runs_to_its_own_day():
    dates = DataDates.from_row(
        {
            "first_day": date(2021, 4, 1),
            "spend_last_day": date(2026, 2, 7),
            "tickets_last_day": date(2026, 1, 31),
            "service_levels_last_month": date(2026, 1, 1),
        }
    )
    assert (dates.spend, dates.tickets, dates.service_levels) == (
        date(2026, 2, 7),
        date(2026, 1, 31),
        date(2026, 1, 31),
    )
    assert dates.latest == dates.contracts == date(2026, 2, 7)
    assert dates.describe() == "data as at: payments 07/02/2026, tickets 31/01/2026, service levels 31/01/2026"
    assert dates.lines()[0] == "Payments to 07/02/2026"
    assert dates.notice().startswith("The tickets and service levels exports end on 31/01/2026, 7 days behind")


def test_exports_less_than_a_week_apart_need_no_notice_and_one_day_reads_once():
    six_days = DataDates(date(2026, 2, 6), date(2026, 1, 31), date(2026, 1, 31))
    assert six_days.notice() is None
    level = DataDates(date(2026, 1, 31), date(2026, 1, 31), date(2026, 1, 31))
    assert level.describe() == "data as at 31/01/2026" and level.all_same()


def test_a_dataset_with_no_rows_is_read_at_the_others_day():
    dates = DataDates(spend=date(2026, 1, 31), tickets=None, service_levels=None)
    assert dates.of("tickets") == date(2026, 1, 31)
    assert dates.notice() is None
    assert DataDates(None, None, None).describe() == "no data yet"
