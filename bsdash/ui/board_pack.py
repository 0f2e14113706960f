"""The board pack's download on the Overview: the PDF of the period and filters shown, made when clicked and
recorded in the audit log as it is handed over, like every download. A leader may take it too: it holds the
Overview's aggregate figures and no payment- or ticket-level rows."""

import streamlit as st

from bsdash.analysis.figures.board_pack import board_pack
from bsdash.analysis.periods import Filters
from bsdash.governance.audit import AuditLog, audit_path
from bsdash.reports.board_pack_pdf import audit_entry, file_name, render
from bsdash.ui import auth
from bsdash.ui.database import runner


def board_pack_download(filters: Filters) -> None:
    person = auth.viewer()
    if not person.may_take_board_pack:
        return
    name = file_name(filters.period)
    page = st.session_state.get(auth.PAGE_KEY, "")

    def make_and_record() -> bytes:
        pack = board_pack(filters, runner)
        data, pages = render(pack)
        # Recorded before the file is handed over: a download that cannot be recorded does not happen.
        AuditLog(audit_path()).append(
            audit_entry(
                pack, filters, data, pages, who=person.who, role=person.role or "none", place=f"/{page}", file_name=name
            )
        )
        return data

    st.download_button(
        "Board pack (PDF)",
        make_and_record,
        file_name=name,
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="board_pack_pdf",
        on_click="ignore",
        help="The headline figures and lights, what changed, spend against budget and outturn, service levels, "
        "contracts ending, benchmarks and the risks, for the period and filters chosen: A4 landscape, marked "
        "OFFICIAL. Made when clicked (a few seconds).",
    )
