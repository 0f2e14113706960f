"""Data explorer for analysts: any dataset or named query with the filters applied, as a formatted table, as CSV
or Excel, with the SQL and the parameters that produced it beside it. Named queries only: no free SQL."""

import json
from datetime import date

import streamlit as st

from bsdash.analysis.figures.explorer import DATASETS, EXCEL_ROWS, FROM_FILTERS, filter_values
from bsdash.ui.components import download_button, present
from bsdash.ui.context import page_header
from bsdash.ui.database import SCOPE_PARAM, query, query_definition, registry
from bsdash.ui.filters import current, follow_in_url, page_choice
from bsdash.ui.router import through_router
from bsdash.ui.scope import scope_note

through_router()

filters = current()
page_header("Data explorer", "The exact numbers behind every figure, to take away.", filters)
figures = {name: registry().get(name).title for name in registry().names() if name not in DATASETS}
choices = list(DATASETS) + list(figures)
names = {**DATASETS, **figures}
page_choice("explore", choices, choices[0], what="dataset or query")
picked = st.selectbox(
    "Dataset or named query",
    choices,
    key="explore",
    persist_state="session",
    format_func=lambda n: f"{names[n]}  ({n})" if n in DATASETS else f"{n}: {names[n]}",
    help="Datasets first, then every named query the pages use.",
)
follow_in_url("explore", picked, choices[0])
definition = query_definition(picked)
values: dict[str, object] = {}
# The scope is never an input: it is bound from who is looking (see bsdash.ui.database.query).
extra = [p for p in definition.params if p.name not in (*FROM_FILTERS, SCOPE_PARAM)]
if extra:
    inputs = st.columns(min(len(extra), 4))
    for i, param in enumerate(extra):
        with inputs[i % len(inputs)]:
            if param.name == "row_limit":
                values[param.name] = st.number_input(
                    "Rows at most", 1, 1_000_000, 10_000, step=10_000, help=param.description
                )
            elif param.type == "integer":
                values[param.name] = st.number_input(
                    param.name.replace("_", " ").capitalize(),
                    0,
                    1000,
                    18 if param.name == "within_months" else 1,
                    help=param.description,
                )
            elif param.type == "date":
                values[param.name] = st.date_input(
                    param.name.replace("_", " ").capitalize(), value=None, format="DD/MM/YYYY", help=param.description
                )
            else:
                values[param.name] = (
                    st.text_input(param.name.replace("_", " ").capitalize(), help=param.description) or None
                )
values |= filter_values(filters, picked, [p.name for p in definition.params])

frame = query(picked, **values)
table, config = present(frame, kinds={"amount": "pence"} if picked == "payments" else None)
left, right = st.columns([3, 2])
with left:
    limit = values.get("row_limit")
    note = " (the limit: narrow the filters, or raise it, to see more)" if limit and len(frame) >= limit else ""
    st.markdown(f"**{len(frame):,} rows**{note}")
    if frame.empty:
        st.info("No rows for these filters.", icon=":material/info:")
    else:
        st.dataframe(table, column_config=config, hide_index=True, height=520, key="explore_table")
    if any(p.name == SCOPE_PARAM for p in definition.params):
        scope_note()
    file_name = f"{picked}-{date.today():%Y%m%d}"
    buttons = st.container(horizontal=True)
    for file_format, rows in (("csv", table), ("xlsx", table.head(EXCEL_ROWS)), ("parquet", table)):
        download_button(
            rows,
            file_name=file_name,
            key=f"explore_{file_format}",
            source=frame.attrs.get("query"),
            title=f"{names[picked]} ({picked})",
            file_format=file_format,
            disabled=frame.empty,
            container=buttons,
            help="Parquet keeps every row and column type, for extracts too large for a spreadsheet."
            if file_format == "parquet"
            else None,
        )
with right:
    st.markdown(f"**{definition.title}**")
    if definition.description:
        st.caption(definition.description)
    bound = frame.attrs["query"]["parameters"]
    shown = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in bound.items()}
    st.markdown("Parameters")
    st.code(json.dumps(shown, indent=2, default=str), language="json")
    st.markdown(f"SQL (`queries/{picked}.sql`)")
    st.code(definition.sql, language="sql")
    st.caption(
        f"From a shell: `python -m bsdash query {picked} "
        + " ".join(
            f"--param {k}={','.join(v) if isinstance(v, list) else v}" for k, v in shown.items() if v is not None
        )
        + "`"
    )
