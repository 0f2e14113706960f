"""Pure chart builders: a DataFrame in, a Plotly figure out. No Streamlit here, one palette for the whole app.

Colours come from Okabe and Ito's colour-blind-safe palette (black swapped for grey so that it reads on dark
backgrounds too); anything that matters is also said in words or marks, never by colour alone. Money is shown in
pounds with thousands separators, dates day first, and hover texts repeat the exact figure.
"""

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
GOOD, BAD, NEUTRAL = "#0072B2", "#D55E00", "#999999"
TARGET = "#8C8C8C"  # reads on light and dark backgrounds alike
MONEY_AXIS = {"tickprefix": "£", "tickformat": ",.0f"}
PERCENT_AXIS = {"ticksuffix": "%", "tickformat": ".0f"}
MONTH_AXIS = {"tickformat": "%b %Y", "dtick": "M1", "tickangle": -45}
# Diverging scale for an index around 100: blue below, white at 100, orange above.
INDEX_SCALE = [[0.0, "#56B4E9"], [0.25, "#F7F7F7"], [1.0, "#E69F00"]]


def _layout(figure: go.Figure, *, height: int | None = None, legend: bool = True) -> go.Figure:
    figure.update_layout(
        colorway=PALETTE,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        height=height,
        showlegend=legend,
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0, "title": None},
        hoverlabel={"namelength": -1},
        separators=".,",
    )
    return figure


def colours_for(names: list[str]) -> dict[str, str]:
    """A stable colour for each name, in the order given."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


def spend_by_service(frame: pd.DataFrame) -> go.Figure:
    """Horizontal bars of spend per service type, largest at the top."""
    ordered = frame.sort_values("amount")
    figure = go.Figure(
        go.Bar(
            x=ordered["amount"],
            y=ordered["service"],
            orientation="h",
            marker_color=PALETTE[0],
            customdata=ordered[["payments", "share", "service_id"]].fillna({"service_id": "unmapped"}),
            hovertemplate="%{y}<br>£%{x:,.0f} in %{customdata[0]:,} payments (%{customdata[1]:.1%})<extra></extra>",
        )
    )
    figure.update_xaxes(**MONEY_AXIS, title="Spend")
    figure.update_yaxes(title=None)
    return _layout(figure, height=max(260, 42 * len(ordered)), legend=False)


def horizontal_bars(
    frame: pd.DataFrame,
    value: str,
    label: str,
    *,
    money: bool = True,
    key: str | None = None,
    hover: str = "",
    colour: str = PALETTE[0],
    axis_title: str | None = None,
) -> go.Figure:
    """Largest at the top; `key` rides along in customdata so that a click can be traced back to its row."""
    ordered = frame.sort_values(value)
    custom = ordered[[key]] if key else None
    shown = "£%{x:,.0f}" if money else "%{x:,.1f}"
    figure = go.Figure(
        go.Bar(
            x=ordered[value],
            y=ordered[label],
            orientation="h",
            marker_color=colour,
            customdata=custom,
            hovertemplate=f"%{{y}}<br>{shown}{hover}<extra></extra>",
        )
    )
    if money:
        figure.update_xaxes(**MONEY_AXIS)
    figure.update_xaxes(title=axis_title)
    figure.update_yaxes(title=None, automargin=True)
    return _layout(figure, height=max(260, 30 * len(ordered) + 60), legend=False)


def stacked_by_month(
    frame: pd.DataFrame, value: str, colour_by: str, *, money: bool = True, order: list[str] | None = None
) -> go.Figure:
    """Monthly stacked bars, one colour per category (service, capital/revenue, ...)."""
    names = order or list(frame.groupby(colour_by)[value].sum().sort_values(ascending=False).index)
    colours = colours_for(names)
    figure = go.Figure()
    for name in names:
        part = frame[frame[colour_by] == name]
        shown = "£%{y:,.0f}" if money else "%{y:,.0f}"
        figure.add_bar(
            x=part["month"],
            y=part[value],
            name=str(name),
            marker_color=colours[name],
            customdata=part[[colour_by]],
            hovertemplate=f"{name}<br>%{{x|%B %Y}}: {shown}<extra></extra>",
        )
    figure.update_layout(barmode="relative")
    figure.update_xaxes(**MONTH_AXIS, title=None)
    figure.update_yaxes(**(MONEY_AXIS if money else {}), title=None)
    _layout(figure, height=440)
    figure.update_layout(legend={"orientation": "h", "yanchor": "top", "y": -0.28, "x": 0})
    return figure


def tickets_and_sla_by_month(frame: pd.DataFrame, target: float | None) -> go.Figure:
    """Tickets logged per month (bars) with SLA compliance (line, right axis) and its target."""
    figure = make_subplots(specs=[[{"secondary_y": True}]])
    figure.add_bar(
        x=frame["month"],
        y=frame["tickets_logged"],
        name="Tickets logged",
        marker_color=PALETTE[4],
        hovertemplate="%{x|%B %Y}: %{y:,} tickets logged<extra></extra>",
    )
    figure.add_scatter(
        x=frame["month"],
        y=100 * frame["sla_compliance"],
        name="SLA compliance",
        mode="lines+markers",
        line={"color": PALETTE[0], "width": 3},
        secondary_y=True,
        hovertemplate="%{x|%B %Y}: %{y:.1f}% within SLA<extra></extra>",
    )
    if target is not None:
        figure.add_scatter(
            x=frame["month"],
            y=[100 * target] * len(frame),
            name="Target",
            mode="lines",
            line={"color": BAD, "dash": "dash"},
            secondary_y=True,
            hovertemplate=f"Target {100 * target:.1f}%<extra></extra>",
        )
    figure.update_xaxes(**MONTH_AXIS, title=None)
    figure.update_yaxes(title="Tickets", tickformat=",", secondary_y=False)
    figure.update_yaxes(title="Within SLA", **PERCENT_AXIS, secondary_y=True, range=[50, 100], dtick=10)
    return _layout(figure, height=380)


def levels_against_target(frame: pd.DataFrame, label: str = "service") -> go.Figure:
    """Each row's level as a bar (blue when the target is met, vermillion when not) with its target as a mark."""
    ordered = frame.iloc[::-1]
    met = ordered["target_met"].fillna(False).astype(bool)
    figure = go.Figure()
    figure.add_bar(
        x=ordered["value"],
        y=ordered[label],
        orientation="h",
        name="Result",
        marker_color=[GOOD if m else BAD for m in met],
        marker_pattern_shape=["" if m else "/" for m in met],
        text=[f"{v:.1f}{'%' if u == '%' else ''}" for v, u in zip(ordered["value"], ordered["unit"], strict=True)],
        textposition="outside",
        cliponaxis=False,
        customdata=ordered[["measure", "target"]],
        hovertemplate="%{y}: %{customdata[0]}<br>%{x:.1f} against a target of %{customdata[1]:.1f}<extra></extra>",
    )
    figure.add_scatter(
        x=ordered["target"],
        y=ordered[label],
        mode="markers",
        name="Target",
        marker={"symbol": "line-ns", "size": 26, "line": {"width": 4, "color": TARGET}},
        hovertemplate="Target %{x:.1f}<extra></extra>",
    )
    low = max(0, min(ordered["value"].min(), ordered["target"].min()) - 10)
    figure.update_xaxes(title=None, range=[low, 108], ticksuffix="%" if (ordered["unit"] == "%").all() else "")
    figure.update_yaxes(title=None, automargin=True)
    return _layout(figure, height=max(260, 46 * len(ordered) + 60))


