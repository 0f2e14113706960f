"""Sessions of the dashboard without a browser: Streamlit's own protocol, spoken as the browser speaks it.

A browser tab opening the dashboard fetches the page (where a proxy in front sets its cookies), asks
/_stcore/health (which sets the XSRF cookie) and /_stcore/host-config, then opens the websocket
/_stcore/stream, offering the subprotocols "streamlit" and the XSRF token. Over it the tab sends a BackMsg
`rerun_script` (a ClientState: the query string, the page's name from the URL path, no page hash yet, no widget
states, the browser's time zone and locale) and the server runs the script, answering with ForwardMsgs: a
`new_session`, the `navigation` (which names the page's script hash), one `delta` per element drawn, a
`page_info_changed` when the script changes the URL, and `script_finished`.

Every widget arrives in a delta with its id (`$$ID-<hash>-<key>`), label and value. The browser keeps the value
of every widget it has drawn and, when the user changes one, sends a new `rerun_script` holding the states of
all of them, the changed one included, the current page's hash and the hashes of the large elements it has
cached (the server then sends only a reference to those). `Session` does the same, with no browser: the time
from sending the rerun to its `script_finished` is the server's answer to a filter change, with nothing drawn.
"""

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

XSRF_COOKIE = "_streamlit_xsrf"
# What the browser offers when it has no XSRF cookie (Streamlit's frontend does the same).
NO_TOKEN = "PLACEHOLDER_AUTH_TOKEN"
# The browser forgets a cached element after this many runs that did not use it (global.maxCachedMessageAge).
CACHED_RUNS = 2
FINISHED = (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY)


class ProtocolError(RuntimeError):
    """The dashboard did not answer as it answers a browser."""


@dataclass(frozen=True)
class Answer:
    """One run of the script as the session saw it."""

    seconds: float
    messages: int
    bytes: int
    references: int  # elements the server did not send again because the session had them cached


@dataclass
class _Widget:
    kind: str  # the element's type: selectbox, multiselect, radio, button_group, date_input
    label: str
    options: list[str]
    state: WidgetState


@dataclass
class _Run:
    started: float
    done: asyncio.Future
    messages: int = 0
    bytes: int = 0
    references: int = 0
    errors: list[str] = field(default_factory=list)


