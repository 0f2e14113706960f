"""What a page says about itself: which period and filters its figures are for, how far the data reaches, and a
notice when one export is more than a week behind another."""

import streamlit as st

from bsdash.analysis.figures.common import describe
from bsdash.analysis.periods import Filters
from bsdash.ui.filters import options


def page_header(title: str, purpose: str, filters: Filters) -> None:
    choice = options()
    st.title(title, anchor=False)
    st.caption(f"{purpose}  \n{describe(filters, choice.departments, choice.services)}")
    if notice := filters.dates.notice():
        st.warning(notice, icon=":material/update:")
    if filters.nothing_selected():
        st.info(
            "No service type matches the service and provider types chosen together: widen the filters in the sidebar.",
            icon=":material/filter_alt_off:",
        )
        st.stop()