def grouped_bars(
    frame: pd.DataFrame,
    x: str,
    y: str,
    colour_by: str,
    *,
    money: bool = True,
    percent: bool = False,
    horizontal: bool = False,
) -> go.Figure:
    """Bars of `y` per `x`, one colour per `colour_by` (for example departments side by side per service)."""
    names = list(dict.fromkeys(frame[colour_by]))
    colours = colours_for(names)
    figure = go.Figure()
    for name in names:
        part = frame[frame[colour_by] == name]
        shown = "£%{value:,.0f}" if money else ("%{value:.1f}%" if percent else "%{value:,.1f}")
        values = 100 * part[y] if percent else part[y]
        if horizontal:
            figure.add_bar(
                y=part[x],
                x=values,
                name=str(name),
                marker_color=colours[name],
                orientation="h",
                hovertemplate=f"{name}<br>%{{y}}: {shown.replace('value', 'x')}<extra></extra>",
            )
        else:
            figure.add_bar(
                x=part[x],
                y=values,
                name=str(name),
                marker_color=colours[name],
                hovertemplate=f"{name}<br>%{{x}}: {shown.replace('value', 'y')}<extra></extra>",
            )
    figure.update_layout(barmode="group")
    value_axis = MONEY_AXIS if money else PERCENT_AXIS if percent else {}
    if horizontal:
        figure.update_xaxes(**value_axis, title=None)
        figure.update_yaxes(title=None, automargin=True, autorange="reversed")
    else:
        figure.update_yaxes(**value_axis, title=None)
        figure.update_xaxes(title=None)
    return _layout(figure, height=420)


