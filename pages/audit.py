"""Audit log (administrators): every download and every import, who made it, when, of what, and how many rows."""

from datetime import date, timedelta

import streamlit as st

from bsdash.governance.audit import AuditLog, audit_path, entries_in_words
from bsdash.ui.auth import only_for, viewer
from bsdash.ui.components import data_table
from bsdash.ui.router import through_router

through_router()
only_for(viewer().may_read_audit, "The audit log is for administrators.")


log = AuditLog(audit_path())
st.title("Audit log", anchor=False)
st.caption(
    "Every CSV or Excel file that left the dashboard and every import (from this dashboard or the command line): "
    f"who, when, the named query and its parameters or the file and its SHA-256, and the rows. Kept in `{log.path}`; "
    "entries are only ever added. Downloading this list is recorded too."
)

today = date.today()
left, middle, right = st.columns([2, 2, 3])
with left:
    span = st.date_input(
        "From and to",
        (today - timedelta(days=30), today),
        min_value=date(2000, 1, 1),
        max_value=date(2100, 12, 31),
        format="DD/MM/YYYY",
        key="audit_days",
    )
with middle:
    actions = st.pills("Action", ["download", "import"], selection_mode="multi", key="audit_actions")
    people = st.multiselect("Who", log.people(), key="audit_who", placeholder="Everyone")
with right:
    containing = st.text_input(
        "Containing", key="audit_text", max_chars=200, help="Found in the query or kind, the file name or parameters."
    )

first = span[0] if len(span) > 0 else None
last = span[1] if len(span) > 1 else first
chosen = {
    "date_from": first,
    "date_to": last,
    "who": people or None,
    "actions": actions or None,
    "containing": containing.strip() or None,
}
entries = log.read(**chosen)
st.markdown(entries_in_words(entries))
if entries.empty:
    st.info("No entries for these choices.", icon=":material/info:")
else:
    data_table(
        entries,
        key="audit_entries",
        file_name=f"audit-log-{today:%Y%m%d}",
        columns={
            "audit_id": "Entry",
            "happened_at": "When",
            "who": "Who",
            "role": "Role",
            "action": "Action",
            "what": "What",
            "parameters": "Parameters",
            "file_name": "File",
            "row_count": "Rows",
            "outcome": "Outcome",
            "place": "Where",
            "sha256": "SHA-256",
        },
        kinds={"audit_id": "count", "row_count": "count", "happened_at": "datetime"},
        height=520 if len(entries) > 12 else "auto",
        source={"name": "audit_log", "parameters": chosen},
    )
