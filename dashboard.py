"""The dashboard's router: page set-up, the sign-in gate, navigation by role, the first-start sample build, the
shared filters, then the chosen page.

With sign-in on, the gate stops every run of anyone not signed in (or with no role) before any page, figure,
query or download; a page the role may not open is refused here, before it runs. The pages and each role's
rights are declared in bsdash/access.py.
"""

import streamlit as st

from bsdash.ui import auth, warm
from bsdash.ui.filters import filter_panel, show_notices
from bsdash.ui.startup import ensure_database, settle_memory

st.set_page_config(page_title="Business services dashboard", page_icon=":material/local_police:", layout="wide")

viewer = auth.gate()
page, _spec = auth.navigation(viewer)
auth.banner(viewer)
ensure_database()
warm.start()
filter_panel()
show_notices()
page.run()
settle_memory()
