"""The dashboard's router: page set-up, the first-start sample build, navigation by user, then the page."""

import streamlit as st

from bsdash.ui.startup import ensure_database

st.set_page_config(page_title="Business services dashboard", page_icon=":material/local_police:", layout="wide")
ensure_database()

pages = {
    "Leadership": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    ],
}
st.navigation(pages).run()
