"""The one shared filter panel: drawn in the sidebar on every page, kept in the URL, read by every page.

The URL is the source of truth when a session starts (a planner's shared link opens exactly that view); from
then on the widgets are, and the URL follows every change. A value in the URL that is not valid is dropped
with a notice saying what was ignored, never a traceback. Widget values live under their own keys in the
session state, so they survive a switch to another page.
"""

from dataclasses import dataclass
from datetime import date

import streamlit as st

from bsdash import fiscal
from bsdash.analysis.dates import DataDates
from bsdash.analysis.figures import Runner
from bsdash.analysis.figures.drill import Names
from bsdash.analysis.periods import PROVIDER_TYPES, Filters, Period, services_chosen
from bsdash.ui.cache import cached
from bsdash.ui.database import runner
from bsdash.ui.router import through_router

# URL parameter -> what it holds. Page-specific parameters (for example `compare`) are the pages' own.
URL_KEYS = ("fy", "from", "to", "dept", "service", "provider")
_STATE = "filters"
_NOTICES = "filter_notices"
YEAR, DATES = "Financial year", "Dates"
# The panel's values outlive a visit to a page without the panel (the Audit log), as a page switch would drop them.
_KEPT = "session"
# The days the date picker offers; a link's range outside them is ignored like any other bad value.
EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(2100, 12, 31)


@dataclass(frozen=True)
class Options:
    years: list[str]
    departments: dict[str, str]  # code -> name
    services: dict[str, str]  # code -> name
    service_providers: dict[str, str]  # code -> provider type
    dates: DataDates  # how far each dataset reaches

    @property
    def first_day(self) -> date:
        return self.dates.first_day or self.dates.latest

    @property
    def last_day(self) -> date:
        return self.dates.latest


def options() -> Options:
    """What the filters offer, made once per data version."""
    return cached(options_of)(runner)


def options_of(run: Runner) -> Options:
    departments = run("department_list", {})
    services = run("service_list", {})
    return Options(
        years=list(run("financial_year_list", {})["financial_year"]),
        departments=dict(zip(departments["department_id"], departments["department"], strict=True)),
        services=dict(zip(services["service_id"], services["service"], strict=True)),
        service_providers=dict(zip(services["service_id"], services["provider_type"], strict=True)),
        dates=DataDates.from_row(run("data_as_at", {}).iloc[0].to_dict()),
    )


def names(suppliers: dict[str, str] | None = None) -> Names:
    """Department and service codes (and suppliers', where a page has them) in words, for drill-through labels."""
    choice = options()
    return Names(choice.departments, choice.services, suppliers or {})


def filter_panel() -> Filters:
    """Draw the panel in the sidebar and return the filters it sets (also kept for pages in the session)."""
    choices = options()
    if "f_mode" not in st.session_state:
        _load_from_url(choices)
    with st.sidebar:
        st.header("Filters", anchor=False)
        st.radio("Period", (YEAR, DATES), key="f_mode", horizontal=True, on_change=_changed, persist_state=_KEPT)
        if st.session_state["f_mode"] == YEAR:
            st.selectbox(
                "Financial year",
                choices.years,
                key="f_year",
                on_change=_changed,
                help="1 April to 31 March.",
                persist_state=_KEPT,
            )
        else:
            st.date_input(
                "From and to",
                key="f_range",
                format="DD/MM/YYYY",
                min_value=EARLIEST_DAY,
                max_value=LATEST_DAY,
                on_change=_changed,
                persist_state=_KEPT,
            )
        st.multiselect(
            "Departments",
            list(choices.departments),
            key="f_departments",
            format_func=choices.departments.get,
            placeholder="All departments",
            on_change=_changed,
            persist_state=_KEPT,
        )
        st.multiselect(
            "Service types",
            list(choices.services),
            key="f_services",
            format_func=choices.services.get,
            placeholder="All service types",
            on_change=_changed,
            persist_state=_KEPT,
        )
        st.pills(
            "Provider type",
            PROVIDER_TYPES,
            key="f_providers",
            selection_mode="multi",
            format_func=str.capitalize,
            on_change=_changed,
            persist_state=_KEPT,
            help="Internal teams, services run jointly with Essex Police, or external suppliers. "
            "Applies to service types by how each is delivered now.",
        )
    filters = _current(choices)
    _write_url()
    st.session_state[_STATE] = filters
    return filters


def current() -> Filters:
    """The filters the panel set on this run (for pages)."""
    through_router()
    if _STATE not in st.session_state:  # the router has not run in this session yet
        st.rerun()
    return st.session_state[_STATE]


def page_choice(key: str, options: list[str], default: str | list[str], *, what: str, limit: int | None = None) -> None:
    """Seed a page's own widget `key` from the URL parameter of the same name, once per session.

    The URL holds codes (compare=CYB), not the labels Streamlit's own binding would write. Values that are not
    among `options` are dropped with a notice. Call before drawing the widget, then `follow_in_url` after it.
    """
    if key in st.session_state:
        return
    asked = st.query_params.get_all(key)
    valid = [value for value in dict.fromkeys(asked) if value in options][:limit]
    invalid = [value for value in asked if value not in options]
    if invalid:
        st.warning(
            f"Ignored from the link: {what} {', '.join(shown_back(v) for v in invalid)} (not a known {what}).",
            icon=":material/link_off:",
        )
    if isinstance(default, list):
        st.session_state[key] = valid if valid else default
    else:
        st.session_state[key] = valid[0] if valid else default


