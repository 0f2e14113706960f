"""Page building blocks: every chart with its table twin, every table with its CSV and Excel downloads (each
file saying what it is, for which period and filters, how far the data reaches and when it was made) and the
named queries and parameters it came from; headline tiles with their traffic lights; the plain message shown
instead of an empty chart.
"""

import json
import re
from collections.abc import Mapping
from datetime import date, datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from bsdash.analysis.figures import Headline, Source, Table
from bsdash.analysis.figures.common import describe as describe_filters
from bsdash.charts import describe
from bsdash.governance import downloads
from bsdash.governance.audit import AuditLog, Entry, audit_path, sha256_of
from bsdash.ui import auth
from bsdash.ui.database import query_definition, registry
from bsdash.ui.filters import options

# No toolbar: its eight buttons were eight tab stops a chart, read out by their icon names; the table twin's own
# buttons download the figures. Responsive: a chart follows its container's width, on screen and in print.
PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False, "responsive": True}
STATUS_BADGE = {
    "good": ("green", ":material/check_circle:"),
    "watch": ("orange", ":material/warning:"),
    "act": ("red", ":material/error:"),
}

# How a column is shown, by its name in the query: (label, kind). Kinds: money, pence, percent, count, number,
# hours, date, datetime, text, boolean. Columns not listed are inferred from their names.
COLUMNS: dict[str, tuple[str, str]] = {
    "amount": ("Spend (£)", "money"),
    "amount_per_fte": ("Spend per FTE (£)", "money"),
    "payments": ("Payments", "count"),
    "share": ("Share (%)", "percent"),
    "service": ("Service type", "text"),
    "supplier": ("Supplier", "text"),
    "department": ("Department", "text"),
    "month": ("Month", "month"),
    "total_fte": ("FTE (officers and staff)", "number"),
    "budget": ("Budget (£)", "money"),
    "budget_to_date": ("Budget to date (£)", "money"),
    "actual": ("Actual to date (£)", "money"),
    "variance_to_date": ("Variance to date (£)", "money"),
    "forecast_outturn": ("Forecast outturn (£)", "money"),
    "forecast_variance": ("Forecast variance (£)", "money"),
    "forecast_variance_share": ("Forecast variance (%)", "percent"),
    "sla_compliance": ("SLA compliance (%)", "percent"),
    "compliance_target": ("Target (%)", "percent"),
    "tickets_per_100_fte": ("Tickets per 100 FTE", "number"),
    "median_hours_to_resolve": ("Median hours to resolve", "hours"),
    "p90_hours_to_resolve": ("90th percentile hours to resolve", "hours"),
    "median_hours": ("Median hours", "hours"),
    "p90_hours": ("90th percentile hours", "hours"),
    "value": ("Result", "number"),
    "target": ("Target", "number"),
    "target_met": ("Target met", "boolean"),
    "index": ("Index (force average = 100)", "number"),
    "capital_revenue": ("Capital or revenue", "text"),
    "provider_type": ("Provider type", "text"),
    "on_contract_share": ("On contract (%)", "percent"),
    "paid_date": ("Paid date", "date"),
}
_MONEY = re.compile(r"(amount|budget|spend|variance|outturn|value|cost|exposure)(?!_share)")
_PERCENT = re.compile(r"(share|compliance|_rate$|rate$)")
_COUNT = re.compile(r"(tickets|payments|count|seats|contracts|volume|answers|logged|resolved|open)")


def _kind(name: str, series: pd.Series) -> str:
    if name in COLUMNS:
        return COLUMNS[name][1]
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date" if (series.dropna().dt.normalize() == series.dropna()).all() else "datetime"
    if not pd.api.types.is_numeric_dtype(series):
        return "text"
    if "hours" in name:
        return "hours"
    if _PERCENT.search(name):
        return "percent"
    if _MONEY.search(name):
        return "money"
    if _COUNT.search(name):
        return "count"
    return "number"


def _label(name: str, kind: str) -> str:
    if name in COLUMNS:
        return COLUMNS[name][0]
    text = name.replace("_", " ").strip().capitalize()
    return f"{text} (£)" if kind in ("money", "pence") else f"{text} (%)" if kind == "percent" else text


