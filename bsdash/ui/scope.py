"""What a planner is told wherever payment-, ticket- or asset-level rows are listed: only their departments'."""

import streamlit as st

from bsdash.governance.access import Viewer
from bsdash.ui.auth import viewer
from bsdash.ui.filters import options


def scope_note(person: Viewer | None = None) -> None:
    """Said wherever payment- or ticket-level rows are listed for someone who sees only their departments."""
    person = person or viewer()
    if person.scoped:
        names = options().departments
        own = ", ".join(names.get(code, code) for code in person.departments) or "none recorded"
        st.caption(
            f":material/lock: Rows are limited to your departments ({own}). Force-wide figures above are not.",
        )
