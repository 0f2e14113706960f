"""Chart builders of the procurement, assets, benchmark, before-and-after and forecast pages: a DataFrame in, a
Plotly figure out, with the palette, axes and marks of bsdash.charts. No Streamlit here.
"""

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from bsdash.charts.core import BAD, GOOD, MONEY_AXIS, PALETTE, PERCENT_AXIS, _layout
from bsdash.memo import remembered

RATING_COLOURS = {
    "Good": "#0072B2",
    "Approaching target": "#56B4E9",
    "Requires improvement": "#E69F00",
    "Inadequate": "#D55E00",
}
RATING_MARKS = {"Good": "G", "Approaching target": "A", "Requires improvement": "RI", "Inadequate": "I"}
BAND_SHADES = (("0-3 months", 0, 3), ("3-6 months", 3, 6), ("6-12 months", 6, 12), ("12-18 months", 12, 18))
BAND_LABELS = {"0-3 months": "0-3", "3-6 months": "3-6", "6-12 months": "6-12", "12-18 months": "12-18 months"}


@remembered
def expiry_timeline(frame: pd.DataFrame, as_at: date) -> go.Figure:
    """One bar per contract from the day re-procurement must start to its end date, over the 0-3, 3-6, 6-12 and
    12-18 month bands; contracts already inside their lead time are vermillion and hatched."""
    ordered = frame  # most urgent first (bsdash.analysis.procurement.most_urgent_first), drawn from the top
    start = pd.Timestamp(as_at)
    figure = go.Figure()
    for i, (label, low, high) in enumerate(BAND_SHADES):
        figure.add_vrect(
            x0=start + pd.DateOffset(days=round(low * 30.44)),
            x1=start + pd.DateOffset(days=round(high * 30.44)),
            fillcolor="#999999" if i % 2 == 0 else "#ffffff",
            opacity=0.12,
            line_width=0,
            annotation_text=BAND_LABELS[label],
            annotation_position="top",  # centred in its band: clear of the dashed line at the day counted from
            annotation_font_size=10,
        )
    for inside, name, colour, pattern in ((True, "Inside its lead time", BAD, "/"), (False, "Not yet", GOOD, "")):
        part = ordered[ordered["inside_lead_time"].astype(bool) == inside]
        if part.empty:
            continue
        begin = pd.to_datetime(part["reprocurement_start"])
        end = pd.to_datetime(part["end_date"])
        figure.add_bar(
            base=begin,
            x=(end - begin).dt.total_seconds() * 1000,
            y=_timeline_labels(part),
            orientation="h",
            name=f"Re-procurement window: {name.lower()}",
            marker_color=colour,
            marker_pattern_shape=pattern,
            customdata=part[["supplier", "annual_value", "reprocurement_start", "end_date"]].assign(
                reprocurement_start=begin.dt.strftime("%d/%m/%Y"), end_date=end.dt.strftime("%d/%m/%Y")
            ),
            hovertemplate="%{y}<br>%{customdata[0]}<br>£%{customdata[1]:,.0f} a year<br>Re-procurement from "
            "%{customdata[2]}, ends %{customdata[3]}<extra></extra>",
        )
    figure.add_vline(x=start, line_dash="dash", line_color="#444444")
    figure.update_layout(barmode="overlay")
    earliest = min(pd.to_datetime(ordered["reprocurement_start"]).min(), start) - pd.DateOffset(months=1)
    figure.update_xaxes(type="date", tickformat="%b %Y", range=[earliest, start + pd.DateOffset(months=19)], title=None)
    # Plotly lists categories bottom up: reversed, the first (most urgent) contract is at the top.
    figure.update_yaxes(
        title=None, automargin=True, categoryorder="array", categoryarray=_timeline_labels(ordered)[::-1]
    )
    return _layout(figure, height=max(360, 22 * len(ordered) + 120))


