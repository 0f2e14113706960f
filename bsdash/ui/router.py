"""Every page runs through the router (dashboard.py), never on its own."""

import runpy
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

ROUTER = Path(__file__).resolve().parents[2] / "dashboard.py"


def through_router() -> None:
    """Call first in every page. With a pages/ folder present, Streamlit starts in its old folder mode and runs a
    deep-linked page by itself, without dashboard.py (no page set-up, navigation, filters or access checks), until
    st.navigation has been called once; AppTest even starts in that mode on every run. Leave the mode and run the
    router in this same run (it chooses this page again and runs it), then stop: no rerun, so a button's click or an
    upload of this run is not lost."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        runpy.run_path(str(ROUTER), run_name="__main__")
        st.stop()