def present(
    frame: pd.DataFrame, columns: Mapping[str, str] | None = None, kinds: Mapping[str, str] | None = None
) -> tuple[pd.DataFrame, dict]:
    """The table as people read it: chosen columns, readable headers, percentages as per cent, and formats.

    `columns` maps query column -> header (in the order to show; default all columns with inferred headers);
    `kinds` overrides how a column is shown (for example {"amount": "pence"} for payment-level tables).
    Returns the table to show and download, and its Streamlit column configuration.
    """
    kinds = dict(kinds or {})
    chosen = list(columns) if columns else [c for c in frame.columns if not c.endswith("_id") and c != "band_order"]
    table, config = pd.DataFrame(index=frame.index), {}
    for name in chosen:
        series = frame[name]
        kind = kinds.get(name) or _kind(name, series)
        header = (columns or {}).get(name) or _label(name, kind)
        if kind == "percent":
            series = 100 * series
        elif kind == "count":
            series = series.round().astype("Int64")
        table[header] = series
        config[header] = _column_config(header, kind)
    return table.reset_index(drop=True), config


def _column_config(header: str, kind: str):
    if kind == "money":
        return st.column_config.NumberColumn(header, format="£%,.0f")
    if kind == "pence":
        return st.column_config.NumberColumn(header, format="£%,.2f")
    if kind == "percent":
        return st.column_config.NumberColumn(header, format="%.1f%%")
    if kind == "count":
        return st.column_config.NumberColumn(header, format="%,d")
    if kind == "hours":
        return st.column_config.NumberColumn(header, format="%.1f")
    if kind == "number":
        return st.column_config.NumberColumn(header, format="%,.1f")
    if kind == "date":
        return st.column_config.DateColumn(header, format="DD/MM/YYYY")
    if kind == "month":
        return st.column_config.DateColumn(header, format="MMMM YYYY")
    if kind == "datetime":
        return st.column_config.DatetimeColumn(header, format="DD/MM/YYYY HH:mm")
    if kind == "boolean":
        return st.column_config.CheckboxColumn(header)
    return st.column_config.TextColumn(header)


