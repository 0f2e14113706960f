"""Reference mapping (analysts): which department or service each export label stands for.

Exports name departments, service areas and expense types in their own words. A label that maps onto
nothing is kept and shown as "Unmapped: <label>"; choosing its department or service here resolves every
row that carries it, on every page.
"""

import streamlit as st

from bsdash.analysis.figures.reference_mapping import unmapped_in_words
from bsdash.reference import shipped_mappings
from bsdash.ui import reference_mapping as ui
from bsdash.ui.auth import only_for, viewer
from bsdash.ui.components import download_button
from bsdash.ui.database import query
from bsdash.ui.router import through_router

through_router()
only_for(viewer().may_import, "The reference map is edited by analysts and administrators.")
st.title("Reference mapping")
st.caption(
    "How the exports' own department, service-area and expense-type labels map onto our departments and "
    "services. Labels are compared with case, spacing and punctuation set aside."
)
if "mapping_result" in st.session_state:
    ui.show_result(st.session_state.pop("mapping_result"))

options = ui.target_options()
unmapped = query("unmapped_labels")
st.subheader("Labels not mapped yet")
if unmapped.empty:
    st.success("Every label maps onto a department or service.", icon=":material/check:")
else:
    st.caption(unmapped_in_words(unmapped))
    labels = unmapped.rename(
        columns={"kind": "Kind", "label": "Label", "rows_count": "Rows", "amount": "Money", "found_in": "Found in"}
    ).drop(columns=["shown_as"])
    labels["Maps To"] = None
    edited = ui.label_editor(labels, "unmapped_editor", options)
    chosen = ui.changed_rows(labels, edited, options)
    if st.button(f"Save {len(chosen)} mapping{'s' if len(chosen) != 1 else ''}", disabled=not chosen, type="primary"):
        st.session_state["mapping_result"] = ui.save(chosen)
        st.rerun()

st.subheader("The mapping")
mapping = query("reference_mapping")
if mapping.empty:
    st.info("No labels are mapped yet.", icon=":material/info:")
else:
    current = mapping.rename(columns={"Label in Export": "Label"}).drop(columns=["Maps To Name"])
    edited = ui.label_editor(current, "mapping_editor", options)
    changes = ui.changed_rows(current, edited, options)
    if st.button(f"Save {len(changes)} change{'s' if len(changes) != 1 else ''}", disabled=not changes):
        st.session_state["mapping_result"] = ui.save(changes)
        st.rerun()
    download_button(
        ui.download_table(mapping),
        file_name="reference-map",
        key="mapping_csv",
        label="Download the mapping as CSV",
        help="Edit it in a spreadsheet and load it back below, or import it with --kind reference_map.",
    )

st.subheader("Load a mapping file")
upload = st.file_uploader(
    "A reference-map CSV (Kind, Label in Export, Maps To)", type=["csv"], max_upload_size=5, key="mapping_upload"
)
if upload is not None and st.button("Load this file", key="mapping_load_upload"):
    path = ui.keep_upload(upload)
    st.session_state["mapping_result"] = ui.load_file(path, upload.name)
    st.rerun()
shipped = shipped_mappings()
if shipped:
    choice = st.selectbox("Or a ready-made mapping shipped with the dashboard", list(shipped), key="mapping_shipped")
    if st.button("Load it", key="mapping_load_shipped"):
        st.session_state["mapping_result"] = ui.load_file(shipped[choice], choice)
        st.rerun()
