"""Event-level ticket exports (one row per update) become one row per ticket, with every update accounted for."""

from bsdash.importer import import_file
from tests.conftest import table_counts, write_csv

HEADER = (
    "number,incident_state,reassignment_count,reopen_count,sys_mod_count,made_sla,opened_at,sys_updated_at,"
    "contact_type,category,priority,assignment_group,assigned_to,resolved_at,closed_at"
)


def event(
    number: str,
    update: int,
    state: str,
    *,
    reassigned: int = 0,
    reopened: int = 0,
    made_sla: str = "?",
    updated: str = "1/4/2024 09:00",
    assignee: str = "?",
    priority: str = "3 - Moderate",
    resolved: str = "?",
    closed: str = "?",
    opened: str = "1/4/2024 09:00",
) -> str:
    return (
        f"{number},{state},{reassigned},{reopened},{update},{made_sla},{opened},{updated},Self service,Category 5,"
        f"{priority},Group 7,{assignee},{resolved},{closed}"
    )


EVENTS = [
    event("INC1", 0, "New"),
    event("INC1", 1, "Active", reassigned=1, updated="1/4/2024 09:30", assignee="Resolver 3"),
    event(
        "INC1", 3, "Resolved", reassigned=2, updated="2/4/2024 10:00", assignee="Resolver 4", resolved="2/4/2024 10:00"
    ),
    # Updates arrive out of order in real logs; the highest update number is the last state.
    event(
        "INC1",
        4,
        "Closed",
        reassigned=2,
        updated="7/4/2024 10:00",
        assignee="Resolver 4",
        resolved="2/4/2024 10:00",
        closed="7/4/2024 10:00",
    ),
    event("INC1", 2, "Awaiting User Info", reassigned=1, updated="1/4/2024 12:00", assignee="Resolver 3"),
    event("INC2", 0, "New", priority="1 - Critical", opened="3/4/2024 08:00", updated="3/4/2024 08:00"),
    event(
        "INC2",
        1,
        "Resolved",
        priority="1 - Critical",
        opened="3/4/2024 08:00",
        updated="3/4/2024 18:00",
        resolved="3/4/2024 18:00",
        made_sla="true",
    ),
    event("INC3", 0, "New", opened="4/4/2024 08:00", updated="4/4/2024 08:00"),
    event("INC3", 1, "-100", opened="4/4/2024 08:00", updated="4/4/2024 09:00"),
    event("INC4", 0, "New", opened="5/4/2024 08:00", updated="5/4/2024 08:00", resolved="4/4/2024 08:00"),
]


def test_an_event_log_becomes_one_row_per_ticket_in_its_last_state(reference_db, tmp_path):
    report = import_file(reference_db, write_csv(tmp_path / "incidents.csv", HEADER, *EVENTS), "tickets")
    assert report.event_log
    assert (report.rows_read, report.loaded, report.quarantined, report.duplicates) == (10, 8, 2, 0)
    assert report.records == 3
    assert report.summary().startswith("incidents.csv: tickets, read 10 updates, loaded 8 into 3 tickets")
    tickets = {
        r[0]: r[1:]
        for r in reference_db.execute(
            "select ticket_number, state, priority, reassignment_count, reopen_count, assigned_at::varchar, "
            "resolved_at::varchar, closed_at::varchar, sla_met, channel from tickets"
        ).fetchall()
    }
    assert tickets["INC1"] == (
        "closed",
        "P3",
        2,
        0,
        "2024-04-01 09:30:00",  # the first update that shows a resolver
        "2024-04-02 10:00:00",
        "2024-04-07 10:00:00",
        True,  # no flag in the export: 25 hours is within P3's 72-hour target
        "Self-service portal",
    )
    assert tickets["INC2"][0:2] == ("resolved", "P1")
    assert tickets["INC2"][7] is True  # the export's own flag, although 10 hours is over P1's 4
    assert tickets["INC3"][0] == "new"  # built from its valid update; the '-100' one is quarantined


def test_every_update_of_a_ticket_that_breaks_the_contract_is_quarantined_with_the_reason(reference_db, tmp_path):
    report = import_file(reference_db, write_csv(tmp_path / "incidents.csv", HEADER, *EVENTS), "tickets")
    assert report.reasons == {
        "incident_state '-100' is not one of: assigned, cancelled, closed, in progress, new, on hold, resolved": 1,
        "Resolved is before Opened": 1,
    }
    assert report.examples["Resolved is before Opened"] == [11]


def test_a_newer_event_log_updates_its_tickets_and_the_same_one_again_is_all_duplicates(reference_db, tmp_path):
    first = write_csv(tmp_path / "week1.csv", HEADER, *EVENTS[:2])
    import_file(reference_db, first, "tickets")
    assert reference_db.execute("select state from tickets").fetchall() == [("in progress",)]
    report = import_file(reference_db, write_csv(tmp_path / "week2.csv", HEADER, *EVENTS[:5]), "tickets")
    assert (report.loaded, report.records, report.updated) == (5, 1, 1)
    assert reference_db.execute("select state from tickets").fetchall() == [("closed",)]

    before = table_counts(reference_db)
    again = import_file(reference_db, tmp_path / "week2.csv", "tickets", force=True)
    assert (again.rows_read, again.loaded, again.duplicates, again.records) == (5, 0, 5, 0)
    assert table_counts(reference_db)["tickets"] == before["tickets"]


def test_a_ticket_export_with_one_row_per_ticket_is_not_treated_as_events(reference_db, tmp_path):
    header = "Number,Opened,State,Priority,Category,Reassignment Count,Reopen Count,Last Updated"
    rows = ["INC1,01/04/2024 09:00,New,P3,Hardware,0,0,01/04/2024 09:00", "INC2,01/04/2024 09:00,New,P3,Hardware,0,0,"]
    report = import_file(reference_db, write_csv(tmp_path / "tickets.csv", header, *rows), "tickets")
    assert not report.event_log
    assert (report.rows_read, report.loaded, report.records) == (2, 2, 2)
