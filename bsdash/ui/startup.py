"""First start: build the built-in sample when there is no database yet, and show its progress.

The build runs in a thread of its own, not in a session's script: closing the tab that started it neither
stops it nor starts a second one, and every session that arrives meanwhile watches the same progress.
"""

import ctypes
import ctypes.util
import gc
import threading
import time
from pathlib import Path

import streamlit as st

from bsdash.config import DEFAULT_DATABASE, SAMPLE_DIR, database_path
from bsdash.store import db
from bsdash.ui import cache


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


def _stamp(path: Path) -> tuple:
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns


@st.cache_resource(show_spinner=False)
def _readable(path: Path, stamp: tuple) -> str | None:
    """None when the file opens as this version's database, else why not (checked once per file version)."""
    try:
        db.connect(path, read_only=True).close()
    except db.DatabaseError as error:
        return str(error)
    return None


def _explain_unreadable(path: Path) -> None:
    """An older database, or not ours: say so, and offer to rebuild the built-in sample in its place."""
    problem = _readable(path, _stamp(path))
    st.error(problem, icon=":material/database:")
    if path != DEFAULT_DATABASE:
        st.stop()
    st.write("This is the built-in sample's location: the sample can be built again with this version.")
    if not st.button("Rebuild the sample", icon=":material/refresh:"):
        st.stop()
    path.replace(path.with_name(path.name + ".old"))
    st.rerun()


def ensure_database() -> None:
    """Return when the database can be read; until then show the sample build's progress and stop the page there."""
    path = database_path()
    if path.exists():
        if _readable(path, _stamp(path)) is None:
            return
        _explain_unreadable(path)
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


# Figures kept since the last freeze that call for another: a full collection with everything unfrozen costs
# about 0.1 s at ten million payments, once per this many new figures.
FREEZE_AFTER = 100
_freezing = threading.Lock()
_frozen_at: tuple[int, int] | None = None  # the kept figures' (added, clears) at the last freeze (None: never)


def settle_memory() -> None:
    """After each run of a page, and after each choice the warm-up makes: move everything alive (Streamlit, pandas,
    Plotly, DuckDB and our modules, some 200,000 objects, and the figures kept so far) out of the garbage
    collector's sight with `gc.freeze()`: the first time, and again once another FREEZE_AFTER figures have been
    kept (counted as they are put in: a full store keeps its size while its oldest figures give way to new ones).

    Streamlit runs a full collection after every run of a page (`runner.postScriptGC`), and a full collection
    walks every object alive: measured with py-spy at ten million payments, 0.115 s of the server's CPU per filter
    change, as much as the page itself. The kept figures count as much: after a warm-up of 1,240 figures, a
    change cost 0.33 s of CPU with them unfrozen, 0.045 s without them. Frozen, those objects are never walked
    again (they are still freed when unused); what a run leaves behind is collected after it as before, in a few
    milliseconds. When new data has dropped the kept figures, the old ones are unfrozen first, so that any cycle
    among them is collected too.
    """
    global _frozen_at
    with _freezing:
        now = (cache.FIGURES.added, cache.FIGURES.clears)
        if _frozen_at is not None:
            cleared = now[1] != _frozen_at[1]
            if not cleared and now[0] - _frozen_at[0] < FREEZE_AFTER:
                return
            if cleared:
                gc.unfreeze()
        gc.collect()
        gc.freeze()
        _frozen_at = now


def give_back_memory() -> None:
    """Hand memory freed by pandas and Arrow back to the system: Arrow's allocator keeps freed blocks for reuse,
    and the C library keeps freed heap; a long-running server that has made thousands of tables keeps growing
    otherwise (the warm-up calls this after each choice of the filters)."""
    import pyarrow

    pyarrow.default_memory_pool().release_unused()
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc() -> ctypes.CDLL | None:
    """The C library, where it has malloc_trim (glibc's)."""
    found = ctypes.util.find_library("c")
    library = ctypes.CDLL(found) if found else None
    return library if library is not None and hasattr(library, "malloc_trim") else None


_LIBC = _libc()
