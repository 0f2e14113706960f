"""The dashboard's router: page set-up, navigation by user, the first-start sample build, the shared filters,
then the chosen page."""

import streamlit as st

from bsdash.ui.filters import filter_panel, show_notices
from bsdash.ui.startup import ensure_database

st.set_page_config(page_title="Business services dashboard", page_icon=":material/local_police:", layout="wide")

pages = {
    "Leadership": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/benchmarks.py", title="Benchmarks", icon=":material/leaderboard:"),
    ],
    "Planning": [
        st.Page("pages/departments.py", title="Departments", icon=":material/compare_arrows:"),
        st.Page("pages/spend.py", title="Spend & budgets", icon=":material/payments:", url_path="spend"),
        st.Page("pages/service_levels.py", title="Service levels", icon=":material/timer:"),
        st.Page("pages/procurement.py", title="Procurement & contracts", icon=":material/contract:"),
        st.Page("pages/assets.py", title="Assets & licences", icon=":material/devices:"),
        st.Page("pages/forecasts.py", title="Forecasts", icon=":material/trending_up:"),
    ],
    "Analysis": [
        st.Page("pages/outsourcing.py", title="Outsourcing before & after", icon=":material/compare:"),
        st.Page("pages/explorer.py", title="Data explorer", icon=":material/table_view:"),
        st.Page("pages/import.py", title="Import exports", icon=":material/upload_file:"),
        st.Page("pages/reference_mapping.py", title="Reference mapping", icon=":material/account_tree:"),
    ],
}
page = st.navigation(pages)
ensure_database()
filter_panel()
show_notices()
page.run()
