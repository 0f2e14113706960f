"""Pure chart builders: a DataFrame in, a Plotly figure out. No Streamlit here, one palette for the whole app.

Colours come from Okabe and Ito's colour-blind-safe palette (black swapped for grey so that it reads on dark
backgrounds too); anything that matters is also said in words or marks, never by colour alone. Money is shown in
pounds with thousands separators, dates day first, and hover texts repeat the exact figure.

Each builder's figure is kept by its arguments (bsdash.memo.remembered): a page drawn again from the same kept
figures (another session's, or its own before a change elsewhere) does not build it again. A figure returned is
shared: nothing may change it.
"""

import functools
import json

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from bsdash.memo import remembered

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
GOOD, BAD, NEUTRAL = "#0072B2", "#D55E00", "#999999"
TARGET = "#8C8C8C"  # reads on light and dark backgrounds alike
MONEY_AXIS = {"tickprefix": "£", "tickformat": ",.0f"}
PERCENT_AXIS = {"ticksuffix": "%", "tickformat": ".0f"}
MONTH_AXIS = {"tickformat": "%b %Y", "dtick": "M1", "tickangle": -45}


def month_axis(months: pd.Series) -> dict:
    """A month axis whose labels never overlap: every month up to a year and a half, then every quarter, then every
    half year."""
    count = pd.Series(months).nunique()
    return {**MONTH_AXIS, "dtick": "M1" if count <= 18 else "M3" if count <= 42 else "M6"}


# Diverging scale for an index around 100: blue below, white at 100, orange above.
INDEX_SCALE = [[0.0, "#56B4E9"], [0.25, "#F7F7F7"], [1.0, "#E69F00"]]


def _layout(figure: go.Figure, *, height: int | None = None, legend: bool = True) -> go.Figure:
    figure.update_layout(_layout_spec(height, legend))
    return figure


def _layout_spec(height: int | None = None, legend: bool = True) -> dict:
    return {
        "colorway": PALETTE,
        "margin": {"l": 10, "r": 10, "t": 30, "b": 10},
        "height": height,
        "showlegend": legend,
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        "hoverlabel": {"namelength": -1},
        "separators": ".,",
    }


def _figure(data: list[dict], layout: dict, *, height: int | None = None, legend: bool = True) -> go.Figure:
    """A figure from its traces and layout in one go: Plotly checks each property once. (Building a figure call
    by call, add_bar, update_layout, update_xaxes, costs ten times as much, on every run of every page.)"""
    traces = [{k: _plain(v) if isinstance(v, pd.Series | pd.DataFrame) else v for k, v in d.items()} for d in data]
    return go.Figure({"data": traces, "layout": _merged(_layout_spec(height, legend), layout)})


def _plain(values: pd.Series | pd.DataFrame):
    """What a trace sends: numbers as typed arrays (Plotly writes them in base64), days as "2024-04-01" rather than
    "2024-04-01T00:00:00.000000" (a third of the length, on every month axis)."""
    days = isinstance(values, pd.Series) and pd.api.types.is_datetime64_any_dtype(values)
    if days and (values.dropna().dt.normalize() == values.dropna()).all():
        return values.dt.strftime("%Y-%m-%d").to_numpy()
    return values.to_numpy()


def _merged(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def colours_for(names: list[str]) -> dict[str, str]:
    """A stable colour for each name, in the order given."""
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}


@remembered
def spend_by_service(frame: pd.DataFrame) -> go.Figure:
    """Horizontal bars of spend per service type, largest at the top."""
    ordered = frame.sort_values("amount")
    bar = {
        "type": "bar",
        "x": ordered["amount"],
        "y": ordered["service"],
        "orientation": "h",
        "marker": {"color": PALETTE[0]},
        "customdata": ordered[["payments", "share", "service_id"]].fillna({"service_id": "unmapped"}),
        "hovertemplate": "%{y}<br>£%{x:,.0f} in %{customdata[0]:,} payments (%{customdata[1]:.1%})<extra></extra>",
    }
    layout = {"xaxis": {**MONEY_AXIS, "title": {"text": "Spend (£)"}}, "yaxis": {"automargin": True}}
    return _figure([bar], layout, height=max(260, 42 * len(ordered)), legend=False)