def _timeline_labels(frame: pd.DataFrame) -> list[str]:
    return list(frame["title"] + " (" + frame["annual_value"].map(_short_money) + " a year)")


def _short_money(value: float) -> str:
    return f"£{value / 1e6:.1f}m" if value >= 1e6 else f"£{value / 1e3:.0f}k"


@remembered
def value_by_band(frame: pd.DataFrame) -> go.Figure:
    """Annual value ending in each band, split by whether re-procurement should already have started."""
    figure = go.Figure()
    bands = [b for b, *_ in BAND_SHADES]
    for inside, name, colour, pattern in ((True, "Inside its lead time", BAD, "/"), (False, "Not yet", GOOD, "")):
        part = frame[frame["inside_lead_time"].astype(bool) == inside].groupby("band")["annual_value"]
        totals, counts = part.sum().reindex(bands, fill_value=0), part.count().reindex(bands, fill_value=0)
        figure.add_bar(
            x=bands,
            y=totals,
            name=name,
            marker_color=colour,
            marker_pattern_shape=pattern,
            customdata=counts,
            hovertemplate=f"{name}<br>%{{x}}: £%{{y:,.0f}} a year in %{{customdata}} contracts<extra></extra>",
        )
    figure.update_layout(barmode="stack")
    figure.update_yaxes(**MONEY_AXIS, title="Annual value (£)")
    figure.update_xaxes(title="Months to the end date", type="category")
    return _layout(figure, height=360)


def labelled(names: pd.Series, notes: list[str]) -> list[str]:
    """Axis labels that carry a bar's figure ("Catering · 88% on contract"): beside the name, no bar end, threshold
    line or narrow segment can cover or clip it."""
    return [f"{name} · {note}" for name, note in zip(names, notes, strict=True)]


@remembered
def on_and_off_contract(frame: pd.DataFrame) -> go.Figure:
    """Spend per service on contract (blue) and off contract (vermillion, hatched); the share on contract is
    written beside each service's name."""
    ordered = frame.sort_values("on_contract_share", ascending=False)
    names = labelled(ordered["service"], [f"{s:.0%} on contract" for s in ordered["on_contract_share"].fillna(0)])
    figure = go.Figure()
    figure.add_bar(
        y=names,
        x=ordered["on_contract_amount"],
        orientation="h",
        name="On contract",
        marker_color=GOOD,
        hovertemplate="%{y}<br>On contract: £%{x:,.0f}<extra></extra>",
    )
    figure.add_bar(
        y=names,
        x=ordered["off_contract_amount"],
        orientation="h",
        name="Off contract",
        marker_color=BAD,
        marker_pattern_shape="/",
        hovertemplate="%{y}<br>Off contract: £%{x:,.0f}<extra></extra>",
    )
    figure.update_layout(barmode="stack")
    figure.update_xaxes(**MONEY_AXIS, title="Addressable spend (£)")
    figure.update_yaxes(title=None, automargin=True, autorange="reversed")
    return _layout(figure, height=max(300, 40 * len(ordered) + 80))


@remembered
def concentration(frame: pd.DataFrame) -> go.Figure:
    """HHI per service against the 1,500 and 2,500 thresholds; highly concentrated services hatched. The top five's
    share is written beside each service's name, the thresholds' labels above the plot on two rows."""
    ordered = frame.sort_values("hhi")
    high = ordered["hhi"] > 2500
    figure = go.Figure(
        go.Bar(
            y=labelled(ordered["service"], [f"top five {s:.0%}" for s in ordered["top5_share"]]),
            x=ordered["hhi"],
            orientation="h",
            marker_color=[BAD if h else PALETTE[0] for h in high],
            marker_pattern_shape=["/" if h else "" for h in high],
            customdata=ordered[["suppliers", "top5_share"]],
            hovertemplate="%{y}<br>HHI %{x:,.0f}; %{customdata[0]} suppliers, top five take %{customdata[1]:.0%}"
            "<extra></extra>",
        )
    )
    # Each threshold's label on its own row above the plot, starting at its line: they never meet.
    for threshold, label, row in (
        (1500, "1,500 moderately concentrated", 1.16),
        (2500, "2,500 highly concentrated", 1.05),
    ):
        figure.add_vline(x=threshold, line_dash="dash", line_color="#444444")
        figure.add_annotation(
            x=threshold, y=row, yref="paper", text=label, showarrow=False, xanchor="left", font={"size": 11}
        )
    figure.update_xaxes(title="HHI (0 to 10,000)", tickformat=",", range=[0, 10000])
    figure.update_yaxes(title=None, automargin=True)
    figure = _layout(figure, height=max(320, 40 * len(ordered) + 140), legend=False)
    return figure.update_layout(margin={"t": 70})


