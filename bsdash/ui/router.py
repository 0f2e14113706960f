"""Every page runs through the router (dashboard.py), never on its own."""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def through_router() -> None:
    """Call first in every page. With a pages/ folder present, Streamlit starts in its old folder mode and runs a
    deep-linked page by itself, without dashboard.py (no page set-up, navigation, filters or access checks), until
    st.navigation has been called once; AppTest even restarts in that mode on every run. Leave the mode and run
    again, so that the router runs first."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
