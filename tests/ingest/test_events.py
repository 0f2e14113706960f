"""Event-level ticket exports (one row per update) become one row per ticket, with every update accounted for."""

from bsdash.ingest.pipeline import import_file
from bsdash.ingest.reference_map import save_mappings
from bsdash.store.queries import Registry
from tests.conftest import table_counts, write_csv
from tests.ingest.helpers import preview_text

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
    assert (report.rows_read, report.loaded, report.quarantined, report.duplicates) == (10, 9, 1, 0)
    assert report.records == 3
    assert report.summary().startswith("incidents.csv: tickets, read 10 updates, loaded 9 into 3 tickets")
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
    assert tickets["INC3"][0] is None  # its last update's state, '-100', is no state we know: not given


def test_every_update_of_a_ticket_that_breaks_the_contract_is_quarantined_with_the_reason(reference_db, tmp_path):
    report = import_file(reference_db, write_csv(tmp_path / "incidents.csv", HEADER, *EVENTS), "tickets")
    assert report.reasons == {"Resolved is before Opened": 1}
    assert report.examples["Resolved is before Opened"] == [11]


def test_a_state_no_vocabulary_places_is_listed_to_map_and_mapping_it_places_the_ticket(reference_db, tmp_path):
    report = import_file(reference_db, write_csv(tmp_path / "incidents.csv", HEADER, *EVENTS), "tickets")
    assert report.unplaced == {"State": {"-100": 1}}
    unmapped = Registry().run(reference_db, "unmapped_labels").query("kind == 'ticket state'")
    assert list(unmapped["label"]) == ["-100"] and list(unmapped["rows_count"]) == [1]
    saved = save_mappings(reference_db, [("ticket state", "-100", "on hold")])
    assert (saved.loaded, saved.quarantined) == (1, 0)
    assert reference_db.execute("select state from tickets where ticket_number = 'INC3'").fetchall() == [("on hold",)]
    assert Registry().run(reference_db, "unmapped_labels").query("kind == 'ticket state'").empty
    refused = save_mappings(reference_db, [("ticket state", "-100", "parked")])
    assert refused.reasons == {
        "Maps To is not one of our ticket states: assigned, cancelled, closed, in progress, new, on hold, resolved": 1
    }


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


# Another tool's status history (Jira Service Management style): one row per status change, with no opened,
# resolved or closed time and no counts, and its own words for states and priorities.
JIRA_HEADER = "Issue key,Status,Priority,Team,Changed"
JIRA_EVENTS = [
    "ITSM-1,Waiting for support,High,Service Desk,01/04/2024 09:00",
    "ITSM-1,In Progress,High,Service Desk,01/04/2024 09:30",
    "ITSM-1,In Progress,High,Network Team,01/04/2024 11:00",  # moved to another team
    "ITSM-1,Resolved,High,Network Team,01/04/2024 15:00",
    "ITSM-1,In Progress,High,Network Team,02/04/2024 09:00",  # reopened
    "ITSM-1,Resolved,High,Network Team,02/04/2024 12:00",
    "ITSM-1,Closed,High,Network Team,05/04/2024 12:00",
    "ITSM-2,Waiting for support,Highest,Service Desk,03/04/2024 10:00",
    "ITSM-2,Blocked,Highest,Service Desk,03/04/2024 10:20",
]


def test_a_status_history_of_another_tool_derives_what_it_lacks(reference_db, tmp_path):
    report = import_file(reference_db, write_csv(tmp_path / "history.csv", JIRA_HEADER, *JIRA_EVENTS), "tickets")
    assert report.event_log
    assert (report.rows_read, report.loaded, report.quarantined, report.records) == (9, 9, 0, 2)
    assert report.derived == {
        "Opened": "the time of the ticket's first event",
        "Assigned": "the time of the first event showing an assignment group",
        "Resolved": "the time of the first event in a resolved or closed state",
        "Closed": "the time of the last event in a closed state",
        "Reassignment Count": "the changes of assignment group from one event to the next",
        "Reopen Count": "the returns from a resolved or closed state to an open one",
        "SLA Met": "resolved within its priority's target (sla_targets); empty while open",
    }
    lines = report.layout_lines()
    assert "derived: Reopen Count = the returns from a resolved or closed state to an open one" in lines
    tickets = {
        r[0]: r[1:]
        for r in reference_db.execute(
            "select ticket_number, state, source_state, priority, opened_at::varchar, assigned_at::varchar, "
            "resolved_at::varchar, closed_at::varchar, reassignment_count, reopen_count, assignment_group, sla_met "
            "from tickets"
        ).fetchall()
    }
    assert tickets["ITSM-1"] == (
        "closed",
        None,
        "P2",
        "2024-04-01 09:00:00",
        "2024-04-01 09:00:00",  # in the service desk's queue from the start
        "2024-04-01 15:00:00",  # the first resolution
        "2024-04-05 12:00:00",
        1,
        1,
        "Network Team",
        True,  # resolved six hours after opening: within P2's eight
    )
    assert tickets["ITSM-2"][:3] == (None, "Blocked", "P1")
    assert report.unplaced == {"State": {"Blocked": 1}}


def test_the_preview_of_a_status_history_says_what_will_be_derived(tmp_path):
    preview = preview_text(tmp_path, "\n".join([JIRA_HEADER, *JIRA_EVENTS]), "tickets")
    assert preview.event_log
    assert preview.derived["Opened"] == "the time of the ticket's first event"
    assert preview.derived["Reopen Count"] == "the returns from a resolved or closed state to an open one"
    assert "Reopen Count" not in preview.lacking and "Caller Department" in preview.lacking
    assert "derived: Closed = the time of the last event in a closed state" in preview.lines()