@remembered
def bid_points(scored: pd.DataFrame) -> go.Figure:
    """Each bid's points stacked by criterion, best at the top; the winning bid's name carries a mark."""
    ordered = scored.iloc[::-1]
    labels = [
        f"{rank}. {name}{' (awarded)' if won else ''}"
        for rank, name, won in zip(ordered["rank"], ordered["bidder"], ordered["is_winner"].astype(bool), strict=True)
    ]
    figure = go.Figure()
    for column, name, colour in (
        ("price_points", "Price", PALETTE[0]),
        ("quality_points", "Quality", PALETTE[1]),
        ("capability_points", "Capability", PALETTE[2]),
    ):
        figure.add_bar(
            y=labels,
            x=ordered[column],
            name=name,
            orientation="h",
            marker_color=colour,
            hovertemplate=f"%{{y}}<br>{name}: %{{x:.1f}} points<extra></extra>",
        )
    figure.add_scatter(
        y=labels,
        x=ordered["total_points"],
        mode="text",
        text=ordered["total_points"].map("{:.1f}".format),
        textposition="middle right",
        showlegend=False,
        hoverinfo="skip",
    )
    figure.update_layout(barmode="stack")
    figure.update_xaxes(title="Points (out of 100)", range=[0, 115])
    figure.update_yaxes(title=None, automargin=True)
    return _layout(figure, height=max(260, 44 * len(ordered) + 80))


@remembered
def kpi_ratings(frame: pd.DataFrame) -> go.Figure:
    """Every rating of every KPI: one row per contract and KPI, one mark per rating date, coloured and lettered."""
    figure = go.Figure()
    rows = frame["title"] + ": " + frame["kpi"]
    for rating, colour in RATING_COLOURS.items():
        part = frame[frame["rating"] == rating]
        figure.add_scatter(
            x=part["period_end"],
            y=rows[part.index],
            mode="markers+text",
            name=rating,
            marker={"color": colour, "size": 22, "symbol": "square"},
            text=RATING_MARKS[rating],
            textfont={"color": "#ffffff" if rating in ("Good", "Inadequate") else "#1f1f1f", "size": 10},
            customdata=part[["target", "result"]],
            hovertemplate="%{y}<br>%{x|%d/%m/%Y}: " + rating + " (result %{customdata[1]} against %{customdata[0]})"
            "<extra></extra>",
        )
    figure.update_xaxes(tickformat="%b %Y", title=None)
    figure.update_yaxes(title=None, automargin=True, categoryorder="array", categoryarray=sorted(set(rows))[::-1])
    return _layout(figure, height=max(320, 26 * rows.nunique() + 120))