@remembered
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
    shown = "£%{x:,.0f}" if money else "%{x:,.1f}"
    bar = {
        "type": "bar",
        "x": ordered[value],
        "y": ordered[label],
        "orientation": "h",
        "marker": {"color": colour},
        "hovertemplate": f"%{{y}}<br>{shown}{hover}<extra></extra>",
    }
    if key:
        bar["customdata"] = ordered[[key]]
    xaxis = {**(MONEY_AXIS if money else {}), **({"title": {"text": axis_title}} if axis_title else {})}
    layout = {"xaxis": xaxis, "yaxis": {"automargin": True}}
    return _figure([bar], layout, height=max(260, 30 * len(ordered) + 60), legend=False)


@remembered
def budget_variance(frame: pd.DataFrame) -> go.Figure:
    """Each department's forecast outturn against its budget, in per cent: vermillion and hatched when it is
    forecast to overspend, blue when under. Departments with no budget are in the table only."""
    rows = frame.dropna(subset=["forecast_variance_share"]).sort_values("forecast_variance_share")
    over = (rows["forecast_variance_share"] > 0).to_numpy()
    bar = {
        "type": "bar",
        "x": 100 * rows["forecast_variance_share"],
        "y": rows["department"],
        "orientation": "h",
        "marker": {"color": [BAD if o else GOOD for o in over], "pattern": {"shape": ["/" if o else "" for o in over]}},
        "text": [f"{100 * v:+.1f}%" for v in rows["forecast_variance_share"]],
        "textposition": "outside",
        "cliponaxis": False,
        "customdata": rows[["department_id", "forecast_outturn", "budget"]].fillna({"department_id": ""}),
        "hovertemplate": "%{y}<br>Forecast outturn £%{customdata[1]:,.0f} against a budget of "
        "£%{customdata[2]:,.0f} (%{x:+.1f}%)<extra></extra>",
    }
    layout = {
        "xaxis": {"ticksuffix": "%", "title": {"text": "Forecast outturn against budget (%)"}, "zeroline": True},
        "yaxis": {"automargin": True},
    }
    return _figure([bar], layout, height=max(260, 28 * len(rows) + 80), legend=False)


@remembered
def stacked_by_month(
    frame: pd.DataFrame,
    value: str,
    colour_by: str,
    *,
    money: bool = True,
    order: list[str] | None = None,
    key: str | None = None,
) -> go.Figure:
    """Monthly stacked bars, one colour per category (service, capital/revenue, ...); the category, and `key`
    when given (a code a click is traced back by), ride along in customdata."""
    names = order or list(frame.groupby(colour_by)[value].sum().sort_values(ascending=False).index)
    colours = colours_for(names)
    shown = "£%{y:,.0f}" if money else "%{y:,.0f}"
    bars = []
    for name, part in _parts(frame, colour_by, names):
        bars.append(
            {
                "type": "bar",
                "x": part["month"],
                "y": part[value],
                "name": str(name),
                "marker": {"color": colours[name]},
                "customdata": part[[colour_by, key]].fillna({key: "unmapped"}) if key else part[[colour_by]],
                "hovertemplate": f"{name}<br>%{{x|%B %Y}}: {shown}<extra></extra>",
            }
        )
    layout = {
        "barmode": "relative",
        "xaxis": month_axis(frame["month"]),
        "yaxis": {**(MONEY_AXIS if money else {}), "title": {"text": "Spend (£)" if money else value}},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.28, "x": 0},
    }
    return _figure(bars, layout, height=440)


def _parts(frame: pd.DataFrame, column: str, names: list) -> list[tuple[object, pd.DataFrame]]:
    """The frame's rows for each name, in the order of `names` (one grouping, not a filter per name)."""
    groups = dict(list(frame.groupby(column, sort=False, dropna=False)))
    return [(name, groups.get(name, frame.iloc[0:0])) for name in names]


