"""First start: build the built-in sample when there is no database yet, and show its progress.

The build runs in a thread of its own, not in a session's script: closing the tab that started it neither
stops it nor starts a second one, and every session that arrives meanwhile watches the same progress.
"""

import threading
import time
from pathlib import Path

import streamlit as st

from bsdash.config import SAMPLE_DIR, database_path


class _SampleBuild:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.fraction = 0.0
        self.message = "Starting"
        self.error: str | None = None

    def start(self, path: Path) -> None:
        with self._lock:
            if self._thread is not None and (self._thread.is_alive() or self.error is None):
                return
            self.fraction, self.message, self.error = 0.0, "Starting", None
            self._thread = threading.Thread(target=self._run, args=(path,), name="sample-build", daemon=True)
            self._thread.start()

    def _run(self, path: Path) -> None:
        from bsdash import sample

        try:
            sample.build(path, progress=self._progress)
        except Exception as error:  # shown to every waiting session, which can start it again
            self.error = f"{type(error).__name__}: {error}"

    def _progress(self, fraction: float, message: str) -> None:
        self.fraction, self.message = min(max(fraction, 0.0), 1.0), message


_build = _SampleBuild()


def ensure_database() -> None:
    """Return when the database exists; until then show the sample build's progress and stop the page there."""
    path = database_path()
    if path.exists():
        return
    _build.start(path)
    st.title("Preparing the sample data")
    st.write(
        f"There is no database at `{path}` yet, so the dashboard is building its built-in sample: five "
        "financial years (2021/22 to 2025/26) of a force like Kent, written as the exports a force's systems "
        f"produce (into `{SAMPLE_DIR}`) and loaded through the same import that real exports use. This happens "
        "once and takes about half a minute; the page carries on by itself."
    )
    if _build.error:
        st.error(f"The sample could not be built: {_build.error}", icon=":material/error:")
        if st.button("Try again"):
            _build.start(path)
            st.rerun()
        st.stop()
    st.progress(_build.fraction, text=_build.message)
    time.sleep(1)
    st.rerun()