@remembered
def licence_use(frame: pd.DataFrame) -> go.Figure:
    """The 20 licences with the most shelfware, in pounds a year on a linear axis (a log scale would shrink the very
    gaps that cost money), each labelled with its seats in use against those bought."""
    ordered = frame.sort_values("shelfware_value").tail(20)
    labels = ordered["product"] + " (" + ordered["department"] + ")"
    seats = [
        f" {int(a):,} of {int(b):,} seats in use"
        for a, b in zip(ordered["seats_active"], ordered["seats_purchased"], strict=True)
    ]
    figure = go.Figure(
        go.Bar(
            y=labels,
            x=ordered["shelfware_value"],
            orientation="h",
            name="Shelfware",
            marker_color=BAD,
            marker_pattern_shape="/",
            text=seats,
            textposition="outside",
            cliponaxis=False,
            customdata=ordered[["seats_purchased", "seats_active", "cost_per_seat"]],
            hovertemplate="%{y}<br>£%{x:,.0f} a year of unused seats: %{customdata[1]:,} of %{customdata[0]:,} in "
            "use at £%{customdata[2]:,.2f} a seat<extra></extra>",
        )
    )
    figure.update_xaxes(
        **MONEY_AXIS,
        title="Shelfware: unused seats x cost per seat (£ a year)",
        range=[0, 1.6 * max(float(ordered["shelfware_value"].max()), 1.0)],
    )
    figure.update_yaxes(title=None, automargin=True)
    return _layout(figure, height=max(320, 30 * len(ordered) + 100), legend=False)


@remembered
def money_by_month(frame: pd.DataFrame, value: str, name: str, axis_title: str | None = None) -> go.Figure:
    """Bars of a money value per month (renewals coming up, for example)."""
    figure = go.Figure(
        go.Bar(
            x=frame["month"],
            y=frame[value],
            name=name,
            marker_color=PALETTE[0],
            hovertemplate=f"%{{x|%B %Y}}: £%{{y:,.0f}} {name}<extra></extra>",
        )
    )
    figure.update_xaxes(tickformat="%b %Y", dtick="M1", tickangle=-45, title=None)
    figure.update_yaxes(**MONEY_AXIS, title=axis_title)
    return _layout(figure, height=340, legend=False)


@remembered
def stacked_counts(frame: pd.DataFrame, label: str, columns: dict[str, str]) -> go.Figure:
    """Horizontal stacked counts per label (assets past refresh and with warranties ending, per department)."""
    totals = frame[list(columns)].sum(axis=1)
    ordered = frame.assign(_total=totals).sort_values("_total")
    figure = go.Figure()
    for i, (column, name) in enumerate(columns.items()):
        figure.add_bar(
            y=ordered[label],
            x=ordered[column],
            orientation="h",
            name=name,
            marker_color=(BAD, PALETTE[1], PALETTE[0])[i % 3],
            marker_pattern_shape="/" if i == 0 else "",
            hovertemplate=f"%{{y}}<br>{name}: %{{x:,}}<extra></extra>",
        )
    figure.update_layout(barmode="stack")
    figure.update_xaxes(title="Items of hardware", tickformat=",")
    figure.update_yaxes(title=None, automargin=True)
    return _layout(figure, height=max(320, 24 * len(ordered) + 100))


ROLE_COLOURS = {"Our force": "#D55E00", "Most similar group": "#E69F00", "Other forces": "#56B4E9"}


@remembered
def ski_slope(
    frame: pd.DataFrame, measure: str, msg_average: float, all_average: float, money: bool, axis_title: str = ""
) -> go.Figure:
    """Every force sorted by the measure, ours and its most similar group marked (colour, pattern and name); the
    role (and the financial year, when the frame has it) ride along in customdata, for a click on our bar."""
    figure = go.Figure()
    labels = [f"▶ {f}" if role == "Our force" else f for f, role in zip(frame["force"], frame["role"], strict=True)]
    shown = "£%{y:,.2f}" if money else "%{y:,.2f}"
    extra = ["role", "financial_year"] if "financial_year" in frame else ["role"]
    for role, colour in ROLE_COLOURS.items():
        mask = (frame["role"] == role).to_numpy()
        figure.add_bar(
            x=[label for label, m in zip(labels, mask, strict=True) if m],
            y=frame.loc[mask, measure],
            name=role,
            marker_color=colour,
            marker_pattern_shape="/" if role == "Our force" else "",
            customdata=frame.loc[mask, extra],
            hovertemplate=f"%{{x}}<br>{shown}<extra>{role}</extra>",
        )
    # On the right, where the slope is lowest: the higher average labelled above its line, the lower below its
    # own, so that the two labels move apart however close the averages are.
    msg_higher = msg_average >= all_average
    for value, name, dash, where in (
        (msg_average, "Most similar group average", "dash", "top right" if msg_higher else "bottom right"),
        (all_average, "All forces", "dot", "bottom right" if msg_higher else "top right"),
    ):
        figure.add_hline(
            y=value,
            line_dash=dash,
            line_color="#444444",
            annotation_text=f"{name}: {'£' if money else ''}{value:,.2f}",
            annotation_position=where,
        )
    figure.update_xaxes(categoryorder="array", categoryarray=labels, tickangle=-60, title=None)
    figure.update_yaxes(**({"tickprefix": "£", "tickformat": ",.0f"} if money else {}), title=axis_title or None)
    return _layout(figure, height=480)


