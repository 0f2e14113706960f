"""The dashboard's router: page set-up, navigation, the first-start sample build, then the chosen page."""

import streamlit as st

from bsdash.ui.startup import ensure_database

st.set_page_config(page_title="Business services dashboard", page_icon=":material/local_police:", layout="wide")

pages = {
    "Leadership": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    ],
    "Analysis": [
        st.Page("pages/import.py", title="Import exports", icon=":material/upload_file:"),
        st.Page("pages/reference_mapping.py", title="Reference mapping", icon=":material/account_tree:"),
    ],
}
page = st.navigation(pages)
ensure_database()
page.run()