def time_to_resolve(frame: pd.DataFrame, by: str) -> go.Figure:
    """The median and 90th-percentile hours from logged to resolved, side by side for each `by` value."""
    times = frame.melt(
        id_vars=by,
        value_vars=["median_hours_to_resolve", "p90_hours_to_resolve"],
        var_name="statistic",
        value_name="hours",
    )
    times["statistic"] = times["statistic"].map(
        {"median_hours_to_resolve": "Median", "p90_hours_to_resolve": "90th percentile"}
    )
    return grouped_bars(times, by, "hours", "statistic", money=False)


def index_heatmap(indexed: pd.DataFrame, highlight: list[str] | None = None) -> go.Figure:
    """Departments x services, each cell the department's spend per FTE indexed to the force average (100)."""
    table = indexed.pivot_table(index="department", columns="service", values="index", aggfunc="first")
    table = table.sort_index(ascending=False)
    labels = [f"▶ {name}" if highlight and name in highlight else name for name in table.index]
    capped = table.clip(upper=400)  # a department at 40 times the average would wash out every other colour
    figure = go.Figure(
        go.Heatmap(
            z=capped.values,
            x=list(table.columns),
            y=labels,
            colorscale=INDEX_SCALE,
            zmin=0,
            zmax=400,
            text=table.round(0).fillna(0).astype(int).values,
            texttemplate="%{text}",
            textfont={"color": "#1f1f1f"},
            customdata=table.values,
            colorbar={
                "title": "Index",
                "tickvals": [0, 100, 200, 300, 400],
                "ticktext": ["0", "100 (average)", "200", "300", "400+"],
            },
            hovertemplate="%{y}<br>%{x}: %{customdata:.0f} (force average = 100)<extra></extra>",
        )
    )
    figure.update_xaxes(side="top", tickangle=-30, title=None)
    figure.update_yaxes(title=None, automargin=True)
    return _layout(figure, height=max(420, 24 * len(table) + 120), legend=False)


def bands(
    frame: pd.DataFrame, label: str, value: str, colour_by: str | None = None, highlight: str | None = None
) -> go.Figure:
    """Bars per band in the frame's order (age bands, SLA-used bands), stacked by `colour_by` when given."""
    figure = go.Figure()
    if colour_by:
        names = list(dict.fromkeys(frame[colour_by]))
        colours = colours_for(names)
        for name in names:
            part = frame[frame[colour_by] == name]
            figure.add_bar(
                x=part[label],
                y=part[value],
                name=str(name),
                marker_color=colours[name],
                hovertemplate=f"{name}<br>%{{x}}: %{{y:,}}<extra></extra>",
            )
        figure.update_layout(barmode="stack")
    else:
        marked = frame[highlight].fillna(False).astype(bool) if highlight else pd.Series(False, index=frame.index)
        figure.add_bar(
            x=frame[label],
            y=frame[value],
            marker_color=[BAD if m else PALETTE[0] for m in marked],
            marker_pattern_shape=["/" if m else "" for m in marked],
            hovertemplate="%{x}: %{y:,}<extra></extra>",
        )
    figure.update_yaxes(title=None, tickformat=",")
    figure.update_xaxes(title=None, type="category")
    return _layout(figure, height=360, legend=bool(colour_by))


def kpi_small_multiples(frame: pd.DataFrame) -> go.Figure:
    """One panel per service: its monthly result (line) against its target (dashed)."""
    services = list(dict.fromkeys(frame["service"]))
    columns = 2
    rows = (len(services) + columns - 1) // columns
    figure = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=[f"{s}: {frame[frame['service'] == s]['measure'].iloc[0]}" for s in services],
        vertical_spacing=0.12,
    )
    for i, service in enumerate(services):
        part = frame[frame["service"] == service]
        row, col = i // columns + 1, i % columns + 1
        missed = part[~part["target_met"].astype(bool)]
        figure.add_scatter(
            x=part["month"],
            y=part["value"],
            mode="lines",
            line={"color": PALETTE[0]},
            name="Result",
            showlegend=i == 0,
            row=row,
            col=col,
            hovertemplate="%{x|%B %Y}: %{y:.1f}<extra></extra>",
        )
        figure.add_scatter(
            x=missed["month"],
            y=missed["value"],
            mode="markers",
            name="Below target",
            marker={"color": BAD, "symbol": "x", "size": 8},
            showlegend=i == 0,
            row=row,
            col=col,
            hovertemplate="%{x|%B %Y}: %{y:.1f} (below target)<extra></extra>",
        )
        figure.add_scatter(
            x=part["month"],
            y=part["target"],
            mode="lines",
            line={"color": TARGET, "dash": "dash"},
            name="Target",
            showlegend=i == 0,
            row=row,
            col=col,
            hovertemplate="Target %{y:.1f}<extra></extra>",
        )
    figure.update_xaxes(tickformat="%b %Y")
    figure.update_yaxes(ticksuffix="%")
    return _layout(figure, height=260 * rows + 60)