@remembered
def tickets_and_sla_by_month(frame: pd.DataFrame, target: float | None) -> go.Figure:
    """Tickets logged per month (bars) with SLA compliance (line, right axis) and its target."""
    data = [
        {
            "type": "bar",
            "x": frame["month"],
            "y": frame["tickets_logged"],
            "name": "Tickets logged",
            "marker": {"color": PALETTE[4]},
            "hovertemplate": "%{x|%B %Y}: %{y:,} tickets logged<extra></extra>",
        },
        {
            "type": "scatter",
            "x": frame["month"],
            "y": 100 * frame["sla_compliance"],
            "name": "SLA compliance",
            "mode": "lines+markers",
            "line": {"color": PALETTE[0], "width": 3},
            "xaxis": "x",
            "yaxis": "y2",
            "hovertemplate": "%{x|%B %Y}: %{y:.1f}% within SLA<extra></extra>",
        },
    ]
    if target is not None:
        data.append(
            {
                "type": "scatter",
                "x": frame["month"],
                "y": [100 * target] * len(frame),
                "name": "Target (each priority's, weighted by its tickets)",
                "mode": "lines",
                "line": {"color": BAD, "dash": "dash"},
                "xaxis": "x",
                "yaxis": "y2",
                "hovertemplate": f"Target {100 * target:.1f}%<extra></extra>",
            }
        )
    # The axes of a chart with a secondary y axis, as plotly.subplots.make_subplots lays them out.
    layout = {
        "xaxis": {"anchor": "y", "domain": [0.0, 0.94], **month_axis(frame["month"])},
        "yaxis": {"anchor": "x", "domain": [0.0, 1.0], "title": {"text": "Tickets logged"}, "tickformat": ","},
        "yaxis2": {
            "anchor": "x",
            "overlaying": "y",
            "side": "right",
            "title": {"text": "Resolved within SLA (%)"},
            **PERCENT_AXIS,
            "range": [50, 100],
            "dtick": 10,
        },
    }
    return _figure(data, layout, height=380)


@remembered
def levels_against_target(frame: pd.DataFrame, label: str = "service", key: str | None = None) -> go.Figure:
    """Each row's level as a bar (blue when the target is met, vermillion when not) with its target as a mark.

    Each value is written beside its name on the axis ("Catering · 87.3%"), where no bar end or target mark can
    cover it; `key` rides along in customdata (after the measure and the target) so that a click can be traced.
    """
    ordered = frame.iloc[::-1]
    met = ordered["target_met"].fillna(False).astype(bool)
    notes = ordered["note"] if "note" in ordered else pd.Series("", index=ordered.index)
    names = [
        f"{name} · {value:.1f}{'%' if unit == '%' else ''}" + (f" ({note})" if note else "")
        for name, value, unit, note in zip(ordered[label], ordered["value"], ordered["unit"], notes, strict=True)
    ]
    data = [
        {
            "type": "bar",
            "x": ordered["value"],
            "y": names,
            "orientation": "h",
            "name": "Result",
            "marker": {
                "color": [GOOD if m else BAD for m in met],
                "pattern": {"shape": ["" if m else "/" for m in met]},
            },
            "customdata": ordered[["measure", "target", key]] if key else ordered[["measure", "target"]],
            "hovertemplate": "%{y}: %{customdata[0]}<br>%{x:.1f} against a target of %{customdata[1]:.1f}"
            "<extra></extra>",
        },
        {
            "type": "scatter",
            "x": ordered["target"],
            "y": names,
            "mode": "markers",
            "name": "Target",
            "marker": {"symbol": "line-ns", "size": 26, "line": {"width": 4, "color": TARGET}},
            "hovertemplate": "Target %{x:.1f}<extra></extra>",
        },
    ]
    low = max(0, min(ordered["value"].min(), ordered["target"].min()) - 10)
    suffix = "%" if (ordered["unit"] == "%").all() else ""
    title = "Result against target (%)" if suffix else "Result against target (the unit of each measure)"
    layout = {
        "xaxis": {"range": [low, 108], "ticksuffix": suffix, "title": {"text": title}},
        "yaxis": {"automargin": True},
    }
    return _figure(data, layout, height=max(260, 46 * len(ordered) + 60))


