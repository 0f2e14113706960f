"""Service: IT tickets from any service-desk tool (one row per ticket, or one per update), and the monthly service
levels of the other services."""

from bsdash.ingest.kinds.model import Column, Derivation, Events, Kind, OneOf, RowCheck
from bsdash.ingest.kinds.vocabulary import (
    CHANNELS,
    FINISHED_STATES,
    IMPACTS,
    OPEN_STATES,
    PRIORITIES,
    PROVIDER_TYPES,
    SUB_STATES,
    TICKET_STATES,
    URGENCIES,
)


def _states(states: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{s}'" for s in states) + ")"


OPEN, FINISHED = _states(OPEN_STATES), _states(FINISHED_STATES)

# Fields an event log (one row per status change) may lack, read from its events in order.
EVENT_DERIVATIONS = (
    Derivation("opened_at", "the time of the ticket's first event", "min(updated_at) {over}", ("updated_at",)),
    Derivation(
        "assigned_at",
        "the time of the first event showing an assignee",
        "greatest(min(opened_at) {over}, min(case when assignee is not null then updated_at end) {over})",
        ("updated_at", "assignee"),
    ),
    # A tool that names no resolver: the first event in an assignment group's queue.
    Derivation(
        "assigned_at",
        "the time of the first event showing an assignment group",
        "greatest(min(opened_at) {over}, min(case when assignment_group is not null then updated_at end) {over})",
        ("updated_at", "assignment_group"),
    ),
    Derivation(
        "resolved_at",
        "the time of the first event in a resolved or closed state",
        f"min(case when state in {FINISHED} then updated_at end) {{over}}",
        ("updated_at", "state"),
    ),
    Derivation(
        "closed_at",
        "the time of the last event in a closed state",
        "max(case when state = 'closed' then updated_at end) {over}",
        ("updated_at", "state"),
    ),
    Derivation(
        "reassignment_count",
        "the changes of assignment group from one event to the next",
        "(sum(case when assignment_group <> _previous_assignment_group then 1 else 0 end) {over})::integer",
        ("assignment_group",),
    ),
    Derivation(
        "reopen_count",
        "the returns from a resolved or closed state to an open one",
        f"(sum(case when state in {OPEN} and _previous_state in {FINISHED} then 1 else 0 end) {{over}})::integer",
        ("state",),
    ),
)

TICKETS = Kind(
    name="tickets",
    table="tickets",
    description="IT support tickets: one row per ticket, or one row per update (an event log)",
    key=("ticket_number",),
    # An identifier and a time: an opened time, or in an event log the time of each event.
    needs_one_of=(OneOf(("opened_at", "updated_at")),),
    mappable={"state": "ticket_state", "priority": "priority"},
    columns=(
        Column(
            "ticket_number",
            "Number",
            required=True,
            shape="ticket_number",
            synonyms=(
                "Ticket Number",
                "Incident Number",
                "Ticket",
                "Ticket ID",
                "Incident ID",
                "Issue Key",
                "Request ID",
                "Case Number",
                "Reference",
                "Key",
            ),
        ),
        Column(
            "opened_at",
            "Opened",
            "timestamp",
            synonyms=(
                "Opened At",
                "Opened Date",
                "Date Opened",
                "Created",
                "Created On",
                "Created At",
                "Created Date",
                "Created Time",
                "Date Created",
                "Submit Date",
                "Reported Date",
                "Logged",
                "Submitted",
            ),
        ),
        Column(
            "assigned_at",
            "Assigned",
            "timestamp",
            synonyms=("Assigned At", "First Assigned"),
            without="time to assign cannot be measured",
        ),
        Column(
            "resolved_at",
            "Resolved",
            "timestamp",
            synonyms=(
                "Resolved At",
                "Resolved Date",
                "Date Resolved",
                "Resolution Date",
                "Resolved Time",
                "Last Resolved Date",
            ),
            without="time to resolve and SLA compliance cannot be measured",
        ),
        Column(
            "closed_at",
            "Closed",
            "timestamp",
            synonyms=("Closed At", "Closed Date", "Date Closed", "Closed Time"),
            without="time to close cannot be measured",
        ),
        Column(
            "state",
            "State",
            "choice",
            choices=TICKET_STATES,
            placed_later=True,
            synonyms=("Status", "Incident State", "Ticket Status", "To Status", "New Status", "Status To", "New State"),
            without="a ticket counts as resolved when it has a resolved or closed time",
        ),
        Column(
            "sub_state",
            "Sub-state",
            "choice",
            stored=False,
            choices=SUB_STATES,
            synonyms=("Substate", "On Hold Reason", "Hold Reason", "Status Reason", "Pending Reason", "Sub Status"),
        ),
        Column(
            "priority",
            "Priority",
            "choice",
            choices=PRIORITIES,
            placed_later=True,
            synonyms=("Priority Level",),
            without="SLA compliance by priority and breach risk leave these tickets out",
        ),
        Column("impact", "Impact", "choice", stored=False, choices=IMPACTS, synonyms=("Business Impact",)),
        Column("urgency", "Urgency", "choice", stored=False, choices=URGENCIES),
        Column(
            "category",
            "Category",
            shape="label",
            synonyms=("Ticket Category", "Category Name", "Request Type", "Operational Categorization Tier 1"),
            without="the category shows 'Not given'",
        ),
        Column(
            "department",
            "Caller Department",
            reference="department",
            shape="label",
            synonyms=("Department", "Requester Department", "Customer Department", "Caller Dept", "Business Unit"),
            without="demand per department shows these tickets under 'Not given'",
        ),
        Column(
            "assignment_group",
            "Assignment Group",
            shape="label",
            synonyms=("Resolver Group", "Support Group", "Assigned Group", "Team", "Group", "Queue"),
            without="resolver teams show 'Not given'",
        ),
        Column("provider_type", "Provider Type", "choice", choices=PROVIDER_TYPES),
        Column(
            "channel",
            "Channel",
            choices=CHANNELS,
            shape="label",
            synonyms=("Contact Type", "Contact Method", "Reported Source", "Source", "Origin"),
        ),
        Column(
            "reassignment_count",
            "Reassignment Count",
            "integer",
            minimum=0,
            synonyms=("Reassignments", "Times Reassigned", "Group Transfers"),
            without="first-assignment resolution cannot be measured",
        ),
        Column(
            "reopen_count",
            "Reopen Count",
            "integer",
            minimum=0,
            synonyms=("Reopens", "Times Reopened", "Reopened Count"),
            without="the reopen rate cannot be measured",
        ),
        Column(
            "first_contact_resolution",
            "First Contact Resolution",
            "boolean",
            synonyms=("FCR", "Resolved at First Contact"),
            without="first-contact resolution cannot be measured",
        ),
        Column("sla_met", "SLA Met", "boolean", synonyms=("Made SLA", "Within SLA")),
        Column(
            "satisfaction_score",
            "Satisfaction",
            "integer",
            minimum=1,
            maximum=5,
            synonyms=("Satisfaction Score", "Survey Score", "Satisfaction Rating"),
        ),
        # Event logs (one row per update): read to order the updates and derive what the export lacks.
        Column(
            "update_number",
            "Update Number",
            "integer",
            stored=False,
            synonyms=("sys_mod_count", "Mod Count", "Update Count", "Event Number", "Sequence", "Version"),
        ),
        Column(
            "updated_at",
            "Updated",
            "timestamp",
            stored=False,
            synonyms=(
                "sys_updated_at",
                "Updated At",
                "Updated Time",
                "Last Updated",
                "Event Time",
                "Event Date",
                "Changed At",
                "Changed",
                "Date Changed",
                "Status Changed At",
                "Transition Date",
                "Activity Time",
                "Audit Date",
                "Modified",
                "Modified Date",
                "Timestamp",
            ),
        ),
        Column(
            "assignee",
            "Assigned To",
            stored=False,
            shape="person",
            synonyms=("Assignee", "Resolver", "Agent", "Assigned Individual"),
        ),
    ),
    derived={
        # A sub-state saying the ticket waits on someone holds it; with no state of its own, the sub-state's.
        "state": f"case when sub_state = 'on hold' and (state is null or state in {OPEN}) then 'on hold' "
        "else coalesce(state, sub_state) end",
        # No priority of its own: impact and urgency as the ITIL matrix combines them (capped at P4).
        "priority": "coalesce(priority, case when coalesce(impact, urgency) is not null then 'P' || least(4, "
        "case when impact is not null and urgency is not null then impact::integer + urgency::integer - 1 "
        "else coalesce(impact, urgency)::integer end) end)",
        # The export's own SLA flag when it has one, otherwise the priority's resolution target; empty while open.
        "sla_met": f"case when state in {OPEN} then null "
        "else coalesce(sla_met, resolved_at <= opened_at + to_minutes((60 * (select t.resolve_within_hours "
        "from sla_targets t where t.priority = typed.priority))::bigint)) end",
    },
    derived_notes={
        "state": (("sub_state",), False, "the export's state, or 'on hold' where its Sub-state says the ticket waits"),
        "priority": (
            ("impact", "urgency"),
            False,
            "where the export gives no priority: Impact and Urgency as the ITIL matrix combines them "
            "(impact + urgency - 1, capped at P4)",
        ),
        "sla_met": ((), True, "resolved within its priority's target (sla_targets); empty while open"),
    },
    events=Events(
        marker="update_number",
        order=("update_number", "updated_at"),
        time="updated_at",
        highest=("reassignment_count", "reopen_count"),
        derived=EVENT_DERIVATIONS,
        previous=("state", "assignment_group"),
    ),
    checks=(
        RowCheck("assigned_at < opened_at", "Assigned is before Opened"),
        RowCheck("resolved_at < opened_at", "Resolved is before Opened"),
        RowCheck("closed_at < coalesce(resolved_at, opened_at)", "Closed is before Resolved"),
    ),
)

SERVICE_KPIS = Kind(
    name="service_kpis",
    table="service_kpis",
    description="Monthly service levels of the non-IT services",
    key=("month", "service_id", "measure"),
    must_resolve=("service",),
    columns=(
        Column("month", "Month", "date", required=True, synonyms=("Period",)),
        Column("service", "Service Type", required=True, reference="service", shape="label", synonyms=("Service",)),
        Column("measure", "Measure", required=True, shape="label", synonyms=("KPI", "Indicator")),
        Column("value", "Value", "number", required=True, synonyms=("Actual", "Result")),
        Column("target", "Target", "number", required=True),
        Column(
            "unit",
            "Unit",
            "choice",
            required=True,
            choices={
                "%": "%",
                "percent": "%",
                "per cent": "%",
                "score": "score",
                "days": "days",
                "hours": "hours",
            },
        ),
        Column("higher_is_better", "Higher Is Better", "boolean", required=True),
        Column("volume", "Volume", "integer", minimum=0),
    ),
    checks=(RowCheck("day(month) <> 1", "Month must be the first day of the month"),),
)
