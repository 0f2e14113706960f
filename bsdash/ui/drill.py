"""Drill-through on the Streamlit side: a click on a bar selects it (kept in the URL, so a link opens the same
rows), and the rows behind the selection are listed under the chart that was clicked, scrolled into view.

The URL holds the chart clicked (`drill=spend_service`) and what the click narrowed to (`drill.service=fleet`);
a link's selection is checked key by key and ignored with a notice when it is not usable.
"""

from collections.abc import Mapping

import plotly.graph_objects as go
import streamlit as st

from bsdash.analysis.figures import Table
from bsdash.analysis.figures.drill import Bar, Drill, Names, rows_behind
from bsdash.analysis.periods import Filters
from bsdash.ui.components import chart_and_table, data_table, new_click
from bsdash.ui.database import runner
from bsdash.ui.filters import shown_back
from bsdash.ui.scope import scope_note

CHART, PREFIX = "drill", "drill."
_SCROLLED = "drill_scrolled"
# Scrolls the rows just listed into view (no user input reaches it: the class name is a chart key of ours).
_SCROLL = """<script>
const box = window.parent.document.querySelector('.st-key-{key}') || document.querySelector('.st-key-{key}');
if (box) box.scrollIntoView({{behavior: 'smooth', block: 'start'}});
</script>"""


def _from_url(bars: Mapping[str, Bar]) -> Drill | None:
    """The selection in the URL, if it is one of this page's charts and usable; otherwise it is dropped."""
    chart = st.query_params.get(CHART)
    if chart is None:
        return None
    values = {key[len(PREFIX) :]: st.query_params[key] for key in st.query_params if key.startswith(PREFIX)}
    if chart not in bars:
        _write(None)  # another page's selection, left behind
        return None
    drill, bad = bars[chart].from_url(chart, values)
    if bad or drill is None:
        st.warning(
            f"Ignored from the link: the selection on this page ({', '.join(shown_back(k) for k in bad) or 'empty'} "
            "not usable). Click a bar to list the rows behind it.",
            icon=":material/link_off:",
        )
        _write(None)
    return drill


def _write(drill: Drill | None) -> None:
    for key in [k for k in st.query_params if k == CHART or k.startswith(PREFIX)]:
        del st.query_params[key]
    if drill is not None:
        st.query_params[CHART] = drill.chart
        for key, value in drill.narrowing.items():
            st.query_params[PREFIX + key] = value


@st.fragment
def clickable_chart(
    figure: go.Figure,
    table: Table,
    *,
    key: str,
    bars: Mapping[str, Bar],
    filters: Filters,
    names: Names,
    caption: str | None = None,
) -> None:
    """A chart whose bars can be clicked, its table a tab away, and the rows behind the page's selection under
    it, in a fragment of its own: a click, the table's tab or clearing the selection reruns this section alone.
    The page's filters are those of its last whole run, as every section's are."""
    event = chart_and_table(figure, table, key=key, selectable=True, caption=caption)
    drill_through(key, event, bars, filters, names)


def drill_through(key: str, event, bars: Mapping[str, Bar], filters: Filters, names: Names) -> None:
    """Call right after drawing the selectable chart `key`: a new click on it selects its bar; the rows behind
    the page's selection, when it is on this chart, are listed here."""
    bar = bars[key]
    clicked = new_click(key, event)
    scroll = False
    if clicked is not None:
        drill = bar.from_point(key, clicked)
        if drill is not None:
            listed_elsewhere = st.query_params.get(CHART) not in (None, key)
            _write(drill)
            scroll = True
            if listed_elsewhere:  # the rows under another chart go: the whole page runs again
                st.rerun()
    drill = _from_url(bars)
    if drill is None or drill.chart != key:
        return
    signature = repr(drill)
    scroll = scroll or st.session_state.get(_SCROLLED) != signature
    st.session_state[_SCROLLED] = signature
    behind = rows_behind(filters, runner, bar, drill, names)
    with st.container(border=True, key=f"drill_{key}"):
        st.subheader(f"{bar.rows.capitalize()} behind the selection: {behind.label}", anchor=False)
        scope_note()
        st.caption(behind.caption)
        if behind.rows.empty:
            st.info(f"No {bar.rows} behind this selection with the current filters.", icon=":material/info:")
        else:
            data_table(behind.rows, key=f"{key}_rows", height=380)
        if st.button("Clear the selection", icon=":material/close:", key=f"{key}_clear"):
            _write(None)
            st.rerun(scope="fragment")
    if scroll:
        st.html(_SCROLL.format(key=f"drill_{key}"), unsafe_allow_javascript=True)