class Session:
    """One browser tab's conversation with the dashboard. Use `async with Session(...)`, then `change(...)`."""

    def __init__(
        self,
        base_url: str,
        path: str = "",
        query: str = "",
        *,
        cookies: dict[str, str] | None = None,
        timeout_s: float = 120,
    ):
        """`cookies`: what the browser holds already (someone coming back); none for a new visitor."""
        self.base_url = base_url.rstrip("/")
        self.path = path.strip("/")
        self.query_string = query.lstrip("?")
        self.timeout_s = timeout_s
        self.page_script_hash = ""
        self.widgets: dict[str, _Widget] = {}  # by id
        self.session_id = ""
        self.cookies: dict[str, str] = dict(cookies or {})
        self._http: httpx.AsyncClient | None = None
        self._socket = None
        self._reader: asyncio.Task | None = None
        self._run: _Run | None = None
        self._cache: dict[str, int] = {}  # hash of a cached element -> the run that last used it
        self._runs = 0

    async def __aenter__(self) -> "Session":
        return self

    async def __aexit__(self, *_exc) -> None:
        await self.close()

    async def open(self) -> Answer:
        """Load the page as a browser does; returns the first run of its script."""
        self._http = httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout_s)
        for name, value in self.cookies.items():  # as the server would have set them, so that new ones replace them
            self._http.cookies.set(name, value, domain=urlsplit(self.base_url).hostname or "")
        page = f"/{self.path}" + (f"?{self.query_string}" if self.query_string else "")
        started = time.perf_counter()
        for address in (page, "/_stcore/health", "/_stcore/host-config"):
            answer = await self._http.get(address)
            if answer.status_code != 200:
                raise ProtocolError(f"GET {address} answered {answer.status_code}")
        self.cookies = {cookie.name: cookie.value for cookie in self._http.cookies.jar}
        scheme = "wss" if self.base_url.startswith("https") else "ws"
        netloc = urlsplit(self.base_url).netloc
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        self._socket = await connect(
            f"{scheme}://{netloc}/_stcore/stream",
            subprotocols=["streamlit", self.cookies.get(XSRF_COOKIE, NO_TOKEN)],
            origin=f"{urlsplit(self.base_url).scheme}://{netloc}",
            additional_headers={"Cookie": cookie} if cookie else None,
            max_size=None,
            open_timeout=self.timeout_s,
            # A browser never pings; it answers the server's pings, as this connection does by itself. Pinging
            # would end a session whose server is too busy to answer within the ping's timeout.
            ping_interval=None,
        )
        self._reader = asyncio.create_task(self._read())
        back = BackMsg()
        back.rerun_script.query_string = self.query_string
        back.rerun_script.page_name = self.path
        context = back.rerun_script.context_info
        context.timezone, context.timezone_offset, context.locale = "Europe/London", 0, "en-GB"
        context.url = f"{self.base_url}{page}"
        answer = await self._send(back, started)
        if not self.page_script_hash:
            raise ProtocolError(f"{page}: the server named no page in its navigation")
        return answer

    def widget(self, label: str) -> _Widget:
        found = [w for w in self.widgets.values() if w.label == label]
        if not found:
            raise ProtocolError(f"no widget labelled {label!r} on {self.path or 'the start page'}")
        return found[0]

    async def change(self, label: str, value: str | list[str], *, expect_in_url: str | None = None) -> Answer:
        """Set the widget labelled `label` to `value` (an option's label, or labels) as a user would; returns the
        rerun it causes. `expect_in_url`: text the page's URL must hold afterwards (the dashboard keeps its filters
        in the URL), so that an answer that ignored the change is not counted as one."""
        widget = self.widget(label)
        wanted = [value] if isinstance(value, str) else list(value)
        unknown = [v for v in wanted if v not in widget.options]
        if unknown:
            raise ProtocolError(f"{label!r} has no option {', '.join(map(repr, unknown))}")
        if widget.kind in ("selectbox", "radio"):
            widget.state.string_value = wanted[0]
        else:
            widget.state.ClearField("string_array_value")
            widget.state.string_array_value.data.extend(wanted)
        back = BackMsg()
        state = back.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_script_hash
        state.widget_states.widgets.extend(w.state for w in self.widgets.values())
        state.cached_message_hashes.extend(self._cache)
        answer = await self._send(back, time.perf_counter())
        if expect_in_url is not None and expect_in_url not in self.query_string:
            raise ProtocolError(
                f"after {label!r} = {value!r} the page's URL says {self.query_string!r}, not {expect_in_url!r}"
            )
        return answer

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):  # the session is over either way
                await self._reader
        if self._http is not None:
            await self._http.aclose()

    async def _send(self, back: BackMsg, started: float) -> Answer:
        if self._run is not None:
            raise ProtocolError("a run is still going: a browser would not send another change meanwhile")
        run = _Run(started, asyncio.get_running_loop().create_future())
        self._run = run
        try:
            await self._socket.send(back.SerializeToString())
            await asyncio.wait_for(asyncio.shield(run.done), self.timeout_s)
        except TimeoutError as error:
            raise ProtocolError(f"no script_finished within {self.timeout_s:.0f} s") from error
        finally:
            self._run = None
        if run.errors:
            raise ProtocolError(f"{self.path or 'the start page'} showed: {'; '.join(run.errors)[:500]}")
        return Answer(time.perf_counter() - run.started, run.messages, run.bytes, run.references)

    async def _read(self) -> None:
        try:
            async for raw in self._socket:
                self._receive(raw)
        except Exception as error:  # the connection failed: whoever waits is told why
            if self._run is not None and not self._run.done.done():
                self._run.done.set_exception(ProtocolError(f"the connection ended: {error!r}"))
            raise
        if self._run is not None and not self._run.done.done():
            self._run.done.set_exception(ProtocolError("the server closed the connection"))

    def _receive(self, raw: bytes) -> None:
        message = ForwardMsg()
        message.ParseFromString(raw)
        run = self._run
        if run is not None:
            run.messages += 1
            run.bytes += len(raw)
        kind = message.WhichOneof("type")
        if kind == "ref_hash":
            self._cache[message.ref_hash] = self._runs
            if run is not None:
                run.references += 1
        elif kind == "new_session":
            if message.new_session.HasField("initialize"):
                self.session_id = message.new_session.initialize.session_id
        elif kind == "navigation":
            self.page_script_hash = message.navigation.page_script_hash or self.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "delta":
            if message.metadata.cacheable:
                self._cache[message.hash] = self._runs
            if message.delta.WhichOneof("type") == "new_element":
                self._element(message.delta.new_element, run)
        elif kind == "script_finished":
            if message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR and run is not None:
                run.errors.append("the script did not compile")
            if message.script_finished in FINISHED or message.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                self._runs += 1
                self._cache = {h: seen for h, seen in self._cache.items() if self._runs - seen <= CACHED_RUNS}
                if run is not None and not run.done.done():
                    run.done.set_result(None)

    def _element(self, element, run: _Run | None) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception" and run is not None:
            run.errors.append(f"{element.exception.type}: {element.exception.message}")
            return
        if kind not in ("selectbox", "radio", "multiselect", "button_group", "date_input"):
            return
        proto = getattr(element, kind)
        options = [getattr(o, "content", o) for o in getattr(proto, "options", ())]
        known = self.widgets.get(proto.id)
        if known is not None and not proto.set_value:
            known.options = options  # the browser keeps its own value until the script sets one
            return
        state = WidgetState(id=proto.id)
        if kind in ("selectbox", "radio"):
            state.string_value = proto.raw_value if proto.set_value else options[proto.default] if options else ""
        elif kind == "date_input":
            state.string_array_value.data.extend(proto.value if proto.set_value else proto.default)
        else:
            picked = proto.raw_values if proto.set_value else [options[i] for i in proto.default]
            state.string_array_value.data.extend(picked)
        self.widgets[proto.id] = _Widget(kind, proto.label, options, state)