FORMATS = {
    "csv": ("Download CSV", "text/csv", ":material/download:"),
    "xlsx": ("Download Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ":material/table:"),
    "parquet": ("Download Parquet", "application/vnd.apache.parquet", ":material/database:"),
}


def file_context(what: str, sources: tuple[Source, ...] = ()) -> list[str]:
    """The lines a downloaded file carries under its marking: what it is, the period and filters, how far each
    dataset reaches, when and by whom it was made."""
    filters = st.session_state.get("filters")
    choice = options()
    person = auth.viewer()
    return downloads.context_lines(
        what,
        describe_filters(filters, choice.departments, choice.services) if filters else "none",
        (filters.dates if filters else choice.dates).lines() or ["no data"],
        datetime.now(),
        person.who if person.signed_in else "this machine's user (sign-in is off)",
        [source.name for source in sources],
    )


def download_button(
    table: pd.DataFrame,
    *,
    file_name: str,
    key: str,
    source: Mapping[str, object] | None = None,
    title: str | None = None,
    file_format: str = "csv",
    label: str | None = None,
    disabled: bool = False,
    help: str | None = None,
    container=None,
) -> None:
    """The one way a table leaves the dashboard: only for a role that may download, made when clicked, and
    recorded in the audit log (who, when, the named query and its parameters, the rows) as it is handed over.

    `source` is {"name": query name, "parameters": bound parameters}; by default the table's own (set by
    `query`). `title` says what the table is, in the file's header. `file_name` is without its extension.
    """
    place = container or st
    person = auth.viewer()
    if not person.may_download:
        place.caption(":material/lock: Downloads are for planners, analysts and administrators.")
        return
    source = source or table.attrs.get("query") or {}
    what = str(source.get("name") or f"table {file_name}")
    parameters = source.get("parameters")
    full_name = f"{file_name}.{file_format}"
    log = AuditLog(audit_path())
    page = st.session_state.get(auth.PAGE_KEY, "")
    named = (Source(what, parameters or {}),) if source.get("name") else ()

    def make_and_record() -> bytes:
        context = file_context(title or what, named)
        if file_format == "csv":
            data = downloads.csv_bytes(table, context=context)
        elif file_format == "xlsx":
            data = downloads.excel_bytes(table, what, context=context)
        else:
            data = downloads.parquet_bytes(table, context=context)
        # Recorded before the file is handed over: a download that cannot be recorded does not happen.
        log.append(
            Entry(
                who=person.who,
                role=person.role or "none",
                action="download",
                what=what,
                parameters=parameters,
                file_name=full_name,
                sha256=sha256_of(data),
                row_count=len(table),
                outcome=file_format.upper(),
                place=f"/{page}",
            )
        )
        return data

    default_label, mime, icon = FORMATS[file_format]
    place.download_button(
        label or default_label,
        make_and_record,
        file_name=full_name,
        mime=mime,
        icon=icon,
        key=key,
        on_click="ignore",
        disabled=disabled,
        help=help,
    )


def downloads_of(
    shown: pd.DataFrame, *, key: str, file_name: str, title: str, sources: tuple[Source, ...], formats=("csv", "xlsx")
) -> None:
    """A row of download buttons (CSV and Excel, and Parquet where asked) for the table as shown."""
    source = {"name": sources[0].name, "parameters": sources[0].parameters} if len(sources) == 1 else None
    if len(sources) > 1:
        source = {"name": " + ".join(s.name for s in sources), "parameters": {s.name: s.parameters for s in sources}}
    # A row of buttons at their own width, wrapping on a narrow screen rather than cutting their labels short.
    buttons = st.container(horizontal=True)
    for file_format in formats:
        download_button(
            shown,
            file_name=file_name,
            key=f"{key}_{file_format}",
            source=source,
            title=title,
            file_format=file_format,
            disabled=shown.empty,
            container=buttons,
        )


def how_it_was_made(sources: tuple[Source, ...], derived: str | None, key: str) -> None:
    """The named queries behind a table, with their SQL and the parameters they ran with, in an expander."""
    with st.expander("How this table was made: SQL and parameters", icon=":material/code:"):
        if derived:
            st.caption(f"Computed in the engine from the queries below: {derived}.")
        if not sources:
            st.caption("No named query: computed in the engine from the figures above.")
        for source in sources:
            shown = {k: _plain(v) for k, v in source.parameters.items()}
            if source.name in registry():
                definition = query_definition(source.name)
                st.markdown(f"**{source.name}** (`queries/{source.name}.sql`): {definition.title}")
                st.code(json.dumps(shown, indent=2, default=str), language="json")
                st.code(definition.sql, language="sql")
            else:
                st.markdown(f"**{source.name}**")
                st.code(json.dumps(shown, indent=2, default=str), language="json")


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else list(value) if isinstance(value, tuple) else value


def data_table(table: Table | pd.DataFrame, *, key: str, height: int | str = "auto", **legacy) -> pd.DataFrame:
    """A formatted table with its CSV and Excel downloads (exactly its rows and columns, with their context) and
    the SQL and parameters it came from; returns the table shown.

    A plain frame (a page's own table, such as the audit log) is shown with `file_name`, `columns`, `kinds`
    and `source` given as keywords."""
    table = _as_table(table, legacy)
    shown = _shown_table(table, key, height)
    downloads_of(shown, key=key, file_name=table.file_name, title=table.title, sources=table.sources)
    how_it_was_made(table.sources, table.derived, key)
    return shown


def _as_table(table: Table | pd.DataFrame, legacy: dict) -> Table:
    if isinstance(table, Table):
        return table
    source = legacy.get("source") or table.attrs.get("query") or {}
    sources = (Source(str(source["name"]), source.get("parameters") or {}),) if source.get("name") else ()
    return Table(
        str(source.get("name") or legacy["file_name"]),
        table,
        legacy["file_name"],
        legacy.get("columns"),
        legacy.get("kinds"),
        sources,
    )


def _shown_table(table: Table, key: str, height: int | str = "auto") -> pd.DataFrame:
    shown, config = present(table.frame, table.columns, table.kinds)
    st.dataframe(shown, column_config=config, hide_index=True, height=height, key=f"{key}_frame", alt=table.title)
    return shown


def chart_with_table(figure: go.Figure, table: Table, *, key: str, caption: str | None = None) -> None:
    """The chart, and beside it (a tab away) the same numbers as a table with their downloads, in a fragment of
    its own: opening the table reruns this section alone, not the page."""
    _chart_section(figure, table, key=key, caption=caption)


@st.fragment
def _chart_section(figure: go.Figure, table: Table, *, key: str, caption: str | None) -> None:
    chart_and_table(figure, table, key=key, caption=caption)


def chart_and_table(
    figure: go.Figure,
    table: Table,
    *,
    key: str,
    selectable: bool = False,
    caption: str | None = None,
):
    """The chart and its table a tab away (see chart_with_table), where the caller runs the fragment; under both,
    the table's downloads.

    The chart is named for assistive technology by its table's title and a sentence on what its figures show
    (bsdash.charts.describe). The downloads sit under the tabs, not inside the table's, so that they are a
    keystroke away from the chart and need no tab opened. The table is made only while its tab is open (opening
    it runs the section again): a page of charts then sends and draws no hidden tables, which keeps every filter
    change quick. With `selectable`, clicking a bar reruns the section and the selection event is returned.
    """
    chart_tab, table_tab = st.tabs(["Chart", "Table"], key=f"{key}_tabs", on_change="rerun")
    with chart_tab:
        event = st.plotly_chart(
            figure,
            key=key,
            config=PLOTLY_CONFIG,
            on_select="rerun" if selectable else "ignore",
            selection_mode=("points",) if selectable else ("points", "box", "lasso"),
            alt=f"{table.title}: {describe.summary(figure)}",
        )
        if caption:
            st.caption(caption)
    if table_tab.open:
        with table_tab:
            _shown_table(table, key)
            how_it_was_made(table.sources, table.derived, key)
    shown, _ = present(table.frame, table.columns, table.kinds)
    downloads_of(shown, key=key, file_name=table.file_name, title=table.title, sources=table.sources)
    return event if selectable else None


def nothing_to_show(message: str) -> None:
    """Instead of an empty or broken chart."""
    st.info(message, icon=":material/info:")


def headline(tile: Headline) -> None:
    """A headline figure with its change against the previous period and its traffic light (colour + word)."""
    with st.container(border=True):
        st.metric(tile.label, tile.value, delta=tile.delta, delta_color=tile.delta_good_when, help=tile.help)
        if tile.status is not None:
            colour, icon = STATUS_BADGE[tile.status.level]
            st.badge(tile.status.text, color=colour, icon=icon, help=tile.status.reason)
        if tile.note or tile.status is not None:
            st.caption(tile.note or tile.status.reason)


def headlines(tiles: list[Headline], per_row: int = 3) -> None:
    """Headline tiles, `per_row` to a row."""
    for start in range(0, len(tiles), per_row):
        for column, tile in zip(st.columns(per_row), tiles[start : start + per_row], strict=False):
            with column:
                headline(tile)


def selected_point(event) -> dict | None:
    """The first clicked point of a Plotly selection event, or None."""
    if not event:
        return None
    points = event.get("selection", {}).get("points", []) if isinstance(event, dict) else event.selection.points
    return points[0] if points else None


def new_click(key: str, event) -> dict | None:
    """The point just clicked on chart `key`, or None when nothing new was clicked.

    A chart keeps its selection across reruns; acting only on a selection not seen before lets a page forget a
    click (for example "Clear the selection") without the chart bringing it back on the next run.
    """
    point = selected_point(event)
    seen_key = f"{key}_seen_click"
    signature = None if point is None else repr(sorted((k, str(v)) for k, v in point.items()))
    if signature == st.session_state.get(seen_key):
        return None
    st.session_state[seen_key] = signature
    return point