def page_value(key: str, parse, default: object, *, what: str) -> None:
    """Seed a page's own widget `key` from the URL parameter of the same name, once per session, through `parse`
    (text -> value, ValueError when it is not one); an unusable value is dropped with a notice."""
    if key in st.session_state:
        return
    st.session_state[key] = default
    if key not in st.query_params:
        return
    try:
        st.session_state[key] = parse(st.query_params[key])
    except (ValueError, TypeError):
        st.warning(
            f"Ignored from the link: {what} {shown_back(st.query_params[key])} (not a usable {what}).",
            icon=":material/link_off:",
        )


def follow_in_url(key: str, value: str | list[str], default: str | list[str]) -> None:
    """Keep a page's own choice in the URL (left out while it is the default)."""
    if value == default or not value:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != (value if isinstance(value, list) else [value]):
        st.query_params[key] = value


def show_notices() -> None:
    """Say what the URL asked for that could not be used."""
    for notice in st.session_state.get(_NOTICES, []):
        st.warning(notice, icon=":material/link_off:")


def _changed() -> None:
    st.session_state[_NOTICES] = []


def _current(choices: Options) -> Filters:
    state = st.session_state
    if state["f_mode"] == YEAR and state.get("f_year"):
        period = Period.year(state["f_year"])
    else:
        picked = state.get("f_range") or ()
        start = picked[0] if len(picked) > 0 else choices.first_day
        end = picked[1] if len(picked) > 1 else start
        period = Period(start, end)
    service_types = tuple(state.get("f_services") or ())
    provider_types = tuple(state.get("f_providers") or ())
    services = services_chosen(service_types, provider_types, choices.service_providers)
    return Filters(
        period, choices.dates, tuple(state.get("f_departments") or ()), service_types, provider_types, services
    )


def _load_from_url(choices: Options) -> None:
    """Set the widgets from the URL, keeping what is valid and noting what is not."""
    params, notices, state = st.query_params, [], st.session_state
    state["f_mode"] = YEAR
    state["f_year"] = (
        fiscal.financial_year(choices.last_day)
        if fiscal.financial_year(choices.last_day) in choices.years
        else (choices.years[0] if choices.years else None)
    )
    first = fiscal.year_bounds(state["f_year"])[0] if state["f_year"] else choices.first_day
    state["f_range"] = (first, choices.last_day)
    if "fy" in params:
        year = fiscal.parse_financial_year(params["fy"])
        if year in choices.years:
            state["f_year"] = year
        else:
            notices.append(
                f"The link's financial year {shown_back(params['fy'])} is not one the data covers "
                f"({', '.join(choices.years[::-1])}); showing {state['f_year']}."
            )
    if "from" in params or "to" in params:
        start, end = _parse_day(params.get("from")), _parse_day(params.get("to"))
        if start and end and EARLIEST_DAY <= start <= end <= LATEST_DAY:
            state["f_mode"], state["f_range"] = DATES, (start, end)
        else:
            notices.append(
                f"The link's dates (from {shown_back(params.get('from', ''))} to "
                f"{shown_back(params.get('to', ''))}) are not a valid range (use yyyy-mm-dd, from before "
                f"to, between {EARLIEST_DAY:%Y} and {LATEST_DAY:%Y}); showing financial year {state['f_year']}."
            )
    state["f_departments"] = _valid(params.get_all("dept"), choices.departments, "department", notices)
    state["f_services"] = _valid(params.get_all("service"), choices.services, "service type", notices)
    state["f_providers"] = _valid(params.get_all("provider"), {p: p for p in PROVIDER_TYPES}, "provider type", notices)
    state[_NOTICES] = notices


def _valid(values: list[str], known: dict[str, str], what: str, notices: list[str]) -> list[str]:
    kept, dropped = [], []
    for value in values:
        (kept if value in known and value not in kept else dropped).append(value)
    dropped = [v for v in dropped if v not in known]
    if dropped:
        notices.append(
            f"Ignored from the link: {what} {', '.join(shown_back(v) for v in dropped)} (not a known {what})."
        )
    return kept


def _parse_day(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def shown_back(value: str, limit: int = 40) -> str:
    """A value from the URL as it may be shown back: printable, short, and as code, so that nothing in it is read as
    Markdown (an address would otherwise become a link to click, `[text](address)` a link under other words)."""
    text = "".join(ch if ch.isprintable() and ch != "`" else "?" for ch in str(value))
    text = text if len(text) <= limit else text[:limit] + "…"
    return f"`{text}`" if text.strip() else "nothing"


def _write_url() -> None:
    """Make the URL say what the panel shows (only the panel's own keys)."""
    state, wanted = st.session_state, {}
    if state["f_mode"] == YEAR and state.get("f_year"):
        wanted["fy"] = state["f_year"].replace("/", "-")
    elif state.get("f_range") and len(state["f_range"]) == 2:
        wanted["from"], wanted["to"] = (d.isoformat() for d in state["f_range"])
    for key, state_key in (("dept", "f_departments"), ("service", "f_services"), ("provider", "f_providers")):
        if state.get(state_key):
            wanted[key] = list(state[state_key])
    for key in URL_KEYS:
        if key not in wanted and key in st.query_params:
            del st.query_params[key]
        elif key in wanted and st.query_params.get_all(key) != (
            wanted[key] if isinstance(wanted[key], list) else [wanted[key]]
        ):
            st.query_params[key] = wanted[key]
