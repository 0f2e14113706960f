"""Page building blocks: every chart with its table twin and a CSV of exactly those numbers, formatted tables,
headline tiles with their traffic lights, and the plain message shown instead of an empty chart.
"""

import re
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from bsdash.analysis.measures import Status
from bsdash.governance import downloads
from bsdash.governance.audit import AuditLog, Entry, audit_path, sha256_of
from bsdash.ui import auth

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}
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
}


def download_button(
    table: pd.DataFrame,
    *,
    file_name: str,
    key: str,
    source: Mapping[str, object] | None = None,
    file_format: str = "csv",
    label: str | None = None,
    disabled: bool = False,
    help: str | None = None,
    container=None,
) -> None:
    """The one way a table leaves the dashboard: only for a role that may download, made when clicked, and
    recorded in the audit log (who, when, the named query and its parameters, the rows) as it is handed over.

    `source` is {"name": query name, "parameters": bound parameters}; by default the table's own (set by
    `query`). `file_name` is without its extension.
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

    def make_and_record() -> bytes:
        data = downloads.csv_bytes(table) if file_format == "csv" else downloads.excel_bytes(table, what)
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


def data_table(
    frame: pd.DataFrame,
    *,
    key: str,
    file_name: str,
    columns: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    height: int | str = "auto",
    source: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """A formatted table with a CSV download of exactly its rows and columns; returns the table shown.

    The download is recorded as coming from the named query that made `frame` (or `source`, when given)."""
    table, config = present(frame, columns, kinds)
    st.dataframe(table, column_config=config, hide_index=True, height=height, key=f"{key}_frame")
    download_button(table, file_name=file_name, key=f"{key}_csv", source=source or frame.attrs.get("query"))
    return table


def chart_with_table(
    figure: go.Figure,
    frame: pd.DataFrame,
    *,
    key: str,
    file_name: str,
    columns: Mapping[str, str] | None = None,
    kinds: Mapping[str, str] | None = None,
    selectable: bool = False,
    caption: str | None = None,
):
    """The chart, and beside it (a tab away) the same numbers as a table with their CSV download.

    The table is made only while its tab is open (opening it runs the page again): a page of charts then sends
    and draws no hidden tables, which keeps every filter change quick. With `selectable`, clicking a bar reruns
    the page and the selection event is returned.
    """
    chart_tab, table_tab = st.tabs(["Chart", "Table"], key=f"{key}_tabs", on_change="rerun")
    with chart_tab:
        event = st.plotly_chart(
            figure,
            key=key,
            config=PLOTLY_CONFIG,
            on_select="rerun" if selectable else "ignore",
            selection_mode=("points",) if selectable else ("points", "box", "lasso"),
        )
        if caption:
            st.caption(caption)
    if table_tab.open:
        with table_tab:
            data_table(frame, key=key, file_name=file_name, columns=columns, kinds=kinds)
    return event if selectable else None


def nothing_to_show(message: str) -> None:
    """Instead of an empty or broken chart."""
    st.info(message, icon=":material/info:")


def headline(
    label: str,
    value: str,
    *,
    status: Status | None = None,
    delta: str | None = None,
    delta_good_when: str = "normal",
    help: str | None = None,
    note: str | None = None,
) -> None:
    """A headline figure with its change against the previous period and its traffic light (colour + word)."""
    with st.container(border=True):
        st.metric(label, value, delta=delta, delta_color=delta_good_when, help=help)
        if status is not None:
            colour, icon = STATUS_BADGE[status.level]
            st.badge(status.text, color=colour, icon=icon, help=status.reason)
        if note or status is not None:
            st.caption(note or status.reason)


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
