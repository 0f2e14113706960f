"""New data on every open page within seconds of an import, whoever made it (this dashboard, another dashboard
process, or `python -m bsdash import`), without anyone touching the page.

A thread per database file looks at the file once a second. When a new file has been put in its place, it drops
the cached query results and asks every open session to run its page again, as Streamlit itself does when a
source file changes ("run on save"): with the session's own widgets and address, so each page redraws what it
showed, on the new data. A session busy running its page (an import in progress, say) is asked once it has
finished, so that nothing it is doing is cut short. Nothing runs while the data does not change.

This reaches into Streamlit's runtime (its session manager and each session's last client state), which has no
public interface for it; requirements.txt pins the version it was written for. Should that change shape, the
watcher says so in the server's log and stops, and pages show new data at their next rerun instead.
"""

import atexit
import logging
import threading
import time
from collections.abc import Callable

POLL_SECONDS = 1.0
_LOGGER = logging.getLogger(__name__)
_watchers: dict[str, "_Watcher"] = {}
_started = threading.Lock()
_stopping = threading.Event()


def follow(key: str, version: Callable[[], tuple], on_change: Callable[[], None]) -> None:
    """Watch `version()` (one watcher per key and process); when it changes, call `on_change` and rerun every
    open page."""
    with _started:
        if key not in _watchers:
            if not _watchers:
                atexit.register(_stop)
            _watchers[key] = _Watcher(version, on_change)
            _watchers[key].start()


def _stop() -> None:
    """At the process's end: stop the watchers first, so that the interpreter finishes with no thread of ours."""
    _stopping.set()
    for watcher in _watchers.values():
        watcher.join(timeout=2 * POLL_SECONDS)


class _Watcher(threading.Thread):
    def __init__(self, version: Callable[[], tuple], on_change: Callable[[], None]):
        super().__init__(name="bsdash-data-watcher", daemon=True)
        self._version, self._on_change = version, on_change

    def run(self) -> None:
        seen = self._current()
        pending: set[str] = set()  # sessions still to rerun on the new data
        while not _stopping.wait(POLL_SECONDS):
            now = self._current()
            try:
                if now != seen:
                    seen = now
                    self._on_change()
                    pending = set(_sessions())
                if pending:
                    pending = _rerun_idle(pending)
            except Exception:
                _LOGGER.exception("Open pages can no longer be rerun on new data; they show it at their next rerun.")
                return

    def _current(self) -> tuple | None:
        try:
            return self._version()
        except OSError:  # between an unlink and a rename, on a file system without atomic rename
            return None


def _sessions() -> dict:
    """The open sessions of this server, by id (none outside a running server, as in AppTest)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return {}
    return {info.session.id: info.session for info in Runtime.instance()._session_mgr.list_active_sessions()}


def serving() -> bool:
    """True inside a running dashboard server (False in AppTest and scripts)."""
    from streamlit.runtime import Runtime

    return Runtime.exists()


def wait_until_idle(poll_s: float) -> None:
    """Return once no open page of this server is running its script (at once when none is)."""
    from streamlit.runtime.app_session import AppSessionState

    while any(s._state == AppSessionState.APP_IS_RUNNING for s in _sessions().values()):
        time.sleep(poll_s)


def _rerun_idle(pending: set[str]) -> set[str]:
    """Rerun the pending sessions that are not running their page now; returns those left for later."""
    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.runtime.app_session import AppSessionState

    sessions = _sessions()
    left = set()
    for session_id in pending & set(sessions):
        session = sessions[session_id]
        if session._state == AppSessionState.APP_IS_RUNNING:
            left.add(session_id)
            continue
        state = ClientState()
        state.CopyFrom(session._client_state)  # the page, its address and widgets as last run
        state.fragment_id = ""  # the whole page, not the last fragment that ran
        state.is_auto_rerun = False
        state.ClearField("cached_message_hashes")  # send every element whole: the figures are new
        session.request_rerun(state)
    return left