@remembered
def grouped_bars(
    frame: pd.DataFrame,
    x: str,
    y: str,
    colour_by: str,
    *,
    money: bool = True,
    percent: bool = False,
    horizontal: bool = False,
    key: list[str] | None = None,
    axis_title: str | None = None,
    short: bool = False,
) -> go.Figure:
    """Bars of `y` per `x`, one colour per `colour_by` (for example departments side by side per service); the
    `key` columns ride along in customdata so that a click can be traced back to its row. With `short`, the `x`
    names are shortened to fit a narrow screen."""
    shortened = short_names(list(dict.fromkeys(frame[x])), services=True) if short else {}
    names = list(dict.fromkeys(frame[colour_by]))
    colours = colours_for(names)
    shown = "£%{value:,.0f}" if money else ("%{value:.1f}%" if percent else "%{value:,.1f}")
    bars = []
    for name, part in _parts(frame, colour_by, names):
        values = 100 * part[y] if percent else part[y]
        where = part[x].map(shortened) if short else part[x]
        if horizontal:
            bar = {"y": where, "x": values, "orientation": "h"}
            hover = f"{name}<br>%{{y}}: {shown.replace('value', 'x')}<extra></extra>"
        else:
            bar = {"x": where, "y": values}
            hover = f"{name}<br>%{{x}}: {shown.replace('value', 'y')}<extra></extra>"
        if key:
            bar["customdata"] = part[key]
        bars.append(
            {"type": "bar", **bar, "name": str(name), "marker": {"color": colours[name]}, "hovertemplate": hover}
        )
    value_axis = dict(MONEY_AXIS if money else PERCENT_AXIS if percent else {})
    if axis_title:
        value_axis["title"] = {"text": axis_title}
    if horizontal:
        layout = {"barmode": "group", "xaxis": value_axis, "yaxis": {"automargin": True, "autorange": "reversed"}}
    else:
        layout = {"barmode": "group", "yaxis": value_axis, "xaxis": {}}
    return _figure(bars, layout, height=420)


@remembered
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
    return grouped_bars(times, by, "hours", "statistic", money=False, axis_title="Hours from logged to resolved")


def short_names(names: list[str], limit: int = 24, *, services: bool = False) -> dict[str, str]:
    """Names short enough for a narrow chart, each still its own: "Maidstone Neighbourhood Policing Team" is
    "Maidstone NPT"; service names keep their first part ("IT support & maintenance" is "IT support", "Fleet
    management" is "Fleet"). A name whose short form another shares stays whole."""

    def shorten(name: str) -> str:
        text = name.replace("Neighbourhood Policing Team", "NPT")
        if services:
            text = text.split(" (")[0].split(" & ")[0]
            words = text.split()
            if len(words) > 1 and words[-1].lower() in ("management", "services", "systems"):
                text = " ".join(words[:-1])
        return text if len(text) <= limit else text[: limit - 1] + "…"

    short = {name: shorten(name) for name in names}
    taken = pd.Series(list(short.values()))
    clashes = set(taken[taken.duplicated()])
    return {name: name if short[name] in clashes else short[name] for name in names}


@remembered
def index_heatmap(indexed: pd.DataFrame, highlight: list[str] | None = None) -> go.Figure:
    """Departments x services, each cell the department's spend per FTE indexed to the force average (100).

    Laid out to read on a phone (390 px wide): short department and service names (the full ones on hover), the
    colour scale under the grid rather than beside it, and cell figures in a small type that fits the narrow
    cells."""
    table = indexed.pivot_table(index="department", columns="service", values="index", aggfunc="first")
    table = table.sort_index(ascending=False)
    rows, columns = short_names(list(table.index)), short_names(list(table.columns), services=True)
    labels = [f"▶ {rows[name]}" if highlight and name in highlight else rows[name] for name in table.index]
    capped = table.clip(upper=400)  # a department at 40 times the average would wash out every other colour
    full = [[[department, service] for service in table.columns] for department in table.index]
    heatmap = {
        "type": "heatmap",
        "z": capped.values,
        "x": [columns[name] for name in table.columns],
        "y": labels,
        "colorscale": INDEX_SCALE,
        "zmin": 0,
        "zmax": 400,
        "text": table.round(0).fillna(0).astype(int).values,
        "texttemplate": "%{text}",
        "textfont": {"color": "#1f1f1f", "size": 10},
        "customdata": full,
        "colorbar": {
            "title": {"text": "Index (force average = 100)", "side": "top"},
            "tickvals": [0, 100, 200, 300, 400],
            "ticktext": ["0", "100", "200", "300", "400+"],
            "orientation": "h",
            "y": -0.02,
            "yanchor": "top",
            "thickness": 12,
            "len": 1.0,
        },
        "hovertemplate": "%{customdata[0]}<br>%{customdata[1]}: %{text} (force average = 100)<extra></extra>",
    }
    layout = {
        "xaxis": {"side": "top", "tickangle": -45, "tickfont": {"size": 11}},
        "yaxis": {"automargin": True, "tickfont": {"size": 11}},
        "margin": {"l": 4, "r": 4, "t": 10, "b": 70},
    }
    return _figure([heatmap], layout, height=max(420, 22 * len(table) + 170), legend=False)


