"""Import exports (analysts): upload files, see how each will be read, confirm, and read what happened."""

import streamlit as st

from bsdash.ui import importing
from bsdash.ui.auth import only_for, viewer
from bsdash.ui.router import through_router

through_router()
only_for(viewer().may_import, "Importing is for analysts and administrators.")
st.title("Import exports")
st.caption(
    "Load a new month's exports: spend over £500, service-desk tickets (one row per ticket or one per update), "
    "registers and budgets. CSV (UTF-8, Windows-1252 or UTF-16), .csv.gz and Excel .xlsx files are read; "
    "headers are found below any title lines and columns are recognised by their meaning. Nothing is written "
    f"until you confirm. Up to {importing.MAX_FILES} files at a time, each up to {importing.upload_limit_mb():,} MB; "
    "every import is recorded in the audit log."
)

kind = importing.choose_kind()
saved = importing.choose_saved_mapping(kind)
files = st.file_uploader(
    "Export files",
    type=importing.UPLOAD_TYPES,
    accept_multiple_files=True,
    key=f"import_upload_{st.session_state.get('import_round', 0)}",
)

if not files:
    if "import_results" in st.session_state:
        st.header("What happened")
        importing.show_reports(st.session_state["import_results"])
    else:
        st.info("Choose one or more export files to see how they will be read.", icon=":material/upload_file:")
    st.stop()

st.header("How each file will be read")
jobs, blocked = [], 0
for upload in importing.keep_uploads(files):
    preview, mapping = importing.show_preview(upload, kind, saved)
    if preview.error is None:
        jobs.append((upload, mapping))
    else:
        blocked += 1

label = f"Import {len(jobs)} file{'s' if len(jobs) != 1 else ''}" + (f" ({blocked} cannot be read)" if blocked else "")
if st.button(label, type="primary", disabled=not jobs, key="import_confirm"):
    st.session_state["import_results"] = importing.run_imports(jobs, kind)
    st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1
    st.rerun()
