"""The dashboard's router: page set-up, the sign-in gate, navigation by role, the first-start sample build, the
shared filters, then the chosen page.

With sign-in on, the gate stops every run of anyone not signed in (or with no role) before any page, figure,
query or download; a page the role may not open is refused here, before it runs. The pages and each role's
rights are declared in bsdash/access.py.
"""

import streamlit as st

from bsdash.ui import auth, warm
from bsdash.ui.filters import filter_panel, show_notices
from bsdash.ui.page_support import ABOUT, page_support
from bsdash.ui.startup import ensure_database, settle_memory

st.set_page_config(
    page_title="Business services dashboard",
    page_icon=":material/local_police:",
    layout="wide",
    # An About entry brings the app's menu (top right) back, and with it the choice of a light or dark theme.
    menu_items={"About": ABOUT},
)
page_support()

viewer = auth.gate()
page, spec = auth.navigation(viewer)
auth.follow_return_link(viewer, spec)
auth.banner(viewer)
ensure_database()
warm.start()
if spec.shared_filters:
    filter_panel()
    show_notices()
page.run()
settle_memory()