@remembered
def per_head_by_function(frame: pd.DataFrame) -> go.Figure:
    """Our spend per head on each POA function beside the MSG's and all forces' weighted averages."""
    figure = go.Figure()
    for column, name, colour, pattern in (
        ("own_per_head", "Our force", "#D55E00", "/"),
        ("msg_per_head", "Most similar group", "#E69F00", ""),
        ("all_forces_per_head", "All forces", "#56B4E9", ""),
    ):
        figure.add_bar(
            x=frame["poa_function"],
            y=frame[column],
            name=name,
            marker_color=colour,
            marker_pattern_shape=pattern,
            hovertemplate=f"{name}<br>%{{x}}: £%{{y:,.2f}} per head<extra></extra>",
        )
    figure.update_layout(barmode="group")
    figure.update_yaxes(tickprefix="£", tickformat=",.2f", title="Spend per resident (£)")
    figure.update_xaxes(title=None)
    return _layout(figure, height=400)


@remembered
def before_and_after(
    frame: pd.DataFrame,
    value: str,
    change: date,
    *,
    percent: bool = False,
    name: str = "Cost per unit",
    axis_title: str | None = None,
) -> go.Figure:
    """The changed service and its comparison month by month, with the change date marked. The axis says its
    unit: per cent, pounds (a cost with no comparison arm) or `axis_title`."""
    figure = go.Figure()
    single = name
    for arm, name, colour, dash in (
        ("changed", "Changed service", BAD, "solid"),
        ("comparison", "Comparison (stayed as it was)", GOOD, "dash"),
    ):
        part = frame[frame["arm"] == arm] if "arm" in frame else frame
        if part.empty:
            continue
        values = 100 * part[value] if percent else part[value]
        figure.add_scatter(
            x=part["month_from"],
            y=values,
            mode="lines+markers",
            name=name if "arm" in frame else single,
            line={"color": colour, "dash": dash},
            hovertemplate=f"%{{x|%B %Y}}: %{{y:,.1f}}{'%' if percent else ''}<extra>{name}</extra>",
        )
        if "arm" not in frame:
            break
    figure.add_vline(x=pd.Timestamp(change), line_dash="dash", line_color="#444444")
    figure.add_annotation(x=pd.Timestamp(change), y=1, yref="paper", text="Change", showarrow=False, xanchor="left")
    figure.update_xaxes(tickformat="%b %Y", title=None)
    money = "arm" not in frame
    title = axis_title or ("Within target (%)" if percent else f"{single} (£)" if money else None)
    figure.update_yaxes(**(PERCENT_AXIS if percent else {"tickprefix": "£"} if money else {}), title=title)
    return _layout(figure, height=340)


