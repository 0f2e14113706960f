"""Pure chart builders: a DataFrame in, a Plotly figure out. No Streamlit here, one palette for the whole app."""

import pandas as pd
import plotly.graph_objects as go

# Okabe and Ito's colour-blind-safe palette (black swapped for grey, so it reads on dark backgrounds too).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
MONEY_AXIS = {"tickprefix": "£", "tickformat": ",.0f"}


def _layout(figure: go.Figure, title: str | None = None) -> go.Figure:
    figure.update_layout(
        title=title,
        colorway=PALETTE,
        margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "left", "x": 0},
        separators=".,",
        hoverlabel={"namelength": -1},
    )
    return figure


def spend_by_service(frame: pd.DataFrame) -> go.Figure:
    """Horizontal bars of spend per service type, largest at the top."""
    ordered = frame.sort_values("amount")
    figure = go.Figure(
        go.Bar(
            x=ordered["amount"],
            y=ordered["service"],
            orientation="h",
            marker_color=PALETTE[0],
            customdata=ordered[["payments", "share"]],
            hovertemplate="%{y}<br>£%{x:,.0f} in %{customdata[0]:,} payments (%{customdata[1]:.1%})<extra></extra>",
        )
    )
    figure.update_xaxes(**MONEY_AXIS, title="Spend")
    figure.update_yaxes(title=None)
    return _layout(figure)
