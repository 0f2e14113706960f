"""First start: build the built-in sample when there is no database yet, showing its progress."""

import threading
import time

import streamlit as st

from bsdash import db
from bsdash.config import SAMPLE_DIR, database_path

_building = threading.Lock()


def ensure_database() -> None:
    """Return when the database can be read; until then draw the build's progress (or its error) and stop."""
    path = database_path()
    if path.exists():
        return
    if not _building.acquire(blocking=False):
        st.info(
            "The sample data is being prepared in another window. This page will continue by itself.",
            icon=":material/hourglass_top:",
        )
        time.sleep(2)
        st.rerun()
    try:
        if path.exists():
            return
        from bsdash import sample

        st.title("Preparing the sample data")
        st.write(
            f"There is no database at `{path}` yet, so the dashboard is building its built-in sample: five "
            "financial years (2021/22 to 2025/26) of a force like Kent, written as the exports a force's "
            f"systems produce (into `{SAMPLE_DIR}`) and loaded through the same import that real exports use. "
            "This happens once and takes about half a minute."
        )
        bar = st.progress(0.0, text="Starting")
        try:
            sample.build(path, progress=lambda fraction, message: bar.progress(min(fraction, 1.0), text=message))
        except (OSError, db.DatabaseError) as error:
            st.error(f"The sample could not be built: {error}", icon=":material/error:")
            st.stop()
    finally:
        _building.release()
    st.rerun()