@remembered
def forecast(frame: pd.DataFrame, *, money: bool, axis_title: str | None = None) -> go.Figure:
    """History (line), the forecast (dashed) and its 80 % interval (band)."""
    history = frame.dropna(subset=["actual"])
    ahead = frame.dropna(subset=["forecast"])
    shown = "£%{y:,.0f}" if money else "%{y:,.0f}"
    figure = go.Figure()
    figure.add_scatter(
        x=pd.concat([ahead["month"], ahead["month"][::-1]]),
        y=pd.concat([ahead["high"], ahead["low"][::-1]]),
        fill="toself",
        fillcolor="rgba(0, 114, 178, 0.18)",
        line={"width": 0},
        name="80 % interval",
        hoverinfo="skip",
    )
    figure.add_scatter(
        x=history["month"],
        y=history["actual"],
        mode="lines",
        name="Actual",
        line={"color": "#444444"},
        hovertemplate=f"%{{x|%B %Y}}: {shown}<extra>Actual</extra>",
    )
    figure.add_scatter(
        x=ahead["month"],
        y=ahead["forecast"],
        mode="lines+markers",
        name="Forecast",
        line={"color": PALETTE[0], "dash": "dash"},
        customdata=ahead[["low", "high"]],
        hovertemplate=f"%{{x|%B %Y}}: {shown} (80 % interval "
        + (
            "£%{customdata[0]:,.0f} to £%{customdata[1]:,.0f}"
            if money
            else "%{customdata[0]:,.0f} to %{customdata[1]:,.0f}"
        )
        + ")<extra>Forecast</extra>",
    )
    figure.update_xaxes(tickformat="%b %Y", title=None)
    figure.update_yaxes(**(MONEY_AXIS if money else {"tickformat": ","}), title=axis_title)
    return _layout(figure, height=400)


@remembered
def forces_scatter(frame: pd.DataFrame) -> go.Figure:
    """Spend per head against officers and staff per 1,000 residents, one point per force. Only our force is named
    on the chart (the most similar group's points sit close together, and their names would cover one another);
    every force's name is in its hover and the table."""
    figure = go.Figure()
    for role, colour in ROLE_COLOURS.items():
        part = frame[frame["role"] == role].dropna(subset=["spend_per_head", "fte_per_1000"])
        named = role == "Our force"
        figure.add_scatter(
            x=part["fte_per_1000"],
            y=part["spend_per_head"],
            mode="markers+text" if named else "markers",
            name=role,
            text=part["force"] if named else None,
            textposition="top center",
            textfont={"size": 13},
            marker={
                "color": colour,
                "size": 14 if role == "Our force" else 10,
                "symbol": "diamond" if role == "Our force" else "circle",
            },
            customdata=part[["force"]],
            hovertemplate="%{customdata[0]}<br>%{x:.2f} FTE per 1,000 residents<br>£%{y:,.2f} per head<extra></extra>",
        )
    figure.update_xaxes(title="Officers and staff per 1,000 residents")
    figure.update_yaxes(tickprefix="£", tickformat=",.0f", title="Spend per resident (£)")
    return _layout(figure, height=420)


@remembered
def backtest(frame: pd.DataFrame, *, money: bool, axis_title: str | None = None) -> go.Figure:
    """The held-out months: what happened against what the method would have forecast."""
    shown = "£%{y:,.0f}" if money else "%{y:,.0f}"
    figure = go.Figure()
    figure.add_scatter(
        x=frame["month"],
        y=frame["actual"],
        mode="lines+markers",
        name="Actual",
        line={"color": "#444444"},
        hovertemplate=f"%{{x|%B %Y}}: {shown}<extra>Actual</extra>",
    )
    figure.add_scatter(
        x=frame["month"],
        y=frame["forecast"],
        mode="lines+markers",
        name="Forecast made before them",
        line={"color": PALETTE[0], "dash": "dash"},
        hovertemplate=f"%{{x|%B %Y}}: {shown}<extra>Forecast</extra>",
    )
    figure.update_xaxes(tickformat="%b %Y", title=None)
    figure.update_yaxes(**(MONEY_AXIS if money else {"tickformat": ","}), title=axis_title)
    return _layout(figure, height=320)
