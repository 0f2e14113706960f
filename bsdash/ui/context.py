"""What a page says about itself: which period and filters its figures are for."""

import streamlit as st

from bsdash.analysis.periods import Filters
from bsdash.formatting import uk_date
from bsdash.ui.filters import options


def describe(filters: Filters) -> str:
    """One line: the period (to date when the data ends inside it), departments, service and provider types."""
    choice = options()
    period = filters.period
    text = f"Financial year {period.label}" if period.financial_year else period.label
    if period.is_to_date(filters.as_at):
        text += f", to {uk_date(filters.as_at)}"
    departments = ", ".join(choice.departments[d] for d in filters.departments) or "all departments"
    services = ", ".join(choice.services[s] for s in filters.service_types) or "all service types"
    providers = ", ".join(filters.provider_types) + " providers" if filters.provider_types else ""
    parts = [text, departments, services] + ([providers] if providers else [])
    return " · ".join(parts) + f" · data as at {uk_date(filters.as_at)}"


def page_header(title: str, purpose: str, filters: Filters) -> None:
    st.title(title, anchor=False)
    st.caption(f"{purpose}  \n{describe(filters)}")
    if filters.nothing_selected():
        st.info(
            "No service type matches the service and provider types chosen together: widen the filters in the sidebar.",
            icon=":material/filter_alt_off:",
        )
        st.stop()