@remembered
def bands(
    frame: pd.DataFrame,
    label: str,
    value: str,
    colour_by: str | None = None,
    highlight: str | None = None,
    *,
    key: list[str] | None = None,
    axis_title: str | None = None,
) -> go.Figure:
    """Bars per band in the frame's order (age bands, SLA-used bands), stacked by `colour_by` when given; the
    `key` columns ride along in customdata so that a click can be traced back to its row."""
    layout: dict = {
        "yaxis": {"tickformat": ",", **({"title": {"text": axis_title}} if axis_title else {})},
        "xaxis": {"type": "category"},
    }
    if colour_by:
        names = list(dict.fromkeys(frame[colour_by]))
        colours = colours_for(names)
        data = [
            {
                "type": "bar",
                "x": part[label],
                "y": part[value],
                "name": str(name),
                "marker": {"color": colours[name]},
                "hovertemplate": f"{name}<br>%{{x}}: %{{y:,}}<extra></extra>",
                **({"customdata": part[key]} if key else {}),
            }
            for name, part in _parts(frame, colour_by, names)
        ]
        layout["barmode"] = "stack"
    else:
        marked = frame[highlight].fillna(False).astype(bool) if highlight else pd.Series(False, index=frame.index)
        data = [
            {
                "type": "bar",
                "x": frame[label],
                "y": frame[value],
                "marker": {
                    "color": [BAD if m else PALETTE[0] for m in marked],
                    "pattern": {"shape": ["/" if m else "" for m in marked]},
                },
                "hovertemplate": "%{x}: %{y:,}<extra></extra>",
                **({"customdata": frame[key]} if key else {}),
            }
        ]
    return _figure(data, layout, height=360, legend=bool(colour_by))


@remembered
def kpi_small_multiples(frame: pd.DataFrame) -> go.Figure:
    """One panel per service: its monthly result (line) against its target (dashed)."""
    parts = _parts(frame, "service", list(dict.fromkeys(frame["service"])))
    columns = 2
    rows = (len(parts) + columns - 1) // columns
    layout = _grid(rows, columns, tuple(f"{service}: {part['measure'].iloc[0]}" for service, part in parts))
    traces = []
    for i, (_service, part) in enumerate(parts):
        missed = part[~part["target_met"].astype(bool)]
        axes = {"xaxis": f"x{i + 1}" if i else "x", "yaxis": f"y{i + 1}" if i else "y"}
        traces += [
            {
                "type": "scatter",
                "x": part["month"],
                "y": part["value"],
                "mode": "lines",
                "line": {"color": PALETTE[0]},
                "name": "Result",
                "showlegend": i == 0,
                "hovertemplate": "%{x|%B %Y}: %{y:.1f}<extra></extra>",
                **axes,
            },
            {
                "type": "scatter",
                "x": missed["month"],
                "y": missed["value"],
                "mode": "markers",
                "name": "Below target",
                "marker": {"color": BAD, "symbol": "x", "size": 8},
                "showlegend": i == 0,
                "hovertemplate": "%{x|%B %Y}: %{y:.1f} (below target)<extra></extra>",
                **axes,
            },
            {
                "type": "scatter",
                "x": part["month"],
                "y": part["target"],
                "mode": "lines",
                "line": {"color": TARGET, "dash": "dash"},
                "name": "Target",
                "showlegend": i == 0,
                "hovertemplate": "Target %{y:.1f}<extra></extra>",
                **axes,
            },
        ]
    for name in layout:
        if name.startswith("xaxis"):
            layout[name]["tickformat"] = "%b %Y"
        elif name.startswith("yaxis"):
            layout[name]["ticksuffix"] = "%"
    for i in range(len(parts), rows * columns):  # the grid's spare panel: no empty axes with made-up ticks
        for axis in ("xaxis", "yaxis"):
            layout[f"{axis}{i + 1}"]["visible"] = False
    return _figure(traces, layout, height=260 * rows + 60)


@functools.cache
def _grid_layout(rows: int, columns: int, titles: tuple[str, ...]) -> str:
    figure = make_subplots(rows=rows, cols=columns, subplot_titles=titles, vertical_spacing=0.12)
    return json.dumps(figure.to_dict()["layout"])


def _grid(rows: int, columns: int, titles: tuple[str, ...]) -> dict:
    """A grid of panels with their titles, laid out by make_subplots once per shape (a fresh copy each time)."""
    layout = json.loads(_grid_layout(rows, columns, titles))
    layout.pop("template", None)
    return layout
